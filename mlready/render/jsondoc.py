"""`check --format json`: the whole outcome as one JSON document, for other tools."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mlready.core.evidence import CheckEvidence, Finding, own_library_reason
from mlready.core.plan import action_plan, expiring_waivers
from mlready.core.scoring import profile_warnings
from mlready.core.signoff import signoff_states
from mlready.core.validation import to_plain
from mlready.render.escape import json_text
from mlready.render.scorecard_view import Outcome, answer_line
from mlready.render.signatures import generated


def check_json(outcome: Outcome) -> dict[str, Any]:
    """The `check --format json` document of one answers file."""
    card, verdict = outcome.scorecard, outcome.verdict
    answers = card.answers
    overdue = [item.gap.question.id for item in action_plan(card) if item.overdue]
    document: dict[str, Any] = {
        "passed": verdict.passed,
        "reasons": list(verdict.reasons),
        "file": answers.source,
        "bank": card.bank.ref,
        # Sign-offs are listed apart, each with whether it still covers the answers.
        "project": {k: v for k, v in to_plain(answers.project).items() if k != "signoff"},
        "profile": {
            q.id: to_plain(answers.get(q.id).value)  # type: ignore[union-attr]
            for q in card.bank.profile
            if q in card.applicable and answers.get(q.id) is not None
        },
        "score": card.score,
        "mean": card.mean,
        "level": card.level.name,
        # What the level rests on: every cap an open gap or the score puts on it (those at the
        # level set it), and its conditions, the serious gaps that cap nothing.
        "caps": [
            {
                "level": cap.level.name,
                "kind": cap.kind,
                "checks": [gap.question.id for gap in cap.gaps],
                "sets_level": card.sets_level(cap),
            }
            for cap in card.caps
        ],
        "conditions": [gap.question.id for gap in card.conditions],
        # Of those, the ones no plan owns (an owner and a due date within the plan horizon):
        # what --require-owners fails on.
        "unowned_conditions": [gap.question.id for gap in card.unowned_conditions],
        "blockers": [gap.question.id for gap in card.blockers],
        "unanswered": [question.id for question in card.unanswered],
        # Of those, minor checks: optional, they do not fail the gate.
        "unanswered_minor": len(card.unanswered_minor),
        "not_applicable": [question.id for question in card.not_applicable],
        "gaps": [
            {
                "id": gap.question.id,
                "area": gap.area.id,
                "severity": gap.severity.value,
                "score": gap.score,
                "answered": gap.answer is not None,
                "waived": gap.waived,
                "line": answer_line(card, gap.question.id),
                "action": to_plain(gap.action) if gap.action else None,
                "overdue": gap.question.id in overdue,
            }
            for gap in card.gaps
        ],
        # Gaps in obligations not yet in force: they fail nothing until their date.
        "upcoming": [
            {
                "id": gap.question.id,
                "area": gap.area.id,
                "severity": gap.severity.value,
                "score": gap.score,
                "applies_from": gap.upcoming.isoformat() if gap.upcoming else None,
                "line": answer_line(card, gap.question.id),
            }
            for gap in card.upcoming
        ],
        # Who confirmed the dates that keep those upcoming (the bank's `dates_confirmed`).
        "dates_confirmed": (
            to_plain(card.bank.dates_confirmed) if card.bank.dates_confirmed else None
        ),
        "waived": [
            {"id": gap.question.id, **to_plain(gap.waiver)}
            for gap in card.waived
            if gap.waiver is not None
        ],
        "expired_waivers": [gap.question.id for gap in card.expired_waivers],
        "expiring_waivers": [gap.question.id for gap in expiring_waivers(card)],
        "overdue_actions": overdue,
        "signoff": [
            {**to_plain(state.signoff), "current": state.current}
            for state in signoff_states(answers)
        ],
        "areas": [
            {
                "id": area.area.id,
                "score": area.score,
                "applicable": area.applicable,
                "answered": area.answered,
                "gaps": area.gaps,
            }
            for area in card.areas
        ],
        "checks": card.check_scores(),
        "evidence": {key: evidence_json(item) for key, item in outcome.evidence.items()},
        # What reading the file found, then what the answers say against each other (each also
        # on stderr): in English, as a machine reads it.
        "warnings": [*answers.warnings, *profile_warnings(card)],
    }
    if verdict.comparison is not None:
        document["regressions"] = list(verdict.comparison.regressions)
        document["improvements"] = list(verdict.comparison.improvements)
    return document


def render_json(outcomes: Sequence[Outcome]) -> str:
    """One document for one file; for several, `passed` and the list of `reviews`."""
    if len(outcomes) == 1:
        document: Any = check_json(outcomes[0])
    else:
        document = {
            "passed": all(outcome.verdict.passed for outcome in outcomes),
            "reviews": [check_json(outcome) for outcome in outcomes],
        }
    return json_text(json.dumps(generated("check", document), indent=2, ensure_ascii=False)) + "\n"


def evidence_json(item: CheckEvidence) -> dict[str, Any]:
    """One check's evidence as JSON: its state, what supports it and what is missing."""

    def finding_json(finding: Finding) -> dict[str, Any]:
        return {
            "probe": finding.probe.id,
            "path": finding.path,
            "line": finding.line,
            "text": finding.text,
            "says": finding.probe.says,
            "reliability": finding.probe.reliability.value,
            "supports": finding.probe.supports,
        }

    return {
        "state": item.state.value,
        "findings": [finding_json(finding) for finding in item.found],
        "files": item.files,
        "partly": [finding_json(finding) for finding in item.partly],
        "failed": [finding_json(finding) for finding in item.failed],
        "missing": [
            {"probe": probe.id, "says": probe.says, "reliability": probe.reliability.value}
            for probe in item.missing
        ],
        "paths_found": list(item.paths_found),
        "paths_missing": list(item.paths_missing),
        "paths_outside": list(item.paths_outside),
        "external": list(item.external),
        "not_accepted": [{"evidence": text, "why": why} for text, why in item.not_accepted],
        "not_detected": dict(item.silenced),
        "suggested": item.suggested,
        "not_looked_for": [
            {"probe": probe, "library": library, "reason": str(own_library_reason(library))}
            for probe, library in item.own_library
        ],
    }
