"""`export --format oscal-ar` and `oscal-poam`: the review as OSCAL 1.2 assessment results and
a plan of action and milestones."""

# How a review maps onto OSCAL (the models of OSCAL 1.2.1):
# - assessment results: one result; the reviewed controls are every framework tag and check id
#   the applicable checks carry; each answer is an observation by interview (what the team said),
#   each line the repository scan cited an observation by examination; each open gap is a finding
#   whose target (the check, as an objective) is not satisfied, linked to its observations; the
#   sign-offs are the attestation; mlready is the tool that made the findings.
# - plan of action and milestones: each open gap is a POA&M item, its risk open (or a deviation
#   approved while a waiver accepts it), its action's due date the risk's deadline, its owner the
#   party responsible for the remediation, and its ticket a link.
# The document's time stamps are the review date at midnight UTC and every uuid is a UUID 5 of
# what it names within the review, so the same input and `--today` give the same bytes.

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any

from mlready.core.evidence import CheckEvidence, contradictions
from mlready.core.messages import _, translated
from mlready.core.model import NA, Question
from mlready.core.scoring import Gap, Scorecard
from mlready.core.signoff import answers_digest, signoff_states
from mlready.io.resources import mlready_version
from mlready.render.escape import json_text, uri_reference
from mlready.render.scorecard_view import Outcome, review_summary

OSCAL_VERSION = "1.2.1"
# A token as OSCAL defines it (an NCName): ids that are not one are written as a property only.
_TOKEN = re.compile(r"^[_A-Za-z][\w.\-]*$")
_URL_SCHEMES = ("https://", "http://")


def _line(text: str) -> str:
    """`text` on one line without outer spaces, as OSCAL's titles and property values must be."""
    return " ".join(text.split()) or "-"


def _time(card: Scorecard) -> str:
    return f"{card.today or dt.date.today()}T00:00:00+00:00"


class _Ids:
    """UUID 5s of the names in one review, in a namespace of the review's own content."""

    def __init__(self, card: Scorecard, kind: str) -> None:
        seed = f"mlready:{kind}:{card.bank.ref}:{answers_digest(card.answers)}:{card.today}"
        self._namespace = uuid.uuid5(uuid.NAMESPACE_URL, seed)

    def __call__(self, *name: str) -> str:
        return str(uuid.uuid5(self._namespace, "/".join(name)))


def _answer_text(card: Scorecard, question: Question) -> str:
    entry = card.answers.get(question.id)
    if entry is None:
        return _("unanswered")
    if entry.value == NA:
        return _("not applicable: {note}").format(note=entry.note or "")
    return translated(question.describe(entry.value))


def _props(**values: str | None) -> list[dict[str, str]]:
    return [
        {"name": name.replace("_", "-"), "ns": "urn:mlready:oscal", "value": _line(v)}
        for name, v in values.items()
        if v
    ]


def _metadata(card: Scorecard, title: str, ids: _Ids) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "title": _line(title),
        "last-modified": _time(card),
        "version": answers_digest(card.answers),
        "oscal-version": OSCAL_VERSION,
        "props": _props(bank=card.bank.ref, answers=card.answers.source),
    }
    owner = card.answers.project.owner
    parties = [{"uuid": ids("party", "mlready"), "type": "organization", "name": "mlready"}]
    if owner:
        parties.append(
            {"uuid": ids("party", "owner", owner), "type": "organization", "name": _line(owner)}
        )
    owners = sorted({gap.action.owner for gap in card.gaps if gap.action and gap.action.owner})
    signatories = [state.signoff.name for state in signoff_states(card.answers)]
    parties += [
        {"uuid": ids("party", "person", name), "type": "person", "name": _line(name)}
        for name in sorted(set(owners) | set(signatories))
    ]
    metadata["roles"] = [
        {"id": "assessor", "title": _line(_("Assessor"))},
        {"id": "action-owner", "title": _line(_("Action owner"))},
        {"id": "signatory", "title": _line(_("Signatory"))},
    ]
    metadata["parties"] = parties
    responsible = [
        {"role-id": "assessor", "party-uuids": [ids("party", "mlready")]},
    ]
    if owners:
        responsible.append(
            {"role-id": "action-owner", "party-uuids": [ids("party", "person", n) for n in owners]}
        )
    metadata["responsible-parties"] = responsible
    return metadata


def _link(target: str) -> dict[str, str] | None:
    if not target.startswith(_URL_SCHEMES):
        return None
    return {"href": uri_reference(target), "rel": "related"}


def _evidence_observations(
    card: Scorecard, question: Question, item: CheckEvidence | None, ids: _Ids
) -> list[dict[str, Any]]:
    """What the repository scan found (and did not find) for one check, as observations."""
    if item is None:
        return []
    collected = _time(card)
    observations: list[dict[str, Any]] = []
    for index, finding in enumerate(item.found, start=1):
        where = finding.path if finding.line is None else f"{finding.path}#L{finding.line}"
        observations.append(
            {
                "uuid": ids("evidence", question.id, str(index)),
                "title": _line(translated(finding.probe.says)),
                "description": _("Found in the repository: {where}").format(where=where),
                "props": _props(check=question.id, probe=finding.probe.id),
                "methods": ["EXAMINE"],
                "types": ["finding"],
                "relevant-evidence": [
                    {
                        "href": uri_reference(where),
                        "description": finding.text or translated(finding.probe.says),
                    }
                ],
                "collected": collected,
            }
        )
    for _check, reasons in contradictions({question.id: item}):
        for index, reason in enumerate(reasons, start=1):
            observations.append(
                {
                    "uuid": ids("not-found", question.id, str(index)),
                    "title": _line(_("not found: {what}").format(what=translated(reason))),
                    "description": _("Looked for in the repository and not found: {what}").format(
                        what=translated(reason)
                    ),
                    "props": _props(check=question.id),
                    "methods": ["EXAMINE"],
                    "types": ["finding"],
                    "collected": collected,
                }
            )
    for index, link in enumerate(item.external, start=1):
        observations.append(
            {
                "uuid": ids("link", question.id, str(index)),
                "title": _line(link),
                "description": _("Evidence kept outside the repository: {link}").format(link=link),
                "props": _props(check=question.id),
                "methods": ["EXAMINE"],
                "relevant-evidence": [{"href": uri_reference(link), "description": _line(link)}],
                "collected": collected,
            }
        )
    return observations


def _observations(outcome: Outcome, ids: _Ids) -> dict[str, list[dict[str, Any]]]:
    """Each applicable check's observations: the team's answer, then what the scan saw."""
    card = outcome.scorecard
    by_check: dict[str, list[dict[str, Any]]] = {}
    for question in card.checks:
        entry = card.answers.get(question.id)
        observed: list[dict[str, Any]] = []
        if entry is not None:
            description = _("{question} Answer: {answer}").format(
                question=question.prompt, answer=_answer_text(card, question)
            )
            if entry.note:
                description += "\n\n" + entry.note
            observed.append(
                {
                    "uuid": ids("answer", question.id),
                    "title": _line(question.prompt),
                    "description": description,
                    "props": _props(check=question.id, answer=str(entry.value)),
                    "methods": ["INTERVIEW"],
                    "collected": _time(card),
                }
            )
        observed += _evidence_observations(card, question, outcome.evidence.get(question.id), ids)
        if observed:
            by_check[question.id] = observed
    return by_check


def _controls(card: Scorecard) -> list[dict[str, str]]:
    """The controls the review covered: each framework tag, then each check, once, in order."""
    seen: dict[str, None] = {}
    for question in card.checks:
        for tag in question.tags:
            seen.setdefault(tag, None)
    for question in card.checks:
        seen.setdefault(question.id, None)
    return [{"control-id": control} for control in seen if _TOKEN.match(control)]


def _gap_description(card: Scorecard, gap: Gap) -> str:
    parts = [
        _("{question} Answer: {answer}").format(
            question=gap.question.prompt, answer=_answer_text(card, gap.question)
        ),
        _("Why it matters: {why}").format(why=gap.question.why),
    ]
    if gap.question.fix:
        parts.append(_("How to fix it: {fix}").format(fix=gap.question.fix))
    return "\n\n".join(parts)


def _finding(
    card: Scorecard, gap: Gap, observed: list[dict[str, Any]], ids: _Ids
) -> dict[str, Any]:
    finding: dict[str, Any] = {
        "uuid": ids("finding", gap.question.id),
        "title": _line(gap.question.prompt),
        "description": _gap_description(card, gap),
        "props": _props(
            check=gap.question.id,
            area=card.bank.area_of[gap.question.id].id,
            severity=gap.severity.value,
            score=f"{gap.score:g}",
            waived="true" if gap.waived else None,
        ),
        "origins": [{"actors": [{"type": "tool", "actor-uuid": ids("component", "mlready")}]}],
        "target": {
            "type": "objective-id",
            "target-id": gap.question.id,
            "status": {"state": "not-satisfied"},
        }
        if _TOKEN.match(gap.question.id)
        else {"type": "objective-id", "target-id": "check", "status": {"state": "not-satisfied"}},
    }
    if observed:
        finding["related-observations"] = [{"observation-uuid": o["uuid"]} for o in observed]
    return finding


def _attestations(card: Scorecard, ids: _Ids) -> list[dict[str, Any]]:
    states = signoff_states(card.answers)
    if not states:
        return []
    return [
        {
            "responsible-parties": [
                {
                    "role-id": "signatory",
                    "party-uuids": [ids("party", "person", state.signoff.name)],
                }
            ],
            "parts": [
                {
                    "name": "signoff",
                    "title": _line(f"{state.signoff.name}, {state.signoff.role}"),
                    "prose": _("signed on {date}: {status}").format(
                        date=state.signoff.date, status=translated(state.status)
                    )
                    + "\n\n"
                    + state.signoff.digest,
                }
            ],
        }
        for state in states
    ]


def _document(kind: str, body: dict[str, Any]) -> str:
    return json_text(json.dumps({kind: body}, indent=2, ensure_ascii=False)) + "\n"


def export_oscal_ar(outcome: Outcome) -> str:
    """The OSCAL assessment results of the review in `outcome`, prose in the language spoken."""
    card = outcome.scorecard
    ids = _Ids(card, "assessment-results")
    observations = _observations(outcome, ids)
    open_gaps = card.open_gaps
    summary = review_summary(outcome)
    reasons = "\n".join(f"- {reason}" for reason in outcome.verdict.reasons)
    description = summary + (
        "\n\n" + _("The gate passes.")
        if outcome.verdict.passed
        else "\n\n" + _("The gate fails:") + "\n" + reasons
    )
    result: dict[str, Any] = {
        "uuid": ids("result"),
        "title": _line(summary),
        "description": description,
        "start": _time(card),
        "end": _time(card),
        "props": _props(
            level=card.level.name,
            score=None if card.score is None else f"{card.score:g}",
            passed="true" if outcome.verdict.passed else "false",
        ),
        "local-definitions": {
            "components": [
                {
                    "uuid": ids("component", "mlready"),
                    "type": "software",
                    "title": "mlready",
                    "description": _line(f"mlready {mlready_version()}"),
                    "status": {"state": "operational"},
                }
            ]
        },
        "reviewed-controls": {"control-selections": [{"include-controls": _controls(card)}]},
        "attestations": _attestations(card, ids),
        "observations": [o for check in observations.values() for o in check],
        "findings": [
            _finding(card, gap, observations.get(gap.question.id, []), ids) for gap in open_gaps
        ],
    }
    # OSCAL takes no empty list: a review with nothing of a kind leaves its key out.
    result = {key: value for key, value in result.items() if value != []}
    if not result["reviewed-controls"]["control-selections"][0]["include-controls"]:
        result["reviewed-controls"]["control-selections"] = [{"include-all": {}}]
    body = {
        "uuid": ids("document"),
        "metadata": _metadata(card, summary, ids),
        # mlready's plan is the bank: no OSCAL assessment plan exists to import, so the reference
        # names the bank, as OSCAL allows a URI reference to any resource.
        "import-ap": {"href": f"#{ids('bank')}", "remarks": _line(card.bank.ref)},
        "results": [result],
        "back-matter": {
            "resources": [
                {
                    "uuid": ids("bank"),
                    "title": _line(card.bank.display_title),
                    "description": _line(card.bank.ref),
                }
            ]
        },
    }
    return _document("assessment-results", body)


def _poam_item(card: Scorecard, gap: Gap, ids: _Ids) -> tuple[dict[str, Any], dict[str, Any]]:
    """One open gap's POA&M item and its risk (with the action's owner, due date and ticket)."""
    check = gap.question.id
    action = gap.action
    waiver = gap.waiver if gap.waived else None
    remediation: dict[str, Any] = {
        "uuid": ids("remediation", check),
        "lifecycle": "planned" if action is not None else "recommendation",
        "title": _line(_("Close the gap: {question}").format(question=gap.question.prompt)),
        "description": gap.question.fix or gap.question.why,
    }
    if action is not None and action.due is not None:
        task: dict[str, Any] = {
            "uuid": ids("task", check),
            "type": "milestone",
            "title": _line(_("Due {date}").format(date=action.due)),
            "timing": {"on-date": {"date": f"{action.due}T00:00:00+00:00"}},
        }
        if action.owner:
            task["responsible-roles"] = [
                {"role-id": "action-owner", "party-uuids": [ids("party", "person", action.owner)]}
            ]
        remediation["tasks"] = [task]
    if action is not None:
        remediation["props"] = _props(owner=action.owner, ticket=action.ticket)
        link = _link(action.ticket or "")
        if link is not None:
            remediation["links"] = [link]
    risk: dict[str, Any] = {
        "uuid": ids("risk", check),
        "title": _line(gap.question.prompt),
        "description": _gap_description(card, gap),
        "statement": gap.question.why,
        "props": _props(check=check, severity=gap.severity.value, score=f"{gap.score:g}"),
        "status": "deviation-approved" if waiver is not None else "open",
        "remediations": [remediation],
    }
    if action is not None and action.due is not None:
        risk["deadline"] = f"{action.due}T23:59:59+00:00"
    if waiver is not None:
        risk["mitigating-factors"] = [
            {
                "uuid": ids("waiver", check),
                "description": _("Waived until {date}, approved by {who}: {reason}").format(
                    date=waiver.expires, who=waiver.approved_by, reason=waiver.reason
                ),
            }
        ]
    item: dict[str, Any] = {
        "uuid": ids("item", check),
        "title": _line(gap.question.prompt),
        "description": _gap_description(card, gap),
        "props": _props(
            check=check,
            area=card.bank.area_of[check].id,
            severity=gap.severity.value,
            owner=action.owner if action else None,
            due=str(action.due) if action and action.due else None,
            ticket=action.ticket if action else None,
        ),
        "related-risks": [{"risk-uuid": risk["uuid"]}],
    }
    link = _link(action.ticket or "") if action else None
    if link is not None:
        item["links"] = [link]
    return item, risk


def export_oscal_poam(outcome: Outcome) -> str:
    """The OSCAL plan of action and milestones of the review's open gaps (and waived ones)."""
    card = outcome.scorecard
    ids = _Ids(card, "poam")
    title = _("Plan of action for {name}").format(name=outcome.name)
    pairs = [_poam_item(card, gap, ids) for gap in card.gaps]
    body: dict[str, Any] = {
        "uuid": ids("document"),
        "metadata": _metadata(card, title, ids),
        "system-id": {"identifier-type": "urn:mlready:answers", "id": card.answers.source},
        "risks": [risk for _item, risk in pairs],
        "poam-items": [item for item, _risk in pairs],
    }
    if not pairs:
        # OSCAL needs at least one item: a review without gaps plans nothing, and says so.
        body.pop("risks")
        body["poam-items"] = [
            {
                "uuid": ids("item", "none"),
                "title": _line(_("No open gaps")),
                "description": _("The review has no gap to plan for."),
            }
        ]
    return _document("plan-of-action-and-milestones", body)
