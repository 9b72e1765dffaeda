"""How mlready knows its own outputs: the mark that every format it writes carries at its top."""

# `report`, `check --output`, `portfolio`, `schema -o` and `init` replace an existing file
# without `--force` only when it carries one of these marks, so that nothing a person wrote is
# lost. Only the marks count, never a file's shape: a hand-written file that looks like an
# output (a JSON bank, a Markdown heading, a line of scores) is not mlready's.
#
# - Markdown and HTML: a first line that is an HTML comment naming mlready and what it made.
# - Text: a first line that begins `mlready <command> · ` (with a middle dot).
# - JSON: `"$generator": "mlready <command>"` as the first key of the document; JSON lines
#   (the facts of `portfolio --repos`): the same as the first key of the first line.
# - SARIF (whose top level takes no extra key): the log's `$schema`, `version` and first run's
#   tool `mlready`, in the order mlready writes them.
# - CycloneDX (whose top level takes no extra key either): its `$schema`, `bomFormat`,
#   `specVersion`, a serial number, `version` and the first tool `mlready`, in that order.
# - The model card: its YAML header's first line, a comment naming mlready.
# - OSCAL: the document's uuid, the answers digest as its version and mlready's namespace on the
#   first property of its metadata, in the order mlready writes them.
# - CSV and the shields.io badge have no room for a mark (a header row of data; a document
#   shields.io refuses with any other key): replacing one takes `--force`.
# - JUnit: the XML declaration, then `<testsuites name="mlready"`.
# - GitHub annotations: `::error file=` or `::warning file=`, or with none, mlready's summary line.

from __future__ import annotations

import re
from typing import Any

# The first line of every report mlready writes (with the built-in template or a user's).
REPORT_MARKER = "<!-- mlready report: generated from the answers file; edit that, not this -->"
# The first line of the HTML report: a comment, which HTML allows before the doctype.
HTML_REPORT_MARKER = (
    "<!-- mlready HTML report: generated from the answers file; edit that, not this -->"
)
# The first line of the HTML portfolio, and of the Markdown one.
HTML_PORTFOLIO_MARKER = "<!-- mlready HTML portfolio: generated from the answers files -->"
PORTFOLIO_MARKER = "<!-- mlready portfolio: generated from the answers files -->"
# The first line of the HTML history, and of the Markdown one.
HTML_HISTORY_MARKER = "<!-- mlready HTML history: generated from the git log -->"
HISTORY_MARKER = "<!-- mlready history: generated from the git log -->"
# The first lines of `check --format markdown` (and the job summary), `diff` and `scan`.
CHECK_MARKER = "<!-- mlready check: generated from the answers file -->"
DIFF_MARKER = "<!-- mlready diff: generated from two answers files -->"
SCAN_MARKER = "<!-- mlready scan: generated from the answers file and its repository -->"
# The first line of the Annex IV skeleton.
ANNEX_IV_MARKER = "<!-- mlready annex-iv: generated from the answers file; edit that, not this -->"
# The model card must start with its YAML header (`---`): the mark is that header's first line,
# a YAML comment.
MODEL_CARD_MARKER = "# mlready model card: generated from the answers file; edit that, not this"

_MARKER_LINES = frozenset(
    {
        REPORT_MARKER,
        HTML_REPORT_MARKER,
        HTML_PORTFOLIO_MARKER,
        PORTFOLIO_MARKER,
        HTML_HISTORY_MARKER,
        HISTORY_MARKER,
        CHECK_MARKER,
        DIFF_MARKER,
        SCAN_MARKER,
        ANNEX_IV_MARKER,
    }
)

# The commands whose text and JSON outputs carry a mark, as the mark names them.
_COMMANDS = ("check", "diff", "bank show", "history", "scan", "schema")

GENERATOR_KEY = "$generator"


def text_mark(command: str) -> str:
    """What the first line of a text output of `command` begins with."""
    assert command in _COMMANDS, command
    return f"mlready {command} · "


def generated(command: str, document: dict[str, Any]) -> dict[str, Any]:
    """`document` (a JSON object) with the mark of `command` as its first key."""
    assert command in _COMMANDS, command
    return {GENERATOR_KEY: f"mlready {command}", **document}


# Patterns as text: `re` compiles (and keeps) each the first time a file is sniffed, not on
# every run that imports this module.
_ALTERNATIVES = "|".join(re.escape(command) for command in _COMMANDS)
_TEXT = f"mlready (?:{_ALTERNATIVES}) · "
_JSON = rf'\{{\s*"\$generator": "mlready (?:{_ALTERNATIVES})"\s*[,}}]'
# The facts are JSON lines written without spaces (see render.facts).
_FACTS = r'\{"\$generator":"mlready portfolio",'
_SARIF = (
    r'\{\s*"\$schema": "https://json\.schemastore\.org/sarif-2\.1\.0\.json",\s*'
    r'"version": "2\.1\.0",\s*"runs": \[\s*\{\s*"tool": \{\s*"driver": \{\s*"name": "mlready",'
)
_CYCLONEDX = (
    r'\{\s*"\$schema": "http://cyclonedx\.org/schema/bom-1\.6\.schema\.json",\s*'
    r'"bomFormat": "CycloneDX",\s*"specVersion": "1\.6",\s*'
    r'"serialNumber": "urn:uuid:[0-9a-f-]{36}",\s*"version": 1,\s*'
    r'"metadata": \{\s*"tools": \{\s*"components": \[\s*\{\s*'
    r'"type": "application",\s*"name": "mlready",'
)
# OSCAL has no tool field before its metadata: mlready's documents are known by their uuid, the
# answers digest as their version and mlready's namespace on the first property.
_OSCAL = (
    r'\{\s*"(?:assessment-results|plan-of-action-and-milestones)": \{\s*'
    r'"uuid": "[0-9a-f-]{36}",\s*"metadata": \{\s*"title": "(?:[^"\\]|\\.)*",\s*'
    r'"last-modified": "[^"]+",\s*"version": "sha256:[0-9a-f]{64}",\s*'
    r'"oscal-version": "[0-9.]+",\s*"props": \[\s*\{\s*"name": "bank",\s*'
    r'"ns": "urn:mlready:oscal",'
)
_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
_GITHUB_ANNOTATIONS = ("::error file=", "::warning file=")
# check --format github with no gap to annotate: only its summary line. An answers file starts
# with `mlready: 1`, which this must never match.
_GITHUB_SUMMARY = r"mlready: .+: level \S+, score \S+: (?:PASSED|FAILED: .+)"


def written_by_mlready(head: str) -> bool:
    """Whether `head` (the beginning of a file) carries the mark of one of mlready's outputs."""
    # The scan asks this of every file in a repository: each pattern runs only on a head that
    # holds the words it needs, so that most files are told apart without compiling any.
    head = head.removeprefix("\ufeff")
    first, _, rest = head.partition("\n")
    first = first.removesuffix("\r")
    if first in _MARKER_LINES or first.startswith(_GITHUB_ANNOTATIONS):
        return True
    if first.startswith("mlready ") and re.match(_TEXT, first):
        return True
    if first == "---" and rest.partition("\n")[0].removesuffix("\r") == MODEL_CARD_MARKER:
        return True
    if first.startswith("mlready: ") and re.fullmatch(_GITHUB_SUMMARY, first):
        return True
    if first == _XML_DECLARATION and rest.startswith('<testsuites name="mlready"'):
        return True
    if not head.lstrip().startswith("{") or "mlready" not in head:
        return False
    return any(re.match(pattern, head) for pattern in (_JSON, _SARIF, _CYCLONEDX, _OSCAL, _FACTS))
