"""Criteria weights as the file gives them, adjusted for the profile, with reasons."""

from __future__ import annotations

from platform_advisor.models.criteria import Condition, Criteria
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import WeightUsed


def condition_holds(
    condition: Condition, profile: Profile, budget_usd: float | None = None
) -> bool:
    """Every field the condition lists matches the profile (its budget in US dollars, which
    the criteria's conditions name; the older profile form gives it so)."""
    if budget_usd is None:
        budget_usd = profile.budget.monthly_usd or 0.0
    checks = [
        not condition.technical_capability
        or profile.technical_capability in condition.technical_capability,
        not condition.risk_tolerance or profile.risk_tolerance in condition.risk_tolerance,
        not condition.sector or profile.business.sector in condition.sector,
        not condition.goals or bool(set(condition.goals) & set(profile.goals)),
        condition.budget_below_usd is None or budget_usd < condition.budget_below_usd,
    ]
    return all(checks)


def effective_weights(
    criteria: Criteria, profile: Profile, budget_usd: float | None = None
) -> tuple[WeightUsed, ...]:
    """Each criterion's weight after every adjustment whose condition holds."""
    multipliers = {criterion.id: 1.0 for criterion in criteria.criteria}
    reasons: dict[str, list[str]] = {criterion.id: [] for criterion in criteria.criteria}
    for adjustment in criteria.adjustments:
        if condition_holds(adjustment.when, profile, budget_usd):
            for criterion_id, factor in adjustment.multiply.items():
                multipliers[criterion_id] *= factor
                reasons[criterion_id].append(f"×{factor:g}: {adjustment.reason}")
    weights = {c.id: c.weight * multipliers[c.id] for c in criteria.criteria}
    total = sum(weights.values()) or 1.0
    return tuple(
        WeightUsed.model_construct(
            criterion=c.id,
            label=c.label,
            evaluator=c.evaluator,
            base_weight=c.weight,
            multiplier=round(multipliers[c.id], 6),
            weight=weights[c.id],
            share=weights[c.id] / total,
            adjustments=tuple(reasons[c.id]),
        )
        for c in criteria.criteria
    )
