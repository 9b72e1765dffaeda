"""`mlready diff`: what changed between two reviews."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    BankOption,
    DiffFormat,
    TodayOption,
    command_app,
    day,
    format_option,
    print_warnings,
    stdout_renderer,
)
from mlready.core.messages import N_
from mlready.render.registry import Subject

app = command_app()


@app.command(
    help=N_("Show what changed between two reviews: answers, notes, area scores, level, gaps.")
)
def diff(
    old: Annotated[
        Path, typer.Argument(help=N_("The earlier answers file."), dir_okay=False, metavar="OLD")
    ],
    new: Annotated[
        Path, typer.Argument(help=N_("The later answers file."), dir_okay=False, metavar="NEW")
    ],
    bank: BankOption = None,
    output_format: Annotated[
        DiffFormat, format_option(N_("Text, Markdown or JSON."))
    ] = DiffFormat.TEXT,
    today: TodayOption = None,
) -> None:
    """`mlready diff`: its help is on the decorator, where the catalog finds it."""
    settings = api.project_settings()
    loaded_bank = api.load_bank(bank, settings=settings)
    warnings: list[str] = []
    changes = api.diff(
        old,
        new,
        bank=loaded_bank,
        settings=settings,
        today=day(today),
        translated=output_format != "json",  # JSON is data, the same in every language
        warnings=warnings,
    )
    print_warnings(warnings)
    sys.stdout.write(stdout_renderer(Subject.DIFF, output_format)(changes))
