"""The shipped examples on the shipped catalog: advice a reader can check against the data."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from platform_advisor.api import advise_files
from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.result import Strategy
from tests.conftest import EXAMPLES

TODAY = date(2026, 11, 23)
PROFILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog().catalog


@pytest.fixture(scope="module", params=PROFILES, ids=[p.stem for p in PROFILES])
def strategy(request: pytest.FixtureRequest) -> Strategy:
    path: Path = request.param
    result, notices = advise_files(path, today=TODAY)
    assert notices == ()
    return result


def test_there_are_at_least_the_three_essay_examples() -> None:
    assert {"bakery", "retailer", "freelance-designer"} <= {p.stem for p in PROFILES}


def test_every_need_has_a_ranking_with_several_candidates(strategy: Strategy) -> None:
    for need in strategy.needs:
        assert len(strategy.rankings[need.function]) >= 3, need.function


def test_points_add_up_to_each_score(strategy: Strategy) -> None:
    for ranked in strategy.rankings.values():
        for candidate in ranked:
            total = sum(part.points for part in candidate.contributions)
            assert total == pytest.approx(candidate.score, abs=0.051), candidate.platform


def test_reasons_quote_the_catalog(strategy: Strategy, catalog: Catalog) -> None:
    for ranked in strategy.rankings.values():
        for candidate in ranked:
            platform = catalog.platforms[candidate.platform]
            assert candidate.prices_as_of == platform.pricing.as_of
            assert candidate.price_source == platform.pricing.source
            for part in candidate.contributions:
                found = re.fullmatch(r"(.+) rated (\d)/5", part.reason)
                if found:
                    rating = found.group(1).replace(" ", "_")
                    assert getattr(platform.ratings, rating) == int(found.group(2))


def test_costs_follow_from_the_catalog_prices(strategy: Strategy, catalog: Catalog) -> None:
    """Plans priced in the report's currency, with no local list or unit prices, recomputed
    from the catalog: the monthly price plus the seats above those included."""
    users = strategy.business.users
    for ranked in strategy.rankings.values():
        for candidate in ranked:
            platform = catalog.platforms[candidate.platform]
            plan = candidate.cost_basis.split(" plan")[0]
            tier = next(t for t in platform.pricing.tiers if t.name == plan)
            assert candidate.monthly_cost == pytest.approx(
                candidate.fixed_cost + candidate.fees, abs=0.02
            )
            simple = (
                platform.pricing.currency == strategy.currency
                and not platform.pricing.local
                and not tier.per_unit
                and platform.deployment == ("saas",)
                and not tier.legacy
            )
            if not simple:
                continue
            seats = max(users, tier.min_users)
            extra = tier.per_user_price * max(0, seats - tier.users_included)
            # A platform that can fill several needed functions is scored on a share.
            shared = re.search(r"for the (\d+) needed functions it can fill", candidate.cost_basis)
            sharing = int(shared.group(1)) if shared else 1
            expected = (tier.monthly_price + extra) / sharing
            assert candidate.fixed_cost == pytest.approx(expected, abs=0.01), candidate.platform


def test_exclusions_are_explained(strategy: Strategy) -> None:
    for exclusion in strategy.excluded:
        assert exclusion.reasons, exclusion.platform


def test_the_retailer_gets_the_essay_stack_near_the_top() -> None:
    strategy, _ = advise_files(EXAMPLES / "retailer.yaml", today=TODAY)
    top3 = {f: [c.platform for c in ranked[:3]] for f, ranked in strategy.rankings.items()}
    assert "shopify" in top3["ecommerce"]
    assert "instagram" in top3["social_media"]
    # Not HubSpot CRM: its free tools admit two users, and the retailer has four.
    assert {"pipedrive", "zoho-crm", "freshsales"} & set(top3["crm"])
    assert "xero" in top3["accounting"]


def test_every_candidate_of_a_function_is_measured_on_the_same_criteria(strategy: Strategy) -> None:
    for function, ranked in strategy.rankings.items():
        applying = {
            tuple(p.criterion for p in candidate.contributions if p.value is not None)
            for candidate in ranked
        }
        assert len(applying) == 1, function
