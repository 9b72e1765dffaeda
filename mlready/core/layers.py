"""Layered banks: a small bank that extends another, disables, overrides and adds questions.

Imported only for a bank file that names `extends`, so that plain banks pay nothing for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field, replace
from pathlib import Path
from typing import Annotated

from mlready.core.bank import (
    checked_profile,
    checked_question,
    duplicate_area,
    level_problems,
    moved_problems,
    no_level,
    no_option,
    probe_problems,
    reference_problems,
)
from mlready.core.document import Document, Location
from mlready.core.errors import InputError, Place, Problem
from mlready.core.kinds import is_scored
from mlready.core.messages import Message, message_n
from mlready.core.model import (
    Area,
    Bank,
    BankId,
    DatesConfirmed,
    Level,
    LevelName,
    Moved,
    OptionValue,
    Probe,
    ProbeId,
    Question,
    QuestionId,
    Record,
    Score,
    Weight,
    record,
)
from mlready.core.validation import (
    NullAsEmpty,
    OneOrMany,
    Range,
    ShortForm,
    suggest,
)
from mlready.core.vocabulary import Severity


@record
class OptionScore(Record):
    """A new score for one option of an inherited check, or a new date of application for one
    option of an inherited decision (a regime whose date counsel reads otherwise)."""

    value: OptionValue
    score: Score | None = None  # None: as inherited
    applies_from: dt.date | None = None  # decisions only


@record
class Override(Record):
    """Changes a layered bank makes to an inherited check."""

    severity: Severity | None = None
    weight: Weight | None = None
    fix: str | None = None
    plan_lifts: bool | None = None  # None: as inherited
    # The level a gap at the lowest grade caps at (the check's own `caps`); its severity rules,
    # when it keeps them, name their own.
    caps: LevelName | None = None
    # The date the check's obligation applies from, as the organisation's counsel reads it.
    applies_from: dt.date | None = None
    options: tuple[OptionScore, ...] = ()
    evidence: tuple[Probe, ...] = ()  # added, or replacing the inherited probe of the same id
    disable_evidence: Annotated[tuple[ProbeId, ...], OneOrMany()] = ()


@record
class AreaLayer(Record):
    """An area in a layered bank: an inherited id gets questions appended, a new id is added."""

    id: QuestionId
    title: str | None = None
    intro: str | None = None
    questions: tuple[Question, ...] = ()


@record
class BankLayer(Record):
    """A bank file that builds on another (`extends`)."""

    bank: BankId
    version: Annotated[int, Range(ge=0)]
    extends: str
    title: str | None = None
    intro: str | None = None
    disable: Annotated[tuple[QuestionId, ...], OneOrMany()] = ()
    override: Annotated[dict[QuestionId, Override], NullAsEmpty()] = field(default_factory=dict)
    levels: tuple[Level, ...] | None = None
    dates_confirmed: DatesConfirmed | None = None  # replaces the base's
    profile: tuple[Question, ...] = ()  # appended to the base's profile
    moved: Annotated[dict[QuestionId, Annotated[Moved, ShortForm("to")]], NullAsEmpty()] = field(
        default_factory=dict
    )
    areas: tuple[AreaLayer, ...] = ()


def apply_layer(document: Document, layer: BankLayer, base: Bank, *, file: Path) -> Bank:
    """The bank that `layer` (read from `document`, at `file`) makes of `base`: the base, less
    what it disables, with its overrides and questions. Raises InputError listing every problem.
    """
    bank_where = ("bank",)
    taken = {ref.split("@")[0] for ref in base.lineage}
    if layer.bank in taken:
        raise InputError(
            document.problem(
                bank_where,
                Message(
                    "a layered bank needs an id of its own; '{id}' is already taken by {banks}",
                    id=layer.bank,
                    banks=", ".join(base.lineage),
                ),
            )
        )
    problems: list[Problem] = []
    disabled = set(layer.disable)
    for index, name in enumerate(layer.disable):
        if name not in base.questions:
            problems.append(
                document.problem(
                    ("disable", index),
                    Message(
                        "no question '{id}' in {bank} to disable{hint}",
                        id=name,
                        bank=base.ref,
                        hint=suggest(name, base.questions, after=len(problems)),
                    ),
                )
            )
    inherited = {
        q.id: _overridden(
            _expecting_kept(q, disabled), layer.override.get(q.id), document, problems
        )
        for q in base.questions.values()
        if q.id not in disabled
    }
    for name in layer.override:
        if name not in inherited:
            reason = (
                Message("it is disabled")
                if name in disabled
                else Message("{bank} has no such question", bank=base.ref)
            )
            problems.append(
                document.problem(
                    ("override", name),
                    Message("cannot override '{id}': {reason}", id=name, reason=reason),
                )
            )
    new_places: dict[int, Location] = {}
    profile = tuple(inherited[q.id] for q in base.profile if q.id in inherited)
    profile += checked_profile(layer.profile, ("profile",), document, problems, new_places)
    areas = _merged_areas(base, layer, inherited, document, problems, new_places)
    merged = replace(
        base,
        bank=layer.bank,
        version=layer.version,
        title=layer.title or base.title,
        intro=layer.intro or base.intro,
        levels=layer.levels or base.levels,
        dates_confirmed=layer.dates_confirmed
        or (None if _gives_dates(layer) else base.dates_confirmed),
        profile=profile,
        moved={**base.moved, **layer.moved},
        areas=areas,
        bases=base.lineage,
        disabled=frozenset(base.disabled | disabled),
        files=(file, *base.files),
    )
    if layer.levels is not None:
        problems += level_problems(layer.levels, document)
        problems += _lost_caps(merged, new_places, document)
    for name, override in layer.override.items():
        if override.caps is not None and merged.level_named(override.caps) is None:
            problems.append(
                document.problem(("override", name, "caps"), no_level(merged, override.caps))
            )
    for question in merged.questions.values():
        # What decides whether it is asked, and what decides its severity: a rule over a
        # disabled question would never match, and the check would silently weigh less.
        rules = question.severity if isinstance(question.severity, tuple) else ()
        named = dict.fromkeys([*question.when, *(name for rule in rules for name in rule.when)])
        lost = [name for name in named if name in disabled]
        if lost:
            place = new_places.get(id(question))
            problems.append(
                document.problem(
                    place or ("disable",),
                    message_n(
                        "'{id}' depends on disabled {names}; disable it too or keep it",
                        "'{id}' depends on disabled {names}; disable it too or keep them",
                        count=len(lost),
                        id=question.id,
                        names=", ".join(lost),
                    ),
                )
            )
    problems += reference_problems(
        merged,
        lambda question: (
            (document, new_places[id(question)]) if id(question) in new_places else None
        ),
    )
    problems += moved_problems(merged, document, written=layer.moved)
    if problems:
        raise InputError(problems)
    return merged


def _merged_areas(
    base: Bank,
    layer: BankLayer,
    inherited: dict[str, Question],
    document: Document,
    problems: list[Problem],
    new_places: dict[int, Location],
) -> tuple[Area, ...]:
    """The base's areas with the layer's questions appended, then the layer's new areas."""
    areas: list[Area] = []
    layer_areas: dict[str, tuple[int, AreaLayer]] = {}
    for index, layer_area in enumerate(layer.areas):
        if layer_area.id in layer_areas:
            where = ("areas", index, "id")
            problems.append(document.problem(where, duplicate_area(layer_area.id)))
        layer_areas.setdefault(layer_area.id, (index, layer_area))
    for area in base.areas:
        questions = tuple(inherited[q.id] for q in area.questions if q.id in inherited)
        title, intro = area.title, area.intro
        change = layer_areas.pop(area.id, None)
        if change is not None:
            index, extra = change
            questions += _layer_questions(extra, index, document, problems, new_places)
            title, intro = extra.title or title, extra.intro or intro
        areas.append(replace(area, questions=questions, title=title, intro=intro))
    for index, extra in layer_areas.values():
        if extra.title is None:
            problems.append(document.problem(("areas", index), Message("a new area needs a title")))
        questions = _layer_questions(extra, index, document, problems, new_places)
        if not questions:
            problems.append(document.problem(("areas", index), Message("area has no questions")))
        areas.append(
            Area(id=extra.id, title=extra.title or extra.id, intro=extra.intro, questions=questions)
        )
    return tuple(areas)


def _layer_questions(
    area: AreaLayer,
    index: int,
    document: Document,
    problems: list[Problem],
    places: dict[int, Location],
) -> tuple[Question, ...]:
    questions = []
    for position, question in enumerate(area.questions):
        loc: Location = ("areas", index, "questions", position)
        checked = checked_question(question, loc, document, problems)
        places[id(checked)] = loc
        questions.append(checked)
    return tuple(questions)


def _expecting_kept(question: Question, disabled: set[str]) -> Question:
    """`question` with its options expecting or suggesting no disabled decision: the layer chose
    not to ask it, its answers are ignored, and the merged bank names only questions it has."""
    if not any(
        name in disabled
        for option in question.options
        for name in (*option.expects, *option.suggests)
    ):
        return question
    options = tuple(
        replace(
            option,
            expects={
                name: wanted for name, wanted in option.expects.items() if name not in disabled
            },
            suggests={
                name: wanted for name, wanted in option.suggests.items() if name not in disabled
            },
        )
        for option in question.options
    )
    return replace(question, options=options)


def _overridden(
    question: Question, override: Override | None, document: Document, problems: list[Problem]
) -> Question:
    if override is None:
        return question
    where = document.place(("override", question.id))
    seen: set[OptionValue] = set()
    for position, item in enumerate(override.options):
        if question.options and question.option(item.value) is None:
            # (A question without options is refused whole below.)
            offered = [option.value for option in question.options]
            problems.append(Problem(where, no_option(question.id, item.value, offered)))
        elif item.value in seen:
            # Two entries for one option: one of them would be dropped without a word.
            problems.append(
                document.problem(
                    ("override", question.id, "options", position, "value"),
                    Message("option '{value}' is overridden twice", value=item.value),
                )
            )
        seen.add(item.value)
        if item.score is None and item.applies_from is None:
            # Both are optional because a check's options take a score and a decision's a date:
            # an entry with neither would change nothing and say nothing.
            problems.append(
                document.problem(
                    ("override", question.id, "options", position),
                    Message("an option of a check needs its new score (score: 0 to 1)")
                    if is_scored(question)
                    else Message("an option of a decision needs the date it applies from"),
                )
            )
    if not is_scored(question):
        return _redated_decision(question, override, where, problems)
    for position, item in enumerate(override.options):
        if item.applies_from is not None:
            problems.append(
                document.problem(
                    ("override", question.id, "options", position, "applies_from"),
                    Message(
                        "'applies_from' belongs only on options of decisions; "
                        "a check takes it as its own key"
                    ),
                )
            )
    scores = {item.value: item.score for item in override.options if item.score is not None}
    options = tuple(
        replace(option, score=scores.get(option.value, option.score)) for option in question.options
    )
    if max(option.score or 0.0 for option in options) != 1:
        problems.append(
            Problem(
                where, Message("after the override, no option of '{id}' scores 1", id=question.id)
            )
        )
    inherited = {probe.id: probe for probe in question.evidence}
    for name in override.disable_evidence:
        if inherited.pop(name, None) is None:
            problems.append(
                Problem(
                    where,
                    Message("'{id}' has no probe '{probe}' to disable", id=question.id, probe=name),
                )
            )
    for position, probe in enumerate(override.evidence):
        for inside, message in probe_problems(question, probe, override.evidence[:position]):
            problems.append(
                document.problem(("override", question.id, "evidence", position, *inside), message)
            )
        inherited[probe.id] = probe
    return replace(
        question,
        severity=override.severity or question.severity,
        # A weight left to its default follows the new severity; a written one stays.
        weight=override.weight if override.weight is not None else question.weight,
        fix=override.fix or question.fix,
        plan_lifts=question.plan_lifts if override.plan_lifts is None else override.plan_lifts,
        caps=override.caps or question.caps,
        applies_from=override.applies_from or question.applies_from,
        options=options,
        evidence=tuple(inherited.values()),
    )


def _gives_dates(layer: BankLayer) -> bool:
    """Whether the layer states a date of application of its own (restated by an override, or
    on a question it adds): a date its base's confirmation never covered, so that, unless the
    layer says who confirmed it, the merged bank's dates are unconfirmed."""
    questions = (*layer.profile, *(q for area in layer.areas for q in area.questions))
    return any(
        override.applies_from is not None
        or any(item.applies_from is not None for item in override.options)
        for override in layer.override.values()
    ) or any(
        question.applies_from is not None
        or any(option.applies_from is not None for option in question.options)
        for question in questions
    )


def _redated_decision(
    question: Question, override: Override, where: Place, problems: list[Problem]
) -> Question:
    """A decision (such as the profile's regimes) can be overridden only in the dates its
    options apply from: what it asks and how it is scored (it is not) stay the base's."""
    changes_more = (
        any(
            getattr(override, name) is not None
            for name in ("severity", "weight", "fix", "plan_lifts", "caps", "applies_from")
        )
        or bool(override.evidence or override.disable_evidence)
        or any(item.score is not None for item in override.options)
    )
    if changes_more or (override.options and not question.options):
        problems.append(
            Problem(
                where,
                Message(
                    "only checks can be overridden ('{id}' is a {kind}; of a decision, only "
                    "the dates its options apply from: options: [{{value, applies_from}}])",
                    id=question.id,
                    kind=question.kind.value,
                )
                if question.options
                else Message(
                    "only checks can be overridden ('{id}' is a {kind})",
                    id=question.id,
                    kind=question.kind.value,
                ),
            )
        )
        return question
    dates = {item.value: item.applies_from for item in override.options}
    return replace(
        question,
        options=tuple(
            replace(option, applies_from=dates.get(option.value) or option.applies_from)
            for option in question.options
        ),
    )


def _lost_caps(bank: Bank, new_places: dict[int, Location], document: Document) -> list[Problem]:
    """Levels the inherited checks cap at that the layer's own levels drop: such a cap would
    vanish from a major and fall to the lowest level on a blocker, and no override can move it."""
    # The layer's own questions are checked against its levels where they are written.
    lost: dict[str, list[str]] = {}
    for question in bank.questions.values():
        if id(question) in new_places:
            continue
        rules = question.severity if isinstance(question.severity, tuple) else ()
        named = [question.caps, *(rule.caps for rule in rules)]
        named += [option.caps for option in question.options]
        for name in dict.fromkeys(named):
            if name is not None and bank.level_named(name) is None:
                lost.setdefault(name, []).append(question.id)
    return [
        document.problem(
            ("levels",),
            message_n(
                "levels drop '{level}', at which {count} inherited check caps the level "
                "({ids}); keep a level of that name",
                "levels drop '{level}', at which {count} inherited checks cap the level "
                "({ids}); keep a level of that name",
                count=len(checks),
                level=name,
                ids=", ".join(checks[:3]) + (", ..." if len(checks) > 3 else ""),
            ),
        )
        for name, checks in lost.items()
    ]
