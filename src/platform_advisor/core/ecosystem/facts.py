"""What the ecosystem rules read from the inputs: the trade, what the business already
has, and the platforms of the stack and in use."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from platform_advisor.core.money.context import BusinessMoney
from platform_advisor.models.catalog import Catalog, Platform
from platform_advisor.models.common import Trade
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import Dependency, ScoredPlatform, StackItem

_SECTOR_TRADES: dict[str, Trade] = {
    "retail": "retail",
    "services": "professional_services",
    "hospitality": "food",
    "manufacturing": "manufacturing",
    "agriculture": "agriculture",
    "healthcare": "healthcare",
    "nonprofit": "nonprofit",
    "other": "professional_services",
}
_FOOD_SIGNS = frozenset({"food_delivery", "food_delivery_apps", "delivery_app"})


def trade_of(profile: Profile) -> tuple[Trade, str]:
    """The business's trade, and how it was known: stated, or read from its sector, its
    sales channels and what it sells to."""
    business = profile.business
    if business.trade is not None:
        return business.trade, "stated in the profile"
    signs = {*profile.needs, *profile.audience.channels, *profile.sales.channels}
    if business.sector in ("retail", "hospitality") and signs & _FOOD_SIGNS:
        return "food", "it sells through delivery apps"
    if "reseller" in business.model or "b2b_trade" in signs:
        return "wholesale", "it sells goods on to other businesses"
    return _SECTOR_TRADES[business.sector], f"its sector ({business.sector})"


@dataclass(frozen=True)
class Facts:
    """Everything the ecosystem section is built from, read once."""

    profile: Profile
    catalog: Catalog
    stack: tuple[StackItem, ...]
    rankings: Mapping[str, tuple[ScoredPlatform, ...]]
    dependency: Dependency
    money: BusinessMoney

    @cached_property
    def trade(self) -> Trade:
        return trade_of(self.profile)[0]

    @cached_property
    def stated_types(self) -> frozenset[str]:
        return frozenset(p.type for p in self.profile.partnerships)

    @cached_property
    def held(self) -> frozenset[str]:
        """Catalog platforms the business has: in use, stated as partners, or in the stack."""
        stated = {p.platform for p in self.profile.partnerships if p.platform}
        return frozenset(
            {*self.profile.existing_platforms, *stated, *(i.platform for i in self.stack)}
        )

    def in_stack(self, function_id: str) -> StackItem | None:
        return next((i for i in self.stack if i.function == function_id), None)

    def in_use(self, function_id: str) -> Platform | None:
        """A platform in use that fills the function."""
        for platform_id in self.profile.existing_platforms:
            platform = self.catalog.platforms.get(platform_id)
            if platform is not None and function_id in platform.functions:
                return platform
        return None

    def label(self, function_id: str) -> str:
        function = self.catalog.functions.get(function_id)
        return function.label if function is not None else function_id
