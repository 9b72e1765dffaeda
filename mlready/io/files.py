"""Writing files so that a crash leaves either the old file or the new one, whole."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from mlready.core.errors import FileLockedError, MlreadyError
from mlready.core.messages import Message
from mlready.io.os_errors import os_reason

# Every file this process has read as an input (answers, banks and their layers, translation
# files, settings, templates and their includes, baselines), by its real path, recorded where
# it is read: the output policy never writes one of them, whatever the command passed it.
# Kept as text: a portfolio reads thousands, and a Path object costs several times its name.
_INPUTS: dict[str, None] = {}


def record_input(path: Path) -> None:
    """Remember `path` as an input of this run. Only a regular file is one: a device or a
    FIFO read as an input may still be written to (`/dev/null`, a pipe)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return
    except OSError:
        return
    _INPUTS[os.path.realpath(path)] = None


def inputs_read() -> list[Path]:
    """The real paths of the regular files this process has read as inputs, in order."""
    return [Path(name) for name in _INPUTS]


def forget_inputs() -> None:
    """Start a new run in the same process: no file read so far is an input of it."""
    _INPUTS.clear()


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8), keeping the old file's permissions.

    Raises MlreadyError when the folder cannot be written.
    """
    folder = path.parent
    if path.is_dir():
        raise MlreadyError(is_a_folder(path))
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise MlreadyError(cannot_write(path, error)) from None
    import tempfile  # only when writing: reading runs need not load it

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise MlreadyError(cannot_write(path, error)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise MlreadyError(cannot_write(path, error)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def is_a_folder(path: Path) -> Message:
    """What is said when the file to write is a folder."""
    return Message("{path}: is a folder; name a file to write", path=path)


def cannot_write(path: Path, error: OSError) -> Message:
    """What is said when the system refuses to write `path`."""
    return Message("{path}: cannot write: {reason}", path=path, reason=os_reason(error))


def make_folder(folder: Path) -> None:
    """Create `folder` and its parents. Raises MlreadyError when that is not possible."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise MlreadyError(
            Message(
                "{path}: cannot create the folder: {reason}", path=folder, reason=os_reason(error)
            )
        ) from None


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is flushed too (not possible everywhere).
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def lock_path_of(path: Path) -> Path:
    """The lock file of an answers file: `.NAME.lock` beside the file a link points to."""
    real = Path(os.path.realpath(path))
    return real.parent / f".{real.name}.lock"


@contextlib.contextmanager
def exclusive_lock(path: Path, *, note: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold a lock on `path` (through its `.NAME.lock` file) while the block runs."""
    # Raises FileLockedError when another process holds it. The lock dies with its process, so a
    # crash never leaves the file locked; a lock file such a process left behind is taken over,
    # and `note` is told which process it was.
    try:
        import fcntl
    except ImportError:
        # Without the lock two sessions could overwrite each other's answers: refuse, rather
        # than edit without it (Windows has no fcntl).
        raise MlreadyError(
            Message(
                "{path}: this platform has no advisory file locks (fcntl), which mlready needs "
                "to edit an answers file safely; edit it by hand and run `mlready check`",
                path=path,
            )
        ) from None
    lock_path = lock_path_of(path)
    while True:
        try:
            # Without blocking: a FIFO planted under the lock's name must not hang the open.
            flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
            descriptor = os.open(lock_path, flags, 0o644)
        except OSError as error:
            raise MlreadyError(
                Message(
                    "{path}: cannot create the lock file: {reason}",
                    path=lock_path,
                    reason=os_reason(error),
                )
            ) from None
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            os.close(descriptor)
            raise MlreadyError(
                Message(
                    "{path}: the lock file is not a regular file; remove it and try again",
                    path=lock_path,
                )
            )
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise FileLockedError(
                Message(
                    "{path}: another mlready session is editing this file; finish that one first",
                    path=path,
                )
            ) from None
        # The holder before us may have removed the file between our open and our lock: then
        # we hold a lock nobody else can see, and must lock the file that is there now.
        try:
            same = os.fstat(descriptor).st_ino == lock_path.lstat().st_ino
        except OSError:
            same = False
        if same:
            break
        os.close(descriptor)
    try:
        # From here on the lock file is ours: whatever fails, even writing our process id into
        # it (a full disk), the file goes. A new lock file is empty until that write, and an
        # empty one left by a crash is taken over like any other.
        try:
            left = os.read(descriptor, 64).decode("ascii", errors="replace").strip()
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        except OSError as error:
            raise MlreadyError(cannot_write(lock_path, error)) from None
        if left and note is not None:
            note(
                Message(
                    "took over the lock {path} left by an ask that ended (process {process})",
                    path=lock_path,
                    process=left,
                )
            )
        yield
    finally:
        with contextlib.suppress(OSError):
            lock_path.unlink()
        os.close(descriptor)


def walk(top: str | Path) -> Iterator[tuple[str, list[str], list[str]]]:
    """Each folder below `top` (itself first) with its subfolders and files, as os.walk gives
    them top-down: emptying or sorting a subfolders list chooses where the walk goes."""
    # A stack instead of os.walk's recursion (Python 3.11): a tree deeper than the interpreter's
    # recursion limit is walked like any other. Links to folders are listed, never entered.
    stack = [os.fspath(top)]
    while stack:
        folder = stack.pop()
        subfolders: list[str] = []
        files: list[str] = []
        links: set[str] = set()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_folder = entry.is_dir()
                        if is_folder and entry.is_symlink():
                            links.add(entry.name)
                    except OSError:
                        is_folder = False
                    (subfolders if is_folder else files).append(entry.name)
        except OSError:
            continue  # unreadable, as os.walk skips it
        yield folder, subfolders, files
        # Strings, not Path objects: a walk visits thousands of folders.
        stack.extend(
            os.path.join(folder, name)  # noqa: PTH118
            for name in reversed(subfolders)
            if name not in links
        )
