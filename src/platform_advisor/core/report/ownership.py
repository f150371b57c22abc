"""Cost of ownership of a stack: each platform paid once, tier by tier, fees on the sales
through each function it fills, set-up, hosting and the skill the team lacks."""

from __future__ import annotations

from collections.abc import Sequence

from platform_advisor.core.scoring.costs import (
    describe_cost,
    market_fee_rate,
    monthly_cost,
    skill_gap_usd,
)
from platform_advisor.models.catalog import Catalog, Platform
from platform_advisor.models.criteria import StackTerms
from platform_advisor.models.profile import Profile, Sales, SalesVolume
from platform_advisor.models.result import CostLine, CostSummary, StackItem


def cost_of_ownership(
    items: Sequence[StackItem], catalog: Catalog, profile: Profile, terms: StackTerms
) -> CostSummary:
    """Monthly, one-year and three-year cost of the stack for this profile."""
    lines = [
        _line(catalog.platforms[platform_id], functions, catalog, profile, terms)
        for platform_id, functions in _functions_by_platform(items).items()
    ]
    fixed = sum(line.subscription_usd + line.hosting_usd + line.skill_gap_usd for line in lines)
    fees = sum(line.fees_usd for line in lines)
    setup = sum(line.setup_usd for line in lines)
    return CostSummary.model_construct(
        users=profile.users,
        monthly_sales_usd=profile.sales.monthly_usd,
        lines=tuple(lines),
        monthly_fixed_usd=round(fixed, 2),
        monthly_fees_usd=round(fees, 2),
        monthly_total_usd=round(fixed + fees, 2),
        setup_usd=round(setup, 2),
        year_one_usd=round(12 * (fixed + fees) + setup, 2),
        three_years_usd=round(36 * (fixed + fees) + setup, 2),
    )


def grown_profile(profile: Profile) -> Profile | None:
    """The profile a year from now, from its growth figures; None when it gives none."""
    growth = profile.growth
    if growth is None:
        return None
    ratio = growth.employees / profile.business.employees
    seats = round(profile.seats * ratio) if profile.seats is not None else None
    scale = (
        growth.monthly_sales_usd / profile.sales.monthly_usd
        if growth.monthly_sales_usd is not None and profile.sales.monthly_usd
        else 1.0
    )
    business = profile.business.model_copy(update={"employees": growth.employees})
    sales = _scaled(profile.sales, scale)
    return profile.model_copy(update={"business": business, "seats": seats, "sales": sales})


def _scaled(sales: Sales, scale: float) -> Sales:
    def grown(volume: SalesVolume) -> SalesVolume:
        return SalesVolume.model_construct(
            monthly_usd=volume.monthly_usd * scale,
            monthly_orders=round(volume.monthly_orders * scale),
        )

    total = grown(sales)
    return Sales.model_construct(
        monthly_usd=total.monthly_usd,
        monthly_orders=total.monthly_orders,
        by_function={key: grown(value) for key, value in sales.by_function.items()},
    )


def _functions_by_platform(items: Sequence[StackItem]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in items:
        found.setdefault(item.platform, []).append(item.function)
    return found


def _line(
    platform: Platform,
    functions: Sequence[str],
    catalog: Catalog,
    profile: Profile,
    terms: StackTerms,
) -> CostLine:
    """One platform: its plan once, and the fees of every function it fills."""
    users = profile.users
    costs = [
        monthly_cost(
            platform,
            profile,
            catalog.functions[f],
            market_fee_rate(catalog.candidates(f), users),
        )
        for f in functions
    ]
    first = costs[0]
    help_usd = skill_gap_usd(
        platform, profile.technical_capability, terms.admin_hours_per_level, terms.hourly_rate_usd
    )
    return CostLine.model_construct(
        platform=platform.id,
        name=platform.name,
        functions=tuple(functions),
        plan=describe_cost(first, users).split("; ")[0],
        subscription_usd=round(first.subscription_usd, 2),
        hosting_usd=round(first.hosting_usd, 2),
        skill_gap_usd=round(help_usd, 2),
        fees_usd=round(sum(cost.fees_usd for cost in costs), 2),
        setup_usd=platform.pricing.setup_usd,
        prices_as_of=platform.pricing.as_of,
        price_source=platform.pricing.source,
    )
