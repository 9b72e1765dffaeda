"""`check` as plain aligned text, for logs and pipes: no colour, no terminal control."""

from __future__ import annotations

from collections.abc import Sequence

from mlready.core.messages import _
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
from mlready.render.width import cells, pad, pad_left


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
    summary = _("Level: {level}   Score: {score} (weakest area)   Mean: {mean}")
    lines = [
        f"{text_mark('check')}{title}{view.bank} · {view.source}",
        summary.format(level=view.level, score=view.score, mean=view.mean),
        *([view.evidence] if view.evidence else []),
        "",
    ]
    # Columns are padded by display width: a Chinese character takes two columns.
    area, score, answered, gaps = _("Area"), _("Score"), _("Answered"), _("Gaps")
    width = max((cells(row.title) for row in view.areas), default=0)
    width = max(width, cells(area))
    counts = max(cells(answered), 8)
    lines.append(
        f"{pad(area, width)}  {pad_left(score, 5)}  {'':<{BAR_WIDTH}}  "
        f"{pad_left(answered, counts)}  {pad_left(gaps, 4)}"
    )
    lines += [
        f"{pad(row.title, width)}  {pad_left(format_score(row.score), 5)}  "
        f"{text_bar(row.score)}  {pad_left(row.answered, counts)}  {pad_left(str(row.gaps), 4)}"
        for row in view.areas
    ]
    for section in view.sections:
        lines += ["", f"{section.title} ({section.total})"]
        if section.table:
            widths = [max(cells(item.cells[n]) for item in section.items) for n in range(3)]
            lines += [
                "  "
                + "  ".join(pad(cell, w) for cell, w in zip(item.cells, widths, strict=False))
                + f"  {item.cells[3]}"
                for item in section.items
            ]
        else:
            lines += [f"  {': '.join(item.cells)}" for item in section.items]
        if section.hidden:
            more = _("… and {count} more {where}").format(
                count=section.hidden, where=_("in the report")
            )
            lines.append(f"  {more}")
    lines += [""] + [_("Note: {note}").format(note=note) for note in view.notes] + [view.verdict]
    return "\n".join(lines) + "\n"
