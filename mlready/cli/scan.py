"""`mlready scan`: what the repository shows of each answer."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mlready.cli.application import (
    AnswersFilesArgument,
    BankOption,
    ScanFormat,
    TodayOption,
    answers_paths,
    bank_for,
    command_app,
    day,
    defaults,
    evidence_of,
    for_people,
    format_option,
    scorecard,
)
from mlready.core.messages import N_
from mlready.render.registry import Subject, renderer

app = command_app()


@app.command(
    help=N_(
        "Run the bank's probes over the repository: what each answer is evidenced or\n"
        "contradicted by, and what the repository suggests for unanswered checks."
    )
)
def scan(
    answers: AnswersFilesArgument = None,
    repo: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help=N_("The repository to scan (default: the one holding each answers file)."),
            file_okay=False,
        ),
    ] = None,
    bank: BankOption = None,
    output_format: Annotated[
        ScanFormat, format_option(N_("Text, JSON, SARIF or Markdown."))
    ] = ScanFormat.TEXT,
    today: TodayOption = None,
) -> None:
    """`mlready scan`: its help is on the decorator, where the catalog finds it."""
    from mlready.render.evidence import ScanResult

    chosen = defaults()
    loaded_bank = bank_for(bank, chosen)
    # JSON is data, the same in every language; every other format is read by people.
    people = loaded_bank if output_format == "json" else for_people(loaded_bank)
    results = []
    for path in answers_paths(answers, chosen):
        card = scorecard(path, loaded_bank, today=day(today), chosen=chosen)
        root, evidence = evidence_of(card, repo=repo)
        if people is not loaded_bank:
            from mlready.core.translation import evidence_in, scorecard_in

            card, evidence = scorecard_in(card, people), evidence_in(evidence, people)
        results.append(ScanResult(card, evidence, str(root)))
    sys.stdout.write(renderer(Subject.SCAN, output_format)(results))
