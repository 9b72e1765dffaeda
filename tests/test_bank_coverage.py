"""The README's coverage tables stay in step with the built-in bank's tags."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlready.io.bank_file import load_bank
from tests.bank_coverage import (
    FRAMEWORKS,
    ISO42001,
    ISO42001_HEADING_ZH,
    README,
    README_ZH,
    Framework,
    probes_table,
    probes_table_in,
    rows_in,
    table,
    tables_in,
)


@pytest.mark.parametrize("framework", FRAMEWORKS, ids=[f.prefix.rstrip("-") for f in FRAMEWORKS])
def test_the_readme_table_is_the_one_the_bank_gives(framework: Framework) -> None:
    # After changing tags, rewrite the tables with `python -m tests.bank_coverage`.
    readme = README.read_text(encoding="utf-8")
    assert tables_in(readme)[framework.heading] == table(framework, load_bank())


@pytest.mark.parametrize(
    ("readme", "heading"), [(README, ISO42001.heading), (README_ZH, ISO42001_HEADING_ZH)]
)
def test_both_readmes_list_the_iso42001_controls_the_bank_maps_to(
    readme: Path, heading: str
) -> None:
    # Each README keeps its own column titles; the rows are the bank's.
    rows = table(ISO42001, load_bank()).split("\n", 2)[2]
    assert rows_in(readme.read_text(encoding="utf-8"), heading) == rows


ALL = (*FRAMEWORKS, ISO42001)


@pytest.mark.parametrize("framework", ALL, ids=[f.prefix.rstrip("-") for f in ALL])
def test_every_tag_of_the_framework_has_a_row(framework: Framework) -> None:
    tags = {
        tag
        for question in load_bank().questions.values()
        for tag in question.tags
        if tag.startswith(framework.prefix)
    }
    assert tags <= set(framework.items)


def test_the_readme_lists_the_built_in_probes_the_bank_has() -> None:
    # After changing probes, rewrite the table with `python -m tests.bank_coverage`.
    readme = README.read_text(encoding="utf-8")
    assert probes_table_in(readme) == probes_table(load_bank())
