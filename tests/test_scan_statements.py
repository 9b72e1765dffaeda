"""A file's statements are parsed once per content in a process, and parsed again when the file
changes: several reviews of one repository scan its files once each."""

from __future__ import annotations

from typing import Any, cast

import pytest

from mlready.core.vocabulary import Parser
from mlready.io import scan


class _Source:
    """A file as the scan reads it: its name, bytes and text."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.data = text.encode("utf-8")


def kept_bytes() -> int:
    """The bytes of the files whose statements are kept, added up."""
    return sum(len(data) for data, _found in scan._kept_statements.values())


def statements(name: str, text: str) -> list[Any]:
    return scan._remembered_statements(Parser.PYTHON, cast(Any, _Source(name, text)))


def test_the_same_content_is_parsed_once_and_an_edit_is_parsed_again() -> None:
    first = statements("train.py", "import mlflow\nmlflow.log_metric('auc', 0.9)\n")
    assert statements("train.py", "import mlflow\nmlflow.log_metric('auc', 0.9)\n") is first
    assert "import mlflow" in {item.text for item in first}
    edited = statements("train.py", "import wandb\nwandb.log({'auc': 0.9})\n")
    assert edited is not first
    assert [item.text for item in edited] == ["import wandb", "call wandb.log()"]
    # The name is part of what is remembered: the same text elsewhere is its own file.
    assert statements("other.py", "import mlflow\nmlflow.log_metric('auc', 0.9)\n") is not first


def test_what_is_remembered_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan, "STATEMENTS_KEPT", 2)
    oldest = statements("a.py", "import a_module\n")
    statements("b.py", "import b_module\n")
    statements("c.py", "import c_module\n")
    assert len(scan._kept_statements) <= 2
    assert statements("a.py", "import a_module\n") is not oldest  # forgotten, parsed again


def test_a_hash_that_collides_never_gives_another_contents_statements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With PYTHONHASHSEED fixed, a file can be made to collide with another of its size: an
    # edit that keeps the size and the hash is still parsed again, never read as the old file.
    monkeypatch.setattr(scan, "hash", lambda _data: 0, raising=False)
    before = statements("collide.py", "import mlflow\nmlflow.start_run()\n")
    after = statements("collide.py", "import mlflop\nmlflop.start_run()\n")
    assert [item.text for item in after] == ["import mlflop", "call mlflop.start_run()"]
    assert statements("collide.py", "import mlflow\nmlflow.start_run()\n") == before
    assert scan._kept_bytes[0] == kept_bytes()  # a replaced entry is counted once


def test_what_is_remembered_is_bounded_in_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    # A megabyte of dense code keeps some ten megabytes of statements: the files kept are
    # bounded by their size too, not only by their number.
    monkeypatch.setattr(scan, "STATEMENT_BYTES_KEPT", 40)
    oldest = statements("big_a.py", "import a_module_with_a_long_name\n")
    statements("big_b.py", "import b_module_with_a_long_name\n")
    assert sum(len(data) for data, _found in scan._kept_statements.values()) <= 40
    assert scan._kept_bytes[0] == kept_bytes()  # the running count is what is kept
    assert statements("big_a.py", "import a_module_with_a_long_name\n") is not oldest
