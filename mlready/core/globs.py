"""The one glob dialect, for every pattern of file names a person writes: a probe's files, the
answers files on the command line and in the settings file."""

# `/` separates folders; `**` as a whole segment matches any folders, including none (`**/x`,
# `a/**/b`), or every file below (`a/**`); `*` matches within a name, `?` one character,
# `[abc]` and `[a-z]` one of a set, `[!abc]` one not in it; a dot at the start of a name is
# not special. A glob is matched by RE2, in time linear in the name.

from functools import cache
from typing import NamedTuple

from mlready.core.messages import Message
from mlready.core.patterns import Regex, regex

MAGIC = frozenset("*?[")


def has_magic(text: str) -> bool:
    """Whether `text` is a pattern rather than one file's name."""
    return any(char in MAGIC for char in text)


class Glob(NamedTuple):
    """A parsed glob; what a scan needs to narrow the names to match comes with it."""

    text: str
    pattern: str  # the RE2 pattern that matches exactly the names the glob matches
    name: str | None  # the whole last segment, when it holds no wildcard
    suffix: str  # the plain text the last segment ends with (after its last wildcard)
    literals: tuple[str, ...]  # runs of plain text a matching name holds
    depth: int | None  # the number of segments, None with a `**` (any depth)

    def matches(self, name: str) -> bool:
        """Whether `name` (folders separated by `/`) matches the glob."""
        try:
            return _compiled(self.pattern).fullmatch(name)
        except UnicodeEncodeError:
            # A name read from a file system that is not UTF-8 (its bytes kept as surrogates):
            # matched as shown, each such byte a character that no plain text matches.
            return _compiled(self.pattern).fullmatch(_shown(name))

    def matching(self, names: list[str]) -> list[str]:
        """The names (in their order) that match the glob: searched as the lines of one text,
        in one pass, rather than matched one by one (a scan's globs meet thousands of names)."""
        if len(names) < _ONE_BY_ONE:
            return [name for name in names if self.matches(name)]
        text = "\n".join(names)
        if text.count("\n") == len(names) - 1:
            try:
                return _lines_of(self.pattern).lines_matching(text)
            except UnicodeEncodeError:
                pass  # a name that is not UTF-8: see matches
        # A name holds a line break (git allows one), so not every line is a name.
        return [name for name in names if self.matches(name)]


def parse_glob(text: str) -> Glob:
    """`text` read as a glob; raises ValueError (with a Message) when it is not a valid one."""
    if not text:
        raise ValueError(Message("an empty glob matches no file"))
    if "\\" in text:
        raise ValueError(
            Message("a glob separates folders with /, and writes [*] for a literal * (got \\)")
        )
    segments = text.split("/")
    if segments[0] == "":  # an absolute glob: its first segment is the root
        segments = segments[1:]
    if "" in segments:
        raise ValueError(Message("a glob has no empty folder name (// or a / at the end)"))
    parts: list[str] = ["/"] if text.startswith("/") else []
    literals: list[str] = ["/"] if parts else []
    last = len(segments) - 1
    name: str | None = None
    suffix = ""
    for index, segment in enumerate(segments):
        if segment == "**":
            parts.append(".*" if index == last else "(?:[^/]*/)*")
            literals.append("")  # `**` breaks a run of plain text
            continue
        pieces = _segment(segment)
        for piece in pieces:
            if isinstance(piece, _Plain):
                parts.append(_literal(piece.text))
                literals[-1:] = [(literals[-1] if literals else "") + piece.text]
            else:
                parts.append(piece.pattern)
                literals.append("")
        if index == last:
            tail = pieces[-1]
            suffix = tail.text if isinstance(tail, _Plain) else ""
            name = segment if len(pieces) == 1 and isinstance(tail, _Plain) else None
        else:
            parts.append("/")
            literals[-1:] = [(literals[-1] if literals else "") + "/"]
    return Glob(
        text=text,
        pattern="(?s)" + "".join(parts),
        name=name,
        suffix=suffix,
        literals=tuple(run for run in literals if run),
        depth=None if "**" in segments else len(segments),
    )


def glob_problem(text: str) -> Message | None:
    """Why `text` is not a valid glob, or None."""
    try:
        parse_glob(text)
    except ValueError as error:
        reason = error.args[0]
        return reason if isinstance(reason, Message) else Message(str(reason))
    return None


class _Plain(NamedTuple):
    text: str


class _Wild(NamedTuple):
    pattern: str


def _segment(segment: str) -> list[_Plain | _Wild]:
    """One folder or file name of a glob, as plain text and wildcards."""
    pieces: list[_Plain | _Wild] = []
    index = 0
    while index < len(segment):
        char = segment[index]
        if char == "*":
            while index < len(segment) and segment[index] == "*":
                index += 1  # `a**b` is `a*b`: only a whole segment `**` spans folders
            pieces.append(_Wild("[^/]*"))
            continue
        if char == "?":
            pieces.append(_Wild("[^/]"))
        elif char == "[":
            wild, index = _class(segment, index + 1)
            pieces.append(wild)
            continue
        elif pieces and isinstance(pieces[-1], _Plain):
            pieces[-1] = _Plain(pieces[-1].text + char)
        else:
            pieces.append(_Plain(char))
        index += 1
    return pieces


def _class(segment: str, start: int) -> tuple[_Wild, int]:
    """The set `[...]` that starts after the `[` at `start`, and where the glob goes on."""
    index = start
    negated = segment[index : index + 1] == "!"
    index += negated
    members: list[str] = []
    first = True
    while True:
        if index >= len(segment):
            raise ValueError(
                Message(
                    "'[' opens a set of characters that ']' must close; write [[] for a literal ["
                )
            )
        char = segment[index]
        if char == "]" and not first:
            break
        first = False
        if index + 2 < len(segment) and segment[index + 1] == "-" and segment[index + 2] != "]":
            low, high = char, segment[index + 2]
            if low > high:
                raise ValueError(Message("the range {low}-{high} is backwards", low=low, high=high))
            members.append(f"{_literal(low)}-{_literal(high)}")
            index += 3
        else:
            members.append(_literal(char))
            index += 1
    return _Wild(("[^/" if negated else "[") + "".join(members) + "]"), index + 1


def _literal(text: str) -> str:
    """`text` as RE2 reads it literally: letters and digits as they are, the rest by code."""
    return "".join(
        char if char.isalnum() or char == "/" else f"\\x{{{ord(char):x}}}" for char in text
    )


def _shown(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# Below this many names, matching them one by one costs less than joining them.
_ONE_BY_ONE = 16


@cache
def _compiled(pattern: str) -> Regex:
    return regex(pattern, lines=False)


@cache
def _lines_of(pattern: str) -> Regex:
    # Each line a whole name; a line pattern never matches across a line break, even by `.`.
    return regex(f"(?m)^(?:{pattern})$", lines=True)
