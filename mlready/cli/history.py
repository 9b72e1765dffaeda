"""`mlready history`: an answers file's revisions from git, scored against today's bank."""

import datetime as dt
import sys
from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    AnswersArgument,
    BankOption,
    HistoryFormat,
    command_app,
    format_option,
)
from mlready.core.messages import N_
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
    found = api.history(answers, bank=bank, since=since.date() if since else None)
    sys.stdout.write(renderer(Subject.HISTORY, output_format)(found))
