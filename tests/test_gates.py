"""Gates, waivers, baselines, diffs and the portfolio, through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlready.core.errors import ExitCode
from tests.helpers.commands import run
from tests.helpers.small_bank import BEST_ANSWERS

runner = CliRunner()
TODAY = "2026-11-26"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def answers_with(tmp_path: Path, name: str = "a.yaml", **replacements: str) -> Path:
    text = BEST_ANSWERS
    for key, value in replacements.items():
        question_id = key.replace("__", ".")
        text = (
            "\n".join(
                f"  {question_id}: {value}" if line.startswith(f"  {question_id}:") else line
                for line in text.splitlines()
            )
            + "\n"
        )
    return write(tmp_path, name, text)


def check(bank: Path, answers: Path, *args: str) -> tuple[int, dict[str, object], str]:
    code, out, err = run("check", answers, "--bank", bank, "-f", "json", "--today", TODAY, *args)
    return code, json.loads(out) if out else {}, err


# --- gates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [("blocker", ExitCode.OK), ("major", ExitCode.GATE_FAILED), ("minor", ExitCode.GATE_FAILED)],
)
def test_fail_on_a_major_gap(tmp_path: Path, bank_file: Path, fail_on: str, expected: int) -> None:
    answers = answers_with(tmp_path, serving__rollback="partial")  # major
    code, document, _ = check(bank_file, answers, "--fail-on", fail_on)
    assert code == expected
    if expected:
        assert document["reasons"] == [f"1 gap of severity {fail_on} or worse"]


@pytest.mark.parametrize(
    ("replacements", "fail_on", "reasons"),
    [
        ({"data__lineage": "no"}, "major", ["1 blocker gap"]),
        ({"data__lineage": "no"}, "minor", ["1 blocker gap"]),
        (
            {"data__lineage": "no", "serving__rollback": "partial", "data__schema": "no"},
            "major",
            ["1 blocker gap", "1 gap of severity major or worse"],
        ),
        (
            {"data__lineage": "no", "serving__rollback": "partial", "data__schema": "no"},
            "minor",
            ["1 blocker gap", "2 gaps of severity minor or worse"],
        ),
    ],
)
def test_fail_on_counts_a_blocker_once(
    tmp_path: Path, bank_file: Path, replacements: dict[str, str], fail_on: str, reasons: list[str]
) -> None:
    # The blocker line already counts blockers; "or worse" counts the gaps below a blocker.
    answers = answers_with(tmp_path, **replacements)
    code, document, _ = check(bank_file, answers, "--fail-on", fail_on)
    assert code == ExitCode.GATE_FAILED
    assert document["reasons"] == reasons


def test_fail_on_major_ignores_minor_gaps(tmp_path: Path, bank_file: Path) -> None:
    answers = answers_with(tmp_path, data__schema="no")  # minor
    assert check(bank_file, answers, "--fail-on", "major")[0] == ExitCode.OK
    assert check(bank_file, answers, "--fail-on", "minor")[0] == ExitCode.GATE_FAILED


def test_soft_fail_reports_but_exits_0(tmp_path: Path, bank_file: Path) -> None:
    answers = answers_with(tmp_path, data__lineage="no")
    code, document, err = check(bank_file, answers, "--soft-fail")
    assert code == ExitCode.OK
    assert document["passed"] is False
    assert "soft fail" in err
    broken = write(tmp_path, "broken.yaml", "mlready: 1\nanswers: {data.lineage: perhaps}\n")
    assert check(bank_file, broken, "--soft-fail")[0] == ExitCode.INVALID


@pytest.mark.parametrize(
    ("max_age", "expected", "reason"),
    [
        ("56", ExitCode.OK, None),  # reviewed 2026-10-01: 56 days before TODAY
        (
            "55",
            ExitCode.GATE_FAILED,
            "the review is 56 days old (reviewed 2026-10-01; limit 55 days)",
        ),
    ],
)
def test_max_age(
    tmp_path: Path, bank_file: Path, max_age: str, expected: int, reason: str | None
) -> None:
    code, document, _ = check(bank_file, answers_with(tmp_path), "--max-age", max_age)
    assert code == expected
    assert document["reasons"] == ([reason] if reason else [])


def test_max_age_without_a_review_date_fails(tmp_path: Path, bank_file: Path) -> None:
    answers = write(tmp_path, "a.yaml", BEST_ANSWERS.replace(", reviewed: 2026-10-01", ""))
    code, document, _ = check(bank_file, answers, "--max-age", "365")
    assert code == ExitCode.GATE_FAILED
    assert document["reasons"] == ["the review has no date (project.reviewed)"]


def test_same_input_and_date_give_the_same_bytes(tmp_path: Path, bank_file: Path) -> None:
    answers = answers_with(tmp_path, data__lineage="partial")
    outputs = set()
    for format_ in ("text", "json", "junit", "sarif", "github", "markdown"):
        first = run("check", answers, "--bank", bank_file, "--today", TODAY, "-f", format_)[1]
        second = run("check", answers, "--bank", bank_file, "--today", TODAY, "-f", format_)[1]
        assert first == second
        outputs.add(first)
    assert len(outputs) == 6


def test_today_must_be_a_date(tmp_path: Path, bank_file: Path) -> None:
    code, _, err = run("check", answers_with(tmp_path), "--bank", bank_file, "--today", "soon")
    assert code == ExitCode.INVALID
    assert "--today" in err


# --- waivers --------------------------------------------------------------------------------

WAIVED = (
    "\n    value: no\n    waiver: {reason: 'Lineage lands in Q1', approved_by: cto, "
    "expires: 2027-03-01}"
)


def test_a_waived_blocker_does_not_fail_the_gate_but_keeps_its_cap(
    tmp_path: Path, bank_file: Path
) -> None:
    answers = answers_with(tmp_path, data__lineage=WAIVED)
    code, document, _ = check(bank_file, answers)
    assert code == ExitCode.OK
    assert document["blockers"] == []
    assert document["waived"] == [
        {
            "id": "data.lineage",
            "reason": "Lineage lands in Q1",
            "approved_by": "cto",
            "expires": "2027-03-01",
        }
    ]
    # data: (0*3 + 2)/5 = 40 (the minor schema check is in the mean only): still scored as it
    # is; a waiver lifts only a cap one below the top, and a blocker with no `caps` holds the
    # lowest level: accepting the gap for the gate does not make a trial safe
    assert document["level"] == "not ready"
    assert [cap["kind"] for cap in document["caps"] if cap["sets_level"]] == ["waived"]
    assert document["score"] == 40
    gaps = document["gaps"]
    assert isinstance(gaps, list)
    assert gaps[0]["waived"] is True


def test_an_expired_waiver_no_longer_counts(tmp_path: Path, bank_file: Path) -> None:
    answers = answers_with(tmp_path, data__lineage=WAIVED)
    code, document, _ = check(bank_file, answers, "--today", "2027-03-02")
    assert code == ExitCode.GATE_FAILED
    assert document["blockers"] == ["data.lineage"]
    assert document["expired_waivers"] == ["data.lineage"]
    assert document["waived"] == []
    _, out, _ = run("check", answers, "--bank", bank_file, "--today", "2027-03-02")
    assert "Note: waiver for data.lineage expired on 2027-03-01" in out


def test_waivers_in_every_format_and_the_report(tmp_path: Path, bank_file: Path) -> None:
    answers = answers_with(tmp_path, data__lineage=WAIVED)
    args = ("--bank", bank_file, "--today", TODAY)
    assert "Waived (1)" in run("check", answers, *args)[1]
    assert (
        'skipped message="waived: Lineage lands in Q1'
        in run("check", answers, *args, "-f", "junit")[1]
    )
    sarif = json.loads(run("check", answers, *args, "-f", "sarif")[1])
    assert sarif["runs"][0]["results"][0]["suppressions"] == [
        {"kind": "inSource", "justification": "Lineage lands in Q1"}
    ]
    assert "::error" not in run("check", answers, *args, "-f", "github")[1]
    assert "**Waived:** `data.lineage`" in run("check", answers, *args, "-f", "markdown")[1]
    report = run("report", answers, *args, "-o", "-")[1]
    assert "## Waived gaps" in report
    assert "| cto | 2027-03-01 |" in report


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("\n    value: no\n    waiver: {approved_by: cto}", "missing required key 'reason'"),
        ("\n    value: no\n    waiver: {reason: r}", "missing required key 'approved_by'"),
        (
            "\n    waiver: {reason: r, approved_by: cto, expires: 2026-12-31}",
            "a waiver belongs on an answered check",
        ),
        ("\n    value: no\n    waiver: {reason: r, approved_by: c, expires: soon}", "expires"),
    ],
)
def test_invalid_waivers(tmp_path: Path, bank_file: Path, entry: str, message: str) -> None:
    answers = answers_with(tmp_path, data__lineage=entry)
    code, _, err = check(bank_file, answers)
    assert code == ExitCode.INVALID
    assert message in err
    assert "a.yaml:" in err


def test_a_waiver_survives_a_rewrite(tmp_path: Path, bank_file: Path) -> None:
    from mlready.io.answers_file import load_answers, render_answers
    from mlready.io.bank_file import load_bank

    bank = load_bank(bank_file)
    answers = load_answers(answers_with(tmp_path, data__lineage=WAIVED), bank)
    again = write(tmp_path, "again.yaml", render_answers(bank, answers))
    assert load_answers(again, bank).entries == answers.entries


# --- baselines ------------------------------------------------------------------------------


def test_baseline_fails_only_on_regressions(tmp_path: Path, bank_file: Path) -> None:
    # A system with a known blocker: without a baseline the gate fails ...
    before = answers_with(tmp_path, "before.yaml", data__lineage="no", serving__rollback="partial")
    same = answers_with(tmp_path, "same.yaml", data__lineage="no", serving__rollback="partial")
    assert check(bank_file, same)[0] == ExitCode.GATE_FAILED
    # ... against its baseline nothing regressed, so it passes.
    code, document, _ = check(bank_file, same, "--baseline", str(before))
    assert code == ExitCode.OK
    assert document["regressions"] == []
    better = answers_with(tmp_path, "better.yaml", data__lineage="no", serving__rollback="yes")
    code, document, _ = check(bank_file, better, "--baseline", str(before))
    assert code == ExitCode.OK
    # The score is the weakest area (data, at 50), so it does not move.
    assert document["improvements"] == ["serving.rollback rose from 0.5 to 1"]
    worse = answers_with(
        tmp_path,
        "worse.yaml",
        data__lineage="no",
        serving__rollback="no",
        data__tokenizer="partial",
    )
    code, document, _ = check(bank_file, worse, "--baseline", str(before))
    assert code == ExitCode.GATE_FAILED
    assert document["regressions"] == [
        "data.tokenizer dropped from 1 to 0.5",
        "serving.rollback dropped from 0.5 to 0",
        "score fell from 40 to 20",
    ]


def test_baseline_from_json_and_a_new_blocker(tmp_path: Path, bank_file: Path) -> None:
    before = answers_with(tmp_path, "before.yaml")
    _, out, _ = run("check", before, "--bank", bank_file, "-f", "json")
    result = write(tmp_path, "before.json", out)
    now = answers_with(tmp_path, "now.yaml", data__lineage="partial")
    code, document, _ = check(bank_file, now, "--baseline", str(result))
    assert code == ExitCode.GATE_FAILED
    assert document["regressions"] == [
        "data.lineage dropped from 1 to 0.5",
        "new blocker gap data.lineage",
        "score fell from 100 to 70",  # (1.5 + 2) / 5: the minor schema check is in the mean only
    ]
    _, text, _ = run("check", now, "--bank", bank_file, "--baseline", result)
    assert "Regressions (3)" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{}", "b.json: not a result of `mlready check --format json`"),
        ('{"checks": 3, "score": 1, "blockers": []}', "not a result of `mlready check"),
        ("{not json", "b.json:1:2: invalid JSON: Expecting property name"),
        ('{"checks": {"a.x": "high"}, "score": 1, "blockers": []}', "'checks' must map"),
        ('{"checks": [], "score": 1, "blockers": []}', "'checks' must map"),
        ('{"checks": {}, "score": "80", "blockers": []}', "'score' must be a finite number"),
        # NaN compares false with everything: as a baseline it would hide every regression.
        ('{"checks": {}, "score": NaN, "blockers": []}', "'score' must be a finite number"),
        ('{"checks": {"data.lineage": Infinity}, "score": 1, "blockers": []}', "finite scores"),
        ("[" * 100_000 + "]" * 100_000, "b.json: JSON nested too deeply"),
        ('{"checks": {}, "score": 80, "blockers": "a.x"}', "'blockers' must be a list"),
        # Valid JSON but no object: read as an answers file, which it is not either.
        ("[1, 2]", "b.json:1:1: an answers file is a mapping"),
    ],
)
def test_a_baseline_that_is_not_a_result_is_an_input_error(
    tmp_path: Path, bank_file: Path, content: str, message: str
) -> None:
    baseline = write(tmp_path, "b.json", content)
    code, _, err = check(bank_file, answers_with(tmp_path), "--baseline", str(baseline))
    assert code == ExitCode.INVALID
    assert message in err


def test_a_baseline_in_yaml_flow_style_is_an_answers_file(tmp_path: Path, bank_file: Path) -> None:
    flow = write(tmp_path, "flow.yaml", "{mlready: 1, answers: {data.lineage: partial}}\n")
    code, document, _ = check(bank_file, answers_with(tmp_path), "--baseline", str(flow))
    assert code == ExitCode.OK
    assert "data.lineage rose from 0.5 to 1" in document["improvements"]


def test_baseline_takes_one_answers_file(tmp_path: Path, bank_file: Path) -> None:
    one, two = answers_with(tmp_path, "one.yaml"), answers_with(tmp_path, "two.yaml")
    code, _, err = run("check", one, two, "--bank", bank_file, "--baseline", one)
    assert code == ExitCode.INVALID
    assert "--baseline compares one answers file" in err


NA = "{value: na, note: No schema}"
WAIVED_NO = "\n    value: no\n    waiver: {reason: r, approved_by: a, expires: 2026-12-31}"


@pytest.mark.parametrize(
    ("before", "now", "regressions"),
    [
        # In bank order, each check skipped (na, new, waived) comes before the one that dropped.
        (
            {},
            {"data__schema": NA, "data__tokenizer": "no"},
            ["data.tokenizer dropped from 1 to 0", "score fell from 100 to 60"],
        ),
        (
            {"data__schema": NA},
            {"data__tokenizer": "no"},
            ["data.tokenizer dropped from 1 to 0", "score fell from 100 to 60"],
        ),
        (
            {},
            {"data__schema": WAIVED_NO, "data__tokenizer": "no"},
            ["data.tokenizer dropped from 1 to 0", "score fell from 100 to 60"],
        ),
        (
            {"serving__mode": "batch"},  # serving.latency is new
            {"serving__rollback": "partial"},
            ["serving.rollback dropped from 1 to 0.5", "score fell from 100 to 66.67"],
        ),
    ],
    ids=["na-now", "na-before", "waived", "new"],
)
def test_a_skipped_check_does_not_hide_the_regressions_after_it(
    tmp_path: Path,
    bank_file: Path,
    before: dict[str, str],
    now: dict[str, str],
    regressions: list[str],
) -> None:
    base = answers_with(tmp_path, "before.yaml", **before)
    now_file = answers_with(tmp_path, "now.yaml", **now)
    code, document, _ = check(bank_file, now_file, "--baseline", str(base))
    assert code == ExitCode.GATE_FAILED
    assert document["regressions"] == regressions


# BEST_ANSWERS with a partial lineage, in JSON syntax.
PARTIAL_LINEAGE_IN_JSON = json.dumps(
    {
        "mlready": 1,
        "bank": "small@1",
        "answers": {
            "data.modality": ["image", "text"],
            "data.owner": "data-team",
            "data.lineage": "partial",
            "data.schema": "yes",
            "data.tokenizer": "yes",
            "serving.mode": "realtime",
            "serving.latency": "automated",
            "serving.rollback": "yes",
        },
    }
)
LINEAGE_CLOSED = [
    "data.lineage rose from 0.5 to 1",
    "blocker data.lineage closed",
    "score rose from 70 to 100",
]


@pytest.mark.parametrize(
    ("name", "content", "improvements"),
    [
        ("before.yaml", BEST_ANSWERS.replace("lineage: yes", "lineage: partial"), LINEAGE_CLOSED),
        # An answers file in JSON syntax is valid YAML: it is read as answers, not as a result.
        ("before.json", PARTIAL_LINEAGE_IN_JSON, LINEAGE_CLOSED),
        ("before.yaml", PARTIAL_LINEAGE_IN_JSON, LINEAGE_CLOSED),
        # A result without a score: nothing to compare the score with, and no crash.
        ("before.json", json.dumps({"checks": {}, "score": None, "blockers": []}), []),
    ],
    ids=["answers", "json-answers-json", "json-answers-yaml", "no-score"],
)
def test_baseline_improvements(
    tmp_path: Path, bank_file: Path, name: str, content: str, improvements: list[str]
) -> None:
    baseline = write(tmp_path, name, content)
    code, document, err = check(bank_file, answers_with(tmp_path), "--baseline", str(baseline))
    assert (code, document["regressions"], err) == (ExitCode.OK, [], "")
    assert document["improvements"] == improvements


@pytest.mark.parametrize(
    ("before", "args", "reasons"),
    [
        ("partial", ("--fail-under", "pilot"), []),  # the level, production, reaches pilot
        ("partial", ("--fail-under", "95"), ["score 70 is below 95"]),
        (
            "partial",
            ("--max-age", "30"),
            ["the review is 56 days old (reviewed 2026-10-01; limit 30 days)"],
        ),
        (
            "yes",
            ("--fail-under", "80", "--max-age", "30"),
            [
                "data.lineage dropped from 1 to 0.5",
                "new blocker gap data.lineage",
                "score fell from 100 to 70",
                "score 70 is below 80",
                "the review is 56 days old (reviewed 2026-10-01; limit 30 days)",
            ],
        ),
    ],
)
def test_baseline_with_fail_under_and_max_age(
    tmp_path: Path, bank_file: Path, before: str, args: tuple[str, ...], reasons: list[str]
) -> None:
    # A baseline replaces the gaps and unanswered questions as reasons, not the score or age.
    base = answers_with(tmp_path, "before.yaml", data__lineage=before)
    now = answers_with(tmp_path, "now.yaml", data__lineage="partial")
    code, document, err = check(bank_file, now, "--baseline", str(base), *args)
    assert code == (ExitCode.GATE_FAILED if reasons else ExitCode.OK)
    assert document["reasons"] == reasons
    assert err == ""


OWNED_TOKENIZER = "{value: no, action: {owner: alice, due: 2026-12-20}}"


@pytest.mark.parametrize(
    ("tokenizer", "args", "reasons"),
    [
        # A major at its lowest grade is a condition of production, which caps nothing ...
        ("no", (), []),
        ("no", ("--fail-under", "pilot"), []),
        # ... but the top level means its conditions are owned: asked for, it needs them owned.
        (
            "no",
            ("--fail-under", "production"),
            [
                "1 condition of the level without an owner and a due date within 90 days "
                "(data.tokenizer)"
            ],
        ),
        (
            "no",
            ("--require-owners",),
            [
                "1 condition of the level without an owner and a due date within 90 days "
                "(data.tokenizer)"
            ],
        ),
        (OWNED_TOKENIZER, ("--fail-under", "production"), []),
        # An owner with a due date beyond the plan horizon owns nothing.
        (
            "{value: no, action: {owner: alice, due: 2027-06-01}}",
            ("--fail-under", "production"),
            [
                "1 condition of the level without an owner and a due date within 90 days "
                "(data.tokenizer)"
            ],
        ),
    ],
    ids=["no-gate", "pilot", "production", "require-owners", "owned", "owned-too-late"],
)
def test_asking_for_the_top_level_asks_for_its_conditions_owned(
    tmp_path: Path, bank_file: Path, tokenizer: str, args: tuple[str, ...], reasons: list[str]
) -> None:
    answers = answers_with(tmp_path, data__tokenizer=tokenizer)
    code, document, _ = check(bank_file, answers, *args)
    assert document["level"] == "production"
    assert document["reasons"] == reasons
    assert code == (ExitCode.GATE_FAILED if reasons else ExitCode.OK)


def test_json_result_gives_null_for_na_and_reads_it_back(tmp_path: Path, bank_file: Path) -> None:
    answers = answers_with(tmp_path, data__schema=NA)
    code, out, _ = run("check", answers, "--bank", bank_file, "-f", "json")
    assert code == ExitCode.OK
    checks = json.loads(out)["checks"]
    assert checks["data.schema"] is None
    # Answered again, the check is new against the result: neither a rise nor a drop.
    result = write(tmp_path, "before.json", out)
    code, document, _ = check(
        bank_file, answers_with(tmp_path, "now.yaml"), "--baseline", str(result)
    )
    assert (code, document["regressions"], document["improvements"]) == (ExitCode.OK, [], [])


# --- diff -----------------------------------------------------------------------------------


def test_diff_lists_what_changed(tmp_path: Path, bank_file: Path) -> None:
    old = answers_with(tmp_path, "old.yaml", serving__rollback="partial", data__schema="no")
    new = answers_with(
        tmp_path,
        "new.yaml",
        serving__rollback="yes",
        data__lineage="{value: no, note: only 2025}",
        data__schema="no",
    )
    code, out, _ = run("diff", old, new, "--bank", bank_file)
    assert code == ExitCode.OK
    assert "Level: production → not ready" in out  # one partly done blocker is no cap
    assert "Gaps opened (1)\n  data.lineage:" in out
    assert "Gaps closed (1)\n  serving.rollback:" in out
    assert "  data.lineage: Yes → No; note: only 2025" in out
    assert "data.schema" not in out.split("Answers changed")[1]
    document = json.loads(run("diff", old, new, "--bank", bank_file, "-f", "json")[1])
    assert document["gaps_opened"] == ["data.lineage"]
    assert document["gaps_closed"] == ["serving.rollback"]
    assert [change["id"] for change in document["answers"]] == ["data.lineage", "serving.rollback"]
    assert document["areas"] == [
        {"id": "data", "before": 100.0, "after": 40.0},  # the minor schema check left out
        {"id": "serving", "before": 66.67, "after": 100.0},
    ]
    markdown = run("diff", old, new, "--bank", bank_file, "-f", "markdown")[1]
    assert "| `data.lineage` | Yes → No; note: only 2025 |" in markdown


def test_diff_of_identical_reviews(tmp_path: Path, bank_file: Path) -> None:
    one = answers_with(tmp_path, "one.yaml")
    code, out, _ = run("diff", one, one, "--bank", bank_file)
    assert code == ExitCode.OK
    assert out.endswith("No answer changed.\n")


# --- portfolio ------------------------------------------------------------------------------


def test_portfolio_lists_the_worst_first_with_links(tmp_path: Path, bank_file: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    answers_with(models, "ready.yaml")
    answers_with(models, "blocked.yaml", data__lineage="no")
    write(
        models,
        "middling.yaml",
        BEST_ANSWERS.replace("shelf-scanner", "ranker").replace(
            "serving.rollback: yes", "serving.rollback: partial"
        ),
    )
    code, _, _ = run("report", models / "ready.yaml", models / "blocked.yaml", "--bank", bank_file)
    assert code == ExitCode.OK
    assert (models / "ready.md").exists()
    target = tmp_path / "PORTFOLIO.md"
    code, _, _ = run(
        "portfolio",
        str(models / "*.yaml"),
        "--bank",
        bank_file,
        "--max-age",
        "30",
        "--today",
        TODAY,
        "-o",
        target,
    )
    assert code == ExitCode.OK
    rows = [
        line
        for line in target.read_text().splitlines()
        if line.startswith("| ") and "---" not in line
    ][1:]
    assert len(rows) == 3
    assert rows[0].startswith("| shelf-scanner | vision-team | not ready |")
    assert "[models/blocked.md](models/blocked.md)" in rows[0]
    assert rows[1].startswith("| ranker |")
    assert "not rendered" in rows[1]
    assert "| 56 days |" in rows[2]


def test_a_waived_drop_is_no_regression(tmp_path: Path, bank_file: Path) -> None:
    before = answers_with(tmp_path, "before.yaml")
    waived = answers_with(
        tmp_path,
        "now.yaml",
        data__tokenizer=(
            "\n    value: partial\n    waiver: {reason: r, approved_by: a, expires: 2026-12-31}"
        ),
    )
    code, document, _ = check(bank_file, waived, "--baseline", str(before))
    assert "data.tokenizer" not in " ".join(document["regressions"])
    # data: (3 + 2 x 0.5) / 5: the check is still scored as it is
    assert document["regressions"] == ["score fell from 100 to 80"]
    assert code == ExitCode.GATE_FAILED


# --- dates that cannot be right ---------------------------------------------------------------


def test_a_review_dated_in_the_future_is_an_error_at_its_line(
    tmp_path: Path, bank_file: Path
) -> None:
    text = BEST_ANSWERS.replace("reviewed: 2026-10-01}", "reviewed: 2099-01-01}")
    answers = write(tmp_path, "a.yaml", text)
    lines = text.splitlines()
    line = next(number for number, row in enumerate(lines, 1) if "2099" in row)
    column = lines[line - 1].index("2099") + 1
    code, document, err = check(bank_file, answers, "--max-age", "10")
    assert code == ExitCode.INVALID
    assert document == {}
    assert err == (
        f"error: {answers}:{line}:{column}: project.reviewed is 2099-01-01, after today ({TODAY}); "
        "a review cannot be dated in the future\n"
    )


def test_a_review_dated_today_is_fine(tmp_path: Path, bank_file: Path) -> None:
    text = BEST_ANSWERS.replace("reviewed: 2026-10-01}", f"reviewed: {TODAY}}}")
    code, document, err = check(bank_file, write(tmp_path, "a.yaml", text), "--max-age", "0")
    assert (code, err) == (ExitCode.OK, "")
    assert document["passed"] is True


def test_a_waiver_needs_an_expiry_date(tmp_path: Path, bank_file: Path) -> None:
    answers = answers_with(
        tmp_path, data__lineage="\n    value: no\n    waiver: {reason: r, approved_by: cto}"
    )
    code, _, err = check(bank_file, answers)
    assert code == ExitCode.INVALID
    assert "missing required key 'expires'" in err


@pytest.mark.parametrize(
    ("expires", "settings", "passes"),
    [
        ("2027-11-26", "", True),  # 365 days ahead of TODAY: the default limit
        ("2027-11-27", "", False),
        ("2026-12-26", "max-waiver-days = 30\n", True),
        ("2026-12-27", "max-waiver-days = 30\n", False),
    ],
)
def test_a_waiver_runs_no_longer_than_the_horizon(
    tmp_path: Path,
    bank_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    expires: str,
    settings: str,
    passes: bool,
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".mlready.toml").write_text(settings)
    monkeypatch.chdir(tmp_path)
    waiver = f"\n    value: no\n    waiver: {{reason: r, approved_by: cto, expires: {expires}}}"
    answers = answers_with(tmp_path, data__lineage=waiver)
    code, _, err = check(bank_file, answers)
    if passes:
        assert code == ExitCode.OK, err
    else:
        assert code == ExitCode.INVALID
        line = next(
            n
            for n, row in enumerate(answers.read_text().splitlines(), 1)
            if row.startswith("  data.lineage:")
        )
        days = 366 if not settings else 31
        limit = 365 if not settings else 30
        assert err == (
            f"error: {answers}:{line}: the waiver of 'data.lineage' runs until {expires}, "
            f"{days} days ahead; the limit is {limit} days (settings: max-waiver-days)\n"
        )


def test_a_waiver_on_a_check_without_a_gap_is_a_warning_and_counts_nowhere(
    tmp_path: Path, bank_file: Path
) -> None:
    waiver = "\n    value: yes\n    waiver: {reason: r, approved_by: cto, expires: 2027-01-01}"
    answers = answers_with(tmp_path, data__lineage=waiver)
    code, document, err = check(bank_file, answers)
    assert code == ExitCode.OK
    assert document["waived"] == []
    line = next(
        n
        for n, row in enumerate(answers.read_text().splitlines(), 1)
        if row.startswith("  data.lineage:")
    )
    assert err == f"warning: {answers}:{line}: the waiver of 'data.lineage' has nothing to waive\n"


def test_the_evidence_gates_name_every_check_in_one_reason(
    small_bank: object, parse_answers: object
) -> None:
    from mlready.core.evidence import CheckEvidence
    from mlready.core.gate import Gate, evidence_reasons
    from mlready.core.model import Bank, Severity
    from mlready.core.scoring import score
    from mlready.core.vocabulary import EvidenceState

    assert isinstance(small_bank, Bank) and callable(parse_answers)
    card = score(small_bank, parse_answers(BEST_ANSWERS))
    claimed = CheckEvidence(EvidenceState.CLAIMED)
    contradicted = CheckEvidence(EvidenceState.CONTRADICTED)
    evidence = {"data.lineage": claimed, "serving.rollback": claimed, "serving.latency": claimed}
    assert evidence_reasons(card, Gate(require_evidence=Severity.MAJOR), evidence) == [
        "3 checks of severity major or worse at full marks with no evidence "
        "(data.lineage, serving.rollback, serving.latency)"
    ]
    against = {"data.lineage": contradicted, "serving.rollback": contradicted}
    assert evidence_reasons(card, Gate(fail_on_contradicted=True), against) == [
        "2 answers the repository does not show (data.lineage, serving.rollback)"
    ]
    assert evidence_reasons(card, Gate(), against) == []
    one = {"data.lineage": contradicted}
    assert evidence_reasons(card, Gate(fail_on_contradicted=True), one) == [
        "1 answer the repository does not show (data.lineage)"
    ]


def test_reasons_count_in_the_plural_and_name_roles_exactly(tmp_path: Path) -> None:
    from tests.helpers.small_bank import SMALL_BANK

    bank = write(
        tmp_path,
        "two-blockers.yaml",
        SMALL_BANK.replace("        weight: 4\n", "        severity: blocker\n"),
    )
    text = (
        BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: no")
        .replace("serving.rollback: yes", "serving.rollback: no")
        .replace("  data.tokenizer: yes\n", "")  # a major: an unanswered minor fails nothing
        .replace("  serving.latency: automated\n", "")
    )
    answers = write(tmp_path, "a.yaml", text)
    code, document, _ = check(
        bank, answers, "--require-signoff", "risk officer", "--fail-on-contradicted"
    )
    assert code == ExitCode.GATE_FAILED
    assert document["reasons"] == [
        "2 blocker gaps",
        "2 applicable questions unanswered",
        "no sign-off by a risk officer",
    ]


@pytest.mark.parametrize(
    ("lineage", "limit", "reasons"),
    [
        # One blocker partly done caps nothing: the level is production at a score of 75, and
        # a level asks for a level, not for the score it once took (90); the top level asks for
        # that condition owned.
        (
            "partial",
            "production",
            [
                "1 condition of the level without an owner and a due date within 90 days "
                "(data.lineage)"
            ],
        ),
        ("partial", "pilot", []),
        # At its lowest grade the blocker caps the level at the lowest: below every other.
        ("no", "prototype", ["level not ready is below prototype"]),
        ("no", "not ready", []),
    ],
)
def test_fail_under_a_level_compares_levels(
    tmp_path: Path, bank_file: Path, lineage: str, limit: str, reasons: list[str]
) -> None:
    now = answers_with(tmp_path, "now.yaml", data__lineage=lineage)
    code, document, _ = check(bank_file, now, "--fail-under", limit, "--fail-on", "minor")
    gate_reasons = [r for r in document["reasons"] if "level" in r or "score" in r]
    assert gate_reasons == reasons
    assert code == ExitCode.GATE_FAILED  # the open blocker fails the gate whatever the level
