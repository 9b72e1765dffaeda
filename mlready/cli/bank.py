"""`mlready bank show|validate`: look into a question bank."""

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from mlready.cli.application import BankOption, app, bank_for, defaults

bank_app = typer.Typer(help="Show or validate a question bank.", no_args_is_help=True)
app.add_typer(bank_app, name="bank")


class BankFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


@bank_app.command("show")
def show(
    bank: BankOption = None,
    output_format: Annotated[
        BankFormat, typer.Option("--format", "-f", help="An outline, or the whole bank as JSON.")
    ] = BankFormat.TEXT,
) -> None:
    """List the areas and questions of a bank (JSON: the whole bank)."""
    loaded = bank_for(bank, defaults())
    if output_format is BankFormat.JSON:
        from mlready.bank import bank_document

        typer.echo(json.dumps(bank_document(loaded), indent=2, ensure_ascii=False))
        return
    from mlready.bank import bank_outline

    sys.stdout.write(bank_outline(loaded))


@bank_app.command("validate")
def validate(bank: BankOption = None) -> None:
    """Check a bank; exit 0 when it is valid, 2 with every problem found."""
    chosen = defaults()
    loaded = bank_for(bank, chosen)
    from mlready.text import terminal_text

    source = bank or chosen.bank or "built-in bank"
    typer.echo(
        terminal_text(
            f"{source}: valid: {loaded.ref}, {len(loaded.areas)} areas, "
            f"{len(loaded.questions)} questions"
        )
    )
