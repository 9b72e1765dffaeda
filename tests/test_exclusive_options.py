"""Exclusive options of multi questions ("none of these"): chosen alone or not at all, in the
bank's rules, the answers file, `check`, the walk, the skeleton and the JSON Schema."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pexpect
import pytest
from jsonschema import Draft7Validator

from mlready.core.bank import bank_from_document
from mlready.core.errors import ExitCode, InputError
from mlready.core.kinds import Invalid, kind_of
from mlready.core.model import Bank
from mlready.io.answers_file import load_answers
from mlready.io.bank_file import load_bank
from mlready.io.yamlio import parse_yaml
from tests.helpers.commands import run
from tests.helpers.walk_script import run_walk

LABELLED = """\
bank: labelled
version: 1
areas:
  - id: data
    title: Data
    questions:
      - id: data.labels
        kind: multi
        prompt: Where do the labels come from?
        why: Each source fails in its own way.
        options:
          - {value: people, label: People label examples}
          - {value: outcomes, label: Recorded outcomes}
          - {value: none, label: No labels at all, exclusive: true}
      - id: data.inputs
        kind: multi
        prompt: Which inputs?
        why: They decide the preprocessing.
        options: [{value: text}, {value: image}]
      - id: data.graded
        prompt: Are outputs graded without labels?
        why: A system without labels still has to be shown to work.
        fix: Grade a sample against a rubric.
        when: {data.labels: none}
"""

HEAD = "mlready: 1\nbank: labelled@1\nanswers:\n"


@pytest.fixture
def labelled() -> Bank:
    return bank_from_document(parse_yaml(LABELLED, source="labelled.yaml"))


@pytest.fixture
def bank_path(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.yaml"
    path.write_text(LABELLED, encoding="utf-8")
    return path


# --- the rule -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (("none",), None),
        (("people", "outcomes"), None),
        ("none", None),
        (("none", "none"), None),
        (
            ("people", "none"),
            "'none' is chosen alone in 'data.labels', not with other options (also chosen: people)",
        ),
        (
            ("none", "outcomes", "people"),
            "'none' is chosen alone in 'data.labels', not with other options "
            "(also chosen: outcomes, people)",
        ),
        ((), "'data.labels' takes at least one option; for none of the others, choose none alone"),
    ],
)
def test_an_exclusive_option_is_chosen_alone(
    labelled: Bank, value: str | tuple[str, ...], problem: str | None
) -> None:
    normalised = kind_of(labelled.questions["data.labels"]).normalised(
        labelled.questions["data.labels"], value
    )
    assert normalised.problems == ((problem,) if problem else ())


def test_a_multi_question_without_one_may_still_be_answered_with_none_of_its_options(
    labelled: Bank,
) -> None:
    question = labelled.questions["data.inputs"]
    assert kind_of(question).normalised(question, ()).problems == ()


@pytest.mark.parametrize("kind", ["choice", "check"])
def test_only_options_of_multi_questions_can_be_exclusive(kind: str) -> None:
    text = f"""\
bank: wrong
version: 1
areas:
  - id: data
    title: Data
    questions:
      - id: data.q
        {"kind: choice" if kind == "choice" else "fix: Do it."}
        prompt: Which?
        why: Because.
        options:
          - {{value: a{", score: 1" if kind == "check" else ""}}}
          - {{value: b, exclusive: true{", score: 0" if kind == "check" else ""}}}
"""
    with pytest.raises(InputError) as caught:
        bank_from_document(parse_yaml(text, source="wrong.yaml"))
    column = text.splitlines()[12].index("true") + 1  # at the value of the key
    assert caught.value.messages == [
        f"wrong.yaml:13:{column}: 'exclusive' belongs only on options of multi questions "
        f"(this is a {kind})"
    ]


# --- check: an invalid answer is one located line and exit 2 ------------------------------------


def test_check_refuses_an_exclusive_option_with_others(tmp_path: Path, bank_path: Path) -> None:
    answers = tmp_path / "mlready.yaml"
    answers.write_text(HEAD + "  data.labels: [people, none]\n  data.inputs: [text]\n")
    code, out, err = run("check", answers, "--bank", bank_path)
    assert code == ExitCode.INVALID
    assert out == ""
    assert err.splitlines() == [
        f"error: {answers}:4:16: 'none' is chosen alone in 'data.labels', not with other "
        "options (also chosen: people)"
    ]


def test_check_refuses_an_empty_answer_where_an_option_says_none(
    tmp_path: Path, bank_path: Path
) -> None:
    answers = tmp_path / "mlready.yaml"
    answers.write_text(HEAD + "  data.labels: []\n  data.inputs: []\n")
    code, _, err = run("check", answers, "--bank", bank_path)
    assert code == ExitCode.INVALID
    assert err.splitlines() == [
        f"error: {answers}:4:16: 'data.labels' takes at least one option; for none of the "
        "others, choose none alone"
    ]  # data.inputs has no such option: [] is its answer "none of them"


def test_check_takes_the_exclusive_option_alone(tmp_path: Path, bank_path: Path) -> None:
    answers = tmp_path / "mlready.yaml"
    answers.write_text(HEAD + "  data.labels: none\n  data.inputs: [text]\n  data.graded: yes\n")
    code, out, err = run("check", answers, "--bank", bank_path, "--format", "json")
    assert code == ExitCode.OK, err
    assert json.loads(out)["score"] == 100


# --- the walk ------------------------------------------------------------------------------------


def test_the_walk_refuses_an_exclusive_option_with_others_and_asks_again(labelled: Bank) -> None:
    result, prompt, _ = run_walk(labelled, ["1,3", "-", "3", "1", "yes"])
    assert prompt.shown == ["data.labels"] * 3 + ["data.inputs", "data.graded"]
    assert prompt.told == [
        "'none' is chosen alone in 'data.labels', not with other options (also chosen: people).",
        "'data.labels' takes at least one option; for none of the others, choose none alone.",
    ]
    assert result.answers.get("data.labels").value == ("none",)  # type: ignore[union-attr]
    assert prompt.screens[0].hint.startswith("numbers or values, e.g. 1,3; none only alone")
    assert prompt.screens[3].hint.startswith("numbers or values, e.g. 1,3; - for none")


def test_parsing_what_a_person_types(labelled: Bank) -> None:
    question = labelled.questions["data.labels"]
    rules = kind_of(question)
    assert rules.parsed(question, "1, 2") == ("people", "outcomes")
    assert rules.parsed(question, "none") == ("none",)
    assert isinstance(rules.parsed(question, "none,people"), Invalid)


@pytest.mark.slow
def test_ask_in_a_terminal_refuses_it_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(LABELLED, encoding="utf-8")
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100", "LINES": "40", "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "mlready", "ask", "answers.yaml", "--bank", "small.yaml", "--no-report"],
        cwd=tmp_path,
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(40, 100),
    )
    child.expect_exact("Project name")
    child.sendline("p")
    child.expect_exact("Owner")
    child.sendline("o")
    child.expect_exact("Where do the labels come from?")
    child.expect_exact("none only alone")
    child.expect_exact("› ")
    child.sendline("1,3")
    child.expect_exact("'none' is chosen alone in 'data.labels'")
    child.expect_exact("› ")
    child.sendline("3")
    child.expect_exact("Which inputs?")
    child.expect_exact("› ")
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == ExitCode.OK
    answers = load_answers(tmp_path / "answers.yaml", load_bank(tmp_path / "small.yaml"))
    assert answers.get("data.labels").value == ("none",)  # type: ignore[union-attr]


# --- what an editor and a skeleton say ------------------------------------------------------------


def test_the_answers_schema_holds_an_exclusive_option_alone(bank_path: Path) -> None:
    code, out, err = run("schema", "answers", "--bank", bank_path)
    assert code == ExitCode.OK, err
    validator = Draft7Validator(json.loads(out))

    def valid(value: object) -> bool:
        document = {"mlready": 1, "answers": {"data.labels": value}}
        return validator.is_valid(document)

    assert valid("none") and valid(["none"]) and valid(["people", "outcomes"]) and valid(None)
    assert not valid(["people", "none"])
    assert not valid([])
    assert not valid(["elsewhere"])


def test_the_skeleton_says_which_option_goes_alone(tmp_path: Path, bank_path: Path) -> None:
    code, _, err = run("init", tmp_path / "new.yaml", "--bank", bank_path, "--no-schema")
    assert code == ExitCode.OK, err
    text = (tmp_path / "new.yaml").read_text(encoding="utf-8")
    assert "#   (none: only alone)\n" in text
