"""``advisor score``: rank platforms for one business profile."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path

import typer

from platform_advisor.cli.common import emit, err, handled_errors


class OutputFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


CATALOG_HELP = "A catalog file or folder to add to the built-in catalog; repeat for more."
CRITERIA_HELP = "A criteria preset name (balanced, ...) or a criteria YAML file."


def score(
    profile: Path = typer.Argument(
        ..., help="The business profile (YAML).", metavar="PROFILE", show_default=False
    ),
    catalog: list[Path] = typer.Option([], "--catalog", "-c", help=CATALOG_HELP, metavar="PATH"),
    no_default_catalog: bool = typer.Option(
        False, "--no-default-catalog", help="Leave the built-in catalog out."
    ),
    criteria: str = typer.Option("balanced", "--criteria", help=CRITERIA_HELP, metavar="NAME|FILE"),
    output_format: OutputFormat = typer.Option(
        OutputFormat.terminal, "--format", "-f", help="How to present the result."
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout.",
        metavar="FILE",
    ),
    top: int = typer.Option(5, "--top", min=1, max=100, help="Candidates shown per function."),
    as_of: datetime | None = typer.Option(
        None,
        "--as-of",
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",
        help="Judge how fresh prices are as of this date (default: today).",
        show_default=False,
    ),
) -> None:
    """Score and rank the catalog's platforms for each function the business needs."""
    with handled_errors():
        from platform_advisor.api import advise_files
        from platform_advisor.rendering import render

        strategy, notices = advise_files(
            profile,
            catalog_paths=catalog,
            include_default_catalog=not no_default_catalog,
            criteria=criteria,
            today=as_of.date() if as_of else None,
        )
        for notice in notices:
            err(notice)
        if output_format is OutputFormat.terminal and output is None:
            from platform_advisor.rendering.terminal import print_terminal

            print_terminal(strategy, top=top)
        else:
            emit(render(strategy, output_format.value, top=top), output)
