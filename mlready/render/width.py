"""Text measured and broken into lines as a terminal shows it: a Chinese character takes two
columns, and a Chinese line may break between any two characters."""

# Plain aligned text (`check` in a CI log, `bank show`, `diff`) pads and wraps by these display
# widths, so that columns line up and no character is split; the terminal view and the walk
# break their lines here too (rich itself breaks lines only at spaces).

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import cache

MIN_ROOM = 20
"""The fewest columns a wrapped text goes on in: narrower, and it starts further left."""
HANG = 4
"""Where the lines of a list item after the first start, when its text has no room beside its
first cells: under the item's first word, two columns in."""


@cache
def _char_cells(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """How many terminal columns `text` takes."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(char) for char in text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces up to `width` columns."""
    return text + " " * max(0, width - cells(text))


def pad_left(text: str, width: int) -> str:
    """Spaces, then `text`, up to `width` columns."""
    return " " * max(0, width - cells(text)) + text


@cache
def _closes(char: str) -> bool:
    # Closing brackets and quotes, and the full-width stops and commas (，。、；：？！), never
    # start a line; a narrow one is part of the word before it anyway.
    category = unicodedata.category(char)
    return category in ("Pe", "Pf") or (category == "Po" and _char_cells(char) == 2)


@cache
def _opens(char: str) -> bool:
    return unicodedata.category(char) in ("Ps", "Pi")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of `text[start:end]` that a line never breaks: a word of narrow letters, one
    wide character, each with the closing marks after it and the opening marks before it."""
    pieces: list[tuple[int, int]] = []
    index = start
    while index < end:
        char = text[index]
        if char.isspace():
            index += 1
            continue
        after = index + 1
        if _char_cells(char) != 2:
            while after < end and not text[after].isspace() and _char_cells(text[after]) != 2:
                after += 1
        if (
            pieces
            and pieces[-1][1] == index
            and (_closes(char) or _char_cells(char) == 0 or _opens(text[index - 1]))
        ):
            pieces[-1] = (pieces[-1][0], after)
        else:
            pieces.append((index, after))
        index = after
    return pieces


def _cut(text: str, start: int, end: int, room: int) -> int:
    """Where the part of `text[start:end]` that fits `room` columns ends (one character at
    least, so that a line always moves on)."""
    used = 0
    for index in range(start, end):
        used += _char_cells(text[index])
        if used > room and index > start:
            return index
    return end


def line_spans(text: str, width: int, *, first: int | None = None) -> list[tuple[int, int]]:
    """Where `text` goes in lines of at most `width` columns (`first` on the first line): the
    (start, end) of each line in `text`, without the spaces at its ends."""
    # Lines break at newlines and spaces, and between two Chinese characters (which need no
    # space), never inside a word or a character, before a closing mark (，。）) or after an
    # opening one (（). Only a word wider than a whole line is cut, between two characters. When
    # the first piece does not fit `first` but fits `width`, the first line is empty.
    spans: list[tuple[int, int]] = []
    room = width if first is None else first
    paragraph = 0
    for line in text.split("\n"):
        end = paragraph + len(line)
        # Spaces at the start of a paragraph are kept: they indent it.
        begin, placed = paragraph, None  # the current line's start, and its last piece's end
        used = cells(line) - cells(line.lstrip())
        for piece, stop in _pieces(text, begin + len(line) - len(line.lstrip()), end):
            start, size = piece, cells(text[piece:stop])
            gap = cells(text[placed:start]) if placed is not None else 0
            if used + gap + size <= room:
                placed, used = stop, used + gap + size
                continue
            if placed is not None:
                spans.append((begin, placed))
                room = width
            elif room < width and (size <= width or room < 2):
                spans.append((begin, begin))  # a short first line, left empty
                room = width
            while size > room:  # a word wider than a whole line
                cut = _cut(text, start, stop, room)
                spans.append((start, cut))
                room = width
                start = cut
                size = cells(text[start:stop])
            begin, placed, used = start, stop, size
        spans.append((begin, begin if placed is None else placed))
        room = width
        paragraph = end + 1
    return spans


def wrap(text: str, width: int, *, first: int | None = None) -> list[str]:
    """`text` in lines of at most `width` columns (`first` on the first line), broken as
    `line_spans` says."""
    return [text[start:end] for start, end in line_spans(text, width, first=first)]


def kept_lines(items: Sequence[str], width: int, *, joint: str = " · ") -> list[str]:
    """`items` joined by `joint` in lines of at most `width` columns, broken only between two
    items (the joint's mark ends the line); an item wider than a line is wrapped itself."""
    # For a hint line of commands and their labels (":s 跳过"): a label is never broken.
    mark = joint.rstrip()
    room = width - cells(mark)  # a line that goes on ends with the mark
    lines: list[str] = []
    line = ""
    for item in items:
        joined = f"{line}{joint}{item}" if line else item
        if cells(joined) <= room:
            line = joined
            continue
        if line:
            lines.append(line + mark)
        *whole, line = wrap(item, room) if cells(item) > room else [item]
        lines += whole
    return [*lines, line] if line else lines


def narrowest(text: str) -> int:
    """The columns of the widest piece of `text` that a line never breaks: the narrowest that
    `text` can be laid out in without cutting a word."""
    return max((cells(text[s:e]) for s, e in _pieces(text, 0, len(text))), default=0)


def hanging(prefix: str, text: str, width: int | None, *, indent: int) -> list[str]:
    """`prefix`, then `text` in lines of at most `width` columns, the lines after the first
    `indent` columns in; without a width, one line."""
    # Where `prefix` leaves less than MIN_ROOM columns, `text` starts on the next line (so that it
    # starts in the same place on every row of a table). Without a width the text stays on one line:
    # a log viewer wraps its own lines.
    if width is None:
        return [prefix + text]
    first = width - cells(prefix)
    if first < MIN_ROOM:  # too little room beside the prefix: the text starts below it
        first = 0
    if cells(text) <= first:
        return [prefix + text]
    lines = wrap(text, max(width - indent, MIN_ROOM), first=first)
    shown = [(prefix + lines[0]).rstrip()]
    return shown + [" " * indent + line for line in lines[1:]]


def text_column(prefix: str, width: int | None) -> int:
    """Where the lines after the first of a text that follows `prefix` start: under the text,
    where that leaves MIN_ROOM columns, else HANG columns in."""
    column = cells(prefix)
    return column if width is None or width - column >= MIN_ROOM else HANG
