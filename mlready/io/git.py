"""The one runner of git, and what mlready reads through it: tracked files, a file's history."""

# Every git call in mlready goes through `run_git`, which makes sure that nothing a repository
# holds or configures runs:
#
# - git is found on PATH by an absolute folder outside the repository (never `.`, an empty or a
#   relative entry, never a `git` inside the repository), and git's own PATH is cleaned the same
#   way (an fsmonitor or helper named without a folder finds nothing of the repository's);
# - the environment loses every `GIT_*` variable (GIT_DIR, GIT_WORK_TREE, GIT_EXEC_PATH,
#   GIT_EXTERNAL_DIFF, GIT_SSH_COMMAND, GIT_ASKPASS, GIT_CONFIG_*...) and the pager, askpass and
#   editor variables; prompts and optional locks are off;
# - `-c` settings, which win over every configuration file, turn off each setting through which a
#   repository's `.git/config` can start a program: the fsmonitor hook, hooks, the pager, the ssh
#   command, external diff, askpass and credential helpers, the ext transport, signature checks;
# - only real subcommands are called (an alias is never looked up for a builtin), and only ones
#   that never run a filter driver (`filter.<name>.clean/smudge/process` cannot be turned off by
#   `-c` for a name chosen by the repository): `rev-parse`, `ls-files` (which reads the index,
#   never the work tree's contents), `log` without patches (`--no-ext-diff --no-textconv`) and
#   `cat-file --batch` without `--filters` or `--textconv`.
#
# A repository listed by URL (`portfolio --repos`) is cloned bare, shallow and without blobs, and
# fetched again on later runs: then, and only then, the `file`, `https` and `ssh` protocols are
# allowed (never `ext`, never another); submodules are never fetched. A clone runs no checkout,
# so no filter driver or hook of the repository has a work tree to run on.
#
# `safe.directory` is left as the user set it: a repository git refuses is reported with git's
# own words.

import contextlib
import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from mlready.core.errors import InputError
from mlready.core.messages import Message

# Highest-priority settings: whatever the repository's or the user's configuration says.
_SAFE_CONFIG = (
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.sshCommand=ssh",
    "core.askPass=",
    "core.untrackedCache=false",
    "core.quotePath=false",
    "credential.helper=",
    "diff.external=",
    "protocol.allow=never",
    "protocol.ext.allow=never",
    "log.showSignature=false",
    "pager.log=false",
)
# Over the settings above, for a clone or fetch and for reading a blob-less clone (which fetches
# each blob it lacks from the URL it was cloned from): the three protocols, no submodules.
_FETCH_CONFIG = (
    "protocol.file.allow=always",
    "protocol.https.allow=always",
    "protocol.ssh.allow=always",
    "submodule.recurse=false",
    "fetch.recurseSubmodules=false",
)
# Variables that make git run a program, read other configuration or look at another
# repository; every GIT_* variable goes, these others too.
_SCRUBBED = frozenset({"PAGER", "SSH_ASKPASS", "EDITOR", "VISUAL", "LESSOPEN", "LESSCLOSE"})
_TIMEOUT_SECONDS = 120
_COMMIT = re.compile(rb"[0-9a-f]{40}|[0-9a-f]{64}")


class GitError(InputError):
    """git could not be run, or refused; `reason` is git's own words (or why it did not run)."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class NotInGitError(GitError):
    """The file is not in a git work tree (or git is not installed)."""


class UnsafeGitError(GitError):
    """The first git on PATH is the repository's own: it is not run."""


class GitRevision(NamedTuple):
    """One commit that changed a file: when, by whom, under which path, and its bytes (None
    when the commit deleted it)."""

    commit: str
    date: dt.datetime
    author: str
    path: str
    data: bytes | None
    absent: bool = False  # the file's bytes are not in this (partial) clone


def repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` with a `.git`, found without running git."""
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _outside(entries: list[str], root: Path | None) -> list[str]:
    """The PATH entries that are absolute folders outside the repository at `root`."""
    kept = []
    for entry in entries:
        if not entry or not Path(entry).is_absolute():
            continue
        if root is not None and Path(entry).resolve().is_relative_to(root):
            continue
        kept.append(entry)
    return kept


def git_program(folder: Path) -> str:
    """The `git` on PATH, from a folder named by an absolute path and outside the repository
    around `folder`: a repository's own `git`, or one found through `.` on PATH, never runs."""
    # Raises NotInGitError when there is none, UnsafeGitError when the first is the repository's.
    root = repository_root(folder.absolute())
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        if not entry or not Path(entry).is_absolute():
            continue
        found = shutil.which("git", path=entry)
        if found is None:
            continue
        program = Path(found).resolve()
        if root is not None and program.is_relative_to(root.resolve()):
            raise UnsafeGitError(
                Message(
                    "{path}: the git first on PATH is inside the repository; not run", path=found
                ),
                reason="inside the repository",
            )
        return str(program)
    raise NotInGitError(Message("git is not installed (history needs it on PATH)"), reason="")


def _environment(root: Path | None) -> dict[str, str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GIT_") and key not in _SCRUBBED
    }
    root = root.resolve() if root is not None else None
    environment["PATH"] = os.pathsep.join(
        _outside(os.environ.get("PATH", "").split(os.pathsep), root)
    )
    environment.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    return environment


def _git_reason(stderr: bytes, returncode: int) -> str:
    """What git said, in one line: its first `fatal:` or `error:` line, else its first line."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    for line in lines:
        for prefix in ("fatal: ", "error: "):
            if line.startswith(prefix):
                return line.removeprefix(prefix)
    return lines[0] if lines else f"exit {returncode}"


def run_git(
    folder: Path,
    *args: str,
    stdin: bytes | None = None,
    timeout: float = _TIMEOUT_SECONDS,
    fetching: bool = False,
) -> bytes:
    """git's standard output for `git ARGS` run in `folder`, hardened (see the module); with
    `fetching`, the file, https and ssh protocols are allowed."""
    # Raises NotInGitError when git is not installed, GitError when git fails or refuses (its
    # `reason` is git's own words, which stay as git says them: in English, as it runs with
    # LC_ALL=C).
    program = git_program(folder)
    # A path given to git is the file's name, never a pattern (`*`, `[`, `:(magic)`).
    command = [program, "--no-pager", "--literal-pathspecs"]
    for setting in (*_SAFE_CONFIG, *(_FETCH_CONFIG if fetching else ())):
        command += ["-c", setting]
    try:
        finished = subprocess.run(
            [*command, "-C", str(folder), *args],
            input=stdin,
            capture_output=True,
            env=_environment(repository_root(folder.absolute())),
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitError(
            Message(
                "{path}: git took longer than {seconds} s", path=folder, seconds=f"{timeout:g}"
            ),
            reason=f"timeout after {timeout:g} s",
        ) from None
    except OSError as error:
        raise _failed(folder, args[0], error.strerror or str(error)) from None
    if finished.returncode != 0:
        raise _failed(folder, args[0], _git_reason(finished.stderr, finished.returncode))
    return finished.stdout


def _failed(folder: Path, command: str, reason: str) -> GitError:
    # git's own words stay as git says them.
    return GitError(
        Message(
            "{path}: git {command} failed: {reason}", path=folder, command=command, reason=reason
        ),
        reason=reason,
    )


def tracked_files(root: Path, *, timeout: float) -> list[str]:
    """The files git tracks in the work tree at `root`, as git names them (bytes that are no
    UTF-8 shown as U+FFFD). Raises GitError as `run_git` does."""
    output = run_git(root, "ls-files", "-z", "--cached", timeout=timeout)
    return [name for name in output.decode("utf-8", errors="replace").split("\0") if name]


def work_tree_of(path: Path) -> tuple[Path, str] | None:
    """The root of the git work tree holding `path` and the path below it (in git's form),
    or None when no folder above it has a `.git` (then no git runs)."""
    # Raises GitError when git is missing or refuses the repository (git's reason is said).
    folder = path.absolute().parent
    if not folder.is_dir() or repository_root(folder) is None:
        return None
    output = run_git(folder, "rev-parse", "--show-toplevel")
    # The top's name ends at the output's last newline: a folder's name may hold one too.
    top = Path(output.removesuffix(b"\n").decode("utf-8", errors="surrogateescape"))
    inside = Path(os.path.realpath(folder)) / path.name  # a link is followed by git, not here
    if not top.is_absolute() or not inside.is_relative_to(os.path.realpath(top)):
        return None
    return top, inside.relative_to(os.path.realpath(top)).as_posix()


def _listed(output: bytes) -> list[tuple[str, str]]:
    """(commit, path) from `git log --format=%H -z --name-only`, newest first."""
    # Each commit is its hash and a NUL; its name follows after a newline, ended by a NUL. A
    # commit with no name (a merge) is skipped. Nothing a name holds can pass for a commit: a
    # name token starts with the newline, a commit token is 40 or 64 hexadecimal digits.
    # A commit that changed more than one name under the path (the file became a folder) lists
    # the others after the first, with no newline: they are passed over, and a token is taken
    # for a commit only where a newline-led name follows it, or where no name list is open.
    listed: list[tuple[str, str]] = []
    commit: str | None = None
    in_names = False
    tokens = output.split(b"\0")
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else b""
        if token.startswith(b"\n"):
            if commit is not None and len(token) > 1:
                listed.append((commit, token[1:].decode("utf-8", errors="surrogateescape")))
            commit, in_names = None, True
        elif _COMMIT.fullmatch(token) and (following.startswith(b"\n") or not in_names):
            commit, in_names = token.decode("ascii"), False
        elif token and not in_names:
            raise GitError(
                Message("git log gave a line that is no commit: {text}", text=repr(token[:80])),
                reason="unexpected output",
            )
    return listed


def parse_author(
    commit_object: bytes, *, role: bytes = b"author"
) -> tuple[str, dt.datetime] | None:
    """The author's (or committer's) name and date, with its offset, in a raw commit object,
    or None when the line does not read as `author NAME <EMAIL> SECONDS +HHMM`. The line is
    cut from the right, so a name may hold any byte but a newline."""
    header = commit_object.split(b"\n\n", 1)[0]
    for line in header.split(b"\n"):
        if not line.startswith(role + b" "):
            continue
        ident, _, when = line[len(role) + 1 :].rpartition(b"> ")
        name, _, _email = ident.rpartition(b" <")
        seconds, _, offset = when.partition(b" ")
        if not seconds.isdigit() or re.fullmatch(rb"[+-]\d{4}", offset) is None:
            return None
        hours, minutes = int(offset[1:3]), int(offset[3:5])
        sign = -1 if offset[:1] == b"-" else 1
        zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
        try:
            date = dt.datetime.fromtimestamp(int(seconds), zone)
        except (OverflowError, OSError, ValueError):
            return None
        return name.decode("utf-8", errors="replace"), date
    return None


_ABSENT = b"absent"  # not a type git gives an object


def _object_or_absent(root: Path, name: str) -> tuple[bytes, bytes] | None:
    try:
        return _objects(root, [name])[0]
    except GitError:
        if ":" not in name:
            raise  # a commit is in every clone: its absence is no partial clone's
        return (_ABSENT, b"")


def _objects(
    root: Path, names: list[str], *, fetching: bool = False
) -> list[tuple[bytes, bytes] | None]:
    """(type, bytes) of each object named (`commit` or `commit:path`), None when missing; read
    by one `git cat-file --batch`, which never runs a filter or text conversion."""
    asked = [name for name in names if "\n" not in name]
    read: dict[str, tuple[bytes, bytes] | None] = {}
    if asked:
        request = b"".join(name.encode("utf-8", "surrogateescape") + b"\n" for name in asked)
        output = run_git(root, "cat-file", "--batch", stdin=request, fetching=fetching)
        position = 0
        for name in asked:
            end = output.find(b"\n", position)
            if end < 0:
                raise GitError(
                    Message("{path}: git cat-file ended early", path=root),
                    reason="output cut short",
                )
            header = output[position:end].split()
            position = end + 1
            if len(header) == 3 and header[2].isdigit():
                size = int(header[2])
                read[name] = (header[1], output[position : position + size])
                position += size + 1  # the content, then a newline
            else:  # "<name> missing": the commit deleted the file
                read[name] = None
    return [read.get(name) for name in names]


def file_revisions(path: Path, *, since: dt.date | None = None) -> list[GitRevision]:
    """The commits that changed `path`, oldest first, following renames."""
    # Raises NotInGitError when `path` is not in a git work tree, GitError when git fails (with
    # git's reason: a repository it refuses is no "not in a work tree").
    git_program(path.absolute().parent)  # says why when git is missing or not to be run
    where = work_tree_of(path)
    if where is None:
        raise NotInGitError(
            Message("{path}: not in a git work tree; history reads the file's git log", path=path),
            reason="not in a work tree",
        )
    root, relative = where
    args = ["log", "--follow", "--no-ext-diff", "--no-textconv", "--no-color", "-z"]
    args += ["--name-only", "--format=%H"]
    if since is not None:
        # git reads a bare date as that day at the current time of day, and compares instants:
        # asking from the day before, at midnight UTC, keeps every commit whose own date (in
        # any time zone, up to UTC+14) is `since` or later, whenever the command runs; the
        # caller holds each commit's own date to `since` exactly.
        # (The first day a calendar holds has no day before it: every commit is later anyway.)
        before = since - dt.timedelta(days=1) if since > dt.date.min else since
        args.append(f"--since={before.isoformat()}T00:00:00Z")
    listed = _listed(run_git(root, *args, "--", relative))
    listed.reverse()
    names = [commit for commit, _ in listed] + [f"{commit}:{name}" for commit, name in listed]
    try:
        found = _objects(root, names)
    except GitError:
        # A partial clone (--filter=blob:none) lacks old versions, and git, asked for one, would
        # fetch it, which the runner forbids: each is asked alone, and one not there is absent.
        found = [_object_or_absent(root, name) for name in names]
    commits, blobs = found[: len(listed)], found[len(listed) :]
    revisions = []
    for (commit, name), commit_object, blob in zip(listed, commits, blobs, strict=True):
        raw = commit_object[1] if commit_object else b""
        # A malformed author line (a name with a newline in a hand-made commit) leaves the
        # name empty and the date the committer's, as git's own log does for the name.
        author = parse_author(raw)
        if author is None and (committer := parse_author(raw, role=b"committer")) is not None:
            author = ("", committer[1])
        if author is None:
            raise GitError(
                Message(
                    "{path}: commit {commit} has no author line that reads",
                    path=root,
                    commit=commit,
                ),
                reason="unreadable commit",
            )
        data = blob[1] if blob is not None and blob[0] == b"blob" else None
        absent = blob is not None and blob[0] == _ABSENT
        revisions.append(GitRevision(commit, author[1], author[0], name, data, absent))
    return revisions


def resolve_commit(root: Path, ref: str) -> str:
    """The commit `ref` names in the repository at `root` (a work tree or a bare one)."""
    # Raises GitError (git's reason) when it names none.
    try:
        output = run_git(root, "rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}")
    except NotInGitError:
        raise
    except GitError as error:
        raise GitError(
            Message(
                "{path}: no commit named {ref} ({reason})", path=root, ref=ref, reason=error.reason
            ),
            reason=f"no commit named {ref} ({error.reason})",
        ) from None
    commit = output.strip()
    if _COMMIT.fullmatch(commit) is None:
        raise GitError(
            Message("git rev-parse gave no commit: {text}", text=repr(commit[:80])),
            reason="unexpected output",
        )
    return commit.decode("ascii")


def tree_blobs(root: Path, commit: str) -> list[tuple[str, str]]:
    """(path, blob id) of every file in `commit`'s tree, read without a work tree; a
    submodule or a link is not a file and is left out."""
    output = run_git(root, "ls-tree", "-r", "-z", "--full-tree", commit)
    found = []
    for record in output.split(b"\0"):
        header, tab, name = record.partition(b"\t")
        fields = header.split(b" ")
        if not tab or len(fields) != 3 or fields[1] != b"blob" or fields[0] == b"120000":
            continue
        found.append((name.decode("utf-8", errors="surrogateescape"), fields[2].decode("ascii")))
    return found


def blob_sizes(root: Path, blobs: list[str], *, fetching: bool = False) -> list[int | None]:
    """The size in bytes of each blob (None when it is missing), learnt without reading its
    bytes: a blob too large to read is refused before it fills the memory."""
    if not blobs:
        return []
    request = b"".join(blob.encode("ascii") + b"\n" for blob in blobs)
    output = run_git(root, "cat-file", "--batch-check", stdin=request, fetching=fetching)
    lines = output.split(b"\n")
    sizes: list[int | None] = []
    for index, _blob in enumerate(blobs):
        fields = lines[index].split() if index < len(lines) else []
        found = len(fields) == 3 and fields[1] == b"blob" and fields[2].isdigit()
        sizes.append(int(fields[2]) if found else None)
    return sizes


def read_blobs(root: Path, blobs: list[str], *, fetching: bool = False) -> list[bytes | None]:
    """The bytes of each blob (None when it is missing); with `fetching`, a blob-less clone
    fetches those it lacks from the URL it was cloned from."""
    found = _objects(root, blobs, fetching=fetching)
    return [item[1] if item is not None and item[0] == b"blob" else None for item in found]


def mirror(url: str, folder: Path, *, ref: str, timeout: float) -> str:
    """The commit `ref` names at `url`, in a bare, shallow, blob-less clone at `folder`: cloned
    the first time, fetched on later runs. Raises GitError (git's reason)."""
    # `--` ends the options: a URL is never read as one. The ref is a branch, a tag or HEAD.
    fetch = ["--depth", "1", "--filter=blob:none", "--no-tags", "--no-recurse-submodules"]
    if not (folder / "HEAD").is_file():
        temporary = folder.with_name(f".{folder.name}.{os.getpid()}.{os.urandom(4).hex()}")
        branch = [] if ref == "HEAD" else ["--branch", ref]
        try:
            run_git(
                folder.parent,
                "clone",
                "--bare",
                "--quiet",
                *fetch,
                *branch,
                "--",
                url,
                str(temporary),
                timeout=timeout,
                fetching=True,
            )
            with contextlib.suppress(OSError):  # another run made it first: theirs is as good
                temporary.rename(folder)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
        return resolve_commit(folder, "HEAD")
    run_git(folder, "fetch", "--quiet", *fetch, "origin", "--", ref, timeout=timeout, fetching=True)
    return resolve_commit(folder, "FETCH_HEAD")
