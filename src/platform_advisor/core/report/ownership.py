"""Cost of ownership of a stack: each platform on the plan that serves every function it
fills, paid once; each sale's fee charged once, by the platform that takes it (a store's
online sales by the processor beside it); what is paid once to start, and what the sales
no platform of the stack takes would cost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from platform_advisor.core.money.channels import FREE_CHANNELS, label
from platform_advisor.core.money.context import BusinessMoney
from platform_advisor.core.money.costs import (
    CandidateCost,
    Unfit,
    cost_together,
    cost_words,
    fee_lines,
)
from platform_advisor.core.money.fees import FeeLine, platform_lines, rate_words
from platform_advisor.core.scoring.constraints import rules_for_all
from platform_advisor.models.catalog import Catalog, Platform
from platform_advisor.models.profile import Growth, Profile, Sales, SalesVolume
from platform_advisor.models.result import CostLine, CostSummary, FeeBasis, OneOffCost, StackItem


def cost_of_ownership(
    items: Sequence[StackItem], catalog: Catalog, profile: Profile, money: BusinessMoney
) -> CostSummary:
    """Monthly, one-year and three-year cost of the stack for this profile."""
    by_platform = _functions_by_platform(items)
    processors = _processors(items, catalog)
    costs = [
        _stack_cost(catalog.platforms[pid], functions, profile, money, processors)
        for pid, functions in by_platform.items()
    ]
    charged = _fees_by_charger(costs)
    lines = [_line(cost, catalog, money, charged.get(cost.platform, [])) for cost in costs]
    outside = [_basis(line, catalog, money) for line in _outside_fees(money)]
    fixed = sum(line.subscription + line.hosting + line.skill_gap for line in lines)
    fees = sum(line.fees for line in lines) + sum(line.amount for line in outside)
    setup = sum(line.setup for line in lines)
    return CostSummary.model_construct(
        users=profile.users,
        monthly_sales=round(money.sales.total, 2),
        lines=tuple(lines),
        outside=tuple(outside),
        unpriced=_unpriced(lines, outside, catalog, money),
        monthly_fixed=round(fixed, 2),
        monthly_fees=round(fees, 2),
        monthly_total=round(fixed + fees, 2),
        setup=round(setup, 2),
        year_one=round(12 * (fixed + fees) + setup, 2),
        three_years=round(36 * (fixed + fees) + setup, 2),
    )


def _unpriced(
    lines: Sequence[CostLine], outside: Sequence[FeeBasis], catalog: Catalog, money: BusinessMoney
) -> tuple[str, ...]:
    """Sales that pay a fee in life but none in the totals: no platform of the stack has a
    schedule for the country and channel, and no processor in the catalog publishes one to
    estimate from. Said, never counted as free."""
    priced = {fee.channel for line in lines for fee in line.fee_lines} | {
        fee.channel for fee in outside
    }
    return tuple(
        f"{label(catalog, channel)}: {money.money(volume.amount)} a month, whose fees the "
        f"catalog has no schedule for in {money.market.country}; ask the processor for its "
        "rate (not counted in the totals)"
        for channel, volume in money.sales.channels.items()
        if channel not in FREE_CHANNELS and channel not in priced and volume.amount > 0
    )


def _functions_by_platform(items: Sequence[StackItem]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in items:
        found.setdefault(item.platform, []).append(item.function)
    return found


def _processors(items: Sequence[StackItem], catalog: Catalog) -> list[Platform]:
    """The stack's platforms that may take sales for another: payments first."""
    ordered = sorted(items, key=lambda item: item.function != "payments")
    return list({item.platform: catalog.platforms[item.platform] for item in ordered}.values())


def _stack_cost(
    platform: Platform,
    functions: list[str],
    profile: Profile,
    money: BusinessMoney,
    processors: list[Platform],
) -> CandidateCost:
    """The platform on the cheapest plan serving all its functions; if no one plan does,
    the dearest of its plans for each of them (as the stack's search counts it)."""
    rules = rules_for_all(functions, money.market.catalog, profile)
    others = [p for p in processors if p.id != platform.id]

    def priced(attempt: list[str]) -> CandidateCost | Unfit:
        return cost_together(platform, attempt, money, rules, others)

    together = priced(functions)
    if not isinstance(together, Unfit):
        return together
    alone = [cost for f in functions if not isinstance(cost := priced([f]), Unfit)]
    assert alone, f"{platform.id} was scored for {functions[0]}, so a plan fits it"
    dearest = max(alone, key=lambda cost: cost.fixed)
    return _with_functions(dearest, functions, money, others)


def _with_functions(
    cost: CandidateCost, functions: list[str], money: BusinessMoney, processors: list[Platform]
) -> CandidateCost:
    """A cost priced for the first function, with the fees of all it fills."""
    platform = money.market.catalog.platforms[cost.platform]
    fees = fee_lines(platform, cost.tier, functions, money, processors)
    return replace(cost, functions=tuple(functions), fees=tuple(fees))


def _fees_by_charger(costs: Sequence[CandidateCost]) -> dict[str, list[FeeLine]]:
    """Each fee on the line of the platform that charges it; an estimate stays with the
    platform whose sales it is."""
    charged: dict[str, list[FeeLine]] = {}
    for cost in costs:
        for line in cost.fees:
            charged.setdefault(line.platform or cost.platform, []).append(line)
    return charged


def _line(
    cost: CandidateCost, catalog: Catalog, money: BusinessMoney, fees: list[FeeLine]
) -> CostLine:
    """One platform: its plan once, and every fee it charges."""
    platform = catalog.platforms[cost.platform]
    return CostLine.model_construct(
        platform=platform.id,
        name=platform.name,
        functions=cost.functions,
        plan=cost_words(cost, money).split("; ")[0],
        subscription=round(cost.subscription, 2),
        hosting=round(cost.hosting, 2),
        skill_gap=round(cost.skill_help, 2),
        fees=round(sum(line.amount for line in fees), 2),
        fee_lines=tuple(_basis(line, catalog, money) for line in fees),
        setup=round(cost.one_off_total, 2),
        one_off=tuple(
            OneOffCost.model_construct(
                item=line.item, label=line.label, amount=round(line.amount, 2), basis=line.basis
            )
            for line in cost.one_off
        ),
        prices_as_of=platform.pricing.as_of,
        price_source=platform.pricing.source,
        price_evidence=platform.pricing.evidence,
    )


def _basis(line: FeeLine, catalog: Catalog, money: BusinessMoney) -> FeeBasis:
    what = label(catalog, line.channel)
    charger = catalog.platforms.get(line.platform or "")
    by = charger.name if charger is not None else None
    if line.kind == "estimate":
        words = f"estimated at the going {rate_words(line, money.style)}, {line.note},"
    else:
        kind = {"commission": "commission", "platform": "platform fee"}.get(line.kind, "fees")
        words = f"{by} {kind} at {rate_words(line, money.style)}"
        if line.as_of:
            words += f" (schedule of {line.as_of})"
    return FeeBasis.model_construct(
        channel=line.channel,
        label=what,
        platform=line.platform,
        kind=line.kind,
        sales=round(line.sales, 2),
        count=line.count,
        pct=round(line.pct, 4),
        fixed=round(line.fixed, 4),
        cap=None if line.cap is None else round(line.cap, 4),
        amount=round(line.amount, 2),
        words=words,
        as_of=line.as_of,
        source=line.source,
    )


def _outside_fees(money: BusinessMoney) -> list[FeeLine]:
    """Sales no platform of the stack takes: a named marketplace's commission, or the
    going rate of the country's platforms."""
    lines = []
    for channel in money.unowned():
        volume = money.sales.channels[channel]
        named = money.market.catalog.platforms.get(volume.platform or "")
        if named is not None:
            found = platform_lines(named, named.pricing.tiers[0], money.market, channel, volume)
            if found:
                lines += found
                continue
        estimate = money.estimate(channel)
        if estimate is not None:
            lines.append(estimate)
    return lines


def grown_profile(profile: Profile, money: BusinessMoney) -> Profile | None:
    """The profile a year from now, from its growth figures; None when it gives none."""
    growth = profile.growth
    if growth is None:
        return None
    ratio = growth.employees / profile.business.employees
    seats = round(profile.seats * ratio) if profile.seats is not None else None
    business = profile.business.model_copy(update={"employees": growth.employees})
    sales = _scaled(profile.sales, _sales_scale(growth, money))
    return profile.model_copy(update={"business": business, "seats": seats, "sales": sales})


def _sales_scale(growth: Growth, money: BusinessMoney) -> float:
    """How many times today's sales the growth figures expect (1 when they give none)."""
    if growth.monthly_sales is not None:
        later = growth.monthly_sales
    elif growth.monthly_sales_usd is not None:
        later = money.from_usd(growth.monthly_sales_usd)
    else:
        return 1.0
    now = money.sales.total
    return later / now if now else 1.0


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
        channels={
            name: channel.model_copy(
                update={"monthly": channel.monthly * scale, "count": round(channel.count * scale)}
            )
            for name, channel in sales.channels.items()
        },
    )
