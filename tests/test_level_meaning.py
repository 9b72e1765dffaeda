"""Every summary says what the level allows, from the bank, in the reader's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from mlready.api import review
from tests.helpers.commands import run
from tests.helpers.languages import speaking

ROOT = Path(__file__).resolve().parent.parent
CREDIT = ROOT / "tests" / "calibration" / "10-pos-credit-scoring" / "answers.yaml"
TODAY = "2026-12-07"


@pytest.mark.parametrize(
    ("language", "allows"),
    [
        ("en", "May run live only for a limited, watched group"),
        ("zh-CN", "只能面向有限且有人看护的范围上线"),
    ],
)
@pytest.mark.parametrize("output", [("-f", "text"), ("-f", "markdown")])
def test_check_says_what_the_level_allows(
    language: str, allows: str, output: tuple[str, ...]
) -> None:
    with speaking(language):
        _code, out, err = run("check", CREDIT, "--today", TODAY, "--no-scan", *output)
    assert allows in out, err


def test_the_report_lists_every_level_with_what_it_allows_and_marks_this_review() -> None:
    code, report, err = run("report", CREDIT, "--today", TODAY, "--no-scan", "-o", "-")
    assert code == 0, err
    rows = [line for line in report.splitlines() if line.startswith("| ") and "May " in line]
    assert [row.split(" | ")[0][2:] for row in rows] == [
        "production",
        "pilot",
        "prototype",
        "not ready",
    ]
    assert [row.endswith("◀ this review |") for row in rows] == [False, True, False, False]
    assert "What the level allows: May run live only" in report


def test_the_summary_counts_the_conditions_no_plan_owns() -> None:
    # 01: one partly done blocker with a plan due beyond the 90-day horizon (a wish), ten
    # majors at 0 with no plan: production, its conditions named, and all eleven said to be
    # nobody's, beside the level itself as well as in the note under it.
    churn = ROOT / "tests" / "calibration" / "01-batch-churn" / "answers.yaml"
    _code, out, err = run("check", churn, "--today", TODAY, "--no-scan")
    assert "Level: production, conditional: 11 conditions without an owner   Score" in out, err
    assert "1 blocker only partly done, 10 majors at their lowest grade." in out
    assert "11 of them have no owner and due date within 90 days." in out


@pytest.mark.parametrize(
    ("output", "headline"),
    [
        (
            ("-f", "markdown"),
            "**Level:** production, conditional: 11 conditions without an owner ·",
        ),
        (("-f", "github"), "level production, conditional: 11 conditions without an owner, score"),
    ],
)
def test_the_level_says_beside_it_how_many_conditions_nobody_owns(
    output: tuple[str, ...], headline: str
) -> None:
    churn = ROOT / "tests" / "calibration" / "01-batch-churn" / "answers.yaml"
    _code, out, err = run("check", churn, "--today", TODAY, "--no-scan", *output)
    assert headline in out, err


def test_a_level_whose_conditions_are_all_owned_is_its_name_alone(tmp_path: Path) -> None:
    # Every condition of 01 given an owner and a date within the horizon: the level is said
    # plainly, in the report's headline too.
    churn = ROOT / "tests" / "calibration" / "01-batch-churn" / "answers.yaml"
    card = review(churn, today=dt.date(2026, 12, 7), scan=False).scorecard
    assert card.conditions
    document = yaml.safe_load(churn.read_text(encoding="utf-8"))
    for gap in card.conditions:
        entry = document["answers"][gap.question.id]
        entry = entry if isinstance(entry, dict) else {"value": entry}
        entry["action"] = {"owner": "Dana Ruiz", "due": "2027-02-01"}
        document["answers"][gap.question.id] = entry
    owned = tmp_path / "owned.yaml"
    owned.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    code, report, err = run("report", owned, "--today", TODAY, "--no-scan", "-o", "-")
    assert code == 0, err
    assert "**Level: production.**" in report
    assert "without an owner" not in report


def test_a_failed_gate_beside_production_says_why_both_hold() -> None:
    # 05: production, its two blockers only partly done (conditions), and the gate fails on
    # them: the report says that the two verdicts are about different things.
    device = ROOT / "tests" / "calibration" / "05-cxr-triage-device" / "answers.yaml"
    code, report, err = run("report", device, "--today", TODAY, "--no-scan", "-o", "-")
    assert code == 0, err
    gate = next(line for line in report.splitlines() if line.startswith("The CI gate fails"))
    assert "A blocker only partly done is a condition of the level, not a cap" in gate
    # A review whose gate fails with no partly done blocker among its conditions (08: its
    # blockers cap the level; 10: the blockers among its conditions are duties not yet in
    # force) is not told so.
    for name in ("08-refund-agent", "10-pos-credit-scoring"):
        other_review = ROOT / "tests" / "calibration" / name / "answers.yaml"
        _code, other, err = run("report", other_review, "--today", TODAY, "--no-scan", "-o", "-")
        assert "The CI gate fails" in other, err
        assert "is a condition of the level, not a cap" not in other
