"""The floor of our own dependencies: a minimal Typer app that prints a Rich table.

`bench/startup.py` times the advisor against this; nothing else uses it.
"""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def show(rows: int = typer.Option(5, help="Rows in the table.")) -> None:
    """Print a small table."""
    table = Table("Platform", "Score")
    for n in range(rows):
        table.add_row(f"Platform {n}", f"{90 - n:.1f}")
    Console().print(table)


if __name__ == "__main__":
    app()
