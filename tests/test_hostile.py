"""Text people typed and files people wrote, at their worst: every output stays literal and
harmless, every bad file is a clear error, and nothing is ever evaluated."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from rich.console import Console
from typer.testing import CliRunner

from mlready.cli import app
from mlready.core.errors import ExitCode, InputError
from mlready.core.gate import judge
from mlready.core.scoring import score
from mlready.io.answers_file import load_answers
from mlready.io.bank_file import load_bank
from mlready.render.report import render_report
from mlready.render.scorecard_view import Outcome
from mlready.render.terminal import print_scorecard
from tests.helpers.hostile_text import HOSTILE, HOSTILE_YAML, no_control_characters
from tests.helpers.small_bank import BEST_ANSWERS

runner = CliRunner()


@pytest.fixture
def hostile(tmp_path: Path, bank_file: Path) -> tuple[Path, Path]:
    text = (
        BEST_ANSWERS.replace("name: shelf-scanner", f"name: {HOSTILE_YAML}")
        .replace("data.owner: data-team", f"data.owner: {HOSTILE_YAML}")
        .replace(
            "  data.lineage: yes\n",
            f"  data.lineage:\n    value: partial\n    note: {HOSTILE_YAML}\n"
            f"    evidence: [{HOSTILE_YAML}, 'javascript:alert(1)', 'https://ok.example/a b']\n",
        )
    )
    answers = tmp_path / "hostile.yaml"
    answers.write_text(text, encoding="utf-8")
    return answers, bank_file


def outcome(paths: tuple[Path, Path]) -> Outcome:
    answers, bank_path = paths
    bank = load_bank(bank_path)
    card = score(bank, load_answers(answers, bank))
    return Outcome(card, judge(card))


def test_the_answers_load_literally(hostile: tuple[Path, Path]) -> None:
    answers = outcome(hostile).scorecard.answers
    assert answers.project.name == HOSTILE
    entry = answers.get("data.lineage")
    assert entry is not None
    assert entry.note == HOSTILE


@pytest.mark.parametrize("output_format", ["text", "github", "markdown"])
def test_text_formats_carry_no_control_characters(
    hostile: tuple[Path, Path], output_format: str
) -> None:
    answers, bank = hostile
    result = runner.invoke(app, ["check", str(answers), "--bank", str(bank), "-f", output_format])
    assert result.exit_code == ExitCode.GATE_FAILED
    assert no_control_characters(result.stdout)
    assert "\\x1b" in result.stdout or output_format == "github"


def test_github_annotations_stay_one_line_each(hostile: tuple[Path, Path]) -> None:
    answers, bank = hostile
    out = runner.invoke(app, ["check", str(answers), "--bank", str(bank), "-f", "github"]).stdout
    for line in out.splitlines():
        assert line.startswith(("::error ", "::warning ", "mlready: "))


def test_json_keeps_the_text_exactly(hostile: tuple[Path, Path]) -> None:
    answers, bank = hostile
    out = runner.invoke(app, ["check", str(answers), "--bank", str(bank), "-f", "json"]).stdout
    assert json.loads(out)["project"]["name"] == HOSTILE  # data, not display: kept as written
    assert "\x1b" not in out  # JSON escapes it


def test_junit_and_sarif_parse_and_carry_no_control_characters(
    hostile: tuple[Path, Path],
) -> None:
    answers, bank = hostile
    junit = runner.invoke(app, ["check", str(answers), "--bank", str(bank), "-f", "junit"]).stdout
    ET.fromstring(junit)
    assert no_control_characters(junit)
    sarif = runner.invoke(app, ["check", str(answers), "--bank", str(bank), "-f", "sarif"]).stdout
    assert json.loads(sarif)["version"] == "2.1.0"


def test_the_terminal_shows_no_escape_sequence_from_user_text(hostile: tuple[Path, Path]) -> None:
    result = outcome(hostile)
    output = io.StringIO()
    console = Console(file=output, force_terminal=True, width=120, color_system="truecolor")
    print_scorecard(console, result.scorecard, result.verdict)
    shown = output.getvalue()
    assert "\x1b]0;pwned" not in shown  # no window-title change
    assert "\x1b[2J" not in shown  # no screen clearing
    assert "[bold]rich[/bold]" in shown  # rich markup printed, not applied
    assert "\\x1b]0;pwned\\x07" in shown


def test_the_report_renders_user_text_as_text(hostile: tuple[Path, Path]) -> None:
    report = render_report(outcome(hostile).scorecard)
    assert no_control_characters(report)
    assert "\u202e" not in report
    assert "\\u202eevil" in report
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    tokens = parser.parse(report)
    html = [t for t in tokens if t.type == "html_block"]
    inline = [c for t in tokens if t.children for c in t.children if c.type == "html_inline"]
    assert len(html) == 1  # the report's own marker comment
    assert inline == []
    rendered = parser.render(report)
    assert "<img" not in rendered
    assert "javascript:" not in " ".join(
        c.attrGet("href") or "" for t in tokens if t.children for c in t.children
    )
    assert "{{ 7*7 }}" in rendered and ">49<" not in rendered
    assert 'href="https://ok.example/a%20b"' not in rendered  # a URL with a space is not a link


def test_a_sandboxed_template_cannot_reach_python(
    tmp_path: Path, hostile: tuple[Path, Path]
) -> None:
    card = outcome(hostile).scorecard
    for source in [
        "{{ card.__class__.__init__.__globals__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ card.answers._replace.__self__.__class__ }}",
    ]:
        template = tmp_path / "evil.md.j2"
        template.write_text(source)
        with pytest.raises(InputError, match=r"evil\.md\.j2"):
            render_report(card, template=template)


def test_a_runaway_template_is_stopped(tmp_path: Path, hostile: tuple[Path, Path]) -> None:
    card = outcome(hostile).scorecard
    template = tmp_path / "loop.md.j2"
    template.write_text(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(InputError, match=r"rendering took longer than 0\.5 s"):
        render_report(card, template=template, max_seconds=0.5)
    template.write_text("{% for a in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
    with pytest.raises(InputError, match="the report grew past 100,000 characters"):
        render_report(card, template=template, max_chars=100_000)


# --- workflow commands: GitHub Actions obeys `::command` at the start of any line on stdout ---

# Text that would start workflow commands on lines of their own, once a line break is kept.
COMMANDS_YAML = json.dumps("shelf\n::error file=x::pwned\n  ::add-mask::secret\n::stop-commands::t")


def workflow_commands(text: str) -> list[str]:
    """The lines of `text` that a GitHub Actions runner would read as workflow commands."""
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


@pytest.fixture
def commanding(tmp_path: Path, bank_file: Path) -> tuple[Path, Path]:
    text = BEST_ANSWERS.replace("name: shelf-scanner", f"name: {COMMANDS_YAML}").replace(
        "  data.lineage: yes\n",
        f"  data.lineage:\n    value: partial\n    note: {COMMANDS_YAML}\n",
    )
    answers = tmp_path / "commanding.yaml"
    answers.write_text(text, encoding="utf-8")
    return answers, bank_file


@pytest.mark.parametrize(
    "args",
    [
        ("check", "-f", "markdown"),
        ("report", "-o", "-"),
        ("report", "-o", "-", "-f", "html"),
        ("portfolio", "-o", "-"),
    ],
    ids="-".join,
)
def test_user_text_never_starts_a_workflow_command(
    commanding: tuple[Path, Path], args: tuple[str, ...]
) -> None:
    answers, bank = commanding
    result = runner.invoke(app, [*args, str(answers), "--bank", str(bank)])
    assert result.exit_code in (ExitCode.OK, ExitCode.GATE_FAILED), result.stderr
    assert "pwned" in result.stdout
    assert workflow_commands(result.stdout) == []


def test_the_job_summary_starts_no_workflow_command(
    commanding: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers, bank = commanding
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(app, ["check", str(answers), "--bank", str(bank)])
    assert result.exit_code == ExitCode.GATE_FAILED
    text = summary.read_text(encoding="utf-8")
    assert workflow_commands(text) == []
    rendered = MarkdownIt("commonmark").render(text)
    assert "::error file=x::pwned<br />\n::add-mask::secret" in rendered  # shown as typed
    assert "\\::" not in rendered


def test_a_hostile_file_name_stays_inside_its_annotation(tmp_path: Path, bank_file: Path) -> None:
    name = tmp_path / "x\x1b[31m\x1b]0;title\x07\n::error::f,y:.yaml"
    name.write_text(BEST_ANSWERS.replace("data.lineage: yes", "data.lineage: no"))
    out = runner.invoke(app, ["check", str(name), "--bank", str(bank_file), "-f", "github"])
    assert out.exit_code == ExitCode.GATE_FAILED
    assert no_control_characters(out.stdout)
    lines = out.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=")
    assert "x\\x1b[31m\\x1b]0;title\\x07%0A%3A%3Aerror%3A%3Af%2Cy%3A.yaml,line=" in lines[0]
    assert lines[1].startswith("mlready: ")
    junit = runner.invoke(app, ["check", str(name), "--bank", str(bank_file), "-f", "junit"])
    ET.fromstring(junit.stdout)  # XML cannot hold the escape character: shown as \x1b


# --- bad files through the command line: exit 2, the place, no traceback ---------------------

BAD_ANSWERS = {
    "malformed": "mlready: 1\nanswers: [\n",
    "tabs": "mlready: 1\nanswers:\n\tdata.lineage: yes\n",
    "empty": "",
    "comments only": "# nothing\n",
    "a list": "- mlready: 1\n",
    "answers a list": "mlready: 1\nanswers: [data.lineage]\n",
    "wrong type": "mlready: 1\nproject: {name: [a, b]}\n",
    "duplicate key": "mlready: 1\nanswers:\n  data.lineage: yes\n  data.lineage: no\n",
    "deep": "mlready: 1\nanswers: " + "[" * 40 + "]" * 40 + "\n",
    "alias": "mlready: 1\nproject: &p {name: x}\nanswers: *p\n",
    "tag": "mlready: 1\nanswers: !!python/object/apply:os.system ['echo pwned']\n",
    "newer": "mlready: 9\n",
    "billion laughs": "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nmlready: 1\n",
}


@pytest.mark.parametrize("content", BAD_ANSWERS.values(), ids=BAD_ANSWERS.keys())
def test_bad_answers_files_are_clear_errors(tmp_path: Path, bank_file: Path, content: str) -> None:
    answers = tmp_path / "bad.yaml"
    answers.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", str(answers), "--bank", str(bank_file)])
    assert result.exit_code == ExitCode.INVALID
    assert result.stdout == ""
    assert f"error: {answers}" in result.stderr
    assert "Traceback" not in result.stderr
    assert "pwned" not in result.stdout


@pytest.mark.parametrize(
    "data",
    [b"\xff\xfe\x00\x00garbage", b"mlready: 1\nanswers: {a: \xe9}\n", b"\x89PNG\r\n\x1a\n"],
    ids=["binary", "latin-1", "png"],
)
def test_undecodable_files_are_clear_errors(tmp_path: Path, bank_file: Path, data: bytes) -> None:
    answers = tmp_path / "bad.yaml"
    answers.write_bytes(data)
    result = runner.invoke(app, ["check", str(answers), "--bank", str(bank_file)])
    assert result.exit_code == ExitCode.INVALID
    assert str(answers) in result.stderr


def test_an_oversized_file_is_refused_before_reading(
    tmp_path: Path, bank_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mlready.io.yamlio

    monkeypatch.setattr(mlready.io.yamlio, "MAX_FILE_BYTES", 1000)
    answers = tmp_path / "big.yaml"
    answers.write_text("mlready: 1\n" + "# padding\n" * 200)
    result = runner.invoke(app, ["check", str(answers), "--bank", str(bank_file)])
    assert result.exit_code == ExitCode.INVALID
    assert "the limit is 1,000 bytes" in result.stderr


TYPOS = {
    # 50,000 unknown question ids, each close to a real one
    "questions": "project: {name: typos}\nanswers:\n"
    + "".join(f"  data.linage_{n}: yes\n" for n in range(50_000)),
    # 50,000 unknown keys of the project
    "project-keys": "project:\n  name: typos\n"
    + "".join(f"  ownr_{n}: someone\n" for n in range(50_000)),
}


@pytest.mark.parametrize("body", TYPOS.values(), ids=TYPOS.keys())
def test_fifty_thousand_typos_cost_twenty_suggestions(
    tmp_path: Path, bank_file: Path, monkeypatch: pytest.MonkeyPatch, body: str
) -> None:
    import difflib

    looked_up: list[str] = []
    close_matches = difflib.get_close_matches

    def counted(word: str, *args: Any, **kwargs: Any) -> list[str]:
        looked_up.append(word)
        return close_matches(word, *args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    answers = tmp_path / "typos.yaml"
    answers.write_text(f"mlready: 1\nbank: small@1\n{body}", encoding="utf-8")
    result = runner.invoke(app, ["check", str(answers), "--bank", str(bank_file)])
    assert result.exit_code == ExitCode.INVALID
    messages = result.stderr.splitlines()
    assert len(messages) == 21
    assert messages[-1] == "error: … and 49980 more problems"
    assert 1 <= len(looked_up) <= 20
    assert sum("did you mean" in message for message in messages) == len(looked_up)
