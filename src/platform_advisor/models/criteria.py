"""The criteria file: what matters, how much, and how the profile shifts the weights."""

from collections.abc import Mapping
from typing import Annotated, Self

from pydantic import Field, model_validator

from platform_advisor.models.catalog import RatingName
from platform_advisor.models.common import (
    CriterionId,
    FunctionId,
    GoalId,
    Money,
    Multiplier,
    Name,
    NoRepeats,
    RiskTolerance,
    Sector,
    ShortText,
    SkillLevel,
    SnakeId,
    StrictModel,
    Weight,
)

EvaluatorName = SnakeId


class Criterion(StrictModel):
    """One criterion: its weight and the evaluator that measures it."""

    id: CriterionId
    label: Name
    evaluator: EvaluatorName
    rating: RatingName | None = Field(
        default=None, description="Which catalog rating to read; only for the 'rating' evaluator."
    )
    weight: Weight
    description: ShortText = ""

    @model_validator(mode="after")
    def _rating_only_for_rating_evaluator(self) -> Self:
        if self.evaluator == "rating" and self.rating is None:
            raise ValueError("the 'rating' evaluator needs a 'rating' field naming which rating")
        if self.evaluator != "rating" and self.rating is not None:
            raise ValueError(
                f"'rating' applies only to the 'rating' evaluator, not {self.evaluator!r}"
            )
        return self


class Condition(StrictModel):
    """When an adjustment applies; every listed field must match (empty fields match all)."""

    technical_capability: Annotated[tuple[SkillLevel, ...], NoRepeats] = ()
    risk_tolerance: Annotated[tuple[RiskTolerance, ...], NoRepeats] = ()
    sector: Annotated[tuple[Sector, ...], NoRepeats] = ()
    goals: Annotated[tuple[GoalId, ...], NoRepeats] = Field(
        default=(), description="Matches when the profile has any of these goals."
    )
    budget_below_usd: Money | None = Field(
        default=None, description="Matches when the monthly budget is below this."
    )


class Adjustment(StrictModel):
    """A profile-driven change of weights, with the reason shown in the report."""

    when: Condition
    multiply: Annotated[Mapping[CriterionId, Multiplier], Field(min_length=1, max_length=50)]
    reason: ShortText


class Goal(StrictModel):
    """A business goal, the functions it needs and the ratings that serve it."""

    label: Name
    functions: Annotated[tuple[FunctionId, ...], Field(max_length=30), NoRepeats] = ()
    ratings: Annotated[tuple[RatingName, ...], Field(max_length=9), NoRepeats] = ()
    description: ShortText = ""


class SectorGuide(StrictModel):
    """Functions that businesses of one sector usually need."""

    functions: Annotated[tuple[FunctionId, ...], Field(max_length=30), NoRepeats] = ()


class Criteria(StrictModel):
    """A complete criteria preset, such as criteria/balanced.yaml."""

    name: Name
    description: ShortText = ""
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1, max_length=100)]
    adjustments: Annotated[tuple[Adjustment, ...], Field(max_length=100)] = ()
    goals: Annotated[Mapping[GoalId, Goal], Field(min_length=1, max_length=100)]
    sectors: Mapping[Sector, SectorGuide] = Field(default_factory=dict)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        return next(c for c in self.criteria if c.id == criterion_id)
