"""`check --format github`: workflow commands that annotate the answers file in a pull request."""

from __future__ import annotations

from collections.abc import Sequence

from mlready.core.messages import _, translated
from mlready.core.vocabulary import Severity, word_for
from mlready.render.escape import one_line, terminal_text
from mlready.render.scorecard_view import (
    Outcome,
    answer_line,
    format_score,
    level_headline,
    verdict_line,
)

GITHUB_ANNOTATIONS_PER_LEVEL = 10


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    # A property (a file's path, above all) may hold anything a file name can: control
    # characters are shown as `\xNN`, never passed to the log.
    return _github_data(terminal_text(text)).replace(":", "%3A").replace(",", "%2C")


def render_github(outcomes: Sequence[Outcome]) -> str:
    """Annotations: `::error` for blockers, `::warning` for other open gaps, ten of each."""
    errors: list[str] = []
    warnings: list[str] = []
    for outcome in outcomes:
        card = outcome.scorecard
        for gap in card.open_gaps:
            command = "error" if gap.severity is Severity.BLOCKER else "warning"
            title = _("{severity} gap: {id}").format(
                severity=translated(word_for(gap.severity)), id=gap.question.id
            )
            properties = ",".join(
                [
                    f"file={_github_property(card.answers.source)}",
                    f"line={answer_line(card, gap.question.id)}",
                    f"title={_github_property(title)}",
                ]
            )
            text = _("{prompt} (score {score}).").format(
                prompt=gap.question.prompt, score=f"{gap.score:g}"
            )
            if gap.question.fix:
                text += _(" Next step: {fix}").format(fix=gap.question.fix)
            message = _github_data(one_line(text))
            (errors if command == "error" else warnings).append(
                f"::{command} {properties}::{message}"
            )
    shown = errors[:GITHUB_ANNOTATIONS_PER_LEVEL] + warnings[:GITHUB_ANNOTATIONS_PER_LEVEL]
    hidden = len(errors) + len(warnings) - len(shown)
    summaries = [
        "mlready: "
        + _("{name}: level {level}, score {score}: {verdict}").format(
            name=one_line(outcome.name),
            level=level_headline(outcome.scorecard),
            score=format_score(outcome.scorecard.score),
            verdict=verdict_line(outcome.verdict),
        )
        for outcome in outcomes
    ]
    note = _("mlready: {count} more gaps not annotated; see the report").format(count=hidden)
    more = [note] if hidden else []
    return "\n".join([*shown, *more, *summaries]) + "\n"
