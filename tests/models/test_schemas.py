"""The published JSON Schemas: current, valid draft-07, and in agreement with the loaders.

An independent validator (jsonschema) checks every shipped file against them, and must
reject broken ones, so editors that use the schemas flag what the advisor would refuse.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from platform_advisor.contracts import SCHEMA_KINDS, SchemaKind
from platform_advisor.loading.yaml_reader import parse_yaml
from platform_advisor.models.schemas import json_schema
from tests.conftest import EXAMPLES, REPOSITORY, run_cli

SCHEMAS = REPOSITORY / "docs" / "schemas"

SHIPPED: list[tuple[SchemaKind, Path]] = [
    *(("catalog", path) for path in sorted((REPOSITORY / "catalogs").glob("*.yaml"))),
    *(("criteria", path) for path in sorted((REPOSITORY / "criteria").glob("*.yaml"))),
    *(("profile", path) for path in sorted(EXAMPLES.glob("*.yaml"))),
]


def validator(kind: SchemaKind) -> Draft7Validator:
    return Draft7Validator(json.loads((SCHEMAS / f"{kind}.schema.json").read_text("utf-8")))


def load(path: Path) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_published_schema_is_current_and_valid_draft_07(kind: SchemaKind) -> None:
    published = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    assert published == json_schema(kind), "regenerate with: make schemas"
    Draft7Validator.check_schema(published)
    assert published["$schema"] == "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_command_prints_the_published_schema(kind: SchemaKind) -> None:
    result = run_cli("schema", kind)
    assert result.exit_code == 0, result
    assert json.loads(result.stdout) == json_schema(kind)


@pytest.mark.parametrize(("kind", "path"), SHIPPED, ids=[p.name for _, p in SHIPPED])
def test_every_shipped_file_meets_its_schema(kind: SchemaKind, path: Path) -> None:
    errors = [error.message for error in validator(kind).iter_errors(load(path))]
    assert errors == []


def as_json_data(value: Any) -> Any:
    """YAML 1.1 data as a YAML-to-JSON converter hands it on: JSON has no dates, only text."""
    if isinstance(value, dict):
        return {key: as_json_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json_data(item) for item in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


@pytest.mark.parametrize(("kind", "path"), SHIPPED, ids=[p.name for _, p in SHIPPED])
def test_every_shipped_file_means_the_same_to_a_yaml_1_1_loader(
    kind: SchemaKind, path: Path
) -> None:
    """PyYAML's safe_load (as yq and pre-commit read YAML) gets what our reader gets, so the
    schema accepts the file whichever loader an editor or a maintainer's script uses."""
    text = path.read_text(encoding="utf-8")
    theirs = as_json_data(yaml.safe_load(text))
    assert [error.message for error in validator(kind).iter_errors(theirs)] == []
    assert theirs == load(path)


@pytest.mark.parametrize(("kind", "path"), SHIPPED, ids=[p.name for _, p in SHIPPED])
def test_shipped_files_name_their_schema_for_editors(kind: SchemaKind, path: Path) -> None:
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../docs/schemas/{kind}.schema.json"


def test_a_real_json_result_meets_the_result_schema() -> None:
    result = run_cli("score", str(EXAMPLES / "bakery.yaml"), "--format", "json")
    assert result.exit_code == 0, result
    assert list(validator("result").iter_errors(json.loads(result.stdout))) == []


def broken_catalog() -> dict[str, Any]:
    catalog = load(REPOSITORY / "catalogs" / "finance.yaml")
    assert isinstance(catalog, dict)
    return catalog


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda p: p.update(id="Not An Id"), "does not match"),
        (lambda p: p.pop("pricing"), "'pricing' is a required property"),
        (lambda p: p.update(ownership="freeware"), "is not one of"),
        (lambda p: p["ratings"].update(security=6), "6 is greater than the maximum of 5"),
        (lambda p: p.update(colour="blue"), "Additional properties are not allowed"),
        (lambda p: p["pricing"].update(as_of="June 2024"), "does not match"),
        (lambda p: p["pricing"]["tiers"][0].update(monthly_usd="ten"), "is not valid under any"),
    ],
    ids=["id", "missing-pricing", "ownership", "rating", "unknown-field", "as-of", "price-type"],
)
def test_schema_rejects_a_broken_catalog(breakage: Any, message: str) -> None:
    catalog = broken_catalog()
    breakage(catalog["platforms"][0])
    errors = [error.message for error in validator("catalog").iter_errors(catalog)]
    assert len(errors) == 1
    assert message in errors[0]


def test_schema_rejects_a_broken_profile() -> None:
    profile = load(EXAMPLES / "bakery.yaml")
    profile["business"]["sector"] = "bakery"
    profile["risk_tolerance"] = "none"
    errors = sorted(error.message for error in validator("profile").iter_errors(profile))
    assert len(errors) == 2
    assert all("is not one of" in message for message in errors)
