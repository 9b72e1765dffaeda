"""`mlready scan`: what the repository shows of each answer."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    AnswersFilesArgument,
    BankOption,
    ResultsOption,
    RootOption,
    ScanFormat,
    TodayOption,
    command_app,
    day,
    format_option,
    print_review_warnings,
)
from mlready.core.messages import N_
from mlready.render.registry import Subject, renderer

app = command_app()


@app.command(
    help=N_(
        "Run the bank's probes over the repository: what evidences each answer, what it\n"
        "does not show, and what the repository suggests for unanswered checks."
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
    root: RootOption = None,
    results_dir: ResultsOption = None,
    bank: BankOption = None,
    output_format: Annotated[
        ScanFormat, format_option(N_("Text, JSON, SARIF or Markdown."))
    ] = ScanFormat.TEXT,
    today: TodayOption = None,
) -> None:
    """`mlready scan`: its help is on the decorator, where the catalog finds it."""
    from mlready.render.evidence import ScanResult

    settings = api.project_settings()
    loaded_bank = api.load_bank(bank, settings=settings)
    reviews = [
        api.review(
            path,
            bank=loaded_bank,
            settings=settings,
            today=day(today),
            repo=repo,
            root=root,
            results=results_dir,
        )
        for path in api.answers_files(answers, settings=settings)
    ]
    print_review_warnings(reviews)
    # JSON is data, the same in every language; every other format is read by people.
    outcomes = api.outcomes(reviews, translated=output_format != "json")
    results = [
        ScanResult(outcome.scorecard, outcome.evidence, str(review.repository))
        for outcome, review in zip(outcomes, reviews, strict=True)
    ]
    sys.stdout.write(renderer(Subject.SCAN, output_format)(results))
