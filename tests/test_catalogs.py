"""The message catalogs: every message mlready says is in the Chinese catalog, translated, not
fuzzy, with the English's placeholders; and the compiled catalog in the package is the one its
source compiles to."""

from __future__ import annotations

import io
import re
import string
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "mlready" / "locale"
PO = LOCALE / "zh_CN" / "LC_MESSAGES" / "mlready.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "Message": None, "message_n": (1, 2)}


def extracted() -> dict[str, tuple[str, ...]]:
    """Every message in the code and the report templates, as `pybabel extract` finds them
    with babel.cfg: msgid -> all its forms."""
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as stream:
        method_map, options_map = parse_mapping_cfg(stream)
    found: dict[str, tuple[str, ...]] = {}

    for folder in ("mlready", "templates"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT / folder), method_map, options_map, keywords=KEYWORDS
        ):
            forms = message if isinstance(message, tuple) else (message,)
            found[forms[0]] = forms
    return found


def catalog() -> Catalog:
    with PO.open("rb") as stream:
        return read_po(stream, locale="zh_CN")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_messages_are_extracted_from_the_code_and_templates() -> None:
    assert len(extracted()) > 0


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    chinese = catalog()
    missing, fuzzy, empty = [], [], []
    for msgid in extracted():
        message = chinese.get(msgid)
        if message is None:
            missing.append(msgid)
        elif message.fuzzy:
            fuzzy.append(msgid)
        elif not (message.string if isinstance(message.string, str) else all(message.string)):
            empty.append(msgid)
    assert (missing, fuzzy, empty) == ([], [], [])


def test_translations_keep_the_placeholders_of_the_english() -> None:
    wrong = []
    for message in catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(placeholders(text) for text in ids))
        for text in strings:
            if text and placeholders(text) != expected:
                wrong.append((ids[0], text))
    assert wrong == []


def occurrences(text: str) -> Counter[str]:
    return Counter(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_no_translation_says_a_placeholder_more_often_than_its_english() -> None:
    # A plural folded into one form by a merge (nplurals=1) once held its sentence four times:
    # the set of placeholders stayed the same, so only their counts show it.
    wrong = []
    for message in catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        most = Counter[str]()
        for text in ids:
            most |= occurrences(text)
        wrong += [(ids[0], text) for text in strings if occurrences(text) - most]
    assert wrong == []


def test_a_sentence_copied_into_itself_is_caught() -> None:
    once = "{place}: 回答按 {bank} 读取。"
    assert not occurrences(once) - occurrences("{place}: read with {bank}.")
    assert occurrences(once * 2) - occurrences("{place}: read with {bank}.")


def test_translations_are_chinese() -> None:
    han = re.compile(r"[\u4e00-\u9fff]")
    # Messages that are names, codes or formats read the same in every language.
    same = [m.id for m in catalog() if m.id and m.string and not han.search(str(m.string))]
    assert all(not re.search(r"[a-z]{4,}", str(msgid).split("{")[0]) for msgid in same), same


def test_the_compiled_catalog_is_the_one_its_source_compiles_to() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalog())
    assert MO.read_bytes() == compiled.getvalue(), (
        "mlready.mo is out of step with mlready.po: run "
        "`pybabel compile -d mlready/locale -D mlready`"
    )


def _marked_in_python() -> set[str]:
    """Every literal message the Python code marks, as Python reads it: also inside f-strings,
    where `pybabel extract` does not look (a message there is never in the catalog)."""
    import ast

    found: set[str] = set()
    for path in (ROOT / "mlready").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in KEYWORDS or not node.args:
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add(first.value)
    return found


def test_every_message_the_code_marks_is_in_the_catalog() -> None:
    known = {
        message.id[0] if isinstance(message.id, tuple) else message.id for message in catalog()
    }
    assert sorted(_marked_in_python() - known) == []
