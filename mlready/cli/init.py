"""`mlready init`: an answers skeleton to fill in by hand."""

from typing import Annotated

import typer

from mlready.cli.application import (
    AnswersArgument,
    BankOption,
    app,
    bank_for,
    defaults,
    refuse_overwriting_inputs,
    say,
    single_answers_path,
)
from mlready.core.errors import InputError
from mlready.core.words import counted


@app.command()
def init(
    answers: AnswersArgument = None,
    bank: BankOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    editor_schema: Annotated[
        bool,
        typer.Option(
            "--schema/--no-schema",
            help="Also write NAME.schema.json beside it, for editors to validate and complete.",
        ),
    ] = True,
) -> None:
    """Write an answers skeleton: every question, its options, and an empty answer."""
    from mlready.core.answers import empty_answers
    from mlready.core.schema import answers_schema, schema_text
    from mlready.io.answers_file import render_answers
    from mlready.io.files import write_atomically

    chosen = defaults()
    target = single_answers_path(answers, chosen)
    loaded = bank_for(bank, chosen)
    schema_file = target.with_name(f"{target.stem}.schema.json") if editor_schema else None
    written = [target, *([schema_file] if schema_file else [])]
    refuse_overwriting_inputs(written, bank=loaded, chosen=chosen, others=[])
    for path in written:
        if path.exists() and not force:
            raise InputError(f"{path}: already exists; use --force to overwrite it")
    skeleton = empty_answers(target, schema=schema_file.name if schema_file else None)
    if schema_file is not None:
        write_atomically(schema_file, schema_text(answers_schema(loaded)))
    write_atomically(target, render_answers(loaded, skeleton, skeleton=True))
    count = len(loaded.questions)
    say(f"Wrote {target}: {counted(count, 'question')} to answer")
    if schema_file is not None:
        say(f"Wrote {schema_file}: editors with a YAML language server use it")
