"""Weighted-sum scoring: points add up, criteria that do not apply drop out, invariants hold."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from platform_advisor.core.scoring.evaluators import Context
from platform_advisor.core.scoring.scores import rank, score_platform
from platform_advisor.core.scoring.weights import effective_weights
from platform_advisor.models.catalog import RATING_NAMES, Platform
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.result import WeightUsed
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
        tiers=[{"name": "Pricey", "monthly_usd": 3000}],
    )
    context = shop_context(store)
    _, scored = score_platform(store, weights_of(context), context)
    assert scored.highlights[0].startswith("Goal fit: increase sales: covers 2 of its 2")
    assert scored.drawbacks[0].startswith("Budget fit: $3,000/month")


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
