"""The plan that fits: one that can perform the function, admits the logins and every
volume the business has, and offers the contracts its rules need; then what it costs a
month, in the business's currency (a local price list where the vendor publishes one)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from platform_advisor.core.money.context import BusinessMoney
from platform_advisor.core.wording import joined
from platform_advisor.models.catalog import LIMIT_NAMES, LIMIT_OF_UNIT, Platform, Tier, UnitPrice

#: Rules that a plan meets by a contract the vendor signs on that plan: a business
#: associate agreement for HIPAA, a data processing agreement for GDPR.
CONTRACT_RULES = ("hipaa", "gdpr")
#: Plan limits named as the profile's volumes.
_LIMIT_WORDS = {
    "contacts": "contacts",
    "orders": "orders a month",
    "bookings": "bookings a month",
    "invoices": "invoices a month",
    "employees_paid": "people paid",
    "agents": "agents",
    "locations": "locations",
    "products": "products",
    "apps": "apps",
}


def users_for(money: BusinessMoney, functions: Sequence[str]) -> int:
    """Logins the platform needs when it fills these functions."""
    return max(money.profile.users_of(f) for f in functions)


def refusal(
    platform: Platform,
    tier: Tier,
    functions: Sequence[str],
    money: BusinessMoney,
    rules: Sequence[str] = (),
) -> str | None:
    """Why this plan cannot serve the business for these functions; None when it can."""
    if tier.capabilities is not None:
        missing = [f for f in functions if f not in tier.capabilities]
        if missing:
            return f"cannot do {missing[0].replace('_', ' ')}"
    if tier.for_customers_of and not _customer_of(money, tier.for_customers_of):
        return f"is only for customers of {joined(list(tier.for_customers_of), 'or')}"
    if tier.own_delivery and not _delivers_itself(money, functions):
        return "is for businesses that deliver orders themselves"
    users = users_for(money, functions)
    if tier.max_users is not None and users > tier.max_users:
        return f"admits {tier.max_users} users, the business needs {users}"
    for limit in LIMIT_NAMES:
        cap = getattr(tier.limits, limit)
        if cap is None:
            continue
        need = (
            _apps(money, functions) if limit == "apps" else _volume(money, limit, functions, users)
        )
        if need is not None and need > cap:
            return f"admits {cap:,} {_LIMIT_WORDS[limit]}, the business has {need:,}"
    for rule in rules:
        if rule in CONTRACT_RULES and _contracts_recorded(platform) and rule not in tier.compliance:
            return f"offers no {_contract(rule)} on this plan"
    return None


def _apps(money: BusinessMoney, functions: Sequence[str]) -> int:
    """The apps these functions take: one that comes inside another's app (the books'
    e-invoicing) is not counted apart."""
    taxonomy = money.market.catalog.functions
    inside = [f for f in functions if f in taxonomy and taxonomy[f].within in functions]
    return len(functions) - len(inside)


def _customer_of(money: BusinessMoney, providers: Sequence[str]) -> bool:
    """Whether the profile lists one of these among what it uses (by id or by name)."""
    catalog = money.market.catalog
    used = set()
    for platform_id in money.profile.existing_platforms:
        used.add(platform_id.casefold())
        if platform_id in catalog.platforms:
            used.add(catalog.platforms[platform_id].name.casefold())
    return any(provider.casefold() in used for provider in providers)


def _delivers_itself(money: BusinessMoney, functions: Sequence[str]) -> bool:
    channels = money.channels_of(functions)
    return any(money.sales.channels[c].own_delivery for c in channels)


def _volume(money: BusinessMoney, limit: str, functions: Sequence[str], users: int) -> int | None:
    found = money.volume(limit, functions, users)
    return None if found is None else found.value


def _contracts_recorded(platform: Platform) -> bool:
    """Whether the entry says which plans offer contracts (the older form does not)."""
    return any(tier.compliance for tier in platform.pricing.tiers)


def _contract(rule: str) -> str:
    if rule == "hipaa":
        return "business associate agreement (HIPAA)"
    return "GDPR data processing agreement"


def subscription(
    platform: Platform, tier: Tier, functions: Sequence[str], money: BusinessMoney
) -> float:
    """The plan's monthly price for this business, its extra users and units included."""
    monthly, per_user, currency = _prices(platform, tier, money)
    users = users_for(money, functions)
    seats = max(users, tier.min_users)
    price = monthly + per_user * max(0, seats - tier.users_included)
    price += sum(_unit_price(unit, functions, money, users) for unit in tier.per_unit)
    return money.market.fx.convert(price, currency, money.currency)


def _prices(platform: Platform, tier: Tier, money: BusinessMoney) -> tuple[float, float, str]:
    """Monthly and per-user prices, from the local list for the country if there is one."""
    currency = "USD" if tier.legacy else platform.pricing.currency
    for local in platform.pricing.local:
        if money.market.country in local.countries and tier.name in local.monthly:
            per_user = local.per_user.get(tier.name)
            if per_user is None:  # the list gives no per-user price: the main one, converted
                per_user = money.market.fx.convert(tier.per_user_price, currency, local.currency)
            return local.monthly[tier.name], per_user, local.currency
    return tier.monthly_price, tier.per_user_price, currency


def _unit_price(
    unit: UnitPrice, functions: Sequence[str], money: BusinessMoney, users: int
) -> float:
    """A unit price times the units beyond those included, in blocks."""
    if unit.unit == "app":
        found: int | None = len(functions)
    else:
        found = _volume(money, LIMIT_OF_UNIT[unit.unit], functions, users)
    count = max(0, (found or 0) - unit.included)
    return unit.price * math.ceil(count / unit.block)


def unknown_volumes(tier: Tier, functions: Sequence[str], money: BusinessMoney) -> list[str]:
    """Limits of the plan the business's figures do not say it keeps within."""
    users = users_for(money, functions)
    return [
        _LIMIT_WORDS[limit]
        for limit in LIMIT_NAMES
        if getattr(tier.limits, limit) is not None
        and limit != "apps"
        and money.volume(limit, functions, users) is None
    ]
