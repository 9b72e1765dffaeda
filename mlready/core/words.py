"""Counting words in messages, the same way everywhere."""


def plural(count: int, word: str) -> str:
    """`word`, with an `s` unless `count` is 1."""
    return word if count == 1 else f"{word}s"


def counted(count: int, word: str) -> str:
    """`3 gaps`, `1 gap`."""
    return f"{count} {plural(count, word)}"
