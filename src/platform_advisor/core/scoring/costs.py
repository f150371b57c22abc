"""What a platform costs a given business each month, traceable to a catalog price."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from platform_advisor.core.wording import money
from platform_advisor.models.catalog import FunctionDef, Platform, Tier
from platform_advisor.models.profile import Profile


@dataclass(frozen=True)
class FeeRate:
    """A fee per sale: a percentage of its value plus a fixed amount."""

    pct: float
    usd: float

    def on(self, sales_usd: float, orders: int) -> float:
        return self.pct / 100 * sales_usd + self.usd * orders

    def __str__(self) -> str:
        fixed = f" + {money(self.usd, cents=True)}" if self.usd else ""
        return f"{self.pct:g}%{fixed}"


@dataclass(frozen=True)
class MonthlyCost:
    """The cheapest plan that admits the team, and what it comes to."""

    tier: Tier
    subscription_usd: float
    hosting_usd: float
    fees_usd: float = 0.0
    fee_rate: FeeRate | None = None
    fees_estimated: bool = False

    @property
    def fixed_usd(self) -> float:
        """What the business pays whatever it sells."""
        return self.subscription_usd + self.hosting_usd

    @property
    def total_usd(self) -> float:
        return self.fixed_usd + self.fees_usd


def tier_price(tier: Tier, users: int) -> float:
    """The monthly subscription for a team of this size on this plan."""
    seats = max(users, tier.min_users)
    return tier.monthly_usd + tier.per_user_usd * max(0, seats - tier.users_included)


def tier_admits(tier: Tier, users: int) -> bool:
    return tier.max_users is None or users <= tier.max_users


def tier_fee(tier: Tier) -> FeeRate | None:
    """The tier's own fee per sale, if it charges one."""
    if tier.transaction_fee_pct or tier.transaction_fee_usd:
        return FeeRate(tier.transaction_fee_pct, tier.transaction_fee_usd)
    return None


def cheapest_tier(platform: Platform, users: int) -> Tier:
    """The cheapest plan that admits the team; the largest plan if none does."""
    fitting = [tier for tier in platform.pricing.tiers if tier_admits(tier, users)]
    if not fitting:
        return max(platform.pricing.tiers, key=lambda tier: tier.max_users or 0)
    return min(fitting, key=lambda tier: tier_price(tier, users))


def is_self_hosted(platform: Platform) -> bool:
    """The business would run it on its own server: no hosted offer in this entry."""
    return "self_hosted" in platform.deployment and "saas" not in platform.deployment


def market_fee_rate(platforms: Iterable[Platform], users: int) -> FeeRate | None:
    """The median fee per sale among platforms that charge one: the going rate.

    A platform of a selling function that charges no fee of its own still needs someone
    to process its payments; its costs are estimated at this rate so that it compares
    fairly with platforms whose fee includes processing.
    """
    rates = [rate for p in platforms if (rate := tier_fee(cheapest_tier(p, users)))]
    if not rates:
        return None
    return FeeRate(median([rate.pct for rate in rates]), median([rate.usd for rate in rates]))


def median(values: Sequence[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def monthly_cost(
    platform: Platform,
    profile: Profile,
    function: FunctionDef | None,
    market_rate: FeeRate | None = None,
) -> MonthlyCost:
    """Subscription, hosting and (where sales pass through the function) fees on sales."""
    users = profile.users
    tier = cheapest_tier(platform, users)
    hosting = platform.pricing.hosting_monthly_usd if is_self_hosted(platform) else 0.0
    cost = MonthlyCost(tier, tier_price(tier, users), hosting)
    if function is None or not function.takes_payments:
        return cost
    own = tier_fee(tier)
    rate = own or market_rate
    if rate is None:
        return cost
    sales = profile.sales_through(function.id)
    return MonthlyCost(
        tier,
        cost.subscription_usd,
        hosting,
        rate.on(sales.monthly_usd, sales.monthly_orders),
        rate,
        fees_estimated=own is None,
    )


def describe_cost(cost: MonthlyCost, users: int) -> str:
    """The plan and the parts of the monthly figure, in words."""
    tier = cost.tier
    parts = [f"{tier.name} plan for {users} user{'s' if users != 1 else ''}"]
    if not tier_admits(tier, users):
        parts[0] += f" (largest plan, made for up to {tier.max_users})"
    if cost.hosting_usd:
        parts.append(f"{money(cost.hosting_usd, cents=False)} estimated hosting")
    if cost.fees_usd and cost.fees_estimated:
        parts.append(
            f"{money(cost.fees_usd, cents=False)} estimated card processing by a separate provider"
            f" at the going {cost.fee_rate}"
        )
    elif cost.fees_usd:
        parts.append(f"{money(cost.fees_usd, cents=False)} fees on sales at {cost.fee_rate}")
    return "; ".join(parts)


SKILL_ORDER = ("none", "basic", "intermediate", "advanced")


def skill_gap_usd(
    platform: Platform, capability: str, hours_per_level: float, rate: float
) -> float:
    """Outside help a month to run self-hosted software beyond the team's skill."""
    if not is_self_hosted(platform):
        return 0.0
    gap = SKILL_ORDER.index(platform.skill_required) - SKILL_ORDER.index(capability)
    return max(0, gap) * hours_per_level * rate
