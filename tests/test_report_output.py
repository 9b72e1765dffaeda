"""Where `mlready report -o` writes: a file, stdout, an existing folder, or a new folder named
with a trailing slash."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.commands import run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "support-assistant.yaml"


@pytest.mark.parametrize("slash", ["/", os.sep])
def test_a_new_folder_named_with_a_slash_gets_the_report_inside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slash: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run("report", EXAMPLE, "--no-scan", "--no-history", "-o", f"new{slash}")
    assert code == 0, err
    assert (tmp_path / "new").is_dir()
    assert (tmp_path / "new" / "READINESS.md").read_text().startswith("<!-- mlready report")


def test_a_name_without_a_slash_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run("report", EXAMPLE, "--no-scan", "--no-history", "-o", "review")
    assert code == 0, err
    assert (tmp_path / "review").is_file()


def test_a_file_called_dash_is_not_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("report", EXAMPLE, "--no-scan", "--no-history", "-o", "./-")
    assert code == 0, err
    assert out == ""
    assert (tmp_path / "-").is_file()
