"""The CI gate: whether a scorecard passes, and why not."""

from __future__ import annotations

from dataclasses import dataclass

from mlready.errors import InputError
from mlready.model import Bank
from mlready.scoring import Scorecard


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reasons: tuple[str, ...]


def threshold(bank: Bank, text: str) -> float:
    """A `--fail-under` value: a score 0..100 or the name of one of the bank's levels."""
    for level in bank.levels:
        if level.name == text:
            return level.min
    try:
        number = float(text)
    except ValueError:
        names = ", ".join(level.name for level in bank.levels)
        raise InputError(
            f"--fail-under: expected a score from 0 to 100 or a level ({names}); got '{text}'"
        ) from None
    if not 0 <= number <= 100:
        raise InputError(f"--fail-under: expected a score from 0 to 100; got {text}")
    return number


def judge(
    scorecard: Scorecard, *, fail_under: float | None = None, allow_incomplete: bool = False
) -> Verdict:
    """Fail on a blocker gap, an unanswered applicable question, or a score below `fail_under`."""
    reasons: list[str] = []
    blockers = len(scorecard.blockers)
    if blockers:
        reasons.append(f"{blockers} blocker gap{'s' if blockers != 1 else ''}")
    unanswered = len(scorecard.unanswered)
    if unanswered and not allow_incomplete:
        reasons.append(
            f"{unanswered} applicable question{'s' if unanswered != 1 else ''} unanswered"
        )
    if fail_under is not None:
        if scorecard.score is None:
            reasons.append(f"no score to compare with --fail-under {fail_under:g}")
        elif scorecard.score < fail_under:
            reasons.append(f"score {scorecard.score:g} is below {fail_under:g}")
    return Verdict(passed=not reasons, reasons=tuple(reasons))
