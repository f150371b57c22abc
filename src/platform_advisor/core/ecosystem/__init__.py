"""The ecosystem around the business: its map, the partners to look for, the ecosystems
to join and the resilience of its dependence on them. Pure: results in, a result out."""

from __future__ import annotations

from collections.abc import Mapping

from platform_advisor.core.ecosystem.facts import Facts, trade_of
from platform_advisor.core.ecosystem.joining import ecosystems_to_join
from platform_advisor.core.ecosystem.mapping import ecosystem_map
from platform_advisor.core.ecosystem.partners import (
    agreement_checklist,
    partner_suggestions,
    partnership_kpis,
)
from platform_advisor.core.ecosystem.resilience import resilience_checks
from platform_advisor.core.ecosystem.rules import (
    AUTOMATION,
    MARKETPLACES,
    MODEL_MARKETPLACES,
    NETWORK_FUNCTION,
)
from platform_advisor.core.money.context import BusinessMoney
from platform_advisor.core.wording import joined, plural
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import (
    Dependency,
    Ecosystem,
    EcosystemOption,
    PartnerSuggestion,
    ResilienceCheck,
    ScoredPlatform,
    StackItem,
    StatedPartnership,
)

__all__ = ["build_ecosystem", "ecosystem_functions", "trade_of"]


def ecosystem_functions(profile: Profile, catalog: Catalog) -> tuple[str, ...]:
    """The functions whose rankings the section draws on: business networks, the
    marketplaces that fit, and the platforms that automate partnerships. Those the
    business does not need are ranked for it all the same, by the same scoring."""
    wanted = [NETWORK_FUNCTION, *MARKETPLACES[trade_of(profile)[0]]]
    for model in profile.business.model:
        wanted += MODEL_MARKETPLACES.get(model, ())
    for tasks in AUTOMATION.values():
        for _task, functions in tasks:
            wanted += functions
    return tuple(f for f in dict.fromkeys(wanted) if f in catalog.functions)


def build_ecosystem(
    profile: Profile,
    catalog: Catalog,
    stack: tuple[StackItem, ...],
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    dependency: Dependency,
    money: BusinessMoney,
) -> Ecosystem:
    facts = Facts(profile, catalog, stack, rankings, dependency, money)
    partners = partner_suggestions(facts)
    join = ecosystems_to_join(facts)
    resilience = resilience_checks(facts, join)
    return Ecosystem.model_construct(
        summary=summary(partners, join, resilience, money),
        business_model=profile.business.model,
        map=ecosystem_map(facts, partners, join),
        stated=tuple(
            StatedPartnership.model_construct(
                name=p.name, type=p.type, platform=p.platform, structure=p.structure
            )
            for p in profile.partnerships
        ),
        partners=partners,
        agreement_checklist=agreement_checklist(facts),
        kpis=partnership_kpis(facts),
        join=join,
        resilience=resilience,
    )


def summary(
    partners: tuple[PartnerSuggestion, ...],
    join: tuple[EcosystemOption, ...],
    resilience: tuple[ResilienceCheck, ...],
    money: BusinessMoney,
) -> str:
    """The section in one line, for a brief report."""
    parts = []
    if partners:
        types = joined([p.type for p in partners])
        parts.append(f"look for {types} partners ({partners[0].structure.lower()} first)")
    if join:
        best = join[0]
        parts.append(f"join {best.name} ({money.money(best.monthly_cost)} a month)")
    warnings = [c for c in resilience if c.status == "warning"]
    if warnings:
        check = warnings[0].check
        parts.append(
            f"{plural(len(warnings), 'dependency warning')}: {check[0].lower()}{check[1:]}"
        )
    else:
        parts.append("no dependency warning")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
