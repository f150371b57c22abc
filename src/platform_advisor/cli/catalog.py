"""``advisor catalog``: browse, check and extend the platform catalog."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from platform_advisor.cli.catalog_add import add
from platform_advisor.cli.common import handled_errors, parse_months, say, today_or
from platform_advisor.cli.options import AsOf, CatalogPaths, NoDefaultCatalog, Quiet, Verbose

if TYPE_CHECKING:
    from rich.console import RenderableType

    from platform_advisor.errors import Problem
    from platform_advisor.loading.catalogs import LoadedCatalog

app = typer.Typer(help="Browse, check and extend the platform catalog.", no_args_is_help=True)
app.command()(add)


class Ownership(StrEnum):
    proprietary = "proprietary"
    open_source = "open_source"
    hybrid = "hybrid"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


FORMAT_HELP = "A table for people or JSON for scripts."
STALE_HELP = "Prices older than this are reported, e.g. 12m, 18m, 2y."


def _load(paths: list[Path], no_default_catalog: bool) -> LoadedCatalog:
    from platform_advisor.loading.catalogs import load_catalog

    loaded = load_catalog(paths, include_default=not no_default_catalog)
    for notice in loaded.notices:
        say(notice)
    return loaded


def _present(
    output_format: ListFormat,
    as_json: Callable[[], str],
    as_view: Callable[[int], RenderableType],
    *,
    unwrapped: bool = True,
) -> None:
    """JSON on stdout, or the view for the terminal's width (with ``unwrapped``, tables
    as wide as their content when piped)."""
    if output_format is ListFormat.json:
        typer.echo(as_json(), nl=False)
        return
    from platform_advisor.rendering.terminal import print_view

    print_view(as_view, unwrapped_when_piped=unwrapped)


@app.command("list")
def list_platforms(
    function: str | None = typer.Option(
        None, "--function", help="Only platforms serving this function id.", metavar="ID"
    ),
    ownership: Ownership | None = typer.Option(
        None, "--ownership", help="Only platforms of this ownership."
    ),
    output_format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help=FORMAT_HELP),
    catalog: CatalogPaths = [],
    no_default_catalog: NoDefaultCatalog = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """List the catalog's platforms, optionally those of one function or ownership."""
    with handled_errors(quiet, verbose):
        from platform_advisor.core.inputs.lookup import select_platforms
        from platform_advisor.rendering import catalog_views as views

        loaded = _load(catalog, no_default_catalog)
        platforms = select_platforms(
            loaded.catalog, function=function, ownership=ownership and ownership.value
        )
        _present(
            output_format,
            lambda: views.platforms_json(platforms),
            lambda width: views.platform_table(platforms, width),
            unwrapped=False,  # as wide as the terminal, or COLUMNS, when piped too
        )
        if output_format is ListFormat.table:
            say(f"{len(platforms)} platforms")


@app.command()
def show(
    platform: str = typer.Argument(
        ..., help="The platform's id, name or alias.", metavar="PLATFORM", show_default=False
    ),
    output_format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help=FORMAT_HELP),
    catalog: CatalogPaths = [],
    no_default_catalog: NoDefaultCatalog = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Show everything the catalog holds about one platform, its integrations included."""
    with handled_errors(quiet, verbose):
        from platform_advisor.core.inputs.lookup import find_platform
        from platform_advisor.rendering import catalog_views as views

        loaded = _load(catalog, no_default_catalog)
        found = find_platform(loaded.catalog, platform)
        _present(
            output_format,
            lambda: views.platform_json(found, loaded.catalog),
            lambda _width: views.platform_detail(found, loaded.catalog),
            unwrapped=False,
        )


@app.command()
def validate(
    paths: list[Path] = typer.Argument(
        None,
        help="Catalog files or folders to check with the built-in catalog.",
        show_default=False,
        readable=False,
    ),
    no_default_catalog: bool = typer.Option(
        False, "--no-default-catalog", help="Check the files on their own."
    ),
    stale_after: str = typer.Option("12m", "--stale-after", help=STALE_HELP, metavar="AGE"),
    as_of: AsOf = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Check catalog files: schema, ids, references, names, links and the age of prices.

    Every problem is listed with its file, line and column. Errors exit with 1; old
    prices are warnings.
    """
    with handled_errors(quiet, verbose):
        from platform_advisor.core.wording import plural
        from platform_advisor.loading.catalogs import lint

        months = parse_months(stale_after)
        loaded = _load(paths or [], no_default_catalog)
        warnings = lint(loaded, today=today_or(as_of), stale_after_months=months)
        if paths:  # a maintainer checking their own files: the built-in catalog's are noise
            warnings = [w for w in warnings if not _in(w, loaded.built_in)]
        if warnings:
            from platform_advisor.errors import format_problems

            say(format_problems(warnings))
            say("(advisor catalog stale lists every entry to re-check)")
        catalog = loaded.catalog
        links = len(catalog.link_pairs())
        typer.echo(
            f"ok: {len(catalog.platforms)} platforms, {len(catalog.functions)} functions, "
            f"{links} integration links in {len(loaded.files)} files"
            + (f"; {plural(len(warnings), 'warning')}" if warnings else "")
        )


def _in(problem: Problem, files: Collection[str]) -> bool:
    return problem.location is not None and problem.location.file in files


@app.command()
def stale(
    older_than: str = typer.Option("12m", "--older-than", help=STALE_HELP, metavar="AGE"),
    output_format: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help=FORMAT_HELP),
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
            help="Judge how fresh prices and reviews are as of this date (default: today).",
            show_default=False,
        ),
    ] = None,
    catalog: CatalogPaths = [],
    no_default_catalog: NoDefaultCatalog = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """List the platforms whose price or review is older than AGE, oldest first."""
    with handled_errors(quiet, verbose):
        from platform_advisor.core.report.freshness import stale_platforms

        months = parse_months(older_than)
        loaded = _load(catalog, no_default_catalog)
        from platform_advisor.rendering import catalog_views as views

        entries = stale_platforms(loaded.catalog.platforms.values(), today_or(as_of), months)
        _present(
            output_format,
            lambda: views.stale_json(entries),
            lambda _width: views.stale_table(entries),
        )
        total = len(loaded.catalog.platforms)
        say(f"{len(entries)} of {total} platforms need re-checking (older than {months} months)")
