"""What a candidate would cost this business: the plan that fits and its subscription,
hosting, help the team lacks, fees on the sales it takes, one-off costs to start and the
cost of switching from what is in use; over the horizon, the sum money is weighed by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from platform_advisor.core.money.context import COMMISSION_CHANNELS, BusinessMoney
from platform_advisor.core.money.fees import (
    FeeLine,
    own_fee_line,
    platform_lines,
    takes,
    takes_for_others,
)
from platform_advisor.core.money.plans import refusal, subscription, users_for
from platform_advisor.models.catalog import OneOff, Platform, Tier
from platform_advisor.models.common import WORLDWIDE

SKILL_ORDER = ("none", "basic", "intermediate", "advanced")


@dataclass(frozen=True)
class OneOffLine:
    """A cost paid once, in the business's currency, and what it is."""

    item: str
    label: str
    amount: float
    basis: str = ""


@dataclass(frozen=True)
class CandidateCost:
    """One platform's cost to this business for the functions it would fill."""

    platform: str
    functions: tuple[str, ...]
    tier: Tier
    subscription: float
    hosting: float
    skill_help: float
    fees: tuple[FeeLine, ...]
    one_off: tuple[OneOffLine, ...]
    shared_by: tuple[str, ...] = ()  # the needed functions whose one plan this is a part of
    whole: float = 0.0  # then: the whole plan's fixed cost a month

    @property
    def fixed(self) -> float:
        """What the business pays a month whatever it sells."""
        return self.subscription + self.hosting + self.skill_help

    @property
    def fees_total(self) -> float:
        return sum(line.amount for line in self.fees)

    @property
    def monthly(self) -> float:
        return self.fixed + self.fees_total

    @property
    def one_off_total(self) -> float:
        return sum(line.amount for line in self.one_off)

    def over(self, months: int) -> float:
        """The total over so many months, one-off costs included."""
        return months * self.monthly + self.one_off_total

    @property
    def estimated(self) -> bool:
        """Some fees are the going rate, not this platform's own."""
        return any(line.kind == "estimate" for line in self.fees)


#: Pricing models where the fees on sales are the price: a plan with no amount has no
#: subscription (elsewhere, a plan with no amount is priced on request).
PAID_PER_SALE = ("usage", "commission")


@dataclass(frozen=True)
class Unfit:
    """No plan of the platform can serve the business for these functions."""

    platform: str
    reason: str


def candidate_cost(
    platform: Platform,
    functions: Sequence[str],
    money: BusinessMoney,
    rules: Sequence[str] = (),
    *,
    processors: Sequence[Platform] = (),
    in_use: bool = False,
    incumbents: Sequence[str] = (),
) -> CandidateCost | Unfit:
    """The cheapest plan that serves the business (subscription plus fees), priced.

    `processors` are platforms of the stack that would take the sales this one does not
    process itself (None: estimated at the going rate); `in_use`: the business already has
    it (nothing to pay to start); `incumbents`: the platforms in use it would replace.
    """
    reasons = []
    best: CandidateCost | None = None
    for tier in platform.pricing.tiers:
        if not tier.priced and platform.pricing.model not in PAID_PER_SALE:
            reasons.append(f"{tier.name} has no published price (ask the vendor for a quote)")
            continue
        reason = refusal(platform, tier, functions, money, rules)
        if reason is not None:
            reasons.append(f"{tier.name} {reason}")
            continue
        cost = _priced(platform, tier, functions, money, processors, in_use, incumbents)
        if best is None or cost.monthly < best.monthly - 1e-9:
            best = cost
    if best is None:
        return Unfit(platform.id, _unfit_words(platform, reasons))
    return best


def cost_together(
    platform: Platform,
    functions: Sequence[str],
    money: BusinessMoney,
    rules: Sequence[str],
    processors: Sequence[Platform] = (),
) -> CandidateCost | Unfit:
    """The platform on one plan for all these functions, as this business would buy it:
    nothing to start if it is in use, else moving off the platforms in use for them."""
    profile = money.profile
    catalog = money.market.catalog
    in_use = platform.id in profile.existing_platforms
    incumbents = [
        p
        for p in profile.existing_platforms
        if p != platform.id and set(catalog.platforms[p].functions) & set(functions)
    ]
    return candidate_cost(
        platform,
        functions,
        money,
        rules,
        processors=processors,
        in_use=in_use,
        incumbents=[] if in_use else incumbents,
    )


def shared(together: CandidateCost, function: str, money: BusinessMoney) -> CandidateCost:
    """One function's part of a platform that would fill several on one plan: an even share
    of the plan, hosting, help and one-off costs for all of them, and the fees on the sales
    this function takes."""
    share = 1 / len(together.functions)
    own = set(money.channels_of([function]))
    return replace(
        together,
        functions=(function,),
        subscription=together.subscription * share,
        hosting=together.hosting * share,
        skill_help=together.skill_help * share,
        fees=tuple(line for line in together.fees if line.channel in own),
        one_off=tuple(replace(line, amount=line.amount * share) for line in together.one_off),
        shared_by=together.functions,
        whole=together.fixed,
    )


def _unfit_words(platform: Platform, reasons: Sequence[str]) -> str:
    if len(platform.pricing.tiers) == 1:
        return f"its only plan, {reasons[0]}"
    return "no plan fits: " + "; ".join(reasons[:3]) + ("; ..." if len(reasons) > 3 else "")


def _priced(
    platform: Platform,
    tier: Tier,
    functions: Sequence[str],
    money: BusinessMoney,
    processors: Sequence[Platform],
    in_use: bool,
    incumbents: Sequence[str],
) -> CandidateCost:
    return CandidateCost(
        platform=platform.id,
        functions=tuple(functions),
        tier=tier,
        subscription=subscription(platform, tier, functions, money),
        hosting=_hosting(platform, money),
        skill_help=_skill_help(platform, money),
        fees=tuple(fee_lines(platform, tier, functions, money, processors)),
        one_off=() if in_use else tuple(_one_off(platform, functions, money, incumbents)),
    )


def fee_lines(
    platform: Platform,
    tier: Tier,
    functions: Sequence[str],
    money: BusinessMoney,
    processors: Sequence[Platform] = (),
) -> list[FeeLine]:
    """The fees on the sales these functions take, each sale charged once."""
    lines: list[FeeLine] = []
    for channel in money.channels_of(functions):
        volume = money.sales.channels[channel]
        if takes(platform, money.market, channel, tier.name):
            lines += platform_lines(platform, tier, money.market, channel, volume)
            continue
        own = own_fee_line(platform, tier, money.market, channel, volume)
        if own is not None:
            lines.append(own)
        if own is not None and (tier.legacy or channel in COMMISSION_CHANNELS):
            continue  # the older form's fee includes processing; a commission is the fee
        lines += _taken_elsewhere(channel, money, processors)
    for channel in money.sold_through(functions):
        volume = money.sales.channels[channel]
        if not takes(platform, money.market, channel, tier.name):
            own = own_fee_line(platform, tier, money.market, channel, volume)
            lines += [own] if own is not None else []
    return lines


def _taken_elsewhere(
    channel: str, money: BusinessMoney, processors: Sequence[Platform]
) -> list[FeeLine]:
    """A processor of the stack takes the sales, or the going rate is estimated."""
    volume = money.sales.channels[channel]
    for processor in processors:
        for tier in processor.pricing.tiers[:1]:
            if takes_for_others(processor, money.market, channel, tier.name):
                return platform_lines(processor, tier, money.market, channel, volume)
    estimate = money.estimate(channel)
    return [estimate] if estimate is not None else []


#: Functions whose self-hosted software is a web application a shared web host runs.
WEB_HOSTED = frozenset({"website", "ecommerce"})


def _hosting(platform: Platform, money: BusinessMoney) -> float:
    """Our estimate of a small server, for software the business runs itself, unless it
    already runs one that can take it."""
    if not is_self_hosted(platform) or hosted_already(platform, money.profile.infrastructure):
        return 0.0
    return money.from_usd(platform.pricing.hosting_monthly_usd)


def hosted_already(platform: Platform, infrastructure: Sequence[str]) -> str:
    """What the business already runs that would host this software, or an empty string."""
    if not is_self_hosted(platform):
        return ""
    if "own_server" in infrastructure:
        return "its own server"
    if "shared_hosting" in infrastructure and set(platform.functions) <= WEB_HOSTED:
        return "the web hosting it already pays for"
    return ""


def is_self_hosted(platform: Platform) -> bool:
    """The business would run it on its own server: no hosted offer in this entry."""
    return "self_hosted" in platform.deployment and "saas" not in platform.deployment


def _skill_help(platform: Platform, money: BusinessMoney) -> float:
    """Outside help a month to run self-hosted software beyond the team's skill."""
    if not is_self_hosted(platform):
        return 0.0
    gap = SKILL_ORDER.index(platform.skill_required) - SKILL_ORDER.index(
        money.profile.technical_capability
    )
    return max(0, gap) * money.help_hours_per_level * money.hourly_rate


def _one_off(
    platform: Platform, functions: Sequence[str], money: BusinessMoney, incumbents: Sequence[str]
) -> list[OneOffLine]:
    """Costs paid once to start: the vendor's set-up, hardware, implementation and
    training, and moving off what is in use."""
    country = money.market.country
    here = [item for item in platform.pricing.one_off if _applies(item, country, functions)]
    lines = [_one_off_line(item, money, functions) for item in here]
    lines += [
        _one_off_line(item, money, functions, elsewhere=True)
        for item in _hardware_priced_elsewhere(platform, functions, here)
    ]
    if platform.pricing.setup_usd:
        lines.append(OneOffLine("setup", "Set-up fee", money.from_usd(platform.pricing.setup_usd)))
    if incumbents and not any(item.item == "migration" for item in platform.pricing.one_off):
        lines.append(_switching_line(functions, money, incumbents))
    return lines


def _hardware_priced_elsewhere(
    platform: Platform, functions: Sequence[str], here: Sequence[OneOff]
) -> list[OneOff]:
    """Hardware the platform needs, priced in the catalog for other countries only: one of
    those prices stands in (said so), rather than counting the hardware as free."""
    if any(item.item == "hardware" for item in here):
        return []
    elsewhere = [
        item
        for item in platform.pricing.one_off
        if item.item == "hardware" and (not item.functions or set(item.functions) & set(functions))
    ]
    return elsewhere[:1]


def _applies(item: OneOff, country: str, functions: Sequence[str]) -> bool:
    here = WORLDWIDE in item.countries or country in item.countries
    return here and (not item.functions or bool(set(item.functions) & set(functions)))


def _one_off_line(
    item: OneOff, money: BusinessMoney, functions: Sequence[str], *, elsewhere: bool = False
) -> OneOffLine:
    count = 1
    if item.per == "location":
        found = money.volume("locations", functions, 1)
        count = found.value if found else 1
    elif item.per == "user":
        count = users_for(money, functions)
    each = money.market.fx.convert(item.amount, item.currency, money.currency)
    parts = [f"{count} × {money.money(each)}"] if count > 1 else []
    if elsewhere:
        parts.append(
            f"the price for {', '.join(item.countries)}: the catalog has none for "
            f"{money.market.country}"
        )
    return OneOffLine(item.item, item.label, each * count, "; ".join(parts))


def _switching_line(
    functions: Sequence[str], money: BusinessMoney, incumbents: Sequence[str]
) -> OneOffLine:
    """Moving data, set-up and training from the platform in use, for the functions it
    fills (moving the books into an ERP takes the books' hours, not the ERP's): our
    estimate in hours."""
    catalog = money.market.catalog
    replaced = {
        f for p in incumbents if p in catalog.platforms for f in catalog.platforms[p].functions
    }
    moved = [f for f in functions if f in catalog.functions and f in replaced] or [
        f for f in functions if f in catalog.functions
    ]
    hours = max(catalog.functions[f].switching_hours for f in moved)
    names = ", ".join(
        catalog.platforms[p].name if p in catalog.platforms else p for p in incumbents
    )
    return OneOffLine(
        "migration",
        f"Moving from {names}",
        hours * money.hourly_rate,
        f"about {hours:g} hours of data migration, set-up and training at "
        f"{money.money(money.hourly_rate)} an hour (our estimate)",
    )


def cost_words(cost: CandidateCost, money: BusinessMoney) -> str:
    """The plan and the parts of the monthly figure, in words."""
    from platform_advisor.core.money.channels import label
    from platform_advisor.core.money.fees import rate_words

    catalog = money.market.catalog
    users = users_for(money, cost.shared_by or cost.functions)
    parts = [f"{cost.tier.name} plan for {users} user{'s' if users != 1 else ''}"]
    if cost.shared_by:
        parts[0] += (
            f", {money.money(cost.whole)}/month for the {len(cost.shared_by)} needed functions "
            "it can fill, shared evenly"
        )
    if cost.hosting:
        parts.append(f"{money.money(cost.hosting)} estimated hosting")
    elif host := hosted_already(catalog.platforms[cost.platform], money.profile.infrastructure):
        parts.append(f"no hosting to pay: it runs on {host}")
    if cost.skill_help:
        parts.append(f"{money.money(cost.skill_help)} outside help")
    for line in cost.fees:
        what = label(catalog, line.channel).lower()
        if line.kind == "estimate":
            parts.append(
                f"{money.money(line.amount)} on {what} at the going "
                f"{rate_words(line, money.style)} ({line.note})"
            )
            continue
        by = (
            ""
            if line.platform == cost.platform
            else f" by {catalog.platforms[line.platform or ''].name}"
        )
        kind = {"commission": "commission", "platform": "platform fee"}.get(line.kind, "fees")
        parts.append(
            f"{money.money(line.amount)} {kind} on {what}{by} at {rate_words(line, money.style)}"
        )
    if cost.one_off_total >= 0.5:
        parts.append(f"{money.money(cost.one_off_total)} to start")
    return "; ".join(parts)
