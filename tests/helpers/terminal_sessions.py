"""`mlready ask` started in a pseudo-terminal, as a person runs it."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect

from tests.helpers.commands import english_environment


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    """`mlready ask answers.yaml --bank small.yaml ARGS` in `tmp_path`."""
    return spawn_ask(tmp_path, "--bank", "small.yaml", *args)


def spawn_ask(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None, columns: int = 100
) -> pexpect.spawn:
    """`mlready ask answers.yaml ARGS` in a pseudo-terminal of `columns` by 40, in English
    unless `env` chooses a language."""
    terminal = {"TERM": "xterm", "COLUMNS": str(columns), "LINES": "40", "NO_COLOR": "1"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "mlready", "ask", "answers.yaml", *args],
        cwd=tmp_path,
        env={**english_environment(), **terminal, **(env or {})},
        encoding="utf-8",
        timeout=15,
        dimensions=(40, columns),
    )
