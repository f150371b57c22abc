"""The SMB profile: the business, the five selection factors, needs and hard limits."""

from typing import Annotated, Self

from pydantic import Field, model_validator

from platform_advisor.models.common import (
    Amount,
    BusinessModel,
    ChannelId,
    Compliance,
    Count,
    CountryCode,
    CurrencyCode,
    Deployment,
    FunctionId,
    GoalId,
    Infrastructure,
    LongText,
    Money,
    Name,
    NoRepeats,
    Ownership,
    PartnershipStructure,
    PartnerWant,
    PlatformId,
    RelationType,
    RiskTolerance,
    SalesChannel,
    Sector,
    Share,
    ShortText,
    SkillLevel,
    StrictModel,
    Trade,
)

Employees = Annotated[int, Field(strict=True, ge=0, le=10_000)]


class Business(StrictModel):
    """Who the business is."""

    name: Name
    sector: Sector
    employees: Employees = Field(
        description="Paid staff; 0 for a business run by its owners or volunteers."
    )
    volunteers: Annotated[int, Field(strict=True, ge=0, le=100_000)] = Field(
        default=0, description="Unpaid people who also use the platforms (a club's committee)."
    )
    country: CountryCode = Field(description="Home country, where it is registered and pays staff.")
    markets: Annotated[tuple[CountryCode, ...], Field(max_length=250), NoRepeats] = Field(
        default=(), description="Countries it sells to; empty means the home country only."
    )
    currency: CurrencyCode | None = Field(
        default=None,
        description="ISO 4217 code of every amount in the profile and the report; absent: the "
        "home country's currency (amounts given in the older *_usd fields are US dollars).",
    )
    description: LongText = ""
    trade: Trade | None = Field(
        default=None,
        description="Its trade (food, retail, wholesale, design, professional_services...); "
        "absent: read from the sector and the sales channels.",
    )
    model: Annotated[tuple[BusinessModel, ...], Field(max_length=5), NoRepeats] = Field(
        default=(),
        description="How it sells: direct_to_consumer, b2b, franchisee, reseller, "
        "marketplace_seller; empty: not stated.",
    )


class Partnership(StrictModel):
    """A partnership or network the business already has: shown on its ecosystem map and
    never suggested to it again."""

    name: Name
    type: RelationType = Field(
        description="horizontal, vertical or complementary partner; chamber, association, "
        "industry_association, referral_group, support_service or coworking network; "
        "marketplace or franchise."
    )
    platform: PlatformId | None = Field(
        default=None, description="The catalog entry it is, where the catalog has one."
    )
    structure: PartnershipStructure | None = Field(
        default=None, description="How it is set up: informal, alliance, reseller, membership..."
    )


class OtherTool(StrictModel):
    """A tool the business uses that the catalog does not know (Dentrix, an in-house
    system): shown in the report, kept for the functions it fills, never assessed."""

    name: Name
    functions: Annotated[tuple[FunctionId, ...], Field(max_length=20), NoRepeats] = Field(
        default=(), description="Functions it fills; the stack does not buy another for them."
    )
    links: Annotated[tuple[PlatformId, ...], Field(max_length=50), NoRepeats] = Field(
        default=(), description="Catalog platforms it connects with (an iPaaS such as zapier)."
    )


class Audience(StrictModel):
    """Who the customers are and where they spend their time."""

    description: LongText = ""
    channels: Annotated[tuple[ChannelId, ...], Field(max_length=40), NoRepeats] = Field(
        default=(), description="Channel ids from the catalog taxonomy, most important first."
    )


class Budget(StrictModel):
    """What the business can spend on platforms, in its currency."""

    monthly: Amount | None = Field(default=None, description="For all platforms together.")
    setup: Amount | None = Field(default=None, description="One-off: set-up and migration.")
    hourly_rate: Amount | None = Field(
        default=None,
        description="What an hour of outside help (set-up, migration, a developer) costs; "
        "absent: the criteria's rate, converted.",
    )
    monthly_usd: Amount | None = Field(default=None, description="The older form, in US dollars.")
    setup_usd: Amount | None = Field(default=None, description="The older form, in US dollars.")

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        _one_of(self, "monthly", "monthly_usd", required=True)
        _one_of(self, "setup", "setup_usd")
        return self


class SalesVolume(StrictModel):
    """Sales in a typical month (the older form, in US dollars)."""

    monthly_usd: Amount = 0.0
    monthly_orders: Count = 0


class ChannelSales(StrictModel):
    """Sales taken one way in a typical month, in the business's currency."""

    monthly: Amount = Field(description="Their value a month.")
    count: Count = Field(description="How many sales (payments, orders) a month.")
    platform: PlatformId | None = Field(
        default=None, description="The marketplace or app that takes them, where one does."
    )
    foreign_share: Share = Field(
        default=0.0, description="The share paid with cards issued abroad (online sales)."
    )
    own_delivery: bool = Field(
        default=False,
        description="Delivery-app orders the business delivers itself (cheaper app plans).",
    )


class Sales(SalesVolume):
    """Sales expected to pass through platforms; drives fees on sales.

    `channels` says how the business takes them (cards in person, online, invoices, a
    marketplace...). The older form gives totals in US dollars, which apply to every
    function that takes payments unless ``by_function`` gives that function its own.
    """

    channels: Annotated[dict[SalesChannel, ChannelSales], Field(max_length=9)] = Field(
        default_factory=dict
    )
    by_function: Annotated[dict[FunctionId, SalesVolume], Field(max_length=60)] = Field(
        default_factory=dict
    )

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        legacy = self.monthly_usd or self.monthly_orders or self.by_function
        if self.channels and legacy:
            raise ValueError(
                "give sales by channel, or the older monthly_usd/monthly_orders/by_function, "
                "not both"
            )
        return self

    @property
    def legacy(self) -> bool:
        """Given in the older form, totals in US dollars."""
        return not self.channels


class Volumes(StrictModel):
    """How much the platforms must handle: plans are chosen on these limits. Each left out
    is estimated from the rest of the profile, and the report says so."""

    contacts: Count | None = Field(default=None, description="Customers and subscribers kept.")
    bookings: Count | None = Field(default=None, description="Appointments or classes a month.")
    invoices: Count | None = Field(default=None, description="Invoices sent a month.")
    employees_paid: Count | None = Field(default=None, description="People on the payroll.")
    agents: Count | None = Field(default=None, description="People answering customers.")
    locations: Count | None = Field(default=None, description="Shops, sites or studios.")
    products: Count | None = Field(default=None, description="Products or listings sold.")


class Growth(StrictModel):
    """Where the business expects to be a year from now; the report costs the stack then."""

    employees: Annotated[int, Field(strict=True, ge=1, le=1_000_000)]
    monthly_sales: Amount | None = Field(
        default=None, description="Sales a month by then, in its currency; today's if left out."
    )
    monthly_sales_usd: Amount | None = Field(default=None, description="The older form.")

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        _one_of(self, "monthly_sales", "monthly_sales_usd")
        return self


class Constraints(StrictModel):
    """Hard limits: a platform that breaks one is excluded, with the reason."""

    ownership: Annotated[tuple[Ownership, ...], Field(max_length=3), NoRepeats] = Field(
        default=(), description="Allowed ownership types; empty allows all."
    )
    deployment: Annotated[tuple[Deployment, ...], Field(max_length=4), NoRepeats] = Field(
        default=(), description="Allowed ways of running a platform; empty allows all."
    )
    max_monthly: Amount | None = Field(
        default=None,
        description="No single platform may cost more than this a month, in the business's "
        "currency.",
    )
    max_monthly_usd: Money | None = Field(default=None, description="The older form.")
    exclude_vendors: Annotated[tuple[Name, ...], Field(max_length=200), NoRepeats] = ()
    exclude_platforms: Annotated[tuple[PlatformId, ...], Field(max_length=2000), NoRepeats] = ()
    compliance: Annotated[tuple[Compliance, ...], Field(max_length=6), NoRepeats] = Field(
        default=(), description="Certifications or regimes every platform must support."
    )

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        _one_of(self, "max_monthly", "max_monthly_usd")
        return self


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
    seats_by_function: Annotated[
        dict[FunctionId, Annotated[int, Field(strict=True, ge=1, le=10_000)]], Field(max_length=60)
    ] = Field(
        default_factory=dict,
        description="Logins a function needs where fewer than everyone uses it (crm: 3).",
    )
    sales: Sales = Field(default_factory=Sales)
    volumes: Volumes = Field(default_factory=Volumes)
    needs: Annotated[tuple[FunctionId, ...], Field(max_length=60), NoRepeats] = Field(
        default=(), description="Functions to fill; empty derives them from goals and sector."
    )
    existing_platforms: Annotated[tuple[PlatformId, ...], Field(max_length=200), NoRepeats] = ()
    other_tools: Annotated[tuple[OtherTool, ...], Field(max_length=200)] = Field(
        default=(), description="Tools in use that the catalog does not know."
    )
    infrastructure: Annotated[tuple[Infrastructure, ...], Field(max_length=2), NoRepeats] = Field(
        default=(),
        description="What the business already runs: own_server (self-hosted software "
        "costs no hosting), shared_hosting (a web host it already pays for).",
    )
    constraints: Constraints = Field(default_factory=Constraints)
    partnerships: Annotated[tuple[Partnership, ...], Field(max_length=100)] = Field(
        default=(), description="Partnerships and networks it already has."
    )
    partner_wants: Annotated[tuple[PartnerWant, ...], Field(max_length=4), NoRepeats] = Field(
        default=(), description="What it wants from partners: reach, supply, skills, capital."
    )
    growth: Growth | None = None
    notes: ShortText = ""

    @model_validator(mode="after")
    def _budget_within_ceiling(self) -> Self:
        limits = self.constraints
        ceiling = limits.max_monthly if limits.max_monthly is not None else limits.max_monthly_usd
        budget = self.budget.monthly if self.budget.monthly is not None else self.budget.monthly_usd
        if ceiling is not None and ceiling == 0 and budget:
            field = "max_monthly" if limits.max_monthly is not None else "max_monthly_usd"
            raise ValueError(f"constraints.{field} is 0 but the monthly budget is not")
        return self

    @property
    def states_amounts(self) -> bool:
        """Whether any amount is in the business's currency (the newer form)."""
        return (
            self.budget.monthly is not None
            or self.budget.setup is not None
            or self.budget.hourly_rate is not None
            or bool(self.sales.channels)
            or self.constraints.max_monthly is not None
            or (self.growth is not None and self.growth.monthly_sales is not None)
        )

    def sales_through(self, function_id: str) -> SalesVolume:
        """The sales that would pass through platforms of one function."""
        return self.sales.by_function.get(function_id, self.sales)

    @property
    def users(self) -> int:
        """How many logins the business needs."""
        if self.seats is not None:
            return self.seats
        return max(1, self.business.employees + self.business.volunteers)

    def users_of(self, function_id: str) -> int:
        """How many logins one function needs."""
        return self.seats_by_function.get(function_id, self.users)


def _one_of(model: StrictModel, new: str, old: str, *, required: bool = False) -> None:
    """A field given in its new form or its older *_usd form, not both (and one if required)."""
    given = [name for name in (new, old) if getattr(model, name) is not None]
    if len(given) == 2:
        raise ValueError(f"give {new} or {old} (the older form, in US dollars), not both")
    if required and not given:
        raise ValueError(f"give {new} (in the business's currency)")
