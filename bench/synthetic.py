"""A synthetic catalog for the load benchmarks: N platforms that look like real entries.

The text is generated in memory from a seeded random generator, so the same N always gives
the same text. Each platform has what a real entry has (name, vendor, aliases, functions,
ownership, deployment, pricing with two or three tiers and fees, all nine ratings, links to
other synthetic platforms, channels, sectors, regions, review date and notes), written in
the style of the shipped catalogs: about 900 bytes of YAML each (9 MB for 10,000), against
1 to 3 KB for a real entry and about 650 bytes for the more compact synthetic entries of
the performance notes.

The file holds platforms only: its functions and channels are the shipped taxonomy's, so it
validates on its own against the catalog model and, with the shipped catalog, passes the
cross-checks too. Platform ids never collide with shipped ones. Everything is written so
that a YAML 1.1 loader reads the same data as the advisor's YAML 1.2 rules (dates quoted,
no country code that YAML 1.1 takes for a boolean).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SEED = 20261123

_PREFIXES = (
    "Acme", "Blue", "Nimbus", "Harbor", "Quill", "Ember", "Atlas", "Kite", "Maple", "Orbit",
    "Pine", "Cobalt", "Juniper", "Lumen", "Tandem", "Vela", "Willow", "Zephyr", "Copper",
    "Meadow",
)  # fmt: skip
_SUFFIXES = (
    "Books", "Desk", "Flow", "Cart", "Pay", "Ledger", "Hub", "Mail", "Post", "Stock",
    "Table", "Point", "Works", "Chat", "Sign", "Cloud",
)  # fmt: skip
_VENDOR_FORMS = ("Ltd.", "Inc.", "GmbH", "SAS", "B.V.", "Pty Ltd", "LLC")
_TIER_NAMES = ("Free", "Starter", "Basic", "Growth", "Pro", "Business", "Premium", "Enterprise")
_PRICING_MODELS = (
    "freemium", "free", "subscription", "commission", "per_user", "usage", "quote",
    "membership",
)  # fmt: skip
_OWNERSHIP = ("proprietary", "proprietary", "proprietary", "open_source", "hybrid")
_DEPLOYMENT = ("saas", "self_hosted", "desktop", "in_person")
_SKILLS = ("none", "basic", "basic", "intermediate", "advanced")
_SECTORS = ("retail", "services", "hospitality", "manufacturing", "agriculture", "healthcare")
_COMPLIANCE = ("gdpr", "ccpa", "hipaa", "pci_dss", "soc2", "iso27001")
# No "NO": YAML 1.1 (the floor's loader) reads it as false.
_REGIONS = (
    "US", "GB", "CA", "AU", "NZ", "IE", "DE", "FR", "ES", "IT", "NL", "BE", "SE", "DK",
    "FI", "PL", "PT", "AT", "CH", "JP", "SG", "IN", "BR", "MX", "ZA",
)  # fmt: skip
_RATINGS = (
    "ease_of_use", "integrations", "automation", "customization", "scalability",
    "data_portability", "security", "support", "reach",
)  # fmt: skip
_NOTES = (
    "Quick to set up; exports are CSV only.",
    "Good mobile apps; reports cost extra.",
    "Prices rise with the number of contacts.",
    "Email support only on cheaper plans.",
    "Self-hosting needs upkeep.",
    "Fees drop on the higher plans.",
    "Many add-ons, most of them paid.",
)


@dataclass(frozen=True)
class Taxonomy:
    """The function and channel ids synthetic platforms may name."""

    functions: tuple[str, ...]
    channels: tuple[str, ...]


def shipped_taxonomy() -> Taxonomy:
    """The ids of the shipped taxonomy (read with the advisor's own YAML reader)."""
    from platform_advisor.loading.yaml_reader import parse_yaml
    from platform_advisor.resources import shipped_dir

    path = shipped_dir("catalogs") / "taxonomy.yaml"
    data = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    return Taxonomy(
        tuple(entry["id"] for entry in data["functions"]),
        tuple(entry["id"] for entry in data["channels"]),
    )


def platform_id(index: int) -> str:
    return f"syn-{index}"


def catalog_text(platforms: int, taxonomy: Taxonomy, seed: int = SEED) -> str:
    """A catalog file with ``platforms`` synthetic platforms; the same arguments, the same text."""
    rng = random.Random(seed)
    lines = [
        f"# A synthetic catalog of {platforms} platforms for the load benchmarks.",
        "platforms:",
    ]
    for index in range(platforms):
        lines.extend(_platform(rng, index, platforms, taxonomy))
    return "\n".join(lines) + "\n"


def _flow(items: list[str]) -> str:
    return f"[{', '.join(items)}]"


def _money(rng: random.Random, low: int, high: int) -> str:
    value = rng.randint(low, high)
    return str(value) if rng.random() < 0.7 else f"{value - 0.01:.2f}"


def _platform(rng: random.Random, index: int, count: int, taxonomy: Taxonomy) -> list[str]:
    """One entry; optional fields appear in some entries only, as in the shipped catalogs."""
    own_id = platform_id(index)
    name = f"{rng.choice(_PREFIXES)}{rng.choice(_SUFFIXES)} {index}"
    lines = [
        f"  - id: {own_id}",
        f"    name: {name}",
        f"    vendor: {name.split()[0]} {rng.choice(_VENDOR_FORMS)}",
        f"    url: https://{own_id}.example.com",
    ]
    aliases = rng.sample(("Online", "Go", "One"), rng.choice((0, 0, 1, 2)))
    if aliases:
        lines.append(f"    aliases: {_flow([f'{name} {word}' for word in aliases])}")
    lines += [
        f"    functions: {_flow(rng.sample(taxonomy.functions, rng.choice((1, 1, 2, 3))))}",
        f"    ownership: {rng.choice(_OWNERSHIP)}",
        f"    deployment: {_flow(rng.sample(_DEPLOYMENT, rng.choice((1, 1, 1, 2))))}",
        "    pricing:",
        f"      model: {rng.choice(_PRICING_MODELS)}",
    ]
    if rng.random() < 0.4:
        lines.append("      billing: annual")
    lines += [
        "      tiers:",
        *_tiers(rng),
        f'      as_of: "20{rng.randint(23, 26)}-{rng.randint(1, 12):02d}"',
        f"      source: https://{own_id}.example.com/pricing",
        f"    ratings: {{{_ratings(rng)}}}",
        f"    skill_required: {rng.choice(_SKILLS)}",
        *_links(rng, index, count),
        f"    channels: {_flow(rng.sample(taxonomy.channels, rng.randint(0, 3)))}",
    ]
    optional = (
        ("sectors", _SECTORS, (0, 0, 0, 1, 2)),
        ("compliance", _COMPLIANCE, (0, 0, 0, 1, 3)),
        ("regions", _REGIONS, (0, 0, 1, 2, 4)),
    )
    for key, choices, sizes in optional:
        chosen = rng.sample(choices, rng.choice(sizes))
        if chosen:
            lines.append(f"    {key}: {_flow(chosen)}")
    lines += [
        f'    last_reviewed: "2026-{rng.randint(1, 11):02d}-{rng.randint(1, 28):02d}"',
        f"    notes: {rng.choice(_NOTES)}",
    ]
    return lines


def _ratings(rng: random.Random) -> str:
    return ", ".join(f"{rating}: {rng.randint(0, 5)}" for rating in _RATINGS)


def _tiers(rng: random.Random) -> list[str]:
    names = sorted(rng.sample(range(len(_TIER_NAMES)), rng.choice((2, 2, 3))))
    tiers = []
    floor = 0
    for position in names:
        price = rng.randint(floor, floor + 60)
        floor = price + 1
        fields = [f"name: {_TIER_NAMES[position]}", f"monthly_usd: {price}"]
        if rng.random() < 0.25:
            fields.append(f"users_included: {rng.randint(1, 10)}")
            fields.append(f"per_user_usd: {_money(rng, 2, 25)}")
        if rng.random() < 0.3:
            fields.append(f"transaction_fee_pct: {rng.choice(('2.9', '2.5', '1.75', '3'))}")
            fields.append(f"transaction_fee_usd: {rng.choice(('0.30', '0.25', '0'))}")
        tiers.append(f"        - {{{', '.join(fields)}}}")
    return tiers


def _links(rng: random.Random, index: int, count: int) -> list[str]:
    """Links to other synthetic platforms, each at most once and never to itself."""
    wanted = min(rng.randint(1, 4), count - 1)
    others = [other for other in rng.sample(range(count), min(wanted + 1, count)) if other != index]
    others = others[:wanted]
    if not others:
        return []
    cut_native = rng.randint(0, len(others))
    cut_ipaas = rng.randint(cut_native, len(others))
    lines = ["    integrates_with:"]
    groups = (others[:cut_native], others[cut_native:cut_ipaas], others[cut_ipaas:])
    for kind, group in zip(("native", "ipaas", "api"), groups, strict=True):
        if group:
            lines.append(f"      {kind}: {_flow([platform_id(other) for other in group])}")
    return lines
