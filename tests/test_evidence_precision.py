"""The rules that keep a scan's findings to real evidence: test files that define tests, a
library's own code, development images, a seed that is no run's, an answer at the lowest
grade, and a contradiction that needs a strong absence. Real git repositories in tmp folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from mlready.core.model import Probe
from mlready.core.statements import (
    defined_tests,
    kubernetes_statements,
    python_statements,
    runtime_image,
    runtime_requirements,
)
from mlready.io.bank_file import builtin_bank_path, load_bank
from mlready.io.scan import Repository, package_names, scan
from tests.helpers.commands import run
from tests.helpers.git_repositories import repository
from tests.helpers.probed_bank import BANK, WORKFLOW


def builtin_probes(probe_id: str) -> list[tuple[str, Probe]]:
    """The built-in bank's probes of id `probe_id`, each with the check it belongs to."""
    bank = load_bank(builtin_bank_path())
    return [
        (question.id, probe)
        for question in bank.questions.values()
        for probe in question.evidence
        if probe.id == probe_id
    ]


PYTHON_TESTS = """\
import unittest

import pytest


@pytest.fixture
def frame():
    return []


def helper():
    return 1


def test_load(frame):
    assert frame == []


class TestScaler:
    def test_fit(self):
        pass

    def fit(self):
        pass


class Filter(unittest.TestCase):
    def test_match(self):
        pass


class TestPreset(BasePreset):
    def test_matched(self, test):
        return True


class TestFilter(BaseModel):
    def test_matches(self, value):
        return True
"""


def texts(statements: list[object]) -> list[str]:
    return [statement.text for statement in statements]  # type: ignore[attr-defined]


def test_a_python_test_file_defines_the_tests_pytest_and_unittest_collect() -> None:
    found = defined_tests("tests/test_scaler.py", PYTHON_TESTS)
    assert texts(found) == [
        "test test_load",
        "test TestScaler.test_fit",
        "test Filter.test_match",
        "test TestPreset.test_matched",  # a test class with a base of its own: collected
    ]  # and a library's model named Test* (pydantic's constructor), not collected
    assert all(statement.line is None for statement in found)  # the file is the evidence
    # A package marker, a helpers module, fixtures alone, a file that does not parse: none.
    for text in (
        "",
        "def run_if(x):\n    return x\n",
        "import pytest\n\n@pytest.fixture\ndef df():\n    return 1\n",
        "def test_(:\n",
    ):
        assert defined_tests("tests/conftest.py", text) == []


# Each shape of a Python test module pytest or unittest collects from, with the tests it
# defines, and shapes that define none: a class named Test* that is not collected, helpers.
PYTHON_SHAPES = [
    pytest.param(
        "class TestModel(ModelTests):\n    def test_fit(self):\n        pass\n\n"
        "    async def test_serve(self):\n        pass\n\n    def fit(self):\n        pass\n",
        ["TestModel.test_fit", "TestModel.test_serve"],
        id="a test class with a base",
    ),
    pytest.param(
        "import unittest\n\n\nclass Checks(unittest.IsolatedAsyncioTestCase):\n"
        "    async def test_run(self):\n        pass\n",
        ["Checks.test_run"],
        id="an async unittest case",
    ),
    pytest.param(
        "import unittest\n\n\nclass Base(unittest.TestCase):\n    def test_shape(self):\n"
        "        pass\n\n\nclass Scaler(Base):\n    def test_fit(self):\n        pass\n",
        ["Base.test_shape", "Scaler.test_fit", "Scaler.test_shape"],
        id="a TestCase subclass of the module's own TestCase",
    ),
    pytest.param(
        "class Shared:\n    def test_shape(self):\n        pass\n\n\n"
        "class TestScaler(Shared):\n    def test_fit(self):\n        pass\n",
        ["TestScaler.test_fit", "TestScaler.test_shape"],
        id="test methods inherited from a mixin of the module",
    ),
    pytest.param("async def test_load():\n    pass\n", ["test_load"], id="an async test"),
    pytest.param(
        "import sys\n\nif sys.platform != 'win32':\n    def test_fork():\n        pass\n"
        "try:\n    import torch\nexcept ImportError:\n    pass\nelse:\n\n"
        "    class TestTorch:\n        def test_cuda(self):\n            pass\n",
        ["test_fork", "TestTorch.test_cuda"],
        id="tests defined under an if or a try",
    ),
    pytest.param(
        "class TestScaler:\n    class TestFit:\n        def test_zero(self):\n            pass\n",
        ["TestScaler.TestFit.test_zero"],
        id="a test class nested in a test class",
    ),
    pytest.param(
        "from dataclasses import dataclass\nfrom enum import Enum\n\nimport pytest\n\n\n"
        "@dataclass\nclass TestRow:\n    def test_value(self):\n        pass\n\n\n"
        "class TestKind(Enum):\n    def test_kind(self):\n        pass\n\n\n"
        "class TestRunner:\n    def __init__(self, model):\n        self.model = model\n\n"
        "    def test_run(self):\n        pass\n\n\n"
        "class TestLater:\n    __test__ = False\n\n    def test_later(self):\n        pass\n\n\n"
        "class TestFailure(ValueError):\n    def test_raised(self):\n        pass\n\n\n"
        "class Test:\n    pass\n\n\n"
        "class Helper:\n    def test_like(self):\n        pass\n\n\n"
        "@pytest.fixture\ndef test_data():\n    return 1\n\n\ndef helper():\n    pass\n",
        [],
        id="classes named Test* pytest does not collect, fixtures and helpers",
    ),
    pytest.param(
        "__test__ = False\n\n\ndef test_later():\n    pass\n", [], id="a module not collected"
    ),
]


@pytest.mark.parametrize(("text", "tests"), PYTHON_SHAPES)
def test_every_shape_of_a_python_test_is_read(text: str, tests: list[str]) -> None:
    assert texts(defined_tests("tests/test_model.py", text)) == [f"test {test}" for test in tests]


@pytest.mark.parametrize(
    ("name", "text", "tests"),
    [
        ("pkg/main_test.go", "package main\n\nfunc TestRun(t *testing.T) {}\nfunc run() {}\n", 1),
        ("pkg/util_test.go", "package main\n\nfunc helper() {}\n", 0),
        ("web/app.test.ts", "describe('app', () => {\n  it('renders', () => {});\n});\n", 2),
        ("web/setup.test.ts", "import { vi } from 'vitest';\nexport const x = 1;\n", 0),
        ("src/test/java/AppTest.java", "class AppTest {\n  @Test\n  void runs() {}\n}\n", 1),
        ("Tests/AppTests.swift", "final class AppTests: XCTestCase {\n  func testRun() {}\n}\n", 1),
        ("tests/testthat/test-fit.R", 'test_that("fits", {\n  expect_true(TRUE)\n})\n', 1),
    ],
)
def test_other_languages_tests_are_read_by_how_they_begin(name: str, text: str, tests: int) -> None:
    assert len(defined_tests(name, text)) == tests


def test_a_test_files_folder_of_helpers_is_not_cited(tmp_path: Path) -> None:
    root = repository(
        tmp_path,
        {
            "tests/__init__.py": "",
            "tests/helpers/__init__.py": "",
            "tests/helpers/run_sh.py": "def run_sh(command):\n    return command\n",
            "tests/conftest.py": "import pytest\n\n@pytest.fixture\ndef cfg():\n    return {}\n",
            "tests/test_train.py": "def test_train(cfg):\n    assert cfg == {}\n",
        },
    )
    probes = builtin_probes("tests-exist")
    found = scan(Repository(root), probes)
    assert {item.path for items in found.values() for item in items} == {"tests/test_train.py"}
    assert {item.text for items in found.values() for item in items} == {"test test_train"}


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("pyproject.toml", '[project]\nname = "lm-eval"\n', {"lm_eval"}),
        ("pyproject.toml", '[tool.poetry]\nname = "Acme.Churn"\n', {"acme_churn"}),
        ("pyproject.toml", "[project\nname = 1\n", set()),
        ("setup.cfg", "[metadata]\nname = evidently\n", {"evidently"}),
        ("setup.cfg", "[metadata\nname\n", set()),
        ("setup.py", 'import setuptools\n\nsetuptools.setup(name="bentoml")\n', {"bentoml"}),
        ("setup.py", "from setuptools import setup\n\nsetup(name=NAME)\n", set()),
    ],
)
def test_a_projects_package_name_is_its_import_name(
    name: str, text: str, expected: set[str]
) -> None:
    assert package_names(name, text) == expected


def test_the_packages_a_repository_is(tmp_path: Path) -> None:
    root = repository(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "acme-churn"\n',
            "src/churn/__init__.py": "",
            "tools/__init__.py": "",
            "services/ranker/setup.cfg": "[metadata]\nname = ranker\n",
            "services/ranker/ranker/__init__.py": "",
            "docs/deep/pkg/__init__.py": "",
        },
    )
    assert Repository(root).own_packages == {"acme_churn", "churn", "tools"}
    # Each folder of the ML system named as a root is a project of its own.
    roots = Repository(root, roots=["services/ranker"]).own_packages
    assert {"ranker"} <= roots


def test_evidently_in_its_own_repository_finds_nothing_but_in_a_user_finds_drift(
    tmp_path: Path,
) -> None:
    drift = "from evidently.presets import DataDriftPreset\n\nreport = DataDriftPreset()\n"
    probes = builtin_probes("evidently-drift")
    own = repository(
        tmp_path / "own", {"src/evidently/drift.py": drift, "src/evidently/__init__.py": ""}
    )
    user = repository(
        tmp_path / "user", {"monitoring/drift.py": drift, "monitoring/__init__.py": ""}
    )
    assert not any(scan(Repository(own), probes).values())
    assert any(scan(Repository(user), probes).values())


@pytest.mark.parametrize(
    ("name", "runtime"),
    [
        ("Dockerfile", True),
        ("serving/Dockerfile", True),
        ("agent.Dockerfile", True),
        ("build/Dockerfile", True),
        ("docker/Dockerfile.service", True),
        (".devcontainer/Dockerfile", False),
        ("tools/dev.Dockerfile", False),
        ("docker/Dockerfile.service.dev", False),
        ("hack/kserve_migration/Dockerfile", False),
        ("tools/tf2openapi/Dockerfile", False),
        ("ci/Dockerfile", False),
        ("Dockerfile.test", False),
    ],
)
def test_a_development_image_is_not_the_systems_environment(name: str, runtime: bool) -> None:
    assert runtime_image(name) is runtime


def test_the_oldest_versions_a_library_supports_are_a_side_file() -> None:
    assert not runtime_requirements("requirements.min.txt")
    assert not runtime_requirements("requirements/minimum.txt")
    assert runtime_requirements("requirements.txt")
    assert runtime_requirements("requirements/admin.txt")  # a word that holds "min" is kept


def test_a_kubernetes_container_says_which_image_it_runs() -> None:
    job = {
        "kind": "Job",
        "spec": {"template": {"spec": {"containers": [{"name": "load", "image": "vegeta:1"}]}}},
    }
    assert "Job container load image vegeta:1" in texts(kubernetes_statements([(job, lambda _: 3)]))


ANSWERED_NONE = "mlready: 1\nbank: probed@1\nanswers:\n  delivery.ci: none\n"


def test_an_answer_at_the_lowest_grade_is_never_evidenced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The workflow runs tests: that supports "automated", and is no evidence of "none".
    root = repository(
        tmp_path,
        {"bank.yaml": BANK, "mlready.yaml": ANSWERED_NONE, ".github/workflows/ci.yml": WORKFLOW},
    )
    monkeypatch.chdir(root)
    code, out, err = run("check", "--bank", "bank.yaml", "-f", "json", "--allow-incomplete")
    assert "Traceback" not in err
    item = json.loads(out)["evidence"]["delivery.ci"]
    assert item["state"] == "claimed"
    assert item["findings"] == [] and item.get("partly", []) == []
    assert code != ExitCode.INVALID


SUBMITTED = """\
name: workloads
on: [pull_request]
jobs:
  workloads:
    runs-on: ubuntu-22.04
    steps:
      - uses: actions/checkout@v4
      - run: pip install anyscale
      - name: Workloads
        run: |
          anyscale jobs submit deploy/jobs/workloads.yaml --wait
"""


@pytest.mark.parametrize(
    ("workflow", "contradicted"),
    [(SUBMITTED, False), (SUBMITTED.replace("anyscale jobs submit", "python"), True)],
)
def test_tests_run_by_a_job_submitted_elsewhere_are_no_proven_absence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workflow: str, contradicted: bool
) -> None:
    answers = (
        "mlready: 1\nbank: default@2\nanswers:\n  profile.model_source: trained\n"
        "  framework.model_tests: automated\n"
    )
    root = repository(
        tmp_path,
        {
            "mlready.yaml": answers,
            ".github/workflows/workloads.yaml": workflow,
            "tests/test_train.py": "def test_train():\n    pass\n",
        },
    )
    monkeypatch.chdir(root)
    code, out, err = run("scan", "mlready.yaml", "-f", "json")
    assert code in (ExitCode.OK, ExitCode.GATE_FAILED), err
    state = json.loads(out)["evidence"]["framework.model_tests"]["state"]
    assert (state == "contradicted") is contradicted


@pytest.mark.parametrize(
    ("files", "contradicted"),
    [
        # Vegeta's benchmarks under test/: a load test all the same.
        (
            {"test/benchmark/vegeta_cfg.yaml": "kind: ConfigMap\ndata:\n  cfg: vegeta attack\n"},
            False,
        ),
        ({"test/test_api.py": "def test_predict():\n    pass\n"}, True),
    ],
)
def test_load_tests_under_test_folders_are_no_absence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str], contradicted: bool
) -> None:
    answers = (
        "mlready: 1\nbank: default@2\nanswers:\n  profile.model_source: trained\n"
        "  profile.prediction_mode: realtime\n  profile.runs_on: service\n"
        "  serving.load_test: partial\n"
    )
    root = repository(tmp_path, {"mlready.yaml": answers, **files})
    monkeypatch.chdir(root)
    code, out, err = run("scan", "mlready.yaml", "-f", "json")
    assert code in (ExitCode.OK, ExitCode.GATE_FAILED), err
    state = json.loads(out)["evidence"]["serving.load_test"]["state"]
    assert (state == "contradicted") is contradicted


def test_a_probe_shows_the_files_its_first_globs_name_first(tmp_path: Path) -> None:
    test = "def test_it():\n    pass\n"
    names = ["tests/test_api.py", "tests/test_data.py", "tests/test_model.py", "tests/a_test.py"]
    root = repository(tmp_path, dict.fromkeys(names, test))
    probes = [item for item in builtin_probes("tests-exist") if item[0] == "framework.model_tests"]
    found = scan(Repository(root), probes)[("framework.model_tests", "tests-exist")]
    # Tests named for the model first, then the rest in the order of the probe's globs.
    assert [item.path for item in found] == [
        "tests/test_model.py",
        "tests/test_api.py",
        "tests/test_data.py",
        "tests/a_test.py",
    ]


def test_a_call_shows_where_its_first_argument_comes_from() -> None:
    text = (
        "import torch\nimport transformers\n\n"
        "torch.manual_seed(cfg.seed)\ntorch.manual_seed(42)\n"
        "transformers.set_seed(request.seed)\ntorch.manual_seed(seeds[0])\n"
    )
    assert texts(python_statements("train.py", text))[2:] == [
        "call torch.manual_seed(cfg.seed)",
        "call torch.manual_seed()",
        "call transformers.set_seed(request.seed)",
        "call torch.manual_seed()",
    ]


def test_langsmith_tracing_alone_is_no_evaluation_but_feedback_is(tmp_path: Path) -> None:
    traced = (
        "import pytest\nfrom langsmith import testing as t\n\n\n@pytest.mark.langsmith\n"
        "def test_wiring():\n    t.log_inputs({'check': 'x'})\n    t.log_outputs({'found': 1})\n"
    )
    scored = traced + "    t.log_feedback(key='correct', score=1.0)\n"
    probes = builtin_probes("llm-eval-library")
    only_traced = repository(tmp_path / "traced", {"tests/evals/test_wiring.py": traced})
    with_feedback = repository(tmp_path / "scored", {"tests/evals/test_answers.py": scored})
    assert not any(scan(Repository(only_traced), probes).values())
    found = [f for findings in scan(Repository(with_feedback), probes).values() for f in findings]
    assert [finding.line for finding in found] == [9]
