"""The command-line layer: each command parses options, calls the core, prints, and exits."""

from mlready.cli import ask, bank, check, diff, init, portfolio, report, scan, schema
from mlready.cli.application import app

__all__ = [
    "app",
    "ask",
    "bank",
    "check",
    "diff",
    "init",
    "main",
    "portfolio",
    "report",
    "scan",
    "schema",
]


def main() -> None:
    """Run the command-line interface."""
    app()
