"""`mlready bank show|validate`: look into a question bank."""

import sys
from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    BankFormat,
    BankOption,
    command_app,
    format_option,
    lang_flag,
    print_warnings,
    stdout_renderer,
)
from mlready.core.errors import InputError
from mlready.core.messages import N_, _, message_n
from mlready.render.registry import Subject

app = command_app(name="bank", help=N_("Show or validate a question bank."), no_args_is_help=True)


@app.command(
    "show",
    help=N_("List the profile, areas and questions of a bank (JSON: the whole bank)."),
)
def show(
    bank: BankOption = None,
    output_format: Annotated[
        BankFormat, format_option(N_("An outline, or the whole bank as JSON."))
    ] = BankFormat.TEXT,
    tag: Annotated[
        str | None,
        typer.Option(
            metavar="PREFIX",
            help=N_("Only the checks with a tag starting so: mlts-, deon-, nist-, euaia-art14."),
        ),
    ] = None,
) -> None:
    """`mlready bank show`: its help is on the decorator, where the catalog finds it."""
    loaded = api.load_bank(bank, settings=api.project_settings())
    if tag is not None:
        from mlready.core.bank import with_tag

        loaded = with_tag(loaded, tag)
    if output_format != "json":  # JSON is the bank as data, the same in every language
        translated = api.translated_bank(loaded)
        print_warnings(list(translated.warnings))
        loaded = translated.bank
    sys.stdout.write(stdout_renderer(Subject.BANK, output_format)(loaded))


@app.command(
    "validate",
    help=N_(
        "Check a bank; exit 0 when it is valid, 2 with every problem found. With `--lang`, check\n"
        "its translation files too: entries missing, for ids the bank lacks, or stale."
    ),
)
def validate(bank: BankOption = None) -> None:
    """`mlready bank validate`: its help is on the decorator, where the catalog finds it."""
    from mlready.core.messages import language
    from mlready.render.escape import terminal_text

    settings = api.project_settings()
    loaded = api.load_bank(bank, settings=settings)
    source = bank or settings.bank
    # The built-in bank has its own messages: a Chinese name takes a full-width colon, a path
    # an ASCII one.
    valid = (
        _("{source}: valid: {ref}, {areas}, {questions}")
        if source
        else _("built-in bank: valid: {ref}, {areas}, {questions}")
    )
    # A small bank has one area: "1 area", not "1 areas".
    areas = message_n("{count} area", "{count} areas", count=len(loaded.areas))
    questions = message_n("{count} question", "{count} questions", count=len(loaded.questions))
    typer.echo(
        terminal_text(
            valid.format(
                source=source,
                ref=loaded.ref,
                areas=areas.translated(),
                questions=questions.translated(),
            )
        )
    )
    if language() != "en":
        from mlready.core.translation import translation_problems
        from mlready.io.catalogs import bank_translation, translation_path

        translation = bank_translation(loaded, language(), strict=True)
        problems = translation_problems(loaded, translation)
        files = [translation_path(file, language()) for file in loaded.files]
        if not any(file.is_file() for file in files):
            if lang_flag(sys.argv[1:]) is None:
                # Asked in the language of the locale or the settings, an untranslated bank is
                # valid: it is shown in English. Only `--lang` asks for its translation.
                return
            raise InputError(
                _("{file}: no translation into {lang}").format(file=files[0], lang=language())
            )
        if problems:
            raise InputError(problems)
        typer.echo(
            terminal_text(
                (
                    _("{source}: the {lang} translation is complete and current")
                    if source
                    else _("built-in bank: the {lang} translation is complete and current")
                ).format(source=source, lang=language())
            )
        )
