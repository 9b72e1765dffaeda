"""Plain data parsed from a file, with the position of every node: what validation reads."""

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from mlready.core.errors import Place, Problem

Location = tuple[str | int, ...]


class Mark(NamedTuple):
    """A 1-based position in a file."""

    line: int
    column: int


class Document(NamedTuple):
    """Plain data parsed from one file, with the position of every node by its path."""

    source: str
    data: Any
    marks: Mapping[Location, Mark]  # may be found only when first asked for (yamlio)

    def mark(self, loc: Sequence[str | int]) -> Mark:
        """The position of the deepest node along `loc` that exists in the file."""
        found = self.marks.get(loc) if isinstance(loc, tuple) else None
        if found is not None:  # the common case, asked for every answer of a file
            return found
        path = tuple(loc)
        while path and path not in self.marks:
            path = path[:-1]
        return self.marks.get(path, Mark(1, 1))

    def place(self, loc: Sequence[str | int] = ()) -> Place:
        """The file, line and column of the deepest node along `loc`."""
        mark = self.mark(loc)
        return Place(self.source, mark.line, mark.column)

    def where(self, loc: Sequence[str | int] = ()) -> str:
        """`file:line:column` of the deepest node along `loc`, to quote in a message."""
        return str(self.place(loc))

    def problem(self, loc: Sequence[str | int], message: str) -> Problem:
        """A problem at the deepest node along `loc`."""
        return Problem(self.place(loc), message)
