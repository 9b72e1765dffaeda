"""The rich renderings, recorded without a terminal: bank and user text stay literal."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console

from mlready.core.answers import Answers
from mlready.core.bank import bank_from_document
from mlready.core.gate import judge
from mlready.core.model import Bank
from mlready.core.scoring import score
from mlready.core.walk import Screen
from mlready.io.yamlio import parse_yaml
from mlready.render.terminal import TerminalPrompt, print_scorecard
from tests.helpers.small_bank import SMALL_BANK

MARKUP = "[bold red]not markup[/bold red]"


def recording_console(typed: str = "") -> tuple[Console, io.StringIO]:
    output = io.StringIO()
    console = Console(file=output, width=100, force_terminal=False, color_system=None)
    console.input = lambda *_, **__: typed  # type: ignore[method-assign]
    return console, output


def latency_screen(bank: Bank, hidden: tuple[str, ...] = ()) -> Screen:
    """The screen of the small bank's latency check, seventh of eight, in its second area."""
    return Screen(
        question=bank.questions["serving.latency"],
        area=bank.areas[1],
        area_position=2,
        area_total=3,
        position=7,
        total=8,
        current=None,
        hidden=hidden,
    )


def test_question_text_with_brackets_is_shown_literally() -> None:
    text = SMALL_BANK.replace(
        "prompt: Is p99 latency measured under peak load?",
        f'prompt: "Is p99 latency {MARKUP} measured?"',
    ).replace("label: Measured by hand", 'label: "By hand [manual] \\e[31m"')
    bank = bank_from_document(parse_yaml(text, source="b.yaml"))
    console, output = recording_console("2")
    screen = latency_screen(bank)
    assert TerminalPrompt(console).question(screen) == "2"
    shown = output.getvalue()
    assert MARKUP in shown
    assert "By hand [manual] \\x1b[31m" in shown
    assert "\x1b" not in shown
    assert "serving 2/3 · 7/8 overall" in shown


def test_summary_prints_user_text_literally(
    small_bank: object, parse_answers: Callable[[str], Answers]
) -> None:
    answers = parse_answers(f'mlready: 1\nproject: {{name: "{MARKUP}"}}\nanswers: {{}}\n')
    card = score(small_bank, answers)  # type: ignore[arg-type]
    console, output = recording_console()
    print_scorecard(console, card, judge(card), max_gaps=1)
    shown = output.getvalue()
    assert MARKUP in shown
    assert "and 1 more in the report" in shown
    assert "FAILED" in shown


def test_the_terminal_says_what_the_plain_text_says(
    small_bank: object, parse_answers: Callable[[str], Answers]
) -> None:
    from mlready.render.plain_text import render_text
    from mlready.render.scorecard_view import Outcome

    answers = parse_answers(
        "mlready: 1\nproject: {name: Fraud scorer}\nanswers:\n"
        "  data.owner: partial\n  serving.rollback: no\n"
    )
    card = score(small_bank, answers)  # type: ignore[arg-type]
    verdict = judge(card)
    console = Console(file=io.StringIO(), width=200, force_terminal=False, color_system=None)
    print_scorecard(console, card, verdict)
    shown = console.file.getvalue()  # type: ignore[attr-defined]

    def content(text: str) -> list[str]:
        # Bars are drawn differently (# and . against blocks); the words and numbers are not.
        lines = [
            " ".join(line.replace("█", "").replace("░", "").split()) for line in text.splitlines()
        ]
        return [
            " ".join(word for word in line.split() if set(word) - {"#", "."})
            for line in lines
            if line
        ]

    plain = content(render_text([Outcome(card, verdict)]))
    terminal = content(shown)
    plain[0] = plain[0].removeprefix("mlready check · ")  # the mark of a file, not the screen's
    plain[1] = plain[1].replace(":", "")  # "Level: x   Score: y" is "Level x   Score y" there
    assert terminal == plain
    assert any("rollback" in line for line in plain)


def test_a_check_shows_its_severity_and_a_decision_none() -> None:
    bank = bank_from_document(parse_yaml(SMALL_BANK, source="b.yaml"))
    shown = []
    for question_id in ("data.lineage", "data.schema", "serving.mode"):
        console, output = recording_console("")
        question = bank.questions[question_id]
        area = bank.area_of[question_id]
        TerminalPrompt(console).question(
            Screen(
                question=question,
                area=area,
                area_position=1,
                area_total=1,
                position=1,
                total=1,
                current=None,
            )
        )
        shown += [line for line in output.getvalue().splitlines() if "overall" in line]
    assert shown[0].endswith(" · severity: blocker")
    assert shown[1].endswith(" · severity: minor")
    assert "severity" not in shown[2]


def test_hidden_options_keep_their_numbers_and_are_named_once() -> None:
    bank = bank_from_document(parse_yaml(SMALL_BANK, source="b.yaml"))
    console, output = recording_console("3")  # latency: automated, manual, none
    screen = latency_screen(bank, hidden=("manual",))
    assert TerminalPrompt(console).question(screen) == "3"
    rows = [line.split() for line in output.getvalue().splitlines()]
    listed = [row[:2] for row in rows if row and row[0].isdigit() and row[1] != "more"]
    assert listed == [["1", "automated"], ["3", "none"]]
    assert (
        "1 more goes with other answers to earlier questions (type its value to choose it): "
        "manual" in " ".join(output.getvalue().split())
    )
