"""Everything about one business that its costs depend on, worked out once per advice:
its currency and how to write it, its sales by channel and who takes each, the volumes
plans are chosen on, the horizon and the price of an hour of help."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property

from platform_advisor.core.money.channels import (
    FREE_CHANNELS,
    ONLINE_CHANNELS,
    Sales,
    owners,
    sales_by_channel,
    sellers,
)
from platform_advisor.core.money.fees import FeeLine, Market, going_rate
from platform_advisor.core.money.fx import Converter
from platform_advisor.core.money.style import home_currency, money_style
from platform_advisor.core.wording import MoneyStyle, money
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.criteria import StackTerms
from platform_advisor.models.profile import Profile

#: Channels a marketplace or delivery app takes, on commission.
COMMISSION_CHANNELS = frozenset({"marketplace", "delivery_app"})


@dataclass(frozen=True)
class Volume:
    """A volume plans are chosen on, and whether the profile gave it or it was estimated."""

    value: int
    estimated_from: str = ""  # empty when the profile states it


@dataclass(frozen=True)
class BusinessMoney:
    """One business's money facts, in its currency."""

    profile: Profile
    market: Market
    style: MoneyStyle
    sales: Sales
    owner_of: dict[str, str | None]
    horizon: int
    hourly_rate: float
    budget: float
    setup_budget: float | None
    needs: tuple[str, ...]
    ceiling: float | None = None  # the most one platform may cost a month
    help_hours_per_level: float = 3.0
    notes: tuple[str, ...] = field(default=())
    currency_reason: str = ""  # why the amounts are not in the country's currency

    @property
    def currency(self) -> str:
        return self.market.currency

    def money(self, amount: float, *, cents: bool | None = False) -> str:
        return money(amount, self.style, cents=cents)

    def from_usd(self, amount: float) -> float:
        return self.market.fx.convert(amount, "USD", self.currency)

    def channels_of(self, functions: Collection[str]) -> list[str]:
        """The channels with sales that these functions' platform takes."""
        return [c for c, owner in self.owner_of.items() if owner in functions]

    def sold_through(self, functions: Collection[str]) -> list[str]:
        """Channels with sales that these functions' platforms sell on while another
        function's platform takes the payment (a store's UPI orders, taken by the payment
        processor): a platform's own fee per sale is due on them too."""
        catalog = self.market.catalog
        return [
            channel
            for channel, owner in self.owner_of.items()
            if owner is not None
            and owner not in functions
            and set(functions) & set(sellers(catalog, channel))
        ]

    def unowned(self) -> list[str]:
        """Channels with sales, and fees, that no needed function's platform takes."""
        return [c for c, owner in self.owner_of.items() if owner is None and c not in FREE_CHANNELS]

    def estimate(self, channel: str) -> FeeLine | None:
        """The going rate of the country's platforms on this channel's sales."""
        return self._estimates.get(channel)

    @cached_property
    def _estimates(self) -> dict[str, FeeLine]:
        found = {}
        for channel, volume in self.sales.channels.items():
            if channel in FREE_CHANNELS:
                continue
            kind = "commission" if channel in COMMISSION_CHANNELS else "processing"
            line = going_rate(self.market, channel, volume, kind)
            if line is not None:
                found[channel] = line
        return found

    def volume(self, limit: str, functions: Collection[str], users: int) -> Volume | None:
        """How much of what a plan's limit counts these functions must handle; None when
        neither the profile nor its sales say."""
        stated = getattr(self.profile.volumes, limit, None) if limit != "orders" else None
        if stated is not None:
            return Volume(stated)
        sales = self.sales
        own = self.channels_of(functions)
        if limit == "orders":
            return Volume(sales.count(own) if own else sales.count(), "the sales a month")
        if limit == "contacts":
            online = 12 * sales.count(ONLINE_CHANNELS)
            return Volume(online, "a year's online sales, one customer each") if online else None
        if limit == "invoices":
            paid = sales.count({"invoice", "bank_transfer", "direct_debit"})
            return Volume(paid, "the sales paid by invoice") if paid else None
        if limit == "bookings":
            return Volume(sales.count(own), "the sales a month") if own else None
        if limit == "employees_paid":
            return Volume(self.profile.business.employees, "the employee count")
        if limit == "agents":
            return Volume(users, "the logins")
        if limit == "locations":
            return Volume(1, "one location")
        return None


def business_money(
    profile: Profile,
    catalog: Catalog,
    needs: Collection[str],
    terms: StackTerms,
    *,
    currency: str | None = None,
) -> BusinessMoney:
    """The money facts of a business for this catalog and these needs."""
    country = profile.business.country
    fx = Converter.of(catalog)
    currency, currency_reason = _currency(profile, fx, currency)
    market = Market(catalog, country, currency, fx)
    sales = sales_by_channel(profile, catalog, needs, currency, fx)
    budget, limits = profile.budget, profile.constraints

    def amount(given: float | None, older_usd: float | None) -> float | None:
        """A profile amount in its currency, or its older US-dollar form converted."""
        if given is not None:
            return given
        return None if older_usd is None else fx.convert(older_usd, "USD", currency)

    monthly = amount(budget.monthly, budget.monthly_usd) or 0.0
    setup = amount(budget.setup, budget.setup_usd)
    ceiling = amount(limits.max_monthly, limits.max_monthly_usd)
    rate = amount(budget.hourly_rate, terms.hourly_rate_usd)
    assert rate is not None
    notes = tuple(filter(None, [sales.assumption, _budget_note(profile, fx, currency)]))
    return BusinessMoney(
        profile=profile,
        market=market,
        style=money_style(country, currency),
        sales=sales,
        owner_of=owners(catalog, needs, sales.channels),
        horizon=terms.horizon_months,
        hourly_rate=rate,
        budget=monthly,
        setup_budget=setup,
        needs=tuple(needs),
        help_hours_per_level=terms.admin_hours_per_level,
        notes=notes,
        currency_reason=currency_reason,
        ceiling=ceiling,
    )


def _currency(profile: Profile, fx: Converter, given: str | None) -> tuple[str, str]:
    """The currency to count in: the one asked for, the profile's, or its country's when
    the catalog's exchange table can reach it (else US dollars, the older catalogs' own),
    with the reason when it is not the country's."""
    if given or profile.business.currency:
        return given or profile.business.currency or "USD", ""
    home = home_currency(profile.business.country)
    if fx.knows(home):
        return home, ""
    return "USD", (
        f"the catalog has no exchange rate for {home}, the currency of the business's country"
    )


def _budget_note(profile: Profile, fx: Converter, currency: str) -> str:
    if profile.budget.monthly is not None or currency == "USD":
        return ""
    return (
        f"The budget is given in US dollars (the older form) and converted to {currency} at "
        f"{fx.rate('USD', currency):.4g} per dollar."
    )
