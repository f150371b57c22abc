"""Views of the catalog itself: a list of platforms, one platform in full, stale entries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from platform_advisor.core.report.freshness import Staleness
from platform_advisor.core.wording import words
from platform_advisor.models.catalog import (
    LINK_KINDS,
    RATING_NAMES,
    Catalog,
    FeeSchedule,
    Platform,
    Rate,
    Tier,
)

LINK_LABELS = {"native": "Native", "ipaas": "Through an iPaaS", "api": "By API only"}


def amount(value: float, currency: str) -> str:
    """An amount with its currency code, for browsing a catalog of many currencies."""
    text = f"{value:,.2f}".removesuffix(".00")
    return f"{text} {currency}"


def currency_of(platform: Platform, tier: Tier) -> str:
    return "USD" if tier.legacy else platform.pricing.currency


def rate_text(rate: Rate, currency: str) -> str:
    """'2.9% + 0.30 USD'."""
    text = f"{rate.pct:g}%"
    if rate.fixed:
        text += f" + {amount(rate.fixed, currency)}"
    if rate.cap is not None:
        text += f" (cap {amount(rate.cap, currency)})"
    return text


def starting_price(platform: Platform) -> str:
    """The cheapest plan's monthly price for one user, with its own fee per sale."""
    tier = min(platform.pricing.tiers, key=lambda t: t.monthly_price)
    currency = currency_of(platform, tier)
    price = f"{amount(tier.monthly_price, currency)}/mo"
    fee = tier.own_fee
    return f"{price} + {rate_text(fee, currency)}" if fee else price


def platform_table(platforms: Sequence[Platform], width: int | None = None) -> Table:
    """One line per platform: who owns it, what one user pays, what it does; narrower than
    its content, it fits ``width`` (ids and names fold, prices wrap at words, functions
    stay whole)."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    widths = _list_widths(platforms, width)
    for heading in ("Id", "Name", "Ownership", "From", "Functions"):
        table.add_column(heading, overflow="fold", width=widths.get(heading))
    for platform in platforms:
        table.add_row(
            platform.id,
            platform.name,
            words(platform.ownership),
            starting_price(platform),
            ", ".join(platform.functions),
        )
    return table


#: Columns of the list that keep their width when it must shrink: "open source", and a
#: price such as "1,250 USD/mo" on one line.
LIST_FIXED = {"Ownership": 11, "From": 12}
LIST_GAPS = 2 * 4


def _list_widths(platforms: Sequence[Platform], width: int | None) -> dict[str, int]:
    """Column widths that fit the list into ``width``; none when it fits as it is."""
    rows = [
        (p.id, p.name, words(p.ownership), starting_price(p), ", ".join(p.functions))
        for p in platforms
    ]
    natural = [max((len(row[i]) for row in rows), default=0) for i in range(5)]
    if width is None or sum(natural) + LIST_GAPS <= width:
        return {}
    functions = max((len(f) + 1 for p in platforms for f in p.functions), default=10)
    rest = max(width - LIST_GAPS - sum(LIST_FIXED.values()) - functions, 16)
    return {**LIST_FIXED, "Functions": functions, "Id": rest // 2, "Name": rest - rest // 2}


def platform_detail(platform: Platform, catalog: Catalog) -> RenderableType:
    """Everything the catalog says about one platform, integrations included."""
    return Group(
        _heading(platform),
        _facts(platform, catalog),
        Text(),
        _tiers(platform),
        _pricing_note(platform),
        *_fees_part(platform),
        Text(),
        _ratings(platform),
        Text(),
        _integrations(platform, catalog),
        *([Text(), Text(platform.notes)] if platform.notes else []),
    )


def _heading(platform: Platform) -> Text:
    text = Text.assemble((platform.name, "bold"), f" ({platform.id}) by {platform.vendor}\n")
    text.append(platform.url, style="dim")
    if platform.aliases:
        text.append(f"\nAlso known as {', '.join(platform.aliases)}", style="dim")
    return text


def _facts(platform: Platform, catalog: Catalog) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    rows = [
        ("Kind", "business network" if platform.kind == "network" else "software"),
        ("Functions", ", ".join(catalog.functions[f].label for f in platform.functions)),
        ("Ownership", words(platform.ownership)),
        ("Deployment", ", ".join(words(d) for d in platform.deployment)),
        ("Skill needed", platform.skill_required),
        ("Channels", ", ".join(catalog.channels[c].label for c in platform.channels)),
        ("Sectors", ", ".join(platform.sectors) or "any"),
        ("Compliance", ", ".join(platform.compliance)),
        ("Regions", ", ".join(platform.regions) or "worldwide"),
        ("Gatekeeper", "yes: it stands between the business and its customers")
        if platform.gatekeeper
        else ("Gatekeeper", "no"),
        ("Last reviewed", platform.last_reviewed),
    ]
    for label, value in rows:
        if value:
            table.add_row(label, value)
    return table


def _tiers(platform: Platform) -> Table:
    table = Table(title="Pricing", title_justify="left", title_style="bold", box=None)
    for column in ("Plan", "Monthly", "Per extra user", "Users", "Limits", "Own fee", "Notes"):
        table.add_column(
            column, justify="left" if column in ("Plan", "Limits", "Notes") else "right"
        )
    for tier in platform.pricing.tiers:
        currency = currency_of(platform, tier)
        users = f"{tier.min_users}-{tier.max_users}" if tier.max_users else f"{tier.min_users}+"
        fee = tier.own_fee
        limits = tier.limits.model_dump(exclude_none=True)
        table.add_row(
            tier.name,
            amount(tier.monthly_price, currency),
            amount(tier.per_user_price, currency) if tier.per_user_price else "",
            users,
            ", ".join(f"{words(k)} {v:,}" for k, v in limits.items()),
            rate_text(fee, currency) if fee else "",
            tier.notes,
        )
    return table


def _fees_part(platform: Platform) -> list[RenderableType]:
    return [Text(), _fees(platform.fees)] if platform.fees else []


def _fees(schedules: Sequence[FeeSchedule]) -> Table:
    table = Table(title="Fees on sales", title_justify="left", title_style="bold", box=None)
    for column in ("Countries", "Kind", "Plan", "Rates", "As of", "Evidence"):
        table.add_column(column)
    for schedule in schedules:
        rates = "; ".join(
            f"{words(channel)} {rate_text(rate, schedule.currency)}"
            for channel, rate in schedule.rates.items()
        )
        table.add_row(
            ", ".join(schedule.countries),
            schedule.kind,
            schedule.plan or "",
            rates,
            schedule.as_of,
            schedule.evidence,
        )
    return table


def _pricing_note(platform: Platform) -> Text:
    pricing = platform.pricing
    parts = [f"{words(pricing.model)}, billed {pricing.billing}"]
    if pricing.setup_usd:
        parts.append(f"set-up {amount(pricing.setup_usd, 'USD')}")
    for item in pricing.one_off:
        parts.append(f"{item.label} {amount(item.amount, item.currency)} per {item.per}")
    if pricing.hosting_monthly_usd:
        parts.append(f"hosting about {amount(pricing.hosting_monthly_usd, 'USD')}/month")
    tax = "including" if pricing.tax_included else "excluding"
    parts.append(
        f"{tax} VAT/GST; as of {pricing.as_of} ({words(pricing.evidence)}), from {pricing.source}"
    )
    text = Text("; ".join(parts), style="dim")
    if pricing.notes:
        text.append(f"\n{pricing.notes}", style="dim")
    return text


def _ratings(platform: Platform) -> Table:
    table = Table(title="Ratings (0-5)", title_justify="left", title_style="bold", box=None)
    table.add_column("Rating")
    table.add_column("", justify="right")
    table.add_column("")
    for name in RATING_NAMES:
        value = getattr(platform.ratings, name)
        table.add_row(words(name), str(value), "■" * value + "□" * (5 - value))
    return table


def _integrations(platform: Platform, catalog: Catalog) -> Text:
    links = catalog.links_of(platform.id)
    text = Text(f"Integrations ({len(links)})\n", style="bold")
    for kind in LINK_KINDS:
        names = sorted(catalog.platforms[o].name for o, k in links.items() if k == kind)
        if names:
            text.append(f"{LINK_LABELS[kind]}: ", style="bold")
            text.append(", ".join(names) + "\n")
    return text


def stale_table(entries: Sequence[Staleness]) -> Table:
    """Entries to re-check, oldest first, with where to check them."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("Id", "Price as of", "Reviewed", "Age", "Check at"):
        table.add_column(column, no_wrap=True)
    for entry in entries:
        platform = entry.platform
        table.add_row(
            platform.id,
            platform.pricing.as_of,
            platform.last_reviewed,
            f"{entry.age_months} months",
            platform.pricing.source,
        )
    return table


def platforms_json(platforms: Sequence[Platform]) -> str:
    """The entries as the catalog holds them."""
    return _json([platform.model_dump(mode="json") for platform in platforms])


def platform_json(platform: Platform, catalog: Catalog) -> str:
    """One entry, with every link to it recorded on either side."""
    links = catalog.links_of(platform.id)
    data = platform.model_dump(mode="json")
    data["links"] = {other: links[other] for other in sorted(links)}
    return _json(data)


def stale_json(entries: Sequence[Staleness]) -> str:
    return _json(
        [
            {
                "id": entry.platform.id,
                "price_as_of": entry.platform.pricing.as_of,
                "last_reviewed": entry.platform.last_reviewed,
                "age_months": entry.age_months,
                "source": entry.platform.pricing.source,
            }
            for entry in entries
        ]
    )


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
