"""`mlready report`: the Markdown readiness report."""

import glob
from pathlib import Path
from typing import Annotated

import typer

from mlready.cli.application import (
    DEFAULT_REPORT,
    AnswersFilesArgument,
    BankOption,
    TodayOption,
    answers_paths,
    app,
    bank_for,
    check_target,
    day,
    defaults,
    inputs_of,
    report_path_for,
    say,
    scorecard,
    write_target,
)
from mlready.core.errors import InputError


@app.command()
def report(
    answers: AnswersFilesArgument = None,
    bank: BankOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the report: a file, '-' for stdout, or a folder. "
            "[default: READINESS.md; with several answers files, NAME.md beside each]",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        Path | None, typer.Option(help="A Jinja2 template to use instead of the built-in one.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite a file that mlready did not write.")
    ] = False,
    today: TodayOption = None,
) -> None:
    """Render the Markdown readiness report."""
    from mlready.io.files import make_folder
    from mlready.render.report import render_report

    chosen = defaults()
    loaded_bank = bank_for(bank, chosen)
    paths = answers_paths(answers, chosen)
    folder = output if output is not None and output.is_dir() else None
    # One file named (or the default one): one READINESS.md. Several, or a pattern: NAME.md
    # beside each, as `portfolio` links them, however many the pattern matched.
    named = answers or list(chosen.answers)
    single = not named or (len(named) == 1 and not glob.has_magic(str(named[0])))
    if not single and output is not None and folder is None:
        raise InputError(f"--output: with several answers files, name a folder (got '{output}')")
    if not single:
        targets = [report_path_for(path, folder) for path in paths]
    elif folder is not None:
        targets = [folder / DEFAULT_REPORT.name]
    else:
        targets = [output or DEFAULT_REPORT]
    if len(set(targets)) < len(targets):
        raise InputError("two answers files would write the same report; name them apart")
    inputs = inputs_of(chosen, bank=loaded_bank, others=[*paths, template])
    for target in targets:
        if str(target) != "-" and (folder is None or target.parent.is_dir()):
            check_target(target, inputs=inputs, force=force)
    for path, target in zip(paths, targets, strict=True):
        text = render_report(
            scorecard(path, loaded_bank, today=day(today), chosen=chosen), template=template
        )
        if str(target) != "-":
            make_folder(target.parent)
        write_target(target, text, inputs=inputs, force=force)
        if str(target) != "-":
            say(f"Wrote {target}")
