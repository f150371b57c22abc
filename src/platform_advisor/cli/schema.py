"""``advisor schema``: the JSON Schema of each kind of file, for editors and other tools."""

from __future__ import annotations

from enum import StrEnum

import typer

from platform_advisor.cli.common import emit, handled_errors
from platform_advisor.cli.options import Output, Quiet, Verbose


class Kind(StrEnum):
    catalog = "catalog"
    criteria = "criteria"
    profile = "profile"
    result = "result"
    comparison = "comparison"


def schema(
    kind: Kind = typer.Argument(
        ..., help="Which file's schema.", metavar="KIND", show_default=False
    ),
    output: Output = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Print the JSON Schema (draft-07) of a catalog, criteria, profile, result or comparison."""
    with handled_errors(quiet, verbose):
        import json

        from platform_advisor.models.schemas import json_schema

        emit(json.dumps(json_schema(kind.value), indent=2, ensure_ascii=False) + "\n", output)
