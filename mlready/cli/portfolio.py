"""`mlready portfolio`: one table over the reviews of many models."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    AnswersFilesArgument,
    BankOption,
    PortfolioFormat,
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
from mlready.render.registry import Format, Subject, format_chosen, formats_for, renderer

app = command_app()


@app.command(
    help=N_(
        "Render one table of many reviews, worst first, linked to their reports: Markdown, or\n"
        "an HTML heat map of models by areas.\n"
        "\n"
        "With --repos, the answers files of many git repositories, read at a ref without a work\n"
        "tree: Markdown, or JSON lines of facts (`mlready schema fact`).\n"
        "\n"
        "A review passes as `check` would judge it with the same settings file."
    )
)
def portfolio(
    answers: AnswersFilesArgument = None,
    bank: BankOption = None,
    max_age: Annotated[
        int | None,
        typer.Option(
            min=0, metavar="DAYS", help=N_("Mark reviews older than this many days as stale.")
        ),
    ] = None,
    reports: Annotated[
        Path | None,
        typer.Option(
            help=N_("The folder the reports were written to (default: beside each file).")
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help=N_("Where to write the table; '-' for stdout."))
    ] = Path("-"),
    output_format: Annotated[
        PortfolioFormat | None,
        format_option(N_("Markdown, or an HTML heat map [default: by the output's extension]")),
    ] = None,
    with_history: Annotated[
        bool,
        typer.Option(
            "--history/--no-history", help=N_("Show each review's score over time from git.")
        ),
    ] = True,
    today: TodayOption = None,
    repos: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help=N_(
                "A file listing git repositories (paths or URLs), one per line, each with an "
                "optional answers glob."
            ),
        ),
    ] = None,
    ref: Annotated[
        str, typer.Option(metavar="REF", help=N_("The ref each repository is read at (--repos)."))
    ] = "HEAD",
    jobs: Annotated[
        int | None,
        typer.Option(
            min=1,
            metavar="N",
            help=N_("Repositories read at once (--repos) [default: the number of cores]."),
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Overwrite a file that mlready did not write."))
    ] = False,
) -> None:
    """`mlready portfolio`: its help is on the decorator, where the catalog finds it."""
    if repos is not None:
        _fleet(
            repos,
            answers=answers,
            bank=bank,
            max_age=max_age,
            reports=reports,
            output=output,
            output_format=output_format,
            ref=ref,
            jobs=jobs,
            today=today,
            force=force,
        )
        return
    if output_format == Format.JSONL:
        raise InputError(Message("--format jsonl: the facts are of --repos; name a repos file"))
    chosen_format = format_chosen(output_format, str(output), Subject.PORTFOLIO, Format.MARKDOWN)
    settings = api.project_settings()
    loaded_bank = api.load_bank(bank, settings=settings)
    paths = api.answers_files(answers, settings=settings)
    inputs = api.inputs_of(settings, bank=loaded_bank, others=paths)
    check_target(output, inputs=inputs, force=force)
    date = day(today)
    reviewed = api.portfolio(
        paths,
        bank=loaded_bank,
        settings=settings,
        today=date,
        max_age=max_age,
        history=with_history,
    )
    print_warnings(list(reviewed.warnings))
    if reports is not None:
        from mlready.io.os_errors import paths_as_input_errors

        with paths_as_input_errors():  # a folder that cannot even be looked up: say so
            reports.exists()
    reports_of = {
        str(path): report
        for path in paths
        if (report := _report_of(path, reports, chosen_format)) is not None
    }
    base = Path.cwd() if str(output) == "-" else output.resolve().parent
    text = renderer(Subject.PORTFOLIO, chosen_format)(
        reviewed.rows,
        reports=reports_of,
        base=base,
        max_age=reviewed.gate.max_age,
        today=date,
        trends=reviewed.trends,
    )
    write_target(output, text, inputs=inputs, force=force)
    if str(output) != "-":
        print_message(_("Wrote {path}").format(path=output))


def _report_of(path: Path, folder: Path | None, chosen_format: Format) -> Path | None:
    """The report to link: the HTML one from an HTML portfolio when it was rendered, else
    the Markdown one; none where the file there is not a report mlready wrote."""
    from mlready.io.output import written_by
    from mlready.render.signatures import written_by_mlready

    markdown = report_path_for(path, folder).resolve()
    html = report_path_for(path, folder, suffix=".html").resolve()
    if chosen_format is Format.HTML and written_by(html, written_by_mlready):
        return html
    return markdown if written_by(markdown, written_by_mlready) else None


def _fleet(
    repos: Path,
    *,
    answers: list[Path] | None,
    bank: Path | None,
    max_age: int | None,
    reports: Path | None,
    output: Path,
    output_format: PortfolioFormat | None,
    ref: str,
    jobs: int | None,
    today: dt.datetime | None,
    force: bool,
) -> None:
    """`portfolio --repos`: the facts of every repository listed, as Markdown or JSON lines."""
    from mlready.api.repos import fleet

    if answers or reports is not None:
        raise InputError(
            Message("--repos reads the answers files from git: name no ANSWERS nor --reports")
        )
    chosen_format = format_chosen(output_format, str(output), Subject.FLEET, Format.MARKDOWN)
    if chosen_format not in formats_for(Subject.FLEET):
        raise InputError(
            Message(
                "--format {name}: --repos writes {formats}",
                name=chosen_format.value,
                formats=", ".join(formats_for(Subject.FLEET)),
            )
        )
    settings = api.project_settings()
    loaded_bank = api.load_bank(bank, settings=settings)
    inputs = api.inputs_of(settings, bank=loaded_bank, others=[repos])
    check_target(output, inputs=inputs, force=force)
    found = fleet(
        repos,
        bank=loaded_bank,
        settings=settings,
        ref=ref,
        today=day(today),
        max_age=max_age,
        jobs=jobs,
    )
    people = api.translated_bank(loaded_bank)
    print_warnings(list(people.warnings))
    levels = {level.name: level.shown for level in people.bank.levels}
    text = renderer(Subject.FLEET, chosen_format)(found.facts, levels=levels)
    write_target(output, text, inputs=inputs, force=force)
    if str(output) != "-":
        print_message(_("Wrote {path}").format(path=output))
