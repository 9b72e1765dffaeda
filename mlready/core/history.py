"""A review's history: every revision of its answers file scored against the bank in use, the
gaps opened and closed between them, and the trend of the score."""

import datetime as dt
from typing import NamedTuple

from mlready.core.diff import diff_reviews
from mlready.core.messages import _
from mlready.core.model import Bank, Level, Question
from mlready.core.scoring import Scorecard
from mlready.core.signoff import answers_digest

# The label of the working tree's point in a trend (a revision's is its short commit id);
# data here, said in the reader's language where it is shown.
NOW = "now"


class Scored(NamedTuple):
    """What a history keeps of a revision's scorecard: its level and scores, and a digest of
    its answers. A history of many revisions holds these, and one or two scorecards at a time
    while it is read (see `step_to`)."""

    level: Level
    score: float | None
    mean: float | None
    areas: tuple[tuple[str, float | None], ...]  # each area's id and score
    digest: str  # of the answers (see core.signoff): whether two revisions say the same


def scored_of(card: Scorecard) -> Scored:
    """What a history keeps of `card`."""
    areas = tuple((row.area.id, row.score) for row in card.areas)
    return Scored(card.level, card.score, card.mean, areas, answers_digest(card.answers))


class Revision(NamedTuple):
    """One committed version of the answers file, scored as of its commit date (`scored` is
    None when it could not be read; `problem` says why)."""

    commit: str
    date: dt.datetime
    author: str
    path: str  # the file's path in that commit (it may have been renamed since)
    scored: Scored | None
    problem: str | None = None
    written_for: str | None = None  # the bank it names, when not the version in use

    @property
    def short(self) -> str:
        """The commit's abbreviated hash."""
        return self.commit[:7]


class Step(NamedTuple):
    """What changed between two readable revisions that follow each other."""

    before: Revision
    after: Revision
    opened: tuple[Question, ...]
    closed: tuple[Question, ...]
    no_longer_applicable: tuple[Question, ...]
    worsened: tuple[Question, ...] = ()  # still open, further from done (partial -> no)


def step_to(
    revision: Revision, card: Scorecard, previous: tuple[Revision, Scorecard] | None
) -> Step:
    """The gaps opened, closed and no longer applicable from the `previous` readable revision
    (and its scorecard) to `revision`; the first one opens every gap it has."""
    if previous is None:
        return Step(revision, revision, tuple(gap.question for gap in card.open_gaps), (), ())
    before, before_card = previous
    change = diff_reviews(before_card, card)
    return Step(
        before,
        revision,
        change.opened,
        change.closed,
        change.no_longer_applicable,
        change.worsened,
    )


class History(NamedTuple):
    """The revisions of one answers file, oldest first, and the steps between the readable
    ones."""

    source: str
    bank: Bank
    revisions: tuple[Revision, ...]
    since: dt.date | None = None
    steps: tuple[Step, ...] = ()

    @property
    def readable(self) -> tuple[Revision, ...]:
        """The revisions that could be read and scored."""
        return tuple(revision for revision in self.revisions if revision.scored is not None)


class TrendPoint(NamedTuple):
    """The score at one point in time: a revision, or the file as it is now."""

    date: dt.date
    score: float | None
    label: str  # a commit's short hash, or "now"


class Trend(NamedTuple):
    """How a review's score moved: the points, and the revision the current answers are
    compared with (the newest whose answers differ), if any."""

    points: tuple[TrendPoint, ...]
    previous: Revision | None

    @property
    def shown(self) -> bool:
        """Whether there is a trend to show: at least two points."""
        return len(self.points) >= 2


def trend_of(history: History, current: Scorecard) -> Trend:
    """The scores of the readable revisions, then the current answers when they differ from
    the last revision; and the previous review, the newest revision with other answers."""
    digest = answers_digest(current.answers)
    points: list[TrendPoint] = []
    previous: Revision | None = None
    last_digest: str | None = None
    for revision in history.readable:
        scored = revision.scored
        assert scored is not None  # readable
        points.append(TrendPoint(revision.date.date(), scored.score, revision.short))
        last_digest = scored.digest
        if last_digest != digest:
            previous = revision
    if last_digest != digest:
        today = current.today or dt.date.today()
        points.append(TrendPoint(today, current.score, NOW))
    return Trend(tuple(points), previous)


class Change(NamedTuple):
    """How the current review differs from the previous one: level and score."""

    previous: Revision
    level_before: str
    level_after: str
    score_before: float | None
    score_after: float | None

    @property
    def delta(self) -> str:
        """The score's change, signed (`+11.2`, `-3`, `±0`), or `n/a`."""
        if self.score_before is None or self.score_after is None:
            return _("n/a")  # only a report shows it
        change = round(self.score_after - self.score_before, 2)
        return "±0" if change == 0 else f"{change:+g}"


def change_since(trend: Trend | None, current: Scorecard) -> Change | None:
    """The change from the previous review (the newest revision with other answers)."""
    if trend is None or trend.previous is None or trend.previous.scored is None:
        return None
    before = trend.previous.scored
    return Change(
        trend.previous, before.level.name, current.level.name, before.score, current.score
    )
