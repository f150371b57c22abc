"""Resilience: how much the business depends on one ecosystem (a marketplace carrying its
sales, a gatekeeper owning its customers, one kind or one region of ecosystem), and the
remedies: redundancy, diversity, a direct channel beside every marketplace."""

from __future__ import annotations

from typing import get_args

from platform_advisor.core.ecosystem.facts import Facts
from platform_advisor.core.ecosystem.rules import (
    DIRECT_FUNCTIONS,
    HEAVY_CONCENTRATION,
    HEAVY_SHARE,
)
from platform_advisor.core.wording import joined, percent
from platform_advisor.models.common import NetworkKind
from platform_advisor.models.result import EcosystemOption, ResilienceCheck

#: The sales channels a marketplace or an app takes, for its commission.
INTERMEDIATED = ("marketplace", "delivery_app")


def resilience_checks(
    facts: Facts, join: tuple[EcosystemOption, ...]
) -> tuple[ResilienceCheck, ...]:
    checks = [
        *_sales_dependence(facts),
        _customer_relationship(facts),
        _diversity(facts, join),
        _concentration(facts),
    ]
    regional = _regions(facts, join)
    return (*checks, *([regional] if regional else []))


def _check(check: str, warning: bool, finding: str, remedy: str = "") -> ResilienceCheck:
    return ResilienceCheck.model_construct(
        check=check, status="warning" if warning else "ok", finding=finding, remedy=remedy
    )


def _sales_dependence(facts: Facts) -> list[ResilienceCheck]:
    """One check per marketplace or app that takes sales, by its share of all sales."""
    sales = facts.money.sales
    total = sales.total
    found = []
    for channel in INTERMEDIATED:
        volume = sales.channels.get(channel)
        if volume is None or not volume.amount or not total:
            continue
        function_id = _owner(channel, facts)
        name = _taker(volume.platform, function_id, facts)
        share = volume.amount / total
        heavy = share >= HEAVY_SHARE
        finding = (
            f"{name} takes {percent(share)} of sales ({facts.money.money(volume.amount)} a month)"
        )
        finding += (
            ": losing it, or a rise in its commission, would hit the business hard"
            if heavy
            else ", below the quarter where one channel becomes a dependency"
        )
        found.append(
            _check(f"Sales through {name}", heavy, finding, _sales_remedy(name, function_id, facts))
        )
    if not found:
        found.append(
            _check(
                "Sales through marketplaces",
                False,
                "no sales pass through a marketplace or delivery app",
            )
        )
    return found


def _owner(channel: str, facts: Facts) -> str:
    """The function whose platform takes the channel: the first in the stack, else the
    first the taxonomy names."""
    definition = facts.catalog.sales_channels.get(channel)
    owners = definition.owners if definition is not None else ()
    in_stack = [f for f in owners if facts.in_stack(f) is not None]
    return (in_stack or list(owners) or [channel])[0]


def _taker(platform_id: str | None, function_id: str, facts: Facts) -> str:
    if platform_id is not None and platform_id in facts.catalog.platforms:
        return facts.catalog.platforms[platform_id].name
    item = facts.in_stack(function_id)
    return item.name if item is not None else facts.label(function_id).lower()


def _sales_remedy(name: str, function_id: str, facts: Facts) -> str:
    """Redundancy (a second app or marketplace) and a direct channel beside it."""
    second = next((s.name for s in facts.rankings.get(function_id, ()) if s.name != name), None)
    parts = []
    if second is not None:
        parts.append(
            f"list on a second {facts.label(function_id).lower()} as well "
            f"({second}) so that no single one carries the channel"
        )
    direct = _direct_channels(facts)
    if direct:
        parts.append(
            f"move regulars to your own channel ({joined(direct)}) with an offer "
            f"they cannot get on {name}"
        )
    else:
        parts.append("open a direct channel (your own ordering page or a mailing list) beside it")
    return "; ".join(parts)


def _direct_channels(facts: Facts) -> list[str]:
    names = [i.name for i in facts.stack if i.function in DIRECT_FUNCTIONS]
    for function_id in sorted(DIRECT_FUNCTIONS):
        used = facts.in_use(function_id)
        if used is not None and used.name not in names:
            names.append(used.name)
    return names


def _customer_relationship(facts: Facts) -> ResilienceCheck:
    gatekeepers = [p.name for p in facts.dependency.platforms if p.gatekeeper]
    direct = _direct_channels(facts)
    check = "Who owns the customer relationship"
    if not gatekeepers:
        return _check(
            check, False, "no platform of the stack stands between you and your customers"
        )
    if direct:
        keep = "keeps" if len(direct) == 1 else "keep"
        return _check(
            check,
            False,
            f"{joined(direct)} {keep} customers' contacts for you "
            f"beside {joined(gatekeepers)}: a direct channel beside the gatekeepers",
        )
    return _check(
        check,
        True,
        f"every channel to customers runs through a gatekeeper ({joined(gatekeepers)}), "
        "which keeps their contacts and sets the rules",
        "add a channel you own (a mailing list or your own site) and invite every customer "
        "to it, with their consent",
    )


def _kinds(facts: Facts) -> list[str]:
    kinds = []
    if any(p.gatekeeper for p in facts.dependency.platforms):
        kinds.append("platform ecosystems")
    networks = set(get_args(NetworkKind))
    if facts.stated_types & networks or facts.in_stack("business_network"):
        kinds.append("business networks")
    if facts.stated_types & {"horizontal", "vertical", "complementary", "franchise"}:
        kinds.append("partnerships")
    if "marketplace" in facts.stated_types and "platform ecosystems" not in kinds:
        kinds.append("platform ecosystems")
    return kinds


def _diversity(facts: Facts, join: tuple[EcosystemOption, ...]) -> ResilienceCheck:
    kinds = _kinds(facts)
    check = "Diversity across kinds of ecosystem"
    if len(kinds) >= 2:
        return _check(check, False, f"the business is in {joined(kinds)}")
    now = f"only in {kinds[0]}" if kinds else "in no ecosystem the profile states"
    networks = [o.name for o in join if o.function == "business_network"][:1]
    remedy = "add one of another kind"
    if networks and "business networks" not in kinds:
        remedy += f": a network such as {networks[0]} (below)"
    if "partnerships" not in kinds:
        remedy += "; one partner from the list above"
    return _check(check, True, f"the business is {now}", remedy)


def _concentration(facts: Facts) -> ResilienceCheck:
    index = facts.dependency.concentration_index
    heavy = index >= HEAVY_CONCENTRATION
    top = facts.dependency.vendors[0] if facts.dependency.vendors else None
    who = f"; {top.vendor} serves {percent(top.function_share)} of the functions" if top else ""
    return _check(
        "One vendor across the stack",
        heavy,
        f"vendor concentration {index:.2f}{who}",
        "keep data exportable and an alternative ready for each function (see Alternatives)"
        if heavy
        else "",
    )


def _regions(facts: Facts, join: tuple[EcosystemOption, ...]) -> ResilienceCheck | None:
    """Only for a business selling abroad or wanting to: does any gatekeeper of the stack,
    or any ecosystem suggested to join, reach beyond the home country?"""
    profile = facts.profile
    abroad = len(profile.business.markets) > 1 or "reach_new_markets" in profile.goals
    if not abroad:
        return None
    home = profile.business.country
    platforms = facts.catalog.platforms
    wide = [
        platforms[i.platform].name
        for i in facts.stack
        if platforms[i.platform].gatekeeper and _beyond(platforms[i.platform].regions, home)
    ]
    check = "Diversity across regions"
    if wide:
        reach = "reaches" if len(wide) == 1 else "reach"
        return _check(check, False, f"{joined(wide)} {reach} customers beyond {home}")
    abroad_joins = [o.name for o in join if _beyond(platforms[o.platform].regions, home)]
    remedy = (
        f"join an ecosystem that reaches abroad, such as {abroad_joins[0]} (below)"
        if abroad_joins
        else "join an export network or a marketplace that sells abroad"
    )
    return _check(
        check,
        True,
        f"every ecosystem you are in is confined to {home}, though you want new markets",
        remedy,
    )


def _beyond(regions: tuple[str, ...], home: str) -> bool:
    return not regions or "worldwide" in regions or any(r != home for r in regions)
