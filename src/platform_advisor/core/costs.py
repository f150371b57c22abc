"""What a platform costs a given business each month, traceable to a catalog price."""

from __future__ import annotations

from dataclasses import dataclass

from platform_advisor.models.catalog import FunctionDef, Platform, Tier
from platform_advisor.models.profile import Profile


@dataclass(frozen=True)
class MonthlyCost:
    """The cheapest plan that admits the team, and what it comes to."""

    tier: Tier
    subscription_usd: float
    fees_usd: float
    hosting_usd: float

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


def cheapest_tier(platform: Platform, users: int) -> Tier:
    """The cheapest plan that admits the team; the largest plan if none does."""
    fitting = [tier for tier in platform.pricing.tiers if tier_admits(tier, users)]
    if not fitting:
        return max(platform.pricing.tiers, key=lambda tier: tier.max_users or 0)
    return min(fitting, key=lambda tier: tier_price(tier, users))


def is_self_hosted(platform: Platform) -> bool:
    """The business would run it on its own server: no hosted offer in this entry."""
    return "self_hosted" in platform.deployment and "saas" not in platform.deployment


def monthly_cost(platform: Platform, profile: Profile, function: FunctionDef | None) -> MonthlyCost:
    """Subscription, hosting and (where sales pass through the function) transaction fees."""
    users = profile.users
    tier = cheapest_tier(platform, users)
    fees = 0.0
    if function is not None and function.takes_payments:
        fees = (
            tier.transaction_fee_pct / 100 * profile.sales.monthly_usd
            + tier.transaction_fee_usd * profile.sales.monthly_orders
        )
    hosting = platform.pricing.hosting_monthly_usd if is_self_hosted(platform) else 0.0
    return MonthlyCost(tier, tier_price(tier, users), fees, hosting)


def describe_cost(cost: MonthlyCost, users: int) -> str:
    """The plan and the parts of the monthly figure, in words."""
    tier = cost.tier
    parts = [f"{tier.name} plan for {users} user{'s' if users != 1 else ''}"]
    if not tier_admits(tier, users):
        parts[0] += f" (largest plan, made for up to {tier.max_users})"
    if cost.hosting_usd:
        parts.append(f"${cost.hosting_usd:,.0f} estimated hosting")
    if cost.fees_usd:
        parts.append(f"${cost.fees_usd:,.0f} transaction fees")
    return "; ".join(parts)
