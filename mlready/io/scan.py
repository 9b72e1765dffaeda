"""Scanning a repository for the files and lines that the bank's probes look for.

Never executes or imports anything from the repository and never follows a link out of it.
In a git work tree only the files git tracks are evidence (untracked files are not); elsewhere
the tree less hidden folders, virtual environments, node_modules and repositories inside it.
Each file is read at most once however many probes look at it; files over MAX_FILE_BYTES and
binary files are not read.
"""

from __future__ import annotations

import bisect
import errno
import json
import os
import re
import stat
import time
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

from mlready.core.document import Document, Location
from mlready.core.errors import InputError
from mlready.core.evidence import Finding
from mlready.core.messages import Said
from mlready.core.model import Probe

MAX_FILE_BYTES = 1024 * 1024
# O_NOFOLLOW: a link is refused (ELOOP) and then followed only if it stays in the repository.
_NO_FOLLOW: int | None = getattr(os, "O_NOFOLLOW", None)  # None where there is none (Windows)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (_NO_FOLLOW or 0)
MAX_SHOWN = 80  # characters of a matched line shown with a finding
# Lines longer than this (minified code, data on one line) are not searched: a pattern with a
# `.*` costs the square of a line's length, which for a line an attacker wrote could be hours.
MAX_LINE = 4_000
# However a repository is made, a scan's pattern searches stop after this many seconds with an
# error that names the file, rather than hold up a CI job.
SCAN_SECONDS = 20.0
_SKIPPED_FOLDERS = {"node_modules", "__pycache__", "site-packages"}


def repository_root(start: Path) -> Path:
    """The top of the git work tree holding `start` (found by its `.git`, without running git),
    else `start` itself (a folder)."""
    folder = (start if start.is_dir() else start.parent).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _not_listed(root: Path, reason: str) -> Said:
    # git's own words stay as git says them.
    return Said("{path}: git could not list the tracked files: {reason}", path=root, reason=reason)


def _tracked_files(root: Path) -> list[str]:
    """The files git tracks in the work tree at `root`, listed through the one git runner
    (nothing the repository configures runs). When git is missing or refuses (a repository
    owned by someone else, a broken index) this is an error, never a walk of the folder:
    untracked files must not pass for evidence."""
    from mlready.io.git import GitError, NotInGitError, UnsafeGitError, tracked_files

    try:
        return tracked_files(root, timeout=30)
    except NotInGitError:
        raise InputError(
            Said(
                "{path}: a git work tree, but git is not installed; install git so that only "
                "tracked files count as evidence",
                path=root,
            )
        ) from None
    except UnsafeGitError:
        raise
    except GitError as error:
        raise InputError(_not_listed(root, error.reason)) from None


class Repository:
    """The files of one repository, listed once; less the `ignored` files (the answers file
    and the bank: what is claimed and what is looked for are no evidence)."""

    def __init__(self, root: Path, *, ignored: Iterable[Path] = ()) -> None:
        if not root.is_dir():
            raise InputError(Said("{path}: no such folder to scan", path=root))
        self.root = root.resolve()
        self._ignored = {
            path.resolve().relative_to(self.root).as_posix()
            for path in ignored
            if path.resolve().is_relative_to(self.root)
        }
        self._root_text = str(self.root)
        self.deadline: float | None = None  # when a scan's searches must stop (time.monotonic)
        self._folders: dict[str, bool] = {}  # folder -> whether its real path is inside
        self._globbed: dict[str, list[str]] = {}

    @cached_property
    def files(self) -> list[str]:
        """The files of the repository, relative to its root: listed once, when first needed."""
        if self._in_git:
            return sorted(name for name in _tracked_files(self.root) if name not in self._ignored)
        names = []
        for folder, subfolders, files in os.walk(self.root):
            # Not a virtual environment, nor another repository inside this folder: its files
            # are its own, as git would not list them either.
            subfolders[:] = sorted(
                name
                for name in subfolders
                if not name.startswith(".")
                and name not in _SKIPPED_FOLDERS
                and not (Path(folder) / name / "pyvenv.cfg").exists()
                and not (Path(folder) / name / ".git").exists()
            )
            base = Path(folder).relative_to(self.root)
            names += [(base / name).as_posix() for name in files]
        return sorted(name for name in names if name not in self._ignored)

    @cached_property
    def _in_git(self) -> bool:
        return any((folder / ".git").exists() for folder in (self.root, *self.root.parents))

    def exists(self, relative: str) -> bool:
        """Whether a relative path names a file or folder of the repository (in git, one it
        tracks or a folder holding one)."""
        path = Path(os.path.realpath(self.root / relative))
        if not path.is_relative_to(self.root) or not path.exists():
            return False
        if not self._in_git:
            return True
        name = path.relative_to(self.root).as_posix()
        return name in self._tracked or any(item.startswith(name + "/") for item in self.files)

    @cached_property
    def _tracked(self) -> frozenset[str]:
        return frozenset(self.files)

    def read(self, name: str) -> str | None:
        """The text of a file (None: missing, outside the repository, too large or binary).
        Not kept: the scan reads each file once, for every probe that looks at it."""
        folder, _, _ = name.rpartition("/")
        if not self._inside(folder):
            return None  # reached through a link out of the repository
        # os rather than pathlib or open(): a scan reads thousands of files, and their
        # objects cost more than the reading. The file is opened without following a link
        # (a link is followed only when it stays inside) nor waiting on a FIFO.
        path = f"{self._root_text}/{name}"
        try:
            if _NO_FOLLOW is None and Path(path).is_symlink():
                raise OSError(errno.ELOOP, "a link", path)
            handle = os.open(path, _READ_FLAGS)
        except OSError as error:
            if error.errno not in (errno.ELOOP, errno.EMLINK):
                return None
            real = os.path.realpath(path)
            if not Path(real).is_relative_to(self.root):
                return None
            try:
                handle = os.open(real, _READ_FLAGS)
            except OSError:
                return None
        try:
            status = os.fstat(handle)
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
                return None  # no regular file (a device, a FIFO), or too large to read
            chunks = []
            size = 0
            while size <= MAX_FILE_BYTES and (chunk := os.read(handle, MAX_FILE_BYTES + 1)):
                chunks.append(chunk)
                size += len(chunk)
        except OSError:
            return None
        finally:
            os.close(handle)
        data = b"".join(chunks)
        if len(data) > MAX_FILE_BYTES or b"\0" in data:
            return None
        return data.decode("utf-8", errors="replace")

    def _inside(self, folder: str) -> bool:
        """Whether a folder of the repository really is inside it (no link leads out); known
        once per folder rather than once per file."""
        known = self._folders.get(folder)
        if known is None:
            real = Path(os.path.realpath(self.root / folder))
            known = self._folders[folder] = real.is_relative_to(self.root)
        return known

    def matching(self, globs: Iterable[str]) -> list[str]:
        """The files that match any of `globs` (`**` spans folders, `*` does not), in order."""
        found: set[str] = set()
        for glob in globs:
            found.update(self._glob(glob))
        return sorted(found)

    def _glob(self, glob: str) -> list[str]:
        matched = self._globbed.get(glob)
        if matched is None:
            candidates = self._candidates(glob)
            # Compiled only for names to match: in a small repository most globs have none.
            pattern = _glob_pattern(glob) if candidates else None
            matched = self._globbed[glob] = [
                name for name in candidates if pattern is not None and pattern.fullmatch(name)
            ]
        return matched

    def _candidates(self, glob: str) -> list[str]:
        """The names a glob could match, found without its pattern: by the name of the file
        when the glob ends in one (`**/Dockerfile`), by its extension when it ends in one
        (`**/*.py`), else the names holding its longest run of plain text."""
        last = glob.rpartition("/")[2]
        tail = re.split(r"[*?]", last)[-1]  # what the name must end with
        # `x**/y` may match `xy`: the last segment is a file's whole name only after a "/"
        # that must be there, or after a `**/` that starts the glob or follows a "/".
        before = glob[: len(glob) - len(last)]
        whole_name = not before.endswith("**/") or before == "**/" or before.endswith("/**/")
        if last and tail == last and whole_name:
            return self._by_name.get(last, [])
        if "." in tail:
            return self._by_extension.get(tail.rpartition(".")[2], [])
        literal = max(re.split(r"\*\*/|[*?]", glob), key=len)
        return [name for name in self.files if literal in name]

    @cached_property
    def _by_name(self) -> dict[str, list[str]]:
        names: dict[str, list[str]] = {}
        for name in self.files:
            names.setdefault(name.rpartition("/")[2], []).append(name)
        return names

    @cached_property
    def _by_extension(self) -> dict[str, list[str]]:
        extensions: dict[str, list[str]] = {}
        for name in self.files:
            base = name.rpartition("/")[2]
            if "." in base:
                extensions.setdefault(base.rpartition(".")[2], []).append(name)
        return extensions


Findings = dict[tuple[str, str], list[Finding]]
MAX_FINDINGS = 3  # per probe: enough to show; the rest adds nothing to the verdict


@cache
def _glob_pattern(glob: str) -> re.Pattern[str]:
    parts = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            parts.append("(?:.*/)?")
            index += 3
        elif glob.startswith("**", index):
            parts.append(".*")
            index += 2
        elif glob[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif glob[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(glob[index]))
            index += 1
    return re.compile("".join(parts))


class _Look(NamedTuple):
    """What a probe looks for. Probes of several checks often look for the same thing; each
    such thing is looked for once."""

    files: tuple[str, ...]
    contains: str | None
    key: str | None
    equals: str | None


class _Hit(NamedTuple):
    line: int | None
    text: str


def scan(repository: Repository, probes: Iterable[tuple[str, Probe]]) -> Findings:
    """What each probe finds in `repository`, by (check id, probe id): at most MAX_FINDINGS
    files each, in the order of their names.

    The files are visited once, in order, each read (and parsed, for key paths) at most once
    for all the probes that look at it."""
    users: dict[_Look, list[tuple[str, Probe]]] = {}
    for check_id, probe in probes:
        look = _Look(probe.files, probe.contains, probe.key, probe.equals)
        users.setdefault(look, []).append((check_id, probe))
    looks = list(users)
    if not looks:
        return {}  # nothing to look for: the files are not even listed
    repository.deadline = time.monotonic() + SCAN_SECONDS
    patterns = [_Pattern(look.contains) if look.contains is not None else None for look in looks]
    # Looks that search the same files are matched against the names once, together.
    together: dict[tuple[str, ...], list[int]] = {}
    for index, look in enumerate(looks):
        together.setdefault(look.files, []).append(index)
    groups = list(together.values())
    wanted: dict[str, list[int]] = {}  # file -> the groups of looks that want it
    for number, files in enumerate(together):
        for name in repository.matching(files):
            wanted.setdefault(name, []).append(number)
    plans: dict[tuple[int, ...], _Plan] = {}  # by the groups that want a file
    hits: list[list[tuple[str, _Hit]]] = [[] for _ in looks]
    for name in repository.files:
        numbers = wanted.get(name)
        if numbers is None:
            continue
        key = tuple(numbers)
        plan = plans.get(key)
        if plan is None:
            wanting = [index for number in numbers for index in groups[number]]
            plan = plans[key] = _Plan.of(wanting, looks, patterns)
        for index in plan.whole_files:
            if len(hits[index]) < MAX_FINDINGS:
                hits[index].append((name, _Hit(None, "")))
        if not plan.reads:
            continue
        file = _File(repository, name)
        if file.text is None:
            continue
        for index in plan.candidates(file):
            if len(hits[index]) < MAX_FINDINGS:
                hit = _look_in(looks[index], patterns[index], file)
                if hit is not None:
                    hits[index].append((name, hit))
    found: Findings = {}
    for look, look_hits in zip(looks, hits, strict=True):
        for check_id, probe in users[look]:
            found[(check_id, probe.id)] = [
                Finding(probe, name, hit.line, hit.text) for name, hit in look_hits
            ]
    return found


class _Plan(NamedTuple):
    """How the looks that want a file are tried on it. A look for the file alone needs no
    reading; a look with a pattern is tried only when the text holds one of the pattern's
    required words (see `required_words`): one substring test per word, shared by every
    pattern that looks at the file, instead of one search per pattern. Python's `re` tries
    every branch of an alternation at every position, some 80 ns a character for a dozen
    words: too slow for thousands of files."""

    whole_files: tuple[int, ...]  # looks that want the file alone
    always: frozenset[int]  # looks tried whatever the text (a key path, a pattern without words)
    exact: dict[str, list[int]]  # required word -> the looks that need it
    folded: dict[str, list[int]]  # the same, lowercased, for patterns that ignore case

    @classmethod
    def of(
        cls, wanting: Iterable[int], looks: list[_Look], patterns: list[_Pattern | None]
    ) -> _Plan:
        whole_files: list[int] = []
        always: set[int] = set()
        exact: dict[str, list[int]] = {}
        folded: dict[str, list[int]] = {}
        for index in wanting:
            pattern = patterns[index]
            if pattern is None and looks[index].key is None:
                whole_files.append(index)
            elif pattern is None or pattern.words is None:
                always.add(index)
            else:
                for word in pattern.words:
                    (folded if pattern.ignore_case else exact).setdefault(word, []).append(index)
        return cls(tuple(whole_files), frozenset(always), _merged(exact), _merged(folded))

    @property
    def reads(self) -> bool:
        return bool(self.always or self.exact or self.folded)

    def candidates(self, file: _File) -> set[int]:
        """The looks worth trying on the file."""
        chosen = set(self.always)
        text = file.text or ""
        for word, indexes in self.exact.items():
            if word in text:
                chosen.update(indexes)
        if self.folded:
            lowered = file.lowered
            for word, indexes in self.folded.items():
                if word in lowered:
                    chosen.update(indexes)
        return chosen


def _merged(words: dict[str, list[int]]) -> dict[str, list[int]]:
    """The same test with fewer words: a text without "alert" holds no "alert:", so the looks
    that need "alert:" are tried whenever "alert" is found, and "alert:" is not looked for."""
    kept: dict[str, list[int]] = {}
    for word in sorted(words, key=len):
        shorter = next((other for other in kept if other in word), None)
        kept.setdefault(shorter or word, []).extend(words[word])
    return kept


class _Pattern:
    """A probe's regular expression, searched in each line of a file (compiled when first
    needed: most patterns never meet a file that holds one of their words).

    With required words (see `required_words`), only the lines that hold one are searched,
    in order: a match holds a word, and a search of the whole text for an alternation of
    words costs some 80 ns a character in Python's `re`. Without, the lines joined by "\\n" are
    searched first with line anchors (re.MULTILINE), which matches wherever a line does, and
    only a file with a match is searched line by line."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    @cached_property
    def _required(self) -> tuple[bool, frozenset[str] | None]:
        required = required_words(self.pattern)
        return (required[0], frozenset(required[1])) if required is not None else (False, None)

    @property
    def ignore_case(self) -> bool:
        return self._required[0]

    @property
    def words(self) -> frozenset[str] | None:
        return self._required[1]

    @cached_property
    def line(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    @cached_property
    def whole(self) -> re.Pattern[str] | None:
        # \A and \Z mean the start and end of each line here, not of the file.
        if re.search(r"\\[AZ]", self.pattern):
            return None
        return re.compile(self.pattern, re.MULTILINE)

    def first_line(self, file: _File) -> _Hit | None:
        numbers: Iterable[int]
        if self.words is not None:
            numbers = file.lines_holding(self.words, folded=self.ignore_case)
        elif (
            self.whole is not None
            and file.longest <= MAX_LINE
            and self.whole.search(file.joined) is None
        ):
            return None
        else:
            numbers = range(len(file.lines))
        deadline = file.repository.deadline
        for number in numbers:
            line = file.lines[number]
            if len(line) <= MAX_LINE and self.line.search(line):
                return _Hit(number + 1, _shown(line))
            if deadline is not None and time.monotonic() > deadline:
                raise InputError(
                    Said(
                        "{path}: the scan stopped after {seconds} s searching this file for "
                        "/{pattern}/; its lines are too long or too many for it",
                        path=file.name,
                        seconds=f"{SCAN_SECONDS:g}",
                        pattern=self.pattern,
                    )
                )
        return None


_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")
_PLAIN = r"(?:[^\\()\[\]|.^$*+?{}]|\\[^A-Za-z0-9])"  # a character that stands for itself
# A group of plain alternatives that must occur, such as (import|from): one of them is there.
_PLAIN_GROUP = re.compile(rf"\(({_PLAIN}+(?:\|{_PLAIN}+)*)\)(?![?*{{])")
_ESCAPED = re.compile(r"\\(.)")


def required_words(pattern: str) -> tuple[bool, list[str]] | None:
    """Words of which a text must hold at least one for `pattern` to match anywhere in it,
    lowercased when the pattern ignores case (the bool): for each top-level branch, its
    longest run of plain characters or the alternatives of a plain group, whichever has the
    longer shortest word. None when some branch has neither, or when the pattern is too
    unusual to read (a verbose flag, words beyond ASCII).

    Conservative by construction: other groups, classes, escapes other than escaped
    punctuation, and a character that a quantifier makes optional all end a run without
    adding to it."""
    flags = ""
    while (leading := _LEADING_FLAGS.match(pattern)) is not None:
        flags += leading.group(1)
        pattern = pattern[leading.end() :]
    if "x" in flags:
        return None
    words: list[str] = []
    options: list[list[str]] = []  # of the branch being read: one word of each must occur
    run = ""
    for kind, value in _tokens(pattern):
        if kind == "char":
            run += value[0]
            continue
        if kind == "optional":  # the character before may be absent (or repeated)
            run = run[:-1]
        options.append([run])
        run = ""
        if kind == "group":
            options.append(value)
        elif kind == "or":
            best = max(options, key=lambda option: min(len(word) for word in option))
            if not all(best) or not all(word.isascii() for word in best):
                return None
            words += best
            options = []
    ignore_case = "i" in flags
    return ignore_case, [word.lower() for word in words] if ignore_case else words


def _tokens(pattern: str) -> Iterator[tuple[str, list[str]]]:
    """The top level of a pattern, as `required_words` reads it: plain characters ("char"),
    plain groups ("group", with their alternatives), quantifiers that make the character
    before optional ("optional"), branch ends ("or", one more at the end), and anything
    else, which ends a run of plain characters ("other")."""
    depth = index = 0
    while index < len(pattern):
        char = pattern[index]
        index += 1
        kind, value = "other", [char]
        if char == "\\":
            escaped = pattern[index : index + 1]
            index += 1
            if escaped and not escaped.isalnum():
                kind, value = "char", [escaped]
        elif char == "[":  # a class: skipped whole (a ']' first, or after '^', is literal)
            index += pattern[index : index + 1] == "^"
            index += pattern[index : index + 1] == "]"
            while index < len(pattern) and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
            index += 1
        elif char == "(" and depth == 0 and (group := _PLAIN_GROUP.match(pattern, index - 1)):
            alternatives = re.findall(r"(?:[^\\|]|\\.)+", group.group(1))
            kind, value = "group", [_ESCAPED.sub(r"\1", item) for item in alternatives]
            index = group.end()
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char in "*?{":
            kind = "optional"
            if char == "{":
                index = pattern.find("}", index) + 1 or len(pattern)
        elif char == "|":
            kind = "or"
        elif char not in "+.^$":
            kind = "char"
        if depth == 0 or char == "(":
            yield kind, value
    yield "or", []


class _File:
    """One file of the repository, read, split and parsed when a probe first needs it."""

    def __init__(self, repository: Repository, name: str) -> None:
        self.repository = repository
        self.name = name

    @cached_property
    def text(self) -> str | None:
        return self.repository.read(self.name)

    @cached_property
    def lowered(self) -> str:
        return (self.text or "").lower()

    @cached_property
    def lines(self) -> list[str]:
        return (self.text or "").splitlines()

    @cached_property
    def longest(self) -> int:
        """The length of the longest line."""
        return max(map(len, self.lines), default=0)

    @cached_property
    def joined(self) -> str:
        """The lines joined by "\\n" alone: `re` knows no other line break, where splitlines
        also breaks at "\\r", form feeds and the like."""
        return "\n".join(self.lines)

    def lines_holding(self, words: Iterable[str], *, folded: bool) -> list[int]:
        """The numbers (from 0) of the lines that hold one of `words`, in order; in the
        lowercased text with `folded` (lowercasing keeps the line breaks, so the lines
        correspond one to one)."""
        haystack = self.lowered if folded else self.text or ""
        places = sorted(place for word in words for place in _places(haystack, word))
        if not places:
            return []
        ends = self._lowered_ends if folded else self._ends
        numbers = dict.fromkeys(bisect.bisect_right(ends, place) for place in places)
        return list(numbers)

    @cached_property
    def _ends(self) -> list[int]:
        return list(accumulate(len(line) for line in (self.text or "").splitlines(True)))

    @cached_property
    def _lowered_ends(self) -> list[int]:
        return list(accumulate(len(line) for line in self.lowered.splitlines(True)))

    @cached_property
    def documents(self) -> list[tuple[Any, Any]]:
        return _documents(self.name, self.text) if self.text is not None else []


def _places(text: str, word: str) -> Iterator[int]:
    """Where `word` occurs in `text`."""
    place = text.find(word)
    while place != -1:
        yield place
        place = text.find(word, place + 1)


def _look_in(look: _Look, pattern: _Pattern | None, file: _File) -> _Hit | None:
    """What one look finds in a file it reads: its first matching line, or the place of the
    key path (in a file that also has a matching line, when both are given)."""
    assert file.text is not None
    hit = pattern.first_line(file) if pattern is not None else None
    if pattern is not None and hit is None:
        return None
    if look.key is not None:
        hit = _key_hit(look, file)
    return hit


def _shown(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= MAX_SHOWN else line[: MAX_SHOWN - 1] + "…"


def _key_hit(look: _Look, file: _File) -> _Hit | None:
    """Where the file holds the look's key path (with the value `equals`, if given): its line
    as written, where the format tells the line; else the key path and its value."""
    assert look.key is not None and file.text is not None
    keys = look.key.split(".")
    for document, line_of in file.documents:
        for value, path in _values_at(document, keys, ()):
            if look.equals is None or _as_text(value) == look.equals:
                line = line_of(path)
                if line is None:
                    return _Hit(None, _shown(f"{look.key}: {_as_text(value)}"))
                return _Hit(line, _shown(file.text.splitlines()[line - 1]))
    return None


def _documents(name: str, text: str) -> list[tuple[Any, Any]]:
    """The data documents of a JSON or TOML file (by its extension) or else a YAML one (a
    probe's glob chose it: dvc.lock and MLmodel are YAML without the extension), each with a
    function that gives the line of a key path (None where unknown). Files that do not parse
    hold none."""
    suffix = name.rsplit(".", 1)[-1].lower()
    if suffix == "json":
        try:
            return [(json.loads(text), lambda _: None)]
        except (ValueError, RecursionError):  # nested past Python's stack: not evidence
            return []
    if suffix == "toml":
        import tomllib

        try:
            return [(tomllib.loads(text), lambda _: None)]
        except (tomllib.TOMLDecodeError, ValueError, RecursionError):
            return []
    from mlready.io.yamlio import parse_yaml

    documents = []
    offset = 0
    for part in re.split(r"(?m)^---[ \t]*(?:#.*)?$", text):
        try:
            document = parse_yaml(part, source=name)
        except InputError:  # anchors, tags, bad YAML: not evidence, and never expanded
            offset += part.count("\n")
            continue
        start = offset

        def line_of(path: Location, document: Document = document, start: int = start) -> int:
            return start + document.mark(path).line

        documents.append((document.data, line_of))
        offset += part.count("\n")
    return documents


def _values_at(data: Any, keys: list[str], path: Location) -> Iterable[tuple[Any, Location]]:
    """Every value at the dotted key path; lists on the way are searched item by item."""
    if not keys:
        yield data, path
        return
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield from _values_at(item, keys, (*path, index))
    elif isinstance(data, dict) and keys[0] in data:
        yield from _values_at(data[keys[0]], keys[1:], (*path, keys[0]))


def _as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
