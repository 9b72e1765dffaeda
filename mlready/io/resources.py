"""Where the built-in bank and report templates are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # mlready/
BUILTIN_BANK = "default"  # how settings, --bank and `extends` name the built-in bank


def _package_dir(name: str) -> Path:
    # A wheel ships the repository's top-level `checklists/` and `templates/` inside the
    # package; an editable install or a bare checkout keeps them beside it.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def builtin_bank_path() -> Path:
    """The built-in question bank."""
    return _package_dir("checklists") / "default.yaml"


def locale_dir() -> Path:
    """The folder of compiled message catalogs: LANG/LC_MESSAGES/mlready.mo."""
    return _PACKAGE / "locale"


def templates_dir() -> Path:
    """The folder of built-in report templates."""
    return _package_dir("templates")


def mlready_version() -> str:
    """The installed release of mlready, from its package metadata ("unknown" if not installed)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mlready-review")
    except PackageNotFoundError:
        return "unknown"
