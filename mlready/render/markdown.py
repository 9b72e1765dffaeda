"""`check --format markdown`: a short summary for a pull-request comment or a CI job summary."""

from __future__ import annotations

from collections.abc import Sequence

from mlready.render.escape import markdown_cell, markdown_code, markdown_text
from mlready.render.scorecard_view import (
    Outcome,
    cap_lines,
    expiring_lines,
    format_score,
    overdue_lines,
    signoff_lines,
    upcoming_lines,
)
from mlready.render.signatures import CHECK_MARKER

MARKDOWN_TOP_GAPS = 10

STEP_SUMMARY_LIMIT = 1024 * 1024  # GitHub refuses a job summary over 1 MiB


def step_summary(outcomes: Sequence[Outcome]) -> str:
    """The Markdown summary, cut to fit a GitHub job summary."""
    text = render_markdown(outcomes)
    data = text.encode("utf-8")
    if len(data) <= STEP_SUMMARY_LIMIT:
        return text
    cut = data[: STEP_SUMMARY_LIMIT - 200].decode("utf-8", errors="ignore")
    return cut.rsplit("\n", 1)[0] + "\n\n… (cut to fit the 1 MiB job summary)\n"


def render_markdown(outcomes: Sequence[Outcome]) -> str:
    """A short Markdown summary of each review, for a PR comment or a CI job summary."""
    return CHECK_MARKER + "\n" + "\n".join(_markdown_of(outcome) for outcome in outcomes)


def _markdown_of(outcome: Outcome) -> str:
    card, verdict = outcome.scorecard, outcome.verdict
    mark = "✅ passed" if verdict.passed else "❌ failed"
    lines = [
        f"### mlready: {markdown_text(outcome.name)}: {mark}",
        "",
        f"**Level:** {markdown_text(card.level.name)} · **Score:** {format_score(card.score)} "
        f"(weakest area) · **Mean:** {format_score(card.mean)} · "
        f"**Bank:** {markdown_code(card.bank.ref)}",
        "",
        "| Area | Score | Answered | Gaps |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {markdown_cell(area.area.title)} | {format_score(area.score)} | "
        f"{area.answered}/{area.applicable} | {area.gaps} |"
        for area in card.areas
    ]
    if not verdict.passed:
        lines += ["", "**Why it failed:**", *(f"- {markdown_text(r)}" for r in verdict.reasons)]
    gaps = card.open_gaps[:MARKDOWN_TOP_GAPS]
    if gaps:
        lines += ["", f"**Top gaps** ({len(gaps)} of {len(card.open_gaps)}):", ""]
        lines += [
            f"- {gap.severity.value}: {markdown_code(gap.question.id)} "
            f"{markdown_text(gap.question.prompt)}"
            for gap in gaps
        ]
    if card.waived:
        lines += ["", f"**Waived:** {', '.join(markdown_code(g.question.id) for g in card.waived)}"]
    # What the view adds to every summary: late actions, waivers running out, sign-offs.
    for title, items in (
        ("Why the level is not higher", [f"{what}: {why}" for what, why in cap_lines(card)]),
        ("Upcoming obligations", [f"{check}: {what}" for check, what in upcoming_lines(card)]),
        ("Overdue actions", [f"{check}: {late}" for check, late in overdue_lines(card)]),
        ("Waivers expiring soon", expiring_lines(card)),
        ("Sign-off", signoff_lines(card)),
    ):
        if items:
            lines += ["", f"**{title}:**", "", *(f"- {markdown_text(item)}" for item in items)]
    return "\n".join(lines) + "\n"
