"""`python -m mlready` runs the command-line interface."""

from mlready.cli import main

main()
