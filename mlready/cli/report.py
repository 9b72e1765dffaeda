"""`mlready report`: the readiness report, in Markdown or HTML."""

import os
from pathlib import Path
from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    DEFAULT_REPORT,
    AnswersFilesArgument,
    BankOption,
    NoScanOption,
    ReportFormat,
    ResultsOption,
    RootOption,
    TodayOption,
    check_target,
    command_app,
    day,
    format_option,
    print_message,
    print_warnings,
    report_path_for,
    write_target,
)
from mlready.core.errors import InputError
from mlready.core.messages import N_, Message, _
from mlready.render.registry import Format, Subject, format_chosen

app = command_app()


def _path_named(text: str) -> Path:
    path = Path(text)
    if text != "-" and str(path) == "-":
        return Path.cwd() / "-"  # `./-` names a file called "-", not stdout
    return path


@app.command(help=N_("Render the readiness report: Markdown, or one self-contained HTML file."))
def report(
    answers: AnswersFilesArgument = None,
    bank: BankOption = None,
    output_named: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help=N_(
                "Where to write the report: a file, '-' for stdout, or a folder (one that exists, "
                "or a new one written with a trailing slash). "
                "[default: READINESS.md (.html); with several answers files, NAME.md beside each]"
            ),
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat | None,
        format_option(N_("Markdown or HTML [default: by the output's extension, else markdown]")),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            help=N_("A Jinja2 template instead of the built-in one (NAME.html.j2 for HTML).")
        ),
    ] = None,
    with_history: Annotated[
        bool,
        typer.Option(
            "--history/--no-history",
            help=N_("Show the score over time from the file's git history, when it has one."),
        ),
    ] = True,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Overwrite a file that mlready did not write."))
    ] = False,
    repo: Annotated[
        Path | None,
        typer.Option(
            metavar="DIR",
            help=N_(
                "The repository whose evidence the report shows "
                "(default: the one holding each answers file)."
            ),
            file_okay=False,
        ),
    ] = None,
    no_scan: NoScanOption = False,
    root: RootOption = None,
    results: ResultsOption = None,
    today: TodayOption = None,
) -> None:
    """`mlready report`: its help is on the decorator, where the catalog finds it."""
    from mlready.io.files import make_folder
    from mlready.render.report import is_html_template

    settings = api.project_settings()
    output = _path_named(output_named) if output_named is not None else None
    # `-o reports/` names a folder, made if it does not exist yet: not a file called `reports`.
    new_folder = output_named is not None and output_named.endswith(("/", os.sep))
    if output_format is None and template is not None:
        chosen_format = Format.HTML if is_html_template(template) else Format.MARKDOWN
    else:
        chosen_format = format_chosen(
            output_format, str(output or ""), Subject.REPORT, Format.MARKDOWN
        )
    suffix = ".html" if chosen_format is Format.HTML else ".md"
    default_report = DEFAULT_REPORT.with_suffix(suffix)
    loaded_bank = api.load_bank(bank, settings=settings)
    paths = api.answers_files(answers, settings=settings)
    folder = output if output is not None and (new_folder or output.is_dir()) else None
    # One file named (or the default one): one READINESS.md. Several, or a pattern: NAME.md
    # beside each, as `portfolio` links them, however many the pattern matched.
    named = answers or list(settings.answers)
    single = not named or (len(named) == 1 and not api.is_pattern(named[0]))
    if not single and output is not None and folder is None:
        raise InputError(
            Message(
                "--output: with several answers files, name a folder (got '{output}')",
                output=output,
            )
        )
    if not single:
        targets = [report_path_for(path, folder, suffix=suffix) for path in paths]
    elif folder is not None:
        targets = [folder / default_report.name]
    else:
        targets = [output or default_report]
    if len(set(targets)) < len(targets):
        raise InputError(Message("two answers files would write the same report; name them apart"))
    inputs = api.inputs_of(settings, bank=loaded_bank, others=[*paths, template])
    for target in targets:
        if str(target) != "-" and (folder is None or target.parent.is_dir()):
            check_target(target, inputs=inputs, force=force)
    for path, target in zip(paths, targets, strict=True):
        review = api.review(
            path,
            bank=loaded_bank,
            settings=settings,
            today=day(today),
            scan=not no_scan,
            root=root,
            results=results,
            repo=repo,
        )
        print_warnings(list(review.warnings))
        text = api.report(review, format=chosen_format, template=template, history=with_history)
        if str(target) != "-":
            make_folder(target.parent)
        write_target(target, text, inputs=inputs, force=force)
        if str(target) != "-":
            print_message(_("Wrote {path}").format(path=target))
