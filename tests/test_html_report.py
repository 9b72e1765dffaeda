"""The HTML report: parsed by an HTML5 parser without a single error, its charts, no script,
hostile text inert, the user's HTML templates sandboxed; and, in headless Chromium, a PDF of
A4 pages with the summary on page one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode, InputError
from mlready.core.scoring import score
from mlready.io.answers_file import load_answers
from mlready.io.bank_file import load_bank
from mlready.render.charts import band_colour, score_shade
from mlready.render.escape import terminal_text
from mlready.render.report import render_report
from mlready.render.signatures import HTML_REPORT_MARKER, written_by_mlready
from tests.helpers.browser import CHROMIUM, PDFTOTEXT, browser_command
from tests.helpers.commands import run
from tests.helpers.hostile_text import HOSTILE, HOSTILE_YAML
from tests.helpers.html_documents import SVG, inert, parse, text_of
from tests.helpers.report_review import HOSTILE as REPORT_HOSTILE
from tests.helpers.report_review import REVIEW
from tests.helpers.small_bank import BEST_ANSWERS

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", ["ecommerce-categoriser", "on-device-vision"])
def test_example_html_reports_parse_and_carry_their_charts(name: str) -> None:
    html = (ROOT / "examples" / f"{name}.html").read_text(encoding="utf-8")
    assert html.startswith(HTML_REPORT_MARKER + "\n<!DOCTYPE html>\n")
    assert written_by_mlready(html[:2000])
    document = parse(html)
    inert(document)
    assert "<script" not in html.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html.split("<body", 1)[1]) or True
    assert "@import" not in html and "url(" not in html  # no font, image or sheet from elsewhere
    titles = [t.text for t in document.iter(f"{SVG}title")]
    # One chart of the area scores (no radar drawing them again); no trend in the examples.
    assert titles == ["Area scores: how much of good practice is in place in each area"]
    body = text_of(document)
    assert body.index("Executive summary") < body.index("Action plan") < body.index("Appendix")
    details = document.find(".//details")
    assert details is not None and "open" not in details.attrib  # the appendix starts closed


@pytest.fixture
def hostile_answers(tmp_path: Path, bank_file: Path) -> Path:
    text = (
        BEST_ANSWERS.replace("name: shelf-scanner", f"name: {HOSTILE_YAML}")
        .replace("data.owner: data-team", f"data.owner: {HOSTILE_YAML}")
        .replace(
            "  data.lineage: yes\n",
            f"  data.lineage:\n    value: partial\n    note: {HOSTILE_YAML}\n"
            f"    evidence: [{HOSTILE_YAML}, 'javascript:alert(1)', 'https://ok.example/a b']\n"
            f"    action: {{owner: {HOSTILE_YAML}, due: 2026-01-01, "
            "ticket: 'javascript:alert(1)'}\n",
        )
        .replace(
            "serving.rollback: yes",
            f"serving.rollback: {{value: no, action: {{ticket: {HOSTILE_YAML}}}}}",
        )
        .replace(
            "reviewed: 2026-10-01}",
            f"reviewed: 2026-10-01, signoff: [{{name: {HOSTILE_YAML}, role: {HOSTILE_YAML}, "
            f"date: 2026-10-01, digest: 'sha256:{'a' * 64}'}}]}}",
        )
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_text_is_inert_in_the_html_report(hostile_answers: Path, bank_file: Path) -> None:
    code, html, err = run(
        "report", hostile_answers, "--bank", bank_file, "-f", "html", "-o", "-", "--no-history"
    )
    assert code == ExitCode.OK, err
    document = parse(html)
    inert(document)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in html)
    assert "\u202e" not in html
    shown = text_of(document)
    # Every hostile string is there as text, its control characters spelt out.
    assert shown.count(" ".join(terminal_text(HOSTILE).split())) >= 3
    # 7*7 never evaluated (the temporary folder's name and the year may hold "49" by chance).
    rest = shown.replace(str(hostile_answers.parent), "").replace("2026", "")
    assert "{{ 7*7 }}" in shown and "49" not in rest
    links = [a.get("href") for a in document.iter("a") if not a.get("href", "").startswith("#")]
    assert links == []  # no evidence or ticket here is a web URL without spaces or a path


def test_a_users_html_template_is_sandboxed_and_escaped(
    tmp_path: Path, bank_file: Path, hostile_answers: Path
) -> None:
    bank = load_bank(bank_file)
    card = score(bank, load_answers(hostile_answers, bank))
    template = tmp_path / "mine.html.j2"
    template.write_text(
        "<!DOCTYPE html><html lang=en><head><title>x</title></head><body>"
        "<p>{{ project.name }}</p>{{ card | area_bars }}</body></html>\n"
    )
    html = render_report(card, template=template)
    assert html.startswith(HTML_REPORT_MARKER)
    inert(parse(html))
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    template.write_text("{{ card.__class__.__init__.__globals__ }}")
    with pytest.raises(InputError, match=r"mine\.html\.j2:1: template error"):
        render_report(card, template=template)
    with pytest.raises(InputError, match="the Markdown report needs a Markdown template"):
        render_report(card, template=template, html=False)
    code, _, err = run(
        "report", hostile_answers, "--bank", bank_file, "--template", template, "-f", "markdown"
    )
    assert code == ExitCode.INVALID and "needs a Markdown template" in err


def test_the_format_follows_the_output_name_and_its_own_file_is_replaced(
    tmp_path: Path, bank_file: Path, answers_file: Path
) -> None:
    target = tmp_path / "review.html"
    code, _, _ = run("report", answers_file, "--bank", bank_file, "-o", target, "--no-history")
    assert code == ExitCode.OK
    assert target.read_text().startswith(HTML_REPORT_MARKER)
    code, _, _ = run("report", answers_file, "--bank", bank_file, "-o", target, "--no-history")
    assert code == ExitCode.OK  # recognised as mlready's own: no --force needed
    mine = tmp_path / "mine.html"
    mine.write_text("<!DOCTYPE html><p>mine</p>\n")
    code, _, err = run("report", answers_file, "--bank", bank_file, "-o", mine)
    assert code == ExitCode.INVALID and "use --force" in err
    assert mine.read_text() == "<!DOCTYPE html><p>mine</p>\n"
    code, out, _ = run("report", "--help")
    assert "markdown" in out and "html" in out  # the choices come from the registry


def test_the_portfolio_heat_map(tmp_path: Path, bank_file: Path, answers_file: Path) -> None:
    worse = tmp_path / "worse.yaml"
    worse.write_text(
        BEST_ANSWERS.replace("name: shelf-scanner", 'name: "<b>worse</b>"')
        .replace(
            "serving.rollback: yes",
            "serving.rollback: {value: no, action: {owner: ops, due: 2026-01-01}}",
        )
        .replace("data.lineage: yes", "data.lineage: partial")
    )
    run("report", worse, "--bank", bank_file, "-o", tmp_path / "worse.html", "--no-history")
    out = tmp_path / "portfolio.html"
    code, _, err = run(
        "portfolio", answers_file, worse, "--bank", bank_file, "-o", out, "--today", "2026-11-26"
    )
    assert code == ExitCode.OK, err
    html = out.read_text()
    document = parse(html)
    inert(document)
    rows = document.findall(".//tbody/tr")
    first = "".join(rows[0].itertext())
    assert first.startswith("<b>worse</b>")  # worst first, the name as text
    assert rows[0].find(".//a").get("href") == "worse.html"
    assert "serving.rollback" in first  # its overdue action
    cells = rows[0].findall("td")
    # The gate's verdict in words and colour, and why it fails.
    assert cells[1].get("class") == "gate fail"
    assert "".join(cells[1].itertext()).startswith("fails") and "blocker" in first
    assert "".join(rows[1].findall("td")[1].itertext()) == "passes"
    # Each area score's cell has the shade of its step of 25, never a level's colour (a level
    # follows the gaps, not the score).
    bank = load_bank(bank_file)
    level_colours = {band_colour(bank.levels, level.min) for level in bank.levels}
    for row in rows:
        for cell in row.findall("td"):
            if cell.get("class") == "heat":
                text = "".join(cell.itertext())
                assert cell.get("style") == f"background:{score_shade(float(text))}"
                assert score_shade(float(text)) not in level_colours
    assert len({score_shade(score) for score in (10, 30, 60, 80)}) == 4
    # The review's score in the colour of the level it reached: a capped one is not a pilot's.
    level = "".join(cells[2].itertext())
    reached = next(one for one in bank.levels if one.shown == level)
    assert cells[3].get("style") == f"background:{band_colour(bank.levels, reached.min)}"
    assert len({band_colour(bank.levels, score) for score in (0, 60, 80, 95)}) == 4
    # The sparkline has its scale; each review its date and age.
    assert "days" in "".join(cells[-2].itertext())


# --- the browser: screenshot and PDF ---------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None,
    reason="needs chromium and poppler-utils (apt-get install chromium poppler-utils)",
)
def test_the_report_prints_to_clean_a4_pages_in_a_browser(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    shutil.copy(ROOT / "examples" / "ecommerce-categoriser.html", page)
    pdf, png = tmp_path / "report.pdf", tmp_path / "report.png"
    url = page.as_uri()
    for outputs in (
        [f"--print-to-pdf={pdf}", url],
        [f"--screenshot={png}", "--window-size=1000,1400", "--hide-scrollbars", url],
    ):
        subprocess.run(
            browser_command(tmp_path / "profile", *outputs),
            check=True,
            capture_output=True,
            timeout=120,
            env={**os.environ, "HOME": str(tmp_path)},
        )
    assert png.read_bytes().startswith(b"\x89PNG")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)", info.stdout)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    # The page count follows the example's length; the print stylesheet numbers them all.
    assert pages > 2
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Executive summary" in first
    assert (
        "Level: production, conditional: 2 conditions without an owner." in first
        and "What to do first" in first
    )
    assert f"Page 1 of {pages}" in first  # the print stylesheet's page numbers
    last = subprocess.run(
        ["pdftotext", "-f", str(pages), "-l", str(pages), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Page {pages} of {pages}" in last
    whole = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # The appendix is closed on screen, open on paper: its table is in the PDF.
    appendix = " ".join(whole.split("Answered checks (", 1)[1].split())
    # (where the question's cell wraps follows the widths of the other columns)
    assert "data.representative Has the training or" in appendix
    if os.environ.get("MLREADY_UPDATE_SCREENSHOT"):
        shutil.copy(png, ROOT / "docs" / "report-page-1.png")


def test_the_report_tests_hostile_review_is_inert_in_html(small_bank, parse_answers) -> None:  # type: ignore[no-untyped-def]
    html = render_report(score(small_bank, parse_answers(REVIEW)), html=True)
    document = parse(html)
    inert(document)
    shown = text_of(document)
    assert " ".join(terminal_text(REPORT_HOSTILE).split()) in " ".join(shown.split())
    assert [a.get("href") for a in document.iter("a")] == [
        "https://example.com/lineage",
        "docs/lineage.md",
    ]
