"""Reading a result the advisor wrote earlier (`advisor score --format json`), to compare
runs: the file's checks, then its JSON, its schema version and the result model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from platform_advisor.contracts import RESULT_SCHEMA_VERSION as SCHEMA_VERSION
from platform_advisor.errors import DataFileError, InputFileError, Location, Problem
from platform_advisor.loading.text_files import display_name, read_text
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
    if version in UPGRADABLE:
        data = upgraded(data)
    elif version != SCHEMA_VERSION:
        raise InputFileError(
            f"{display}: written with result schema {version}, and this advisor reads "
            f"{SCHEMA_VERSION} (and {', '.join(UPGRADABLE)}); score the profile again with "
            "this advisor to compare"
        )
    return validate(Strategy, data, text, display)


#: Result versions from before amounts had currencies: every amount was in US dollars, in
#: fields named with a _usd suffix.
UPGRADABLE = ("1.2",)
#: Fields the newer result adds, and their value for a result written in US dollars.
_US_DOLLARS: dict[str, Any] = {
    "currency": "USD",
    "symbol": "$",
    "prefix": "¤",
    "suffix": "",
    "negative_prefix": "-¤",
    "negative_suffix": "",
    "group": ",",
    "decimal": ".",
    "grouping": [3, 3],
    "digits": 2,
}


def upgraded(data: dict[str, Any]) -> dict[str, Any]:
    """A 1.2 result as the current schema reads it: the same figures, in US dollars."""
    result: dict[str, Any] = _renamed(data)
    result.update(
        schema_version=SCHEMA_VERSION,
        currency="USD",
        money_format=dict(_US_DOLLARS),
        exchange=None,
        prices_note="Amounts in US dollars (a result written before reports had currencies).",
        horizon_months=36,
    )
    result["business"]["currency"] = "USD"
    for ranked in result.get("rankings", {}).values():
        for scored in ranked:
            scored.setdefault("one_off", 0.0)
            scored.setdefault("horizon_cost", round(36 * scored.get("monthly_cost", 0.0), 2))
    for summary in (result.get("cost"), result.get("growth")):
        if isinstance(summary, dict):
            summary.setdefault("outside", [])
            for line in summary.get("lines", []):
                line.setdefault("fee_lines", [])
                line.setdefault("one_off", [])
                line.setdefault("price_evidence", "unverified")
    return result


def _renamed(value: Any) -> Any:
    """Every key ending in _usd under its stem (monthly_fixed_usd is monthly_fixed)."""
    if isinstance(value, dict):
        return {key.removesuffix("_usd"): _renamed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item) for item in value]
    return value


_JSON_HINT = "give the file advisor score --format json wrote"
