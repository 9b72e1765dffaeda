"""Answers files: loading them against a bank, and writing them back (stable and atomic)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from mlready.errors import InputError
from mlready.files import write_atomically
from mlready.model import (
    DEFAULT_CHECK_OPTIONS,
    NA,
    AnswerEntry,
    AnswersFile,
    Bank,
    Project,
    Question,
)
from mlready.validation import suggest, to_plain, validate_document
from mlready.vocabulary import Kind
from mlready.yamlio import Document, format_scalar, parse_yaml, read_text

FORMAT_VERSION = 1
DEFAULT_ANSWERS = Path("mlready.yaml")


_NOTHING: Mapping[str, AnswerEntry] = MappingProxyType({})


class Answers(NamedTuple):
    """The answers of one review, checked against a bank.

    `entries` holds answers to the bank's questions (by id, in file order); `foreign` holds
    answers to ids the bank does not have (another bank version), kept so that no rewrite
    loses them; `disabled` holds answers to questions a layered bank leaves out; `lines` gives
    the line of each answer.
    """

    source: str
    bank_ref: str | None = None
    project: Project = Project()
    entries: Mapping[str, AnswerEntry] = _NOTHING
    foreign: Mapping[str, AnswerEntry] = _NOTHING
    disabled: Mapping[str, AnswerEntry] = _NOTHING
    schema: str | None = None  # the JSON Schema an editor should check the file with
    warnings: tuple[str, ...] = ()
    lines: Mapping[str, int] = MappingProxyType({})
    answers_line: int = 1  # where unanswered questions are reported

    def get(self, question_id: str) -> AnswerEntry | None:
        """The answer given, or None when the question is unanswered."""
        entry = self.entries.get(question_id)
        return entry if entry is not None and entry.value is not None else None

    def with_entry(self, question_id: str, entry: AnswerEntry | None) -> Answers:
        """A copy with one answer set, or removed when `entry` is None."""
        entries = dict(self.entries)
        if entry is None:
            entries.pop(question_id, None)
        else:
            entries[question_id] = entry
        return self._replace(entries=entries)

    def with_project(self, project: Project) -> Answers:
        return self._replace(project=project)


def empty_answers(source: str | Path = DEFAULT_ANSWERS, *, schema: str | None = None) -> Answers:
    """Answers with nothing answered yet (`schema`: the JSON Schema for editors, if any)."""
    return Answers(source=str(source), schema=schema)


def load_answers(path: Path, bank: Bank) -> Answers:
    """The answers file at `path`, checked against `bank`.

    Raises InputError naming file:line:column for anything the bank does not accept.
    """
    text = read_text(path, kind="answers file")
    answers = answers_from_document(parse_yaml(text, source=str(path)), bank)
    modeline = _SCHEMA_MODELINE.search(text[:2000])
    return answers._replace(schema=modeline.group(1)) if modeline else answers


# Editors with the YAML language server validate a file against the schema this line names.
_SCHEMA_MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$", re.MULTILINE)


def answers_from_document(document: Document, bank: Bank) -> Answers:
    """Validate parsed YAML as answers to `bank`. Raises InputError listing every problem."""
    _check_format_version(document)
    raw = validate_document(AnswersFile, document)
    problems: list[str] = []
    warnings: list[str] = []
    same_version = True
    if raw.bank is not None:
        bank_id, _, version = raw.bank.partition("@")
        versions = dict(ref.split("@") for ref in bank.lineage)
        if bank_id not in versions:
            builds_on = (
                f", which builds on {', '.join(bank.lineage[1:])}" if len(bank.lineage) > 1 else ""
            )
            raise InputError(
                f"{document.where(('bank',))}: these answers are for bank '{raw.bank}', "
                f"but the bank in use is '{bank.ref}'{builds_on} (choose it with --bank PATH)"
            )
        if version and version != versions[bank_id]:
            same_version = False
            newer = int(version) > int(versions[bank_id])
            effect = (
                "answers to questions it does not have are kept but ignored"
                if newer
                else "its new questions count as unanswered"
            )
            warnings.append(
                f"{document.where(('bank',))}: answers were written for {raw.bank}; the bank in "
                f"use is {bank.ref}: {effect}"
            )
    entries: dict[str, AnswerEntry] = {}
    foreign: dict[str, AnswerEntry] = dict(raw.retired)
    disabled: dict[str, AnswerEntry] = {}
    for question_id, entry in raw.answers.items():
        loc = ("answers", question_id)
        question = bank.questions.get(question_id)
        if question_id in bank.disabled:
            disabled[question_id] = entry
            warnings.append(
                f"{document.where(loc)}: '{question_id}' is disabled by bank {bank.ref}; ignored"
            )
            continue
        if question is None:
            foreign[question_id] = entry
            message = f"{document.where(loc)}: unknown question '{question_id}'"
            if same_version:
                problems.append(message + suggest(question_id, bank.questions))
            else:
                warnings.append(f"{message} (not in {bank.ref}); kept, ignored")
            continue
        checked = _checked_entry(question, entry, document.where((*loc, "value")), problems)
        entries[question_id] = checked
    if problems:
        raise InputError(problems)
    lines = {key: document.mark(("answers", key)).line for key in raw.answers}
    return Answers(
        source=document.source,
        bank_ref=raw.bank,
        project=raw.project or Project(),
        entries=entries,
        foreign=foreign,
        disabled=disabled,
        warnings=tuple(warnings),
        lines=lines,
        answers_line=document.mark(("answers",)).line,
    )


def _check_format_version(document: Document) -> None:
    data = document.data
    if not isinstance(data, dict):
        raise InputError(
            f"{document.where()}: an answers file is a mapping with the keys "
            f"mlready, bank, project and answers"
        )
    version = data.get("mlready")
    if "mlready" not in data:
        raise InputError(
            f"{document.where()}: missing required key 'mlready' (the answers format version; "
            f"write 'mlready: {FORMAT_VERSION}')"
        )
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise InputError(
            f"{document.where(('mlready',))}: written by a newer mlready (answers format "
            f"{version}); this mlready reads format {FORMAT_VERSION}: upgrade mlready"
        )
    if version != FORMAT_VERSION:
        raise InputError(
            f"{document.where(('mlready',))}: mlready must be {FORMAT_VERSION}, the answers "
            f"format version (got {version!r})"
        )


def _checked_entry(
    question: Question, entry: AnswerEntry, where: str, problems: list[str]
) -> AnswerEntry:
    """The entry with its value normalised for the question's kind; problems are appended."""
    value = entry.value
    if entry.waiver is not None and (value is None or question.kind is not Kind.CHECK):
        problems.append(f"{where}: a waiver belongs on an answered check ('{question.id}')")
    if value is None:
        return entry
    if question.kind is Kind.TEXT:  # any text, "na" included, is what the person wrote
        if not isinstance(value, str):
            problems.append(f"{where}: '{question.id}' takes text, not a list")
        return entry
    if value == NA:
        if not (question.kind is Kind.CHECK and question.na):
            problems.append(f"{where}: '{question.id}' cannot be answered 'na'")
        elif entry.note is None:
            problems.append(f"{where}: an 'na' answer to '{question.id}' needs a note saying why")
        return entry
    offered = [option.value for option in question.options]
    hint = f"expected one of: {', '.join(offered)}"
    if question.kind is Kind.MULTI:
        values = tuple(_option_value(item, offered) for item in _as_tuple(value))
        for item in values:
            if item not in offered:
                problems.append(f"{where}: '{item}' is not an option of '{question.id}' ({hint})")
        return replace(entry, value=tuple(dict.fromkeys(values)))
    if not isinstance(value, str):
        problems.append(f"{where}: '{question.id}' takes one value, not a list ({hint})")
        return entry
    value = _option_value(value, offered)
    if value not in offered:
        problems.append(f"{where}: '{value}' is not an option of '{question.id}' ({hint})")
    return replace(entry, value=value)


_YES_WORDS = {"true": "yes", "on": "yes", "false": "no", "off": "no"}


def _as_tuple(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value


def _option_value(written: str, offered: list[str]) -> str:
    """The option a person meant: `Yes` is `yes`, and true/on or false/off are yes or no."""
    lowered = written.lower()
    if lowered in offered:
        return lowered
    meant = _YES_WORDS.get(lowered)
    return meant if meant in offered else written


def render_answers(bank: Bank, answers: Answers, *, skeleton: bool = False) -> str:
    """The answers file text: bank order, each question's prompt as a comment above it.

    With `skeleton`, every question of the bank is listed, unanswered ones with an empty value.
    """
    lines = [f"# yaml-language-server: $schema={answers.schema}"] if answers.schema else []
    lines += [
        f"# mlready answers for {_comment(bank.display_title)} ({bank.ref}).",
        "# Each answer is one of the values listed above it; `mlready ask` walks them in order.",
        f"mlready: {FORMAT_VERSION}",
        f"bank: {_written_bank(bank, answers)}",
    ]
    project = to_plain(answers.project, drop_none=True)
    if project or skeleton:
        lines.append("project:")
        for key in ("name", "owner", "reviewed"):
            value = project.get(key)
            lines.append(f"  {key}:" + ("" if value is None else f" {format_scalar(value)}"))
    lines.append("answers:")
    written = False
    for area in bank.areas:
        listed = [q for q in area.questions if skeleton or q.id in answers.entries]
        if not listed:
            continue
        lines += ["", f"  # == {_comment(area.title)} =="]
        for question in listed:
            lines.append("")
            lines += _comment_lines(question, with_options=skeleton)
            lines += _entry_lines(question.id, answers.entries.get(question.id))
            written = True
    if answers.disabled:
        lines += ["", f"  # == Disabled by {bank.ref}; kept for the banks that ask them =="]
        for question_id, entry in answers.disabled.items():
            lines += ["", *_entry_lines(question_id, entry)]
            written = True
    if not written:
        lines[-1] = "answers: {}"
    if answers.foreign:
        # Kept apart so that the file loads with this bank version, yet loses nothing.
        lines += [
            "",
            f"# Answers to questions that {bank.ref} does not have; kept, ignored.",
            "retired:",
        ]
        for question_id, entry in answers.foreign.items():
            lines += _entry_lines(question_id, entry)
    return "\n".join(lines) + "\n"


def _written_bank(bank: Bank, answers: Answers) -> str:
    """The bank an answers file names: the one in use, or the base bank the file already
    named, so that a file kept for a base bank still loads with it after a layered bank
    rewrote it."""
    named = (answers.bank_ref or "").partition("@")[0]
    return next((ref for ref in bank.lineage if ref.partition("@")[0] == named), bank.ref)


def save_answers(path: Path, bank: Bank, answers: Answers) -> None:
    """Write `answers` to `path` atomically."""
    write_atomically(path, render_answers(bank, answers))


def _comment(text: str) -> str:
    """`text` on one line, fit for a YAML comment."""
    return " ".join(text.split())


def _comment_lines(question: Question, *, with_options: bool) -> list[str]:
    lines = [f"  # {line}" if line else "  #" for line in question.prompt.splitlines()]
    if with_options:
        if question.kind is Kind.TEXT:
            lines.append("  # (free text)")
        else:
            shape = "one or more of" if question.kind is Kind.MULTI else "one of"
            na = ["na (with a note)"] if question.na else []
            if question.options == DEFAULT_CHECK_OPTIONS or not any(
                option.label for option in question.options
            ):
                values = [option.value for option in question.options] + na
                lines.append(f"  # {shape}: {' | '.join(values)}")
            else:  # labels carry the meaning of graded options: list them
                lines.append(f"  # {shape}:")
                lines += [
                    f"  #   {option.value}: {_comment(option.display)}"
                    for option in question.options
                ]
                lines += [f"  #   {item}" for item in na]
        for name, wanted in question.when.items():
            lines.append(f"  # (asked when {name} is {' or '.join(wanted)})")
    return lines


def _entry_lines(question_id: str, entry: AnswerEntry | None) -> list[str]:
    key = f"  {question_id}:"
    if entry is None or entry == AnswerEntry():
        return [key]
    value = _value_text(entry.value)
    if entry.note is None and not entry.evidence and entry.waiver is None:
        return [f"{key} {value}"]
    lines = [key, f"    value: {value}"]
    if entry.note is not None:
        lines.append(f"    note: {format_scalar(entry.note)}")
    if len(entry.evidence) == 1:
        lines.append(f"    evidence: {format_scalar(entry.evidence[0])}")
    elif entry.evidence:
        lines.append("    evidence:")
        lines += [f"      - {format_scalar(item)}" for item in entry.evidence]
    if entry.waiver is not None:
        lines.append("    waiver:")
        waiver = to_plain(entry.waiver, drop_none=True)
        lines += [f"      {name}: {format_scalar(text)}" for name, text in waiver.items()]
    return lines


def _value_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, tuple):
        return "[" + ", ".join(_value_text(item) for item in value) + "]"
    # Unquoted yes/no read back as the options yes/no, and are what a person writes.
    return str(value) if value in ("yes", "no") else format_scalar(value)
