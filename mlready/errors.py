"""The one error root for everything a user can get wrong, and the exit codes the CLI maps to."""

from __future__ import annotations

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


class InputError(MlreadyError):
    """A bank, answers file, template or option is invalid (one or more messages)."""

    def __init__(self, messages: list[str] | str) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


class FileLockedError(MlreadyError):
    """Another mlready session holds the answers file."""
