"""`mlready check`: the CI gate."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from mlready import api
from mlready.cli.application import (
    AnswersFilesArgument,
    BankOption,
    CheckFormat,
    NoScanOption,
    ResultsOption,
    RootOption,
    TodayOption,
    check_target,
    command_app,
    day,
    format_option,
    print_message,
    print_review_warnings,
    print_warnings,
    stdout_renderer,
    write_target,
)
from mlready.core.errors import ExitCode, InputError, MlreadyError
from mlready.core.messages import N_, Message, _, series
from mlready.core.vocabulary import Severity
from mlready.render.registry import Format, Subject, formats_for, renderer
from mlready.render.scorecard_view import Outcome


def _output_target(spec: str) -> tuple[str, Path]:
    name, separator, path = spec.partition(":")
    formats = formats_for(Subject.CHECK)
    if not separator or not path:
        raise InputError(
            Message(
                "--output: expected FORMAT:PATH, e.g. sarif:mlready.sarif (got '{spec}')", spec=spec
            )
        )
    if name not in formats:
        raise InputError(
            Message(
                "--output: unknown format '{name}' (formats: {formats})",
                name=name,
                formats=series(formats),
            )
        )
    if Path(path).is_dir():
        raise InputError(Message("--output: {path} is a folder; name a file to write", path=path))
    if not Path(path).parent.is_dir():
        raise InputError(
            Message(
                "--output: no folder {folder} to write {path} in",
                folder=Path(path).parent,
                path=path,
            )
        )
    target = Path(path)
    if path != "-" and str(target) == "-":
        target = Path.cwd() / "-"  # `./-` names a file called "-", not stdout
    return name, target


app = command_app()


@app.command(help=N_("Validate and score answers files; exit 1 when the system is not ready."))
def check(
    answers: AnswersFilesArgument = None,
    bank: BankOption = None,
    fail_under: Annotated[
        str | None,
        typer.Option(
            metavar="SCORE|LEVEL",
            help=N_(
                "Fail when the score is below this number (0-100) or the level below this "
                "level; the top level also needs its conditions owned (as --require-owners)."
            ),
        ),
    ] = None,
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            help=N_(
                "Fail on any open gap of this severity or worse (default: the settings "
                "file's, else blocker)."
            )
        ),
    ] = None,
    allow_incomplete: Annotated[
        bool,
        typer.Option(
            "--allow-incomplete", help=N_("Do not fail on unanswered applicable questions.")
        ),
    ] = False,
    max_age: Annotated[
        int | None,
        typer.Option(
            min=0,
            metavar="DAYS",
            help=N_("Fail when project.reviewed is older than this many days."),
        ),
    ] = None,
    fail_on_overdue: Annotated[
        bool,
        typer.Option(
            "--fail-on-overdue",
            help=N_("Fail when an action on a blocker or major gap is past its due date."),
        ),
    ] = False,
    require_owners: Annotated[
        bool,
        typer.Option(
            "--require-owners",
            help=N_(
                "Fail while a condition of the level (a serious gap that caps nothing) has no "
                "owner and due date within 90 days."
            ),
        ),
    ] = False,
    require_signoff: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ROLE",
            help=N_("Fail without a sign-off of the answers as they are by this role; repeatable."),
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help=N_("Fail only on regressions against this answers file or JSON result.")),
    ] = None,
    soft_fail: Annotated[
        bool,
        typer.Option("--soft-fail", help=N_("Report everything but exit 0 unless input is bad.")),
    ] = False,
    today: TodayOption = None,
    output_format: Annotated[
        CheckFormat, format_option(N_("What to print on stdout."))
    ] = CheckFormat.TEXT,
    output: Annotated[
        list[str] | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FORMAT:PATH",
            help=N_("Also write a format to a file; repeatable."),
        ),
    ] = None,
    fail_on_contradicted: Annotated[
        bool,
        typer.Option(
            "--fail-on-contradicted",
            help=N_(
                "Fail on any answer the repository does not show (a file it needs not found, a "
                "path it names missing, its last recorded run failed)."
            ),
        ),
    ] = False,
    require_evidence: Annotated[
        Severity | None,
        typer.Option(
            help=N_("Fail when a check of this severity or worse, at full marks, has no evidence.")
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=N_("Overwrite output files that mlready did not write."))
    ] = False,
    no_scan: NoScanOption = False,
    root: RootOption = None,
    results: ResultsOption = None,
) -> None:
    """`mlready check`: its help is on the decorator, where the catalog finds it."""
    settings = api.project_settings()
    targets = [_output_target(spec) for spec in output or []]
    named: dict[str, str] = {}
    for name, target in targets:
        key = "-" if str(target) == "-" else os.path.realpath(target)
        if key in named:
            raise InputError(
                Message(
                    "--output: {path} is named twice ({first} and {second}); one file each",
                    path=target,
                    first=named[key],
                    second=name,
                )
            )
        named[key] = name
    loaded_bank = api.load_bank(bank, settings=settings)
    date = day(today)
    gate = api.gate_of(
        loaded_bank,
        settings,
        fail_under=fail_under,
        fail_on=fail_on,
        max_age=max_age,
        fail_on_overdue=fail_on_overdue or None,
        require_signoff=require_signoff,
        fail_on_contradicted=fail_on_contradicted,
        require_evidence=require_evidence,
        require_owners=require_owners,
    )
    paths = api.answers_files(answers, settings=settings)
    inputs = api.inputs_of(settings, bank=loaded_bank, others=[*paths, baseline])
    for _format, target in targets:
        check_target(target, inputs=inputs, force=force)
    if baseline is not None and len(paths) > 1:
        raise InputError(Message("--baseline compares one answers file; name just one"))
    base = None
    if baseline is not None:
        from mlready.io.baseline import load_baseline

        base = load_baseline(baseline, loaded_bank, today=date)
    reviews = [
        api.review(
            path,
            bank=loaded_bank,
            settings=settings,
            today=date,
            scan=not no_scan,
            root=root,
            results=results,
            gate=gate,
            allow_incomplete=allow_incomplete,
            baseline=base,
        )
        for path in paths
    ]
    print_review_warnings(reviews)
    outcomes = api.outcomes(reviews, translated=False)
    # JSON is data, the same in every language; every other format is read by people.
    people = api.outcomes(reviews)

    def shown(chosen_format: str) -> list[Outcome]:
        return outcomes if chosen_format == Format.JSON else people

    if output_format == Format.TEXT and sys.stdout.isatty():
        from rich.console import Console

        from mlready.render.terminal import print_outcomes

        print_outcomes(Console(highlight=False), people)
    else:
        sys.stdout.write(stdout_renderer(Subject.CHECK, output_format)(shown(output_format)))
    for target_format, target in targets:
        text = renderer(Subject.CHECK, target_format)(shown(target_format))
        write_target(target, text, inputs=inputs, force=force)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        from mlready.render.markdown import step_summary

        _append_summary(Path(summary_file), step_summary(people), inputs=inputs)
    passed = all(review.passed for review in reviews)
    if not passed and soft_fail:
        print_message(_("soft fail: the gate failed, exiting 0 as asked"))
    raise typer.Exit(ExitCode.OK if passed or soft_fail else ExitCode.GATE_FAILED)


def _append_summary(path: Path, text: str, *, inputs: list[Path | None]) -> None:
    from mlready.io.os_errors import paths_as_input_errors
    from mlready.io.output import append_output

    try:
        with paths_as_input_errors():
            append_output(path, text, inputs=inputs)
    except MlreadyError as error:  # the summary is a courtesy: the gate's verdict stands
        print_warnings(
            [Message("GITHUB_STEP_SUMMARY: {error}; no job summary written", error=str(error))]
        )
