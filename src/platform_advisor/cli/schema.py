"""``advisor schema``: the JSON Schema of each kind of file, for editors and other tools."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from platform_advisor.cli.common import (
    emit,
    handled_errors,
    output_option,
    quiet_option,
    verbose_option,
)


class Kind(StrEnum):
    catalog = "catalog"
    criteria = "criteria"
    profile = "profile"
    result = "result"
    comparison = "comparison"


def schema(
    kind: Kind = typer.Argument(..., help="Which file's schema.", show_default=False),
    output: Path | None = output_option(),
    quiet: bool = quiet_option(),
    verbose: bool = verbose_option(),
) -> None:
    """Print the JSON Schema (draft-07) of a catalog, criteria, profile, result or comparison."""
    with handled_errors(quiet, verbose):
        import json

        from platform_advisor.models.schemas import json_schema

        emit(json.dumps(json_schema(kind.value), indent=2, ensure_ascii=False) + "\n", output)
