"""Unit tests of answers files: loading against a bank, rendering, and saving atomically."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from mlready.core.answers import Answers, answers_from_document, empty_answers
from mlready.core.bank import bank_from_document
from mlready.core.errors import InputError, MlreadyError
from mlready.core.model import AnswerEntry, Bank, Project
from mlready.io import files
from mlready.io.answers_file import AnswersEditor, load_answers, render_answers
from mlready.io.yamlio import parse_yaml
from tests.helpers.small_bank import BEST_ANSWERS

Parse = Callable[[str], Answers]

# The answers start on line 4.
HEAD = "mlready: 1\nbank: small@1\nanswers:\n"


def answers_errors(parse: Parse, text: str) -> list[str]:
    with pytest.raises(InputError) as caught:
        parse(text)
    return caught.value.messages


# --- errors, each with its line ----------------------------------------------------------------

ERRORS = [
    # the format version and the root
    pytest.param(
        "bank: small\nanswers: {}\n",
        "answers.yaml:1:",
        "missing required key 'mlready' (the answers format version; write 'mlready: 1')",
        id="no-format-version",
    ),
    pytest.param(
        "bank: small\nmlready: 0\n",
        "answers.yaml:2:",
        "mlready must be 1, the answers format version (got 0)",
        id="format-0",
    ),
    pytest.param(
        "mlready: '1'\n", "answers.yaml:1:", "mlready must be 1", id="format-quoted-string"
    ),
    pytest.param("mlready: one\n", "answers.yaml:1:", "mlready must be 1", id="format-word"),
    pytest.param("mlready:\n", "answers.yaml:1:", "mlready must be 1", id="format-empty"),
    pytest.param(
        "# written later\nmlready: 2\nanswers: {}\n",
        "answers.yaml:2:",
        "written by a newer mlready (answers format 2); this mlready reads format 1",
        id="format-newer",
    ),
    pytest.param(
        "- mlready: 1\n",
        "answers.yaml:1:",
        "an answers file is a mapping with the keys mlready, bank, project and answers",
        id="root-list",
    ),
    pytest.param(
        "mlready 1\n", "answers.yaml:1:", "an answers file is a mapping", id="root-string"
    ),
    pytest.param(
        "# nothing\n", "answers.yaml:", "the file holds no data (only comments", id="root-none"
    ),
    # the bank
    pytest.param(
        "mlready: 1\nbank: other@1\nanswers: {}\n",
        "answers.yaml:2:",
        "these answers are for bank 'other@1', but the bank in use is 'small@1'",
        id="other-bank",
    ),
    pytest.param(
        "mlready: 1\nbank: other@2\nanswers: {}\n",
        "answers.yaml:2:",
        "these answers are for bank 'other@2'",
        id="other-bank-other-version",
    ),
    pytest.param(
        "mlready: 1\nbank: other\nanswers: {}\n",
        "answers.yaml:2:",
        "these answers are for bank 'other'",
        id="other-bank-no-version",
    ),
    pytest.param(
        "mlready: 1\nbank: Small Bank\nanswers: {}\n",
        "answers.yaml:2:",
        "bank 'Small Bank' is not a valid id",
        id="bad-bank-ref",
    ),
    # unknown ids with the same (or no) version are errors
    pytest.param(
        HEAD + "  data.lineage: yes\n  data.linage: yes\n",
        "answers.yaml:5:",
        "unknown question 'data.linage'; did you mean 'data.lineage'?",
        id="unknown-id",
    ),
    pytest.param(
        "mlready: 1\nbank: small\nanswers:\n  serving.mod: batch\n",
        "answers.yaml:4:",
        "unknown question 'serving.mod'; did you mean 'serving.mode'?",
        id="unknown-id-no-version",
    ),
    pytest.param(
        "mlready: 1\nanswers:\n  zzz: batch\n",
        "answers.yaml:3:",
        "unknown question 'zzz'",
        id="unknown-id-no-bank",
    ),
    # values
    pytest.param(
        HEAD + "  serving.mode: stream\n",
        "answers.yaml:4:",
        "'stream' is not an option of 'serving.mode' (expected one of: batch, realtime)",
        id="choice-value",
    ),
    pytest.param(
        HEAD + "  serving.latency: yes\n",
        "answers.yaml:4:",
        "'yes' is not an option of 'serving.latency' (expected one of: automated, manual, none)",
        id="yes-for-custom-check",
    ),
    pytest.param(
        HEAD + "  data.lineage: maybe\n",
        "answers.yaml:4:",
        "'maybe' is not an option of 'data.lineage' (expected one of: yes, partial, no)",
        id="check-value",
    ),
    pytest.param(
        HEAD + "  data.lineage: 1\n",
        "answers.yaml:4:",
        "'1' is not an option of 'data.lineage'",
        id="number-for-check",
    ),
    pytest.param(
        HEAD + "  data.modality: [image, video]\n",
        "answers.yaml:4:",
        "'video' is not an option of 'data.modality' (expected one of: image, text, tabular)",
        id="multi-value",
    ),
    pytest.param(
        HEAD + "  data.modality: video\n",
        "answers.yaml:4:",
        "'video' is not an option of 'data.modality'",
        id="multi-single-value",
    ),
    pytest.param(
        HEAD + "  serving.mode: [batch, realtime]\n",
        "answers.yaml:4:",
        "'serving.mode' takes one value, not a list (expected one of: batch, realtime)",
        id="list-for-choice",
    ),
    pytest.param(
        HEAD + "  data.lineage: [yes]\n",
        "answers.yaml:4:",
        "'data.lineage' takes one value, not a list",
        id="list-for-check",
    ),
    pytest.param(
        HEAD + "  data.owner: [a, b]\n",
        "answers.yaml:4:",
        "'data.owner' takes text, not a list",
        id="list-for-text",
    ),
    pytest.param(
        HEAD + "  serving.mode:\n    note: decided\n    value: stream\n",
        "answers.yaml:6:",
        "'stream' is not an option of 'serving.mode'",
        id="long-form-value-line",
    ),
    # na
    pytest.param(
        HEAD + "  data.lineage: na\n",
        "answers.yaml:4:",
        "'data.lineage' cannot be answered 'na'",
        id="na-not-allowed",
    ),
    pytest.param(
        HEAD + "  data.lineage: {value: na, note: Not relevant.}\n",
        "answers.yaml:4:",
        "'data.lineage' cannot be answered 'na'",
        id="na-not-allowed-with-note",
    ),
    pytest.param(
        HEAD + "  serving.mode: {value: na, note: Not decided.}\n",
        "answers.yaml:4:",
        "'serving.mode' cannot be answered 'na'",
        id="na-on-choice",
    ),
    pytest.param(
        HEAD + "  data.schema: na\n",
        "answers.yaml:4:",
        "an 'na' answer to 'data.schema' needs a note saying why",
        id="na-without-note",
    ),
    pytest.param(
        HEAD + "  data.schema:\n    evidence: x\n    value: na\n",
        "answers.yaml:6:",
        "an 'na' answer to 'data.schema' needs a note saying why",
        id="na-long-form-without-note",
    ),
    pytest.param(
        HEAD + "  data.schema: {value: na, note: ''}\n",
        "answers.yaml:4:",
        "note must not be empty",
        id="na-empty-note",
    ),
    # fields of the wrong type
    pytest.param(
        HEAD + "  data.lineage: {value: yes, note: [1]}\n",
        "answers.yaml:4:",
        "note must be text (got a list)",
        id="note-list",
    ),
    pytest.param(
        HEAD + "  data.lineage:\n    value: yes\n    evidence: {a: b}\n",
        "answers.yaml:6:",
        "evidence must be a list (got a mapping)",
        id="evidence-mapping",
    ),
    pytest.param(
        HEAD + "  data.lineage:\n    value: yes\n    evidence:\n      - ok\n      - [nested]\n",
        "answers.yaml:8:",
        "evidence must be text (got a list)",
        id="evidence-nested-list",
    ),
    pytest.param(
        # The issue's own example: in a flow mapping a comma ends the note.
        HEAD + "  data.schema: {value: na, note: Images of shelves only, no people.}\n",
        "answers.yaml:4:",
        "unknown key 'no people.'",
        id="comma-in-flow-note",
    ),
    pytest.param(
        HEAD + "  data.lineage: {value: yes, colour: red}\n",
        "answers.yaml:4:",
        "unknown key 'colour'",
        id="unknown-entry-key",
    ),
    pytest.param(
        "mlready: 1\nanswers: [data.lineage]\n",
        "answers.yaml:2:",
        "answers must be a mapping (got a list)",
        id="answers-list",
    ),
    pytest.param(
        "mlready: 1\nanswer: {}\n",
        "answers.yaml:2:",
        "unknown key 'answer'; did you mean 'answers'?",
        id="unknown-top-key",
    ),
    pytest.param(
        "mlready: 1\nproject:\n  name: x\n  onwer: me\n",
        "answers.yaml:4:",
        "unknown key 'onwer'; did you mean 'owner'?",
        id="unknown-project-key",
    ),
    pytest.param(
        "mlready: 1\nproject: {reviewed: last week}\n",
        "answers.yaml:2:",
        "reviewed must be a date like 2026-10-01",
        id="project-date",
    ),
    pytest.param(
        "mlready: 1\nproject: shelf-scanner\n",
        "answers.yaml:2:",
        "project must be a mapping",
        id="project-string",
    ),
    # malformed YAML
    pytest.param(
        HEAD + "  data.lineage: yes\n  data.lineage: no\n",
        "answers.yaml:5:",
        "duplicate key 'data.lineage'",
        id="duplicate-id",
    ),
]


@pytest.mark.parametrize(("text", "where", "expected"), ERRORS)
def test_error(parse_answers: Parse, text: str, where: str, expected: str) -> None:
    messages = answers_errors(parse_answers, text)
    assert len(messages) == 1, messages
    assert messages[0].startswith(where), messages
    assert expected in messages[0]


def test_several_problems_are_reported_together(parse_answers: Parse) -> None:
    messages = answers_errors(
        parse_answers, HEAD + "  serving.mode: stream\n  data.lineage: na\n  data.linage: yes\n"
    )
    assert [message.split(":")[1] for message in messages] == ["4", "5", "6"]


# --- another version of the bank --------------------------------------------------------------


def test_an_older_bank_version_is_a_warning(parse_answers: Parse) -> None:
    answers = parse_answers(
        "mlready: 1\nbank: small@0\nanswers:\n"
        "  data.lineage: yes\n  data.gone: partial\n  data.retired: {value: no, note: old}\n"
    )
    assert answers.bank_ref == "small@0"
    assert dict(answers.entries) == {"data.lineage": AnswerEntry(value="yes")}
    assert dict(answers.foreign) == {
        "data.gone": AnswerEntry(value="partial"),
        "data.retired": AnswerEntry(value="no", note="old"),
    }
    first, *unknown = answers.warnings
    assert first.startswith("answers.yaml:2:")
    assert "small@0" in first
    assert "small@1" in first
    assert "its new questions count as unanswered" in first  # an older version
    assert len(unknown) == 2
    assert unknown[0].startswith("answers.yaml:5:")
    assert "unknown question 'data.gone'" in unknown[0]
    assert unknown[0].endswith("ignored")
    assert unknown[1].startswith("answers.yaml:6:")


def test_a_newer_bank_version_is_an_error_at_its_line(parse_answers: Parse) -> None:
    # Read with an older bank, the answers to the newer one's questions would be set aside and
    # the rest judged as if complete: a gate would pass on a file it cannot fully read.
    messages = answers_errors(
        parse_answers, "mlready: 1\nbank: small@2\nanswers:\n  data.lineage: yes\n"
    )
    assert messages == [
        "answers.yaml:2:7: these answers need small@2, newer than the small@1 in use: upgrade "
        "mlready, or choose a bank of that version with --bank PATH"
    ]


def test_other_bank_version_still_checks_known_questions(parse_answers: Parse) -> None:
    messages = answers_errors(
        parse_answers, "mlready: 1\nbank: small@0\nanswers:\n  serving.mode: stream\n"
    )
    assert messages[0].startswith("answers.yaml:4:")
    assert "'stream' is not an option of 'serving.mode'" in messages[0]


def test_same_version_has_no_warnings(parse_answers: Parse) -> None:
    answers = parse_answers(HEAD + "  data.lineage: yes\n")
    assert answers.warnings == ()
    assert answers.foreign == {}
    assert answers.bank_ref == "small@1"


# --- values ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("yes", "yes"),
        ("Yes", "yes"),
        ("YES", "yes"),
        ("true", "yes"),
        ("True", "yes"),
        ("on", "yes"),
        ("On", "yes"),
        ("no", "no"),
        ("No", "no"),
        ("false", "no"),
        ("FALSE", "no"),
        ("off", "no"),
        ("partial", "partial"),
        ("Partial", "partial"),
    ],
)
def test_yes_no_words_for_a_yes_no_check(parse_answers: Parse, written: str, expected: str) -> None:
    answers = parse_answers(
        HEAD + f"  data.lineage: {written}\n  data.schema: {{value: {written}}}\n"
    )
    assert answers.entries["data.lineage"].value == expected
    assert answers.entries["data.schema"].value == expected


def test_text_answers_keep_the_words(parse_answers: Parse) -> None:
    answers = parse_answers(HEAD + "  data.owner: Yes\n")
    assert answers.entries["data.owner"].value == "Yes"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("data-team", "data-team"),
        ("'Data team: vision'", "Data team: vision"),
        ("42", "42"),
        ("no", "no"),
        ("2026-10-01", "2026-10-01"),
        ('"two\\nlines"', "two\nlines"),
    ],
)
def test_text_answers(parse_answers: Parse, written: str, expected: str) -> None:
    answers = parse_answers(HEAD + f"  data.owner: {written}\n")
    assert answers.entries["data.owner"].value == expected


def test_choice_answer(parse_answers: Parse) -> None:
    answers = parse_answers(HEAD + "  serving.mode: Realtime\n")
    assert answers.entries["serving.mode"].value == "realtime"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("image", ("image",)),
        ("[image]", ("image",)),
        ("[text, image]", ("text", "image")),
        ("[image, image, text]", ("image", "text")),
        ("{value: tabular}", ("tabular",)),
        ("[]", ()),
        ("{value: []}", ()),
    ],
)
def test_multi_answers_are_tuples(
    parse_answers: Parse, written: str, expected: tuple[str, ...]
) -> None:
    answers = parse_answers(HEAD + f"  data.modality: {written}\n")
    assert answers.entries["data.modality"].value == expected


def test_an_empty_list_is_an_answer(parse_answers: Parse) -> None:
    answers = parse_answers(HEAD + "  data.modality: []\n  serving.mode:\n")
    entry = answers.get("data.modality")
    assert entry is not None
    assert entry.value == ()
    assert answers.get("serving.mode") is None  # an empty value is no answer
    assert answers.get("serving.latency") is None


def test_na_with_a_note(parse_answers: Parse) -> None:
    answers = parse_answers(HEAD + "  data.schema: {value: na, note: 'Images only, no tables.'}\n")
    assert answers.entries["data.schema"] == AnswerEntry(value="na", note="Images only, no tables.")


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ("https://example.com/loadtest/42", ("https://example.com/loadtest/42",)),
        ("[docs/a.md, 'https://example.com/b']", ("docs/a.md", "https://example.com/b")),
        ("\n      - one\n      - two", ("one", "two")),
        ("[]", ()),
    ],
)
def test_long_form(parse_answers: Parse, evidence: str, expected: tuple[str, ...]) -> None:
    answers = parse_answers(
        HEAD + "  serving.latency:\n    value: manual\n    note: p99 41 ms at 3x peak\n"
        f"    evidence: {evidence}\n"
    )
    assert answers.entries["serving.latency"] == AnswerEntry(
        value="manual", note="p99 41 ms at 3x peak", evidence=expected
    )


def test_a_note_without_a_value_is_unanswered(parse_answers: Parse) -> None:
    answers = parse_answers(HEAD + "  data.lineage: {note: Still checking.}\n")
    assert answers.entries["data.lineage"].note == "Still checking."
    assert answers.get("data.lineage") is None


@pytest.mark.parametrize(
    "text",
    ["mlready: 1\nanswers:\n", "mlready: 1\nanswers: {}\n", "mlready: 1\n", "mlready: 1\nbank:\n"],
)
def test_no_answers(parse_answers: Parse, text: str) -> None:
    answers = parse_answers(text)
    assert answers.entries == {}
    assert answers.foreign == {}
    assert answers.project == Project()


def test_project_and_lines(parse_answers: Parse) -> None:
    answers = parse_answers(
        "mlready: 1\nbank: small@1\n"
        "project: {name: shelf-scanner, owner: vision-team, reviewed: 2026-10-01}\n"
        "answers:\n  serving.mode: batch\n\n  data.lineage: no\n"
    )
    assert answers.project == Project(
        name="shelf-scanner", owner="vision-team", reviewed=dt.date(2026, 10, 1)
    )
    assert answers.source == "answers.yaml"
    assert answers.lines == {"serving.mode": 5, "data.lineage": 7}
    assert answers.answers_line == 4
    assert list(answers.entries) == ["serving.mode", "data.lineage"]  # file order


def test_entries_can_be_changed_by_copy(parse_answers: Parse) -> None:
    answers = parse_answers(HEAD + "  data.lineage: yes\n")
    changed = answers.with_entry("data.schema", AnswerEntry(value="no")).with_entry(
        "data.lineage", None
    )
    assert dict(changed.entries) == {"data.schema": AnswerEntry(value="no")}
    assert dict(answers.entries) == {"data.lineage": AnswerEntry(value="yes")}
    named = answers.with_project(Project(name="x"))
    assert named.project.name == "x"
    assert answers.project.name is None


# --- load_answers ------------------------------------------------------------------------------


def test_load_answers(answers_file: Path, small_bank: Bank) -> None:
    answers = load_answers(answers_file, small_bank)
    assert answers.source == str(answers_file)
    assert len(answers.entries) == 8
    assert answers.entries["data.modality"].value == ("image", "text")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", ": the answers file is empty"),
        (b"\n  \n", ": the answers file is empty"),
        (b"mlready: 1\nanswers:\n  data.owner: caf\xe9\n", ":3:18: not UTF-8 (byte 0xe9)"),
        (b"mlready: 1\x00", ": not a text file"),
        (b"mlready: 1\nanswers:\n\tdata.lineage: yes\n", ":3:1: invalid YAML"),
        (b"mlready: 1\nanswers:\n  data.lineage: *yes\n", ":3:17: YAML aliases"),
    ],
)
def test_load_answers_refuses_bad_files(
    tmp_path: Path, small_bank: Bank, data: bytes, expected: str
) -> None:
    path = tmp_path / "mlready.yaml"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        load_answers(path, small_bank)
    assert str(caught.value).startswith(f"{path}{expected}")


def test_load_answers_names_the_file(tmp_path: Path, small_bank: Bank) -> None:
    path = tmp_path / "review.yaml"
    path.write_text(HEAD + "  serving.mode: stream\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_answers(path, small_bank)
    assert str(caught.value).startswith(f"{path}:4:17: 'stream' is not an option")


def test_load_answers_missing_file(tmp_path: Path, small_bank: Bank) -> None:
    with pytest.raises(InputError) as caught:
        load_answers(tmp_path / "absent.yaml", small_bank)
    assert str(caught.value) == f"{tmp_path / 'absent.yaml'}: no such answers file"


# --- render_answers ----------------------------------------------------------------------------

SHUFFLED = """\
answers:
  serving.rollback: yes
  serving.latency: automated
  data.owner: data-team
  serving.mode: realtime
  data.lineage: yes
  data.modality: [image, text]
  data.tokenizer: yes
  data.schema: yes
project: {reviewed: 2026-10-01, owner: vision-team, name: shelf-scanner}
bank: small@1
mlready: 1
"""

ORDERED = BEST_ANSWERS  # already in bank order


def test_render_is_deterministic(parse_answers: Parse, small_bank: Bank) -> None:
    text = render_answers(small_bank, parse_answers(ORDERED))
    assert render_answers(small_bank, parse_answers(ORDERED)) == text
    assert render_answers(small_bank, parse_answers(SHUFFLED)) == text


def test_render_follows_bank_order(parse_answers: Parse, small_bank: Bank) -> None:
    text = render_answers(small_bank, parse_answers(SHUFFLED))
    lines = text.splitlines()
    assert lines[2:4] == ["mlready: 1", "bank: small@1"]
    body = lines[lines.index("answers:") + 1 :]
    ids = [
        line.split(":")[0].strip() for line in body if line.startswith("  ") and line[2] not in " #"
    ]
    assert ids == list(small_bank.questions)
    data, serving = body.index("  # == Data =="), body.index("  # == Serving ==")
    assert data < body.index("  data.modality: [image, text]") < serving
    assert serving < body.index("  serving.mode: realtime")


def test_render_puts_each_prompt_and_its_values_above_its_answer(
    parse_answers: Parse, small_bank: Bank
) -> None:
    lines = render_answers(small_bank, parse_answers(ORDERED)).splitlines()
    for question_id, question in small_bank.questions.items():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"  {question_id}:"))
        start = lines.index(f"  # {question.prompt}")
        assert lines[start - 1] == ""
        assert all(line.startswith("  # ") for line in lines[start:index])
        if question.kind == "check":
            assert lines[start + 1].startswith("  # one of:")
    assert "  #   tabular: Tables" in lines  # an option not chosen is listed too


def test_render_text(parse_answers: Parse, small_bank: Bank) -> None:
    answers = parse_answers(
        HEAD + "  serving.mode: batch\n  data.lineage: Yes\n"
        "  data.schema: {value: na, note: 'No tables: images only'}\n"
        "  serving.rollback: {value: partial, evidence: [runbook.md, 'https://x.example/1']}\n"
    )
    assert render_answers(small_bank, answers) == (
        "# mlready answers for Small bank (small@1).\n"
        "# Each answer is one of the values listed above it; `mlready ask` walks them in order.\n"
        "mlready: 1\n"
        "bank: small@1\n"
        "answers:\n"
        "\n"
        "  # == Data ==\n"
        "\n"
        "  # Can every training example be traced back to its source?\n"
        "  # one of: yes | partial | no\n"
        "  data.lineage: yes\n"
        "\n"
        "  # Is the data checked against a schema?\n"
        "  # one of: yes | partial | no | na (with a note)\n"
        "  data.schema:\n"
        "    value: na\n"
        "    note: 'No tables: images only'\n"
        "\n"
        "  # == Serving ==\n"
        "\n"
        "  # How are predictions served?\n"
        "  # one of:\n"
        "  #   batch: Batch jobs\n"
        "  #   realtime: Real-time requests\n"
        "  serving.mode: batch\n"
        "\n"
        "  # Has a rollback been rehearsed?\n"
        "  # one of: yes | partial | no\n"
        "  serving.rollback:\n"
        "    value: partial\n"
        "    evidence:\n"
        "      - runbook.md\n"
        "      - 'https://x.example/1'\n"
    )


def test_render_nothing_answered(small_bank: Bank) -> None:
    text = render_answers(small_bank, empty_answers("mlready.yaml"))
    assert text.endswith("mlready: 1\nbank: small@1\nanswers: {}\n")
    assert answers_from_document(parse_yaml(text, source="r.yaml"), small_bank).entries == {}


def test_render_keeps_foreign_answers(parse_answers: Parse, small_bank: Bank) -> None:
    answers = parse_answers(
        "mlready: 1\nbank: small@0\nanswers:\n"
        "  data.gone: partial\n  data.lineage: no\n  data.retired: {value: no, note: old}\n"
    )
    text = render_answers(small_bank, answers)
    tail = text.split("retired:\n", 1)[1]
    assert tail == "  data.gone: partial\n  data.retired:\n    value: no\n    note: old\n"
    assert text.index("  data.lineage: no") < text.index("retired:")


def test_foreign_answers_survive_a_rewrite(parse_answers: Parse, small_bank: Bank) -> None:
    answers = parse_answers(
        "mlready: 1\nbank: small@0\nanswers:\n  data.gone: partial\n  data.lineage: no\n"
    )
    again = parse_answers(render_answers(small_bank, answers))
    assert dict(again.foreign) == dict(answers.foreign)
    assert dict(again.entries) == dict(answers.entries)


def test_skeleton_lists_every_question(small_bank: Bank) -> None:
    text = render_answers(small_bank, empty_answers("mlready.yaml"), skeleton=True)
    lines = text.splitlines()
    for question_id in small_bank.questions:
        assert f"  {question_id}:" in lines  # an empty value
    assert "project:" in lines
    project = lines.index("project:")
    assert lines[project + 1 : project + 4] == ["  name:", "  owner:", "  reviewed:"]
    for comment in [
        "  # one or more of:",
        "  #   image: Images",
        "  #   tabular: Tables",
        "  # (free text)",
        "  # one of: yes | partial | no",
        "  # one of: yes | partial | no | na (with a note)",
        "  # (asked when data.modality is text)",
        "  #   batch: Batch jobs",
        "  #   automated: Automated in CI",
        "  #   none: Not measured",
        "  # (asked when serving.mode is realtime)",
    ]:
        assert comment in lines
    schema = lines.index("  data.schema:")
    assert lines[schema - 2 : schema] == [
        "  # Is the data checked against a schema?",
        "  # one of: yes | partial | no | na (with a note)",
    ]


def test_skeleton_loads_as_unanswered(parse_answers: Parse, small_bank: Bank) -> None:
    answers = parse_answers(
        render_answers(small_bank, empty_answers("mlready.yaml"), skeleton=True)
    )
    assert list(answers.entries) == list(small_bank.questions)
    assert all(answers.get(question_id) is None for question_id in small_bank.questions)
    assert answers.project == Project()


def test_skeleton_keeps_given_answers(parse_answers: Parse, small_bank: Bank) -> None:
    answers = parse_answers(HEAD + "  serving.mode: batch\n")
    text = render_answers(small_bank, answers, skeleton=True)
    assert "  serving.mode: batch\n" in text
    assert "  data.lineage:\n" in text


def test_multi_line_prompts_are_all_comments() -> None:
    bank = _bank_with(
        prompt="|\n          Is the data versioned?\n\n          Say how.",
        area_title="Data",
    )
    text = render_answers(bank, empty_answers("mlready.yaml"), skeleton=True)
    assert "  # Is the data versioned?\n  #\n  # Say how.\n" in text
    answers = answers_from_document(parse_yaml(text, source="r.yaml"), bank)
    assert list(answers.entries) == ["data.versioned"]


def test_titles_with_line_breaks_stay_comments() -> None:
    bank = _bank_with(prompt="Versioned?", area_title='"Data\\nbank: evil"')
    text = render_answers(bank, empty_answers("mlready.yaml"), skeleton=True)
    answers = answers_from_document(parse_yaml(text, source="r.yaml"), bank)
    assert list(answers.entries) == ["data.versioned"]


def _bank_with(*, prompt: str, area_title: str) -> Bank:
    text = (
        "bank: tiny\nversion: 3\nareas:\n"
        f"  - id: data\n    title: {area_title}\n    questions:\n"
        f"      - id: data.versioned\n        prompt: {prompt}\n        why: W.\n"
    )
    return bank_from_document(parse_yaml(text, source="tiny.yaml"))


# --- round trips -------------------------------------------------------------------------------

HOSTILE = [
    "plain words",
    "two\nlines",
    "trailing newline\n",
    "windows\r\nline",
    'it\'s "quoted"',
    "# not a comment",
    "a: b",
    "key: value # comment?",
    "émoji 🎉 ünïcode — ✓",
    "{{ 7 * 7 }} {% if x %}",
    "  leading spaces",
    "trailing spaces  ",
    "- a list?",
    "[not, a, list]",
    "{not: a mapping}",
    "yes",
    "no",
    "null",
    "~",
    "true",
    "123",
    "1.5",
    "2026-10-01",
    "*alias &anchor !tag",
    "---",
    "| block",
    "tab\there",
    "back\\slash",
    "bell\x07",
    "https://example.com/a?b=c#d",
    "<b>html</b> & `code`",
    "08",
    "1e3",
    "-.5",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_round_trip(parse_answers: Parse, small_bank: Bank, hostile: str) -> None:
    entries = {
        "serving.rollback": AnswerEntry(value="no", note=hostile),
        "data.modality": AnswerEntry(value=("text", "image")),
        "data.owner": AnswerEntry(value=hostile, evidence=(hostile,)),
        "data.lineage": AnswerEntry(value="yes", note=hostile, evidence=(hostile, "docs/x.md")),
        "data.schema": AnswerEntry(value="na", note=hostile),
        "serving.mode": AnswerEntry(value="realtime"),
        "serving.latency": AnswerEntry(value="manual", evidence=(hostile,)),
        "data.tokenizer": AnswerEntry(value=None, note=hostile),
    }
    project = Project(name=hostile, owner=hostile, reviewed=dt.date(2026, 10, 1))
    answers = Answers(source="x", bank_ref="small@1", project=project, entries=entries)
    text = render_answers(small_bank, answers)
    again = parse_answers(text)
    assert dict(again.entries) == entries
    assert again.project == project
    assert render_answers(small_bank, again) == text


@pytest.mark.parametrize(
    "entry",
    [
        AnswerEntry(value=()),
        AnswerEntry(value=("tabular",)),
        AnswerEntry(value=("image", "text", "tabular"), note="all of them"),
        AnswerEntry(value=None),
        AnswerEntry(value=None, evidence=("a", "b")),
    ],
)
def test_round_trip_multi_shapes(
    parse_answers: Parse, small_bank: Bank, entry: AnswerEntry
) -> None:
    answers = Answers(source="x", entries={"data.modality": entry})
    again = parse_answers(render_answers(small_bank, answers))
    assert dict(again.entries) == {"data.modality": entry}


def test_round_trip_of_a_file(parse_answers: Parse, small_bank: Bank) -> None:
    answers = parse_answers(ORDERED)
    again = parse_answers(render_answers(small_bank, answers))
    assert dict(again.entries) == dict(answers.entries)
    assert again.project == answers.project
    assert again.bank_ref == "small@1"


# --- saving, as ask and sign do ---------------------------------------------------------------


def test_save_answers_writes_the_rendered_text(
    tmp_path: Path, parse_answers: Parse, small_bank: Bank
) -> None:
    path = tmp_path / "mlready.yaml"
    answers = parse_answers(ORDERED)
    AnswersEditor(path, small_bank).save(answers)
    assert path.read_text(encoding="utf-8") == render_answers(small_bank, answers)
    assert dict(load_answers(path, small_bank).entries) == dict(answers.entries)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlready.yaml"]


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o644])
def test_save_answers_keeps_the_file_mode(
    tmp_path: Path, parse_answers: Parse, small_bank: Bank, mode: int
) -> None:
    path = tmp_path / "mlready.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(mode)
    AnswersEditor(path, small_bank).save(parse_answers(ORDERED))
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text(encoding="utf-8").startswith("# mlready answers for Small bank")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlready.yaml"]


def test_save_answers_creates_a_file_with_the_umask(
    tmp_path: Path, parse_answers: Parse, small_bank: Bank
) -> None:
    path = tmp_path / "new.yaml"
    previous = os.umask(0o027)
    try:
        AnswersEditor(path, small_bank).save(parse_answers(ORDERED))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]


def test_save_answers_replaces_the_file(
    tmp_path: Path, parse_answers: Parse, small_bank: Bank
) -> None:
    path = tmp_path / "mlready.yaml"
    path.write_text("x" * 10_000, encoding="utf-8")
    before = path.stat().st_ino
    AnswersEditor(path, small_bank).save(empty_answers("mlready.yaml"))
    assert path.read_text(encoding="utf-8") == render_answers(
        small_bank, empty_answers("mlready.yaml")
    )
    assert path.stat().st_ino != before  # a new file renamed over the old one, not rewritten


def test_a_failed_save_leaves_the_old_file_whole(
    tmp_path: Path, parse_answers: Parse, small_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mlready.yaml"
    path.write_text(ORDERED, encoding="utf-8")

    def fail(descriptor: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "fsync", fail)
    with pytest.raises(MlreadyError, match="cannot write: Input/output error"):
        AnswersEditor(path, small_bank).save(empty_answers("mlready.yaml"))
    assert path.read_text(encoding="utf-8") == ORDERED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mlready.yaml"]


def test_na_is_plain_text_for_a_text_question(parse_answers: Parse, small_bank: Bank) -> None:
    answers = parse_answers(HEAD + "  data.owner: na\n")
    entry = answers.get("data.owner")
    assert entry is not None
    assert entry.value == "na"
    assert parse_answers(render_answers(small_bank, answers)).get("data.owner") == entry
    from mlready.core.scoring import score

    assert score(small_bank, answers).not_applicable == ()


def test_answers_for_an_older_bank_version_warn_of_new_questions(small_bank: Bank) -> None:
    answers = answers_from_document(
        parse_yaml("mlready: 1\nbank: small@0\nanswers: {}\n", source="old.yaml"), small_bank
    )
    assert answers.warnings == (
        "old.yaml:2:7: answers were written for small@0; the bank in use is small@1: "
        "its new questions count as unanswered",
    )


HAND_EDITED = """\
# mlready answers for Small bank (small@1).
# Each answer is one of the values listed above it; `mlready ask` walks them in order.
# Reviewed in the design review of March; ask Ana about the data.
mlready: 1
bank: small@1
answers:

  # == Data ==

  # Which inputs does the model take?
  data.modality: [image, text]  # text since the OCR feature

  # Who owns the data?
  # The platform team, until the reorg settles.
  data.owner: data-team

  # Lineage: see the wiki page "Lineage v2".

  data.lineage: yes
"""


def test_hand_comments_survive_two_walks(small_bank: Bank, tmp_path: Path) -> None:
    from mlready.core.walk import walk
    from tests.helpers.walk_script import ScriptedPrompt

    path = tmp_path / "mlready.yaml"
    path.write_text(HAND_EDITED, encoding="utf-8")
    # The first walk answers the rest of the data area; the second, the serving area.
    for script in (["yes", "partial", "", ""], ["batch", "yes"]):
        editor = AnswersEditor(path, small_bank)
        answers = load_answers(path, small_bank)
        walk(small_bank, answers, prompt=ScriptedPrompt(script), save=editor.save)
        text = path.read_text(encoding="utf-8")
        assert "# Reviewed in the design review of March; ask Ana about the data.\n" in text
        assert "  data.modality: [image, text]  # text since the OCR feature\n" in text
        assert (
            "  # Who owns the data?\n  # (free text)\n"
            "  # The platform team, until the reorg settles.\n  data.owner: data-team\n"
        ) in text
        assert text.count('  # Lineage: see the wiki page "Lineage v2".\n') == 1
        assert text.count("# Who owns the data?") == 1  # mlready's own comment, once
        # The comment that stood apart stays at the end of the data area's block.
        assert text.index("Lineage v2") > text.index("  data.tokenizer: partial")
        assert load_answers(path, small_bank).get("data.tokenizer") is not None
    assert text.index("Lineage v2") < text.index("# == Serving ==")
    assert "  serving.rollback: yes\n" in text


def test_the_values_init_lists_survive_every_rewrite_by_a_walk(
    small_bank: Bank, tmp_path: Path
) -> None:
    from mlready.core.walk import walk
    from tests.helpers.walk_script import ScriptedPrompt

    path = tmp_path / "mlready.yaml"
    skeleton = render_answers(small_bank, empty_answers("mlready.yaml"), skeleton=True)
    path.write_text(skeleton, encoding="utf-8")
    listed = [line for line in skeleton.splitlines() if line.startswith("  # ")]
    assert "  #   tabular: Tables" in listed and "  # one of: yes | partial | no" in listed
    for script in (["1,2", "x", "no", "", "", "", ""], ["yes", "partial", "", "", "", ""]):
        editor = AnswersEditor(path, small_bank)
        answers = load_answers(path, small_bank)
        walk(small_bank, answers, prompt=ScriptedPrompt(script), save=editor.save)
        text = path.read_text(encoding="utf-8")
        assert [line for line in text.splitlines() if line.startswith("  # ")] == listed
    assert load_answers(path, small_bank).get("data.tokenizer") is not None
