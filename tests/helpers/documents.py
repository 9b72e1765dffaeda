"""YAML files read as mlready reads them."""

from __future__ import annotations

from pathlib import Path

from mlready.core.document import Document
from mlready.io.yamlio import parse_yaml, read_text


def load_yaml(path: Path, *, source: str | None = None, kind: str = "file") -> Document:
    """The YAML file at `path`, parsed as mlready parses banks and answers files."""
    name = source or str(path)
    return parse_yaml(read_text(path, source=name, kind=kind), source=name)
