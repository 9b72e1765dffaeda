"""`check` as plain aligned text, for logs and pipes: no colour, no terminal control."""

from __future__ import annotations

from collections.abc import Sequence

from mlready.render.signatures import text_mark
from mlready.render.view import (
    BAR_WIDTH,
    Outcome,
    ScorecardView,
    format_score,
    passed_line,
    scorecard_view,
    text_bar,
)


def render_text(outcomes: Sequence[Outcome]) -> str:
    """Plain aligned text for logs and pipes: no colour, no terminal control."""
    parts = [
        _text_of(scorecard_view(outcome.scorecard, outcome.verdict, evidence=outcome.evidence))
        for outcome in outcomes
    ]
    if len(outcomes) > 1:
        parts.append(passed_line(outcomes) + "\n")
    return "\n".join(parts)


def _text_of(view: ScorecardView) -> str:
    title = f"{view.project} · " if view.project else ""
    lines = [
        f"{text_mark('check')}{title}{view.bank} · {view.source}",
        f"Level: {view.level}   Score: {view.score} (weakest area)   Mean: {view.mean}",
        *([view.evidence] if view.evidence else []),
        "",
    ]
    width = max((len(area.title) for area in view.areas), default=4)
    lines.append(f"{'Area':<{width}}  {'Score':>5}  {'':<{BAR_WIDTH}}  Answered  Gaps")
    lines += [
        f"{area.title:<{width}}  {format_score(area.score):>5}  "
        f"{text_bar(area.score)}  {area.answered:>8}  {area.gaps:>4}"
        for area in view.areas
    ]
    for section in view.sections:
        lines += ["", f"{section.title} ({section.total})"]
        if section.table:
            widths = [max(len(item.cells[n]) for item in section.items) for n in range(3)]
            lines += [
                "  "
                + "  ".join(f"{cell:<{w}}" for cell, w in zip(item.cells, widths, strict=False))
                + f"  {item.cells[3]}"
                for item in section.items
            ]
        else:
            lines += [f"  {': '.join(item.cells)}" for item in section.items]
        if section.hidden:
            lines.append(f"  … and {section.hidden} more in the report")
    lines += [""] + [f"Note: {note}" for note in view.notes] + [view.verdict]
    return "\n".join(lines) + "\n"
