"""Where the built-in bank and report templates are, installed or in a checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _package_dir(package: str, checkout_dir: str) -> Path:
    # An installed wheel (or editable install) maps the top-level folders into the package;
    # `python -m mlready` in a checkout that was never installed finds them beside it.
    try:
        found = Path(str(files(package)))
    except ModuleNotFoundError:
        found = _CHECKOUT / checkout_dir
    return found


def builtin_bank_path() -> Path:
    """The built-in question bank."""
    return _package_dir("mlready.checklists", "checklists") / "default.yaml"


def templates_dir() -> Path:
    """The folder of built-in report templates."""
    return _package_dir("mlready.templates", "templates")
