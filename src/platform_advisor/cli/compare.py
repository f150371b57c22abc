"""``advisor compare``: two to five finalists side by side for one needed function."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from platform_advisor.cli.common import (
    emit,
    format_name,
    handled_errors,
    method_name,
    say,
    today_or,
)
from platform_advisor.cli.options import (
    AsOf,
    CatalogPaths,
    CriteriaChoice,
    FormatChoice,
    MethodChoice,
    NoDefaultCatalog,
    Output,
    Quiet,
    Verbose,
)

if TYPE_CHECKING:
    pass

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
    catalog: CatalogPaths = [],
    no_default_catalog: NoDefaultCatalog = False,
    criteria: CriteriaChoice = "balanced",
    output_format: FormatChoice = "terminal",
    output: Output = None,
    as_of: AsOf = None,
    method: MethodChoice = "weighted-sum",
    quiet: Quiet = False,
    verbose: Verbose = False,
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
            method=method_name(method),
        )
        for notice in notices:
            say(notice)
        if output_format == "terminal" and output is None:
            print_comparison(comparison)
        else:
            emit(render_comparison(comparison, format_name(output_format)), output)
