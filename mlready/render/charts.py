"""Charts as inline SVG and as text: area scores against the levels (bars), the area profile
(radar), the score over time (a line, or a sparkline in Markdown), and heat-map colours."""

# Every chart is a string of SVG that needs no script, font or image from elsewhere; the text in
# it (area titles, level names) is escaped like any other text. Each has a <title> and a
# description for readers without sight of it, and the numbers it shows are in the tables
# beside it.

from __future__ import annotations

import math
from collections.abc import Sequence

from mlready.core.history import TrendPoint
from mlready.core.messages import _
from mlready.core.model import Level
from mlready.core.scoring import Scorecard
from mlready.render.escape import html_text

SPARK = "▁▂▃▄▅▆▇█"
_FONT = 'font-family="sans-serif"'
_MAX_LABEL = 28


def _label(text: str, limit: int = _MAX_LABEL) -> str:
    words = " ".join(text.split())
    return html_text(words if len(words) <= limit else words[: limit - 1] + "…")


def score_colour(score: float | None) -> str:
    """A fill colour for a score: red up to 40, through yellow at 70, to green at 100 (grey
    for none); most reviews score between 50 and 100, where the differences matter."""
    if score is None:
        return "#d9d9d9"
    hue = round(max(0.0, min(120.0, (score - 40) * 2)))
    return f"hsl({hue}, 62%, 74%)"


def _level_lines(
    levels: Sequence[Level], x0: float, width: float, top: float, bottom: float
) -> str:
    parts = []
    for level in levels:
        if level.min <= 0:
            continue
        x = x0 + width * level.min / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            'stroke="#555" stroke-dasharray="3 3" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{top - 4:.1f}" font-size="10" text-anchor="middle" '
            f'{_FONT} fill="#333">{_label(level.shown, 14)} {level.min:g}</text>'
        )
    return "".join(parts)


def area_bars(card: Scorecard) -> str:
    """Each area's score as a bar, with the levels' thresholds as dashed lines."""
    rows = card.areas
    label_width, bar_width, row = 210.0, 380.0, 24.0
    top = 26.0
    height = top + row * len(rows) + 8
    width = label_width + bar_width + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        'aria-labelledby="bars-title bars-desc">',
        '<title id="bars-title">'
        + html_text(_("Area scores against the level thresholds"))
        + "</title>",
        '<desc id="bars-desc">'
        + html_text("; ".join(f"{r.area.title}: {_number(r.score)}" for r in rows))
        + "</desc>",
    ]
    for index, area in enumerate(rows):
        y = top + index * row
        value = area.score or 0.0
        parts.append(
            f'<text x="{label_width - 8:.0f}" y="{y + 16:.1f}" font-size="12" '
            f'text-anchor="end" {_FONT}>{_label(area.area.title)}</text>'
            f'<rect x="{label_width:.0f}" y="{y + 4:.1f}" width="{bar_width:.0f}" height="16" '
            'fill="#f0f0f0"/>'
            f'<rect x="{label_width:.0f}" y="{y + 4:.1f}" width="{bar_width * value / 100:.1f}" '
            f'height="16" fill="{score_colour(area.score)}" stroke="#444" stroke-width="0.5"/>'
            f'<text x="{label_width + bar_width + 6:.0f}" y="{y + 16:.1f}" font-size="12" '
            f"{_FONT}>{_number(area.score)}</text>"
        )
    parts.append(_level_lines(card.bank.levels, label_width, bar_width, top, height - 6))
    parts.append("</svg>")
    return "".join(parts)


def _number(value: float | None) -> str:
    return _("n/a") if value is None else f"{value:g}"


def radar(card: Scorecard) -> str:
    """The areas' scores as a polygon on one axis per area, with rings at the levels'
    thresholds; empty when there are fewer than three areas (no shape to see)."""
    rows = card.areas
    count = len(rows)
    if count < 3:
        return ""
    size, radius = 600.0, 130.0
    centre_x, centre_y = size / 2, 190.0

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        distance = radius * value / 100
        return centre_x + distance * math.cos(angle), centre_y + distance * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {size:.0f} 380" width="{size:.0f}" height="380" '
        'aria-labelledby="radar-title">',
        '<title id="radar-title">'
        + html_text(_("Area profile: each axis is an area, 0 at the centre, 100 at the edge"))
        + "</title>",
    ]
    for level in (*card.bank.levels, Level(name="", min=100)):
        if level.min <= 0:
            continue
        ring = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, level.min) for i in range(count)))
        parts.append(f'<polygon points="{ring}" fill="none" stroke="#bbb" stroke-width="1"/>')
    for index, area in enumerate(rows):
        x, y = point(index, 100)
        parts.append(
            f'<line x1="{centre_x:.1f}" y1="{centre_y:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
            'stroke="#ccc" stroke-width="1"/>'
        )
        lx, ly = point(index, 118)
        anchor = "middle" if abs(lx - centre_x) < 10 else "start" if lx > centre_x else "end"
        parts.append(
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" font-size="11" text-anchor="{anchor}" '
            f"{_FONT}>{_label(area.area.title, 24)} ({_number(area.score)})</text>"
        )
    shape = " ".join(
        f"{x:.1f},{y:.1f}" for x, y in (point(i, r.score or 0.0) for i, r in enumerate(rows))
    )
    parts.append(
        f'<polygon points="{shape}" fill="{score_colour(card.score)}" fill-opacity="0.6" '
        'stroke="#333" stroke-width="1.5"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def trend_line(points: Sequence[TrendPoint], levels: Sequence[Level]) -> str:
    """The score over time: one point per revision (and now), the levels as dashed lines;
    empty for fewer than two points."""
    if len(points) < 2:
        return ""
    width, height = 640.0, 220.0
    left, right, top, bottom = 40.0, 20.0, 20.0, 40.0
    plot_width, plot_height = width - left - right, height - top - bottom

    def place(index: int, value: float) -> tuple[float, float]:
        x = left + plot_width * index / (len(points) - 1)
        return x, top + plot_height * (1 - value / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        'aria-labelledby="trend-title">',
        '<title id="trend-title">'
        + html_text(_("Score over time, one point per revision"))
        + "</title>",
        f'<rect x="{left:.0f}" y="{top:.0f}" width="{plot_width:.0f}" '
        f'height="{plot_height:.0f}" fill="none" stroke="#ccc"/>',
    ]
    for level in levels:
        if level.min <= 0:
            continue
        y = place(0, level.min)[1]
        parts.append(
            f'<line x1="{left:.0f}" y1="{y:.1f}" x2="{width - right:.0f}" y2="{y:.1f}" '
            'stroke="#888" stroke-dasharray="3 3"/>'
            f'<text x="{left - 4:.0f}" y="{y + 4:.1f}" font-size="10" text-anchor="end" '
            f"{_FONT}>{level.min:g}</text>"
        )
    scored = [(i, p) for i, p in enumerate(points) if p.score is not None]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (place(i, p.score or 0) for i, p in scored))
    if line:
        parts.append(f'<polyline points="{line}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
    for index, item in scored:
        x, y = place(index, item.score or 0)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#1f5fa8">'
            f"<title>{item.date} {html_text(item.label)}: {_number(item.score)}</title></circle>"
        )
    for index in sorted({0, len(points) - 1}):
        x = place(index, 0)[0]
        anchor = "start" if index == 0 else "end"
        parts.append(
            f'<text x="{x:.1f}" y="{height - 18:.0f}" font-size="10" text-anchor="{anchor}" '
            f"{_FONT}>{points[index].date}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def sparkline(points: Sequence[TrendPoint]) -> str:
    """The scores as a line of block characters, lowest ▁ to highest █ (0 to 100)."""
    return "".join(
        " " if p.score is None else SPARK[min(len(SPARK) - 1, int(p.score / 100 * len(SPARK)))]
        for p in points
    )


def small_trend(points: Sequence[TrendPoint]) -> str:
    """A small line of the scores, for a table cell; empty for fewer than two points."""
    scored = [p.score for p in points if p.score is not None]
    if len(scored) < 2:
        return ""
    width, height = 90.0, 22.0
    step = width / (len(scored) - 1)
    line = " ".join(
        f"{index * step:.1f},{height - 2 - (height - 4) * value / 100:.1f}"
        for index, value in enumerate(scored)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">'
        "<title>"
        + html_text(
            _("Score over time: {scores}").format(scores=" → ".join(_number(v) for v in scored))
        )
        + "</title>"
        f'<polyline points="{line}" fill="none" stroke="#1f5fa8" stroke-width="1.5"/></svg>'
    )
