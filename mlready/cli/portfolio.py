"""`mlready portfolio`: one table over the reviews of many models."""

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
    check_target,
    day,
    defaults,
    gate_for,
    inputs_of,
    report_path_for,
    say,
    scorecard,
    write_target,
)


@app.command()
def portfolio(
    answers: AnswersFilesArgument = None,
    bank: BankOption = None,
    max_age: Annotated[
        int | None,
        typer.Option(
            min=0, metavar="DAYS", help="Mark reviews older than this many days as stale."
        ),
    ] = None,
    reports: Annotated[
        Path | None,
        typer.Option(help="The folder the reports were written to (default: beside each file)."),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the table; '-' for stdout.")
    ] = Path("-"),
    today: TodayOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a file that mlready did not write.")
    ] = False,
) -> None:
    """Render one Markdown table of many reviews, worst first, linked to their reports.

    A review passes as `check` would judge it with the same settings file.
    """
    from mlready.core.gate import judge
    from mlready.render.portfolio import render_portfolio
    from mlready.render.view import Outcome

    chosen = defaults()
    loaded_bank = bank_for(bank, chosen)
    date = day(today)
    gate = gate_for(loaded_bank, chosen, max_age=max_age)
    paths = answers_paths(answers, chosen)
    inputs = inputs_of(chosen, bank=loaded_bank, others=paths)
    check_target(output, inputs=inputs, force=force)
    outcomes = []
    for path in paths:
        card = scorecard(path, loaded_bank, today=date, chosen=chosen)
        outcomes.append(Outcome(card, judge(card, gate, today=date)))
    reports_of = {str(path): report_path_for(path, reports).resolve() for path in paths}
    base = Path.cwd() if str(output) == "-" else output.resolve().parent
    text = render_portfolio(
        outcomes, reports=reports_of, base=base, max_age=gate.max_age, today=date
    )
    write_target(output, text, inputs=inputs, force=force)
    if str(output) != "-":
        say(f"Wrote {output}")
