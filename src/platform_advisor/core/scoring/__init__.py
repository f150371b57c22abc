"""Scoring: what each criterion measures, the weights, the needs, the hard constraints
and the costs, and the scores they add up to."""

#: The evaluators a criterion may name (evaluators.py registers one function for each);
#: kept here so checking a criteria file does not import what computes them.
EVALUATOR_NAMES = (
    "rating",
    "cost_fit",
    "budget_fit",
    "fee_fit",
    "skill_fit",
    "risk_fit",
    "goal_fit",
    "audience_fit",
    "sector_fit",
    "existing_fit",
)
