"""What a person sees when a file is wrong: exact messages with file, line and column."""

from __future__ import annotations

import pytest

from platform_advisor.errors import DataFileError
from platform_advisor.loading.sources import load_model
from platform_advisor.models.catalog import CatalogFile
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.profile import Profile
from tests.conftest import SHOP_PROFILE, WriteYaml

PLATFORM = """\
platforms:
  - id: acme
    name: Acme
    vendor: Acme Ltd
    url: https://acme.example
    functions: [crm]
    ownership: proprietary
    deployment: [saas]
    pricing:
      model: subscription
      tiers: [{name: Basic, monthly_usd: 10}]
      as_of: "2025-06"
      source: https://acme.example/pricing
    ratings: {ease_of_use: 4, integrations: 3, automation: 2, customization: 2, scalability: 3, data_portability: 3, security: 3, support: 3, reach: 0}
    skill_required: basic
    last_reviewed: "2026-11-01"
"""


def catalog_problems(write_yaml: WriteYaml, old: str, new: str) -> list[str]:
    assert old in PLATFORM, old
    path = write_yaml("catalog.yaml", PLATFORM.replace(old, new))
    with pytest.raises(DataFileError) as caught:
        load_model(CatalogFile, path)
    shown = str(path)
    return [str(problem).replace(shown, "catalog.yaml") for problem in caught.value.problems]


def test_the_fixture_entry_is_valid(write_yaml: WriteYaml) -> None:
    content, _ = load_model(CatalogFile, write_yaml("catalog.yaml", PLATFORM))
    assert content.platforms[0].id == "acme"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "ease_of_use: 4",
            "ease_of_use: 7",
            "catalog.yaml:14:28: platforms[0].ratings.ease_of_use: must be at most 5 (got 7)",
        ),
        (
            "ease_of_use: 4",
            "ease_of_use: -1",
            "catalog.yaml:14:28: platforms[0].ratings.ease_of_use: must be at least 0 (got -1)",
        ),
        (
            "ease_of_use: 4",
            "ease_of_use: four",
            "catalog.yaml:14:28: platforms[0].ratings.ease_of_use: must be a whole number (got 'four')",
        ),
        (
            "ease_of_use: 4",
            "ease_of_use: true",
            "catalog.yaml:14:28: platforms[0].ratings.ease_of_use: must be a whole number (got true)",
        ),
        (
            "monthly_usd: 10",
            "monthly_usd: .nan",
            "catalog.yaml:11:42: platforms[0].pricing.tiers[0].monthly_usd: must be a finite number (got nan)",
        ),
        (
            "monthly_usd: 10",
            "monthly_usd: 1e400",
            "catalog.yaml:11:42: platforms[0].pricing.tiers[0].monthly_usd: must be a finite number (got inf)",
        ),
        (
            "monthly_usd: 10",
            "monthly_usd: -5",
            "catalog.yaml:11:42: platforms[0].pricing.tiers[0].monthly_usd: must be at least 0 (got -5)",
        ),
        (
            "    skill_required: basic\n",
            "    skill_required: basic\n    licence: MIT\n",
            "catalog.yaml:16:5: platforms[0]: unknown field 'licence' (allowed: id, name, vendor, url,"
            " kind, network_kind, trades, brings, aliases, functions, ownership, deployment,"
            " pricing, ratings, skill_required,"
            " integrates_with, channels, sectors, compliance, regions, fees, compliance_source, gatekeeper, last_reviewed, notes)",
        ),
        (
            "    skill_required: basic\n",
            "    skill_required: basic\n    note: typo\n",
            "catalog.yaml:16:5: platforms[0]: unknown field 'note' (did you mean 'notes'?)",
        ),
        (
            "ownership: proprietary",
            "ownership: propietary",
            "catalog.yaml:7:16: platforms[0].ownership: must be one of proprietary, open_source,"
            " hybrid (got 'propietary') (did you mean 'proprietary'?)",
        ),
        (
            "    vendor: Acme Ltd\n",
            "",
            "catalog.yaml:2:5: platforms[0]: missing required field 'vendor'",
        ),
        (
            "name: Acme",
            "name: 1.10",
            'catalog.yaml:3:11: platforms[0].name: must be text (got 1.1) (quote it: "1.10")',
        ),
        (
            'as_of: "2025-06"',
            "as_of: June 2025",
            "catalog.yaml:12:14: platforms[0].pricing.as_of: must be a date written"
            " YYYY-MM-DD or YYYY-MM, e.g. '2024-11-22' (got 'June 2025')",
        ),
        (
            "id: acme",
            "id: Acme CRM",
            "catalog.yaml:2:9: platforms[0].id: must be a platform id: lowercase letters, digits"
            " and hyphens, e.g. 'hubspot-crm' (got 'Acme CRM')",
        ),
        (
            "functions: [crm]",
            "functions: []",
            "catalog.yaml:6:16: platforms[0].functions: must have at least 1 item",
        ),
        (
            "functions: [crm]",
            "functions: [crm, crm]",
            "catalog.yaml:6:16: platforms[0].functions: lists 'crm' more than once",
        ),
        (
            "functions: [crm]",
            "functions: crm",
            "catalog.yaml:6:16: platforms[0].functions: must be a list (got 'crm')",
        ),
        (
            'last_reviewed: "2026-11-01"',
            'last_reviewed: "2026-02-30"',
            "catalog.yaml:16:20: platforms[0].last_reviewed: is no day of the calendar"
            " (got '2026-02-30')",
        ),
        (
            "url: https://acme.example",
            "url: acme.example",
            "catalog.yaml:5:10: platforms[0].url: must be a web address starting with https://"
            " (got 'acme.example')",
        ),
    ],
)
def test_catalog_problems(write_yaml: WriteYaml, old: str, new: str, expected: str) -> None:
    assert catalog_problems(write_yaml, old, new) == [expected]


def test_every_problem_in_a_file_is_reported_at_once(write_yaml: WriteYaml) -> None:
    text = PLATFORM.replace("ease_of_use: 4", "ease_of_use: 9").replace("reach: 0", "reach: 6")
    path = write_yaml("catalog.yaml", text.replace("ownership: proprietary", "ownership: closed"))
    with pytest.raises(DataFileError) as caught:
        load_model(CatalogFile, path)
    assert [p.field for p in caught.value.problems] == [
        "platforms[0].ownership",
        "platforms[0].ratings.ease_of_use",
        "platforms[0].ratings.reach",
    ]


def test_wrong_top_level_shape(write_yaml: WriteYaml) -> None:
    path = write_yaml("list.yaml", "- id: acme\n")
    with pytest.raises(DataFileError) as caught:
        load_model(CatalogFile, path)
    assert str(caught.value).endswith(
        "list.yaml:1:1: the file holds a list; expected a mapping with the fields"
        " functions, sales_channels, exchange_rates, channels, flows, platforms"
    )


def test_profile_problems_are_located(write_yaml: WriteYaml) -> None:
    text = SHOP_PROFILE.read_text(encoding="utf-8")
    text = text.replace("risk_tolerance: low", "risk_tolerance: lo").replace(
        "employees: 3", "employees: -1"
    )
    path = write_yaml("profile.yaml", text)
    with pytest.raises(DataFileError) as caught:
        load_model(Profile, path)
    messages = [str(p).replace(str(path), "profile.yaml") for p in caught.value.problems]
    assert messages == [
        "profile.yaml:4:14: business.employees: must be at least 0 (got -1)",
        "profile.yaml:11:17: risk_tolerance: must be one of low, medium, high (got 'lo')"
        " (did you mean 'low'?)",
    ]


def test_country_code_norway_is_not_false(write_yaml: WriteYaml) -> None:
    text = SHOP_PROFILE.read_text(encoding="utf-8").replace("country: GB", "country: NO")
    profile, _ = load_model(Profile, write_yaml("profile.yaml", text))
    assert profile.business.country == "NO"


def test_criteria_rating_evaluator_needs_a_rating(write_yaml: WriteYaml) -> None:
    path = write_yaml(
        "criteria.yaml",
        """
        name: x
        criteria:
          - {id: ease, label: Ease, evaluator: rating, weight: 1}
        goals:
          g: {label: G}
        """,
    )
    with pytest.raises(DataFileError) as caught:
        load_model(Criteria, path)
    assert [str(p).replace(str(path), "criteria.yaml") for p in caught.value.problems] == [
        "criteria.yaml:3:5: criteria[0]: the 'rating' evaluator needs a 'rating' field naming"
        " which rating"
    ]


def test_a_flood_of_errors_is_explained_whole(write_yaml: WriteYaml) -> None:
    entries = "".join(f"  - {{id: p{n}, functions: []}}\n" for n in range(3000))
    path = write_yaml("flood.yaml", "platforms:\n" + entries)
    with pytest.raises(DataFileError) as caught:
        load_model(CatalogFile, path)
    problems = caught.value.problems
    assert len(problems) == 3000 * 10  # nine missing fields and one empty list each
    empty = [str(p) for p in problems if p.field == "platforms[2999].functions"]
    assert empty == [f"{path}:3001:28: platforms[2999].functions: must have at least 1 item"]
