"""`mlready ask` started in a pseudo-terminal, as a person runs it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pexpect

from tests.helpers.commands import english_environment

# The walk's prompt where a screen shows it: at the start of a line. The line editor, given the
# prompt, draws it again after a carriage return when the terminal is resized.
PROMPT = re.compile(r"\n(?:\x1b\[[0-9;]*m)*› ")

# Escape sequences: styles, modes, window titles.
CONTROL = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>])")


def shown_lines(output: str) -> list[str]:
    """The lines a terminal shows for `output`, without escape sequences; a carriage return
    alone starts its line again."""
    text = CONTROL.sub("", output).replace("\r\n", "\n")
    return [line.rsplit("\r", 1)[-1] for line in text.split("\n")]


def spawn(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    """`mlready ask answers.yaml --bank small.yaml ARGS` in `tmp_path`."""
    return spawn_ask(tmp_path, "--bank", "small.yaml", *args, env=env)


def spawn_ask(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None, columns: int = 100
) -> pexpect.spawn:
    """`mlready ask answers.yaml ARGS` in a pseudo-terminal of `columns` by 40, in English
    unless `env` chooses a language."""
    terminal = {"TERM": "xterm", "COLUMNS": str(columns), "LINES": "40", "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "mlready", "ask", "answers.yaml", *args],
        cwd=tmp_path,
        env={**english_environment(), **terminal, **(env or {})},
        encoding="utf-8",
        timeout=15,
        dimensions=(40, columns),
    )
    # pexpect waits 50 ms before each send, for programs that turn echo off only after their
    # password prompt shows; the walk's line editor is ready when its prompt is, and the
    # sessions wait for the prompt before they type.
    child.delaybeforesend = None
    return child
