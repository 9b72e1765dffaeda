"""What changed between two reviews, as text, Markdown or JSON."""

from __future__ import annotations

import json
from typing import Any

from mlready.core.diff import AnswerChange, ReviewDiff
from mlready.core.messages import N_, _, translated
from mlready.core.model import AnswerEntry, Question
from mlready.core.validation import to_plain
from mlready.render.escape import json_text, markdown_cell, markdown_code, markdown_text, one_line
from mlready.render.scorecard_view import format_score
from mlready.render.signatures import DIFF_MARKER, generated, text_mark
from mlready.render.width import HANG, cells, hanging, pad, pad_left


def _entry_json(entry: AnswerEntry | None) -> Any:
    return None if entry is None else to_plain(entry, drop_none=True)


def diff_json(diff: ReviewDiff) -> str:
    """The changes as one JSON document."""
    document = {
        "before": {
            "file": diff.before.answers.source,
            "level": diff.before.level.name,
            "score": diff.before.score,
            "mean": diff.before.mean,
        },
        "after": {
            "file": diff.after.answers.source,
            "level": diff.after.level.name,
            "score": diff.after.score,
            "mean": diff.after.mean,
        },
        "answers": [
            {"id": c.question.id, "before": _entry_json(c.before), "after": _entry_json(c.after)}
            for c in diff.answers
        ],
        "areas": [{"id": a.area.id, "before": a.before, "after": a.after} for a in diff.areas],
        "gaps_opened": [q.id for q in diff.opened],
        "gaps_closed": [q.id for q in diff.closed],
        "gaps_no_longer_applicable": [q.id for q in diff.no_longer_applicable],
        "gaps_worsened": [q.id for q in diff.worsened],
    }
    return json_text(json.dumps(generated("diff", document), indent=2, ensure_ascii=False)) + "\n"


def gap_changes(diff: ReviewDiff) -> tuple[tuple[str, tuple[Question, ...]], ...]:
    """The gaps a change opened, closed, and those that no longer apply, with their titles
    (marked for the catalog, to be said in the chosen language)."""
    return (
        (N_("Gaps opened"), diff.opened),
        (N_("Gaps closed"), diff.closed),
        (N_("Gaps worsened"), diff.worsened),
        (N_("No longer applicable"), diff.no_longer_applicable),
    )


def _change_words(change: AnswerChange) -> str:
    before, after = change.before, change.after
    parts = []
    if (before.value if before else None) != (after.value if after else None):
        parts.append(
            f"{translated(change.describe(before))} → {translated(change.describe(after))}"
        )
    if (before.note if before else None) != (after.note if after else None):
        note = after.note if after else None
        parts.append(_("note: {note}").format(note=note or _("(removed)")))
    evidence = after.evidence if after else ()
    if (before.evidence if before else ()) != evidence:
        parts.append(_("evidence: {paths}").format(paths=", ".join(evidence) or _("(removed)")))
    if (before.waiver if before else None) != (after.waiver if after else None):
        parts.append(_("waiver set") if after and after.waiver else _("waiver removed"))
    return _("; ").join(parts)


def diff_text(diff: ReviewDiff, *, width: int | None = None) -> str:
    """The changes as plain text; with a `width`, each line wrapped to it (by display width)."""
    b, a = diff.before, diff.after
    files = f"{text_mark('diff')}{one_line(b.answers.source)} → {one_line(a.answers.source)}"
    scores = _(
        "Level: {level_before} → {level_after}   Score: {score_before} → {score_after}   "
        "Mean: {mean_before} → {mean_after}"
    ).format(
        level_before=b.level.shown,
        level_after=a.level.shown,
        score_before=format_score(b.score),
        score_after=format_score(a.score),
        mean_before=format_score(b.mean),
        mean_after=format_score(a.mean),
    )
    lines = [*hanging("", files, width, indent=2), *hanging("", scores, width, indent=2)]
    if diff.areas:
        # Titles padded by display width, so that the scores line up.
        titles = [f"{one_line(c.area.title)}:" for c in diff.areas]
        column = max(cells(title) for title in titles)
        before = max(cells(format_score(c.before)) for c in diff.areas)
        lines += ["", _("Areas")]
        for title, area in zip(titles, diff.areas, strict=True):
            prefix = f"  {pad(title, column)} "
            scored = f"{pad_left(format_score(area.before), before)} → {format_score(area.after)}"
            lines += hanging(prefix, scored, width, indent=HANG)
    for title, questions in gap_changes(diff):
        if questions:
            lines += ["", _("{title} ({count})").format(title=_(title), count=len(questions))]
            for q in questions:
                lines += hanging("  ", q.id + _(": ") + one_line(q.prompt), width, indent=HANG)
    if diff.answers:
        lines += ["", _("Answers changed ({count})").format(count=len(diff.answers))]
        for c in diff.answers:
            change = c.question.id + _(": ") + one_line(_change_words(c))
            lines += hanging("  ", change, width, indent=HANG)
    if not (diff.answers or diff.areas):
        lines += ["", _("No answer changed.")]
    return "\n".join(lines) + "\n"


def diff_markdown(diff: ReviewDiff) -> str:
    """The changes as Markdown, for a pull-request comment."""
    b, a = diff.before, diff.after
    lines = [
        DIFF_MARKER,
        "## " + _("Readiness review: what changed"),
        "",
        _(
            "**Level:** {level_before} → {level_after} · **Score:** {score_before} → "
            "{score_after} · **Mean:** {mean_before} → {mean_after}"
        ).format(
            level_before=markdown_text(b.level.shown),
            level_after=markdown_text(a.level.shown),
            score_before=format_score(b.score),
            score_after=format_score(a.score),
            mean_before=format_score(b.mean),
            mean_after=format_score(a.mean),
        ),
    ]
    if diff.areas:
        header = (_("Area"), _("Before"), _("After"))
        lines += ["", "| {} | {} | {} |".format(*header), "| --- | ---: | ---: |"]
        lines += [
            f"| {markdown_cell(c.area.title)} | {format_score(c.before)} | "
            f"{format_score(c.after)} |"
            for c in diff.areas
        ]
    for title, questions in gap_changes(diff):
        if questions:
            lines += ["", f"### {_(title)}", ""]
            lines += [f"- {markdown_code(q.id)} {markdown_text(q.prompt)}" for q in questions]
    if diff.answers:
        columns = (_("Question"), _("Change"))
        lines += ["", "### " + _("Answers changed"), "", "| {} | {} |".format(*columns)]
        lines += ["| --- | --- |"]
        lines += [
            f"| {markdown_code(c.question.id)} | {markdown_cell(_change_words(c))} |"
            for c in diff.answers
        ]
    else:
        lines += ["", _("No answer changed.")]
    return "\n".join(lines) + "\n"
