"""The catalog: a taxonomy of business functions and channels, and the platforms."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from platform_advisor.models.common import (
    ChannelId,
    Compliance,
    Count,
    CountryCode,
    Deployment,
    FunctionGroup,
    FunctionId,
    IsoDate,
    LongText,
    Money,
    Name,
    NoRepeats,
    Ownership,
    Percent,
    PlatformId,
    Rating,
    Sector,
    ShortText,
    SkillLevel,
    StrictModel,
    Url,
    YearMonth,
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


class Tier(StrictModel):
    """One price plan. Monthly figures are per month on the plan's billing basis."""

    name: Name
    monthly_usd: Money = 0.0
    per_user_usd: Money = Field(default=0.0, description="Per extra user, per month.")
    users_included: Count = Field(default=1, description="Users covered by monthly_usd.")
    min_users: Count = 1
    max_users: Count | None = None
    transaction_fee_pct: Percent = 0.0
    transaction_fee_usd: Money = 0.0
    notes: ShortText = ""

    @model_validator(mode="after")
    def _users_in_order(self) -> Self:
        if self.max_users is not None and self.max_users < self.min_users:
            raise ValueError(
                f"max_users ({self.max_users}) must not be below min_users ({self.min_users})"
            )
        return self


PricingModel = Literal[
    "free", "freemium", "subscription", "per_user", "usage", "commission", "membership", "quote"
]


class Pricing(StrictModel):
    """What a platform costs, when that was true, and where it was read."""

    model: PricingModel
    billing: Literal["monthly", "annual"] = "monthly"
    tiers: Annotated[tuple[Tier, ...], Field(min_length=1, max_length=20)]
    setup_usd: Money = 0.0
    hosting_monthly_usd: Money = Field(
        default=0.0, description="Our estimate of hosting when the business runs it itself."
    )
    as_of: YearMonth
    source: Url
    notes: ShortText = ""

    @model_validator(mode="after")
    def _unique_tier_names(self) -> Self:
        names = [tier.name for tier in self.tiers]
        if len(set(names)) != len(names):
            raise ValueError("tier names must be unique within a platform")
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
    regions: Annotated[tuple[CountryCode, ...], Field(max_length=250), NoRepeats] = Field(
        default=(), description="Countries where it is offered; empty means worldwide."
    )
    gatekeeper: bool = Field(
        default=False,
        description="Stands between the business and its customers (a marketplace, a network).",
    )
    last_reviewed: IsoDate
    notes: LongText = ""

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
