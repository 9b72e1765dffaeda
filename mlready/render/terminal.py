"""The `check` summary for a person at a terminal, with rich (imported only here)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mlready.core.gate import Verdict
from mlready.core.scoring import Scorecard
from mlready.core.vocabulary import Severity
from mlready.core.walk import Screen
from mlready.render.escape import one_line, terminal_text
from mlready.render.view import Outcome, format_score, text_bar, verdict_line, waived_lines

_SEVERITY_STYLE = {Severity.BLOCKER: "bold red", Severity.MAJOR: "yellow", Severity.MINOR: "cyan"}


def _bar(score: float | None) -> Text:
    if score is None:
        return Text("no scored checks", style="dim")
    bar = text_bar(score, full="█", empty="░")
    filled = bar.count("█")
    style = "green" if score >= 90 else "yellow" if score >= 50 else "red"
    return Text(bar[:filled], style=style) + Text(bar[filled:], style="dim")


def _section(console: Console, title: str, lines: list[Text]) -> None:
    if lines:
        console.print(Text(f"\n{title} ({len(lines)})", style="bold"))
        for line in lines:
            console.print(line)


def print_outcomes(console: Console, outcomes: Sequence[Outcome]) -> None:
    """Print each outcome, then how many passed: the content of the plain text, in colour."""
    for outcome in outcomes:
        print_scorecard(console, outcome.scorecard, outcome.verdict)
    if len(outcomes) > 1:
        passed = sum(outcome.verdict.passed for outcome in outcomes)
        console.print(Text(f"\n{passed} of {len(outcomes)} reviews passed", style="bold"))


def print_scorecard(
    console: Console, scorecard: Scorecard, verdict: Verdict, *, max_gaps: int | None = None
) -> None:
    """Print the level, area table, open gaps (the first `max_gaps`), waivers, unanswered
    questions, the comparison with a baseline and the verdict.

    Bank and user text are printed as Text objects, never parsed as rich markup.
    """
    bank = scorecard.bank
    project = scorecard.answers.project
    heading = Text()
    if project.name:
        heading.append(one_line(project.name), style="bold").append(" · ")
    heading.append(f"{one_line(bank.display_title)} ({bank.ref})")
    heading.append(f" · {one_line(scorecard.answers.source)}", style="dim")
    console.print(heading)
    console.print(
        Text.assemble(
            ("Level ", "dim"),
            (scorecard.level.name, "bold"),
            ("   Score ", "dim"),
            (format_score(scorecard.score), "bold"),
            (" (weakest area)   Mean ", "dim"),
            format_score(scorecard.mean),
        )
    )
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Area")
    table.add_column("Score", justify="right")
    table.add_column("")
    table.add_column("Answered", justify="right")
    table.add_column("Gaps", justify="right")
    for row in scorecard.areas:
        table.add_row(
            Text(one_line(row.area.title)),
            format_score(row.score),
            _bar(row.score),
            f"{row.answered}/{row.applicable}",
            str(row.gaps),
        )
    console.print(table)
    _section(
        console,
        "Blockers",
        [
            Text.assemble(
                ("  " + gap.question.id, "bold red"), f": {one_line(gap.question.prompt)}"
            )
            for gap in scorecard.blockers
        ],
    )
    others = [gap for gap in scorecard.open_gaps if gap.severity is not Severity.BLOCKER]
    if others:
        title = "Other gaps" if scorecard.blockers else "Gaps"
        console.print(Text(f"\n{title} ({len(others)})", style="bold"))
        gaps = Table(box=None, pad_edge=False, show_header=False)
        for column in ("severity", "id", "score", "prompt"):
            gaps.add_column(column, overflow="fold")
        for gap in others[:max_gaps]:
            gaps.add_row(
                Text(gap.severity.value, style=_SEVERITY_STYLE[gap.severity]),
                Text(gap.question.id),
                f"{gap.score:.2f}",
                Text(one_line(gap.question.prompt)),
            )
        console.print(gaps)
        hidden = len(others) - len(others[:max_gaps])
        if hidden:
            console.print(Text(f"  … and {hidden} more in the report", style="dim"))
    _section(console, "Waived", [Text(f"  {line}") for line in waived_lines(scorecard)])
    _section(
        console,
        "Unanswered",
        [Text(f"  {q.id}: {one_line(q.prompt)}") for q in scorecard.unanswered],
    )
    if verdict.comparison is not None:
        for title, items in (
            ("Regressions", verdict.comparison.regressions),
            ("Improvements", verdict.comparison.improvements),
        ):
            _section(console, title, [Text(f"  {item}") for item in items])
    for note in verdict.notes:
        console.print(Text(f"Note: {note}", style="yellow"))
    style = "bold green" if verdict.passed else "bold red"
    console.print(Text("\n" + verdict_line(verdict), style=style))


class TerminalPrompt:
    """The walk's `Prompt` bound to a terminal: rich output, line input with editing."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._area: str | None = None

    def question(self, screen: Screen) -> str:
        question = screen.question
        if screen.area.id != self._area:
            self._area = screen.area.id
            self.console.print(Text(f"\n{one_line(screen.area.title)}", style="bold underline"))
            if screen.area.intro:
                self.console.print(Text(terminal_text(screen.area.intro), style="italic"))
        self.console.print(Text(f"\n{screen.progress}", style="dim"))
        self.console.print(Text(terminal_text(question.prompt), style="bold"))
        width = max((len(option.value) for option in question.options), default=0)
        for number, option in enumerate(question.options, 1):
            line = Text(f"  {number:>2}  ")
            line.append(f"{option.value:<{width}}", style="cyan")
            if option.label:
                line.append(f"  {one_line(option.label)}")
            self.console.print(line)
        if screen.current is not None:
            shown = question.describe(screen.current.value)
            self.console.print(Text(f"  current answer: {one_line(shown)}", style="green"))
        self.console.print(Text(f"  [{screen.hint}]", style="dim"))
        return self.console.input(Text("› ", style="bold"))

    def text(self, label: str, *, default: str | None = None) -> str:
        shown = f" [{one_line(default)}]" if default else ""
        typed = self.console.input(Text(f"  {label}{shown}: ")).strip()
        return typed or (default or "")

    def tell(self, message: str) -> None:
        self.console.print(Text(terminal_text(message), style="yellow"))
