"""CI formats: JUnit XML, SARIF against its schema, GitHub annotations, Markdown summaries."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from junitparser import Failure, JUnitXml, Skipped
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from mlready.core.errors import ExitCode
from mlready.render.signatures import CHECK_MARKER
from tests.helpers.commands import run
from tests.helpers.sarif import sarif_schema
from tests.helpers.small_bank import BEST_ANSWERS

runner = CliRunner()

REVIEW = (
    BEST_ANSWERS.replace(
        "  data.lineage: yes\n",
        "  data.lineage:\n    value: partial\n    note: 'half | of it <b>'\n",
    )
    .replace("  data.schema: yes\n", "  data.schema: {value: na, note: 'images only'}\n")
    .replace("  serving.latency: automated\n", "")
)
# Lines in REVIEW: data.lineage at 7, answers: at 4.
LINEAGE_LINE = 7
ANSWERS_LINE = 4


@pytest.fixture
def review(tmp_path: Path, bank_file: Path) -> tuple[Path, Path]:
    answers = tmp_path / "review.yaml"
    answers.write_text(REVIEW, encoding="utf-8")
    assert answers.read_text().splitlines()[LINEAGE_LINE - 1] == "  data.lineage:"
    assert answers.read_text().splitlines()[ANSWERS_LINE - 1] == "answers:"
    return answers, bank_file


def check(review: tuple[Path, Path], *args: str) -> tuple[int, str, str]:
    answers, bank = review
    return run("check", answers, "--bank", bank, *args)


def test_junit_has_a_case_per_applicable_check(review: tuple[Path, Path]) -> None:
    code, out, _ = check(review, "--format", "junit")
    assert code == ExitCode.GATE_FAILED
    xml = JUnitXml.fromstring(out)
    suites = list(xml)
    assert len(suites) == 1
    cases = {case.name.split(":")[0]: case for case in suites[0]}
    # applicable checks: lineage, schema, tokenizer, latency, rollback
    assert set(cases) == {
        "data.lineage",
        "data.schema",
        "data.tokenizer",
        "serving.latency",
        "serving.rollback",
    }
    assert cases["data.tokenizer"].is_passed
    assert isinstance(cases["data.schema"].result[0], Skipped)
    assert "images only" in (cases["data.schema"].result[0].message or "")
    lineage = cases["data.lineage"].result[0]
    assert isinstance(lineage, Failure)
    assert lineage.type == "blocker"
    assert f"review.yaml:{LINEAGE_LINE}" in (lineage.text or "")
    latency = cases["serving.latency"].result[0]
    assert f"review.yaml:{ANSWERS_LINE}" in (latency.text or "")  # unanswered: the answers: key
    root = ET.fromstring(out)
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("5", "2", "1")
    case = root.find("./testsuite/testcase[@classname='mlready.data']")
    assert case is not None
    assert case.get("file", "").endswith("review.yaml")


def test_sarif_validates_against_the_published_schema(review: tuple[Path, Path]) -> None:
    code, out, _ = check(review, "--format", "sarif")
    assert code == ExitCode.GATE_FAILED
    document = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    assert document["version"] == "2.1.0"
    run_ = document["runs"][0]
    assert run_["tool"]["driver"]["name"] == "mlready"
    results = {result["ruleId"]: result for result in run_["results"]}
    assert set(results) == {"data.lineage", "serving.latency"}
    assert results["data.lineage"]["level"] == "error"
    assert results["serving.latency"]["level"] == "warning"
    region = results["data.lineage"]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": LINEAGE_LINE}
    rules = run_["tool"]["driver"]["rules"]
    assert rules[results["serving.latency"]["ruleIndex"]]["id"] == "serving.latency"


def test_sarif_lists_a_waived_gap_as_a_suppressed_result(
    review: tuple[Path, Path], tmp_path: Path
) -> None:
    answers, bank = review
    text = answers.read_text(encoding="utf-8").replace(
        "    note: 'half | of it <b>'\n",
        "    note: 'half | of it <b>'\n    waiver:\n      reason: lineage tool next quarter\n"
        "      approved_by: Head of ML\n      expires: 2026-12-31\n",
    )
    answers.write_text(text, encoding="utf-8")
    _, out, _ = run("check", answers, "--bank", bank, "-f", "sarif", "--today", "2026-12-01")
    document = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    results = {result["ruleId"]: result for result in document["runs"][0]["results"]}
    assert results["data.lineage"]["suppressions"] == [
        {"kind": "inSource", "justification": "lineage tool next quarter"}
    ]
    assert "suppressions" not in results["serving.latency"]


def test_sarif_of_a_ready_system_has_no_results(answers_file: Path, bank_file: Path) -> None:
    code, out, _ = run("check", answers_file, "--bank", bank_file, "-f", "sarif")
    assert code == ExitCode.OK
    document = json.loads(out)
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    assert document["runs"][0]["results"] == []


ANNOTATION = re.compile(r"^::(error|warning) file=([^,]+),line=(\d+),title=([^:]+)::(.+)$")


def test_github_annotations(review: tuple[Path, Path]) -> None:
    code, out, _ = check(review, "--format", "github")
    assert code == ExitCode.GATE_FAILED
    lines = out.splitlines()
    annotations = [ANNOTATION.match(line) for line in lines if line.startswith("::")]
    assert all(annotations), lines
    found = [(m.group(1), int(m.group(3)), m.group(4)) for m in annotations if m]
    assert found == [
        ("error", LINEAGE_LINE, "blocker gap%3A data.lineage"),
        ("warning", ANSWERS_LINE, "major gap%3A serving.latency"),
    ]
    # One blocker only partly done is a condition of the level, not a cap; the gate still fails.
    assert lines[-1].startswith("mlready: shelf-scanner: level production")
    assert "FAILED" in lines[-1]


def test_github_annotations_stop_at_ten_of_each(tmp_path: Path) -> None:
    questions = "\n".join(
        f"      - {{id: a.q{n}, prompt: 'Q{n}, really?', why: w, "
        f"severity: {'blocker' if n % 2 else 'minor'}}}"
        for n in range(30)
    )
    bank = tmp_path / "big.yaml"
    bank.write_text(
        f"bank: big\nversion: 1\nareas:\n  - id: a\n    title: A\n    questions:\n{questions}\n"
    )
    answers = tmp_path / "a.yaml"
    answers.write_text("mlready: 1\nanswers: {}\n")
    _, out, _ = run("check", answers, "--bank", bank, "-f", "github")
    lines = out.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 10
    assert "mlready: 10 more gaps not annotated; see the report" in lines
    assert "Q1%2C really?" not in out  # commas are escaped only in properties
    assert "Q1, really?" in out


def test_markdown_summary_renders(review: tuple[Path, Path]) -> None:
    code, out, _ = check(review, "--format", "markdown")
    assert code == ExitCode.GATE_FAILED
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h3"]
    assert any(t.type == "table_open" for t in tokens)
    assert "❌ failed" in out
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(out)
    assert "<b>" not in html


def test_output_writes_several_formats_in_one_run(
    review: tuple[Path, Path], tmp_path: Path
) -> None:
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    code, out, _ = check(
        review, "--format", "json", "--output", f"sarif:{sarif}", "--output", f"junit:{junit}"
    )
    assert code == ExitCode.GATE_FAILED
    assert json.loads(out)["passed"] is False
    assert json.loads(sarif.read_text())["version"] == "2.1.0"
    assert ET.fromstring(junit.read_text()).tag == "testsuites"


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("sarif", "expected FORMAT:PATH"),
        ("xml:out.xml", "unknown format 'xml'"),
        ("json:", "FORMAT:PATH"),
    ],
)
def test_output_spec_errors(review: tuple[Path, Path], spec: str, message: str) -> None:
    code, out, err = check(review, "--output", spec)
    assert code == ExitCode.INVALID
    assert out == ""
    assert message in err


def test_github_step_summary_is_appended(
    review: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check(review)
    text = summary.read_text()
    assert text.startswith(f"earlier step\n{CHECK_MARKER}\n### mlready: shelf-scanner")
    check(review, "--format", "json")
    assert text.count("### mlready") == 1
    assert summary.read_text().count("### mlready") == 2


def test_several_answers_files_in_one_run(review: tuple[Path, Path], tmp_path: Path) -> None:
    answers, bank = review
    models = tmp_path / "models"
    models.mkdir()
    ready = models / "ready.yaml"
    ready.write_text(BEST_ANSWERS)
    (models / "review.yaml").write_text(answers.read_text())
    code, out, _ = run("check", answers, ready, "--bank", bank, "-f", "json")
    assert code == ExitCode.GATE_FAILED
    document = json.loads(out)
    assert document["passed"] is False
    assert [review["passed"] for review in document["reviews"]] == [False, True]
    code, out, _ = run("check", str(models / "*.yaml"), "--bank", bank)  # a quoted glob
    assert code == ExitCode.GATE_FAILED
    assert out.count("Level: ") == 2
    assert out.endswith("1 of 2 reviews passed\n")
    code, _, err = run("check", str(models / "*.yml"), "--bank", bank)
    assert code == ExitCode.INVALID
    assert "no answers file matches this pattern" in err
