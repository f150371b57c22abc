"""Hard constraints: a platform that breaks one is excluded, and every reason is kept."""

from __future__ import annotations

from platform_advisor.core.scoring.costs import cheapest_tier, monthly_cost, tier_admits
from platform_advisor.core.wording import listing, money, words
from platform_advisor.models.catalog import Platform
from platform_advisor.models.profile import Profile


def _words(values: tuple[str, ...]) -> str:
    return listing(words(value) for value in values)


def exclusion_reasons(platform: Platform, profile: Profile) -> list[str]:
    """Every constraint of the profile that this platform breaks, in words."""
    limits = profile.constraints
    reasons = []
    if platform.id in limits.exclude_platforms:
        reasons.append("excluded by name in the profile")
    if platform.vendor.casefold() in {vendor.casefold() for vendor in limits.exclude_vendors}:
        reasons.append(f"its vendor, {platform.vendor}, is excluded")
    if limits.ownership and platform.ownership not in limits.ownership:
        reasons.append(
            f"{words(platform.ownership)} ownership is not allowed "
            f"(allowed: {_words(limits.ownership)})"
        )
    if limits.deployment and not set(platform.deployment) & set(limits.deployment):
        reasons.append(
            f"runs only as {_words(platform.deployment)} (allowed: {_words(limits.deployment)})"
        )
    missing = [regime for regime in limits.compliance if regime not in platform.compliance]
    if missing:
        reasons.append(f"no stated support for {_words(tuple(m.upper() for m in missing))}")
    country = profile.business.country
    if platform.regions and country not in platform.regions:
        reasons.append(f"not offered in {country}")
    reasons.extend(_cost_reasons(platform, profile))
    return reasons


def _cost_reasons(platform: Platform, profile: Profile) -> list[str]:
    users = profile.users
    reasons = []
    if not tier_admits(cheapest_tier(platform, users), users):
        reasons.append(f"no plan admits {users} users")
    ceiling = profile.constraints.max_monthly_usd
    fixed = monthly_cost(platform, profile, None).fixed_usd
    if ceiling is not None and fixed > ceiling:
        reasons.append(
            f"costs {money(fixed, cents=False)} a month for {users} users, above the "
            f"{money(ceiling, cents=False)} ceiling"
        )
    return reasons
