"""A review's history as text, JSON, Markdown or HTML: one row per revision, then the gaps each
revision opened and closed."""

import json
from typing import Any, NamedTuple

from mlready.core.history import History, Revision, Step, TrendPoint
from mlready.core.messages import N_, _, language, ngettext, translated
from mlready.render.charts import trend_line
from mlready.render.escape import (
    css_counters,
    html_text,
    json_text,
    markdown_cell,
    markdown_code,
    one_line,
)
from mlready.render.scorecard_view import format_score
from mlready.render.signatures import (
    HISTORY_MARKER,
    HTML_HISTORY_MARKER,
    generated,
    text_mark,
)
from mlready.render.width import HANG, hanging, pad
from mlready.render.width import cells as width_of


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
            (N_("worsened"), step.worsened),
            (N_("no longer applicable"), step.no_longer_applicable),
        )
        if questions
    ]


def _header() -> list[str]:
    return [_("Date"), _("Commit"), _("Author"), _("Level"), _("Score"), _("Mean")]


def _unreadable(revision: Revision) -> str:
    return _("unreadable: {problem}").format(problem=translated(revision.problem))


def _listed(title: str, ids: list[str]) -> str:
    return _("{title}: {ids}").format(title=title, ids=_(", ").join(ids))


def _aligned(table: list[list[str]]) -> list[str]:
    # Padded by display width: a Chinese character takes two columns.
    widths = [max(width_of(row[n]) for row in table) for n in range(len(table[0]))]
    return [
        "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]


def _fits(table: list[list[str]], width: int | None) -> bool:
    return width is None or max(width_of(line) for line in _aligned(table)) <= width


def history_text(history: History, *, width: int | None = None) -> str:
    """The history as plain aligned text; with a `width`, laid out in that many columns (the
    area scores in a table of their own when one table would be wider)."""
    lines = [*hanging("", text_mark("history") + one_line(_title(history)), width, indent=2), ""]
    if not history.revisions:
        return "\n".join([*lines, _("No commit changed this file.")]) + "\n"
    areas = [area.id for area in history.bank.areas]
    # English heads the columns with the short ids; another language with the areas' titles,
    # as `check` shows them.
    heads = areas if language() == "en" else [one_line(a.title) for a in history.bank.areas]
    table = [_header()]
    area_rows = [[_("Commit"), *heads]]
    for row in _rows(history):
        revision, card = row.revision, row.revision.scored
        cells = [str(revision.date.date()), revision.short, one_line(revision.author)]
        if card is None:
            cells += [_("unreadable"), "", ""]
            scored = [""] * len(areas)
        else:
            scores = {area: format_score(score) for area, score in card.areas}
            cells += [card.level.shown, format_score(card.score), format_score(card.mean)]
            scored = [scores.get(area, "") for area in areas]
        table.append(cells)
        area_rows.append([revision.short, *scored])
    whole = [[*row, *scores[1:]] for row, scores in zip(table, area_rows, strict=True)]
    # Too narrow for the authors too: each one goes beside its revision's changes.
    authors = not _fits(table, width)
    if authors:
        table = [[*row[:2], *row[3:]] for row in table]
    if _fits(whole, width):
        lines += _aligned(whole)
    else:
        # As many area columns as fit beside the commit, table after table.
        lines += _aligned(table)
        start = 1
        while start < len(area_rows[0]):
            end = start + 1
            while end < len(area_rows[0]) and _fits(
                [[r[0], *r[start : end + 1]] for r in area_rows], width
            ):
                end += 1
            lines += ["", *_aligned([[r[0], *r[start:end]] for r in area_rows])]
            start = end
    lines += ["", _("Changes")]
    for row in _rows(history):
        revision = row.revision
        what = f"  {revision.date.date()} {revision.short}: "
        if authors:
            what = f"  {revision.date.date()} {revision.short} ({one_line(revision.author)}): "
        notes = [note for note in (_bank_note(revision),) if note]
        if revision.problem is not None:
            lines += hanging(what, one_line(_unreadable(revision)), width, indent=HANG)
            continue
        parts = [_listed(title, ids) for title, ids in _changes(row.step)] if row.step else []
        said = _("; ").join([*parts, *notes]) or _("no gap opened or closed")
        lines += hanging(what, said, width, indent=HANG)
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
        item["gaps_worsened"] = [q.id for q in step.worsened] if step else []
        revisions.append(item)
    document = {
        "file": history.source,
        "bank": history.bank.ref,
        "since": history.since.isoformat() if history.since else None,
        "revisions": revisions,
    }
    return (
        json_text(json.dumps(generated("history", document), indent=2, ensure_ascii=False)) + "\n"
    )


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
body { font: 14px/1.45 "Noto Sans", Arial, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; margin: 1.5rem auto; max-width: 80rem; padding: 0 1rem; color: #111; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: .25rem .45rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { text-align: left; border-bottom: 2px solid #111; word-break: keep-all; }
td.n, th.n { text-align: right; white-space: nowrap; } td.nowrap { white-space: nowrap; }
th.area { white-space: normal; width: 6.5rem; }
tr.scores td { border-bottom: 0; }
td.changes { padding: 0 .45rem .5rem 1.5rem; color: #333; font-size: .92em; }
td.changes p { margin: 0 0 .15rem; }
tbody { break-inside: avoid; } thead { display: table-header-group; }
svg.chart { max-width: 100%; height: auto; }
@page { size: A4 landscape; margin: 12mm 12mm 16mm;
  @bottom-center { content: PAGES; font: 9pt "Noto Sans", Arial, sans-serif; color: #555; } }
@media print { body { font-size: 9pt; max-width: none; padding: 0; margin: 0; } }
""".strip()


def history_html(history: History) -> str:
    """The history as one self-contained HTML page: the score over time, then the table with
    what each revision changed; printed on A4 with page numbers."""
    areas = history.bank.areas
    points = [
        TrendPoint(r.date.date(), r.scored.score, r.short)
        for r in history.readable
        if r.scored is not None
    ]
    title = html_text(_title(history))
    style = _HISTORY_STYLE.replace("PAGES", css_counters(_("Page {page} of {pages}")))
    parts = [
        HTML_HISTORY_MARKER,
        "<!DOCTYPE html>",
        f'<html lang="{language()}"><head><meta charset="utf-8">',
        "<title>"
        + html_text(_("Readiness history: {source}").format(source=history.source))
        + "</title>",
        f"<style>{style}</style></head><body>",
        "<h1>" + html_text(_("Readiness history")) + f"</h1><p>{title}</p>",
        trend_line(points),
        "<table><thead><tr>"
        + "".join(
            ('<th class="n">' if index >= 4 else "<th>") + f"{html_text(name)}</th>"
            for index, name in enumerate(_header())
        )
        + "".join(f'<th class="n area">{html_text(area.title)}</th>' for area in areas)
        + "</tr></thead>",
    ]
    columns = len(_header()) + len(areas)
    for row in _rows(history):
        revision, card = row.revision, row.revision.scored
        cells = [
            f'<td class="nowrap">{revision.date.date()}</td>',
            f"<td><code>{html_text(revision.short)}</code></td>",
            f"<td>{html_text(revision.author)}</td>",
        ]
        if card is None:
            unreadable = html_text(_("unreadable"))
            cells += [f"<td>{unreadable}</td>", "<td></td>", "<td></td>"]
            cells += ["<td></td>" for _a in areas]
            changes = f"<p>{html_text(translated(revision.problem or ''))}</p>"
        else:
            scores = {area: format_score(score) for area, score in card.areas}
            cells += [
                f'<td class="nowrap">{html_text(card.level.shown)}</td>',
                f'<td class="n">{format_score(card.score)}</td>',
                f'<td class="n">{format_score(card.mean)}</td>',
            ]
            cells += [f'<td class="n">{scores.get(area.id, "")}</td>' for area in areas]
            # One line per kind of change, its label first: the ids wrap after their commas.
            found = [
                "<p><strong>"
                + html_text(_("Gaps {title}:").format(title=title))
                + "</strong> "
                + html_text(_(", ").join(ids))
                + "</p>"
                for title, ids in (_changes(row.step) if row.step else [])
            ]
            if revision.written_for:
                found.append(f"<p>{html_text(_bank_note(revision))}</p>")
            nothing = html_text(_("no gap opened or closed"))
            changes = "".join(found) or f"<p>{nothing}</p>"
        # Each revision's changes on a row of their own under its scores, the table's width:
        # a column beside a dozen scores would leave them one word a line.
        parts.append(
            '<tbody><tr class="scores">'
            + "".join(cells)
            + f'</tr><tr><td class="changes" colspan="{columns}">{changes}</td></tr></tbody>'
        )
    parts += ["</table>", "</body></html>"]
    return "\n".join(parts) + "\n"
