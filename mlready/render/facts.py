"""The facts of a fleet: JSON lines for machines (one fact per line), a Markdown table for
people."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from mlready.core.fleet import Fact, fact_data
from mlready.core.messages import _, ngettext, translated
from mlready.render.escape import markdown_cell, markdown_code
from mlready.render.scorecard_view import format_score
from mlready.render.signatures import PORTFOLIO_MARKER

_NO_LEVELS: Mapping[str, str] = {}


def facts_jsonl(facts: Sequence[Fact], **_options: object) -> str:
    """One JSON object per line, each a fact with stable keys (`mlready schema fact`)."""
    # ASCII only: every byte a consumer's parser sees is plain, whatever the names hold.
    return "".join(
        json.dumps(fact_data(fact), ensure_ascii=True, separators=(",", ":")) + "\n"
        for fact in facts
    )


def facts_markdown(facts: Sequence[Fact], *, levels: Mapping[str, str] = _NO_LEVELS) -> str:
    """A Markdown table of the facts, in the listed order; `levels` names each level as
    people read it."""
    passed = sum(fact.passed is True for fact in facts)
    failed = sum(fact.error is not None for fact in facts)
    reviews = ngettext("{count} review", "{count} reviews", len(facts)).format(count=len(facts))
    lines = [
        PORTFOLIO_MARKER,
        "# " + _("Readiness portfolio"),
        "",
        _("{reviews}; {passed} pass the gate.").format(reviews=reviews, passed=passed),
        "",
        *(
            [
                ngettext(
                    "{count} could not be reviewed: the Problem column says why.",
                    "{count} could not be reviewed: the Problem column says why.",
                    failed,
                ).format(count=failed),
                "",
            ]
            if failed
            else []
        ),
        "| "
        + " | ".join(
            [
                _("Repository"),
                _("Answers file"),
                _("Commit"),
                _("Level"),
                _("Score"),
                _("Blockers"),
                _("Overdue"),
                _("Problem"),
            ]
        )
        + " |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | --- |",
    ]
    for fact in facts:
        cells = [
            markdown_cell(fact.repository),
            markdown_cell(fact.answers or ""),
            markdown_code(fact.commit[:12]) if fact.commit else "",
            markdown_cell(levels.get(fact.level, fact.level)) if fact.level else "",
            format_score(fact.score) if fact.error is None else "",
            str(fact.gaps["blocker"]) if fact.gaps is not None else "",
            str(fact.overdue_actions) if fact.overdue_actions is not None else "",
            markdown_cell(translated(fact.error)) if fact.error is not None else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
