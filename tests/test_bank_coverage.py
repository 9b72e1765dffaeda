"""The README's coverage tables stay in step with the built-in bank's tags."""

from __future__ import annotations

import re

import pytest

from mlready.io.bank_file import load_bank
from tests.bank_coverage import (
    CHINESE,
    FRAMEWORKS,
    LANGUAGES,
    Framework,
    Language,
    heading_in,
    probes_table,
    probes_table_in,
    table,
    tables_in,
)

FRAMEWORK_IDS = [f.prefix.rstrip("-") for f in FRAMEWORKS]
LANGUAGE_IDS = [lang.code for lang in LANGUAGES]


@pytest.mark.parametrize("lang", LANGUAGES, ids=LANGUAGE_IDS)
@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
def test_the_readme_table_is_the_one_the_bank_gives(framework: Framework, lang: Language) -> None:
    # After changing tags, rewrite the tables with `python -m tests.bank_coverage`.
    if heading_in(framework, lang) is None:
        pytest.skip(f"the {lang.code} README has no section on {framework.heading}")
    readme = lang.readme.read_text(encoding="utf-8")
    assert tables_in(readme, lang)[framework.heading] == table(framework, load_bank(), lang)


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=FRAMEWORK_IDS)
def test_every_tag_of_the_framework_has_a_row(framework: Framework) -> None:
    tags = {
        tag
        for question in load_bank().questions.values()
        for tag in question.tags
        if tag.startswith(framework.prefix)
    }
    assert tags <= set(framework.items)


@pytest.mark.parametrize("lang", LANGUAGES, ids=LANGUAGE_IDS)
def test_the_readme_lists_the_built_in_probes_the_bank_has(lang: Language) -> None:
    # After changing probes, rewrite the table with `python -m tests.bank_coverage`.
    readme = lang.readme.read_text(encoding="utf-8")
    assert probes_table_in(readme, lang) == probes_table(load_bank(), lang)


def _prose(table_text: str) -> list[str]:
    """A table's cells with ids, code and product names taken out: the words a person reads."""
    cells = []
    for row in table_text.splitlines()[2:]:
        for cell in row.strip("|").split(" | ")[1:]:
            # Conditions name profile answers by their ids: data, the same in every language.
            cells.append(re.sub(r"`[^`]*`|（仅当 [^）]*）", "", cell))
    return cells


def test_the_chinese_tables_say_their_words_in_chinese() -> None:
    readme = CHINESE.readme.read_text(encoding="utf-8")
    tables = [*tables_in(readme, CHINESE).values(), probes_table_in(readme, CHINESE)]
    assert len(tables) == len(FRAMEWORKS) + 1
    english_words = re.compile(
        r"\b(if|supports|required for|none|and \d+ more|key|a line matching|What it asks|"
        r"Bank checks|Probe|Checks)\b"
    )
    for text in tables:
        header = text.splitlines()[0]
        assert re.search(r"[\u4e00-\u9fff]", header), header
        for cell in _prose(text):
            assert not english_words.search(cell), cell
    # Every framework item and every probe's line is said in Chinese (names stay as named).
    for text in tables:
        for row in text.splitlines()[2:]:
            said = row.strip("|").split(" | ")[1]
            assert re.search(r"[\u4e00-\u9fff]", said), row
