"""`mlready scan`: what the repository shows of each answer, as text, Markdown, JSON or SARIF."""

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mlready.core.evidence import CheckEvidence, Finding, own_library_reason
from mlready.core.messages import _, translated
from mlready.core.vocabulary import EvidenceState, word_for
from mlready.render.escape import json_text, markdown_code, markdown_text, name_text, one_line
from mlready.render.scorecard_view import evidence_line
from mlready.render.signatures import SCAN_MARKER, generated, text_mark

if TYPE_CHECKING:
    from mlready.core.model import Probe
    from mlready.core.scoring import Scorecard


class ScanResult(NamedTuple):
    """The scan of one answers file's repository."""

    scorecard: "Scorecard"
    evidence: Mapping[str, CheckEvidence]
    root: str  # the repository scanned


def finding_text(finding: Finding) -> str:
    """One finding in a line: where (file and line), what (the text), what it shows, and the
    probe's reliability."""
    where = name_text(finding.path) + (f":{finding.line}" if finding.line else "")
    shown = f" `{one_line(finding.text)}`" if finding.text else ""
    return _("{place}: {says} ({reliability})").format(
        place=f"{where}{shown}",
        says=one_line(finding.probe.says),
        reliability=_reliability(finding.probe),
    )


def _reliability(probe: "Probe") -> str:
    return translated(word_for(probe.reliability))


def evidence_details(item: CheckEvidence) -> list[str]:
    """What the repository says of one answer, a line each: findings, what was looked for and
    not found, the answer's own evidence paths, links kept outside, evidence not accepted,
    probes silenced, probes not run in the repository of the library they look for."""
    details = [finding_text(finding) for finding in item.found]
    if item.files > len(item.found):
        details.append(
            _("{shown} of {count} files shown, the strongest first").format(
                shown=len(item.found), count=item.files
            )
        )
    details += [
        _("partly: {finding}; supports {supported}, the answer says {answer}").format(
            finding=finding_text(finding),
            supported=finding.probe.supports,
            answer=one_line(item.answer or ""),
        )
        for finding in item.partly
    ]
    details += [
        _("not found: {probe} ({reliability})").format(
            probe=one_line(probe.says), reliability=_reliability(probe)
        )
        for probe in item.missing
    ]
    details += [
        _("last run failed: {finding}").format(finding=finding_text(finding))
        for finding in item.failed
    ]
    details += [
        _("no {path} in the repository").format(path=name_text(path)) for path in item.paths_missing
    ]
    details += [
        _("{path} is in the repository").format(path=name_text(path)) for path in item.paths_found
    ]
    details += [
        _("{path} is outside the repository; not read").format(path=name_text(path))
        for path in item.paths_outside
    ]
    details += [
        _("kept outside the repository: {link}").format(link=one_line(link))
        for link in item.external
    ]
    details += [
        _("not accepted: {text}: {why}").format(text=one_line(text), why=_(why))
        for text, why in item.not_accepted
    ]
    details += [
        _("{probe} silenced: {reason}").format(probe=probe, reason=one_line(reason))
        for probe, reason in item.silenced
    ]
    details += [
        _("{probe} not looked for: {reason}").format(
            probe=probe, reason=translated(own_library_reason(name_text(library)))
        )
        for probe, library in item.own_library
    ]
    return details


def evidence_cell(item: CheckEvidence | None) -> str:
    """The evidence of one answer in a table cell: its state, and for evidence found, the
    first place it was found."""
    if item is None:
        return ""
    if item.state is EvidenceState.EVIDENCED:
        first = item.found[0] if item.found else None
        if first is not None:
            where = name_text(first.path) + (f":{first.line}" if first.line else "")
        else:
            where = name_text(item.paths_found[0])
        return _("evidenced: {place}").format(place=where)
    return translated(word_for(item.state))


def _lines_of(result: ScanResult) -> list[tuple[str, str, list[str]]]:
    """Per check with something to say: its id, a headline, and the lines under it."""
    rows = []
    card = result.scorecard
    for check_id, item in result.evidence.items():
        question = card.bank.questions[check_id]
        entry = card.answers.get(check_id)
        answer = one_line(translated(question.describe(entry.value if entry else None)))
        details = evidence_details(item)
        if item.suggested is not None:
            option = question.option(item.suggested)
            label = one_line(option.display) if option else item.suggested
            headline = _("unanswered; the repository suggests: {option}").format(option=label)
            rows.append((check_id, headline, details))
        elif item.state is EvidenceState.UNANSWERED:  # only a probe not looked for to say
            rows.append((check_id, translated(word_for(item.state)), details))
        elif item.state is not EvidenceState.CLAIMED or details:
            headline = _("{state}: answered {answer}").format(
                state=translated(word_for(item.state)), answer=answer
            )
            rows.append((check_id, headline, details))
    return rows


def render_scan_text(results: Sequence[ScanResult]) -> str:
    """Plain text: per answers file, the counts, then each check the repository speaks of."""
    parts = []
    for result in results:
        lines = [
            text_mark("scan")
            + _("{source} · repository {root}").format(
                source=name_text(result.scorecard.answers.source), root=name_text(result.root)
            ),
            evidence_line(result.evidence),
        ]
        for check_id, headline, details in _lines_of(result):
            lines += ["", f"{check_id}: {headline}", *(f"  {line}" for line in details)]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def render_scan_markdown(results: Sequence[ScanResult]) -> str:
    """Markdown, for a pull-request comment."""
    parts = []
    for result in results:
        lines = [
            "### "
            + _("mlready scan: {source}").format(
                source=markdown_text(result.scorecard.answers.source)
            ),
            "",
            markdown_text(evidence_line(result.evidence)),
        ]
        for check_id, headline, details in _lines_of(result):
            lines += ["", f"- {markdown_code(check_id)} {markdown_text(headline)}"]
            lines += [f"  - {markdown_text(line)}" for line in details]
        parts.append("\n".join(lines) + "\n")
    return SCAN_MARKER + "\n" + "\n".join(parts)


def render_scan_json(results: Sequence[ScanResult]) -> str:
    """One JSON document: per answers file, every applicable check's evidence."""
    from mlready.render.jsondoc import evidence_json

    documents = [
        {
            "file": result.scorecard.answers.source,
            "repository": result.root,
            "evidence": {key: evidence_json(item) for key, item in result.evidence.items()},
        }
        for result in results
    ]
    document: Any = documents[0] if len(documents) == 1 else {"reviews": documents}
    return json_text(json.dumps(generated("scan", document), indent=2, ensure_ascii=False)) + "\n"


def render_scan_sarif(results: Sequence[ScanResult]) -> str:
    """SARIF: each contradicted answer at its line of the answers file, with what is missing;
    a note for each probe not run in the repository of the library it looks for."""
    from mlready.render.sarif import contradicted_results, own_library_notes, sarif_document

    return sarif_document(
        [
            located
            for result in results
            for located in (
                *contradicted_results(result.scorecard, result.evidence),
                *own_library_notes(result.scorecard, result.evidence),
            )
        ]
    )
