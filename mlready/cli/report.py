"""`mlready report`: the Markdown readiness report."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mlready.cli.application import (
    DEFAULT_REPORT,
    AnswersFilesArgument,
    BankOption,
    TodayOption,
    answers_paths,
    app,
    bank_for,
    day,
    scorecard,
    settings,
)
from mlready.errors import InputError, MlreadyError


def report_path_for(answers: Path, folder: Path | None = None) -> Path:
    """Where the report of one of several answers files goes: beside it, or in `folder`."""
    name = answers.with_suffix(".md").name
    return (folder or answers.parent) / name


def refuse_foreign_report(path: Path, *, force: bool) -> None:
    """Raise InputError when `path` exists and mlready did not write it (unless `force`)."""
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
def report(
    answers: AnswersFilesArgument = None,
    bank: BankOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the report ('-' for stdout); with several answers files, a "
            "folder. [default: READINESS.md; with several files, NAME.md beside each]",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        Path | None, typer.Option(help="A Jinja2 template to use instead of the built-in one.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a file that mlready did not write.")
    ] = False,
    today: TodayOption = None,
) -> None:
    """Render the Markdown readiness report."""
    from mlready.files import write_atomically
    from mlready.report import render_report

    project = settings()
    loaded_bank = bank_for(bank, project)
    paths = answers_paths(answers, project)
    several = len(paths) > 1
    if several and output is not None and (str(output) == "-" or not output.is_dir()):
        raise InputError(f"--output: with several answers files, name a folder (got '{output}')")
    targets = [
        report_path_for(path, output) if several else output or DEFAULT_REPORT for path in paths
    ]
    if len(set(targets)) < len(targets):
        raise InputError("two answers files would write the same report; name them apart")
    for path, target in zip(paths, targets, strict=True):
        card = scorecard(path, loaded_bank, today=day(today))
        text = render_report(card, template=template)
        if str(target) == "-":
            sys.stdout.write(text)
            continue
        refuse_foreign_report(target, force=force)
        write_atomically(target, text)
        typer.echo(f"Wrote {target}", err=True)
