"""The command-line layer: each command parses options, calls the core, prints, and exits.

Each command lives in a module of its own, named as the command, with its own Typer `app`
(`bank`'s is a group). A run loads only the module of the command it runs: the others' imports
and Typer's building of their options would cost every `mlready check` some 15 ms.
"""

import contextlib
import gc
import os
import sys
from importlib import import_module
from typing import Annotated, Any

import typer

from mlready.cli.application import LANG_HELP, CommandGroup, say, speak, translated_help
from mlready.core.messages import N_

__all__ = ["COMMANDS", "app", "main"]

COMMANDS = (
    "ask",
    "check",
    "diff",
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


class _LazyCommands(CommandGroup):
    """mlready's commands, each loaded when it is first asked for: to run it, or to list it in
    `--help`."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in COMMANDS and cmd_name not in self.commands:
            module = import_module(f"{__name__}.{cmd_name}")
            command = typer.main.get_command(module.app)
            for sub in getattr(command, "commands", {}).values():  # `bank show`, `bank validate`
                translated_help(sub)
            self.add_command(translated_help(command), cmd_name)
        return super().get_command(ctx, cmd_name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        translated_help(self)  # the root's own help and options, in the chosen language
        return super().main(*args, **kwargs)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] not in COMMANDS:
            # A mistyped name: Typer suggests the commands it knows, so it gets to know them all.
            for name in COMMANDS:
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="mlready",
    cls=_LazyCommands,
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
    try:
        speak(sys.argv[1:])
        app()
    except SystemExit as ending:
        code = ending.code
        if os.environ.get("MLREADY_DEBUG"):  # why the cache was off, when it could not be made
            from mlready.io.cache import cache_unavailable

            with contextlib.suppress(OSError, ValueError, AttributeError):
                if (reason := cache_unavailable()) is not None:
                    say(reason)
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
