"""Machine and plain-text renderings of a `check` result; the registry drives `--format`."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from mlready.gate import Verdict
from mlready.scoring import Scorecard
from mlready.text import one_line

BAR_WIDTH = 20


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


def check_json(scorecard: Scorecard, verdict: Verdict) -> dict[str, Any]:
    """The `check --format json` document."""
    answers = scorecard.answers
    return {
        "passed": verdict.passed,
        "reasons": list(verdict.reasons),
        "bank": scorecard.bank.ref,
        "project": answers.project.model_dump(mode="json"),
        "score": scorecard.score,
        "mean": scorecard.mean,
        "level": scorecard.level.name,
        "blockers": [gap.question.id for gap in scorecard.blockers],
        "unanswered": [question.id for question in scorecard.unanswered],
        "not_applicable": [question.id for question in scorecard.not_applicable],
        "gaps": [
            {
                "id": gap.question.id,
                "area": gap.area.id,
                "severity": gap.severity.value,
                "score": gap.score,
                "answered": gap.answer is not None,
            }
            for gap in scorecard.gaps
        ],
        "areas": [
            {
                "id": area.area.id,
                "score": area.score,
                "applicable": area.applicable,
                "answered": area.answered,
                "gaps": area.gaps,
            }
            for area in scorecard.areas
        ],
        "warnings": list(answers.warnings),
    }


def render_json(scorecard: Scorecard, verdict: Verdict) -> str:
    return json.dumps(check_json(scorecard, verdict), indent=2, ensure_ascii=False) + "\n"


def render_text(scorecard: Scorecard, verdict: Verdict) -> str:
    """Plain aligned text for logs and pipes: no colour, no terminal control."""
    bank = scorecard.bank
    project = scorecard.answers.project
    title = f"{one_line(project.name)} · " if project.name else ""
    lines = [
        f"{title}{one_line(bank.display_title)} ({bank.ref})",
        f"Level: {scorecard.level.name}   Score: {format_score(scorecard.score)} "
        f"(weakest area)   Mean: {format_score(scorecard.mean)}",
        "",
    ]
    width = max((len(area.area.title) for area in scorecard.areas), default=4)
    lines.append(f"{'Area':<{width}}  {'Score':>5}  {'':<{BAR_WIDTH}}  Answered  Gaps")
    for area in scorecard.areas:
        answered = f"{area.answered}/{area.applicable}"
        lines.append(
            f"{one_line(area.area.title):<{width}}  {format_score(area.score):>5}  "
            f"{text_bar(area.score)}  {answered:>8}  {area.gaps:>4}"
        )
    if scorecard.blockers:
        lines += ["", f"Blockers ({len(scorecard.blockers)})"]
        lines += [
            f"  {gap.question.id}: {one_line(gap.question.prompt)}" for gap in scorecard.blockers
        ]
    others = [gap for gap in scorecard.gaps if gap not in scorecard.blockers]
    if others:
        lines += ["", f"Other gaps ({len(others)})"]
        id_width = max(len(gap.question.id) for gap in others)
        lines += [
            f"  {gap.severity.value:<5}  {gap.question.id:<{id_width}}  {gap.score:.2f}  "
            f"{one_line(gap.question.prompt)}"
            for gap in others
        ]
    if scorecard.unanswered:
        lines += ["", f"Unanswered ({len(scorecard.unanswered)})"]
        lines += [f"  {q.id}: {one_line(q.prompt)}" for q in scorecard.unanswered]
    lines += ["", verdict_line(verdict)]
    return "\n".join(lines) + "\n"


def verdict_line(verdict: Verdict) -> str:
    return "PASSED" if verdict.passed else "FAILED: " + "; ".join(verdict.reasons)


class CheckFormat(StrEnum):
    """What `check --format` can print."""

    TEXT = "text"
    JSON = "json"


Renderer = Callable[[Scorecard, Verdict], str]

CHECK_FORMATS: dict[CheckFormat, Renderer] = {
    CheckFormat.TEXT: render_text,
    CheckFormat.JSON: render_json,
}
