"""Renderings of `check` results for people, logs and CI systems; the registry drives `--format`.

Every renderer takes the outcomes of one run (one per answers file) and returns text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mlready.text import markdown_cell, markdown_code, markdown_text, one_line
from mlready.validation import to_plain
from mlready.vocabulary import CheckFormat, Severity

if TYPE_CHECKING:
    from mlready.gate import Verdict
    from mlready.scoring import Scorecard

__all__ = ["CheckFormat", "Outcome", "renderer"]

BAR_WIDTH = 20
GITHUB_ANNOTATIONS_PER_LEVEL = 10
MARKDOWN_TOP_GAPS = 10


class Outcome(NamedTuple):
    """One answers file's scorecard and the gate's verdict on it."""

    scorecard: Scorecard
    verdict: Verdict

    @property
    def name(self) -> str:
        """The project's name, or else the answers file."""
        return self.scorecard.answers.project.name or self.scorecard.answers.source


def format_score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:g}"


def text_bar(
    value: float | None, *, width: int = BAR_WIDTH, full: str = "#", empty: str = "."
) -> str:
    """A bar of `width` characters for a score 0..100."""
    if value is None:
        return " " * width
    filled = round(value / 100 * width)
    return full * filled + empty * (width - filled)


def answer_line(scorecard: Scorecard, question_id: str) -> int:
    """The answers file line of a question's answer, or of the `answers:` key when unanswered."""
    answers = scorecard.answers
    return answers.lines.get(question_id) or answers.answers_line


def waived_lines(card: Scorecard) -> list[str]:
    """One line per waived gap: the check, the reason, who approved it and until when."""
    return [
        f"{gap.question.id}: {one_line(gap.waiver.reason)} "
        f"(approved by {one_line(gap.waiver.approved_by)}"
        + (f", until {gap.waiver.expires})" if gap.waiver.expires else ")")
        for gap in card.waived
        if gap.waiver is not None
    ]


def verdict_line(verdict: Verdict) -> str:
    return "PASSED" if verdict.passed else "FAILED: " + "; ".join(verdict.reasons)


# --- json -----------------------------------------------------------------------------------


def check_json(outcome: Outcome) -> dict[str, Any]:
    """The `check --format json` document of one answers file."""
    card, verdict = outcome.scorecard, outcome.verdict
    answers = card.answers
    document: dict[str, Any] = {
        "passed": verdict.passed,
        "reasons": list(verdict.reasons),
        "file": answers.source,
        "bank": card.bank.ref,
        "project": to_plain(answers.project),
        "score": card.score,
        "mean": card.mean,
        "level": card.level.name,
        "blockers": [gap.question.id for gap in card.blockers],
        "unanswered": [question.id for question in card.unanswered],
        "not_applicable": [question.id for question in card.not_applicable],
        "gaps": [
            {
                "id": gap.question.id,
                "area": gap.area.id,
                "severity": gap.severity.value,
                "score": gap.score,
                "answered": gap.answer is not None,
                "waived": gap.waived,
                "line": answer_line(card, gap.question.id),
            }
            for gap in card.gaps
        ],
        "waived": [
            {"id": gap.question.id, **to_plain(gap.waiver)}
            for gap in card.waived
            if gap.waiver is not None
        ],
        "expired_waivers": [gap.question.id for gap in card.expired_waivers],
        "areas": [
            {
                "id": area.area.id,
                "score": area.score,
                "applicable": area.applicable,
                "answered": area.answered,
                "gaps": area.gaps,
            }
            for area in card.areas
        ],
        "checks": card.check_scores(),
        "warnings": list(answers.warnings),
    }
    if verdict.comparison is not None:
        document["regressions"] = list(verdict.comparison.regressions)
        document["improvements"] = list(verdict.comparison.improvements)
    return document


def render_json(outcomes: Sequence[Outcome]) -> str:
    """One document for one file; for several, `passed` and the list of `reviews`."""
    if len(outcomes) == 1:
        document: Any = check_json(outcomes[0])
    else:
        document = {
            "passed": all(outcome.verdict.passed for outcome in outcomes),
            "reviews": [check_json(outcome) for outcome in outcomes],
        }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- text -----------------------------------------------------------------------------------


def render_text(outcomes: Sequence[Outcome]) -> str:
    """Plain aligned text for logs and pipes: no colour, no terminal control."""
    parts = [_text_of(outcome) for outcome in outcomes]
    if len(outcomes) > 1:
        passed = sum(outcome.verdict.passed for outcome in outcomes)
        parts.append(f"{passed} of {len(outcomes)} reviews passed\n")
    return "\n".join(parts)


def _text_of(outcome: Outcome) -> str:
    card, verdict = outcome.scorecard, outcome.verdict
    bank = card.bank
    project = card.answers.project
    title = f"{one_line(project.name)} · " if project.name else ""
    lines = [
        f"{title}{one_line(bank.display_title)} ({bank.ref}) · {one_line(card.answers.source)}",
        f"Level: {card.level.name}   Score: {format_score(card.score)} "
        f"(weakest area)   Mean: {format_score(card.mean)}",
        "",
    ]
    width = max((len(one_line(area.area.title)) for area in card.areas), default=4)
    lines.append(f"{'Area':<{width}}  {'Score':>5}  {'':<{BAR_WIDTH}}  Answered  Gaps")
    for area in card.areas:
        answered = f"{area.answered}/{area.applicable}"
        lines.append(
            f"{one_line(area.area.title):<{width}}  {format_score(area.score):>5}  "
            f"{text_bar(area.score)}  {answered:>8}  {area.gaps:>4}"
        )
    if card.blockers:
        lines += ["", f"Blockers ({len(card.blockers)})"]
        lines += [f"  {gap.question.id}: {one_line(gap.question.prompt)}" for gap in card.blockers]
    others = [gap for gap in card.open_gaps if gap.severity is not Severity.BLOCKER]
    if others:
        lines += ["", f"{'Other gaps' if card.blockers else 'Gaps'} ({len(others)})"]
        id_width = max(len(gap.question.id) for gap in others)
        lines += [
            f"  {gap.severity.value:<5}  {gap.question.id:<{id_width}}  {gap.score:.2f}  "
            f"{one_line(gap.question.prompt)}"
            for gap in others
        ]
    if card.waived:
        lines += ["", f"Waived ({len(card.waived)})", *(f"  {line}" for line in waived_lines(card))]
    if card.unanswered:
        lines += ["", f"Unanswered ({len(card.unanswered)})"]
        lines += [f"  {q.id}: {one_line(q.prompt)}" for q in card.unanswered]
    comparison = verdict.comparison
    if comparison is not None:
        for heading, items in (
            ("Regressions", comparison.regressions),
            ("Improvements", comparison.improvements),
        ):
            if items:
                lines += ["", f"{heading} ({len(items)})", *(f"  {item}" for item in items)]
    lines += [""] + [f"Note: {note}" for note in verdict.notes] + [verdict_line(verdict)]
    return "\n".join(lines) + "\n"


# --- GitHub workflow commands ---------------------------------------------------------------


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(outcomes: Sequence[Outcome]) -> str:
    """Annotations: `::error` for blockers, `::warning` for other open gaps, ten of each."""
    errors: list[str] = []
    warnings: list[str] = []
    for outcome in outcomes:
        card = outcome.scorecard
        for gap in card.open_gaps:
            command = "error" if gap.severity is Severity.BLOCKER else "warning"
            properties = ",".join(
                [
                    f"file={_github_property(card.answers.source)}",
                    f"line={answer_line(card, gap.question.id)}",
                    f"title={_github_property(f'{gap.severity.value} gap: {gap.question.id}')}",
                ]
            )
            fix = f" Next step: {gap.question.fix}" if gap.question.fix else ""
            message = _github_data(one_line(f"{gap.question.prompt} (score {gap.score:g}).{fix}"))
            (errors if command == "error" else warnings).append(
                f"::{command} {properties}::{message}"
            )
    shown = errors[:GITHUB_ANNOTATIONS_PER_LEVEL] + warnings[:GITHUB_ANNOTATIONS_PER_LEVEL]
    hidden = len(errors) + len(warnings) - len(shown)
    summaries = [
        f"mlready: {one_line(outcome.name)}: level {outcome.scorecard.level.name}, score "
        f"{format_score(outcome.scorecard.score)}: {verdict_line(outcome.verdict)}"
        for outcome in outcomes
    ]
    more = [f"mlready: {hidden} more gaps not annotated; see the report"] if hidden else []
    return "\n".join([*shown, *more, *summaries]) + "\n"


# --- Markdown summary (pull-request comment, job summary) -----------------------------------


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
    return "\n".join(_markdown_of(outcome) for outcome in outcomes)


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
    return "\n".join(lines) + "\n"


Renderer = Callable[[Sequence[Outcome]], str]


def renderer(output_format: CheckFormat) -> Renderer:
    """The function that renders `output_format`."""
    if output_format is CheckFormat.JUNIT:
        from mlready.junit import render_junit

        return render_junit
    if output_format is CheckFormat.SARIF:
        from mlready.sarif import render_sarif

        return render_sarif
    return {
        CheckFormat.TEXT: render_text,
        CheckFormat.JSON: render_json,
        CheckFormat.GITHUB: render_github,
        CheckFormat.MARKDOWN: render_markdown,
    }[output_format]
