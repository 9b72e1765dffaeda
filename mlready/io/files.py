"""Writing files so that a crash leaves either the old file or the new one, whole."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mlready.core.errors import FileLockedError, InputError, MlreadyError


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8), keeping the old file's permissions.

    Raises MlreadyError when the folder cannot be written.
    """
    folder = path.parent
    if path.is_dir():
        raise MlreadyError(f"{path}: is a folder; name a file to write")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise MlreadyError(f"{path}: cannot write: {error.strerror}") from None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise MlreadyError(f"{path}: cannot write: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise MlreadyError(f"{path}: cannot write: {error.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def refuse_foreign_file(path: Path, *, marker: str, force: bool) -> None:
    """Raise InputError when `path` exists and does not start with mlready's `marker` line
    (unless `force`): mlready overwrites only what it wrote."""
    if force or not path.exists() or path.is_dir():
        return
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            first_line = stream.readline().rstrip("\n")
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    if first_line != marker:
        raise InputError(
            f"{path}: exists and was not written by mlready; use --force to overwrite it"
        )


def make_folder(folder: Path) -> None:
    """Create `folder` and its parents. Raises MlreadyError when that is not possible."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MlreadyError(f"{folder}: cannot create the folder: {error.strerror}") from None


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is flushed too (not possible everywhere).
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """Hold a lock on `path` (through a `.NAME.lock` file beside it) while the block runs.

    Raises FileLockedError when another process holds it. The lock dies with its process, so a
    crash never leaves the file locked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no advisory locks on this platform
        yield
        return
    lock_path = path.parent / f".{path.name}.lock"
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise MlreadyError(f"{lock_path}: cannot create the lock file: {error.strerror}") from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FileLockedError(
                f"{path}: another mlready session is editing this file; finish that one first"
            ) from None
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                lock_path.unlink()
    finally:
        os.close(descriptor)
