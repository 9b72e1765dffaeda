"""`mlready diff`: what changed between two reviews."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mlready.cli.application import (
    BankOption,
    TodayOption,
    app,
    bank_for,
    day,
    defaults,
    scorecard,
)


class DiffFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


@app.command()
def diff(
    old: Annotated[
        Path, typer.Argument(help="The earlier answers file.", dir_okay=False, metavar="OLD")
    ],
    new: Annotated[
        Path, typer.Argument(help="The later answers file.", dir_okay=False, metavar="NEW")
    ],
    bank: BankOption = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="Text, Markdown or JSON.")
    ] = DiffFormat.TEXT,
    today: TodayOption = None,
) -> None:
    """Show what changed between two reviews: answers, notes, area scores, level, gaps."""
    from mlready.diff import diff_json, diff_markdown, diff_reviews, diff_text

    loaded_bank = bank_for(bank, defaults())
    date = day(today)
    before = scorecard(old, loaded_bank, today=date)
    after = scorecard(new, loaded_bank, today=date)
    render = {
        DiffFormat.TEXT: diff_text,
        DiffFormat.MARKDOWN: diff_markdown,
        DiffFormat.JSON: diff_json,
    }[output_format]
    sys.stdout.write(render(diff_reviews(before, after)))
