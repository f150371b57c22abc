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


def plan(pid: str, monthly: float, **tier: object) -> Platform:
    return f.platform(id=pid, tiers=[{"name": "Plan", "monthly": monthly, **tier}])


def run_among(name: str, platform: Platform, *others: Platform, **context: object) -> Evaluation:
    """The evaluator for `platform` when `others` are candidates too."""
    criterion = Criterion(id=name, label=name, evaluator=name, weight=1)
    return EVALUATORS[name](platform, criterion, f.context(platform, *others, **context))  # type: ignore[arg-type]


# Money is weighed over 36 months on one scale: the spread of the candidates' totals, or
# what is material to the business if more. Here no sales and a US$300 budget: material
# is 36 x 10% of 300 = US$1,080.


def test_cost_fit_is_one_for_the_cheapest_and_falls_by_the_difference_over_the_scale() -> None:
    cheap, dear = plan("cheap", 10), plan("dear", 25)
    assert run_among("cost_fit", cheap, dear) == Evaluation(
        1.0, "US$360 over 36 months (US$10/month); the cheapest candidate"
    )
    # 900 - 360 = 540 above the cheapest, on a scale of max(540, 1,080) = 1,080.
    assert run_among("cost_fit", dear, cheap) == Evaluation(
        0.5, "US$900 over 36 months (US$25/month); US$540 more than the cheapest"
    )


def test_cost_fit_scale_is_the_spread_when_it_is_larger_than_what_is_material() -> None:
    cheap, middle, dear = plan("cheap", 0), plan("middle", 50), plan("dear", 100)
    # Totals 0, 1,800 and 3,600: the spread, 3,600, is the scale.
    assert run_among("cost_fit", middle, cheap, dear).value == pytest.approx(0.5)
    assert run_among("cost_fit", dear, cheap, middle).value == 0.0


def test_a_small_difference_in_money_stays_small() -> None:
    """US$1 a month more is 36/1,080 of the criterion, however close the candidates."""
    assert run_among("cost_fit", plan("a", 11), plan("b", 10)).value == pytest.approx(1 - 36 / 1080)


def test_one_off_costs_count_once_in_the_horizon() -> None:
    pricing = f.platform().pricing.model_dump(exclude={"tiers"}, exclude_defaults=True)
    setup = f.platform(
        id="setup",
        pricing={
            **pricing,
            "tiers": [{"name": "Plan", "monthly": 10}],
            "one_off": [
                {"item": "implementation", "label": "Onboarding", "amount": 540, "currency": "USD"}
            ],
        },
    )
    result = run_among("cost_fit", setup, plan("plain", 10))
    assert result == Evaluation(
        0.5,
        "US$900 over 36 months (US$10/month, US$540 to start); US$540 more than the cheapest",
    )


def test_budget_fit_weighs_fixed_costs_on_the_same_scale() -> None:
    assert run_among("budget_fit", plan("dear", 25), plan("cheap", 10)) == Evaluation(
        0.5, "US$25/month fixed; US$540 more than the cheapest over 36 months"
    )


SELLING = f.function("ecommerce", takes_payments=True)
SALES = {"monthly_usd": 10_000, "monthly_orders": 100}


def test_fee_fit_weighs_the_fees_on_the_sales_the_function_takes() -> None:
    """Sales of US$10,000 a month: 15% is US$1,500 and 3% + US$0.30 on 100 orders US$330.
    The spread over 36 months, US$42,120, is above what is material (36 x (30 + 50))."""
    marketplace = plan("market", 0, transaction_fee_pct=15)
    shop = plan("shop", 0, transaction_fee_pct=3, transaction_fee_usd=0.3)
    owner = f.profile(sales=SALES)
    assert run_among("fee_fit", marketplace, shop, profile_=owner, function_=SELLING) == (
        Evaluation(
            0.0,
            "US$1,500/month on sales, 15.0% of them; US$42,120 more than the cheapest over "
            "36 months",
        )
    )
    assert run_among("fee_fit", shop, marketplace, profile_=owner, function_=SELLING) == (
        Evaluation(
            1.0, "US$330/month on sales, 3.3% of them; the cheapest candidate over 36 months"
        )
    )


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
    # Half the scale of being in use: a link to a tool is worth less than a working system.
    assert result.value == pytest.approx(0.5 * (0.7 * 1.0 + 0.3 * (1.0 + 0.6) / 2))
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
