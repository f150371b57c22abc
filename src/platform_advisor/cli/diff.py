"""``advisor diff``: what changed between two runs for the same business."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from platform_advisor.cli.common import emit, format_name, handled_errors
from platform_advisor.cli.options import FormatWord, Output, Quiet, Verbose


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
    output_format: Annotated[
        FormatWord, typer.Option("--format", "-f", help="How to present the changes.")
    ] = "terminal",
    output: Output = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Say what changed between two runs for one business (stack, ranks, costs, stale
    prices, robustness) and which inputs changed with it. On a terminal by default;
    --format markdown for Markdown."""
    with handled_errors(quiet, verbose):
        from platform_advisor.core.diff import diff_runs
        from platform_advisor.loading.results import load_result
        from platform_advisor.loading.text_files import display_name
        from platform_advisor.rendering.diff import render_diff

        changes = diff_runs(
            load_result(old), load_result(new), display_name(old), display_name(new)
        )
        if output_format == "terminal" and output is None:
            from platform_advisor.rendering.diff_terminal import diff_view
            from platform_advisor.rendering.terminal import print_view

            print_view(lambda _width: diff_view(changes))
        else:
            emit(render_diff(changes, format_name(output_format)), output)
