"""``advisor compare``: two to five finalists side by side for one needed function."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

import typer

from platform_advisor.cli.common import (
    as_of_option,
    catalog_option,
    criteria_option,
    emit,
    handled_errors,
    no_default_catalog_option,
    output_option,
    quiet_option,
    say,
    today_or,
    verbose_option,
)
from platform_advisor.cli.score import METHOD_HELP, Method, OutputFormat

if TYPE_CHECKING:
    from platform_advisor.algorithms import MethodName

PLATFORMS_HELP = "Two to five platforms to compare, by id, name or alias."
FUNCTION_HELP = (
    "The needed function to compare them for, when they share several "
    "(default: the first they share)."
)


def compare(
    platforms: list[str] | None = typer.Argument(
        None, help=PLATFORMS_HELP, metavar="PLATFORM", show_default=False
    ),
    profile: Path = typer.Option(
        ..., "--profile", "-p", help="The business profile (YAML).", metavar="FILE", readable=False
    ),
    function: str | None = typer.Option(
        None, "--function", help=FUNCTION_HELP, metavar="ID", show_default=False
    ),
    catalog: list[Path] = catalog_option(),
    no_default_catalog: bool = no_default_catalog_option(),
    criteria: str = criteria_option(),
    output_format: OutputFormat = typer.Option(
        OutputFormat.terminal, "--format", "-f", help="How to present the result."
    ),
    output: Path | None = output_option(),
    as_of: datetime | None = as_of_option("prices"),
    method: Method = typer.Option(Method.weighted_sum, "--method", "-m", help=METHOD_HELP),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Put finalists side by side: criteria, cost over 1 and 3 years, fit with the stack."""
    with handled_errors(quiet, verbose):
        from platform_advisor.api import compare_files
        from platform_advisor.rendering.compare import print_comparison, render_comparison

        comparison, notices = compare_files(
            profile,
            platforms or [],
            catalog_paths=catalog,
            include_default_catalog=not no_default_catalog,
            criteria=criteria,
            function=function,
            today=today_or(as_of),
            method=cast("MethodName", method.value.replace("-", "_")),
        )
        for notice in notices:
            say(notice)
        if output_format is OutputFormat.terminal and output is None:
            print_comparison(comparison)
        else:
            emit(render_comparison(comparison, output_format.value), output)
