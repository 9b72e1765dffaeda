"""What every rendering of a review says, computed once: the outcome of a check and its view.

Plain text, the terminal, Markdown and the CI formats only lay out what is decided here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from mlready.render.escape import one_line

if TYPE_CHECKING:
    from mlready.core.gate import Verdict
    from mlready.core.scoring import Scorecard

BAR_WIDTH = 20


class Outcome(NamedTuple):
    """One answers file's scorecard and the gate's verdict on it."""

    scorecard: Scorecard
    verdict: Verdict

    @property
    def name(self) -> str:
        """The project's name, or else the answers file."""
        return self.scorecard.answers.project.name or self.scorecard.answers.source


def format_score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def text_bar(
    value: float | None, *, width: int = BAR_WIDTH, full: str = "#", empty: str = "."
) -> str:
    """A bar of `width` characters for a score 0..100."""
    if value is None:
        return " " * width
    filled = round(value / 100 * width)
    return full * filled + empty * (width - filled)


def answer_line(scorecard: Scorecard, question_id: str) -> int:
    """The answers file line of a question's answer, or of the `answers:` key when unanswered."""
    answers = scorecard.answers
    return answers.lines.get(question_id) or answers.answers_line


def waived_lines(card: Scorecard) -> list[str]:
    """One line per waived gap: the check, the reason, who approved it and until when."""
    return [
        f"{gap.question.id}: {one_line(gap.waiver.reason)} "
        f"(approved by {one_line(gap.waiver.approved_by)}"
        + (f", until {gap.waiver.expires})" if gap.waiver.expires else ")")
        for gap in card.waived
        if gap.waiver is not None
    ]


def verdict_line(verdict: Verdict) -> str:
    return "PASSED" if verdict.passed else "FAILED: " + "; ".join(verdict.reasons)
