"""The one engine that runs every pattern a bank or a person writes: RE2."""

# RE2 runs in time linear in the text whatever the pattern, so a repository cannot make a scan
# hang. It cannot run what needs backtracking (backreferences, look-around, atomic groups,
# possessive quantifiers): such a pattern is refused where it is written, with RE2's reason.

from __future__ import annotations

from functools import cache
from typing import Any

from mlready.core.messages import N_, Message

MAX_PATTERN = 500  # characters: a probe's pattern is one idea, not a program

# RE2's own syntax, with the differences from Python's `re` that a bank author meets first.
UNSUPPORTED = N_(
    "patterns use RE2 syntax: no backreferences, look-ahead or look-behind, atomic groups or "
    "possessive quantifiers; \\z ends the line"
)


class Regex:
    """A compiled pattern: searched in text (str, or UTF-8 bytes) or matched against a whole
    name. `lines` patterns never match across a line break, whatever they say."""

    __slots__ = ("_compiled", "source")

    def __init__(self, source: str, *, lines: bool) -> None:
        self.source = source
        self._compiled: Any = _engine().compile(source, _options(lines=lines))

    def search(self, text: str | bytes) -> int | None:
        """Where the first match starts in `text` (in its own units), or None."""
        found = self._compiled.search(text)
        return None if found is None else int(found.start())

    def fullmatch(self, text: str) -> bool:
        """Whether the pattern matches the whole of `text`."""
        return self._compiled.fullmatch(text) is not None

    def lines_matching(self, text: str) -> list[str]:
        """What each match in `text` matched, in order: for a pattern anchored at both ends of
        a line (`(?m)^...$`), the lines that match."""
        # Searched as UTF-8: RE2's wrapper maps every match's place back to characters in a
        # str, which costs more than decoding what matched.
        return [found.group().decode() for found in self._compiled.finditer(text.encode())]


class RegexSet:
    """Patterns searched in one text at once (RE2's FilteredRE2): the literal text each one
    needs is looked for in a single pass, and only the patterns whose text is there, or that
    need none, are then run, each in linear time."""

    __slots__ = ("_filter",)

    def __init__(self, sources: list[str]) -> None:
        self._filter: Any = _engine().Filter()
        for source in sources:
            self._filter.Add(source, _options(lines=True))
        self._filter.Compile()

    def matching(self, text: bytes) -> list[int]:
        """The positions (in the order given) of the patterns that match somewhere in `text`."""
        return [int(index) for index in self._filter.Match(text) or ()]


def needed_texts(source: str) -> frozenset[bytes] | None:
    """Texts, lower-cased ASCII, one of which every match of `source` contains, or None when
    none is known: a text that holds none of them cannot match, and is not searched at all."""
    # Before any pattern is compiled, a file whose text shows that no pattern wanting it can
    # match spares the run loading RE2. Read with Python's own parser of patterns, which
    # parses RE2's syntax alike in what matters here; where they may differ (POSIX classes,
    # which Python reads as a set and a literal), or Python cannot read it, nothing is known.
    if "[:" in source or "[[" in source:
        return None
    return _needed_texts(source)


@cache
def _needed_texts(source: str) -> frozenset[bytes] | None:
    import importlib
    import warnings

    # The standard library's own parser of patterns, loaded with `re`: a private module, so
    # where a Python changes it, the import or the reading fails and nothing is known; so too
    # for any pattern Python cannot read, or reads with a warning of a meaning that may change
    # (a set that looks nested or like a set operation), and nothing is said.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            parser: Any = importlib.import_module("re._parser")
            found = _needed(list(parser.parse(source)))
        except Exception:
            return None
    if found is None:
        return None
    # A needed text outside ASCII is not judged: ignoring case, RE2 matches the Kelvin sign
    # with a k and the long s with an s, which lower-casing ASCII bytes would not see.
    if not all(text.isascii() for text in found):
        return None
    return frozenset(text.lower().encode() for text in found)


def may_match(sources: tuple[str, ...], text: bytes) -> bool:
    """Whether any of `sources` may match in `text` (UTF-8): False only where the text is
    ASCII and holds none of the texts each pattern needs (see `needed_texts`)."""
    # Only ASCII text is judged: lower-casing it is exact, and a pattern that ignores case
    # can match no other character there (RE2 folds K to the Kelvin sign, which is not ASCII).
    if not text.isascii():
        return True
    lowered = text.lower()
    for source in sources:
        needed = needed_texts(source)
        if needed is None or any(piece in lowered for piece in needed):
            return True
    return False


def engine_loaded() -> bool:
    """Whether RE2 has been loaded in this run (after which its own prefilter is the faster)."""
    return _engine.cache_info().currsize > 0


def _needed(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """Of a sequence of parsed items: texts one of which every match contains (the longest
    run of literals, or what a group or every branch of an alternation needs), or None."""
    import importlib

    c: Any = importlib.import_module("re._constants")

    best: frozenset[str] | None = None
    run: list[str] = []

    def keep(texts: frozenset[str] | None) -> None:
        nonlocal best
        if texts and (best is None or min(map(len, texts)) > min(map(len, best))):
            best = texts

    for op, value in items:
        if op is c.LITERAL:
            run.append(chr(value))
            continue
        keep(frozenset({"".join(run)}) if run else None)
        run = []
        if op is c.SUBPATTERN:
            keep(_needed(list(value[-1])))
        elif op is c.BRANCH:
            branches = [_needed(list(branch)) for branch in value[1]]
            if all(branches):
                keep(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and value[0] >= 1:
            keep(_needed(list(value[2])))
        elif op is c.ATOMIC_GROUP:
            keep(_needed(list(value)))
    keep(frozenset({"".join(run)}) if run else None)
    return best


def regex(source: str, *, lines: bool = True) -> Regex:
    """`source` compiled by RE2; raises ValueError with RE2's reason when it cannot run it."""
    engine = _engine()
    try:
        return Regex(source, lines=lines)
    except engine.error as error:
        reason = error.args[0] if error.args else ""
        text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise ValueError(text) from None


def pattern_problem(source: str) -> Message | None:
    """Why a probe's pattern is refused (too long, or not one RE2 runs), or None."""
    if len(source) > MAX_PATTERN:
        return Message("a pattern of at most {count} characters, please", count=MAX_PATTERN)
    try:
        regex(source)
    except ValueError as error:
        return Message(
            "not a pattern mlready can run ({error}); {rules}",
            error=str(error),
            rules=Message(UNSUPPORTED),
        )
    return None


@cache
def _engine() -> Any:
    # Imported on first use: a run that compiles no pattern does not pay for loading it.
    import re2

    return re2


@cache
def _options(*, lines: bool) -> Any:
    options = _engine().Options()
    options.log_errors = False  # RE2 would print every refused pattern to stderr
    options.never_nl = lines  # no match spans two lines, even with \s or [^x]
    return options
