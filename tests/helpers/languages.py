"""mlready speaking a language for a while, in this process."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """mlready speaks `language` inside, English again after."""
    from mlready.io.catalogs import use_language

    use_language(language)
    try:
        yield
    finally:
        use_language("en")
