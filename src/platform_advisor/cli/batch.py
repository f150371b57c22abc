"""``advisor batch``: a report for each of many profiles, with an index and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from platform_advisor.cli.common import err, format_name, handled_errors, is_quiet, today_or
from platform_advisor.cli.options import (
    AsOf,
    CatalogPaths,
    CriteriaChoice,
    FormatWord,
    NoDefaultCatalog,
    Quiet,
    Verbose,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from rich.progress import Progress, TaskID
    from rich.table import Table

    from platform_advisor.batch import Job, Outcome


def batch(
    profiles: list[Path] = typer.Argument(
        ...,
        help="Profiles, or folders of them (.yaml).",
        metavar="PROFILE|FOLDER...",
        readable=False,
    ),
    output_dir: Path = typer.Option(
        ...,
        "--output-dir",
        "-o",
        help="Where the reports and their index go.",
        metavar="DIR",
        readable=False,
    ),
    output_format: Annotated[
        FormatWord, typer.Option("--format", "-f", help="The reports' format.")
    ] = "markdown",
    catalog: CatalogPaths = [],
    no_default_catalog: NoDefaultCatalog = False,
    criteria: CriteriaChoice = "balanced",
    workers: int | None = typer.Option(
        None, "--workers", min=1, metavar="N", help="Processes to use (default: one per core)."
    ),
    as_of: AsOf = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Write a report for each profile, side by side, with an index page; go on past a
    profile that fails, and exit 1 at the end if any did."""
    with handled_errors(quiet, verbose):
        from platform_advisor.batch import Advice, plan

        fmt = format_name(output_format)
        _make_folder(output_dir)
        advice = Advice(criteria, today_or(as_of), tuple(catalog), not no_default_catalog)
        batch = plan(profiles, output_dir, fmt, advice)
        for outcome in batch.failed:
            err(f"error: {outcome.error}")
        outcomes = batch.ordered([*batch.failed, *_with_progress(batch.jobs, workers)])
        _write_index(outcomes, batch.index, fmt)
        _print_summary(outcomes, batch.index)
        if not all(outcome.ok for outcome in outcomes):
            raise typer.Exit(1)


def _make_folder(folder: Path) -> None:
    from platform_advisor.errors import OutputError

    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file; --output-dir needs a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot create the folder ({error.strerror})") from None


def _with_progress(jobs: Sequence[Job], workers: int | None) -> list[Outcome]:
    """Run the jobs; on a terminal, a progress bar on stderr."""
    from rich.console import Console
    from rich.progress import Progress

    from platform_advisor.batch import run

    console = Console(stderr=True)
    if not console.is_terminal or not jobs or is_quiet():
        return run(jobs, workers, _report_failure)
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Advising", total=len(jobs))
        return run(jobs, workers, _advancing(progress, task))


def _advancing(progress: Progress, task: TaskID) -> Callable[[Outcome], None]:
    def done(outcome: Outcome) -> None:
        _report_failure(outcome)
        progress.advance(task)

    return done


def _report_failure(outcome: Outcome) -> None:
    if not outcome.ok:
        err(f"error: {outcome.error}")


def _write_index(outcomes: Sequence[Outcome], target: Path, fmt: str) -> None:
    from platform_advisor.batch import index_text
    from platform_advisor.storage.atomic import write_atomic

    markdown = index_text(outcomes, target.parent)
    if fmt == "html":
        from platform_advisor.rendering.html import markdown_page

        markdown = markdown_page("Platform reports", markdown)
    write_atomic(target, markdown, str(target), follow_links=False)


def _print_summary(outcomes: Sequence[Outcome], index: Path) -> None:
    from platform_advisor.rendering.terminal import print_view

    print_view(lambda _width: _summary_table(outcomes, index), unwrapped_when_piped=True)


def _summary_table(outcomes: Sequence[Outcome], index: Path) -> Table:
    from rich.table import Table

    failed = sum(not outcome.ok for outcome in outcomes)
    table = Table(
        title=f"{len(outcomes) - failed} reports, {failed} failed; index: {index}",
        title_justify="left",
        box=None,
    )
    for column in ("Profile", "Business", "Report or error"):
        table.add_column(column)
    for outcome in outcomes:
        result = str(outcome.report) if outcome.report else f"failed: {outcome.error}"
        table.add_row(outcome.profile.name, outcome.business, result)
    return table
