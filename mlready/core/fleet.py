"""The fleet: the file that lists many repositories, and the fact each review of them becomes."""

# A fact is what a developer portal, a warehouse or a policy engine keeps of one review: stable
# keys, a schema version, no wall-clock time. Its JSON Schema and the JSON written are both made
# from the fields of `Fact` (each field's metadata holds its key's schema), so they cannot drift.

import dataclasses
import datetime as dt
import unicodedata
from dataclasses import field
from typing import Any, NamedTuple

from mlready.core.errors import InputError, Place, Problem
from mlready.core.gate import Verdict
from mlready.core.globs import Glob, parse_glob
from mlready.core.messages import Message
from mlready.core.plan import overdue_actions
from mlready.core.schema import DRAFT_07
from mlready.core.scoring import Scorecard
from mlready.core.signoff import signoff_states
from mlready.core.vocabulary import Severity

FACT_SCHEMA_VERSION = 1
FACT_GENERATOR = "mlready portfolio"
DEFAULT_ANSWERS_GLOB = "mlready.yaml"
# The transports a repository may be reached by; `file` also for a local path. git's
# `<transport>::<address>` form (ext::, fd::) is refused before git sees it, and the runner
# allows no other protocol either.
URL_SCHEMES = ("https", "ssh", "file")

_NULLABLE_COUNT = {"type": ["integer", "null"], "minimum": 0}


def _about(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    """A field's metadata: what its key means and its JSON Schema."""
    return {"description": description, "schema": schema}


def _nullable(kind: str) -> dict[str, Any]:
    return {"type": [kind, "null"]}


@dataclasses.dataclass(frozen=True, slots=True)
class Fact:
    """One review of one answers file of one repository, or why it could not be made."""

    repository: str = field(
        metadata=_about("The repository as the repos file lists it.", {"type": "string"})
    )
    ref: str = field(metadata=_about("The ref read (HEAD unless chosen).", {"type": "string"}))
    commit: str | None = field(metadata=_about("The commit the ref named.", _nullable("string")))
    answers: str | None = field(
        metadata=_about("The answers file's path in the repository.", _nullable("string"))
    )
    blob: str | None = field(
        metadata=_about("The answers file's git blob id.", _nullable("string"))
    )
    bank: str = field(
        metadata=_about("The bank scored against, as id@version.", {"type": "string"})
    )
    date: str = field(
        metadata=_about(
            "The date the review was judged on (YYYY-MM-DD).", {"type": "string", "format": "date"}
        )
    )
    reviewed: str | None = field(
        metadata=_about(
            "The date the answers say the review was made.",
            {"type": ["string", "null"], "format": "date"},
        )
    )
    level: str | None = field(metadata=_about("The readiness level reached.", _nullable("string")))
    score: float | None = field(
        metadata=_about(
            "The score: the weakest area's, 0-100.",
            {"type": ["number", "null"], "minimum": 0, "maximum": 100},
        )
    )
    passed: bool | None = field(metadata=_about("Whether the gate passes.", _nullable("boolean")))
    gaps: dict[str, int] | None = field(
        metadata=_about(
            "Open gaps (not waived) by severity.",
            {
                "type": ["object", "null"],
                "properties": {
                    severity.value: {"type": "integer", "minimum": 0} for severity in Severity
                },
                "required": [severity.value for severity in Severity],
                "additionalProperties": False,
            },
        )
    )
    unanswered: int | None = field(
        metadata=_about("Applicable questions not answered.", _NULLABLE_COUNT)
    )
    unanswered_minor: int | None = field(
        metadata=_about(
            "Of the unanswered questions, minor checks: optional, they do not fail the gate.",
            _NULLABLE_COUNT,
        )
    )
    overdue_actions: int | None = field(
        metadata=_about("Open gaps whose action is past its due date.", _NULLABLE_COUNT)
    )
    waivers: int | None = field(metadata=_about("Gaps an active waiver accepts.", _NULLABLE_COUNT))
    signed_off: bool | None = field(
        metadata=_about(
            "Whether a sign-off approves the answers as they are.", _nullable("boolean")
        )
    )
    evidence: dict[str, int] | None = field(
        metadata=_about(
            "Answers that name evidence, and the evidence items they name.",
            {
                "type": ["object", "null"],
                "properties": {
                    "answers": {"type": "integer", "minimum": 0},
                    "items": {"type": "integer", "minimum": 0},
                },
                "required": ["answers", "items"],
                "additionalProperties": False,
            },
        )
    )
    error: str | None = field(
        metadata=_about(
            "Why there is no review (the repository or the answers failed); null otherwise.",
            _nullable("string"),
        )
    )


def fact_data(fact: Fact) -> dict[str, Any]:
    """The fact as JSON data: the generator and schema version first, then every field."""
    data: dict[str, Any] = {"$generator": FACT_GENERATOR, "schema_version": FACT_SCHEMA_VERSION}
    for item in dataclasses.fields(Fact):
        data[item.name] = getattr(fact, item.name)
    return data


def fact_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of one fact, made from the fields `fact_data` writes."""
    properties: dict[str, Any] = {
        "$generator": {"const": FACT_GENERATOR},
        "schema_version": {"const": FACT_SCHEMA_VERSION},
    }
    for item in dataclasses.fields(Fact):
        properties[item.name] = {"description": item.metadata["description"]}
        properties[item.name].update(item.metadata["schema"])
    return {
        "$schema": DRAFT_07,
        "title": "mlready fact: one review of one repository's answers file",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def fact_of(
    card: Scorecard,
    verdict: Verdict,
    *,
    repository: str,
    ref: str,
    commit: str,
    path: str,
    blob: str,
) -> Fact:
    """The fact of one scored review: counts only, none of its text."""
    entries = [entry for entry in card.answers.entries.values() if entry.evidence]
    reviewed = card.answers.project.reviewed
    return Fact(
        repository=repository,
        ref=ref,
        commit=commit,
        answers=path,
        blob=blob,
        bank=card.bank.ref,
        date=(card.today or dt.date.min).isoformat(),
        reviewed=reviewed.isoformat() if reviewed is not None else None,
        level=card.level.name,
        score=card.score,
        passed=verdict.passed,
        gaps={severity.value: len(card.gaps_of(severity)) for severity in Severity},
        unanswered=len(card.unanswered),
        unanswered_minor=len(card.unanswered_minor),
        overdue_actions=len(overdue_actions(card)),
        waivers=len(card.waived),
        signed_off=any(state.current for state in signoff_states(card.answers)),
        evidence={
            "answers": len(entries),
            "items": sum(len(entry.evidence) for entry in entries),
        },
        error=None,
    )


def failed_fact(
    error: str,
    *,
    repository: str,
    ref: str,
    bank: str,
    date: dt.date,
    commit: str | None = None,
    path: str | None = None,
    blob: str | None = None,
) -> Fact:
    """The fact of a review that could not be made, with the reason."""
    return Fact(
        repository=repository,
        ref=ref,
        commit=commit,
        answers=path,
        blob=blob,
        bank=bank,
        date=date.isoformat(),
        reviewed=None,
        level=None,
        score=None,
        passed=None,
        gaps=None,
        unanswered=None,
        unanswered_minor=None,
        overdue_actions=None,
        waivers=None,
        signed_off=None,
        evidence=None,
        error=error,
    )


class Listed(NamedTuple):
    """One repository of the repos file: a local path or a URL, and the answers files' glob."""

    repository: str
    answers: Glob
    line: int
    url: bool  # a URL git clones, else a local path (relative to the repos file's folder)


def _control(text: str) -> bool:
    # A tab separates words; every other control or format character (C0, C1, bidirectional
    # overrides, zero-width ones) and line or paragraph separator is refused.
    return any(
        char != "\t" and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") for char in text
    )


def _is_url(text: str) -> bool:
    """Whether `text` names a remote (scheme://... or scp-like user@host:path), not a path."""
    if "://" in text:
        return True
    head, colon, _ = text.partition(":")
    return bool(colon) and "/" not in head and "@" in head


def _repository_problem(text: str) -> Message | None:
    if text.startswith("-"):
        return Message("a repository may not start with '-' (write ./{name})", name=text)
    if "::" in text:
        return Message(
            "git's transport helpers (ext::, fd::...) are not allowed (got {name})", name=text
        )
    if "://" in text:
        scheme = text.partition("://")[0].lower()
        if scheme not in URL_SCHEMES:
            return Message(
                "only {schemes} URLs are allowed (got {scheme}://)",
                schemes=", ".join(URL_SCHEMES),
                scheme=scheme,
            )
    return None


def _line_problem(line: str, raw: str) -> tuple[Message | None, int]:
    """What is wrong with one listed line, and at which column (1-based)."""
    if _control(line):
        return Message("a line holds a control character: {text}", text=repr(line)), 1
    starts = _word_starts(raw)
    if len(starts) > 2:
        count = len(starts)
        message = Message("a line is REPOSITORY [ANSWERS-GLOB]; got {count} words", count=count)
        return message, starts[2] + 1
    return _repository_problem(line.split(maxsplit=1)[0]), starts[0] + 1


def _word_starts(raw: str) -> list[int]:
    """Where each word of a line starts (0-based), comments cut off as `parse_repos` does."""
    return [
        index
        for index, char in enumerate(raw)
        if not char.isspace() and (index == 0 or raw[index - 1].isspace())
    ][: len(raw.split(" #", 1)[0].split("\t#", 1)[0].split())]


def parse_repos(text: str, *, source: str) -> list[Listed]:
    """The repositories a repos file lists: one per line, `REPOSITORY [ANSWERS-GLOB]`, `#`
    comments and blank lines skipped. Raises InputError naming each bad line."""
    listed: list[Listed] = []
    problems: list[Problem] = []
    # Lines end at a newline only (splitlines would also end one at U+0085, U+2028...).
    for number, written in enumerate(text.removesuffix("\n").split("\n"), start=1):
        raw = written.removesuffix("\r")
        # Only spaces and tabs are stripped: any other character is judged (and refused).
        line = raw.split(" #", 1)[0].split("\t#", 1)[0].strip(" \t")
        if not line or line.startswith("#"):
            continue
        found, column = _line_problem(line, raw)
        if found is not None:
            problems.append(Problem(Place(source, number, column), found))
            continue
        words = line.split()
        glob_text = words[1] if len(words) == 2 else DEFAULT_ANSWERS_GLOB
        try:
            glob = parse_glob(glob_text)
        except ValueError as error:
            column = _word_starts(raw)[1] + 1 if len(words) == 2 else 1
            problems.append(Problem(Place(source, number, column), error.args[0]))
            continue
        listed.append(Listed(words[0], glob, number, _is_url(words[0])))
    if problems:
        raise InputError(problems)
    return listed
