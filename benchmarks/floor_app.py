"""The framework floor: a one-command Typer app with one typed option.

Current Typer imports pydantic on every run, so no Typer command can start faster than this.
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
