"""The shipped examples' money, worked out by hand from the vendors' own schedules as the
catalog records them (each with its page and date), in the client's currency.

Each test states the sum a consultant would do on paper; the report must print the same.
"""

from __future__ import annotations

from datetime import date

import pytest

from platform_advisor.api import advise_files
from platform_advisor.models.result import CostLine, Strategy
from tests.conftest import EXAMPLES

TODAY = date(2026, 12, 6)


def advice(name: str) -> Strategy:
    strategy, _ = advise_files(EXAMPLES / f"{name}.yaml", today=TODAY, robustness=None)
    return strategy


def line(strategy: Strategy, platform: str) -> CostLine:
    return next(line for line in strategy.cost.lines if line.platform == platform)


def chosen(strategy: Strategy) -> dict[str, str]:
    return {item.function: item.platform for item in strategy.stack}


def test_a_uk_cafe_keeps_its_square_till_at_square_s_uk_in_person_rate() -> None:
    """Square's GB fee schedule (squareup.com/gb/legal/general/fees, 22 November 2024):
    1.75% per card payment in person. £12,000 a month over the counter pays
    12,000 × 1.75% = £210.00; the till is in use, so nothing to buy or move."""
    cafe = advice("uk-cafe")
    assert cafe.currency == "GBP"
    assert chosen(cafe)["pos"] == "square"
    square = line(cafe, "square")
    assert square.fees == pytest.approx(210.00)
    assert [(fee.channel, fee.pct) for fee in square.fee_lines] == [("card_present", 1.75)]
    assert square.fee_lines[0].amount == pytest.approx(210.00)
    assert (square.subscription, square.setup) == (0.0, 0.0)
    assert cafe.cost.monthly_fees == pytest.approx(210.00)  # cash pays no fee


def test_a_us_online_shop_pays_one_fee_per_sale_on_the_shopify_plan_that_costs_least() -> None:
    """Shopify's US plans with Shopify Payments, online: Basic $29 and 2.9% + 30¢, Grow $79
    and 2.7% + 30¢, Advanced $299 and 2.5% + 30¢. 600 orders of $50 a month:
    Basic 29 + 600 × (1.45 + 0.30) = $1,079; Grow 79 + 600 × (1.35 + 0.30) = $1,069;
    Advanced 299 + 600 × (1.25 + 0.30) = $1,229. Grow costs least; its fees, $990, are
    the only fees: Shopify processes its own sales, so no processor charges them again."""
    shop = advice("us-online-shop")
    assert chosen(shop)["ecommerce"] == chosen(shop)["payments"] == "shopify"
    shopify = line(shop, "shopify")
    assert shopify.plan.startswith("Grow plan")
    assert shopify.subscription == 79.0
    assert shopify.fees == pytest.approx(990.00)
    assert shop.cost.monthly_fees == pytest.approx(990.00)


def test_a_french_bakery_with_three_shops_counts_in_euros() -> None:
    """Square's French rate (1.65% in person) on €45,000 a month: €742.50. SumUp's French
    rate is 1.75%: €787.50. Square's card reader is priced only for the US in the catalog
    (US$59), so that price stands in, converted at the ECB rate of the table and said so:
    3 shops × 59 × 0.88739 = €157.07."""
    bakery = advice("french-bakery")
    assert (bakery.currency, bakery.money_format.symbol) == ("EUR", "€")
    assert chosen(bakery)["pos"] == "square"
    square = line(bakery, "square")
    assert square.fees == pytest.approx(742.50)
    readers = square.one_off[0]
    assert readers.amount == pytest.approx(3 * 59 * 0.88739, abs=0.01)
    assert "the catalog has none for FR" in readers.basis
    sumup = next(s for s in bakery.rankings["pos"] if s.platform == "sumup")
    assert sumup.fees == pytest.approx(787.50)


def test_an_indian_brand_pays_no_fee_on_upi_and_shopify_s_own_fee_on_every_order() -> None:
    """₹9,00,000 a month by UPI and ₹6,00,000 by card, through Paytm for Business: UPI from
    a bank account carries no MDR (0%), cards 1.99%: 6,00,000 × 1.99% = ₹11,940. Shopify
    has no payments of its own in India, so its Grow plan adds its 1% fee on every order
    paid through another provider: 15,00,000 × 1% = ₹15,000."""
    brand = advice("indian-brand")
    assert brand.currency == "INR"
    assert chosen(brand)["payments"] != "shopify"
    assert chosen(brand)["ecommerce"] == "shopify"
    processor = line(brand, chosen(brand)["payments"])
    assert processor.platform == "paytm-for-business"
    by_channel = {fee.channel: fee.amount for fee in processor.fee_lines}
    assert by_channel == {"card_online": pytest.approx(11940), "instant_payment": 0.0}
    shopify = line(brand, "shopify")
    assert shopify.plan.startswith("Grow plan")
    assert shopify.fees == pytest.approx(15000)
    assert brand.cost.monthly_fees == pytest.approx(26940)


def test_a_us_wholesaler_runs_a_per_user_erp_set_up_by_a_partner() -> None:
    """Odoo's Standard plan at $24.90 per user a month for 25 users: $622.50, for its ERP,
    accounting, inventory and CRM on one plan (no second product for what the ERP
    includes: QuickBooks Online, in use, is replaced, as its subscription is saved); a
    partner implementation of $5,000 (the catalog's figure, marked unverified) and moving
    the books, 24 hours at $50, in the first year."""
    wholesaler = advice("us-wholesaler")
    stack = chosen(wholesaler)
    assert set(stack.values()) == {"odoo-online"}
    odoo = line(wholesaler, "odoo-online")
    assert odoo.subscription == pytest.approx(25 * 24.90)
    assert [(item.item, item.amount) for item in odoo.one_off] == [
        ("implementation", 5000.0),
        ("migration", 24 * 50.0),
    ]
    monthly = wholesaler.cost.monthly_total
    assert wholesaler.cost.year_one == pytest.approx(12 * monthly + wholesaler.cost.setup, abs=0.5)


def test_a_freelancer_pays_the_marketplace_commission_on_a_third_of_her_income() -> None:
    """€1,700 of her €5,100 a month comes through Upwork, whose service fee is 10% of what
    the client pays: €170. The €3,400 invoiced directly and paid by bank transfer pays no
    platform fee."""
    freelancer = advice("freelance-designer")
    assert freelancer.currency == "EUR"
    assert chosen(freelancer)["freelance_marketplace"] == "upwork"
    upwork = line(freelancer, "upwork")
    assert [(fee.channel, fee.pct) for fee in upwork.fee_lines] == [("marketplace", 10.0)]
    assert upwork.fee_lines[0].amount == pytest.approx(170.0)
    assert freelancer.cost.monthly_fees == pytest.approx(170.0)


def test_the_bakery_pays_square_s_uk_rate_and_uber_eats_commission_once() -> None:
    """The shipped bakery: £7,200 over the counter at Square's 1.75% = £126.00; £1,200 of
    delivery-app orders at Uber Eats' commission as the catalog records it for GB."""
    bakery = advice("bakery")
    square = line(bakery, "square")
    assert square.fees == pytest.approx(126.00)
    app = line(bakery, chosen(bakery)["food_delivery"])
    assert [fee.channel for fee in app.fee_lines] == ["delivery_app"]
    assert bakery.cost.monthly_fees == pytest.approx(square.fees + app.fees)
