"""The action plan of a review: who closes each gap and by when, what is overdue, and which
waivers run out soon. Every output reads these, so that they agree."""

import datetime as dt
from typing import NamedTuple

from mlready.core.messages import Message
from mlready.core.model import Action
from mlready.core.scoring import Gap, Scorecard
from mlready.core.vocabulary import Severity

EXPIRING_DAYS = 30  # a waiver that ends within this many days is listed as expiring soon
TOP_ACTIONS = 5  # how many actions the executive summary lists


class PlannedGap(NamedTuple):
    """A gap with its action (if one is written) and whether that action is overdue."""

    gap: Gap
    action: Action | None
    overdue: bool

    @property
    def due(self) -> dt.date | None:
        """The action's due date, if any."""
        return self.action.due if self.action else None


def _today(card: Scorecard) -> dt.date:
    return card.today or dt.date.today()


def _planned(gap: Gap, today: dt.date) -> PlannedGap:
    action = gap.action
    overdue = not gap.waived and action is not None and action.overdue(today)
    return PlannedGap(gap, action, overdue)


def _plan_order(planned: PlannedGap) -> tuple[int, int, dt.date]:
    # Severity first; then the earliest due date; gaps without one after those with one.
    due = planned.due
    return (planned.gap.severity.rank, due is None, due or dt.date.max)


def action_plan(card: Scorecard) -> tuple[PlannedGap, ...]:
    """Every gap (waived ones too), by severity, then due date (none last), then as scored."""
    today = _today(card)
    return tuple(sorted((_planned(gap, today) for gap in card.gaps), key=_plan_order))


def top_actions(card: Scorecard, *, count: int = TOP_ACTIONS) -> tuple[PlannedGap, ...]:
    """What to do first: the first `count` open gaps of the action plan."""
    return tuple(item for item in action_plan(card) if not item.gap.waived)[:count]


def overdue_actions(
    card: Scorecard, *, severities: frozenset[Severity] | None = None
) -> tuple[PlannedGap, ...]:
    """Open gaps whose action is past its due date (of `severities`, when given)."""
    return tuple(
        item
        for item in action_plan(card)
        if item.overdue and (severities is None or item.gap.severity in severities)
    )


def expiring_waivers(card: Scorecard, *, within: int = EXPIRING_DAYS) -> tuple[Gap, ...]:
    """Gaps whose active waiver ends within `within` days of the scorecard's date."""
    today = _today(card)
    return tuple(
        gap
        for gap in card.waived
        if gap.waiver is not None and (gap.waiver.expires - today).days <= within
    )


def action_warnings(card: Scorecard) -> list[str]:
    """An action written on a check with no gap to close: worth a warning, not an error."""
    gaps = {gap.question.id for gap in card.gaps}
    answers = card.answers
    return [
        Message(
            "{place}: the action of '{id}' has no gap to close",
            place=f"{answers.source}:{answers.lines.get(question_id, answers.answers_line)}",
            id=question_id,
        )
        for question_id, entry in answers.entries.items()
        if entry.action is not None
        and question_id not in gaps
        and any(q.id == question_id for q in card.answered_checks)
    ]
