"""Reading a result the advisor wrote earlier (`advisor score --format json`), to compare
runs: the file's checks, then its JSON, its schema version and the result model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from platform_advisor.contracts import RESULT_SCHEMA_VERSION as SCHEMA_VERSION
from platform_advisor.core.inputs.references import check_result
from platform_advisor.errors import DataFileError, InputFileError, Location, Problem
from platform_advisor.loading.sources import Source, raise_located
from platform_advisor.loading.text_files import display_name, read_text
from platform_advisor.loading.validation import validate
from platform_advisor.loading.yaml_reader import (
    MAX_DEPTH,
    flow_bracket_past_limit,
    too_many_digits,
)
from platform_advisor.models.result import Strategy


def load_result(path: Path) -> Strategy:
    """A JSON result of this advisor's schema version, or a located error; a result whose
    parts disagree (edited by hand) is refused where they do."""
    display = display_name(path)
    text = read_text(path, display)
    data = _parsed(text, display)
    if not isinstance(data, dict) or "schema_version" not in data:
        raise InputFileError(f"{display}: not a result of advisor score --format json")
    version = data["schema_version"]
    if version in UPGRADABLE:
        data = upgraded(data)
    elif version in SAME_MAJOR:
        data = {**data, "schema_version": SCHEMA_VERSION}
    elif version != SCHEMA_VERSION:
        raise InputFileError(
            f"{display}: written with result schema {version}, and this advisor reads "
            f"{SCHEMA_VERSION} (and {', '.join((*SAME_MAJOR, *UPGRADABLE))}); score the "
            "profile again with this advisor to compare"
        )
    strategy = validate(Strategy, data, text, display)
    raise_located(check_result(strategy, display), {display: Source(display, text)})
    return strategy


def _parsed(text: str, display: str) -> Any:
    """The JSON's data; nesting past the limit and numbers past Python's are refused where
    they are, before the parser recurses into them or converts them."""
    deep = flow_bracket_past_limit(text, 0, 0, MAX_DEPTH)
    if deep is not None:
        problem = Problem(f"nested deeper than {MAX_DEPTH} levels", _where(text, deep, display))
        raise DataFileError([problem])

    def whole(digits: str) -> int:
        message = too_many_digits(digits)
        if message is not None:
            raise DataFileError([Problem(message, _where(text, text.find(digits), display))])
        return int(digits)

    try:
        return json.loads(text, parse_int=whole)
    except json.JSONDecodeError as error:
        where = Location(display, error.lineno, error.colno)
        problem = Problem(f"not JSON: {error.msg}", where, hint=_JSON_HINT)
        raise DataFileError([problem]) from None


def _where(text: str, index: int, display: str) -> Location:
    line = text.count("\n", 0, index) + 1
    return Location(display, line, index - (text.rfind("\n", 0, index) + 1) + 1)


#: Result versions from before amounts had currencies: every amount was in US dollars, in
#: fields named with a _usd suffix.
UPGRADABLE = ("1.2",)
#: Earlier minor versions of this schema: they lack only fields added since, all optional.
SAME_MAJOR = ("2.0",)
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
