"""Scoring a review: which questions apply, area scores, the level, blockers and gaps."""

# The rules are exact so that any two tools agree: a check scores its option's score (0 when
# unanswered); an area scores 100 x sum(w*s) / sum(w) over its applicable checks that are not
# "na"; the overall score is the lowest area score; the level is the highest whose minimum that
# score reaches, except that an open blocker gap scoring 0 (or unanswered) forces the lowest level
# and one scoring between 0 and 1 caps the level at the second-lowest.

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from mlready.core.answers import Answers
from mlready.core.kinds import is_scored
from mlready.core.model import NA, Action, AnswerEntry, Area, Bank, Level, Question, Waiver
from mlready.core.vocabulary import Severity


class Gap(NamedTuple):
    """An applicable check that scores below 1 (answered or not)."""

    question: Question
    area: Area
    score: float
    answer: AnswerEntry | None
    waived: bool = False  # an unexpired waiver accepts this gap

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
        """How much the gap matters."""
        return self.question.gap_severity

    @property
    def lost_weight(self) -> float:
        """The weight this gap takes from its area's score."""
        return self.question.score_weight * (1 - self.score)


class AreaScore(NamedTuple):
    """An area's score and counts of applicable, answered and gap checks."""

    area: Area
    score: float | None  # None when no applicable check is left to score
    applicable: int  # applicable questions of any kind
    answered: int  # of those, answered (na included)
    gaps: int


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

    @property
    def open_gaps(self) -> tuple[Gap, ...]:
        """Gaps no active waiver accepts."""
        return tuple(gap for gap in self.gaps if not gap.waived)

    @property
    def blockers(self) -> tuple[Gap, ...]:
        """Open blocker gaps: each one forces the lowest level and fails the gate."""
        return tuple(gap for gap in self.open_gaps if gap.severity is Severity.BLOCKER)

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
        not_applicable = {question.id for question in self.not_applicable}
        return {
            q.id: None if q.id in not_applicable else gaps.get(q.id, 1.0)
            for q in self.applicable
            if is_scored(q)
        }

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


def applicable_questions(bank: Bank, answers: Answers) -> tuple[Question, ...]:
    """The questions whose `when` holds, in bank order."""
    # A condition holds when the question it names is itself applicable, answered (not "na"),
    # and its answer is among the listed values (for a multi answer: shares one of them).
    applicable: dict[str, Question] = {}
    for question in bank.questions.values():
        if all(_holds(name, wanted, applicable, answers) for name, wanted in question.when.items()):
            applicable[question.id] = question
    return tuple(applicable.values())


def _holds(
    name: str, wanted: tuple[str, ...], applicable: dict[str, Question], answers: Answers
) -> bool:
    entry = answers.get(name)
    if name not in applicable or entry is None or entry.value == NA:
        return False
    given = (entry.value,) if isinstance(entry.value, str) else entry.value or ()
    return any(value in wanted for value in given)


def check_score(question: Question, entry: AnswerEntry | None) -> float:
    """The score in 0..1 of a check's answer; 0 when unanswered."""
    if entry is None or not isinstance(entry.value, str):
        return 0.0
    option = question.option(entry.value)
    return (option.score or 0.0) if option else 0.0


def _ratio(pairs: list[tuple[float, float]]) -> float | None:
    total = sum(weight for weight, _ in pairs)
    if not total:
        return None
    return round(100 * sum(weight * score for weight, score in pairs) / total, 2)


def score(bank: Bank, answers: Answers, *, today: dt.date | None = None) -> Scorecard:
    """Score `answers` against `bank`; waivers count until their expiry date, seen from `today`
    (default: the current date)."""
    today = today or dt.date.today()
    applicable = applicable_questions(bank, answers)
    applicable_ids = {question.id for question in applicable}
    area_scores: list[AreaScore] = []
    all_pairs: list[tuple[float, float]] = []
    gaps: list[Gap] = []
    unanswered: list[Question] = []
    not_applicable: list[Question] = []
    order = {question_id: index for index, question_id in enumerate(bank.questions)}
    # One pass over the bank, each answer looked up once: a bank may have 10,000 checks.
    for area in bank.areas:
        pairs: list[tuple[float, float]] = []
        area_gaps = applicable_count = answered = 0
        for question in area.questions:
            if question.id not in applicable_ids:
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
            pairs.append((question.score_weight, value))
            if value < 1:
                waived = bool(entry and entry.waiver and entry.waiver.active(today))
                gaps.append(Gap(question, area, value, entry, waived=waived))
                area_gaps += 1
        all_pairs += pairs
        area_scores.append(
            AreaScore(
                area=area,
                score=_ratio(pairs),
                applicable=applicable_count,
                answered=answered,
                gaps=area_gaps,
            )
        )
    gaps.sort(key=lambda gap: (gap.severity.rank, -gap.lost_weight, order[gap.question.id]))
    scored = [area.score for area in area_scores if area.score is not None]
    overall = min(scored) if scored else None
    blockers = [gap.score for gap in gaps if gap.severity is Severity.BLOCKER and not gap.waived]
    return Scorecard(
        bank=bank,
        answers=answers,
        applicable=applicable,
        areas=tuple(area_scores),
        score=overall,
        mean=_ratio(all_pairs),
        level=level_for(bank, overall, blocker_scores=blockers),
        gaps=tuple(gaps),
        unanswered=tuple(unanswered),
        not_applicable=tuple(not_applicable),
        today=today,
    )


def level_for(bank: Bank, score: float | None, *, blocker_scores: Sequence[float] = ()) -> Level:
    """The highest level whose minimum the score reaches, given the scores of the open blocker
    gaps: any at 0 forces the lowest level, any other caps it at the second-lowest."""
    if score is None or any(value == 0 for value in blocker_scores):
        return bank.lowest_level
    # No default: the bank loader requires the lowest level to have min 0 and a score is never
    # below 0, so some level always matches.
    level = next(level for level in bank.levels if level.min <= score)
    if blocker_scores:  # the lower of the two: a cap never lifts a level
        return min(level, bank.capped_level, key=lambda candidate: candidate.min)
    return level
