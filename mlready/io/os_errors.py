"""Why the operating system refused to read or write a file, in the chosen language."""

# `OSError.strerror` is the C library's English: Python leaves the locale of messages alone, so
# it does not follow `--lang`. The reasons a person meets most are listed here for the catalog;
# any other is said as the system said it.

from __future__ import annotations

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
