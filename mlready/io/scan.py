"""Scanning a repository for the files and lines that the bank's probes look for."""

# Never executes or imports anything from the repository and never follows a link out of it.
# In a git work tree only the files git tracks are evidence (untracked files are not); elsewhere
# the tree less hidden folders, virtual environments, node_modules and repositories inside it.
# Each file is read at most once however many probes look at it; files over MAX_FILE_BYTES and
# binary files are not read.

import ast
import errno
import json
import os
import re
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from mlready.core.document import Document, Location
from mlready.core.errors import InputError
from mlready.core.evidence import Finding
from mlready.core.globs import Glob, has_magic, parse_glob
from mlready.core.messages import Message
from mlready.core.model import Probe
from mlready.core.path_kinds import counts_for, is_review_file, path_kinds
from mlready.core.patterns import Regex, RegexSet, engine_loaded, may_match, regex
from mlready.core.results import outcome_of
from mlready.core.statements import (
    KINDS_READ,
    Statement,
    ci_statements,
    defined_tests,
    dependency_statements,
    dockerfile_statements,
    kubernetes_statements,
    parsed_python,
    python_statements,
    requirements_statements,
)
from mlready.core.vocabulary import Parser, PathKind
from mlready.io.files import walk

MAX_FILE_BYTES = 1024 * 1024
# O_NOFOLLOW: a link is refused (ELOOP) and then followed only if it stays in the repository.
_NO_FOLLOW: int | None = getattr(os, "O_NOFOLLOW", None)  # None where there is none (Windows)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (_NO_FOLLOW or 0)
MAX_SHOWN = 80  # characters of a matched line shown with a finding
# Lines longer than this (minified code, data on one line) are not searched: no person wrote
# them to show a practice, and what is shown of a match would be a fragment of them.
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


def _not_listed(root: Path, reason: str) -> Message:
    # git's own words stay as git says them.
    return Message(
        "{path}: git could not list the tracked files: {reason}", path=root, reason=reason
    )


def _tracked_files(root: Path) -> list[str]:
    """The files git tracks in the work tree at `root`, listed through the one git runner; an
    error, never a walk of the folder, when git is missing or refuses."""
    # Untracked files must not pass for evidence, so a repository git refuses (owned by someone
    # else, a broken index) is an error rather than a folder to walk. The index is read as data
    # where it can be (no git started); git is asked for the rest.
    from mlready.io.git_index import indexed_files

    listed = indexed_files(root)
    if listed is not None:
        return listed
    from mlready.io.git import GitError, NotInGitError, UnsafeGitError, tracked_files

    try:
        return tracked_files(root, timeout=30)
    except NotInGitError:
        raise InputError(
            Message(
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
    """The files of one repository, listed once: under its `roots` (if any), less the
    `exclude` globs and the `ignored` files (the answers file and the bank)."""

    def __init__(
        self,
        root: Path,
        *,
        ignored: Iterable[Path] = (),
        own_output: Callable[[str], bool] | None = None,
        roots: Iterable[str] = (),
        exclude: Iterable[str] = (),
        tracked_only: bool = True,
    ) -> None:
        if not root.is_dir():
            raise InputError(Message("{path}: no such folder to scan", path=root))
        self.root = root.resolve()
        self._ignored = {
            path.resolve().relative_to(self.root).as_posix()
            for path in ignored
            if path.resolve().is_relative_to(self.root)
        }
        self._root_text = str(self.root)
        self.deadline: float | None = None  # when a scan's searches must stop (time.monotonic)
        self.own_output = own_output  # whether a file's beginning is one of mlready's outputs
        self._tracked_only = tracked_only  # False: every file of the folder, as for results
        # The folders of the ML system within a monorepo (none: all of it), and what is not.
        self.roots = tuple(root.strip("/") for root in roots if root.strip("/") not in ("", "."))
        self._exclude = [parse_glob(glob.rstrip("/")) for glob in exclude]
        self._folders: dict[str, bool] = {}  # folder -> whether its real path is inside
        self._globbed: dict[str, list[str]] = {}

    @cached_property
    def files(self) -> list[str]:
        """The files scanned, relative to the root: those under the roots (if any are named),
        less the excluded ones."""
        if not self.roots and not self._exclude:
            return self._all_files
        return [name for name in self._all_files if self._scanned(name)]

    def _scanned(self, name: str) -> bool:
        if self.roots and not any(name.startswith(root + "/") for root in self.roots):
            return False
        # A glob excludes the files it matches, and everything in the folders it matches.
        parts = name.split("/")
        prefixes = ["/".join(parts[: count + 1]) for count in range(len(parts))]
        return not any(glob.matches(path) for glob in self._exclude for path in prefixes)

    @cached_property
    def _all_files(self) -> list[str]:
        """Every file of the repository, relative to its root: listed once, when first needed."""
        if self._in_git:
            # each once: git lists a file with conflicts once per side
            return sorted({name for name in _tracked_files(self.root) if name not in self._ignored})
        names = []
        for folder, subfolders, files in walk(self.root):
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
        if not self._tracked_only:
            return False
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
        return name in self._tracked or any(item.startswith(name + "/") for item in self._all_files)

    @cached_property
    def own_packages(self) -> frozenset[str]:
        """The Python packages the repository (or each of its roots) is, by import name in
        lower case: named by its pyproject.toml, setup.cfg or setup.py, or a package folder at
        its top or under `src/`."""
        found: set[str] = set()
        for base in [""] + [root + "/" for root in self.roots]:
            for name in ("pyproject.toml", "setup.cfg", "setup.py"):
                if base + name in self._tracked and (text := self.read(base + name)) is not None:
                    found.update(package_names(name, text))
            for name in self._all_files:
                parts = name[len(base) :].split("/") if name.startswith(base) else []
                if len(parts) > 1 and parts[-1] == "__init__.py" and parts[:-2] in ([], ["src"]):
                    found.add(parts[-2].lower())
        return frozenset(found)

    @cached_property
    def _tracked(self) -> frozenset[str]:
        return frozenset(self._all_files)

    def read(self, name: str) -> str | None:
        """The text of a file (None: missing, outside the repository, too large or binary).
        Not kept: the scan reads each file once, for every probe that looks at it."""
        data = self.read_bytes(name)
        return None if data is None else data.decode("utf-8", errors="replace")

    def read_bytes(self, name: str) -> bytes | None:
        """What a file holds, as `read` reads it, undecoded."""
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
            # A read shorter than asked is the end of a regular file, nearly always the first;
            # a file that grows meanwhile is read on, up to the limit.
            data = os.read(handle, status.st_size + 1)
            if len(data) > status.st_size:
                chunks = [data]
                size = len(data)
                while size <= MAX_FILE_BYTES and (chunk := os.read(handle, MAX_FILE_BYTES + 1)):
                    chunks.append(chunk)
                    size += len(chunk)
                data = b"".join(chunks)
        except OSError:
            return None
        finally:
            os.close(handle)
        if len(data) > MAX_FILE_BYTES or b"\0" in data:
            return None
        return data

    def _inside(self, folder: str) -> bool:
        """Whether a folder of the repository really is inside it (no link leads out); known
        once per folder rather than once per file."""
        known = self._folders.get(folder)
        if known is None:
            real = Path(os.path.realpath(self.root / folder))
            known = self._folders[folder] = real.is_relative_to(self.root)
        return known

    def matching(self, globs: Iterable[str]) -> list[str]:
        """The files that match any of `globs` (see mlready.core.globs), in order."""
        found: set[str] = set()
        for glob in globs:
            found.update(self.glob(glob))
        return sorted(found)

    def glob(self, text: str) -> list[str]:
        """The files that match the glob `text`, in order (found once, however often asked)."""
        if not self.files:  # a review alone in its folder: no glob need be read
            return []
        return self._glob(text)

    def _glob(self, text: str) -> list[str]:
        matched = self._globbed.get(text)
        if matched is None and self._nothing_named(text):
            matched = self._globbed[text] = []
        if matched is None:
            glob = parse_glob(text)
            candidates = self._candidates(glob)
            extension = glob.suffix.rpartition(".")[2]
            if text in (f"**/{glob.name}", f"**/*.{extension}"):
                matched = candidates  # every name of the index matches: no need to match them
            else:
                # A substring test costs a fraction of a match: a name must hold every run of
                # the glob's plain text (the longest, tested first, rules out the most).
                literals = sorted(glob.literals, key=len, reverse=True)
                longest = literals[0] if literals else ""
                matched = glob.matching(
                    [
                        name
                        for name in [name for name in candidates if longest in name]
                        if all(literal in name for literal in literals[1:])
                    ]
                )
            self._globbed[text] = matched
        return matched

    def _nothing_named(self, text: str) -> bool:
        """Whether no file has the name (`Dockerfile`) or the extension (`*.py`) that the
        glob's last segment gives, told without parsing it: most of a bank's globs, in a
        small repository."""
        last = text.rpartition("/")[2]
        if not has_magic(last):
            return last not in self._by_name
        extension = last.removeprefix("*.")
        if extension != last and "." not in extension and not has_magic(extension):
            return extension not in self._by_extension
        return False

    def _candidates(self, glob: Glob) -> list[str]:
        """The names a glob could match, found without matching it: by the name of the file
        when the glob ends in one (`**/Dockerfile`), by its extension when it ends in one
        (`**/*.py`), else the names holding its longest run of plain text."""
        if glob.name is not None:
            return self._by_name.get(glob.name, [])
        if "." in glob.suffix:
            return self._by_extension.get(glob.suffix.rpartition(".")[2], [])
        literal = max(glob.literals, key=len, default="")
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
# Per probe: every file is counted ("3 of 40 files"), up to this many; the strongest are shown.
MAX_FINDINGS = 1_000


class _ProbeTarget(NamedTuple):
    """What a probe looks for. Probes of several checks often look for the same thing; each
    such thing is looked for once."""

    files: tuple[str, ...]
    contains: str | None
    key: str | None
    equals: str | None
    parser: Parser | None = None
    finds: str | None = None
    paths: tuple[PathKind, ...] = ()
    within: PathKind | None = None
    library: tuple[str, ...] = ()


class _LineMatch(NamedTuple):
    line: int | None
    text: str


def scan(repository: Repository, probes: Iterable[tuple[str, Probe]]) -> Findings:
    """What each probe finds in `repository`, by (check id, probe id): a finding per file (at
    most MAX_FINDINGS), in the order of their names; none for a library's probe in its own."""
    # The files are visited once, in order, each read (and parsed, for key paths) at most once
    # for all the probes that look at it.
    users: dict[_ProbeTarget, list[tuple[str, Probe]]] = {}
    for check_id, probe in probes:
        if probe.results is not None:
            continue  # recorded results are read from their own folder (scan_results)
        look = _ProbeTarget(
            probe.files,
            probe.contains,
            probe.key,
            probe.equals,
            probe.parser,
            probe.finds,
            probe.paths,
            probe.within,
            probe.library,
        )
        users.setdefault(look, []).append((check_id, probe))
    looks = list(users)
    if not looks:
        return {}  # nothing to look for: the files are not even listed
    # A look that only contradicts needs one file; one that supports counts them all.
    wanted_files = [
        MAX_FINDINGS if any(probe.supports is not None for _, probe in users[look]) else 1
        for look in looks
    ]
    repository.deadline = time.monotonic() + SCAN_SECONDS
    patterns = [_Pattern(look.contains) if look.contains is not None else None for look in looks]
    # Looks that search the same files are matched against the names once, together.
    together: dict[tuple[str, ...], list[int]] = {}
    for index, look in enumerate(looks):
        together.setdefault(look.files, []).append(index)
    groups = list(together.values())
    wanted = _Wanted.of(repository, list(together))
    plans: dict[tuple[int, ...], _Plan] = {}  # by the groups that want a file
    # which looks count a file, by the groups that want it and the kinds of its path
    counted: dict[tuple[tuple[int, ...], frozenset[PathKind]], frozenset[int]] = {}
    hits: list[list[tuple[str, _LineMatch]]] = [[] for _ in looks]
    # the looks that have found as many files as they want, and those that look for the use of
    # a library this repository is: its own code is no evidence of using it
    silenced = {
        index
        for index, look in enumerate(looks)
        if look.library and not repository.own_packages.isdisjoint(look.library)
    }
    full = set(silenced)
    for name in repository.files:
        key = wanted.groups.get(name)
        if key is None:
            continue
        kinds = path_kinds(name)
        allowed = counted.get((key, kinds))
        if allowed is None:
            plan = plans.get(key)
            if plan is None:
                wanting = [index for number in key for index in groups[number]]
                plan = plans[key] = _Plan.of(wanting, looks, patterns)
            # Tests, docs...: only the looks that let them count; the system's own files: every
            # look but those that look only in tests.
            allowed = counted[(key, kinds)] = frozenset(
                index
                for index in plan.looks
                if counts_for(name, looks[index].paths, looks[index].within)
            )
        counting = allowed - full if full else allowed
        if not counting:
            continue
        plan = plans[key]
        file = _File(repository, name)
        for index, hit in _hits_in(file, plan, counting, looks, patterns):
            hits[index].append((name, hit))
            if len(hits[index]) >= wanted_files[index]:
                full.add(index)
        if plan.sources:
            pattern = patterns[plan.members[0]]
            assert pattern is not None
            pattern.check_time(file)
    found: Findings = {}
    for number, (look, look_hits) in enumerate(zip(looks, hits, strict=True)):
        if number in silenced:
            continue  # not looked for: no finding, and no contradiction either
        if len(look_hits) > 1 and len(look.files) > 1:
            # A probe lists the files that show its practice best first (`test_*train*.py`
            # before any `test_*.py`): the first of its globs that matches a file ranks it.
            ranks = {name: wanted.rank(name, look.files) for name, _ in look_hits}
            look_hits.sort(key=lambda hit: ranks[hit[0]])
        for check_id, probe in users[look]:
            found[(check_id, probe.id)] = [
                Finding(probe, name, hit.line, hit.text) for name, hit in look_hits
            ]
    return found


class _Wanted(NamedTuple):
    """Which files the looks want: each file's groups of looks (by number; a group's looks
    search the same globs) and the globs that match it."""

    groups: dict[str, tuple[int, ...]]
    globs: dict[str, tuple[int, ...]]  # file -> the globs (by place) that match it
    places: dict[str, int]  # glob -> its place

    @classmethod
    def of(cls, repository: Repository, globs_of_groups: list[tuple[str, ...]]) -> "_Wanted":
        # Many groups share globs (`**/*.py`): each glob is matched once, and the files that
        # match the same globs share one answer.
        groups_of: dict[str, list[int]] = {}
        for number, globs in enumerate(globs_of_groups):
            for glob in globs:
                groups_of.setdefault(glob, []).append(number)
        matched: dict[str, list[int]] = {}
        for place, glob in enumerate(groups_of):
            for name in repository.glob(glob):
                matched.setdefault(name, []).append(place)
        numbers_of = list(groups_of.values())
        by_globs: dict[tuple[int, ...], tuple[int, ...]] = {}
        groups: dict[str, tuple[int, ...]] = {}
        globs_of: dict[str, tuple[int, ...]] = {}
        for name, places in matched.items():
            shared = globs_of[name] = tuple(places)
            numbers = by_globs.get(shared)
            if numbers is None:
                numbers = by_globs[shared] = tuple(
                    sorted({number for place in places for number in numbers_of[place]})
                )
            groups[name] = numbers
        return cls(groups, globs_of, {glob: place for place, glob in enumerate(groups_of)})

    def rank(self, name: str, globs: tuple[str, ...]) -> int:
        """The place in `globs` of the first that matches the file `name`."""
        matching = self.globs.get(name, ())
        return next(
            (place for place, glob in enumerate(globs) if self.places[glob] in matching),
            len(globs),
        )


def _hits_in(
    file: "_File",
    plan: "_Plan",
    counting: frozenset[int],
    looks: list[_ProbeTarget],
    patterns: "list[_Pattern | None]",
) -> list[tuple[int, _LineMatch]]:
    """What the looks `counting` find in one file: each look's first hit, if any."""
    found = [(index, _LineMatch(None, "")) for index in plan.whole_files if index in counting]
    wanting = [index for index in plan.reading if index in counting]
    if wanting and file.data is not None:
        matching = plan.matching(file)
        for index in wanting:
            if index in plan.member_set and index not in matching:
                continue  # its pattern matches nowhere in the file
            hit = _look_in(looks[index], patterns[index], file)
            if hit is not None:
                found.append((index, hit))
    if found and file.name.rpartition(".")[2].lower() in _MAYBE_OURS and file.ours:
        return []  # an answers file, a bank, one of mlready's outputs: never evidence
    return found


def scan_results(folder: Path, probes: Iterable[tuple[str, Probe]], *, shown: str) -> Findings:
    """What the probes of recorded results find in `folder` (every file, tracked or not): the
    newest file of each probe's kind, passed or failed; paths shown under `shown`."""
    # The newest file is the last run: older ones say how things were, not how they are.
    results = Repository(folder, tracked_only=False)
    found: Findings = {}
    for check_id, probe in probes:
        if probe.results is None:
            continue
        runs = []
        for name in results.matching(probe.files):
            text = results.read(name)
            outcome = outcome_of(probe.results, text) if text is not None else None
            if outcome is not None:
                runs.append((_modified(results.root / name), name, outcome))
        if runs:
            _, name, outcome = max(runs)
            summary = f"{outcome.total - outcome.failed}/{outcome.total} passed"
            path = f"{shown.rstrip('/')}/{name}" if shown not in ("", ".") else name
            found[(check_id, probe.id)] = [
                Finding(probe, path, None, summary, failed=not outcome.passed)
            ]
    return found


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class _Plan(NamedTuple):
    """How the looks that want a file are tried on it: a look for the file alone needs no
    reading; the others read it, and their patterns are searched in it together, at once."""

    whole_files: tuple[int, ...]  # looks that want the file alone
    reading: tuple[int, ...]  # looks with a pattern or a key path
    sources: tuple[str, ...]  # the patterns searched in the joined lines, in one pass
    members: tuple[int, ...]  # the look of each pattern of `sources`
    member_set: frozenset[int]
    looks: tuple[int, ...]  # every look that wants the file

    @classmethod
    def of(
        cls, wanting: Iterable[int], looks: list[_ProbeTarget], patterns: "list[_Pattern | None]"
    ) -> "_Plan":
        whole_files: list[int] = []
        reading: list[int] = []
        for index in wanting:
            look = looks[index]
            alone = look.contains is None and look.key is None and look.parser is None
            (whole_files if alone else reading).append(index)
        members = [
            index
            for index in reading
            if (pattern := patterns[index]) is not None and not pattern.per_line
        ]
        sources = tuple(patterns[index].joined_source for index in members)  # type: ignore[union-attr]
        every = (*whole_files, *reading)
        return cls(
            tuple(whole_files),
            tuple(reading),
            sources,
            tuple(members),
            frozenset(members),
            every,
        )

    def matching(self, file: "_File") -> frozenset[int]:
        """The looks whose pattern (of `sources`) matches somewhere in the file."""
        if not self.sources or not file.data:
            return frozenset()
        # Until a pattern is compiled, a file that shows none can match spares loading RE2.
        if not engine_loaded() and not may_match(self.sources, file.joined):
            return frozenset()
        together = _regex_set(self.sources)
        return frozenset(self.members[place] for place in together.matching(file.joined))


@cache
def _regex_set(sources: tuple[str, ...]) -> RegexSet:
    # Built when a file first needs it: a repository whose candidates are all never-evidence
    # (answers files, banks, mlready's outputs) or that has none pays nothing for it.
    return RegexSet(list(sources))


# Where the start or the end of the searched text, or any byte, is named, the lines are
# searched one by one: in the joined lines these would mean the file's start or end, or span
# a line break. So too where flags turn the line anchors off (`(?-m)`, `(?i-m:...)`). A false
# alarm (an escaped backslash before A) only costs time.
_PER_LINE = ("\\A", "\\z", "\\C")


def _per_line(pattern: str) -> bool:
    if any(token in pattern for token in _PER_LINE):
        return True
    start = pattern.find("(?")
    while start != -1:
        flags = pattern[start + 2 :].partition(")")[0].partition(":")[0]
        if "-" in flags and "m" in flags.partition("-")[2]:
            return True
        start = pattern.find("(?", start + 2)
    return False


class _Pattern:
    """A probe's regular expression, compiled by RE2 when first needed."""

    # Most are searched in the lines of a file joined by "\n" (with the other patterns that look at
    # the file, see _Plan): no match spans a line break, and with line anchors the first match is on
    # the first line that matches alone.

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.per_line = _per_line(pattern)
        self.joined_source = pattern if self.per_line else "(?m)" + pattern

    @cached_property
    def _regex(self) -> Regex:
        return regex(self.joined_source)

    def first_line(self, file: "_File") -> _LineMatch | None:
        """The first line that matches, if any."""
        number: int | None = None
        if not file.data:
            pass  # no line to match, though an empty text matches `^`
        elif self.per_line:
            number = next(
                (
                    number
                    for number, line in enumerate(file.lines)
                    if len(line) <= MAX_LINE and self._regex.search(line) is not None
                ),
                None,
            )
        elif (place := self._regex.search(file.joined)) is not None:
            number = file.joined.count(b"\n", 0, place)
        if number is not None:
            return _LineMatch(number + 1, _shown(file.lines[number]))
        self.check_time(file)
        return None

    def check_time(self, file: "_File") -> None:
        """Raise InputError once the scan's time is past, naming the file and this pattern."""
        # Inline, not shared with the parsers' check: it runs after every search that finds
        # nothing, hundreds of thousands of times in a large repository.
        deadline = file.repository.deadline
        if deadline is not None and time.monotonic() > deadline:
            raise InputError(
                Message(
                    "{path}: the scan stopped after {seconds} s searching this file for "
                    "/{pattern}/; its lines are too long or too many for it",
                    path=file.name,
                    seconds=f"{SCAN_SECONDS:g}",
                    pattern=self.pattern,
                )
            )


def _short_lines(data: bytes) -> bool:
    """Whether no line of `data` (ASCII) is longer than MAX_LINE."""
    # A line longer than twice a block holds a whole block (of those that start at multiples of
    # its length): only where a block holds no line break need the lines be measured.
    block = MAX_LINE // 2
    for start in range(0, len(data) - block + 1, block):
        if data.find(b"\n", start, start + block) == -1:
            return max(map(len, data.split(b"\n"))) <= MAX_LINE
    return True


class _File:
    """One file of the repository, read, split and parsed when a probe first needs it."""

    def __init__(self, repository: Repository, name: str) -> None:
        self.repository = repository
        self.name = name

    @cached_property
    def data(self) -> bytes | None:
        return self.repository.read_bytes(self.name)

    @cached_property
    def text(self) -> str | None:
        data = self.data
        return None if data is None else data.decode("utf-8", errors="replace")

    @cached_property
    def lines(self) -> list[str]:
        return (self.text or "").splitlines()

    @cached_property
    def joined(self) -> bytes:
        """The lines joined by "\\n" alone (splitlines also breaks at "\\r", form feeds and
        the like), in UTF-8; a line too long to search is left empty."""
        data = self.data
        if data is None:
            return b""
        # Nearly always: ASCII whose only line breaks are "\\n" and whose lines are all short
        # enough is its own joined lines (less a last "\\n"), with no text made of it.
        if data.isascii() and not any(end in data for end in _OTHER_ENDS) and _short_lines(data):
            return data[:-1] if data.endswith(b"\n") else data
        lines = self.lines
        if max(map(len, lines), default=0) <= MAX_LINE:  # nearly always: no line to leave out
            return "\n".join(lines).encode()
        return "\n".join(line if len(line) <= MAX_LINE else "" for line in lines).encode()

    @cached_property
    def documents(self) -> list[tuple[Any, Any]]:
        return _documents(self.name, self.text) if self.text is not None else []

    @cached_property
    def settings(self) -> list[tuple[Any, Any]]:
        """The documents as a key path reads them: YAML with template actions made plain."""
        if self.text is None or "{{" not in self.text:
            return self.documents
        if self.name.rpartition(".")[2].lower() in ("json", "toml"):
            return self.documents
        return _documents(self.name, _untemplated(self.text))

    @cached_property
    def ours(self) -> bool:
        """Whether the file is an answers file, a bank, a bank's translation (by its top-level
        keys, wherever it lies) or one of mlready's outputs (by its mark)."""
        if self.text is None:
            return False
        own = self.repository.own_output
        if own is not None and own(self.text[:4096]):
            return True
        if not any(f"\n{key}:" in self.text or self.text.startswith(f"{key}:") for key in _KEYS):
            return False  # the common case, without splitting the lines
        keys = (
            line.partition(":")[0].strip().strip("'\"")
            for line in self.lines
            if line[:1] not in ("", " ", "\t", "#", "-", "%") and ":" in line
        )
        return is_review_file(keys)

    def statements(self, parser: Parser) -> list[Statement]:
        """What the file says as `parser` reads it (parsed once, however many probes ask)."""
        found = self._statements.get(parser)
        if found is None:
            found = self._statements[parser] = _remembered_statements(parser, self)
            # Parsing is linear, but a megabyte of dense code takes seconds: many such files
            # are stopped by the scan's deadline as a pattern's search is.
            deadline = self.repository.deadline
            if deadline is not None and time.monotonic() > deadline:
                raise InputError(
                    Message(
                        "{path}: the scan stopped after {seconds} s reading this file as "
                        "{parser}; leave such files out with the settings' scan.exclude",
                        path=self.name,
                        seconds=f"{SCAN_SECONDS:g}",
                        parser=parser.value,
                    )
                )
        return found

    @cached_property
    def _statements(self) -> dict[Parser, list[Statement]]:
        return {}


# The statements parsed from a file, remembered across the scans of one process: checking the
# answers files of several models in one repository (`check 'models/*/mlready.yaml'`, a
# portfolio) scans the same files once per review, and parsing them is most of a scan's time.
# Found by the file's size and the hash of its bytes, and given back only for the same bytes:
# an edited file is parsed again, and a hash that collides (the hash is salted per process,
# unless PYTHONHASHSEED fixes it) costs a parse, never another file's statements. Bounded in
# files and in bytes parsed (a megabyte of dense code keeps some ten megabytes of statements),
# so that a long-lived process scanning many repositories does not grow without end. (Not a
# hashlib digest: importing hashlib loads OpenSSL, which `check` must start without.)
STATEMENTS_KEPT = 4096
STATEMENT_BYTES_KEPT = 16 * MAX_FILE_BYTES
_kept_statements: OrderedDict[tuple[Parser, str, int, int], tuple[bytes, list[Statement]]] = (
    OrderedDict()
)
_kept_lock = threading.Lock()
_kept_bytes = [0]  # the bytes of the files whose statements are kept, counted as they come and go


def _remembered_statements(parser: Parser, file: _File) -> list[Statement]:
    """`_statements(parser, file)`, parsed once per content in this process."""
    data = file.data or b""
    key = (parser, file.name, len(data), hash(data))
    with _kept_lock:
        kept = _kept_statements.get(key)
        if kept is not None and kept[0] == data:
            _kept_statements.move_to_end(key)
            return kept[1]
    found = _statements(parser, file)
    with _kept_lock:
        replaced = _kept_statements.pop(key, None)
        if replaced is not None:
            _kept_bytes[0] -= len(replaced[0])
        _kept_statements[key] = (data, found)
        _kept_bytes[0] += len(data)
        # A running count, not a sum over what is kept: a scan of 20,000 files would add up
        # thousands of sizes for each file it parses.
        while len(_kept_statements) > STATEMENTS_KEPT or _kept_bytes[0] > STATEMENT_BYTES_KEPT:
            _kept_bytes[0] -= len(_kept_statements.popitem(last=False)[1][0])
    return found


def _statements(parser: Parser, file: _File) -> list[Statement]:
    text = file.text or ""
    if parser is Parser.PYTHON:
        return python_statements(file.name, text)
    if parser is Parser.TESTS:
        return defined_tests(file.name, text)
    if parser is Parser.DOCKERFILE:
        return dockerfile_statements(file.name, text)
    if parser is Parser.REQUIREMENTS:
        if file.name.rpartition("/")[2] == "pyproject.toml":
            return dependency_statements(_project_dependencies(text))
        return requirements_statements(file.name, text)
    if parser is Parser.CI:
        jenkins = file.name.rpartition("/")[2] == "Jenkinsfile"
        return ci_statements(file.name, [] if jenkins else file.documents, file.lines)
    text = _untemplated(text)
    # Only a document whose own (top-level, unindented) kind is one the parser reads is parsed:
    # a chart's or an operator's custom resource definitions run to thousands of lines, name
    # the kinds they define deeper in, and say nothing here.
    return kubernetes_statements(_documents(file.name, text, wanted=_READ_KIND.search))


def _untemplated(text: str) -> str:
    """YAML with its template actions (Helm's, an MLflow recipe's `{{INGEST_CONFIG}}`) made
    plain: a line that is only an action is blanked, one inside a value is replaced, so that
    the YAML around them still parses (line numbers kept)."""
    if "{{" not in text:
        return text
    text = "\n".join(
        "" if line.strip().startswith("{{") and line.strip().endswith("}}") else line
        for line in text.split("\n")
    )
    return _TEMPLATE_ACTION.sub("x", text)


def package_names(name: str, text: str) -> set[str]:
    """The import name a project's `pyproject.toml`, `setup.cfg` or `setup.py` (by `name`)
    gives its package (`lm-eval` is `lm_eval`): none where it names none."""
    written: object = None
    if name == "pyproject.toml":
        import tomllib

        try:
            data = tomllib.loads(text)
        except (tomllib.TOMLDecodeError, ValueError, RecursionError):
            return set()
        tool = data.get("tool")
        poetry = tool.get("poetry") if isinstance(tool, dict) else None
        for table in (data.get("project"), poetry):
            if isinstance(table, dict) and isinstance(table.get("name"), str):
                written = table["name"]
                break
    elif name == "setup.cfg":
        import configparser

        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(text)
            written = parser.get("metadata", "name", fallback=None)
        except (configparser.Error, ValueError):
            return set()
    else:
        written = _setup_name(text)
    if not isinstance(written, str) or not written.strip():
        return set()
    return {written.strip().lower().replace("-", "_").replace(".", "_")}


def _setup_name(text: str) -> str | None:
    """The `name=` written out in a setup.py's `setup(...)` call."""
    tree = parsed_python(text)
    if tree is None:
        return None
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) == "setup"
        ):
            for keyword in node.keywords:
                value = keyword.value
                if (
                    keyword.arg == "name"
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    return value.value
    return None


def _project_dependencies(text: str) -> list[object]:
    """`[project] dependencies` of a pyproject.toml (not the optional or development ones)."""
    import tomllib

    try:
        project = tomllib.loads(text).get("project")
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return []
    found = project.get("dependencies") if isinstance(project, dict) else None
    return list(found) if isinstance(found, list) else []


# The line breaks of ASCII text that str.splitlines breaks at besides "\n".
_OTHER_ENDS = (b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e")
_KEYS = ("answers", "bank", "language")  # one of them is a top-level key of every review file
_TEMPLATE_ACTION = re.compile(r"\{\{[^{}\n]{0,500}\}\}")
_READ_KIND = re.compile(
    r"^kind:[ \t]*[\"']?(?:" + "|".join(sorted(KINDS_READ)) + r")[\"']?[ \t]*(?:#.*)?$",
    re.MULTILINE,
)
# Files that could be an answers file, a bank or one of mlready's outputs, by their extension.
_MAYBE_OURS = frozenset({"yaml", "yml", "json", "md", "html", "txt", "xml", "sarif"})


def _look_in(look: _ProbeTarget, pattern: _Pattern | None, file: _File) -> _LineMatch | None:
    """What one look finds in a file it reads: its first matching line, the place of the key
    path or the first statement its parser reads that `finds` matches (in a file that also
    has a matching line, when `contains` is given too)."""
    assert file.text is not None
    hit = pattern.first_line(file) if pattern is not None else None
    if pattern is not None and hit is None:
        return None
    if look.key is not None:
        hit = _key_hit(look, file)
    elif look.parser is not None:
        finder = _finder(look.finds) if look.finds is not None else None
        hit = _statement_hit(file.statements(look.parser), finder, file)
    return hit


@cache
def _finder(source: str) -> Regex:
    """A probe's `finds` pattern, compiled when a file first needs it (RE2 loads only then)."""
    return regex(source)


def _statement_hit(
    statements: list[Statement], finder: Regex | None, file: _File
) -> _LineMatch | None:
    for statement in statements:
        if finder is None or finder.search(statement.text) is not None:
            line = statement.line
            if line is not None and 0 < line <= len(file.lines):
                return _LineMatch(line, _shown(file.lines[line - 1]))
            return _LineMatch(line, _shown(statement.text))
    return None


def _shown(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= MAX_SHOWN else line[: MAX_SHOWN - 1] + "…"


def _key_hit(look: _ProbeTarget, file: _File) -> _LineMatch | None:
    """Where the file holds the look's key path (with the value `equals`, if given): its line
    as written, where the format tells the line; else the key path and its value."""
    assert look.key is not None and file.text is not None
    keys = look.key.split(".")
    for document, line_of in file.settings:
        for value, path in _values_at(document, keys, ()):
            if look.equals is None or _as_text(value) == look.equals:
                line = line_of(path)
                if line is None:
                    return _LineMatch(None, _shown(f"{look.key}: {_as_text(value)}"))
                return _LineMatch(line, _shown(file.text.splitlines()[line - 1]))
    return None


def _documents(
    name: str, text: str, *, wanted: Callable[[str], object] | None = None
) -> list[tuple[Any, Any]]:
    """The data documents of a JSON or TOML file (by its extension) or else a YAML one, each
    with a function that gives the line of a key path (None where unknown); none if unparsed."""
    # `wanted`, for YAML: a cheap test of a document's text; the others are not parsed.
    # A probe's glob chose the file: dvc.lock and MLmodel are YAML without the extension.
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
        if wanted is not None and not wanted(part):
            offset += part.count("\n")
            continue
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
