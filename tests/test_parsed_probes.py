"""Probes that parse what they read: the near misses that a line pattern took for evidence,
each in a real git repository, and the parsers and path kinds they rest on."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from mlready.core.errors import ExitCode
from mlready.core.model import Probe
from mlready.core.path_kinds import counts_for, is_review_file, path_kinds
from mlready.core.statements import (
    ci_statements,
    dockerfile_statements,
    python_statements,
    requirements_statements,
    runtime_requirements,
)
from mlready.core.vocabulary import PathKind
from mlready.io.bank_file import builtin_bank_path, load_bank
from mlready.io.scan import Repository, scan
from mlready.render.signatures import REPORT_MARKER, written_by_mlready
from tests.helpers.commands import run
from tests.helpers.git_repositories import repository


@cache
def probes(probe_id: str) -> tuple[tuple[str, Probe], ...]:
    bank = load_bank(builtin_bank_path())
    return tuple(
        (question.id, probe)
        for question in bank.questions.values()
        for probe in question.evidence
        if probe.id == probe_id
    )


def found(root: Path, probe_id: str) -> set[str]:
    """The paths the built-in probes of this id find in `root`, any check."""
    results = scan(Repository(root, own_output=written_by_mlready), probes(probe_id))
    return {finding.path for hits in results.values() for finding in hits}


NEAR_MISSES = [
    # A Student's t-test module is not a test of the code.
    ("tests-exist", {"src/stats/t_test.py": "def t_test(a, b):\n    return 0.0\n"}),
    # A workflow step named "Upload test results" runs no load test.
    (
        "load-test",
        {
            ".github/workflows/ci.yml": "jobs:\n  test:\n    steps:\n"
            "      - name: Upload test results\n        uses: actions/upload-artifact@v4\n"
        },
    ),
    # A comment names the model registry; nothing registers a model.
    ("mlflow-register", {"train.py": "# model_registry: mlflow\nregister_model = None\n"}),
    # A serving framework's own method of the same name.
    (
        "mlflow-register",
        {"server.py": "class Server:\n    def add(self, m):\n        self.register_model(m)\n"},
    ),
    # A string or a docstring that names the function.
    (
        "mlflow-signature",
        {"docs.py": '"""Call mlflow.models.infer_signature(X)."""\nDOC = "ModelSignature("\n'},
    ),
    # One pin in a lint requirements file is not a pinned environment.
    (
        "requirements-pinned",
        {"requirements.txt": "numpy>=1.26\n", "requirements-lint.txt": "ruff==0.4.4\n"},
    ),
    # Pinned development tools are not a pinned runtime.
    (
        "requirements-pinned",
        {
            "pyproject.toml": '[project]\nname = "churn"\ndependencies = ["numpy>=1.26"]\n'
            '[project.optional-dependencies]\nlint = ["ruff==0.4.4"]\n'
        },
    ),
    # Another project's chart, vendored as a dependency of this one.
    (
        "kubernetes-health-probe",
        {
            "deploy/charts/api/charts/redis/templates/redis.yaml": "kind: StatefulSet\n"
            "spec:\n  template:\n    spec:\n      containers:\n        - name: redis\n"
            "          livenessProbe: {tcpSocket: {port: 6379}}\n"
        },
    ),
    # A custom resource definition's printer column names a probe; no container has one.
    (
        "kubernetes-health-probe",
        {
            "crd.yaml": "kind: CustomResourceDefinition\nspec:\n  versions:\n"
            "    - additionalPrinterColumns:\n        - {name: readinessProbe, type: string}\n"
            "      schema:\n        containers:\n          - readinessProbe: {}\n"
        },
    ),
    # `${{ }}` in a workflow is no prompt.
    (
        "prompt-in-code",
        {".github/workflows/ci.yml": "jobs:\n  a:\n    steps:\n      - run: echo ${{ x.sha }}\n"},
    ),
    # The CI's job names and path filters mention tests; no step runs them.
    (
        "ci-runs-tests",
        {
            ".github/workflows/ci.yml": "name: pytest\non:\n  push:\n    paths: ['tests/**']\n"
            "jobs:\n  pytest:\n    steps:\n      # - run: pytest\n      - run: ruff check .\n"
        },
    ),
    # Docs and examples show what a library can do, not what this system does.
    ("pandera", {"docs/guide.py": "import pandera\n", "examples/a.py": "import pandera as pa\n"}),
]


@pytest.mark.parametrize(("probe_id", "files"), NEAR_MISSES)
def test_a_near_miss_is_not_evidence(tmp_path: Path, probe_id: str, files: dict[str, str]) -> None:
    assert found(repository(tmp_path, files), probe_id) == set()


def test_answers_files_and_banks_are_never_evidence_wherever_they_lie(tmp_path: Path) -> None:
    bank_text = builtin_bank_path().read_text(encoding="utf-8")
    root = repository(
        tmp_path,
        {
            # Another review's answers, in a monorepo.
            "models/b/mlready.yaml": "mlready: 1\nbank: default@2\nanswers:\n"
            "  serving.load_test: yes\n  training.registry: model_registry\n",
            # The bank itself, and one of mlready's reports.
            "tools/checks.yaml": bank_text,
            "reports/review.md": f"{REPORT_MARKER}\n\nload test: passed\n",
            # What is the system's own is found.
            "ops/load.yaml": "# the nightly load test\nrun: locust -f locustfile.py\n",
        },
    )
    assert found(root, "load-test") == {"ops/load.yaml"}
    assert found(root, "model-registry") == set()


FOUND = [
    ("ci-runs-tests", ".gitlab-ci.yml", "unit:\n  script:\n    - make setup\n    - pytest -q\n"),
    (
        "ci-runs-tests",
        ".github/workflows/ci.yml",
        "jobs:\n  test:\n    steps:\n      - run: |\n          pip install .\n          pytest\n",
    ),
    ("mlflow-register", "p.py", "import mlflow as m\n\nm.register_model('runs:/1/model', 'x')\n"),
    (
        "mlflow-register",
        "t.py",
        "import mlflow\n\nmlflow.sklearn.log_model(m, 'model', registered_model_name='churn')\n",
    ),
    ("requirements-pinned", "requirements.txt", "numpy==1.26.4\npandas==2.2.2  # data\n"),
    ("tests-exist", "src/model_test.py", "def test_fit():\n    pass\n"),
    (
        "requirements-pinned",
        "pyproject.toml",
        '[project]\nname = "churn"\ndependencies = ["numpy==1.26.4"]\n'
        '[project.optional-dependencies]\ndev = ["ruff>=0.4"]\n',
    ),
]


@pytest.mark.parametrize(("probe_id", "name", "text"), FOUND)
def test_the_parsed_probe_finds_the_real_thing(
    tmp_path: Path, probe_id: str, name: str, text: str
) -> None:
    assert found(repository(tmp_path, {name: text}), probe_id) == {name}


def test_a_github_run_block_is_cited_at_its_own_line(tmp_path: Path) -> None:
    text = "jobs:\n  test:\n    steps:\n      - run: |\n          pip install .\n          pytest\n"
    root = repository(tmp_path, {".github/workflows/ci.yml": text})
    results = scan(Repository(root), probes("ci-runs-tests"))
    hits = {(hit.line, hit.text) for found_hits in results.values() for hit in found_hits}
    assert hits == {(6, "pytest")}


def test_python_statements_resolve_imports_and_never_read_strings_or_comments() -> None:
    text = (
        '"""mlflow.register_model in a docstring."""\n'
        "from mlflow.models import ModelSignature as Sig\n"
        "import fastapi\n"
        "app = fastapi.FastAPI()\n"
        "# mlflow.log_param(x)\n"
        "@app.get('/health')\n"
        "def health(): ...\n"
        "s = Sig(inputs=x)\n"
        "self_register = object().register_model\n"
    )
    texts = [statement.text for statement in python_statements("a.py", text)]
    assert texts == [
        "import mlflow.models.ModelSignature",
        "import fastapi",
        "call fastapi.FastAPI()",
        "call fastapi.FastAPI().get('/health')",
        "call mlflow.models.ModelSignature(inputs=)",
    ]
    assert python_statements("a.py", "def broken(:\n") == []
    notebook = '{"cells": [{"cell_type": "code", "source": ["%pip x\\n", "import whylogs"]}]}'
    assert [item.text for item in python_statements("n.ipynb", notebook)] == ["import whylogs"]


def test_ci_statements_are_commands_by_job_never_names_or_conditions() -> None:
    lines = ["jobs:", "  lint:", "    name: pytest", "    if: contains(x, 'pytest')"]
    documents = [({"jobs": {"lint": {"name": "pytest", "if": "pytest", "steps": []}}}, None)]
    assert ci_statements(".github/workflows/a.yml", documents, lines) == []  # type: ignore[arg-type]
    gitlab = [({"unit": {"script": ["pytest"]}, "docs": {"script": "mkdocs build"}}, lambda _: 2)]
    statements = ci_statements(".gitlab-ci.yml", gitlab, ["unit:", "  script: [pytest]"])
    assert [(item.text, item.part) for item in statements] == [
        ("run: pytest", "unit"),
        ("run: mkdocs build", "docs"),
    ]


def test_dockerfile_and_requirements_statements() -> None:
    text = "# HEALTHCHECK CMD x\nFROM python:3.12 \\\n  AS base\nhealthcheck --interval=5s CMD c\n"
    assert [(s.line, s.text) for s in dockerfile_statements("Dockerfile", text)] == [
        (2, "FROM python:3.12 AS base"),
        (4, "HEALTHCHECK --interval=5s CMD c"),
    ]
    assert not runtime_requirements("requirements/lint.txt")
    assert not runtime_requirements("requirements-dev.txt")
    assert runtime_requirements("requirements/prod.txt")
    assert runtime_requirements("serving/requirements.txt")
    assert requirements_statements("requirements.txt", "a==1\nb>=2\n")[0].text == "a==1"
    pinned = requirements_statements("requirements.txt", "-r base.txt\na==1\n")
    assert pinned[0].text == "all pinned"


@pytest.mark.parametrize(
    ("path", "kinds"),
    [
        ("src/churn/train.py", set()),
        ("src/stats/t_test.py", set()),
        ("tests/test_train.py", {PathKind.TESTS}),
        ("pkg/train_test.py", {PathKind.TESTS}),
        ("docs/tutorial/train.py", {PathKind.DOCS, PathKind.EXAMPLES}),
        ("third_party/lib/x.py", {PathKind.VENDORED}),
        ("proto/model_pb2.py", {PathKind.GENERATED}),
        ("tests/fixtures/repo/dvc.yaml", {PathKind.TESTS, PathKind.FIXTURES}),
        ("deploy/charts/api/charts/redis/values.yaml", {PathKind.VENDORED}),
        ("deploy/charts/api/values.yaml", set()),
    ],
)
def test_path_kinds(path: str, kinds: set[PathKind]) -> None:
    assert path_kinds(path) == kinds


def test_which_paths_count_for_a_probe() -> None:
    assert counts_for("src/a.py", (), None)
    assert not counts_for("docs/a.md", (), None)
    assert counts_for("docs/MODEL_CARD.md", (PathKind.DOCS,), None)
    assert counts_for("tests/test_a.py", (), PathKind.TESTS)
    assert not counts_for("src/t_test.py", (), PathKind.TESTS)
    assert not counts_for("tests/fixtures/test_a.py", (), PathKind.TESTS)


@pytest.mark.parametrize(
    ("keys", "ours"),
    [
        (["mlready", "bank", "project", "answers"], True),
        (["bank", "version", "areas"], True),
        (["bank", "version", "extends", "override"], True),
        (["language", "bank", "levels", "areas", "probes"], True),
        (["name", "on", "jobs"], False),
        (["answers", "questions"], False),
    ],
)
def test_review_files_are_known_by_their_top_level_keys(keys: list[str], ours: bool) -> None:
    assert is_review_file(keys) is ours


MONOREPO = {
    "models/a/mlready.yaml": "mlready: 1\nbank: default@2\nanswers:\n"
    "  profile.model_source: trained\n  framework.model_tests: automated\n",
    "models/a/tests/test_features.py": "def test_scaling():\n    pass\n",
    "models/b/mlready.yaml": "mlready: 1\nbank: default@2\nanswers:\n"
    "  profile.model_source: trained\n",
    "models/b/tests/test_data.py": "def test_load():\n    pass\n",
    "models/b/train.py": "import mlflow\n\nmlflow.autolog()\n",
}


def scanned_paths(document: dict[str, Any]) -> set[str]:
    return {
        finding["path"]
        for item in document["evidence"].values()
        for finding in item.get("findings", [])
    }


def test_root_limits_the_scan_to_the_folder_of_the_ml_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = repository(tmp_path, MONOREPO)
    monkeypatch.chdir(root)
    code, out, err = run("scan", "models/a/mlready.yaml", "-f", "json", "--root", "models/a")
    assert code == ExitCode.OK, err
    paths = scanned_paths(json.loads(out))
    assert paths and all(path.startswith("models/a/") for path in paths)
    code, out, err = run("scan", "models/a/mlready.yaml", "-f", "json")
    assert code == ExitCode.OK, err
    assert any(path.startswith("models/b/") for path in scanned_paths(json.loads(out)))
    code, _, err = run("scan", "models/a/mlready.yaml", "--root", str(tmp_path.parent))
    assert code == ExitCode.INVALID and "--root" in err and "Traceback" not in err


def test_settings_name_the_roots_and_what_is_excluded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = '[scan]\nroots = ["models/a", "models/b"]\nexclude = ["models/b/tests"]\n'
    root = repository(tmp_path, {**MONOREPO, ".mlready.toml": settings})
    monkeypatch.chdir(root)
    code, out, err = run("scan", "models/a/mlready.yaml", "-f", "json")
    assert code == ExitCode.OK, err
    paths = scanned_paths(json.loads(out))
    assert "models/b/tests/test_data.py" not in paths
    assert "models/a/tests/test_features.py" in paths
    (root / ".mlready.toml").write_text('[scan]\nexclude = ["../x"]\n', encoding="utf-8")
    code, _, err = run("scan", "models/a/mlready.yaml")
    assert code == ExitCode.INVALID and "scan.exclude" in err and "Traceback" not in err
