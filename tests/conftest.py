"""Shared fixtures: small banks and answers files written to tmp_path."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlready.cli import app
from mlready.core.answers import Answers, answers_from_document
from mlready.core.bank import bank_from_document
from mlready.core.document import Document
from mlready.core.model import Bank
from mlready.io.yamlio import parse_yaml, read_text


def pytest_configure(config: pytest.Config) -> None:
    """The suite starts hundreds of mlready processes. Where the environment forbids byte-code
    caches (PYTHONDONTWRITEBYTECODE, as some CI images set), each would compile every module it
    imports again; as on a user's machine, the first writes the caches the others read."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


SMALL_BANK = """\
bank: small
version: 1
title: Small bank
areas:
  - id: data
    title: Data
    intro: Where data goes wrong.
    questions:
      - id: data.modality
        kind: multi
        prompt: Which inputs does the model take?
        why: Inputs decide the preprocessing checks.
        options:
          - {value: image, label: Images}
          - {value: text, label: Text}
          - {value: tabular, label: Tables}
      - id: data.owner
        kind: text
        prompt: Who owns the data?
        why: Someone must answer for it.
      - id: data.lineage
        prompt: Can every training example be traced back to its source?
        why: Untraceable data cannot be audited or fixed.
        severity: blocker
        fix: Record the source of each example.
      - id: data.schema
        prompt: Is the data checked against a schema?
        why: Silent schema changes break models.
        severity: minor
        fix: Add a schema check.
        na: true
      - id: data.tokenizer
        prompt: Is the tokenizer versioned with the model?
        why: A different tokenizer changes every input.
        fix: Ship the tokenizer with the model.
        when: {data.modality: text}
  - id: serving
    title: Serving
    questions:
      - id: serving.mode
        kind: choice
        prompt: How are predictions served?
        why: Batch and real-time systems fail differently.
        options:
          - {value: batch, label: Batch jobs}
          - {value: realtime, label: Real-time requests}
      - id: serving.latency
        prompt: Is p99 latency measured under peak load?
        why: Averages hide the slow requests users notice.
        fix: Load-test at peak traffic.
        when: {serving.mode: realtime}
        options:
          - {value: automated, label: Automated in CI, score: 1}
          - {value: manual, label: Measured by hand, score: 0.5}
          - {value: none, label: Not measured, score: 0}
      - id: serving.rollback
        prompt: Has a rollback been rehearsed?
        why: An untested rollback fails when it is needed.
        fix: Rehearse a rollback.
        weight: 4
"""

# The small bank's questions, in bank order.
SMALL_BANK_IDS = [
    "data.modality",
    "data.owner",
    "data.lineage",
    "data.schema",
    "data.tokenizer",
    "serving.mode",
    "serving.latency",
    "serving.rollback",
]

BEST_ANSWERS = """\
mlready: 1
bank: small@1
project: {name: shelf-scanner, owner: vision-team, reviewed: 2026-10-01}
answers:
  data.modality: [image, text]
  data.owner: data-team
  data.lineage: yes
  data.schema: yes
  data.tokenizer: yes
  serving.mode: realtime
  serving.latency: automated
  serving.rollback: yes
"""


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test (and every process it starts) caches banks in a folder of its own."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("MLREADY_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def small_bank() -> Bank:
    return bank_from_document(parse_yaml(SMALL_BANK, source="small.yaml"))


@pytest.fixture
def parse_answers(small_bank: Bank) -> Callable[[str], Answers]:
    def parse(text: str) -> Answers:
        return answers_from_document(parse_yaml(text, source="answers.yaml"), small_bank)

    return parse


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL_BANK, encoding="utf-8")
    return path


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "mlready.yaml"
    path.write_text(BEST_ANSWERS, encoding="utf-8")
    return path


def run(*args: str | Path) -> tuple[int, str, str]:
    """Run mlready's command line in this process: exit code, stdout and stderr apart.

    Unexpected exceptions surface as they are, so that a bug is never read as an exit code.
    """
    result = CliRunner().invoke(app, [str(arg) for arg in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def load_yaml(path: Path, *, source: str | None = None, kind: str = "file") -> Document:
    """The YAML file at `path`, parsed as mlready parses banks and answers files."""
    name = source or str(path)
    return parse_yaml(read_text(path, source=name, kind=kind), source=name)


# Fixture repositories hold tests of their own projects, which are data here, not tests.
collect_ignore = ["data"]
