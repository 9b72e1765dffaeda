"""Charts as inline SVG and as text: area scores (bars), the score over time (a line, or a
sparkline in Markdown), and the colour of each level."""

# Every chart is a string of SVG that needs no script, font or image from elsewhere; the text in
# it (area titles, level names) is escaped like any other text. Each has a <title> and a
# description for readers without sight of it, and the numbers it shows are in the tables
# beside it. Colours are steps, never a smooth scale (81 and 100 look alike on a red-to-green
# ramp); a score is never coloured as a level, as the level follows the gaps, not the score.

from __future__ import annotations

from collections.abc import Sequence

from mlready.core.history import NOW, TrendPoint
from mlready.core.messages import _
from mlready.core.model import Level
from mlready.core.scoring import Scorecard
from mlready.render.escape import html_text
from mlready.render.scorecard_view import level_cap
from mlready.render.width import cells, wrap

SPARK = "▁▂▃▄▅▆▇█"
_FONT = 'font-family="sans-serif"'
# The widest a character of a sans-serif font is drawn, in ems, per terminal column: a Latin
# letter takes one column (at most some 0.62 em), a Chinese character two (1 em).
_EM_PER_CELL = 0.62
# Band colours from the lowest level to the highest: red, orange, yellow, green. A bank with
# more or fewer levels takes them spread over the same range.
_BANDS = ("#e6a09a", "#f0c27f", "#e8dc8a", "#9ccf9c")
_NO_SCORE = "#d9d9d9"
_BAR = "#8fb3d9"  # an area's score: how much is in place, not a level
_CAPPING = _BANDS[0]  # an area under the floor, which caps the level


def text_width(text: str, size: float) -> float:
    """The widest `text` is drawn at font `size` (px), for laying out labels that must fit."""
    return cells(text) * size * _EM_PER_CELL


def band_of(levels: Sequence[Level], score: float | None) -> Level | None:
    """The level whose band `score` falls in (levels highest first), None for no score."""
    if score is None:
        return None
    return next((level for level in levels if level.min <= score), levels[-1])


def band_colour(levels: Sequence[Level], score: float | None) -> str:
    """The fill colour of the level band `score` falls in; grey for no score."""
    level = band_of(levels, score)
    if level is None:
        return _NO_SCORE
    rank = len(levels) - 1 - list(levels).index(level)  # 0 for the lowest level
    top = max(1, len(levels) - 1)
    return _BANDS[round(rank / top * (len(_BANDS) - 1))]


# An area's score in a heat map: four steps of one blue, light to dark, so that no score is
# read as a level (those are red to green).
SCORE_STEPS = (0.0, 25.0, 50.0, 75.0)
_SHADES = ("#eef3fa", "#c9dbef", "#95b8de", "#5f8fc6")


def score_shade(score: float | None) -> str:
    """The fill of an area's score in a heat map: its step of 25; grey for no score."""
    if score is None:
        return _NO_SCORE
    step = sum(1 for low in SCORE_STEPS[1:] if score >= low)
    return _SHADES[step]


def _lines(text: str, size: float, room: float, *, most: int = 2) -> list[str]:
    """`text` broken into at most `most` lines that fit `room` px; the last one shortened with
    … only when even that is not enough."""
    columns = max(4, int(room / (size * _EM_PER_CELL)))
    lines = wrap(" ".join(text.split()), columns) or [""]
    if len(lines) > most:
        last = " ".join(lines[most - 1 :])
        while last and cells(last) > columns - 1:
            last = last[:-1]
        lines = [*lines[: most - 1], last.rstrip() + "…"]
    return lines


def _text(
    x: float, y: float, lines: Sequence[str], *, size: float, anchor: str, extra: str = ""
) -> str:
    """An SVG text of one or more lines, the first on `y`, each below the other."""
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if index == 0 else size * 1.15:.1f}">{html_text(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" '
        f"{_FONT}{extra}>{spans}</text>"
    )


def area_bars(card: Scorecard) -> str:
    """Each area's score as a bar, and under them the cap on the level, when there is one.
    An area whose blockers and majors score under the floor, and so cap the level, is drawn in
    the colour of a blocker; every other bar in one colour."""
    # No level thresholds: a level follows the open gaps, not the score, so a line at 90
    # named "production" beside a bar would say what the level does not mean.
    rows = card.areas
    levels = card.bank.levels
    floor = levels[-2].min if len(levels) > 1 else 0.0
    size = 12.0
    label_room, bar_width, value_room = 190.0, 360.0, 48.0
    bar_x = label_room + 10
    width = bar_x + bar_width + 8 + value_room
    labels = [_lines(row.area.title, size, label_room) for row in rows]
    row = 32.0 if any(len(lines) > 1 for lines in labels) else 24.0
    top = 8.0
    cap = level_cap(card)
    note = _lines(cap, size, width - 8, most=3) if cap else []
    bars_bottom = top + row * len(rows)
    height = bars_bottom + 8 + (len(note) * size * 1.25 + 8 if note else 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        'aria-labelledby="bars-title bars-desc">',
        '<title id="bars-title">'
        + html_text(_("Area scores: how much of good practice is in place in each area"))
        + "</title>",
        '<desc id="bars-desc">'
        + html_text(
            _("; ").join(r.area.title + _(": ") + _number(r.score) for r in rows)
            + (_("; ") + cap if cap else "")
        )
        + "</desc>",
    ]
    for index, area in enumerate(rows):
        y = top + index * row
        value = max(0.0, min(100.0, area.score or 0.0))
        lines = labels[index]
        first = y + row / 2 + size * 0.35 - (size * 1.15 / 2 if len(lines) > 1 else 0)
        bar_y = y + (row - 16) / 2
        capped = card.capping_score(area)
        capping = capped is not None and capped < floor
        fill = _NO_SCORE if area.score is None else _CAPPING if capping else _BAR
        parts.append(
            _text(label_room, first, lines, size=size, anchor="end")
            + f'<rect x="{bar_x:.0f}" y="{bar_y:.1f}" width="{bar_width:.0f}" height="16" '
            'fill="#f0f0f0"/>'
            f'<rect x="{bar_x:.0f}" y="{bar_y:.1f}" width="{bar_width * value / 100:.1f}" '
            f'height="16" fill="{fill}" stroke="#444" stroke-width="0.5"/>'
            + _text(
                bar_x + bar_width + 6,
                bar_y + 12.5,
                [_number(area.score)],
                size=size,
                anchor="start",
            )
        )
    if note:
        parts.append(
            _text(
                4,
                bars_bottom + 8 + size,
                note,
                size=size,
                anchor="start",
                extra=' font-weight="bold" fill="#8a1c14"',
            )
        )
    parts.append("</svg>")
    return "".join(parts)


def _label(point: TrendPoint) -> str:
    """A trend point's label as a reader sees it: its commit, or "now" in their language."""
    return _("now") if point.label == NOW else point.label


def _number(value: float | None) -> str:
    return _("n/a") if value is None else f"{value:g}"


def trend_line(points: Sequence[TrendPoint]) -> str:
    """The score over time: one point per revision (and now) with its value, on a plain grid;
    empty for fewer than two points."""
    if len(points) < 2:
        return ""
    width, height = 640.0, 240.0
    left, right, top, bottom = 40.0, 34.0, 24.0, 40.0
    plot_width, plot_height = width - left - right, height - top - bottom

    def place(index: int, value: float) -> tuple[float, float]:
        x = left + plot_width * index / (len(points) - 1)
        return x, top + plot_height * (1 - value / 100)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        'aria-labelledby="trend-title trend-desc">',
        '<title id="trend-title">'
        + html_text(_("Score over time, one point per revision"))
        + "</title>",
        '<desc id="trend-desc">'
        + html_text(
            _("; ").join(f"{p.date} {_label(p)}" + _(": ") + _number(p.score) for p in points)
        )
        + "</desc>",
        f'<rect x="{left:.0f}" y="{top:.0f}" width="{plot_width:.0f}" '
        f'height="{plot_height:.0f}" fill="none" stroke="#ccc"/>',
    ]
    # A plain grid, not the levels' minimums: the level follows the open gaps, not the score.
    for value in (25, 50, 75):
        y = place(0, value)[1]
        parts.append(
            f'<line x1="{left:.0f}" y1="{y:.1f}" x2="{width - right:.0f}" y2="{y:.1f}" '
            'stroke="#ddd"/>' + _text(left - 4, y + 4, [f"{value}"], size=10, anchor="end")
        )
    scored = [(i, p) for i, p in enumerate(points) if p.score is not None]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in (place(i, p.score or 0) for i, p in scored))
    if line:
        parts.append(f'<polyline points="{line}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
    # Every point's value is written beside it (when there are few enough to read), and every
    # date along the bottom when they fit; else the first and the last.
    spaced = plot_width / max(1, len(points) - 1)
    for index, item in scored:
        x, y = place(index, item.score or 0)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#1f5fa8">'
            "<title>"
            + html_text(f"{item.date} {_label(item)}" + _(": ") + _number(item.score))
            + "</title></circle>"
        )
        if spaced >= 30 or index in (0, len(points) - 1):
            above = y - 8 if y - 8 > top + 10 else y + 16
            anchor = "start" if index == 0 else "end" if index == len(points) - 1 else "middle"
            parts.append(
                _text(
                    x,
                    above,
                    [_number(item.score)],
                    size=10,
                    anchor=anchor,
                    # A white outline keeps the number readable where the line crosses it.
                    extra=' fill="#1f5fa8" stroke="#fff" stroke-width="3" paint-order="stroke"',
                )
            )
    dated = range(len(points)) if spaced >= 70 else sorted({0, len(points) - 1})
    for index in dated:
        x = place(index, 0)[0]
        anchor = "start" if index == 0 else "end" if index == len(points) - 1 else "middle"
        parts.append(_text(x, height - 18, [str(points[index].date)], size=10, anchor=anchor))
    parts.append("</svg>")
    return "".join(parts)


def sparkline(points: Sequence[TrendPoint]) -> str:
    """The scores as a line of block characters, lowest ▁ to highest █ (0 to 100)."""
    return "".join(
        " " if p.score is None else SPARK[min(len(SPARK) - 1, int(p.score / 100 * len(SPARK)))]
        for p in points
    )


def small_trend(points: Sequence[TrendPoint]) -> str:
    """A small line of the scores for a table cell, with its lowest and highest values written
    at its ends of the scale; empty for fewer than two points."""
    scored = [p.score for p in points if p.score is not None]
    if len(scored) < 2:
        return ""
    low, high = min(scored), max(scored)
    scale = f"{_number(high)}" if low == high else f"{_number(low)}–{_number(high)}"
    room = text_width(scale, 9) + 4
    plot, height = 80.0, 24.0
    width = plot + room
    step = plot / (len(scored) - 1)
    span = (high - low) or 1.0

    def y_of(value: float) -> float:
        return height - 3 - (height - 6) * (value - low) / span if high != low else height / 2

    line = " ".join(f"{index * step:.1f},{y_of(value):.1f}" for index, value in enumerate(scored))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">'
        "<title>"
        + html_text(
            _("Score over time: {scores}").format(scores=" → ".join(_number(v) for v in scored))
        )
        + "</title>"
        f'<polyline points="{line}" fill="none" stroke="#1f5fa8" stroke-width="1.5"/>'
        f'<circle cx="{(len(scored) - 1) * step:.1f}" cy="{y_of(scored[-1]):.1f}" r="2" '
        'fill="#1f5fa8"/>'
        + _text(
            plot + room - 1, height / 2 + 3, [scale], size=9, anchor="end", extra=' fill="#555"'
        )
        + "</svg>"
    )
