"""The command-line layer: each command parses options, calls mlready.api, prints, and exits."""

# Each command lives in a module of its own, named as the command, with its own Typer `app`
# (`bank`'s is a group). A run loads only the module of the command it runs: the others' imports
# and Typer's building of their options would cost every `mlready check` some 15 ms.

import contextlib
import errno
import gc
import io
import os
import sys
from importlib import import_module
from typing import Annotated, Any

import typer

from mlready.cli import typer_seam
from mlready.cli.application import (
    LANG_HELP,
    lang_flag,
    print_message,
    print_warnings,
    translated_help,
)
from mlready.core.messages import N_

__all__ = ["COMMANDS", "app", "main"]

COMMANDS = (
    "ask",
    "check",
    "diff",
    "export",
    "history",
    "init",
    "portfolio",
    "report",
    "scan",
    "schema",
    "sign",
    "bank",
)
"""The command modules, in the order `mlready --help` lists them."""

# Before any value is converted: Typer would otherwise load pydantic on every run.
typer_seam.install()


class _Commands(typer_seam.LazyCommandGroup):
    """mlready's commands, each loaded when it is first asked for."""

    names = COMMANDS

    def load(self, name: str) -> Any:
        """The command module `name`'s command, its help in the chosen language."""
        command = typer.main.get_command(import_module(f"{__name__}.{name}").app)
        for sub in getattr(command, "commands", {}).values():  # `bank show`, `bank validate`
            translated_help(sub)
        return translated_help(command)

    def prepare(self) -> None:
        """A run of its own: the files it reads start afresh (also when one process runs
        several), and the root's help is in the chosen language."""
        from mlready.io.files import forget_inputs

        forget_inputs()
        translated_help(self)  # the root's own help and options, in the chosen language


app = typer.Typer(
    name="mlready",
    cls=_Commands,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from mlready.io.resources import mlready_version

        typer.echo(f"mlready {mlready_version()}")
        raise typer.Exit()


@app.callback(
    help=N_(
        "A production-readiness review for ML systems.\n"
        "\n"
        "Exit codes: 0 ok, 1 the gate failed, 2 invalid input or usage, 130 interrupted."
    )
)
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=N_("Show the version.")),
    ] = False,
    lang: Annotated[str | None, typer.Option("--lang", metavar="LANG", help=LANG_HELP)] = None,
) -> None:
    pass


def choose_language_from(argv: list[str]) -> None:
    """Choose the language before anything is said: `--lang` anywhere on the command line,
    the settings' `lang`, MLREADY_LANG, the locale (see mlready.core.language)."""
    from mlready.api import MlreadyError, choose_language, project_settings
    from mlready.core.language import ENGLISH

    flag = lang_flag(argv)
    settings = None
    if flag is None:
        with contextlib.suppress(MlreadyError):  # a bad settings file is the command's to report
            settings = project_settings()
    choice = choose_language(flag, settings)
    if choice.language != ENGLISH:
        from mlready.api import use_language

        use_language(choice.language)
        typer_seam.translate_typer_words()
    if choice.warning:
        print_warnings([choice.warning])


class _ClosedStream(io.TextIOBase):
    """A standard output that was closed before the run: writing to it fails as writing to a
    closed descriptor does, so the run says so (exit 2) instead of failing on None."""

    def write(self, text: str) -> int:
        """Fail: there is nothing to write to."""
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))


def main() -> None:
    """Run the command-line interface."""
    # A run is short, and what it builds (a bank, answers, a scorecard, a report) holds no
    # reference cycles to free: the cycle collector would only walk a large bank's hundreds of
    # thousands of objects again and again, for a tenth of the run, and free nothing. (No
    # benchmark's peak memory grows without it.)
    gc.disable()
    from mlready.io.deferred import defer_work, run_deferred

    # A bank's cache entry is written after the output, by a child the run does not wait for.
    defer_work()
    if sys.stdout is None:  # started with its standard output closed (`>&-`)
        sys.stdout = _ClosedStream()
    try:
        try:
            choose_language_from(sys.argv[1:])
            app()
        except KeyboardInterrupt:  # before Click's context exists, or after it is gone
            from mlready.core.errors import ExitCode
            from mlready.core.messages import _

            print_message(_("interrupted"))
            raise SystemExit(ExitCode.INTERRUPTED) from None
    except SystemExit as ending:
        code = ending.code
        if os.environ.get("MLREADY_DEBUG"):  # why the cache was off, when it could not be made
            from mlready.io.cache import cache_unavailable

            with contextlib.suppress(OSError, ValueError, AttributeError):
                if (reason := cache_unavailable()) is not None:
                    print_message(reason)
        run_deferred()
        # The run is over: its files are written and closed, its output flushed (a closed or
        # full stdout already told), and it registers nothing to run at exit. A normal
        # interpreter exit would now free every object one by one, tens of milliseconds for a
        # large bank; and where a child writes the cache entry, it would first copy most of the
        # memory the two share.
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(OSError, ValueError, AttributeError):  # None when closed
                stream.flush()
        os._exit(code if isinstance(code, int) else 0 if code is None else 1)
