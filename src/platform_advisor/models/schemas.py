"""JSON Schemas (draft-07) of the files the advisor reads and the result it writes.

Editors use them for completion and checking as you type (the shipped YAML files name
them on their first line); other tools can validate a file without running the advisor.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel

from platform_advisor.contracts import SchemaKind

#: Results the advisor writes: their schemas describe what it serializes.
_RESULT_KINDS: tuple[SchemaKind, ...] = ("result", "comparison")
DRAFT_07 = "http://json-schema.org/draft-07/schema#"

_TITLES: dict[SchemaKind, str] = {
    "catalog": "platform-advisor catalog file",
    "criteria": "platform-advisor criteria file",
    "profile": "platform-advisor business profile",
    "result": "platform-advisor result (advisor score --format json)",
    "comparison": "platform-advisor comparison (advisor compare --format json)",
}


def _model(kind: SchemaKind) -> type[BaseModel]:
    if kind == "catalog":
        from platform_advisor.models.catalog import CatalogFile

        return CatalogFile
    if kind == "criteria":
        from platform_advisor.models.criteria import CriteriaFile

        return CriteriaFile
    if kind == "profile":
        from platform_advisor.models.profile import Profile

        return Profile
    if kind == "comparison":
        from platform_advisor.models.comparison import Comparison

        return Comparison
    from platform_advisor.models.result import Strategy

    return Strategy


def json_schema(kind: SchemaKind) -> dict[str, Any]:
    """The draft-07 JSON Schema of one kind of file."""
    mode: Literal["validation", "serialization"] = (
        "serialization" if kind in _RESULT_KINDS else "validation"
    )
    schema = _model(kind).model_json_schema(ref_template="#/definitions/{model}", mode=mode)
    definitions = schema.pop("$defs", {})
    return {
        "$schema": DRAFT_07,
        **schema,
        "title": _TITLES[kind],
        **({"definitions": definitions} if definitions else {}),
    }
