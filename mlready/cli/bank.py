"""`mlready bank show|validate`: look into a question bank."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from mlready.cli.application import BankOption, app, bank_for, settings
from mlready.model import Bank, Kind
from mlready.text import one_line

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
    loaded = bank_for(bank, settings())
    if output_format is BankFormat.JSON:
        typer.echo(json.dumps(loaded.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    sys.stdout.write(outline(loaded))


def outline(bank: Bank) -> str:
    """A bank's areas and questions, one line each."""
    lines = [f"{one_line(bank.display_title)} ({bank.ref}): {len(bank.questions)} questions"]
    for area in bank.areas:
        lines += ["", f"{area.id}: {one_line(area.title)}"]
        for question in area.questions:
            kind = question.gap_severity if question.kind is Kind.CHECK else question.kind
            when = "".join(
                f"  [when {name} in {', '.join(values)}]" for name, values in question.when.items()
            )
            lines.append(f"  {question.id:<32} {kind:<7} {one_line(question.prompt)}{when}")
    return "\n".join(lines) + "\n"


@bank_app.command("validate")
def validate(bank: BankOption = None) -> None:
    """Check a bank; exit 0 when it is valid, 2 with every problem found."""
    loaded = bank_for(bank, settings())
    typer.echo(
        f"{bank or 'built-in bank'}: valid: {loaded.ref}, {len(loaded.areas)} areas, "
        f"{len(loaded.questions)} questions"
    )
