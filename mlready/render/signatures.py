"""How mlready knows its own outputs: what the first part of each format it writes says.

`report`, `check --output`, `portfolio`, `schema -o` and `init` replace an existing file
without `--force` only when it is one of these, so that nothing a person wrote is lost.
"""

from __future__ import annotations

import json
import re
from typing import Any

# The first line of every report mlready writes (with the built-in template or a user's).
REPORT_MARKER = "<!-- mlready report: generated from the answers file; edit that, not this -->"
# The first line of the HTML report: a comment, which HTML allows before the doctype.
HTML_REPORT_MARKER = (
    "<!-- mlready HTML report: generated from the answers file; edit that, not this -->"
)
# The first line of the HTML portfolio.
HTML_PORTFOLIO_MARKER = "<!-- mlready HTML portfolio: generated from the answers files -->"
# The first line of the HTML history.
HTML_HISTORY_MARKER = "<!-- mlready HTML history: generated from the git log -->"

_FIRST_LINES = (
    REPORT_MARKER,  # report
    HTML_REPORT_MARKER,  # report --format html
    HTML_PORTFOLIO_MARKER,  # portfolio --format html
    HTML_HISTORY_MARKER,  # history --format html
    "# Readiness history: ",  # history --format markdown
    "### mlready: ",  # check --format markdown, the job summary
    "## Readiness review: what changed",  # diff --format markdown
    "# Readiness portfolio",  # portfolio
    "::error ",  # check --format github
    "::warning ",
)
# check --format github with no gap to annotate: only its summary line. An answers file starts
# with `mlready: 1`, which this must never match.
_GITHUB_SUMMARY = re.compile(r"^mlready: .+: level .+, score \S+: (PASSED|FAILED)")


def written_by_mlready(head: str) -> bool:
    """Whether `head` (the beginning of a file) is one of mlready's outputs."""
    lines = head.split("\n", 2)
    first = lines[0].removeprefix("\ufeff")
    if first.startswith(_FIRST_LINES) or _GITHUB_SUMMARY.match(first):
        return True
    second = lines[1] if len(lines) > 1 else ""
    if second.startswith('<testsuites name="mlready"'):  # JUnit, after its XML declaration
        return True
    if second.startswith("Level: ") and "·" in first:  # check as text
        return True
    if first.rstrip().endswith(" questions") and "@" in first:  # bank show as text
        return True
    return first.strip() == "{" and _own_json(head)


def _own_json(head: str) -> bool:
    try:
        document: Any = json.loads(head)
    except ValueError:  # not JSON, or longer than was read: not recognised
        return False
    if not isinstance(document, dict):
        return False
    keys = set(document)
    if {"passed", "bank", "level"} <= keys or {"passed", "reviews"} <= keys:  # check
        return True
    if {"before", "after", "answers", "gaps_opened"} <= keys:  # diff
        return True
    if {"bank", "version", "areas"} <= keys:  # bank show
        return True
    if str(document.get("title", "")).startswith("mlready "):  # schema
        return True
    runs = document.get("runs")  # SARIF
    return isinstance(runs, list) and any(
        isinstance(run, dict)
        and isinstance(run.get("tool"), dict)
        and isinstance(run["tool"].get("driver"), dict)
        and run["tool"]["driver"].get("name") == "mlready"
        for run in runs
    )
