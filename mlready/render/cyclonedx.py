"""`export --format cyclonedx`: the review as a CycloneDX 1.6 attestation (`declarations`)."""

# How a review maps onto CycloneDX's declarations:
# - standards (`definitions.standards`): each framework the bank's tags name (by prefix, below),
#   its requirements the tags the applicable checks carry; and the bank itself, whose
#   requirements are its applicable checks;
# - the system reviewed is the one target; each answered check is a claim about it, the
#   repository's findings its evidence and what was looked for and not found its
#   counter-evidence; an active waiver is evidence too, named as the claim's mitigation;
# - the attestation maps every requirement to its claims with a conformance score (0-1) and
#   its rationale; mlready is the assessor; the sign-offs are the affirmation.
# Every id is derived from the content (the serial number is a UUID 5 of the document), and
# the only date is the one the review was judged by: the same input gives the same bytes.

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from typing import Any, NamedTuple

from mlready.core.evidence import CheckEvidence, contradictions
from mlready.core.messages import _, translated
from mlready.core.model import NA, Question, Waiver
from mlready.core.scoring import Scorecard
from mlready.core.signoff import DIGEST_PREFIX, signoff_states
from mlready.core.vocabulary import word_for
from mlready.io.resources import mlready_version
from mlready.render.escape import json_text, uri_reference
from mlready.render.scorecard_view import Outcome, review_summary

SCHEMA = "http://cyclonedx.org/schema/bom-1.6.schema.json"
SPEC_VERSION = "1.6"
SYSTEM = "system"
ASSESSOR = "assessor-mlready"


class Framework(NamedTuple):
    """A standard the bank's tags refer to: the tag prefix that names it, and what it is."""

    prefix: str
    name: str
    owner: str
    version: str


FRAMEWORKS = (
    Framework("mlts-", "The ML Test Score", "Google", "2017"),
    Framework("nist-", "AI Risk Management Framework (AI RMF)", "NIST", "1.0"),
    Framework("euaia-", "EU Artificial Intelligence Act", "European Union", "2024/1689"),
    Framework("deon-", "Data Science Ethics Checklist (deon)", "DrivenData", "0.3.0"),
    Framework("iso42001-", "ISO/IEC 42001 AI management system", "ISO/IEC", "2023"),
)


def _text(content: str) -> dict[str, Any]:
    return {"attachment": {"contentType": "text/plain", "content": content}}


def _answer(card: Scorecard, question: Question) -> str:
    entry = card.answers.get(question.id)
    return translated(question.describe(entry.value if entry is not None else None))


def _evidence(
    check_id: str, item: CheckEvidence | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What supports the answer to `check_id` (evidence) and what was not found (counter)."""
    if item is None:
        return [], []
    supporting: list[dict[str, Any]] = []
    for finding in item.found:
        where = finding.path if finding.line is None else f"{finding.path}#L{finding.line}"
        contents: dict[str, Any] = {"url": uri_reference(where)}
        if finding.text:
            contents |= _text(finding.text)
        supporting.append(
            {
                "propertyName": f"mlready:probe:{finding.probe.id}",
                "data": [{"name": finding.probe.says, "contents": contents}],
            }
        )
    for path in item.paths_found:
        supporting.append(
            {
                "propertyName": "mlready:path",
                "data": [{"name": path, "contents": {"url": uri_reference(path)}}],
            }
        )
    for link in item.external:
        supporting.append(
            {
                "propertyName": "mlready:link",
                "data": [{"name": link, "contents": {"url": uri_reference(link)}}],
            }
        )
    against = [
        {"propertyName": "mlready:not-found", "data": [{"name": translated(reason)}]}
        for _id, reasons in contradictions({check_id: item})
        for reason in reasons
    ]
    for index, record in enumerate(supporting, start=1):
        record["bom-ref"] = f"evidence-{check_id}-{index}"
    for index, record in enumerate(against, start=1):
        record["bom-ref"] = f"counter-evidence-{check_id}-{index}"
    # bom-ref first, as every other object of the document has it.
    return (
        [{"bom-ref": r.pop("bom-ref"), **r} for r in supporting],
        [{"bom-ref": r.pop("bom-ref"), **r} for r in against],
    )


def _rationale(card: Scorecard, question: Question, outcome: Outcome) -> tuple[float | None, str]:
    """A check's conformance score (None for n/a) and why, in the language spoken."""
    entry = card.answers.get(question.id)
    if entry is None:
        return 0.0, _("unanswered")
    if entry.value == NA:
        return None, _("not applicable: {note}").format(note=entry.note or "")
    score = card.check_scores().get(question.id) or 0.0
    parts = [
        _("answered {answer}, scoring {score}").format(
            answer=_answer(card, question), score=f"{score:g}"
        )
    ]
    evidence = outcome.evidence.get(question.id)
    if evidence is not None:
        parts.append(_("evidence: {state}").format(state=translated(word_for(evidence.state))))
    waiver = entry.waiver
    if waiver is not None and _active_waiver(card, question) is not None:
        parts.append(
            _("waived until {date}, approved by {who}: {reason}").format(
                date=waiver.expires, who=waiver.approved_by, reason=waiver.reason
            )
        )
    elif waiver is not None:
        parts.append(_("waiver expired {date}").format(date=waiver.expires))
    action = entry.action
    if action is not None and score < 1:
        plan = [
            text for text in (action.owner, action.due and str(action.due), action.ticket) if text
        ]
        parts.append(_("action: {plan}").format(plan=", ".join(plan)))
    return score, _("; ").join(parts)


def _tags(checks: Sequence[Question]) -> dict[str, list[Question]]:
    """Each framework tag the checks carry, in the order first met, with its checks."""
    tagged: dict[str, list[Question]] = {}
    for question in checks:
        for tag in question.tags:
            if tag.startswith(tuple(framework.prefix for framework in FRAMEWORKS)):
                tagged.setdefault(tag, []).append(question)
    return tagged


def export_cyclonedx(outcome: Outcome) -> str:
    """The CycloneDX 1.6 JSON document of the review in `outcome`, its prose in the language
    spoken."""
    card = outcome.scorecard
    project = card.answers.project
    name = project.name or card.answers.source
    claims, evidence, mitigations = _claims(outcome)
    standards, attestation_map = _standards(
        outcome, {claim["bom-ref"] for claim in claims}, mitigations
    )
    declarations: dict[str, Any] = {
        "assessors": [
            {"bom-ref": ASSESSOR, "thirdParty": False, "organization": {"name": "mlready"}}
        ],
        "attestations": [
            {
                "summary": review_summary(outcome),
                "assessor": ASSESSOR,
                "map": attestation_map,
            }
        ],
        "claims": claims,
        "evidence": evidence,
        "targets": {"components": [_target(outcome, name)]},
        "affirmation": _affirmation(card, name),
    }
    metadata: dict[str, Any] = {
        "tools": {
            "components": [
                {
                    "type": "application",
                    "name": "mlready",
                    "bom-ref": "tool-mlready",
                    "version": mlready_version(),
                }
            ]
        },
    }
    if card.today is not None:
        metadata["timestamp"] = f"{card.today}T00:00:00Z"
    body = {
        "version": 1,
        "metadata": metadata,
        "definitions": {"standards": standards},
        # CycloneDX takes no empty list of claims or evidence, nor an affirmation nobody signed.
        "declarations": {key: value for key, value in declarations.items() if value},
    }
    serial = uuid.uuid5(uuid.NAMESPACE_URL, "mlready:" + json.dumps(body, sort_keys=True))
    document = {
        "$schema": SCHEMA,
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": serial.urn,
        **body,
    }
    return json_text(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _active_waiver(card: Scorecard, question: Question) -> Waiver | None:
    entry = card.answers.get(question.id)
    waiver = entry.waiver if entry is not None else None
    return waiver if waiver is not None and waiver.active(card.today or dt.date.today()) else None


def _claims(
    outcome: Outcome,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, str]]:
    """Each answered check's claim, the evidence of them all, and the evidence ref of each
    active waiver by check id (its mitigation)."""
    card = outcome.scorecard
    gaps = {gap.question.id for gap in card.gaps}
    claims: list[dict[str, Any]] = []
    evidence: list[dict[str, Any]] = []
    mitigations: dict[str, str] = {}
    for question in card.checks:
        entry = card.answers.get(question.id)
        if entry is None:
            continue
        waiver = _active_waiver(card, question)
        if waiver is not None:
            mitigations[question.id] = f"waiver-{question.id}"
            evidence.append(
                {
                    "bom-ref": mitigations[question.id],
                    "propertyName": "mlready:waiver",
                    "data": [{"name": _("reason"), "contents": _text(waiver.reason)}],
                    "expires": f"{waiver.expires}T23:59:59Z",
                    "reviewer": {"name": waiver.approved_by},
                }
            )
        supporting, against = _evidence(question.id, outcome.evidence.get(question.id))
        evidence += supporting + against
        claim: dict[str, Any] = {
            "bom-ref": f"claim-{question.id}",
            "target": SYSTEM,
            "predicate": _("{question} Answer: {answer}").format(
                question=question.prompt, answer=_answer(card, question)
            ),
        }
        if question.id in mitigations:
            claim["mitigationStrategies"] = [mitigations[question.id]]
        if entry.note:
            claim["reasoning"] = entry.note
        if supporting:
            claim["evidence"] = [record["bom-ref"] for record in supporting]
        if against:
            claim["counterEvidence"] = [record["bom-ref"] for record in against]
        ticket = entry.action.ticket if entry.action is not None else None
        if ticket and question.id in gaps:
            claim["externalReferences"] = [
                {"type": "poam", "url": uri_reference(ticket), "comment": ticket}
            ]
        claims.append(claim)
    return claims, evidence, mitigations


def _standards(
    outcome: Outcome, claims: set[str], mitigations: dict[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The standards (each framework the tags name, then the bank) and the attestation's map
    of each of their requirements to its claims and conformance."""
    card = outcome.scorecard
    checks = card.checks
    tagged = _tags(checks)
    scores = {q.id: _rationale(card, q, outcome) for q in checks}

    def mapping(requirement: str, members: Sequence[Question], *, own: bool) -> dict[str, Any]:
        # A check's own requirement says why it scores so; a framework's, which checks fall short.
        item: dict[str, Any] = {"requirement": requirement}
        refs = [f"claim-{q.id}" for q in members if f"claim-{q.id}" in claims]
        if refs:
            item["claims"] = refs
        score, rationale = scores[members[0].id] if own else _combined(members, scores)
        conformance: dict[str, Any] = {"rationale": rationale}
        if score is not None:
            conformance = {"score": score, **conformance}
        waived = [mitigations[q.id] for q in members if q.id in mitigations]
        if waived:
            conformance["mitigationStrategies"] = waived
        item["conformance"] = conformance
        return item

    standards: list[dict[str, Any]] = []
    attestation_map: list[dict[str, Any]] = []
    for framework in FRAMEWORKS:
        tags = [tag for tag in tagged if tag.startswith(framework.prefix)]
        if not tags:
            continue
        standards.append(
            {
                "bom-ref": f"standard-{framework.prefix.rstrip('-')}",
                "name": framework.name,
                "version": framework.version,
                "owner": framework.owner,
                "requirements": [
                    {"bom-ref": f"requirement-{tag}", "identifier": tag} for tag in tags
                ],
            }
        )
        attestation_map += [mapping(f"requirement-{tag}", tagged[tag], own=False) for tag in tags]
    standards.append(
        {
            "bom-ref": "standard-bank",
            "name": card.bank.display_title,
            "version": str(card.bank.version),
            "requirements": [
                {
                    "bom-ref": f"requirement-check-{question.id}",
                    "identifier": question.id,
                    "text": question.prompt,
                    "descriptions": [question.why],
                    "properties": [
                        {"name": "mlready:area", "value": card.bank.area_of[question.id].id},
                        {"name": "mlready:severity", "value": question.gap_severity.value},
                    ],
                }
                for question in checks
            ],
        }
    )
    attestation_map += [mapping(f"requirement-check-{q.id}", [q], own=True) for q in checks]
    return standards, attestation_map


def _target(outcome: Outcome, name: str) -> dict[str, Any]:
    """The system reviewed, with what the review concluded as properties."""
    card = outcome.scorecard
    project = card.answers.project
    properties = [
        {"name": "mlready:answers", "value": card.answers.source},
        {"name": "mlready:bank", "value": card.bank.ref},
        {"name": "mlready:level", "value": card.level.name},
        {"name": "mlready:score", "value": "n/a" if card.score is None else f"{card.score:g}"},
        {"name": "mlready:passed", "value": "true" if outcome.verdict.passed else "false"},
    ]
    if project.owner:
        properties.insert(0, {"name": "mlready:owner", "value": project.owner})
    if project.reviewed:
        properties.append({"name": "mlready:reviewed", "value": str(project.reviewed)})
    return {"type": "application", "bom-ref": SYSTEM, "name": name, "properties": properties}


def _affirmation(card: Scorecard, name: str) -> dict[str, Any]:
    """The sign-offs as the affirmation and its signatories (empty without one)."""
    signoffs = signoff_states(card.answers)
    if not signoffs:
        return {}
    owner = card.answers.project.owner
    return {
        "statement": _(
            "The signatories approved the answers of {name}; each signature names the digest "
            "of the answers it approved, and whether the answers are still those."
        ).format(name=name),
        "signatories": [
            {
                "name": state.signoff.name,
                "role": state.signoff.role,
                "organization": {"name": owner or name},
                "externalReference": {
                    "type": "electronic-signature",
                    "url": uri_reference(card.answers.source),
                    "comment": _("signed on {date}: {status}").format(
                        date=state.signoff.date, status=translated(state.status)
                    ),
                    "hashes": [
                        {
                            "alg": "SHA-256",
                            "content": state.signoff.digest.removeprefix(DIGEST_PREFIX),
                        }
                    ],
                },
            }
            for state in signoffs
        ],
    }


def _combined(
    members: Sequence[Question], scores: dict[str, tuple[float | None, str]]
) -> tuple[float | None, str]:
    """A framework requirement's conformance: its checks' weighted score, and which fall short."""
    counted = [(q, scores[q.id][0]) for q in members if scores[q.id][0] is not None]
    if not counted:
        return None, _("not applicable")
    total = sum(q.score_weight for q, _score in counted)
    value = round(sum(q.score_weight * (s or 0.0) for q, s in counted) / total, 4)
    short = [f"{q.id} ({s:g})" for q, s in counted if s is not None and s < 1]
    met = len(counted) - len(short)
    said = _("{met} of {count} checks at full marks").format(met=met, count=len(counted))
    if short:
        said += _("; ") + _("below: {checks}").format(checks=", ".join(short))
    return value, said
