"""The CI gate: whether a scorecard passes, and why not; and comparison with a baseline."""

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from mlready.core.errors import InputError, Place, Problem
from mlready.core.evidence import CheckEvidence
from mlready.core.messages import Message, message_n, series
from mlready.core.model import Bank, Level
from mlready.core.plan import overdue_actions
from mlready.core.scoring import PLAN_HORIZON_DAYS, Scorecard
from mlready.core.signoff import signoff_states
from mlready.core.vocabulary import EvidenceState, Severity, word_for

# Results are named tuples: immutable and typed like the models, but cheaper to define, which
# every run of the command pays for.


class Baseline(NamedTuple):
    """What an earlier review concluded: enough to tell a regression from an improvement."""

    score: float | None
    checks: dict[str, float | None]  # check id -> score, None for "na"
    blockers: frozenset[str]

    @classmethod
    def of(cls, scorecard: Scorecard) -> "Baseline":
        """What `scorecard` concluded."""
        return cls(
            score=scorecard.score,
            checks=scorecard.check_scores(),
            blockers=frozenset(gap.question.id for gap in scorecard.blockers),
        )


class Comparison(NamedTuple):
    """How a review moved against its baseline."""

    regressions: tuple[str, ...]
    improvements: tuple[str, ...]


class Verdict(NamedTuple):
    """Whether a review passes the gate, the reasons it does not, and notes that do not fail it."""

    passed: bool
    reasons: tuple[str, ...]
    comparison: Comparison | None = None
    notes: tuple[str, ...] = ()  # what does not fail, but deserves a line


class Gate(NamedTuple):
    """What fails a review: the command line's choices, else the settings file's."""

    fail_under: float | None = None  # the lowest score that passes
    # The lowest level that passes (a level's name): `--fail-under pilot` fails a prototype.
    # The level follows the open gaps, not the score, so a level asks for a level, not for the
    # score a level once took.
    min_level: str | None = None
    fail_on: Severity = Severity.BLOCKER
    max_age: int | None = None
    fail_on_overdue: bool = False  # an overdue action on a blocker or major gap fails
    require_signoff: tuple[str, ...] = ()  # roles that must have signed the answers as they are
    fail_on_contradicted: bool = False  # an answer the repository contradicts fails
    require_evidence: Severity | None = None  # full marks of this severity or worse need proof
    # Every condition of the level (a serious gap that caps nothing) owned: an owner and a due
    # date within the plan horizon, as the top level's meaning asks.
    require_owners: bool = False


# The gaps whose overdue actions fail the gate with `fail_on_overdue`.
OVERDUE_SEVERITIES = frozenset({Severity.BLOCKER, Severity.MAJOR})


DEFAULT_MAX_WAIVER_DAYS = 365


def dating_problems(
    scorecard: Scorecard, *, today: dt.date, max_waiver_days: int = DEFAULT_MAX_WAIVER_DAYS
) -> tuple[list[Problem], list[str]]:
    """What the dates of a review get wrong, seen from `today`: problems (a review dated in the
    future; a waiver longer than `max_waiver_days`) and warnings (a waiver with nothing to
    waive). Each names the line of the answers file."""
    answers = scorecard.answers
    problems: list[Problem] = []
    warnings: list[str] = []
    reviewed = answers.project.reviewed
    if reviewed is not None and reviewed > today:
        problems.append(
            Problem(
                answers.project_places["reviewed"],  # a date was written, so its key was
                Message(
                    "project.reviewed is {reviewed}, after today ({today}); "
                    "a review cannot be dated in the future",
                    reviewed=reviewed,
                    today=today,
                ),
            )
        )
    for signoff in answers.project.signoff:
        if signoff.date > today:
            problems.append(
                Problem(
                    answers.project_places["signoff"],
                    Message(
                        "the sign-off by {name} ({role}) is dated {date}, after today "
                        "({today}); a sign-off cannot be dated in the future",
                        name=signoff.name,
                        role=signoff.role,
                        date=signoff.date,
                        today=today,
                    ),
                )
            )
    gaps = {gap.question.id for gap in scorecard.gaps}
    for question_id, entry in answers.entries.items():
        if entry.waiver is None:
            continue
        place = Place(answers.source, answers.lines[question_id])
        ahead = (entry.waiver.expires - today).days
        if ahead > max_waiver_days:
            problems.append(
                Problem(
                    place,
                    Message(
                        "the waiver of '{id}' runs until {expires}, {ahead} days ahead; "
                        "the limit is {limit} days (settings: max-waiver-days)",
                        id=question_id,
                        expires=entry.waiver.expires,
                        ahead=ahead,
                        limit=max_waiver_days,
                    ),
                )
            )
        if question_id not in gaps:
            warnings.append(
                Message(
                    "{place}: the waiver of '{id}' has nothing to waive",
                    place=place,
                    id=question_id,
                )
            )
    return problems, warnings


def threshold(
    bank: Bank,
    value: str | float,
    *,
    origin: str = "--fail-under",
    titles: Mapping[str, str] | None = None,
) -> float | Level:
    """A `--fail-under` value: a score 0..100, or a level of the bank by its name or by its
    title in `titles` (level names by title, in the language spoken). `origin` names where the
    value came from, for the message."""
    # A level's own name first: a title that reads like another level's name does not hide it.
    # A number (from a settings file) is a score, even where a level's name reads like one.
    if isinstance(value, str):
        named = bank.level_named(value) or bank.level_named((titles or {}).get(value))
        if named is not None:
            return named
    try:
        number = float(value)
    except ValueError:
        said = {name: title for title, name in (titles or {}).items()}
        names = series(
            [
                Message("{name} ({title})", name=level.name, title=said[level.name])
                if level.name in said
                else level.name
                for level in bank.levels
            ]
        )
        raise InputError(
            Message(
                "{origin}: expected a score from 0 to 100 or a level ({names}); got '{value}'",
                origin=origin,
                names=names,
                value=value,
            )
        ) from None
    if not 0 <= number <= 100:
        raise InputError(
            Message(
                "{origin}: expected a score from 0 to 100; got {value}", origin=origin, value=value
            )
        )
    return number


def judge(
    scorecard: Scorecard,
    gate: Gate = Gate(),  # noqa: B008 - an immutable named tuple
    *,
    allow_incomplete: bool = False,
    today: dt.date | None = None,
    baseline: Baseline | None = None,
    evidence: Mapping[str, CheckEvidence] | None = None,
) -> Verdict:
    """The verdict of `gate` on `scorecard` (and on the `evidence` of its answers, when the
    gate asks for evidence)."""
    # Without a baseline it fails on an open gap of the gate's `fail_on` severity or worse
    # (waived gaps are not open), an unanswered applicable question other than a minor check,
    # or a score below `fail_under`. With a baseline it fails only on regressions against it.
    # Either way, a review older than `max_age` days (or without a date) fails.
    fail_under, fail_on, max_age = gate.fail_under, gate.fail_on, gate.max_age
    today = today or dt.date.today()
    reasons: list[str] = []
    comparison = compare(scorecard, baseline) if baseline else None
    if comparison is not None:
        reasons += comparison.regressions
    else:
        blockers = len(scorecard.blockers)
        if blockers:
            reasons.append(message_n("{count} blocker gap", "{count} blocker gaps", count=blockers))
        if fail_on is not Severity.BLOCKER:
            worse = [
                gap
                for gap in scorecard.open_gaps
                if Severity.BLOCKER.rank < gap.severity.rank <= fail_on.rank
            ]
            if worse:
                reasons.append(
                    message_n(
                        "{count} gap of severity {severity} or worse",
                        "{count} gaps of severity {severity} or worse",
                        count=len(worse),
                        severity=word_for(fail_on),
                    )
                )
        # Minor checks are optional: unanswered, they score 0 but do not fail the gate.
        unanswered = len(scorecard.unanswered) - len(scorecard.unanswered_minor)
        if unanswered and not allow_incomplete:
            reasons.append(
                message_n(
                    "{count} applicable question unanswered",
                    "{count} applicable questions unanswered",
                    count=unanswered,
                )
            )
    if fail_under is not None:
        if scorecard.score is None:
            reasons.append(
                Message("no score to compare with --fail-under {limit}", limit=f"{fail_under:g}")
            )
        elif scorecard.score < fail_under:
            reasons.append(
                Message(
                    "score {score} is below {limit}",
                    score=f"{scorecard.score:g}",
                    limit=f"{fail_under:g}",
                )
            )
    if gate.min_level is not None:
        wanted = scorecard.bank.level_named(gate.min_level)
        levels = scorecard.bank.levels
        if wanted is not None and levels.index(scorecard.level) > levels.index(wanted):
            reasons.append(
                Message(
                    "level {level} is below {limit}",
                    level=scorecard.level.shown,
                    limit=wanted.shown,
                )
            )
    if max_age is not None:
        reviewed = scorecard.answers.project.reviewed
        if reviewed is None:
            reasons.append(Message("the review has no date (project.reviewed)"))
        elif (today - reviewed).days > max_age:
            reasons.append(
                Message(
                    "the review is {days} days old (reviewed {reviewed}; limit {limit} days)",
                    days=(today - reviewed).days,
                    reviewed=reviewed,
                    limit=max_age,
                )
            )
    if gate.fail_on_overdue:
        overdue = overdue_actions(scorecard, severities=OVERDUE_SEVERITIES)
        if overdue:
            reasons.append(
                message_n(
                    "{count} overdue action on blocker or major gaps ({ids})",
                    "{count} overdue actions on blocker or major gaps ({ids})",
                    count=len(overdue),
                    ids=series([item.gap.question.id for item in overdue]),
                )
            )
    reasons += owner_reasons(scorecard, require=gate.require_owners or asks_top(scorecard, gate))
    if gate.require_signoff:
        states = signoff_states(scorecard.answers)
        for role in dict.fromkeys(gate.require_signoff):
            of_role = [state for state in states if state.signoff.role == role]
            if not of_role:
                reasons.append(Message("no sign-off by a {role}", role=role))
            elif not any(state.current for state in of_role):
                reasons.append(
                    Message("the sign-off by a {role} is for answers that changed since", role=role)
                )
    reasons += evidence_reasons(scorecard, gate, evidence or {})
    notes = [
        Message(
            "waiver for {id} expired on {expires}", id=gap.question.id, expires=gap.waiver.expires
        )
        for gap in scorecard.expired_waivers
        if gap.waiver is not None
    ]
    return Verdict(
        passed=not reasons, reasons=tuple(reasons), comparison=comparison, notes=tuple(notes)
    )


def asks_top(scorecard: Scorecard, gate: Gate) -> bool:
    """Whether the gate asks for the bank's top level (`--fail-under production`) and the review
    is at it, so that its conditions must be owned (below it, the level already fails)."""
    # The top level's meaning includes conditions that each have an owner and a due date: a top
    # level whose conditions nobody owns is not the level the gate asked for.
    top = scorecard.bank.levels[0]
    if gate.min_level is None or scorecard.level != top:
        return False
    return scorecard.bank.level_named(gate.min_level) == top


def owner_reasons(scorecard: Scorecard, *, require: bool) -> list[str]:
    """Why the conditions of the level fail the gate (when `require`d: `require_owners`, or a
    gate that asks for the top level): those that no plan owns, an owner and a due date within
    the plan horizon."""
    unowned = scorecard.unowned_conditions if require else ()
    # A duty not yet in force is owned by a plan due when it applies, not within the horizon:
    # saying "within 90 days" of it would send a reader to the wrong date.
    gaps = [gap for gap in unowned if gap.upcoming is None]
    duties = [gap for gap in unowned if gap.upcoming is not None]
    reasons: list[str] = []
    if gaps:
        reasons.append(
            message_n(
                "{count} condition of the level without an owner and a due date within {days} "
                "days ({ids})",
                "{count} conditions of the level without an owner and a due date within {days} "
                "days ({ids})",
                count=len(gaps),
                days=PLAN_HORIZON_DAYS,
                ids=series([gap.question.id for gap in gaps]),
            )
        )
    if duties:
        reasons.append(
            message_n(
                "{count} duty that applies within a year without an owner and a due date by "
                "the day it applies ({ids})",
                "{count} duties that apply within a year without an owner and a due date by "
                "the day they apply ({ids})",
                count=len(duties),
                ids=series([gap.question.id for gap in duties]),
            )
        )
    return reasons


def evidence_reasons(
    scorecard: Scorecard, gate: Gate, evidence: Mapping[str, CheckEvidence]
) -> list[str]:
    """Why the evidence fails the gate: contradicted answers (with `fail_on_contradicted`),
    and checks of `require_evidence` severity or worse at full marks only claimed."""
    reasons: list[str] = []
    contradicted = [
        key for key, item in evidence.items() if item.state is EvidenceState.CONTRADICTED
    ]
    if gate.fail_on_contradicted and contradicted:
        reasons.append(
            message_n(
                "{count} answer the repository does not show ({ids})",
                "{count} answers the repository does not show ({ids})",
                count=len(contradicted),
                ids=series(contradicted),
            )
        )
    if gate.require_evidence is not None:
        scores = scorecard.check_scores()
        claimed = [
            key
            for key, item in evidence.items()
            if item.state in (EvidenceState.CLAIMED, EvidenceState.PARTLY_EVIDENCED)
            and scores.get(key) == 1
            and scorecard.severity_of(scorecard.bank.questions[key]).rank
            <= gate.require_evidence.rank
        ]
        if claimed:
            reasons.append(
                message_n(
                    "{count} check of severity {severity} or worse at full marks with no "
                    "evidence ({ids})",
                    "{count} checks of severity {severity} or worse at full marks with no "
                    "evidence ({ids})",
                    count=len(claimed),
                    severity=word_for(gate.require_evidence),
                    ids=series(claimed),
                )
            )
    return reasons


def compare(scorecard: Scorecard, baseline: Baseline) -> Comparison:
    """Regressions (a check's score dropped, a new blocker gap, a lower score) and improvements."""
    regressions: list[str] = []
    improvements: list[str] = []
    waived = {gap.question.id for gap in scorecard.waived}
    for check_id, now in scorecard.check_scores().items():
        before = baseline.checks.get(check_id)
        if now is None or before is None or (check_id in waived and now < before):
            continue  # not applicable, new, or a drop that a waiver accepts
        if now < before:
            regressions.append(
                Message(
                    "{id} dropped from {before} to {now}",
                    id=check_id,
                    before=f"{before:g}",
                    now=f"{now:g}",
                )
            )
        elif now > before:
            improvements.append(
                Message(
                    "{id} rose from {before} to {now}",
                    id=check_id,
                    before=f"{before:g}",
                    now=f"{now:g}",
                )
            )
    blockers = {gap.question.id for gap in scorecard.blockers}
    regressions += [
        Message("new blocker gap {id}", id=name) for name in sorted(blockers - baseline.blockers)
    ]
    improvements += [
        Message("blocker {id} closed", id=name) for name in sorted(baseline.blockers - blockers)
    ]
    if scorecard.score is not None and baseline.score is not None:
        if scorecard.score < baseline.score:
            regressions.append(
                Message(
                    "score fell from {before} to {now}",
                    before=f"{baseline.score:g}",
                    now=f"{scorecard.score:g}",
                )
            )
        elif scorecard.score > baseline.score:
            improvements.append(
                Message(
                    "score rose from {before} to {now}",
                    before=f"{baseline.score:g}",
                    now=f"{scorecard.score:g}",
                )
            )
    return Comparison(regressions=tuple(regressions), improvements=tuple(improvements))
