"""The SMB profile: the business, the five selection factors, needs and hard limits."""

from typing import Annotated, Self

from pydantic import Field, model_validator

from platform_advisor.models.common import (
    ChannelId,
    Compliance,
    Count,
    CountryCode,
    Deployment,
    FunctionId,
    GoalId,
    LongText,
    Money,
    Name,
    NoRepeats,
    Ownership,
    PlatformId,
    RiskTolerance,
    Sector,
    ShortText,
    SkillLevel,
    StrictModel,
)

Employees = Annotated[int, Field(strict=True, ge=1, le=10_000)]


class Business(StrictModel):
    """Who the business is."""

    name: Name
    sector: Sector
    employees: Employees
    country: CountryCode = Field(description="Home country, where it is registered and pays staff.")
    markets: Annotated[tuple[CountryCode, ...], Field(max_length=250), NoRepeats] = Field(
        default=(), description="Countries it sells to; empty means the home country only."
    )
    description: LongText = ""


class Audience(StrictModel):
    """Who the customers are and where they spend their time."""

    description: LongText = ""
    channels: Annotated[tuple[ChannelId, ...], Field(max_length=40), NoRepeats] = Field(
        default=(), description="Channel ids from the catalog taxonomy, most important first."
    )


class Budget(StrictModel):
    """What the business can spend on platforms."""

    monthly_usd: Money
    setup_usd: Money = Field(default=0.0, description="One-off money for set-up and migration.")


class SalesVolume(StrictModel):
    """Sales in a typical month."""

    monthly_usd: Money = 0.0
    monthly_orders: Count = 0


class Sales(SalesVolume):
    """Sales expected to pass through platforms; drives fees on sales.

    The totals apply to every function that takes payments, unless ``by_function``
    gives that function its own figures (the share that goes through delivery apps, say).
    """

    by_function: Annotated[dict[FunctionId, SalesVolume], Field(max_length=60)] = Field(
        default_factory=dict
    )


class Growth(StrictModel):
    """Where the business expects to be a year from now; the report costs the stack then."""

    employees: Annotated[int, Field(strict=True, ge=1, le=1_000_000)]
    monthly_sales_usd: Money | None = Field(
        default=None, description="Sales a month by then; today's figure when left out."
    )


class Constraints(StrictModel):
    """Hard limits: a platform that breaks one is excluded, with the reason."""

    ownership: Annotated[tuple[Ownership, ...], Field(max_length=3), NoRepeats] = Field(
        default=(), description="Allowed ownership types; empty allows all."
    )
    deployment: Annotated[tuple[Deployment, ...], Field(max_length=4), NoRepeats] = Field(
        default=(), description="Allowed ways of running a platform; empty allows all."
    )
    max_monthly_usd: Money | None = Field(
        default=None, description="No single platform may cost more than this a month."
    )
    exclude_vendors: Annotated[tuple[Name, ...], Field(max_length=200), NoRepeats] = ()
    exclude_platforms: Annotated[tuple[PlatformId, ...], Field(max_length=2000), NoRepeats] = ()
    compliance: Annotated[tuple[Compliance, ...], Field(max_length=6), NoRepeats] = Field(
        default=(), description="Certifications or regimes every platform must support."
    )


class Profile(StrictModel):
    """One business, as a consultant would describe it for platform selection."""

    business: Business
    goals: Annotated[tuple[GoalId, ...], Field(min_length=1, max_length=20), NoRepeats]
    audience: Audience = Field(default_factory=Audience)
    technical_capability: SkillLevel
    budget: Budget
    risk_tolerance: RiskTolerance
    seats: Annotated[int, Field(strict=True, ge=1, le=10_000)] | None = Field(
        default=None, description="People who need a login; defaults to the employee count."
    )
    sales: Sales = Field(default_factory=Sales)
    needs: Annotated[tuple[FunctionId, ...], Field(max_length=60), NoRepeats] = Field(
        default=(), description="Functions to fill; empty derives them from goals and sector."
    )
    existing_platforms: Annotated[tuple[PlatformId, ...], Field(max_length=200), NoRepeats] = ()
    constraints: Constraints = Field(default_factory=Constraints)
    growth: Growth | None = None
    notes: ShortText = ""

    @model_validator(mode="after")
    def _budget_within_ceiling(self) -> Self:
        ceiling = self.constraints.max_monthly_usd
        if ceiling is not None and ceiling == 0 and self.budget.monthly_usd > 0:
            raise ValueError("constraints.max_monthly_usd is 0 but budget.monthly_usd is not")
        return self

    def sales_through(self, function_id: str) -> SalesVolume:
        """The sales that would pass through platforms of one function."""
        return self.sales.by_function.get(function_id, self.sales)

    @property
    def users(self) -> int:
        """How many logins the business needs."""
        return self.seats if self.seats is not None else self.business.employees
