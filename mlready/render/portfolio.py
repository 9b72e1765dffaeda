"""One table over many reviews: which models are ready, which are not, which are stale."""

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from mlready.core.history import Trend
from mlready.core.messages import _, language, ngettext, translated
from mlready.core.model import Level
from mlready.core.plan import overdue_actions
from mlready.render.charts import SCORE_STEPS, band_colour, score_shade, small_trend, sparkline
from mlready.render.escape import html_link, html_text, markdown_cell, markdown_code, markdown_link
from mlready.render.scorecard_view import Outcome, format_score
from mlready.render.signatures import HTML_PORTFOLIO_MARKER, PORTFOLIO_MARKER

_NO_TRENDS: Mapping[str, Trend] = {}


class PortfolioRow(NamedTuple):
    """What a portfolio shows of one review: a few names and numbers, kept in place of its
    scorecard, so that a portfolio of many reviews holds one scorecard at a time."""

    source: str  # the answers file
    name: str
    owner: str
    level: str  # as people read it
    level_rank: int  # 0 for the bank's lowest level
    score: float | None
    blockers: int
    overdue: tuple[str, ...]  # the checks whose action is overdue
    reviewed: dt.date | None
    passed: bool
    reasons: tuple[str, ...]  # why the gate fails (each a Message where mlready says it)
    area_names: tuple[tuple[str, str], ...]  # id and title (one tuple, shared by every row)
    area_scores: tuple[float | None, ...]  # in the order of area_names
    level_min: float  # the lowest score of the level reached
    levels: tuple[Level, ...]  # the bank's (one tuple, shared by every row)

    @property
    def areas(self) -> tuple[tuple[str, str, float | None], ...]:
        """Each area's id, title and score."""
        return tuple(
            (area, title, score)
            for (area, title), score in zip(self.area_names, self.area_scores, strict=True)
        )


def portfolio_row(outcome: Outcome) -> PortfolioRow:
    """The row of one review."""
    card = outcome.scorecard
    return PortfolioRow(
        source=card.answers.source,
        name=outcome.name,
        owner=card.answers.project.owner or "",
        level=card.level.shown,
        level_rank=[level.name for level in card.bank.levels].index(card.level.name),
        score=card.score,
        blockers=len(card.blockers),
        overdue=tuple(item.gap.question.id for item in overdue_actions(card)),
        reviewed=card.answers.project.reviewed,
        passed=outcome.verdict.passed,
        reasons=outcome.verdict.reasons,
        area_names=_shared_names(tuple((row.area.id, row.area.title) for row in card.areas)),
        area_scores=tuple(row.score for row in card.areas),
        level_min=card.level.min,
        levels=card.bank.levels,
    )


@lru_cache(maxsize=8)
def _shared_names(names: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    # The rows of one portfolio share their bank's areas: kept once, not once per review.
    return names


def _stale(row: PortfolioRow, *, max_age: int | None, today: dt.date) -> str:
    reviewed = row.reviewed
    if reviewed is None:
        return _("no date")
    age = (today - reviewed).days
    if max_age is None or age <= max_age:
        return ""
    return ngettext("{count} day", "{count} days", age).format(count=age)


def _summary(rows: Sequence[PortfolioRow]) -> str:
    passed = sum(row.passed for row in rows)
    reviews = ngettext("{count} review", "{count} reviews", len(rows))
    return _("{reviews}; {passed} pass the gate.").format(
        reviews=reviews.format(count=len(rows)), passed=passed
    )


def _worst_first(row: PortfolioRow) -> tuple[int, int, float]:
    return (-row.blockers, -row.level_rank, row.score if row.score is not None else -1.0)


def render_portfolio(
    rows: Sequence[PortfolioRow],
    *,
    reports: Mapping[str, Path],
    base: Path,
    max_age: int | None,
    today: dt.date,
    trends: Mapping[str, Trend] = _NO_TRENDS,
) -> str:
    """A Markdown table, worst first, linking each row to its report (when it exists)."""
    # `reports` maps each answers file to its report; links are relative to `base`. `trends`
    # maps answers files with a git history to their score over time (a sparkline column).
    shown = {source: trend for source, trend in trends.items() if trend.shown}
    lines = [
        PORTFOLIO_MARKER,
        "# " + _("Readiness portfolio"),
        "",
        _("{summary} Worst first.").format(summary=_summary(rows)),
        "",
        "| "
        + " | ".join(
            [
                _("Model"),
                _("Owner"),
                _("Level"),
                _("Score"),
                _("Blockers"),
                _("Overdue"),
                _("Stale"),
                *([_("Trend")] if shown else []),
                _("Report"),
            ]
        )
        + " |",
        "| --- | --- | --- | ---: | ---: | ---: | --- |" + (" --- |" if shown else "") + " --- |",
    ]
    for row in _ordered(rows):
        report = _report_of(row, reports, base)
        link = markdown_link(report) if report else _("not rendered")
        trend = shown.get(row.source)
        spark = markdown_code(sparkline(trend.points)) if trend else ""
        lines.append(
            f"| {markdown_cell(row.name)} | {markdown_cell(row.owner)} | "
            f"{markdown_cell(row.level)} | {format_score(row.score)} | "
            f"{row.blockers} | {len(row.overdue)} | "
            f"{_stale(row, max_age=max_age, today=today)} |"
            + (f" {spark} |" if shown else "")
            + f" {link} |"
        )
    return "\n".join(lines) + "\n"


def _ordered(rows: Sequence[PortfolioRow]) -> list[PortfolioRow]:
    return sorted(rows, key=lambda row: (_worst_first(row), row.name))


def _report_of(row: PortfolioRow, reports: Mapping[str, Path], base: Path) -> str | None:
    report = reports.get(row.source)
    if report is None or not report.exists():
        return None
    return Path(os.path.relpath(report, base)).as_posix()


_HEAT_STYLE = """
body { font: 14px/1.4 "Noto Sans", Arial, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; color: #1a1a1a; margin: 1.5rem auto;
  max-width: 80rem; padding: 0 1rem; }
table { border-collapse: collapse; } th, td { padding: .3rem .45rem; border: 1px solid #fff; }
th { background: #f0f0f0; text-align: left; vertical-align: bottom; word-break: keep-all; }
td { vertical-align: top; }
td.n { text-align: right; } td.heat { text-align: center; min-width: 3.5rem; }
td.model, td.nowrap { white-space: nowrap; }
td.gate { font-weight: 700; white-space: nowrap; }
td.gate small { font-weight: 400; white-space: normal; display: block; max-width: 14rem; }
td.pass { background: #dcefdc; color: #1b5e20; }
td.fail { background: #f6d5d2; color: #8a1c14; }
.overdue, .stale { color: #b3261e; font-weight: 700; } .age { display: block; }
.legend span { display: inline-block; padding: 0 .5rem; margin: 0 .3rem .3rem 0;
  border: 1px solid #ccc; }
@page { size: A4 landscape; margin: 12mm; }
@media print { tr { break-inside: avoid; } thead { display: table-header-group; } }
""".strip()


def _reviewed(row: PortfolioRow, *, max_age: int | None, today: dt.date) -> str:
    """The date of the review and its age, marked stale past `max_age` days (as HTML)."""
    reviewed = row.reviewed
    if reviewed is None:
        return '<span class="stale">' + html_text(_("no date")) + "</span>"
    age = (today - reviewed).days
    days = ngettext("{count} day", "{count} days", age).format(count=age)
    if max_age is not None and age > max_age:
        return (
            f"{reviewed}"
            + '<span class="stale age">'
            + html_text(_("stale: {age}").format(age=days))
            + "</span>"
        )
    return f'{reviewed}<small class="age">{html_text(days)}</small>'


def _gate_cell(row: PortfolioRow) -> str:
    """Whether the review passes the gate, in words and colour, and why not."""
    if row.passed:
        return '<td class="gate pass">' + html_text(_("passes")) + "</td>"
    reasons = _("; ").join(translated(reason) for reason in row.reasons)
    fails = html_text(_("fails"))
    return f'<td class="gate fail">{fails}<small>{html_text(reasons)}</small></td>'


def _legend(rows: Sequence[PortfolioRow]) -> str:
    """The colour of each level (the score column is coloured by the level reached), and the
    shades of the area scores, steps of 25 that name no level."""
    if not rows:
        return ""
    levels = rows[0].levels
    named = "".join(
        f'<span style="background:{band_colour(levels, level.min)}">{html_text(level.shown)}</span>'
        for level in levels
    )
    uppers = (*SCORE_STEPS[1:], 100.0)
    shades = "".join(
        f'<span style="background:{score_shade(low)}">'
        + html_text(_("{low}–{high}").format(low=f"{low:g}", high=f"{high:g}"))
        + "</span>"
        for low, high in zip(SCORE_STEPS, uppers, strict=True)
    )
    return (
        '<p class="legend">'
        + html_text(_("Levels:"))
        + " "
        + named
        + " "
        + html_text(_("Area scores:"))
        + " "
        + shades
        + "</p>"
    )


def portfolio_html(
    rows: Sequence[PortfolioRow],
    *,
    reports: Mapping[str, Path],
    base: Path,
    max_age: int | None,
    today: dt.date,
    trends: Mapping[str, Trend] = _NO_TRENDS,
) -> str:
    """A self-contained HTML heat map: models (worst first) by areas, each cell coloured by
    the level band of the area's score, with the gate's verdict, owner, dates and trend."""
    ordered = _ordered(rows)
    areas: dict[str, str] = {}
    for row in ordered:
        for area, title, _score in row.areas:
            areas.setdefault(area, title)
    parts = [
        HTML_PORTFOLIO_MARKER,
        "<!DOCTYPE html>",
        f'<html lang="{language()}"><head><meta charset="utf-8">',
        "<title>" + html_text(_("Readiness portfolio")) + "</title>",
        f"<style>{_HEAT_STYLE}</style></head><body>",
        "<h1>" + html_text(_("Readiness portfolio")) + "</h1>",
        "<p>"
        + html_text(
            _(
                "{summary} Worst first; each area's cell is coloured by the level its score "
                "reaches:"
            ).format(summary=_summary(rows))
        )
        + "</p>",
        _legend(ordered),
        "<table><thead><tr>"
        + "".join(
            f"<th>{html_text(title)}</th>"
            for title in [
                _("Model (owner)"),
                _("Gate"),
                _("Level"),
                _("Score"),
                *areas.values(),
                _("Blockers"),
                _("Overdue actions"),
                _("Reviewed"),
                _("Trend"),
            ]
        )
        + "</tr></thead>",
        "<tbody>",
    ]
    for row in ordered:
        levels = row.levels
        scores = {area: score for area, _title, score in row.areas}
        report = _report_of(row, reports, base)
        model = html_link(report, label=row.name) if report else html_text(row.name)
        overdue = row.overdue
        overdue_cell = (
            f'<span class="overdue">{len(overdue)}</span>: '
            + ", ".join(html_text(check) for check in overdue)
            if overdue
            else "0"
        )
        trend = trends.get(row.source)
        owned = f'<small class="age">{html_text(row.owner)}</small>' if row.owner else ""
        cells = [
            f'<td class="model">{model}{owned}</td>',
            _gate_cell(row),
            f'<td class="nowrap">{html_text(row.level)}</td>',
            # The level reached, not the number's band: a capped review is not coloured pilot.
            f'<td class="n" style="background:{band_colour(levels, row.level_min)}">'
            f"{format_score(row.score)}</td>",
            *(
                f'<td class="heat" style="background:{score_shade(scores.get(area))}">'
                f"{format_score(scores.get(area))}</td>"
                for area in areas
            ),
            f'<td class="n">{row.blockers}</td>',
            f"<td>{overdue_cell}</td>",
            f'<td class="nowrap">{_reviewed(row, max_age=max_age, today=today)}</td>',
            f"<td>{small_trend(trend.points) if trend else ''}</td>",
        ]
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts += ["</tbody></table>", "</body></html>"]
    return "\n".join(parts) + "\n"
