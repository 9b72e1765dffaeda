"""The arithmetic of benchmarks/evidence/measure.py, on made-up findings and labels: no clones,
no scan. Its figures are what the README states of the labelled corpus."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "benchmarks" / "evidence"


@pytest.fixture(scope="module")
def measure() -> ModuleType:
    spec = importlib.util.spec_from_file_location("evidence_measure", CORPUS / "measure.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while they are made
    spec.loader.exec_module(module)
    return module


def label(path: str, line: str, check: str, probe: str, *, said: str, evidence: str) -> dict:
    return {
        "repository": "r",
        "commit": "c",
        "path": path,
        "line": line,
        "check": check,
        "probe": probe,
        "is_what_probe_says": said,
        "is_evidence": evidence,
        "reason": "",
    }


def state_label(check: str, state: str, right: str, answers: str = "truth") -> dict:
    shown = "dvc.lock:2:dvc-lock" if check == "data.lineage" else ""
    return {
        "repository": "r",
        "answers": answers,
        "check": check,
        "state": state,
        "shown": shown,
        "right": right,
    }


def test_findings_practices_and_states_are_counted_against_the_labels(measure) -> None:
    finding = measure.Finding
    findings = [
        finding("r", "c", "dvc.lock", "2", "data.lineage", "dvc-lock"),
        finding("r", "c", "a.py", "9", "training.registry", "model-registry"),
        finding("r", "c", "b.py", "3", "training.registry", "model-registry"),
        finding("r", "c", "tests/t.py", "", "framework.model_tests", "tests-exist"),
        finding("r", "c", "new.py", "1", "training.registry", "model-registry"),  # not labelled
    ]
    labels = [
        label("dvc.lock", "2", "data.lineage", "dvc-lock", said="yes", evidence="yes"),
        label("a.py", "9", "training.registry", "model-registry", said="no", evidence="no"),
        label("b.py", "3", "training.registry", "model-registry", said="yes", evidence="no"),
        label("tests/t.py", "", "framework.model_tests", "tests-exist", said="yes", evidence="yes"),
    ]
    state = measure.State
    states = [
        state("r", "truth", "data.lineage", "evidenced", True, "dvc.lock:2:dvc-lock"),
        state("r", "truth", "data.lineage", "evidenced", True, "other.lock:1:dvc-lock"),  # anew
        state("r", "truth", "training.registry", "evidenced", False),  # unanswered
        state("r", "claims", "serving.load_test", "contradicted", True),
        state("r", "claims", "serving.canary", "contradicted", True),
        state("r", "truth", "framework.model_tests", "claimed", True),  # not judged
        state("r", "truth", "serving.health_check", "evidenced", True),  # not labelled
    ]
    state_labels = [
        state_label("data.lineage", "evidenced", "yes"),
        state_label("training.registry", "evidenced", "no"),
        state_label("serving.load_test", "contradicted", "yes", "claims"),
        state_label("serving.canary", "contradicted", "no", "claims"),
    ]
    practices = [
        {"repository": "r", "check": "data.lineage"},
        {"repository": "r", "check": "training.registry"},
        {"repository": "r", "check": "framework.model_tests"},
    ]

    figures = measure.compute(
        findings, states, labels=labels, state_labels=state_labels, practices=practices
    )

    assert (figures.findings_evidence.right, figures.findings_evidence.judged) == (2, 4)
    assert figures.findings_evidence.to_judge == ["r,c,new.py,1,training.registry,model-registry"]
    assert (figures.findings_as_said.right, figures.findings_as_said.judged) == (3, 4)
    assert (figures.practices_found.right, figures.practices_found.judged) == (2, 3)
    assert (figures.evidenced_right.right, figures.evidenced_right.judged) == (1, 2)
    assert figures.evidenced_right.to_judge == [
        "r,truth,data.lineage,evidenced,other.lock:1:dvc-lock",
        "r,truth,serving.health_check,evidenced,",
    ]
    assert (figures.evidenced_answered_right.right, figures.evidenced_answered_right.judged) == (
        1,
        1,
    )
    assert (figures.contradicted_right.right, figures.contradicted_right.judged) == (1, 2)
    registry = figures.per_probe["model-registry"]
    assert (registry.right, registry.judged, len(registry.to_judge)) == (0, 2, 1)
    assert figures.findings_evidence.text() == "2/4 = 50.0% (1 to judge)"
    assert measure.Ratio().text() == "0/0 = n/a"


def test_a_scan_report_becomes_findings_and_states(measure, tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "answers:\n  data.lineage: partial\n  training.registry:\n  profile.impact: internal\n",
        encoding="utf-8",
    )
    answered = measure.answered_checks(answers)
    assert answered == {"data.lineage", "profile.impact"}
    report = {
        "evidence": {
            "data.lineage": {
                "state": "evidenced",
                "findings": [{"probe": "dvc-lock", "path": "dvc.lock", "line": 2}],
                "partly": [{"probe": "dvc-tracked-data", "path": "d.dvc", "line": 1}],
            },
            "training.registry": {
                "state": "evidenced",
                "findings": [{"probe": "tests-exist", "path": "tests/x.py", "line": None}],
                "missing": [{"probe": "model-registry"}],
            },
        }
    }

    findings, states = measure.parse_scan("r", "c", report, answers="truth", answered=answered)

    assert [f.key() for f in findings] == [
        ("r", "c", "dvc.lock", "2", "data.lineage", "dvc-lock"),
        ("r", "c", "d.dvc", "1", "data.lineage", "dvc-tracked-data"),
        ("r", "c", "tests/x.py", "", "training.registry", "tests-exist"),
    ]
    assert [(s.check, s.answered, s.shown) for s in states] == [
        ("data.lineage", True, "d.dvc:1:dvc-tracked-data;dvc.lock:2:dvc-lock"),
        ("training.registry", False, "tests/x.py::tests-exist missing:model-registry"),
    ]


def test_the_committed_labels_are_complete_and_name_labelled_repositories() -> None:
    with (CORPUS / "repos.csv").open(encoding="utf-8") as handle:
        repos = {row["repository"]: row["commit"] for row in csv.DictReader(handle)}
    assert len(repos) >= 8
    with (CORPUS / "labels.csv").open(encoding="utf-8") as handle:
        labels = list(csv.DictReader(handle))
    assert labels
    for row in labels:
        assert repos.get(row["repository"]) == row["commit"], row
        assert row["is_what_probe_says"] in {"yes", "no"}, row
        assert row["is_evidence"] in {"yes", "no"}, row
        assert row["reason"].strip(), row
    for name in repos:
        assert (CORPUS / "answers" / f"{name}.yaml").is_file(), name
