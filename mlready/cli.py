"""The command-line layer: parse options, call the core, print, map outcomes to exit codes."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mlready.answers import (
    DEFAULT_ANSWERS,
    Answers,
    empty_answers,
    load_answers,
    render_answers,
    save_answers,
)
from mlready.bank import load_bank
from mlready.errors import ExitCode, InputError, MlreadyError
from mlready.files import exclusive_lock, write_atomically
from mlready.formats import CHECK_FORMATS, CheckFormat
from mlready.gate import judge, threshold
from mlready.model import Bank, Kind
from mlready.scoring import Scorecard, score


class _Commands(TyperGroup):
    """The one place that turns mlready's errors into messages and exit codes.

    Typer itself maps usage errors to 2 and Ctrl-C to 130; anything else is a bug and surfaces.
    """

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MlreadyError as error:
            for line in str(error).splitlines():
                typer.echo(f"error: {line}", err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="mlready",
    cls=_Commands,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
bank_app = typer.Typer(help="Show or validate a question bank.", no_args_is_help=True)
app.add_typer(bank_app, name="bank")

AnswersArgument = Annotated[
    Path, typer.Argument(help="The answers file.", show_default=True, dir_okay=False)
]
BankOption = Annotated[
    Path | None,
    typer.Option("--bank", "-b", help="A question bank (YAML); default: the built-in bank."),
]
DEFAULT_REPORT = Path("READINESS.md")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"mlready {version('mlready-review')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A production-readiness review for ML systems.

    Exit codes: 0 ok, 1 the gate failed, 2 invalid input or usage, 130 interrupted.
    """


def _warn(messages: tuple[str, ...] | list[str]) -> None:
    for message in messages:
        typer.echo(f"warning: {message}", err=True)


def _scorecard(answers: Path, bank_path: Path | None) -> Scorecard:
    bank = load_bank(bank_path)
    if not answers.exists():
        raise InputError(
            f"{answers}: no such answers file (start one with `mlready ask` or `mlready init`)"
        )
    loaded = load_answers(answers, bank)
    _warn(loaded.warnings)
    return score(bank, loaded)


@app.command()
def check(
    answers: AnswersArgument = DEFAULT_ANSWERS,
    bank: BankOption = None,
    fail_under: Annotated[
        str | None,
        typer.Option(help="Fail when the score is below this number (0-100) or level name."),
    ] = None,
    allow_incomplete: Annotated[
        bool,
        typer.Option("--allow-incomplete", help="Do not fail on unanswered applicable questions."),
    ] = False,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="What to print on stdout.")
    ] = CheckFormat.TEXT,
) -> None:
    """Validate and score an answers file; exit 1 when the system is not ready."""
    card = _scorecard(answers, bank)
    limit = threshold(card.bank, fail_under) if fail_under is not None else None
    verdict = judge(card, fail_under=limit, allow_incomplete=allow_incomplete)
    if output_format is CheckFormat.TEXT and sys.stdout.isatty():
        from rich.console import Console

        from mlready.terminal import print_scorecard

        print_scorecard(Console(), card, verdict)
    else:
        sys.stdout.write(CHECK_FORMATS[output_format](card, verdict))
    raise typer.Exit(ExitCode.OK if verdict.passed else ExitCode.GATE_FAILED)


@app.command()
def report(
    answers: AnswersArgument = DEFAULT_ANSWERS,
    bank: BankOption = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the report; '-' for stdout.")
    ] = DEFAULT_REPORT,
    template: Annotated[
        Path | None, typer.Option(help="A Jinja2 template to use instead of the built-in one.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a file that mlready did not write.")
    ] = False,
) -> None:
    """Render the Markdown readiness report."""
    from mlready.report import render_report

    text = render_report(_scorecard(answers, bank), template=template)
    if str(output) == "-":
        sys.stdout.write(text)
        return
    _refuse_foreign_report(output, force=force)
    write_atomically(output, text)
    typer.echo(f"Wrote {output}", err=True)


def _refuse_foreign_report(path: Path, *, force: bool) -> None:
    from mlready.report import REPORT_MARKER

    if force or not path.exists():
        return
    try:
        with path.open(encoding="utf-8", errors="replace") as stream:
            first_line = stream.readline().rstrip("\n")
    except OSError as error:
        raise MlreadyError(f"{path}: cannot read: {error.strerror}") from None
    if first_line != REPORT_MARKER:
        raise InputError(
            f"{path}: exists and was not written by mlready; use --force to overwrite it"
        )


@app.command()
def init(
    answers: AnswersArgument = DEFAULT_ANSWERS,
    bank: BankOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an answers skeleton: every question, its options, and an empty answer."""
    loaded = load_bank(bank)
    if answers.exists() and not force:
        raise InputError(f"{answers}: already exists; use --force to overwrite it")
    write_atomically(answers, render_answers(loaded, empty_answers(answers), skeleton=True))
    typer.echo(f"Wrote {answers}: {len(loaded.questions)} questions to answer", err=True)


@app.command()
def ask(
    answers: AnswersArgument = DEFAULT_ANSWERS,
    bank: BankOption = None,
    area: Annotated[str | None, typer.Option(help="Walk only this area (its id).")] = None,
    redo: Annotated[
        bool,
        typer.Option("--redo", help="Walk answered questions too, current answers as default."),
    ] = False,
    report_path: Annotated[
        Path, typer.Option("--report", help="Where to write the report at the end.")
    ] = DEFAULT_REPORT,
    no_report: Annotated[bool, typer.Option("--no-report", help="Write no report.")] = False,
) -> None:
    """Walk the questions in the terminal; every answer is saved at once."""
    if not sys.stdin.isatty():
        raise InputError(
            "mlready ask needs a terminal (stdin is not one); to fill in answers without one, "
            "write a skeleton with `mlready init` and validate it with `mlready check`"
        )
    loaded_bank = load_bank(bank)
    if area is not None and area not in {a.id for a in loaded_bank.areas}:
        areas = ", ".join(a.id for a in loaded_bank.areas)
        raise InputError(f"--area: no area '{area}' in {loaded_bank.ref} (areas: {areas})")
    from rich.console import Console

    from mlready.terminal import TerminalPrompt, print_scorecard
    from mlready.walk import ask_project, walk

    console = Console(highlight=False)
    prompt = TerminalPrompt(console)

    def save(updated: Answers) -> None:
        save_answers(answers, loaded_bank, updated)

    with exclusive_lock(answers):
        is_new = not answers.exists()
        current = empty_answers(answers) if is_new else load_answers(answers, loaded_bank)
        _warn(current.warnings)
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
            typer.echo(f"\ninterrupted: every answer given is saved in {answers}", err=True)
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except EOFError:  # Ctrl-D at the project questions
            typer.echo(f"\nsaved in {answers}", err=True)
            return
    if not result.completed:
        typer.echo(f"\nSaved in {answers}; run `mlready ask` again to go on.", err=True)
        return
    card = score(loaded_bank, result.answers)
    console.print()
    print_scorecard(console, card, judge(card), max_gaps=5)
    if not no_report:
        from mlready.report import render_report

        _refuse_foreign_report(report_path, force=False)
        write_atomically(report_path, render_report(card))
        console.print(f"Report: {report_path}", markup=False)


class BankFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@bank_app.command("show")
def bank_show(
    bank: BankOption = None,
    output_format: Annotated[
        BankFormat, typer.Option("--format", "-f", help="An outline, or the whole bank as JSON.")
    ] = BankFormat.TEXT,
) -> None:
    """List the areas and questions of a bank (JSON: the whole bank)."""
    loaded = load_bank(bank)
    if output_format is BankFormat.JSON:
        document = loaded.model_dump(mode="json")
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    sys.stdout.write(_bank_outline(loaded))


def _bank_outline(bank: Bank) -> str:
    from mlready.text import one_line

    lines = [f"{one_line(bank.display_title)} ({bank.ref}): {len(bank.questions)} questions"]
    for area in bank.areas:
        lines += ["", f"{area.id}: {one_line(area.title)}"]
        for question in area.questions:
            kind = question.gap_severity if question.kind is Kind.CHECK else question.kind
            when = "".join(
                f"  [when {name} in {', '.join(values)}]" for name, values in question.when.items()
            )
            lines.append(f"  {question.id:<32} {kind:<7} {one_line(question.prompt)}{when}")
    return "\n".join(lines) + "\n"


@bank_app.command("validate")
def bank_validate(bank: BankOption = None) -> None:
    """Check a bank; exit 0 when it is valid, 2 with every problem found."""
    loaded = load_bank(bank)
    typer.echo(
        f"{bank or 'built-in bank'}: valid: {loaded.ref}, {len(loaded.areas)} areas, "
        f"{len(loaded.questions)} questions"
    )


def main() -> None:
    """Run the command-line interface."""
    app()
