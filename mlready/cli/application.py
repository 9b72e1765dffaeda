"""What the commands share: their options, how they print and write, and the language they
speak. The use cases themselves are mlready.api's."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import typer

from mlready.core.messages import N_, _, translated
from mlready.render.registry import Format, Subject, choices, renderer

if TYPE_CHECKING:
    from mlready.api import Review


def command_app(**settings: Any) -> typer.Typer:
    """The Typer app of one command module (its command, or for `bank` its group), which
    `mlready.cli` loads only when that command runs or `--help` lists it."""
    return typer.Typer(add_completion=False, **settings)


AnswersArgument = Annotated[
    Path | None,
    typer.Argument(
        help=N_("The answers file (default: from the settings file, else mlready.yaml)."),
        show_default=False,
        dir_okay=False,
        metavar="ANSWERS",
    ),
]
AnswersFilesArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help=N_(
            "Answers files or glob patterns (default: from the settings file, else mlready.yaml)."
        ),
        show_default=False,
        metavar="ANSWERS",
    ),
]
BankOption = Annotated[
    Path | None,
    typer.Option(
        "--bank",
        "-b",
        help=N_("A question bank (YAML); default: the settings file, else built-in."),
    ),
]
TodayOption = Annotated[
    dt.datetime | None,
    typer.Option(
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",
        help=N_(
            "The date to judge waivers and review age by (default: today), for reproducible runs."
        ),
    ),
]
NoScanOption = Annotated[
    bool,
    typer.Option(
        "--no-scan",
        help=N_(
            "Do not look in the repository for evidence (for a checkout git refuses, as in a "
            "container whose user does not own it)."
        ),
    ),
]
RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        metavar="DIR",
        file_okay=False,
        help=N_(
            "The folder of the ML system within the repository: only its files are evidence "
            "(default: the settings' scan.roots, else the whole repository)."
        ),
    ),
]
ResultsOption = Annotated[
    Path | None,
    typer.Option(
        "--results",
        metavar="DIR",
        file_okay=False,
        help=N_(
            "A folder of recorded results (JUnit XML, promptfoo or DeepEval JSON, Great "
            "Expectations validation results): a failed last run means the repository does not "
            "show the answer."
        ),
    ),
]
DEFAULT_REPORT = Path("READINESS.md")


if TYPE_CHECKING:  # every subset is checked as the whole set of formats
    CheckFormat: TypeAlias = Format
    DiffFormat: TypeAlias = Format
    BankFormat: TypeAlias = Format
    ReportFormat: TypeAlias = Format
    HistoryFormat: TypeAlias = Format
    PortfolioFormat: TypeAlias = Format
    ScanFormat: TypeAlias = Format
else:  # Typer offers each command the formats the registry says it renders
    CheckFormat = choices(Subject.CHECK)
    DiffFormat = choices(Subject.DIFF)
    BankFormat = choices(Subject.BANK)
    ReportFormat = choices(Subject.REPORT)
    HistoryFormat = choices(Subject.HISTORY)
    PortfolioFormat = choices(Subject.PORTFOLIO, Subject.FLEET)
    ScanFormat = choices(Subject.SCAN)


def format_option(help_text: str) -> Any:
    """The `--format/-f` option of a command."""
    return typer.Option("--format", "-f", help=help_text)


def stdout_renderer(subject: Subject, name: str) -> Callable[[Any], str]:
    """The renderer of `subject` in the format `name`, for stdout: plain text shown in a
    terminal is wrapped to its width; in a pipe or a file each line stays whole."""
    # Whatever COLUMNS says in a pipe: a CI log viewer wraps lines itself, grep finds them
    # whole, and some runners export COLUMNS=80 to every process.
    render = renderer(subject, name)
    if name != Format.TEXT or not stdout_is_terminal():
        return render
    import shutil  # reads COLUMNS first, then asks the terminal

    return functools.partial(render, width=shutil.get_terminal_size().columns)


def stdout_is_terminal() -> bool:
    """Whether standard output is shown in a terminal."""
    return sys.stdout.isatty()


def print_message(message: str) -> None:
    """Print a message for the person on stderr (in the chosen language), file names and all
    made harmless."""
    from mlready.render.escape import terminal_text

    # A stderr that cannot be written (closed, a full disk) has nobody to tell: the exit code
    # still says what happened.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        typer.echo(terminal_text(translated(message)), err=True)


def print_warnings(messages: tuple[str, ...] | list[str]) -> None:
    """Print warnings on stderr, each once and each on one line."""
    for message in dict.fromkeys(messages):
        # A file name with a line break would start what looks like a diagnostic of its own.
        said = translated(message).replace("\r", "\\r").replace("\n", "\\n")
        print_message(_("warning: {message}").format(message=said))


def print_review_warnings(reviews: list[Review]) -> None:
    """Print the warnings of `reviews` on stderr, each once."""
    print_warnings([warning for review in reviews for warning in review.warnings])


LANG_HELP = N_(
    "The language to speak: en or zh-CN (default: the settings' lang, MLREADY_LANG, "
    "then the locale)."
)


def translated_help(command: Any) -> Any:
    """`command` (a click command or group) with its help and its options' help said in the
    chosen language, and a `--lang` option (read before parsing, by `speak`)."""
    from mlready.core.messages import language

    if not any(param.name == "lang" for param in command.params):
        command.params.append(_lang_option())
    if language() != "en":
        for item in (command, *command.params):
            if getattr(item, "help", None):
                item.help = _(item.help)
        if getattr(command, "short_help", None):
            command.short_help = _(command.short_help)
    if getattr(command, "help", None) and not getattr(command, "short_help", None):
        # A list of commands shows each one's first paragraph with its line breaks kept: the
        # breaks that keep the source narrow would cut its line in `mlready --help`.
        command.short_help = " ".join(command.help.split("\n\n")[0].split())
    return command


def lang_flag(argv: list[str]) -> str | None:
    """The language `--lang` names on a command line, or None where it names none."""
    for position, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and position + 1 < len(argv):
            return argv[position + 1]
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
    return None


def _lang_option() -> Any:
    # Built the way Typer builds every option, then not passed to the command: `speak` has
    # already read it.
    probe = typer.Typer()

    @probe.command()
    def _any(
        lang: Annotated[str | None, typer.Option("--lang", metavar="LANG", help=LANG_HELP)] = None,
    ) -> None:
        """-"""

    option = next(p for p in typer.main.get_command(probe).params if p.name == "lang")
    option.expose_value = False
    return option


def check_target(path: Path, *, inputs: list[Path | None], force: bool = False) -> None:
    """Raise InputError now, before any work, when the output policy forbids writing `path`."""
    from mlready.io.output import check_output
    from mlready.render.signatures import written_by_mlready

    check_output(path, inputs=inputs, recognise=written_by_mlready, force=force)


def write_target(path: Path, text: str, *, inputs: list[Path | None], force: bool = False) -> None:
    """Write an output file (or stdout for `-`) under the output policy."""
    from mlready.io.output import write_output
    from mlready.render.signatures import written_by_mlready

    if str(path) == "-":
        sys.stdout.write(text)
        return
    write_output(path, text, inputs=inputs, recognise=written_by_mlready, force=force)


def report_path_for(answers: Path, folder: Path | None = None, *, suffix: str = ".md") -> Path:
    """Where the report of one of several answers files goes: beside it as NAME.md (or
    `suffix`), or in `folder`, in the same subfolders as the answers file has below the
    current folder."""
    if folder is None:
        return answers.with_suffix(suffix)
    try:
        relative = answers.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        relative = Path(answers.name)
    return folder / relative.with_suffix(suffix)


def day(value: dt.datetime | None) -> dt.date:
    """The date a `--today` option names, else today."""
    return value.date() if value else dt.date.today()
