"""`export --format model-card`: a model card in the Hugging Face layout, filled from the review."""

# The card says only what the answers file says: each section lists the answers (with notes
# and the evidence the scan found) of the checks that belong there, by area and tag, and every
# part the review does not cover says "[More Information Needed]", the placeholder of Hugging
# Face's own template, so a reader sees what is missing instead of something made up. The
# metadata header holds only what is known (mlready's level and score, the bank, the date).

from __future__ import annotations

from collections.abc import Callable, Sequence

from mlready.core.messages import N_, _, translated
from mlready.core.model import NA, Question
from mlready.core.vocabulary import word_for
from mlready.render.escape import markdown_text
from mlready.render.scorecard_view import Outcome, format_score
from mlready.render.signatures import MODEL_CARD_MARKER

MISSING = "[More Information Needed]"
_DESCRIBING = ("profile.model_source", "profile.system_task")


def _is_evaluation(question: Question) -> bool:
    return any(tag.startswith(("mlts-model-", "nist-measure-2.")) for tag in question.tags)


def _is_bias(question: Question) -> bool:
    return any(tag.startswith(("deon-d", "nist-measure-2.11")) for tag in question.tags)


# Hugging Face's sections, the checks each shows (first match wins) and, for the profile's
# questions, how the model is described.
_SECTIONS: tuple[tuple[str, Callable[[str, Question], bool]], ...] = (
    (N_("Bias, Risks, and Limitations"), lambda area, q: _is_bias(q)),
    (N_("Evaluation"), lambda area, q: area == "training" and _is_evaluation(q)),
    (N_("Training Data"), lambda area, q: area == "data"),
    (N_("Training Procedure"), lambda area, q: area in ("preprocessing", "training")),
    (N_("Technical Specifications"), lambda area, q: area in ("framework", "serving")),
    (N_("Monitoring"), lambda area, q: area == "monitoring"),
)


def _answer_line(outcome: Outcome, question: Question) -> str:
    card = outcome.scorecard
    entry = card.answers.get(question.id)
    prompt = markdown_text(question.prompt)
    if entry is None:
        return f"- **{prompt}** {MISSING} (" + _("unanswered") + ")"
    said = _("not applicable") if entry.value == NA else translated(question.describe(entry.value))
    line = f"- **{prompt}** {markdown_text(said)}"
    if entry.note:
        line += f" — {markdown_text(' '.join(entry.note.split()))}"
    evidence = outcome.evidence.get(question.id)
    if evidence is not None:
        cited = [f.path if f.line is None else f"{f.path}:{f.line}" for f in evidence.found[:3]]
        state = translated(word_for(evidence.state))
        line += " " + markdown_text(
            _("(evidence: {state}{where})").format(
                state=state, where=": " + ", ".join(cited) if cited else ""
            )
        )
    return line


def _lines(outcome: Outcome, questions: Sequence[Question]) -> list[str]:
    return [_answer_line(outcome, q) for q in questions] or [MISSING]


def export_model_card(outcome: Outcome) -> str:
    """The model card of the review in `outcome` (Markdown with a YAML header)."""
    card = outcome.scorecard
    name = outcome.name
    area_of = card.bank.area_of
    checks = card.checks
    placed: dict[str, list[Question]] = {title: [] for title, _rule in _SECTIONS}
    other: list[Question] = []
    for question in checks:
        area = area_of[question.id].id
        title = next((t for t, rule in _SECTIONS if rule(area, question)), None)
        (placed[title] if title is not None else other).append(question)
    profile = [q for q in card.bank.profile if q in card.applicable]
    # What the model is (how it is obtained, what it does) describes it; the rest of the
    # profile (how and where it predicts, whom it affects, the regimes) is its use.
    described = [q for q in profile if q.id in _DESCRIBING] or profile[:1]
    uses = [q for q in profile if q not in described]
    owner = card.answers.project.owner

    header = [
        "---",
        MODEL_CARD_MARKER,
        "tags:",
        "- mlready",
        "mlready:",
        f"  bank: {_yaml_scalar(card.bank.ref)}",
        f"  level: {_yaml_scalar(card.level.name)}",
        f"  score: {_yaml_scalar(format_score(card.score))}",
        f"  gate: {'passed' if outcome.verdict.passed else 'failed'}",
    ]
    if card.today is not None:
        header.append(f"  reviewed: {_yaml_scalar(str(card.today))}")
    header.append("---")
    body = [
        "",
        "# " + markdown_text(_("Model Card for {name}").format(name=name)),
        "",
        markdown_text(
            _(
                "Filled from the readiness review of {name} against {bank}: level {level}, "
                "score {score}. Parts the review does not cover say {missing}."
            ).format(
                name=name,
                bank=card.bank.ref,
                level=card.level.shown,
                score=format_score(card.score),
                missing=MISSING,
            )
        ),
        "",
        _heading("##", N_("Model Details")),
        "",
        _heading("###", N_("Model Description")),
        "",
        _label(N_("Developed by")) + f" {markdown_text(owner) if owner else MISSING}",
        *(_lines(outcome, described) if described else [_label(N_("Model type")) + f" {MISSING}"]),
        _label(N_("License")) + f" {MISSING}",
        "",
        _heading("##", N_("Uses")),
        "",
        _heading("###", N_("Direct Use")),
        "",
        *_lines(outcome, uses),
        "",
        _heading("###", N_("Out-of-Scope Use")),
        "",
        MISSING,
        "",
    ]
    for title, _rule in _SECTIONS:
        level = "###" if title in (N_("Training Data"), N_("Training Procedure")) else "##"
        if title == N_("Training Data"):
            body += [_heading("##", N_("Training Details")), ""]
        body += [_heading(level, title), "", *_lines(outcome, placed[title]), ""]
        if title == N_("Bias, Risks, and Limitations"):
            body += [_heading("###", N_("Recommendations")), "", *_recommendations(outcome), ""]
        if title == N_("Evaluation"):
            body += [_heading("###", N_("Results")), "", *_results(outcome), ""]
    if other:
        body += [_heading("##", N_("More Information")), "", *_lines(outcome, other), ""]
    body += [
        _heading("##", N_("Model Card Contact")),
        "",
        markdown_text(owner) if owner else MISSING,
        "",
    ]
    return "\n".join(header + body)


def _recommendations(outcome: Outcome) -> list[str]:
    """The open gaps, worst first: what a user of the model should know is not done yet."""
    gaps = outcome.scorecard.open_gaps
    if not gaps:
        return [markdown_text(_("The review found no open gap."))]
    lines = []
    for gap in gaps:
        severity = translated(word_for(gap.severity))
        fix = gap.question.fix or gap.question.why
        lines.append(
            f"- **{markdown_text(gap.question.prompt)}** ({markdown_text(severity)}) "
            + markdown_text(" ".join(fix.split()))
        )
    return lines


def _results(outcome: Outcome) -> list[str]:
    card = outcome.scorecard
    lines = [
        markdown_text(
            _("Readiness level {level}, score {score} (the weakest area's).").format(
                level=card.level.shown, score=format_score(card.score)
            )
        ),
        "",
    ]
    lines += [
        f"- {markdown_text(area.area.title)}: {format_score(area.score)}" for area in card.areas
    ]
    return lines


def _yaml_scalar(text: str) -> str:
    """`text` as a double-quoted YAML scalar: any character is data, never YAML syntax."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in escaped)
    return f'"{escaped}"'


def _heading(marks: str, title: str) -> str:
    """A Markdown heading of `title` (marked for the catalog where it is written)."""
    return f"{marks} " + markdown_text(_(title))


def _label(name: str) -> str:
    """The start of a list item naming one of the card's fields."""
    return "- **" + markdown_text(_(name)) + ":**"
