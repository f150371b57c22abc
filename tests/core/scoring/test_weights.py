"""Profile-driven weight adjustments, with the reasons the report shows."""

from __future__ import annotations

import pytest

from platform_advisor.core.scoring.weights import condition_holds, effective_weights
from platform_advisor.models.criteria import Condition, Criteria
from tests import factories as f


def adjusted() -> Criteria:
    return f.criteria(
        adjustments=[
            {
                "when": {"risk_tolerance": ["low"]},
                "multiply": {"budget_fit": 2},
                "reason": "careful",
            },
            {
                "when": {"goals": ["efficiency"], "technical_capability": ["basic"]},
                "multiply": {"budget_fit": 1.5, "goal_fit": 3},
                "reason": "busy",
            },
        ]
    )


def test_matching_adjustments_multiply_and_explain() -> None:
    profile = f.profile(risk_tolerance="low", goals=["increase_sales", "efficiency"])
    weights = {w.criterion: w for w in effective_weights(adjusted(), profile)}
    assert weights["budget_fit"].multiplier == 3
    assert weights["budget_fit"].adjustments == ("×2: careful", "×1.5: busy")
    assert weights["goal_fit"].weight == 3
    assert weights["goal_fit"].share + weights["budget_fit"].share == pytest.approx(1.0)
    assert weights["goal_fit"].share == pytest.approx(0.5)


def test_no_adjustment_without_a_match() -> None:
    weights = effective_weights(adjusted(), f.profile(risk_tolerance="high"))
    assert [(w.multiplier, w.adjustments) for w in weights] == [(1.0, ()), (1.0, ())]


@pytest.mark.parametrize(
    ("condition", "holds"),
    [
        ({}, True),
        ({"sector": ["retail"]}, True),
        ({"sector": ["healthcare"]}, False),
        ({"budget_below_usd": 500}, True),
        ({"budget_below_usd": 300}, False),
        ({"goals": ["efficiency", "increase_sales"]}, True),
        ({"goals": ["efficiency"]}, False),
        ({"sector": ["retail"], "risk_tolerance": ["low"]}, False),
    ],
)
def test_conditions(condition: dict[str, object], holds: bool) -> None:
    assert condition_holds(Condition.model_validate(condition), f.profile()) is holds
