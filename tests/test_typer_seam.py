"""Values converted without pydantic (mlready.cli.typer_seam.py): as Typer converts them, and
pydantic left unloaded. These tests are the alarm for a Typer upgrade that changes the private
parts that module relies on."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import pytest
import typer
from typer.core import TyperGroup, _TyperParameter
from typer.models import ParameterInfo

from mlready.cli import app
from mlready.cli.typer_seam import TYPER_RUNTIME_PARAM, NativeParam, runtime_param
from mlready.core.errors import ExitCode
from tests.helpers.commands import run

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ecommerce-categoriser.yaml"

# Runs the command line as the `mlready` script does, and lists the modules it loaded.
PROBE = """\
import os, sys
try:
    from mlready.cli import app
    app(prog_name="mlready")
finally:
    with open(os.environ["MLREADY_LOADED"], "w", encoding="utf-8") as out:
        out.write("\\n".join(sorted(sys.modules)))
"""
# No colour and 80 columns, whatever the terminal or CI says.
UNSTYLED = ("GITHUB_ACTIONS", "FORCE_COLOR", "PY_COLORS", "COLUMNS", "TERMINAL_WIDTH")


def mlready(tmp_path: Path, *args: str | Path) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    loaded = tmp_path / "loaded.txt"
    env = {key: value for key, value in os.environ.items() if key not in UNSTYLED}
    env |= {"MLREADY_LOADED": str(loaded), "TERMINAL_WIDTH": "80"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return result, set(loaded.read_text(encoding="utf-8").splitlines())


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["check", "--help"],
        ["check", EXAMPLE],
        # Every kind of option `check` has, given.
        ["check", EXAMPLE, "-b", "default", "--fail-under", "50", "--fail-on", "minor",
         "--allow-incomplete", "--max-age", "3650", "--baseline", EXAMPLE, "--soft-fail",
         "--today", "2026-11-30", "-f", "json", "-o", "sarif:out.sarif", "-o", "junit:out.xml"],
        ["report", EXAMPLE, "-o", "-", "--today", "2026-11-30"],
        ["portfolio", EXAMPLE, EXAMPLE, "--max-age", "0"],
        ["diff", EXAMPLE, EXAMPLE, "-f", "json"],
        ["bank", "show", "-f", "json"],
        ["schema", "bank"],
        ["init", "new.yaml", "--no-schema"],
    ],
    ids=lambda args: " ".join(str(arg) for arg in args[:2]).replace(str(EXAMPLE), "EXAMPLE"),
)  # fmt: skip
def test_commands_do_not_load_pydantic(tmp_path: Path, args: list[str | Path]) -> None:
    result, loaded = mlready(tmp_path, *args)
    assert result.returncode == ExitCode.OK, result.stderr
    assert "typer" in loaded  # the list of modules is complete
    assert "pydantic" not in loaded


# Captured before typer_seam existed; bad values must still get these, word for word.
USAGE_ERRORS = [
    (
        ["check", "--max-age", "-5"],
        "error: --max-age: must be at least 0 (see `mlready check --help`)\n",
    ),
    (
        ["check", "--max-age", "x"],
        "error: --max-age: must be a whole number (see `mlready check --help`)\n",
    ),
    (
        ["check", "--fail-on", "bogus"],
        "error: --fail-on: 'bogus' is not one of 'blocker', 'major', 'minor' "
        "(see `mlready check --help`)\n",
    ),
    (
        ["check", "--today", "2026-13-01"],
        "error: --today: '2026-13-01' is not a date YYYY-MM-DD (see `mlready check --help`)\n",
    ),
    (
        ["check", "--format", "nope"],
        "error: --format: 'nope' is not one of 'text', 'json', 'junit', 'sarif', 'github', "
        "'markdown' (see `mlready check --help`)\n",
    ),
    (
        ["bank", "show", "--format", "sarif"],
        "error: --format: 'sarif' is not one of 'text', 'json' (see `mlready bank show --help`)\n",
    ),
    (
        ["report", "--today", "2026-02-30"],
        "error: --today: '2026-02-30' is not a date YYYY-MM-DD (see `mlready report --help`)\n",
    ),
    (
        ["check", "--bogus"],
        "error: no such option: --bogus (see `mlready check --help`)\n",
    ),
    (
        ["diff", "old.yaml"],
        "error: missing argument 'NEW' (see `mlready diff --help`)\n",
    ),
]


@pytest.mark.parametrize(("args", "expected"), USAGE_ERRORS, ids=lambda v: " ".join(v)[:40])
def test_usage_errors_are_one_line_in_mlreadys_words(args: list[str], expected: str) -> None:
    # In this process: the words are what is tested, not the process.
    assert run(*args) == (ExitCode.INVALID, "", expected)


# Settings typer_seam handles that mlready's own options do not use (yet).
others = typer.Typer(add_completion=False)


@others.command()
def other(
    existing: Annotated[Path | None, typer.Option(exists=True)] = None,
    folder: Annotated[Path | None, typer.Option(file_okay=False)] = None,
    writable: Annotated[Path | None, typer.Option(writable=True, readable=False)] = None,
    bounded: Annotated[int | None, typer.Option(min=-3, max=10)] = None,
    unbounded: Annotated[int, typer.Option()] = 7,
    dates: Annotated[list[dt.datetime] | None, typer.Option(formats=["%d.%m.%Y", "%Y"])] = None,
    words: Annotated[list[str] | None, typer.Argument()] = None,
) -> None:
    """Options for the conversion tests only."""


def _parameters(command: Any, path: str) -> Iterator[tuple[str, _TyperParameter]]:
    for param in command.params:
        assert isinstance(param, _TyperParameter)
        yield f"{path} {param.name}".strip(), param
    if isinstance(command, TyperGroup):
        # Through the group, as a run and --help ask for them: mlready loads each when asked.
        ctx = typer.Context(command)
        for name in command.list_commands(ctx):
            yield from _parameters(command.get_command(ctx, name), f"{path} {name}")


PARAMETERS = dict(_parameters(typer.main.get_command(app), "")) | dict(
    _parameters(typer.main.get_command(others), "(other)")
)


def test_every_command_and_option_is_among_the_parameters() -> None:
    commands = {name.split()[0] for name in PARAMETERS if " " in name}
    assert commands >= {"check", "report", "ask", "bank", "(other)"}
    assert "check max_age" in PARAMETERS
    assert "bank show output_format" in PARAMETERS


# Raw values as Typer's parser hands them over: text for one value, tuples for repeated ones.
TEXTS = [
    "", "x", " x ", "-", "0", "5", "-5", "-0", "007", "+5", " 5", "1_000", "1.0", "٣", "9" * 30,
    "blocker", "BLOCKER", "major", "text", "json", "sarif", "answers", "nope",
    "2026-02-28", "2026-02-30", "2026-13-01", "2026-2-3", "2026-02-28T10:00", "28.02.2026", "2026",
    "file.yaml", "file.yaml/", "folder", "folder/", "missing.yaml",
]  # fmt: skip


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # relative paths meet a file, a folder and a missing name
    (tmp_path / "file.yaml").write_text("x: 1\n")
    (tmp_path / "folder").mkdir()


@pytest.mark.usefixtures("files")
@pytest.mark.parametrize("name", PARAMETERS)
def test_values_convert_as_typer_converts_them(name: str) -> None:
    param = PARAMETERS[name]
    ours = runtime_param(param.type_descriptor)
    assert isinstance(ours, NativeParam), f"{name}: Typer would load pydantic to convert it"
    typers = TYPER_RUNTIME_PARAM(param.type_descriptor)
    repeated = param.multiple or param.nargs == -1
    values: list[Any] = [None, param.default, True, 5, *TEXTS]
    if repeated:
        values += [(), ("file.yaml",), ("file.yaml", "folder", ""), ("x", "missing.yaml", "-5")]
        values += [(text,) for text in TEXTS]
    ctx = typer.Context(typer.main.get_command(app))  # no token normalising, as in mlready
    for value in values:
        assert _outcome(ours, value, param, ctx) == _outcome(typers, value, param, ctx), value


def _outcome(runtime: Any, value: Any, param: _TyperParameter, ctx: typer.Context) -> str:
    try:
        return repr(runtime.coerce(value, param=param, ctx=ctx))  # repr: types must agree too
    except typer.BadParameter as error:
        return f"error: {error.format_message()}"
    except (TypeError, ValueError) as error:  # values a parser never hands over; same crash
        return f"{type(error).__name__}: {error}"


def test_typer_asks_mlready_for_the_conversion() -> None:
    # Typer finds its builder by name in typer.core each time; if it stopped, every run would
    # load pydantic again.
    probe = typer.Typer(add_completion=False)

    @probe.command()
    def main(count: Annotated[int, typer.Option()] = 1) -> None:
        """One option."""

    (param,) = typer.main.get_command(probe).params
    assert isinstance(param, _TyperParameter)
    assert isinstance(param.get_runtime_param(), NativeParam)


# ParameterInfo's settings in Typer 0.29. A new one may change how a value converts, which
# typer_seam.converter would not know: look at it there, then add it here.
KNOWN_SETTINGS = {
    "self", "default", "param_decls", "callback", "metavar", "expose_value", "is_eager",
    "envvar", "shell_complete", "autocompletion", "default_factory", "parser", "show_default",
    "show_choices", "show_envvar", "help", "hidden", "case_sensitive", "min", "max", "clamp",
    "formats", "mode", "encoding", "errors", "lazy", "atomic", "exists", "file_okay",
    "dir_okay", "writable", "readable", "resolve_path", "allow_dash", "path_type",
    "rich_help_panel",
}  # fmt: skip


def test_typer_has_no_new_parameter_settings() -> None:
    settings = set(inspect.signature(ParameterInfo.__init__).parameters)
    assert settings == KNOWN_SETTINGS


def test_the_typer_words_said_in_another_language_are_typers_own() -> None:
    # translate_typer_words sets these names of Typer's rich_utils to their translation, and the
    # help screens' line breaks wrap its _make_rich_text: an upgrade that renames or rewords them
    # must fail here, not leave help screens half in English or unwrapped.
    # In a process of its own: a Chinese help screen shown in this one has set them.
    probe = (
        "from typer import rich_utils\n"
        "from mlready.cli.typer_seam import RICH_WORDS\n"
        "for name, english in RICH_WORDS.items():\n"
        "    assert getattr(rich_utils, name) == english, name\n"
        "assert callable(rich_utils._make_rich_text)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
