"""Validating a parsed question bank: every rule with its position, and defaults filled in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from mlready.core.document import Document, Location
from mlready.core.errors import InputError, Place, Problem
from mlready.core.kinds import KINDS, is_scored, kind_of
from mlready.core.model import (
    NA,
    Area,
    Bank,
    Level,
    Question,
)
from mlready.core.validation import from_plain, suggest, to_plain, validate_document
from mlready.core.vocabulary import Kind


def bank_from_document(document: Document) -> Bank:
    """Validate parsed YAML as a bank. Raises InputError listing every problem found."""
    raw = validate_document(Bank, document)
    problems: list[Problem] = []
    areas = tuple(
        _checked_area(area, index, document, problems) for index, area in enumerate(raw.areas)
    )
    bank = replace(raw, areas=areas)
    if not areas:
        problems.append(document.problem(("areas",), "a bank needs at least one area"))
    problems += level_problems(bank.levels, document)
    problems += _area_problems(bank, document)
    problems += reference_problems(bank, lambda _, a, q: (document, ("areas", a, "questions", q)))
    if problems:
        raise InputError(problems)
    return bank


def _checked_area(area: Area, index: int, document: Document, problems: list[Problem]) -> Area:
    questions = tuple(
        checked_question(question, ("areas", index, "questions", position), document, problems)
        for position, question in enumerate(area.questions)
    )
    if not questions:
        problems.append(document.problem(("areas", index, "questions"), "area has no questions"))
    return replace(area, questions=questions)


def _keys_at(document: Document, loc: Location) -> set[str]:
    """The keys written in the mapping at `loc`."""
    node = document.data
    for part in loc:
        node = node[part]
    return set(node) if isinstance(node, dict) else set()


def bank_document(bank: Bank) -> dict[str, Any]:
    """The whole bank as plain data, each check with its effective weight, for other tools."""
    document: dict[str, Any] = to_plain(bank)
    for area, plain_area in zip(bank.areas, document["areas"], strict=True):
        for question, plain in zip(area.questions, plain_area["questions"], strict=True):
            if is_scored(question):
                plain["weight"] = question.score_weight
    return document


def bank_data(bank: Bank) -> dict[str, Any]:
    """A validated bank as lean plain data: what its file says, without the defaults the
    loader fills in (which would multiply its size on a bank of many checks)."""
    data: dict[str, Any] = to_plain(bank, implied=_implied)
    return data


def bank_from_data(data: Any) -> Bank:
    """The bank `bank_data` made `data` from, with its defaults filled in again.

    Trusts `data`: nothing is checked, so it must come from `bank_data` (the cache proves that
    with an HMAC). Raises KeyError, TypeError or ValueError for data of another shape.
    """
    return from_plain(Bank, data, implied=_implied)


def _implied(model: type, field: Callable[[str], Any]) -> Mapping[str, Any]:
    # A question's kind fills in what the bank left out (a check's options and severity).
    return KINDS[field("kind") or Kind.CHECK].filled if model is Question else {}


def checked_question(
    question: Question, loc: Location, document: Document, problems: list[Problem]
) -> Question:
    """Check the rules that depend on the kind; return the question with defaults filled."""

    def problem(key: str | tuple[str | int, ...], message: str) -> None:
        path = (*loc, *((key,) if isinstance(key, str) else key))
        problems.append(document.problem(path, message))

    given = _keys_at(document, loc)
    values = [option.value for option in question.options]
    for position, value in enumerate(values):
        if value in values[:position]:
            problem(("options", position, "value"), f"duplicate option value '{value}'")
        if value == NA:
            problem(
                ("options", position, "value"),
                "'na' is reserved for 'not applicable'; set 'na: true' on the question instead",
            )
    return kind_of(question).checked_definition(question, given, problem)


def level_problems(levels: tuple[Level, ...], document: Document) -> list[Problem]:
    """Problems with the levels: unique names, from the highest minimum down to 0."""
    problems: list[Problem] = []
    names = [level.name for level in levels]
    for index, level in enumerate(levels):
        where = ("levels", index)
        if level.name in names[:index]:
            problems.append(document.problem(where, f"duplicate level '{level.name}'"))
        if index and level.min >= levels[index - 1].min:
            problems.append(
                document.problem(where, "levels must be listed from the highest 'min' down")
            )
    if levels and levels[-1].min != 0:
        last = ("levels", len(levels) - 1, "min")
        problems.append(document.problem(last, "the lowest level must have min 0"))
    if not levels:
        problems.append(document.problem(("levels",), "at least one level is needed"))
    return problems


def reference_problems(
    bank: Bank, locate: Callable[[Question, int, int], tuple[Document, Location] | None]
) -> list[Problem]:
    """Unique ids; every `when` names an earlier decision or check, and values it offers.

    `locate` gives where a question was written, or None for one inherited from a base bank
    (checked when that bank was loaded).
    """
    problems: list[Problem] = []
    seen: dict[str, Question] = {}
    placed = [
        (question, locate(question, a, q))
        for a, area in enumerate(bank.areas)
        for q, question in enumerate(area.questions)
    ]
    inherited = {question.id for question, place in placed if place is None}
    for question, place in placed:
        if place is None:
            seen.setdefault(question.id, question)
            continue
        document, loc = place
        if question.id in seen or question.id in inherited:
            problems.append(
                document.problem((*loc, "id"), f"duplicate question id '{question.id}'")
            )
        for name, wanted in question.when.items():
            problems += _condition_problems(
                bank, question, name, wanted, seen, document.place((*loc, "when", name))
            )
        seen.setdefault(question.id, question)
    return problems


def _condition_problems(
    bank: Bank,
    question: Question,
    name: str,
    wanted: tuple[str, ...],
    seen: dict[str, Question],
    where: Place,
) -> list[Problem]:
    target = seen.get(name)
    if name == question.id:
        return [Problem(where, "'when' names the question itself")]
    if target is None:
        later = name in bank.questions
        return [
            Problem(
                where,
                f"'when' names {'a later' if later else 'an unknown'} question "
                f"'{name}'; it may name only questions earlier in the bank"
                + ("" if later else suggest(name, seen)),
            )
        ]
    if not kind_of(target).chosen:
        return [Problem(where, f"'when' cannot depend on text question '{name}'")]
    offered = [option.value for option in target.options]
    problems = [
        Problem(where, f"'{name}' has no option '{value}' (its options: {', '.join(offered)})")
        for value in wanted
        if value not in offered
    ]
    if not wanted:
        problems.append(Problem(where, f"'when' needs at least one value for '{name}'"))
    return problems


def _area_problems(bank: Bank, document: Document) -> list[Problem]:
    problems: list[Problem] = []
    area_ids: set[str] = set()
    for a, area in enumerate(bank.areas):
        if area.id in area_ids:
            problems.append(document.problem(("areas", a, "id"), f"duplicate area id '{area.id}'"))
        area_ids.add(area.id)
    return problems
