"""Scoring a review: which questions apply, area scores, the level, blockers and gaps."""

# The rules are exact so that any two tools agree: a check scores its option's score (0 when
# unanswered); an area scores 100 x sum(w*s) / sum(w) over its applicable checks that are not
# "na" and whose obligation is in force; the overall score is the lowest area score. The level
# follows the open gaps more than the averages (see `level_for` and the README's Scoring section).
# The score that can cap the level leaves minor checks out: hygiene a reviewer would not hold a
# launch for must not pull an area below the cap, however many of them an area asks.

import datetime as dt
import re
from collections.abc import Container, Mapping, Sequence
from typing import NamedTuple

from mlready.core.answers import Answers
from mlready.core.kinds import is_scored
from mlready.core.messages import N_, Message, series
from mlready.core.model import (
    NA,
    Action,
    AnswerEntry,
    Area,
    Bank,
    Level,
    Option,
    Question,
    SeverityRule,
    Waiver,
)
from mlready.core.vocabulary import Severity


class Gap(NamedTuple):
    """An applicable check that scores below 1 (answered or not)."""

    question: Question
    area: Area
    score: float
    answer: AnswerEntry | None
    waived: bool = False  # an unexpired waiver accepts this gap
    rule: SeverityRule | None = None  # the severity rule the answers chose; None: the default
    upcoming: dt.date | None = None  # the date its obligation applies from, when still ahead

    @property
    def waiver(self) -> Waiver | None:
        """The waiver written on the answer, active or not."""
        return self.answer.waiver if self.answer else None

    @property
    def action(self) -> Action | None:
        """The plan written on the answer to close this gap, if any."""
        return self.answer.action if self.answer else None

    @property
    def waiver_expired(self) -> bool:
        """Whether a waiver was written but no longer accepts the gap."""
        return self.waiver is not None and not self.waived

    @property
    def severity(self) -> Severity:
        """How much the gap matters, for this system (severity rules follow the answers)."""
        return self.rule.is_ if self.rule else self.question.gap_severity

    @property
    def chosen_caps(self) -> str | None:
        """The cap the chosen option carries itself, if any: it caps at any grade."""
        chosen = self.answer.value if self.answer is not None else None
        for option in self.question.options:
            if option.value == chosen and option.caps is not None:
                return option.caps
        return None

    @property
    def caps(self) -> str | None:
        """The level the gap caps the review at, as written: the chosen option's cap (at any
        grade), else, at the check's lowest grade, the severity rule's or the check's."""
        if (chosen := self.chosen_caps) is not None:
            return chosen
        if self.rule is not None:
            return self.rule.caps or self.question.caps
        return self.question.default_caps

    @property
    def lowest(self) -> bool:
        """Whether the check is at its lowest grade (or unanswered)."""
        return self.score <= self.question.lowest_score

    @property
    def lost_weight(self) -> float:
        """The weight this gap takes from its area's score."""
        return weight_of(self.question, self.rule) * (1 - self.score)


class Cap(NamedTuple):
    """A limit on the level and why: a gap at its lowest grade ("gap", or "owned" when its plan
    lifted the cap a level), a waived gap whose cap no waiver lifts ("waived"), several partly
    done blockers ("partly_done"), the score, or no score at all ("unscored")."""

    level: Level
    kind: str
    gaps: tuple[Gap, ...] = ()


class AreaScore(NamedTuple):
    """An area's score and counts of applicable, answered and gap checks."""

    area: Area
    score: float | None  # None when no applicable check is left to score
    applicable: int  # applicable questions of any kind
    answered: int  # of those, answered (na included)
    gaps: int
    cap_score: float | None = None  # the score over blockers and majors only: it caps the level


class Scorecard(NamedTuple):
    """Everything a review concluded; the input of every output format."""

    bank: Bank
    answers: Answers
    applicable: tuple[Question, ...]
    areas: tuple[AreaScore, ...]
    score: float | None
    mean: float | None
    level: Level
    gaps: tuple[Gap, ...]
    unanswered: tuple[Question, ...]
    not_applicable: tuple[Question, ...]  # answered "na"
    today: dt.date | None = None  # the date waivers and due dates were judged by
    # Gaps in checks whose obligation applies only from a later date: listed, never open.
    upcoming: tuple[Gap, ...] = ()
    # The lowest area score over blocker and major checks only: the one that caps the level
    # (None: the score caps, as when no check but minors is scored).
    cap_score: float | None = None

    @property
    def open_gaps(self) -> tuple[Gap, ...]:
        """Gaps no active waiver accepts."""
        return tuple(gap for gap in self.gaps if not gap.waived)

    @property
    def blockers(self) -> tuple[Gap, ...]:
        """Open blocker gaps: each one fails the gate."""
        return tuple(gap for gap in self.open_gaps if gap.severity is Severity.BLOCKER)

    def severity_of(self, question: Question) -> Severity:
        """How much a gap in `question` matters for this system (its severity rules applied)."""
        today = self.today or dt.date.today()
        pending = frozenset(pending_answers(self.bank, self.answers, today))
        rule = severity_rule(question, {q.id: q for q in self.applicable}, self.answers, pending)
        return rule.is_ if rule else question.gap_severity

    @property
    def unanswered_minor(self) -> tuple[Question, ...]:
        """Unanswered applicable checks that are minor for this system, in bank order: optional,
        they do not fail the gate, though each still scores 0."""
        minor = {
            gap.question.id
            for gap in (*self.gaps, *self.upcoming)
            if gap.severity is Severity.MINOR
        }
        return tuple(question for question in self.unanswered if question.id in minor)

    @property
    def caps(self) -> tuple[Cap, ...]:
        """Every cap the gaps (open or waived) and the score put on the level, whether it sets it
        or not."""
        today = self.today or dt.date.today()
        capping = self.score if self.cap_score is None else self.cap_score
        return tuple(level_caps(self.bank, capping, gaps=self.gaps, today=today))

    @property
    def binding_caps(self) -> tuple[Cap, ...]:
        """The caps that set the level, when it is below the top: why it is not higher."""
        return tuple(cap for cap in self.caps if self.sets_level(cap))

    def sets_level(self, cap: Cap) -> bool:
        """Whether `cap` is one that sets the level (the level is below the top)."""
        return cap.level == self.level and cap.level != self.bank.levels[0]

    @property
    def capping_checks(self) -> frozenset[str]:
        """The checks whose gaps hold the level below the top (a cap an owned plan lifted to
        the top holds nothing)."""
        top = self.bank.levels[0]
        return frozenset(
            gap.question.id for cap in self.caps if cap.level != top for gap in cap.gaps
        )

    def capping_score(self, area: AreaScore) -> float | None:
        """The score of `area` that can cap the level: over its blockers and majors, or over
        every check where no blocker or major is scored anywhere."""
        return area.score if self.cap_score is None else area.cap_score

    @property
    def conditions(self) -> tuple[Gap, ...]:
        """The open gaps a reviewer names as conditions of the level, as they cap nothing:
        blockers only partly done or only planned, and majors at their lowest grade."""
        # What a launch review grants "with conditions": serious enough to name beside the
        # level, not enough to hold it (those are caps), and not hygiene (minors). A cap an owned
        # plan lifted to the top holds nothing: its gap is a condition like any other.
        capping = self.capping_checks
        return (
            tuple(
                gap
                for gap in self.open_gaps
                if gap.question.id not in capping
                and (
                    gap.severity is Severity.BLOCKER  # partly done, or planned (its cap lifted)
                    or (gap.severity is Severity.MAJOR and gap.lowest)
                )
            )
            + self.due_soon
        )

    @property
    def due_soon(self) -> tuple[Gap, ...]:
        """Upcoming gaps in blockers and majors whose duty applies within DUE_SOON_DAYS: they
        cap nothing yet, but a system launched today will owe them within its first year, so
        the level names them as conditions that need an owner and a date."""
        today = self.today or dt.date.today()
        return tuple(
            gap
            for gap in self.upcoming
            if gap.upcoming is not None
            and (gap.upcoming - today).days <= DUE_SOON_DAYS
            and not gap.waived
            and gap.severity in (Severity.BLOCKER, Severity.MAJOR)
        )

    @property
    def unowned_conditions(self) -> tuple[Gap, ...]:
        """The conditions no plan owns (an owner and a due date within PLAN_HORIZON_DAYS, or by
        the day a duty not yet in force applies): the level holds with its conditions owned, and
        says how many are not."""
        today = self.today or dt.date.today()
        return tuple(
            gap for gap in self.conditions if not owned(gap.action, today, by=gap.upcoming)
        )

    @property
    def waived(self) -> tuple[Gap, ...]:
        """Gaps an active waiver accepts."""
        return tuple(gap for gap in self.gaps if gap.waived)

    @property
    def expired_waivers(self) -> tuple[Gap, ...]:
        """Gaps whose waiver has expired."""
        return tuple(gap for gap in self.gaps if gap.waiver_expired)

    def gaps_of(self, severity: Severity) -> tuple[Gap, ...]:
        """Open gaps of one severity."""
        return tuple(gap for gap in self.open_gaps if gap.severity is severity)

    def check_scores(self) -> dict[str, float | None]:
        """Every applicable check's score (None for "na"), in bank order."""
        gaps = {gap.question.id: gap.score for gap in self.gaps}
        # An obligation not yet in force has no score yet: like "na", it leaves comparisons.
        not_applicable = {question.id for question in self.not_applicable} | {
            gap.question.id for gap in self.upcoming
        }
        return {
            q.id: None if q.id in not_applicable else gaps.get(q.id, 1.0)
            for q in self.applicable
            if is_scored(q)
        }

    @property
    def checks(self) -> tuple[Question, ...]:
        """Applicable checks (scored questions), in bank order."""
        return tuple(q for q in self.applicable if is_scored(q))

    @property
    def answered_checks(self) -> tuple[Question, ...]:
        """Applicable checks answered with an option (not "na"), in bank order."""
        na = {q.id for q in self.not_applicable}
        return tuple(
            q for q in self.applicable if is_scored(q) and self.answers.get(q.id) and q.id not in na
        )

    @property
    def profile(self) -> tuple[Question, ...]:
        """Answered decisions and text questions: what the system is."""
        return tuple(q for q in self.applicable if not is_scored(q) and self.answers.get(q.id))

    @property
    def left_out(self) -> dict[str, tuple[Question, ...]]:
        """For each decision, the checks its answer leaves out of the review."""
        return checks_left_out(self.bank, self.answers, self.applicable)


def checks_left_out(
    bank: Bank, answers: Answers, applicable: Sequence[Question]
) -> dict[str, tuple[Question, ...]]:
    """The scored checks not asked, under the decision whose answer leaves each out: the first
    condition of its `when` that fails, traced back through decisions not asked themselves to
    the answered one that removed them."""
    # What a person confirming the profile needs to see: a wrong answer hides checks, and how
    # many each answer hides says which answers matter most.
    asked = {question.id: question for question in applicable}
    causes: dict[str, str | None] = {}

    def failing(question: Question) -> tuple[str, Question | None] | None:
        """The first condition of the question's `when` that fails, and the question it names
        when that one is not asked either."""
        for name, wanted in question.when.items():
            if name not in asked:
                return name, bank.questions.get(name)
            if not _holds(name, wanted, asked, answers):
                return name, None
        return None

    def cause(question: Question) -> str | None:
        # A loop, not a recursion, and each question traced once: a chain of decisions not
        # asked may be as long as the bank.
        chain: list[tuple[str, str]] = []  # (question, the name its condition fails at)
        found: str | None = None
        current: Question | None = question
        while current is not None:
            if current.id in causes:
                found = causes[current.id]
                break
            step = failing(current)
            if step is None:
                causes[current.id] = None
                break
            name, holder = step
            chain.append((current.id, name))
            current = holder
        for question_id, name in reversed(chain):
            found = found or name
            causes[question_id] = found
        return found

    found: dict[str, list[Question]] = {}
    for question in bank.questions.values():
        if question.id in asked or not is_scored(question):
            continue
        name = cause(question)
        if name is not None:
            found.setdefault(name, []).append(question)
    return {name: tuple(checks) for name, checks in found.items()}


class Unexpected(NamedTuple):
    """An answer whose option expects another answer that was given otherwise."""

    question: str
    value: str
    other: str
    wanted: tuple[str, ...]


def unexpected_answers(card: Scorecard) -> list[Message]:
    """Answers that do not go with another answer as the bank expects (an option's `expects`):
    worth a warning at the answer's line, since a profile that contradicts itself hides checks
    it should ask."""
    answers = card.answers
    return [
        Message(
            "{place}: '{id}' is {value}, which goes with {other} being {wanted}; check the "
            "profile, as it decides which checks are asked",
            place=f"{answers.source}:{answers.lines.get(item.question, answers.answers_line)}",
            id=item.question,
            value=item.value,
            other=item.other,
            wanted=series(list(item.wanted), joint=N_(" or ")),
        )
        for item in answers_not_expected(answers, card.applicable)
    ]


def answers_not_expected(answers: Answers, questions: Sequence[Question]) -> list[Unexpected]:
    """Of the decisions among `questions`, the answers whose option expects answers to other
    decisions that were given otherwise (an unanswered or n/a one expects nothing yet)."""
    found: list[Unexpected] = []
    # An expected decision that does not apply (its `when`) is as good as unanswered: its answer
    # is ignored everywhere else, so it contradicts nothing.
    applicable = {question.id for question in questions}
    for question in questions:
        entry = answers.get(question.id)
        if entry is None or is_scored(question) or not question.options:
            continue
        for value in entry.chosen:
            option = question.option(value)
            for name, wanted in option.expects.items() if option else ():
                other = answers.get(name) if name in applicable else None
                if other is None or other.value == NA:
                    continue
                if not set(other.chosen) & set(wanted):
                    found.append(Unexpected(question.id, value, name, wanted))
    return found


class Suggestion(NamedTuple):
    """A value of a decision that an answer to an earlier one suggests (an option's
    `suggests`): `by` being `because` suggests `value` for `question`."""

    question: str
    value: str
    by: str
    because: str


def suggested_answers(answers: Answers, questions: Sequence[Question]) -> list[Suggestion]:
    """Of the decisions among `questions`, the values that answers to others suggest, less
    those whose own `expects` another answer contradicts (a regime of a market not named)."""
    applicable = {question.id: question for question in questions}
    found: list[Suggestion] = []
    for question in questions:
        entry = answers.get(question.id)
        if entry is None or entry.value == NA or is_scored(question) or not question.options:
            continue
        for value in entry.chosen:
            option = question.option(value)
            for name, wanted in option.suggests.items() if option else ():
                target = applicable.get(name)
                found += [
                    Suggestion(name, suggested, question.id, value)
                    for suggested in wanted
                    if target is not None
                    and not expects_otherwise(target.option(suggested), answers, applicable)
                ]
    return found


def expects_otherwise(option: Option | None, answers: Answers, asked: Container[str]) -> bool:
    """Whether `option` expects answers to decisions among `asked` that were given otherwise
    (an unanswered or n/a one expects nothing yet)."""
    for name, wanted in option.expects.items() if option else ():
        other = answers.get(name) if name in asked else None
        if other is not None and other.value != NA and not set(other.chosen) & set(wanted):
            return True
    return False


class Unheeded(NamedTuple):
    """A suggested value an answer leaves out without a note that screens it out: `by` maps
    each decision behind the suggestion to its answers that make it."""

    question: str
    value: str
    by: tuple[tuple[str, tuple[str, ...]], ...]


def unheeded(answers: Answers, questions: Sequence[Question]) -> list[Unheeded]:
    """The values suggested for the decisions among `questions` that their answers leave out,
    where the answer's note does not name the value as screened out ("value: why")."""
    found: dict[tuple[str, str], dict[str, list[str]]] = {}
    for item in suggested_answers(answers, questions):
        entry = answers.get(item.question)
        if entry is None or entry.value == NA or item.value in entry.chosen:
            continue
        if screened_out(item.value, entry.note):
            continue
        because = found.setdefault((item.question, item.value), {}).setdefault(item.by, [])
        if item.because not in because:
            because.append(item.because)
    return [
        Unheeded(question, value, tuple((by, tuple(values)) for by, values in reasons.items()))
        for (question, value), reasons in found.items()
    ]


def screened_out(value: str, note: str | None) -> bool:
    """Whether a note records `value` as screened out: the value, as a word of its own and in
    any case, followed by a colon ("eu_consumer_credit: business loans only")."""
    # A colon, not the word alone: "payments" or "none" in a sentence screens nothing out.
    pattern = rf"(?<![\w.-]){re.escape(value)}\s*[:：]"
    return note is not None and re.search(pattern, note, re.IGNORECASE) is not None


def suggested_by(item: Unheeded) -> Message:
    """`profile.domains being credit or banking`: what suggests an unheeded value."""
    return series(
        [
            Message("{id} being {values}", id=by, values=series(list(values), joint=N_(" or ")))
            for by, values in item.by
        ],
        joint=N_(", and "),
    )


def unheeded_suggestions(card: Scorecard) -> list[Message]:
    """Suggested values an answer leaves out without naming them in its note: worth a warning
    at the answer's line, since a regime left out unscreened takes its checks with it."""
    answers = card.answers
    return [
        Message(
            "{place}: '{id}' leaves out {value}, suggested by {reasons}; choose it, or write in "
            "the note of '{id}' why it does not apply, as '{value}: why'",
            place=f"{answers.source}:{answers.lines.get(item.question, answers.answers_line)}",
            id=item.question,
            value=item.value,
            reasons=suggested_by(item),
        )
        for item in unheeded(answers, card.applicable)
    ]


def profile_warnings(card: Scorecard) -> list[Message]:
    """What a profile says against itself: answers that do not go with others as the bank
    expects, and values other answers suggest that an answer leaves out unexplained."""
    return [*unexpected_answers(card), *unheeded_suggestions(card)]


def applicable_questions(
    bank: Bank, answers: Answers, *, pending: frozenset[tuple[str, str]] = frozenset()
) -> tuple[Question, ...]:
    """The questions whose `when` holds, in bank order; answers in `pending` (question id,
    value) count as not given."""
    # A condition holds when the question it names is itself applicable, answered (not "na"),
    # and its answer is among the listed values (for a multi answer: shares one of them).
    applicable: dict[str, Question] = {}
    for question in bank.questions.values():
        if all(
            _holds(name, wanted, applicable, answers, pending)
            for name, wanted in question.when.items()
        ):
            applicable[question.id] = question
    return tuple(applicable.values())


def _holds(
    name: str,
    wanted: tuple[str, ...],
    applicable: Mapping[str, Question],
    answers: Answers,
    pending: frozenset[tuple[str, str]] = frozenset(),
) -> bool:
    entry = answers.get(name)
    if name not in applicable or entry is None or entry.value == NA:
        return False
    return any(value in wanted and (name, value) not in pending for value in entry.chosen)


def severity_rule(
    question: Question,
    applicable: Mapping[str, Question],
    answers: Answers,
    pending: frozenset[tuple[str, str]] = frozenset(),
) -> SeverityRule | None:
    """The first of a check's conditional severity rules that the answers match, if any;
    answers in `pending` (question id, value: a regime not yet in force) count as not given."""
    # A rule that makes a gap serious because of a regime applies from that regime's date: on
    # an earlier review date the next rule holds (a duty of 2027 does not stop a 2026 launch).
    if not isinstance(question.severity, tuple):
        return None
    for rule in question.severity[:-1]:
        if all(
            _holds(name, wanted, applicable, answers, pending) for name, wanted in rule.when.items()
        ):
            return rule
    return None


def in_core(question: Question, applicable: Mapping[str, Question], answers: Answers) -> bool:
    """Whether the core track (`mlready ask --core`) asks `question`, given the answers so far:
    any question that is not a check; a check that is a blocker or major for this system, or
    that can cap the level."""
    # A cap can sit on the check, on one of its options or on the severity rule that holds.
    if not is_scored(question):
        return True
    rule = severity_rule(question, applicable, answers)
    if (rule.is_ if rule else question.gap_severity) is not Severity.MINOR:
        return True
    caps = (rule or question.default_rule).caps or question.caps
    return caps is not None or any(option.caps is not None for option in question.options)


def pending_answers(bank: Bank, answers: Answers, today: dt.date) -> dict[tuple[str, str], dt.date]:
    """The answers given whose option applies only from a date after `today`, with that date."""
    pending: dict[tuple[str, str], dt.date] = {}
    for question_id, value, applies_from in bank.dated_options:
        entry = answers.get(question_id)
        if applies_from <= today or entry is None or entry.value is None:
            continue
        if value in entry.chosen:
            pending[(question_id, value)] = applies_from
    return pending


def weight_of(question: Question, rule: SeverityRule | None) -> float:
    """A check's weight in its area's score: as written, else its severity's for this system."""
    if question.weight is not None or rule is None:
        return question.score_weight
    return rule.is_.default_weight


def check_score(question: Question, entry: AnswerEntry | None) -> float:
    """The score in 0..1 of a check's answer; 0 when unanswered."""
    if entry is None or not isinstance(entry.value, str):
        return 0.0
    option = question.option(entry.value)
    return (option.score or 0.0) if option else 0.0


# A scored check: its weight, its score, and whether it is minor for this system.
Scored = tuple[float, float, bool]


def _ratio(scored: list[Scored], *, minors: bool = True) -> float | None:
    pairs = [(weight, value) for weight, value, minor in scored if minors or not minor]
    total = sum(weight for weight, _ in pairs)
    if not total:
        return None
    return round(100 * sum(weight * score for weight, score in pairs) / total, 2)


def _depended_on(bank: Bank) -> frozenset[str]:
    """The decisions some question's `when` or severity rule names."""
    known = _DEPENDED_ON.get(id(bank))
    if known is not None and known[0] is bank:
        return known[1]
    named = frozenset(
        name
        for question in bank.questions.values()
        for condition in (question.when, *(rule.when for rule in question.severity_rules))
        for name in condition
    )
    _DEPENDED_ON.clear()  # one bank at a time is enough: a run scores against one or two
    _DEPENDED_ON[id(bank)] = (bank, named)
    return named


_DEPENDED_ON: dict[int, tuple[Bank, frozenset[str]]] = {}


def score(bank: Bank, answers: Answers, *, today: dt.date | None = None) -> Scorecard:
    """Score `answers` against `bank`; waivers, due dates and dates of application count as
    seen from `today` (default: the current date)."""
    today = today or dt.date.today()
    applicable = applicable_questions(bank, answers)
    applicable_by_id = {question.id: question for question in applicable}
    # Checks that apply only through an answer not yet in force (a regime adopted for a later
    # date), or whose own date is ahead, are upcoming. Most banks date nothing: no second pass.
    pending = pending_answers(bank, answers, today)
    in_force = (
        {q.id for q in applicable_questions(bank, answers, pending=frozenset(pending))}
        if pending
        else applicable_by_id.keys()
    )
    area_scores: list[AreaScore] = []
    all_pairs: list[Scored] = []
    gaps: list[Gap] = []
    upcoming: list[Gap] = []
    # A profile decision left unanswered leaves out, silently, every check it would bring in:
    # unanswered, as a check is, when any question or severity rule depends on it (the
    # fields of use only suggest regimes: optional).
    unanswered: list[Question] = [
        question
        for question in bank.profile
        if question.id in applicable_by_id
        and answers.get(question.id) is None
        and question.id in _depended_on(bank)
    ]
    not_applicable: list[Question] = []
    order = {question_id: index for index, question_id in enumerate(bank.questions)}
    # One pass over the bank, each answer looked up once: a bank may have 10,000 checks.
    for area in bank.areas:
        pairs: list[Scored] = []
        area_gaps = applicable_count = answered = 0
        for question in area.questions:
            if question.id not in applicable_by_id:
                continue
            applicable_count += 1
            entry = answers.get(question.id)
            if entry is None:
                unanswered.append(question)
            else:
                answered += 1
            if not is_scored(question):
                continue
            if entry is not None and entry.value == NA:
                not_applicable.append(question)
                continue
            value = check_score(question, entry)
            # Most checks have no date and one severity: no call made for them (a portfolio
            # scores every check of thousands of reviews).
            starts = (
                _starts(question, question.id in in_force, pending, today)
                if pending or question.applies_from is not None
                else None
            )
            rule = (
                severity_rule(question, applicable_by_id, answers, frozenset(pending))
                if isinstance(question.severity, tuple)
                else None
            )
            if starts is None:
                minor = (rule.is_ if rule else question.gap_severity) is Severity.MINOR
                pairs.append((weight_of(question, rule), value, minor))
            if value < 1:
                waived = bool(entry and entry.waiver and entry.waiver.active(today))
                gap = Gap(question, area, value, entry, waived=waived, rule=rule, upcoming=starts)
                if starts is None:
                    gaps.append(gap)
                    area_gaps += 1
                else:
                    upcoming.append(gap)
        all_pairs += pairs
        # Blockers and majors; every check when the area has nothing but minors.
        area_scores.append(
            AreaScore(
                area=area,
                score=serious
                if (serious := _ratio(pairs, minors=False)) is not None
                else _ratio(pairs),
                cap_score=serious,
                applicable=applicable_count,
                answered=answered,
                gaps=area_gaps,
            )
        )
    gaps.sort(key=lambda gap: (gap.severity.rank, -gap.lost_weight, order[gap.question.id]))
    upcoming.sort(key=lambda gap: (gap.upcoming, gap.severity.rank, order[gap.question.id]))
    scored = [area.score for area in area_scores if area.score is not None]
    overall = min(scored) if scored else None
    cap_score = min((a.cap_score for a in area_scores if a.cap_score is not None), default=None)
    return Scorecard(
        bank=bank,
        answers=answers,
        applicable=applicable,
        areas=tuple(area_scores),
        score=overall,
        mean=_ratio(all_pairs),
        level=level_for(bank, overall, gaps=gaps, today=today, cap_score=cap_score),
        gaps=tuple(gaps),
        unanswered=tuple(unanswered),
        not_applicable=tuple(not_applicable),
        today=today,
        upcoming=tuple(upcoming),
        cap_score=cap_score,
    )


def _starts(
    question: Question,
    in_force: bool,
    pending: Mapping[tuple[str, str], dt.date],
    today: dt.date,
) -> dt.date | None:
    """The date a check's obligation applies from, when after `today`; else None."""
    dates = []
    if question.applies_from is not None and question.applies_from > today:
        dates.append(question.applies_from)
    if not in_force:
        # The dates of the pending answers its condition names; the latest pending date when it
        # depends on them only through other questions.
        named = [
            date for (name, value), date in pending.items() if value in question.when.get(name, ())
        ]
        dates.append(min(named) if named else max(pending.values()))
    return max(dates) if dates else None


# Partly done blockers that, together, keep a review from the top level, with plans or without:
# one or two are conditions a reviewer names; three or more are obligations half met.
SEVERAL_PARTLY_DONE = 3


# How far ahead a plan's due date may lie and still count as a plan: a gap "owned" until 2031
# is a wish, and a ticket must not carry a system to a level it has not earned. A quarter: the
# time a remediation plan for a serious finding is usually given, and short enough that a
# launch on the strength of the plan is reviewed again before the gap has been open long.
PLAN_HORIZON_DAYS = 90

# How near a duty not yet in force is a condition of the level: a year, about the first year of
# a system launched today, in which a conformity assessment or a registration is prepared.
DUE_SOON_DAYS = 365


def owned(action: Action | None, today: dt.date, *, by: dt.date | None = None) -> bool:
    """Whether a gap's action has an owner and a due date that has not passed on `today` and
    falls within PLAN_HORIZON_DAYS of it, or, for a duty that applies `by` a later date, on or
    before that date (a plan for a duty not yet in force is due when the duty is)."""
    if action is None or not action.owner or action.due is None:
        return False
    if by is not None:
        return today <= action.due <= by
    # A difference, not today + 90 days: near the last date a calendar holds, that overflows.
    return today <= action.due and (action.due - today).days <= PLAN_HORIZON_DAYS


def gap_cap(bank: Bank, gap: Gap, today: dt.date) -> Level | None:
    """The level an open gap caps the review at on its own, if any: a blocker, or a check with
    `caps`, at its lowest grade, or an answer whose option names a cap (an owned plan lifts a
    cap one below the top)."""
    level = written_cap(bank, gap)
    if level is not None and lifted(bank, gap, level, today):
        level = _one_up(bank, level)
    return level


def _one_up(bank: Bank, level: Level) -> Level:
    """The level above `level` (the top stays the top): where an owned plan lifts a cap."""
    return bank.levels[max(bank.levels.index(level) - 1, 0)]


def written_cap(bank: Bank, gap: Gap) -> Level | None:
    """The level a gap caps the review at as the bank writes it, before any plan lifts it."""
    # An option's own cap holds at any grade: "some sources used without checking their
    # licences" scores above "not checked" yet stops a launch all the same.
    if not gap.lowest and gap.chosen_caps is None:
        return None
    named = bank.level_named(gap.caps)
    if gap.severity is not Severity.BLOCKER and named is None:
        return None
    return named or bank.lowest_level


def partly_done(bank: Bank, gaps: Sequence[Gap], today: dt.date) -> list[Gap]:
    """The blockers among `gaps` only partly done: above their lowest grade, those whose
    answer caps of its own included (a plan may lift that cap; the pattern still counts), and
    those at their lowest grade whose cap an owned plan lifted (planned is not done either)."""
    # Without the planned ones, four blockers at zero with tickets would outrank three half
    # done: no evaluation set, red team, rollback or alerting, each "owned", at the top level.
    return [
        gap
        for gap in gaps
        if gap.severity is Severity.BLOCKER and (not gap.lowest or _planned(bank, gap, today))
    ]


def _planned(bank: Bank, gap: Gap, today: dt.date) -> bool:
    """Whether an owned plan lifted the cap of a gap at its lowest grade."""
    written = written_cap(bank, gap)
    return written is not None and lifted(bank, gap, written, today)


def liftable(bank: Bank, gap: Gap, cap: Level) -> bool:
    """Whether an owned plan or a waiver may lift the gap's `cap`: only a cap one below the
    top that is not the lowest level, and only where the check allows it (`plan_lifts`)."""
    # A cap lower down marks what is unsafe or unlawful live (prototype) or even in a trial
    # (the lowest): lifted a level, the harm would happen while the ticket is open. In a bank
    # of two levels the one below the top is the lowest: nothing lifts it.
    second = bank.levels[min(1, len(bank.levels) - 1)]
    return gap.question.plan_lifts and cap == second and cap != bank.lowest_level


def lifted(bank: Bank, gap: Gap, cap: Level, today: dt.date) -> bool:
    """Whether an owned plan lifts the gap's `cap` one level (see `liftable`)."""
    return owned(gap.action, today) and liftable(bank, gap, cap)


def level_caps(
    bank: Bank,
    score: float | None,
    *,
    gaps: Sequence[Gap] = (),
    today: dt.date,
) -> list[Cap]:
    """Every limit the `gaps` (open or waived) and the score put on the level (see
    `level_for`)."""
    levels = bank.levels
    second = levels[min(1, len(levels) - 1)]
    caps: list[Cap] = []
    if score is None:  # no check is scored: nothing shows that any good practice is in place
        caps.append(Cap(bank.lowest_level, "unscored"))
    elif len(levels) > 1 and score < levels[-2].min:
        caps.append(Cap(second, "score"))
    open_gaps = [gap for gap in gaps if not gap.waived]
    for gap in open_gaps:
        written = written_cap(bank, gap)
        if written is not None:
            # "owned" only where the plan did lift the cap (from one below the top).
            was_lifted = lifted(bank, gap, written, today)
            cap = _one_up(bank, written) if was_lifted else written
            caps.append(Cap(cap, "owned" if was_lifted else "gap", (gap,)))
    # A waiver accepts a risk for the gate; like an owned plan it lifts only a cap one below
    # the top. A gap that makes a trial unlawful or live use unsafe is not made lawful or safe
    # by accepting it: its cap holds.
    for gap in (gap for gap in gaps if gap.waived):
        written = written_cap(bank, gap)
        if written is not None and not liftable(bank, gap, written):
            caps.append(Cap(written, "waived", (gap,)))
    # Plans or not: three obligations half met are a pattern a ticket each does not undo
    # (owned plans lift a gap's own cap only).
    half_met = partly_done(bank, open_gaps, today)
    if len(half_met) >= SEVERAL_PARTLY_DONE:
        caps.append(Cap(second, "partly_done", tuple(half_met)))
    return caps


def level_for(
    bank: Bank,
    score: float | None,
    *,
    gaps: Sequence[Gap] = (),
    today: dt.date,
    cap_score: float | None = None,
) -> Level:
    """The level of a review with this score and these gaps: the top level, capped by each open
    gap that caps it, by each waived gap that caps below one under the top, by several partly
    done blockers and by a very low `cap_score`; the lowest when no check is scored."""
    # The reviewer's levels follow the serious gaps, not the averages: the score caps only when
    # an area lacks most of its good practice (below the second-lowest level's minimum).
    # The cap score is the score without minor checks (the score itself when none is given).
    capping = level_caps(bank, score if cap_score is None else cap_score, gaps=gaps, today=today)
    caps = [bank.levels[0], *(cap.level for cap in capping)]
    return min(caps, key=lambda level: level.min)
