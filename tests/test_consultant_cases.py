"""Businesses a consultant would sign for: each test states what an experienced SMB
consultant expects of the report for one business (tests/fixtures/businesses/), and
checks the advice gives it, whatever the scores of the day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from platform_advisor.api import advise_files
from platform_advisor.core.report.stack_terms import serving
from platform_advisor.core.scoring.constraints import rules_for
from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.loading.sources import load_model
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import Strategy
from tests.conftest import run_cli

BUSINESSES = Path(__file__).parent / "fixtures" / "businesses"
EXAMPLES = Path(__file__).parent.parent / "examples"
TODAY = date(2026, 12, 6)


def advice(path: Path) -> tuple[Strategy, tuple[str, ...]]:
    return advise_files(path, today=TODAY, robustness=None)


def chosen(strategy: Strategy) -> dict[str, str]:
    return {item.function: item.platform for item in strategy.stack}


def profile(path: Path) -> Profile:
    return load_model(Profile, path)[0]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(()).catalog


def test_a_uk_cafe_keeps_its_square_till_and_is_listed_on_the_map() -> None:
    cafe, _ = advice(EXAMPLES / "uk-cafe.yaml")
    stack = chosen(cafe)
    assert stack["pos"] == "square"
    assert stack["local_listings"] == "google-business-profile"
    assert not any(item.replaces for item in cafe.stack)


def test_a_listing_that_reaches_none_of_the_audience_is_never_bought_for_its_links(
    catalog: Catalog,
) -> None:
    """Trustpilot reaches web search, not the maps where the cafe's customers look; its
    links to the rest of the stack must not buy it the cafe's listing."""
    cafe, _ = advice(EXAMPLES / "uk-cafe.yaml")
    listings = cafe.rankings["local_listings"]
    served = serving(listings, catalog, "local_listings", profile(EXAMPLES / "uk-cafe.yaml"))
    offered = {s.platform for s in served}
    assert "trustpilot" in {s.platform for s in cafe.rankings["local_listings"]}
    assert "trustpilot" not in offered
    assert "google-business-profile" in offered


def test_a_us_physio_clinic_under_hipaa_gets_a_report_with_the_rule_where_the_health_data_is(
    catalog: Catalog,
) -> None:
    path = BUSINESSES / "us-physio-clinic.yaml"
    clinic, _ = advice(path)
    stack = chosen(clinic)
    assert set(stack) >= {"practice_management", "booking", "local_listings", "payroll"}
    for function in ("practice_management", "booking", "patient_engagement"):
        assert rules_for(catalog.functions[function], profile(path)) == ("hipaa",)
    for function in ("local_listings", "accounting", "payroll", "payments"):
        assert rules_for(catalog.functions[function], profile(path)) == ()
    # Each platform holding health data is on a plan that offers a BAA, where the catalog
    # records contracts plan by plan.
    for item in clinic.stack:
        if item.function not in ("practice_management", "booking", "patient_engagement"):
            continue
        platform = catalog.platforms[item.platform]
        line = next(line for line in clinic.cost.lines if line.platform == item.platform)
        tier = next(t for t in platform.pricing.tiers if line.plan.startswith(f"{t.name} plan"))
        recorded = any(t.compliance for t in platform.pricing.tiers)
        assert "hipaa" in (tier.compliance if recorded else platform.compliance)


def test_a_free_booking_plan_without_a_baa_does_not_serve_a_hipaa_practice() -> None:
    """SimplyBook.me offers its HIPAA contract on Premium only, Cal.com on its paid plans:
    a practice under HIPAA is costed on those, never on Free."""
    clinic, _ = advice(BUSINESSES / "us-physio-clinic.yaml")
    booking = {s.platform: s for s in clinic.rankings["booking"]}
    assert booking["simplybook-me"].cost_basis.startswith("Premium plan")
    assert booking["cal-com"].cost_basis.startswith("Teams plan")


def test_a_german_shop_keeps_the_woocommerce_it_runs_and_is_told_its_gdpr_duties() -> None:
    shop, _ = advice(BUSINESSES / "german-woocommerce-shop.yaml")
    assert chosen(shop)["ecommerce"] == "woocommerce"
    assert shop.currency == "EUR"
    duties = [r.risk for r in shop.risks if "GDPR" in r.risk and "WooCommerce" in r.risk]
    assert duties


def test_a_wholesaler_moving_to_an_erp_puts_it_in_first_with_a_partner_and_no_second_ledger() -> (
    None
):
    wholesaler, _ = advice(BUSINESSES / "uk-wholesaler-erp.yaml")
    stack = chosen(wholesaler)
    erp = stack["erp"]
    assert stack["accounting"] == stack["inventory"] == stack["crm"] == erp
    accounting = next(i for i in wholesaler.stack if i.function == "accounting")
    assert accounting.replaces == ("QuickBooks Online",)
    assert "no longer needed" in accounting.business_case
    first = wholesaler.roadmap[0]
    assert first.name.startswith("Put in the core system")
    text = " ".join(first.actions)
    assert "implementation partner" in text
    assert "side by side" in text and "Train" in text
    assert "QuickBooks Online" in text
    assert all(not phase.name.startswith("Pilot") or erp not in phase.platforms
               for phase in wholesaler.roadmap)  # fmt: skip


def test_a_volunteer_club_with_its_own_server_gets_a_report_at_no_cost() -> None:
    club, _ = advice(BUSINESSES / "rowing-club.yaml")
    assert club.business.employees == 0
    assert club.business.users == 6
    assert club.cost.monthly_total == 0
    stack = chosen(club)
    website = next(s for s in club.rankings["website"] if s.platform == stack["website"])
    assert website.fixed_cost == 0
    assert "no hosting to pay: it runs on its own server" in website.cost_basis


def test_a_restaurant_whose_customers_are_on_instagram_and_facebook_is_on_both() -> None:
    taqueria, _ = advice(BUSINESSES / "us-taqueria.yaml")
    social = next(i for i in taqueria.stack if i.function == "social_media")
    on = {social.platform, *(a.platform for a in social.also)}
    assert on >= {"instagram", "facebook"}
    assert social.replaces == ()
    # It sells through Uber Eats: that app is kept, and its commission is Uber Eats'.
    assert chosen(taqueria)["food_delivery"] == "uber-eats"


def test_tools_the_catalog_does_not_know_are_kept_and_not_bought_again() -> None:
    practice, notices = advice(BUSINESSES / "us-dental-practice.yaml")
    assert any("'eaglesoft'" in n and "not in the catalog" in n for n in notices)
    assert "eaglesoft" in practice.business.other_tools
    tools = practice.business.other_tools
    assert "Open Dental (practice management, linked with Zapier)" in tools
    stack = chosen(practice)
    # The practice system fills practice management and what it includes by design.
    assert "practice_management" not in stack and "booking" not in stack
    assert "patient_engagement" not in stack


def test_every_replacement_comes_with_its_reason_in_the_terminal_too() -> None:
    run = run_cli("score", BUSINESSES / "uk-wholesaler-erp.yaml")
    assert run.exit_code == 0
    text = " ".join(run.stdout.split())
    assert "Replaces: Odoo Online replaces QuickBooks Online for accounting: it comes with" in text


def test_where_the_law_requires_e_invoicing_the_books_come_with_it(catalog: Catalog) -> None:
    """Poland's KSeF: a business that keeps books there needs e-invoicing, filled by its
    accounting platform where that files with KSeF, else by a second product."""
    shop, _ = advice(BUSINESSES / "polish-furniture-shop.yaml")
    needs = {need.function: need.reason for need in shop.needs}
    assert needs["e_invoicing"] == ("required in PL of a business whose accounting issues invoices")
    stack = chosen(shop)
    books = catalog.platforms[stack["accounting"]]
    if "e_invoicing" in books.functions:
        assert stack["e_invoicing"] == stack["accounting"]
    else:
        assert "PL" in catalog.platforms[stack["e_invoicing"]].regions or (
            "worldwide" in catalog.platforms[stack["e_invoicing"]].regions
        )


def test_no_e_invoicing_is_added_where_the_law_does_not_require_it() -> None:
    wholesaler, _ = advice(BUSINESSES / "uk-wholesaler-erp.yaml")
    assert "e_invoicing" not in {need.function for need in wholesaler.needs}
