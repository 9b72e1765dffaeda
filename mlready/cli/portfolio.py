"""`mlready portfolio`: one table over the reviews of many models."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mlready.cli.application import (
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
from mlready.cli.report import report_path_for


@app.command()
def portfolio(
    answers: AnswersFilesArgument = None,
    bank: BankOption = None,
    max_age: Annotated[
        int | None, typer.Option(min=0, help="Mark reviews older than this many days as stale.")
    ] = None,
    reports: Annotated[
        Path | None,
        typer.Option(help="The folder the reports were written to (default: beside each file)."),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the table; '-' for stdout.")
    ] = Path("-"),
    today: TodayOption = None,
) -> None:
    """Render one Markdown table of many reviews, worst first, linked to their reports."""
    from mlready.files import write_atomically
    from mlready.formats import Outcome
    from mlready.gate import judge
    from mlready.portfolio import render_portfolio

    project = settings()
    loaded_bank = bank_for(bank, project)
    date = day(today)
    age = max_age if max_age is not None else project.max_age
    outcomes = []
    for path in answers_paths(answers, project):
        card = scorecard(path, loaded_bank, today=date)
        outcomes.append(Outcome(card, judge(card, max_age=age, today=date)))
    links = {
        o.scorecard.answers.source: report_path_for(Path(o.scorecard.answers.source), reports)
        for o in outcomes
    }
    base = Path.cwd() if str(output) == "-" else output.resolve().parent
    text = render_portfolio(
        outcomes,
        reports={k: v.resolve() for k, v in links.items()},
        base=base,
        max_age=age,
        today=date,
    )
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        write_atomically(output, text)
        typer.echo(f"Wrote {output}", err=True)
