"""`mlready schema`: JSON Schemas of the file formats."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    BankOption,
    command_app,
    print_message,
    write_target,
)
from mlready.core.messages import N_, _


class SchemaKind(StrEnum):
    """The file formats `mlready schema` describes."""

    ANSWERS = "answers"
    BANK = "bank"
    FACT = "fact"


app = command_app()


@app.command(
    help=N_(
        "Print the JSON Schema (draft-07) of answers files (for a bank), of banks, or of the\n"
        "facts a portfolio of repositories writes (one per line)."
    )
)
def schema(
    kind: Annotated[
        SchemaKind,
        typer.Argument(help=N_("Which file format: answers, bank or fact."), metavar="KIND"),
    ],
    bank: BankOption = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help=N_("Where to write it; '-' for stdout."))
    ] = Path("-"),
    force: Annotated[
        bool, typer.Option("--force", help=N_("Overwrite a file that mlready did not write."))
    ] = False,
) -> None:
    """`mlready schema`: its help is on the decorator, where the catalog finds it."""
    from mlready.core.fleet import fact_schema
    from mlready.core.schema import answers_schema, bank_schema, schema_text
    from mlready.render.signatures import generated

    settings = api.project_settings()
    # The bank and fact schemas never read a bank: the first is what fixes a broken one.
    loaded = None if kind is not SchemaKind.ANSWERS else api.load_bank(bank, settings=settings)
    if kind is SchemaKind.FACT:
        schema = fact_schema()
    else:
        schema = bank_schema() if loaded is None else answers_schema(loaded)
    text = schema_text(generated("schema", schema))
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        inputs = api.inputs_of(settings, bank=loaded, others=[bank])
        write_target(output, text, inputs=inputs, force=force)
        print_message(_("Wrote {path}").format(path=output))
