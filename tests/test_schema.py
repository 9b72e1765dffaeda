"""`mlready schema`: draft-07 JSON Schemas of banks and of answers files (for a bank)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from typer.testing import CliRunner

from mlready.cli import app
from mlready.core.errors import ExitCode
from mlready.io.resources import builtin_bank_path
from mlready.io.yamlio import parse_yaml
from tests.helpers.commands import run
from tests.helpers.documents import load_yaml
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK, SMALL_BANK_IDS

runner = CliRunner()
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))

# A bank in the forms every schema reader agrees on: `when` values as lists, `na` a boolean.
PLAIN_BANK: dict[str, Any] = {
    "bank": "plain",
    "version": 1,
    "title": "Plain",
    "levels": [{"name": "gold", "min": 80}, {"name": "lead", "min": 0}],
    "areas": [
        {
            "id": "serving",
            "title": "Serving",
            "intro": "How predictions reach users.",
            "questions": [
                {
                    "id": "serving.mode",
                    "kind": "choice",
                    "prompt": "How?",
                    "why": "Because.",
                    "options": [{"value": "batch", "label": "Batch"}, {"value": "realtime"}],
                },
                {
                    "id": "serving.rollback",
                    "prompt": "Rehearsed?",
                    "why": "Because.",
                    "help": "Longer help.",
                    "severity": "blocker",
                    "weight": 4,
                    "fix": "Rehearse it.",
                    "na": True,
                    "refs": ["https://example.com/rollback"],
                    "tags": ["mlts-infra-7"],
                    "when": {"serving.mode": ["realtime"]},
                    "options": [{"value": "tested", "score": 1}, {"value": "none", "score": 0}],
                },
            ],
        }
    ],
}


@pytest.fixture(autouse=True)
def in_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, a repository root, so that no settings file around counts."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def schema_of(*args: str | Path) -> dict[str, Any]:
    code, out, err = run("schema", *args)
    assert code == ExitCode.OK, err
    schema: dict[str, Any] = json.loads(out)
    return schema


@pytest.fixture(scope="module")
def bank_validator() -> Draft7Validator:
    from mlready.core.schema import bank_schema

    return Draft7Validator(bank_schema())


def errors(validator: Draft7Validator, data: Any) -> list[str]:
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(data)
    ]


# --- banks --------------------------------------------------------------------------------------


def test_bank_schema_is_draft_07() -> None:
    schema = schema_of("bank")
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)  # draft-07 keeps them under `definitions`
    plain, layer = (schema["definitions"][name] for name in ("Bank", "BankLayer"))
    assert set(plain["required"]) == {"bank", "version", "areas"}
    assert set(layer["required"]) == {"bank", "version", "extends"}


def test_bank_schema_accepts_a_plain_bank(bank_validator: Draft7Validator) -> None:
    assert errors(bank_validator, PLAIN_BANK) == []


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(lambda: load_yaml(builtin_bank_path()).data, id="built-in"),
        pytest.param(lambda: parse_yaml(SMALL_BANK, source="small.yaml").data, id="small"),
    ],
)
def test_bank_schema_accepts_real_banks(bank_validator: Draft7Validator, data: Any) -> None:
    assert errors(bank_validator, data()) == []


def test_bank_schema_accepts_a_single_when_value(bank_validator: Draft7Validator) -> None:
    bank = copy.deepcopy(PLAIN_BANK)
    bank["areas"][0]["questions"][1]["when"] = {"serving.mode": "realtime"}
    assert errors(bank_validator, bank) == []


def _unknown_top_key(bank: dict[str, Any]) -> None:
    bank["extras"] = 1


def _unknown_question_key(bank: dict[str, Any]) -> None:
    bank["areas"][0]["questions"][1]["severty"] = "major"


def _bad_severity(bank: dict[str, Any]) -> None:
    bank["areas"][0]["questions"][1]["severity"] = "critical"


def _bad_kind(bank: dict[str, Any]) -> None:
    bank["areas"][0]["questions"][0]["kind"] = "essay"


def _missing_why(bank: dict[str, Any]) -> None:
    del bank["areas"][0]["questions"][1]["why"]


def _bad_bank_id(bank: dict[str, Any]) -> None:
    bank["bank"] = "Plain Bank"


def _score_above_one(bank: dict[str, Any]) -> None:
    bank["areas"][0]["questions"][1]["options"][0]["score"] = 2


def _area_without_title(bank: dict[str, Any]) -> None:
    del bank["areas"][0]["title"]


@pytest.mark.parametrize(
    "change",
    [
        _unknown_top_key,
        _unknown_question_key,
        _bad_severity,
        _bad_kind,
        _missing_why,
        _bad_bank_id,
        _score_above_one,
        _area_without_title,
    ],
)
def test_bank_schema_rejects(bank_validator: Draft7Validator, change: Any) -> None:
    bank = copy.deepcopy(PLAIN_BANK)
    change(bank)
    assert errors(bank_validator, bank)


def test_bank_schema_accepts_a_layered_bank(bank_validator: Draft7Validator) -> None:
    layer = {
        "bank": "acme-strict",
        "version": 1,
        "extends": "default",
        "disable": ["monitoring.input_drift"],
        "override": {"serving.rollback": {"severity": "blocker"}},
        "areas": [
            {
                "id": "serving",
                "questions": [{"id": "serving.extra", "prompt": "P?", "why": "W."}],
            }
        ],
    }
    assert errors(bank_validator, layer) == []


def test_bank_schema_does_not_follow_bank(tmp_path: Path, bank_file: Path) -> None:
    assert schema_of("bank", "--bank", bank_file) == schema_of("bank")


# --- answers files ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def answers_validator() -> Draft7Validator:
    from mlready.core.schema import answers_schema
    from mlready.io.bank_file import load_bank

    return Draft7Validator(answers_schema(load_bank()))


def test_answers_schema_is_draft_07() -> None:
    schema = schema_of("answers")
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    assert "default@3" in schema["title"]
    assert "data.lineage" in schema["properties"]["answers"]["properties"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_answers_schema_accepts_the_examples(
    answers_validator: Draft7Validator, example: Path
) -> None:
    assert errors(answers_validator, load_yaml(example).data) == []


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 2


V1_EXAMPLES = sorted((Path(__file__).parent / "data" / "default-v1").glob("*.yaml"))


@pytest.mark.parametrize("example", V1_EXAMPLES, ids=[path.name for path in V1_EXAMPLES])
def test_answers_schema_accepts_answers_under_moved_ids(example: Path) -> None:
    # What an editor sees: `mlready schema answers` takes a file written for default@1, its
    # answers under the ids that moved (with their old values) included.
    schema = schema_of("answers")
    assert errors(Draft7Validator(schema), load_yaml(example).data) == []
    properties = schema["properties"]["answers"]["properties"]
    moved = properties["serving.placement"]
    assert moved["deprecated"] is True
    assert "profile.runs_on" in moved["deprecationMessage"]
    assert "deprecated" not in properties["profile.runs_on"]
    # Its old value, which the new question names otherwise, is accepted under the old id only.
    validator = Draft7Validator(schema)
    assert validator.is_valid(_answers(**{"serving.placement": "on_device"}))
    assert not validator.is_valid(_answers(**{"profile.runs_on": "on_device"}))
    assert not validator.is_valid(_answers(**{"serving.placement": "moon"}))


def _answers(**answers: Any) -> dict[str, Any]:
    return {"mlready": 1, "bank": "default@1", "answers": answers}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_answers(**{"data.linage": "yes"}), id="unknown-id"),
        pytest.param(_answers(**{"data.personal_data": "maybe"}), id="choice-value"),
        pytest.param(_answers(**{"data.personal_data": ["none"]}), id="list-for-choice"),
        pytest.param(_answers(**{"data.modality": ["text", "smell"]}), id="multi-value"),
        pytest.param(_answers(**{"serving.rollback": "yes"}), id="check-value"),
        pytest.param(_answers(**{"serving.rollback": {"value": "maybe"}}), id="long-form-value"),
        pytest.param(_answers(**{"serving.rollback": "na"}), id="na-not-allowed"),
        pytest.param(_answers(**{"serving.rollback": {"value": "tested", "notes": "x"}}), id="key"),
        pytest.param({"bank": "default@1", "answers": {}}, id="no-format-version"),
        pytest.param({"mlready": 2}, id="newer-format"),
        pytest.param({"mlready": 1, "answer": {}}, id="unknown-top-key"),
    ],
)
def test_answers_schema_rejects(answers_validator: Draft7Validator, data: Any) -> None:
    assert errors(answers_validator, data)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param({"mlready": 1}, id="nothing-answered"),
        pytest.param({"mlready": 1, "answers": None, "project": None}, id="empty-keys"),
        pytest.param(_answers(**{"data.modality": "text"}), id="multi-single"),
        pytest.param(_answers(**{"data.modality": []}), id="multi-none"),
        pytest.param(_answers(**{"data.owner": "Data team"}), id="text"),
        pytest.param(_answers(**{"serving.rollback": None}), id="unanswered"),
        pytest.param(
            _answers(
                **{
                    "training.fairness": {"value": "na", "note": "No people."},
                    "serving.rollback": {
                        "value": "documented",
                        "evidence": ["https://example.com/a", "docs/b.md"],
                        "waiver": {"reason": "R", "approved_by": "A", "expires": "2027-03-01"},
                    },
                }
            ),
            id="long-forms",
        ),
    ],
)
def test_answers_schema_accepts(answers_validator: Draft7Validator, data: Any) -> None:
    assert errors(answers_validator, data) == []


def test_answers_schema_follows_the_bank_option(bank_file: Path) -> None:
    schema = schema_of("answers", "--bank", bank_file)
    Draft7Validator.check_schema(schema)
    assert "small@1" in schema["title"]
    questions = schema["properties"]["answers"]["properties"]
    assert list(questions) == SMALL_BANK_IDS
    validator = Draft7Validator(schema)
    assert errors(validator, parse_yaml(BEST_ANSWERS, source="a.yaml").data) == []
    assert errors(validator, _answers(**{"data.personal_data": "none"}))  # a default-bank id
    assert errors(validator, _answers(**{"serving.latency": "yes"}))  # not among its options


def test_answers_schema_of_a_layered_bank(tmp_path: Path, bank_file: Path) -> None:
    layer = tmp_path / "acme.yaml"
    layer.write_text(
        "bank: acme-strict\nversion: 1\nextends: small.yaml\ndisable: [data.schema]\n"
        "areas:\n  - id: ops\n    title: Operations\n    questions:\n"
        "      - {id: ops.pager, prompt: Paged?, why: Nights.}\n",
        encoding="utf-8",
    )
    questions = schema_of("answers", "--bank", layer)["properties"]["answers"]["properties"]
    assert "ops.pager" in questions
    assert "data.schema" not in questions


def test_answers_schema_follows_the_settings_bank(tmp_path: Path, bank_file: Path) -> None:
    (tmp_path / ".mlready.toml").write_text('bank = "small.yaml"\n', encoding="utf-8")
    assert "small@1" in schema_of("answers")["title"]


def test_schema_output_file(tmp_path: Path) -> None:
    target = tmp_path / "schemas" / "answers.json"
    target.parent.mkdir()
    code, out, err = run("schema", "answers", "-o", target)
    assert code == ExitCode.OK
    assert out == ""
    assert f"Wrote {target}" in err
    assert json.loads(target.read_text(encoding="utf-8")) == schema_of("answers")
    code, out, _ = run("schema", "bank", "--output", tmp_path / "bank.json")
    assert code == ExitCode.OK
    assert out == ""
    assert json.loads((tmp_path / "bank.json").read_text(encoding="utf-8")) == schema_of("bank")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("schema", "config"), "config"),
        (("schema", "answers", "--bank", "missing.yaml"), "missing.yaml: no such bank"),
    ],
)
def test_schema_bad_input_exits_2(args: tuple[str, ...], expected: str) -> None:
    code, out, err = run(*args)
    assert code == ExitCode.INVALID
    assert out == ""
    assert expected in err


def test_bank_schema_prints_while_the_settings_bank_is_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    (tmp_path / "broken.yaml").write_text("bank: broken\nversion: 1\nareas: []\n")
    (tmp_path / ".mlready.toml").write_text('bank = "broken.yaml"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["schema", "bank"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"] == "mlready question bank"
    broken = CliRunner().invoke(app, ["schema", "answers"])
    assert broken.exit_code == 2
    assert "broken.yaml" in broken.stderr
