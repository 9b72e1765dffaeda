"""A bank's text in another language, from a translation file beside the bank."""

# A translation file (`default.zh-CN.yaml` beside `default.yaml`) maps each question id to its
# translated prompt, why, help, fix, option labels and probe lines, and each area and level to
# its title. Every entry records `source`, a short hash of the English text it translates: when
# the English changes, the entry is stale and the English is shown until it is translated again.
# Answers files never change with the language: ids and option values are the same in all.

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import field, replace
from types import MappingProxyType
from typing import Any, TypeVar

from mlready.core.document import Document
from mlready.core.errors import Problem
from mlready.core.evidence import CheckEvidence
from mlready.core.messages import Message, _
from mlready.core.model import (
    ONE_LINE,
    Area,
    Bank,
    Level,
    Option,
    Probe,
    Question,
    Record,
    record,
)
from mlready.core.scoring import Scorecard

SOURCE_HASH_LENGTH = 10
_Copied = TypeVar("_Copied", Option, Probe, Question)
# The fields of a question a translation file may translate, in the order they are shown.
QUESTION_FIELDS = ("prompt", "why", "help", "fix")
AREA_FIELDS = ("title", "intro")
# A level's name and meaning are one line in the bank (every summary prints them inline, a
# GitHub summary on a line of its own): so are their translations.
LEVEL_FIELDS = ("title", "means")


def source_hash(english: Mapping[str, Any]) -> str:
    """The short hash of the English text an entry translates. In base 32 (letters and the
    digits 2-7), so that YAML reads it as text without quotes."""
    text = _CANONICAL.encode(english)
    digest = _blake2b(text.encode("utf-8"), digest_size=8).digest()
    # The first ten characters of the digest in base 32 (RFC 4648, lowercase): its first 50
    # bits, five at a time. (base64.b32encode gives the same, at several times the cost.)
    bits = int.from_bytes(digest[:7], "big") >> 6
    return "".join([_BASE32[(bits >> shift) & 31] for shift in _SHIFTS])[:SOURCE_HASH_LENGTH]


_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"
_SHIFTS = tuple(range(45, -1, -5))
# One encoder for every hash (json.dumps with options makes a new one on each call).
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))

try:  # CPython's own BLAKE2: hashlib would load OpenSSL, some milliseconds of every run
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - other Pythons
    from hashlib import blake2b as _blake2b


_KNOWN_CURRENT: Mapping[str, Any] = MappingProxyType({"current": True})


def _edited(record: _Copied, **changes: Any) -> _Copied:
    """`record` with `changes`: dataclasses.replace without re-running the constructor, for
    the hundreds of options, probes and questions a translation changes on every run. Only for
    models without cached properties (not a Bank), whose values are all fields."""
    copied = object.__new__(type(record))
    copied.__dict__.update(record.__dict__)
    copied.__dict__.update(changes)
    return copied


def question_english(question: Question) -> dict[str, Any]:
    """The English text of a question that a translation translates."""
    english: dict[str, Any] = {
        name: getattr(question, name)
        for name in QUESTION_FIELDS
        if getattr(question, name) is not None
    }
    labels = {option.value: option.label for option in question.options if option.label}
    if labels:
        english["options"] = labels
    return english


def probe_english(probe: Probe) -> dict[str, Any]:
    """The English text of a probe: the line shown with what it finds."""
    return {"says": probe.says}


def area_english(area: Area) -> dict[str, Any]:
    """The English text of an area: its title and intro."""
    return {name: getattr(area, name) for name in AREA_FIELDS if getattr(area, name)}


def level_english(level: Level) -> dict[str, Any]:
    """The English text of a level: its name, which is also its title, and what it means."""
    return {"title": level.name, **({"means": level.means} if level.means else {})}


def bank_english(bank: Bank) -> dict[str, Any]:
    """The English text of the bank itself: its title and intro."""
    return {name: getattr(bank, name) for name in ("title", "intro") if getattr(bank, name)}


@record
class Entry(Record):
    """One translated entry: the text, and the hash of the English it was made from."""

    source: str
    text: Mapping[str, Any]
    where: tuple[str | int, ...]  # its key path in the file, for problems


@record
class BankTranslation(Record):
    """What a translation file says (or several, for a layered bank: later ones win)."""

    language: str
    document: Document | None = None
    bank: Entry | None = None
    questions: Mapping[str, Entry] = field(default_factory=dict)
    areas: Mapping[str, Entry] = field(default_factory=dict)
    levels: Mapping[str, Entry] = field(default_factory=dict)
    probes: Mapping[str, Entry] = field(default_factory=dict)


@record
class Translated(Record):
    """A bank in another language, and how many of its texts fell back to English."""

    bank: Bank
    fell_back: int = 0
    level_titles: Mapping[str, str] = field(default_factory=dict)
    current: BankTranslation | None = None  # the entries applied: those found current


def translate_bank(
    bank: Bank, translation: BankTranslation, *, checked: bool = False
) -> Translated:
    """The bank with every current translated entry applied; missing or stale ones stay in
    English and are counted (one count per question, area, level or bank title). `checked`:
    the entries are known current (this function found them so for this bank before)."""
    fell_back = 0
    kept: dict[str, dict[str, Entry]] = {"questions": {}, "areas": {}, "levels": {}, "probes": {}}
    kept_head: list[Entry] = []

    def current(group: str, key: str, entry: Entry | None, english: Mapping[str, Any]) -> Any:
        if entry is None or not english:
            return None
        if not checked and entry.source != source_hash(english):
            return None
        if group == "bank":
            kept_head.append(entry)
        else:
            kept[group][key] = entry
        return entry.text

    def question_in(question: Question) -> Question:
        nonlocal fell_back
        # Entries known current need no English to compare with: any text stands for it.
        english = _KNOWN_CURRENT if checked else question_english(question)
        text = current("questions", question.id, translation.questions.get(question.id), english)
        if text is None:
            fell_back += 1
            return _edited(question, evidence=tuple(probe_in(p) for p in question.evidence))
        labels = text.get("options")
        return _edited(
            question,
            **{name: text[name] for name in QUESTION_FIELDS if name in text},
            options=tuple(
                _edited(option, label=labels[option.value]) if option.value in labels else option
                for option in question.options
            )
            if labels
            else question.options,
            evidence=tuple(probe_in(probe) for probe in question.evidence),
        )

    def probe_in(probe: Probe) -> Probe:
        nonlocal fell_back
        english = _KNOWN_CURRENT if checked else probe_english(probe)
        text = current("probes", probe.id, translation.probes.get(probe.id), english)
        if text is None:
            fell_back += 1
            return probe
        return _edited(probe, says=text.get("says", probe.says))

    areas = []
    for area in bank.areas:
        text = current("areas", area.id, translation.areas.get(area.id), area_english(area))
        if text is None:
            fell_back += 1
            text = {}
        areas.append(
            replace(
                area,
                title=text.get("title", area.title),
                intro=text.get("intro", area.intro),
                questions=tuple(question_in(question) for question in area.questions),
            )
        )
    level_titles = {}
    levels = []
    for level in bank.levels:
        text = current(
            "levels", level.name, translation.levels.get(level.name), level_english(level)
        )
        if text is None:
            fell_back += 1
            levels.append(level)
        else:
            # An entry whose title could not be read (missing, not one line) keeps the name.
            level_titles[level.name] = str(text.get("title") or level.name)
            means = str(text["means"]) if text.get("means") else level.means
            levels.append(replace(level, title=level_titles[level.name], means=means))
    head: Mapping[str, Any] = {}
    if bank_english(bank):
        head = current("bank", "", translation.bank, bank_english(bank)) or {}
        fell_back += not head
    translated = replace(
        bank,
        title=head.get("title", bank.title),
        intro=head.get("intro", bank.intro),
        profile=tuple(question_in(question) for question in bank.profile),
        areas=tuple(areas),
        levels=tuple(levels),
        profile_title=_(bank.profile_title),
    )
    applied = BankTranslation(
        language=translation.language,
        bank=kept_head[0] if kept_head else None,
        questions=kept["questions"],
        areas=kept["areas"],
        levels=kept["levels"],
        probes=kept["probes"],
    )
    return Translated(
        bank=translated, fell_back=fell_back, level_titles=level_titles, current=applied
    )


def translation_problems(bank: Bank, translation: BankTranslation) -> list[Problem]:
    """Entries missing for the bank's questions, areas and levels; entries for ids the bank
    lacks; stale entries (the English changed since); each located in the file where it can
    be, else at the file."""
    document = translation.document
    problems: list[Problem] = []

    def located(where: tuple[str | int, ...], message: str) -> Problem:
        if document is None:
            return Problem(None, message)
        return document.problem(where, message)

    groups: list[tuple[str, Mapping[str, Entry], dict[str, dict[str, Any]]]] = [
        (
            "questions",
            translation.questions,
            {key: question_english(question) for key, question in bank.questions.items()},
        ),
        ("areas", translation.areas, {area.id: area_english(area) for area in bank.areas}),
        ("levels", translation.levels, {level.name: level_english(level) for level in bank.levels}),
        (
            "probes",
            translation.probes,
            {
                probe.id: probe_english(probe)
                for question in bank.questions.values()
                for probe in question.evidence
            },
        ),
    ]
    for group, entries, englishes in groups:
        for key, english in englishes.items():
            entry = entries.get(key)
            if entry is None:
                problems.append(
                    located(
                        (group,), Message("{group}: no translation of '{id}'", group=group, id=key)
                    )
                )
            elif entry.source != source_hash(english):
                problems.append(
                    located(
                        entry.where,
                        Message(
                            "{group}.{id}: stale: the English changed since it was translated "
                            "(source {source}, now {now})",
                            group=group,
                            id=key,
                            source=entry.source,
                            now=source_hash(english),
                        ),
                    )
                )
        for key, entry in entries.items():
            if key not in englishes:
                problems.append(
                    located(
                        entry.where,
                        Message("{group}.{id}: the bank has no '{id}'", group=group, id=key),
                    )
                )
    if bank_english(bank):
        if translation.bank is None:
            problems.append(located((), Message("no translation of the bank's title")))
        elif translation.bank.source != source_hash(bank_english(bank)):
            problems.append(
                located(translation.bank.where, Message("bank: stale: the English changed"))
            )
    return problems


def merged(first: BankTranslation, second: BankTranslation) -> BankTranslation:
    """Two translation files of one language (a base bank's and a layer's): the second wins."""
    return BankTranslation(
        language=second.language,
        document=second.document or first.document,
        bank=second.bank or first.bank,
        questions={**first.questions, **second.questions},
        areas={**first.areas, **second.areas},
        levels={**first.levels, **second.levels},
        probes={**first.probes, **second.probes},
    )


def translation_from_document(
    document: Document, language: str
) -> tuple[BankTranslation, list[Problem]]:
    """A translation from a parsed translation file, and the problems with its shape."""
    problems: list[Problem] = []
    data = document.data
    if not isinstance(data, dict):
        return BankTranslation(language=language, document=document), [
            document.problem((), Message("a translation file is a mapping"))
        ]

    def entry_of(
        where: tuple[str | int, ...], value: Any, allowed: tuple[str, ...]
    ) -> Entry | None:
        if not isinstance(value, dict):
            problems.append(document.problem(where, Message("expected a mapping with `source`")))
            return None
        source = value.get("source")
        if isinstance(source, int) and not isinstance(source, bool):
            source = str(source)  # a hash of digits only, as YAML reads it unquoted
        if not isinstance(source, str) or not source:
            problems.append(
                document.problem(where, Message("`source` (the English text's hash) is missing"))
            )
            return None
        text: dict[str, Any] = {}
        for name, item in value.items():
            if name == "source":
                continue
            if name not in allowed:
                problems.append(document.problem((*where, name), unknown_field(name)))
            elif name == "options":
                if not isinstance(item, dict) or not all(
                    isinstance(label, str) for label in item.values()
                ):
                    problems.append(
                        document.problem((*where, name), Message("expected a mapping of texts"))
                    )
                else:
                    text[name] = {str(key): label for key, label in item.items()}
            elif not isinstance(item, str):
                problems.append(document.problem((*where, name), Message("expected a text")))
            elif where[0] == "levels" and not ONE_LINE.compiled.fullmatch(item):
                problems.append(
                    document.problem(
                        (*where, name),
                        Message(
                            "expected {wanted}, but got {got}",
                            wanted=Message(ONE_LINE.hint),
                            got=repr(item),
                        ),
                    )
                )
            else:
                text[name] = item
        return Entry(source=source, text=text, where=where)

    def group(name: str, allowed: tuple[str, ...]) -> dict[str, Entry]:
        values = data.get(name) or {}
        if not isinstance(values, dict):
            problems.append(
                document.problem((name,), Message("expected a mapping of ids to entries"))
            )
            return {}
        entries = {}
        for key, value in values.items():
            entry = entry_of((name, key), value, allowed)
            if entry is not None:
                entries[str(key)] = entry
        return entries

    for key in data:
        if key not in ("language", "bank", "questions", "areas", "levels", "probes"):
            problems.append(document.problem((key,), unknown_field(key)))
    if data.get("language", language) != language:
        problems.append(
            document.problem(
                ("language",),
                Message(
                    "says language '{written}', expected '{language}'",
                    written=data["language"],
                    language=language,
                ),
            )
        )
    bank = entry_of(("bank",), data["bank"], ("title", "intro")) if "bank" in data else None
    translation = BankTranslation(
        language=language,
        document=document,
        bank=bank,
        questions=group("questions", (*QUESTION_FIELDS, "options")),
        areas=group("areas", AREA_FIELDS),
        levels=group("levels", LEVEL_FIELDS),
        probes=group("probes", ("says",)),
    )
    return translation, problems


def scorecard_in(card: Scorecard, bank: Bank) -> Scorecard:
    """`card` with every question, area and level taken from `bank`: the same bank in another
    language (the same ids). Scores, answers and gaps are unchanged."""
    questions = bank.questions
    sections = {section.id: section for section in bank.sections}
    levels = {level.name: level for level in bank.levels}
    return card._replace(
        bank=bank,
        applicable=tuple(questions[question.id] for question in card.applicable),
        areas=tuple(row._replace(area=sections[row.area.id]) for row in card.areas),
        level=levels.get(card.level.name, card.level),
        gaps=tuple(
            gap._replace(question=questions[gap.question.id], area=sections[gap.area.id])
            for gap in card.gaps
        ),
        upcoming=tuple(
            gap._replace(question=questions[gap.question.id], area=sections[gap.area.id])
            for gap in card.upcoming
        ),
        unanswered=tuple(questions[question.id] for question in card.unanswered),
        not_applicable=tuple(questions[question.id] for question in card.not_applicable),
    )


def reasons_in(reasons: tuple[str, ...], english: Bank, bank: Bank) -> tuple[str, ...]:
    """A gate's `reasons` with each level they name (the values `level` and `limit`) named as
    `bank` names it: the same levels in another language."""
    titles = {level.shown: level.name for level in english.levels}
    shown = {level.name: level.shown for level in bank.levels}

    def named(reason: str) -> str:
        if not isinstance(reason, Message) or not {"level", "limit"} & set(reason.values):
            return reason
        values = {
            key: shown.get(titles.get(value, ""), value)
            if key in ("level", "limit") and isinstance(value, str)
            else value
            for key, value in reason.values.items()
        }
        renamed = Message(reason.template, **values)
        renamed.plural = reason.plural
        return renamed

    return tuple(named(reason) for reason in reasons)


def evidence_in(evidence: Mapping[str, CheckEvidence], bank: Bank) -> dict[str, CheckEvidence]:
    """The evidence of a review with each probe's line taken from `bank` (another language)."""
    # By check and probe: one probe id serves several checks, with a reliability for each.
    probes = {(q.id, probe.id): probe for q in bank.questions.values() for probe in q.evidence}

    def of(key: str, probe: Probe) -> Probe:
        return probes.get((key, probe.id), probe)

    return {
        key: item._replace(
            found=tuple(finding._replace(probe=of(key, finding.probe)) for finding in item.found),
            partly=tuple(finding._replace(probe=of(key, finding.probe)) for finding in item.partly),
            missing=tuple(of(key, probe) for probe in item.missing),
        )
        for key, item in evidence.items()
    }


def unknown_field(name: object) -> Message:
    """What is said of a field a translation file may not have."""
    return Message("unknown field '{name}'", name=name)
