"""The business's sales by channel, and the needed function whose platform takes each.

A profile may state its sales by channel (cards in person, online, invoices...) in its
own currency. The older form gives totals in US dollars; they are given channels from
what the profile says, and the words say how.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from platform_advisor.core.money.fx import Converter
from platform_advisor.core.wording import joined
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.profile import Profile

#: Channels whose sales no platform charges for: the business's bank or till takes them.
FREE_CHANNELS = frozenset({"cash", "bank_transfer"})
#: Channels where the customer pays online, and so leaves an address for the contact list.
ONLINE_CHANNELS = frozenset(
    {"card_online", "invoice", "instant_payment", "direct_debit", "bank_transfer", "marketplace"}
)


@dataclass(frozen=True)
class ChannelVolume:
    """A month's sales through one channel, in the business's currency."""

    amount: float
    count: int
    platform: str | None = None
    foreign_share: float = 0.0
    own_delivery: bool = False

    @property
    def ticket(self) -> float:
        """The average sale."""
        return self.amount / self.count if self.count else self.amount


@dataclass(frozen=True)
class Sales:
    """Every channel with sales, and how the profile's figures were read."""

    channels: dict[str, ChannelVolume]
    assumption: str = ""

    @property
    def total(self) -> float:
        return sum(volume.amount for volume in self.channels.values())

    def count(self, channels: Collection[str] | None = None) -> int:
        return sum(
            volume.count
            for name, volume in self.channels.items()
            if channels is None or name in channels
        )


def sales_by_channel(
    profile: Profile, catalog: Catalog, needs: Collection[str], currency: str, fx: Converter
) -> Sales:
    """The profile's sales by channel, in the business's currency."""
    if not profile.sales.legacy:
        return Sales(
            {
                name: ChannelVolume(
                    sale.monthly, sale.count, sale.platform, sale.foreign_share, sale.own_delivery
                )
                for name, sale in profile.sales.channels.items()
                if sale.monthly or sale.count
            }
        )
    return _legacy_sales(profile, catalog, needs, currency, fx)


def _legacy_sales(
    profile: Profile, catalog: Catalog, needs: Collection[str], currency: str, fx: Converter
) -> Sales:
    """Channels for sales given in the older form: totals in US dollars, some by function."""
    sales = profile.sales

    def volume(amount_usd: float, count: int) -> ChannelVolume:
        return ChannelVolume(fx.convert(amount_usd, "USD", currency), count)

    channels: dict[str, ChannelVolume] = {}
    notes: list[str] = []
    for function_id, figures in sales.by_function.items():
        channel = channel_of(function_id, catalog)
        if channel is not None and (figures.monthly_usd or figures.monthly_orders):
            channels[channel] = volume(figures.monthly_usd, figures.monthly_orders)
            notes.append(
                f"the figures for {function_id.replace('_', ' ')} as "
                f"{_label(catalog, channel).lower()}"
            )
    main = _main_channels(profile, needs)
    rest = [channel for channel in main if channel not in channels]
    if rest and (sales.monthly_usd or sales.monthly_orders):
        share = 1 / len(main)
        for channel in rest:
            channels[channel] = volume(
                sales.monthly_usd * share, round(sales.monthly_orders * share)
            )
        split = f" ({1 / len(main):.0%} each)" if len(main) > 1 else ""
        labels = joined([_label(catalog, channel).lower() for channel in rest])
        notes.insert(0, f"the total as {labels}{split}")
    if not notes:
        return Sales(channels)
    return Sales(
        channels,
        "The profile gives its sales in the older form (US dollars, by function); they are "
        f"read as follows: {'; '.join(notes)}. State sales by channel to be exact.",
    )


def _main_channels(profile: Profile, needs: Collection[str]) -> list[str]:
    """Where the older form's total goes: in person, online, or invoices."""
    found = []
    if "pos" in needs or "in_person" in profile.audience.channels:
        found.append("card_present")
    if {"ecommerce", "b2b_commerce"} & set(needs):
        found.append("card_online")
    if found:
        return found
    if {"marketplace", "freelance_marketplace", "travel_marketplace"} & set(needs):
        return ["marketplace"]
    if {"booking", "studio_booking", "online_courses", "event_ticketing"} & set(needs):
        return ["card_online"]
    return ["bank_transfer"]


def channel_of(function_id: str, catalog: Catalog) -> str | None:
    """The first channel a function's platforms take."""
    return next((c.id for c in catalog.sales_channels.values() if function_id in c.owners), None)


def owners(
    catalog: Catalog, needs: Collection[str], channels: Collection[str]
) -> dict[str, str | None]:
    """For each channel with sales, the needed function whose platform takes them."""
    return {
        channel: next((f for f in _owners_of(catalog, channel) if f in needs), None)
        for channel in channels
    }


def sellers(catalog: Catalog, channel: str) -> tuple[str, ...]:
    """The functions whose platforms may take a channel's sales, first the one that does."""
    return _owners_of(catalog, channel)


def _owners_of(catalog: Catalog, channel: str) -> tuple[str, ...]:
    definition = catalog.sales_channels.get(channel)
    return definition.owners if definition else ()


def _label(catalog: Catalog, channel: str) -> str:
    definition = catalog.sales_channels.get(channel)
    return definition.label if definition else channel.replace("_", " ")


def label(catalog: Catalog, channel: str) -> str:
    """A channel's name for a reader."""
    return _label(catalog, channel)


def taken_by(owner_of: Mapping[str, str | None], function_id: str) -> list[str]:
    """The channels a function's platform takes."""
    return [channel for channel, owner in owner_of.items() if owner == function_id]
