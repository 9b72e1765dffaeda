"""The level rules: caps from gaps, owned plans, severity that follows the answers, and
obligations that apply from a date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml

from mlready.core.answers import answers_from_document
from mlready.core.bank import bank_from_document
from mlready.core.errors import InputError
from mlready.core.gate import judge
from mlready.core.model import Bank
from mlready.core.scoring import Scorecard, gap_cap, level_for, score
from mlready.core.vocabulary import Severity
from mlready.core.walk import Screen, walk
from mlready.io.yamlio import parse_yaml
from tests.helpers.commands import run
from tests.helpers.sarif import sarif_schema

TODAY = dt.date(2026, 12, 7)

RULES_BANK = """\
bank: rules
version: 1
profile:
  - id: profile.task
    kind: multi
    prompt: What does it do?
    why: w
    options: [{value: predict}, {value: agent}]
  - id: profile.regimes
    kind: multi
    prompt: Which rules apply?
    why: w
    options:
      - {value: old_rule}
      - {value: new_rule, applies_from: 2027-12-02}
      - {value: none, exclusive: true}
areas:
  - id: a
    title: A
    questions:
      - {id: a.legal, prompt: p, why: w, severity: blocker}
      - {id: a.live, prompt: p, why: w, severity: blocker, caps: prototype}
      - {id: a.second, prompt: p, why: w, severity: blocker, caps: prototype}
      - {id: a.third, prompt: p, why: w, severity: blocker, caps: prototype}
      - {id: a.serious, prompt: p, why: w, caps: pilot}
      - {id: a.major, prompt: p, why: w}
      - id: a.tools
        prompt: p
        why: w
        severity:
          - {when: {profile.task: [agent]}, is: blocker, caps: prototype}
          - {is: minor}
      - id: a.conformity
        prompt: p
        why: w
        severity: blocker
        caps: prototype
        when: {profile.regimes: [old_rule, new_rule]}
      - {id: a.dated, prompt: p, why: w, severity: blocker, applies_from: 2027-08-02}
      - id: a.basis
        prompt: p
        why: w
        severity: blocker
        options:
          - {value: no, score: 0}
          - {value: assumed, score: 0, caps: pilot}
          - {value: yes, score: 1}
      - id: a.release
        prompt: p
        why: w
        severity:
          - {when: {profile.regimes: [new_rule]}, is: blocker, caps: prototype}
          - {is: major}
      - {id: a.approval, prompt: p, why: w, caps: pilot, plan_lifts: false}
"""

CHECKS = ("a.legal", "a.live", "a.second", "a.third", "a.serious", "a.major", "a.tools")
CHECKS += ("a.conformity", "a.dated", "a.basis", "a.release", "a.approval")
OWNED = {"owner": "team", "due": "2027-01-31"}
OVERDUE = {"owner": "team", "due": "2026-11-30"}
# Due beyond the plan horizon (90 days): a wish, not a plan.
FAR = {"owner": "team", "due": "2031-12-31"}
UNDATED = {"owner": "team"}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return bank_from_document(parse_yaml(RULES_BANK, source="rules.yaml"))


def refusal(text: str) -> str:
    """What validating the bank `text` (as rules.yaml) says, which must refuse it."""
    with pytest.raises(InputError) as caught:
        bank_from_document(parse_yaml(text, source="rules.yaml"))
    return str(caught.value)


def review(
    bank: Bank,
    *,
    today: dt.date = TODAY,
    task: str = "predict",
    regimes: str = "old_rule",
    **given: Any,
) -> Scorecard:
    """The scorecard of every check at "yes" but those given (keys use '_' for '.')."""
    answers: dict[str, Any] = {"profile.task": [task], "profile.regimes": [regimes]}
    for check in CHECKS:
        value = given.get(check.replace(".", "_"), "yes")
        if value != "":  # "" leaves the check unanswered
            answers[check] = value
    text = yaml.safe_dump({"mlready": 1, "bank": "rules@1", "answers": answers})
    return score(bank, answers_from_document(parse_yaml(text, source="a.yaml"), bank), today=today)


def entry(value: str, action: dict[str, str]) -> dict[str, Any]:
    return {"value": value, "action": action}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, "production"),
        # a blocker at its lowest grade caps at the level it names, by default the lowest
        ({"a_legal": "no"}, "not ready"),
        ({"a_live": "no"}, "prototype"),
        ({"a_legal": ""}, "not ready"),  # unanswered counts as the lowest grade
        # an owned plan (owner, due date not past) lifts only a cap one below the top: what is
        # unsafe live, or unlawful even in a trial, stays capped while the ticket is open
        ({"a_live": entry("no", OWNED)}, "prototype"),
        ({"a_legal": entry("no", OWNED)}, "not ready"),
        ({"a_serious": entry("no", OWNED)}, "production"),
        ({"a_live": entry("no", OVERDUE)}, "prototype"),
        ({"a_live": entry("no", FAR)}, "prototype"),
        ({"a_live": entry("no", UNDATED)}, "prototype"),
        # partly done blockers: conditions one or two at a time, a pattern from three
        ({"a_legal": "partial"}, "production"),
        ({"a_legal": "partial", "a_live": "partial"}, "production"),
        ({"a_legal": "partial", "a_live": "partial", "a_second": "partial"}, "pilot"),
        # ... plans or not: a ticket each does not undo three obligations half met
        (
            {"a_legal": entry("partial", OWNED), "a_live": "partial", "a_second": "partial"},
            "pilot",
        ),
        (
            {"a_legal": entry("partial", OVERDUE), "a_live": "partial", "a_second": "partial"},
            "pilot",
        ),
        # a major caps only where the bank says so, at its lowest grade
        ({"a_major": "no"}, "production"),
        ({"a_serious": "no"}, "pilot"),
        ({"a_serious": "partial"}, "production"),
        # an answer may cap otherwise than its check: both score 0, one stops a trial
        ({"a_basis": "no"}, "not ready"),
        ({"a_basis": "assumed"}, "pilot"),
        ({"a_basis": entry("assumed", OWNED)}, "production"),
        ({"a_basis": ""}, "not ready"),  # unanswered: the check's own cap
        # the lowest cap wins
        ({"a_serious": "no", "a_live": "no", "a_legal": "no"}, "not ready"),
    ],
)
def test_gaps_cap_the_level(bank: Bank, given: dict[str, Any], expected: str) -> None:
    assert review(bank, **given).level.name == expected


@pytest.mark.parametrize(
    ("score_value", "expected"),
    [(100, "production"), (50, "production"), (49.99, "pilot"), (0, "pilot"), (None, "not ready")],
)
def test_the_score_caps_only_when_an_area_lacks_most_of_its_practice(
    bank: Bank, score_value: float | None, expected: str
) -> None:
    assert level_for(bank, score_value, today=TODAY).name == expected


MINORS_BANK = """\
bank: minors
version: 1
areas:
  - id: a
    title: A
    questions:
      - {id: a.major, prompt: p, why: w}
      - {id: a.hygiene1, prompt: p, why: w, severity: minor}
      - {id: a.hygiene2, prompt: p, why: w, severity: minor}
      - {id: a.hygiene3, prompt: p, why: w, severity: minor}
      - {id: a.hygiene4, prompt: p, why: w, severity: minor}
"""


@pytest.mark.parametrize(
    ("major", "minors", "mean", "capping", "expected"),
    [
        # four minors at 0 pull the mean under 50; the score, which caps, leaves them out
        ("yes", "no", 33.33, 100.0, "production"),
        ("partial", "yes", 83.33, 50.0, "production"),
        # the major alone below half still caps, minors or not
        ("no", "yes", 66.67, 0.0, "pilot"),
    ],
)
def test_minor_checks_leave_the_score_that_caps_the_level(
    major: str, minors: str, mean: float, capping: float, expected: str
) -> None:
    bank = bank_from_document(parse_yaml(MINORS_BANK, source="minors.yaml"))
    answers = {"a.major": major} | {f"a.hygiene{n}": minors for n in range(1, 5)}
    text = yaml.safe_dump({"mlready": 1, "bank": "minors@1", "answers": answers})
    card = score(bank, answers_from_document(parse_yaml(text, source="a.yaml"), bank), today=TODAY)
    # The score shown is the one that caps: a level never sits beside a score it contradicts.
    assert (card.mean, card.score, card.cap_score, card.level.name) == (
        mean,
        capping,
        capping,
        expected,
    )
    assert bool(card.binding_caps) == (expected != "production")


WAIVER = {"reason": "r", "approved_by": "cto", "expires": "2027-01-01"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        # a waiver accepts a risk for the gate; like an owned plan it lifts only a cap one below
        # the top: what is unlawful in a trial or unsafe live stays capped, accepted or not
        ({"a_legal": {"value": "no", "waiver": WAIVER}}, "not ready"),
        ({"a_live": {"value": "no", "waiver": WAIVER}}, "prototype"),
        ({"a_serious": {"value": "no", "waiver": WAIVER}}, "production"),
        ({"a_basis": {"value": "assumed", "waiver": WAIVER}}, "production"),
        ({"a_legal": {"value": "partial", "waiver": WAIVER}}, "production"),
        # expired, it is an open gap again
        (
            {"a_serious": {"value": "no", "waiver": {**WAIVER, "expires": "2026-12-01"}}},
            "pilot",
        ),
    ],
)
def test_a_waiver_passes_the_gate_and_lifts_only_a_cap_one_below_the_top(
    bank: Bank, given: dict[str, Any], expected: str
) -> None:
    card = review(bank, **given)
    assert card.level.name == expected
    if expected != "pilot":
        assert card.blockers == ()
    if expected in ("not ready", "prototype"):
        assert [cap.kind for cap in card.binding_caps] == ["waived"]


TWO_LEVELS_BANK = """\
bank: two
version: 1
levels:
  - {name: approved, min: 80}
  - {name: not approved, min: 0}
areas:
  - id: a
    title: A
    questions:
      - {id: a.legal, prompt: p, why: w, severity: blocker}
      - {id: a.other, prompt: p, why: w, severity: blocker}
      - {id: a.third, prompt: p, why: w, severity: blocker}
      - {id: a.fourth, prompt: p, why: w, severity: blocker}
      - {id: a.fifth, prompt: p, why: w, severity: blocker}
"""


@pytest.mark.parametrize(
    ("legal", "kind"),
    [
        ({"value": "no", "waiver": WAIVER}, "waived"),
        ({"value": "no", "action": OWNED}, "gap"),
    ],
)
def test_in_a_bank_of_two_levels_neither_a_waiver_nor_a_plan_lifts_the_lowest(
    legal: dict[str, Any], kind: str
) -> None:
    # One below the top is the lowest level there: a blocker that caps at it still caps,
    # accepted or planned (a waiver once lifted it to the top).
    two = bank_from_document(parse_yaml(TWO_LEVELS_BANK, source="two.yaml"))
    answers = {"a.legal": legal} | dict.fromkeys(
        ["a.other", "a.third", "a.fourth", "a.fifth"], "yes"
    )
    text = yaml.safe_dump({"mlready": 1, "bank": "two@1", "answers": answers})
    card = score(two, answers_from_document(parse_yaml(text, source="a.yaml"), two), today=TODAY)
    assert card.level.name == "not approved"
    assert [(cap.kind, cap.level.name) for cap in card.binding_caps] == [(kind, "not approved")]


def test_gap_cap_names_the_level_of_one_gap(bank: Bank) -> None:
    card = review(bank, a_live="no", a_major="no", a_legal="partial")
    caps = {gap.question.id: gap_cap(bank, gap, TODAY) for gap in card.gaps}
    assert {key: level.name if level else None for key, level in caps.items()} == {
        "a.live": "prototype",
        "a.major": None,
        "a.legal": None,
    }


@pytest.mark.parametrize(
    ("task", "severity", "level", "passes"),
    [
        ("agent", Severity.BLOCKER, "prototype", False),
        ("predict", Severity.MINOR, "production", True),
    ],
)
def test_severity_follows_the_answers(
    bank: Bank, task: str, severity: Severity, level: str, passes: bool
) -> None:
    card = review(bank, task=task, a_tools="no")
    (gap,) = card.gaps
    assert gap.severity is severity
    assert card.level.name == level
    assert judge(card).passed is passes
    # the weight follows too: blocker 3 or minor 1 among eight checks of weight 3, 2 and 2
    assert gap.lost_weight == severity.default_weight


def test_an_obligation_not_yet_in_force_is_upcoming_until_its_date(bank: Bank) -> None:
    before = review(bank, regimes="new_rule", a_conformity="no")
    assert [gap.question.id for gap in before.upcoming] == ["a.conformity"]
    assert before.upcoming[0].upcoming == dt.date(2027, 12, 2)
    assert before.gaps == ()
    assert before.level.name == "production"
    assert judge(before).passed
    assert before.check_scores()["a.conformity"] is None
    on_the_day = review(bank, regimes="new_rule", a_conformity="no", today=dt.date(2027, 12, 2))
    assert on_the_day.upcoming == ()
    assert [gap.question.id for gap in on_the_day.blockers] == ["a.conformity"]
    assert on_the_day.level.name == "prototype"
    assert not judge(on_the_day).passed


def test_an_obligation_in_force_through_another_answer_is_not_upcoming(bank: Bank) -> None:
    answers = {"profile.task": ["predict"], "profile.regimes": ["old_rule", "new_rule"]}
    answers |= dict.fromkeys(CHECKS, "yes") | {"a.conformity": "no"}
    text = yaml.safe_dump({"mlready": 1, "bank": "rules@1", "answers": answers})
    card = score(bank, answers_from_document(parse_yaml(text, source="a.yaml"), bank), today=TODAY)
    assert card.upcoming == ()
    assert card.level.name == "prototype"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"a_approval": "no"}, "pilot"),
        # a check that no plan lifts: a ticket is no approval, a waiver no more
        ({"a_approval": entry("no", OWNED)}, "pilot"),
        ({"a_approval": {"value": "no", "waiver": WAIVER}}, "pilot"),
        ({"a_serious": entry("no", OWNED)}, "production"),  # one that a plan lifts
    ],
)
def test_a_check_can_say_that_no_plan_lifts_its_cap(
    bank: Bank, given: dict[str, Any], expected: str
) -> None:
    assert review(bank, **given).level.name == expected


def test_a_severity_rule_of_a_regime_not_yet_in_force_waits_for_its_date(bank: Bank) -> None:
    # Before the regime's date the next rule holds: a major at its lowest grade, a condition;
    # from that date the regime's rule: a blocker that caps.
    before = review(bank, regimes="new_rule", a_release="no")
    assert before.severity_of(bank.questions["a.release"]) is Severity.MAJOR
    assert before.level.name == "production"
    assert [gap.question.id for gap in before.conditions] == ["a.release"]
    after = review(bank, regimes="new_rule", a_release="no", today=dt.date(2027, 12, 2))
    assert after.severity_of(bank.questions["a.release"]) is Severity.BLOCKER
    assert after.level.name == "prototype"


def test_a_check_with_its_own_date_is_upcoming_before_it(bank: Bank) -> None:
    before = review(bank, a_dated="no", today=dt.date(2027, 8, 1))
    assert [(gap.question.id, gap.upcoming) for gap in before.upcoming] == [
        ("a.dated", dt.date(2027, 8, 2))
    ]
    assert before.level.name == "production"
    after = review(bank, a_dated="no", today=dt.date(2027, 8, 2))
    assert after.level.name == "not ready"


BAD_RULES = [
    (
        "severity: [{when: {profile.tsk: [agent]}, is: blocker}, {is: major}]",
        "rules.yaml:16:41: 'when' names an unknown question 'profile.tsk'",
    ),
    (
        "severity: [{when: {profile.task: [robot]}, is: blocker}, {is: major}]",
        "rules.yaml:16:42: 'profile.task' has no option 'robot'",
    ),
    (
        "severity: [{when: {profile.task: [agent]}, is: blocker}]",
        "rules.yaml:16:20: the last severity rule must have no 'when': it is the default",
    ),
    (
        "severity: [{is: major}, {is: blocker}]",
        "rules.yaml:16:20: only the last severity rule may have no 'when' (the default)",
    ),
    (
        "severity: [{is: fatal}]",
        "rules.yaml:16:25: is must be one of blocker, major or minor (got 'fatal')",
    ),
    ("severity: [{when: {profile.task: [agent]}, sev: blocker}, {is: major}]", "unknown key 'sev'"),
    ("caps: gold", "rules.yaml:16:15: caps names no level of the bank: 'gold'"),
    (
        "severity: [{is: blocker, caps: gold}]",
        "rules.yaml:16:40: caps names no level of the bank: 'gold'",
    ),
    ("applies_from: soon", "rules.yaml:16:23: applies_from must be a date"),
]


@pytest.mark.parametrize(("line", "message"), BAD_RULES)
def test_severity_rules_caps_and_dates_are_validated_with_their_place(
    line: str, message: str
) -> None:
    text = (
        "bank: rules\nversion: 1\nprofile:\n  - id: profile.task\n    kind: multi\n"
        "    prompt: p\n    why: w\n    options: [{value: predict}, {value: agent}]\n"
        "areas:\n  - id: a\n    title: A\n    questions:\n      - id: a.x\n        prompt: p\n"
        f"        why: w\n        {line}\n"
    )
    shown = refusal(text)
    assert message in shown


def test_a_severity_rule_may_name_a_later_check_that_bounds_the_gap() -> None:
    # A control answered further on (hard limits in an agent's tools) bounds what a gap here
    # can do: the rule names it though it comes later, and the answers decide together.
    bounded = RULES_BANK.replace(
        "          - {when: {profile.task: [agent]}, is: blocker, caps: prototype}\n",
        "          - {when: {profile.task: [agent], a.approval: [yes]}, is: blocker, caps: pilot}\n"
        "          - {when: {profile.task: [agent]}, is: blocker, caps: prototype}\n",
    )
    assert bounded != RULES_BANK
    bank = bank_from_document(parse_yaml(bounded, source="rules.yaml"))
    assert review(bank, task="agent", a_tools="no").level.name == "pilot"
    # a.approval itself caps at pilot when "no": the tools' gap then caps lower on its own
    assert review(bank, task="agent", a_tools="no", a_approval="no").level.name == "prototype"
    # a question the bank does not have is named as unknown, not as "earlier in the bank"
    unknown = refusal(bounded.replace("a.approval: [yes]", "a.aproval: [yes]"))
    assert "'when' names an unknown question 'a.aproval'; did you mean 'a.approval'?" in unknown
    assert "earlier" not in unknown
    # the applicability of a question still names only earlier ones
    later = refusal(
        bounded.replace(
            "      - {id: a.major, prompt: p, why: w}",
            "      - {id: a.major, prompt: p, why: w, when: {a.approval: [yes]}}",
        )
    )
    assert "'when' names a later question 'a.approval'" in later


def test_blockers_not_done_but_planned_count_with_the_partly_done_and_are_conditions() -> None:
    # Three blockers whose cap (pilot) an owned plan lifts, each at zero: planned is not done.
    planned_bank = RULES_BANK.replace(
        "      - {id: a.major, prompt: p, why: w}\n",
        "      - {id: a.major, prompt: p, why: w}\n"
        + "".join(
            f"      - {{id: a.plan{n}, prompt: p, why: w, severity: blocker, caps: pilot}}\n"
            for n in (1, 2, 3)
        ),
    )
    bank = bank_from_document(parse_yaml(planned_bank, source="rules.yaml"))

    def card(*planned: int, **given: str) -> Scorecard:
        answers: dict[str, Any] = {"profile.task": ["predict"], "profile.regimes": ["old_rule"]}
        answers |= dict.fromkeys((*CHECKS, "a.plan1", "a.plan2", "a.plan3"), "yes")
        answers |= {f"a.plan{n}": entry("no", dict(OWNED)) for n in planned}
        answers |= {check.replace("_", "."): value for check, value in given.items()}
        text = yaml.safe_dump({"mlready": 1, "bank": "rules@1", "answers": answers})
        answered = answers_from_document(parse_yaml(text, source="a.yaml"), bank)
        return score(bank, answered, today=TODAY)

    one = card(1)
    assert one.level.name == "production"  # the plan lifts the one gap's cap
    assert [gap.question.id for gap in one.conditions] == ["a.plan1"]  # a condition, named
    three = card(1, 2, 3)
    assert three.level.name == "pilot"
    assert [cap.kind for cap in three.binding_caps] == ["partly_done"]
    # two planned and one half done make the same pattern; two alone do not
    assert card(1, 2).level.name == "production"
    assert card(1, 2, a_legal="partial").level.name == "pilot"


def test_caps_and_dates_belong_on_checks_and_decision_options() -> None:
    text = RULES_BANK.replace(
        "    options: [{value: predict}, {value: agent}]\n",
        "    options: [{value: predict}, {value: agent}]\n    caps: pilot\n",
    ).replace(
        "{id: a.major, prompt: p, why: w}",
        "{id: a.major, prompt: p, why: w, options: [{value: yes, score: 1, applies_from: "
        "2027-01-01}, {value: no, score: 0}]}",
    )
    shown = refusal(text)
    assert "'caps' belongs only on check questions (this is a multi)" in shown
    assert "'applies_from' belongs only on options of decisions" in shown


def test_an_option_caps_only_on_a_check_and_only_at_a_level_of_the_bank() -> None:
    text = RULES_BANK.replace(
        "options: [{value: predict}, {value: agent}]",
        "options: [{value: predict, caps: pilot}, {value: agent}]",
    ).replace("{value: assumed, score: 0, caps: pilot}", "{value: assumed, score: 0, caps: beta}")
    shown = refusal(text)
    assert "rules.yaml:8:38:" in shown and "'caps' belongs only on check options" in shown
    assert "rules.yaml:46:46: caps names no level of the bank: 'beta'" in shown


def test_check_lists_an_upcoming_obligation_until_its_date_then_fails(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(RULES_BANK, encoding="utf-8")
    answers = {"profile.task": ["predict"], "profile.regimes": ["new_rule"]}
    answers |= dict.fromkeys(CHECKS, "yes") | {"a.conformity": "no"}
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"mlready": 1, "bank": "rules@1", "answers": answers}))
    bank_option = ("--bank", tmp_path / "rules.yaml")
    code, out, err = run("check", path, *bank_option, "--today", "2027-12-01")
    assert (code, err) == (0, "")
    assert "Level: production" in out
    assert "upcoming" in out.lower() and "a.conformity" in out and "2027-12-02" in out
    code, out, _ = run("check", path, *bank_option, "--today", "2027-12-02")
    assert code == 1
    assert "Level: prototype" in out
    assert "2027-12-02" not in out


DUTY_REASON = (
    "1 duty that applies within a year without an owner and a due date by the day it applies "
    "(a.conformity)"
)


@pytest.mark.parametrize(
    ("action", "reasons"),
    [
        (None, [DUTY_REASON]),
        # A plan for a duty not yet in force is due when the duty is, beyond the 90 days too.
        ({"owner": "team", "due": "2027-12-02"}, []),
        ({"owner": "team", "due": "2027-06-30"}, []),
        ({"owner": "team", "due": "2027-12-03"}, [DUTY_REASON]),
        ({"owner": "team", "due": "2027-05-31"}, [DUTY_REASON]),
    ],
    ids=["none", "on-the-day", "soon", "a-day-late", "overdue"],
)
def test_the_top_level_asks_a_duty_within_a_year_owned_by_the_day_it_applies(
    tmp_path: Path, action: dict[str, str] | None, reasons: list[str]
) -> None:
    # Told "within 90 days", a reader would plan a duty that applies in six months for the wrong
    # date: the reason names the day the duty applies, the one its plan is measured against.
    (tmp_path / "rules.yaml").write_text(RULES_BANK, encoding="utf-8")
    answers: dict[str, Any] = {"profile.task": ["predict"], "profile.regimes": ["new_rule"]}
    answers |= dict.fromkeys(CHECKS, "yes")
    answers["a.conformity"] = {"value": "no", "action": action} if action else "no"
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"mlready": 1, "bank": "rules@1", "answers": answers}))
    args = ("--bank", tmp_path / "rules.yaml", "--today", "2027-06-01")
    code, out, _ = run("check", path, *args, "--fail-under", "production", "-f", "json")
    document = json.loads(out)
    assert (document["level"], document["reasons"]) == ("production", reasons)
    assert code == (1 if reasons else 0)
    code, out, _ = run("check", path, *args)
    said = "1 of the duties has no owner and due date by the day it applies."
    assert (said in " ".join(out.split())) == bool(reasons)
    assert "within 90 days" not in out


def test_every_format_lists_an_upcoming_obligation_and_fails_nothing(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(RULES_BANK, encoding="utf-8")
    answers = {"profile.task": ["predict"], "profile.regimes": ["new_rule"]}
    answers |= dict.fromkeys(CHECKS, "yes") | {"a.conformity": "no"}
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"mlready": 1, "bank": "rules@1", "answers": answers}))
    common = (path, "--bank", tmp_path / "rules.yaml", "--today", "2027-12-01")
    code, out, _ = run("check", *common, "-f", "json")
    document = json.loads(out)
    assert (code, document["passed"], document["gaps"]) == (0, True, [])
    assert [(item["id"], item["applies_from"]) for item in document["upcoming"]] == [
        ("a.conformity", "2027-12-02")
    ]
    code, out, _ = run("check", *common, "-f", "sarif")
    sarif = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(sarif)
    (result,) = sarif["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("a.conformity", "note")
    assert "2027-12-02" in result["message"]["text"]
    code, out, _ = run("check", *common, "-f", "junit")
    case = next(
        case
        for case in ElementTree.fromstring(out).iter("testcase")
        if "a.conformity" in case.get("name", "")
    )
    skipped = case.find("skipped")
    assert skipped is not None and skipped.get("message") == "upcoming: applies from 2027-12-02"
    code, out, _ = run("check", *common, "-f", "markdown")
    assert "**Upcoming obligations:**" in out and "a.conformity: applies from 2027-12-02" in out
    code, out, _ = run("report", *common, "-o", "-")
    assert "**Upcoming obligations:** `a.conformity` from 2027-12-02" in out


COUNSEL_LAYER = """\
bank: counsel
version: 1
extends: rules.yaml
dates_confirmed: {by: "Counsel, memo LEG-114", on: 2026-11-30}
override:
  profile.regimes:
    options: [{value: new_rule, applies_from: 2027-06-01}]
  a.dated: {applies_from: 2027-01-01}
"""


def test_counsel_restates_the_dates_in_a_layer_and_every_format_says_whose_they_are(
    tmp_path: Path,
) -> None:
    # The built-in dates are the bank's reading of the law; an organisation whose counsel reads
    # a date otherwise restates it in a layer, which says who confirmed them and when.
    (tmp_path / "rules.yaml").write_text(RULES_BANK, encoding="utf-8")
    (tmp_path / "counsel.yaml").write_text(COUNSEL_LAYER, encoding="utf-8")
    answers = {"profile.task": ["predict"], "profile.regimes": ["new_rule"]}
    answers |= dict.fromkeys(CHECKS, "yes") | {"a.conformity": "no", "a.dated": "no"}
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"mlready": 1, "bank": "rules@1", "answers": answers}))
    on = ("--today", "2027-07-01")
    code, out, _ = run("check", path, "--bank", tmp_path / "rules.yaml", *on, "-f", "json")
    document = json.loads(out)
    assert {item["id"] for item in document["upcoming"]} == {"a.conformity", "a.dated"}
    assert (code, document["level"], document["dates_confirmed"]) == (0, "production", None)
    code, out, _ = run("check", path, "--bank", tmp_path / "rules.yaml", *on)
    assert "Dates of application as the question bank states the law; not confirmed" in out
    code, out, _ = run("check", path, "--bank", tmp_path / "counsel.yaml", *on, "-f", "json")
    document = json.loads(out)
    assert (code, document["level"], document["upcoming"]) == (1, "not ready", [])
    assert {gap["id"] for gap in document["gaps"]} == {"a.conformity", "a.dated"}
    assert document["dates_confirmed"] == {"by": "Counsel, memo LEG-114", "on": "2026-11-30"}
    # Before the restated dates, the gaps are upcoming, and each format says whose dates.
    early = ("--today", "2026-12-07")
    confirmed = "Dates of application confirmed by Counsel, memo LEG-114 on 2026-11-30."
    for args in ((), ("-f", "markdown")):
        code, out, _ = run("check", path, "--bank", tmp_path / "counsel.yaml", *early, *args)
        assert code == 0 and confirmed in out
    code, out, _ = run("report", path, "--bank", tmp_path / "counsel.yaml", *early, "-o", "-")
    assert confirmed in out
    # Of a decision, only the dates of its options can be restated.
    (tmp_path / "wrong.yaml").write_text(
        COUNSEL_LAYER.replace(
            "options: [{value: new_rule,", "severity: major\n    options: [{value: new_rule,"
        ),
        encoding="utf-8",
    )
    code, _, err = run("bank", "validate", "--bank", tmp_path / "wrong.yaml")
    assert code == 2 and "only checks can be overridden ('profile.regimes' is a multi" in err


@pytest.mark.parametrize(
    ("body", "confirmed"),
    [
        ("override:\n  a.major: {severity: blocker}\n", "Counsel, memo LEG-114"),
        ("override:\n  a.dated: {applies_from: 2028-01-01}\n", None),
        (
            "override:\n  profile.regimes:\n"
            "    options: [{value: new_rule, applies_from: 2028-01-01}]\n",
            None,
        ),
        (
            "areas:\n  - id: a\n    questions:\n"
            "      - {id: a.later, prompt: p, why: w, applies_from: 2028-01-01}\n",
            None,
        ),
        (
            "dates_confirmed: {by: Counsel B, on: 2026-12-01}\n"
            "override:\n  a.dated: {applies_from: 2028-01-01}\n",
            "Counsel B",
        ),
    ],
    ids=["no-dates", "a-check's-date", "a-regime's-date", "a-new-question's-date", "own"],
)
def test_a_layer_that_gives_dates_of_its_own_does_not_borrow_its_base_confirmation(
    tmp_path: Path, body: str, confirmed: str | None
) -> None:
    # Counsel confirmed the dates of the layer below; a date a layer above states was never
    # put to them, and must not be printed as theirs.
    (tmp_path / "rules.yaml").write_text(RULES_BANK, encoding="utf-8")
    (tmp_path / "counsel.yaml").write_text(COUNSEL_LAYER, encoding="utf-8")
    team = "bank: team\nversion: 1\nextends: counsel.yaml\n" + body
    (tmp_path / "team.yaml").write_text(team, encoding="utf-8")
    answers = {"profile.task": ["predict"], "profile.regimes": ["new_rule"]}
    answers |= dict.fromkeys(CHECKS, "yes") | {"a.conformity": "no"}
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"mlready": 1, "bank": "rules@1", "answers": answers}))
    args = ("--bank", tmp_path / "team.yaml", "--today", "2026-12-07", "-f", "json")
    _, out, err = run("check", path, *args)
    assert err == ""
    document = json.loads(out)
    assert document["upcoming"]
    shown = document["dates_confirmed"]
    assert (shown["by"] if shown else None) == confirmed


@pytest.mark.parametrize(
    "by",
    ['"a\\u202eb"', '"a\\tb"', '"x\\u2028y"', '"Counsel \\e[31m"'],
    ids=["bidi", "tab", "line-separator", "escape"],
)
def test_who_confirmed_the_dates_is_one_line_a_terminal_cannot_obey(
    tmp_path: Path, by: str
) -> None:
    (tmp_path / "rules.yaml").write_text(RULES_BANK, encoding="utf-8")
    layer = COUNSEL_LAYER.replace('"Counsel, memo LEG-114"', by)
    (tmp_path / "counsel.yaml").write_text(layer, encoding="utf-8")
    code, out, err = run("bank", "validate", "--bank", tmp_path / "counsel.yaml")
    assert (code, out) == (2, "")
    assert f"{tmp_path / 'counsel.yaml'}:4:23: by " in err
    # The name is no id: it is told what it must be, not that it is not an id.
    assert "is not valid (expected one line of text without control characters)" in err
    assert "valid id" not in err and "Traceback" not in err


def test_check_says_why_the_level_is_not_higher(tmp_path: Path) -> None:
    (tmp_path / "rules.yaml").write_text(RULES_BANK, encoding="utf-8")
    answers = {"profile.task": ["agent"], "profile.regimes": ["old_rule"]}
    answers |= dict.fromkeys(CHECKS, "yes") | {"a.tools": "no", "a.serious": "no"}
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump({"mlready": 1, "bank": "rules@1", "answers": answers}))
    code, out, _ = run("check", path, "--bank", tmp_path / "rules.yaml", "--today", "2026-12-07")
    assert code == 1
    assert "Level: prototype" in out
    why = out.split("Why the level is not higher (1)\n", 1)[1].split("\n\n", 1)[0]
    assert why == "  a.tools: at its lowest grade, which caps the level at prototype"


class Recorder:
    """A person who answers every check "no" and notes the severity each screen shows."""

    def __init__(self) -> None:
        self.seen: dict[str, Severity | None] = {}

    def question(self, screen: Screen) -> str:
        self.seen[screen.question.id] = screen.severity
        return "no"

    def text(self, label: str, *, default: str | None = None) -> str:
        return ""

    def tell(self, message: str) -> None:
        pass


@pytest.mark.parametrize(
    ("task", "expected"), [("agent", Severity.BLOCKER), ("predict", Severity.MINOR)]
)
def test_the_walk_shows_the_severity_the_answers_give(
    bank: Bank, task: str, expected: Severity
) -> None:
    text = yaml.safe_dump(
        {
            "mlready": 1,
            "bank": "rules@1",
            "answers": {"profile.task": [task], "profile.regimes": ["none"]},
        }
    )
    answers = answers_from_document(parse_yaml(text, source="a.yaml"), bank)
    person = Recorder()
    walk(bank, answers, prompt=person, save=lambda _: None, area="a", today=TODAY)
    assert person.seen["a.tools"] is expected
    assert person.seen["a.major"] is Severity.MAJOR


def test_expects_belongs_on_decisions_and_names_another_decision() -> None:
    on_check = RULES_BANK.replace(
        "          - {value: assumed, score: 0, caps: pilot}",
        "          - {value: assumed, score: 0, caps: pilot, expects: {profile.task: [agent]}}",
    )
    shown = refusal(on_check)
    assert "'expects' belongs only on options of decisions" in shown
    unknown = RULES_BANK.replace(
        "options: [{value: predict}, {value: agent}]",
        "options: [{value: predict, expects: {profile.regimes: [later_rule]}}, {value: agent}]",
    ).replace(
        "      - {value: old_rule}",
        "      - {value: old_rule, expects: {profile.nothing: [x]}}",
    )
    shown = refusal(unknown)
    assert "rules.yaml:8:" in shown and "'later_rule'" in shown  # a value profile.regimes lacks
    assert "'expects' names 'profile.nothing', which is no other decision of the bank" in shown
    # a later decision may be expected: the answers are read together, not in order
    later = RULES_BANK.replace(
        "options: [{value: predict}, {value: agent}]",
        "options: [{value: predict, expects: {profile.regimes: [old_rule]}}, {value: agent}]",
    )
    decided = bank_from_document(parse_yaml(later, source="rules.yaml"))
    assert decided.questions["profile.task"].options[0].expects == {
        "profile.regimes": ("old_rule",)
    }


def test_expects_refuses_a_check_and_an_empty_list() -> None:
    on_a_check = RULES_BANK.replace(
        "options: [{value: predict}, {value: agent}]",
        "options: [{value: predict, expects: {a.tools: [yes]}}, {value: agent}]",
    )
    assert on_a_check != RULES_BANK
    shown = refusal(on_a_check)
    assert "'expects' names 'a.tools', which is no other decision of the bank" in shown
    empty = RULES_BANK.replace(
        "options: [{value: predict}, {value: agent}]",
        "options: [{value: predict, expects: {profile.regimes: []}}, {value: agent}]",
    )
    shown = refusal(empty)
    assert "rules.yaml:8:" in shown
    assert "'expects' needs at least one value for 'profile.regimes'" in shown
