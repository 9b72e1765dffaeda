"""Scanning a repository for the files and lines that the bank's probes look for.

Never executes or imports anything from the repository and never follows a link out of it.
In a git work tree only the files git tracks are evidence (untracked files are not); elsewhere
the tree less hidden folders, virtual environments and node_modules. Each file is read at most
once however many probes look at it; files over MAX_FILE_BYTES and binary files are not read.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from mlready.core.document import Document, Location
from mlready.core.errors import InputError
from mlready.core.evidence import Finding
from mlready.core.model import Probe

MAX_FILE_BYTES = 1024 * 1024
MAX_SHOWN = 80  # characters of a matched line shown with a finding
_SKIPPED_FOLDERS = {"node_modules", "__pycache__", "site-packages"}


def repository_root(start: Path) -> Path:
    """The top of the git work tree holding `start` (found by its `.git`, without running git),
    else `start` itself (a folder)."""
    folder = (start if start.is_dir() else start.parent).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _tracked_files(root: Path) -> list[str]:
    """The files git tracks in the work tree at `root`. When git is missing or refuses (a
    repository owned by someone else, a broken index) this is an error, never a walk of the
    folder: untracked files must not pass for evidence."""
    import subprocess  # only when a repository's files are listed

    command = ["git", "-C", str(root), "ls-files", "-z", "--cached"]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            timeout=30,
            check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except FileNotFoundError:
        raise InputError(
            f"{root}: a git work tree, but git is not installed; install git so that only "
            "tracked files count as evidence"
        ) from None
    except (OSError, subprocess.TimeoutExpired) as error:
        raise InputError(f"{root}: git could not list the tracked files: {error}") from None
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        reason = said[0].removeprefix("fatal: ") if said else f"exit {result.returncode}"
        raise InputError(f"{root}: git could not list the tracked files: {reason}")
    return [name for name in result.stdout.decode("utf-8", errors="replace").split("\0") if name]


class Repository:
    """The files of one repository, listed once and each read at most once."""

    def __init__(self, root: Path) -> None:
        if not root.is_dir():
            raise InputError(f"{root}: no such folder to scan")
        self.root = root.resolve()
        self._texts: dict[str, str | None] = {}

    @cached_property
    def files(self) -> list[str]:
        """The files of the repository, relative to its root: listed once, when first needed."""
        if self._in_git:
            return sorted(_tracked_files(self.root))
        names = []
        for folder, subfolders, files in os.walk(self.root):
            subfolders[:] = sorted(
                name
                for name in subfolders
                if not name.startswith(".")
                and name not in _SKIPPED_FOLDERS
                and not (Path(folder) / name / "pyvenv.cfg").exists()
            )
            base = Path(folder).relative_to(self.root)
            names += [(base / name).as_posix() for name in files]
        return sorted(names)

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

    def text(self, name: str) -> str | None:
        """The text of a file (None: missing, outside the repository, too large or binary)."""
        if name not in self._texts:
            self._texts[name] = self._read(name)
        return self._texts[name]

    def _read(self, name: str) -> str | None:
        path = self.root / name
        real = Path(os.path.realpath(path))
        if not real.is_relative_to(self.root) or not real.is_file():
            return None  # a link out of the repository, or no regular file
        try:
            with real.open("rb") as stream:
                data = stream.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_FILE_BYTES or b"\0" in data:
            return None
        return data.decode("utf-8", errors="replace")

    def matching(self, globs: Iterable[str]) -> list[str]:
        """The files that match any of `globs` (`**` spans folders, `*` does not)."""
        patterns = [_glob_pattern(glob) for glob in globs]
        return [name for name in self.files if any(p.fullmatch(name) for p in patterns)]


Findings = dict[tuple[str, str], list[Finding]]


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


def scan(repository: Repository, probes: Iterable[tuple[str, Probe]]) -> Findings:
    """What each probe finds in `repository`, by (check id, probe id)."""
    found: Findings = {}
    for check_id, probe in probes:
        findings: list[Finding] = []
        for name in repository.matching(probe.files):
            findings += _probe_file(repository, probe, name)
            if len(findings) >= 3:  # enough to show; the rest adds nothing to the verdict
                break
        found[(check_id, probe.id)] = findings[:3]
    return found


def _probe_file(repository: Repository, probe: Probe, name: str) -> list[Finding]:
    if probe.contains is None and probe.key is None:
        return [Finding(probe, name)]
    text = repository.text(name)
    if text is None:
        return []
    hits: list[Finding] = []
    if probe.contains is not None:
        pattern = re.compile(probe.contains)
        for number, line in enumerate(text.splitlines(), 1):
            if len(line) <= 10_000 and pattern.search(line):
                hits.append(Finding(probe, name, number, _shown(line)))
                break
        if not hits:
            return []
    if probe.key is not None:
        at_key = _key_finding(probe, name, text)
        if at_key is None:
            return []
        hits = [at_key]
    return hits


def _shown(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= MAX_SHOWN else line[: MAX_SHOWN - 1] + "…"


def _key_finding(probe: Probe, name: str, text: str) -> Finding | None:
    """A finding where the file holds `probe.key` (with the value `probe.equals`, if given)."""
    assert probe.key is not None
    keys = probe.key.split(".")
    for document, line_of in _documents(name, text):
        for value, path in _values_at(document, keys, ()):
            if probe.equals is None or _as_text(value) == probe.equals:
                return Finding(
                    probe, name, line_of(path), _shown(f"{probe.key}: {_as_text(value)}")
                )
    return None


def _documents(name: str, text: str) -> list[tuple[Any, Any]]:
    """The data documents of a YAML, JSON or TOML file, each with a function that gives the
    line of a key path (None where unknown). Files that do not parse hold none."""
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
    if suffix not in ("yaml", "yml"):
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
