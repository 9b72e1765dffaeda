"""`check` as plain aligned text, for logs and pipes: no colour, no terminal control."""

from __future__ import annotations

from collections.abc import Sequence

from mlready.core.messages import _
from mlready.render.scorecard_view import (
    BAR_WIDTH,
    Outcome,
    ScorecardView,
    bar_width,
    format_score,
    passed_line,
    scorecard_view,
    text_bar,
)
from mlready.render.signatures import text_mark
from mlready.render.width import HANG, cells, hanging, pad, pad_left, text_column, wrap


def render_text(outcomes: Sequence[Outcome], *, width: int | None = None) -> str:
    """Plain aligned text for logs and pipes: no colour, no terminal control. With a `width`,
    lines are wrapped to it (by display width); without, each line is whole."""
    parts = [
        _text_of(
            scorecard_view(outcome.scorecard, outcome.verdict, evidence=outcome.evidence), width
        )
        for outcome in outcomes
    ]
    if len(outcomes) > 1:
        parts.append(passed_line(outcomes) + "\n")
    return "\n".join(parts)


def _text_of(view: ScorecardView, width: int | None) -> str:
    title = f"{view.project} · " if view.project else ""
    summary = _("Level: {level}   Score: {score} (weakest area)   Mean: {mean}")
    lines = [
        *hanging("", f"{text_mark('check')}{title}{view.bank} · {view.source}", width, indent=2),
        *hanging(
            "", summary.format(level=view.level, score=view.score, mean=view.mean), width, indent=2
        ),
        *(hanging("", view.level_means, width, indent=2) if view.level_means else []),
        *(hanging("", view.level_note, width, indent=2) if view.level_note else []),
        *(hanging("", view.evidence, width, indent=2) if view.evidence else []),
        "",
        *_area_table(view, width),
    ]
    for section in view.sections:
        lines += ["", _("{title} ({count})").format(title=section.title, count=section.total)]
        if section.table:
            widths = [max(cells(item.cells[n]) for item in section.items) for n in range(3)]
            for item in section.items:
                cells_before = zip(item.cells, widths, strict=False)
                prefix = "  " + "  ".join(pad(cell, w) for cell, w in cells_before) + "  "
                indent = text_column(prefix, width)
                lines += hanging(prefix, item.cells[3], width, indent=indent)
        else:
            for item in section.items:
                lines += hanging("  ", _(": ").join(item.cells), width, indent=HANG)
        if section.hidden:
            more = _("… and {count} more {where}").format(
                count=section.hidden, where=_("in the report")
            )
            lines += hanging("  ", more, width, indent=HANG)
        if section.note:
            lines += hanging("  ", section.note, width, indent=HANG)
    lines.append("")
    for note in view.notes:
        lines += hanging("", _("Note: {note}").format(note=note), width, indent=2)
    lines += hanging("", view.verdict, width, indent=2)
    return "\n".join(lines) + "\n"


def _area_table(view: ScorecardView, width: int | None) -> list[str]:
    """The areas, their scores, bars and counts in columns padded by display width (a Chinese
    character takes two columns). At a `width`, bars shrink first, then go; titles wrap in
    their column last."""
    area, score, answered, gaps = _("Area"), _("Score"), _("Answered"), _("Gaps")
    counts = max(cells(answered), 8)
    numbers = 2 + 5 + 2 + counts + 2 + 4  # score, answered and gaps, two spaces before each
    titles = max([cells(area), *(cells(row.title) for row in view.areas)])
    bar = BAR_WIDTH
    if width is not None:
        bar = bar_width(width - titles - numbers - 2)
        titles = max(cells(area), min(titles, width - numbers - (bar + 2 if bar else 0)))
    gap = "  " if bar else ""
    lines = [
        f"{pad(area, titles)}  {pad_left(score, 5)}  {' ' * bar}{gap}"
        f"{pad_left(answered, counts)}  {pad_left(gaps, 4)}"
    ]
    for row in view.areas:
        first, *rest = wrap(row.title, titles) if width is not None else [row.title]
        shown_bar = f"{text_bar(row.score, width=bar)}{gap}"
        lines.append(
            f"{pad(first, titles)}  {pad_left(format_score(row.score), 5)}  {shown_bar}"
            f"{pad_left(row.answered, counts)}  {pad_left(str(row.gaps), 4)}"
        )
        lines += rest
    return lines
