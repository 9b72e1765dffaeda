"""Layered banks: a small bank that `extends` another, disables, overrides and adds questions."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlready.core.answers import answers_from_document
from mlready.core.errors import ExitCode, InputError
from mlready.core.model import DEFAULT_LEVELS, AnswerEntry, Bank, Level, Severity
from mlready.io.answers_file import load_answers, render_answers
from mlready.io.bank_file import load_bank
from mlready.io.yamlio import parse_yaml
from tests.helpers.commands import run
from tests.helpers.expecting_bank import EXPECTING_BANK
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK

runner = CliRunner()

# A layer's body starts on line 4, under these three lines.
HEAD = "bank: acme-strict\nversion: 1\nextends: {base}\n"
OPS_AREA = """\
areas:
  - id: ops
    title: Operations
    intro: Who gets woken up.
    questions:
      - id: ops.pager
        prompt: Is someone paged when the model misbehaves?
        why: Nobody reads dashboards at night.
        when: {serving.mode: realtime}
"""
# The same area for layers over the built-in bank, whose serving area decides the interface.
OPS_AREA_ON_BUILTIN = OPS_AREA.replace("serving.mode: realtime", "serving.interface: rest")


def write_layer(
    folder: Path, body: str = "", *, base: str = "default", name: str = "acme.yaml"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEAD.format(base=base) + body, encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    with pytest.raises(InputError) as raised:
        load_bank(path)
    return str(raised.value)


def ids(bank: Bank) -> list[str]:
    return list(bank.questions)


@pytest.fixture
def builtin() -> Bank:
    return load_bank()


@pytest.fixture
def small_layer(tmp_path: Path, bank_file: Path) -> Path:
    """acme-strict@1 on the small bank: data.schema disabled, rollback a blocker, an ops area."""
    return write_layer(
        tmp_path,
        "disable: [data.schema]\noverride:\n  serving.rollback: {severity: blocker}\n" + OPS_AREA,
        base=bank_file.name,
    )


# --- extending ----------------------------------------------------------------------------------


def test_a_layer_with_nothing_to_change_is_the_builtin_bank_renamed(
    tmp_path: Path, builtin: Bank
) -> None:
    bank = load_bank(write_layer(tmp_path))
    assert bank.ref == "acme-strict@1"
    assert bank.lineage == ("acme-strict@1", "default@3")
    assert bank.disabled == frozenset()
    assert ids(bank) == ids(builtin)
    assert [area.id for area in bank.areas] == [area.id for area in builtin.areas]
    assert bank.questions["serving.rollback"] == builtin.questions["serving.rollback"]
    assert bank.levels == builtin.levels


def test_title_and_intro_are_inherited_unless_given(tmp_path: Path, builtin: Bank) -> None:
    inherited = load_bank(write_layer(tmp_path / "a"))
    assert inherited.title == builtin.title == "ML production readiness"
    assert inherited.intro == builtin.intro
    given = load_bank(write_layer(tmp_path / "b", "title: ACME strict review\nintro: Stricter.\n"))
    assert given.title == "ACME strict review"
    assert given.intro == "Stricter."


def test_extends_a_path_relative_to_the_layer_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    layer = write_layer(tmp_path / "policies" / "acme", base="../../banks/small.yaml")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the base is found from the layer's folder, not from here
    bank = load_bank(layer)
    assert bank.lineage == ("acme-strict@1", "small@1")
    assert bank.title == "Small bank"
    assert "serving.rollback" in bank.questions


def test_a_chain_of_two_layers(tmp_path: Path, bank_file: Path) -> None:
    write_layer(
        tmp_path,
        "disable: [data.schema]\n"
        "override:\n"
        "  serving.rollback: {severity: blocker}\n"
        "  data.lineage: {fix: Use the lineage tool.}\n" + OPS_AREA,
        base=bank_file.name,
        name="mid.yaml",
    )
    top = tmp_path / "top.yaml"
    top.write_text(
        "bank: acme-top\n"
        "version: 2\n"
        "extends: mid.yaml\n"
        "disable: [data.tokenizer]\n"
        "override:\n"
        "  serving.rollback: {weight: 5}\n"
        "areas:\n"
        "  - id: ops\n"
        "    questions:\n"
        "      - {id: ops.runbook, prompt: Is there a runbook?, why: Pages need answers.}\n",
        encoding="utf-8",
    )
    bank = load_bank(top)
    assert bank.ref == "acme-top@2"
    assert bank.lineage == ("acme-top@2", "acme-strict@1", "small@1")
    assert bank.disabled == {"data.schema", "data.tokenizer"}
    assert "data.schema" not in bank.questions
    assert "data.tokenizer" not in bank.questions
    rollback = bank.questions["serving.rollback"]
    assert (rollback.severity, rollback.score_weight) == (Severity.BLOCKER, 5.0)
    assert bank.questions["data.lineage"].fix == "Use the lineage tool."
    assert [q.id for q in bank.areas[-1].questions] == ["ops.pager", "ops.runbook"]


def test_answers_to_a_question_disabled_lower_in_the_chain_are_kept_as_disabled(
    tmp_path: Path, small_layer: Path
) -> None:
    top = write_layer(tmp_path, base=small_layer.name, name="top.yaml")
    top.write_text(top.read_text().replace("acme-strict", "acme-top"), encoding="utf-8")
    bank = load_bank(top)
    answers = answers_from_document(parse_yaml(BEST_ANSWERS, source="a.yaml"), bank)
    assert dict(answers.disabled) == {"data.schema": AnswerEntry(value="yes")}
    assert "'data.schema' is disabled by bank acme-top@1" in answers.warnings[0]


def test_override_of_a_question_disabled_lower_in_the_chain_is_an_error(
    tmp_path: Path, small_layer: Path
) -> None:
    top = tmp_path / "top.yaml"
    top.write_text(
        "bank: acme-top\nversion: 1\nextends: acme.yaml\n"
        "override:\n  data.schema: {severity: blocker}\n",
        encoding="utf-8",
    )
    assert f"{top}:5:" in load_error(top)
    assert "cannot override 'data.schema': acme-strict@1 has no such question" in load_error(top)


# --- disable ------------------------------------------------------------------------------------


def test_disable_drops_questions(tmp_path: Path, builtin: Bank) -> None:
    bank = load_bank(write_layer(tmp_path, "disable: [monitoring.input_drift, serving.rollback]\n"))
    assert bank.disabled == {"monitoring.input_drift", "serving.rollback"}
    assert ids(bank) == [
        name for name in ids(builtin) if name not in {"monitoring.input_drift", "serving.rollback"}
    ]
    monitoring = next(area for area in bank.areas if area.id == "monitoring")
    assert "monitoring.input_drift" not in [q.id for q in monitoring.questions]


def test_disable_of_an_unknown_id_names_the_line_and_suggests(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "disable:\n  - serving.rollback\n  - monitoring.drift\n")
    message = load_error(path)
    assert message.startswith(f"{path}:6:")
    assert "no question 'monitoring.drift' in default@3 to disable" in message
    assert "did you mean 'monitoring.input_drift'?" in message
    assert "serving.rollback" not in message


@pytest.mark.parametrize(
    ("disabled", "dependants"),
    [
        ("serving.mode", ["serving.latency"]),
        ("data.modality", ["data.tokenizer"]),
    ],
)
def test_disabling_a_question_others_depend_on_names_them(
    tmp_path: Path, bank_file: Path, disabled: str, dependants: list[str]
) -> None:
    path = write_layer(tmp_path, f"disable: [{disabled}]\n", base=bank_file.name)
    message = load_error(path)
    assert message.startswith(f"{path}:4:")
    for dependant in dependants:
        assert f"'{dependant}' depends on disabled {disabled}" in message


def test_disabling_a_decision_of_the_builtin_bank_names_every_dependant(tmp_path: Path) -> None:
    message = load_error(write_layer(tmp_path, "disable: [training.update_mode]\n"))
    for dependant in (
        "training.retraining_automated",
        "training.online_guardrails",
        "training.online_snapshots",
        "monitoring.online_pause",
    ):
        assert f"'{dependant}' depends on disabled training.update_mode" in message


def test_disabling_a_decision_with_all_its_dependants_loads(tmp_path: Path) -> None:
    path = write_layer(
        tmp_path,
        "disable:\n"
        "  - training.update_mode\n"
        "  - training.retraining_automated\n"
        "  - training.online_guardrails\n"
        "  - training.online_snapshots\n"
        "  - monitoring.online_pause\n",
    )
    bank = load_bank(path)
    assert len(bank.disabled) == 5
    assert "training.update_mode" not in bank.questions


def test_a_new_question_may_not_depend_on_a_disabled_one(tmp_path: Path, bank_file: Path) -> None:
    path = write_layer(
        tmp_path,
        "disable: [serving.mode, serving.latency]\n" + OPS_AREA,
        base=bank_file.name,
    )
    message = load_error(path)
    assert f"{path}:10:" in message  # the new question, not the `disable` line
    assert "'ops.pager' depends on disabled serving.mode" in message


# --- override -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "question", "severity", "weight"),
    [
        # The default weight follows the new severity ...
        ("data.lineage: {severity: minor}", "data.lineage", Severity.MINOR, 1.0),
        ("data.schema: {severity: blocker}", "data.schema", Severity.BLOCKER, 3.0),
        ("data.tokenizer: {severity: blocker}", "data.tokenizer", Severity.BLOCKER, 3.0),
        # ... an explicit weight (serving.rollback has weight 4) stays ...
        ("serving.rollback: {severity: blocker}", "serving.rollback", Severity.BLOCKER, 4.0),
        # ... and an overridden weight wins over both.
        ("data.lineage: {severity: major, weight: 5}", "data.lineage", Severity.MAJOR, 5.0),
        ("serving.rollback: {weight: 0.5}", "serving.rollback", Severity.MAJOR, 0.5),
        ("data.lineage: {weight: 7}", "data.lineage", Severity.BLOCKER, 7.0),
    ],
)
def test_override_of_severity_and_weight(
    tmp_path: Path,
    bank_file: Path,
    override: str,
    question: str,
    severity: Severity,
    weight: float,
) -> None:
    bank = load_bank(write_layer(tmp_path, f"override:\n  {override}\n", base=bank_file.name))
    changed = bank.questions[question]
    assert (changed.severity, changed.score_weight) == (severity, weight)


def test_override_of_severity_keeps_an_explicit_weight_equal_to_the_default(
    tmp_path: Path,
) -> None:
    base = tmp_path / "small.yaml"
    base.write_text(SMALL_BANK.replace("        weight: 4\n", "        weight: 2\n"))
    path = write_layer(
        tmp_path, "override:\n  serving.rollback: {severity: blocker}\n", base=base.name
    )
    assert load_bank(path).questions["serving.rollback"].weight == 2.0


def test_override_of_fix_changes_only_the_fix(
    tmp_path: Path, bank_file: Path, small_bank: Bank
) -> None:
    path = write_layer(
        tmp_path, "override:\n  data.lineage: {fix: Use the lineage tool.}\n", base=bank_file.name
    )
    changed = load_bank(path).questions["data.lineage"]
    assert changed.fix == "Use the lineage tool."
    assert (
        dataclasses.replace(changed, fix=small_bank.questions["data.lineage"].fix)
        == (small_bank.questions["data.lineage"])
    )


@pytest.mark.parametrize("lifts", [False, True])
def test_override_of_whether_a_plan_lifts_the_cap(
    tmp_path: Path, bank_file: Path, small_bank: Bank, lifts: bool
) -> None:
    # An organisation's policy may say that no ticket lifts an inherited cap (or that one
    # does again); the rest of the check is inherited.
    body = f"override:\n  data.lineage: {{plan_lifts: {str(lifts).lower()}}}\n"
    bank = load_bank(write_layer(tmp_path, body, base=bank_file.name))
    inherited = small_bank.questions["data.lineage"]
    assert bank.questions["data.lineage"] == dataclasses.replace(inherited, plan_lifts=lifts)
    wrong = write_layer(
        tmp_path / "wrong", "override:\n  data.lineage: {plan_lifts: maybe}\n", base="../small.yaml"
    )
    assert "plan_lifts must be true or false (got 'maybe')" in load_error(wrong)


def test_override_of_the_level_a_check_caps_at(
    tmp_path: Path, bank_file: Path, small_bank: Bank
) -> None:
    # An organisation's policy may hold a gap lower (or higher) than the base bank does; the
    # level it names must be one the layered bank has, reported at its line.
    body = "override:\n  data.lineage: {caps: prototype}\n"
    bank = load_bank(write_layer(tmp_path, body, base=bank_file.name))
    inherited = small_bank.questions["data.lineage"]
    assert bank.questions["data.lineage"] == dataclasses.replace(inherited, caps="prototype")
    wrong = write_layer(
        tmp_path / "wrong", "override:\n  data.lineage: {caps: gold}\n", base="../small.yaml"
    )
    message = load_error(wrong)
    assert "acme.yaml:5:" in message and "caps names no level of the bank: 'gold'" in message


@pytest.mark.parametrize(
    ("override", "question", "expected"),
    [
        (
            "serving.latency:\n    options:\n"
            "      - {value: manual, score: 1}\n      - {value: automated, score: 0.75}",
            "serving.latency",
            [
                ("automated", "Automated in CI", 0.75),
                ("manual", "Measured by hand", 1.0),
                ("none", "Not measured", 0.0),
            ],
        ),
        (
            "data.lineage: {options: [{value: partial, score: 0.25}]}",
            "data.lineage",
            [("yes", "Yes", 1.0), ("partial", "Partly", 0.25), ("no", "No", 0.0)],
        ),
    ],
)
def test_override_of_option_scores_matched_by_value(
    tmp_path: Path,
    bank_file: Path,
    override: str,
    question: str,
    expected: list[tuple[str, str, float]],
) -> None:
    bank = load_bank(write_layer(tmp_path, f"override:\n  {override}\n", base=bank_file.name))
    options = bank.questions[question].options
    assert [(option.value, option.label, option.score) for option in options] == expected


def test_override_of_the_builtin_bank(tmp_path: Path, builtin: Bank) -> None:
    path = write_layer(
        tmp_path,
        "override:\n"
        "  serving.rollback: {severity: minor}\n"
        "  training.split: {weight: 7}\n"
        "  monitoring.alert_routing: {options: [{value: channel, score: 1}]}\n",
    )
    bank = load_bank(path)
    rollback = bank.questions["serving.rollback"]
    assert (rollback.severity, rollback.score_weight) == (Severity.MINOR, 1.0)
    assert bank.questions["training.split"].weight == 7.0
    assert bank.questions["training.split"].severity is Severity.BLOCKER
    scores = {o.value: o.score for o in bank.questions["monitoring.alert_routing"].options}
    assert scores == {"none": 0.0, "dashboard": 0.0, "channel": 1.0, "in_time": 1.0, "paged": 1.0}
    assert bank.questions["data.lineage"] == builtin.questions["data.lineage"]


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (
            "override:\n  serving.rollback:\n    options: [{value: maybe, score: 1}]\n",
            5,
            "'serving.rollback' has no option 'maybe' (its options: none, documented, tested)",
        ),
        (
            "override:\n  serving.rollback:\n    options: [{value: tested, score: 0.9}]\n",
            5,
            "after the override, no option of 'serving.rollback' scores 1",
        ),
        (
            "override:\n  serving.interface: {severity: blocker}\n",
            5,
            "only checks can be overridden ('serving.interface' is a multi; of a decision, "
            "only the dates its options apply from: options: [{value, applies_from}])",
        ),
        (
            "override:\n  data.owner: {fix: Name someone.}\n",
            5,
            "only checks can be overridden ('data.owner' is a text)",
        ),
        (
            "disable: [serving.rollback]\noverride:\n  serving.rollback: {severity: minor}\n",
            6,
            "cannot override 'serving.rollback': it is disabled",
        ),
        (
            "override:\n  serving.rolback: {severity: minor}\n",
            5,
            "cannot override 'serving.rolback': default@3 has no such question",
        ),
        (
            "override:\n  serving.rollback: {severity: critical}\n",
            5,
            "severity must be one of blocker, major or minor (got 'critical')",
        ),
        (
            "override:\n  serving.rollback:\n    options: [{value: tested, score: 2}]\n",
            6,
            "score must be at most 1 (got 2)",
        ),
        (
            "override:\n  serving.rollback:\n    options: [{value: tested}]\n",
            6,
            "an option of a check needs its new score (score: 0 to 1)",
        ),
        (
            "override:\n  serving.interface:\n    options: [{value: rest}]\n",
            6,
            "an option of a decision needs the date it applies from",
        ),
        (
            "override:\n  serving.rollback:\n"
            "    options: [{value: tested, score: 0.5}, {value: tested, score: 1}]\n",
            6,
            "option 'tested' is overridden twice",
        ),
        (
            "override:\n  profile.regimes:\n    options:\n"
            "      - {value: eu_high_risk, applies_from: 2027-01-01}\n"
            "      - {value: eu_high_risk, applies_from: 2028-01-01}\n",
            8,
            "option 'eu_high_risk' is overridden twice",
        ),
        (
            "override:\n  serving.rollback: {severty: minor}\n",
            5,
            "unknown key 'severty'; did you mean 'severity'?",
        ),
    ],
)
def test_override_errors_name_the_layer_file_and_line(
    tmp_path: Path, body: str, line: int, expected: str
) -> None:
    path = write_layer(tmp_path, body)
    message = load_error(path)
    assert message.startswith(f"{path}:{line}:")
    assert expected in message


def test_dated_options_on_a_question_without_options_are_one_error(tmp_path: Path) -> None:
    body = "override:\n  data.owner: {options: [{value: x, applies_from: 2027-01-01}]}\n"
    message = load_error(write_layer(tmp_path, body))
    assert "only checks can be overridden ('data.owner' is a text)" in message
    assert "has no option" not in message


def test_unknown_key_in_an_override_does_not_suggest_itself(tmp_path: Path) -> None:
    message = load_error(write_layer(tmp_path, "override:\n  serving.rollback: {prompt: P?}\n"))
    assert "unknown key 'prompt'" in message
    assert "did you mean 'prompt'" not in message


# --- levels -------------------------------------------------------------------------------------


# The built-in bank's checks cap at these: replaced levels keep their names.
KEPT = "  - {name: pilot, min: 60}\n  - {name: prototype, min: 40}\n"


def test_levels_replace_the_inherited_ones(tmp_path: Path) -> None:
    levels = "levels:\n  - {name: gold, min: 80}\n" + KEPT + "  - {name: lead, min: 0}\n"
    bank = load_bank(write_layer(tmp_path, levels))
    assert bank.levels == (
        Level(name="gold", min=80),
        Level(name="pilot", min=60),
        Level(name="prototype", min=40),
        Level(name="lead", min=0),
    )
    # Without levels of its own, a layer keeps the built-in bank's (their meanings too).
    inherited = load_bank(write_layer(tmp_path / "plain")).levels
    assert inherited == load_bank().levels
    assert [(level.name, level.min) for level in inherited] == [
        (level.name, level.min) for level in DEFAULT_LEVELS
    ]
    assert all(level.means for level in inherited)


@pytest.mark.parametrize(
    ("levels", "where", "expected"),
    [
        (
            "  - {name: gold, min: 80}\n  - {name: lead, min: 10}\n",
            ":6:",
            "lowest level must have min 0",
        ),
        (
            "  - {name: gold, min: 10}\n  - {name: silver, min: 50}\n  - {name: lead, min: 0}\n",
            ":6:",
            "levels must be listed from the highest 'min' down",
        ),
        ("  - {name: gold, min: 80}\n  - {name: gold, min: 0}\n", ":6:", "duplicate level 'gold'"),
        (
            "  - {name: gold, min: 180}\n  - {name: lead, min: 0}\n",
            ":5:",
            "min must be at most 100 (got 180)",
        ),
        ("  - {name: gold}\n  - {name: lead, min: 0}\n", ":5:", "missing required key 'min'"),
    ],
)
def test_levels_of_a_layer_are_validated(
    tmp_path: Path, levels: str, where: str, expected: str
) -> None:
    path = write_layer(tmp_path, "levels:\n" + levels)
    message = load_error(path)
    assert f"{path}{where}" in message
    assert expected in message


def test_levels_that_drop_a_level_inherited_caps_name_are_an_error(tmp_path: Path) -> None:
    # Dropped silently, a major's cap vanished and a blocker's fell to the lowest level.
    path = write_layer(tmp_path, "levels:\n  - {name: gold, min: 80}\n  - {name: lead, min: 0}\n")
    message = load_error(path)
    assert f"{path}:4:1: levels drop 'pilot', at which " in message
    assert "data.usage_rights" in message
    assert "levels drop 'prototype'" in message
    kept_pilot = "levels:\n  - {name: gold, min: 80}\n  - {name: pilot, min: 60}\n"
    message = load_error(write_layer(tmp_path / "pilot", kept_pilot + "  - {name: lead, min: 0}\n"))
    assert "'prototype'" in message
    assert "'pilot'" not in message


def test_a_capped_answer_caps_at_the_kept_level_of_a_layer(tmp_path: Path) -> None:
    levels = "levels:\n  - {name: gold, min: 80}\n" + KEPT + "  - {name: lead, min: 0}\n"
    bank = load_bank(write_layer(tmp_path, levels))
    option = next(o for o in bank.questions["data.usage_rights"].options if o.value == "partial")
    assert option.caps == "pilot"
    assert bank.level_named(option.caps) == Level(name="pilot", min=60)


def test_empty_levels_are_an_error(tmp_path: Path) -> None:
    path = write_layer(tmp_path, "levels: []\n")
    assert f"{path}:4:" in load_error(path)
    assert "at least one level is needed" in load_error(path)


# --- areas and new questions --------------------------------------------------------------------


def test_questions_added_to_an_inherited_area_come_at_its_end(
    tmp_path: Path, builtin: Bank
) -> None:
    path = write_layer(
        tmp_path,
        "areas:\n"
        "  - id: data\n"
        "    questions:\n"
        "      - {id: data.retention_days, prompt: Is retention enforced?, why: Old data leaks.}\n"
        "      - {id: data.catalogue, prompt: Is the data catalogued?, why: To find it.}\n",
    )
    bank = load_bank(path)
    data = bank.areas[0]
    base_data = [q.id for q in builtin.areas[0].questions]
    assert [q.id for q in data.questions] == [*base_data, "data.retention_days", "data.catalogue"]
    assert data.title == "Data"
    assert [area.id for area in bank.areas] == [area.id for area in builtin.areas]
    # bank order: the new questions come before the next area's questions
    order = ids(bank)
    assert order.index("data.catalogue") + 1 == order.index(builtin.areas[1].questions[0].id)
    added = bank.questions["data.retention_days"]
    assert (added.severity, added.score_weight) == (
        Severity.MAJOR,
        2.0,
    )  # check defaults are filled


def test_a_new_area_id_adds_an_area_at_the_end(tmp_path: Path, builtin: Bank) -> None:
    bank = load_bank(write_layer(tmp_path, OPS_AREA_ON_BUILTIN))
    assert [area.id for area in bank.areas] == [*(area.id for area in builtin.areas), "ops"]
    ops = bank.areas[-1]
    assert (ops.title, ops.intro) == ("Operations", "Who gets woken up.")
    assert [q.id for q in ops.questions] == ["ops.pager"]
    assert ids(bank)[-1] == "ops.pager"


def test_a_when_in_a_new_question_may_name_an_inherited_question(tmp_path: Path) -> None:
    bank = load_bank(write_layer(tmp_path, OPS_AREA_ON_BUILTIN))
    assert bank.questions["ops.pager"].when == {"serving.interface": ("rest",)}


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        (
            OPS_AREA_ON_BUILTIN.replace("    title: Operations\n", ""),
            5,
            "a new area needs a title",
        ),
        (
            "areas:\n  - id: ops\n    title: Operations\n",
            5,
            "area has no questions",
        ),
        (
            OPS_AREA_ON_BUILTIN.replace("rest}", "boat}"),
            12,
            "'serving.interface' has no option 'boat' (its options: rpc, rest, queue)",
        ),
        (
            OPS_AREA_ON_BUILTIN.replace("serving.interface", "serving.interfac"),
            12,
            "'when' names an unknown question 'serving.interfac'",
        ),
        (
            # data comes before serving: a question appended to it cannot depend on
            # serving.interface
            OPS_AREA_ON_BUILTIN.replace("id: ops\n    title: Operations\n", "id: data\n"),
            11,
            "'when' names a later question 'serving.interface'",
        ),
        (
            OPS_AREA_ON_BUILTIN.replace("        why: Nobody reads dashboards at night.\n", ""),
            9,
            "missing required key 'why'",
        ),
        (
            OPS_AREA_ON_BUILTIN.replace(
                "        when:", "        kind: text\n        severity: major\n        when:"
            ),
            13,
            "'severity' belongs only on check questions",
        ),
    ],
)
def test_new_areas_and_questions_are_validated_at_their_line(
    tmp_path: Path, body: str, line: int, expected: str
) -> None:
    path = write_layer(tmp_path, body)
    message = load_error(path)
    assert f"{path}:{line}:" in message
    assert expected in message


@pytest.mark.parametrize(
    "area",
    [
        "ops\n    title: Operations",
        "serving",
        pytest.param(
            "data",
        ),
    ],
)
def test_a_new_question_duplicating_an_inherited_id_is_an_error_at_its_line(
    tmp_path: Path, area: str
) -> None:
    body = (
        f"areas:\n  - id: {area}\n    questions:\n"
        "      - id: serving.rollback\n        prompt: Again?\n        why: W.\n"
    )
    path = write_layer(tmp_path, body)
    line = body.count("\n", 0, body.index("- id: serving.rollback")) + 4
    message = load_error(path)
    assert f"{path}:{line}:" in message
    assert "duplicate question id 'serving.rollback'" in message


def test_a_layer_listing_an_area_twice_is_an_error(tmp_path: Path) -> None:
    path = write_layer(
        tmp_path,
        OPS_AREA + "  - id: ops\n    title: Ops again\n    questions:\n"
        "      - {id: ops.runbook, prompt: Is there a runbook?, why: Pages need answers.}\n",
    )
    assert "duplicate area id 'ops'" in load_error(path)


# --- extends and the layer file itself ------------------------------------------------------------


def test_extends_in_a_cycle_is_an_error(tmp_path: Path) -> None:
    first = write_layer(tmp_path, base="second.yaml", name="first.yaml")
    second = tmp_path / "second.yaml"
    second.write_text("bank: second\nversion: 1\nextends: first.yaml\n", encoding="utf-8")
    message = load_error(first)
    assert message.startswith(f"{second}:3:")
    assert "banks extend each other in a cycle" in message


def test_a_bank_extending_itself_is_a_cycle(tmp_path: Path) -> None:
    path = write_layer(tmp_path, base="acme.yaml")
    assert load_error(path).startswith(f"{path}:3:")
    assert "cycle" in load_error(path)


def test_a_missing_base_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = write_layer(tmp_path / "policies", base="../banks/nope.yaml")
    message = load_error(path)
    assert message.startswith(f"{path}:3:")
    assert f"no bank at {(tmp_path / 'banks' / 'nope.yaml').resolve()}" in message


def test_an_error_in_the_base_names_the_base_file(tmp_path: Path) -> None:
    base = tmp_path / "small.yaml"
    base.write_text(SMALL_BANK.replace("        why: Someone must answer for it.\n", ""))
    message = load_error(write_layer(tmp_path, base="small.yaml"))
    assert message.startswith(f"{base}:")
    assert "missing required key 'why'" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEAD.format(base="default") + "disabel: [data.lineage]\n",
            ":4:10: unknown key 'disabel'; did you mean 'disable'?",
        ),
        (
            HEAD.format(base="default") + "disable: {data.lineage: yes}\n",
            ":4:10: disable must be a list (got a mapping)",
        ),
        ("bank: acme-strict\nextends: default\n", ":1:1: missing required key 'version'"),
        ("bank: Acme Strict\nversion: 1\nextends: default\n", ":1:7: bank 'Acme Strict'"),
        (
            HEAD.format(base="default") + "areas:\n  - id: ops\n    titel: Operations\n",
            ":6:12: unknown key 'titel'; did you mean 'title'?",
        ),
    ],
)
def test_errors_in_the_layer_file_name_it_with_line_and_column(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(text, encoding="utf-8")
    assert f"{path}{expected}" in load_error(path)


# --- answers --------------------------------------------------------------------------------------


@pytest.mark.parametrize("named", ["bank: small@1\n", "bank: small\n", "bank: acme-strict@1\n", ""])
def test_answers_naming_the_base_or_the_layer_load_with_the_layer(
    tmp_path: Path, small_layer: Path, named: str
) -> None:
    path = tmp_path / "mlready.yaml"
    path.write_text(BEST_ANSWERS.replace("bank: small@1\n", named), encoding="utf-8")
    answers = load_answers(path, load_bank(small_layer))
    assert "data.schema" not in answers.entries
    assert "serving.rollback" in answers.entries
    assert dict(answers.disabled) == {"data.schema": AnswerEntry(value="yes")}
    line = 8 if named else 7
    assert answers.warnings == (
        f"{path}:{line}:16: 'data.schema' is disabled by bank acme-strict@1; ignored",
    )


def test_answers_for_an_older_base_version_warn(tmp_path: Path, small_layer: Path) -> None:
    text = BEST_ANSWERS.replace("small@1", "small@0").replace("  data.schema: yes\n", "")
    answers = answers_from_document(parse_yaml(text, source="a.yaml"), load_bank(small_layer))
    assert len(answers.warnings) == 1
    assert "answers were written for small@0" in answers.warnings[0]


def test_answers_for_an_unrelated_bank_are_an_error(tmp_path: Path, small_layer: Path) -> None:
    text = BEST_ANSWERS.replace("small@1", "other@1")
    with pytest.raises(InputError) as raised:
        answers_from_document(parse_yaml(text, source="a.yaml"), load_bank(small_layer))
    message = str(raised.value)
    assert message.startswith("a.yaml:2:")
    assert "'other@1'" in message
    assert "'acme-strict@1', which builds on small@1" in message


def test_answers_naming_the_layer_do_not_load_with_the_base(
    tmp_path: Path, small_bank: Bank
) -> None:
    text = BEST_ANSWERS.replace("small@1", "acme-strict@1")
    with pytest.raises(InputError, match="these answers are for bank 'acme-strict@1'"):
        answers_from_document(parse_yaml(text, source="a.yaml"), small_bank)


def test_an_answer_to_a_disabled_question_is_written_back(small_layer: Path) -> None:
    bank = load_bank(small_layer)
    text = BEST_ANSWERS.replace(
        "  data.schema: yes\n", "  data.schema: {value: na, note: Images only.}\n"
    )
    answers = answers_from_document(parse_yaml(text, source="a.yaml"), bank)
    written = render_answers(bank, answers)
    assert "bank: small@1\n" in written  # still the base bank it names: it loads with both
    disabled_section = written.index("Disabled by acme-strict@1")
    assert written.index("data.schema:", disabled_section) > disabled_section
    again = answers_from_document(parse_yaml(written, source="b.yaml"), bank)
    assert dict(again.disabled) == {"data.schema": AnswerEntry(value="na", note="Images only.")}
    assert dict(again.entries) == dict(answers.entries)


# --- commands -------------------------------------------------------------------------------------


@pytest.fixture
def in_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the current folder, and a repository root so no settings file above counts."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_bank_show_prints_the_merged_bank(in_repo: Path, small_layer: Path) -> None:
    code, out, err = run("bank", "show", "--bank", small_layer)
    assert code == ExitCode.OK
    assert err == ""
    assert out.startswith("mlready bank show · Small bank (acme-strict@1): 8 questions\n")
    assert "\nops: Operations\n" in out
    assert "ops.pager" in out
    assert "data.schema" not in out
    rollback = next(line for line in out.splitlines() if "serving.rollback" in line)
    assert "blocker" in rollback


def test_bank_show_json_of_the_merged_bank(in_repo: Path, small_layer: Path) -> None:
    code, out, _ = run("bank", "show", "--bank", small_layer, "--format", "json")
    assert code == ExitCode.OK
    document = json.loads(out)
    assert (document["bank"], document["version"]) == ("acme-strict", 1)
    assert [area["id"] for area in document["areas"]] == ["data", "serving", "ops"]


def test_bank_validate_of_a_layer(in_repo: Path, small_layer: Path) -> None:
    code, out, _ = run("bank", "validate", "--bank", small_layer)
    assert code == ExitCode.OK
    assert "acme-strict@1" in out
    broken = write_layer(in_repo, "disable: [serving.mode]\n", base="small.yaml", name="b.yaml")
    code, out, err = run("bank", "validate", "--bank", broken)
    assert code == ExitCode.INVALID
    assert out == ""
    assert f"error: {broken}:4:" in err
    assert "Traceback" not in err


def test_check_with_a_layered_bank(in_repo: Path, bank_file: Path, small_layer: Path) -> None:
    answers = in_repo / "mlready.yaml"
    answers.write_text(BEST_ANSWERS + "  ops.pager: yes\n", encoding="utf-8")
    code, out, err = run("check", answers, "--bank", small_layer, "--format", "json")
    assert code == ExitCode.OK
    document = json.loads(out)
    assert document["bank"] == "acme-strict@1"
    assert [area["id"] for area in document["areas"]] == ["data", "serving", "ops"]
    assert "data.schema" not in document["checks"]
    assert document["checks"]["ops.pager"] == 1.0
    assert f"warning: {answers}:8:16: 'data.schema' is disabled by bank acme-strict@1" in err


def test_check_applies_the_layers_overrides(
    in_repo: Path, bank_file: Path, small_layer: Path
) -> None:
    answers = in_repo / "mlready.yaml"
    answers.write_text(
        BEST_ANSWERS.replace("serving.rollback: yes", "serving.rollback: partial"),
        encoding="utf-8",
    )
    # A major gap in the base bank passes the default gate ...
    assert run("check", answers, "--bank", bank_file)[0] == ExitCode.OK
    # ... the layer makes it a blocker (the same file works with both banks).
    code, out, _ = run(
        "check", answers, "--bank", small_layer, "--format", "json", "--allow-incomplete"
    )
    assert code == ExitCode.GATE_FAILED
    document = json.loads(out)
    assert document["blockers"] == ["serving.rollback"]
    assert document["level"] == "pilot"  # below the top; a partly done blocker forces nothing


def test_a_rewrite_keeps_naming_the_base_bank(tmp_path: Path) -> None:
    layer = tmp_path / "strict.yaml"
    layer.write_text("bank: strict\nversion: 1\nextends: default\ndisable: [data.owner]\n")
    strict, base = load_bank(layer), load_bank()
    written_for_base = answers_from_document(
        parse_yaml("mlready: 1\nbank: default@3\nanswers: {data.owner: me}\n", source="a"),
        strict,
    )
    text = render_answers(strict, written_for_base)
    assert "\nbank: default@3\n" in text
    again = answers_from_document(parse_yaml(text, source="again.yaml"), base)
    assert again.get("data.owner") == AnswerEntry(value="me")
    fresh = answers_from_document(parse_yaml("mlready: 1\n", source="b"), strict)
    assert "\nbank: strict@1\n" in render_answers(strict, fresh)


def test_one_file_works_with_the_layer_and_with_its_base(
    in_repo: Path, small_layer: Path, bank_file: Path
) -> None:
    # Walked with the layer: the file names the base bank and records the layer it answers.
    layer = load_bank(small_layer)
    answered = answers_from_document(
        parse_yaml(BEST_ANSWERS + "  ops.pager: yes\n", source="a.yaml"), layer
    )
    text = render_answers(layer, answered)
    assert "\nbank: small@1\nlayers: [acme-strict@1]\n" in text
    path = in_repo / "a.yaml"
    path.write_text(text, encoding="utf-8")
    # Checked with the base: the layer's answer is kept but ignored, with one warning.
    code, out, err = run("check", path, "--bank", bank_file, "-f", "json")
    assert code == ExitCode.OK, err
    assert "ops.pager" not in json.loads(out)["checks"]
    assert err.count("warning:") == 1
    assert "1 answer to questions of acme-strict@1, which small@1 does not include" in err
    # Rewritten with the base, nothing is lost; with the layer again, the answer counts again.
    base = load_bank(bank_file)
    rewritten = render_answers(base, answers_from_document(parse_yaml(text, source="a"), base))
    assert "  ops.pager: yes\n" in rewritten
    assert "layers: [acme-strict@1]" in rewritten
    again = answers_from_document(parse_yaml(rewritten, source="b"), layer)
    assert again.get("ops.pager") == AnswerEntry(value="yes")


def test_a_layer_that_disables_an_expected_decision_expects_it_no_more(tmp_path: Path) -> None:
    (tmp_path / "expecting.yaml").write_text(EXPECTING_BANK, encoding="utf-8")
    bank = load_bank(write_layer(tmp_path, "disable: [profile.mode]\n", base="expecting.yaml"))
    assert "profile.mode" not in bank.questions
    # the merged bank (`bank show --format json` gives it to other tools) names only its own
    assert bank.questions["profile.task"].options[0].expects == {}
    kept = load_bank(write_layer(tmp_path / "kept", "disable: []\n", base="../expecting.yaml"))
    assert kept.questions["profile.task"].options[0].expects == {"profile.mode": ("batch",)}
