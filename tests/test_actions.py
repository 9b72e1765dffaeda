"""Actions on gaps, overdue gates, expiring waivers and sign-offs: the core, and every output."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from mlready.core.answers import Answers
from mlready.core.errors import ExitCode, InputError
from mlready.core.gate import Gate, judge
from mlready.core.model import Bank
from mlready.core.plan import action_plan, expiring_waivers, overdue_actions, top_actions
from mlready.core.scoring import score
from mlready.core.signoff import answers_digest, signed, signoff_states
from mlready.io.answers_file import render_answers
from mlready.render.escape import is_linkable
from mlready.render.report import render_report
from tests.helpers.commands import run
from tests.helpers.small_bank import BEST_ANSWERS

TODAY = dt.date(2026, 11, 26)

WITH_ACTIONS = """\
mlready: 1
bank: small@1
project: {name: shelf-scanner, owner: vision-team, reviewed: 2026-10-01}
answers:
  data.modality: [image, text]
  data.owner: data-team
  data.lineage:
    value: partial
    action: {owner: alice, due: 2026-12-20, ticket: JIRA-1234}
  data.schema:
    value: no
    action: {owner: bob, due: 2026-01-01, ticket: "javascript:alert(1)"}
  data.tokenizer:
    value: no
    action: {owner: carol, due: 2026-11-01, ticket: "https://tracker.example/T-9"}
  serving.mode: realtime
  serving.latency: manual
  serving.rollback:
    value: no
    waiver: {reason: Rehearsal booked, approved_by: head-of-ml, expires: 2026-12-10}
"""


@pytest.fixture
def card(parse_answers: Callable[[str], Answers], small_bank: Bank):  # type: ignore[no-untyped-def]
    return score(small_bank, parse_answers(WITH_ACTIONS), today=TODAY)


def test_the_plan_orders_by_severity_then_due_date(card) -> None:  # type: ignore[no-untyped-def]
    plan = [(item.gap.question.id, item.due, item.overdue) for item in action_plan(card)]
    assert plan == [
        ("data.lineage", dt.date(2026, 12, 20), False),  # blocker
        ("data.tokenizer", dt.date(2026, 11, 1), True),  # major, earliest due date
        ("serving.rollback", None, False),  # waived, still in the plan; weighs more
        ("serving.latency", None, False),  # major, no date: after those with one
        ("data.schema", dt.date(2026, 1, 1), True),  # minor
    ]
    top = [item.gap.question.id for item in top_actions(card)]
    assert "serving.rollback" not in top  # waived: not something to do first
    assert top[:2] == ["data.lineage", "data.tokenizer"]


def test_overdue_actions_and_the_gate(card) -> None:  # type: ignore[no-untyped-def]
    assert [i.gap.question.id for i in overdue_actions(card)] == ["data.tokenizer", "data.schema"]
    verdict = judge(card, Gate(fail_on_overdue=True), today=TODAY, allow_incomplete=True)
    # The minor gap's overdue action warns but does not fail; the major one fails.
    assert "1 overdue action on blocker or major gaps (data.tokenizer)" in verdict.reasons
    assert not any("data.schema" in reason for reason in verdict.reasons)
    relaxed = judge(card, Gate(), today=TODAY, allow_incomplete=True)
    assert not any("overdue" in reason for reason in relaxed.reasons)


def test_overdue_actions_are_named_in_one_reason(
    parse_answers: Callable[[str], Answers], small_bank: Bank
) -> None:
    both = WITH_ACTIONS.replace("due: 2026-12-20", "due: 2026-11-20")
    card = score(small_bank, parse_answers(both), today=TODAY)
    verdict = judge(card, Gate(fail_on_overdue=True), today=TODAY, allow_incomplete=True)
    assert (
        "2 overdue actions on blocker or major gaps (data.lineage, data.tokenizer)"
        in verdict.reasons
    )


def test_waivers_expiring_within_30_days(card) -> None:  # type: ignore[no-untyped-def]
    assert [gap.question.id for gap in expiring_waivers(card)] == ["serving.rollback"]
    later = card._replace(today=dt.date(2026, 10, 1))  # 70 days before it ends
    assert expiring_waivers(later) == ()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("data.owner: {value: x, action: {owner: a}}", "an action belongs on an answered check"),
        ("data.schema: {value: na, note: n, action: {owner: a}}", "not n/a"),
        ("data.lineage: {action: {owner: a}}", "an action belongs on an answered check"),
        ("data.lineage: {value: no, action: {due: soon}}", "due must be a date"),
        ("data.lineage: {value: no, action: {owner: ''}}", "owner must not be empty"),
        ("data.lineage: {value: no, action: {owners: a}}", "did you mean 'owner'?"),
    ],
)
def test_bad_actions_are_errors_at_their_line(
    parse_answers: Callable[[str], Answers], entry: str, message: str
) -> None:
    with pytest.raises(InputError, match=message) as error:
        parse_answers(f"mlready: 1\nanswers:\n  {entry}\n")
    assert "answers.yaml:3:" in str(error.value)


def test_actions_are_written_back_as_they_were_read(
    small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    answers = parse_answers(WITH_ACTIONS)
    text = render_answers(small_bank, answers)
    assert "    action:\n      owner: alice\n      due: 2026-12-20\n      ticket: JIRA-1234\n" in (
        text
    )
    assert parse_answers(text).entries == answers.entries


def test_tickets_and_ids_never_become_broken_links(card) -> None:  # type: ignore[no-untyped-def]
    report = render_report(card)
    assert "[JIRA-1234]" not in report and "JIRA-1234" in report
    assert "(javascript:" not in report and "javascript:alert(1)" in report
    assert "[https://tracker.example/T-9](https://tracker.example/T-9)" in report
    assert not is_linkable("JIRA-1234")  # as evidence too
    assert is_linkable("docs/lineage.md") and is_linkable("README.md")


def test_the_report_opens_with_the_summary_and_the_plan(card) -> None:  # type: ignore[no-untyped-def]
    report = render_report(card)
    headings = [line for line in report.splitlines() if line.startswith("## ")]
    assert headings[0] == "## Executive summary"
    assert headings.index("## Action plan") < headings.index("## Blockers")
    assert headings[-3:] == ["## Sign-off", "## Appendix: answered checks", "## Unanswered"] or (
        "## Appendix: answered checks" in headings
    )
    summary = report.split("## Executive summary", 1)[1].split("\n## ", 1)[0]
    assert "| 1 | `data.lineage`" in summary
    assert "| alice | 2026-12-20 |" in summary
    assert "| carol | 2026-11-01 **overdue** |" in summary
    assert "**Waivers expiring soon:** `serving.rollback` on 2026-12-10" in summary


def write(tmp_path: Path, text: str, name: str = "a.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_lists_overdue_actions_and_expiring_waivers_in_every_format(
    tmp_path: Path, bank_file: Path
) -> None:
    answers = write(tmp_path, WITH_ACTIONS)
    args = ("check", answers, "--bank", bank_file, "--today", "2026-11-26", "--allow-incomplete")
    _, text, _ = run(*args)
    assert "Overdue actions (2)\n  data.tokenizer: carol, due 2026-11-01\n" in text
    assert "Waivers expiring soon (1)\n  serving.rollback: waiver ends 2026-12-10 (in 14 days)" in (
        text
    )
    _, out, _ = run(*args, "-f", "json")
    document = json.loads(out)
    assert document["overdue_actions"] == ["data.tokenizer", "data.schema"]
    assert document["expiring_waivers"] == ["serving.rollback"]
    gap = next(g for g in document["gaps"] if g["id"] == "data.tokenizer")
    assert gap["action"] == {
        "owner": "carol",
        "due": "2026-11-01",
        "ticket": "https://tracker.example/T-9",
    }
    assert gap["overdue"] is True
    _, markdown, _ = run(*args, "-f", "markdown")
    assert "Overdue actions" in markdown and "Waivers expiring soon" in markdown


def test_fail_on_overdue_from_the_flag_and_the_settings(
    tmp_path: Path, bank_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = BEST_ANSWERS.replace(
        "serving.rollback: yes",
        "serving.rollback: {value: no, action: {owner: ops, due: 2026-11-01}}",
    )
    answers = write(tmp_path, text)
    base = ("check", answers, "--bank", bank_file, "--today", "2026-11-26", "--fail-on", "minor")
    code, out, _ = run(*base)
    assert code == ExitCode.GATE_FAILED  # the gap itself
    code, out, _ = run(*base[:-2], "--fail-under", "0")
    assert code == ExitCode.OK  # overdue, but only a warning without --fail-on-overdue
    assert "Overdue actions (1)" in out
    code, out, _ = run(*base[:-2], "--fail-under", "0", "--fail-on-overdue")
    assert code == ExitCode.GATE_FAILED
    (tmp_path / ".git").mkdir()
    (tmp_path / ".mlready.toml").write_text("fail-on-overdue = true\n")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(*base[:-2], "--fail-under", "0")
    assert code == ExitCode.GATE_FAILED
    assert "1 overdue action on blocker or major gaps (serving.rollback)" in out


# --- sign-off ---------------------------------------------------------------------------------

SAME_MEANING = [
    # Flow mappings, other order, quotes, `Yes`, a comment, the multi's options reordered.
    """\
mlready: 1
# a comment
answers:
  serving.rollback: "yes"
  serving.latency: automated
  serving.mode: 'realtime'
  data.tokenizer: Yes
  data.schema: {value: yes}
  data.lineage:
    value: yes
  data.owner: data-team
  data.modality: [text, image]
project: {owner: vision-team, name: shelf-scanner, reviewed: 2026-10-02}
bank: small@1
""",
]


def test_the_digest_ignores_formatting_and_follows_meaning(
    parse_answers: Callable[[str], Answers],
) -> None:
    digest = answers_digest(parse_answers(BEST_ANSWERS))
    assert digest.startswith("sha256:") and len(digest) == 7 + 64
    for text in SAME_MEANING:
        assert answers_digest(parse_answers(text)) == digest
    for changed in [
        BEST_ANSWERS.replace("data.schema: yes", "data.schema: no"),
        BEST_ANSWERS.replace("data.schema: yes", "data.schema: {value: yes, note: checked}"),
        BEST_ANSWERS.replace("data.owner: data-team", "data.owner: data team"),
        BEST_ANSWERS.replace("serving.rollback: yes\n", ""),
    ]:
        assert answers_digest(parse_answers(changed)) != digest


def test_a_sign_off_is_current_until_an_answer_changes(
    parse_answers: Callable[[str], Answers], small_bank: Bank
) -> None:
    answers = signed(parse_answers(BEST_ANSWERS), name="Ada", role="ml-lead", date=TODAY)
    again = parse_answers(render_answers(small_bank, answers))  # written and read back
    assert [state.current for state in signoff_states(again)] == [True]
    changed = again.with_entry("data.schema", replace(again.entries["data.schema"], value="no"))
    assert [state.status for state in signoff_states(changed)] == ["answers changed since"]
    # Signing again in the same role replaces the old sign-off; another role adds one.
    resigned = signed(changed, name="Ada", role="ml-lead", date=TODAY)
    twice = signed(resigned, name="Bo", role="risk", date=TODAY)
    assert [(s.signoff.name, s.signoff.role, s.current) for s in signoff_states(twice)] == [
        ("Ada", "ml-lead", True),
        ("Bo", "risk", True),
    ]


def test_sign_then_require_signoff(tmp_path: Path, bank_file: Path) -> None:
    answers = write(tmp_path, BEST_ANSWERS)
    base = ("check", answers, "--bank", bank_file, "--today", "2026-11-26")
    code, _, err = run(*base, "--require-signoff", "ml-lead")
    assert code == ExitCode.GATE_FAILED
    code, _, err = run(
        "sign", answers, "--bank", bank_file, "--name", "Ada <b>", "--role", "ml-lead",
        "--today", "2026-11-26",
    )  # fmt: skip
    assert code == ExitCode.OK
    assert "Signed" in err and "sha256:" in err
    written = answers.read_text()
    signoff = "  signoff:\n    - {name: Ada <b>, role: ml-lead, date: 2026-11-26, digest: 'sha256:"
    assert signoff in written
    code, out, _ = run(*base, "--require-signoff", "ml-lead")
    assert code == ExitCode.OK
    assert "Sign-off (1)\n  Ada <b> (ml-lead), 2026-11-26: current" in out
    code, out, _ = run(*base, "--require-signoff", "ml-lead", "--require-signoff", "risk")
    assert code == ExitCode.GATE_FAILED and out.endswith("FAILED: no sign-off by a risk\n")
    answers.write_text(written.replace("data.schema: yes", "data.schema: no"))
    code, out, _ = run(*base, "--require-signoff", "ml-lead", "--fail-on", "minor")
    assert "; the sign-off by a ml-lead is for answers that changed since\n" in out
    assert "Ada <b> (ml-lead), 2026-11-26: answers changed since" in out
    _, report, _ = run("report", answers, "--bank", bank_file, "-o", "-", "--no-history")
    assert "| Ada \\<b\\> | ml-lead | 2026-11-26 | answers changed since |" in report
    _, out, _ = run(*base, "-f", "json")
    assert json.loads(out)["signoff"][0]["current"] is False


def test_sign_refuses_what_it_must(tmp_path: Path, bank_file: Path) -> None:
    answers = write(tmp_path, BEST_ANSWERS)
    code, _, err = run("sign", answers, "--bank", bank_file, "--name", " ", "--role", "x")
    assert code == ExitCode.INVALID and "--name: must not be empty" in err
    code, _, err = run("sign", answers, "--bank", bank_file, "--role", "x")
    assert code == ExitCode.INVALID and "--name" in err
    missing = tmp_path / "none.yaml"
    code, _, err = run("sign", missing, "--bank", bank_file, "--name", "a", "--role", "b")
    assert code == ExitCode.INVALID and "no such answers file" in err
    answers.chmod(0o444)
    try:
        code, _, err = run("sign", answers, "--bank", bank_file, "--name", "a", "--role", "b")
        assert code == ExitCode.INVALID and "read-only" in err
    finally:
        answers.chmod(0o644)
    assert answers.read_text() == BEST_ANSWERS
    # A sign-off dated after today is an error, like a review dated in the future.
    run("sign", answers, "--bank", bank_file, "--name", "a", "--role", "b", "--today", "2026-12-01")
    code, _, err = run("check", answers, "--bank", bank_file, "--today", "2026-11-26")
    assert code == ExitCode.INVALID
    assert err.endswith(
        ": the sign-off by a (b) is dated 2026-12-01, after today (2026-11-26); "
        "a sign-off cannot be dated in the future\n"
    )
    line = answers.read_text().splitlines().index("  signoff:") + 1
    assert err.startswith(f"error: {answers}:{line}:"), err  # located at the sign-off


def test_sign_writes_through_a_link(tmp_path: Path, bank_file: Path) -> None:
    real = write(tmp_path, BEST_ANSWERS, "real.yaml")
    link = tmp_path / "link.yaml"
    link.symlink_to(real.name)
    code, _, _ = run("sign", link, "--bank", bank_file, "--name", "a", "--role", "b")
    assert code == ExitCode.OK
    assert link.is_symlink()
    assert "signoff:" in real.read_text()


def test_hostile_text_in_every_new_field_stays_text(tmp_path: Path, bank_file: Path) -> None:
    from tests.helpers.hostile_text import HOSTILE, HOSTILE_YAML, no_control_characters

    text = BEST_ANSWERS.replace(
        "serving.rollback: yes",
        "serving.rollback:\n    value: no\n"
        f"    action: {{owner: {HOSTILE_YAML}, due: 2026-01-01, ticket: {HOSTILE_YAML}}}",
    ).replace(
        "reviewed: 2026-10-01}",
        f"reviewed: 2026-10-01, signoff: [{{name: {HOSTILE_YAML}, role: {HOSTILE_YAML}, "
        f"date: 2026-10-01, digest: 'sha256:{'0' * 64}'}}]}}",
    )
    answers = write(tmp_path, text)
    for output_format in ("text", "markdown"):
        _, out, _ = run("check", answers, "--bank", bank_file, "-f", output_format)
        assert no_control_characters(out)
        assert "\\x1b" in out and "pwned" in out
    _, out, _ = run("check", answers, "--bank", bank_file, "-f", "json")
    assert json.loads(out)["signoff"][0]["name"] == HOSTILE
    _, report, _ = run("report", answers, "--bank", bank_file, "-o", "-", "--no-history")
    assert no_control_characters(report)
    assert re.search(r"(?<!\\)<img", report) is None  # only escaped: \\<img
    assert re.search(r"(?<!\\)\]\(javascript", report) is None


def test_an_overdue_action_is_bracketed_as_its_language_brackets(card) -> None:  # type: ignore[no-untyped-def]
    from mlready.io.catalogs import use_language

    english = render_report(card)
    assert "· due 2026-11-01 (**overdue**)" in english
    use_language("zh-CN")
    try:
        chinese = render_report(card)
    finally:
        use_language("en")
    assert "· 截止 2026-11-01（**已逾期**）" in chinese
