"""SARIF 2.1.0: each gap a result located at its line in the answers file; a waived gap is a
suppressed result (`suppressions`), which code-scanning tools list apart."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mlready.core.model import Question
from mlready.core.vocabulary import Severity
from mlready.io.resources import mlready_version
from mlready.render.view import Outcome, answer_line

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


def render_sarif(outcomes: Sequence[Outcome]) -> str:
    """One run of the tool over every answers file; waived gaps carry a suppression."""
    rules: dict[str, int] = {}
    rule_list: list[dict[str, Any]] = []
    results: list[dict[str, Any]] = []
    for outcome in outcomes:
        card = outcome.scorecard
        for gap in card.gaps:
            question = gap.question
            if question.id not in rules:
                rules[question.id] = len(rule_list)
                rule_list.append(_rule(question))
            answer = question.describe(gap.answer.value if gap.answer else None)
            result: dict[str, Any] = {
                "ruleId": question.id,
                "ruleIndex": rules[question.id],
                "level": _LEVEL[gap.severity],
                "message": {
                    "text": f"{gap.severity.value} gap: {question.prompt} "
                    f"Answer: {answer} (score {gap.score:g})."
                    + (f" Next step: {question.fix}" if question.fix else "")
                },
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(card.answers.source)},
                            "region": {"startLine": answer_line(card, gap.question.id)},
                        }
                    }
                ],
            }
            if gap.waived and gap.waiver is not None:
                result["suppressions"] = [{"kind": "inSource", "justification": gap.waiver.reason}]
            results.append(result)
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
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
