"""The `check` summary for a person at a terminal, with rich (imported only here)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mlready.core.evidence import CheckEvidence
from mlready.core.gate import Verdict
from mlready.core.scoring import Scorecard
from mlready.core.vocabulary import Severity
from mlready.core.walk import Screen
from mlready.render.escape import one_line, terminal_text
from mlready.render.view import Outcome, format_score, passed_line, scorecard_view, text_bar

_SEVERITY_STYLE = {Severity.BLOCKER: "bold red", Severity.MAJOR: "yellow", Severity.MINOR: "cyan"}


def _bar(score: float | None) -> Text:
    if score is None:
        return Text("no scored checks", style="dim")
    bar = text_bar(score, full="█", empty="░")
    filled = bar.count("█")
    style = "green" if score >= 90 else "yellow" if score >= 50 else "red"
    return Text(bar[:filled], style=style) + Text(bar[filled:], style="dim")


def print_outcomes(console: Console, outcomes: Sequence[Outcome]) -> None:
    """Print each outcome, then how many passed: the content of the plain text, in colour."""
    for outcome in outcomes:
        print_scorecard(console, outcome.scorecard, outcome.verdict, evidence=outcome.evidence)
    if len(outcomes) > 1:
        console.print(Text("\n" + passed_line(outcomes), style="bold"))


def print_scorecard(
    console: Console,
    scorecard: Scorecard,
    verdict: Verdict,
    *,
    max_gaps: int | None = None,
    evidence: Mapping[str, CheckEvidence] | None = None,
) -> None:
    """Print the view of one review (the first `max_gaps` gaps below the blockers): what the
    plain text says, laid out for a terminal.

    Bank and user text are printed as Text objects, never parsed as rich markup.
    """
    view = scorecard_view(scorecard, verdict, max_gaps=max_gaps, evidence=evidence)
    heading = Text()
    if view.project:
        heading.append(view.project, style="bold").append(" · ")
    heading.append(view.bank)
    heading.append(f" · {view.source}", style="dim")
    console.print(heading)
    console.print(
        Text.assemble(
            ("Level ", "dim"),
            (view.level, "bold"),
            ("   Score ", "dim"),
            (view.score, "bold"),
            (" (weakest area)   Mean ", "dim"),
            view.mean,
        )
    )
    if view.evidence:
        console.print(Text(view.evidence, style="dim"))
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Area")
    table.add_column("Score", justify="right")
    table.add_column("")
    table.add_column("Answered", justify="right")
    table.add_column("Gaps", justify="right")
    for row in view.areas:
        table.add_row(
            Text(row.title), format_score(row.score), _bar(row.score), row.answered, str(row.gaps)
        )
    console.print(table)
    for section in view.sections:
        console.print(Text(f"\n{section.title} ({section.total})", style="bold"))
        if section.table:
            gaps = Table(box=None, pad_edge=False, show_header=False)
            for column in ("severity", "id", "score", "prompt"):
                gaps.add_column(column, overflow="fold")
            for item in section.items:
                severity, *rest = item.cells
                style = _SEVERITY_STYLE[item.severity] if item.severity else ""
                gaps.add_row(Text(severity, style=style), *(Text(cell) for cell in rest))
            console.print(gaps)
        else:
            for item in section.items:
                line = Text("  ")
                if item.severity is Severity.BLOCKER:
                    line.append(item.cells[0], style="bold red").append(": " + item.cells[1])
                else:
                    line.append(": ".join(item.cells))
                console.print(line)
        if section.hidden:
            console.print(Text(f"  … and {section.hidden} more in the report", style="dim"))
    for note in view.notes:
        console.print(Text(f"Note: {note}", style="yellow"))
    style = "bold green" if view.passed else "bold red"
    console.print(Text("\n" + view.verdict, style=style))


class TerminalPrompt:
    """The walk's `Prompt` bound to a terminal: rich output, line input with editing."""

    def __init__(self, console: Console) -> None:
        self.console = console
        self._area: str | None = None
        self._history: dict[str, list[str]] = {}  # what was typed at each prompt, oldest first
        try:  # the platform's line editor: arrows, history, Ctrl-A/E, where there is one
            import readline

            self._readline: Any = readline
        except ImportError:  # pragma: no cover - Windows without pyreadline
            self._readline = None

    def _read(self, prompt: Text, *, key: str) -> str:
        """A line typed at `prompt`, with the earlier lines typed at the same prompt as
        history, and no control sequence (a stray arrow key on a terminal without a line
        editor) left in it."""
        earlier = self._history.setdefault(key, [])
        if self._readline is not None:
            self._readline.clear_history()
            for line in earlier:
                self._readline.add_history(line)
        typed = clean_typed(self.console.input(prompt))
        if typed.strip() and typed not in earlier[-1:]:
            earlier.append(typed)
        return typed

    def question(self, screen: Screen) -> str:
        """Show a question with its options and hints; return the line typed."""
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
        if screen.evidence is not None:
            for shown_line in evidence_lines(screen.evidence):
                self.console.print(Text(f"  {shown_line}", style="blue"))
        self.console.print(Text(f"  [{screen.hint}]", style="dim"))
        return self._read(Text("› ", style="bold"), key=question.id)

    def text(self, label: str, *, default: str | None = None) -> str:
        """Ask for a line of text; Enter keeps `default`."""
        shown = f" [{one_line(default)}]" if default else ""
        typed = self._read(Text(f"  {label}{shown}: "), key=label).strip()
        return typed or (default or "")

    def tell(self, message: str) -> None:
        """Show a hint or help text."""
        self.console.print(Text(terminal_text(message), style="yellow"))


# ESC sequences (arrow keys, function keys) and other control characters a terminal without a
# line editor passes on as typed.
_TYPED_CONTROL = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|O.|.)?|[\x00-\x08\x0b-\x1f\x7f]")


def clean_typed(line: str) -> str:
    """`line` without the control sequences a person may type by mistake."""
    return _TYPED_CONTROL.sub("", line)


def evidence_lines(evidence: CheckEvidence) -> list[str]:
    """What the repository showed for a question, one line each, for the walk."""
    lines = []
    for finding in evidence.found:
        where = f"{finding.path}:{finding.line}" if finding.line else finding.path
        lines.append(
            f"found {one_line(where)}: {one_line(finding.probe.says)} "
            f"({finding.probe.reliability.value})"
        )
    lines += [
        f"not found: {one_line(probe.says)} ({probe.reliability.value})"
        for probe in evidence.missing
    ]
    return lines
