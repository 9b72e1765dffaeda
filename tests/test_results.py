"""Recorded results (`--results DIR`): JUnit XML, promptfoo and DeepEval JSON, Great
Expectations validation results. A failed last run contradicts the answer; none say nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from mlready.core.results import Outcome, outcome_of
from mlready.core.vocabulary import ResultKind
from tests.helpers.commands import run
from tests.helpers.git_repositories import repository

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3" failures="{failures}">
<testcase classname="t" name="a"/><testcase classname="t" name="b"/>
<testcase classname="t" name="c">{failure}</testcase>
</testsuite></testsuites>
"""
PASSED = JUNIT.format(failures=0, failure="")
FAILED = JUNIT.format(failures=1, failure='<failure message="assert 1 == 2"/>')
ENTITIES = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<testsuites><testsuite><testcase name="&lol2;"/></testsuite></testsuites>
"""
PROMPTFOO = {
    "evalId": "eval-2026-12-01",
    "results": {"version": 3, "results": [], "stats": {"successes": 18, "failures": 2}},
}
DEEPEVAL = {"testCases": [{"name": "a", "success": True}, {"name": "b", "success": False}]}
GREAT_EXPECTATIONS = {
    "success": False,
    "results": [],
    "statistics": {"evaluated_expectations": 12, "unsuccessful_expectations": 3},
}


@pytest.mark.parametrize(
    ("kind", "text", "outcome"),
    [
        (ResultKind.JUNIT, PASSED, Outcome(3, 0)),
        (ResultKind.JUNIT, FAILED, Outcome(3, 1)),
        (ResultKind.JUNIT, ENTITIES, None),  # a document type: never read, nothing expanded
        (ResultKind.JUNIT, "<html><body/></html>", None),
        (ResultKind.JUNIT, "<testsuites><testsuite>", None),  # does not parse
        (ResultKind.PROMPTFOO, json.dumps(PROMPTFOO), Outcome(20, 2)),
        (ResultKind.PROMPTFOO, json.dumps(DEEPEVAL), None),
        (ResultKind.DEEPEVAL, json.dumps(DEEPEVAL), Outcome(2, 1)),
        (ResultKind.DEEPEVAL, json.dumps(PROMPTFOO), None),
        (ResultKind.GREAT_EXPECTATIONS, json.dumps(GREAT_EXPECTATIONS), Outcome(12, 3)),
        (
            ResultKind.GREAT_EXPECTATIONS,
            json.dumps({"success": True, "run_results": {}}),
            Outcome(1, 0),
        ),
        (ResultKind.GREAT_EXPECTATIONS, "[1, 2]", None),
    ],
)
def test_a_results_file_is_read_by_its_kind(
    kind: ResultKind, text: str, outcome: Outcome | None
) -> None:
    assert outcome_of(kind, text) == outcome


ANSWERS = """\
mlready: 1
bank: default@2
project: {name: churn, owner: ml}
answers:
  profile.model_source: trained
  framework.model_tests: automated
"""
WORKFLOW = "jobs:\n  test:\n    steps:\n      - run: pytest --junitxml=out/junit.xml\n"


@pytest.fixture
def tested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = repository(
        tmp_path / "repo",
        {
            "mlready.yaml": ANSWERS,
            ".github/workflows/ci.yml": WORKFLOW,
            "tests/test_model.py": "def test_fit():\n    pass\n",
        },
    )
    monkeypatch.chdir(root)
    return root


def model_tests(*args: str) -> dict[str, object]:
    code, out, err = run("scan", "-f", "json", *args)
    assert code == ExitCode.OK, err
    item: dict[str, object] = json.loads(out)["evidence"]["framework.model_tests"]
    return item


def test_a_failed_last_run_contradicts_the_answer(tested: Path) -> None:
    assert model_tests()["state"] == "evidenced"  # without --results, nothing changes
    results = tested / "out"
    results.mkdir()
    (results / "old.xml").write_text(PASSED, encoding="utf-8")
    (results / "junit.xml").write_text(FAILED, encoding="utf-8")  # untracked, and newer
    os.utime(results / "old.xml", (1_000_000_000, 1_000_000_000))
    item = model_tests("--results", "out")
    assert item["state"] == "contradicted"
    assert item["failed"] == [
        {
            "probe": "test-results",
            "path": "out/junit.xml",
            "line": None,
            "text": "2/3 passed",
            "says": "the last recorded test run (JUnit XML) passed",
            "reliability": "high",
            "supports": None,
        }
    ]
    code, out, _ = run("scan", "--results", "out")
    assert code == ExitCode.OK
    assert "last run failed: out/junit.xml `2/3 passed`" in out
    code, out, _ = run("check", "--results", "out", "--fail-on-contradicted", "--allow-incomplete")
    assert code == ExitCode.GATE_FAILED
    assert "failed: the last recorded test run (JUnit XML) passed: 2/3 passed" in out
    (results / "junit.xml").write_text(PASSED, encoding="utf-8")
    assert model_tests("--results", "out")["state"] == "evidenced"


def test_a_results_folder_that_is_not_there_is_refused(tested: Path) -> None:
    code, _, err = run("scan", "--results", "missing")
    assert code == ExitCode.INVALID
    assert "missing" in err and "Traceback" not in err
