"""What changed between two reviews of the same system."""

from __future__ import annotations

from mlready.core.model import AnswerEntry, Area, Question, Record, record
from mlready.core.scoring import Scorecard


@record
class AnswerChange(Record):
    """One question whose answer, note, evidence or waiver changed."""

    question: Question
    before: AnswerEntry | None
    after: AnswerEntry | None

    def describe(self, entry: AnswerEntry | None) -> str:
        """An answer of this change in words (option labels, text or n/a)."""
        return self.question.describe(entry.value if entry else None)


@record
class AreaChange(Record):
    """An area whose score changed."""

    area: Area
    before: float | None
    after: float | None


@record
class ReviewDiff(Record):
    """What changed between two reviews of the same system."""

    before: Scorecard
    after: Scorecard
    answers: tuple[AnswerChange, ...]
    areas: tuple[AreaChange, ...]
    opened: tuple[Question, ...]  # gaps open now that were not before
    closed: tuple[Question, ...]  # gaps open before that still apply and are not gaps now
    # Gaps open before whose check no longer applies (its `when` stopped holding, or it is
    # answered n/a now): not closed, since nothing was done about them.
    no_longer_applicable: tuple[Question, ...] = ()
    # Gaps open before and still open, now further from done (partial -> no): a closed gap
    # is news, and so is one that got worse without opening anew.
    worsened: tuple[Question, ...] = ()


def diff_reviews(before: Scorecard, after: Scorecard) -> ReviewDiff:
    """Compare two scorecards of the same bank: answers, notes, areas, level and gaps."""
    bank = after.bank
    changes = []
    for question in bank.questions.values():
        old, new = before.answers.get(question.id), after.answers.get(question.id)
        if old != new:
            changes.append(AnswerChange(question=question, before=old, after=new))
    old_areas = {row.area.id: row.score for row in before.areas}
    areas = tuple(
        AreaChange(area=row.area, before=old_areas.get(row.area.id), after=row.score)
        for row in after.areas
        if old_areas.get(row.area.id) != row.score
    )
    old_gaps = {gap.question.id for gap in before.open_gaps}
    new_gaps = {gap.question.id for gap in after.open_gaps}
    applying = {q.id for q in after.applicable} - {q.id for q in after.not_applicable}
    gone = old_gaps - new_gaps
    old_scores = {gap.question.id: gap.score for gap in before.open_gaps}
    worse = {
        gap.question.id for gap in after.open_gaps if gap.score < old_scores.get(gap.question.id, 0)
    }
    return ReviewDiff(
        before=before,
        after=after,
        answers=tuple(changes),
        areas=areas,
        opened=tuple(q for i, q in bank.questions.items() if i in new_gaps - old_gaps),
        closed=tuple(q for i, q in bank.questions.items() if i in gone & applying),
        no_longer_applicable=tuple(q for i, q in bank.questions.items() if i in gone - applying),
        worsened=tuple(q for i, q in bank.questions.items() if i in worse),
    )
