"""The catalog: a taxonomy of business functions and channels, and the platforms."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal, Self

from pydantic import Field, Strict, model_validator

from platform_advisor.models.common import (
    WORLDWIDE,
    Amount,
    ChannelId,
    Compliance,
    Count,
    CountryCode,
    CurrencyCode,
    DataKind,
    Deployment,
    Evidence,
    FunctionGroup,
    FunctionId,
    IsoDate,
    LongText,
    Money,
    Name,
    NetworkKind,
    NoRepeats,
    Ownership,
    PageDate,
    Percent,
    PlatformId,
    Rating,
    Region,
    SalesChannel,
    Sector,
    ShortText,
    SkillLevel,
    StrictModel,
    Trade,
    Url,
)


class FunctionDef(StrictModel):
    """A business function a platform can serve, such as 'accounting'."""

    id: FunctionId
    label: Name
    group: FunctionGroup
    description: ShortText
    audience_facing: bool = Field(
        default=False, description="Customers meet the business here, so audience fit applies."
    )
    takes_payments: bool = Field(
        default=False, description="Sales pass through it, so transaction fees apply."
    )
    use: ShortText = Field(default="", description="How a small business puts it to work.")
    objective: ShortText = Field(default="", description="What the business wants from it.")
    kpis: Annotated[tuple[ShortText, ...], Field(max_length=8)] = Field(
        default=(), description="The measures that show whether it meets its objective."
    )
    owner: ShortText = Field(default="", description="Who in a small business usually runs it.")
    review: Literal["weekly", "monthly", "quarterly"] = Field(
        default="monthly", description="How often its KPIs are worth reviewing."
    )
    automation: Annotated[tuple[ShortText, ...], Field(max_length=8)] = Field(
        default=(), description="Work it can take off people's hands."
    )
    engagement: ShortText = Field(
        default="", description="For audience-facing functions: the content and engagement plan."
    )
    includes: Annotated[tuple[FunctionId, ...], Field(max_length=20), NoRepeats] = Field(
        default=(),
        description="Functions a platform of this one also fills by design (an ERP's "
        "accounting): no second product is bought for them.",
    )
    several: bool = Field(
        default=False,
        description="A channel where a business can be on several platforms at once.",
    )
    data: Annotated[tuple[DataKind, ...], Field(max_length=5), NoRepeats] = Field(
        default=(), description="Regulated data its platforms hold, which decides the rules."
    )
    within: FunctionId | None = Field(
        default=None,
        description="In a suite, this comes inside that function's app (e-invoicing inside "
        "the books): a plan's limit on apps does not count it apart.",
    )
    required_in: Annotated[tuple[CountryCode, ...], Field(max_length=250), NoRepeats] = Field(
        default=(),
        description="Countries whose law requires it of a business that keeps books there "
        "(an e-invoicing mandate): added to the needs of a business there that needs a "
        "function including it.",
    )
    core_system: bool = Field(
        default=False,
        description="A system the business runs on (ERP, till, practice system): adopted "
        "first, with migration, a parallel run and training.",
    )
    switching_hours: Annotated[float, Field(strict=True, ge=0, le=10_000)] = Field(
        default=8.0,
        description="Our estimate of the hours it takes to move to another platform of this "
        "function: data, set-up and training.",
    )


class SalesChannelDef(StrictModel):
    """How a business takes sales, and which needed function's platform takes them."""

    id: SalesChannel
    label: Name
    owners: Annotated[tuple[FunctionId, ...], Field(max_length=10), NoRepeats] = Field(
        default=(),
        description="Functions whose platform takes these sales, the first needed one first.",
    )
    description: ShortText = ""


PerBase = Annotated[float, Strict(), Field(gt=0, le=1e9)]


class ExtraRate(StrictModel):
    """A currency the main table lacks, from a source of its own."""

    currency: CurrencyCode
    per_base: PerBase
    date: PageDate
    source: Url
    evidence: Evidence = "unverified"
    notes: ShortText = ""


class ExchangeRates(StrictModel):
    """One dated table of exchange rates: units of each currency per unit of the base."""

    base: CurrencyCode
    date: PageDate
    source: Url
    rates: Annotated[
        dict[CurrencyCode, Annotated[float, Strict(), Field(gt=0, le=1e9)]],
        Field(min_length=1, max_length=300),
    ]
    other: Annotated[tuple[ExtraRate, ...], Field(max_length=200)] = ()
    evidence: Evidence = "secondary"


class Flow(StrictModel):
    """Data that should flow between two functions' platforms when they are linked."""

    between: Annotated[tuple[FunctionId, FunctionId], NoRepeats]
    data: ShortText
    automation: ShortText = ""


class ChannelDef(StrictModel):
    """A place where a business's audience spends its time, such as 'instagram'."""

    id: ChannelId
    label: Name
    description: ShortText = ""


class Rate(StrictModel):
    """A fee on one sale: a percentage of its value plus a fixed part, within a cap."""

    pct: Percent = 0.0
    fixed: Amount = Field(default=0.0, description="Per sale, in the schedule's currency.")
    cap: Amount | None = Field(default=None, description="The most one sale pays.")
    min: Amount | None = Field(default=None, description="The least one sale pays.")


Unit = Literal[
    "employee_paid", "agent", "location", "contact", "order", "booking", "invoice", "app"
]


#: The plan limit each unit a plan can be priced by counts against.
LIMIT_OF_UNIT = {
    "employee_paid": "employees_paid",
    "agent": "agents",
    "location": "locations",
    "contact": "contacts",
    "order": "orders",
    "booking": "bookings",
    "invoice": "invoices",
    "app": "apps",
}


class UnitPrice(StrictModel):
    """A price per unit other than a user: per person paid, per support agent, per
    thousand contacts (block: 1000)."""

    unit: Unit
    price: Amount = Field(description="Per block of units a month, in the plan's currency.")
    block: Annotated[int, Field(strict=True, ge=1, le=1_000_000)] = 1
    included: Count = Field(default=0, description="Units the plan's monthly price covers.")


class Limits(StrictModel):
    """What a plan admits; a limit left out does not bind. Volumes are per month."""

    contacts: Count | None = None
    orders: Count | None = None
    bookings: Count | None = None
    invoices: Count | None = None
    employees_paid: Count | None = None
    agents: Count | None = None
    locations: Count | None = None
    products: Count | None = None
    apps: Count | None = Field(default=None, description="Apps or modules usable at once.")


LIMIT_NAMES: tuple[str, ...] = (
    "contacts", "orders", "bookings", "invoices", "employees_paid", "agents", "locations",
    "products", "apps",
)  # fmt: skip


class Tier(StrictModel):
    """One price plan. Amounts are per month on the plan's billing basis, in the pricing's
    currency. The legacy fields (monthly_usd, per_user_usd, transaction_fee_pct and
    transaction_fee_usd) are read as US dollars."""

    name: Name
    monthly: Amount | None = None
    per_user: Amount | None = Field(default=None, description="Per extra user, per month.")
    users_included: Count = Field(default=1, description="Users covered by the monthly price.")
    min_users: Count = 1
    max_users: Count | None = None
    per_unit: Annotated[tuple[UnitPrice, ...], Field(max_length=8)] = ()
    limits: Limits = Field(default_factory=Limits)
    capabilities: Annotated[tuple[FunctionId, ...], Field(max_length=40), NoRepeats] | None = Field(
        default=None,
        description="The platform's functions this plan can perform; absent: all of them.",
    )
    compliance: Annotated[tuple[Compliance, ...], Field(max_length=10), NoRepeats] = Field(
        default=(),
        description="Regimes whose contract this plan offers (a BAA for hipaa, a DPA for gdpr).",
    )
    fee: Rate | None = Field(
        default=None,
        description="The platform's own fee per sale on this plan, apart from card processing.",
    )
    for_customers_of: Annotated[tuple[Name, ...], Field(max_length=20), NoRepeats] = Field(
        default=(),
        description="Only for customers of one of these (a bank, a reseller); the plan is "
        "chosen only for a business that says it is one.",
    )
    own_delivery: bool = Field(
        default=False,
        description="A delivery app's plan on which the business delivers the orders itself.",
    )
    monthly_usd: Money | None = None
    per_user_usd: Money | None = None
    transaction_fee_pct: Percent | None = None
    transaction_fee_usd: Money | None = None
    notes: ShortText = ""

    @model_validator(mode="after")
    def _users_in_order(self) -> Self:
        if self.max_users is not None and self.max_users < self.min_users:
            raise ValueError(
                f"max_users ({self.max_users}) must not be below min_users ({self.min_users})"
            )
        return self

    @model_validator(mode="after")
    def _one_name_per_amount(self) -> Self:
        for new, old in (("monthly", "monthly_usd"), ("per_user", "per_user_usd")):
            if getattr(self, new) is not None and getattr(self, old) is not None:
                raise ValueError(f"give {new} or {old} (the older name), not both")
        legacy_fee = self.transaction_fee_pct is not None or self.transaction_fee_usd is not None
        if self.fee is not None and legacy_fee:
            raise ValueError("give fee or transaction_fee_pct/_usd (the older names), not both")
        return self

    @property
    def monthly_price(self) -> float:
        return self.monthly if self.monthly is not None else (self.monthly_usd or 0.0)

    @property
    def per_user_price(self) -> float:
        return self.per_user if self.per_user is not None else (self.per_user_usd or 0.0)

    @property
    def own_fee(self) -> Rate | None:
        """The platform's own fee per sale on this plan, if it charges one."""
        if self.fee is not None:
            return self.fee if self.fee.pct or self.fee.fixed else None
        if self.transaction_fee_pct or self.transaction_fee_usd:
            return Rate(pct=self.transaction_fee_pct or 0.0, fixed=self.transaction_fee_usd or 0.0)
        return None

    @property
    def priced(self) -> bool:
        """Whether the plan has a published price (a plan without one is on request)."""
        return any(
            value is not None
            for value in (self.monthly, self.monthly_usd, self.per_user, self.per_user_usd)
        ) or bool(self.per_unit)

    @property
    def legacy(self) -> bool:
        """Written before prices had currencies: its amounts are US dollars."""
        return any(
            value is not None
            for value in (
                self.monthly_usd,
                self.per_user_usd,
                self.transaction_fee_pct,
                self.transaction_fee_usd,
            )
        )


Regions = Annotated[tuple[Region, ...], Field(max_length=250), NoRepeats]


def _worldwide_alone(regions: tuple[str, ...]) -> None:
    if WORLDWIDE in regions and len(regions) > 1:
        raise ValueError("'worldwide' stands alone: drop the country codes or 'worldwide'")


class LocalPrices(StrictModel):
    """A price list the vendor publishes for some countries, in their currency."""

    countries: Annotated[tuple[CountryCode, ...], Field(min_length=1, max_length=250), NoRepeats]
    currency: CurrencyCode
    tax_included: bool = False
    monthly: Annotated[dict[Name, Amount], Field(min_length=1, max_length=20)]
    per_user: Annotated[dict[Name, Amount], Field(max_length=20)] = Field(default_factory=dict)
    as_of: PageDate
    source: Url
    evidence: Evidence = "unverified"


OneOffItem = Literal["setup", "hardware", "implementation", "migration", "training"]


class OneOff(StrictModel):
    """A cost paid once to start: set-up, hardware, an implementation partner, data
    migration, training."""

    item: OneOffItem
    label: ShortText
    amount: Amount
    currency: CurrencyCode
    per: Literal["business", "location", "user"] = "business"
    countries: Regions = ("worldwide",)
    functions: Annotated[tuple[FunctionId, ...], Field(max_length=20), NoRepeats] = Field(
        default=(),
        description="Paid only when the platform fills one of these functions (a card "
        "reader for the till); absent: whatever it is used for.",
    )
    source: Url | None = None
    evidence: Evidence = "unverified"

    @model_validator(mode="after")
    def _countries(self) -> Self:
        _worldwide_alone(self.countries)
        return self


FeeKind = Literal["processing", "commission"]


class FeeSchedule(StrictModel):
    """What a platform charges per sale in some countries, by sales channel: card
    processing, or a marketplace's or delivery app's commission."""

    countries: Annotated[Regions, Field(min_length=1)]
    currency: CurrencyCode
    kind: FeeKind = "processing"
    plan: Name | None = Field(default=None, description="Only on this plan; absent: on every plan.")
    rates: Annotated[dict[SalesChannel, Rate], Field(min_length=1, max_length=9)]
    cross_border_pct: Percent = Field(default=0.0, description="Added for cards issued abroad.")
    interchange_plus: bool = Field(
        default=False,
        description="The rates are the provider's markup; interchange_estimate_pct is added.",
    )
    interchange_estimate_pct: Percent = Field(
        default=0.0, description="Typical interchange and scheme fees in these countries."
    )
    vat_added: bool = Field(default=False, description="VAT or GST is charged on the fee.")
    own_sales_only: bool = Field(
        default=False,
        description="Processes only sales made on this platform's own store, till or page "
        "(Shopify Payments, a till's own card readers), never another platform's.",
    )
    as_of: PageDate
    source: Url
    evidence: Evidence = "unverified"
    notes: ShortText = ""

    @model_validator(mode="after")
    def _countries(self) -> Self:
        _worldwide_alone(self.countries)
        if self.interchange_plus and not self.interchange_estimate_pct:
            raise ValueError("an interchange-plus schedule needs interchange_estimate_pct")
        return self


PricingModel = Literal[
    "free", "freemium", "subscription", "per_user", "usage", "commission", "membership", "quote"
]


class Pricing(StrictModel):
    """What a platform costs, when that was true, and where it was read."""

    model: PricingModel
    billing: Literal["monthly", "annual"] = "monthly"
    currency: CurrencyCode = Field(default="USD", description="The currency of the tiers.")
    tax_included: bool = Field(default=False, description="VAT or GST is in the prices.")
    tiers: Annotated[tuple[Tier, ...], Field(min_length=1, max_length=20)]
    local: Annotated[tuple[LocalPrices, ...], Field(max_length=40)] = ()
    one_off: Annotated[tuple[OneOff, ...], Field(max_length=20)] = ()
    setup_usd: Money = Field(default=0.0, description="The older name of a set-up one_off.")
    hosting_monthly_usd: Money = Field(
        default=0.0, description="Our estimate of hosting when the business runs it itself."
    )
    as_of: PageDate
    source: Url
    evidence: Evidence = "unverified"
    notes: ShortText = ""

    @model_validator(mode="after")
    def _unique_tier_names(self) -> Self:
        names = [tier.name for tier in self.tiers]
        if len(set(names)) != len(names):
            raise ValueError("tier names must be unique within a platform")
        return self

    @model_validator(mode="after")
    def _legacy_amounts_are_dollars(self) -> Self:
        if self.currency != "USD" and any(tier.legacy for tier in self.tiers):
            raise ValueError(
                f"the tiers use the older *_usd names, which are US dollars, but the currency "
                f"is {self.currency}: write monthly, per_user and fee instead"
            )
        return self

    @model_validator(mode="after")
    def _local_prices_name_tiers(self) -> Self:
        names = {tier.name for tier in self.tiers}
        for prices in self.local:
            unknown = sorted((set(prices.monthly) | set(prices.per_user)) - names)
            if unknown:
                raise ValueError(
                    f"local prices for {', '.join(prices.countries)} name no tier: "
                    f"{', '.join(unknown)}"
                )
        return self


class Ratings(StrictModel):
    """Our 0-5 judgements, each following the rubric in docs/catalog-guide.md."""

    ease_of_use: Rating
    integrations: Rating
    automation: Rating
    customization: Rating
    scalability: Rating
    data_portability: Rating
    security: Rating
    support: Rating
    reach: Rating


RatingName = Literal[
    "ease_of_use",
    "integrations",
    "automation",
    "customization",
    "scalability",
    "data_portability",
    "security",
    "support",
    "reach",
]
RATING_NAMES: tuple[RatingName, ...] = (
    "ease_of_use",
    "integrations",
    "automation",
    "customization",
    "scalability",
    "data_portability",
    "security",
    "support",
    "reach",
)

LinkKind = Literal["native", "ipaas", "api"]
LINK_KINDS: tuple[LinkKind, ...] = ("native", "ipaas", "api")

PlatformIds = Annotated[tuple[PlatformId, ...], Field(max_length=2000), NoRepeats]


class Integrations(StrictModel):
    """Other catalog platforms this one connects to, by kind of link."""

    native: PlatformIds = Field(default=(), description="Built by either vendor, no extra tool.")
    ipaas: PlatformIds = Field(default=(), description="Through an iPaaS such as Zapier or Make.")
    api: PlatformIds = Field(default=(), description="Possible, but only by custom API work.")

    def links(self) -> tuple[tuple[PlatformId, LinkKind], ...]:
        """Every linked platform with the kind of its link, strongest kind first."""
        return tuple(
            (platform_id, kind) for kind in LINK_KINDS for platform_id in getattr(self, kind)
        )

    @model_validator(mode="after")
    def _each_platform_once(self) -> Self:
        seen: set[str] = set()
        for platform_id, _kind in self.links():
            if platform_id in seen:
                raise ValueError(f"'{platform_id}' is listed under more than one kind of link")
            seen.add(platform_id)
        return self


class Platform(StrictModel):
    """One real platform, or a business network the essays count as a platform."""

    id: PlatformId
    name: Name
    vendor: Name
    url: Url
    kind: Literal["software", "network"] = "software"
    network_kind: NetworkKind | None = Field(
        default=None,
        description="For a network: chamber, association, industry_association, "
        "referral_group, support_service or coworking.",
    )
    trades: Annotated[tuple[Trade, ...], Field(max_length=9), NoRepeats] = Field(
        default=(),
        description="For an industry association or marketplace: the trades it serves; "
        "empty: every trade.",
    )
    brings: ShortText = Field(
        default="",
        description="What joining brings a small business, in a sentence (networks and "
        "marketplaces).",
    )
    aliases: Annotated[tuple[Name, ...], Field(max_length=10), NoRepeats] = ()
    functions: Annotated[tuple[FunctionId, ...], Field(min_length=1, max_length=20), NoRepeats]
    ownership: Ownership
    deployment: Annotated[tuple[Deployment, ...], Field(min_length=1, max_length=4), NoRepeats]
    pricing: Pricing
    ratings: Ratings
    skill_required: SkillLevel
    integrates_with: Integrations = Field(default_factory=Integrations)
    channels: Annotated[tuple[ChannelId, ...], Field(max_length=40), NoRepeats] = ()
    sectors: Annotated[tuple[Sector, ...], Field(max_length=7), NoRepeats] = ()
    compliance: Annotated[tuple[Compliance, ...], Field(max_length=10), NoRepeats] = ()
    regions: Regions = Field(
        default=(),
        description="Countries where it is sold, or worldwide (empty: the older form, read as "
        "worldwide and unverified).",
    )
    fees: Annotated[tuple[FeeSchedule, ...], Field(max_length=100)] = Field(
        default=(), description="Card processing and commissions, by country and channel."
    )
    compliance_source: Url | None = Field(
        default=None, description="The vendor page that states the compliance claims."
    )
    gatekeeper: bool = Field(
        default=False,
        description="Stands between the business and its customers (a marketplace, a network).",
    )
    last_reviewed: IsoDate
    notes: LongText = ""

    @model_validator(mode="after")
    def _worldwide_alone(self) -> Self:
        _worldwide_alone(self.regions)
        return self

    @model_validator(mode="after")
    def _network_kind_for_networks(self) -> Self:
        if self.network_kind is not None and self.kind != "network":
            raise ValueError("network_kind is for kind: network only")
        return self

    @model_validator(mode="after")
    def _fee_plans_are_tiers(self) -> Self:
        names = {tier.name for tier in self.pricing.tiers}
        for schedule in self.fees:
            if schedule.plan is not None and schedule.plan not in names:
                raise ValueError(f"a fee schedule names the plan {schedule.plan!r}, not a tier")
        return self

    def sold_in(self, country: str) -> bool:
        """Whether it is sold in the country (an empty region list: worldwide)."""
        return not self.regions or WORLDWIDE in self.regions or country in self.regions

    @model_validator(mode="after")
    def _not_linked_to_itself(self) -> Self:
        for kind in LINK_KINDS:
            linked = getattr(self.integrates_with, kind)
            if self.id in linked:
                from pydantic_core import PydanticCustomError

                # `at` places the error on the link itself, not on the whole platform.
                raise PydanticCustomError(
                    "linked_to_itself",
                    "integrates_with lists the platform itself ('{platform}')",
                    {"platform": self.id, "at": ("integrates_with", kind, linked.index(self.id))},
                )
        return self


class CatalogFile(StrictModel):
    """One YAML file of the catalog; a catalog is the union of several."""

    functions: Annotated[tuple[FunctionDef, ...], Field(max_length=1000)] = ()
    sales_channels: Annotated[tuple[SalesChannelDef, ...], Field(max_length=20)] = ()
    exchange_rates: ExchangeRates | None = None
    channels: Annotated[tuple[ChannelDef, ...], Field(max_length=1000)] = ()
    flows: Annotated[tuple[Flow, ...], Field(max_length=2000)] = ()
    platforms: Annotated[tuple[Platform, ...], Field(max_length=200_000)] = ()


@dataclass(frozen=True)
class Catalog:
    """Every function, channel and platform, merged from the catalog files."""

    functions: Mapping[str, FunctionDef]
    channels: Mapping[str, ChannelDef]
    platforms: Mapping[str, Platform]
    flows: Mapping[frozenset[str], Flow] = field(default_factory=dict)
    sales_channels: Mapping[str, SalesChannelDef] = field(default_factory=dict)
    exchange_rates: ExchangeRates | None = None
    _by_function: dict[str, tuple[Platform, ...]] = field(default_factory=dict, compare=False)
    _links: dict[frozenset[str], LinkKind] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[Platform]] = {}
        for platform in self.platforms.values():
            for function_id in platform.functions:
                index.setdefault(function_id, []).append(platform)
            for other, kind in platform.integrates_with.links():
                pair = frozenset((platform.id, other))
                known = self._links.get(pair)
                if known is None or LINK_KINDS.index(kind) < LINK_KINDS.index(known):
                    self._links[pair] = kind
        self._by_function.update({key: tuple(value) for key, value in index.items()})

    def candidates(self, function_id: str) -> tuple[Platform, ...]:
        """The platforms that serve a function, in catalog order."""
        return self._by_function.get(function_id, ())

    def link(self, first: str, second: str) -> LinkKind | None:
        """The strongest link between two platforms, recorded on either side."""
        return self._links.get(frozenset((first, second)))

    def links_of(self, platform_id: str) -> dict[str, LinkKind]:
        """Every platform linked to this one, recorded on either side, with the kind."""
        return {
            other: kind
            for pair, kind in self._links.items()
            if platform_id in pair
            for other in pair - {platform_id}
        }

    def flow(self, first_function: str, second_function: str) -> Flow | None:
        """What should flow between the platforms of two functions, if the taxonomy says."""
        return self.flows.get(frozenset((first_function, second_function)))

    def link_pairs(self) -> dict[frozenset[str], LinkKind]:
        """Every linked pair of platforms once, with the strongest kind recorded."""
        return dict(self._links)
