"""Why the operating system refused to read or write a file, in the chosen language."""

# `OSError.strerror` is the C library's English: Python leaves the locale of messages alone, so
# it does not follow `--lang`. The reasons a person meets most are listed here for the catalog;
# any other is said as the system said it.

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from mlready.core.errors import InputError
from mlready.core.messages import N_, Message

# Listed for the catalog only: `os_reason` looks them up by the English the system gave.
_COMMON = (
    N_("No such file or directory"),
    N_("Permission denied"),
    N_("Operation not permitted"),
    N_("Read-only file system"),
    N_("No space left on device"),
    N_("Disk quota exceeded"),
    N_("File too large"),
    N_("Is a directory"),
    N_("Not a directory"),
    N_("File exists"),
    N_("Too many levels of symbolic links"),
    N_("File name too long"),
    N_("Input/output error"),
    N_("Device or resource busy"),
    N_("Text file busy"),
    N_("Too many open files"),
    N_("No such device or address"),
    N_("Invalid argument"),
)


def os_reason(error: OSError) -> Message:
    """What the system said of `error` (its English is the value, as the system gave it)."""
    return Message(error.strerror or str(error))


def input_error_of(error: BaseException) -> InputError | None:
    """The InputError a failed look-up of a path a person gave amounts to (a name too long, a
    link loop, a NUL in it), or None for any other error."""
    if isinstance(error, OSError) and error.filename is not None:
        return InputError(
            Message("{path}: {reason}", path=_shown(error.filename), reason=os_reason(error))
        )
    # os raises ValueError for a path holding NUL, which no file system takes.
    if isinstance(error, ValueError) and "null" in str(error) and "embedded" in str(error):
        return InputError(Message("a path holds a NUL character, which no file can be named"))
    return None


def _shown(name: object) -> str:
    text = os.fsdecode(name) if isinstance(name, str | bytes) else str(name)
    # A name past NAME_MAX is hundreds of characters: its start and its end say which it is.
    return text if len(text) <= 80 else text[:30] + "…" + text[-49:]


@contextlib.contextmanager
def paths_as_input_errors() -> Iterator[None]:
    """Inside the block, a failed look-up of a path a person gave raises InputError."""
    try:
        yield
    except (OSError, ValueError) as error:
        found = input_error_of(error)
        if found is None:
            raise
        raise found from None
