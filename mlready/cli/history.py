"""`mlready history`: an answers file's revisions from git, scored against today's bank."""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    AnswersArgument,
    BankOption,
    HistoryFormat,
    check_target,
    command_app,
    format_option,
    print_message,
    stdout_renderer,
    write_target,
)
from mlready.core.messages import N_, _
from mlready.render.registry import Format, Subject, format_chosen, renderer

app = command_app()


@app.command(
    help=N_(
        "Score every git revision of the answers file against the bank of today: level, score\n"
        "and area scores per revision, and the gaps each one opened, closed or worsened."
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
        HistoryFormat | None,
        format_option(N_("Text, JSON, Markdown or HTML [default: by the output's extension]")),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="PATH", help=N_("Where to write it; '-' for stdout.")
        ),
    ] = Path("-"),
    force: Annotated[
        bool, typer.Option("--force", help=N_("Overwrite a file that mlready did not write."))
    ] = False,
) -> None:
    """`mlready history`: its help is on the decorator, where the catalog finds it."""
    chosen = format_chosen(output_format, str(output), Subject.HISTORY, Format.TEXT)
    settings = api.project_settings()
    loaded_bank = api.load_bank(bank, settings=settings)
    target = api.answers_file(answers, settings=settings)
    inputs = api.inputs_of(settings, bank=loaded_bank, others=[target])
    check_target(output, inputs=inputs, force=force)
    found = api.history(
        target,
        bank=loaded_bank,
        settings=settings,
        since=since.date() if since else None,
        translated=chosen is not Format.JSON,  # JSON is data, the same in every language
    )
    if str(output) == "-":
        sys.stdout.write(stdout_renderer(Subject.HISTORY, chosen)(found))
        return
    write_target(output, renderer(Subject.HISTORY, chosen)(found), inputs=inputs, force=force)
    print_message(_("Wrote {path}").format(path=output))
