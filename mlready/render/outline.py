"""A bank in brief: its areas and questions, one line each (`bank show`)."""

from __future__ import annotations

from collections.abc import Sequence

from mlready.core.kinds import is_scored
from mlready.core.messages import _, alternatives, language, message_n, translated
from mlready.core.model import Bank, Question
from mlready.core.vocabulary import word_for
from mlready.render.escape import one_line
from mlready.render.signatures import generated, text_mark
from mlready.render.width import cells, hanging, pad, text_column


def bank_outline(bank: Bank, *, width: int | None = None) -> str:
    """A bank's profile, areas and questions, one line each; with a `width`, each wrapped to
    it (by display width), a question's prompt going on under itself where there is room."""
    title = _("{title} ({ref})").format(title=one_line(bank.display_title), ref=bank.ref)
    count = translated(
        message_n("{count} question", "{count} questions", count=len(bank.questions))
    )
    mark = f"{text_mark('bank show')}{title}: {count}"
    lines = hanging("", mark, width, indent=2)
    # Ids are padded to 32 columns, or to the longest, so that kinds and prompts line up; kinds
    # by display width (a Chinese word takes two columns a character).
    ids = max([32, *(len(question_id) for question_id in bank.questions)])
    words = {question.id: _kind_word(question) for question in bank.questions.values()}
    kinds = max([7, *(cells(word) for word in words.values())])
    for area in bank.sections:
        lines += ["", *hanging("", f"{area.id}: {one_line(area.title)}", width, indent=2)]
        for question in area.questions:
            when = "".join(_condition(bank, name, values) for name, values in question.when.items())
            if is_scored(question):
                when += _severity_notes(question)
            prefix = f"  {question.id:<{ids}} {pad(words[question.id], kinds)} "
            indent = text_column(prefix, width)
            lines += hanging(prefix, f"{one_line(question.prompt)}{when}", width, indent=indent)
    return "\n".join(lines) + "\n"


def _kind_word(question: Question) -> str:
    """A check's severity, else the question's kind, in the chosen language."""
    return translated(word_for(question.gap_severity if is_scored(question) else question.kind))


def _condition(bank: Bank, name: str, values: Sequence[str]) -> str:
    """`  [when profile.personal_data in personal, sensitive]`: the question's id stays (it is
    data); in another language the values are said by their option labels."""
    asked = bank.questions.get(name)
    labels = {option.value: option.display for option in asked.options} if asked else {}
    if not labels or language() == "en":
        return f"  [when {name} in {', '.join(values)}]"
    quoted = [_("'{label}'").format(label=one_line(labels.get(value, value))) for value in values]
    said = translated(alternatives(quoted))
    return "  " + _("[when {id} in {values}]").format(id=name, values=said)


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
