"""The one error root for everything a user can get wrong, problems as records, and exit codes."""

from collections.abc import Iterable
from enum import IntEnum
from typing import NamedTuple

from mlready.core.messages import message_n, translated


class ExitCode(IntEnum):
    """Documented exit codes of every command."""

    OK = 0
    GATE_FAILED = 1
    INVALID = 2
    INTERRUPTED = 130


class Place(NamedTuple):
    """Where in a file something was written: the file, and its 1-based line and column."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


class Problem(NamedTuple):
    """One thing wrong with an input: where (when known) and what."""

    place: Place | None
    message: str

    def __str__(self) -> str:
        # Message to a person (stderr, annotations): in the chosen language.
        message = translated(self.message)
        return f"{self.place}: {message}" if self.place is not None else message

    @property
    def order(self) -> tuple[str, int, int]:
        """Problems without a place first, then in the order of files, lines and columns."""
        if self.place is None:
            return ("", 0, 0)
        return (self.place.file, self.place.line or 0, self.place.column or 0)


class MlreadyError(Exception):
    """A problem the user can fix; its message is shown as is, without a traceback, in the
    chosen language (a Message keeps its English in `args`)."""

    exit_code = ExitCode.INVALID

    def __str__(self) -> str:
        return translated(self.args[0]) if len(self.args) == 1 else super().__str__()


MAX_MESSAGES = 20


def _one_line(problem: Problem) -> str:
    # One line each: a key or value quoted in a message may hold line breaks.
    return str(problem).replace("\r", "\\r").replace("\n", "\\n")


class InputError(MlreadyError):
    """A bank, answers file, template or option is invalid (one or more problems)."""

    # A plain string is a problem with no place. Problems are listed in file order, whatever
    # found them first; past MAX_MESSAGES, the rest are counted rather than listed.

    def __init__(self, problems: Problem | str | Iterable[Problem | str]) -> None:
        if isinstance(problems, Problem | str):
            problems = [problems]
        records = [Problem(None, item) if isinstance(item, str) else item for item in problems]
        records = sorted(dict.fromkeys(records), key=lambda problem: problem.order)
        self.problems = tuple(records)
        # Only the problems listed are said (translated): a file of 50,000 typos lists twenty.
        listed = [_one_line(problem) for problem in records[:MAX_MESSAGES]]
        if len(records) > MAX_MESSAGES:
            hidden = len(records) - MAX_MESSAGES
            more = message_n(
                "… and {count} more problem", "… and {count} more problems", count=hidden
            )
            listed.append(translated(more))
        self.messages = listed
        super().__init__("\n".join(self.messages))


class FileLockedError(MlreadyError):
    """Another mlready session holds the answers file."""


class ConcurrentEditError(MlreadyError):
    """The answers file changed on disk while mlready was editing it."""
