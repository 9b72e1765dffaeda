"""`mlready sign`: record a person's approval of the answers as they are."""

from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    AnswersArgument,
    BankOption,
    TodayOption,
    command_app,
    day,
    print_message,
    print_warnings,
)
from mlready.core.errors import InputError
from mlready.core.messages import N_, Message, _


def _words(option: str, text: str) -> str:
    words = " ".join(text.split())
    if not words:
        raise InputError(Message("{option}: must not be empty", option=option))
    if not api.one_line(words):
        raise InputError(
            Message("{option}: must be text without control characters", option=option)
        )
    return words


app = command_app()


@app.command(
    help=N_(
        "Sign off the answers as they are: record name, role, date and a digest of the answers\n"
        "under project.signoff. A later change of any answer shows the sign-off as outdated."
    )
)
def sign(
    name: Annotated[str, typer.Option(metavar="NAME", help=N_("Who signs off."))],
    role: Annotated[
        str, typer.Option(metavar="ROLE", help=N_("As what, e.g. ml-lead or risk (any word)."))
    ],
    answers: AnswersArgument = None,
    bank: BankOption = None,
    today: TodayOption = None,
) -> None:
    """`mlready sign`: its help is on the decorator, where the catalog finds it."""
    from mlready.core.signoff import signed
    from mlready.io.files import exclusive_lock

    who, what = _words("--name", name), _words("--role", role)
    settings = api.project_settings()
    target = api.answers_file(answers, settings=settings)
    loaded_bank = api.load_bank(bank, settings=settings)
    editor = api.answers_editor(target, loaded_bank)
    editor.refuse_read_only()
    with exclusive_lock(target, note=print_message):
        # Read under the lock, through the editor that writes: an edit made meanwhile is
        # noticed, a link is written through.
        editor = api.answers_editor(target, loaded_bank)
        warnings: list[str] = []
        current = api.read_answers(target, loaded_bank, warnings=warnings)
        print_warnings(warnings)
        updated = signed(current, name=who, role=what, date=day(today))
        editor.save(updated)
    digest = updated.project.signoff[-1].digest
    print_message(
        _("Signed {path} as {role} ({name}); answers digest {digest}").format(
            path=target, role=what, name=who, digest=digest
        )
    )
