"""Fees on sales: each channel's sales pay the schedule of the platform that takes them,
for the business's country, on that platform's plan; where none in the stack does, the
going rate of the country's platforms is estimated.

A fee per sale is ``pct`` of the sale plus ``fixed``, within ``cap`` and ``min``, worked
out on the channel's average sale; cards issued abroad add ``cross_border_pct`` on their
share. Interchange-plus schedules add their interchange estimate to the markup.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Literal

from platform_advisor.core.money.channels import ChannelVolume
from platform_advisor.core.money.fx import Converter
from platform_advisor.core.wording import MoneyStyle, money
from platform_advisor.models.catalog import Catalog, FeeSchedule, Platform, Rate, Tier
from platform_advisor.models.common import WORLDWIDE


@dataclass(frozen=True)
class Market:
    """Where the business sells and the currency it counts in."""

    catalog: Catalog
    country: str
    currency: str
    fx: Converter


#: The function whose platforms are there to process payments.
PROCESSING = "payments"

#: What a fee is: a schedule's processing or commission, a plan's own fee, or an estimate
#: of the going rate.
FeeKind = Literal["processing", "commission", "platform", "estimate"]


@dataclass(frozen=True)
class FeeLine:
    """One channel's fees a month with one platform, and their basis."""

    channel: str
    kind: FeeKind
    amount: float  # a month, in the business's currency
    sales: float
    count: int
    pct: float
    fixed: float  # per sale, in the business's currency
    platform: str | None = None  # who charges; None for an estimate
    cap: float | None = None
    cross_border_pct: float = 0.0
    foreign_share: float = 0.0
    vat_added: bool = False
    as_of: str = ""
    source: str = ""
    evidence: str = ""
    note: str = ""  # for an estimate: what it rests on


def schedule_for(
    platform: Platform, market: Market, channel: str, plan: str | None, kind: str
) -> FeeSchedule | None:
    """The platform's schedule of this kind for the channel in the business's country: one
    for the plan before one for every plan, one naming the country before a worldwide one."""
    fitting = [
        s
        for s in platform.fees
        if s.kind == kind
        and channel in s.rates
        and (market.country in s.countries or WORLDWIDE in s.countries)
        and s.plan in (None, plan)
    ]
    fitting.sort(key=lambda s: (s.plan is None, WORLDWIDE in s.countries))
    return fitting[0] if fitting else None


def processes_in(platform: Platform, market: Market) -> bool:
    """Whether the platform processes payments of any kind in the business's country."""
    return any(
        schedule.kind == "processing"
        and (market.country in schedule.countries or WORLDWIDE in schedule.countries)
        for schedule in platform.fees
    )


def takes(platform: Platform, market: Market, channel: str, plan: str | None = None) -> bool:
    """Whether the platform takes this channel's sales itself in the business's country."""
    return any(
        schedule_for(platform, market, channel, plan, kind) is not None
        for kind in ("processing", "commission")
    )


def takes_for_others(platform: Platform, market: Market, channel: str, plan: str | None) -> bool:
    """Whether the platform would process this channel's sales made on another platform."""
    schedule = schedule_for(platform, market, channel, plan, "processing")
    return schedule is not None and not schedule.own_sales_only


def own_sales_only(platform: Platform, market: Market) -> bool:
    """Whether every schedule by which it processes in the country is for its own sales."""
    here = [
        schedule
        for schedule in platform.fees
        if schedule.kind == "processing"
        and (market.country in schedule.countries or WORLDWIDE in schedule.countries)
    ]
    return bool(here) and all(schedule.own_sales_only for schedule in here)


def platform_lines(
    platform: Platform, tier: Tier, market: Market, channel: str, volume: ChannelVolume
) -> list[FeeLine]:
    """What the platform charges on a channel it takes: processing and any commission."""
    lines = []
    for kind in ("commission", "processing"):
        schedule = schedule_for(platform, market, channel, tier.name, kind)
        if schedule is not None:
            lines.append(scheduled_line(platform.id, schedule, channel, volume, market))
    return lines


def scheduled_line(
    platform_id: str, schedule: FeeSchedule, channel: str, volume: ChannelVolume, market: Market
) -> FeeLine:
    rate = schedule.rates[channel]  # type: ignore[index]  # a sales channel, as checked
    factor = market.fx.rate(schedule.currency, market.currency)
    pct = rate.pct + (schedule.interchange_estimate_pct if schedule.interchange_plus else 0.0)
    line = FeeLine(
        channel=channel,
        kind=schedule.kind,
        amount=0.0,
        sales=volume.amount,
        count=volume.count,
        pct=pct,
        fixed=rate.fixed * factor,
        platform=platform_id,
        cap=None if rate.cap is None else rate.cap * factor,
        cross_border_pct=schedule.cross_border_pct,
        foreign_share=volume.foreign_share,
        vat_added=schedule.vat_added,
        as_of=schedule.as_of,
        source=schedule.source,
        evidence=schedule.evidence,
    )
    minimum = None if rate.min is None else rate.min * factor
    return _priced(line, volume, minimum)


def own_fee_line(
    platform: Platform, tier: Tier, market: Market, channel: str, volume: ChannelVolume
) -> FeeLine | None:
    """A plan's own fee per sale, charged where the platform does not process the sales
    itself (a store's fee for using another payment provider)."""
    fee = tier.own_fee
    if fee is None:
        return None
    currency = "USD" if tier.legacy else platform.pricing.currency
    factor = market.fx.rate(currency, market.currency)
    line = FeeLine(
        channel=channel,
        kind="platform",
        amount=0.0,
        sales=volume.amount,
        count=volume.count,
        pct=fee.pct,
        fixed=fee.fixed * factor,
        platform=platform.id,
        cap=None if fee.cap is None else fee.cap * factor,
        as_of=platform.pricing.as_of,
        source=platform.pricing.source,
        evidence=platform.pricing.evidence,
    )
    return _priced(line, volume, None if fee.min is None else fee.min * factor)


def _priced(line: FeeLine, volume: ChannelVolume, minimum: float | None) -> FeeLine:
    """The line with its amount a month: per sale on the average sale, times the count."""
    if volume.count:
        per_sale = line.pct / 100 * volume.ticket + line.fixed
        if line.cap is not None:
            per_sale = min(per_sale, line.cap)
        if minimum is not None:
            per_sale = max(per_sale, minimum)
        amount = per_sale * volume.count
    else:
        amount = line.pct / 100 * volume.amount
    amount += volume.amount * volume.foreign_share * line.cross_border_pct / 100
    return FeeLine(**{**line.__dict__, "amount": amount})


def going_rate(market: Market, channel: str, volume: ChannelVolume, kind: str) -> FeeLine | None:
    """The median of what the catalog's platforms of the country would charge on this
    channel's sales; None when none in the catalog takes it there."""
    charged: list[tuple[float, str]] = []
    for platform in market.catalog.platforms.values():
        if not platform.sold_in(market.country):
            continue
        schedule = schedule_for(platform, market, channel, None, kind)
        if schedule is not None and not schedule.own_sales_only:
            line = scheduled_line(platform.id, schedule, channel, volume, market)
            charged.append((line.amount, platform.name))
    if not charged:
        return None
    amount = statistics.median(value for value, _ in charged)
    share = amount / volume.amount if volume.amount else 0.0
    names = sorted(name for _, name in charged)
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    note = (
        f"the median of {len(charged)} in {market.country} ({shown})"
        if len(charged) > 1
        else f"{shown}'s, the only one in the catalog for {market.country}"
    )
    return FeeLine(
        channel=channel,
        kind="estimate",
        amount=amount,
        sales=volume.amount,
        count=volume.count,
        pct=100 * share,
        fixed=0.0,
        note=note,
    )


def rate_words(line: FeeLine, style: MoneyStyle) -> str:
    """'1.75%', '1.4% + £0.25 (at most £4)', with the surcharge on foreign cards."""
    text = f"{line.pct:.3g}%"
    if line.fixed:
        text += f" + {money(line.fixed, style, cents=True)}"
    if line.cap is not None:
        text += f" (at most {money(line.cap, style, cents=True)})"
    if line.cross_border_pct and line.foreign_share:
        text += (
            f", +{line.cross_border_pct:g}% on the {line.foreign_share:.0%} paid with foreign cards"
        )
    return text


def rate_of(rate: Rate) -> tuple[float, float]:
    return rate.pct, rate.fixed
