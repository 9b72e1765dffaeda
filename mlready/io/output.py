"""The one policy for every file mlready writes besides the answers file."""

# - An input of the run (the answers, every file of the bank and its layers, a translation
#   file, the settings, a template and its includes, a baseline) is never replaced, whatever
#   the flags: the caller names the inputs it knows, and every file read through mlready's
#   readers is recorded as one when it is read (`files.record_input`); also when the output
#   reaches it through a symbolic link, `..` or a second name (a hard link).
# - An existing regular file that mlready did not write is replaced only with `--force`. Whether
#   mlready wrote it is read from at most MAX_SNIFF_BYTES of it, and only from a regular file.
# - A link is written through: the file it points to is replaced (atomically, in its own folder)
#   and the link stays.
# - An existing target that is not a regular file (a device such as /dev/null, a FIFO) is written
#   in place: opened for writing, never read, never renamed over.

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from mlready.core.errors import InputError, MlreadyError
from mlready.core.messages import Message
from mlready.io.files import cannot_write, inputs_read, is_a_folder, write_atomically
from mlready.io.os_errors import os_reason

MAX_SNIFF_BYTES = 1024 * 1024

# Tells whether the first MAX_SNIFF_BYTES of a file are something mlready wrote.
Recogniser = Callable[[str], bool]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _refuse_inputs(path: Path, real: Path, inputs: Iterable[Path | None]) -> None:
    """Refuse `path` when it is one of `inputs`, or any file the run has read as an input."""
    identity = _identity(real)
    for item in [*inputs, *inputs_read()]:
        if item is None or str(item) == "-":
            continue
        if Path(os.path.realpath(item)) == real or (
            identity is not None and _identity(item) == identity
        ):
            raise InputError(
                Message(
                    "{path}: is one of this command's inputs ({input}); name another output",
                    path=path,
                    input=item,
                )
            )


def _sniff(real: Path) -> str:
    """The beginning of a regular file, opened without following a link or blocking."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(real, flags)
    except OSError as error:
        raise InputError(
            Message("{path}: cannot read: {reason}", path=real, reason=os_reason(error))
        ) from None
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read(MAX_SNIFF_BYTES).decode("utf-8", errors="replace")


def written_by(path: Path, recognise: Recogniser) -> bool:
    """Whether `path` is a regular file that `recognise` knows by its beginning."""
    try:
        real = Path(os.path.realpath(path))
        if not real.is_file():
            return False
        return recognise(_sniff(real))
    except (OSError, ValueError, InputError):
        return False


def check_output(
    path: Path,
    *,
    inputs: Iterable[Path | None],
    recognise: Recogniser,
    force: bool = False,
) -> None:
    """Raise InputError when writing `path` would break the policy (see the module).

    `recognise` tells mlready's own outputs from the user's files; `-` (stdout) always passes.
    """
    if str(path) == "-":
        return
    real = Path(os.path.realpath(path))
    _refuse_inputs(path, real, inputs)
    try:
        # Through the path as named: /dev/stdout's real path (/proc/N/fd/pipe:[...]) is no
        # file name, but the link itself opens.
        info = path.stat()
    except FileNotFoundError:
        if not real.parent.is_dir():
            # A dangling link lacks the folder it points into, not its own.
            folder = real.parent if path.is_symlink() else path.parent
            raise InputError(
                Message("{path}: no folder {folder} to write it in", path=path, folder=folder)
            ) from None
        return
    except OSError as error:
        raise InputError(cannot_write(path, error)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(is_a_folder(path))
    if not stat.S_ISREG(info.st_mode) or force:
        return
    if not recognise(_sniff(real)):
        raise InputError(
            Message(
                "{path}: exists and was not written by mlready; use --force to overwrite it",
                path=path,
            )
        )


def write_output(
    path: Path,
    text: str,
    *,
    inputs: Iterable[Path | None],
    recognise: Recogniser,
    force: bool = False,
) -> None:
    """Write `text` to `path` under the policy, checked again just before writing, since the
    file may have changed while the command worked. Raises MlreadyError when it cannot."""
    inputs = list(inputs)
    check_output(path, inputs=inputs, recognise=recognise, force=force)
    try:
        special = path.exists() and not path.is_file()
    except OSError:
        special = False
    if special:
        write_in_place(path, text, shown=path)
    else:
        write_atomically(Path(os.path.realpath(path)), text)


def write_in_place(path: Path, text: str, *, shown: Path) -> None:
    """Write to a device or FIFO as it is. A FIFO nobody reads is refused, not waited on."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise MlreadyError(
                Message("{path}: a FIFO that nothing reads; start its reader first", path=shown)
            ) from None
        raise MlreadyError(cannot_write(shown, error)) from None
    try:
        with contextlib.suppress(OSError, AttributeError):
            os.set_blocking(descriptor, True)  # a reader is there: wait for it, not spin
        data = text.encode("utf-8")
        while data:
            written = os.write(descriptor, data)
            data = data[written:]
    except BrokenPipeError:
        raise  # the reader is gone, as with a closed stdout: the command stops quietly
    except OSError as error:
        raise MlreadyError(cannot_write(shown, error)) from None
    finally:
        os.close(descriptor)


def append_output(path: Path, text: str, *, inputs: Iterable[Path | None]) -> None:
    """Append `text` to `path` (a CI job summary), never to one of the run's inputs."""
    real = Path(os.path.realpath(path))
    _refuse_inputs(path, real, inputs)
    if path.exists() and not path.is_file():
        write_in_place(path, text, shown=path)
        return
    try:
        with real.open("a", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        raise MlreadyError(cannot_write(path, error)) from None
