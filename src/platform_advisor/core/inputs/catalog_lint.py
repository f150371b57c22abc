"""Checks a catalog maintainer wants before publishing: beyond what loading requires.

Loading refuses what would make advice wrong (unknown references, duplicate ids). These
checks catch what makes a catalog untidy or misleading: a link recorded on one side only
or with two different kinds, two platforms answering to the same name or to names that
look alike (a Cyrillic 'і' for a Latin 'i'), and (as warnings) prices old enough to need
re-checking, prices in the older form, before currencies, and facts that cannot be checked:
a price read on a home page, a compliance claim with no page that states it, a limit kept
only in a note, and an empty region list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from platform_advisor.core.inputs.references import Finding
from platform_advisor.core.report.freshness import months_between
from platform_advisor.core.wording import plural
from platform_advisor.models.catalog import (
    LIMIT_OF_UNIT,
    LINK_KINDS,
    CatalogFile,
    LinkKind,
    Platform,
    Tier,
)


@dataclass(frozen=True)
class Entry:
    """A platform with the document and position that define it."""

    document: str
    index: int
    platform: Platform


def lint_catalog(
    files: Sequence[tuple[str, CatalogFile]],
    built_in: Collection[str],
    *,
    today: date,
    stale_after_months: int,
) -> list[Finding]:
    """Every finding for the merged catalog: one-sided links, shared names, old prices."""
    entries = effective_entries(files)
    return [
        *link_findings(entries, built_in),
        *shared_name_findings(entries),
        *stale_price_findings(entries, today, stale_after_months),
        *older_form_findings(entries),
        *homepage_source_findings(entries),
        *unsourced_compliance_findings(entries),
        *limit_in_note_findings(entries),
        *empty_region_findings(entries),
    ]


def effective_entries(files: Sequence[tuple[str, CatalogFile]]) -> dict[str, Entry]:
    """The definition of each platform that wins the merge (the last one)."""
    entries: dict[str, Entry] = {}
    for document, content in files:
        for index, platform in enumerate(content.platforms):
            entries[platform.id] = Entry(document, index, platform)
    return entries


def link_findings(entries: dict[str, Entry], built_in: Collection[str]) -> list[Finding]:
    """Links the other side does not record, or records with another kind.

    A user's file may link to a built-in platform without editing it: that link counts
    both ways and is not reported.
    """
    findings = []
    for entry in entries.values():
        for kind, position, other in _links_in_place(entry.platform):
            back = _kind_of_link(entries.get(other), entry.platform.id)
            if back == kind:
                continue
            silent_built_in = other in entries and entries[other].document in built_in
            if back is None and silent_built_in and entry.document not in built_in:
                continue
            path = ("platforms", entry.index, "integrates_with", kind, position)
            findings.append(
                Finding(entry.document, path, *_link_problem(entry.platform.id, other, kind, back))
            )
    return findings


def _links_in_place(platform: Platform) -> list[tuple[LinkKind, int, str]]:
    """Each link's kind, its position in that kind's list, and the platform it names."""
    return [
        (kind, position, other)
        for kind in LINK_KINDS
        for position, other in enumerate(getattr(platform.integrates_with, kind))
    ]


def _kind_of_link(entry: Entry | None, target: str) -> LinkKind | None:
    if entry is None:
        return None
    return dict(entry.platform.integrates_with.links()).get(target)


def _link_problem(this: str, other: str, kind: LinkKind, back: LinkKind | None) -> tuple[str, str]:
    if back is None:
        return (
            f"links to {other!r}, which does not link back",
            f"add {this!r} to integrates_with.{kind} of {other!r}",
        )
    return (
        f"links to {other!r} as {kind}, but {other!r} records the link as {back}",
        "record one kind on both sides",
    )


def shared_name_findings(entries: dict[str, Entry]) -> list[Finding]:
    """A name or alias that another platform also answers to (ignoring case), or that
    looks like one (letters of another script, full-width forms, invisible characters):
    a reader cannot tell the two platforms apart, and a copy can pass for the original."""
    owner = {platform_id.casefold(): platform_id for platform_id in entries}
    looks: dict[str, tuple[str, str]] = {}  # skeleton -> (the name, its platform)
    findings = []
    for entry in entries.values():
        platform = entry.platform
        for field, word in _names(platform):
            first = owner.setdefault(word.casefold(), platform.id)
            path = ("platforms", entry.index, *field)
            if first != platform.id:
                findings.append(
                    Finding(
                        entry.document,
                        path,
                        f"{word!r} already names platform {first!r}",
                        "give each platform names and aliases of its own",
                    )
                )
                continue
            other, other_id = looks.setdefault(skeleton(word), (word, platform.id))
            if other_id != platform.id and other.casefold() != word.casefold():
                findings.append(
                    Finding(
                        entry.document,
                        path,
                        f"{word!r} (platform {platform.id!r}) looks like {other!r} (platform "
                        f"{other_id!r}): {_look_alikes(word, other)}",
                        "give each platform names and aliases of its own, in plain letters",
                    )
                )
    return findings


def skeleton(name: str) -> str:
    """What a name looks like: compatibility forms folded (full-width letters), invisible
    characters dropped, letters of other scripts that look Latin read as Latin, then case
    folded (after the look-alikes, so that a capital I reads as the l it looks like)."""
    folded = unicodedata.normalize("NFKC", name)
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf" and c != "\u00ad")
    return visible.translate(_LOOK_ALIKE).casefold()


def _look_alikes(word: str, other: str) -> str:
    """Where two look-alike names differ, character by character when they line up."""
    mine, theirs = (unicodedata.normalize("NFKC", text) for text in (word, other))
    if len(mine) != len(theirs):
        return "it differs only in look-alike or invisible characters"
    return ", ".join(
        f"U+{ord(a):04X} in place of {b!r}" for a, b in zip(mine, theirs, strict=True) if a != b
    )


#: Letters of other scripts, and symbols, that look like Latin letters and digits (a
#: selection of Unicode's confusables, for the scripts a platform's name is likely to mix).
_LOOK_ALIKE = str.maketrans(
    {
        **dict(
            zip("АВЕЅІЈКМНОРСТУХаеіјорсуѕхԁһӏԛԝ", "ABESIJKMHOPCTYXaeijopcysxdhlqw", strict=True)
        ),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορυχ", "ABEZHIKMNOPTYXaikvopux", strict=True)),
        **dict(zip("ıȷℓ01I|", "ijlolll", strict=True)),
    }
)


def _names(platform: Platform) -> list[tuple[tuple[str | int, ...], str]]:
    names: list[tuple[tuple[str | int, ...], str]] = [(("name",), platform.name)]
    names.extend((("aliases", n), alias) for n, alias in enumerate(platform.aliases))
    return names


def stale_price_findings(
    entries: dict[str, Entry], today: date, stale_after_months: int
) -> list[Finding]:
    """A warning for each price older than the threshold."""
    findings = []
    for entry in entries.values():
        as_of = entry.platform.pricing.as_of
        age = months_between(as_of, today)
        if age > stale_after_months:
            findings.append(
                Finding(
                    entry.document,
                    ("platforms", entry.index, "pricing", "as_of"),
                    f"price from {as_of} is {age} months old",
                    f"re-check {entry.platform.pricing.source} and update as_of",
                    severity="warning",
                )
            )
    return findings


def older_form_findings(entries: dict[str, Entry]) -> list[Finding]:
    """One warning for each file with plans priced in the older form, at the first: their
    amounts are read as US dollars, and a fee per sale there is the platform's own, in
    every country."""
    older = ("monthly_usd", "per_user_usd", "transaction_fee_pct", "transaction_fee_usd")
    found: dict[str, list[tuple[Entry, int]]] = {}
    for entry in entries.values():
        for number, tier in enumerate(entry.platform.pricing.tiers):
            if any(getattr(tier, name) is not None for name in older):
                found.setdefault(entry.document, []).append((entry, number))
    findings = []
    for document, plans in found.items():
        first, number = plans[0]
        platforms = len({entry.platform.id for entry, _ in plans})
        findings.append(
            Finding(
                document,
                ("platforms", first.index, "pricing", "tiers", number),
                f"{plural(len(plans), 'plan')} of {plural(platforms, 'platform')} in this file "
                f"{'is' if len(plans) == 1 else 'are'} priced in the older form "
                f"({', '.join(older)}), the first here: read as US dollars, with any fee per "
                "sale as the platform's own",
                "write monthly and per_user in pricing.currency, card processing and "
                "commissions as fees by country, and a platform fee as fee "
                "(docs/catalog-guide.md)",
                severity="warning",
            )
        )
    return findings


def homepage_source_findings(entries: dict[str, Entry]) -> list[Finding]:
    """A warning for each price or fee read on a site's home page: a home page states no
    price a reader can check again, so the source is the pricing or fee page itself."""
    findings = []
    for entry in entries.values():
        for path, url in _price_sources(entry.platform):
            if is_home_page(url):
                findings.append(
                    Finding(
                        entry.document,
                        ("platforms", entry.index, *path),
                        f"{url} is a home page, not the page that states the price",
                        "give the address of the vendor's pricing or fee page",
                        severity="warning",
                    )
                )
    return findings


def is_home_page(url: str) -> bool:
    """Whether an address names a whole site (no path, no query) rather than one page."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query and not parts.fragment


def _price_sources(platform: Platform) -> list[tuple[tuple[str | int, ...], str]]:
    """Every address a price of the platform was read on, with its path in the entry."""
    pricing = platform.pricing
    sources: list[tuple[tuple[str | int, ...], str]] = [(("pricing", "source"), pricing.source)]
    sources += [(("pricing", "local", n, "source"), p.source) for n, p in enumerate(pricing.local)]
    sources += [
        (("pricing", "one_off", n, "source"), cost.source)
        for n, cost in enumerate(pricing.one_off)
        if cost.source is not None
    ]
    sources += [(("fees", n, "source"), fees.source) for n, fees in enumerate(platform.fees)]
    return sources


def unsourced_compliance_findings(entries: dict[str, Entry]) -> list[Finding]:
    """A warning for each platform that claims a compliance regime (for itself or a plan)
    without compliance_source, the vendor page that states it: a claim nobody can check
    decides a HIPAA or GDPR need all the same."""
    findings = []
    for entry in entries.values():
        platform = entry.platform
        if platform.compliance_source is not None:
            continue
        claims: list[tuple[tuple[str | int, ...], tuple[str, ...]]] = (
            [(("compliance",), platform.compliance)] if platform.compliance else []
        )
        claims += [
            (("pricing", "tiers", n, "compliance"), tier.compliance)
            for n, tier in enumerate(platform.pricing.tiers)
            if tier.compliance
        ]
        if claims:
            path, regimes = claims[0]
            findings.append(
                Finding(
                    entry.document,
                    ("platforms", entry.index, *path),
                    f"claims {', '.join(regimes)} with no page that states it",
                    "add compliance_source: the vendor's page for these claims, or drop them",
                    severity="warning",
                )
            )
    return findings


#: A limit written in words ("up to 3 users", "limited to 500 contacts"), with at most two
#: words between the number and the unit ("up to 25 billed users").
_LIMIT_IN_WORDS = re.compile(
    r"\b(?:up to|limited to|max(?:imum)?(?: of)?|at most)\s+"
    r"(?P<number>\d[\d,.]*\s*k?|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:[a-z-]+\s+){0,2}?"
    r"(?P<unit>users?|seats?|contacts?|orders?|bookings?|invoices?|employees?|agents?|"
    r"locations?|products?|apps?)\b",
    re.IGNORECASE,
)

#: The tier field that holds each unit's limit.
_LIMIT_FIELD = {
    "user": "max_users",
    "seat": "max_users",
    "contact": "contacts",
    "order": "orders",
    "booking": "bookings",
    "invoice": "invoices",
    "employee": "employees_paid",
    "agent": "agents",
    "location": "locations",
    "product": "products",
    "app": "apps",
}


def limit_in_note_findings(entries: dict[str, Entry]) -> list[Finding]:
    """A warning for each plan whose note states a limit ("up to 3 users") that no field
    records: the advisor reads the fields, so a limit kept in words never binds. A
    heuristic: a note may say it on purpose ("goes up to 5,000 contacts at higher prices")."""
    findings = []
    for entry in entries.values():
        for number, tier in enumerate(entry.platform.pricing.tiers):
            for field, words in _unrecorded_limits(tier):
                findings.append(
                    Finding(
                        entry.document,
                        ("platforms", entry.index, "pricing", "tiers", number, "notes"),
                        f"the note says {words!r}, but the plan records no {field}",
                        f"write the limit as {_field_path(field)} (or reword the note if "
                        "it is not a limit of this plan)",
                        severity="warning",
                    )
                )
    return findings


def _unrecorded_limits(tier: Tier) -> list[tuple[str, str]]:
    """The limits a plan's note states that its fields leave out, once per field. Units
    the plan prices per block (per_unit) are bands, not limits, and are left alone."""
    priced = {LIMIT_OF_UNIT[price.unit] for price in tier.per_unit}
    found: dict[str, str] = {}
    for match in _LIMIT_IN_WORDS.finditer(tier.notes):
        field = _LIMIT_FIELD[match["unit"].lower().rstrip("s")]
        recorded = tier.max_users if field == "max_users" else getattr(tier.limits, field)
        if recorded is None and field not in priced:
            found.setdefault(field, match[0])
    return list(found.items())


def _field_path(field: str) -> str:
    return field if field == "max_users" else f"limits.{field}"


def empty_region_findings(entries: dict[str, Entry]) -> list[Finding]:
    """A warning for each platform with no regions: the older form, read as sold
    worldwide without anyone having said so."""
    return [
        Finding(
            entry.document,
            ("platforms", entry.index, "regions"),
            "no regions: read as sold worldwide, which nobody has checked",
            "list the ISO 3166-1 alpha-2 codes of the countries where it is sold, or [worldwide]",
            severity="warning",
        )
        for entry in entries.values()
        if not entry.platform.regions
    ]
