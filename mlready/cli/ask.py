"""`mlready ask`: the interactive review in a terminal."""

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlready.cli.application import (
    DEFAULT_REPORT,
    AnswersArgument,
    BankOption,
    app,
    bank_for,
    defaults,
    gate_for,
    read_answers,
    refuse_foreign_report,
    refuse_overwriting_inputs,
    say,
    single_answers_path,
)
from mlready.core.errors import ExitCode, InputError

if TYPE_CHECKING:
    from mlready.core.model import Bank
    from mlready.io.settings import Settings


@app.command()
def ask(
    answers: AnswersArgument = None,
    bank: BankOption = None,
    area: Annotated[
        str | None, typer.Option(metavar="AREA", help="Walk only this area (its id).")
    ] = None,
    redo: Annotated[
        bool, typer.Option("--redo", help="Walk answered questions too, answers as defaults.")
    ] = False,
    report_path: Annotated[
        Path, typer.Option("--report", help="Where to write the report at the end.")
    ] = DEFAULT_REPORT,
    no_report: Annotated[bool, typer.Option("--no-report", help="Write no report.")] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a report file that mlready did not write.")
    ] = False,
) -> None:
    """Walk the questions in the terminal; every answer is saved at once."""
    from mlready.core.answers import Answers, empty_answers
    from mlready.core.gate import judge
    from mlready.core.scoring import score
    from mlready.io.answers_file import save_answers
    from mlready.io.files import exclusive_lock, write_atomically

    if not sys.stdin.isatty():
        raise InputError(
            "mlready ask needs a terminal (stdin is not one); to fill in answers without one, "
            "write a skeleton with `mlready init` and validate it with `mlready check`"
        )
    chosen = defaults()
    target = single_answers_path(answers, chosen)
    loaded_bank = bank_for(bank, chosen)
    if area is not None and area not in {a.id for a in loaded_bank.areas}:
        areas = ", ".join(a.id for a in loaded_bank.areas)
        raise InputError(f"--area: no area '{area}' in {loaded_bank.ref} (areas: {areas})")
    if not no_report:  # before the walk, not after it: nobody should answer in vain
        report_path = _report_target(report_path, bank=loaded_bank, chosen=chosen, force=force)
    from rich.console import Console

    from mlready.core.walk import ask_project, walk
    from mlready.render.terminal import TerminalPrompt, print_scorecard

    console = Console(highlight=False)
    prompt = TerminalPrompt(console)

    def save(updated: Answers) -> None:
        save_answers(target, loaded_bank, updated)

    with exclusive_lock(target):
        is_new = not target.exists()
        current = empty_answers(target) if is_new else read_answers(target, loaded_bank)
        try:
            if is_new:
                current = current.with_project(ask_project(current.project, prompt=prompt))
                save(current)
            result = walk(
                loaded_bank,
                current,
                prompt=prompt,
                save=save,
                area=area,
                redo=redo,
                today=dt.date.today(),
            )
        except KeyboardInterrupt:
            saved = "every answer given is saved in" if target.exists() else "nothing to save in"
            say(f"\ninterrupted: {saved} {target}")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except EOFError:  # Ctrl-D at the project questions, before anything was saved
            say(f"\nstopped: nothing saved; {target} was not created")
            return
    if not result.completed:
        say(f"\nSaved in {target}; run `mlready ask` again to go on.")
        return
    card = score(loaded_bank, result.answers)
    console.print()
    verdict = judge(card, gate_for(loaded_bank, chosen), today=dt.date.today())
    print_scorecard(console, card, verdict, max_gaps=5)
    if not no_report:
        from mlready.render.report import render_report

        write_atomically(report_path, render_report(card))
        console.print(f"Report: {report_path}", markup=False)


def _report_target(path: Path, *, bank: "Bank", chosen: "Settings", force: bool) -> Path:
    """Where the report will go: refused now if it cannot be written there."""

    if path.is_dir():
        path = path / DEFAULT_REPORT.name
    refuse_overwriting_inputs([path], bank=bank, chosen=chosen, others=[])
    refuse_foreign_report(path, force=force)
    if not path.parent.is_dir():
        raise InputError(f"--report: no folder {path.parent} to write the report in")
    return path
