"""Hard constraints: each broken one is a reason, in words."""

from __future__ import annotations

from typing import Any

import pytest

from platform_advisor.core.scoring.constraints import exclusion_reasons
from tests import factories as f


@pytest.mark.parametrize(
    ("platform_fields", "constraints", "reasons"),
    [
        ({}, {}, []),
        ({}, {"exclude_platforms": ["acme"]}, ["excluded by name in the profile"]),
        ({}, {"exclude_vendors": ["ACME LTD"]}, ["its vendor, Acme Ltd, is excluded"]),
        (
            {},
            {"ownership": ["open_source", "hybrid"]},
            ["proprietary ownership is not allowed (allowed: open source, hybrid)"],
        ),
        (
            {"deployment": ["self_hosted"]},
            {"deployment": ["saas"]},
            ["runs only as self hosted (allowed: saas)"],
        ),
        (
            {"compliance": ["gdpr"]},
            {"compliance": ["gdpr", "hipaa"]},
            ["no stated support for HIPAA"],
        ),
        ({"regions": ["US"]}, {}, ["not offered in GB"]),
        (
            {"tiers": [{"name": "Pro", "monthly_usd": 200}]},
            {"max_monthly_usd": 150},
            ["costs $200 a month for 3 users, above the $150 ceiling"],
        ),
        ({"tiers": [{"name": "Solo", "max_users": 1}]}, {}, ["no plan admits 3 users"]),
    ],
)
def test_exclusion_reasons(
    platform_fields: dict[str, Any], constraints: dict[str, Any], reasons: list[str]
) -> None:
    platform = f.platform(**platform_fields)
    assert exclusion_reasons(platform, f.profile(constraints=constraints)) == reasons


def test_every_broken_constraint_is_listed() -> None:
    platform = f.platform(regions=["US"], compliance=[])
    profile = f.profile(constraints={"compliance": ["gdpr"], "ownership": ["open_source"]})
    assert exclusion_reasons(platform, profile) == [
        "proprietary ownership is not allowed (allowed: open source)",
        "no stated support for GDPR",
        "not offered in GB",
    ]
