"""`mlready export`: one review in a format other tools read (CSV, a badge, CycloneDX, OSCAL,
a model card, the EU AI Act's Annex IV)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias

import typer

from mlready import api
from mlready.cli.application import (
    AnswersArgument,
    BankOption,
    NoScanOption,
    TodayOption,
    check_target,
    command_app,
    day,
    format_option,
    print_message,
    print_warnings,
    write_target,
)
from mlready.core.messages import N_, _
from mlready.render.registry import Format, Subject, choices

if TYPE_CHECKING:
    ExportFormat: TypeAlias = Format
else:  # the formats the registry says export renders, in its order
    ExportFormat = choices(Subject.EXPORT)

app = command_app()


@app.command(
    help=N_(
        "Export the review for other tools: csv (a row per check, for spreadsheets), badge\n"
        "(a shields.io endpoint JSON), cyclonedx (a CycloneDX 1.6 attestation), oscal-ar and\n"
        "oscal-poam (OSCAL 1.2 assessment results and plan of action), model-card (a Hugging\n"
        "Face model card) or annex-iv (the EU AI Act's Annex IV documentation, as a skeleton)."
    )
)
def export(
    output_format: Annotated[
        ExportFormat,
        format_option(N_("csv, badge, cyclonedx, oscal-ar, oscal-poam, model-card or annex-iv.")),
    ],  # no default: which one is the point of the command
    answers: AnswersArgument = None,
    output_named: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help=N_("Where to write the export: a file, or '-' for stdout."),
        ),
    ] = "-",
    bank: BankOption = None,
    repo: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help=N_(
                "The repository whose evidence the export holds "
                "(default: the one holding the answers file)."
            ),
            file_okay=False,
        ),
    ] = None,
    no_scan: NoScanOption = False,
    today: TodayOption = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Overwrite a file that mlready did not write."))
    ] = False,
) -> None:
    """`mlready export`: its help is on the decorator, where the catalog finds it."""
    settings = api.project_settings()
    target = Path(output_named)
    if output_named != "-" and str(target) == "-":
        target = Path.cwd() / "-"  # `./-` names a file called "-", not stdout
    loaded_bank = api.load_bank(bank, settings=settings)
    path = api.answers_file(answers, settings=settings)
    inputs = api.inputs_of(settings, bank=loaded_bank, others=[path])
    if str(target) != "-":
        check_target(target, inputs=inputs, force=force)
    review = api.review(
        path, bank=loaded_bank, settings=settings, today=day(today), scan=not no_scan, repo=repo
    )
    print_warnings(list(review.warnings))
    text = api.export(review, format=output_format)
    write_target(target, text, inputs=inputs, force=force)
    if str(target) != "-":
        print_message(_("Wrote {path}").format(path=target))
