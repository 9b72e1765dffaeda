"""JUnit XML: one test case per applicable check, as GitLab, Jenkins and most CI systems read."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from mlready.core.kinds import is_scored
from mlready.render.escape import terminal_text
from mlready.render.view import Outcome, answer_line


def _xml_text(text: str) -> str:
    # XML 1.0 cannot hold most control characters; they are shown as \xNN instead.
    return terminal_text(text)


def render_junit(outcomes: Sequence[Outcome]) -> str:
    """A `<testsuites>` document: per answers file a suite, per applicable check a test case
    that passes, fails with its gap, or is skipped (not applicable, or a waived gap)."""
    root = ET.Element("testsuites", name="mlready")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for outcome in outcomes:
        card = outcome.scorecard
        source = card.answers.source
        gaps = {gap.question.id: gap for gap in card.gaps}
        not_applicable = {question.id for question in card.not_applicable}
        suite = ET.SubElement(root, "testsuite", name=_xml_text(outcome.name))
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        for question in card.applicable:
            if not is_scored(question):
                continue
            counts["tests"] += 1
            gap = gaps.get(question.id)
            line = answer_line(card, question.id)
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"mlready.{card.bank.area_of[question.id].id}",
                name=f"{question.id}: {_xml_text(question.prompt)}",
                file=_xml_text(source),
                line=str(line),
                time="0",
            )
            if question.id in not_applicable:
                counts["skipped"] += 1
                entry = card.answers.get(question.id)
                note = entry.note if entry and entry.note else ""
                ET.SubElement(case, "skipped", message=_xml_text(f"not applicable: {note}"))
            elif gap is not None and gap.waived and gap.waiver is not None:
                counts["skipped"] += 1
                waiver = gap.waiver
                until = f", until {waiver.expires}" if waiver.expires else ""
                message = f"waived: {waiver.reason} (approved by {waiver.approved_by}{until})"
                ET.SubElement(case, "skipped", message=_xml_text(message))
            elif gap is not None:
                counts["failures"] += 1
                answer = question.describe(gap.answer.value if gap.answer else None)
                failure = ET.SubElement(
                    case,
                    "failure",
                    message=_xml_text(f"{gap.severity.value} gap: {question.prompt}"),
                    type=gap.severity.value,
                )
                details = [
                    f"Answer: {answer} (score {gap.score:g})",
                    f"Why: {question.why}",
                    *([f"Next step: {question.fix}"] if question.fix else []),
                    f"At: {source}:{answer_line(card, gap.question.id)}",
                ]
                failure.text = _xml_text("\n".join(details))
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
        suite.set("time", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
