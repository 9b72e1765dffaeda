"""`export --format csv`: one row per applicable check, for the spreadsheets auditors use."""

# RFC 4180 as Python's csv module writes it (CRLF, quotes doubled, a header row). The header and
# the question are said in the language spoken; ids, values, dates and scores are data and stay
# as the answers file has them. A spreadsheet runs a cell that starts with = + - @ (or a tab or a
# carriage return) as a formula, so such a cell gets a leading ' (as OWASP advises against CSV
# injection): the one escaping function of this output kind is `csv_cell`.

from __future__ import annotations

import csv
import io

from mlready.core.kinds import is_scored
from mlready.core.messages import N_, _
from mlready.render.scorecard_view import Outcome

COLUMNS = (
    N_("id"),
    N_("question"),
    N_("area"),
    N_("severity"),
    N_("answer"),
    N_("score"),
    N_("evidence state"),
    N_("note"),
    N_("action owner"),
    N_("due"),
    N_("ticket"),
    N_("waiver until"),
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs it: a leading ' before a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def export_csv(outcome: Outcome) -> str:
    """The CSV table of the review in `outcome`: a header row, then each applicable check."""
    card = outcome.scorecard
    scores = card.check_scores()
    rows: list[list[str]] = [[_(column) for column in COLUMNS]]
    for question in card.applicable:
        if not is_scored(question):
            continue
        entry = card.answers.get(question.id)
        value = entry.value if entry is not None else None
        evidence = outcome.evidence.get(question.id)
        action = entry.action if entry is not None else None
        waiver = entry.waiver if entry is not None else None
        unanswered = entry is None
        rows.append(
            [
                question.id,
                question.prompt,
                card.bank.area_of[question.id].id,
                question.gap_severity.value,
                value if isinstance(value, str) else "",
                _number(scores.get(question.id)),  # unanswered scores 0, as it counts
                evidence.state.value if evidence is not None and not unanswered else "",
                (entry.note or "") if entry is not None else "",
                (action.owner or "") if action is not None else "",
                str(action.due) if action is not None and action.due is not None else "",
                (action.ticket or "") if action is not None else "",
                str(waiver.expires) if waiver is not None else "",
            ]
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()
