"""`mlready init`: an answers skeleton to fill in by hand."""

from __future__ import annotations

from typing import Annotated

import typer

from mlready.answers import DEFAULT_ANSWERS, empty_answers, render_answers
from mlready.cli.application import AnswersArgument, BankOption, app, bank_for, settings
from mlready.errors import InputError
from mlready.files import write_atomically


@app.command()
def init(
    answers: AnswersArgument = None,
    bank: BankOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an answers skeleton: every question, its options, and an empty answer."""
    project = settings()
    target = answers or (project.answers[0] if project.answers else DEFAULT_ANSWERS)
    loaded = bank_for(bank, project)
    if target.exists() and not force:
        raise InputError(f"{target}: already exists; use --force to overwrite it")
    write_atomically(target, render_answers(loaded, empty_answers(target), skeleton=True))
    typer.echo(f"Wrote {target}: {len(loaded.questions)} questions to answer", err=True)
