"""What changed between two reviews of the same system."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from mlready.formats import format_score
from mlready.model import AnswerEntry, Area, Question
from mlready.scoring import Scorecard
from mlready.text import markdown_cell, markdown_code, markdown_text, one_line
from mlready.validation import to_plain


@dataclass(frozen=True)
class AnswerChange:
    question: Question
    before: AnswerEntry | None
    after: AnswerEntry | None

    def describe(self, entry: AnswerEntry | None) -> str:
        return self.question.describe(entry.value if entry else None)


@dataclass(frozen=True)
class AreaChange:
    area: Area
    before: float | None
    after: float | None


@dataclass(frozen=True)
class ReviewDiff:
    before: Scorecard
    after: Scorecard
    answers: tuple[AnswerChange, ...]
    areas: tuple[AreaChange, ...]
    opened: tuple[Question, ...]  # gaps open now that were not before
    closed: tuple[Question, ...]  # gaps open before that are not now


def diff_reviews(before: Scorecard, after: Scorecard) -> ReviewDiff:
    """Compare two scorecards of the same bank: answers, notes, areas, level and gaps."""
    bank = after.bank
    changes = []
    for question in bank.questions.values():
        old, new = before.answers.get(question.id), after.answers.get(question.id)
        if old != new:
            changes.append(AnswerChange(question, old, new))
    old_areas = {row.area.id: row.score for row in before.areas}
    areas = tuple(
        AreaChange(row.area, old_areas.get(row.area.id), row.score)
        for row in after.areas
        if old_areas.get(row.area.id) != row.score
    )
    old_gaps = {gap.question.id for gap in before.open_gaps}
    new_gaps = {gap.question.id for gap in after.open_gaps}
    return ReviewDiff(
        before=before,
        after=after,
        answers=tuple(changes),
        areas=areas,
        opened=tuple(q for i, q in bank.questions.items() if i in new_gaps - old_gaps),
        closed=tuple(q for i, q in bank.questions.items() if i in old_gaps - new_gaps),
    )


def _entry_json(entry: AnswerEntry | None) -> Any:
    return None if entry is None else to_plain(entry, drop_none=True)


def diff_json(diff: ReviewDiff) -> str:
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
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _change_words(change: AnswerChange) -> str:
    before, after = change.before, change.after
    parts = []
    if (before.value if before else None) != (after.value if after else None):
        parts.append(f"{change.describe(before)} → {change.describe(after)}")
    if (before.note if before else None) != (after.note if after else None):
        parts.append(f"note: {(after.note if after else None) or '(removed)'}")
    evidence = after.evidence if after else ()
    if (before.evidence if before else ()) != evidence:
        parts.append(f"evidence: {', '.join(evidence) or '(removed)'}")
    if (before.waiver if before else None) != (after.waiver if after else None):
        parts.append("waiver " + ("set" if after and after.waiver else "removed"))
    return "; ".join(parts)


def diff_text(diff: ReviewDiff) -> str:
    b, a = diff.before, diff.after
    lines = [
        f"{one_line(b.answers.source)} → {one_line(a.answers.source)}",
        f"Level: {b.level.name} → {a.level.name}   Score: {format_score(b.score)} → "
        f"{format_score(a.score)}   Mean: {format_score(b.mean)} → {format_score(a.mean)}",
    ]
    if diff.areas:
        lines += ["", "Areas"]
        lines += [
            f"  {one_line(c.area.title)}: {format_score(c.before)} → {format_score(c.after)}"
            for c in diff.areas
        ]
    for title, questions in (("Gaps opened", diff.opened), ("Gaps closed", diff.closed)):
        if questions:
            lines += ["", f"{title} ({len(questions)})"]
            lines += [f"  {q.id}: {one_line(q.prompt)}" for q in questions]
    if diff.answers:
        lines += ["", f"Answers changed ({len(diff.answers)})"]
        lines += [f"  {c.question.id}: {one_line(_change_words(c))}" for c in diff.answers]
    if not (diff.answers or diff.areas):
        lines += ["", "No answer changed."]
    return "\n".join(lines) + "\n"


def diff_markdown(diff: ReviewDiff) -> str:
    b, a = diff.before, diff.after
    lines = [
        "## Readiness review: what changed",
        "",
        f"**Level:** {markdown_text(b.level.name)} → {markdown_text(a.level.name)} · "
        f"**Score:** {format_score(b.score)} → {format_score(a.score)} · "
        f"**Mean:** {format_score(b.mean)} → {format_score(a.mean)}",
    ]
    if diff.areas:
        lines += ["", "| Area | Before | After |", "| --- | ---: | ---: |"]
        lines += [
            f"| {markdown_cell(c.area.title)} | {format_score(c.before)} | "
            f"{format_score(c.after)} |"
            for c in diff.areas
        ]
    for title, questions in (("Gaps opened", diff.opened), ("Gaps closed", diff.closed)):
        if questions:
            lines += ["", f"### {title}", ""]
            lines += [f"- {markdown_code(q.id)} {markdown_text(q.prompt)}" for q in questions]
    if diff.answers:
        lines += ["", "### Answers changed", "", "| Question | Change |", "| --- | --- |"]
        lines += [
            f"| {markdown_code(c.question.id)} | {markdown_cell(_change_words(c))} |"
            for c in diff.answers
        ]
    else:
        lines += ["", "No answer changed."]
    return "\n".join(lines) + "\n"
