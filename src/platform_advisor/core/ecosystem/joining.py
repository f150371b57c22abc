"""Ecosystems to join: networks, associations and marketplaces, ranked by the platforms'
own scoring, never one the business already has."""

from __future__ import annotations

from platform_advisor.core.ecosystem.facts import Facts
from platform_advisor.core.ecosystem.rules import (
    COWORKING_MAX_EMPLOYEES,
    MARKETPLACES,
    MAX_NETWORKS,
    MODEL_MARKETPLACES,
    NETWORK_FUNCTION,
)
from platform_advisor.core.wording import words
from platform_advisor.models.catalog import Platform
from platform_advisor.models.result import EcosystemOption, ScoredPlatform

_KIND_WORDS = {
    "chamber": "chamber of commerce",
    "association": "small-business association",
    "industry_association": "industry association",
    "referral_group": "referral group",
    "support_service": "public support service",
    "coworking": "coworking network",
}
_WANT_WORDS = {
    "reach": "introductions to customers and partners (you want reach)",
    "skills": "advice and training (you want skills)",
    "supply": "contacts with suppliers and joint buying (you want supply)",
    "capital": "guidance on loans, grants and investors (you want capital)",
}
#: The kinds of network that serve each want.
_WANT_KINDS = {
    "reach": {"chamber", "referral_group", "association", "industry_association", "coworking"},
    "skills": {"support_service", "association", "industry_association", "coworking"},
    "supply": {"industry_association"},
    "capital": {"support_service", "chamber"},
}


def marketplace_functions(facts: Facts) -> tuple[str, ...]:
    """The marketplace and industry-platform functions that fit the trade and model."""
    found = list(MARKETPLACES[facts.trade])
    for model in facts.profile.business.model:
        found += MODEL_MARKETPLACES.get(model, ())
    return tuple(dict.fromkeys(f for f in found if f in facts.catalog.functions))


def ecosystems_to_join(facts: Facts) -> tuple[EcosystemOption, ...]:
    """Up to three networks of different kinds, then one marketplace or industry platform
    per fitting function that the stack does not fill already."""
    return (*_networks(facts), *_marketplaces(facts))


def _networks(facts: Facts) -> list[EcosystemOption]:
    chosen: list[EcosystemOption] = []
    kinds: set[str] = set()
    for scored in facts.rankings.get(NETWORK_FUNCTION, ()):
        platform = facts.catalog.platforms[scored.platform]
        kind = platform.network_kind or "network"
        if kind in kinds or not _network_fits(platform, facts):
            continue
        kinds.add(kind)
        chosen.append(_option(platform, scored, NETWORK_FUNCTION, _network_why(platform, facts)))
        if len(chosen) == MAX_NETWORKS:
            break
    return chosen


def _network_fits(platform: Platform, facts: Facts) -> bool:
    """Not one it has, not of a kind it has, of its trade, and a coworking desk only for
    the smallest."""
    if platform.id in facts.profile.existing_platforms or _stated(platform.id, facts):
        return False
    if platform.network_kind in facts.stated_types:
        return False
    if platform.trades and facts.trade not in platform.trades:
        return False
    employees = facts.profile.business.employees
    return platform.network_kind != "coworking" or employees <= COWORKING_MAX_EMPLOYEES


def _stated(platform_id: str, facts: Facts) -> bool:
    return any(p.platform == platform_id for p in facts.profile.partnerships)


def _network_why(platform: Platform, facts: Facts) -> tuple[str, ...]:
    profile = facts.profile
    kind = platform.network_kind
    reasons = []
    if kind is not None:
        reasons.append(f"you state no {_KIND_WORDS[kind]} among your networks")
    if platform.trades:
        reasons.append(f"it serves your trade ({words(facts.trade)})")
    local = platform.regions and "worldwide" not in platform.regions
    if local and profile.business.country in platform.regions:
        reasons.append(f"it serves businesses in your country ({profile.business.country})")
    reasons += [_WANT_WORDS[want] for want in profile.partner_wants if kind in _WANT_KINDS[want]]
    return tuple(reasons)


def _marketplaces(facts: Facts) -> list[EcosystemOption]:
    chosen = []
    for function_id in marketplace_functions(facts):
        if facts.in_stack(function_id) is not None or facts.in_use(function_id) is not None:
            continue
        for scored in facts.rankings.get(function_id, ()):
            if scored.platform in facts.held:
                continue
            platform = facts.catalog.platforms[scored.platform]
            why = (
                f"it is where buyers of your trade ({words(facts.trade)}) look, and your "
                "stack has no platform of this kind",
            )
            chosen.append(_option(platform, scored, function_id, why))
            break
    return chosen


def _option(
    platform: Platform, scored: ScoredPlatform, function_id: str, reasons: tuple[str, ...]
) -> EcosystemOption:
    kind = _KIND_WORDS.get(platform.network_kind or "", "") or words(function_id)
    evidence = platform.pricing.evidence
    return EcosystemOption.model_construct(
        platform=platform.id,
        name=platform.name,
        kind=kind,
        function=function_id,
        score=scored.score,
        monthly_cost=scored.monthly_cost,
        one_off=scored.one_off,
        cost_basis=scored.cost_basis,
        prices_as_of=scored.prices_as_of,
        price_source=scored.price_source,
        evidence=evidence,
        brings=platform.brings or platform.notes.split(". ")[0],
        why=(*reasons, *scored.highlights[:1]),
    )
