"""Each evaluator: its value in [0, 1], its reason, and when it does not apply."""

from __future__ import annotations

import pytest

from platform_advisor.core.scoring.evaluators import EVALUATORS, Evaluation, lock_in
from platform_advisor.models.catalog import Platform
from platform_advisor.models.criteria import Criterion
from tests import factories as f


def run(name: str, platform: Platform, **context: object) -> Evaluation:
    criterion = Criterion(
        id=name,
        label=name,
        evaluator=name,
        weight=1,
        rating="ease_of_use" if name == "rating" else None,
    )
    return EVALUATORS[name](platform, criterion, f.context(platform, **context))  # type: ignore[arg-type]


def test_rating_scales_stars_to_one() -> None:
    result = run("rating", f.platform(ratings={"ease_of_use": 4}))
    assert result == Evaluation(0.8, "ease of use rated 4/5")


@pytest.mark.parametrize(
    ("monthly", "budget", "needed", "value", "reason"),
    [
        (0, 300, 3, 1.0, "no fixed cost for a team of this size"),
        (100, 300, 3, 0.5, "$100/month fixed, 100% of the $100 budgeted per function"),
        (300, 300, 3, 0.25, "$300/month fixed, 300% of the $100 budgeted per function"),
        (50, 0, 1, 0.0, "$50/month fixed, over the $0 budgeted per function"),
    ],
)
def test_budget_fit(monthly: float, budget: float, needed: int, value: float, reason: str) -> None:
    platform = f.platform(tiers=[{"name": "Plan", "monthly_usd": monthly}])
    profile = f.profile(budget={"monthly_usd": budget})
    assert run("budget_fit", platform, profile_=profile, needed=needed) == Evaluation(value, reason)


SELLING = f.function("ecommerce", takes_payments=True)
SALES = {"monthly_usd": 10_000, "monthly_orders": 100}


def test_fee_fit_measures_the_share_of_sales_lost_to_fees() -> None:
    marketplace = f.platform(tiers=[{"name": "Seller", "transaction_fee_pct": 15}])
    result = run("fee_fit", marketplace, profile_=f.profile(sales=SALES), function_=SELLING)
    assert result.value == pytest.approx(0.5)
    assert result.reason == "15% per sale (its own): $1,500/month, 15.0% of sales"


def test_fee_fit_estimates_a_processor_for_platforms_without_fees() -> None:
    store = f.platform(id="store", functions=["ecommerce"], tiers=[{"name": "Free"}])
    processor = f.platform(
        id="processor",
        functions=["ecommerce"],
        tiers=[{"name": "Pay", "transaction_fee_pct": 3, "transaction_fee_usd": 0.3}],
    )
    profile = f.profile(sales=SALES)
    ctx = f.context(store, processor, profile_=profile, function_=SELLING)
    criterion = Criterion(id="fee", label="fee", evaluator="fee_fit", weight=1)
    result = EVALUATORS["fee_fit"](store, criterion, ctx)
    assert result.value == pytest.approx(1 - 0.033 / 0.3)
    assert result.reason == (
        "3% + $0.30 per sale (estimated for a separate card processor): $330/month, 3.3% of sales"
    )


def test_fee_fit_uses_the_sales_of_the_function_when_given() -> None:
    marketplace = f.platform(tiers=[{"name": "Seller", "transaction_fee_pct": 30}])
    profile = f.profile(
        sales={**SALES, "by_function": {"ecommerce": {"monthly_usd": 1000, "monthly_orders": 10}}}
    )
    result = run("fee_fit", marketplace, profile_=profile, function_=SELLING)
    assert result == Evaluation(0.0, "30% per sale (its own): $300/month, 30.0% of sales")


def test_fee_fit_does_not_apply_without_sales_through_the_function() -> None:
    result = run("fee_fit", f.platform(), profile_=f.profile(sales=SALES))
    assert result == Evaluation(None, "not applicable: no sales pass through this function")


@pytest.mark.parametrize(
    ("needed", "have", "deployment", "value", "reason"),
    [
        ("basic", "basic", ["saas"], 1.0, "needs basic skills; the team has basic"),
        ("none", "basic", ["saas"], 1.0, "needs no technical skills; the team has basic"),
        (
            "intermediate",
            "basic",
            ["saas"],
            0.5,
            "needs intermediate skills but the team has basic",
        ),
        (
            "advanced",
            "basic",
            ["self_hosted"],
            0.2,
            "self-hosted, needs advanced skills but the team has basic",
        ),
        (
            "advanced",
            "none",
            ["self_hosted"],
            0.0,
            "self-hosted, needs advanced skills but the team has none",
        ),
    ],
)
def test_skill_fit(
    needed: str, have: str, deployment: list[str], value: float, reason: str
) -> None:
    platform = f.platform(skill_required=needed, deployment=deployment)
    profile = f.profile(technical_capability=have)
    assert run("skill_fit", platform, profile_=profile) == Evaluation(value, reason)


def test_lock_in_combines_ownership_portability_and_gatekeeping() -> None:
    closed = f.platform(ownership="proprietary", ratings={"data_portability": 0}, gatekeeper=True)
    open_ = f.platform(ownership="open_source", ratings={"data_portability": 5})
    assert lock_in(closed) == pytest.approx(1.0)
    assert lock_in(open_) == pytest.approx(0.045)


@pytest.mark.parametrize(("tolerance", "value"), [("low", 0.0), ("medium", 0.4), ("high", 0.7)])
def test_risk_fit_weighs_lock_in_by_tolerance(tolerance: str, value: float) -> None:
    closed = f.platform(ownership="proprietary", ratings={"data_portability": 0}, gatekeeper=True)
    result = run("risk_fit", closed, profile_=f.profile(risk_tolerance=tolerance))
    assert result.value == pytest.approx(value)
    assert result.reason == (
        "lock-in 1.00 (proprietary, data portability 0/5, controls access to customers)"
        f" against {tolerance} risk tolerance"
    )


def test_goal_fit_counts_coverage_and_the_goals_ratings() -> None:
    store = f.platform(functions=["ecommerce", "payments"], ratings={"reach": 4})
    result = run("goal_fit", store, function_=f.function("ecommerce"))
    assert result.value == pytest.approx(0.5 * 1.0 + 0.5 * 0.8)
    assert result.reason == "increase sales: covers 2 of its 2 functions, reach 4/5"


def test_goal_fit_does_not_apply_when_no_goal_calls_for_the_function() -> None:
    result = run("goal_fit", f.platform(), function_=f.function("crm"))
    assert result == Evaluation(None, "not applicable: no goal of the business calls for crm")


def test_audience_fit_weights_channels_by_their_order() -> None:
    profile = f.profile(audience={"channels": ["instagram", "web", "email"]})
    shop = f.function("ecommerce", audience_facing=True)
    reached = f.platform(channels=["web", "email"])
    result = run("audience_fit", reached, profile_=profile, function_=shop)
    assert result.value == pytest.approx((2 + 1) / (3 + 2 + 1))
    assert result.reason == "reaches 2 of the audience's 3 channels (Web, Email)"


def test_audience_fit_does_not_apply_to_back_office_functions() -> None:
    profile = f.profile(audience={"channels": ["web"]})
    result = run("audience_fit", f.platform(), profile_=profile, function_=f.function("accounting"))
    assert result == Evaluation(None, "not applicable: accounting faces no audience")


@pytest.mark.parametrize(
    ("sectors", "value", "reason"),
    [
        ([], 0.6, "general-purpose, not built for one sector"),
        (["retail"], 1.0, "built for retail businesses"),
        (["healthcare"], 0.2, "built for healthcare, not retail"),
    ],
)
def test_sector_fit(sectors: list[str], value: float, reason: str) -> None:
    assert run("sector_fit", f.platform(sectors=sectors)) == Evaluation(value, reason)


def test_existing_fit_prefers_what_is_already_in_use() -> None:
    incumbent = f.platform(id="incumbent")
    ctx = f.context(incumbent, profile_=f.profile(existing_platforms=["incumbent"]))
    criterion = Criterion(id="e", label="e", evaluator="existing_fit", weight=1)
    assert EVALUATORS["existing_fit"](incumbent, criterion, ctx) == Evaluation(
        1.0, "already in use: nothing to migrate"
    )


def test_existing_fit_scores_links_to_the_other_platforms_in_use() -> None:
    books = f.platform(id="books", name="Books", functions=["accounting"])
    shop = f.platform(id="shop", name="Shop", functions=["ecommerce"])
    candidate = f.platform(id="cand", integrates_with={"native": ["books"], "ipaas": ["shop"]})
    ctx = f.context(
        candidate, books, shop, profile_=f.profile(existing_platforms=["books", "shop"])
    )
    criterion = Criterion(id="e", label="e", evaluator="existing_fit", weight=1)
    result = EVALUATORS["existing_fit"](candidate, criterion, ctx)
    assert result.value == pytest.approx(0.7 * 1.0 + 0.3 * (1.0 + 0.6) / 2)
    assert result.reason == "native link to Books, iPaaS link to Shop (of 2 in use)"


def test_existing_fit_gives_a_rival_of_the_incumbent_nothing() -> None:
    incumbent = f.platform(id="incumbent", name="Incumbent", functions=["crm"])
    rival = f.platform(id="rival", functions=["crm"])
    ctx = f.context(incumbent, rival, profile_=f.profile(existing_platforms=["incumbent"]))
    criterion = Criterion(id="e", label="e", evaluator="existing_fit", weight=1)
    assert EVALUATORS["existing_fit"](rival, criterion, ctx) == Evaluation(
        0.0, "would replace Incumbent, already in use"
    )


def test_existing_fit_applies_only_when_something_is_in_use() -> None:
    assert run("existing_fit", f.platform()) == Evaluation(
        None, "not applicable: the profile names no platforms in use"
    )


@pytest.mark.parametrize("name", sorted(EVALUATORS))
def test_every_evaluator_stays_in_range(name: str) -> None:
    extremes = [
        f.platform(ratings=dict.fromkeys(f.RATINGS, 0), ownership="proprietary", gatekeeper=True),
        f.platform(ratings=dict.fromkeys(f.RATINGS, 5), ownership="open_source", channels=["web"]),
    ]
    for platform in extremes:
        value = run(name, platform, function_=f.function("ecommerce", audience_facing=True)).value
        assert value is None or 0.0 <= value <= 1.0
