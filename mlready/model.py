"""Typed, frozen models of the two file formats (question banks and answers files).

Pydantic checks the shape (keys, types, ranges); the loaders in `bank` and `answers` check what
needs the whole file (references, ids, options) and attach file:line:column to every message.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr


class FrozenModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Kind(StrEnum):
    """What a question asks for: a scored check, a decision (choice, multi) or free text."""

    CHECK = "check"
    CHOICE = "choice"
    MULTI = "multi"
    TEXT = "text"


class Severity(StrEnum):
    """How much a gap in a check matters; blockers force the lowest level."""

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"

    @property
    def rank(self) -> int:
        """0 for the most severe."""
        return list(Severity).index(self)

    @property
    def default_weight(self) -> float:
        return {"blocker": 3.0, "major": 2.0, "minor": 1.0}[self.value]


def _as_text(value: Any) -> Any:
    # An option value or answer written as a number means its digits.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _as_list(value: Any) -> Any:
    return [value] if value is not None and not isinstance(value, list | tuple) else value


BANK_ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
QUESTION_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$"
VALUE_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
TAG_PATTERN = r"^[a-z0-9][a-z0-9._:-]*$"

BankId = Annotated[str, Field(pattern=BANK_ID_PATTERN)]
QuestionId = Annotated[str, Field(pattern=QUESTION_ID_PATTERN)]
OptionValue = Annotated[str, BeforeValidator(_as_text), Field(pattern=VALUE_PATTERN)]
Text = Annotated[str, Field(min_length=1)]
TextList = Annotated[tuple[Text, ...], BeforeValidator(_as_list)]
ValueList = Annotated[tuple[OptionValue, ...], BeforeValidator(_as_list)]

NA = "na"  # the answer "not applicable"; reserved, never an option value


class Option(FrozenModel):
    """One answer a question offers; `score` only on checks."""

    value: OptionValue
    label: Text | None = None
    score: Annotated[float, Field(ge=0, le=1)] | None = None

    @property
    def display(self) -> str:
        return self.label or self.value


DEFAULT_CHECK_OPTIONS = (
    Option(value="yes", label="Yes", score=1.0),
    Option(value="partial", label="Partly", score=0.5),
    Option(value="no", label="No", score=0.0),
)


class Question(FrozenModel):
    """A question of a bank. For checks, `severity`, `weight` and `options` are always set."""

    id: QuestionId
    kind: Kind = Kind.CHECK
    prompt: Text
    why: Text
    help: Text | None = None
    options: tuple[Option, ...] = ()
    severity: Severity | None = None
    weight: Annotated[float, Field(gt=0, le=1000)] | None = None
    fix: Text | None = None
    when: dict[QuestionId, ValueList] = Field(default_factory=dict)
    na: bool = False
    refs: TextList = ()
    tags: tuple[Annotated[str, Field(pattern=TAG_PATTERN)], ...] = ()

    def option(self, value: str) -> Option | None:
        """The option with this value, if the question offers it."""
        return next((option for option in self.options if option.value == value), None)

    def describe(self, value: str | tuple[str, ...] | None) -> str:
        """An answer in words: option labels, the text itself, or "n/a"."""
        if value is None:
            return "unanswered"
        if value == NA:
            return "n/a"
        if isinstance(value, tuple):
            return "; ".join(self.describe(item) for item in value) if value else "none"
        option = self.option(value)
        return option.display if option else value

    @property
    def score_weight(self) -> float:
        """The weight of a check in its area's score."""
        assert self.weight is not None, "defaults are filled when the bank is loaded"
        return self.weight

    @property
    def gap_severity(self) -> Severity:
        assert self.severity is not None, "defaults are filled when the bank is loaded"
        return self.severity

    @property
    def best_score(self) -> float:
        return max((option.score or 0.0 for option in self.options), default=0.0)


class Area(FrozenModel):
    id: QuestionId
    title: Text
    intro: Text | None = None
    questions: tuple[Question, ...]


class Level(FrozenModel):
    name: Text
    min: Annotated[float, Field(ge=0, le=100)]


DEFAULT_LEVELS = (
    Level(name="production", min=90),
    Level(name="pilot", min=75),
    Level(name="prototype", min=50),
    Level(name="not ready", min=0),
)


class Bank(FrozenModel):
    """A validated question bank, with defaults filled in.

    A bank that extends others also knows their refs (`lineage`) and the questions it
    disabled, so that answers written for a base bank still load.
    """

    bank: BankId
    version: int
    title: Text | None = None
    intro: Text | None = None
    levels: tuple[Level, ...] = DEFAULT_LEVELS
    areas: tuple[Area, ...]
    _bases: tuple[str, ...] = PrivateAttr(default=())
    _disabled: frozenset[str] = PrivateAttr(default=frozenset())

    def derived(
        self,
        *,
        bases: tuple[str, ...] = (),
        disabled: frozenset[str] = frozenset(),
        **changes: Any,
    ) -> Bank:
        """A new bank with `changes` to its fields (never a copy that keeps stale caches)."""
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        bank = Bank.model_construct(**(fields | changes))
        bank._bases = bases
        bank._disabled = disabled
        return bank

    @property
    def ref(self) -> str:
        """`id@version`, as answers files name their bank."""
        return f"{self.bank}@{self.version}"

    @property
    def lineage(self) -> tuple[str, ...]:
        """This bank's ref, then the refs of the banks it extends, nearest first."""
        return (self.ref, *self._bases)

    @property
    def disabled(self) -> frozenset[str]:
        """Questions of a base bank that this bank leaves out."""
        return self._disabled

    @property
    def display_title(self) -> str:
        return self.title or self.bank

    @cached_property
    def questions(self) -> dict[str, Question]:
        """Every question by id, in bank order."""
        return {q.id: q for area in self.areas for q in area.questions}

    @cached_property
    def area_of(self) -> dict[str, Area]:
        return {q.id: area for area in self.areas for q in area.questions}

    @property
    def lowest_level(self) -> Level:
        return self.levels[-1]


AnswerValue = Annotated[
    str | tuple[str, ...] | None,
    BeforeValidator(lambda v: [_as_text(i) for i in v] if isinstance(v, list) else _as_text(v)),
]


class Waiver(FrozenModel):
    """An accepted gap: it does not fail the gate until it expires."""

    reason: Text
    approved_by: Text
    expires: dt.date | None = None

    def active(self, today: dt.date) -> bool:
        return self.expires is None or today <= self.expires


class AnswerEntry(FrozenModel):
    """One answer as written: a value (or `na`), with optional note, evidence and waiver."""

    value: AnswerValue = None
    note: Text | None = None
    evidence: TextList = ()
    waiver: Waiver | None = None


def _long_form(value: Any) -> Any:
    return value if isinstance(value, dict) else {"value": value}


class Project(FrozenModel):
    name: Text | None = None
    owner: Text | None = None
    reviewed: dt.date | None = None


class AnswersFile(FrozenModel):
    """An answers file as written (format version 1)."""

    mlready: int
    bank: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*(@[0-9]+)?$")] | None = None
    project: Annotated[Project, BeforeValidator(lambda v: {} if v is None else v)] = Project()
    answers: Annotated[
        dict[Text, Annotated[AnswerEntry, BeforeValidator(_long_form)]],
        BeforeValidator(lambda v: {} if v is None else v),
    ] = Field(default_factory=dict)
    # Answers to questions the bank no longer has, kept by mlready when it rewrites the file.
    retired: dict[Text, Annotated[AnswerEntry, BeforeValidator(_long_form)]] = Field(
        default_factory=dict
    )


class OptionScore(FrozenModel):
    value: OptionValue
    score: Annotated[float, Field(ge=0, le=1)]


class Override(FrozenModel):
    """Changes a layered bank makes to an inherited check."""

    severity: Severity | None = None
    weight: Annotated[float, Field(gt=0, le=1000)] | None = None
    fix: Text | None = None
    options: tuple[OptionScore, ...] = ()


class AreaLayer(FrozenModel):
    """An area in a layered bank: an inherited id gets questions appended, a new id is added."""

    id: QuestionId
    title: Text | None = None
    intro: Text | None = None
    questions: tuple[Question, ...] = ()


class BankLayer(FrozenModel):
    """A bank file that builds on another (`extends`)."""

    bank: BankId
    version: int
    extends: Text
    title: Text | None = None
    intro: Text | None = None
    disable: tuple[QuestionId, ...] = ()
    override: dict[QuestionId, Override] = Field(default_factory=dict)
    levels: tuple[Level, ...] | None = None
    areas: tuple[AreaLayer, ...] = ()
