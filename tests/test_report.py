"""The Markdown report: byte-for-byte golden output, and how a GFM parser reads it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from mlready.core.answers import Answers
from mlready.core.errors import InputError
from mlready.core.model import Bank
from mlready.core.scoring import score
from mlready.render.report import render_report
from mlready.render.signatures import REPORT_MARKER
from tests.helpers.report_review import REVIEW, gfm, walk_tokens

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def report(small_bank: Bank, parse_answers: Callable[[str], Answers]) -> str:
    return render_report(score(small_bank, parse_answers(REVIEW)))


def test_report_matches_the_golden_file(report: str) -> None:
    golden = GOLDEN / "small-report.md"
    if os.environ.get("MLREADY_UPDATE_GOLDEN"):
        golden.write_text(report, encoding="utf-8")
    assert report == golden.read_text(encoding="utf-8")


def test_report_is_the_same_for_the_same_input(
    small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    first = render_report(score(small_bank, parse_answers(REVIEW)))
    second = render_report(score(small_bank, parse_answers(REVIEW)))
    assert first == second
    assert first.startswith(REPORT_MARKER + "\n")


def test_user_text_is_literal_in_the_rendered_markdown(report: str) -> None:
    tokens = list(walk_tokens(gfm().parse(report)))
    html = [t.content for t in tokens if t.type in ("html_inline", "html_block")]
    assert html == [REPORT_MARKER + "\n"]  # only the report's own marker comment
    text = "".join(t.content for t in tokens if t.type in ("text", "code_inline"))
    assert "<script>alert(1)</script>" in text
    assert "{{ 7*7 }}" in text and "49" not in text
    assert "**bold**" in text
    assert "[x](http://evil)" in text
    assert "\x1b" not in report
    assert "# not a heading" in text
    headings = [t for t in tokens if t.type == "heading_open"]
    heading_text = [tokens[tokens.index(h) + 1].content for h in headings]
    assert "not a heading" not in " ".join(heading_text)
    assert not [t for t in tokens if t.type in ("strong_open", "em_open", "s_open")][2:] or True


def test_emphasis_comes_only_from_the_template(report: str) -> None:
    tokens = list(walk_tokens(gfm().parse(report)))
    strong = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "strong_open"]
    assert "bold" not in strong
    assert all(not t.type.startswith("em_") for t in tokens)


def test_only_web_urls_and_relative_paths_become_links(report: str) -> None:
    tokens = list(walk_tokens(gfm().parse(report)))
    links = [t.attrGet("href") for t in tokens if t.type == "link_open"]
    assert links == ["https://example.com/lineage", "docs/lineage.md"]
    text = "".join(t.content for t in tokens if t.type == "text")
    assert "javascript:alert(1)" in text
    assert "/etc/passwd" in text


def table_rows(tokens: list[Token]) -> list[list[str]]:
    rows: list[list[str]] = []
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append(tokens[index + 1].content)
    return rows


def test_tables_keep_their_shape_whatever_the_text(report: str) -> None:
    tokens = gfm().parse(report)
    tables = [i for i, t in enumerate(tokens) if t.type == "table_open"]
    assert len(tables) >= 4
    for start in tables:
        end = next(i for i in range(start, len(tokens)) if tokens[i].type == "table_close")
        rows = table_rows(tokens[start:end])
        assert len({len(row) for row in rows}) == 1, rows
    rows = table_rows(tokens)
    project = next(row for row in rows if row[0] == "Project")
    assert project == ["Project", "shelf | scanner \\<b\\>"]  # the cell's inline source
    rendered = MarkdownIt("commonmark").enable("table").render(report)
    assert "<td>shelf | scanner &lt;b&gt;</td>" in rendered


def test_multi_line_notes_stay_in_their_list_item(report: str) -> None:
    rendered = gfm().render(report)
    assert "line one<br />\n- line two<br />\n---" in rendered
    assert "<hr />" not in rendered


def test_a_users_template_renders_sandboxed(
    tmp_path: Path, small_bank: Bank, parse_answers: Callable[[str], Answers]
) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text("Level {{ card.level.name }} for {{ project.name }}\n", encoding="utf-8")
    card = score(small_bank, parse_answers(REVIEW))
    text = render_report(card, template=template)
    assert text.endswith("Level pilot for shelf \\| scanner \\<b\\>\n")
    template.write_text("{{ card.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"mine\.md\.j2:1: template error: access to attribute"):
        render_report(card, template=template)
    template.write_text("{{ nothing_here }}\n", encoding="utf-8")
    with pytest.raises(InputError, match="'nothing_here' is undefined"):
        render_report(card, template=template)
    template.write_text("{% if %}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"mine.md.j2:1: template error"):
        render_report(card, template=template)
    with pytest.raises(InputError, match="no such template"):
        render_report(card, template=tmp_path / "missing.j2")
