"""The core track: `mlready ask --core` asks no minor check that caps nothing, and an
unanswered minor check is optional: it fails no gate, and every summary counts it."""

from __future__ import annotations

import json

import jsonschema
import pytest

from mlready.core.answers import Answers, answers_from_document
from mlready.core.bank import bank_from_document
from mlready.core.fleet import fact_data, fact_of, fact_schema
from mlready.core.gate import Gate, judge
from mlready.core.model import Bank
from mlready.core.scoring import score
from mlready.core.vocabulary import Severity
from mlready.core.walk import progress_of
from mlready.io.yamlio import parse_yaml
from mlready.render.markdown import render_markdown
from mlready.render.plain_text import render_text
from mlready.render.report import html_report, markdown_report
from mlready.render.scorecard_view import Outcome, gate_line
from tests.helpers.languages import speaking
from tests.helpers.walk_script import TODAY, run_walk

CORE_BANK = """\
bank: core
version: 1
profile:
  - id: profile.task
    kind: choice
    prompt: What does it do?
    why: w
    options: [{value: predict}, {value: agent}]
areas:
  - id: a
    title: A
    questions:
      - {id: a.blocker, prompt: p, why: w, severity: blocker}
      - {id: a.minor, prompt: p, why: w, severity: minor}
      - {id: a.major, prompt: p, why: w}
      - {id: a.capped, prompt: p, why: w, severity: minor, caps: pilot}
      - id: a.tools
        prompt: p
        why: w
        severity:
          - {when: {profile.task: [agent]}, is: major}
          - {is: minor}
      - id: a.basis
        prompt: p
        why: w
        severity: minor
        options:
          - {value: no, score: 0}
          - {value: assumed, score: 0, caps: pilot}
          - {value: yes, score: 1}
      - {id: a.note, kind: text, prompt: Anything else?, why: w}
  - id: b
    title: B
    questions:
      - {id: b.minor, prompt: p, why: w, severity: minor}
      - {id: b.major, prompt: p, why: w, severity: major}
"""

# Asked on the core track of a system that predicts: the profile, the blocker and the majors,
# the minor checks that can cap the level (on the check, on an option) and the text question.
CORE_OF_A_PREDICTOR = [
    "profile.task",
    "a.blocker",
    "a.major",
    "a.capped",
    "a.basis",
    "a.note",
    "b.major",
]
MINORS_OF_A_PREDICTOR = ["a.minor", "a.tools", "b.minor"]


@pytest.fixture(scope="module")
def core_bank() -> Bank:
    return bank_from_document(parse_yaml(CORE_BANK, source="core.yaml"))


def answers_of(bank: Bank, entries: dict[str, str]) -> Answers:
    lines = "".join(f"  {key}: {value}\n" for key, value in entries.items())
    text = (
        "mlready: 1\nbank: core@1\nproject: {name: n, owner: o, reviewed: 2026-11-01}\n"
        f"answers:\n{lines}"
    )
    return answers_from_document(parse_yaml(text, source="answers.yaml"), bank)


CORE_ANSWERS = {
    "profile.task": "predict",
    "a.blocker": "yes",
    "a.major": "yes",
    "a.capped": "yes",
    "a.basis": "yes",
    "a.note": "x",
    "b.major": "yes",
}


def test_the_core_walk_asks_no_minor_check_that_caps_nothing(core_bank: Bank) -> None:
    lines = ["predict", "yes", "yes", "yes", "yes", "x", "yes"]
    result, prompt, _ = run_walk(core_bank, lines, core=True)
    assert result.completed
    assert prompt.shown == CORE_OF_A_PREDICTOR
    assert not set(MINORS_OF_A_PREDICTOR) & set(result.answers.entries)
    # The progress counts what the walk asks, not the minor checks it leaves.
    assert prompt.screens[1].progress == "a 1/5 · 2/7 overall"
    assert prompt.screens[-1].progress == "b 1/1 · 7/7 overall"


def test_the_core_walk_follows_the_profile_a_minor_made_major_is_asked(core_bank: Bank) -> None:
    lines = ["agent", "yes", "yes", "yes", "yes", "yes", "x", "yes"]
    result, prompt, _ = run_walk(core_bank, lines, core=True)
    assert result.completed
    assert "a.tools" in prompt.shown  # a major for an agent
    assert "a.minor" not in prompt.shown
    assert "b.minor" not in prompt.shown


def test_a_later_walk_without_core_asks_the_minor_checks_left(
    core_bank: Bank,
) -> None:
    answers = answers_of(core_bank, CORE_ANSWERS)
    assert progress_of(core_bank, answers, core=True) == (7, 7)
    assert progress_of(core_bank, answers) == (7, 10)
    result, prompt, _ = run_walk(core_bank, ["yes", "yes", "yes"], answers)
    assert prompt.shown == MINORS_OF_A_PREDICTOR
    assert result.completed
    # Counted over the whole review: the walk goes on from where the core track left it.
    assert [screen.progress for screen in prompt.screens] == [
        "a 2/7 · 3/10 overall",
        "a 5/7 · 6/10 overall",
        "b 1/2 · 9/10 overall",
    ]
    # A core walk after it has nothing left to ask.
    again, prompt, _ = run_walk(core_bank, [], answers, core=True)
    assert again.completed and again.asked == 0 and prompt.shown == []


def test_an_unanswered_minor_check_passes_the_gate_an_unanswered_major_fails(
    core_bank: Bank,
) -> None:
    card = score(core_bank, answers_of(core_bank, CORE_ANSWERS), today=TODAY)
    assert [q.id for q in card.unanswered] == MINORS_OF_A_PREDICTOR
    assert [q.id for q in card.unanswered_minor] == MINORS_OF_A_PREDICTOR
    verdict = judge(card, today=TODAY)
    assert verdict.passed, verdict.reasons
    # Still 0 in the mean (not shown to be in place); the score, over blockers and majors
    # (the one that caps), leaves minors out: b.major (weight 2) at 1, b.minor out.
    assert card.mean is not None and card.mean < 100
    assert card.areas[1].score == card.areas[1].cap_score == 100
    # Asked for, minor gaps fail as gaps, answered or not.
    assert not judge(card, Gate(fail_on=Severity.MINOR), today=TODAY).passed

    without_major = {key: value for key, value in CORE_ANSWERS.items() if key != "b.major"}
    card = score(core_bank, answers_of(core_bank, without_major), today=TODAY)
    verdict = judge(card, today=TODAY)
    assert not verdict.passed
    assert verdict.reasons == ("1 applicable question unanswered",)
    assert judge(card, allow_incomplete=True, today=TODAY).passed


def test_an_unanswered_question_that_is_no_check_still_fails_the_gate(
    core_bank: Bank,
) -> None:
    without_text = {key: value for key, value in CORE_ANSWERS.items() if key != "a.note"}
    card = score(core_bank, answers_of(core_bank, without_text), today=TODAY)
    assert not judge(card, today=TODAY).passed


def test_every_summary_counts_the_minor_checks_unanswered_as_optional(
    core_bank: Bank,
) -> None:
    card = score(core_bank, answers_of(core_bank, CORE_ANSWERS), today=TODAY)
    verdict = judge(card, today=TODAY)
    outcome = Outcome(card, verdict)
    said = (
        "3 minor checks are unanswered: they are optional and do not fail the gate, but each "
        "scores 0 in its area until it is answered."
    )
    assert said in " ".join(render_text([outcome]).split())
    assert said in render_markdown([outcome])
    assert said in markdown_report(card, verdict=verdict)
    assert said in html_report(card, verdict=verdict)
    assert "only minor checks, which are optional, are unanswered" in gate_line(
        card, verdict, Gate()
    )
    # None unanswered: nothing said.
    answered = {**CORE_ANSWERS, "a.minor": "yes", "a.tools": "yes", "b.minor": "no"}
    card = score(core_bank, answers_of(core_bank, answered), today=TODAY)
    outcome = Outcome(card, judge(card, today=TODAY))
    assert "optional" not in render_text([outcome]) + render_markdown([outcome])


def test_json_counts_the_minor_checks_unanswered(
    core_bank: Bank,
) -> None:
    from mlready.render.jsondoc import check_json

    card = score(core_bank, answers_of(core_bank, CORE_ANSWERS), today=TODAY)
    verdict = judge(card, today=TODAY)
    document = check_json(Outcome(card, verdict))
    assert document["passed"] is True
    assert document["unanswered"] == MINORS_OF_A_PREDICTOR
    assert document["unanswered_minor"] == 3


def test_a_fact_counts_the_minor_checks_unanswered_and_its_schema_says_so(
    core_bank: Bank,
) -> None:
    card = score(core_bank, answers_of(core_bank, CORE_ANSWERS), today=TODAY)
    fact = fact_of(
        card,
        judge(card, today=TODAY),
        repository="r",
        ref="HEAD",
        commit="c",
        path="mlready.yaml",
        blob="b",
    )
    data = json.loads(json.dumps(fact_data(fact)))
    schema = fact_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert data["unanswered"] == 3 and data["unanswered_minor"] == 3 and data["passed"]
    assert "unanswered_minor" in schema["required"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "unanswered_minor": -1}, schema)


def test_the_chinese_summary_says_the_minor_checks_are_optional(
    core_bank: Bank,
) -> None:
    card = score(core_bank, answers_of(core_bank, CORE_ANSWERS), today=TODAY)
    outcome = Outcome(card, judge(card, today=TODAY))
    with speaking("zh-CN"):
        text = "".join(render_text([outcome]).split())
    assert "3个次要检查项未回答；次要检查项可以不答，不会导致门禁失败" in text


def test_ask_help_names_the_core_track() -> None:
    from typer.testing import CliRunner

    from mlready.cli import app

    result = CliRunner().invoke(app, ["ask", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "--core" in result.output
    assert "minor checks are left for a later walk" in " ".join(result.output.split())
