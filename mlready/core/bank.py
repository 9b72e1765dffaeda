"""Validating a parsed question bank: every rule with its position, and defaults filled in."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from mlready.core.document import Document, Location
from mlready.core.errors import InputError, Problem
from mlready.core.globs import glob_problem
from mlready.core.kinds import KINDS, is_scored, kind_of
from mlready.core.messages import Message
from mlready.core.model import (
    NA,
    PROFILE_AREA_ID,
    Area,
    Bank,
    Level,
    Moved,
    Probe,
    Question,
)
from mlready.core.patterns import pattern_problem
from mlready.core.validation import from_plain, suggest, to_plain, validate_document
from mlready.core.vocabulary import Kind


def bank_from_document(document: Document) -> Bank:
    """Validate parsed YAML as a bank. Raises InputError listing every problem found."""
    raw = validate_document(Bank, document)
    problems: list[Problem] = []
    places: dict[int, Location] = {}
    profile = checked_profile(raw.profile, ("profile",), document, problems, places)
    areas = tuple(
        _checked_area(area, index, document, problems, places)
        for index, area in enumerate(raw.areas)
    )
    bank = replace(raw, profile=profile, areas=areas)
    if not areas:
        problems.append(document.problem(("areas",), Message("a bank needs at least one area")))
    problems += level_problems(bank.levels, document)
    problems += _area_problems(bank, document)
    problems += reference_problems(bank, lambda question: (document, places[id(question)]))
    problems += moved_problems(bank, document, written=bank.moved)
    if problems:
        raise InputError(problems)
    return bank


def checked_profile(
    profile: tuple[Question, ...],
    loc: Location,
    document: Document,
    problems: list[Problem],
    places: dict[int, Location],
) -> tuple[Question, ...]:
    """The profile's questions checked: decisions or text, never scored checks."""
    checked = []
    for position, question in enumerate(profile):
        where = (*loc, position)
        if is_scored(question):
            problems.append(
                document.problem(
                    (*where, "kind"),
                    Message(
                        "'{id}': the profile holds decisions (kind choice, multi or text); "
                        "scored checks belong in an area",
                        id=question.id,
                    ),
                )
            )
        filled = checked_question(question, where, document, problems)
        places[id(filled)] = where
        checked.append(filled)
    return tuple(checked)


def moved_problems(
    bank: Bank, document: Document, *, written: Mapping[str, Moved]
) -> list[Problem]:
    """Problems with the `moved` entries written in `document`: a source must be gone from the
    bank, a target must be in it, and mapped values must be options of the target."""
    problems: list[Problem] = []
    for old, moved in written.items():
        where = ("moved", old)
        if old in bank.questions:
            problems.append(
                document.problem(
                    where, Message("'{id}' is still a question of the bank; it cannot move", id=old)
                )
            )
        target = bank.questions.get(moved.to)
        if target is None:
            problems.append(
                document.problem(
                    where,
                    Message(
                        "'{id}' moves to unknown question '{target}'{hint}",
                        id=old,
                        target=moved.to,
                        hint=suggest(moved.to, bank.questions, after=len(problems)),
                    ),
                )
            )
            continue
        offered = [option.value for option in target.options]
        for before, after in moved.values.items():
            if after not in offered:
                problems.append(
                    document.problem(
                        (*where, "values", before),
                        no_option(moved.to, after, offered),
                    )
                )
    return problems


def _checked_area(
    area: Area,
    index: int,
    document: Document,
    problems: list[Problem],
    places: dict[int, Location],
) -> Area:
    questions = []
    for position, question in enumerate(area.questions):
        where = ("areas", index, "questions", position)
        checked = checked_question(question, where, document, problems)
        places[id(checked)] = where
        questions.append(checked)
    if not questions:
        problems.append(
            document.problem(("areas", index, "questions"), Message("area has no questions"))
        )
    return replace(area, questions=tuple(questions))


def _keys_at(document: Document, loc: Location) -> set[str]:
    """The keys written in the mapping at `loc`."""
    node = document.data
    for part in loc:
        node = node[part]
    return set(node) if isinstance(node, dict) else set()


def with_tag(bank: Bank, prefix: str) -> Bank:
    """The bank narrowed to its checks tagged `prefix...` (`mlts-`, `euaia-art14`): what one
    framework asks. Decisions are left out."""

    def tagged(question: Question) -> bool:
        return is_scored(question) and any(tag.startswith(prefix) for tag in question.tags)

    areas = tuple(
        replace(area, questions=tuple(q for q in area.questions if tagged(q)))
        for area in bank.areas
    )
    return replace(bank, profile=(), areas=tuple(area for area in areas if area.questions))


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
    """The bank `bank_data` made `data` from, with its defaults filled in again."""
    # Trusts `data`: nothing is checked, so it must come from `bank_data` (the cache proves that
    # with a MAC). Raises KeyError, TypeError or ValueError for data of another shape.
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
            problem(
                ("options", position, "value"),
                Message("duplicate option value '{value}'", value=value),
            )
        if value == NA:
            problem(
                ("options", position, "value"),
                Message(
                    "'na' is reserved for 'not applicable'; set 'na: true' on the question instead"
                ),
            )
    checked = kind_of(question).checked_definition(question, given, problem)
    for position, probe in enumerate(checked.evidence):
        for where, message in probe_problems(checked, probe, checked.evidence[:position]):
            problem(("evidence", position, *where), message)
    return checked


def probe_problems(
    question: Question, probe: Probe, earlier: tuple[Probe, ...]
) -> list[tuple[Location, str]]:
    """What is wrong with one probe of a check (its options, globs, pattern, key), each with
    where in the probe it is."""
    problems: list[tuple[Location, str]] = []
    if any(other.id == probe.id for other in earlier):
        problems.append(((), Message("duplicate probe id '{id}'", id=probe.id)))
    offered = [option.value for option in question.options]
    for name, value in (("supports", probe.supports), ("required_for", probe.required_for)):
        if value is not None and value not in offered:
            problems.append(
                (
                    (),
                    Message(
                        "{key}: {problem}", key=name, problem=no_option(question.id, value, offered)
                    ),
                )
            )
    if probe.supports is None and probe.required_for is None:
        problems.append(((), Message("a probe needs 'supports' or 'required_for' (or both)")))
    if probe.equals is not None and probe.key is None:
        problems.append(((), Message("'equals' compares the value at 'key'; name the key")))
    for position, glob in enumerate(probe.files):
        why = glob_problem(glob)
        if why is None and glob.startswith("/"):
            why = Message("a glob of a probe is relative to the repository (no / first)")
        if why is not None:
            problems.append(
                (("files", position), Message("{key}: {problem}", key="files", problem=why))
            )
    for name, pattern in (("contains", probe.contains), ("finds", probe.finds)):
        if pattern is not None and (why := pattern_problem(pattern)) is not None:
            problems.append(((name,), Message("{key}: {problem}", key=name, problem=why)))
    if probe.finds is not None and probe.parser is None:
        problems.append(((), Message("'finds' matches what a parser reads; name the parser")))
    if probe.results is not None and (probe.parser or probe.key or probe.contains or probe.finds):
        problems.append(((), Message("a probe of recorded results reads them alone")))
    if probe.parser is not None and probe.key is not None:
        problems.append(((), Message("a probe reads a key path or parses its files, not both")))
    return problems


def level_problems(levels: tuple[Level, ...], document: Document) -> list[Problem]:
    """Problems with the levels: unique names, from the highest minimum down to 0."""
    problems: list[Problem] = []
    names = [level.name for level in levels]
    for index, level in enumerate(levels):
        where = ("levels", index)
        if level.name in names[:index]:
            problems.append(
                document.problem(where, Message("duplicate level '{name}'", name=level.name))
            )
        if index and level.min >= levels[index - 1].min:
            problems.append(
                document.problem(
                    where, Message("levels must be listed from the highest 'min' down")
                )
            )
    if levels and levels[-1].min != 0:
        last = ("levels", len(levels) - 1, "min")
        problems.append(document.problem(last, Message("the lowest level must have min 0")))
    if not levels:
        problems.append(document.problem(("levels",), Message("at least one level is needed")))
    return problems


def reference_problems(
    bank: Bank, locate: Callable[[Question], tuple[Document, Location] | None]
) -> list[Problem]:
    """Unique ids; every `when` names an earlier decision or check (the whole profile comes
    before every area), and values it offers."""
    # `locate` gives where a question was written, or None for one inherited from a base bank
    # (checked when that bank was loaded).
    problems: list[Problem] = []
    seen: dict[str, Question] = {}
    placed = [
        (question, locate(question)) for section in bank.sections for question in section.questions
    ]
    inherited = {question.id for question, place in placed if place is None}
    for question, place in placed:
        if place is None:
            seen.setdefault(question.id, question)
            continue
        document, loc = place
        if question.id in seen or question.id in inherited:
            problems.append(
                document.problem(
                    (*loc, "id"), Message("duplicate question id '{id}'", id=question.id)
                )
            )
        for name, wanted in question.when.items():
            problems += _condition_problems(
                bank,
                question,
                name,
                wanted,
                seen,
                (document, (*loc, "when", name)),
                after=len(problems),
            )
        problems += _severity_problems(bank, question, document, loc)
        problems += _expects_problems(bank, question, document, loc, seen)
        seen.setdefault(question.id, question)
    return problems


def _expects_problems(
    bank: Bank, question: Question, document: Document, loc: Location, seen: Mapping[str, Question]
) -> list[Problem]:
    """What an option `expects` or `suggests`: other decisions of the bank, and values they
    offer; a suggestion only of a later decision (the walk asks it after this one)."""
    problems: list[Problem] = []
    for position, option in enumerate(question.options):
        for key, condition in (("expects", option.expects), ("suggests", option.suggests)):
            for name, wanted in condition.items():
                at = (*loc, "options", position, key, name)
                target = bank.questions.get(name)
                if name == question.id:
                    said = Message("'{key}' names the question itself", key=key)
                    problems.append(document.problem(at, said))
                    continue
                if target is None or not kind_of(target).chosen or is_scored(target):
                    problems.append(
                        document.problem(
                            at,
                            Message(
                                "'{key}' names '{id}', which is no other decision of the bank",
                                key=key,
                                id=name,
                            ),
                        )
                    )
                    continue
                if key == "suggests" and name in seen:  # the questions before this one
                    # Suggested before this answer is given, a value could never be marked.
                    problems.append(
                        document.problem(
                            at,
                            Message(
                                "'suggests' names '{id}', which comes before '{question}': "
                                "only a later decision can be suggested",
                                id=name,
                                question=question.id,
                            ),
                        )
                    )
                offered = [choice.value for choice in target.options]
                problems += [
                    document.problem(at, no_option(name, value, offered))
                    for value in wanted
                    if value not in offered
                ]
                problems += [
                    document.problem(
                        at, Message("'{key}' names '{value}' twice", key=key, value=value)
                    )
                    for value in dict.fromkeys(v for v in wanted if wanted.count(v) > 1)
                ]
                if key == "suggests":
                    problems += _suggestion_problems(target, wanted, document, at)
                if not wanted:
                    # No value would ever match: every answer would be told as a contradiction.
                    problems.append(
                        document.problem(
                            at,
                            Message(
                                "'{key}' needs at least one value for '{id}'", key=key, id=name
                            ),
                        )
                    )
    return problems


def _suggestion_problems(
    target: Question, wanted: tuple[str, ...], document: Document, at: Location
) -> list[Problem]:
    """What a suggestion cannot be: of a decision of one answer (two suggestions would leave
    one out whatever is chosen), or of an answer chosen alone ("none apply")."""
    if target.kind is not Kind.MULTI:
        said = Message(
            "'suggests' names '{id}', a decision of one answer: only a decision of several "
            "answers can be suggested",
            id=target.id,
        )
        return [document.problem(at, said)]
    alone = {option.value for option in target.options if option.exclusive}
    return [
        document.problem(
            at,
            Message(
                "'suggests' names '{value}', an answer chosen alone: it cannot be suggested",
                value=value,
            ),
        )
        for value in wanted
        if value in alone
    ]


def _severity_problems(
    bank: Bank, question: Question, document: Document, loc: Location
) -> list[Problem]:
    """Severity rules: conditions like `when`, one default rule last, caps naming a level."""
    problems: list[Problem] = []
    if question.caps is not None and bank.level_named(question.caps) is None:
        problems.append(document.problem((*loc, "caps"), no_level(bank, question.caps)))
    for position, option in enumerate(question.options):
        if option.caps is not None and bank.level_named(option.caps) is None:
            at = (*loc, "options", position, "caps")
            problems.append(document.problem(at, no_level(bank, option.caps)))
    if not isinstance(question.severity, tuple):
        return problems
    rules = question.severity
    if not rules:
        problems.append(
            document.problem((*loc, "severity"), Message("severity needs at least one rule"))
        )
    elif rules[-1].when:
        problems.append(
            document.problem(
                (*loc, "severity", len(rules) - 1),
                Message("the last severity rule must have no 'when': it is the default"),
            )
        )
    for position, rule in enumerate(rules):
        at = (*loc, "severity", position)
        if position < len(rules) - 1 and not rule.when:
            problems.append(
                document.problem(
                    at, Message("only the last severity rule may have no 'when' (the default)")
                )
            )
        for name, wanted in rule.when.items():
            # A severity rule may name a later question too: a control answered further on
            # (hard limits in an agent's tools) bounds what a gap here can do. Applicability
            # is decided in bank order; how serious a gap is, only once everything is answered.
            problems += _condition_problems(
                bank,
                question,
                name,
                wanted,
                bank.questions,
                (document, (*at, "when", name)),
                after=len(problems),
                anywhere=True,
            )
        if rule.caps is not None and bank.level_named(rule.caps) is None:
            problems.append(document.problem((*at, "caps"), no_level(bank, rule.caps)))
    return problems


def no_level(bank: Bank, name: str) -> Message:
    """That `name` is no level of `bank`, with the levels it has."""
    return Message(
        "caps names no level of the bank: '{name}' (its levels: {levels})",
        name=name,
        levels=", ".join(level.name for level in bank.levels),
    )


def _condition_problems(
    bank: Bank,
    question: Question,
    name: str,
    wanted: tuple[str, ...],
    seen: Mapping[str, Question],
    written: tuple[Document, Location],
    *,
    after: int,
    anywhere: bool = False,
) -> list[Problem]:
    # Where the condition is written, located only for a problem: a valid bank of hundreds of
    # conditions never asks its document for a position (see yamlio.parse_yaml).
    document, at = written
    target = seen.get(name)
    if name == question.id:
        return [document.problem(at, Message("'when' names the question itself"))]
    if target is None:
        hint = suggest(name, seen, after=after)
        if anywhere:  # a severity rule, which may name any question: none has this id
            message = Message("'when' names an unknown question '{id}'{hint}", id=name, hint=hint)
        elif name in bank.questions:
            message = Message(
                "'when' names a later question '{id}'; it may name only questions earlier in "
                "the bank",
                id=name,
            )
        else:
            message = Message(
                "'when' names an unknown question '{id}'; it may name only questions earlier "
                "in the bank{hint}",
                id=name,
                hint=hint,
            )
        return [document.problem(at, message)]
    if not kind_of(target).chosen:
        return [
            document.problem(at, Message("'when' cannot depend on text question '{id}'", id=name))
        ]
    offered = [option.value for option in target.options]
    problems = [
        document.problem(at, no_option(name, value, offered))
        for value in wanted
        if value not in offered
    ]
    if not wanted:
        problems.append(
            document.problem(at, Message("'when' needs at least one value for '{id}'", id=name))
        )
    return problems


def _area_problems(bank: Bank, document: Document) -> list[Problem]:
    problems: list[Problem] = []
    area_ids: set[str] = set()
    for a, area in enumerate(bank.areas):
        if area.id == PROFILE_AREA_ID:
            problems.append(
                document.problem(
                    ("areas", a, "id"),
                    Message(
                        "'{id}' names the system profile; give the area another id",
                        id=PROFILE_AREA_ID,
                    ),
                )
            )
        if area.id in area_ids:
            problems.append(document.problem(("areas", a, "id"), duplicate_area(area.id)))
        area_ids.add(area.id)
    return problems


def no_option(question_id: str, value: str, offered: list[str]) -> Message:
    """`'id' has no option 'value' (its options: ...)`, said of a question or a condition."""
    return Message(
        "'{id}' has no option '{value}' (its options: {options})",
        id=question_id,
        value=value,
        options=", ".join(offered),
    )


def duplicate_area(area_id: str) -> Message:
    """What is said of an area id written twice."""
    return Message("duplicate area id '{id}'", id=area_id)
