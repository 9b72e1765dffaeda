"""A review's history as text, JSON, Markdown or HTML: one row per revision, then the gaps each
revision opened and closed."""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from mlready.core.history import History, Revision, Step, TrendPoint
from mlready.core.messages import N_, _, language, ngettext, translated
from mlready.render.charts import trend_line
from mlready.render.escape import html_text, markdown_cell, markdown_code, one_line
from mlready.render.scorecard_view import format_score
from mlready.render.signatures import (
    HISTORY_MARKER,
    HTML_HISTORY_MARKER,
    generated,
    text_mark,
)
from mlready.render.width import cells as width_of
from mlready.render.width import pad


class _Row(NamedTuple):
    revision: Revision
    step: Step | None


def _rows(history: History) -> list[_Row]:
    steps = {step.after.commit: step for step in history.steps}
    return [_Row(revision, steps.get(revision.commit)) for revision in history.revisions]


def _bank_note(revision: Revision) -> str:
    if not revision.written_for:
        return ""
    return _("written for {ref}").format(ref=revision.written_for)


def _title(history: History) -> str:
    count = len(history.revisions)
    values = {
        "source": history.source,
        "count": count,
        "since": history.since,
        "title": history.bank.display_title,
        "ref": history.bank.ref,
    }
    if history.since:
        return ngettext(
            "{source}: {count} revision, since {since}, scored against {title} ({ref})",
            "{source}: {count} revisions, since {since}, scored against {title} ({ref})",
            count,
        ).format(**values)
    return ngettext(
        "{source}: {count} revision, scored against {title} ({ref})",
        "{source}: {count} revisions, scored against {title} ({ref})",
        count,
    ).format(**values)


def _changes(step: Step) -> list[tuple[str, list[str]]]:
    return [
        (_(title), [question.id for question in questions])
        for title, questions in (
            (N_("opened"), step.opened),
            (N_("closed"), step.closed),
            (N_("no longer applicable"), step.no_longer_applicable),
        )
        if questions
    ]


def _header() -> list[str]:
    return [_("Date"), _("Commit"), _("Author"), _("Level"), _("Score"), _("Mean")]


def _unreadable(revision: Revision) -> str:
    return _("unreadable: {problem}").format(problem=translated(revision.problem))


def _listed(title: str, ids: list[str]) -> str:
    return _("{title}: {ids}").format(title=title, ids=", ".join(ids))


def history_text(history: History) -> str:
    """The history as plain aligned text."""
    lines = [text_mark("history") + one_line(_title(history)), ""]
    if not history.revisions:
        return "\n".join([*lines, _("No commit changed this file.")]) + "\n"
    areas = [area.id for area in history.bank.areas]
    header = [*_header(), *areas]
    table = [header]
    for row in _rows(history):
        revision, card = row.revision, row.revision.scored
        cells = [str(revision.date.date()), revision.short, one_line(revision.author)]
        if card is None:
            cells += [_("unreadable"), "", "", *[""] * len(areas)]
        else:
            scores = {area: format_score(score) for area, score in card.areas}
            cells += [
                card.level.shown,
                format_score(card.score),
                format_score(card.mean),
                *[scores.get(area, "") for area in areas],
            ]
        table.append(cells)
    # Padded by display width: a Chinese character takes two columns.
    widths = [max(width_of(row[n]) for row in table) for n in range(len(header))]
    lines += [
        "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
    lines += ["", _("Changes")]
    for row in _rows(history):
        revision = row.revision
        what = f"  {revision.date.date()} {revision.short}"
        notes = [note for note in (_bank_note(revision),) if note]
        if revision.problem is not None:
            lines.append(f"{what}: {one_line(_unreadable(revision))}")
            continue
        parts = [_listed(title, ids) for title, ids in _changes(row.step)] if row.step else []
        said = _("; ").join([*parts, *notes]) or _("no gap opened or closed")
        lines.append(f"{what}: {said}")
    return "\n".join(lines) + "\n"


def history_json(history: History) -> str:
    """The history as one JSON document, oldest revision first."""
    revisions: list[dict[str, Any]] = []
    for row in _rows(history):
        revision, card = row.revision, row.revision.scored
        item: dict[str, Any] = {
            "commit": revision.commit,
            "date": revision.date.isoformat(),
            "author": revision.author,
            "path": revision.path,
            "written_for": revision.written_for,
            "problem": revision.problem,
            "level": card.level.name if card else None,
            "score": card.score if card else None,
            "mean": card.mean if card else None,
            "areas": dict(card.areas) if card else {},
        }
        step = row.step
        item["gaps_opened"] = [q.id for q in step.opened] if step else []
        item["gaps_closed"] = [q.id for q in step.closed] if step else []
        item["gaps_no_longer_applicable"] = (
            [q.id for q in step.no_longer_applicable] if step else []
        )
        revisions.append(item)
    document = {
        "file": history.source,
        "bank": history.bank.ref,
        "since": history.since.isoformat() if history.since else None,
        "revisions": revisions,
    }
    return json.dumps(generated("history", document), indent=2, ensure_ascii=False) + "\n"


def history_markdown(history: History) -> str:
    """The history as Markdown: a table of revisions, then what each changed."""
    areas = history.bank.areas
    lines = [
        HISTORY_MARKER,
        "# " + _("Readiness history: {source}").format(source=markdown_cell(history.source)),
        "",
        markdown_cell(_title(history)),
        "",
        "| " + " | ".join([*_header(), *(markdown_cell(area.title) for area in areas)]) + " |",
        "| --- | --- | --- | --- | ---: | ---: | " + " | ".join("---:" for _ in areas) + " |",
    ]
    for row in _rows(history):
        revision, card = row.revision, row.revision.scored
        start = (
            f"| {revision.date.date()} | {markdown_code(revision.short)} | "
            f"{markdown_cell(revision.author)} | "
        )
        if card is None:
            lines.append(
                start + _("unreadable") + " | | | " + " | ".join("" for _a in areas) + " |"
            )
            continue
        scores = {area: format_score(score) for area, score in card.areas}
        lines.append(
            start
            + f"{markdown_cell(card.level.shown)} | {format_score(card.score)} | "
            + f"{format_score(card.mean)} | "
            + " | ".join(scores.get(area.id, "") for area in areas)
            + " |"
        )
    lines += ["", "## " + _("Changes"), ""]
    for row in _rows(history):
        revision = row.revision
        what = f"- {revision.date.date()} {markdown_code(revision.short)}"
        if revision.problem is not None:
            lines.append(f"{what}: {markdown_cell(_unreadable(revision))}")
            continue
        parts = [
            _listed(title, [markdown_code(i) for i in ids])
            for title, ids in (_changes(row.step) if row.step else [])
        ]
        if revision.written_for:
            parts.append(_("written for {ref}").format(ref=markdown_code(revision.written_for)))
        said = _("; ").join(parts) or _("no gap opened or closed")
        lines.append(f"{what}: {said}")
    return "\n".join(lines) + "\n"


_HISTORY_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #111; }
table { border-collapse: collapse; } th, td { padding: .2rem .5rem; border-bottom: 1px solid #ddd; }
td.n { text-align: right; } tr { break-inside: avoid; }
""".strip()


def history_html(history: History) -> str:
    """The history as one self-contained HTML page: the score over time, then the table."""
    areas = history.bank.areas
    points = [
        TrendPoint(r.date.date(), r.scored.score, r.short)
        for r in history.readable
        if r.scored is not None
    ]
    title = html_text(_title(history))
    parts = [
        HTML_HISTORY_MARKER,
        "<!DOCTYPE html>",
        f'<html lang="{language()}"><head><meta charset="utf-8">',
        "<title>"
        + html_text(_("Readiness history: {source}").format(source=history.source))
        + "</title>",
        f"<style>{_HISTORY_STYLE}</style></head><body>",
        "<h1>" + html_text(_("Readiness history")) + f"</h1><p>{title}</p>",
        trend_line(points, history.bank.levels),
        "<table><thead><tr>"
        + "".join(f"<th>{html_text(name)}</th>" for name in _header())
        + "".join(f"<th>{html_text(area.title)}</th>" for area in areas)
        + f"<th>{html_text(_('Changes'))}</th></tr></thead><tbody>",
    ]
    for row in _rows(history):
        revision, card = row.revision, row.revision.scored
        cells = [
            str(revision.date.date()),
            f"<code>{html_text(revision.short)}</code>",
            html_text(revision.author),
        ]
        if card is None:
            cells += [html_text(_("unreadable")), "", "", *["" for _a in areas]]
            changes = html_text(translated(revision.problem or ""))
        else:
            scores = {area: format_score(score) for area, score in card.areas}
            cells += [
                html_text(card.level.shown),
                format_score(card.score),
                format_score(card.mean),
            ]
            cells += [scores.get(area.id, "") for area in areas]
            found = [_listed(t, ids) for t, ids in (_changes(row.step) if row.step else [])]
            if revision.written_for:
                found.append(_bank_note(revision))
            changes = html_text(_("; ").join(found))
        parts.append(
            "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + f"<td>{changes}</td></tr>"
        )
    parts += ["</tbody></table>", "</body></html>"]
    return "\n".join(parts) + "\n"
