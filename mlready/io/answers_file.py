"""Answers files on disk: reading them against a bank, and writing them back (stable, atomic)."""

import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from mlready.core.answers import FORMAT_VERSION, Answers, answers_from_document
from mlready.core.errors import ConcurrentEditError, InputError
from mlready.core.kinds import kind_of
from mlready.core.messages import N_, Message, _
from mlready.core.model import AnswerEntry, Bank, Question
from mlready.core.validation import fields_of, to_plain
from mlready.io.files import inputs_read, write_atomically
from mlready.io.yamlio import decoded_text, format_scalar, parse_yaml, read_text

DEFAULT_ANSWERS = Path("mlready.yaml")


def load_answers(path: Path, bank: Bank) -> Answers:
    """The answers file at `path`, checked against `bank`.

    Raises InputError naming file:line:column for anything the bank does not accept.
    """
    text = read_text(path, kind=N_("answers file"))
    answers = answers_from_document(parse_yaml(text, source=str(path)), bank)
    modeline = _SCHEMA_MODELINE.search(text[:2000])
    return answers._replace(schema=modeline.group(1)) if modeline else answers


def answers_from_bytes(data: bytes, bank: Bank, *, source: str) -> Answers:
    """The answers in `data` (a version of an answers file read from git, named `source`),
    checked as `load_answers` checks a file. Raises InputError naming source:line:column."""
    text = decoded_text(data, name=source, kind=N_("answers file"))
    return answers_from_document(parse_yaml(text, source=source), bank)


# Editors with the YAML language server validate a file against the schema this line names.
_SCHEMA_MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$", re.MULTILINE)


# The comments mlready writes around the answers, in the language spoken; what a file says
# stays valid in every language (comments are comments), and a rewrite in one language knows
# the comments written in another (`OwnComments`) so as not to keep them as a person's.
_TOP = N_("# mlready answers for {title} ({ref}).")
_TOP_HELP = N_(
    "# Each answer is one of the values listed above it; `mlready ask` walks them in order."
)
_DISABLED = N_("# == Disabled by {ref}; kept for the banks that ask them ==")
_LAYERED = N_("# == Asked by {layers}, not part of {ref}; kept ==")
_RETIRED = N_("# Answers to questions that {ref} does not have; kept, ignored.")


def render_answers(
    bank: Bank,
    answers: Answers,
    *,
    skeleton: bool = False,
    previous: str | None = None,
    also: "OwnComments | None" = None,
) -> str:
    """The answers file text: bank order, each question's prompt and allowed values as
    comments above it, in the language spoken."""
    # With `skeleton`, every question of the bank is listed, unanswered ones with an empty value.
    # `previous` is the file's text before this rewrite: comments a person wrote in it are kept
    # (see `HandComments`); `also` are mlready's own comments in other languages.
    kept = HandComments.of(previous, bank, also=also) if previous else HandComments()
    lines = [f"# yaml-language-server: $schema={answers.schema}"] if answers.schema else []
    lines += [
        _(_TOP).format(title=_comment(bank.display_title), ref=bank.ref),
        _(_TOP_HELP),
        *kept.loose.get(None, []),
        f"mlready: {FORMAT_VERSION}",
        f"bank: {_written_bank(bank, answers)}",
    ]
    layers = _written_layers(bank, answers)
    if layers:
        lines.append(f"layers: [{', '.join(layers)}]")
    project = {
        key: value
        for key, value in to_plain(answers.project, drop_none=True).items()
        if value != []
    }
    if project or skeleton:
        lines.append("project:")
        for key in ("name", "owner", "reviewed"):
            value = project.get(key)
            lines.append(f"  {key}:" + ("" if value is None else f" {format_scalar(value)}"))
        if answers.project.signoff:
            lines.append("  signoff:")
            lines += [
                "    - {"
                + ", ".join(
                    f"{name}: {format_scalar(value)}" for name, value in _fields(item).items()
                )
                + "}"
                for item in answers.project.signoff
            ]
    lines.append("answers:")
    written = False
    for area in bank.sections:
        listed = [q for q in area.questions if skeleton or q.id in answers.entries]
        if not listed:
            continue
        lines += ["", f"  # == {_comment(area.title)} =="]
        for question in listed:
            lines.append("")
            lines += _comment_lines(question)
            lines += kept.above.get(question.id, [])
            entry_lines = _entry_lines(question.id, answers.entries.get(question.id))
            if question.id in kept.trailing:
                entry_lines[0] += f"  {kept.trailing[question.id]}"
            lines += entry_lines
            written = True
        if kept.loose.get(area.id):
            lines += ["", *kept.loose[area.id]]
    if answers.disabled:
        lines += ["", "  " + _(_DISABLED).format(ref=bank.ref)]
        for question_id, entry in answers.disabled.items():
            lines += ["", *_entry_lines(question_id, entry)]
            written = True
    if answers.layered:
        asked_by = ", ".join(_written_layers(bank, answers))
        lines += ["", "  " + _(_LAYERED).format(layers=asked_by, ref=bank.ref)]
        for question_id, entry in answers.layered.items():
            lines += ["", *_entry_lines(question_id, entry)]
            written = True
    if not written:
        lines[-1] = "answers: {}"
    if answers.foreign:
        # Kept apart so that the file loads with this bank version, yet loses nothing.
        lines += [
            "",
            _(_RETIRED).format(ref=bank.ref),
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


_ANSWER_KEY = re.compile(r"^  ([a-z0-9][a-z0-9_.-]*):(.*)$")
_AREA_HEADER = re.compile(r"^  # == (.*) ==$")


class OwnComments(NamedTuple):
    """The comment lines mlready writes in an answers file for a bank (stripped), the starts
    of those that name refs, and its area titles (to their ids)."""

    lines: frozenset[str] = frozenset()
    starts: tuple[str, ...] = ()
    areas: Mapping[str, str] = MappingProxyType({})

    def merged(self, other: "OwnComments") -> "OwnComments":
        """These comments and `other`'s."""
        return OwnComments(
            self.lines | other.lines,
            tuple(dict.fromkeys(self.starts + other.starts)),
            {**self.areas, **other.areas},
        )


def own_comments(bank: Bank) -> OwnComments:
    """Every comment line mlready writes in an answers file for `bank`, in the language
    spoken: never a person's."""
    lines: set[str] = set()
    for section in bank.sections:
        lines.add(f"# == {_comment(section.title)} ==")
        for question in section.questions:
            lines.update(line.strip() for line in _comment_lines(question))
    # Those that name a ref or a title are known by their start, whatever they name.
    starts = ["# yaml-language-server:", _(_TOP_HELP)]
    starts += [_(said).partition("{")[0] for said in (_TOP, _DISABLED, _LAYERED, _RETIRED)]
    areas = {_comment(section.title): section.id for section in bank.sections}
    return OwnComments(frozenset(lines), tuple(starts), areas)


class HandComments(NamedTuple):
    """The comments a person wrote in an answers file, placed for the next rewrite: the lines
    directly above an answer (`above`), a comment at the end of an answer's line (`trailing`),
    and every other one (`loose`), kept at the end of its area's block (None: the file's top).
    """

    above: Mapping[str, list[str]] = MappingProxyType({})
    trailing: Mapping[str, str] = MappingProxyType({})
    loose: Mapping[str | None, list[str]] = MappingProxyType({})

    @classmethod
    def of(cls, text: str, bank: Bank, *, also: OwnComments | None = None) -> "HandComments":
        """The hand comments of `text`, an answers file for `bank`; `also`: mlready's own
        comments in other languages, which are not a person's either."""
        known = own_comments(bank).merged(also or OwnComments())
        own, starts, titles = known.lines, known.starts, known.areas
        above: dict[str, list[str]] = {}
        trailing: dict[str, str] = {}
        loose: dict[str | None, list[str]] = {}
        area: str | None = None
        pending: list[str] = []
        for line in text.splitlines():
            stripped = line.strip()
            header = _AREA_HEADER.match(line)
            if header:
                loose.setdefault(area, []).extend(pending)
                pending, area = [], titles.get(header[1], area)
            elif stripped.startswith("#"):
                if stripped not in own and not stripped.startswith(starts):
                    pending.append(f"  {stripped}" if area is not None else stripped)
            elif not stripped:  # a blank line: what came before is not "directly above"
                loose.setdefault(area, []).extend(pending)
                pending = []
            elif (key := _ANSWER_KEY.match(line)) and key[1] in bank.questions:
                above[key[1]] = pending
                pending = []
                comment = _end_comment(key[2])
                if comment:
                    trailing[key[1]] = comment
            else:
                loose.setdefault(area, []).extend(pending)
                pending = []
        loose.setdefault(area, []).extend(pending)
        return cls(above, trailing, {key: lines for key, lines in loose.items() if lines})


def _end_comment(rest: str) -> str | None:
    """The `# comment` at the end of a YAML line's value part, outside quotes, or None."""
    quote: str | None = None
    index = 0
    while index < len(rest):
        char = rest[index]
        if quote == '"' and char == "\\":
            index += 2  # an escaped character, whatever it is
            continue
        if quote is not None:
            if char == quote and quote == "'" and rest[index + 1 : index + 2] == "'":
                index += 2  # '' is a quote inside single quotes
                continue
            if char == quote:
                quote = None
        elif char in "'\"" and (index == 0 or rest[index - 1] in " [,{:"):
            quote = char
        elif char == "#" and (index == 0 or rest[index - 1].isspace()):
            return rest[index:].strip()
        index += 1
    return None


def _written_layers(bank: Bank, answers: Answers) -> list[str]:
    """The layered banks a file records: those of the bank in use above the bank the file
    names, and those recorded before that the bank in use does not include."""
    named = _written_bank(bank, answers)
    above = list(bank.lineage[: bank.lineage.index(named)])
    ids = {ref.partition("@")[0] for ref in bank.lineage}
    kept = [ref for ref in answers.layers if ref.partition("@")[0] not in ids]
    return list(dict.fromkeys([*above, *kept]))


def _content(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


class AnswersEditor:
    """Saves a walk's answers to one file, and only while nobody else has changed it."""

    # Writes go through a link to the file it points to, atomically. Before each save the file
    # is compared (by content) with what mlready last read or wrote; when an editor or another
    # program changed it meanwhile, the answers are kept in a side file instead and
    # ConcurrentEditError says where.

    def __init__(self, path: Path, bank: Bank, *, also: OwnComments | None = None) -> None:
        self.path = path
        self.real = Path(os.path.realpath(path))
        self.bank = bank  # in the language its comments are written in
        self.also = also  # mlready's comments in other languages
        self.seen = _content(self.real)  # what mlready last read or wrote there
        # Where the answers go when the file changed under the walk.
        self.pending = self.real.with_name(f"{self.real.stem}.pending{self.real.suffix}")

    def refuse_read_only(self) -> None:
        """Raise InputError when the file exists but is not writable (read-only for all)."""
        try:
            mode = self.real.stat().st_mode
        except FileNotFoundError:
            return
        # Root may write anything; a file marked read-only is still a "do not change" sign.
        if not mode & 0o222 or not os.access(self.real, os.W_OK):
            raise InputError(
                Message(
                    "{path}: is read-only; make it writable (chmod u+w) to change it",
                    path=self.path,
                )
            )

    def refuse_newer_bank(self, answers: Answers) -> None:
        """Raise InputError when `answers` were written for a newer version of the bank: this
        one would set aside, for good, the answers to that version's new questions."""
        written, _at, version = (answers.bank_ref or "").partition("@")
        in_use = next((ref for ref in self.bank.lineage if ref.partition("@")[0] == written), "")
        if version.isdigit() and in_use and int(version) > int(in_use.partition("@")[2]):
            raise InputError(
                Message(
                    "{path}: written for {written}, newer than {bank} in use; saving would set "
                    "aside its answers to questions {bank} lacks: use {written} to change it",
                    path=self.path,
                    written=answers.bank_ref,
                    bank=in_use,
                )
            )

    def save(self, answers: Answers) -> None:
        """Write `answers`, or raise ConcurrentEditError if the file changed under the walk."""
        self.refuse_newer_bank(answers)
        current = _content(self.real)
        previous = current.decode("utf-8", errors="replace") if current else None
        text = render_answers(self.bank, answers, previous=previous, also=self.also)
        if current != self.seen:
            side = self._free_side_file()
            write_atomically(side, text)
            raise ConcurrentEditError(
                Message(
                    "{path}: changed by another program while ask ran; nothing was "
                    "overwritten; your answers, the last one too, are in {side}; compare the "
                    "two, then run `mlready ask` again",
                    path=self.path,
                    side=side,
                )
            )
        write_atomically(self.real, text)
        self.seen = text.encode("utf-8")

    def _free_side_file(self) -> Path:
        # The side file follows the output policy: never an input of the run (the bank could
        # be named so), never a file of the person's; one mlready wrote earlier may go.
        inputs = set(inputs_read())
        for number in range(1, 100):
            suffix = "" if number == 1 else f".{number}"
            side = self.pending.with_name(f"{self.real.stem}.pending{suffix}{self.real.suffix}")
            if side.resolve() in inputs or side.is_symlink():
                continue
            existing = _content(side)
            if existing is None or existing.startswith(_OWN_FILE_STARTS):
                return side
        raise ConcurrentEditError(
            Message(
                "{path}: changed by another program while ask ran; nothing was overwritten, "
                "and no free file to keep your answers in beside it",
                path=self.path,
            )
        )


def _comment(text: str) -> str:
    """`text` on one line, fit for a YAML comment: control characters shown as `\\xNN`."""
    return _inert(" ".join(text.split()))


def _inert(line: str) -> str:
    # YAML refuses control characters even in a comment, and a terminal would obey them.
    return _CONTROL.sub(lambda found: f"\\x{ord(found[0]):02x}", line)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _comment_lines(question: Question) -> list[str]:
    # The allowed values go with the prompt on every rewrite, not only in the skeleton `init`
    # writes: the file's first lines promise them to whoever edits it by hand.
    lines = [f"  # {_inert(line)}" if line else "  #" for line in question.prompt.splitlines()]
    lines += [f"  # {_inert(line)}" for line in kind_of(question).skeleton(question)]
    for name, wanted in question.when.items():
        values = _(" or ").join(wanted)
        lines.append("  # " + _("(asked when {name} is {values})").format(name=name, values=values))
    return lines


def _entry_lines(question_id: str, entry: AnswerEntry | None) -> list[str]:
    key = f"  {question_id}:"
    if entry is None or entry == AnswerEntry():
        return [key]
    value = _value_text(entry.value)
    if (
        entry.note is None
        and not entry.evidence
        and entry.waiver is None
        and not entry.not_detected
        and entry.action is None
    ):
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
    if entry.action is not None:
        action = _fields(entry.action)
        lines.append("    action:" + ("" if action else " {}"))
        lines += [f"      {name}: {format_scalar(value)}" for name, value in action.items()]
    if entry.not_detected:
        lines.append("    not_detected:")
        lines += [
            f"      {probe}: {format_scalar(reason)}"
            for probe, reason in entry.not_detected.items()
        ]
    return lines


def _value_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, tuple):
        return "[" + ", ".join(_value_text(item) for item in value) + "]"
    # Unquoted yes/no read back as the options yes/no, and are what a person writes.
    return str(value) if value in ("yes", "no") else format_scalar(value)


def _fields(record: Any) -> dict[str, Any]:
    """A model's fields that are set, as values (dates stay dates: written unquoted)."""
    model: Any = type(record)
    return {
        spec.key: getattr(record, spec.name)
        for spec in fields_of(model)
        if getattr(record, spec.name) is not None
    }


# How a file mlready wrote starts, in any language: a side file it may replace.
_OWN_FILE_STARTS = b"# mlready "
