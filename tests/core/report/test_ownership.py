"""The cost of ownership says which fees it cannot price, rather than counting them as free."""

from __future__ import annotations

from collections.abc import Mapping

from platform_advisor.core.report.ownership import cost_of_ownership
from platform_advisor.models.result import StackItem
from tests import factories as f


def store_only(sales: Mapping[str, Mapping[str, int]]) -> tuple[str, ...]:
    catalog = f.catalog(
        f.platform(id="store", name="Store", vendor="Store Co", functions=["ecommerce"],
                   tiers=[{"name": "Plan", "monthly_usd": 29}]),
    )  # fmt: skip
    profile = f.profile(budget={"monthly": 300}, sales={"channels": sales})
    money = f.money(catalog, profile, needs=("ecommerce",))
    item = StackItem.model_construct(function="ecommerce", platform="store", name="Store",
                                     score=80.0, vendor="Store Co")  # fmt: skip
    return cost_of_ownership((item,), catalog, profile, money).unpriced


def test_card_sales_no_platform_of_the_catalog_prices_are_named_and_left_out() -> None:
    unpriced = store_only({"card_online": {"monthly": 3000, "count": 60}})
    assert len(unpriced) == 1
    assert unpriced[0].startswith("Cards online: US$3,000 a month")
    assert "no schedule for in GB" in unpriced[0]


def test_cash_and_bank_transfers_are_free_not_unpriced() -> None:
    sales = {"cash": {"monthly": 500, "count": 40}, "bank_transfer": {"monthly": 900, "count": 3}}
    assert store_only(sales) == ()
