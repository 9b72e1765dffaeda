"""`mlready diff`: what changed between two reviews."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mlready.cli.application import (
    BankOption,
    DiffFormat,
    TodayOption,
    bank_for,
    command_app,
    day,
    defaults,
    for_people,
    format_option,
    scorecard,
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
    from mlready.core.diff import diff_reviews

    chosen = defaults()
    loaded_bank = bank_for(bank, chosen)
    date = day(today)
    before = scorecard(old, loaded_bank, today=date, chosen=chosen)
    after = scorecard(new, loaded_bank, today=date, chosen=chosen)
    if output_format != "json":  # JSON is data, the same in every language
        from mlready.core.translation import scorecard_in

        people = for_people(loaded_bank)
        before, after = scorecard_in(before, people), scorecard_in(after, people)
    sys.stdout.write(stdout_renderer(Subject.DIFF, output_format)(diff_reviews(before, after)))
