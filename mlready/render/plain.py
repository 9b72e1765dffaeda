"""`check` as plain aligned text, for logs and pipes: no colour, no terminal control."""

from __future__ import annotations

from collections.abc import Sequence

from mlready.core.vocabulary import Severity
from mlready.render.escape import one_line
from mlready.render.view import (
    BAR_WIDTH,
    Outcome,
    format_score,
    text_bar,
    verdict_line,
    waived_lines,
)


def render_text(outcomes: Sequence[Outcome]) -> str:
    """Plain aligned text for logs and pipes: no colour, no terminal control."""
    parts = [_text_of(outcome) for outcome in outcomes]
    if len(outcomes) > 1:
        passed = sum(outcome.verdict.passed for outcome in outcomes)
        parts.append(f"{passed} of {len(outcomes)} reviews passed\n")
    return "\n".join(parts)


def _text_of(outcome: Outcome) -> str:
    card, verdict = outcome.scorecard, outcome.verdict
    bank = card.bank
    project = card.answers.project
    title = f"{one_line(project.name)} · " if project.name else ""
    lines = [
        f"{title}{one_line(bank.display_title)} ({bank.ref}) · {one_line(card.answers.source)}",
        f"Level: {card.level.name}   Score: {format_score(card.score)} "
        f"(weakest area)   Mean: {format_score(card.mean)}",
        "",
    ]
    width = max((len(one_line(area.area.title)) for area in card.areas), default=4)
    lines.append(f"{'Area':<{width}}  {'Score':>5}  {'':<{BAR_WIDTH}}  Answered  Gaps")
    for area in card.areas:
        answered = f"{area.answered}/{area.applicable}"
        lines.append(
            f"{one_line(area.area.title):<{width}}  {format_score(area.score):>5}  "
            f"{text_bar(area.score)}  {answered:>8}  {area.gaps:>4}"
        )
    if card.blockers:
        lines += ["", f"Blockers ({len(card.blockers)})"]
        lines += [f"  {gap.question.id}: {one_line(gap.question.prompt)}" for gap in card.blockers]
    others = [gap for gap in card.open_gaps if gap.severity is not Severity.BLOCKER]
    if others:
        lines += ["", f"{'Other gaps' if card.blockers else 'Gaps'} ({len(others)})"]
        id_width = max(len(gap.question.id) for gap in others)
        lines += [
            f"  {gap.severity.value:<5}  {gap.question.id:<{id_width}}  {gap.score:.2f}  "
            f"{one_line(gap.question.prompt)}"
            for gap in others
        ]
    if card.waived:
        lines += ["", f"Waived ({len(card.waived)})", *(f"  {line}" for line in waived_lines(card))]
    if card.unanswered:
        lines += ["", f"Unanswered ({len(card.unanswered)})"]
        lines += [f"  {q.id}: {one_line(q.prompt)}" for q in card.unanswered]
    comparison = verdict.comparison
    if comparison is not None:
        for heading, items in (
            ("Regressions", comparison.regressions),
            ("Improvements", comparison.improvements),
        ):
            if items:
                lines += ["", f"{heading} ({len(items)})", *(f"  {item}" for item in items)]
    lines += [""] + [f"Note: {note}" for note in verdict.notes] + [verdict_line(verdict)]
    return "\n".join(lines) + "\n"
