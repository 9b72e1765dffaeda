"""The answers of one review: checking parsed answers against a bank, and changing them."""

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from mlready.core.document import Document
from mlready.core.errors import InputError, Place, Problem
from mlready.core.kinds import kind_of
from mlready.core.messages import Message, message_n
from mlready.core.model import (
    NA,
    AnswerEntry,
    AnswersFile,
    Bank,
    Moved,
    Project,
    Question,
)
from mlready.core.validation import suggest, validate_document

FORMAT_VERSION = 1


_NOTHING: Mapping[str, AnswerEntry] = MappingProxyType({})


class Answers(NamedTuple):
    """The answers of one review, checked against a bank."""

    # `entries` holds answers to the bank's questions (by id, in file order); `foreign` holds
    # answers to ids the bank does not have (another bank version), kept so that no rewrite
    # loses them; `disabled` holds answers to questions a layered bank leaves out; `lines` gives
    # the line of each answer.

    source: str
    bank_ref: str | None = None
    project: Project = Project()
    entries: Mapping[str, AnswerEntry] = _NOTHING
    foreign: Mapping[str, AnswerEntry] = _NOTHING
    disabled: Mapping[str, AnswerEntry] = _NOTHING
    layers: tuple[str, ...] = ()  # the layered banks the file was written with, as recorded
    layered: Mapping[str, AnswerEntry] = _NOTHING  # answers for layers the bank lacks
    schema: str | None = None  # the JSON Schema an editor should check the file with
    warnings: tuple[str, ...] = ()
    lines: Mapping[str, int] = MappingProxyType({})
    project_places: Mapping[str, Place] = MappingProxyType({})  # of each project key
    answers_line: int = 1  # where unanswered questions are reported

    def get(self, question_id: str) -> AnswerEntry | None:
        """The answer given, or None when the question is unanswered."""
        entry = self.entries.get(question_id)
        return entry if entry is not None and entry.value is not None else None

    def with_entry(self, question_id: str, entry: AnswerEntry | None) -> "Answers":
        """A copy with one answer set, or removed when `entry` is None."""
        entries = dict(self.entries)
        if entry is None:
            entries.pop(question_id, None)
        else:
            entries[question_id] = entry
        return self._replace(entries=entries)

    def with_project(self, project: Project) -> "Answers":
        """A copy with the project's name, owner and review date replaced."""
        return self._replace(project=project)


def empty_answers(source: str | Path, *, schema: str | None = None) -> Answers:
    """Answers with nothing answered yet (`schema`: the JSON Schema for editors, if any)."""
    return Answers(source=str(source), schema=schema)


def answers_from_document(document: Document, bank: Bank) -> Answers:
    """Validate parsed YAML as answers to `bank`. Raises InputError listing every problem."""
    _check_format_version(document)
    raw = validate_document(AnswersFile, document)
    problems: list[Problem] = []
    warnings = _version_warnings(document, raw.bank, bank)
    same_version = not warnings
    entries: dict[str, AnswerEntry] = {}
    foreign: dict[str, AnswerEntry] = dict(raw.retired)
    disabled: dict[str, AnswerEntry] = {}
    layered: dict[str, AnswerEntry] = {}
    lineage_ids = {ref.partition("@")[0] for ref in bank.lineage}
    missing_layers = [ref for ref in raw.layers if ref.partition("@")[0] not in lineage_ids]
    renamed: list[str] = []
    for written_id, written_entry in raw.answers.items():
        loc = ("answers", written_id)
        placed = _placed(bank, raw.answers, written_id, written_entry)
        if placed is None:  # answered under both ids: the new one stands, the old one is kept
            foreign[written_id] = written_entry
            warnings.append(
                Message(
                    "{place}: '{id}' moved to '{target}', which is answered too; the old answer "
                    "is ignored (kept under 'retired' by the next save)",
                    place=document.where(loc),
                    id=written_id,
                    target=bank.moved[written_id].to,
                )
            )
            continue
        question_id, entry = placed
        if question_id != written_id:
            renamed.append(f"{written_id} → {question_id}")
        question = bank.questions.get(question_id)
        if question_id in bank.disabled:
            disabled[question_id] = entry
            warnings.append(
                Message(
                    "{place}: '{id}' is disabled by bank {bank}; ignored",
                    place=document.where(loc),
                    id=question_id,
                    bank=bank.ref,
                )
            )
            continue
        if question is None and missing_layers:
            layered[question_id] = entry  # a layer's question: kept for that layer, ignored
            continue
        if question is None:
            foreign[question_id] = entry
            if same_version:
                hint = suggest(question_id, bank.questions, after=len(problems))
                problems.append(
                    document.problem(
                        loc, Message("unknown question '{id}'{hint}", id=question_id, hint=hint)
                    )
                )
            else:
                warnings.append(
                    Message(
                        "{place}: unknown question '{id}' (not in {bank}); kept, ignored",
                        place=document.where(loc),
                        id=question_id,
                        bank=bank.ref,
                    )
                )
            continue
        checked, messages = _checked_entry(question, entry)
        if messages:  # where, only when there is something to say: it is looked up by path
            place = document.place((*loc, "value"))
            problems += [Problem(place, message) for message in messages]
        entries[question_id] = checked
    if problems:
        raise InputError(problems)
    warnings += _summary_warnings(document, bank, layered, missing_layers)
    warnings = _moved_warnings(document, bank, warnings, renamed, written=raw.bank)
    lines = {
        bank.moved[key].to if key in bank.moved and key not in bank.questions else key: (
            document.mark(("answers", key)).line
        )
        for key in raw.answers
    }
    project = document.data.get("project")
    project_places = {
        str(key): document.place(("project", key))
        for key in (project if isinstance(project, dict) else {})
    }
    return Answers(
        source=document.source,
        bank_ref=raw.bank,
        project=raw.project or Project(),
        entries=entries,
        foreign=foreign,
        disabled=disabled,
        layers=raw.layers,
        layered=layered,
        warnings=tuple(warnings),
        lines=lines,
        project_places=project_places,
        answers_line=document.mark(("answers",)).line,
    )


def _check_format_version(document: Document) -> None:
    data = document.data
    if not isinstance(data, dict):
        raise InputError(
            document.problem(
                (),
                Message(
                    "an answers file is a mapping with the keys mlready, bank, project and answers"
                ),
            )
        )
    version = data.get("mlready")
    if "mlready" not in data:
        raise InputError(
            document.problem(
                (),
                Message(
                    "missing required key 'mlready' (the answers format version; "
                    "write 'mlready: {version}')",
                    version=FORMAT_VERSION,
                ),
            )
        )
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise InputError(
            document.problem(
                ("mlready",),
                Message(
                    "written by a newer mlready (answers format {version}); this mlready reads "
                    "format {known}: upgrade mlready",
                    version=version,
                    known=FORMAT_VERSION,
                ),
            )
        )
    if version != FORMAT_VERSION:
        raise InputError(
            document.problem(
                ("mlready",),
                Message(
                    "mlready must be {known}, the answers format version (got {got})",
                    known=FORMAT_VERSION,
                    got=repr(version),
                ),
            )
        )


def _version_warnings(document: Document, written: str | None, bank: Bank) -> list[str]:
    """A warning when the answers were written for an older version of the bank in use (none
    when for this one); InputError when for a newer version, or another bank altogether."""
    if written is None:
        return []
    bank_id, _, version = written.partition("@")
    versions = dict(ref.split("@") for ref in bank.lineage)
    if bank_id not in versions:
        builds_on = (
            Message(", which builds on {banks}", banks=", ".join(bank.lineage[1:]))
            if len(bank.lineage) > 1
            else ""
        )
        raise InputError(
            document.problem(
                ("bank",),
                Message(
                    "these answers are for bank '{written}', but the bank in use is "
                    "'{bank}'{builds_on} (choose it with --bank PATH)",
                    written=written,
                    bank=bank.ref,
                    builds_on=builds_on,
                ),
            )
        )
    if not version or version == versions[bank_id]:
        return []
    in_use = f"{bank_id}@{versions[bank_id]}"
    if int(version) > int(versions[bank_id]):
        # Judged with an older bank, a file would pass a gate on the answers it can read and
        # silently drop the rest: a file it cannot fully read is no file to judge.
        raise InputError(
            document.problem(
                ("bank",),
                Message(
                    "these answers need {written}, newer than the {bank} in use: upgrade "
                    "mlready, or choose a bank of that version with --bank PATH",
                    written=written,
                    bank=in_use,
                ),
            )
        )
    return [
        Message(
            "{place}: answers were written for {written}; the bank in use is {bank}: {effect}",
            place=document.where(("bank",)),
            written=written,
            bank=bank.ref,
            effect=Message("its new questions count as unanswered"),
        )
    ]


def _moved_warnings(
    document: Document,
    bank: Bank,
    warnings: list[str],
    renamed: list[str],
    *,
    written: str | None,
) -> list[str]:
    """`warnings` with one more for the answers read under the ids their questions moved to."""
    # For answers written for an older version of the bank (whose warning comes first), one
    # warning says both: which version, and that the moved answers keep their meaning.
    if not renamed:
        return warnings
    moves = ", ".join(renamed)
    bank_id, _, version = (written or "").partition("@")
    versions = dict(ref.split("@") for ref in bank.lineage)
    if version and bank_id in versions and int(version) < int(versions[bank_id]):
        return [
            message_n(
                "{place}: answers were written for {written} and are read with {bank}: {count} "
                "answer to moved questions is read under the new ids with their meaning kept "
                "({moves}); nothing is lost, and the next save writes the new ids. Questions "
                "new in {bank} count as unanswered",
                "{place}: answers were written for {written} and are read with {bank}: {count} "
                "answers to moved questions are read under the new ids with their meaning kept "
                "({moves}); nothing is lost, and the next save writes the new ids. Questions "
                "new in {bank} count as unanswered",
                count=len(renamed),
                place=document.where(("bank",)),
                written=written,
                bank=bank.ref,
                moves=moves,
            ),
            *warnings[1:],
        ]
    return [
        *warnings,
        message_n(
            "{place}: {bank} moved {count} question; their answers are read under the new ids "
            "and written so by the next save: {moves}",
            "{place}: {bank} moved {count} questions; their answers are read under the new ids "
            "and written so by the next save: {moves}",
            count=len(renamed),
            place=document.where(("answers",)),
            bank=bank.ref,
            moves=moves,
        ),
    ]


def _summary_warnings(
    document: Document,
    bank: Bank,
    layered: Mapping[str, AnswerEntry],
    missing_layers: list[str],
) -> list[str]:
    """One warning for all answers kept for layers the bank lacks."""
    warnings: list[str] = []
    if layered:
        warnings.append(
            message_n(
                "{place}: {count} answer to questions of {layers}, which {bank} does not "
                "include, is kept but ignored",
                "{place}: {count} answers to questions of {layers}, which {bank} does not "
                "include, are kept but ignored",
                count=len(layered),
                place=document.where(("layers",)),
                layers=", ".join(missing_layers),
                bank=bank.ref,
            )
        )
    return warnings


def _placed(
    bank: Bank, written: Mapping[str, AnswerEntry], question_id: str, entry: AnswerEntry
) -> tuple[str, AnswerEntry] | None:
    """Where an answer belongs: its own id, or the id its question moved to (its values as the
    new question names them); None when the new id is answered too."""
    moved = bank.moved.get(question_id)
    if moved is None or question_id in bank.questions:
        return question_id, entry
    if moved.to in written:
        return None
    return moved.to, _moved_entry(entry, moved)


def _moved_entry(entry: AnswerEntry, moved: Moved) -> AnswerEntry:
    """An answer written under an old id, with its values as the new question names them."""
    value = entry.value
    if isinstance(value, str):
        return replace(entry, value=moved.values.get(value, value))
    if isinstance(value, tuple):
        return replace(entry, value=tuple(moved.values.get(item, item) for item in value))
    return entry


def _checked_entry(question: Question, entry: AnswerEntry) -> tuple[AnswerEntry, list[str]]:
    """The entry with its value normalised for the question's kind, and what is wrong with it."""
    value = entry.value
    rules = kind_of(question)
    problems: list[str] = []
    if entry.waiver is not None and (value is None or not rules.scored):
        problems.append(Message("a waiver belongs on an answered check ('{id}')", id=question.id))
    if entry.action is not None and (value is None or value == NA or not rules.scored):
        problems.append(
            Message("an action belongs on an answered check, not n/a ('{id}')", id=question.id)
        )
    if value is None:
        return entry, problems
    if value == NA and rules.chosen:  # a text answer "na" is what the person wrote
        if not question.na:
            problems.append(Message("'{id}' cannot be answered 'na'", id=question.id))
        elif entry.note is None:
            problems.append(
                Message("an 'na' answer to '{id}' needs a note saying why", id=question.id)
            )
        return entry, problems
    normalised = rules.normalised(question, value)
    problems += normalised.problems
    if normalised.value == value:  # as written, most answers are: no copy to make
        return entry, problems
    return replace(entry, value=normalised.value), problems
