"""A bank in brief: its areas and questions, one line each (`bank show`)."""

from __future__ import annotations

from mlready.core.kinds import is_scored
from mlready.core.model import Bank, Question
from mlready.render.escape import one_line
from mlready.render.signatures import generated, text_mark
from mlready.render.width import hanging, text_column


def bank_outline(bank: Bank, *, width: int | None = None) -> str:
    """A bank's profile, areas and questions, one line each; with a `width`, each wrapped to
    it (by display width), a question's prompt going on under itself where there is room."""
    title = f"{one_line(bank.display_title)} ({bank.ref})"
    mark = f"{text_mark('bank show')}{title}: {len(bank.questions)} questions"
    lines = hanging("", mark, width, indent=2)
    # Ids are padded to 32 columns, or to the longest, so that kinds and prompts line up.
    ids = max([32, *(len(question_id) for question_id in bank.questions)])
    for area in bank.sections:
        lines += ["", *hanging("", f"{area.id}: {one_line(area.title)}", width, indent=2)]
        for question in area.questions:
            kind = question.gap_severity if is_scored(question) else question.kind
            when = "".join(
                f"  [when {name} in {', '.join(values)}]" for name, values in question.when.items()
            )
            if is_scored(question):
                when += _severity_notes(question)
            prefix = f"  {question.id:<{ids}} {kind:<7} "
            indent = text_column(prefix, width)
            lines += hanging(prefix, f"{one_line(question.prompt)}{when}", width, indent=indent)
    return "\n".join(lines) + "\n"


def _severity_notes(question: Question) -> str:
    """The severity rules before the default, the cap and the date, as `bank show` lists them."""
    notes = []
    for rule in question.severity_rules[:-1]:
        condition = "; ".join(f"{name} in {', '.join(v)}" for name, v in rule.when.items())
        notes.append(f"  [{rule.is_} when {condition}]")
    caps = question.default_caps
    if caps:
        notes.append(f"  [caps {one_line(caps)}]")
    if question.applies_from:
        notes.append(f"  [from {question.applies_from}]")
    return "".join(notes)


def bank_json(bank: Bank) -> str:
    """The whole bank as JSON, each check with its effective weight, for other tools."""
    import json

    from mlready.core.bank import bank_document

    return (
        json.dumps(generated("bank show", bank_document(bank)), indent=2, ensure_ascii=False) + "\n"
    )
