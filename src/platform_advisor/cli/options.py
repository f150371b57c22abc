"""The options several commands share, as ``Annotated`` types: a command names its
parameter with one of these and a default, and every command spells, explains and checks
the option alike. The choices come from `platform_advisor.contracts`."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from platform_advisor.contracts import FORMATS, METHODS, REPORT_FORMATS, option_word

# Typer offers a Literal's values as the choices. They are built from the contracts at
# run time; a type checker, which cannot see a Literal made that way, sees plain text.
if TYPE_CHECKING:
    MethodWord = str
    FormatWord = str
    ReportFormatWord = str
else:
    MethodWord = Literal[tuple(option_word(method) for method in METHODS)]
    FormatWord = Literal[FORMATS]
    ReportFormatWord = Literal[REPORT_FORMATS]

Quiet = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Print nothing on stderr but errors (no notices or progress)."
    ),
]
Verbose = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help="Also say on stderr what was read, what came from the cache and how long it took.",
    ),
]
CATALOG_VARIABLE = "ADVISOR_CATALOG"


def _no_empty_entry(
    ctx: typer.Context, param: typer.CallbackParam, value: list[Path]
) -> list[Path]:
    """An empty entry in ADVISOR_CATALOG ('mini:', '::') would be the working folder, and
    every YAML file under it read as a catalog."""
    source = ctx.get_parameter_source(param.name or "")
    raw = os.environ.get(CATALOG_VARIABLE, "")
    if source is not None and source.name == "ENVIRONMENT" and "" in raw.split(os.pathsep):
        raise typer.BadParameter(
            f"{CATALOG_VARIABLE} has an empty entry; separate its paths with one "
            f"'{os.pathsep}' and put none at either end"
        )
    return value


CatalogPaths = Annotated[
    list[Path],
    typer.Option(
        "--catalog",
        "-c",
        help="A catalog file or folder to add to the built-in catalog; repeat for more.",
        metavar="PATH",
        envvar=CATALOG_VARIABLE,  # several, separated like PATH
        readable=False,  # an unreadable file gets our own message, with exit code 1
        callback=_no_empty_entry,
    ),
]
NoDefaultCatalog = Annotated[
    bool, typer.Option("--no-default-catalog", help="Leave the built-in catalog out.")
]
CriteriaChoice = Annotated[
    str,
    typer.Option(
        "--criteria",
        help="A criteria preset name (balanced, ...) or a criteria YAML file.",
        metavar="NAME|FILE",
        envvar="ADVISOR_CRITERIA",
    ),
]
Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of stdout.",
        metavar="FILE",
        readable=False,
    ),
]
AsOf = Annotated[
    datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        metavar="YYYY-MM-DD",
        help="Judge how fresh prices are as of this date (default: today).",
        show_default=False,
    ),
]
MethodChoice = Annotated[
    MethodWord,
    typer.Option(
        "--method",
        "-m",
        help="How criteria values become a score: weighted-sum (points add up), "
        "weighted-product (a weak criterion costs more) or topsis (closeness to the ideal "
        "candidate).",
    ),
]
FormatChoice = Annotated[
    FormatWord,
    typer.Option(
        "--format",
        "-f",
        help="How to present the result.",
    ),
]
ReportFormatChoice = Annotated[
    ReportFormatWord,
    typer.Option(
        "--format",
        "-f",
        help="How to present the result; pdf needs --output.",
    ),
]
