"""Scoring to the last digit: points rounded to six places, a score held within 0-100
even when the rounded points add up to a hair more, highlights and drawbacks exactly at
their thresholds, ordered by points won and lost, two of each.

Written from the survivors of mutation testing (docs/mutation-testing.md)."""

from __future__ import annotations

import math

import pytest

from platform_advisor.core.scoring.evaluators import Evaluation
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
from platform_advisor.models.catalog import RATING_NAMES
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.result import Contribution, WeightUsed
from tests import factories as f
from tests.test_scoring import shop_context

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
    assert (scored.fixed_cost_usd, scored.fees_usd, scored.monthly_cost_usd) == (
        19.25,
        12.34,
        31.6,
    )
