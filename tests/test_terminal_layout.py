"""The terminal as people read it, at 60 and 80 columns: indents kept when lines wrap, check
ids never broken, bars shrinking first; and the walk's words at its start and end."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pexpect
import pytest
from rich.console import Console

from mlready.core.gate import judge
from mlready.core.scoring import score
from mlready.core.walk import Screen
from mlready.io.answers_file import load_answers
from mlready.io.bank_file import load_bank
from mlready.render.terminal import TerminalPrompt, print_scorecard
from tests.helpers.small_bank import BEST_ANSWERS
from tests.helpers.terminal_sessions import spawn

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = [60, 80]


def console(width: int, typed: str = "") -> tuple[Console, io.StringIO]:
    output = io.StringIO()
    shown = Console(file=output, width=width, force_terminal=False, color_system=None)
    shown.input = lambda *_, **__: typed  # type: ignore[method-assign]
    return shown, output


@pytest.fixture(scope="module")
def example():  # type: ignore[no-untyped-def]
    bank = load_bank()
    answers = load_answers(ROOT / "examples" / "on-device-vision.yaml", bank)
    card = score(bank, answers, today=answers.project.reviewed)
    return card, judge(card, today=answers.project.reviewed)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_summary_keeps_ids_whole_and_lines_within_the_width(example, width: int) -> None:  # type: ignore[no-untyped-def]
    card, verdict = example
    shown, output = console(width)
    print_scorecard(shown, card, verdict)
    text = output.getvalue()
    lines = text.splitlines()
    assert all(len(line) <= width for line in lines)
    ids = set(card.bank.questions)
    section = text.split("gaps (", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    rows = [line for line in section if re.match(r"^  (blocker|major|minor) ", line)]
    assert len(rows) == len([g for g in card.open_gaps if g.severity.value != "blocker"])
    for line in section:
        assert line.startswith("  "), line  # every gap line indented alike, wrapped ones too
    for row in rows:
        shown_id = row.split()[1]
        # Whole, or cut at its end with an ellipsis: never split over two lines.
        assert shown_id in ids or (
            shown_id.endswith("…") and any(i.startswith(shown_id[:-1]) for i in ids)
        ), shown_id
    blockers = text.split("\nBlockers (", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    assert all(line.startswith("  ") for line in blockers)
    # The area table: titles whole on one line each; the bar shrank to make room.
    for row in card.areas:
        assert any(line.startswith(row.area.title) for line in lines), row.area.title


def test_bars_shrink_before_titles_wrap(example) -> None:  # type: ignore[no-untyped-def]
    card, verdict = example
    wide, wide_output = console(120)
    print_scorecard(wide, card, verdict)
    narrow, narrow_output = console(60)
    print_scorecard(narrow, card, verdict)
    widest = max(len(m) for m in re.findall(r"[█░]+", wide_output.getvalue()))
    thinnest = max((len(m) for m in re.findall(r"[█░]+", narrow_output.getvalue())), default=0)
    assert widest == 20
    assert thinnest < 20


LONG = (
    "Measured by hand with a stopwatch and a spreadsheet that the on-call engineer keeps "
    "up to date after every release"
)


@pytest.mark.parametrize("width", WIDTHS)
def test_wrapped_labels_hints_and_answers_keep_their_indent(width: int, small_bank) -> None:  # type: ignore[no-untyped-def]
    from mlready.core.model import AnswerEntry, Option

    question = small_bank.questions["serving.latency"]
    options = (*question.options[:1], Option(value="manual", label=LONG, score=0.5))
    question = type(question)(**{**question.__dict__, "options": options})
    screen = Screen(
        question=question,
        area=small_bank.areas[1],
        area_position=2,
        area_total=3,
        position=7,
        total=8,
        current=AnswerEntry(value="manual"),
    )
    shown, output = console(width)
    TerminalPrompt(shown).question(screen)
    lines = output.getvalue().splitlines()
    assert all(len(line) <= width for line in lines)
    start = next(i for i, line in enumerate(lines) if "manual" in line and "2" in line)
    label_column = lines[start].index("Measured")
    following = lines[start + 1]
    assert following[:label_column].strip() == "" and following[label_column] != " "
    current = next(i for i, line in enumerate(lines) if "current answer:" in line)
    value_column = lines[current].index("Measured")
    assert lines[current + 1][:value_column].strip() == ""  # goes on under the answer
    hint = next(i for i, line in enumerate(lines) if line.startswith("  [1-2 or a value"))
    assert "quit]" in "".join(lines[hint:])
    assert all(line.startswith("  ") for line in lines[hint:] if line.strip())  # wrapped too
    if width == 60:
        assert lines[hint + 1].strip().endswith("quit]")  # it did wrap


def test_more_gaps_point_to_the_report_only_when_one_is_written(example) -> None:  # type: ignore[no-untyped-def]
    card, verdict = example
    shown, output = console(80)
    print_scorecard(shown, card, verdict, max_gaps=1)
    assert "more in the report" in output.getvalue()
    shown, output = console(80)
    print_scorecard(shown, card, verdict, max_gaps=1, more="(`mlready check` lists them all)")
    assert "report" not in output.getvalue().lower().replace("reports", "")


@pytest.mark.slow
def test_a_walk_with_nothing_left_to_ask_says_so(tmp_path: Path, bank_file: Path) -> None:
    (tmp_path / "answers.yaml").write_text(BEST_ANSWERS, encoding="utf-8")
    child = spawn(tmp_path, "--no-report", "--no-scan")
    child.expect_exact("Nothing left to ask")
    child.expect(pexpect.EOF)
    shown = child.before or ""
    child.close()
    assert child.exitstatus == 0
    assert "Report" not in shown and "report" not in shown.replace("--redo", "")
    assert not (tmp_path / "READINESS.md").exists()


@pytest.mark.slow
def test_the_bank_intro_once_and_project_questions_after_init(
    tmp_path: Path, bank_file: Path
) -> None:
    bank_file.write_text(
        bank_file.read_text().replace(
            "title: Small bank\n", "title: Small bank\nintro: Read me first.\n"
        )
    )
    (tmp_path / "answers.yaml").write_text("mlready: 1\nanswers: {}\n", encoding="utf-8")
    child = spawn(tmp_path, "--no-report", "--no-scan")
    child.expect_exact("Read me first.")
    child.expect_exact("Project name")
    child.sendline("shelf")
    child.expect_exact("Owner")
    child.sendline("vision")
    child.expect_exact("Which inputs")
    child.expect_exact("› ")
    child.sendline(":q")
    child.expect(pexpect.EOF)
    shown = child.before or ""
    child.close()
    assert "Read me first." not in shown  # once
    assert "name: shelf" in (tmp_path / "answers.yaml").read_text()


@pytest.mark.parametrize("language", ["en", "zh-CN"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_hint_line_breaks_between_its_items_never_inside_a_label(
    width: int, language: str
) -> None:
    from mlready import api
    from mlready.core.model import AnswerEntry
    from tests.helpers.languages import speaking

    with speaking(language):
        bank = api.translated_bank(load_bank()).bank
        areas = {q.id: area for area in bank.sections for q in area.questions}
        shown, output = console(width)
        prompt = TerminalPrompt(shown)
        # Every kind of hint: a choice, a multi with an exclusive option, text, a check that
        # takes na, each with a current answer (Enter keeps) and without.
        questions = [q for q in bank.questions.values() if q.options or q.kind == "text"][:40]
        for number, question in enumerate(questions):
            current = AnswerEntry(value="x") if number % 2 else None
            screen = Screen(
                question=question,
                area=areas[question.id],
                area_position=1,
                area_total=1,
                position=number,
                total=len(questions),
                current=current,
            )
            start = len(output.getvalue())
            prompt.question(screen)
            lines = output.getvalue()[start:].splitlines()
            first = next(i for i, line in enumerate(lines) if line.startswith("  ["))
            last = next(i for i in range(first, len(lines)) if lines[i].rstrip().endswith("]"))
            hint = [line.strip() for line in lines[first : last + 1]]
            assert all(cells_of(line) <= width - 2 for line in hint), hint
            # Each item (a command and its label) whole on one line; the lines join to the hint.
            items = screen.hint.split(" · ")
            for item in items:
                assert any(item in line for line in hint), (item, hint)
            assert " ".join(hint) == f"[{screen.hint}]", hint
            if language == "zh-CN":
                assert screen.progress.startswith(one_line_title(screen.area.title))


def cells_of(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def one_line_title(title: str) -> str:
    return " ".join(title.split())
