"""Recorded results of a run (tests, evaluations, data validations): how many passed, how many
failed, read from the text of a results file."""

# Pure: the I/O layer reads the file. A file of another shape, or one that does not parse, says
# nothing. XML that declares a document type or entities is not read at all: no entity is ever
# expanded, and nothing is fetched.

import json
from typing import Any, NamedTuple

from mlready.core.vocabulary import ResultKind


class Outcome(NamedTuple):
    """How a recorded run went."""

    total: int
    failed: int

    @property
    def passed(self) -> bool:
        """Whether nothing failed."""
        return self.failed == 0


def outcome_of(kind: ResultKind, text: str) -> Outcome | None:
    """How the run recorded in `text` went, read as `kind`; None when it is not such a file."""
    if kind is ResultKind.JUNIT:
        return _junit(text)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    if kind is ResultKind.PROMPTFOO:
        return _promptfoo(data)
    if kind is ResultKind.DEEPEVAL:
        return _deepeval(data)
    return _great_expectations(data)


def _junit(text: str) -> Outcome | None:
    from xml.etree import ElementTree

    # Anywhere: comments and processing instructions may come before a document type.
    lowered = text.lower()
    if "<!doctype" in lowered or "<!entity" in lowered:
        return None  # a document type could declare entities: not read
    try:
        root = ElementTree.fromstring(text)
    except (ElementTree.ParseError, ValueError, RecursionError):
        return None
    if root.tag not in ("testsuites", "testsuite"):
        return None
    cases = list(root.iter("testcase"))
    failed = sum(
        1 for case in cases if case.find("failure") is not None or case.find("error") is not None
    )
    return Outcome(len(cases), failed)


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _promptfoo(data: dict[str, Any]) -> Outcome | None:
    # `promptfoo eval -o results.json`: {"evalId", "results": {"results": [...], "stats": {...}}}
    results = data.get("results")
    if not isinstance(results, dict) or not ("evalId" in data or "config" in data):
        return None
    stats = results.get("stats")
    if isinstance(stats, dict):
        passed, failures = _count(stats.get("successes")), _count(stats.get("failures"))
        errors = _count(stats.get("errors")) or 0
        if passed is not None and failures is not None:
            return Outcome(passed + failures + errors, failures + errors)
    return _by_success(results.get("results"), "success")


def _deepeval(data: dict[str, Any]) -> Outcome | None:
    # A DeepEval test run: {"testCases": [{"name", "success", "metricsData"...}], ...}
    cases = data.get("testCases", data.get("test_cases"))
    return _by_success(cases, "success")


def _great_expectations(data: dict[str, Any]) -> Outcome | None:
    # A validation result: {"success", "results": [...], "statistics": {...}}; a checkpoint
    # result: {"success", "run_results": {...}}.
    success = data.get("success")
    if not isinstance(success, bool) or not ("statistics" in data or "run_results" in data):
        return None
    statistics = data.get("statistics")
    if isinstance(statistics, dict):
        total = _count(statistics.get("evaluated_expectations"))
        failed = _count(statistics.get("unsuccessful_expectations"))
        if total is not None and failed is not None:
            return Outcome(total, failed if failed or success else 1)
    return Outcome(1, 0 if success else 1)


def _by_success(items: Any, key: str) -> Outcome | None:
    if not isinstance(items, list) or not items:
        return None
    flags = [item.get(key) for item in items if isinstance(item, dict)]
    if not flags or not all(isinstance(flag, bool) for flag in flags):
        return None
    return Outcome(len(flags), flags.count(False))
