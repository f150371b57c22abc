"""The result of advice: a finished, sorted, worded model that renderers only present.

Its JSON form is a public contract (``schema_version``); change it only with a new
version and a line in CHANGELOG.md.
"""

from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION: Final = "1.0"

Score = Annotated[float, Field(ge=0, le=100, description="0-100, one decimal place.")]


class ResultModel(BaseModel):
    """Results are built by the core from validated inputs, with ``model_construct``: the
    schema here documents and serializes them (``advisor schema result``, JSON output)
    rather than re-checking the core's own work on every run."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Contribution(ResultModel):
    """How one criterion moved one platform's score."""

    criterion: str
    label: str
    weight_share: float = Field(description="This criterion's share of the applicable weight, 0-1.")
    value: float | None = Field(description="The evaluator's value 0-1; null when not applicable.")
    points: float = Field(description="Points this criterion added to the 0-100 score.")
    reason: str


class ScoredPlatform(ResultModel):
    """One candidate for one function, scored and explained."""

    platform: str
    name: str
    vendor: str
    rank: int
    score: Score
    ownership: str
    deployment: tuple[str, ...]
    monthly_cost_usd: float = Field(description="Fixed cost plus fees on the expected sales.")
    fixed_cost_usd: float = Field(description="Subscription and hosting, whatever is sold.")
    fees_usd: float = Field(description="Fees on the expected sales through this function.")
    fees_estimated: bool = Field(
        description="The platform charges no fee itself; fees are a separate processor's."
    )
    cost_basis: str = Field(description="Which plan the monthly cost assumes, in words.")
    prices_as_of: str
    price_source: str
    highlights: tuple[str, ...] = Field(description="The reasons that lifted it most.")
    drawbacks: tuple[str, ...] = Field(description="The reasons that held it back most.")
    contributions: tuple[Contribution, ...]


class Need(ResultModel):
    """A function the business needs, and why."""

    function: str
    label: str
    reason: str
    candidates: int = Field(description="Platforms of this function that were scored.")
    excluded: int = Field(description="Platforms of this function ruled out by constraints.")


class Exclusion(ResultModel):
    """A platform ruled out by a hard constraint, with every reason."""

    platform: str
    name: str
    functions: tuple[str, ...]
    reasons: tuple[str, ...]


class WeightUsed(ResultModel):
    """A criterion's weight as given, as adjusted for this profile, and why."""

    criterion: str
    label: str
    evaluator: str
    base_weight: float
    multiplier: float
    weight: float
    share: float = Field(description="Share of the total weight, 0-1.")
    adjustments: tuple[str, ...]


class StackItem(ResultModel):
    """The platform recommended for one function."""

    function: str
    platform: str
    name: str
    score: Score


class BusinessSummary(ResultModel):
    name: str
    sector: str
    employees: int
    users: int
    country: str
    markets: tuple[str, ...]
    goals: tuple[str, ...]
    audience_channels: tuple[str, ...]
    technical_capability: str
    risk_tolerance: str
    monthly_budget_usd: float
    existing_platforms: tuple[str, ...]


class DataFreshness(ResultModel):
    """How old the prices behind this advice are."""

    oldest_price: str
    newest_price: str
    platforms_scored: int
    stale_prices: tuple[str, ...] = Field(description="Platforms whose prices need re-checking.")


class Strategy(ResultModel):
    """Everything the advisor concluded for one profile."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    business: BusinessSummary
    criteria_name: str
    method: Literal["weighted_sum"] = "weighted_sum"
    weights: tuple[WeightUsed, ...]
    stack: tuple[StackItem, ...]
    needs: tuple[Need, ...]
    rankings: dict[str, tuple[ScoredPlatform, ...]] = Field(
        description="Per needed function (in the order of needs), candidates best first."
    )
    excluded: tuple[Exclusion, ...]
    data: DataFreshness
    assumptions: tuple[str, ...]
