"""The built-in bank: its shape, its conditions, and the scores its best and worst answers get."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from functools import cache

import pytest

from mlready.core.answers import Answers, empty_answers
from mlready.core.model import AnswerEntry, Bank, Kind, Question, Severity
from mlready.core.scoring import applicable_questions, score
from mlready.io.bank_file import load_bank

AREAS = ["data", "preprocessing", "framework", "training", "serving", "monitoring"]
Choices = Mapping[str, str | tuple[str, ...]]


@cache
def bank() -> Bank:
    return load_bank()


def decisions() -> list[Question]:
    return [q for q in bank().questions.values() if q.kind in (Kind.CHOICE, Kind.MULTI)]


def checks() -> list[Question]:
    return [q for q in bank().questions.values() if q.kind is Kind.CHECK]


def answer_all(choices: Choices, *, best: bool) -> Answers:
    """Answer every applicable question: decisions from `choices` (else every option of a multi,
    the first of a choice), checks with their best or worst option, text with a word."""
    answers = empty_answers("mlready.yaml")
    while True:
        pending = [q for q in applicable_questions(bank(), answers) if answers.get(q.id) is None]
        if not pending:
            return answers
        for question in pending:
            answers = answers.with_entry(
                question.id, AnswerEntry(value=_value(question, choices, best=best))
            )


def _value(question: Question, choices: Choices, *, best: bool) -> str | tuple[str, ...]:
    if question.id in choices:
        return choices[question.id]
    values = [option.value for option in question.options]
    if question.kind is Kind.MULTI:
        return tuple(values)
    if question.kind is Kind.CHOICE:
        return values[0]
    if question.kind is Kind.TEXT:
        return "someone"
    ranked = sorted(question.options, key=lambda option: option.score or 0.0)
    return (ranked[-1] if best else ranked[0]).value


def serving_combinations() -> Iterator[dict[str, str | tuple[str, ...]]]:
    """Every combination of the serving area's decisions (each multi: each option alone)."""
    serving = [q for q in decisions() if q.id.startswith("serving.")]
    assert serving, "the serving area makes decisions"
    per_question = [
        [option.value if q.kind is Kind.CHOICE else (option.value,) for option in q.options]
        for q in serving
    ]
    for combination in itertools.product(*per_question):
        yield dict(zip([q.id for q in serving], combination, strict=True))


def test_six_areas_in_order_with_intros() -> None:
    assert [area.id for area in bank().areas] == AREAS
    assert all(area.intro for area in bank().areas)
    assert all(q.id.split(".")[0] == area.id for area in bank().areas for q in area.questions)


def test_size() -> None:
    assert len(bank().questions) >= 60


def test_every_check_has_why_fix_and_a_zero_option() -> None:
    for check in checks():
        assert check.why and check.fix, check.id
        assert max(option.score or 0.0 for option in check.options) == 1, check.id
        assert min(option.score or 0.0 for option in check.options) == 0, check.id


def test_decisions_come_first_in_each_area() -> None:
    for area in bank().areas:
        kinds = [q.kind in (Kind.CHOICE, Kind.MULTI) for q in area.questions]
        assert kinds == sorted(kinds, reverse=True), area.id


def test_every_decision_drives_a_question_and_half_drive_two_checks() -> None:
    driven: dict[str, set[str]] = {q.id: set() for q in decisions()}
    for question in bank().questions.values():
        for name in question.when:
            if name in driven and question.kind is Kind.CHECK:
                driven[name].add(question.id)
    unused = [name for name, follow in driven.items() if not follow]
    assert unused == []
    assert sum(len(follow) >= 2 for follow in driven.values()) * 2 >= len(driven)


def test_blockers_are_few() -> None:
    blockers = [q for q in checks() if q.severity is Severity.BLOCKER]
    assert 5 <= len(blockers) <= len(checks()) // 5


def requirements(question: Question) -> dict[str, set[str]] | None:
    """Values each decision must take for `question` to apply, or None if none can."""
    needed: dict[str, set[str]] = {}
    multi_needs: dict[str, list[set[str]]] = {}

    def add(current: Question) -> bool:
        for name, values in current.when.items():
            target = bank().questions[name]
            if target.kind is Kind.MULTI:
                multi_needs.setdefault(name, []).append(set(values))
            else:
                narrowed = needed.get(name, set(values)) & set(values)
                if not narrowed:
                    return False
                needed[name] = narrowed
            if not add(target):
                return False
        return True

    if not add(question):
        return None
    for name, sets in multi_needs.items():
        needed[name] = set().union(*(set(sorted(s)[:1]) for s in sets))
    return needed


def test_no_when_can_never_hold() -> None:
    impossible = []
    for question in bank().questions.values():
        needed = requirements(question)
        if needed is None:
            impossible.append(question.id)
            continue
        choices: dict[str, str | tuple[str, ...]] = {}
        for name, values in needed.items():
            target = bank().questions[name]
            choices[name] = (
                tuple(sorted(values)) if target.kind is Kind.MULTI else sorted(values)[0]
            )
        answers = answer_all(choices, best=True)
        if question not in applicable_questions(bank(), answers):
            impossible.append(question.id)
    assert impossible == []


def test_a_typical_system_meets_at_least_eight_checks_per_area() -> None:
    # Tabular and text data, human labels, periodic retraining, a real-time central service.
    typical = {
        q.id: q.options[0].value if q.kind is Kind.CHOICE else (q.options[0].value,)
        for q in decisions()
    }
    typical.update(
        {
            name: value
            for name, value in {
                "data.modality": ("tabular", "text"),
                "serving.mode": ("realtime",),
            }.items()
            if name in bank().questions
        }
    )
    card = score(bank(), answer_all(typical, best=True))
    for area in AREAS:
        applicable_checks = [
            q for q in card.applicable if q.kind is Kind.CHECK and q.id.startswith(f"{area}.")
        ]
        assert len(applicable_checks) >= 8, area


@pytest.mark.parametrize("best", [True, False], ids=["best", "worst"])
def test_best_and_worst_answers_for_every_serving_combination(best: bool) -> None:
    lowest = bank().lowest_level.name
    for combination in serving_combinations():
        card = score(bank(), answer_all(combination, best=best))
        assert card.unanswered == (), combination
        if best:
            assert (card.score, card.level.name, card.gaps) == (100, "production", ()), combination
        else:
            assert card.level.name == lowest, combination
            assert card.blockers, combination
            assert card.score == 0, combination
