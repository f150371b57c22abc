"""Reading a result the advisor wrote earlier (`advisor score --format json`), to compare
runs: the file's checks, then its JSON, its schema version and the result model."""

from __future__ import annotations

import json
from pathlib import Path

from platform_advisor.contracts import RESULT_SCHEMA_VERSION as SCHEMA_VERSION
from platform_advisor.errors import DataFileError, InputFileError, Location, Problem
from platform_advisor.loading.sources import display_name
from platform_advisor.loading.text_files import read_text
from platform_advisor.loading.validation import validate
from platform_advisor.models.result import Strategy


def load_result(path: Path) -> Strategy:
    """A JSON result of this advisor's schema version, or a located error."""
    display = display_name(path)
    text = read_text(path, display)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = Location(display, error.lineno, error.colno)
        problem = Problem(f"not JSON: {error.msg}", where, hint=_JSON_HINT)
        raise DataFileError([problem]) from None
    if not isinstance(data, dict) or "schema_version" not in data:
        raise InputFileError(f"{display}: not a result of advisor score --format json")
    version = data["schema_version"]
    if version != SCHEMA_VERSION:
        raise InputFileError(
            f"{display}: written with result schema {version}, and this advisor reads "
            f"{SCHEMA_VERSION}; score the profile again with this advisor to compare"
        )
    return validate(Strategy, data, text, display)


_JSON_HINT = "give the file advisor score --format json wrote"
