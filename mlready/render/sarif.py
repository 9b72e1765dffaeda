"""SARIF 2.1.0: each gap a result located at its line in the answers file; a waived gap is a
suppressed result (`suppressions`), which code-scanning tools list apart."""

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mlready.core.messages import _, translated
from mlready.core.model import Question
from mlready.core.vocabulary import Severity, word_for
from mlready.io.resources import mlready_version
from mlready.render.escape import json_text
from mlready.render.scorecard_view import Outcome, answer_line

if TYPE_CHECKING:
    from mlready.core.evidence import CheckEvidence
    from mlready.core.scoring import Scorecard

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.BLOCKER: "error", Severity.MAJOR: "warning", Severity.MINOR: "note"}


def _rule(question: Question) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": question.id,
        "shortDescription": {"text": question.prompt},
        "fullDescription": {"text": question.why},
        "defaultConfiguration": {"level": _LEVEL[question.gap_severity]},
        "properties": {"severity": question.gap_severity.value, "tags": list(question.tags)},
    }
    if question.fix:
        rule["help"] = {"text": question.fix}
    web_refs = [ref for ref in question.refs if ref.startswith(("https://", "http://"))]
    if web_refs:
        rule["helpUri"] = web_refs[0]
    return rule


def _uri(path: str) -> str:
    """A SARIF artifact URI: relative paths stay relative (to where the tool ran)."""
    from pathlib import Path
    from urllib.parse import quote

    location = Path(path)
    return location.as_uri() if location.is_absolute() else quote(location.as_posix())


class Located(NamedTuple):
    """A result to report: the check it is about, where, what it says and how loudly."""

    question: Question
    source: str
    line: int
    message: str
    level: str
    suppression: str | None = None  # the justification of a waiver that accepts it


def render_sarif(outcomes: Sequence[Outcome]) -> str:
    """One run of the tool over every answers file; waived gaps carry a suppression, answers
    the repository contradicts are errors of their own, probes the scan did not run notes."""
    results: list[Located] = []
    for outcome in outcomes:
        card = outcome.scorecard
        for gap in card.gaps:
            question = gap.question
            answer = translated(question.describe(gap.answer.value if gap.answer else None))
            message = _("{severity} gap: {prompt} Answer: {answer} (score {score}).").format(
                severity=translated(word_for(gap.severity)),
                prompt=question.prompt,
                answer=answer,
                score=f"{gap.score:g}",
            )
            if question.fix:
                message += _(" Next step: {fix}").format(fix=question.fix)
            waiver = gap.waiver.reason if gap.waived and gap.waiver is not None else None
            results.append(_at_answer(card, question.id, message, _LEVEL[gap.severity], waiver))
        # An obligation not yet in force is a note: seen ahead of its date, failing nothing.
        for gap in card.upcoming:
            message = _("Upcoming {severity} gap, from {date}: {prompt} (score {score}).").format(
                severity=translated(word_for(gap.severity)),
                date=gap.upcoming,
                prompt=gap.question.prompt,
                score=f"{gap.score:g}",
            )
            results.append(_at_answer(card, gap.question.id, message, "note"))
        results += contradicted_results(card, outcome.evidence)
        results += own_library_notes(card, outcome.evidence)
    return sarif_document(results)


def contradicted_results(
    card: "Scorecard", evidence: "Mapping[str, CheckEvidence]"
) -> list[Located]:
    """An error for each answer the repository contradicts, at its line."""
    from mlready.core.evidence import contradictions

    return [
        _at_answer(
            card,
            check_id,
            _("The repository does not show the answer to {id}: {reasons}").format(
                id=check_id, reasons=_("; ").join(translated(reason) for reason in missing)
            ),
            "error",
        )
        for check_id, missing in contradictions(evidence)
    ]


def own_library_notes(card: "Scorecard", evidence: "Mapping[str, CheckEvidence]") -> list[Located]:
    """A note for each probe the scan did not run, at its check's line: the repository is the
    library whose use the probe looks for."""
    from mlready.core.evidence import own_library_reason

    return [
        _at_answer(
            card,
            check_id,
            _("{probe} not looked for: {reason}").format(
                probe=probe, reason=translated(own_library_reason(library))
            ),
            "note",
        )
        for check_id, item in evidence.items()
        for probe, library in item.own_library
    ]


def _at_answer(
    card: "Scorecard", check_id: str, message: str, level: str, suppression: str | None = None
) -> Located:
    """A result of `level` saying `message` at the line of the answer to `check_id`."""
    question = card.bank.questions[check_id]
    line = answer_line(card, check_id)
    return Located(question, card.answers.source, line, message, level, suppression)


def sarif_document(results: Sequence[Located]) -> str:
    """A SARIF 2.1.0 log of one run of mlready with these results and their rules."""
    rules: dict[str, int] = {}
    rule_list: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for item in results:
        if item.question.id not in rules:
            rules[item.question.id] = len(rule_list)
            rule_list.append(_rule(item.question))
        entry: dict[str, Any] = {
            "ruleId": item.question.id,
            "ruleIndex": rules[item.question.id],
            "level": item.level,
            "message": {"text": item.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(item.source)},
                        "region": {"startLine": item.line},
                    }
                }
            ],
        }
        if item.suppression is not None:
            entry["suppressions"] = [{"kind": "inSource", "justification": item.suppression}]
        entries.append(entry)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mlready",
                        "version": mlready_version(),
                        "rules": rule_list,
                    }
                },
                "results": entries,
            }
        ],
    }
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
