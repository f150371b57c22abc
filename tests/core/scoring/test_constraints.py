"""Hard constraints: each broken one is a reason, in words; rules hold where their data is."""

from __future__ import annotations

from typing import Any

import pytest

from platform_advisor.core.scoring.constraints import exclusion_reasons, rule_reasons, rules_for
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
        ({"regions": ["US"]}, {}, ["not sold in GB"]),
        ({"regions": ["EU"]}, {}, ["not sold in GB"]),
        # Rules depend on the function (rule_reasons); plans and prices on the volumes.
        ({"compliance": []}, {"compliance": ["gdpr", "hipaa"]}, []),
        ({"tiers": [{"name": "Solo", "monthly": 9, "max_users": 1}]}, {}, []),
    ],
)
def test_exclusion_reasons(
    platform_fields: dict[str, Any], constraints: dict[str, Any], reasons: list[str]
) -> None:
    platform = f.platform(**platform_fields)
    assert exclusion_reasons(platform, f.profile(constraints=constraints)) == reasons


def test_every_broken_constraint_is_listed() -> None:
    platform = f.platform(regions=["US"], compliance=[])
    profile = f.profile(constraints={"exclude_platforms": ["acme"], "ownership": ["open_source"]})
    assert exclusion_reasons(platform, profile) == [
        "excluded by name in the profile",
        "proprietary ownership is not allowed (allowed: open source)",
        "not sold in GB",
    ]


RULES = {"compliance": ["hipaa", "pci_dss", "gdpr", "soc2"]}


@pytest.mark.parametrize(
    ("data", "rules"),
    [
        ((), ()),
        (("health", "personal"), ("hipaa", "gdpr", "soc2")),
        (("card",), ("pci_dss", "soc2")),
        (("financial",), ("soc2",)),
        (("personal",), ("gdpr", "soc2")),
    ],
)
def test_a_rule_applies_to_the_functions_that_keep_its_data(
    data: tuple[str, ...], rules: tuple[str, ...]
) -> None:
    function = f.function("bookings", data=list(data))
    assert rules_for(function, f.profile(constraints=RULES)) == rules


def test_rules_missing_from_a_platform_are_one_reason() -> None:
    platform = f.platform(compliance=["gdpr"])
    assert rule_reasons(platform, ("hipaa", "gdpr", "soc2")) == [
        "no stated support for HIPAA and SOC 2"
    ]
    assert rule_reasons(platform, ("gdpr",)) == []


def test_running_software_oneself_makes_gdpr_the_operators_duty_not_hipaa() -> None:
    hosted = f.platform(
        ownership="open_source", deployment=["self_hosted"], compliance=[], tiers=[{"name": "Free"}]
    )
    assert rule_reasons(hosted, ("gdpr", "ccpa")) == []
    assert rule_reasons(hosted, ("gdpr", "hipaa")) == ["no stated support for HIPAA"]


def test_desktop_software_the_business_runs_takes_on_the_gdpr_itself() -> None:
    books = f.platform(ownership="open_source", deployment=["desktop"], compliance=[])
    assert rule_reasons(books, ("gdpr",)) == []
    hosted_too = f.platform(deployment=["desktop", "saas"], compliance=[])
    assert rule_reasons(hosted_too, ("gdpr",)) == ["no stated support for GDPR"]
