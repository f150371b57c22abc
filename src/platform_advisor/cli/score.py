"""``advisor score``: rank platforms for one business profile."""

from __future__ import annotations

from enum import StrEnum
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
    MethodChoice,
    NoDefaultCatalog,
    Output,
    Quiet,
    ReportFormatChoice,
    Verbose,
)

if TYPE_CHECKING:
    from platform_advisor.algorithms.sampling import RobustnessRequest
    from platform_advisor.models.result import Strategy


class RobustnessLevel(StrEnum):
    off = "off"
    standard = "standard"
    full = "full"


ROBUSTNESS_HELP = (
    "How far to test the advice against other weights: off; standard (how often each "
    "winner wins across sampled weightings, and each function's tipping points); full (also "
    "the stack's tipping points, within a fixed allowance of search work: a few seconds at "
    "most, and criteria the allowance cannot settle are named)."
)
UNIFORM_HELP = (
    "Sample every possible weighting alike, as when you have no idea of the weights, "
    "instead of weightings around yours."
)
TEMPLATE_HELP = (
    "Render this Jinja template of your own (sandboxed, given the result as plain data) "
    "instead of --format."
)
BRIEF_HELP = (
    "Only the owner-manager's brief: the stack, what it costs, why, how sure, the first "
    "steps and the top risks (two pages at most as PDF)."
)
PREPARED_BY_HELP = "The consultant's name on the cover (default: from the settings file)."
FIRM_HELP = "The consultant's firm on the cover (default: from the settings file)."
LOGO_HELP = (
    "The firm's logo on the cover, a PNG, JPEG or SVG file (default: from the settings file)."
)


def score(
    profile: Path = typer.Argument(
        ...,
        help="The business profile (YAML).",
        metavar="PROFILE",
        show_default=False,
        readable=False,
    ),
    catalog: CatalogPaths = [],
    no_default_catalog: NoDefaultCatalog = False,
    criteria: CriteriaChoice = "balanced",
    output_format: ReportFormatChoice = "terminal",
    output: Output = None,
    top: int = typer.Option(
        5, "--top", min=1, max=100, metavar="N", help="Candidates shown per function."
    ),
    as_of: AsOf = None,
    template: Path | None = typer.Option(
        None, "--template", help=TEMPLATE_HELP, metavar="FILE", show_default=False, readable=False
    ),
    method: MethodChoice = "weighted-sum",
    robustness: RobustnessLevel = typer.Option(
        RobustnessLevel.standard, "--robustness", help=ROBUSTNESS_HELP
    ),
    uniform_weights: bool = typer.Option(False, "--uniform-weights", help=UNIFORM_HELP),
    samples: int = typer.Option(
        10_000,
        "--samples",
        min=100,
        max=1_000_000,
        metavar="N",
        help="Weightings sampled for robustness.",
    ),
    seed: int = typer.Option(
        20261123,
        "--seed",
        min=0,
        metavar="N",
        help="Seed of the sampling: the same seed, the same report.",
    ),
    brief: bool = typer.Option(False, "--brief", help=BRIEF_HELP),
    prepared_by: str | None = typer.Option(
        None, "--prepared-by", help=PREPARED_BY_HELP, metavar="NAME", show_default=False
    ),
    firm: str | None = typer.Option(
        None, "--firm", help=FIRM_HELP, metavar="NAME", show_default=False
    ),
    logo: Path | None = typer.Option(
        None, "--logo", help=LOGO_HELP, metavar="FILE", show_default=False, readable=False
    ),
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Score and rank the catalog's platforms for each function the business needs."""
    if output_format == "pdf" and output is None:
        raise typer.BadParameter("a PDF goes to a file: give --output FILE", param_hint="--format")
    with handled_errors(quiet, verbose):
        from platform_advisor.api import advise_files
        from platform_advisor.core.report.cover import prepared
        from platform_advisor.loading.settings import preparer
        from platform_advisor.rendering import render, render_template

        strategy, notices = advise_files(
            profile,
            catalog_paths=catalog,
            include_default_catalog=not no_default_catalog,
            criteria=criteria,
            today=today_or(as_of),
            method=method_name(method),
            robustness=_request(robustness, uniform_weights, samples, seed),
        )
        for notice in notices:
            say(notice)
        by = preparer(prepared_by, firm, logo)
        strategy = prepared(strategy, by.name, by.firm, by.logo)
        if template is not None:
            emit(render_template(strategy, template, top=top), output)
        elif output_format == "pdf" and output is not None:
            _write_pdf(strategy, output, top=top, brief=brief)
        elif output_format == "terminal" and output is None:
            _print_terminal(strategy, top=top, brief=brief)
        elif brief:
            from platform_advisor.rendering import render_brief

            emit(render_brief(strategy, format_name(output_format)), output)
        else:
            emit(render(strategy, format_name(output_format), top=top), output)


def _print_terminal(strategy: Strategy, *, top: int, brief: bool) -> None:
    from platform_advisor.rendering.terminal import print_brief, print_terminal

    if brief:
        from platform_advisor.core.report.brief import brief as brief_of

        print_brief(brief_of(strategy))
    else:
        print_terminal(strategy, top=top)


def _write_pdf(strategy: Strategy, output: Path, *, top: int, brief: bool) -> None:
    """The PDF written atomically, as every other output is."""
    from platform_advisor.rendering import render_pdf_report
    from platform_advisor.storage.atomic import write_atomic_bytes

    write_atomic_bytes(output, render_pdf_report(strategy, top=top, brief=brief), str(output))
    say(f"wrote {output}")


def _request(
    level: RobustnessLevel, uniform: bool, samples: int, seed: int
) -> RobustnessRequest | None:
    """The robustness analysis the options ask for."""
    from platform_advisor.algorithms.sampling import RobustnessRequest, Sampling

    if level is RobustnessLevel.off:
        return None
    sampling = Sampling(samples=samples, uniform=uniform, seed=seed)
    return RobustnessRequest(sampling, stack=level is RobustnessLevel.full)
