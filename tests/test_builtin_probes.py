"""The built-in bank's probes: each finds what it looks for in a small repository made for it,
and does not find it in a near miss (a repository that looks alike and shows none of it).

Every repository is a real git repository with its files committed, as untracked files are
not evidence. The table covers every probe of the bank: a new probe without fixtures fails.
"""

from __future__ import annotations

import json
import textwrap
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import jsonschema
import pytest

from mlready.core.errors import ExitCode
from mlready.core.model import Bank, Probe
from mlready.io.bank_file import builtin_bank_path, load_bank
from mlready.io.scan import Repository, scan
from tests.helpers.commands import run
from tests.helpers.git_repositories import repository

HASH = "0" * 63 + "1"  # a sha256 in hex
WORKFLOW = """\
    name: ci
    on: [push, pull_request]
    jobs:
      test:
        runs-on: ubuntu-latest
        steps:
          - uses: actions/checkout@v4
          - run: pip install -r requirements.txt
          - run: {run}
    """
ROLLOUT = """\
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {{name: ranker}}
spec:
  strategy:
    canary:
      steps:
        - setWeight: 10
        - pause: {{duration: 10m}}
{analysis}"""
ANALYSIS_STEP = """\
        - analysis:
            templates:
              - templateName: error-rate
"""
PROMPTFOO_TESTS = """\
    prompts: [file://prompts/answer.txt]
    providers: [openai:gpt-4o-mini]
    tests:
      - vars: {question: How do I reset my password?}
        assert:
          - type: contains
            value: Settings
    """
PROMPTFOO_REDTEAM = """\
    prompts: [file://prompts/answer.txt]
    providers: [openai:gpt-4o-mini]
    redteam:
      purpose: A support assistant for a bank's customers
      plugins: [pii, prompt-extraction]
      strategies: [prompt-injection, jailbreak]
    """

# probe id -> (files it finds, files of a near miss it must not find)
FIXTURES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "ci-config": (
        {".github/workflows/ci.yml": WORKFLOW.format(run="make lint")},
        {".github/workflows/README.md": "Workflows will live here.\n"},
    ),
    "ci-runs-tests": (
        {".gitlab-ci.yml": "test:\n  image: python:3.12\n  script:\n    - pytest -q tests\n"},
        {".github/workflows/ci.yml": WORKFLOW.format(run="ruff check . && mypy")},
    ),
    "ci-job-runs-tests": (
        {".gitlab-ci.yml": "unit:\n  script:\n    - ./scripts/run_tests.sh\n"},
        # CI and tests apart: the CI only lints, the tests run nowhere.
        {
            ".github/workflows/ci.yml": WORKFLOW.format(run="ruff check . && mypy"),
            "tests/test_model.py": "def test_fit():\n    pass\n",
        },
    ),
    "prow-owners": (
        {"OWNERS": "approvers:\n  - priya\nreviewers:\n  - sam\n"},
        {"OWNERS_ALIASES": "aliases:\n  ml: [priya]\n"},
    ),
    "soda-checks": (
        {"soda/checks.yml": "checks for orders:\n  - row_count > 0\n  - missing_count(id) = 0\n"},
        {"soda/configuration.yml": "data_source warehouse:\n  type: postgres\n"},
    ),
    "dvclive-tracking": (
        {
            "train.py": "from dvclive import Live\n\n"
            "with Live() as live:\n    live.log_metric('a', 1)\n"
        },
        {"train.py": "# TODO: log with dvclive\nprint('done')\n"},
    ),
    "ci-runs-load-test": (
        {".github/workflows/load.yml": WORKFLOW.format(run="k6 run load/script.js")},
        {".github/workflows/ci.yml": WORKFLOW.format(run="pytest tests/load_test.py")},
    ),
    "ci-runs-llm-eval": (
        {".github/workflows/eval.yml": WORKFLOW.format(run="npx promptfoo@latest eval")},
        {".github/workflows/ci.yml": WORKFLOW.format(run="python -m pytest")},
    ),
    "tests-exist": (
        {"tests/test_model.py": "def test_shape():\n    assert True\n"},
        # Package markers, helpers and fixtures define no test; nor does a library's own
        # `TestFilter` model in a module named like a test.
        {
            "data/test/part-0.csv": "age,churned\n31,0\n",
            "src/contest.py": "WINNER = 1\n",
            "tests/__init__.py": "",
            "tests/helpers/__init__.py": "",
            "tests/helpers/run_if.py": "def run_if(condition):\n    return condition\n",
            "tests/conftest.py": "import pytest\n\n@pytest.fixture\ndef df():\n    return []\n",
            "src/lib/test_suites.py": "class TestFilter(BaseModel):\n"
            "    def test_matched(self, test):\n        return True\n",
        },
    ),
    "preprocessing-tests": (
        {"tests/test_features.py": "def test_scaling():\n    assert True\n"},
        # Tests of something else, and a module named for data that defines no test.
        {
            "tests/test_api.py": "def test_predict():\n    pass\n",
            "tests/test_data.py": "import pytest\n",
        },
    ),
    "prompt-tests": (
        {"tests/test_prompts.py": "def test_render():\n    assert True\n"},
        {
            "tests/test_api.py": "def test_predict():\n    pass\n",
            "tests/test_prompt_utils.py": "PROMPT = 'hello'\n",
        },
    ),
    "tests-import-model": (
        {"tests/test_model.py": "from churn.model import build\n\ndef test():\n    build()\n"},
        {
            "tests/test_io.py": "import pandas as pd\n"
            "from sklearn.model_selection import train_test_split\n"
        },
    ),
    "dependencies-locked": (
        {"uv.lock": 'version = 1\n\n[[package]]\nname = "pandas"\nversion = "2.2.2"\n'},
        {"requirements.txt": "pandas>=2.0\nscikit-learn~=1.4\n"},
    ),
    "lock-file": (
        {"poetry.lock": '[[package]]\nname = "numpy"\nversion = "1.26.4"\n'},
        {"pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\nnumpy = "^1.26"\n'},
    ),
    "requirements-hashes": (
        {"requirements.txt": f"numpy==1.26.4 \\\n    --hash=sha256:{HASH}\n"},
        {"requirements.txt": "numpy==1.26.4\n"},
    ),
    "requirements-pinned": (
        {"requirements/prod.txt": "numpy==1.26.4\nscikit-learn[alldeps]==1.5.0\n"},
        # Loose bounds, and the oldest versions a library supports, installed by one CI job.
        {"requirements.txt": "numpy>=1.26\n", "requirements.min.txt": "numpy==1.26.4\n"},
    ),
    "dockerfile": (
        {"Dockerfile": "FROM python:3.12-slim\nCOPY . /app\n"},
        # Compose, and images for development and tooling: not what the system runs.
        {
            "docker-compose.yml": "services:\n  api:\n    image: python:3.12-slim\n",
            ".devcontainer/Dockerfile": "FROM python:3.12\n",
            "tools/dev.Dockerfile": "FROM python:3.12\n",
            "docker/Dockerfile.service.dev": "FROM python:3.12\n",
            "hack/migration/Dockerfile": "FROM golang:1.22\n",
        },
    ),
    "docker-base-digest": (
        {"serving/Dockerfile": f"FROM python:3.12-slim@sha256:{HASH}\n"},
        {"serving/Dockerfile": "FROM python:3.12-slim\n"},
    ),
    "dependency-update-bot": (
        {".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: pip\n"},
        {".github/workflows/dependabot-automerge.yml": "on: pull_request\n"},
    ),
    "codeowners": (
        {".github/CODEOWNERS": "* @acme/ml-platform\n/models/ @priya\n"},
        {".github/CODEOWNERS": "# * @acme/ml-platform\n"},
    ),
    "dvc-config": (
        {
            ".dvc/config": "[core]\n    remote = storage\n"
            "['remote \"storage\"']\n    url = s3://acme-ml/dvc\n"
        },
        {".dvc/config": "[core]\n    autostage = true\n"},
    ),
    "dvc-tracked-data": (
        {
            "data/raw.csv.dvc": f"outs:\n- md5: {HASH[:32]}\n  size: 14445097\n"
            "  hash: md5\n  path: raw.csv\n"
        },
        {".dvcignore": "data/*.tmp\n"},
    ),
    "dvc-lock": (
        {
            "dvc.lock": f"schema: '2.0'\nstages:\n  train:\n    cmd: python train.py\n"
            f"    deps:\n    - path: data/train.csv\n      md5: {HASH[:32]}\n"
        },
        {"dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n"},
    ),
    "dvc-stages": (
        {"dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    deps: [train.py]\n"},
        {"dvc.yaml": "metrics:\n  - dvclive/metrics.json\nplots:\n  - dvclive/plots\n"},
    ),
    "mlflow-tracking": (
        {"train.py": "import mlflow\n\nwith mlflow.start_run():\n    mlflow.log_params(p)\n"},
        {"train.py": "import mlflow\n\nprint(mlflow.__version__)\n"},
    ),
    "wandb-tracking": (
        {"train.py": 'import wandb\n\nrun = wandb.init(project="churn")\n'},
        {"train.py": 'import os\n\nos.environ["WANDB_MODE"] = "disabled"\n'},
    ),
    "mlflow-signature": (
        {
            "train.py": "from mlflow.models import infer_signature\n\n"
            "signature = infer_signature(X, model.predict(X))\n"
        },
        {"train.py": '# TODO: infer_signature(X)\nDOC = "ModelSignature(inputs)"\n'},
    ),
    "mlflow-register": (
        {"promote.py": 'import mlflow\n\nmlflow.register_model(f"runs:/{r}/model", "churn")\n'},
        # A serving framework's own method of the same name is not MLflow's registry.
        {"server.py": "class Server:\n    def start(self):\n        self.register_model(m)\n"},
    ),
    "mlflow-models-uri": (
        {"serve.py": 'MODEL_URI = "models:/churn@champion"\n'},
        {"serve.py": 'MODEL_URI = "runs:/0a1b2c/model"\n'},
    ),
    "model-registry": (
        {"publish.py": 'model.push_to_hub("acme/churn")\n'},
        {"train.py": 'joblib.dump(model, "model.pkl")\n'},
    ),
    "pandera": (
        {"src/schema.py": "import pandera as pa\n\nOrders = pa.DataFrameSchema({})\n"},
        {"src/schema.py": "import pandas as pd\n\nCOLUMNS = ['id', 'amount']\n"},
    ),
    "ge-checkpoint": (
        {
            "great_expectations/checkpoints/nightly.yml": "name: nightly\nconfig_version: 1.0\n"
            "class_name: Checkpoint\nvalidations:\n  - expectation_suite_name: orders\n"
        },
        {"great_expectations/checkpoints/.ge_store_backend_id": "store_backend_id = 4f1c\n"},
    ),
    "tfdv-schema": (
        {"schema/schema.pbtxt": 'feature {\n  name: "age"\n  type: INT\n}\n'},
        {"serving/models.pbtxt": 'model_config_list {\n  config {\n    name: "churn"\n  }\n}\n'},
    ),
    "data-checks": (
        {"src/request.py": "from pydantic import BaseModel\n\nclass Row(BaseModel): ...\n"},
        {"src/train.py": "import pandas as pd\n\ndf = pd.read_csv('train.csv')\n"},
    ),
    "evidently-drift": (
        {
            "monitoring/drift.py": "from evidently.metric_preset import DataDriftPreset\n"
            "report = Report(metrics=[DataDriftPreset()])\n"
        },
        {"monitoring/quality.py": "from evidently.metric_preset import DataQualityPreset\n"},
    ),
    "whylogs-profile": (
        {"monitoring/profile.py": "import whylogs as why\n\nprofile = why.log(df)\n"},
        {"requirements.txt": "whylogs==1.3.0\n", "monitoring/profile.py": "import pandas\n"},
    ),
    "nannyml-drift": (
        {"monitoring/drift.py": "import nannyml as nml\n\ncalc = nml.DataReconstruction()\n"},
        {"monitoring/drift.py": "import nannyml_cloud_sdk as sdk\n"},
    ),
    "monitoring-config": (
        {
            "monitoring/alerts.yaml": "groups:\n  - name: model\n    rules:\n"
            "      - alert: PredictionScoreShift\n        expr: avg(score) > 0.8\n"
        },
        {"src/metrics.py": 'PREDICTIONS = Counter("predictions_total", "Predictions served")\n'},
    ),
    "feast-feature-store": (
        {
            "feature_repo/feature_store.yaml": "project: churn\nregistry: data/registry.db\n"
            "provider: local\nonline_store: {type: sqlite}\n"
        },
        {"features/feature_store.yaml": "features:\n  - name: age\n"},
    ),
    "model-card-file": (
        {"docs/MODEL_CARD.md": "# Churn model\n\n## Intended use\n"},
        {"docs/model-card-template.md": "# Model name\n"},
    ),
    "readme-model-card": (
        {"README.md": "---\nlicense: apache-2.0\n---\n# Model Card for churn\n"},
        {"README.md": "# Churn\n\nWe should write a model card one day.\n"},
    ),
    "argo-rollouts-canary": (
        {"deploy/rollout.yaml": ROLLOUT.format(analysis="")},
        {
            "deploy/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n"
            "spec:\n  strategy:\n    type: RollingUpdate\n"
        },
    ),
    "argo-rollouts-analysis": (
        {"deploy/rollout.yaml": ROLLOUT.format(analysis=ANALYSIS_STEP)},
        {"deploy/rollout.yaml": ROLLOUT.format(analysis="")},
    ),
    "flagger-canary": (
        {
            "k8s/canary.yaml": "apiVersion: flagger.app/v1beta1\nkind: Canary\nspec:\n"
            "  analysis:\n    interval: 1m\n    threshold: 5\n    stepWeight: 10\n"
        },
        {
            "k8s/ranker-canary.yaml": "apiVersion: apps/v1\nkind: Deployment\n"
            "metadata: {name: ranker-canary}\n"
        },
    ),
    "kserve-canary": (
        {
            "serving/isvc.yaml": "apiVersion: serving.kserve.io/v1beta1\n"
            "kind: InferenceService\nspec:\n  predictor:\n    canaryTrafficPercent: 10\n"
        },
        {
            # A canary that sends none of the traffic is no canary.
            "serving/isvc.yaml": "apiVersion: serving.kserve.io/v1beta1\n"
            "kind: InferenceService\nspec:\n  predictor:\n    canaryTrafficPercent: 0\n"
            "    minReplicas: 1\n"
        },
    ),
    "seldon-shadow": (
        {
            "seldon/ranker.yaml": "kind: SeldonDeployment\nspec:\n  predictors:\n"
            "    - name: main\n    - name: candidate\n      shadow: true\n"
        },
        {
            "seldon/ranker.yaml": "kind: SeldonDeployment\nspec:\n  predictors:\n"
            "    - name: candidate\n      shadow: false\n"
        },
    ),
    "progressive-delivery": (
        {"deploy/endpoint.py": 'endpoint.traffic = {"blue": 90, "green": 10}\n'},
        {"deploy/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3\n"},
    ),
    "delivery-pipeline": (
        {"charts/ranker/Chart.yaml": "apiVersion: v2\nname: ranker\nversion: 0.1.0\n"},
        {"docs/deployment.md": "Copy the model to the server and restart it.\n"},
    ),
    "kubernetes-health-probe": (
        {
            "deploy/api.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n"
            "spec:\n  template:\n    spec:\n      containers:\n        - name: api\n"
            "          readinessProbe:\n            httpGet: {path: /ready, port: 8080}\n"
        },
        # A custom resource definition's printer column names a probe, but runs nothing.
        {
            "crds/probe.yaml": "apiVersion: apiextensions.k8s.io/v1\n"
            "kind: CustomResourceDefinition\nspec:\n  versions:\n    - name: v1\n"
            "      additionalPrinterColumns:\n        - name: readinessProbe\n"
            "          jsonPath: .spec.readinessProbe:\n"
        },
    ),
    "docker-healthcheck": (
        {
            "Dockerfile": "FROM python:3.12\nHEALTHCHECK --interval=30s \\\n"
            "  CMD curl -f localhost/\n"
        },
        {"Dockerfile": "FROM python:3.12-slim\n# HEALTHCHECK CMD curl -f http://localhost/\n"},
    ),
    "health-endpoint": (
        {
            "app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n\n"
            '@app.get("/healthz")\ndef health():\n    return {"ok": True}\n'
        },
        {
            "app.py": "from fastapi import FastAPI\n\napp = FastAPI()\n\n"
            '@app.post("/predict")\ndef predict(row):\n'
            '    """Unlike /health, this runs the model."""\n'
        },
    ),
    "health-check": (
        {"app.py": '@app.get("/healthz")\ndef health():\n    return {"ok": True}\n'},
        {"app.py": '@app.post("/predict")\ndef predict(row):\n    return model(row)\n'},
    ),
    "pipeline-orchestration": (
        {"dags/retrain.py": "from airflow import DAG\n"},
        {"train.py": "if __name__ == '__main__':\n    main()\n"},
    ),
    "prompt-files": (
        {"prompts/answer.txt": "Answer the customer's question from the documents below.\n"},
        {"src/answer.py": 'MESSAGE = "Answer the question."\n'},
    ),
    "prompt-in-code": (
        {"src/answer.py": 'SYSTEM_PROMPT = "You are a support assistant. Answer from the docs."\n'},
        # `${{ }}` in a workflow is no prompt.
        {".github/workflows/ci.yml": WORKFLOW.format(run="echo ${{ github.sha }}")},
    ),
    "prompts-in-repo": (
        {"prompts/answer.txt": "Answer the customer's question from the documents below.\n"},
        {"app.py": '@app.post("/predict")\ndef predict(row):\n    return model(row)\n'},
    ),
    "promptfoo-tests": (
        {"promptfooconfig.yaml": PROMPTFOO_TESTS},
        {"promptfooconfig.yaml": PROMPTFOO_REDTEAM},
    ),
    "promptfoo-redteam": (
        {"promptfooconfig.yaml": PROMPTFOO_REDTEAM},
        {"promptfooconfig.yaml": PROMPTFOO_TESTS},
    ),
    "llm-eval-library": (
        {"evals/score.py": "from ragas import evaluate\nfrom ragas.metrics import faithfulness\n"},
        {"evals/score.py": "from rouge_score import rouge_scorer\n"},
    ),
    "great-expectations-code": (
        # Data checks run from the test suite: a fixture reads the data with them.
        {"tests/data/conftest.py": "import great_expectations as ge\n\ndf = ge.dataset\n"},
        {
            "requirements.txt": "great-expectations==0.16.5\n",
            "tests/data/test_x.py": "# great_expectations later\n",
        },
    ),
    "hydra-sweeper": (
        {
            "configs/hparams_search/optuna.yaml": "hydra:\n  sweeper:\n    _target_: "
            "hydra_plugins.hydra_optuna_sweeper.optuna_sweeper.OptunaSweeper\n    n_trials: 20\n"
        },
        {"configs/train.yaml": "# sweeper: hydra_plugins.hydra_optuna_sweeper\nlr: 0.1\n"},
    ),
    "mlflow-recipe-register": (
        # A recipe's template actions (`{{INGEST_CONFIG}}`) do not keep it from being read.
        {
            "recipe.yaml": "recipe: regression/v1\nsteps:\n  ingest: {{INGEST_CONFIG}}\n"
            "  register:\n    allow_non_validated_model: false\n"
        },
        {"recipe.yaml": "recipe: regression/v1\nsteps:\n  train: {}\n# register: later\n"},
    ),
    "mlflow-recipe-tracking": (
        {"profiles/local.yaml": "experiment:\n  name: churn\n  tracking_uri: sqlite:///m.db\n"},
        {"profiles/local.yaml": "experiment:\n  name: churn\n# tracking_uri: set later\n"},
    ),
    "ci-deploy": (
        {".github/workflows/deploy.yml": WORKFLOW.format(run="gcloud run deploy api --source .")},
        # A step's name is not what it runs.
        {
            ".github/workflows/ci.yml": WORKFLOW.format(run="pytest")
            + "          - name: gcloud run deploy\n            run: make build\n"
        },
    ),
    "lm-eval-task": (
        {
            "tasks/support_qa.yaml": "task: support_qa\ndataset_path: json\n"
            "output_type: generate_until\ndoc_to_text: '{{question}}'\n"
        },
        {"configs/train.yaml": "task: classification\nepochs: 3\n"},
    ),
    "openai-evals": (
        {
            "evals/registry/evals/support-qa.yaml": "support-qa:\n  id: support-qa.dev.v0\n"
            "support-qa.dev.v0:\n  class: evals.elsuite.basic.match:Match\n"
        },
        {"evals/registry/eval_sets/support.yaml": "support:\n  evals:\n    - support-qa\n"},
    ),
    "llm-red-team-tool": (
        {"scripts/attack.sh": "python -m garak --model_type openai --probes promptinject\n"},
        {"pyproject.toml": '[project.optional-dependencies]\ndev = ["pyright"]\n'},
    ),
    "hyperparameter-search": (
        {"tune.py": "import optuna\n\nstudy = optuna.create_study()\n"},
        {"train.py": "model = GradientBoostingClassifier(max_depth=3)\n"},
    ),
    "hyperparameter-search-code": (
        {"tune.py": "from ray import tune\n\ntuner = tune.Tuner(train)\n"},
        # A dependency named in a requirements file, and a word in a comment, run no search.
        # AutoGluon predictors loaded to serve them search nothing.
        {
            "requirements.txt": "optuna==3.6.1\n",
            "train.py": "# tune the optuna study later\n",
            "serve/model.py": "from autogluon.tabular import TabularPredictor\n\n"
            "predictor = TabularPredictor.load(path)\n",
        },
    ),
    "sweep-config": (
        {
            "sweep.yaml": "method: bayes\nmetric: {name: val_loss, goal: minimize}\n"
            "parameters:\n  lr: {min: 0.0001, max: 0.1}\n"
        },
        {"config.yaml": "method: random\nseed: 7\n"},
    ),
    "katib-experiment": (
        {
            "katib/experiment.yaml": "apiVersion: kubeflow.org/v1beta1\nkind: Experiment\n"
            "spec:\n  algorithm:\n    algorithmName: bayesianoptimization\n"
        },
        {
            "katib/experiment.yaml": "apiVersion: kubeflow.org/v1beta1\nkind: Experiment\n"
            "spec:\n  maxTrialCount: 3\n"
        },
    ),
    "training-checkpoints": (
        {"train.py": 'trainer = Trainer(callbacks=[ModelCheckpoint(dirpath="ckpt/")])\n'},
        {"train.py": 'torch.save(model.state_dict(), "final.pt")\n'},
    ),
    "locust-load-test": (
        {"loadtest/locustfile.py": "from locust import HttpUser, task\n"},
        # A workflow step named "Upload test results" is no load test.
        {
            ".github/workflows/ci.yml": WORKFLOW.format(run="pytest --junitxml=out.xml")
            + "          - name: Upload test results\n"
            + "            uses: actions/upload-artifact@v4\n"
        },
    ),
    "k6-load-test": (
        {"load/script.js": "import http from 'k6/http';\n\nexport default function () {}\n"},
        {"web/app.js": "import http from 'node:http';\n"},
    ),
    "model-registry-call": (
        {
            "publish.py": "from transformers import AutoModel\n\n"
            'model = AutoModel.from_pretrained("x")\nmodel.push_to_hub("acme/churn")\n'
        },
        # A comment names the registry; the code does not use it.
        {"train.py": '# model_registry: mlflow\njoblib.dump(model, "model.pkl")\n'},
    ),
    "load-test-job": (
        # Benchmarks under test/ count: a Job that runs Vegeta's image.
        {
            "test/benchmark/load.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata: {name: load}\n"
            "spec:\n  template:\n    spec:\n      containers:\n        - name: vegeta\n"
            "          image: peterevans/vegeta:latest\n"
        },
        {
            "test/benchmark/cfg.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\n"
            "data:\n  note: 'image: vegeta'\n"
        },
    ),
    "load-test": (
        {"loadtest/locustfile.py": "from locust import HttpUser, task\n"},
        {"tests/test_api.py": 'def test_predict(client):\n    client.post("/predict")\n'},
    ),
    "training-seed": (
        {"train.py": "import numpy as np\n\nnp.random.seed(42)\n"},
        # A seed taken from each request seeds a generation, not a training run.
        {
            "train.py": "import numpy as np\n\nnoise = np.random.rand(3)\n",
            "serve/generate.py": "from transformers import set_seed\n\n"
            "def generate(request):\n    set_seed(request.seed)\n",
        },
    ),
    "config-seed": (
        {"configs/train.yaml": "epochs: 3\nseed: 42\n"},
        # A commented seed, an Optuna sampler's seed and an API example's are no run's seed.
        {
            "configs/train.yaml": "epochs: 3\n# seed: 42\n",
            "configs/hparams_search/optuna.yaml": "hydra:\n  sweeper:\n    sampler:\n"
            "      seed: 1234\n",
            "api/openapi.yaml": "components:\n  examples:\n    run:\n      seed: 0\n",
        },
    ),
    "checkpoint-code": (
        {
            "train.py": "from lightning.pytorch.callbacks import ModelCheckpoint\n\n"
            'callback = ModelCheckpoint(dirpath="ckpt/")\n'
        },
        {"train.py": '"""Checkpoints: see ModelCheckpoint(...) in the docs."""\n'},
    ),
}


# probe id -> a repository that IS the library whose use the probe looks for: the library's
# own code shows nothing of using it, and the probe finds nothing there.
OWN_LIBRARY: dict[str, dict[str, str]] = {
    "evidently-drift": {
        "pyproject.toml": '[project]\nname = "evidently"\n',
        "src/evidently/presets/drift.py": "from evidently.metric_preset import DataDriftPreset\n"
        "preset = DataDriftPreset()\n",
    },
    "lm-eval-task": {
        "setup.cfg": "[metadata]\nname = lm-eval\n",
        "lm_eval/tasks/support_qa.yaml": "task: support_qa\ndataset_path: json\n"
        "output_type: generate_until\ndoc_to_text: '{{question}}'\n",
    },
    "model-registry-call": {
        "setup.py": 'from setuptools import setup\n\nsetup(name="bentoml")\n',
        "src/_bentoml_impl/frameworks/catboost.py": "import bentoml\n\n"
        "model = bentoml.models.get('x')\n",
    },
}


@cache
def builtin_probes() -> tuple[tuple[str, Probe], ...]:
    """Every probe of the built-in bank, with the id of its check."""
    bank: Bank = load_bank(builtin_bank_path())
    return tuple(
        (question.id, probe) for question in bank.questions.values() for probe in question.evidence
    )


def files_of(texts: dict[str, str]) -> dict[str, str]:
    return {name: textwrap.dedent(text) for name, text in texts.items()}  # a no-op on flush text


def findings(root: Path, probe_id: str) -> dict[str, list[str]]:
    """What the probes of this id find in `root`, by check: the paths found (none where the
    scan did not look: a library's probe in the library's own repository)."""
    probes = [(check, probe) for check, probe in builtin_probes() if probe.id == probe_id]
    found = scan(Repository(root), probes)
    return {check: [item.path for item in found.get((check, probe_id), [])] for check, _ in probes}


def test_the_table_covers_every_probe_of_the_bank() -> None:
    # Probes of recorded results read `--results DIR`, not the repository: see test_results.py.
    ids = {probe.id for _, probe in builtin_probes() if probe.results is None}
    assert len(ids) >= 30
    assert sorted(ids - FIXTURES.keys()) == []  # a probe without fixtures
    assert sorted(FIXTURES.keys() - ids) == []  # fixtures of a probe the bank no longer has


def test_a_probe_id_names_one_thing_looked_for() -> None:
    # Probes that share an id across checks look for the same thing, so that one pair of
    # fixtures (and one row of the README) stands for all of them.
    looks: dict[str, set[tuple[object, ...]]] = {}
    for _, probe in builtin_probes():
        looks.setdefault(probe.id, set()).add(
            (probe.files, probe.contains, probe.key, probe.equals, probe.says)
        )
    assert {name: len(found) for name, found in looks.items() if len(found) > 1} == {}


@pytest.mark.parametrize("probe_id", sorted(FIXTURES))
def test_the_probe_finds_its_fixture(tmp_path: Path, probe_id: str) -> None:
    found, _ = FIXTURES[probe_id]
    root = repository(tmp_path / "found", files_of(found))
    results = findings(root, probe_id)
    assert results  # the probe is in the bank
    for check, paths in results.items():
        assert paths, f"{probe_id} on {check} found nothing in {sorted(found)}"
        assert set(paths) <= set(found)


@pytest.mark.parametrize("probe_id", sorted(OWN_LIBRARY))
def test_a_library_own_code_is_no_evidence_of_using_it(tmp_path: Path, probe_id: str) -> None:
    files = OWN_LIBRARY[probe_id]
    own = findings(repository(tmp_path / "own", files), probe_id)
    assert {check: paths for check, paths in own.items() if paths} == {}
    # The same code in a repository that is not the library is found.
    package = next(name for name in files if name.endswith((".toml", ".cfg", "setup.py")))
    user = {name.replace("src/", "app/"): text for name, text in files.items() if name != package}
    assert any(findings(repository(tmp_path / "user", user), probe_id).values())


@pytest.mark.parametrize("probe_id", sorted(FIXTURES))
def test_the_probe_misses_the_near_miss(tmp_path: Path, probe_id: str) -> None:
    _, near = FIXTURES[probe_id]
    # The files it looks for are there too, but not committed: untracked files are no evidence.
    found, _ = FIXTURES[probe_id]
    untracked = {name: text for name, text in files_of(found).items() if name not in near}
    root = repository(tmp_path / "near", files_of(near), untracked=untracked)
    assert {check: paths for check, paths in findings(root, probe_id).items() if paths} == {}


# --- Three realistic repositories, each with an answers file --------------------------------

REPOS = Path(__file__).parent / "data" / "repos"


def fixture_repository(name: str, folder: Path) -> Path:
    """A copy of tests/data/repos/NAME, committed to a git repository of its own."""
    files = {
        path.relative_to(REPOS / name).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted((REPOS / name).rglob("*"))
        if path.is_file()
    }
    return repository(folder / name, files)


class Expected(NamedTuple):
    """What the scan of a fixture repository says: the state of each answered check that
    a probe concerns (every other answered check is claimed), the probes that evidence each
    evidenced one, the answers suggested for unanswered checks, and the gates' reasons."""

    states: dict[str, tuple[str, set[str]]]  # check -> (state, probes shown or missing)
    suggested: dict[str, str]
    contradicted_reason: str | None
    blockers_claimed: list[str]  # blockers at full marks with no evidence


# Blockers no probe concerns: answered at full marks, they are only claimed.
# data.representative is a blocker only for decisions about people and safety functions,
# which none of the fixtures makes.
CLAIMED = ["data.usage_rights", "data.lawful_basis", "data.access_control"]
# "No regime applies" rests on the screening: a blocker then.
SCREENED = "framework.risk_classification"

EXPECTED = {
    "batch-tabular": Expected(
        states={
            "data.lineage": ("evidenced", {"dvc-tracked-data", "dvc-lock"}),
            "data.schema": ("evidenced", {"pandera"}),
            "preprocessing.unit_tests": ("evidenced", {"preprocessing-tests"}),
            # Requirements pinned support "partial"; the answer says every dependency is locked.
            "framework.environment": ("partly_evidenced", {"requirements-pinned"}),
            # One finding per file: the test that imports the model is the file tests-exist found.
            "framework.model_tests": ("evidenced", {"tests-exist", "ci-runs-tests"}),
            "training.reproducible": ("evidenced", {"dvc-lock", "dvc-config", "mlflow-tracking"}),
            # DVC stages, but no schedule: only partly what "automated" says.
            "training.retraining_automated": ("partly_evidenced", {"dvc-stages"}),
            "training.registry": ("contradicted", {"model-registry"}),
            "monitoring.input_drift": ("contradicted", {"monitoring-config"}),
        },
        # dvc.lock ties the model to the hashes of the data it was trained on.
        suggested={
            "data.validation": "automated",
            "training.job_tooling": "partial",
            "training.data_versions": "yes",
        },
        contradicted_reason="2 answers the repository does not show "
        "(training.registry, monitoring.input_drift)",
        # Rollback and alerting are majors on a batch job: a batch output can be held back;
        # so is a record of outputs where they decide nothing, move no money and protect none.
        blockers_claimed=[*CLAIMED, SCREENED, "training.split"],
    ),
    "realtime-service": Expected(
        states={
            "framework.spec_reviewed": ("evidenced", {"codeowners"}),
            "framework.environment": (
                "evidenced",
                {"lock-file", "docker-base-digest", "dockerfile"},
            ),
            "framework.model_tests": ("evidenced", {"tests-exist", "ci-runs-tests"}),
            "training.registry": ("evidenced", {"mlflow-models-uri"}),
            "serving.rollback": ("evidenced", set()),  # its own evidence: docs/rollback.md
            "serving.canary": ("evidenced", {"argo-rollouts-analysis", "argo-rollouts-canary"}),
            # Health checks found, but none shown to run a prediction: partly.
            "serving.health_check": (
                "partly_evidenced",
                {"docker-healthcheck", "health-endpoint", "kubernetes-health-probe"},
            ),
            "monitoring.input_drift": ("evidenced", {"evidently-drift"}),
        },
        # Its tests are of the model, none named for preprocessing: nothing to suggest there.
        suggested={"monitoring.upstream_changes": "partial"},
        contradicted_reason=None,
        # serving.rollback is not among them: its answer names docs/rollback.md, which is there.
        # A record of outputs is a major where outputs decide nothing and move no money.
        blockers_claimed=[
            *CLAIMED,
            SCREENED,
            "training.split",
            "serving.fallback",
            "monitoring.alert_routing",
        ],
    ),
    "llm-app": Expected(
        states={
            # Tests of the prompt, and CI that runs tests: not shown to be the same tests.
            "preprocessing.prompt_assembly_tests": ("partly_evidenced", {"prompt-tests"}),
            "framework.environment": ("evidenced", {"lock-file"}),
            "framework.prompts_versioned": ("evidenced", {"prompt-files", "codeowners"}),
            "training.eval_set": ("evidenced", {"promptfoo-tests", "ci-runs-llm-eval"}),
            "training.eval_metrics": ("evidenced", {"llm-eval-library", "ci-runs-llm-eval"}),
            # A red-team configuration, run by hand: partly what "automated" says.
            "training.injection_tested": ("partly_evidenced", {"promptfoo-redteam"}),
            "training.leakage_tested": ("partly_evidenced", {"promptfoo-redteam"}),
            "monitoring.output_drift": ("contradicted", {"monitoring-config"}),
        },
        suggested={
            "framework.spec_reviewed": "reviewed",
            "framework.model_choice_evaluated": "partial",
        },
        contradicted_reason="1 answer the repository does not show (monitoring.output_drift)",
        blockers_claimed=[
            *CLAIMED,
            "preprocessing.retrieval_permissions",
            "framework.model_terms",
            SCREENED,
            "framework.prohibited_practices",  # a blocker for generated output
            "framework.encryption",
            "training.injection_tested",  # partly evidenced is not evidence of full marks
            "serving.rollback",
            "serving.ai_disclosure",
            "serving.tenant_isolation",  # a blocker where conversations hold personal data
            "serving.endpoint_auth",  # a blocker where the data identifies people
            "serving.provider_data_use",  # blockers for any personal data sent to a provider
            "serving.provider_residency",
            # a fallback is a major for an advisory assistant, and so is a record of outputs
            "monitoring.alert_routing",
        ],
    ),
}


@pytest.fixture(params=sorted(EXPECTED))
def fixture_repo(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, Path]:
    name: str = request.param
    root = fixture_repository(name, tmp_path)
    monkeypatch.chdir(root)
    return name, root


def scan_json() -> dict[str, Any]:
    code, out, err = run("scan", "-f", "json")
    assert code == ExitCode.OK, err
    document: dict[str, Any] = json.loads(out)
    return document


def test_the_scan_evidences_contradicts_and_suggests(fixture_repo: tuple[str, Path]) -> None:
    name, _ = fixture_repo
    expected = EXPECTED[name]
    document = scan_json()
    assert document["repository"] == "."
    evidence = document["evidence"]
    suggested = {check: item["suggested"] for check, item in evidence.items() if item["suggested"]}
    assert suggested == expected.suggested
    answered = {check: item for check, item in evidence.items() if not item["suggested"]}
    states = {
        check: (
            item["state"],
            {finding["probe"] for finding in item["findings"] + item["partly"]}
            | {missing["probe"] for missing in item["missing"]},
        )
        for check, item in answered.items()
        if item["state"] != "claimed"
    }
    assert states == expected.states
    # Every other answered check stands on the word of whoever answered it.
    claimed = {check for check, item in answered.items() if item["state"] == "claimed"}
    assert claimed == answered.keys() - expected.states.keys()


def test_findings_name_the_file_line_and_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fixture_repository("realtime-service", tmp_path))
    canary = scan_json()["evidence"]["serving.canary"]
    assert canary["findings"][0] == {
        "probe": "argo-rollouts-analysis",
        "path": "deploy/rollout.yaml",
        "line": 23,
        "text": "- analysis:",
        "says": "an Argo Rollouts canary step that runs an analysis, promoting or aborting by "
        "metrics",
        "reliability": "high",
        "supports": "automated",
    }
    code, out, _ = run("scan")
    assert code == ExitCode.OK
    assert "serving.canary: evidenced: answered Shadow or canary with automatic promotion" in out
    assert (
        "monitoring.upstream_changes: unanswered; the repository suggests: Notified by some "
        "upstreams\n  .github/dependabot.yml: a dependency update bot" in out
    )


def test_the_answers_file_is_no_evidence_of_itself(fixture_repo: tuple[str, Path]) -> None:
    document = scan_json()
    paths = {
        finding["path"] for item in document["evidence"].values() for finding in item["findings"]
    }
    assert "mlready.yaml" not in paths


def test_sarif_places_each_contradicted_answer_at_its_line(
    fixture_repo: tuple[str, Path],
) -> None:
    from tests.helpers.sarif import sarif_schema

    name, root = fixture_repo
    expected = EXPECTED[name]
    code, out, _ = run("scan", "-f", "sarif")
    assert code == ExitCode.OK
    document = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    results = document["runs"][0]["results"]
    contradicted = sorted(
        check for check, (state, _) in expected.states.items() if state == "contradicted"
    )
    assert sorted(result["ruleId"] for result in results) == contradicted
    lines = (root / "mlready.yaml").read_text(encoding="utf-8").splitlines()
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": "mlready.yaml"}
        line = location["region"]["startLine"]
        assert lines[line - 1].startswith(f"  {result['ruleId']}:")
        assert result["level"] == "error"
        says = {probe.says for _, probe in builtin_probes() if probe.required_for}
        assert any(text in result["message"]["text"] for text in says)


def test_the_contradiction_gate(fixture_repo: tuple[str, Path]) -> None:
    name, _ = fixture_repo
    expected = EXPECTED[name]
    code, out, _ = run("check", "--allow-incomplete", "-f", "json")
    assert (code, json.loads(out)["reasons"]) == (ExitCode.OK, [])  # claims fail only when asked
    code, out, _ = run("check", "--allow-incomplete", "--fail-on-contradicted", "-f", "json")
    reasons = json.loads(out)["reasons"]
    if expected.contradicted_reason is None:
        assert (code, reasons) == (ExitCode.OK, [])
    else:
        assert (code, reasons) == (ExitCode.GATE_FAILED, [expected.contradicted_reason])


def test_the_evidence_gate(fixture_repo: tuple[str, Path]) -> None:
    name, _ = fixture_repo
    claimed = EXPECTED[name].blockers_claimed
    code, out, _ = run("check", "--allow-incomplete", "--require-evidence", "blocker", "-f", "json")
    assert code == ExitCode.GATE_FAILED
    assert json.loads(out)["reasons"] == [
        f"{len(claimed)} checks of severity blocker or worse at full marks with no evidence "
        f"({', '.join(claimed)})"
    ]
