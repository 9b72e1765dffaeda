"""`check --format markdown`: a short summary for a pull-request comment or a CI job summary."""

from __future__ import annotations

from collections.abc import Sequence

from mlready.core.messages import _, translated
from mlready.core.vocabulary import word_for
from mlready.render.escape import markdown_cell, markdown_code, markdown_text
from mlready.render.scorecard_view import (
    Outcome,
    cap_lines,
    dates_line,
    expiring_lines,
    format_score,
    level_headline,
    level_note,
    optional_line,
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
    return cut.rsplit("\n", 1)[0] + "\n\n" + _("… (cut to fit the 1 MiB job summary)") + "\n"


def render_markdown(outcomes: Sequence[Outcome]) -> str:
    """A short Markdown summary of each review, for a PR comment or a CI job summary."""
    return CHECK_MARKER + "\n" + "\n".join(_markdown_of(outcome) for outcome in outcomes)


def _markdown_of(outcome: Outcome) -> str:
    # Every word a person reads is said in the chosen language; ids, scores and the bank's ref
    # stay as they are.
    card, verdict = outcome.scorecard, outcome.verdict
    mark = "✅ " + _("passed") if verdict.passed else "❌ " + _("failed")
    summary = _(
        "**Level:** {level} · **Score:** {score} (weakest area) · **Mean:** {mean} · "
        "**Bank:** {bank}"
    )
    headers = (_("Area"), _("Score"), _("Answered"), _("Gaps"))
    lines = [
        f"### mlready: {markdown_text(outcome.name)}: {mark}",
        "",
        summary.format(
            level=markdown_text(level_headline(card)),
            score=format_score(card.score),
            mean=format_score(card.mean),
            bank=markdown_code(card.bank.ref),
        ),
        # What the level allows and rests on, as in every summary: no cap at the top, and its
        # conditions.
        *(["", markdown_text(card.level.means)] if card.level.means else []),
        *(["", markdown_text(note)] if (note := level_note(card)) else []),
        "",
        "| " + " | ".join(markdown_cell(header) for header in headers) + " |",
        "| --- | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {markdown_cell(area.area.title)} | {format_score(area.score)} | "
        f"{area.answered}/{area.applicable} | {area.gaps} |"
        for area in card.areas
    ]
    if not verdict.passed:
        lines += ["", _("**Why it failed:**")]
        lines += [f"- {markdown_text(translated(reason))}" for reason in verdict.reasons]
    optional = optional_line(card)
    if optional:
        lines += ["", markdown_text(optional)]
    gaps = card.open_gaps[:MARKDOWN_TOP_GAPS]
    if gaps:
        top = _("**Top gaps** ({shown} of {total}):")
        lines += ["", top.format(shown=len(gaps), total=len(card.open_gaps)), ""]
        lines += [
            _("- {severity}: {id} {prompt}").format(
                severity=translated(word_for(gap.severity)),
                id=markdown_code(gap.question.id),
                prompt=markdown_text(gap.question.prompt),
            )
            for gap in gaps
        ]
    if card.waived:
        waived = _(", ").join(markdown_code(g.question.id) for g in card.waived)
        lines += ["", _("**Waived:** {ids}").format(ids=waived)]
    # What the view adds to every summary: late actions, waivers running out, sign-offs.
    for title, items in (
        (
            _("Why the level is not higher"),
            [_("{check}: {what}").format(check=what, what=why) for what, why in cap_lines(card)],
        ),
        (
            _("Upcoming obligations"),
            [
                _("{check}: {what}").format(check=check, what=what)
                for check, what in upcoming_lines(card)
            ],
        ),
        (
            _("Overdue actions"),
            [
                _("{check}: {what}").format(check=check, what=late)
                for check, late in overdue_lines(card)
            ],
        ),
        (_("Waivers expiring soon"), expiring_lines(card)),
        (_("Sign-off"), signoff_lines(card)),
    ):
        if items:
            heading = _("**{title}:**").format(title=title)
            lines += ["", heading, "", *(f"- {markdown_text(item)}" for item in items)]
            if title == _("Upcoming obligations"):
                lines += ["", markdown_text(dates_line(card))]
    return "\n".join(lines) + "\n"
