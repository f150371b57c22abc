"""How much of the business rests on each vendor, and what leaving each platform takes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from platform_advisor.models.catalog import Catalog, Platform
from platform_advisor.models.result import (
    CostSummary,
    Dependency,
    PlatformDependency,
    StackItem,
    VendorShare,
)

#: A vendor serving at least this share of the needed functions is a dependency.
HIGH_SHARE = 1 / 3
#: A platform rated this or lower on data portability is hard to leave.
LOW_PORTABILITY = 2

#: What a move takes, by data-portability rating (the rubric in docs/catalog-guide.md).
EXIT_BY_PORTABILITY = {
    0: "Its data cannot leave: followers, reviews or marketplace customers stay behind. "
    "Build a direct channel (an email list, your own website) that customers can follow.",
    1: "Only partial exports (reports, downloads of posts). Keep your own copy of contacts and "
    "content as you go; a move starts almost from scratch.",
    2: "The main records export as CSV, without history or attachments. Export monthly; a "
    "move takes re-entering history and rebuilding settings.",
    3: "Complete CSV or API exports. A move is a project of days to a few weeks: mapping "
    "fields, importing, re-creating automations.",
    4: "Complete exports in documented formats, with migration tools to rivals. A move is "
    "mostly configuration and testing.",
    5: "Open formats and self-hosting: the business holds its data. A move is a technical "
    "migration, not a negotiation with a vendor.",
}


def dependency(items: Sequence[StackItem], catalog: Catalog, cost: CostSummary) -> Dependency:
    """Vendor shares of functions and spend, concentration, and an exit note per platform."""
    vendors = _vendor_shares(items, catalog, cost)
    platforms = [catalog.platforms[p] for p in dict.fromkeys(item.platform for item in items)]
    share_of = {v.vendor: v.function_share for v in vendors}
    return Dependency.model_construct(
        vendors=vendors,
        concentration_index=round(sum(v.function_share**2 for v in vendors), 3),
        proprietary_share=_share(platforms, lambda p: p.ownership == "proprietary"),
        gatekeeper_share=_share(platforms, lambda p: p.gatekeeper),
        platforms=tuple(_platform_dependency(p, share_of[p.vendor]) for p in platforms),
    )


def _vendor_shares(
    items: Sequence[StackItem], catalog: Catalog, cost: CostSummary
) -> tuple[VendorShare, ...]:
    spend = {
        line.platform: line.subscription + line.hosting + line.skill_gap + line.fees
        for line in cost.lines
    }
    total_spend = sum(spend.values()) or 1.0
    by_vendor: dict[str, list[StackItem]] = {}
    for item in items:
        by_vendor.setdefault(catalog.platforms[item.platform].vendor, []).append(item)
    shares = []
    for vendor, served in by_vendor.items():
        platforms = tuple(dict.fromkeys(item.platform for item in served))
        vendor_spend = sum(spend[p] for p in platforms)
        shares.append(
            VendorShare.model_construct(
                vendor=vendor,
                platforms=platforms,
                names=tuple(catalog.platforms[p].name for p in platforms),
                functions=len(served),
                function_share=round(len(served) / len(items), 3),
                spend=round(vendor_spend, 2),
                spend_share=round(vendor_spend / total_spend, 3),
            )
        )
    return tuple(sorted(shares, key=lambda v: (-v.functions, -v.spend, v.vendor)))


def _share(platforms: Sequence[Platform], test: Callable[[Platform], bool]) -> float:
    return round(sum(1 for p in platforms if test(p)) / len(platforms), 3) if platforms else 0.0


def _platform_dependency(platform: Platform, vendor_share: float) -> PlatformDependency:
    portability = platform.ratings.data_portability
    high = portability <= LOW_PORTABILITY or platform.gatekeeper or vendor_share >= HIGH_SHARE
    return PlatformDependency.model_construct(
        platform=platform.id,
        name=platform.name,
        ownership=platform.ownership,
        data_portability=portability,
        gatekeeper=platform.gatekeeper,
        high_dependency=high,
        exit_note=_exit_note(platform, vendor_share),
    )


def _exit_note(platform: Platform, vendor_share: float) -> str:
    note = EXIT_BY_PORTABILITY[platform.ratings.data_portability]
    if platform.gatekeeper:
        note += " It stands between you and your customers: its rules and fees can change."
    if vendor_share >= HIGH_SHARE:
        note += (
            f" Its vendor serves {vendor_share:.0%} of the needed functions, so leaving it "
            "means moving several at once."
        )
    return note
