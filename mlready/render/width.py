"""Text measured as a terminal shows it: a Chinese character takes two columns.

Plain aligned text (`check` in a CI log, `bank show`, `diff`, `history`) pads and wraps by
these display widths, so that columns line up and no character is split.
"""

from __future__ import annotations

import unicodedata
from functools import cache


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


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns: broken at spaces, and between any two
    Chinese characters (which need no space), never inside a word or a character."""
    lines: list[str] = []
    line = ""
    used = 0
    for word in _pieces(text):
        size = cells(word)
        if word == " ":
            if line:
                line += " "
                used += 1
            continue
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
        line += word
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _pieces(text: str) -> list[str]:
    # Words of ASCII (or other narrow) letters stay whole; each wide character is a piece of
    # its own, since Chinese lines break between any two characters.
    pieces: list[str] = []
    word = ""
    for char in " ".join(text.split()):
        if char == " " or _char_cells(char) == 2:
            if word:
                pieces.append(word)
                word = ""
            pieces.append(char)
        else:
            word += char
    if word:
        pieces.append(word)
    return pieces
