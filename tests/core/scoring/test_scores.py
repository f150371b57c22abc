"""Weighted-sum scoring: points add up, criteria that do not apply drop out, invariants hold."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from platform_advisor.core.scoring.evaluators import Context, Evaluation
from platform_advisor.core.scoring.scores import (
    Measured,
    contributions,
    drawbacks,
    highlights,
    rank,
    score_platform,
    value_matrix,
)
from platform_advisor.core.scoring.weights import effective_weights
from platform_advisor.models.catalog import RATING_NAMES, Platform
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.result import Contribution, WeightUsed
from tests import factories as f

ALL_CRITERIA: list[dict[str, Any]] = [
    {"id": "goal_fit", "label": "Goal fit", "evaluator": "goal_fit", "weight": 20},
    {"id": "audience_fit", "label": "Audience fit", "evaluator": "audience_fit", "weight": 10},
    {"id": "budget_fit", "label": "Budget fit", "evaluator": "budget_fit", "weight": 15},
    {"id": "skill_fit", "label": "Skill fit", "evaluator": "skill_fit", "weight": 10},
    {"id": "risk_fit", "label": "Risk fit", "evaluator": "risk_fit", "weight": 10},
    {"id": "sector_fit", "label": "Sector fit", "evaluator": "sector_fit", "weight": 5},
    {"id": "existing_fit", "label": "Existing", "evaluator": "existing_fit", "weight": 5},
    *(
        {"id": name, "label": name, "evaluator": "rating", "rating": name, "weight": 3}
        for name in RATING_NAMES
    ),
]
SHOP = f.function("ecommerce", audience_facing=True, takes_payments=True)


def shop_context(*platforms: Platform, criteria: Criteria | None = None) -> Context:
    profile = f.profile(audience={"channels": ["web", "instagram"]}, sales={"monthly_usd": 1000})
    return f.context(
        *platforms,
        profile_=profile,
        criteria_=criteria or f.criteria(criteria=ALL_CRITERIA),
        function_=SHOP,
    )


def weights_of(context: Context) -> tuple[WeightUsed, ...]:
    return effective_weights(context.criteria, context.profile)


def test_points_add_up_to_the_score() -> None:
    store = f.platform(functions=["ecommerce"], channels=["web"])
    context = shop_context(store)
    exact, scored = score_platform(store, weights_of(context), context)
    assert sum(part.points for part in scored.contributions) == pytest.approx(exact)
    assert scored.score == round(exact, 1)


def test_criteria_that_do_not_apply_share_out_their_weight() -> None:
    store = f.platform(functions=["ecommerce"])
    context = shop_context(store)
    _, scored = score_platform(store, weights_of(context), context)
    existing = next(p for p in scored.contributions if p.criterion == "existing_fit")
    assert (existing.value, existing.points, existing.weight_share) == (None, 0.0, 0.0)
    assert sum(p.weight_share for p in scored.contributions) == pytest.approx(1.0, abs=1e-5)


def test_ties_are_broken_by_id_whatever_the_input_order() -> None:
    twins = [f.platform(id=name, functions=["ecommerce"]) for name in ("beta", "alpha", "gamma")]
    context = shop_context(*twins)
    forward = rank(twins, weights_of(context), context)
    backward = rank(list(reversed(twins)), weights_of(context), context)
    assert [s.platform for s in forward] == ["alpha", "beta", "gamma"]
    assert forward == backward


def test_highlights_and_drawbacks_name_the_strongest_and_weakest_criteria() -> None:
    store = f.platform(
        functions=["ecommerce", "payments"],
        channels=["web", "instagram"],
        tiers=[{"name": "Pricey", "monthly": 3000}],
    )
    free = f.platform(id="free", functions=["ecommerce"], tiers=[{"name": "Free", "monthly": 0}])
    context = shop_context(store, free)
    _, scored = score_platform(store, weights_of(context), context)
    assert scored.highlights[0].startswith("Goal fit: increase sales: covers 2 of its 2")
    assert scored.drawbacks[0].startswith("Budget fit: US$3,000/month fixed; US$108,000 more")


ratings = st.fixed_dictionaries({name: st.integers(0, 5) for name in RATING_NAMES})
weights = st.lists(st.floats(0.0, 100.0), min_size=len(ALL_CRITERIA), max_size=len(ALL_CRITERIA))


def platforms_with(all_ratings: list[dict[str, int]]) -> list[Platform]:
    return [
        f.platform(id=f"p{n}", functions=["ecommerce"], channels=["web"], ratings=r)
        for n, r in enumerate(all_ratings)
    ]


def criteria_weighted(values: list[float]) -> Criteria:
    return f.criteria(
        criteria=[{**c, "weight": w} for c, w in zip(ALL_CRITERIA, values, strict=True)]
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(ratings, min_size=2, max_size=6), weights)
def test_scores_stay_between_0_and_100(
    all_ratings: list[dict[str, int]], values: list[float]
) -> None:
    if sum(values) == 0:
        values[0] = 1.0
    platforms = platforms_with(all_ratings)
    context = shop_context(*platforms, criteria=criteria_weighted(values))
    for scored in rank(platforms, weights_of(context), context):
        assert 0.0 <= scored.score <= 100.0


@settings(max_examples=60, deadline=None)
@given(st.lists(ratings, min_size=2, max_size=6), weights, st.floats(0.01, 1000.0))
def test_scaling_every_weight_leaves_the_ranking_alone(
    all_ratings: list[dict[str, int]], values: list[float], factor: float
) -> None:
    if sum(values) == 0:
        values[0] = 1.0
    platforms = platforms_with(all_ratings)
    base = shop_context(*platforms, criteria=criteria_weighted(values))
    scaled = shop_context(*platforms, criteria=criteria_weighted([v * factor for v in values]))
    first = rank(platforms, weights_of(base), base)
    second = rank(platforms, weights_of(scaled), scaled)
    assert [s.score for s in first] == pytest.approx([s.score for s in second], abs=0.11)


@settings(max_examples=80, deadline=None)
@given(ratings, st.sampled_from(RATING_NAMES), weights)
def test_raising_a_rating_never_lowers_the_score(
    base_ratings: dict[str, int], name: str, values: list[float]
) -> None:
    if sum(values) == 0:
        values[0] = 1.0
    if base_ratings[name] == 5:
        base_ratings[name] = 4
    better = {**base_ratings, name: base_ratings[name] + 1}
    low, high = (f.platform(functions=["ecommerce"], ratings=r) for r in (base_ratings, better))
    context = shop_context(low, criteria=criteria_weighted(values))
    low_score, _ = score_platform(low, weights_of(context), context)
    high_score, _ = score_platform(high, weights_of(context), context)
    assert high_score >= low_score - 1e-9


def test_the_incumbent_keeps_its_advantage_when_it_is_all_the_business_uses() -> None:
    incumbent, rival = (
        f.platform(id=name, functions=["ecommerce"]) for name in ("incumbent", "rival")
    )
    profile = f.profile(existing_platforms=["incumbent"])
    criteria = f.criteria(
        criteria=[
            {"id": "existing_fit", "label": "Existing", "evaluator": "existing_fit", "weight": 1},
            {
                "id": "ease",
                "label": "Ease",
                "evaluator": "rating",
                "rating": "ease_of_use",
                "weight": 1,
            },
        ]
    )
    context = f.context(incumbent, rival, profile_=profile, criteria_=criteria, function_=SHOP)
    ranked = rank([rival, incumbent], weights_of(context), context)
    assert [(s.platform, s.score) for s in ranked] == [("incumbent", 80.0), ("rival", 30.0)]


# --- Scoring to the last digit: points rounded to six places, a score held within 0-100

SIX = RATING_NAMES[:6]


def six_equal_criteria() -> Criteria:
    return f.criteria(
        criteria=[
            {"id": name, "label": name, "evaluator": "rating", "rating": name, "weight": 1}
            for name in SIX
        ]
    )


def rated(stars: int) -> tuple[float, float]:
    """The exact score and the shown score of a platform rated `stars` on six criteria
    of equal weight."""
    acme = f.platform(ratings=dict.fromkeys(RATING_NAMES, stars))
    context = f.context(acme, criteria_=six_equal_criteria())
    weights = effective_weights(context.criteria, context.profile)
    exact, scored = score_platform(acme, weights, context)
    assert exact == pytest.approx(sum(p.points for p in scored.contributions))
    return scored.score_exact, scored.score


def test_a_platform_perfect_on_every_criterion_scores_exactly_100() -> None:
    # Each sixth is 16.666667 points once rounded: 100.000002 in all, held to 100.
    assert rated(5) == (100.0, 100.0)


def test_a_platform_rated_zero_on_every_criterion_scores_0() -> None:
    assert rated(0) == (0.0, 0.0)


def weight(criterion: str, value: float) -> WeightUsed:
    return f.weight_used(criterion, value)


def test_points_weight_shares_and_values_are_rounded_to_six_places() -> None:
    measured = [
        Measured(weight("a", 1.0), Evaluation(0.1234567, "a reason")),
        Measured(weight("b", 2.0), Evaluation(1.0, "b reason")),
        Measured(weight("c", 5.0), Evaluation(None, "does not apply")),
    ]
    total, parts = contributions(measured)
    assert [(p.criterion, p.label, p.reason) for p in parts] == [
        ("a", "A", "a reason"),
        ("b", "B", "b reason"),
        ("c", "C", "does not apply"),
    ]
    assert [p.weight_share for p in parts] == [0.333333, 0.666667, 0.0]
    assert [p.value for p in parts] == [0.123457, 1.0, None]
    assert [p.points for p in parts] == [4.115223, 66.666667, 0.0]
    assert total == 4.115223 + 66.666667


def test_a_platform_no_criterion_applies_to_scores_nothing() -> None:
    total, parts = contributions([Measured(weight("a", 1.0), Evaluation(None, "n/a"))])
    assert total == 0.0
    assert [(p.weight_share, p.points) for p in parts] == [(0.0, 0.0)]


def part(criterion: str, value: float | None, points: float, share: float = 0.2) -> Contribution:
    return Contribution.model_construct(
        criterion=criterion,
        label=criterion.capitalize(),
        weight_share=share,
        value=value,
        points=points,
        reason=f"{criterion} reason",
    )


def test_a_highlight_needs_a_value_of_at_least_0_7() -> None:
    parts = [part("low", 0.7 - 1e-9, 50.0), part("edge", 0.7, 10.0), part("none", None, 0.0)]
    assert highlights(parts) == ("Edge: edge reason",)


def test_highlights_are_the_two_criteria_that_earned_most_ties_by_id() -> None:
    parts = [
        part("small", 1.0, 5.0),
        part("zeta", 0.8, 20.0),
        part("alpha", 0.9, 20.0),
        part("big", 0.7, 30.0),
    ]
    assert highlights(parts) == ("Big: big reason", "Alpha: alpha reason")


def test_a_drawback_needs_a_value_under_0_5() -> None:
    parts = [part("edge", 0.5, 0.0), part("under", 0.5 - 1e-9, 0.0), part("none", None, 0.0)]
    assert drawbacks(parts) == ("Under: under reason",)


def test_drawbacks_are_the_two_criteria_that_lost_most_ties_by_id() -> None:
    # Points lost: share x (1 - value).
    parts = [
        part("tiny", 0.0, 0.0, share=0.05),  # 0.05
        part("zeta", 0.0, 0.0, share=0.2),  # 0.2
        part("alpha", 0.2, 0.0, share=0.25),  # 0.2
        part("wide", 0.4, 0.0, share=0.5),  # 0.3
    ]
    assert drawbacks(parts) == ("Wide: wide reason", "Alpha: alpha reason")


def test_the_value_matrix_follows_the_weights_order_with_nan_where_nothing_applies() -> None:
    weights = [weight("b", 1.0), weight("a", 1.0)]
    first = f.platform(id="first")
    context = f.context(first)
    _, scored = score_platform(first, [], context)
    rows = [
        scored.model_copy(update={"contributions": (part("a", 0.25, 0.0), part("b", None, 0.0))}),
        scored.model_copy(update={"contributions": (part("b", 0.5, 0.0), part("a", 1.0, 0.0))}),
    ]
    matrix = value_matrix(rows, weights)
    assert math.isnan(matrix[0][0]) and matrix[0][1] == 0.25
    assert matrix[1] == [0.5, 1.0]


def test_another_method_ranks_no_candidates_as_none() -> None:
    context = f.context()
    weights = effective_weights(context.criteria, context.profile)
    assert rank([], weights, context, "topsis") == ()


def test_costs_are_shown_to_the_cent() -> None:
    # A shop selling $1,000 a month: 1.23416 % of it is $12.3416 of fees.
    acme = f.platform(
        functions=["ecommerce"],
        tiers=[{"name": "Plan", "monthly_usd": 19.254, "transaction_fee_pct": 1.23416}],
    )
    context = shop_context(acme)
    weights = effective_weights(context.criteria, context.profile)
    _, scored = score_platform(acme, weights, context)
    assert (scored.fixed_cost, scored.fees, scored.monthly_cost) == (
        19.25,
        12.34,
        31.6,
    )
