"""`mlready init`: an answers skeleton to fill in by hand."""

from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    AnswersArgument,
    BankOption,
    check_target,
    command_app,
    print_message,
    write_target,
)
from mlready.core.errors import InputError
from mlready.core.messages import N_, Message, _, ngettext

app = command_app()


@app.command(
    help=N_("Write an answers skeleton: every question, its options, and an empty answer.")
)
def init(
    answers: AnswersArgument = None,
    bank: BankOption = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Overwrite an existing file."))] = False,
    editor_schema: Annotated[
        bool,
        typer.Option(
            "--schema/--no-schema",
            help=N_("Also write NAME.schema.json beside it, for editors to validate and complete."),
        ),
    ] = True,
) -> None:
    """`mlready init`: its help is on the decorator, where the catalog finds it."""
    from mlready.core.answers import empty_answers
    from mlready.core.schema import answers_schema, schema_text
    from mlready.io.answers_file import render_answers
    from mlready.io.files import exclusive_lock, lock_path_of
    from mlready.render.signatures import generated

    settings = api.project_settings()
    target = api.answers_file(answers, settings=settings)
    loaded = api.load_bank(bank, settings=settings)
    # A skeleton written to a device or a pipe (`init /dev/stdout`) has no folder of its own to
    # put a schema beside: none is written into /dev.
    special = target.exists() and not target.is_file()
    schema_file = (
        target.with_name(f"{target.stem}.schema.json") if editor_schema and not special else None
    )
    written = [target, *([schema_file] if schema_file else [])]
    # Every input but the answers files, one of which init is asked to write: the bank, its
    # layers and the settings stay inputs even when the target names one of them.
    inputs = api.inputs_of(settings, bank=loaded, answers_too=False)
    from mlready.io.answers_file import AnswersEditor

    # Read-only is a "do not change" sign that --force does not overrule, as for ask and sign.
    AnswersEditor(target, loaded).refuse_read_only()
    for path in written:
        if path.exists() and not force:
            raise InputError(
                Message("{path}: already exists; use --force to overwrite it", path=path)
            )
        check_target(path, inputs=inputs, force=True)
    # Its comments in the language spoken; its answers, when given, the same in every one.
    people = api.translated_bank(loaded).bank
    skeleton = empty_answers(target, schema=schema_file.name if schema_file else None)
    # The lock keeps a walk in progress on the same file from being overwritten under it.
    with exclusive_lock(target):
        if schema_file is not None:
            schema = schema_text(generated("schema", answers_schema(loaded)))
            write_target(schema_file, schema, inputs=[*inputs, target], force=True)
        write_target(
            target, render_answers(people, skeleton, skeleton=True), inputs=inputs, force=True
        )
    count = len(loaded.questions)
    print_message(
        ngettext(
            "Wrote {path}: {count} question to answer",
            "Wrote {path}: {count} questions to answer",
            count,
        ).format(path=target, count=count)
    )
    if schema_file is not None:
        print_message(
            _("Wrote {path}: editors with a YAML language server use it").format(path=schema_file)
        )
    print_message(
        _("`mlready ask` holds {lock} beside it while it runs; add `.*.lock` to .gitignore").format(
            lock=lock_path_of(target).name
        )
    )
