"""The framework floor: a one-command Typer app with one typed option, converted by Typer.

Typer 0.29 loads pydantic to convert the option's value (some 80 ms of the run). mlready
converts its values without it (mlready/cli/typer_seam.py), so its commands can start faster
than this floor; what is left of the floor for mlready is importing Typer itself.
"""

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer()


@app.command()
def main(answers: Annotated[Path, typer.Option(help="An answers file.")] = Path("x.yaml")) -> None:
    """Print the answers file's name."""
    typer.echo(answers.name)


if __name__ == "__main__":
    app()
