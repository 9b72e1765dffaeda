"""The `check` summary for a person at a terminal, with rich (imported only here)."""

from __future__ import annotations

import re
import signal
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from mlready.core.evidence import CheckEvidence
from mlready.core.gate import Verdict
from mlready.core.messages import N_, _, ngettext, translated
from mlready.core.scoring import Scorecard
from mlready.core.vocabulary import Severity, word_for
from mlready.core.walk import Screen
from mlready.render.escape import name_text, one_line, terminal_text
from mlready.render.scorecard_view import (
    BAR_WIDTH,
    Outcome,
    Section,
    bar_width,
    format_score,
    passed_line,
    scorecard_view,
    text_bar,
)
from mlready.render.width import cells, kept_lines, line_spans, narrowest

INDENT = 2  # every line under a heading: list items, gap rows, hints

_SEVERITY_STYLE = {Severity.BLOCKER: "bold red", Severity.MAJOR: "yellow", Severity.MINOR: "cyan"}


class Kept:
    """Items (a hint's commands and their labels) that rich lays out joined by ` · `, a line
    breaking only between two items, never inside one that fits a line."""

    def __init__(self, items: Sequence[str], style: str = "") -> None:
        self.items = items
        self.style = style

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(
            max(narrowest(item) for item in self.items), cells(" · ".join(self.items))
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield Text("\n".join(kept_lines(self.items, options.max_width)), style=self.style)


class Wrapped:
    """Text that rich lays out with mlready's line breaks (render.width): by display width,
    between two Chinese characters as well as at spaces."""

    # Rich breaks lines only at spaces, so a Chinese sentence is one word to it: a table cell
    # cuts it short with …, a table leaves its other columns too little room for it, and a line
    # that cannot hold it stays short while it goes on the next. Rich's console protocol
    # (measure, then render at the width given) is all this uses.

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        return Measurement(narrowest(plain), max(cells(line) for line in plain.split("\n")))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        spans = line_spans(self.text.plain, options.max_width)
        yield Text("\n").join(self.text[start:end] for start, end in spans)


def _bar(score: float | None, width: int = BAR_WIDTH) -> Text:
    if score is None:
        return Text("no scored checks" if width >= 16 else "", style="dim")
    bar = text_bar(score, width=width, full="█", empty="░")
    filled = bar.count("█")
    style = "green" if score >= 90 else "yellow" if score >= 50 else "red"
    return Text(bar[:filled], style=style) + Text(bar[filled:], style="dim")


def print_outcomes(console: Console, outcomes: Sequence[Outcome]) -> None:
    """Print each outcome, then how many passed: the content of the plain text, in colour."""
    for outcome in outcomes:
        print_scorecard(console, outcome.scorecard, outcome.verdict, evidence=outcome.evidence)
    if len(outcomes) > 1:
        console.print(Text("\n" + passed_line(outcomes), style="bold"))


def _bar_width(console: Console, titles: list[str]) -> int:
    """The widest bar (up to BAR_WIDTH) that leaves area titles whole where it can: bars
    shrink before titles wrap."""
    title = max((cells(t) for t in titles), default=4)
    # Score 6 ("100.00" at most), Answered 8, Gaps 4, and 2 between each of the 5 columns.
    return bar_width(console.width - title - 6 - 8 - 4 - 2 * 4)


def print_scorecard(
    console: Console,
    scorecard: Scorecard,
    verdict: Verdict,
    *,
    max_gaps: int | None = None,
    more: str = N_("in the report"),
    evidence: Mapping[str, CheckEvidence] | None = None,
) -> None:
    """Print the view of one review (the first `max_gaps` gaps below the blockers): what the
    plain text says, laid out for a terminal. `more` says where the gaps not listed are."""
    # Bank and user text are printed as Text objects, never parsed as rich markup. At any
    # width, bars shrink first; a check's id is never broken (at worst shortened with …).
    view = scorecard_view(scorecard, verdict, max_gaps=max_gaps, evidence=evidence)
    heading = Text()
    if view.project:
        heading.append(view.project, style="bold").append(" · ")
    heading.append(view.bank)
    heading.append(f" · {view.source}", style="dim")
    console.print(Wrapped(heading))
    console.print(
        Wrapped(
            Text.assemble(
                (_("Level") + " ", "dim"),
                (view.level, "bold"),
                ("   " + _("Score") + " ", "dim"),
                (view.score, "bold"),
                (" " + _("(weakest area)") + "   " + _("Mean") + " ", "dim"),
                view.mean,
            )
        )
    )
    for said, style in ((view.level_means, ""), (view.level_note, ""), (view.evidence, "dim")):
        if said:
            console.print(Wrapped(Text(said, style=style)))
    width = _bar_width(console, [row.title for row in view.areas])
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("Area"), ratio=1)
    table.add_column(_("Score"), justify="right", no_wrap=True)
    if width:
        table.add_column("", no_wrap=True, width=width)
    table.add_column(_("Answered"), justify="right", no_wrap=True)
    table.add_column(_("Gaps"), justify="right", no_wrap=True)
    for row in view.areas:
        bar = [_bar(row.score, width)] if width else []
        table.add_row(
            Wrapped(Text(row.title)), format_score(row.score), *bar, row.answered, str(row.gaps)
        )
    console.print(table)
    for section in view.sections:
        _print_section(console, section, more)
    for note in view.notes:
        console.print(Wrapped(Text(_("Note: {note}").format(note=note), style="yellow")))
    style = "bold green" if view.passed else "bold red"
    console.print(Wrapped(Text("\n" + view.verdict, style=style)))


def _print_section(console: Console, section: Section, more: str) -> None:
    """One titled list of the view: a table of gaps, or lines; what is not listed, and a note."""
    titled = _("{title} ({count})").format(title=section.title, count=section.total)
    console.print(Text(f"\n{titled}", style="bold"))
    if section.table:
        gaps = Table(box=None, pad_edge=False, show_header=False)
        gaps.add_column("severity", no_wrap=True)
        # An id is never split: it may lose its end to an ellipsis, the prompt wraps.
        longest = max(len(item.cells[1]) for item in section.items)
        room = max(16, (console.width - INDENT) * 2 // 5)  # the prompt needs room too
        gaps.add_column("id", no_wrap=True, overflow="ellipsis", max_width=min(longest, room))
        gaps.add_column("score", no_wrap=True)
        gaps.add_column("prompt", ratio=1, min_width=16, overflow="fold")
        for item in section.items:
            severity, *rest = item.cells
            style = _SEVERITY_STYLE[item.severity] if item.severity else ""
            *named, prompt = (Text(cell) for cell in rest)
            gaps.add_row(Text(severity, style=style), *named, Wrapped(prompt))
        console.print(Padding(gaps, (0, 0, 0, INDENT)))
    else:
        for item in section.items:
            line = Text()
            if item.severity is Severity.BLOCKER:
                line.append(item.cells[0], style="bold red").append(_(": ") + item.cells[1])
            else:
                line.append(_(": ").join(item.cells))
            console.print(Padding(Wrapped(line), (0, 0, 0, INDENT)))
    if section.hidden:
        hidden = Text(
            _("… and {count} more {where}").format(count=section.hidden, where=_(more)),
            style="dim",
        )
        console.print(Padding(Wrapped(hidden), (0, 0, 0, INDENT)))
    if section.note:
        console.print(Padding(Wrapped(Text(section.note, style="dim")), (0, 0, 0, INDENT)))


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
        with _ctrl_c_heard():
            typed = clean_typed(self._line(prompt))
        if typed.strip() and typed not in earlier[-1:]:
            earlier.append(typed)
        return typed

    def _line(self, prompt: Text) -> str:
        """The line typed after `prompt`, which the line editor is given where there is one."""
        # Rich's own input prints the prompt itself and gives readline an empty one. Readline
        # then believes the line starts in column 0: it ends an empty line without a newline
        # (so that prompts skipped with Enter piled onto one line) and redraws a line recalled
        # from history over the prompt. Given the prompt, with its escape sequences marked as
        # taking no room, it knows where the line starts and ends every line with a newline.
        if not self._line_editor():
            return self.console.input(prompt)
        with self.console.capture() as captured:
            self.console.print(prompt, end="", soft_wrap=True)
        return input(_INVISIBLE.sub("\x01\\g<0>\x02", captured.get()))

    def _line_editor(self) -> bool:
        """Whether input() reads with readline: the console writes to the terminal that
        input() prompts on, and stdin is a terminal too (CPython's condition)."""
        if self._readline is None or self.console.file is not sys.stdout:
            return False
        try:
            return sys.stdin.isatty() and sys.stdout.isatty()
        except ValueError:  # a closed stream
            return False

    def question(self, screen: Screen) -> str:
        """Show a question with its options and hints; return the line typed."""
        question = screen.question
        if screen.area.id != self._area:
            self._area = screen.area.id
            title = Text(f"\n{one_line(screen.area.title)}", style="bold underline")
            self.console.print(Wrapped(title))
            if screen.area.intro:
                intro = Text(terminal_text(screen.area.intro), style="italic")
                self.console.print(Wrapped(intro))
        progress = Text(f"\n{screen.progress}", style="dim")
        if screen.severity is not None:  # so that a blocker never looks like a minor check
            severity = translated(word_for(screen.severity))
            progress.append(" · ", style="dim").append(
                _("severity: {severity}").format(severity=severity),
                style=_SEVERITY_STYLE[screen.severity],
            )
        self.console.print(Wrapped(progress))
        self.console.print(Wrapped(Text(terminal_text(question.prompt), style="bold")))
        if question.options:
            # A grid, so that a label that wraps goes on under itself, not under the number.
            options = Table.grid(padding=(0, 2))
            options.add_column(justify="right", no_wrap=True)
            options.add_column(no_wrap=True, style="cyan")
            options.add_column(ratio=1)
            # Hidden options keep their numbers: a number typed means the same option always.
            for number, option in enumerate(question.options, 1):
                if option.value in screen.hidden:
                    continue
                label = Text(one_line(option.label) if option.label else "")
                if option.value in screen.suggested_options:
                    # Said in words, not only in colour: a screen reader and a log read it too.
                    label.append("  " + _("(suggested by your earlier answers)"), style="yellow")
                options.add_row(str(number), option.value, Wrapped(label))
            self.console.print(Padding(options, (0, 0, 0, INDENT + 1)))
            if screen.hidden:
                left = ngettext(
                    "{count} more goes with other answers to earlier questions (type its value "
                    "to choose it): {values}",
                    "{count} more go with other answers to earlier questions (type a value to "
                    "choose one): {values}",
                    len(screen.hidden),
                ).format(count=len(screen.hidden), values=_(", ").join(screen.hidden))
                self.console.print(Padding(Wrapped(Text(left, style="dim")), (0, 0, 0, INDENT)))
        if screen.current is not None:
            shown = question.describe(screen.current.value)
            current = Table.grid()
            current.add_column(no_wrap=True)
            current.add_column(ratio=1)
            current.add_row(_("current answer: "), Wrapped(Text(one_line(shown))), style="green")
            self.console.print(Padding(current, (0, 0, 0, INDENT)))
        if screen.evidence is not None:
            for shown_line in evidence_lines(screen.evidence):
                found = Wrapped(Text(shown_line, style="blue"))
                self.console.print(Padding(found, (0, 0, 0, INDENT)))
        first, *rest = screen.hint.split(" · ")
        items = [f"[{first}", *rest]
        items[-1] += "]"
        hint = Kept(items, style="dim")
        self.console.print(Padding(hint, (0, 0, 0, INDENT)))
        return self._read(Text("› ", style="bold"), key=question.id)

    def text(self, label: str, *, default: str | None = None) -> str:
        """Ask for a line of text; Enter keeps `default`."""
        shown = _(" [{default}]").format(default=one_line(default)) if default else ""
        asked = _("{label}{default}: ").format(label=label, default=shown)
        typed = self._read(Text(f"  {asked}"), key=label).strip()
        return typed or (default or "")

    def tell(self, message: str) -> None:
        """Show a hint or help text."""
        self.console.print(Wrapped(Text(terminal_text(message), style="yellow")))

    def tell_intro(self, intro: str) -> None:
        """Show the bank's introduction, before the first question of a walk."""
        self.console.print(Wrapped(Text(terminal_text(intro.strip()), style="italic")))


# How often a wait for a line wakes to act on a Ctrl-C it was not told of (see _ctrl_c_heard).
_WAKE_EVERY = 0.2


@contextmanager
def _ctrl_c_heard() -> Iterator[None]:
    """While the block reads a line, a Ctrl-C ends the read whenever it is pressed."""
    # Python acts on Ctrl-C where it checks for signals: while input() waits for a key, when the
    # signal interrupts that wait. A Ctrl-C that lands after the last check and before the wait
    # (input() sets up the terminal there, and the terminal driver holds the process until the
    # prompt is read) is noted, but the read goes on until Enter (python/cpython#112585). A
    # timer that interrupts the wait makes it check. Where there is none, reads are as before.
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _wake)
    signal.siginterrupt(signal.SIGALRM, False)  # a read or write goes on; only a wait ends
    signal.setitimer(signal.ITIMER_REAL, _WAKE_EVERY, _WAKE_EVERY)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _wake(signum: int, frame: object) -> None:
    """The timer's signal does nothing but interrupt the wait."""


# The escape sequences rich writes (styles, links), which readline must count as no width.
_INVISIBLE = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\))")

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
        where = name_text(finding.path) + (f":{finding.line}" if finding.line else "")
        lines.append(
            _("found {where}: {says} ({reliability})").format(
                where=where,
                says=one_line(finding.probe.says),
                reliability=translated(word_for(finding.probe.reliability)),
            )
        )
    lines += [
        _("partly: {where}: {says} ({reliability}); supports {supported}").format(
            where=name_text(finding.path) + (f":{finding.line}" if finding.line else ""),
            says=one_line(finding.probe.says),
            reliability=translated(word_for(finding.probe.reliability)),
            supported=finding.probe.supports,
        )
        for finding in evidence.partly
    ]
    lines += [
        _("not found: {says} ({reliability})").format(
            says=one_line(probe.says), reliability=translated(word_for(probe.reliability))
        )
        for probe in evidence.missing
    ]
    return lines
