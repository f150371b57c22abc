"""The result of ``advisor compare``: finalists side by side, finished for renderers.

Its JSON form is a public contract (``schema_version``), like the Strategy's; change it
only with a new version and a line in CHANGELOG.md.
"""

from typing import Literal

from pydantic import Field

from platform_advisor.algorithms import MethodName
from platform_advisor.contracts import COMPARISON_SCHEMA_VERSION
from platform_advisor.models.result import (
    BusinessSummary,
    MoneyFormat,
    ResultModel,
    Score,
    StackItem,
)


class Cell(ResultModel):
    """One finalist measured on one criterion."""

    platform: str
    value: float | None = Field(description="The evaluator's value 0-1; null when not applicable.")
    points: float = Field(description="Points this criterion added to the 0-100 score.")
    weight_share: float = Field(description="This criterion's share of the applicable weight, 0-1.")
    reason: str
    leads: bool = Field(description="It earns the most points on this row (every one of a tie).")


class CriterionRow(ResultModel):
    """One criterion across the finalists."""

    criterion: str
    label: str
    weight: float = Field(description="The criterion's share of the total weight, 0-1.")
    cells: tuple[Cell, ...] = Field(description="One per finalist, in the finalists' order.")


class FinalistCost(ResultModel):
    """What the finalist would cost for the compared function alone, as the report costs it."""

    plan: str
    subscription: float = Field(description="Per month, for the profile's users.")
    hosting: float = Field(description="Per month, self-hosted only (our estimate).")
    skill_gap: float = Field(description="Per month: help to run what the team cannot.")
    fees: float = Field(description="Per month, on the expected sales through it.")
    monthly_total: float
    setup: float
    year_one: float = Field(description="Twelve months plus set-up.")
    three_years: float = Field(description="Thirty-six months plus set-up.")
    prices_as_of: str
    price_source: str
    prices_stale: bool = Field(description="The prices are older than twelve months.")


LinkCell = Literal["native", "ipaas", "api", "none", "itself"]


class IntegrationRow(ResultModel):
    """One platform of the stack, or in use, and each finalist's link to it."""

    platform: str
    name: str
    role: tuple[str, ...] = Field(description="What it does: function labels, or 'in use'.")
    links: tuple[LinkCell, ...] = Field(
        description="Per finalist, in their order: the strongest link, 'none', or 'itself'."
    )


class Swap(ResultModel):
    """What the recommended stack would gain or lose with this finalist in its chosen place."""

    replaces: str
    replaces_name: str
    score_change: float = Field(description="Its score minus the chosen platform's.")
    stack_monthly: float = Field(description="The stack's monthly total after the swap.")
    monthly_change: float = Field(description="Change of the stack's monthly total.")
    stack_fixed: float = Field(description="The stack's monthly fixed cost after the swap.")
    within_budget: bool = Field(description="That fixed cost stays within the monthly budget.")
    links_gained: tuple[str, ...]
    links_lost: tuple[str, ...]
    summary: str


class Finalist(ResultModel):
    """One finalist: its score, cost, fit with the team and the stack, and a verdict."""

    platform: str
    name: str
    vendor: str
    eligible: bool = Field(description="False when the profile's hard constraints exclude it.")
    exclusion_reasons: tuple[str, ...]
    recommended: bool = Field(description="The recommended stack uses it for this function.")
    score: Score
    rank: int | None = Field(description="Its place in the function's ranking; null if excluded.")
    ranked: int = Field(description="How many eligible platforms the function's ranking holds.")
    place_if_allowed: int | None = Field(
        description="For an excluded finalist, the place its score would earn in the ranking."
    )
    standing: str = Field(description="Its rank in words, or why it has none.")
    ownership: str
    deployment: tuple[str, ...]
    skill_required: str
    skill_note: str
    data_portability: int = Field(description="The catalog's 0-5 rating.")
    portability_note: str = Field(description="What leaving it would take.")
    cost: FinalistCost
    swap: Swap | None = Field(description="Null for the platform the stack already uses.")
    leads_on: tuple[str, ...] = Field(description="Criteria where it leads the others most.")
    trails_on: tuple[str, ...] = Field(description="Criteria where it trails the best most.")
    verdict: str


class Comparison(ResultModel):
    """Two to five finalists for one needed function, side by side."""

    schema_version: Literal["2.0"] = COMPARISON_SCHEMA_VERSION
    currency: str = Field(description="ISO 4217 code of every amount in the comparison.")
    money_format: MoneyFormat
    business: BusinessSummary
    criteria_name: str
    method: MethodName = Field(
        "weighted_sum", description="How criteria values became the scores (since 1.1)."
    )
    function: str
    function_label: str
    shared_functions: tuple[str, ...] = Field(
        description="Every needed function all the finalists serve, in the order of needs."
    )
    function_note: str = Field(description="Why this function, in words.")
    finalists: tuple[Finalist, ...] = Field(description="In the order they were named.")
    criteria: tuple[CriterionRow, ...]
    integrations: tuple[IntegrationRow, ...] = Field(
        description="The rest of the recommended stack, then the platforms in use that stay."
    )
    stack: tuple[StackItem, ...] = Field(description="The recommended stack for the profile.")
    notes: tuple[str, ...]
