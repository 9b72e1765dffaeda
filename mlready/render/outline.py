"""A bank in brief: its areas and questions, one line each (`bank show`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mlready.core.kinds import is_scored
from mlready.core.messages import _, alternatives, language, message_n, translated
from mlready.core.model import Bank, Question
from mlready.core.vocabulary import word_for
from mlready.render.escape import json_text, one_line
from mlready.render.signatures import generated, text_mark
from mlready.render.width import cells, hanging, pad, text_column


def bank_outline(bank: Bank, *, width: int | None = None) -> str:
    """A bank's profile, areas and questions, one line each; with a `width`, each wrapped to
    it (by display width), a question's prompt going on under itself where there is room."""
    title = _("{title} ({ref})").format(title=one_line(bank.display_title), ref=bank.ref)
    count = translated(
        message_n("{count} question", "{count} questions", count=len(bank.questions))
    )
    mark = text_mark("bank show") + _("{title}: {count}").format(title=title, count=count)
    lines = hanging("", mark, width, indent=2)
    # Ids are padded to 32 columns, or to the longest, so that kinds and prompts line up; kinds
    # by display width (a Chinese word takes two columns a character).
    ids = max([32, *(len(question_id) for question_id in bank.questions)])
    words = {question.id: _kind_word(question) for question in bank.questions.values()}
    kinds = max([7, *(cells(word) for word in words.values())])
    for area in bank.sections:
        lines += ["", *hanging("", f"{area.id}: {one_line(area.title)}", width, indent=2)]
        for question in area.questions:
            when = _conditions(bank, question)
            if is_scored(question):
                when += _severity_notes(bank, question)
            else:
                when += _suggestion_note(question)
            prefix = f"  {question.id:<{ids}} {pad(words[question.id], kinds)} "
            indent = text_column(prefix, width)
            lines += hanging(prefix, f"{one_line(question.prompt)}{when}", width, indent=indent)
    return "\n".join(lines) + "\n"


def _kind_word(question: Question) -> str:
    """A check's severity, else the question's kind, in the chosen language."""
    return translated(word_for(question.gap_severity if is_scored(question) else question.kind))


def _conditions(bank: Bank, question: Question) -> str:
    """`  [when profile.personal_data in personal, sensitive]`, one per condition; in another
    language one note whose conditions are joined as that language joins them."""
    if not question.when:
        return ""
    if language() == "en":
        return "".join(f"  [when {name} in {', '.join(v)}]" for name, v in question.when.items())
    return "  " + _("[when {conditions}]").format(conditions=_said(question.when))


def _suggestion_note(question: Question) -> str:
    """`  [suggests profile.regimes]`: the later decisions a decision's answers suggest values
    of (which values, for which answer, `bank show --format json` says)."""
    named = list(dict.fromkeys(name for option in question.options for name in option.suggests))
    if not named:
        return ""
    if language() == "en":
        return f"  [suggests {', '.join(named)}]"
    return "  " + _("[suggests {ids}]").format(ids=_(", ").join(named))


def _said(when: Mapping[str, Sequence[str]]) -> str:
    """`a is 'x' or 'y', and b is 'z'`: the option values, not their labels, keep it short (a
    label can be a sentence); the question's id stays (it is data)."""
    said = []
    for name, values in when.items():
        quoted = [_("'{label}'").format(label=one_line(value)) for value in values]
        options = translated(alternatives(quoted))
        said.append(_("{id} is {values}").format(id=name, values=options))
    return _(", and ").join(said)


def _severity_notes(bank: Bank, question: Question) -> str:
    """The severity rules before the default, the cap and the date, as `bank show` lists them."""
    english = language() == "en"
    notes = []
    for rule in question.severity_rules[:-1]:
        # A rule's cap is said with it: what gates is read off the listing.
        if english:
            condition = "; ".join(f"{name} in {', '.join(v)}" for name, v in rule.when.items())
            capped = f", caps {one_line(rule.caps)}" if rule.caps else ""
            notes.append(f"  [{rule.is_} when {condition}{capped}]")
        else:
            severity = translated(word_for(rule.is_))
            conditions = _said(rule.when)
            if rule.caps:
                said = _("[{severity} when {conditions}, caps {level}]").format(
                    severity=severity, conditions=conditions, level=_level_shown(bank, rule.caps)
                )
            else:
                said = _("[{severity} when {conditions}]").format(
                    severity=severity, conditions=conditions
                )
            notes.append("  " + said)
    for option in question.options:
        if option.caps:
            if english:
                notes.append(f"  [{option.value} caps {one_line(option.caps)}]")
            else:
                said = _("['{value}' caps {level}]")
                shown = _level_shown(bank, option.caps)
                notes.append("  " + said.format(value=option.value, level=shown))
    caps = question.default_caps
    if caps:
        if english:
            notes.append(f"  [caps {one_line(caps)}]")
        else:
            notes.append("  " + _("[caps {level}]").format(level=_level_shown(bank, caps)))
    if question.applies_from:
        date = question.applies_from
        notes.append(f"  [from {date}]" if english else "  " + _("[from {date}]").format(date=date))
    return "".join(notes)


def _level_shown(bank: Bank, name: str) -> str:
    """A level as the bank shows it (its title in the language spoken), by its name."""
    level = bank.level_named(name)
    return one_line(level.shown if level else name)


def bank_json(bank: Bank) -> str:
    """The whole bank as JSON, each check with its effective weight, for other tools."""
    import json

    from mlready.core.bank import bank_document

    return (
        json_text(
            json.dumps(generated("bank show", bank_document(bank)), indent=2, ensure_ascii=False)
        )
        + "\n"
    )
