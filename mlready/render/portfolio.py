"""One table over many reviews: which models are ready, which are not, which are stale."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from mlready.core.words import counted
from mlready.render.escape import markdown_cell, markdown_link
from mlready.render.view import Outcome, format_score


def _stale(outcome: Outcome, *, max_age: int | None, today: dt.date) -> str:
    reviewed = outcome.scorecard.answers.project.reviewed
    if reviewed is None:
        return "no date"
    age = (today - reviewed).days
    return f"{age} days" if max_age is not None and age > max_age else ""


def _worst_first(outcome: Outcome) -> tuple[int, int, float]:
    card = outcome.scorecard
    level_rank = [level.name for level in card.bank.levels].index(card.level.name)
    return (-len(card.blockers), -level_rank, card.score if card.score is not None else -1.0)


def render_portfolio(
    outcomes: Sequence[Outcome],
    *,
    reports: Mapping[str, Path],
    base: Path,
    max_age: int | None,
    today: dt.date,
) -> str:
    """A Markdown table, worst first, linking each row to its report (when it exists).

    `reports` maps each answers file to its report; links are relative to `base`.
    """
    lines = [
        "# Readiness portfolio",
        "",
        f"{counted(len(outcomes), 'review')}; {sum(o.verdict.passed for o in outcomes)} "
        "pass the gate. Worst first.",
        "",
        "| Model | Owner | Level | Score | Blockers | Stale | Report |",
        "| --- | --- | --- | ---: | ---: | --- | --- |",
    ]
    ordered = sorted(outcomes, key=lambda o: (_worst_first(o), o.name))
    for outcome in ordered:
        card = outcome.scorecard
        project = card.answers.project
        report = reports.get(card.answers.source)
        link = "not rendered"
        if report is not None and report.exists():
            link = markdown_link(Path(os.path.relpath(report, base)).as_posix())
        lines.append(
            f"| {markdown_cell(outcome.name)} | {markdown_cell(project.owner or '')} | "
            f"{markdown_cell(card.level.name)} | {format_score(card.score)} | "
            f"{len(card.blockers)} | {_stale(outcome, max_age=max_age, today=today)} | {link} |"
        )
    return "\n".join(lines) + "\n"
