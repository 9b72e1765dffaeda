"""Typed, frozen models of the file formats: question banks (plain and layered), answers files."""

# Type hints and the rules in `Annotated` say what each key takes; `validation.convert` reads
# them. The loaders in `bank` and `answers` check what needs the whole file (references, ids,
# options) and attach file:line:column to every message.

import datetime as dt
from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, TypeVar, dataclass_transform

from mlready.core.messages import N_, Message, series
from mlready.core.validation import (
    Internal,
    Key,
    NullAsEmpty,
    NumberAsText,
    OneOrMany,
    Pattern,
    Range,
    ShortForm,
)
from mlready.core.vocabulary import Kind, Parser, PathKind, Reliability, ResultKind, Severity

# A name every output prints as it is (a level's): one line, nothing a terminal or a CI log
# would obey (control characters, line separators, bidirectional controls).
ONE_LINE = Pattern(
    r"[^\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+",
    N_("one line of text without control characters"),
    is_id=False,
)
BankId = Annotated[str, Pattern(r"[a-z0-9][a-z0-9-]*", N_("lowercase letters, digits and '-'"))]
QuestionId = Annotated[
    str,
    Pattern(
        r"[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*",
        N_("lowercase letters, digits, '_' and '-', in parts joined by '.'"),
    ),
]
OptionValue = Annotated[
    str,
    NumberAsText(),
    Pattern(r"[a-z0-9][a-z0-9_-]*", N_("lowercase letters, digits, '_' and '-'")),
]
Tag = Annotated[
    str, Pattern(r"[a-z0-9][a-z0-9._:-]*", N_("lowercase letters, digits, '.', '_', ':' and '-'"))
]
BankRef = Annotated[
    str, Pattern(r"[a-z0-9][a-z0-9-]*(@[0-9]+)?", N_("a bank id, optionally @version"))
]
Score = Annotated[float, Range(ge=0, le=1)]
Weight = Annotated[float, Range(gt=0, le=1000)]
TextList = Annotated[tuple[str, ...], OneOrMany()]
ValueList = Annotated[tuple[OptionValue, ...], OneOrMany()]
# Answers to decisions: each question id with the values that match (a `when`).
Condition = Annotated[dict[QuestionId, ValueList], NullAsEmpty()]
AnswerText = Annotated[str, NumberAsText()]
AnswerValue = AnswerText | tuple[AnswerText, ...] | None

NA = "na"  # the answer "not applicable"; reserved, never an option value


class Record:
    """Equality, hashing and repr by fields, for every model; frozen; made by keyword."""

    # Written once here instead of generated for each dataclass (see `record`): generating them
    # costs every run of the command milliseconds, and the models compare rarely.

    __slots__ = ()
    # Per class, set by `record`: defaults, default factories, every field, required fields.
    __record_spec__: tuple[
        dict[str, Any], tuple[tuple[str, Any], ...], frozenset[str], frozenset[str]
    ]

    def __init__(self, **values: Any) -> None:
        defaults, factories, names, required = type(self).__record_spec__
        if not names.issuperset(values):
            unknown = ", ".join(sorted(values.keys() - names))
            raise TypeError(f"{type(self).__name__}: unexpected {unknown}")
        if not required.issubset(values):
            missing = ", ".join(sorted(required - values.keys()))
            raise TypeError(f"{type(self).__name__}: missing {missing}")
        state = self.__dict__
        state.update(defaults)
        for name, factory in factories:
            if name not in values:
                state[name] = factory()
        state.update(values)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, item.name) for item in fields(self))  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Record)
            and type(other) is type(self)
            and (self._values() == other._values())
        )

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        items = fields(self)  # type: ignore[arg-type]
        shown = ", ".join(f"{item.name}={getattr(self, item.name)!r}" for item in items)
        return f"{type(self).__name__}({shown})"


_Model = TypeVar("_Model", bound=type[Record])


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def record(cls: _Model) -> _Model:
    """`cls` as a frozen, keyword-only dataclass whose methods are Record's."""
    # A frozen dataclass has its __init__, __setattr__ and __delattr__ generated from source
    # text, compiled when the class is made: for the models, about 2 ms of every run.
    made: Any = dataclass(init=False, eq=False, repr=False)(cls)  # the same class, made a dataclass
    every = fields(made)
    defaults = {item.name: item.default for item in every if item.default is not MISSING}
    factories = tuple(
        (item.name, item.default_factory) for item in every if item.default_factory is not MISSING
    )
    names = frozenset(item.name for item in every)
    required = names - defaults.keys() - {name for name, _ in factories}
    type.__setattr__(made, "__record_spec__", (defaults, factories, names, required))
    return cls


@record
class Option(Record):
    """One answer a question offers; `score` only on checks, `exclusive` only on multi
    questions (an option chosen alone or not at all, such as "none of these")."""

    value: OptionValue
    label: str | None = None
    score: Score | None = None
    exclusive: bool = False
    # Decisions only: the date from which what this answer brings into scope applies (a regime
    # adopted but not yet in force); before it, the checks it alone makes applicable are upcoming.
    applies_from: dt.date | None = None
    # Checks only: the level this answer caps the review at, whatever its score: a half done
    # grade that is unlawful for part of the data caps like none (licences checked for some
    # sources only), and a lowest grade may cap otherwise than the check does (a legal basis
    # assumed but never reviewed is not the same as none: one stops a trial, one does not).
    caps: Annotated[str, ONE_LINE] | None = None
    # Decisions only: the answers to other decisions this one goes with (a consumer credit
    # regime with decisions about people); an answer file that chooses it without them is told
    # so, as a profile that may hide checks it should ask.
    expects: Condition = field(default_factory=dict)
    # Decisions only: the answers to later decisions this one makes likely (credit scoring of
    # consumers suggests the AI Act's Annex III and the Consumer Credit Directive). The walk
    # marks them, and an answer file that leaves one out without saying why is told so. A
    # suggested option that expects answers given otherwise (a regime of another market) is
    # not suggested.
    suggests: Condition = field(default_factory=dict)

    @property
    def display(self) -> str:
        """The label, or the value when the option has none."""
        return self.label or self.value


DEFAULT_CHECK_OPTIONS = (
    Option(value="yes", label="Yes", score=1.0),
    Option(value="partial", label="Partly", score=0.5),
    Option(value="no", label="No", score=0.0),
)


ProbeId = Annotated[
    str, Pattern(r"[a-z0-9][a-z0-9_-]*", N_("lowercase letters, digits, '_' and '-'"))
]
PackageName = Annotated[
    str, Pattern(r"[a-z_][a-z0-9_]*", N_("a Python package's import name in lower case"))
]


@record
class Probe(Record):
    """What in a repository shows (or would show) that a check's answer is true. Data, never
    code: files by glob, optionally a regular expression over their text, or a key path in a
    YAML, JSON or TOML file with an optional expected value."""

    id: ProbeId
    files: Annotated[tuple[str, ...], OneOrMany()]  # globs, relative to the repository
    contains: str | None = None  # a regular expression, searched line by line
    key: str | None = None  # a dotted key path, e.g. spec.strategy.canary
    equals: Annotated[str, NumberAsText()] | None = None  # the value at `key`, as text
    parser: Parser | None = None  # how the files are read: `finds` matches its statements
    finds: str | None = None  # a regular expression over the parser's statements
    paths: Annotated[tuple[PathKind, ...], OneOrMany()] = ()  # kinds of paths that count too
    within: PathKind | None = None  # looks only at paths of this kind (tests: test files)
    results: ResultKind | None = None  # reads recorded results (`--results DIR`), not the repo
    # The Python packages whose use the probe looks for: in a repository that is one of them,
    # the library's own code shows nothing of using it, and the probe finds nothing.
    library: Annotated[tuple[PackageName, ...], OneOrMany()] = ()
    supports: OptionValue | None = None  # found: answers up to this good are evidenced
    required_for: OptionValue | None = None  # not found: answers this high are contradicted
    says: str  # one line shown with the finding
    reliability: Reliability = Reliability.MEDIUM


LevelName = Annotated[str, ONE_LINE]


@record
class SeverityRule(Record):
    """One rule of a check's severity: when the answers match `when` (always, without it), a
    gap in the check has severity `is_` and, at its lowest grade, caps the level at `caps`."""

    when: Condition = field(default_factory=dict)
    is_: Annotated[Severity, Key("is")]
    caps: LevelName | None = None


@record
class Question(Record):
    """A question of a bank. For checks, `severity` and `options` are always set."""

    id: QuestionId
    kind: Kind = Kind.CHECK
    prompt: str
    why: str
    help: str | None = None
    options: tuple[Option, ...] = ()
    # One severity, or rules tried in order (the last one without `when`: the default).
    severity: Severity | tuple[SeverityRule, ...] | None = None
    # The level a gap at the check's lowest grade caps the review at (blockers: the lowest).
    caps: LevelName | None = None
    # Whether an owned plan (or a waiver) lifts the check's cap one level: false where a ticket
    # does not make what it caps lawful meanwhile (a legal basis, an approval).
    plan_lifts: bool = True
    # The date the obligation applies from; before it, a gap is upcoming (checks only).
    applies_from: dt.date | None = None
    weight: Weight | None = None  # as written; None: the severity's default
    fix: str | None = None
    when: Condition = field(default_factory=dict)
    na: bool = False
    refs: TextList = ()
    tags: Annotated[tuple[Tag, ...], OneOrMany()] = ()
    evidence: tuple[Probe, ...] = ()  # checks only

    def option(self, value: str) -> Option | None:
        """The option with this value, if the question offers it."""
        for option in self.options:
            if option.value == value:
                return option
        return None

    def describe(self, value: str | tuple[str, ...] | None) -> str:
        """An answer in words: option labels, the text itself, or "n/a" (words of mlready's
        own are Message: English as data, `translated` for a person)."""
        if value is None:
            return Message("unanswered")
        if value == NA:
            return Message("n/a")
        if isinstance(value, tuple):
            if not value:
                return Message("none")
            return series([self.describe(item) for item in value], joint="; ")
        option = self.option(value)
        return option.display if option else value

    @property
    def gap_severity(self) -> Severity:
        """How much a gap in this check matters by default (major when not set): the plain
        severity, or that of the rule without a condition."""
        # Asked for every check a review scores: no rule object is made for a plain severity.
        if isinstance(self.severity, tuple):
            return self.severity[-1].is_
        return self.severity or Severity.MAJOR

    @property
    def default_caps(self) -> str | None:
        """The level a gap at the lowest grade caps the review at when no other rule holds."""
        if isinstance(self.severity, tuple) and self.severity[-1].caps:
            return self.severity[-1].caps
        return self.caps

    @property
    def severity_rules(self) -> tuple[SeverityRule, ...]:
        """The rules of the check's severity, the default last (one rule for a plain one)."""
        if isinstance(self.severity, tuple):
            return self.severity
        return (SeverityRule(is_=self.severity or Severity.MAJOR, caps=self.caps),)

    @property
    def default_rule(self) -> SeverityRule:
        """The rule that holds when no other does."""
        return self.severity_rules[-1]

    @property
    def lowest_score(self) -> float:
        """The score of the check's lowest grade."""
        return min((option.score or 0.0 for option in self.options), default=0.0)

    @property
    def score_weight(self) -> float:
        """The weight of a check in its area's score."""
        return self.weight if self.weight is not None else self.gap_severity.default_weight


@record
class Area(Record):
    """One of a bank's areas: its questions, in the order they are asked."""

    id: QuestionId
    title: str
    intro: str | None = None
    questions: tuple[Question, ...]


@record
class Level(Record):
    """A readiness level and the lowest score that reaches it."""

    name: Annotated[str, ONE_LINE]
    min: Annotated[float, Range(ge=0, le=100)]
    # What a system at this level may do (who it may reach, under what watch), said beside
    # the level: a level people act on needs its meaning, not only its name.
    means: Annotated[str, ONE_LINE] | None = None
    title: Annotated[str | None, Internal()] = None  # the name in another language

    @property
    def shown(self) -> str:
        """The level as a person reads it: its translated title, else its name."""
        return self.title or self.name


DEFAULT_LEVELS = (
    Level(name="production", min=90),
    Level(name="pilot", min=75),
    Level(name="prototype", min=50),
    Level(name="not ready", min=0),
)


@record
class Moved(Record):
    """Where answers written under an old question id now belong, and what their old values
    mean now (values not listed keep their meaning)."""

    to: QuestionId
    values: Annotated[dict[OptionValue, OptionValue], NullAsEmpty()] = field(default_factory=dict)


PROFILE_AREA_ID = "profile"  # the id under which the walk and the outline show the profile


PROFILE_TITLE = N_("System profile")


@record
class DatesConfirmed(Record):
    """Who confirmed the dates a bank's duties apply from, and when: the built-in bank states
    the law as it reads it; an organisation's counsel confirms (or restates) it in a layer."""

    by: Annotated[str, ONE_LINE]  # printed beside the dates in every format
    on: dt.date


@record
class Bank(Record):
    """A validated question bank, with defaults filled in."""

    # A bank that extends others also knows their refs and the questions it disabled, so that
    # answers written for a base bank still load.

    bank: BankId
    version: Annotated[int, Range(ge=0)]
    title: str | None = None
    intro: str | None = None
    levels: tuple[Level, ...] = DEFAULT_LEVELS
    # Decisions that say what kind of system this is, asked before any area; never scored.
    profile: tuple[Question, ...] = ()
    moved: Annotated[dict[QuestionId, Annotated[Moved, ShortForm("to")]], NullAsEmpty()] = field(
        default_factory=dict
    )
    areas: tuple[Area, ...]
    bases: Annotated[tuple[str, ...], Internal()] = ()
    disabled: Annotated[frozenset[str], Internal()] = frozenset()
    files: Annotated[tuple[Path, ...], Internal()] = ()  # the files it was read from
    # What the profile is called: English in answers files, translated for people.
    profile_title: Annotated[str, Internal()] = PROFILE_TITLE
    # Who confirmed the dates of application (`applies_from`), printed beside upcoming duties;
    # None: as the bank states them, unconfirmed.
    dates_confirmed: DatesConfirmed | None = None

    @property
    def ref(self) -> str:
        """`id@version`, as answers files name their bank."""
        return f"{self.bank}@{self.version}"

    @property
    def lineage(self) -> tuple[str, ...]:
        """This bank's ref, then the refs of the banks it extends, nearest first."""
        return (self.ref, *self.bases)

    @property
    def display_title(self) -> str:
        """The title, or the bank id when it has none."""
        return self.title or self.bank

    @cached_property
    def sections(self) -> tuple[Area, ...]:
        """What the walk goes through, in order: the profile (as an unscored area), then the
        areas."""
        if not self.profile:
            return self.areas
        profile = Area(id=PROFILE_AREA_ID, title=self.profile_title, questions=self.profile)
        return (profile, *self.areas)

    @cached_property
    def questions(self) -> dict[str, Question]:
        """Every question by id, in bank order: the profile first."""
        return {q.id: q for section in self.sections for q in section.questions}

    @cached_property
    def dated_options(self) -> tuple[tuple[str, str, dt.date], ...]:
        """(question id, option value, date) of every option that applies from a date."""
        return tuple(
            (q.id, option.value, option.applies_from)
            for q in self.questions.values()
            for option in q.options
            if option.applies_from is not None
        )

    @cached_property
    def area_of(self) -> dict[str, Area]:
        """The section of every question (an area, or the profile), by question id."""
        return {q.id: section for section in self.sections for q in section.questions}

    @property
    def lowest_level(self) -> Level:
        """The level of a review with no score, and the default cap of a blocker at 0."""
        return self.levels[-1]

    def level_named(self, name: str | None) -> Level | None:
        """The level called `name`, if the bank has one."""
        return next((level for level in self.levels if level.name == name), None)


@record
class Waiver(Record):
    """An accepted gap: it does not fail the gate until it expires."""

    reason: str
    approved_by: str
    expires: dt.date  # required: a waiver that never ends is a gap nobody looks at again

    def active(self, today: dt.date) -> bool:
        """Whether the waiver still accepts its gap on `today`."""
        return today <= self.expires


@record
class Action(Record):
    """The plan to close a gap: who owns it, by when, and where the work is tracked (a URL,
    or an id such as JIRA-1234)."""

    owner: str | None = None
    due: dt.date | None = None
    ticket: str | None = None

    def overdue(self, today: dt.date) -> bool:
        """Whether the due date has passed on `today`."""
        return self.due is not None and self.due < today


@record
class AnswerEntry(Record):
    """One answer as written: a value (or `na`), with optional note, evidence, waiver and
    action."""

    value: AnswerValue = None
    note: str | None = None
    evidence: TextList = ()
    waiver: Waiver | None = None
    action: Action | None = None
    # Probes silenced for this answer, each with the reason a person gave.
    not_detected: Annotated[dict[ProbeId, str], NullAsEmpty()] = field(default_factory=dict)

    @property
    def chosen(self) -> tuple[str, ...]:
        """The values chosen: one for a single choice, several for a multiple one, none when
        there is no value."""
        return (self.value,) if isinstance(self.value, str) else self.value or ()


Entry = Annotated[AnswerEntry, ShortForm("value")]


Digest = Annotated[
    str,
    Pattern(
        r"sha256:[0-9a-f]{64}", N_("'sha256:' and 64 lowercase hexadecimal digits"), is_id=False
    ),
]


@record
class Signoff(Record):
    """A person's approval of the answers as they were: `digest` names their meaning then."""

    name: str
    role: str
    date: dt.date
    digest: Digest


@record
class Project(Record):
    """What an answers file says of the system: its name, owner, review date and sign-offs."""

    name: str | None = None
    owner: str | None = None
    reviewed: dt.date | None = None
    signoff: tuple[Signoff, ...] = ()


@record
class AnswersFile(Record):
    """An answers file as written (format version 1)."""

    mlready: int
    bank: BankRef | None = None
    # The layered banks, above `bank`, whose questions the file also answers.
    layers: Annotated[tuple[BankRef, ...], OneOrMany()] = ()
    project: Project | None = None
    answers: Annotated[dict[str, Entry], NullAsEmpty()] = field(default_factory=dict)
    # Answers to questions the bank no longer has, kept by mlready when it rewrites the file.
    retired: Annotated[dict[str, Entry], NullAsEmpty()] = field(default_factory=dict)
