"""`mlready bank show|validate`: look into a question bank."""

import sys
from typing import Annotated

import typer

from mlready.cli.application import (
    BankFormat,
    BankOption,
    bank_for,
    command_app,
    defaults,
    format_option,
)
from mlready.render.registry import Subject, renderer

app = command_app(name="bank", help="Show or validate a question bank.", no_args_is_help=True)


@app.command("show")
def show(
    bank: BankOption = None,
    output_format: Annotated[
        BankFormat, format_option("An outline, or the whole bank as JSON.")
    ] = BankFormat.TEXT,
    tag: Annotated[
        str | None,
        typer.Option(
            metavar="PREFIX",
            help="Only the checks with a tag starting so: mlts-, deon-, nist-, euaia-art14.",
        ),
    ] = None,
) -> None:
    """List the profile, areas and questions of a bank (JSON: the whole bank)."""
    loaded = bank_for(bank, defaults())
    if tag is not None:
        from mlready.core.bank import with_tag

        loaded = with_tag(loaded, tag)
    sys.stdout.write(renderer(Subject.BANK, output_format)(loaded))


@app.command("validate")
def validate(bank: BankOption = None) -> None:
    """Check a bank; exit 0 when it is valid, 2 with every problem found."""
    chosen = defaults()
    loaded = bank_for(bank, chosen)
    from mlready.render.escape import terminal_text

    source = bank or chosen.bank or "built-in bank"
    typer.echo(
        terminal_text(
            f"{source}: valid: {loaded.ref}, {len(loaded.areas)} areas, "
            f"{len(loaded.questions)} questions"
        )
    )
