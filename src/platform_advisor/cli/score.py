"""``advisor score``: rank platforms for one business profile."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
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

if TYPE_CHECKING:
    from platform_advisor.algorithms import MethodName
    from platform_advisor.algorithms.sampling import RobustnessRequest


class RobustnessLevel(StrEnum):
    off = "off"
    standard = "standard"
    full = "full"


class Method(StrEnum):
    weighted_sum = "weighted-sum"
    weighted_product = "weighted-product"
    topsis = "topsis"


class OutputFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"
    html = "html"


METHOD_HELP = (
    "How criteria values become a score: weighted-sum (points add up), weighted-product "
    "(a weak criterion costs more) or topsis (closeness to the ideal candidate)."
)
ROBUSTNESS_HELP = (
    "How far to test the advice against other weights: off; standard (how often each "
    "winner wins across sampled weightings, and each function's tipping points); full (also "
    "the stack's tipping points: a few seconds)."
)
UNIFORM_HELP = (
    "Sample every possible weighting alike, as when you have no idea of the weights, "
    "instead of weightings around yours."
)
TEMPLATE_HELP = (
    "Render this Jinja template of your own (sandboxed, given the result as plain data) "
    "instead of --format."
)


def score(
    profile: Path = typer.Argument(
        ...,
        help="The business profile (YAML).",
        metavar="PROFILE",
        show_default=False,
        readable=False,
    ),
    catalog: list[Path] = catalog_option(),
    no_default_catalog: bool = no_default_catalog_option(),
    criteria: str = criteria_option(),
    output_format: OutputFormat = typer.Option(
        OutputFormat.terminal, "--format", "-f", help="How to present the result."
    ),
    output: Path | None = output_option(),
    top: int = typer.Option(
        5, "--top", min=1, max=100, metavar="N", help="Candidates shown per function."
    ),
    as_of: datetime | None = as_of_option("prices"),
    template: Path | None = typer.Option(
        None, "--template", help=TEMPLATE_HELP, metavar="FILE", show_default=False, readable=False
    ),
    method: Method = typer.Option(Method.weighted_sum, "--method", "-m", help=METHOD_HELP),
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
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Score and rank the catalog's platforms for each function the business needs."""
    with handled_errors(quiet, verbose):
        from platform_advisor.api import advise_files
        from platform_advisor.rendering import render, render_template

        strategy, notices = advise_files(
            profile,
            catalog_paths=catalog,
            include_default_catalog=not no_default_catalog,
            criteria=criteria,
            today=today_or(as_of),
            method=cast("MethodName", method.value.replace("-", "_")),
            robustness=_request(robustness, uniform_weights, samples, seed),
        )
        for notice in notices:
            say(notice)
        if template is not None:
            emit(render_template(strategy, template, top=top), output)
        elif output_format is OutputFormat.terminal and output is None:
            from platform_advisor.rendering.terminal import print_terminal

            print_terminal(strategy, top=top)
        else:
            emit(render(strategy, output_format.value, top=top), output)


def _request(
    level: RobustnessLevel, uniform: bool, samples: int, seed: int
) -> RobustnessRequest | None:
    """The robustness analysis the options ask for."""
    from platform_advisor.algorithms.sampling import RobustnessRequest, Sampling

    if level is RobustnessLevel.off:
        return None
    sampling = Sampling(samples=samples, uniform=uniform, seed=seed)
    return RobustnessRequest(sampling, stack=level is RobustnessLevel.full)
