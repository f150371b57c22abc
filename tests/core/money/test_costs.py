"""What a candidate costs: the plan that fits every limit, one fee per sale at the rate of
its country and channel, local price lists, currencies, one-off and switching costs.

Every expected figure is worked out by hand from the test's own schedule."""

from __future__ import annotations

from typing import Any

import pytest

from platform_advisor.core.money.context import business_money
from platform_advisor.core.money.costs import CandidateCost, Unfit, candidate_cost, cost_words
from platform_advisor.models.catalog import Platform
from platform_advisor.models.criteria import StackTerms
from platform_advisor.models.profile import Profile
from tests import factories as f

SCHEDULE: dict[str, Any] = {"as_of": "2024-11-22", "source": "https://pay.example/fees"}


def pricing(*tiers: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "model": "subscription",
        "currency": "GBP",
        "tiers": list(tiers),
        "as_of": "2025-06",
        "source": "https://acme.example/pricing",
        **more,
    }


def till(**more: Any) -> Platform:
    """A till that processes its own cards in GB: 1.75 % in person, 1.4 % + 25p online."""
    fields: dict[str, Any] = {
        "id": "till",
        "functions": ["pos", "payments"],
        "pricing": pricing({"name": "Free", "monthly": 0}, {"name": "Plus", "monthly": 49}),
        "fees": [
            {
                "countries": ["GB"],
                "currency": "GBP",
                "rates": {
                    "card_present": {"pct": 1.75},
                    "card_online": {"pct": 1.4, "fixed": 0.25},
                },
                **SCHEDULE,
            }
        ],
    }
    return f.platform(**{**fields, **more})


def shop_profile(**channels: dict[str, Any]) -> Profile:
    return f.profile(
        business={"currency": "GBP"},
        budget={"monthly": 200},
        sales={"channels": channels},
    )


def cost(platform: Platform, profile: Profile, *functions: str, **options: Any) -> CandidateCost:
    catalog = f.catalog(platform, *options.pop("others", ()))
    money = business_money(profile, catalog, functions, StackTerms(), currency="GBP")
    found = candidate_cost(platform, list(functions), money, **options)
    assert not isinstance(found, Unfit), found
    return found


def test_cards_in_person_pay_the_in_person_rate_of_the_country() -> None:
    profile = shop_profile(card_present={"monthly": 9000, "count": 1200})
    found = cost(till(), profile, "pos")
    # 1.75 % of 9,000: card fees apply per sale, 7.50 on average, 0.13125 each.
    assert found.fees_total == pytest.approx(157.50)
    assert found.tier.name == "Free" and found.subscription == 0


def test_a_fixed_part_is_charged_per_sale() -> None:
    profile = shop_profile(card_online={"monthly": 3000, "count": 100})
    found = cost(till(functions=["ecommerce", "payments"]), profile, "ecommerce")
    assert found.fees_total == pytest.approx(0.014 * 3000 + 0.25 * 100)


def test_a_cap_limits_each_sale_and_a_foreign_share_pays_its_surcharge() -> None:
    platform = till(
        functions=["payments"],
        fees=[
            {
                "countries": ["GB"],
                "currency": "GBP",
                "rates": {"direct_debit": {"pct": 1.0, "fixed": 0.20, "cap": 4.0}},
                "cross_border_pct": 2.0,
                **SCHEDULE,
            }
        ],
    )
    profile = shop_profile(direct_debit={"monthly": 50_000, "count": 100, "foreign_share": 0.1})
    found = cost(platform, profile, "payments")
    # 500 a sale: 1 % + 0.20 = 5.20, capped at 4.00; 10 % of 50,000 pays 2 % more.
    assert found.fees_total == pytest.approx(100 * 4.0 + 5000 * 0.02)


def test_another_country_pays_its_own_schedule_or_none() -> None:
    elsewhere = f.profile(
        business={"country": "IE", "currency": "GBP"},
        sales={"channels": {"card_present": {"monthly": 1000, "count": 10}}},
    )
    found = cost(till(), elsewhere, "pos")
    assert found.fees_total == 0  # no schedule for IE and no other processor to estimate from
    assert found.fees == ()


def test_a_plan_is_chosen_on_every_limit_that_binds() -> None:
    email = f.platform(
        id="mailer",
        functions=["email_marketing"],
        pricing=pricing(
            {"name": "Free", "monthly": 0, "limits": {"contacts": 250}},
            {"name": "Essentials", "monthly": 20, "limits": {"contacts": 5000}},
            {"name": "Pro", "monthly": 300},
        ),
    )
    small = f.profile(volumes={"contacts": 200}, business={"currency": "GBP"})
    large = f.profile(volumes={"contacts": 3600}, business={"currency": "GBP"})
    huge = f.profile(volumes={"contacts": 90_000}, business={"currency": "GBP"})
    assert cost(email, small, "email_marketing").tier.name == "Free"
    assert cost(email, large, "email_marketing").tier.name == "Essentials"
    assert cost(email, huge, "email_marketing").tier.name == "Pro"


def test_contacts_are_estimated_from_online_sales_when_not_given() -> None:
    email = f.platform(
        id="mailer",
        functions=["email_marketing"],
        pricing=pricing(
            {"name": "Free", "monthly": 0, "limits": {"contacts": 250}},
            {"name": "Paid", "monthly": 20},
        ),
    )
    profile = shop_profile(card_online={"monthly": 50_000, "count": 3600})
    assert cost(email, profile, "email_marketing").tier.name == "Paid"


def test_a_plan_that_cannot_perform_the_function_is_never_chosen() -> None:
    site = f.platform(
        id="site",
        functions=["website", "ecommerce"],
        pricing=pricing(
            {"name": "Personal", "monthly": 11, "capabilities": ["website"]},
            {"name": "Commerce", "monthly": 27},
        ),
    )
    profile = shop_profile(card_online={"monthly": 1000, "count": 10})
    assert cost(site, profile, "website").tier.name == "Personal"
    assert cost(site, profile, "ecommerce").tier.name == "Commerce"


def test_no_plan_that_fits_says_why() -> None:
    erp = f.platform(
        id="erp",
        functions=["erp", "accounting"],
        pricing=pricing({"name": "One app", "monthly": 0, "limits": {"apps": 1}}),
    )
    catalog = f.catalog(erp)
    money = business_money(
        f.profile(), catalog, ["erp", "accounting"], StackTerms(), currency="GBP"
    )
    found = candidate_cost(erp, ["erp", "accounting"], money)
    assert isinstance(found, Unfit)
    assert found.reason == "its only plan, One app admits 1 apps, the business has 2"


def test_payroll_is_priced_per_person_paid() -> None:
    payroll = f.platform(
        id="payroll",
        functions=["payroll"],
        pricing=pricing(
            {
                "name": "Simple",
                "monthly": 49,
                "per_unit": [{"unit": "employee_paid", "price": 6}],
            }
        ),
    )
    profile = f.profile(business={"employees": 40, "currency": "GBP"}, seats=2)
    assert cost(payroll, profile, "payroll").subscription == 49 + 6 * 40


def test_a_local_price_list_is_used_as_it_is_and_others_are_converted() -> None:
    site = f.platform(
        id="site",
        functions=["website"],
        pricing={
            **pricing({"name": "Basic", "monthly": 19}),
            "currency": "USD",
            "local": [
                {
                    "countries": ["GB"],
                    "currency": "GBP",
                    "monthly": {"Basic": 11},
                    "as_of": "2025-06",
                    "source": "https://acme.example/gb/pricing",
                }
            ],
        },
    )
    gb = f.profile(business={"currency": "GBP"})
    de = f.profile(business={"country": "DE", "currency": "EUR"})
    for profile, currency, expected in ((gb, "GBP", 11.0), (de, "EUR", 19 * 0.9)):
        catalog = f.catalog(site)
        money = business_money(profile, catalog, ["website"], StackTerms())
        found = candidate_cost(site, ["website"], money)
        assert not isinstance(found, Unfit)
        assert money.currency == currency
        assert found.subscription == pytest.approx(expected)


def test_hardware_is_paid_per_location_and_only_for_its_function() -> None:
    platform = till(
        pricing=pricing(
            {"name": "Free", "monthly": 0},
            one_off=[
                {
                    "item": "hardware",
                    "label": "Card reader",
                    "amount": 19,
                    "currency": "GBP",
                    "per": "location",
                    "functions": ["pos"],
                }
            ],
        )
    )
    profile = f.profile(business={"currency": "GBP"}, volumes={"locations": 3})
    assert cost(platform, profile, "pos").one_off_total == 57
    assert cost(platform, profile, "payments").one_off_total == 0
    assert cost(platform, profile, "pos", in_use=True).one_off_total == 0


def test_replacing_a_platform_in_use_costs_the_hours_of_switching() -> None:
    profile = f.profile(business={"currency": "GBP"}, budget={"monthly": 200, "hourly_rate": 40})
    other = f.platform(id="old-till", functions=["pos"])
    found = cost(till(), profile, "pos", incumbents=["old-till"], others=[other])
    (line,) = found.one_off
    # The taxonomy's estimate for the function in tests is the default 8 hours, at 40 an hour.
    assert (line.item, line.amount, line.label) == ("migration", 8 * 40, "Moving from Acme")


def test_the_cost_says_its_basis() -> None:
    profile = shop_profile(card_present={"monthly": 9000, "count": 1200})
    found = cost(till(), profile, "pos")
    catalog = f.catalog(till())
    money = business_money(profile, catalog, ["pos"], StackTerms(), currency="GBP")
    assert cost_words(found, money) == (
        "Free plan for 3 users; £158 fees on cards in person at 1.75%"
    )


def test_e_invoicing_comes_inside_the_books_app_and_takes_no_app_of_its_own() -> None:
    books = f.platform(
        id="books",
        functions=["accounting", "e_invoicing"],
        pricing=pricing({"name": "One app", "monthly": 0, "limits": {"apps": 1}}),
    )
    taxonomy = (
        f.function("accounting"),
        f.function("e_invoicing").model_copy(update={"within": "accounting"}),
    )
    catalog = f.catalog(books, functions=taxonomy)
    both = ["accounting", "e_invoicing"]
    money = business_money(f.profile(), catalog, both, StackTerms(), currency="GBP")
    found = candidate_cost(books, both, money)
    assert not isinstance(found, Unfit)
    assert found.tier.name == "One app"


def test_what_the_business_already_hosts_costs_no_hosting() -> None:
    """Self-hosted software is charged our hosting estimate, unless the business runs a
    server of its own; a web host it pays for takes a website, not a CRM."""

    def self_hosted(pid: str, function: str) -> Platform:
        return f.platform(
            id=pid,
            functions=[function],
            deployment=["self_hosted"],
            pricing=pricing({"name": "Free", "monthly": 0}, hosting_monthly_usd=10),
        )

    site, crm = self_hosted("site", "website"), self_hosted("crm", "crm")
    plain = f.profile()
    server = f.profile(infrastructure=["own_server"])
    web_host = f.profile(infrastructure=["shared_hosting"])
    assert cost(site, plain, "website").hosting == pytest.approx(8.0)  # US$10 at 0.80
    assert cost(site, server, "website").hosting == 0
    assert cost(crm, server, "crm").hosting == 0
    assert cost(site, web_host, "website").hosting == 0
    assert cost(crm, web_host, "crm").hosting == pytest.approx(8.0)
    words = cost_words(cost(site, server, "website"), f.money(f.catalog(site), server))
    assert "no hosting to pay: it runs on its own server" in words
