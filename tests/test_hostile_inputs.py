"""Inputs written to slip past a check: an empty list of severity rules in a user's bank, an
output named through a link that leads nowhere, a document type that hides behind a comment."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from tests.helpers.commands import run
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    (tmp_path / "mlready.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    return tmp_path


def test_an_empty_list_of_severity_rules_is_refused_at_its_line(folder: Path) -> None:
    # `severity: []` used to be taken as no severity at all (a major), and the bank's own
    # check, which says a list needs a rule, never saw it.
    bank = SMALL_BANK.replace("        severity: minor\n", "        severity: []\n", 1)
    assert bank != SMALL_BANK
    (folder / "small.yaml").write_text(bank, encoding="utf-8")
    line = bank.splitlines().index("        severity: []") + 1
    code, out, err = run("check", "--bank", "small.yaml", "--today", "2026-12-01")
    assert code == ExitCode.INVALID, out
    assert err.strip() == f"error: small.yaml:{line}:19: severity needs at least one rule"


def test_a_dangling_link_as_output_names_the_folder_it_lacks(folder: Path) -> None:
    (folder / "card.md").symlink_to(folder / "gone" / "card.md")
    code, _out, err = run(
        "export", "-f", "model-card", "--bank", "small.yaml", "--no-scan", "-o", "card.md"
    )
    assert code == ExitCode.INVALID
    assert err.strip() == f"error: card.md: no folder {folder / 'gone'} to write it in"
    assert not (folder / "gone").exists()


def test_a_document_type_after_a_long_comment_is_refused_too() -> None:
    # A comment may come before the document type: one past the first 4 kB was read.
    from mlready.core.results import outcome_of
    from mlready.core.vocabulary import ResultKind

    suite = '<testsuite><testcase name="a"/></testsuite>'
    assert outcome_of(ResultKind.JUNIT, suite) is not None
    declared = '<!DOCTYPE testsuite SYSTEM "http://example.invalid/x.dtd">'
    for before in ("", "<!-- " + "x" * 5000 + " -->", '<?xml version="1.0"?>\n'):
        assert outcome_of(ResultKind.JUNIT, before + declared + suite) is None
