"""Ways to run mlready: its command line in this process, or the command as a process."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from mlready.cli import app


def run(*args: str | Path) -> tuple[int, str, str]:
    """Run mlready's command line in this process: exit code, stdout and stderr apart.

    Unexpected exceptions surface as they are, so that a bug is never read as an exit code.
    """
    result = CliRunner().invoke(app, [str(arg) for arg in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def run_in(cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run mlready's command line in this process with `cwd` as the current folder, and answer
    as `mlready` does: for a test of what a command says and does where the process itself (its
    environment, language, streams, signals, limits) is not what is tested. Starting Python
    again for that only costs a tenth of a second or more per run.

    The language is this process's, English unless the test chooses another
    (tests.helpers.languages.speaking): `--lang` and the settings' `lang` are read by the
    process's own start (mlready.cli.main), not by the app.
    """
    with contextlib.chdir(cwd):
        code, out, err = run(*args)
    return subprocess.CompletedProcess([str(arg) for arg in args], code, out, err)


def mlready(
    cwd: Path, *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m mlready ARGS` run in `cwd`, in English, with the test's own cache folder (a
    copy of a warm one: see tests/conftest.py)."""
    return subprocess.run(
        [sys.executable, "-m", "mlready", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**english_environment(), **(env or {})},
    )


def english_environment() -> dict[str, str]:
    """This process's environment without the variables that choose mlready's language."""
    chosen = ("LC_ALL", "LC_MESSAGES", "LANG", "MLREADY_LANG")
    return {key: value for key, value in os.environ.items() if key not in chosen}
