"""What the commands share: their options and helpers, the Typer app each command module makes,
and the one place errors become exit codes."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import functools
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import typer
from typer.core import TyperGroup

from mlready.cli import typer_compat
from mlready.core.errors import ExitCode, InputError, MlreadyError
from mlready.core.messages import N_, Said, _, said_n, translated
from mlready.core.vocabulary import Severity
from mlready.render.registry import Format, Subject, choices, renderer

if TYPE_CHECKING:
    from mlready.core.answers import Answers
    from mlready.core.evidence import CheckEvidence
    from mlready.core.gate import Gate
    from mlready.core.history import Trend
    from mlready.core.model import Bank
    from mlready.core.scoring import Scorecard
    from mlready.io.settings import Settings
    from mlready.render.view import Outcome


class CommandGroup(TyperGroup):
    """The one place where errors become messages on stderr and exit codes.

    mlready's own errors print each line as `error: ...`; usage errors (a bad option or value)
    print one line in the same form, exit 2; Ctrl-C exits 130. Anything else is a bug and
    surfaces with its traceback.
    """

    def invoke(self, ctx: Any) -> Any:
        """Run the command; mlready's errors and a closed or full stdout become exit codes."""
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # here, where a full disk or a closed pipe can be told
        except MlreadyError as error:
            for line in str(error).splitlines():
                say(_("error: {message}").format(message=line))
            raise typer.Exit(error.exit_code) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the command line and run; usage errors become one line on stderr, exit 2."""
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        try:
            try:
                # Not standalone: usage errors reach this frame instead of Typer's boxed panel.
                outcome = super().main(*args, **{**kwargs, "standalone_mode": False})
            except NoArgsIsHelpError as error:
                error.show()
                outcome = error.exit_code
            except ClickException as error:
                say(_("error: {message}").format(message=translated(usage_message(error))))
                outcome = error.exit_code
            sys.stdout.flush()  # `--help` and `--version` print before any command runs
        except BrokenPipeError:
            # The reader is gone (`mlready bank show | head -1`): stop quietly, as Unix tools do.
            _discard_stdout()
            outcome = SIGPIPE_EXIT
        except OSError as error:
            if error.errno not in _FULL:
                raise
            _discard_stdout()
            from mlready.io.reasons import os_reason

            reason = translated(os_reason(error))
            say(
                _("error: {message}").format(
                    message=_("cannot write to standard output: {reason}").format(reason=reason)
                )
            )
            outcome = ExitCode.INVALID
        code = outcome if isinstance(outcome, int) else ExitCode.OK
        if kwargs.get("standalone_mode", True):
            raise SystemExit(code)
        return code


SIGPIPE_EXIT = 128 + 13  # what a shell reports for a process ended by a closed pipe
_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _discard_stdout() -> None:
    # Python flushes stdout once more at exit; point it at nothing so that flush is quiet.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def usage_message(error: Any) -> Said:
    """A usage error on one line, in mlready's words: what was wrong, and where to read more."""
    from typer._click.exceptions import BadParameter, MissingParameter

    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "mlready"
    more = Said(" (see `{command} --help`)", command=command)
    if isinstance(error, BadParameter) and not isinstance(error, MissingParameter):
        param = error.param
        long_names = [name for name in param.opts if name.startswith("--")] if param else []
        where = long_names[0] if long_names else param.display_name_raw if param else "value"
        problem = _in_words(" ".join(error.message.split()), _VALUE_WORDS)
        return Said("{option}: {problem}{more}", option=where, problem=problem, more=more)
    text = " ".join(error.format_message().split()).rstrip(".")
    problem = _in_words(text[:1].lower() + text[1:], _USAGE_WORDS)
    return Said("{problem}{more}", problem=problem, more=more)


# Click and Typer word their usage errors in English, whatever the language (Typer's copy of
# Click has no gettext), and Typer's conversions speak pydantic. mlready says the errors its
# options can meet in its own words, in the chosen language: each pattern matches Click's or
# Typer's English, and its groups fill the message's placeholders. Anything else is left as
# Click or Typer said it.
_VALUE_ERROR = re.compile(r"Value error, (?P<problem>.*?)\.?")
_VALUE_WORDS = (
    (
        re.compile(r"Input should be greater than or equal to (?P<limit>\S+)"),
        N_("must be at least {limit}"),
    ),
    (
        re.compile(r"Input should be less than or equal to (?P<limit>\S+)"),
        N_("must be at most {limit}"),
    ),
    (re.compile(r"Input should be a valid integer.*"), N_("must be a whole number")),
    (
        re.compile(r"'(?P<value>.*)' does not match the formats? '%Y-%m-%d'"),
        N_("'{value}' is not a date YYYY-MM-DD"),
    ),
    (
        re.compile(r"(?P<value>'.*') is not one of (?P<choices>.*?)\.?"),
        N_("{value} is not one of {choices}"),
    ),
    (re.compile(r"File (?P<name>'.*') does not exist\."), N_("File {name} does not exist.")),
    (
        re.compile(r"Directory (?P<name>'.*') does not exist\."),
        N_("Directory {name} does not exist."),
    ),
    (re.compile(r"Path (?P<name>'.*') does not exist\."), N_("Path {name} does not exist.")),
    (re.compile(r"File (?P<name>'.*') is a directory\."), N_("File {name} is a directory.")),
    (re.compile(r"Directory (?P<name>'.*') is a file\."), N_("Directory {name} is a file.")),
)
_USAGE_WORDS = (
    (re.compile(r"no such option: (?P<option>\S+)"), N_("no such option: {option}")),
    (
        re.compile(r"no such option: (?P<option>\S+) \(Possible options: (?P<options>.*)\)"),
        N_("no such option: {option} (Possible options: {options})"),
    ),
    (re.compile(r"no such command (?P<name>'.*')"), N_("no such command {name}")),
    (
        re.compile(r"no such command (?P<name>'.*?')\. Did you mean (?P<names>.*)\?"),
        N_("no such command {name}. Did you mean {names}?"),
    ),
    (re.compile(r"missing command"), N_("missing command")),
    (re.compile(r"missing argument (?P<name>'.*')"), N_("missing argument {name}")),
    (
        re.compile(r"missing argument (?P<name>'.*?')\. Choose from: (?P<choices>.*)"),
        N_("missing argument {name}. Choose from: {choices}"),
    ),
    (re.compile(r"missing option (?P<name>'.*')"), N_("missing option {name}")),
    (
        re.compile(r"option (?P<option>'.*') requires an argument"),
        N_("option {option} requires an argument"),
    ),
    (
        re.compile(r"option (?P<option>'.*') does not take a value"),
        N_("option {option} does not take a value"),
    ),
    (
        re.compile(r"got unexpected extra argument\(s\) \((?P<arguments>.*)\)"),
        N_("got unexpected extra argument(s) ({arguments})"),
    ),
)


def _in_words(text: str, table: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    """`text` (Click's or Typer's English) as the first message of `table` it matches."""
    unwrapped = _VALUE_ERROR.fullmatch(text)
    if unwrapped is not None:
        text = unwrapped["problem"]
    for pattern, template in table:
        found = pattern.fullmatch(text)
        if found is not None:
            return Said(template, **found.groupdict())
    return text


# Before any value is converted: Typer would otherwise load pydantic on every run.
typer_compat.install()


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
    PortfolioFormat = choices(Subject.PORTFOLIO)
    ScanFormat = choices(Subject.SCAN)


def format_option(help_text: str) -> Any:
    """The `--format/-f` option of a command."""
    return typer.Option("--format", "-f", help=help_text)


def stdout_renderer(subject: Subject, name: str) -> Callable[[Any], str]:
    """The renderer of `subject` in the format `name`, for stdout: plain text shown in a
    terminal is wrapped to its width (COLUMNS, when set, says what it is); in a pipe or a
    file each line stays whole, whatever COLUMNS says (a CI log viewer wraps lines itself,
    grep finds them whole, and some runners export COLUMNS=80 to every process)."""
    render = renderer(subject, name)
    if name != Format.TEXT or not stdout_is_terminal():
        return render
    import shutil  # reads COLUMNS first, then asks the terminal

    return functools.partial(render, width=shutil.get_terminal_size().columns)


def stdout_is_terminal() -> bool:
    """Whether standard output is shown in a terminal."""
    return sys.stdout.isatty()


def say(message: str) -> None:
    """Print a message for the person on stderr (in the chosen language), file names and all
    made harmless."""
    from mlready.render.escape import terminal_text

    typer.echo(terminal_text(translated(message)), err=True)


def warn(messages: tuple[str, ...] | list[str]) -> None:
    """Print warnings on stderr."""
    for message in messages:
        say(_("warning: {message}").format(message=translated(message)))


LANG_HELP = N_(
    "The language to speak: en or zh-CN (default: the settings' lang, MLREADY_LANG, "
    "then the locale)."
)


def speak(argv: list[str]) -> None:
    """Choose the language before anything is said: `--lang` anywhere on the command line,
    the settings' `lang`, MLREADY_LANG, the locale (see mlready.core.language)."""
    from mlready.core.language import ENGLISH, choose_language

    flag = _lang_flag(argv)
    setting = None
    if flag is None:
        with contextlib.suppress(MlreadyError):  # a bad settings file is the command's to report
            setting = defaults().lang
    choice = choose_language(flag, setting, os.environ)
    if choice.language != ENGLISH:
        from mlready.io.catalogs import use_language

        use_language(choice.language)
        typer_compat.speak_typer()
    if choice.warning:
        warn([choice.warning])


# Each bank's translation, made once per run: (the bank, the bank in the chosen language), by
# the bank's id. The bank is held so that its id cannot be another bank's later.
_PEOPLE: dict[int, tuple[Bank, Bank]] = {}


def for_people(bank: Bank) -> Bank:
    """`bank` in the language mlready speaks (itself in English): what people read. Machine
    formats (JSON) keep the English bank, so that they are the same in every language. The
    first time, says how many of the bank's texts fell back to English (missing or stale)."""
    from mlready.core.messages import language

    if language() == "en":
        return bank
    known = _PEOPLE.get(id(bank))
    if known is None or known[0] is not bank:
        from mlready.core.translation import translate_bank
        from mlready.io.catalogs import bank_translation

        translated = translate_bank(bank, bank_translation(bank, language()))
        if translated.fell_back:
            warn(
                [
                    said_n(
                        "{count} text of the bank is shown in English: no current {lang} "
                        "translation (see `mlready bank validate --lang {lang}`)",
                        "{count} texts of the bank are shown in English: no current {lang} "
                        "translation (see `mlready bank validate --lang {lang}`)",
                        count=translated.fell_back,
                        lang=language(),
                    )
                ]
            )
        _PEOPLE[id(bank)] = (bank, translated.bank)
    return _PEOPLE[id(bank)][1]


def outcomes_for_people(outcomes: list[Outcome]) -> list[Outcome]:
    """The outcomes of a check with the bank's text in the language mlready speaks."""
    from mlready.core.messages import language

    if language() == "en":
        return outcomes
    from mlready.core.translation import evidence_in, scorecard_in

    translated = []
    for outcome in outcomes:
        bank = for_people(outcome.scorecard.bank)
        if bank is outcome.scorecard.bank:
            translated.append(outcome)
            continue
        translated.append(
            outcome._replace(
                scorecard=scorecard_in(outcome.scorecard, bank),
                evidence=evidence_in(outcome.evidence, bank),
                english=outcome.scorecard.bank,
            )
        )
    return translated


def _lang_flag(argv: list[str]) -> str | None:
    for position, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and position + 1 < len(argv):
            return argv[position + 1]
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
    return None


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
    return command


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


def defaults() -> Settings:
    """The settings file's defaults for the current folder."""
    from mlready.io.settings import find_settings

    return find_settings(Path.cwd())


def bank_for(option: Path | None, chosen: Settings) -> Bank:
    """The bank named on the command line, else in the settings, else the built-in one."""
    from mlready.io.bank_file import load_bank
    from mlready.io.resources import BUILTIN_BANK

    if option is not None:
        builtin = str(option) == BUILTIN_BANK and not option.exists()
        return load_bank(None if builtin else option)
    return load_bank(Path(chosen.bank) if chosen.bank else None)


def answers_paths(arguments: list[Path] | None, chosen: Settings) -> list[Path]:
    """The answers files named, else those in the settings, else mlready.yaml.

    Patterns are expanded here too (quoted, from a settings file, or on Windows). A path that
    exists is taken as it is, even when it holds pattern characters.
    """
    from mlready.core.globs import has_magic
    from mlready.io.answers_file import DEFAULT_ANSWERS
    from mlready.io.file_patterns import expand

    named = arguments or [_shown(path) for path in chosen.answers] or [DEFAULT_ANSWERS]
    paths: list[Path] = []
    for path in named:
        if path.exists() or not has_magic(str(path)):
            paths.append(path)
            continue
        matches = expand(path)
        if not matches:
            raise InputError(Said("{path}: no answers file matches this pattern", path=path))
        paths += matches
    return list(dict.fromkeys(paths))


def single_answers_path(argument: Path | None, chosen: Settings) -> Path:
    """The one answers file `ask` and `init` work on."""
    from mlready.core.globs import has_magic
    from mlready.io.answers_file import DEFAULT_ANSWERS

    if argument is not None:
        return argument
    if not chosen.answers:
        return DEFAULT_ANSWERS
    if len(chosen.answers) > 1:
        raise InputError(
            Said(
                "{path}: answers lists {count} files; name the one to use",
                path=chosen.source,
                count=len(chosen.answers),
            )
        )
    path = _shown(chosen.answers[0])
    if has_magic(str(path)) and not path.exists():
        raise InputError(
            Said(
                "{path}: answers is a pattern ({pattern}); name the answers file to use",
                path=chosen.source,
                pattern=path,
            )
        )
    return path


def _shown(path: Path) -> Path:
    # CI systems locate annotations by paths relative to where they run.
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def gate_for(
    bank: Bank,
    chosen: Settings,
    *,
    fail_under: str | None = None,
    fail_on: Severity | None = None,
    max_age: int | None = None,
    fail_on_overdue: bool | None = None,
    require_signoff: list[str] | None = None,
    fail_on_contradicted: bool = False,
    require_evidence: Severity | None = None,
) -> Gate:
    """The gate: the command line's options, else the settings file's."""
    from mlready.core.gate import Gate, threshold

    if fail_under is not None:
        limit: float | None = threshold(bank, fail_under)
    elif chosen.fail_under is not None:
        limit = threshold(bank, chosen.fail_under, origin=f"{chosen.source}: fail-under")
    else:
        limit = None
    return Gate(
        fail_under=limit,
        fail_on=fail_on or chosen.fail_on or Severity.BLOCKER,
        max_age=max_age if max_age is not None else chosen.max_age,
        fail_on_overdue=bool(fail_on_overdue or chosen.fail_on_overdue),
        require_signoff=tuple(require_signoff or chosen.require_signoff),
        fail_on_contradicted=fail_on_contradicted or bool(chosen.fail_on_contradicted),
        require_evidence=require_evidence or chosen.require_evidence,
    )


def evidence_of(
    card: Scorecard, *, repo: Path | None = None
) -> tuple[Path, dict[str, CheckEvidence]]:
    """The repository scanned (`repo`, else the one holding the answers file; relative to the
    current folder when inside it) and what it says of each answer: the bank's probes run over
    it, the answers' own evidence paths looked up. The answers file and the bank's files are
    not scanned: what is claimed and what is looked for are no evidence."""
    from mlready.core.evidence import PathState, judge_evidence, probes_of
    from mlready.io.scan import Repository, repository_root, scan

    answers_file = Path(card.answers.source).resolve()
    repository = Repository(
        repo if repo is not None else repository_root(answers_file.parent),
        ignored=[answers_file, *card.bank.files],
    )
    base = answers_file.parent

    def locate(relative: str) -> PathState:
        # Evidence paths are written relative to the answers file, as its report links them.
        # One that leaves the repository is not looked at; `..md` is a file's name.
        inside = os.path.relpath(base / relative, repository.root)
        if inside == os.pardir or inside.startswith(os.pardir + os.sep):
            return PathState.OUTSIDE
        return PathState.FOUND if repository.exists(inside) else PathState.MISSING

    findings = scan(repository, probes_of(card))
    return _shown(repository.root), judge_evidence(card, findings, locate=locate)


def inputs_of(
    chosen: Settings,
    *,
    bank: Bank | None = None,
    others: Iterable[Path | None] = (),
    answers_too: bool = True,
) -> list[Path | None]:
    """Every file a command reads: the files named (`others`), every file of the bank, the
    settings file; and (unless `answers_too` is off, for `init`, which writes one) the answers
    files the settings name, patterns expanded, else mlready.yaml, which even a command that
    does not read them must never replace. No output may replace any of them."""
    from mlready.core.globs import has_magic
    from mlready.io.answers_file import DEFAULT_ANSWERS
    from mlready.io.file_patterns import expand

    answers: list[Path] = []
    if answers_too:
        for path in (*chosen.answers, DEFAULT_ANSWERS):
            if has_magic(str(path)) and not path.exists():
                answers += expand(path)
            else:
                answers.append(path)
    return [*(bank.files if bank else ()), chosen.source, *answers, *others]


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


def trend_for(path: Path, card: Scorecard) -> Trend | None:
    """The score over time of the answers file at `path`, from git; None outside a work tree."""
    from mlready.core.history import trend_of
    from mlready.io.history import history_if_any

    found = history_if_any(path, card.bank)
    return trend_of(found, card) if found is not None else None


def scorecard(path: Path, bank: Bank, *, today: dt.date, chosen: Settings) -> Scorecard:
    """Score the answers at `path` (their warnings go to stderr). Raises InputError for a
    review dated in the future or a waiver longer than the settings allow."""
    from mlready.core.gate import DEFAULT_MAX_WAIVER_DAYS, dating_problems
    from mlready.core.plan import action_warnings
    from mlready.core.scoring import score

    card = score(bank, read_answers(path, bank), today=today)
    limit = chosen.max_waiver_days
    problems, warnings = dating_problems(
        card, today=today, max_waiver_days=DEFAULT_MAX_WAIVER_DAYS if limit is None else limit
    )
    if problems:
        raise InputError(problems)
    warn([*warnings, *action_warnings(card)])
    return card


def read_answers(path: Path, bank: Bank) -> Answers:
    """The answers at `path`; warnings go to stderr."""
    from mlready.io.answers_file import load_answers

    if not path.exists():
        raise InputError(
            Said(
                "{path}: no such answers file (start one with `mlready ask` or `mlready init`)",
                path=path,
            )
        )
    loaded = load_answers(path, bank)
    warn(loaded.warnings)
    return loaded


def day(value: dt.datetime | None) -> dt.date:
    """The date a `--today` option names, else today."""
    return value.date() if value else dt.date.today()
