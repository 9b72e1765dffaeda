"""`mlready history`: an answers file's revisions from git, scored against today's bank."""

import datetime as dt
import sys
from typing import Annotated

import typer

from mlready.cli.application import (
    AnswersArgument,
    BankOption,
    HistoryFormat,
    bank_for,
    command_app,
    defaults,
    format_option,
    single_answers_path,
)
from mlready.core.errors import InputError
from mlready.core.messages import N_, Said
from mlready.render.registry import Subject, renderer

app = command_app()


@app.command(
    help=N_(
        "Score every git revision of the answers file against the bank of today: level, score\n"
        "and area scores per revision, and the gaps each one opened and closed."
    )
)
def history(
    answers: AnswersArgument = None,
    bank: BankOption = None,
    since: Annotated[
        dt.datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"], metavar="YYYY-MM-DD", help=N_("Only revisions committed since.")
        ),
    ] = None,
    output_format: Annotated[
        HistoryFormat, format_option(N_("Text, JSON, Markdown or HTML."))
    ] = HistoryFormat.TEXT,
) -> None:
    """`mlready history`: its help is on the decorator, where the catalog finds it."""
    from mlready.io.history import read_history

    chosen = defaults()
    target = single_answers_path(answers, chosen)
    if not target.exists():
        raise InputError(Said("{path}: no such answers file", path=target))
    loaded_bank = bank_for(bank, chosen)
    found = read_history(target, loaded_bank, since=since.date() if since else None)
    sys.stdout.write(renderer(Subject.HISTORY, output_format)(found))
