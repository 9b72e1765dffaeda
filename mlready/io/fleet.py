"""Reading the repositories of a fleet: the answers files of a commit, read without a work tree
(a local repository in place, a URL through a bare, shallow, blob-less clone kept in the cache),
and the facts of earlier runs kept by the answers files' blob ids."""

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from mlready.core.errors import InputError
from mlready.core.fleet import Listed
from mlready.core.messages import Message
from mlready.io.cache import cache_dir, cached_data, entry_for, remember_data
from mlready.io.git import GitError, blob_sizes, mirror, read_blobs, resolve_commit, tree_blobs
from mlready.io.yamlio import MAX_FILE_BYTES

CLONE_TIMEOUT_SECONDS = 600
MAX_ANSWERS_BYTES = MAX_FILE_BYTES  # a larger answers blob is never read


class Found(NamedTuple):
    """One answers file at the commit: its path, blob id and bytes (None when not read, its
    fact being known from an earlier run)."""

    path: str
    blob: str
    data: bytes | None
    size: int | None = None  # set when the bytes were not read: too large


class Snapshot(NamedTuple):
    """The commit a repository's ref names and the answers files in it."""

    commit: str
    files: tuple[Found, ...]


def clones_folder() -> Path | None:
    """Where clones of repositories listed by URL are kept (in the cache folder), made on
    first use; None when the cache is off or cannot be made."""
    folder = cache_dir()
    if folder is None:
        return None
    clones = folder / "repositories"
    try:
        clones.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return clones if _own_folder(clones) else None


def _own_folder(path: Path) -> bool:
    # A folder planted by someone else (or a link to one) is never fetched into or read.
    try:
        status = path.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(status.st_mode) and status.st_uid == os.geteuid()


def snapshot(
    listed: Listed,
    *,
    base: Path,
    ref: str,
    clones: Path,
    known: Callable[[str, str], bool],
) -> Snapshot:
    """The answers files `listed` names at `ref`, read from git; those for which `known`
    (path, blob id) is true are not read. Raises GitError or InputError (the reason)."""
    if listed.url:
        folder = clones / (
            hashlib.blake2b(listed.repository.encode(), digest_size=12).hexdigest() + ".git"
        )
        # One run at a time fetches into a clone and reads from it (reading a blob-less clone
        # fetches too): two runs, or two lines naming one URL, would fight over git's lock
        # files and over FETCH_HEAD, the commit a fetch names.
        with _clone_lock(folder):
            if folder.exists() and not _own_folder(folder):
                raise InputError(
                    Message("{path}: not a clone of this user's; not used", path=folder)
                )
            commit = mirror(listed.repository, folder, ref=ref, timeout=CLONE_TIMEOUT_SECONDS)
            return _files(folder, commit, listed=listed, known=known)
    folder = base / listed.repository
    if not folder.is_dir():
        raise InputError(Message("{path}: no such repository", path=listed.repository))
    if not _repository_top(folder):
        # git would look in the folders above and read their repository under this name.
        raise InputError(Message("{path}: not the top of a git repository", path=listed.repository))
    return _files(folder, resolve_commit(folder, ref), listed=listed, known=known)


def _repository_top(folder: Path) -> bool:
    """Whether `folder` is a work tree's top (it holds `.git`) or a bare repository."""
    if (folder / ".git").exists():
        return True
    return (folder / "HEAD").is_file() and (folder / "objects").is_dir()


@contextlib.contextmanager
def _clone_lock(folder: Path) -> Iterator[None]:
    """Hold `NAME.lock` beside the clone `NAME.git` while the block runs, waiting for another
    run (or thread) that holds it; without advisory locks (Windows), run unlocked."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    lock = folder.with_suffix(".lock")
    try:
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
    except OSError as error:
        raise InputError(
            Message(
                "{path}: cannot create the lock file: {reason}",
                path=lock,
                reason=error.strerror or str(error),
            )
        ) from None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise InputError(
                Message(
                    "{path}: the lock file is not a regular file; remove it and try again",
                    path=lock,
                )
            )
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # which lets the lock go


def _files(
    folder: Path, commit: str, *, listed: Listed, known: Callable[[str, str], bool]
) -> Snapshot:
    """The answers files `listed` names in `commit` of the repository at `folder`."""
    matching = [
        (path, blob) for path, blob in tree_blobs(folder, commit) if listed.answers.matches(path)
    ]
    wanted = [blob for path, blob in matching if not known(path, blob)]
    sizes = dict(zip(wanted, blob_sizes(folder, wanted, fetching=listed.url), strict=True))
    large = {
        blob: size for blob, size in sizes.items() if size is not None and size > MAX_ANSWERS_BYTES
    }
    wanted = [blob for blob in wanted if blob not in large]
    read = dict(zip(wanted, read_blobs(folder, wanted, fetching=listed.url), strict=True))
    files = []
    for path, blob in matching:
        if blob in large:
            files.append(Found(path, blob, None, large[blob]))
            continue
        data = read.get(blob)
        if blob in read and data is None:
            raise GitError(
                Message("{path}: blob {blob} is not in the repository", path=path, blob=blob),
                reason="missing blob",
            )
        files.append(Found(path, blob, data))
    return Snapshot(commit, tuple(files))


def known_facts(key: str) -> dict[str, Any]:
    """The facts an earlier run kept under `key`, by `blob path` (empty when none)."""
    entry = entry_for(key.encode(), kind="facts")
    data = cached_data(entry) if entry is not None else None
    return data if isinstance(data, dict) else {}


def keep_facts(key: str, facts: dict[str, Any]) -> None:
    """Keep the facts of this run under `key` for the next (quietly skipped without a cache)."""
    entry = entry_for(key.encode(), kind="facts")
    if entry is not None:
        remember_data(entry, facts)
