"""``advisor diff``: what changed between two runs for the same business."""

from __future__ import annotations

from pathlib import Path

import typer

from platform_advisor.cli.common import (
    emit,
    handled_errors,
    output_option,
    quiet_option,
    verbose_option,
)
from platform_advisor.cli.score import OutputFormat


def diff(
    old: Path = typer.Argument(
        ...,
        help="The older result (advisor score --format json).",
        metavar="OLD.json",
        readable=False,
    ),
    new: Path = typer.Argument(
        ..., help="The newer result of the same profile.", metavar="NEW.json", readable=False
    ),
    output_format: OutputFormat = typer.Option(
        OutputFormat.terminal, "--format", "-f", help="How to present the changes."
    ),
    output: Path | None = output_option(),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Say what changed between two runs for one business (stack, ranks, costs, stale
    prices, robustness) and which inputs changed with it."""
    with handled_errors(quiet, verbose):
        from platform_advisor.core.diff import diff_runs
        from platform_advisor.loading.files import display_name
        from platform_advisor.loading.results import load_result
        from platform_advisor.rendering.diff import render_diff

        changes = diff_runs(
            load_result(old), load_result(new), display_name(old), display_name(new)
        )
        emit(render_diff(changes, output_format.value), output)
