"""Loading a question bank: parse, validate every rule with its position, fill defaults."""

from __future__ import annotations

from pathlib import Path

from mlready.errors import InputError
from mlready.model import DEFAULT_CHECK_OPTIONS, NA, Area, Bank, Kind, Question, Severity
from mlready.resources import builtin_bank_path
from mlready.validation import MAX_MESSAGES, suggest, validate_document
from mlready.yamlio import Document, Location, load_yaml

BUILTIN = "default"

_CHECK_ONLY = ("severity", "weight", "fix", "na")


def load_bank(path: Path | None = None) -> Bank:
    """The bank at `path`, or the built-in bank. Raises InputError naming file:line:column."""
    if path is None:
        document = load_yaml(builtin_bank_path(), source="built-in bank", kind="bank")
    else:
        document = load_yaml(path, kind="bank")
    return bank_from_document(document)


def bank_from_document(document: Document) -> Bank:
    """Validate parsed YAML as a bank. Raises InputError listing every problem found."""
    raw = validate_document(Bank, document)
    problems: list[str] = []
    areas = tuple(
        _checked_area(area, index, document, problems) for index, area in enumerate(raw.areas)
    )
    bank = raw.model_copy(update={"areas": areas})
    problems += _level_problems(bank, document)
    problems += _reference_problems(bank, document)
    if problems:
        raise InputError(problems[:MAX_MESSAGES])
    return bank


def _checked_area(area: Area, index: int, document: Document, problems: list[str]) -> Area:
    questions = tuple(
        _checked_question(question, ("areas", index, "questions", position), document, problems)
        for position, question in enumerate(area.questions)
    )
    if not questions:
        problems.append(f"{document.where(('areas', index, 'questions'))}: area has no questions")
    return area.model_copy(update={"questions": questions})


def _checked_question(
    question: Question, loc: Location, document: Document, problems: list[str]
) -> Question:
    """Check the rules that depend on the kind; return the question with defaults filled."""

    def problem(key: str | tuple[str | int, ...], message: str) -> None:
        path = (*loc, *((key,) if isinstance(key, str) else key))
        problems.append(f"{document.where(path)}: {message}")

    given = question.model_fields_set
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
        severity = question.severity or Severity.MAJOR
        return question.model_copy(
            update={
                "options": options,
                "severity": severity,
                "weight": question.weight or severity.default_weight,
            }
        )
    for position, option in enumerate(question.options):
        if option.score is not None:
            problem(("options", position, "score"), "'score' belongs only on check options")
    if question.kind is Kind.TEXT and question.options:
        problem("options", "text questions take no options")
    if question.kind in (Kind.CHOICE, Kind.MULTI) and len(question.options) < 2:
        problem("options", f"a {question.kind} question needs at least two options")
    return question


def _level_problems(bank: Bank, document: Document) -> list[str]:
    problems: list[str] = []
    names = [level.name for level in bank.levels]
    for index, level in enumerate(bank.levels):
        where = document.where(("levels", index))
        if level.name in names[:index]:
            problems.append(f"{where}: duplicate level '{level.name}'")
        if index and level.min >= bank.levels[index - 1].min:
            problems.append(f"{where}: levels must be listed from the highest 'min' down")
    if bank.levels and bank.levels[-1].min != 0:
        where = document.where(("levels", len(bank.levels) - 1, "min"))
        problems.append(f"{where}: the lowest level must have min 0")
    if not bank.levels:
        problems.append(f"{document.where(('levels',))}: at least one level is needed")
    return problems


def _reference_problems(bank: Bank, document: Document) -> list[str]:
    """Unique ids; every `when` names an earlier decision or check, and values it offers."""
    problems: list[str] = []
    seen: dict[str, Question] = {}
    area_ids: set[str] = set()
    for a, area in enumerate(bank.areas):
        if area.id in area_ids:
            problems.append(f"{document.where(('areas', a, 'id'))}: duplicate area id '{area.id}'")
        area_ids.add(area.id)
        for q, question in enumerate(area.questions):
            loc: Location = ("areas", a, "questions", q)
            if question.id in seen:
                problems.append(
                    f"{document.where((*loc, 'id'))}: duplicate question id '{question.id}'"
                )
            for name, wanted in question.when.items():
                where = document.where((*loc, "when", name))
                target = seen.get(name)
                if name == question.id:
                    problems.append(f"{where}: 'when' names the question itself")
                    continue
                if target is None:
                    later = name in bank.questions
                    problems.append(
                        f"{where}: 'when' names {'a later' if later else 'an unknown'} question "
                        f"'{name}'; it may name only questions earlier in the bank"
                        + ("" if later else suggest(name, seen))
                    )
                    continue
                if target.kind is Kind.TEXT:
                    problems.append(f"{where}: 'when' cannot depend on text question '{name}'")
                    continue
                offered = [option.value for option in target.options]
                for value in wanted:
                    if value not in offered:
                        problems.append(
                            f"{where}: '{name}' has no option '{value}' "
                            f"(its options: {', '.join(offered)})"
                        )
                if not wanted:
                    problems.append(f"{where}: 'when' needs at least one value for '{name}'")
            seen.setdefault(question.id, question)
    return problems
