"""JUnit XML: one test case per applicable check, as GitLab, Jenkins and most CI systems read."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from mlready.core.kinds import is_scored
from mlready.core.messages import _, translated
from mlready.core.vocabulary import word_for
from mlready.render.escape import terminal_text
from mlready.render.scorecard_view import Outcome, answer_line


def _xml_text(text: str) -> str:
    # XML 1.0 cannot hold most control characters; they are shown as \xNN instead. A JUnit
    # file is often printed to a CI log, where a line starting with `::` is a command to the
    # runner: such a line of the bank's or answers' text is escaped, as Markdown escapes it.
    return _WORKFLOW_COMMAND.sub(r"\1\\::", terminal_text(text))


_WORKFLOW_COMMAND = re.compile(r"^(\s*)::", re.MULTILINE)


def render_junit(outcomes: Sequence[Outcome]) -> str:
    """A `<testsuites>` document: per answers file a suite, per applicable check a test case
    that passes, fails with its gap, or is skipped (not applicable, or a waived gap). Test
    names are the same in every language; messages are in the chosen one."""
    root = ET.Element("testsuites", name="mlready")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for outcome in outcomes:
        card = outcome.scorecard
        source = card.answers.source
        gaps = {gap.question.id: gap for gap in card.gaps}
        not_applicable = {question.id for question in card.not_applicable}
        upcoming = {gap.question.id: gap.upcoming for gap in card.upcoming}
        names = (outcome.english or card.bank).questions
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
                name=f"{question.id}: {_xml_text(names[question.id].prompt)}",
                file=_xml_text(source),
                line=str(line),
                time="0",
            )
            if question.id in not_applicable:
                counts["skipped"] += 1
                entry = card.answers.get(question.id)
                note = entry.note if entry and entry.note else ""
                message = _("not applicable: {note}").format(note=note)
                ET.SubElement(case, "skipped", message=_xml_text(message))
            elif question.id in upcoming:
                counts["skipped"] += 1
                message = _("upcoming: applies from {date}").format(date=upcoming[question.id])
                ET.SubElement(case, "skipped", message=_xml_text(message))
            elif gap is not None and gap.waived and gap.waiver is not None:
                counts["skipped"] += 1
                waiver = gap.waiver
                if waiver.expires:
                    message = _("waived: {reason} (approved by {who}, until {expires})")
                else:
                    message = _("waived: {reason} (approved by {who})")
                message = message.format(
                    reason=waiver.reason, who=waiver.approved_by, expires=waiver.expires
                )
                ET.SubElement(case, "skipped", message=_xml_text(message))
            elif gap is not None:
                counts["failures"] += 1
                answer = translated(question.describe(gap.answer.value if gap.answer else None))
                message = _("{severity} gap: {prompt}").format(
                    severity=translated(word_for(gap.severity)), prompt=question.prompt
                )
                failure = ET.SubElement(
                    case, "failure", message=_xml_text(message), type=gap.severity.value
                )
                details = [
                    _("Answer: {answer} (score {score})").format(
                        answer=answer, score=f"{gap.score:g}"
                    ),
                    _("Why: {why}").format(why=question.why),
                    *([_("Next step: {fix}").format(fix=question.fix)] if question.fix else []),
                    _("At: {place}").format(place=f"{source}:{answer_line(card, gap.question.id)}"),
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
