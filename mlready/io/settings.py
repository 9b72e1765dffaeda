"""Project defaults for the commands, from `.mlready.toml` or `[tool.mlready]` in pyproject.toml."""

# The nearest folder (from the current one up to the repository root) that has either file wins;
# paths in it are relative to that folder. Command-line flags override every setting.

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

from mlready.core.errors import InputError, Place
from mlready.core.messages import N_, Message
from mlready.core.model import Record, record
from mlready.core.validation import Internal, Key, OneOrMany, Range, convert
from mlready.core.vocabulary import Severity
from mlready.io.resources import BUILTIN_BANK

SETTINGS_FILE = ".mlready.toml"


@record
class ScanSettings(Record):
    """Where in the repository the ML system lies: `[scan]` in the settings."""

    roots: Annotated[tuple[str, ...], OneOrMany()] = ()  # folders, relative to the repository
    exclude: Annotated[tuple[str, ...], OneOrMany()] = ()  # globs, relative to the repository


@record
class Settings(Record):
    """Defaults for `check`, `report`, `ask` and friends."""

    bank: str | None = None  # a path, or "default" for the built-in bank
    answers: Annotated[tuple[Path, ...], OneOrMany()] = ()
    fail_under: Annotated[str | float | None, Key("fail-under")] = None
    fail_on: Annotated[Severity | None, Key("fail-on")] = None
    max_age: Annotated[int | None, Key("max-age"), Range(ge=0)] = None
    max_waiver_days: Annotated[int | None, Key("max-waiver-days"), Range(ge=0)] = None
    fail_on_overdue: Annotated[bool | None, Key("fail-on-overdue")] = None
    require_signoff: Annotated[tuple[str, ...], Key("require-signoff"), OneOrMany()] = ()
    fail_on_contradicted: Annotated[bool | None, Key("fail-on-contradicted")] = None
    require_evidence: Annotated[Severity | None, Key("require-evidence")] = None
    require_owners: Annotated[bool | None, Key("require-owners")] = None
    lang: str | None = None  # the language mlready speaks: en, zh-CN (see core.language)
    scan: ScanSettings = ScanSettings()
    source: Annotated[Path | None, Internal()] = None  # where they were read, for messages


def find_settings(start: Path) -> Settings:
    """The settings that apply in `start` (none found: all defaults).

    Raises InputError naming the file and key for an invalid setting.
    """
    folder = start.resolve()
    while True:
        dotfile = folder / SETTINGS_FILE
        if dotfile.is_file():
            return _settings(dotfile, _read_toml(dotfile))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            tool = _read_toml(pyproject).get("tool", {})
            table = tool.get("mlready") if isinstance(tool, dict) else None
            if table is not None:
                return _settings(pyproject, table, prefix="tool.mlready.")
        if (folder / ".git").exists() or folder.parent == folder:
            return Settings()
        folder = folder.parent


def scan_path_problem(text: str, *, folder: bool) -> str | None:
    """Why a root (`folder`) or an excluded glob of the scan is refused, or None."""
    from mlready.core.globs import glob_problem

    if text.startswith("/") or "\\" in text or ".." in text.split("/") or "\0" in text:
        return Message("'{path}' is not a path relative to the repository", path=text)
    return None if folder else glob_problem(text)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when there is a file to read

    from mlready.io.yamlio import read_text

    # Read as banks and answers are: within their size limit, recorded as an input.
    text = read_text(path, kind=N_("settings file"), empty_ok=True)  # empty: every default
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib's own words stay as it says them.
        raise InputError(
            Message("{path}: invalid TOML: {problem}", path=path, problem=str(error))
        ) from None
    except RecursionError:
        # tomllib reads nested arrays and inline tables by recursion: a file nested past
        # Python's stack (a hostile pyproject.toml) is refused as invalid, not a traceback.
        raise InputError(
            Message(
                "{path}: invalid TOML: {problem}",
                path=path,
                problem=Message("nested too deeply to read"),
            )
        ) from None


def _settings(path: Path, table: Any, *, prefix: str = "") -> Settings:
    table_name = prefix.rstrip(".")

    def where(loc: tuple[str | int, ...]) -> Place:
        # TOML errors carry no line here: name the file and table, the message names the key.
        return Place(f"{path}: {table_name}" if table_name else str(path))

    if not isinstance(table, dict):
        if table_name:
            raise InputError(
                Message("{path}: {table} must be a table", path=path, table=table_name)
            )
        raise InputError(Message("{path}: the file must be a table", path=path))
    settings = convert(Settings, table, where, name=table_name or Message("settings"))
    base = path.parent
    bank = settings.bank
    for key, value in (("bank", bank), *(("answers", str(item)) for item in settings.answers)):
        if value and "\0" in value:  # TOML allows \u0000; no file can be named with it
            raise InputError(
                Message("{path}: {key} holds a NUL character", path=where(()), key=key)
            )
    for key, globs in (
        ("scan.roots", settings.scan.roots),
        ("scan.exclude", settings.scan.exclude),
    ):
        for glob in globs:
            if (why := scan_path_problem(glob, folder=key == "scan.roots")) is not None:
                raise InputError(
                    Message("{path}: {key}: {problem}", path=where(()), key=key, problem=why)
                )
    return replace(
        settings,
        bank=str(base / bank) if bank and bank != BUILTIN_BANK else None,
        answers=tuple(base / answers for answers in settings.answers),
        source=path,
    )
