"""The one module that touches Typer's and Click's private parts: everything mlready relies on
that Typer does not offer publicly is here, and tests/test_typer_seam.py fails, naming the
part, when a Typer release changes it. Typer is pinned to the releases it was tested with."""

# What it does, and why each is needed:
# - **Values converted without pydantic.** Typer 0.29 converts every parameter value through a
#   pydantic TypeAdapter, even the None of an option not given; importing pydantic and building
#   the adapters costs 80 to 100 ms a run, some 40% of a `mlready check`. Typer offers no public
#   way around it (`parser=` is itself wrapped in an adapter, and `click_type=` is gone), so
#   `install` replaces the private function through which Typer builds each parameter's
#   conversion: the values whose result is certain (str, bool, plain integers within bounds,
#   exact enum values, dates in a given format, Paths that pass their checks, lists of these)
#   are converted here; everything else, every bad value above all, goes to Typer's own.
# - **The error boundary** (`CommandGroup`): mlready's errors become `error: ...` lines and their
#   exit codes; Click's usage errors become one line in mlready's words, exit 2, from the one
#   table `USAGE_WORDS` (Typer's copy of Click has no gettext); a closed or full stdout is told.
# - **Typer's words in the chosen language** (`translate_typer_words`) and mlready's line breaks
#   in help screens (`_break_help_lines`).

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import stat
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, Final, get_args, get_origin

import typer.core
from typer._click import Context
from typer._click.core import Command
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
)
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer.models import ParameterInfo

from mlready.cli.application import print_message
from mlready.core.errors import ExitCode, MlreadyError
from mlready.core.messages import N_, Message, _, alternatives, language, series, translated

TYPER_RUNTIME_PARAM: Final = build_runtime_param
"""Typer's own builder of a parameter's conversion, for the values this module passes on."""


class _Defer:
    """The result of a conversion that leaves the value to Typer."""


DEFER: Final = _Defer()

Convert = Callable[[Any, Context], Any]
"""Turns a value into its type, or returns DEFER."""


@dataclass(frozen=True)
class NativeParam(RuntimeParam):
    """A parameter's conversion: `convert` first, Typer's own where it defers.

    Typer's base class keeps deciding what None and a missing repeated option become.
    """

    descriptor: TypeDescriptor
    convert: Convert

    def _coerce_value(self, value: Any, param: typer.core._TyperParameter, ctx: Context) -> Any:
        converted = self.convert(value, ctx)
        if converted is DEFER:
            typer_param = TYPER_RUNTIME_PARAM(self.descriptor)
            return typer_param._coerce_value(value, param=param, ctx=ctx)
        return converted


def runtime_param(descriptor: TypeDescriptor) -> RuntimeParam:
    """The conversion of one parameter: native where this module knows the type, else Typer's."""
    convert = None
    if descriptor.file_annotation is None:
        convert = converter(descriptor.annotation, descriptor.parameter_info)
    if convert is None:
        return TYPER_RUNTIME_PARAM(descriptor)
    return NativeParam(
        annotation=descriptor.annotation,
        parameter_info=descriptor.parameter_info,
        descriptor=descriptor,
        convert=convert,
    )


def install() -> None:
    """Have Typer build every parameter's conversion with `runtime_param`, show no type
    placeholder where none helps, and break help lines as mlready does; safe to repeat."""
    # Typer looks `build_runtime_param` up in `typer.core` the first time it converts each
    # parameter, so this holds for every command, the --help options included.
    typer.core.build_runtime_param = runtime_param  # type: ignore[attr-defined]  # private name
    typer.core.TyperOption.display_type_rich = _option_placeholder  # type: ignore[method-assign]
    typer.core.TyperArgument.display_type_rich = _argument_placeholder  # type: ignore[method-assign,assignment]
    typer.core.TyperCommand.format_help = _command_help  # type: ignore[method-assign]
    typer.core.TyperGroup.format_help = _group_help  # type: ignore[method-assign]


TYPER_OPTION_PLACEHOLDER: Final = typer.core.TyperOption.display_type_rich
TYPER_ARGUMENT_PLACEHOLDER: Final = typer.core.TyperArgument.display_type_rich
TYPER_COMMAND_HELP: Final = typer.core.TyperCommand.format_help
TYPER_GROUP_HELP: Final = typer.core.TyperGroup.format_help


def _command_help(self: typer.core.TyperCommand, ctx: Context, formatter: Any) -> None:
    _break_help_lines()
    TYPER_COMMAND_HELP(self, ctx, formatter)


def _group_help(self: typer.core.TyperGroup, ctx: Context, formatter: Any) -> None:
    _break_help_lines()
    TYPER_GROUP_HELP(self, ctx, formatter)


def _help_into_a_closed_pipe(console: Any) -> None:
    # Rich's own handler exits 1, which reads as a failed gate: quietly, as a command's output
    # into a closed pipe ends (rich documents `on_broken_pipe` to be overridden).
    _discard_stdout()
    raise SystemExit(SIGPIPE_EXIT)


def _break_help_lines() -> None:
    # Typer lays help out with rich, which breaks lines only at spaces: a Chinese help text is
    # one word to it, and the options table cuts it short with … at 60 or 80 columns. Typer
    # has no setting for this, and loads its rich_utils only to show help; so, when help is
    # shown, its private function that makes each help text gets mlready's line breaks
    # (render.terminal.Wrapped) around what it makes. tests/test_layout_chinese.py fails
    # when that no longer holds.
    from rich.console import Console
    from rich.text import Text
    from typer import rich_utils

    from mlready.render.terminal import Wrapped

    Console.on_broken_pipe = _help_into_a_closed_pipe  # type: ignore[method-assign,assignment]

    make = getattr(rich_utils, "_make_rich_text", None)
    if make is None or hasattr(make, "__wrapped__"):  # another Typer (tests say so), or done
        return

    @functools.wraps(make)
    def wrapped(**arguments: Any) -> Any:
        made = make(**arguments)
        return Wrapped(made) if isinstance(made, Text) else made

    rich_utils._make_rich_text = wrapped


def _option_placeholder(self: typer.core.TyperOption, ctx: Context) -> str | None:
    # A flag takes no value: Typer would show `<bool>` beside it.
    if self.is_flag or self.count:
        return None
    return TYPER_OPTION_PLACEHOLDER(self, ctx)


def _argument_placeholder(self: typer.core.TyperArgument, ctx: Context) -> str | None:
    # An argument with a metavar is already named by it; Typer would add `<list[Path]>`.
    if self.metavar is not None:
        return None
    return TYPER_ARGUMENT_PLACEHOLDER(self, ctx)


def converter(annotation: Any, info: ParameterInfo) -> Convert | None:
    """The native conversion of a parameter type with its settings, or None to leave it to Typer.

    The branches follow the order in which Typer picks its own (enums before str and int).
    """
    if info.parser is not None:
        return None
    if get_origin(annotation) is list:
        (item_type,) = get_args(annotation)
        item = converter(item_type, info)
        return None if item is None else _list_of(item)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _member_of(annotation) if info.case_sensitive else None
    if annotation is datetime:
        return None if info.formats is None else _date_in(info.formats)
    if annotation is int:
        return None if info.clamp else _integer_in(info.min, info.max)
    if annotation is bool:
        return _bool
    if annotation is str:
        return _str
    if annotation is Path and not (info.path_type or info.resolve_path or info.allow_dash):
        return _path_with(info)
    return None


def _bool(value: Any, ctx: Context) -> Any:
    # Flags arrive as bools; a string (from an environment variable) has Typer's own rules.
    return value if isinstance(value, bool) else DEFER


def _str(value: Any, ctx: Context) -> Any:
    return value if type(value) is str else DEFER


def _integer_in(minimum: float | None, maximum: float | None) -> Convert:
    def convert(value: Any, ctx: Context) -> Any:
        if type(value) is int:
            number = value
        elif type(value) is str and _is_plain_integer(value):
            try:
                number = int(value)
            except ValueError:  # more digits than Python converts; Typer explains
                return DEFER
        else:
            # pydantic also takes " 5", "+5", "1_000" and "1.0": rare enough to leave to it.
            return DEFER
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            return DEFER
        return number

    return convert


def _is_plain_integer(text: str) -> bool:
    digits = text.removeprefix("-")
    # str.isdigit alone would take digits of other scripts, which pydantic refuses.
    return digits.isascii() and digits.isdigit()


def _member_of(enum: type[Enum]) -> Convert:
    by_value: dict[str, Enum] = {}
    for member in enum:
        by_value.setdefault(str(member.value), member)  # the first of equal spellings, as Typer

    def convert(value: Any, ctx: Context) -> Any:
        if isinstance(value, enum):
            return value
        # A context that normalises tokens changes what matches; Typer applies it.
        if type(value) is str and ctx.token_normalize_func is None:
            return by_value.get(value, DEFER)
        return DEFER

    return convert


def _date_in(formats: Sequence[str]) -> Convert:
    def convert(value: Any, ctx: Context) -> Any:
        if isinstance(value, datetime):
            return value
        if type(value) is str:
            for format_ in formats:
                try:
                    return datetime.strptime(value, format_)
                except ValueError:
                    continue
        return DEFER

    return convert


def _path_with(info: ParameterInfo) -> Convert:
    def convert(value: Any, ctx: Context) -> Any:
        if isinstance(value, Path):
            path = value
        elif type(value) is str:
            path = Path(value)
            if value != "-" and str(path) == "-":
                path = Path.cwd() / "-"  # `./-` names a file called "-", not stdout
        else:
            return DEFER
        # Typer checks the Path, not the text: "" is the current folder, "a.yaml/" is a.yaml.
        try:
            mode = path.stat().st_mode
        except OSError:
            return DEFER if info.exists else path
        refused = (
            (not info.file_okay and stat.S_ISREG(mode))
            or (not info.dir_okay and stat.S_ISDIR(mode))
            or (info.readable and not os.access(path, os.R_OK))
            or (info.writable and not os.access(path, os.W_OK))
        )
        return DEFER if refused else path

    return convert


def _list_of(item: Convert) -> Convert:
    def convert(value: Any, ctx: Context) -> Any:
        if not isinstance(value, list | tuple):
            return DEFER
        items = [item(each, ctx) for each in value]
        return DEFER if any(each is DEFER for each in items) else items

    return convert


# --- Typer's words in the chosen language ------------------------------------------------
#
# They cannot follow the stdlib's gettext: Typer 0.29 carries its own copy of Click with the
# gettext calls taken out ("Usage: " and "Show this message and exit." are plain English in its
# code), and its panel titles are read through `gettext.gettext` of the default domain once,
# when `typer.rich_utils` is first imported, from the environment's language rather than the
# one `--lang` chose. So the texts are listed here for mlready's catalog, and
# `translate_typer_words` puts their translations where Typer reads them. English needs none of
# this. Usage errors are not among them: mlready says those in its own words (`usage_message`).

USAGE = N_("Usage: ")
HELP_OPTION = N_("Show this message and exit.")
# typer.rich_utils' constants, by name: the English Typer gives them.
RICH_WORDS = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
}

TYPER_HELP_OPTION = Command.get_help_option


def translate_typer_words() -> None:
    """Show Typer's help screens in the chosen language from now on (called once a language
    other than English is chosen, before any command is built); safe to repeat."""
    if Command.format_usage is _format_usage:
        return
    Command.format_usage = _format_usage  # type: ignore[method-assign]
    Command.get_help_option = _help_option  # type: ignore[method-assign]
    typer.core.TyperOption._get_default_string = _flag_default(  # type: ignore[method-assign]
        typer.core.TyperOption._get_default_string
    )
    for command in (typer.core.TyperCommand, typer.core.TyperGroup):
        command.format_help = _rich_words_first(command.format_help)  # type: ignore[method-assign]


def _format_usage(self: Command, ctx: Any, formatter: Any) -> None:
    # Click's own, with the prefix it would write in English.
    pieces = self.collect_usage_pieces(ctx)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_(USAGE))


def _help_option(self: Command, ctx: Any) -> Any:
    option = TYPER_HELP_OPTION(self, ctx)
    if option is not None:
        option.help = _(HELP_OPTION)
    return option


def _flag_default(default_string: Callable[..., Any]) -> Callable[..., Any]:
    # An on/off flag's default is its bare name in Click ("schema"), which reads as a value in
    # another language's sentence; the flag as typed ("--schema") does not.
    def flag_default(self: typer.core.TyperOption, **arguments: Any) -> Any:
        said = default_string(self, **arguments)
        if self.is_flag and self.secondary_opts and not arguments.get("show_default_is_str"):
            return (self.opts if arguments.get("default_value") else self.secondary_opts)[0]
        return said

    return flag_default


def _rich_words_first(format_help: Callable[..., Any]) -> Callable[..., Any]:
    def translated_format_help(self: Command, ctx: Any, formatter: Any) -> Any:
        # rich_utils (and rich with it) loads only when a help screen is shown.
        from typer import rich_utils

        for name, english in RICH_WORDS.items():
            setattr(rich_utils, name, _(english))
        return format_help(self, ctx, formatter)

    return translated_format_help


# --- The error boundary -------------------------------------------------------------------


class CommandGroup(typer.core.TyperGroup):
    """The one place where errors become messages on stderr and exit codes: mlready's own
    errors print each line as `error: ...`; usage errors one line in the same form, exit 2;
    Ctrl-C exits 130. Anything else is a bug and surfaces with its traceback."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command; mlready's errors, Ctrl-C and a closed stdout become exit codes."""
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # here, where a full disk or a closed pipe can be told
        except MlreadyError as error:
            for line in str(error).splitlines():
                print_message(_("error: {message}").format(message=line))
            raise typer.Exit(error.exit_code) from None
        except BrokenPipeError:
            # Click would exit 1 on a closed pipe; a shell reports 141 for one.
            _discard_stdout()
            raise typer.Exit(SIGPIPE_EXIT) from None
        except KeyboardInterrupt:
            # Typer would exit 130 without a word.
            print_message(_("interrupted"))
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except (OSError, ValueError) as error:
            # A path a person gave that the system cannot look up (a name too long, a link loop,
            # a NUL) is their input to fix; any other such error is a bug, and surfaces.
            from mlready.io.os_errors import input_error_of

            found = input_error_of(error)
            if found is None:
                raise
            for line in str(found).splitlines():
                print_message(_("error: {message}").format(message=line))
            raise typer.Exit(found.exit_code) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the command line and run; usage errors become one line on stderr, exit 2."""
        try:
            try:
                # Not standalone: usage errors reach this frame instead of Typer's boxed panel.
                outcome = super().main(*args, **{**kwargs, "standalone_mode": False})
            except NoArgsIsHelpError as error:
                error.show()
                outcome = error.exit_code
            except ClickException as error:
                print_message(
                    _("error: {message}").format(message=translated(usage_message(error)))
                )
                outcome = error.exit_code
            except typer.Abort:  # end of input where a value was prompted for
                print_message(_("interrupted"))
                outcome = ExitCode.INTERRUPTED
            sys.stdout.flush()  # `--help` and `--version` print before any command runs
        except BrokenPipeError:
            # The reader is gone (`mlready bank show | head -1`): stop quietly, as Unix tools do.
            _discard_stdout()
            outcome = SIGPIPE_EXIT
        except OSError as error:
            if error.errno not in _UNWRITABLE:
                raise
            _discard_stdout()
            from mlready.io.os_errors import os_reason

            reason = translated(os_reason(error))
            print_message(
                _("error: {message}").format(
                    message=_("cannot write to standard output: {reason}").format(reason=reason)
                )
            )
            outcome = ExitCode.INVALID
        code = outcome if isinstance(outcome, int) else ExitCode.OK
        if kwargs.get("standalone_mode", True):
            raise SystemExit(code)
        return code

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        """Parse the command line (loading the command named); Ctrl-C meanwhile is told as in
        a command, where Typer would exit without a word."""
        try:
            return super().make_context(*args, **kwargs)
        except KeyboardInterrupt:
            print_message(_("interrupted"))
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            # `--help` (printed while parsing) into a pipe whose reader is gone, as a command's
            # output: quietly, with the code a shell gives a process a closed pipe ends.
            _discard_stdout()
            raise typer.Exit(SIGPIPE_EXIT) from None


class LazyCommandGroup(CommandGroup):
    """A group whose commands are loaded when first asked for, to run or to list in `--help`:
    `names` in the order `--help` lists them, `load` builds one (a click command)."""

    names: tuple[str, ...] = ()

    def load(self, name: str) -> Any:
        """The command `name`, built."""
        raise NotImplementedError

    def prepare(self) -> None:
        """Called once before the command line is parsed."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Every command's name, without loading any."""
        return list(self.names)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """The command `cmd_name`, loaded the first time it is asked for."""
        if cmd_name in self.names and cmd_name not in self.commands:
            self.add_command(self.load(cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """The command the arguments name; for a mistyped one, all are loaded to suggest one."""
        if args and args[0] not in self.names:
            # A mistyped name: Click suggests the commands it knows, so it gets to know them all.
            for name in self.names:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Prepare, then run as every group does."""
        self.prepare()
        return super().main(*args, **kwargs)


SIGPIPE_EXIT = 128 + 13  # what a shell reports for a process ended by a closed pipe
# Errors of a stdout that cannot be written: full, failing, or closed before the run.
_UNWRITABLE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF}


def _discard_stdout() -> None:
    # Python flushes stdout once more at exit; point it at nothing so that flush is quiet.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def usage_message(error: Any) -> Message:
    """A usage error on one line, in mlready's words: what was wrong, and where to read more."""
    context = getattr(error, "ctx", None)
    command = context.command_path if context is not None else "mlready"
    more = Message(" (see `{command} --help`)", command=command)
    if isinstance(error, BadParameter) and not isinstance(error, MissingParameter):
        param = error.param
        long_names = [name for name in param.opts if name.startswith("--")] if param else []
        where = long_names[0] if long_names else param.display_name_raw if param else "value"
        problem = _in_words(" ".join(error.message.split()), VALUE_WORDS)
        return Message("{option}: {problem}{more}", option=where, problem=problem, more=more)
    text = " ".join(error.format_message().split()).rstrip(".")
    problem = _in_words(text[:1].lower() + text[1:], USAGE_WORDS)
    return Message("{problem}{more}", problem=problem, more=more)


# Click and Typer word their usage errors in English, whatever the language (Typer's copy of
# Click has no gettext), and Typer's conversions speak pydantic. mlready says the errors its
# options can meet in its own words, in the chosen language: each pattern matches Click's or
# Typer's English, and its groups fill the message's placeholders. Anything else is left as
# Click or Typer said it.
_VALUE_ERROR = r"Value error, (?P<problem>.*?)\.?"
VALUE_WORDS = (
    (
        r"Input should be greater than or equal to (?P<limit>\S+)",
        N_("must be at least {limit}"),
    ),
    (
        r"Input should be less than or equal to (?P<limit>\S+)",
        N_("must be at most {limit}"),
    ),
    (r"Input should be a valid integer.*", N_("must be a whole number")),
    (
        r"'(?P<value>.*)' does not match the formats? '%Y-%m-%d'",
        N_("'{value}' is not a date YYYY-MM-DD"),
    ),
    (
        r"(?P<value>'.*') is not one of (?P<choices>.*?)\.?",
        N_("{value} is not one of {choices}"),
    ),
    (r"File (?P<name>'.*') does not exist\.", N_("File {name} does not exist.")),
    (
        r"Directory (?P<name>'.*') does not exist\.",
        N_("Directory {name} does not exist."),
    ),
    (r"Path (?P<name>'.*') does not exist\.", N_("Path {name} does not exist.")),
    (r"File (?P<name>'.*') is a directory\.", N_("File {name} is a directory.")),
    (r"Directory (?P<name>'.*') is a file\.", N_("Directory {name} is a file.")),
)
USAGE_WORDS = (
    (r"no such option: (?P<option>\S+)", N_("no such option: {option}")),
    (
        r"no such option: (?P<option>\S+) \(Possible options: (?P<options>.*)\)",
        N_("no such option: {option} (Possible options: {options})"),
    ),
    (r"no such command (?P<name>'.*')", N_("no such command {name}")),
    (
        r"no such command (?P<name>'.*?')\. Did you mean (?P<names>.*)\?",
        N_("no such command {name}. Did you mean {names}?"),
    ),
    (r"missing command", N_("missing command")),
    (r"missing argument (?P<name>'.*')", N_("missing argument {name}")),
    (
        r"missing argument (?P<name>'.*?')\. Choose from: (?P<choices>.*)",
        N_("missing argument {name}. Choose from: {choices}"),
    ),
    (r"missing option (?P<name>'.*')", N_("missing option {name}")),
    (
        r"missing option (?P<name>'.*?')\. Choose from: (?P<choices>.*)",
        N_("missing option {name}. Choose from: {choices}"),
    ),
    (
        r"option (?P<option>'.*') requires an argument",
        N_("option {option} requires an argument"),
    ),
    (
        r"option (?P<option>'.*') does not take a value",
        N_("option {option} does not take a value"),
    ),
    (
        r"got unexpected extra argument\(s\) \((?P<arguments>.*)\)",
        N_("got unexpected extra argument(s) ({arguments})"),
    ),
)


def _in_words(text: str, table: tuple[tuple[str, str], ...]) -> str:
    """`text` (Click's or Typer's English) as the first message of `table` it matches."""
    # The patterns are compiled (and kept by `re`) on the first usage error, not on every run.
    unwrapped = re.fullmatch(_VALUE_ERROR, text)
    if unwrapped is not None:
        text = unwrapped["problem"]
    for pattern, template in table:
        found = re.fullmatch(pattern, text)
        if found is not None:
            said = {key: _quoted(value, key) for key, value in found.groupdict().items()}
            return Message(template, **said)
    return text


def _quoted(value: str, group: str) -> object:
    """Click's `'a', 'b'` quoted and listed as the chosen language does (`“a”、“b”` in
    Chinese, or `“a”或“b”` for the names it suggests); English keeps Click's own."""
    if language() == "en" or not re.fullmatch(r"'[^']*'(, '[^']*')*", value):
        return value
    quoted = [Message("'{label}'", label=item) for item in re.findall(r"'([^']*)'", value)]
    return alternatives(quoted) if group == "names" else series(quoted)
