"""Unit tests of loading a question bank: one case per validation rule, each with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlready.core.bank import bank_from_document
from mlready.core.errors import MAX_MESSAGES, InputError
from mlready.core.model import DEFAULT_LEVELS, Bank, Kind, Severity
from mlready.io.bank_file import load_bank
from mlready.io.yamlio import parse_yaml
from tests.helpers.small_bank import SMALL_BANK_IDS

# Every case below changes this bank in one place; the comments give the line numbers.
BANK = """\
bank: acme
version: 1
areas:
  - id: serving
    title: Serving
    questions:
      - id: serving.mode
        kind: choice
        prompt: How are predictions served?
        why: Batch and real-time fail differently.
        options:
          - {value: batch}
          - {value: realtime}
      - id: serving.owner
        kind: text
        prompt: Who owns serving?
        why: Someone must answer for it.
      - id: serving.rollback
        prompt: Has a rollback been rehearsed?
        why: An untested rollback fails when it is needed.
"""
#  1 bank            7 serving.mode (choice)   14 serving.owner (text)   18 serving.rollback
#  2 version        11 options                 15 kind: text             19 prompt
#  3 areas          12 batch                                             20 why
#  4 area           13 realtime                                          21 (first added line)


def replace(old: str, new: str) -> str:
    assert BANK.count(old) == 1, old
    return BANK.replace(old, new)


def on_check(*lines: str) -> str:
    """Keys added to serving.rollback, from line 21."""
    return BANK + "".join(f"        {line}\n" for line in lines)


def on_choice(*lines: str) -> str:
    """Keys added to serving.mode, from line 11."""
    return replace(
        "        why: Batch and real-time fail differently.\n",
        "        why: Batch and real-time fail differently.\n"
        + "".join(f"        {line}\n" for line in lines),
    )


def on_text(*lines: str) -> str:
    """Keys added to serving.owner, from line 18."""
    return replace(
        "        why: Someone must answer for it.\n",
        "        why: Someone must answer for it.\n"
        + "".join(f"        {line}\n" for line in lines),
    )


def with_levels(*levels: str) -> str:
    """A `levels` list before `areas`: the first level is on line 4."""
    listed = "".join(f"  - {level}\n" for level in levels)
    return replace("areas:\n", f"levels:\n{listed}areas:\n")


NEW_AREA = "  - id: {id}\n    title: More\n    questions:\n{questions}"
ONE_QUESTION = "      - id: {id}\n        prompt: P?\n        why: W.\n"


def parse_bank(text: str, source: str = "bank.yaml") -> Bank:
    return bank_from_document(parse_yaml(text, source=source))


def bank_errors(text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse_bank(text)
    return caught.value.messages


def test_the_base_bank_is_valid() -> None:
    bank = parse_bank(BANK)
    assert list(bank.questions) == ["serving.mode", "serving.owner", "serving.rollback"]


RULES = [
    # unknown keys, at every level, with a suggestion for a typo
    pytest.param(
        replace("version: 1\n", "version: 1\ntittle: Acme\n"),
        "bank.yaml:3:",
        "unknown key 'tittle'; did you mean 'title'?",
        id="unknown-top-key",
    ),
    pytest.param(
        replace("    title: Serving\n", "    title: Serving\n    intor: Text.\n"),
        "bank.yaml:6:",
        "unknown key 'intor'; did you mean 'intro'?",
        id="unknown-area-key",
    ),
    pytest.param(
        on_check("severty: minor"),
        "bank.yaml:21:",
        "unknown key 'severty'; did you mean 'severity'?",
        id="unknown-question-key",
    ),
    pytest.param(
        on_check(
            "options:", "  - {value: full, score: 1}", "  - {value: none, score: 0, lable: N}"
        ),
        "bank.yaml:23:",
        "unknown key 'lable'; did you mean 'label'?",
        id="unknown-option-key",
    ),
    pytest.param(
        on_check("colour: red"), "bank.yaml:21:", "unknown key 'colour'", id="unknown-key-no-match"
    ),
    # required keys
    pytest.param(
        replace("bank: acme\n", ""), "bank.yaml:1:", "missing required key 'bank'", id="no-bank"
    ),
    pytest.param(
        replace("version: 1\n", ""),
        "bank.yaml:1:",
        "missing required key 'version'",
        id="no-version",
    ),
    pytest.param(
        "bank: acme\nversion: 1\ntitle: Acme\n",
        "bank.yaml:1:",
        "missing required key 'areas'",
        id="no-areas",
    ),
    pytest.param(
        replace("  - id: serving\n    title: Serving\n", "  - title: Serving\n"),
        "bank.yaml:4:",
        "missing required key 'id'",
        id="no-area-id",
    ),
    pytest.param(
        replace("    title: Serving\n", ""),
        "bank.yaml:4:",
        "missing required key 'title'",
        id="no-area-title",
    ),
    pytest.param(
        "bank: acme\nversion: 1\nareas:\n  - id: serving\n    title: Serving\n",
        "bank.yaml:4:",
        "missing required key 'questions'",
        id="no-area-questions",
    ),
    pytest.param(
        replace("      - id: serving.rollback\n        prompt", "      - prompt"),
        "bank.yaml:18:",
        "missing required key 'id'",
        id="no-question-id",
    ),
    pytest.param(
        replace("        prompt: Has a rollback been rehearsed?\n", ""),
        "bank.yaml:18:",
        "missing required key 'prompt'",
        id="no-prompt",
    ),
    pytest.param(
        replace("        why: An untested rollback fails when it is needed.\n", ""),
        "bank.yaml:18:",
        "missing required key 'why'",
        id="no-why",
    ),
    # ids
    pytest.param(
        replace("bank: acme\n", "bank: Acme_Vision\n"),
        "bank.yaml:1:",
        "bank 'Acme_Vision' is not a valid id (expected lowercase letters, digits and '-')",
        id="bad-bank-id",
    ),
    pytest.param(
        replace("id: serving.rollback", "id: Serving Rollback"),
        "bank.yaml:18:",
        "id 'Serving Rollback' is not a valid id",
        id="bad-question-id",
    ),
    pytest.param(
        replace("id: serving.rollback", "id: serving..rollback"),
        "bank.yaml:18:",
        "id 'serving..rollback' is not a valid id",
        id="empty-id-segment",
    ),
    # kind and severity
    pytest.param(
        on_check("kind: boolean"),
        "bank.yaml:21:",
        "kind must be one of check, choice, multi or text (got 'boolean')",
        id="unknown-kind",
    ),
    pytest.param(
        on_check("severity: critical"),
        "bank.yaml:21:",
        "severity must be one of blocker, major or minor (got 'critical')",
        id="bad-severity",
    ),
    # scores
    pytest.param(
        on_check("options:", "  - {value: full, score: 1.5}", "  - {value: none, score: 0}"),
        "bank.yaml:22:",
        "score must be at most 1 (got 1.5)",
        id="score-above-1",
    ),
    pytest.param(
        on_check("options:", "  - {value: full, score: 1}", "  - {value: none, score: -0.5}"),
        "bank.yaml:23:",
        "score must be at least 0 (got -0.5)",
        id="score-below-0",
    ),
    pytest.param(
        on_check("options:", "  - {value: full, score: 1}", "  - {value: none}"),
        "bank.yaml:23:",
        "missing required key 'score' (check options)",
        id="check-option-without-score",
    ),
    pytest.param(
        on_check("options:", "  - {value: most, score: 0.8}", "  - {value: none, score: 0}"),
        "bank.yaml:21:",
        "a check needs an option that scores 1",
        id="check-best-below-1",
    ),
    pytest.param(
        replace("          - {value: realtime}\n", "          - {value: realtime, score: 1}\n"),
        "bank.yaml:13:",
        "'score' belongs only on check options",
        id="score-on-choice-option",
    ),
    # keys that belong only on checks
    pytest.param(
        on_choice("severity: minor"),
        "bank.yaml:11:",
        "'severity' belongs only on check questions (this is a choice)",
        id="severity-on-choice",
    ),
    pytest.param(
        on_choice("weight: 2"),
        "bank.yaml:11:",
        "'weight' belongs only on check questions (this is a choice)",
        id="weight-on-choice",
    ),
    pytest.param(
        on_text("fix: Name an owner."),
        "bank.yaml:18:",
        "'fix' belongs only on check questions (this is a text)",
        id="fix-on-text",
    ),
    pytest.param(
        on_text("na: true"),
        "bank.yaml:18:",
        "'na' belongs only on check questions (this is a text)",
        id="na-on-text",
    ),
    # options by kind
    pytest.param(
        replace("          - {value: realtime}\n", ""),
        "bank.yaml:11:",
        "a choice question needs at least two options",
        id="choice-one-option",
    ),
    pytest.param(
        on_check("kind: multi", "options: [{value: only}]"),
        "bank.yaml:22:",
        "a multi question needs at least two options",
        id="multi-one-option",
    ),
    pytest.param(
        on_check("kind: multi"),
        "bank.yaml:18:",
        "a multi question needs at least two options",
        id="multi-no-options",
    ),
    pytest.param(
        on_text("options:", "  - {value: a}", "  - {value: b}"),
        "bank.yaml:18:",
        "text questions take no options",
        id="text-with-options",
    ),
    pytest.param(
        replace("          - {value: realtime}\n", "          - {value: batch}\n"),
        "bank.yaml:13:",
        "duplicate option value 'batch'",
        id="duplicate-option-value",
    ),
    pytest.param(
        replace("          - {value: realtime}\n", "          - {value: na}\n"),
        "bank.yaml:13:",
        "'na' is reserved for 'not applicable'; set 'na: true' on the question instead",
        id="option-value-na",
    ),
    pytest.param(
        replace("          - {value: realtime}\n", "          - {value: Real Time}\n"),
        "bank.yaml:13:",
        "value 'Real Time' is not a valid id",
        id="bad-option-value",
    ),
    # unique ids
    pytest.param(
        replace("id: serving.rollback", "id: serving.mode"),
        "bank.yaml:18:",
        "duplicate question id 'serving.mode'",
        id="duplicate-question-id",
    ),
    pytest.param(
        BANK + NEW_AREA.format(id="more", questions=ONE_QUESTION.format(id="serving.owner")),
        "bank.yaml:24:",
        "duplicate question id 'serving.owner'",
        id="duplicate-question-id-across-areas",
    ),
    pytest.param(
        BANK + NEW_AREA.format(id="serving", questions=ONE_QUESTION.format(id="more.one")),
        "bank.yaml:21:",
        "duplicate area id 'serving'",
        id="duplicate-area-id",
    ),
    pytest.param(
        BANK + NEW_AREA.format(id="empty", questions="").replace("questions:\n", "questions: []\n"),
        "bank.yaml:23:",
        "area has no questions",
        id="area-without-questions",
    ),
    # when
    pytest.param(
        on_choice("when: {serving.rollback: yes}"),
        "bank.yaml:11:",
        "'when' names a later question 'serving.rollback'; it may name only questions earlier",
        id="when-later-question",
    ),
    pytest.param(
        on_check("when: {serving.rollback: yes}"),
        "bank.yaml:21:",
        "'when' names the question itself",
        id="when-itself",
    ),
    pytest.param(
        on_check("when: {serving.mdoe: batch}"),
        "bank.yaml:21:",
        "'when' names an unknown question 'serving.mdoe'; it may name only questions earlier "
        "in the bank; did you mean 'serving.mode'?",
        id="when-unknown-question",
    ),
    pytest.param(
        on_check("when: {serving.owner: someone}"),
        "bank.yaml:21:",
        "'when' cannot depend on text question 'serving.owner'",
        id="when-text-question",
    ),
    pytest.param(
        on_check("when: {serving.mode: stream}"),
        "bank.yaml:21:",
        "'serving.mode' has no option 'stream' (its options: batch, realtime)",
        id="when-unknown-value",
    ),
    pytest.param(
        on_check("when:", "  serving.mode: [batch, stream]"),
        "bank.yaml:22:",
        "'serving.mode' has no option 'stream' (its options: batch, realtime)",
        id="when-unknown-value-in-list",
    ),
    pytest.param(
        on_check("when: {serving.mode: []}"),
        "bank.yaml:21:",
        "'when' needs at least one value for 'serving.mode'",
        id="when-no-values",
    ),
    # levels
    pytest.param(
        with_levels("{name: gold, min: 50}", "{name: silver, min: 60}", "{name: none, min: 0}"),
        "bank.yaml:5:",
        "levels must be listed from the highest 'min' down",
        id="levels-not-descending",
    ),
    pytest.param(
        with_levels("{name: gold, min: 50}", "{name: silver, min: 50}", "{name: none, min: 0}"),
        "bank.yaml:5:",
        "levels must be listed from the highest 'min' down",
        id="levels-equal-min",
    ),
    pytest.param(
        with_levels("{name: gold, min: 50}", "{name: silver, min: 10}"),
        "bank.yaml:5:",
        "the lowest level must have min 0",
        id="lowest-level-not-0",
    ),
    pytest.param(
        with_levels("{name: gold, min: 50}", "{name: gold, min: 0}"),
        "bank.yaml:5:",
        "duplicate level 'gold'",
        id="duplicate-level-name",
    ),
    pytest.param(
        with_levels("{name: gold, min: 150}", "{name: none, min: 0}"),
        "bank.yaml:4:",
        "min must be at most 100 (got 150)",
        id="level-min-above-100",
    ),
    pytest.param(
        replace("areas:\n", "levels: []\nareas:\n"),
        "bank.yaml:3:",
        "at least one level is needed",
        id="no-levels",
    ),
    # wrong types
    pytest.param(
        replace("version: 1\n", 'version: "two"\n'),
        "bank.yaml:2:",
        "version must be a whole number (got 'two')",
        id="version-string",
    ),
    pytest.param(
        replace("version: 1\n", "version: 1.5\n"),
        "bank.yaml:2:",
        "version must be a whole number (got 1.5)",
        id="version-fraction",
    ),
    pytest.param(
        "bank: acme\nversion: 1\nareas: serving\n",
        "bank.yaml:3:",
        "areas must be a list (got 'serving')",
        id="areas-string",
    ),
    pytest.param(
        "bank: acme\nversion: 1\nareas:\n  - id: serving\n    title: Serving\n"
        "    questions:\n      serving.mode: {prompt: P?, why: W.}\n",
        "bank.yaml:6:",
        "questions must be a list (got a mapping)",
        id="questions-mapping",
    ),
    pytest.param(
        on_check("options: {value: yes, score: 1}"),
        "bank.yaml:21:",
        "options must be a list (got a mapping)",
        id="options-mapping",
    ),
    pytest.param(
        replace("  - id: serving\n", "  - serving\n  - id: serving\n"),
        "bank.yaml:4:",
        "must be a mapping (got 'serving')",
        id="area-string",
    ),
    pytest.param(
        "- a\n- b\n", "bank.yaml:1:", "file must be a mapping (got a list)", id="root-list"
    ),
    pytest.param("just text\n", "bank.yaml:1:", "file must be a mapping", id="root-string"),
    pytest.param(
        on_check("na: maybe"),
        "bank.yaml:21:",
        "na must be true or false (got 'maybe')",
        id="na-word",
    ),
    pytest.param(
        on_check("weight: 0"),
        "bank.yaml:21:",
        "weight must be greater than 0 (got 0)",
        id="weight-0",
    ),
    pytest.param(
        on_check("weight: heavy"),
        "bank.yaml:21:",
        "weight must be a number (got 'heavy')",
        id="weight-word",
    ),
    pytest.param(
        on_check("prompt2: x"),
        "bank.yaml:21:",
        "unknown key 'prompt2'; did you mean 'prompt'?",
        id="near-miss-key",
    ),
    # no Python is ever evaluated from a bank
    pytest.param(
        on_check("fix: !!python/object/apply:os.system [echo owned]"),
        "bank.yaml:21:",
        "YAML tags",
        id="python-tag",
    ),
]


@pytest.mark.parametrize(("text", "where", "expected"), RULES)
def test_rule(text: str, where: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_bank(text)
    messages = caught.value.messages
    assert len(messages) == 1, messages
    assert messages[0].startswith(where), messages
    assert expected in messages[0]


def test_message_names_line_and_column() -> None:
    assert bank_errors(on_check("severity: critical")) == [
        "bank.yaml:21:19: severity must be one of blocker, major or minor (got 'critical')"
    ]


# --- several problems at once ---------------------------------------------------------------


def test_several_problems_are_reported_together() -> None:
    text = (
        with_levels("{name: gold, min: 50}", "{name: low, min: 10}")
        .replace("id: serving.rollback", "id: serving.mode")
        .replace(
            "        why: An untested rollback fails when it is needed.\n",
            "        why: An untested rollback fails when it is needed.\n"
            "        when: {serving.mdoe: batch}\n",
        )
    )
    messages = bank_errors(text)
    assert len(messages) == 3, messages
    assert messages[0].startswith("bank.yaml:5:")
    assert "the lowest level must have min 0" in messages[0]
    assert messages[1].startswith("bank.yaml:21:")
    assert "duplicate question id 'serving.mode'" in messages[1]
    assert messages[2].startswith("bank.yaml:24:")
    assert "unknown question 'serving.mdoe'" in messages[2]


def test_several_shape_problems_are_reported_together() -> None:
    text = replace("bank: acme\n", "bank: Acme\nauthor: me\n") + "        severity: huge\n"
    messages = bank_errors(text)
    assert len(messages) == 3, messages
    lines = sorted(int(message.split(":")[1]) for message in messages)
    assert lines == [1, 2, 22]


def test_problems_of_several_questions_each_keep_their_line() -> None:
    text = BANK + NEW_AREA.format(
        id="more",
        questions=ONE_QUESTION.format(id="more.one") + "        kind: choice\n",
    )
    messages = bank_errors(text.replace("      - id: serving.rollback\n", "      - id: s.r\n"))
    assert messages == ["bank.yaml:24:9: a choice question needs at least two options"]


def test_the_number_of_messages_is_capped() -> None:
    questions = "".join(
        ONE_QUESTION.format(id=f"more.q{n}") + "        kind: boolean\n" for n in range(30)
    )
    messages = bank_errors(BANK + NEW_AREA.format(id="more", questions=questions))
    assert len(messages) == MAX_MESSAGES + 1
    assert messages[0].startswith("bank.yaml:27:")
    assert all("kind must be one of" in message for message in messages[:-1])
    assert messages[-1] == "… and 10 more problems"


# --- defaults and values --------------------------------------------------------------------


def test_check_defaults_are_filled(small_bank: Bank) -> None:
    lineage = small_bank.questions["data.lineage"]
    assert lineage.kind is Kind.CHECK
    assert [(o.value, o.label, o.score) for o in lineage.options] == [
        ("yes", "Yes", 1.0),
        ("partial", "Partly", 0.5),
        ("no", "No", 0.0),
    ]


@pytest.mark.parametrize(
    ("question_id", "severity", "weight"),
    [
        ("data.lineage", Severity.BLOCKER, 3.0),
        ("data.tokenizer", Severity.MAJOR, 2.0),  # no severity given: major
        ("data.schema", Severity.MINOR, 1.0),
        ("serving.latency", Severity.MAJOR, 2.0),
        ("serving.rollback", Severity.MAJOR, 4.0),  # an explicit weight is kept
    ],
)
def test_severity_and_weight(
    small_bank: Bank, question_id: str, severity: Severity, weight: float
) -> None:
    question = small_bank.questions[question_id]
    assert question.severity is severity
    assert question.score_weight == weight
    assert question.gap_severity is severity


def test_explicit_weight_wins_over_severity() -> None:
    bank = parse_bank(on_check("severity: blocker", "weight: 0.5"))
    rollback = bank.questions["serving.rollback"]
    assert (rollback.severity, rollback.weight) == (Severity.BLOCKER, 0.5)


def test_custom_check_options_are_kept(small_bank: Bank) -> None:
    latency = small_bank.questions["serving.latency"]
    assert [(o.value, o.label, o.score) for o in latency.options] == [
        ("automated", "Automated in CI", 1.0),
        ("manual", "Measured by hand", 0.5),
        ("none", "Not measured", 0.0),
    ]
    assert max(option.score or 0.0 for option in latency.options) == 1.0


def test_decisions_get_no_check_defaults(small_bank: Bank) -> None:
    for question_id in ("data.modality", "data.owner", "serving.mode"):
        question = small_bank.questions[question_id]
        assert question.severity is None
        assert question.weight is None
        assert all(option.score is None for option in question.options)
    assert small_bank.questions["data.owner"].options == ()


def test_when_values_become_tuples(small_bank: Bank) -> None:
    assert small_bank.questions["data.tokenizer"].when == {"data.modality": ("text",)}
    bank = parse_bank(on_check("when: {serving.mode: [batch, realtime]}"))
    assert bank.questions["serving.rollback"].when == {"serving.mode": ("batch", "realtime")}


@pytest.mark.parametrize(
    ("written", "expected"),
    [("yes", True), ("true", True), ("on", True), ("no", False), ("false", False), ("off", False)],
)
def test_na_words_are_booleans(written: str, expected: bool) -> None:
    bank = parse_bank(on_check(f"na: {written}"))
    assert bank.questions["serving.rollback"].na is expected


def test_na_defaults_to_false(small_bank: Bank) -> None:
    assert small_bank.questions["data.lineage"].na is False
    assert small_bank.questions["data.schema"].na is True


def test_words_stay_words() -> None:
    bank = parse_bank(
        replace("    title: Serving\n", "    title: Yes\n")
        + "        options:\n"
        + "          - {value: yes, label: No, score: 1}\n"
        + "          - {value: no, label: Off, score: 0}\n"
        + "        fix: 'null'\n"
    )
    rollback = bank.questions["serving.rollback"]
    assert [(o.value, o.label) for o in rollback.options] == [("yes", "No"), ("no", "Off")]
    assert rollback.option("yes") is not None
    assert rollback.describe("yes") == "No"
    assert rollback.fix == "null"
    assert bank.areas[0].title == "Yes"


def test_numeric_option_values_mean_their_digits() -> None:
    bank = parse_bank(
        replace("          - {value: batch}\n", "          - {value: 1}\n").replace(
            "          - {value: realtime}\n", "          - {value: '2'}\n"
        )
    )
    assert [o.value for o in bank.questions["serving.mode"].options] == ["1", "2"]


def test_bank_title_and_levels_default() -> None:
    bank = parse_bank(BANK)
    assert bank.title is None
    assert bank.display_title == "acme"
    assert bank.ref == "acme@1"
    assert bank.levels == DEFAULT_LEVELS
    assert [(level.name, level.min) for level in bank.levels] == [
        ("production", 90),
        ("pilot", 75),
        ("prototype", 50),
        ("not ready", 0),
    ]
    assert bank.lowest_level.name == "not ready"


def test_custom_levels_are_kept() -> None:
    bank = parse_bank(
        with_levels("{name: gold, min: 85}", "{name: silver, min: 60}", "{name: unrated, min: 0}")
    )
    assert [(level.name, level.min) for level in bank.levels] == [
        ("gold", 85),
        ("silver", 60),
        ("unrated", 0),
    ]
    assert bank.lowest_level.name == "unrated"


def test_optional_texts_are_read(small_bank: Bank) -> None:
    assert small_bank.display_title == "Small bank"
    assert small_bank.areas[0].intro == "Where data goes wrong."
    assert small_bank.questions["data.lineage"].fix == "Record the source of each example."
    assert small_bank.area_of["serving.rollback"].id == "serving"


def test_bank_order_is_kept(small_bank: Bank) -> None:
    assert list(small_bank.questions) == SMALL_BANK_IDS


def test_loaded_bank_is_frozen(small_bank: Bank) -> None:
    with pytest.raises(AttributeError, match="cannot assign"):
        small_bank.questions["data.lineage"].weight = 9  # type: ignore[misc]


# --- load_bank --------------------------------------------------------------------------------


def test_load_bank_from_a_file(bank_file: Path) -> None:
    bank = load_bank(bank_file)
    assert bank.ref == "small@1"
    assert len(bank.questions) == 8


def test_load_bank_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(on_check("severity: critical"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_bank(path)
    assert str(caught.value).startswith(f"{path}:21:19: severity must be one of")


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"", "the bank is empty"), (b"a: \xff\n", "not UTF-8 (byte 0xff); save the bank as UTF-8")],
)
def test_load_bank_refuses_unreadable_files(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(data)
    with pytest.raises(InputError, match="^" + str(path)) as caught:
        load_bank(path)
    assert expected in str(caught.value)


def test_load_bank_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_bank(tmp_path / "absent.yaml")
    assert str(caught.value) == f"{tmp_path / 'absent.yaml'}: no such bank"


def test_builtin_bank_loads() -> None:
    bank = load_bank()
    assert bank.bank == "default"
    assert [area.id for area in bank.areas] == [
        "data",
        "preprocessing",
        "framework",
        "training",
        "serving",
        "monitoring",
    ]
    checks = [q for q in bank.questions.values() if q.kind is Kind.CHECK]
    assert checks
    assert all(question.fix for question in checks)  # the built-in bank gives every check a fix
    assert all(area.questions for area in bank.areas)
