"""The command-line layer: each command parses options, calls the core, prints, and exits."""

from mlready.cli import (
    ask,
    bank,
    check,
    diff,
    history,
    init,
    portfolio,
    report,
    scan,
    schema,
    sign,
)
from mlready.cli.application import app

__all__ = [
    "app",
    "ask",
    "bank",
    "check",
    "diff",
    "history",
    "init",
    "main",
    "portfolio",
    "report",
    "scan",
    "schema",
    "sign",
]


def main() -> None:
    """Run the command-line interface."""
    app()
