"""Scoring: every platform 0-100, every point traced to a criterion.

Each criterion's evaluator gives a value 0-1 and the weighted sum adds them up into
points. Another method (`--method`) may rank by its own score instead; the points then
still show each criterion's weighted-sum share, to explain the ranking.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from platform_advisor.algorithms import MethodName
from platform_advisor.core.money.costs import cost_words
from platform_advisor.core.scoring.evaluators import EVALUATORS, Context, Evaluation
from platform_advisor.models.catalog import Platform
from platform_advisor.models.result import Contribution, ScoredPlatform, WeightUsed

HIGHLIGHT_MIN_VALUE = 0.7
DRAWBACK_MAX_VALUE = 0.5
REASONS_SHOWN = 2


@dataclass(frozen=True)
class Measured:
    """A criterion's weight and its evaluation of one platform."""

    weight: WeightUsed
    evaluation: Evaluation


def evaluate(platform: Platform, weights: Sequence[WeightUsed], context: Context) -> list[Measured]:
    """Run every criterion's evaluator on one platform."""
    criteria = {criterion.id: criterion for criterion in context.criteria.criteria}
    return [
        Measured(
            weight, EVALUATORS[weight.evaluator](platform, criteria[weight.criterion], context)
        )
        for weight in weights
    ]


def contributions(measured: Sequence[Measured]) -> tuple[float, tuple[Contribution, ...]]:
    """The 0-100 score and each criterion's points.

    Criteria that do not apply drop out and the others share their weight, so a score
    is always out of 100 and the points always add up to it.
    """
    applicable = sum(m.weight.weight for m in measured if m.evaluation.value is not None)
    parts = []
    for m in measured:
        value = m.evaluation.value
        share = m.weight.weight / applicable if applicable and value is not None else 0.0
        points = 100 * share * value if value is not None else 0.0
        parts.append(
            Contribution.model_construct(
                criterion=m.weight.criterion,
                label=m.weight.label,
                weight_share=round(share, 6),
                value=None if value is None else round(value, 6),
                points=round(points, 6),
                reason=m.evaluation.reason,
            )
        )
    return sum(part.points for part in parts), tuple(parts)


def exact_score(scored: ScoredPlatform) -> float:
    """A platform's score before rounding, as rankings and the stack compare it."""
    return scored.score_exact


def highlights(parts: Sequence[Contribution]) -> tuple[str, ...]:
    """Reasons of the criteria that earned the most points, where the platform did well."""
    strong = [p for p in parts if p.value is not None and p.value >= HIGHLIGHT_MIN_VALUE]
    strong.sort(key=lambda p: (-p.points, p.criterion))
    return tuple(f"{p.label}: {p.reason}" for p in strong[:REASONS_SHOWN])


def drawbacks(parts: Sequence[Contribution]) -> tuple[str, ...]:
    """Reasons of the criteria where the most points were lost."""
    weak = [p for p in parts if p.value is not None and p.value < DRAWBACK_MAX_VALUE]
    weak.sort(key=lambda p: (-(p.weight_share * (1 - (p.value or 0.0))), p.criterion))
    return tuple(f"{p.label}: {p.reason}" for p in weak[:REASONS_SHOWN])


def score_platform(
    platform: Platform, weights: Sequence[WeightUsed], context: Context
) -> tuple[float, ScoredPlatform]:
    """The exact score (for ranking) and the explained, rounded result."""
    score, parts = contributions(evaluate(platform, weights, context))
    cost = context.cost(platform)
    scored = ScoredPlatform.model_construct(
        platform=platform.id,
        name=platform.name,
        vendor=platform.vendor,
        rank=0,
        score=round(min(100.0, max(0.0, score)), 1),
        score_exact=min(100.0, max(0.0, score)),
        ownership=platform.ownership,
        deployment=platform.deployment,
        monthly_cost=round(cost.monthly, 2),
        fixed_cost=round(cost.fixed, 2),
        fees=round(cost.fees_total, 2),
        fees_estimated=cost.estimated,
        one_off=round(cost.one_off_total, 2),
        horizon_cost=round(cost.over(context.money.horizon), 2),
        cost_basis=cost_words(cost, context.money),
        prices_as_of=platform.pricing.as_of,
        price_source=platform.pricing.source,
        highlights=highlights(parts),
        drawbacks=drawbacks(parts),
        contributions=parts,
    )
    return score, scored


def rank(
    platforms: Sequence[Platform],
    weights: Sequence[WeightUsed],
    context: Context,
    method: MethodName = "weighted_sum",
) -> tuple[ScoredPlatform, ...]:
    """Candidates best first; ties broken by id so the order never depends on input order."""
    scored = [score_platform(platform, weights, context)[1] for platform in platforms]
    if method != "weighted_sum" and scored:
        scored = _rescored(scored, weights, method)
    # Scores within 1e-9 are ties (sums of the same points in another order differ in
    # their last bits), broken by id.
    scored.sort(key=lambda s: (-round(s.score_exact, 9), s.platform))
    return tuple(
        result.model_copy(update={"rank": position})
        for position, result in enumerate(scored, start=1)
    )


def value_matrix(
    scored: Sequence[ScoredPlatform], weights: Sequence[WeightUsed]
) -> list[list[float]]:
    """Candidates by criteria (in weight order): each evaluator's value, NaN if none."""
    column = {weight.criterion: index for index, weight in enumerate(weights)}
    rows = []
    for platform in scored:
        row = [math.nan] * len(weights)
        for part in platform.contributions:
            if part.value is not None:
                row[column[part.criterion]] = part.value
        rows.append(row)
    return rows


def _rescored(
    scored: Sequence[ScoredPlatform], weights: Sequence[WeightUsed], method: MethodName
) -> list[ScoredPlatform]:
    """The candidates with the method's scores; numpy loads only for another method."""
    import numpy as np

    from platform_advisor.algorithms.methods import advisor_scores

    values = np.array(value_matrix(scored, weights), dtype=np.float64)
    scores = advisor_scores(method, values, np.array([w.weight for w in weights]))
    return [
        platform.model_copy(update={"score": round(float(score), 1), "score_exact": float(score)})
        for platform, score in zip(scored, scores, strict=True)
    ]
