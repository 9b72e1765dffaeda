"""Loading a question bank: parse, validate every rule with its position, fill defaults."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from mlready.errors import InputError
from mlready.model import (
    DEFAULT_CHECK_OPTIONS,
    NA,
    Area,
    Bank,
    Level,
    Question,
)
from mlready.resources import builtin_bank_path
from mlready.text import one_line
from mlready.validation import suggest, to_plain, validate_document
from mlready.vocabulary import Kind
from mlready.yamlio import Document, Location, parse_yaml, read_text

_CHECK_ONLY = ("severity", "weight", "fix", "na")


def load_bank(path: Path | None = None) -> Bank:
    """The bank at `path`, or the built-in bank. Raises InputError naming file:line:column."""
    return _load(path, chain=())


def _load(path: Path | None, *, chain: tuple[Path, ...]) -> Bank:
    from mlready.cache import cached_bank, remember_bank

    source = "built-in bank" if path is None else str(path)
    file = path or builtin_bank_path()
    bank = cached_bank(file)
    if bank is not None:
        return replace(bank, files=(file,))
    document = parse_yaml(read_text(file, source=source, kind="bank"), source=source)
    if isinstance(document.data, dict) and "extends" in document.data:
        # Not cached: a layer's meaning depends on the other files it extends.
        from mlready.layers import extend

        return extend(document, path, chain=chain, load_base=_load)
    bank = bank_from_document(document)
    remember_bank(file, bank)
    return replace(bank, files=(file,))


def bank_from_document(document: Document) -> Bank:
    """Validate parsed YAML as a bank. Raises InputError listing every problem found."""
    raw = validate_document(Bank, document)
    problems: list[str] = []
    areas = tuple(
        _checked_area(area, index, document, problems) for index, area in enumerate(raw.areas)
    )
    bank = replace(raw, areas=areas)
    if not areas:
        problems.append(f"{document.where(('areas',))}: a bank needs at least one area")
    problems += level_problems(bank.levels, document)
    problems += _area_problems(bank, document)
    problems += reference_problems(bank, lambda _, a, q: (document, ("areas", a, "questions", q)))
    if problems:
        raise InputError(problems)
    return bank


def _checked_area(area: Area, index: int, document: Document, problems: list[str]) -> Area:
    questions = tuple(
        checked_question(question, ("areas", index, "questions", position), document, problems)
        for position, question in enumerate(area.questions)
    )
    if not questions:
        problems.append(f"{document.where(('areas', index, 'questions'))}: area has no questions")
    return replace(area, questions=questions)


def _keys_at(document: Document, loc: Location) -> set[str]:
    """The keys written in the mapping at `loc`."""
    node = document.data
    for part in loc:
        node = node[part]
    return set(node) if isinstance(node, dict) else set()


def bank_outline(bank: Bank) -> str:
    """A bank's areas and questions, one line each."""
    lines = [f"{one_line(bank.display_title)} ({bank.ref}): {len(bank.questions)} questions"]
    for area in bank.areas:
        lines += ["", f"{area.id}: {one_line(area.title)}"]
        for question in area.questions:
            kind = question.gap_severity if question.kind is Kind.CHECK else question.kind
            when = "".join(
                f"  [when {name} in {', '.join(values)}]" for name, values in question.when.items()
            )
            lines.append(f"  {question.id:<32} {kind:<7} {one_line(question.prompt)}{when}")
    return "\n".join(lines) + "\n"


def bank_document(bank: Bank) -> dict[str, Any]:
    """The whole bank as plain data, each check with its effective weight, for other tools."""
    document: dict[str, Any] = to_plain(bank)
    for area, plain_area in zip(bank.areas, document["areas"], strict=True):
        for question, plain in zip(area.questions, plain_area["questions"], strict=True):
            if question.kind is Kind.CHECK:
                plain["weight"] = question.score_weight
    return document


def checked_question(
    question: Question, loc: Location, document: Document, problems: list[str]
) -> Question:
    """Check the rules that depend on the kind; return the question with defaults filled."""

    def problem(key: str | tuple[str | int, ...], message: str) -> None:
        path = (*loc, *((key,) if isinstance(key, str) else key))
        problems.append(f"{document.where(path)}: {message}")

    given = _keys_at(document, loc)
    if question.kind is not Kind.CHECK:
        for key in sorted(given & set(_CHECK_ONLY)):
            problem(key, f"'{key}' belongs only on check questions (this is a {question.kind})")
    values = [option.value for option in question.options]
    for position, value in enumerate(values):
        if value in values[:position]:
            problem(("options", position, "value"), f"duplicate option value '{value}'")
        if value == NA:
            problem(
                ("options", position, "value"),
                "'na' is reserved for 'not applicable'; set 'na: true' on the question instead",
            )
    if question.kind is Kind.CHECK:
        if "options" in given and len(question.options) < 2:
            problem("options", "a check needs at least two options (or none: yes/partial/no)")
        options = question.options or DEFAULT_CHECK_OPTIONS
        for position, option in enumerate(question.options):
            if option.score is None:
                problem(("options", position), "missing required key 'score' (check options)")
        scores = [option.score for option in options]
        if question.options and None not in scores and max(s or 0.0 for s in scores) != 1:
            problem("options", "a check needs an option that scores 1 (the full answer)")
        return replace(question, options=options, severity=question.gap_severity)
    for position, option in enumerate(question.options):
        if option.score is not None:
            problem(("options", position, "score"), "'score' belongs only on check options")
    if question.kind is Kind.TEXT and question.options:
        problem("options", "text questions take no options")
    if question.kind in (Kind.CHOICE, Kind.MULTI) and len(question.options) < 2:
        problem("options", f"a {question.kind} question needs at least two options")
    return question


def level_problems(levels: tuple[Level, ...], document: Document) -> list[str]:
    problems: list[str] = []
    names = [level.name for level in levels]
    for index, level in enumerate(levels):
        where = document.where(("levels", index))
        if level.name in names[:index]:
            problems.append(f"{where}: duplicate level '{level.name}'")
        if index and level.min >= levels[index - 1].min:
            problems.append(f"{where}: levels must be listed from the highest 'min' down")
    if levels and levels[-1].min != 0:
        where = document.where(("levels", len(levels) - 1, "min"))
        problems.append(f"{where}: the lowest level must have min 0")
    if not levels:
        problems.append(f"{document.where(('levels',))}: at least one level is needed")
    return problems


def reference_problems(
    bank: Bank, locate: Callable[[Question, int, int], tuple[Document, Location] | None]
) -> list[str]:
    """Unique ids; every `when` names an earlier decision or check, and values it offers.

    `locate` gives where a question was written, or None for one inherited from a base bank
    (checked when that bank was loaded).
    """
    problems: list[str] = []
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
                f"{document.where((*loc, 'id'))}: duplicate question id '{question.id}'"
            )
        for name, wanted in question.when.items():
            problems += _condition_problems(
                bank, question, name, wanted, seen, document.where((*loc, "when", name))
            )
        seen.setdefault(question.id, question)
    return problems


def _condition_problems(
    bank: Bank,
    question: Question,
    name: str,
    wanted: tuple[str, ...],
    seen: dict[str, Question],
    where: str,
) -> list[str]:
    target = seen.get(name)
    if name == question.id:
        return [f"{where}: 'when' names the question itself"]
    if target is None:
        later = name in bank.questions
        return [
            f"{where}: 'when' names {'a later' if later else 'an unknown'} question "
            f"'{name}'; it may name only questions earlier in the bank"
            + ("" if later else suggest(name, seen))
        ]
    if target.kind is Kind.TEXT:
        return [f"{where}: 'when' cannot depend on text question '{name}'"]
    offered = [option.value for option in target.options]
    problems = [
        f"{where}: '{name}' has no option '{value}' (its options: {', '.join(offered)})"
        for value in wanted
        if value not in offered
    ]
    if not wanted:
        problems.append(f"{where}: 'when' needs at least one value for '{name}'")
    return problems


def _area_problems(bank: Bank, document: Document) -> list[str]:
    problems: list[str] = []
    area_ids: set[str] = set()
    for a, area in enumerate(bank.areas):
        if area.id in area_ids:
            problems.append(f"{document.where(('areas', a, 'id'))}: duplicate area id '{area.id}'")
        area_ids.add(area.id)
    return problems
