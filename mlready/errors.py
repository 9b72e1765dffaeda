"""The one error root for everything a user can get wrong, and the exit codes the CLI maps to."""

from __future__ import annotations

import re
from enum import IntEnum


class ExitCode(IntEnum):
    """Documented exit codes of every command."""

    OK = 0
    GATE_FAILED = 1
    INVALID = 2
    INTERRUPTED = 130


class MlreadyError(Exception):
    """A problem the user can fix; its message is shown as is, without a traceback."""

    exit_code = ExitCode.INVALID


MAX_MESSAGES = 20


_POSITION = re.compile(r"^(.*?):(\d+):(\d+): ")


def _position(message: str) -> tuple[str, int, int]:
    """Where a `file:line:column: ...` message points; messages without a place stay first."""
    found = _POSITION.match(message)
    return (found[1], int(found[2]), int(found[3])) if found else ("", 0, 0)


class InputError(MlreadyError):
    """A bank, answers file, template or option is invalid (one or more messages).

    Each message is one line; past MAX_MESSAGES, the rest are counted rather than listed.
    """

    def __init__(self, messages: list[str] | str) -> None:
        listed = [messages] if isinstance(messages, str) else list(dict.fromkeys(messages))
        # One line each: a key or value quoted in a message may hold line breaks.
        listed = [m.replace("\r", "\\r").replace("\n", "\\n") for m in listed]
        listed.sort(key=_position)  # in the order of the file, whatever found them first
        if len(listed) > MAX_MESSAGES:
            hidden = len(listed) - MAX_MESSAGES
            listed = [*listed[:MAX_MESSAGES], f"… and {hidden} more problem{'s' * (hidden > 1)}"]
        self.messages = listed
        super().__init__("\n".join(self.messages))


class FileLockedError(MlreadyError):
    """Another mlready session holds the answers file."""
