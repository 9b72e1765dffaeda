"""The report, portfolio and history as people read them: page 1 of the printed report made
with default options says the verdict, the gate and what to do first; charts whose colours
and labels do not mislead; tables without empty columns; history written and wrapped."""

from __future__ import annotations

import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from mlready.core.errors import ExitCode
from mlready.io.bank_file import load_bank
from mlready.render.charts import band_colour
from mlready.render.width import cells
from tests.helpers.browser import CHROMIUM, PDFTOTEXT, browser_command
from tests.helpers.commands import mlready, run, run_in
from tests.helpers.html_documents import SVG, inert, parse, text_of
from tests.helpers.languages import speaking
from tests.helpers.review_history import commit, git
from tests.helpers.reviewed_repository import TODAY, reviewed_repository
from tests.helpers.small_bank import BEST_ANSWERS, SMALL_BANK


@pytest.fixture
def reviewed(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The reviewed repository, the current folder while the test runs."""
    root = reviewed_repository(tmp_path / "repo")
    monkeypatch.chdir(root)
    return root


def _words(text: str) -> str:
    return " ".join(text.split())


# --- page 1, printed --------------------------------------------------------------------------


def _chinese_level(name: str) -> str:
    from mlready.core.translation import translate_bank
    from mlready.io.catalogs import bank_translation

    bank = load_bank()
    chinese = translate_bank(bank, bank_translation(bank, "zh-CN")).bank
    return next(level.shown for level in chinese.levels if level.name == name)


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None or PDFTOTEXT is None,
    reason="needs chromium and poppler-utils (apt-get install chromium poppler-utils)",
)
@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_page_one_of_the_default_report_says_the_verdict_the_gate_and_what_to_do_first(
    reviewed: Path, tmp_path: Path, language: str
) -> None:
    # As a user runs it: scan and history on, in a repository with three revisions.
    done = mlready(reviewed, "report", "-o", "r.html", "--today", TODAY, "--lang", language)
    assert done.returncode == ExitCode.OK, done.stderr
    pdf = tmp_path / "r.pdf"
    subprocess.run(
        browser_command(
            tmp_path / "profile", f"--print-to-pdf={pdf}", (reviewed / "r.html").as_uri()
        ),
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    first = _words(
        subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    # The verdict: the level, with how many of its conditions nobody owns when some are not.
    verdict = (
        r"Level:notready(,\d+conditions?withoutanowner)?\."
        if language == "en"
        else _chinese_level("not ready") + r"(，其中\d+个附带条件无人负责)?。"
    )
    assert re.search(verdict, first.replace(" ", "")), first
    if language == "en":
        said = [
            "Why the level is not higher: data.usage_rights at its lowest grade, which caps the "
            "level at not ready.",
            "The CI gate fails: 1 blocker gap; level not ready is below pilot.",  # the gate, why
            "What to do first",
        ]
    else:
        said = [
            "级别受限原因：data.usage_rights 得分处于最低档（未回答或选了最低一项）",
            "CI 门禁未通过：",
        ]
    for words in said:
        assert words.replace(" ", "") in first.replace(" ", ""), (words, first)
    assert _score(reviewed) in first  # the score
    # What to do first: the half-done blocker, then the major gaps.
    assert "data.usage_rights" in first and "training.model_card" in first


def _score(root: Path) -> str:
    """The review's score as `check --format json` gives it, as the report prints it."""
    done = run_in(root, "check", "-f", "json", "--today", TODAY, "--no-scan")
    return f"{json.loads(done.stdout)['score']:g}"


# --- the gate, without a browser ------------------------------------------------------------


@pytest.mark.parametrize(
    ("fail_under", "said"),
    [
        ("production", "The CI gate fails: 1 blocker gap; level not ready is below production."),
        ("95", "The CI gate fails: 1 blocker gap; score {score} is below 95."),
        (None, "The CI gate fails: 1 blocker gap; no --fail-under is set."),
    ],
)
def test_the_summary_says_whether_the_gate_passes_and_why(
    tmp_path: Path,
    git_env: None,
    monkeypatch: pytest.MonkeyPatch,
    fail_under: str | None,
    said: str,
) -> None:
    root = reviewed_repository(tmp_path / "repo", fail_under=fail_under)
    monkeypatch.chdir(root)
    said = said.format(score=_score(root))
    code, html, err = run("report", "-f", "html", "-o", "-", "--today", TODAY)
    assert code == ExitCode.OK, err
    gate = parse(html).find(".//p[@class='gate gate-fail']")
    assert gate is not None and _words("".join(gate.itertext())) == said
    code, markdown, _ = run("report", "-o", "-", "--today", TODAY)
    assert f"\n{said}\n" in markdown


def test_a_passing_gate_says_what_it_checked(bank_file: Path, answers_file: Path) -> None:
    code, html, _ = run(
        "report", answers_file, "--bank", bank_file, "-f", "html", "-o", "-", "--no-history"
    )
    assert code == ExitCode.OK
    gate = parse(html).find(".//p[@class='gate gate-pass']")
    assert gate is not None
    assert _words("".join(gate.itertext())) == (
        "The CI gate passes: no blocker gap is open; every applicable question is answered; "
        "no --fail-under is set."
    )


# --- charts -----------------------------------------------------------------------------------


def _svgs(document: ET.Element) -> dict[str, ET.Element]:
    return {
        "".join(svg.find(f"{SVG}title").itertext()): svg  # type: ignore[union-attr]
        for svg in document.iter(f"{SVG}svg")
    }


def _text_boxes(svg: ET.Element) -> list[tuple[str, float, float, float]]:
    """Each line of text in `svg`: the text, its left and right edges and its baseline."""
    # The widest a sans-serif glyph is drawn: 0.62 em a Latin letter, 1.24 em a Chinese one.
    boxes = []
    for text in svg.iter(f"{SVG}text"):
        size = float(text.get("font-size", "12"))
        anchor = text.get("text-anchor", "start")
        y = float(text.get("y", "0"))
        spans = list(text.iter(f"{SVG}tspan")) or [text]
        for span in spans:
            line = "".join(span.itertext())
            x = float(span.get("x", text.get("x", "0")))
            y += float(span.get("dy", "0"))
            width = cells(line) * size * 0.62
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            boxes.append((line, left, left + width, y))
    return boxes


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_one_area_chart_with_the_cap_no_level_thresholds_and_nothing_clipped(
    reviewed: Path, language: str
) -> None:
    with speaking(language):
        code, html, err = run("report", "-f", "html", "-o", "-", "--today", TODAY)
    assert code == ExitCode.OK, err
    document = parse(html)
    inert(document)
    charts = list(_svgs(document).values())
    assert len(charts) == 2  # the areas and the trend: no radar drawing the areas again
    bars, trend = charts
    for svg in charts:
        _x, _y, width, height = map(float, svg.get("viewBox", "").split())
        for line, left, right, baseline in _text_boxes(svg):
            assert left >= 0 and right <= width, (line, left, right, width)
            assert 0 < baseline <= height, (line, baseline, height)
    bank = load_bank()
    scores = [float(line) for line, *_ in _text_boxes(bars) if re.fullmatch(r"[\d.]+", line)]
    fills = [
        rect.get("fill")
        for rect in bars.iter(f"{SVG}rect")
        if rect.get("fill") not in ("#f0f0f0", None)
    ]
    assert len(fills) == len(scores) == len(bank.areas)
    # A score is not coloured as a level (the level follows the gaps): every area that does
    # not cap the level has the same colour, whatever its score, and no level colour.
    assert len(set(fills)) == 1, fills
    assert not set(fills) & {band_colour(bank.levels, level.min) for level in bank.levels}
    assert len(set(scores)) > 1  # different scores, one colour
    labels = [line for line, *_ in _text_boxes(bars)]
    # No level thresholds drawn beside the bars: "production 90" is not what production means.
    assert not [line for line in labels if re.search(r" (90|75|50)$", line)], labels
    if language == "en":
        assert any(
            line.startswith("Why the level is not higher: data.usage_rights") for line in labels
        )
    # The trend shows its values, one per revision, on a plain grid (25, 50, 75).
    values = [line for line, *_ in _text_boxes(trend) if re.fullmatch(r"\d+(\.\d+)?", line)]
    assert {"25", "50", "75"} <= set(values) and "90" not in values
    assert _score(reviewed) in values
    assert len([v for v in values if v not in ("25", "50", "75")]) == 3


# --- tables -----------------------------------------------------------------------------------


def _headers(table: ET.Element) -> list[str]:
    return ["".join(th.itertext()) for th in table.findall("./thead/tr/th")]


def test_tables_leave_out_empty_columns_and_group_the_appendix_by_area(
    tmp_path: Path, bank_file: Path
) -> None:
    answers = tmp_path / "review.yaml"
    answers.write_text(
        BEST_ANSWERS.replace("serving.rollback: yes", "serving.rollback: no")
        .replace("data.modality: [image, text]", "data.modality: [image, text]\n  data.schema: no")
        .replace("  data.schema: yes\n", ""),
        encoding="utf-8",
    )
    code, html, err = run(
        "report", answers, "--bank", bank_file, "-f", "html", "-o", "-", "--no-history", "--no-scan"
    )
    assert code == ExitCode.OK, err
    document = parse(html)
    plan = document.find(".//section[@id='plan']/table")
    first = document.find(".//section[@id='summary']/table")
    assert plan is not None and first is not None
    assert _headers(plan) == ["Check", "Severity", "Score"]  # no action set: no empty columns
    assert _headers(first) == ["#", "Check", "Severity"]
    appendix = document.find(".//section[@id='appendix']//table")
    assert appendix is not None
    assert _headers(appendix) == ["Check", "Answer", "Score"]  # the area is a group row
    groups = ["".join(row.itertext()) for row in appendix.iter("tr") if row.get("class") == "group"]
    assert groups == ["Data", "Serving"]
    rows = [row for row in appendix.findall("./tbody/tr") if row.get("class") != "group"]
    assert all(row.find("./td/code") is not None for row in rows)  # each names its check id
    profile = document.find(".//section[@id='profile']")
    assert profile is not None and "; " in text_of(profile)  # a multi-answer, in English
    style = "".join(document.find(".//style").itertext())  # type: ignore[union-attr]
    assert re.search(r"tr, [^{]*\{ break-inside: avoid; \}", style)
    # With an owner on one action, the plan gains that column, and only that one.
    answers.write_text(
        answers.read_text().replace(
            "serving.rollback: no", "serving.rollback: {value: no, action: {owner: ops}}"
        )
    )
    _, html, _ = run(
        "report", answers, "--bank", bank_file, "-f", "html", "-o", "-", "--no-history"
    )
    plan = parse(html).find(".//section[@id='plan']/table")
    assert plan is not None and _headers(plan) == ["Check", "Severity", "Score", "Owner"]


def test_evidence_states_never_break_inside_a_word(reviewed: Path) -> None:
    code, html, _ = run("report", "-f", "html", "-o", "-", "--today", TODAY)
    assert code == ExitCode.OK
    document = parse(html)
    cells_ = [td for td in document.iter("td") if "contradicted" in (td.get("class") or "")]
    assert cells_
    for td in cells_:
        span = td.find("span")
        assert span is not None and span.get("class") == "state"
    style = "".join(document.find(".//style").itertext())  # type: ignore[union-attr]
    assert ".state { white-space: nowrap; }" in style
    assert "overflow-wrap: anywhere; } td.evidenced" not in style


def test_the_chinese_report_reads_as_chinese(reviewed: Path) -> None:
    with speaking("zh-CN"):
        code, html, _ = run("report", "-f", "html", "-o", "-", "--today", TODAY)
    assert code == ExitCode.OK
    document = parse(html)
    shown = text_of(document.find(".//main"))  # type: ignore[arg-type]
    # Sentences and labels follow each other without a space after a full-width mark.
    assert not re.search(r"[。：；] ", shown), re.findall(r".{12}[。：；] .{12}", shown)
    style = "".join(document.find(".//style").itertext())  # type: ignore[union-attr]
    assert "font-style: italic" not in style.split(":lang(zh)")[0]  # no italic at all but off
    assert "th { white-space: nowrap; word-break: keep-all; }" in style
    # A multi-answer is listed with 、.
    profile = text_of(document.find(".//section[@id='profile']"))  # type: ignore[arg-type]
    assert "、" in profile and "; " not in profile


# --- history ----------------------------------------------------------------------------------


@pytest.fixture
def worsened_repo(tmp_path: Path, git_env: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small review whose lineage went from partial to no, and whose rollback was done."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "small.yaml").write_text(SMALL_BANK, encoding="utf-8")
    partial = BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: partial").replace(
        "serving.rollback: yes", "serving.rollback: no"
    )
    commit(root, "mlready.yaml", partial, "2026-08-01T10:00:00+00:00", "one")
    commit(
        root,
        "mlready.yaml",
        partial.replace("data.lineage: partial", "data.lineage: no").replace(
            "serving.rollback: no", "serving.rollback: yes"
        ),
        "2026-09-01T10:00:00+00:00",
        "two",
    )
    monkeypatch.chdir(root)
    return root


def test_history_and_diff_call_out_a_gap_that_got_worse(worsened_repo: Path) -> None:
    code, out, err = run("history", "--bank", "small.yaml")
    assert code == ExitCode.OK, err
    last = out.rstrip().splitlines()[-1]
    assert "closed: serving.rollback" in last and "worsened: data.lineage" in last
    _, json_out, _ = run("history", "--bank", "small.yaml", "-f", "json")
    assert '"gaps_worsened": [\n        "data.lineage"\n      ]' in json_out
    old = worsened_repo / "old.yaml"
    git(worsened_repo, "show", "HEAD~1:mlready.yaml")
    old.write_text(
        subprocess.run(
            ["git", "show", "HEAD~1:mlready.yaml"], capture_output=True, text=True, check=True
        ).stdout
    )
    code, out, _ = run("diff", old, "mlready.yaml", "--bank", "small.yaml")
    assert code == ExitCode.OK
    assert "Gaps worsened (1)\n  data.lineage:" in out


def test_history_writes_a_file_through_the_output_policy(worsened_repo: Path) -> None:
    code, _, err = run("history", "--bank", "small.yaml", "-o", "history.html")
    assert code == ExitCode.OK, err
    html = (worsened_repo / "history.html").read_text()
    document = parse(html)  # the format follows the name
    inert(document)
    style = "".join(document.find(".//style").itertext())  # type: ignore[union-attr]
    assert "@page { size: A4 landscape;" in style
    assert 'content: "Page " counter(page) " of " counter(pages)' in style
    changes = [td for td in document.iter("td") if td.get("class") == "changes"]
    assert len(changes) == 2
    assert "".join(changes[1].itertext()).startswith("Gaps closed: serving.rollback")
    assert "Gaps worsened: data.lineage" in "".join(changes[1].itertext())
    code, _, _ = run("history", "--bank", "small.yaml", "-o", "history.html")
    assert code == ExitCode.OK  # its own file, replaced
    # Never an input, never a file mlready did not write (without --force).
    code, _, err = run("history", "--bank", "small.yaml", "-o", "mlready.yaml")
    assert code == ExitCode.INVALID and "inputs" in err
    code, _, err = run("history", "--bank", "small.yaml", "-o", "small.yaml", "--force")
    assert code == ExitCode.INVALID
    (worsened_repo / "notes.txt").write_text("mine\n")
    code, _, err = run("history", "--bank", "small.yaml", "-o", "notes.txt")
    assert code == ExitCode.INVALID and "--force" in err
    assert (worsened_repo / "notes.txt").read_text() == "mine\n"


def test_plain_history_fits_the_terminal(reviewed: Path) -> None:
    from mlready import api
    from mlready.render.history import history_text

    found = api.history("mlready.yaml")
    for width in (80, 60):
        text = history_text(found, width=width)
        assert max(cells(line) for line in text.splitlines()) <= width
        assert "data.lineage" in text  # the ids are all there, wrapped, not cut
    whole = history_text(found)
    assert max(cells(line) for line in whole.splitlines()) > 80  # unwrapped in a pipe


def test_history_in_chinese_names_levels_by_their_titles(reviewed: Path) -> None:
    with speaking("zh-CN"):
        code, text, _ = run("history")
        _, data, _ = run("history", "-f", "json")
    assert code == ExitCode.OK
    not_ready = _chinese_level("not ready")
    score = re.escape(_score(reviewed))
    assert re.search(rf"\n2026-11-20  .*  {not_ready}  {score} ", text)
    assert "关闭：data.lineage、data.datasheet、" in text  # ids listed with 、
    assert '"level": "not ready"' in data  # data, the same in every language
