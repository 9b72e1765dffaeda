"""The Typer application, its shared options, and the one place errors become exit codes."""

from __future__ import annotations

import datetime as dt
import glob
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from mlready.errors import InputError, MlreadyError

if TYPE_CHECKING:
    from mlready.answers import Answers
    from mlready.model import Bank
    from mlready.scoring import Scorecard
    from mlready.settings import Settings


class _Commands(TyperGroup):
    """Turns mlready's errors into messages on stderr and their exit code.

    Typer itself maps usage errors to 2 and Ctrl-C to 130; anything else is a bug and surfaces.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except MlreadyError as error:
            for line in str(error).splitlines():
                typer.echo(f"error: {line}", err=True)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    name="mlready",
    cls=_Commands,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

AnswersArgument = Annotated[
    Path | None,
    typer.Argument(
        help="The answers file (default: from the settings file, else mlready.yaml).",
        show_default=False,
        dir_okay=False,
    ),
]
AnswersFilesArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Answers files or glob patterns (default: from the settings file, else mlready.yaml).",
        show_default=False,
    ),
]
BankOption = Annotated[
    Path | None,
    typer.Option(
        "--bank", "-b", help="A question bank (YAML); default: the settings file, else built-in."
    ),
]
TodayOption = Annotated[
    dt.datetime | None,
    typer.Option(
        formats=["%Y-%m-%d"],
        help="The date to judge waivers and review age by (default: today), for reproducible runs.",
    ),
]
DEFAULT_REPORT = Path("READINESS.md")


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"mlready {version('mlready-review')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A production-readiness review for ML systems.

    Exit codes: 0 ok, 1 the gate failed, 2 invalid input or usage, 130 interrupted.
    """


def warn(messages: tuple[str, ...] | list[str]) -> None:
    """Print warnings on stderr."""
    for message in messages:
        typer.echo(f"warning: {message}", err=True)


def settings() -> Settings:
    from mlready.settings import find_settings

    return find_settings(Path.cwd())


def bank_for(option: Path | None, project: Settings) -> Bank:
    """The bank named on the command line, else in the settings, else the built-in one."""
    from mlready.bank import load_bank

    if option is not None:
        return load_bank(option)
    return load_bank(Path(project.bank) if project.bank else None)


def answers_paths(arguments: list[Path] | None, project: Settings) -> list[Path]:
    """The answers files named (glob patterns expanded), else those in the settings."""
    from mlready.answers import DEFAULT_ANSWERS

    if not arguments:
        return list(project.answers) or [DEFAULT_ANSWERS]
    paths: list[Path] = []
    for argument in arguments:
        if glob.has_magic(str(argument)):
            # The shell did not expand it (quoted, or on Windows): expand it here.
            matches = sorted(Path(m) for m in glob.glob(str(argument), recursive=True))  # noqa: PTH207
            if not matches:
                raise InputError(f"{argument}: no answers file matches this pattern")
            paths += matches
        else:
            paths.append(argument)
    return list(dict.fromkeys(paths))


def scorecard(path: Path, bank: Bank, *, today: dt.date) -> Scorecard:
    """The scorecard of the answers at `path`; warnings go to stderr."""
    from mlready.scoring import score

    return score(bank, read_answers(path, bank), today=today)


def read_answers(path: Path, bank: Bank) -> Answers:
    """The answers at `path`; warnings go to stderr."""
    from mlready.answers import load_answers

    if not path.exists():
        raise InputError(
            f"{path}: no such answers file (start one with `mlready ask` or `mlready init`)"
        )
    loaded = load_answers(path, bank)
    warn(loaded.warnings)
    return loaded


def day(value: dt.datetime | None) -> dt.date:
    return value.date() if value else dt.date.today()
