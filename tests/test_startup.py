"""What a run loads: the module of the command it runs and no other command's, and no OpenSSL
unless a sign-off needs a digest. Each module and library left out is time and memory that
every `mlready check` in a pre-commit hook or CI step would otherwise pay."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from mlready.cli import COMMANDS, app
from mlready.core.errors import ExitCode
from tests.helpers.cache_entries import written_entries
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

CLI = Path(__file__).resolve().parent.parent / "mlready" / "cli"
SHARED = {"mlready.cli", "mlready.cli.application", "mlready.cli.typer_seam"}

# Runs the command line as the `mlready` script does, and lists the modules it loaded.
# A run ends at once (os._exit), so the list is written just before that, or before the fork
# of a child that writes a cache entry.
PROBE = """\
import os, sys
def listing():
    with open(os.environ["MLREADY_LOADED"], "w", encoding="utf-8") as out:
        out.write("\\n".join(sorted(sys.modules)))
os.register_at_fork(before=listing)
end, run = os._exit, os.getpid()
def listed_end(code):
    if os.getpid() == run:  # not the child that writes a cache entry
        listing()
    end(code)
os._exit = listed_end
from mlready.cli import main
main()
"""


def loaded_by(folder: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    listing = folder / "loaded.txt"
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=folder,
        env={**os.environ, "MLREADY_LOADED": str(listing)},
        capture_output=True,
        text=True,
        check=False,
    )
    return result, set(listing.read_text(encoding="utf-8").splitlines())


@pytest.fixture
def review(tmp_path: Path) -> Path:
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    return tmp_path


def test_the_listed_commands_are_the_command_modules() -> None:
    modules = {path.stem for path in CLI.glob("*.py")} - {"__init__", "application", "typer_seam"}
    assert set(COMMANDS) == modules
    for name in COMMANDS:
        assert isinstance(importlib.import_module(f"mlready.cli.{name}").app, typer.Typer)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["check", "--bank", "small.yaml"],
        ["report", "--bank", "small.yaml", "-o", "-"],
        ["bank", "show", "--bank", "small.yaml"],
        ["schema", "bank"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_a_run_loads_the_module_of_its_command_only(review: Path, args: list[str]) -> None:
    result, loaded = loaded_by(review, *args)
    assert result.returncode == ExitCode.OK, result.stderr
    commands = {name for name in loaded if name.startswith("mlready.cli")}
    assert commands == SHARED | {f"mlready.cli.{args[0]}"}


def test_help_lists_every_command_with_its_one_line_help() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    shown = " ".join(result.stdout.replace("│", " ").split())  # the panels' text, unwrapped
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    ctx = typer.Context(group)
    places = []
    for name in COMMANDS:
        command = group.get_command(ctx, name)
        assert command is not None and command.help
        summary = " ".join(command.help.split("\n\n")[0].split())
        places.append(shown.index(f" {name} {summary}"))
    assert places == sorted(places)  # in the order of COMMANDS


def test_a_mistyped_command_is_told_the_ones_meant() -> None:
    result = CliRunner().invoke(app, ["chek"])
    assert result.exit_code == ExitCode.INVALID
    assert "no such command 'chek'. Did you mean 'check'" in result.stderr


@pytest.mark.slow
def test_check_loads_neither_openssl_nor_tempfile(
    review: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLREADY_CACHE_DIR", str(review / "cache"))
    first, loaded_first = loaded_by(review, "check", "--bank", "small.yaml")
    assert written_entries(review / "cache")  # after the run, by the child it leaves behind
    again, loaded_again = loaded_by(review, "check", "--bank", "small.yaml")
    assert first.returncode == again.returncode == ExitCode.OK, first.stderr + again.stderr
    assert "mlready.io.cache" in loaded_again  # the list of modules is complete
    # OpenSSL costs a run 3 MiB; hashlib and hmac load it, and so does what imports them.
    assert not {"_hashlib", "hashlib", "hmac", "secrets", "_ssl"} & (loaded_first | loaded_again)
    assert not {"tempfile", "random"} & (loaded_first | loaded_again)  # 2 ms, not needed


@pytest.mark.slow
def test_a_signoff_to_compare_loads_the_digest(review: Path) -> None:
    answers = review / "mlready.yaml"
    signed = "  signoff:\n    - {name: Ada, role: ml-lead, date: 2026-10-01, digest: 'sha256:%s'}\n"
    answers.write_text(
        BEST_ANSWERS.replace(
            "project: {name: shelf-scanner, owner: vision-team, reviewed: 2026-10-01}\n",
            "project:\n  name: shelf-scanner\n  owner: vision-team\n  reviewed: 2026-10-01\n"
            + signed % ("0" * 64),
        ),
        encoding="utf-8",
    )
    result, loaded = loaded_by(review, "check", "--bank", "small.yaml")
    assert result.returncode == ExitCode.OK, result.stderr
    assert "answers changed since" in result.stdout
    assert "hashlib" in loaded
