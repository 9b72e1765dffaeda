"""Scoring: applicability, area and overall scores, levels, blockers and gap order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from mlready.core.answers import Answers
from mlready.core.bank import bank_from_document
from mlready.core.errors import InputError
from mlready.core.gate import Baseline, Gate, judge, threshold
from mlready.core.model import Action, Bank, Level
from mlready.core.scoring import applicable_questions, check_score, owned, score
from mlready.core.vocabulary import Severity
from mlready.io.yamlio import parse_yaml
from tests.helpers.small_bank import BEST_ANSWERS

Parse = Callable[[str], Answers]


def with_answers(**answers: str) -> str:
    """BEST_ANSWERS with some answers replaced (keys use '__' for '.')."""
    text = BEST_ANSWERS
    for key, value in answers.items():
        question_id = key.replace("__", ".")
        lines = text.splitlines()
        lines = [
            f"  {question_id}: {value}" if line.startswith(f"  {question_id}:") else line
            for line in lines
        ]
        text = "\n".join(lines) + "\n"
    return text


def test_best_answers_score_100_and_production(small_bank: Bank, parse_answers: Parse) -> None:
    card = score(small_bank, parse_answers(BEST_ANSWERS))
    assert card.score == 100
    assert card.mean == 100
    assert card.level.name == "production"
    assert card.gaps == ()
    assert card.unanswered == ()
    assert judge(card).passed


def test_area_score_is_weighted_and_overall_is_the_weakest_area(
    small_bank: Bank, parse_answers: Parse
) -> None:
    # serving: latency (major, 2) manual 0.5, rollback (weight 4) partial 0.5 -> 50
    # data: lineage blocker 3 x1, schema minor 1 x1, tokenizer major 2 x1 -> 100
    card = score(
        small_bank,
        parse_answers(with_answers(serving__latency="manual", serving__rollback="partial")),
    )
    assert [(area.area.id, area.score) for area in card.areas] == [("data", 100), ("serving", 50)]
    assert card.score == 50
    # mean over all checks: (3 + 1 + 2 + 2*0.5 + 4*0.5) / (3 + 1 + 2 + 2 + 4) = 9/12
    assert card.mean == 75
    # one partly done blocker is a condition, not a cap; the score is not below 50
    assert card.level.name == "production"


def test_scores_are_rounded_to_two_decimals_once(small_bank: Bank, parse_answers: Parse) -> None:
    # serving: latency 2 x 0 + rollback 4 x 1 -> 4/6 = 66.666... -> 66.67
    card = score(small_bank, parse_answers(with_answers(serving__latency="none")))
    assert card.areas[1].score == 66.67
    assert card.score == 66.67


def test_when_drops_questions_and_their_answers_do_not_count(
    small_bank: Bank, parse_answers: Parse
) -> None:
    # Batch serving: the latency check does not apply, so its "none" answer is ignored.
    answers = parse_answers(with_answers(serving__mode="batch", serving__latency="none"))
    ids = [question.id for question in applicable_questions(small_bank, answers)]
    assert "serving.latency" not in ids
    card = score(small_bank, answers)
    assert card.score == 100
    assert "serving.latency" in answers.entries  # kept in the file, ignored by scoring


def test_when_on_a_multi_answer_needs_one_shared_value(
    small_bank: Bank, parse_answers: Parse
) -> None:
    without_text = parse_answers(with_answers(data__modality="[image, tabular]"))
    with_text = parse_answers(with_answers(data__modality="[tabular, text]"))
    assert "data.tokenizer" not in [q.id for q in applicable_questions(small_bank, without_text)]
    assert "data.tokenizer" in [q.id for q in applicable_questions(small_bank, with_text)]


def test_unanswered_decision_hides_its_dependants(small_bank: Bank, parse_answers: Parse) -> None:
    answers = parse_answers(with_answers(serving__mode=""))
    card = score(small_bank, answers)
    assert "serving.latency" not in [q.id for q in card.applicable]
    assert [q.id for q in card.unanswered] == ["serving.mode"]
    verdict = judge(card)
    assert not verdict.passed
    assert verdict.reasons == ("1 applicable question unanswered",)
    assert judge(card, allow_incomplete=True).passed


def test_unanswered_check_counts_zero_and_a_blocker_forces_the_lowest_level(
    small_bank: Bank, parse_answers: Parse
) -> None:
    card = score(small_bank, parse_answers(with_answers(data__lineage="")))
    assert [gap.question.id for gap in card.blockers] == ["data.lineage"]
    assert card.blockers[0].answer is None
    # (0*3 + 2) / 5: the minor schema check counts in the mean, not the score
    assert card.areas[0].score == 40
    assert card.level.name == "not ready"
    assert judge(card, allow_incomplete=True).reasons == ("1 blocker gap",)


def test_partial_blocker_is_still_a_blocker(small_bank: Bank, parse_answers: Parse) -> None:
    card = score(small_bank, parse_answers(with_answers(data__lineage="partial")))
    assert card.level.name == "production"  # one partly done blocker alone caps nothing
    assert card.score == 70  # (0.5*3 + 2) / 5, the minor left out
    assert [gap.question.id for gap in card.blockers] == ["data.lineage"]
    assert not judge(card).passed


def test_na_answers_leave_the_sums(small_bank: Bank, parse_answers: Parse) -> None:
    answers = parse_answers(
        with_answers(data__schema="{value: na, note: No schema in images}", data__tokenizer="no")
    )
    card = score(small_bank, answers)
    # data without schema: lineage 3 x1 + tokenizer 2 x0 -> 60
    assert card.areas[0].score == 60
    assert [q.id for q in card.not_applicable] == ["data.schema"]
    assert card.areas[0].answered == 5  # an na answer is an answer


def test_area_without_scored_checks_is_null_and_left_out_of_the_minimum(
    parse_answers: Parse,
) -> None:
    bank = bank_from_document(
        parse_yaml(
            """\
bank: tiny
version: 1
areas:
  - id: a
    title: A
    questions:
      - {id: a.ok, prompt: Ok?, why: w, na: true}
  - id: b
    title: B
    questions:
      - {id: b.ok, prompt: Ok?, why: w}
""",
            source="tiny.yaml",
        )
    )
    from mlready.core.answers import answers_from_document

    def load(text: str) -> Answers:
        return answers_from_document(parse_yaml(text, source="a.yaml"), bank)

    card = score(bank, load("mlready: 1\nanswers: {a.ok: {value: na, note: n}, b.ok: partial}\n"))
    assert [area.score for area in card.areas] == [None, 50]
    assert card.score == 50
    empty = score(
        bank, load("mlready: 1\nanswers: {a.ok: {value: na, note: n}, b.ok: {value: null}}\n")
    )
    assert empty.areas[0].score is None
    nothing = score(bank, load("mlready: 1\nanswers: {a.ok: {value: na, note: n}}\n"))
    assert nothing.score == 0  # b.ok unanswered still counts as 0
    only_na = bank_from_document(
        parse_yaml(
            "bank: t\nversion: 1\nareas:\n  - id: a\n    title: A\n    questions:\n"
            "      - {id: a.ok, prompt: Ok?, why: w, na: true}\n",
            source="t.yaml",
        )
    )
    card = score(
        only_na,
        answers_from_document(
            parse_yaml("mlready: 1\nanswers: {a.ok: {value: na, note: n}}\n", source="x"), only_na
        ),
    )
    assert card.score is None
    assert card.mean is None
    assert card.level.name == "not ready"
    # Nothing scored: --fail-under has no score to pass, whatever its value.
    assert judge(card).passed
    assert judge(card, Gate(fail_under=0)).reasons == ("no score to compare with --fail-under 0",)


def test_gaps_are_ordered_by_severity_then_lost_weight_then_bank_order(
    small_bank: Bank, parse_answers: Parse
) -> None:
    answers = parse_answers(
        with_answers(
            data__schema="no",  # minor, lost 1
            data__tokenizer="partial",  # major, lost 1
            serving__latency="manual",  # major, lost 1
            serving__rollback="no",  # major (weight 4), lost 4
            data__lineage="partial",  # blocker, lost 1.5
        )
    )
    order = [gap.question.id for gap in score(small_bank, answers).gaps]
    assert order == [
        "data.lineage",
        "serving.rollback",
        "data.tokenizer",
        "serving.latency",
        "data.schema",
    ]


CUSTOM_LEVELS = """\
bank: graded
version: 3
levels:
  - {name: gold, min: 85}
  - {name: silver, min: 60}
  - {name: unrated, min: 0}
areas:
  - id: a
    title: A
    questions:
      - {id: a.one, prompt: One?, why: w, weight: 3}
      - {id: a.two, prompt: Two?, why: w, weight: 1, severity: minor}
"""


@pytest.mark.parametrize(
    ("one", "two", "expected_score", "expected_mean", "expected_level"),
    [
        ("yes", "yes", 100, 100, "gold"),
        # The score is over blockers and majors (the minor counts in the mean only); majors
        # cap nothing unless the bank says so.
        ("yes", "no", 100, 75, "gold"),
        ("yes", "partial", 100, 87.5, "gold"),
        ("partial", "yes", 50, 62.5, "silver"),  # 50 below 60, the second-lowest minimum
        ("no", "yes", 0, 25, "silver"),  # below the second-lowest minimum: not the top
    ],
)
def test_custom_levels_and_weights(
    one: str, two: str, expected_score: float, expected_mean: float, expected_level: str
) -> None:
    from mlready.core.answers import answers_from_document

    bank = bank_from_document(parse_yaml(CUSTOM_LEVELS, source="graded.yaml"))
    text = f"mlready: 1\nbank: graded@3\nanswers:\n  a.one: {one}\n  a.two: {two}\n"
    card = score(bank, answers_from_document(parse_yaml(text, source="a.yaml"), bank))
    assert (card.score, card.mean) == (expected_score, expected_mean)
    assert card.level.name == expected_level


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pilot", "pilot"),
        ("production", "production"),
        ("not ready", "not ready"),
        ("80", 80),
        ("0", 0),
        ("100", 100),
    ],
)
def test_fail_under_takes_a_number_or_a_level(
    small_bank: Bank, text: str, expected: float | str
) -> None:
    # A level's name gives the level (the gate compares levels), a number a score.
    limit = threshold(small_bank, text)
    assert (limit.name if isinstance(limit, Level) else limit) == expected


NOT_A_LEVEL = "--fail-under: expected a score from 0 to 100 or a level "
LEVEL_NAMES = "(production, pilot, prototype, not ready)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("gold", f"{NOT_A_LEVEL}{LEVEL_NAMES}; got 'gold'"),
        ("eighty", f"{NOT_A_LEVEL}{LEVEL_NAMES}; got 'eighty'"),
        ("", f"{NOT_A_LEVEL}{LEVEL_NAMES}; got ''"),
        ("101", "--fail-under: expected a score from 0 to 100; got 101"),
        ("-1", "--fail-under: expected a score from 0 to 100; got -1"),
    ],
)
def test_fail_under_rejects_anything_else(small_bank: Bank, text: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        threshold(small_bank, text)
    assert str(raised.value) == message


def test_fail_under_compares_the_rounded_score(small_bank: Bank, parse_answers: Parse) -> None:
    card = score(small_bank, parse_answers(with_answers(serving__latency="none")))
    assert card.score == 66.67
    assert judge(card, Gate(fail_under=66.67)).passed
    failed = judge(card, Gate(fail_under=66.68))
    assert not failed.passed
    assert failed.reasons == ("score 66.67 is below 66.68",)


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        ({}, [("data", 100, 5, 5, 0), ("serving", 100, 3, 3, 0)]),
        (
            {"data__lineage": "partial"},
            [("data", 70, 5, 5, 1), ("serving", 100, 3, 3, 0)],  # (1.5 + 2) / 5
        ),
        # data: lineage 3 x1, tokenizer 2 x0.5 -> 4/5 (the minor schema check is in the mean
        # only); batch drops the latency check
        (
            {"data__schema": "no", "data__tokenizer": "partial", "serving__mode": "batch"},
            [("data", 80, 5, 5, 2), ("serving", 100, 2, 2, 0)],
        ),
        # An unanswered text question is unanswered but no gap; an unanswered check is both.
        (
            {"data__owner": "", "data__lineage": ""},
            [("data", 40, 5, 3, 1), ("serving", 100, 3, 3, 0)],  # (0*3 + 2) / 5
        ),
    ],
)
def test_area_scores_count_applicable_answered_and_gaps(
    small_bank: Bank,
    parse_answers: Parse,
    replacements: dict[str, str],
    expected: list[tuple[str, float, int, int, int]],
) -> None:
    card = score(small_bank, parse_answers(with_answers(**replacements)))
    assert [
        (area.area.id, area.score, area.applicable, area.answered, area.gaps) for area in card.areas
    ] == expected


@pytest.mark.parametrize(
    ("replacements", "expected"),
    [
        (
            {},
            {
                "data.lineage": 1.0,
                "data.schema": 1.0,
                "data.tokenizer": 1.0,
                "serving.latency": 1.0,
                "serving.rollback": 1.0,
            },
        ),
        # "na" is no score at all (JSON null), never a full one.
        (
            {"data__schema": "{value: na, note: No schema}", "data__tokenizer": "partial"},
            {
                "data.lineage": 1.0,
                "data.schema": None,
                "data.tokenizer": 0.5,
                "serving.latency": 1.0,
                "serving.rollback": 1.0,
            },
        ),
        # A check out of scope is left out; decisions and text questions are never listed.
        (
            {"serving__mode": "batch", "data__lineage": ""},
            {
                "data.lineage": 0.0,
                "data.schema": 1.0,
                "data.tokenizer": 1.0,
                "serving.rollback": 1.0,
            },
        ),
    ],
)
def test_check_scores_and_the_baseline_they_make(
    small_bank: Bank,
    parse_answers: Parse,
    replacements: dict[str, str],
    expected: dict[str, float | None],
) -> None:
    card = score(small_bank, parse_answers(with_answers(**replacements)))
    assert card.check_scores() == expected
    assert Baseline.of(card).checks == expected


@pytest.mark.parametrize(
    ("question_id", "answer", "expected"),
    [
        ("serving.latency", "automated", 1.0),
        ("serving.latency", "manual", 0.5),
        ("serving.latency", "none", 0.0),
        ("data.lineage", "partial", 0.5),
        ("data.lineage", "", 0.0),  # unanswered
        ("data.lineage", "{value: null, note: later}", 0.0),  # a note but no answer
        # "na" has no option; score() leaves it out of the sums before asking.
        ("data.schema", "{value: na, note: No schema}", 0.0),
    ],
)
def test_check_score(
    small_bank: Bank, parse_answers: Parse, question_id: str, answer: str, expected: float
) -> None:
    answers = parse_answers(with_answers(**{question_id.replace(".", "__"): answer}))
    question = small_bank.questions[question_id]
    assert check_score(question, answers.get(question_id)) == expected


@pytest.mark.parametrize(
    ("severity", "expected"),
    [
        (Severity.BLOCKER, ["data.lineage"]),
        (Severity.MAJOR, ["data.tokenizer", "serving.rollback"]),  # both lose 2
        (Severity.MINOR, []),  # data.schema is waived
    ],
)
def test_gaps_of_one_severity_are_the_open_ones(
    small_bank: Bank, parse_answers: Parse, severity: Severity, expected: list[str]
) -> None:
    answers = parse_answers(
        with_answers(
            data__lineage="partial",
            data__tokenizer="no",
            serving__rollback="partial",
            data__schema=(
                "\n    value: no\n    waiver: {reason: r, approved_by: a, expires: 2030-06-30}"
            ),
        )
    )
    card = score(small_bank, answers, today=dt.date(2030, 1, 1))
    assert [gap.question.id for gap in card.gaps_of(severity)] == expected


@pytest.mark.parametrize(
    ("today", "due", "owner", "is_owned"),
    [
        (dt.date(2026, 12, 7), dt.date(2026, 12, 7), "dana", True),  # due today
        (dt.date(2026, 12, 7), dt.date(2026, 12, 6), "dana", False),  # yesterday: overdue
        (dt.date(2026, 12, 7), dt.date(2027, 3, 7), "dana", True),  # in 90 days
        (dt.date(2026, 12, 7), dt.date(2027, 3, 8), "dana", False),  # in 91 days: a wish
        (dt.date(2026, 12, 7), dt.date(9999, 12, 31), "dana", False),  # far future
        (dt.date(2026, 12, 7), dt.date(2027, 1, 1), None, False),  # nobody's
        # Near the calendar's last day, today + 90 days does not exist: no OverflowError.
        (dt.date(9999, 12, 30), dt.date(9999, 12, 31), "dana", True),
        (dt.date(9999, 12, 31), dt.date(9999, 12, 31), "dana", True),
    ],
)
def test_a_plan_is_owned_with_an_owner_and_a_due_date_within_the_horizon(
    today: dt.date, due: dt.date, owner: str | None, is_owned: bool
) -> None:
    assert owned(Action(owner=owner, due=due), today) is is_owned
