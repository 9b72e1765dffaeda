"""A bank in brief: its areas and questions, one line each (`bank show`)."""

from __future__ import annotations

from mlready.core.kinds import is_scored
from mlready.core.model import Bank
from mlready.render.escape import one_line
from mlready.render.signatures import generated, text_mark


def bank_outline(bank: Bank) -> str:
    """A bank's profile, areas and questions, one line each."""
    title = f"{one_line(bank.display_title)} ({bank.ref})"
    lines = [f"{text_mark('bank show')}{title}: {len(bank.questions)} questions"]
    for area in bank.sections:
        lines += ["", f"{area.id}: {one_line(area.title)}"]
        for question in area.questions:
            kind = question.gap_severity if is_scored(question) else question.kind
            when = "".join(
                f"  [when {name} in {', '.join(values)}]" for name, values in question.when.items()
            )
            lines.append(f"  {question.id:<32} {kind:<7} {one_line(question.prompt)}{when}")
    return "\n".join(lines) + "\n"


def bank_json(bank: Bank) -> str:
    """The whole bank as JSON, each check with its effective weight, for other tools."""
    import json

    from mlready.core.bank import bank_document

    return (
        json.dumps(generated("bank show", bank_document(bank)), indent=2, ensure_ascii=False) + "\n"
    )
