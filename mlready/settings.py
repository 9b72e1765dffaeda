"""Project defaults for the commands, from `.mlready.toml` or `[tool.mlready]` in pyproject.toml.

The nearest folder (from the current one up to the repository root) that has either file wins;
paths in it are relative to that folder. Command-line flags override every setting.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mlready.errors import InputError
from mlready.model import Severity

SETTINGS_FILE = ".mlready.toml"
BUILTIN_BANK = "default"


class Settings(BaseModel):
    """Defaults for `check`, `report`, `ask` and friends."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    bank: str | None = None  # a path, or "default" for the built-in bank
    answers: tuple[Path, ...] = ()
    fail_under: Annotated[str | float | None, Field(alias="fail-under")] = None
    fail_on: Annotated[Severity | None, Field(alias="fail-on")] = None
    max_age: Annotated[int | None, Field(alias="max-age", ge=0)] = None
    source: Path | None = Field(default=None, exclude=True)


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
            table = _read_toml(pyproject).get("tool", {}).get("mlready")
            if table is not None:
                return _settings(pyproject, table, prefix="tool.mlready.")
        if (folder / ".git").exists() or folder.parent == folder:
            return Settings()
        folder = folder.parent


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: invalid TOML: {error}") from None


def _settings(path: Path, table: Any, *, prefix: str = "") -> Settings:
    if not isinstance(table, dict):
        raise InputError(f"{path}: {prefix.rstrip('.') or 'the file'} must be a table")
    data = dict(table)
    if isinstance(data.get("answers"), str):
        data["answers"] = [data["answers"]]
    try:
        settings = Settings.model_validate(data)
    except ValidationError as error:
        messages = []
        for item in error.errors():
            key = ".".join(str(part) for part in item["loc"])
            messages.append(f"{path}: {prefix}{key}: {item['msg']} (got {item.get('input')!r})")
        raise InputError(messages) from None
    base = path.parent
    return settings.model_copy(
        update={
            "bank": str(base / settings.bank)
            if settings.bank and settings.bank != BUILTIN_BANK
            else None,
            "answers": tuple(base / answers for answers in settings.answers),
            "source": path,
        }
    )
