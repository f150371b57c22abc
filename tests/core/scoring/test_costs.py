"""Monthly cost: the cheapest plan that admits the team, fees and hosting."""

from __future__ import annotations

import pytest

from platform_advisor.core.scoring.costs import (
    cheapest_tier,
    describe_cost,
    monthly_cost,
    tier_price,
)
from platform_advisor.models.catalog import Tier
from tests import factories as f

TIERS = [
    {"name": "Free", "monthly_usd": 0, "max_users": 2},
    {"name": "Team", "monthly_usd": 20, "users_included": 3, "per_user_usd": 8},
    {"name": "Flat", "monthly_usd": 90},
]


@pytest.mark.parametrize(
    ("users", "tier", "price"),
    [(1, "Free", 0), (2, "Free", 0), (3, "Team", 20), (10, "Team", 76), (20, "Flat", 90)],
)
def test_cheapest_tier_that_admits_the_team(users: int, tier: str, price: float) -> None:
    platform = f.platform(tiers=TIERS)
    chosen = cheapest_tier(platform, users)
    assert (chosen.name, tier_price(chosen, users)) == (tier, price)


def test_minimum_seats_are_charged() -> None:
    tier = Tier(name="Pro", monthly_usd=0, users_included=0, per_user_usd=10, min_users=3)
    assert tier_price(tier, 1) == 30


def test_the_largest_plan_when_none_admits_the_team() -> None:
    platform = f.platform(tiers=[{"name": "Solo", "max_users": 1}, {"name": "Duo", "max_users": 2}])
    assert cheapest_tier(platform, 5).name == "Duo"


def test_fees_apply_only_where_sales_pass_through() -> None:
    platform = f.platform(
        tiers=[
            {
                "name": "Shop",
                "monthly_usd": 30,
                "transaction_fee_pct": 2,
                "transaction_fee_usd": 0.3,
            }
        ]
    )
    profile = f.profile(sales={"monthly_usd": 10_000, "monthly_orders": 200})
    selling = monthly_cost(platform, profile, f.function("ecommerce", takes_payments=True))
    assert (selling.subscription_usd, selling.fees_usd, selling.total_usd) == (30, 260, 290)
    internal = monthly_cost(platform, profile, f.function("crm"))
    assert internal.total_usd == 30


def test_self_hosting_adds_the_hosting_estimate() -> None:
    platform = f.platform(
        deployment=["self_hosted"],
        tiers=[{"name": "Community"}],
        pricing={
            "model": "free",
            "tiers": [{"name": "Community"}],
            "hosting_monthly_usd": 25,
            "as_of": "2025-01",
            "source": "https://acme.example",
        },
    )
    cost = monthly_cost(platform, f.profile(), None)
    assert (cost.fixed_usd, describe_cost(cost, 3)) == (
        25,
        "Community plan for 3 users; $25 estimated hosting",
    )
