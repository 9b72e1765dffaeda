"""Unit tests of yamlio: strict parsing with positions, file reading, and scalar formatting."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mlready.core.document import Mark
from mlready.core.errors import InputError
from mlready.io import yamlio
from mlready.io.yamlio import MAX_DEPTH, format_scalar, parse_yaml, read_text
from tests.helpers.documents import load_yaml


def parse(text: str) -> Any:
    return parse_yaml(text, source="f.yaml").data


def parse_error(text: str) -> str:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, source="f.yaml")
    return str(caught.value)


def load_error(path: Path, **options: Any) -> str:
    with pytest.raises(InputError) as caught:
        load_yaml(path, **options)
    return str(caught.value)


# --- what a hand-written file never needs is refused, with its position --------------------

REFUSED = [
    pytest.param("a: &x 1\nb: 2\n", "f.yaml:1:4: YAML anchors (&x) are not allowed", id="anchor"),
    pytest.param("a: 1\nb: *x\n", "f.yaml:2:4: YAML aliases (*name) are not allowed", id="alias"),
    pytest.param("- &item [1]\n", "f.yaml:1:3: YAML anchors (&item)", id="anchor-on-list"),
    pytest.param(
        "a: 1\nb: !!python/object:os.system 1\n",
        "f.yaml:2:4: YAML tags (tag:yaml.org,2002:python/object:os.system) are not allowed",
        id="python-object-tag",
    ),
    pytest.param(
        "cmd: !!python/object/apply:os.system [echo hi]\n",
        "f.yaml:1:6: YAML tags",
        id="python-apply-tag",
    ),
    pytest.param("a: !!str 1\n", "f.yaml:1:4: YAML tags (tag:yaml.org,2002:str)", id="str-tag"),
    pytest.param("x: !custom 1\n", "f.yaml:1:4: YAML tags (!custom)", id="local-tag"),
    pytest.param("!!map {a: 1}\n", "f.yaml:1:1: YAML tags", id="tag-on-root"),
    pytest.param("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: duplicate key 'a'", id="duplicate-key"),
    pytest.param(
        "outer:\n  x: 1\n  y: 2\n  x: 3\n", "f.yaml:4:3: duplicate key 'x'", id="duplicate-nested"
    ),
    pytest.param("{a: 1, a: 2}\n", "f.yaml:1:8: duplicate key 'a'", id="duplicate-flow"),
    pytest.param("yes: 1\n'yes': 2\n", "f.yaml:2:1: duplicate key 'yes'", id="duplicate-quoted"),
    pytest.param(
        "a: 1\n---\nb: 2\n",
        "f.yaml:2:1: expected one YAML document, found several ('---')",
        id="several-documents",
    ),
    pytest.param(
        "? [a]\n: 1\n", "f.yaml:1:3: a mapping key must be a plain value", id="collection-key"
    ),
    pytest.param("a: 'open\n", "f.yaml:2:1: invalid YAML: found unexpected end", id="open-quote"),
    pytest.param("a: b: c\n", "f.yaml:1:5: invalid YAML: mapping values", id="colon-in-plain"),
]


@pytest.mark.parametrize(("text", "expected"), REFUSED)
def test_refused_with_position(text: str, expected: str) -> None:
    assert parse_error(text).startswith(expected)


def test_billion_laughs_fails_at_its_first_anchor() -> None:
    # Nothing is ever expanded: the composer stops at the first anchor event. The broken line
    # at the end of the file proves that the rest of the document is never even parsed.
    levels = ['lol0: &lol0 ["lol"]']
    levels += [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 9)}]" for n in range(1, 10)]
    text = "\n".join(levels) + "\nbroken: [\n"
    message = parse_error(text)
    assert message == "f.yaml:1:7: YAML anchors (&lol0) are not allowed; write it out"


def test_one_document_with_explicit_markers_is_accepted() -> None:
    assert parse("---\na: 1\n...\n") == {"a": 1}


# --- tabs ---------------------------------------------------------------------------------

TABS = [
    pytest.param("a:\n\tb: 1\n", "f.yaml:2:1:", id="tab-indent"),
    pytest.param("\ta: 1\n", "f.yaml:1:1:", id="tab-first-line"),
    pytest.param("a:\n \tb: 1\n", "f.yaml:2:2:", id="space-then-tab"),
    pytest.param("a:\n  b: 1\n\tc: 2\n", "f.yaml:3:1:", id="tab-after-spaces-block"),
    pytest.param("items:\n  - x\n\t- y\n", "f.yaml:3:1:", id="tab-before-list-item"),
]


@pytest.mark.parametrize(("text", "where"), TABS)
def test_tab_indentation_is_explained(text: str, where: str) -> None:
    message = parse_error(text)
    assert message.startswith(where)
    assert "a tab; YAML is indented with spaces" in message


def test_tab_between_key_and_value_is_fine() -> None:
    assert parse("a:\tb\n") == {"a": "b"}


@pytest.mark.parametrize("character", ["\x01", "\x7f", "\ufffe"])
def test_control_character_error_names_line_and_column(character: str) -> None:
    message = parse_error(f"a: 1\nb: {character}\n")
    assert message.startswith("f.yaml:2:4:")
    assert "<unicode string>" not in message


# --- nesting ------------------------------------------------------------------------------


def test_nesting_up_to_max_depth_is_accepted() -> None:
    data = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    for _ in range(MAX_DEPTH - 1):
        assert isinstance(data, list)
        assert len(data) == 1
        data = data[0]
    assert data == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), id="flow"),
        pytest.param(
            "".join(f"{'  ' * level}k{level}:\n" for level in range(MAX_DEPTH + 1)),
            id="block",
        ),
    ],
)
def test_nesting_deeper_than_max_depth_is_refused(text: str) -> None:
    message = parse_error(text)
    assert f"nested more than {MAX_DEPTH} levels deep" in message
    assert message.startswith("f.yaml:")


def test_nesting_error_points_at_the_first_collection_too_deep() -> None:
    message = parse_error("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))
    assert message.startswith(f"f.yaml:1:{MAX_DEPTH + 1}:")


# --- plain scalars ------------------------------------------------------------------------

SCALARS = [
    ("", None),
    ("~", None),
    ("null", None),
    ("Null", None),
    ("NULL", None),
    ("0", 0),
    ("42", 42),
    ("-7", -7),
    ("+3", 3),
    ("1.5", 1.5),
    ("-0.25", -0.25),
    ("1e3", 1000.0),
    (".5", 0.5),
    ("yes", "yes"),
    ("no", "no"),
    ("Yes", "Yes"),
    ("No", "No"),
    ("true", "true"),
    ("false", "false"),
    ("True", "True"),
    ("on", "on"),
    ("off", "off"),
    ("y", "y"),
    ("2026-10-01", "2026-10-01"),
    ("2026-10-01T12:00:00", "2026-10-01T12:00:00"),
    (".inf", ".inf"),
    ("-.inf", "-.inf"),
    (".nan", ".nan"),
    ("'1'", "1"),
    ("'1.5'", "1.5"),
    ("'null'", "null"),
    ("''", ""),
    ('"yes"', "yes"),
    ("'2026-10-01'", "2026-10-01"),
    ("plain text here", "plain text here"),
]


@pytest.mark.parametrize(("written", "expected"), SCALARS)
def test_plain_scalar_resolution(written: str, expected: Any) -> None:
    value = parse(f"k: {written}\n")["k"]
    assert value == expected
    assert type(value) is type(expected)


def test_mapping_keys_are_the_text_written() -> None:
    assert parse("yes: a\n1: b\nnull: c\n1.5: d\n") == {
        "yes": "a",
        "1": "b",
        "null": "c",
        "1.5": "d",
    }


def test_block_and_flow_collections() -> None:
    assert parse("a:\n  - x\n  - {b: [1, 2]}\nc: {}\nd: []\n") == {
        "a": ["x", {"b": [1, 2]}],
        "c": {},
        "d": [],
    }


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n", "---\n"])
def test_a_document_without_data_is_refused(text: str) -> None:
    with pytest.raises(InputError, match=r"^e\.yaml: the file holds no data"):
        parse_yaml(text, source="e.yaml")


# --- marks --------------------------------------------------------------------------------

MARKED = """\
bank: acme
areas:
  - id: data
    title: Data
    questions:
      - id: data.one
        tags: [a, b]
  - {id: serving, title: Serving}
"""


@pytest.mark.parametrize(
    ("loc", "line", "column"),
    [
        ((), 1, 1),
        (("bank",), 1, 7),
        (("areas",), 2, 1),  # a block collection points at its key
        (("areas", 0), 3, 5),
        (("areas", 0, "id"), 3, 9),
        (("areas", 0, "title"), 4, 12),
        (("areas", 0, "questions"), 5, 5),
        (("areas", 0, "questions", 0), 6, 9),
        (("areas", 0, "questions", 0, "id"), 6, 13),
        (("areas", 0, "questions", 0, "tags"), 7, 15),  # a flow collection: where it opens
        (("areas", 0, "questions", 0, "tags", 1), 7, 19),
        (("areas", 1), 8, 5),
        (("areas", 1, "title"), 8, 26),
    ],
)
def test_marks_are_one_based(loc: tuple[str | int, ...], line: int, column: int) -> None:
    document = parse_yaml(MARKED, source="bank.yaml")
    assert document.marks[loc] == Mark(line, column)
    assert document.mark(loc) == Mark(line, column)
    assert document.where(loc) == f"bank.yaml:{line}:{column}"


def test_mark_of_a_missing_node_is_its_deepest_existing_ancestor() -> None:
    document = parse_yaml(MARKED, source="bank.yaml")
    assert document.mark(("areas", 0, "questions", 0, "prompt")) == Mark(6, 9)
    assert document.mark(("areas", 7, "id")) == Mark(2, 1)
    assert document.where(("nothing", "here")) == "bank.yaml:1:1"
    assert document.where() == "bank.yaml:1:1"


def test_marks_of_a_missing_path_default_to_the_start() -> None:
    document = parse_yaml("[1]\n", source="e.yaml")
    assert document.where(("a", "b")) == "e.yaml:1:1"


# --- reading files ------------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "f.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_load_yaml_reads_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"a: 1\nb: [x]\n")
    document = load_yaml(path)
    assert document.data == {"a": 1, "b": ["x"]}
    assert document.source == str(path)
    assert document.where(("b",)) == f"{path}:2:4"


def test_source_names_the_file_in_messages(tmp_path: Path) -> None:
    path = write(tmp_path, b"a: 1\na: 2\n")
    assert load_error(path, source="custom.yaml") == "custom.yaml:2:1: duplicate key 'a'"
    assert load_yaml(write(tmp_path, b"a: 1\n", "g.yaml"), source="x").source == "x"


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffname: é\n".encode())
    assert read_text(path) == "name: é\n"
    document = load_yaml(path)
    assert document.data == {"name": "é"}
    assert document.where(("name",)) == f"{path}:1:7"


def test_crlf_line_endings_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, b"a: 1\r\nb: 2\r\n")
    assert load_yaml(path).data == {"a": 1, "b": 2}


@pytest.mark.parametrize(
    ("data", "where", "byte"),
    [
        pytest.param(b"a: b\nc: d\xe9\n", "2:5", "0xe9", id="latin-1"),
        pytest.param(b"\xff\n", "1:1", "0xff", id="first-byte"),
        pytest.param(b"a: 1\r\nb: \xff", "2:4", "0xff", id="crlf"),
        pytest.param(b"a: \xc3\n", "1:4", "0xc3", id="truncated-sequence"),
    ],
)
def test_non_utf8_names_the_bad_byte(tmp_path: Path, data: bytes, where: str, byte: str) -> None:
    path = write(tmp_path, data)
    message = load_error(path)
    assert message.startswith(f"{path}:{where}: not UTF-8 (byte {byte})")
    assert "save the file as UTF-8" in message


def test_non_utf8_after_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbfa\n\xff: 1\n")
    assert load_error(path).startswith(f"{path}:2:1: not UTF-8 (byte 0xff)")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"a: 1\n\x00", id="nul"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="png"),
        pytest.param("a: 1\n".encode("utf-16"), id="utf-16"),
    ],
)
def test_binary_files_are_refused(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    message = load_error(path)
    assert message == f"{path}: not a text file (it contains NUL bytes); expected a YAML file"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"   \n\n\t\n", id="whitespace"),
        pytest.param(b"\r\n", id="crlf"),
        pytest.param(b"\xef\xbb\xbf", id="bom-only"),
        pytest.param(b"\xef\xbb\xbf \n", id="bom-and-space"),
    ],
)
def test_empty_files_are_refused(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    assert load_error(path) == f"{path}: the file is empty"


def test_kind_names_what_was_expected(tmp_path: Path) -> None:
    empty = write(tmp_path, b"")
    assert load_error(empty, kind="bank") == f"{empty}: the bank is empty"
    missing = tmp_path / "absent.yaml"
    assert load_error(missing, kind="answers file") == f"{missing}: no such answers file"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    assert load_error(path) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert load_error(folder) == f"{folder}: is a directory, expected a YAML file"


def test_several_documents_in_a_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"a: 1\n---\nb: 2\n")
    assert load_error(path).startswith(f"{path}:2:1: expected one YAML document")


def test_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 10)
    path = write(tmp_path, b"a: 12345678\n")
    assert load_error(path) == f"{path}: file is 12 bytes; the limit is 10 bytes"
    at_limit = write(tmp_path, b"a: 123456\n", "small.yaml")
    assert load_yaml(at_limit).data == {"a": 123456}


# --- format_scalar ------------------------------------------------------------------------

ROUND_TRIP = [
    "yes",
    "no",
    "Yes",
    "NO",
    "true",
    "False",
    "on",
    "off",
    "null",
    "~",
    "",
    "1",
    "-7",
    "1.5",
    "1.0",
    ".inf",
    "2026-10-01",
    "a: b",
    "a:b",
    "#x",
    "x #y",
    "http://example.com/a?b=1#c",
    "line1\nline2",
    "trailing newline\n",
    "x\r\ny",
    "next\x85line",
    "para\u2028sep",
    "émoji 🎉 ünïcode — ✓",
    "  leading spaces",
    "trailing spaces  ",
    "[",
    "]",
    "{",
    "{{ 7 * 7 }}",
    "- dash",
    "? question",
    ":",
    "*alias",
    "&anchor",
    "!tag",
    "%directive",
    "@at",
    "`tick",
    "|",
    ">",
    "---",
    "...",
    "it's",
    '"quoted"',
    "back\\slash",
    "tab\there",
    "\t",
    "bell\x07",
    "nul\x00",
    "\ufeffbom",
    "\ufffe",
    "08",
    "-08",
    "1e3",
    "1E5",
    "1e-3",
    "1.5e3",
    "-.5",
    "+.5",
    ".5e3",
    "0o7",
]


@pytest.mark.parametrize("value", ROUND_TRIP)
def test_format_scalar_round_trips_text(value: str) -> None:
    written = format_scalar(value)
    assert "\n" not in written  # every answer stays on its line
    assert parse(f"k: {written}\n")["k"] == value
    assert parse(f"- {written}\n") == [value]
    assert parse(f"{{k: {written}}}\n")["k"] == value


@pytest.mark.parametrize("value", [None, 0, 7, -3, 1.5, 0.1])
def test_format_scalar_round_trips_other_scalars(value: Any) -> None:
    back = parse(f"k: {format_scalar(value)}\n")["k"]
    assert back == value
    assert type(back) is type(value)


@pytest.mark.parametrize(
    ("value", "written"),
    [("plain", "plain"), ("two words", "two words"), ("yes", "'yes'"), ("a\nb", '"a\\nb"')],
)
def test_format_scalar_quotes_only_where_needed(value: str, written: str) -> None:
    assert format_scalar(value) == written


def test_positions_found_later_are_the_positions_found_at_once() -> None:
    # A bank is parsed without keeping positions; a problem asks for one, which parses the
    # text again: the same places, and a valid bank never pays for them.
    from mlready.core.bank import bank_from_document
    from mlready.io.resources import builtin_bank_path

    text = builtin_bank_path().read_text(encoding="utf-8")
    later = parse_yaml(text, source="bank.yaml", locate_later=True)
    bank_from_document(later)
    assert later.marks._found is None  # type: ignore[attr-defined]
    at_once = parse_yaml(text, source="bank.yaml")
    assert dict(later.marks) == at_once.marks
    broken = text.replace("        caps: prototype\n", "        caps: protoype\n", 1)
    said = []
    for locate_later in (True, False):
        with pytest.raises(InputError) as caught:
            bank_from_document(parse_yaml(broken, source="bank.yaml", locate_later=locate_later))
        said.append(str(caught.value))
    assert said[0] == said[1] and "bank.yaml:" in said[0] and "'protoype'" in said[0]
