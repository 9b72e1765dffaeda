"""The history of a file from git: its revisions (renames followed) and their text.

Only the `git` program on PATH outside the repository is run, with fixed arguments and no
shell, and with the settings through which a repository's own configuration could start a
program (signature checks, external diff drivers, text conversion, an fsmonitor, a pager)
turned off: reading history never runs anything the repository holds.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from mlready.core.errors import InputError
from mlready.core.messages import Said

# Repository settings that could make a read-only git command run another program.
_SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.pager=cat",
    "log.showSignature=false",
    "core.quotePath=false",
)
_TIMEOUT_SECONDS = 120


class GitRevision(NamedTuple):
    """One commit that changed a file: when, by whom, under which path, and its bytes (None
    when the commit deleted it)."""

    commit: str
    date: dt.datetime
    author: str
    path: str
    data: bytes | None


class NotInGitError(InputError):
    """The file is not in a git work tree (or git is not installed)."""


def _repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` with a `.git`, found without running git."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _git_program(folder: Path) -> str:
    """The `git` on PATH, from a folder named by an absolute path and outside the repository
    around `folder`: a repository's own `git`, or one found through `.` on PATH, never runs."""
    root = _repository_root(folder.absolute())
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        if not entry or not Path(entry).is_absolute():
            continue
        found = shutil.which("git", path=entry)
        if found is None:
            continue
        program = Path(found).resolve()
        if root is not None and program.is_relative_to(root.resolve()):
            raise InputError(
                Said("{path}: the git first on PATH is inside the repository; not run", path=found)
            )
        return str(program)
    raise NotInGitError(Said("git is not installed (history needs it on PATH)"))


def _environment() -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GIT_EXTERNAL_DIFF", "GIT_PAGER", "PAGER", "GIT_ASKPASS", "SSH_ASKPASS")
    }
    environment.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    return environment


def _run(program: str, folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
    command = [program, "--no-pager"]
    for setting in _SAFE_CONFIG:
        command += ["-c", setting]
    try:
        finished = subprocess.run(
            [*command, "-C", str(folder), *args],
            input=stdin,
            capture_output=True,
            env=_environment(),
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise InputError(
            Said("{path}: git took longer than {seconds} s", path=folder, seconds=_TIMEOUT_SECONDS)
        ) from None
    if finished.returncode != 0:
        message = finished.stderr.decode("utf-8", errors="replace").strip().splitlines()
        # git's own words stay as git says them (in English: it runs with LC_ALL=C).
        raise InputError(
            Said(
                "{path}: git {command} failed: {reason}",
                path=folder,
                command=args[0],
                reason=message[-1] if message else "",
            )
        )
    return finished.stdout


def work_tree_of(path: Path) -> tuple[Path, str] | None:
    """The root of the git work tree holding `path` and the path below it (in git's form),
    or None when `path` is not in one (or git is missing)."""
    folder = path.absolute().parent
    if not folder.is_dir():
        return None
    if _repository_root(folder) is None and "GIT_DIR" not in os.environ:
        return None  # no .git above: not a work tree, and no git process to start
    try:
        program = _git_program(folder)
        output = _run(program, folder, "rev-parse", "--show-toplevel", "--show-prefix")
    except InputError:
        return None
    lines = output.decode("utf-8", errors="surrogateescape").split("\n")
    if len(lines) < 2:
        return None
    return Path(lines[0]), lines[1] + path.name


def file_revisions(path: Path, *, since: dt.date | None = None) -> list[GitRevision]:
    """The commits that changed `path`, oldest first, following renames.

    Raises NotInGitError when `path` is not in a git work tree, InputError when git fails.
    """
    folder = path.absolute().parent
    program = _git_program(folder)  # says why when git is missing or not to be run
    where = work_tree_of(path)
    if where is None:
        raise NotInGitError(
            Said("{path}: not in a git work tree; history reads the file's git log", path=path)
        )
    root, relative = where
    args = [
        "log",
        "--follow",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "-z",
        "--name-only",
        "--format=%x1e%H%x1f%aI%x1f%an",
    ]
    if since is not None:
        args.append(f"--since={since.isoformat()}")
    output = _run(program, root, *args, "--", relative)
    listed: list[tuple[str, dt.datetime, str, str]] = []
    for record in output.split(b"\x1e")[1:]:
        header, _, rest = record.partition(b"\0")
        fields = header.decode("utf-8", errors="replace").split("\x1f", 2)
        name = rest.strip(b"\n\0").split(b"\0")[0].decode("utf-8", errors="surrogateescape")
        if len(fields) != 3 or not name:
            continue
        commit, date, author = fields
        listed.append((commit, dt.datetime.fromisoformat(date), author, name))
    listed.reverse()
    contents = _blobs(program, root, [(commit, name) for commit, _, _, name in listed])
    return [
        GitRevision(commit, date, author, name, data)
        for (commit, date, author, name), data in zip(listed, contents, strict=True)
    ]


def _blobs(program: str, root: Path, wanted: list[tuple[str, str]]) -> list[bytes | None]:
    """The bytes of each `commit:path` (None when missing), read by one `git cat-file`."""
    asked = [(commit, name) for commit, name in wanted if "\n" not in name]
    if not asked:
        return [None] * len(wanted)
    request = b"".join(
        f"{commit}:{name}\n".encode("utf-8", "surrogateescape") for commit, name in asked
    )
    output = _run(program, root, "cat-file", "--batch", stdin=request)
    read: dict[tuple[str, str], bytes | None] = {}
    position = 0
    for key in asked:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3 and header[2].isdigit():
            size = int(header[2])
            content = output[position : position + size]
            read[key] = content if header[1] == b"blob" else None
            position += size + 1  # the content, then a newline
        else:  # "<name> missing": the commit deleted the file
            read[key] = None
    return [read.get(key) for key in wanted]
