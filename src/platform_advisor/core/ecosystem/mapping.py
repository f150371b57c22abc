"""The ecosystem map: the business at the centre, the nine kinds of actor around it, who
each is for this business, the platforms it deals with them through, and the value that
flows each way."""

from __future__ import annotations

from platform_advisor.core.ecosystem.facts import Facts
from platform_advisor.core.ecosystem.rules import (
    ACTORS,
    COMMUNITY,
    COMPETITORS,
    FLOWS,
    FUNCTION_ACTOR,
    SUPPLIERS,
)
from platform_advisor.core.wording import words
from platform_advisor.models.result import (
    ActorKind,
    EcosystemActor,
    EcosystemMap,
    EcosystemOption,
    PartnerSuggestion,
    ValueFlow,
)

#: Where a stated partnership sits: partner types with partners, networks with support.
_STATED_ACTOR: dict[str, ActorKind] = {
    "horizontal": "partners",
    "complementary": "partners",
    "franchise": "partners",
    "vertical": "suppliers",
    "marketplace": "customers",
}


def ecosystem_map(
    facts: Facts, partners: tuple[PartnerSuggestion, ...], join: tuple[EcosystemOption, ...]
) -> EcosystemMap:
    platforms = _placed_platforms(facts)
    stated = _placed_stated(facts)
    suggested = _placed_suggestions(partners, join)
    actors = tuple(
        EcosystemActor.model_construct(
            kind=kind,
            label=label,
            members=_members(kind, facts),
            platforms=tuple(platforms.get(kind, ())),
            stated=tuple(stated.get(kind, ())),
            suggested=tuple(suggested.get(kind, ())),
        )
        for kind, label in ACTORS.items()
    )
    flows = tuple(
        ValueFlow.model_construct(actor=kind, kinds=kinds, to_business=inward, from_business=out)
        for kind, (kinds, inward, out) in FLOWS.items()
    )
    return EcosystemMap.model_construct(
        business=facts.profile.business.name, actors=actors, flows=flows
    )


def actor_of(function_id: str) -> ActorKind:
    return FUNCTION_ACTOR.get(function_id, "technology")


def _placed_platforms(facts: Facts) -> dict[ActorKind, list[str]]:
    """The stack, and the platforms in use that it keeps, by the actor each serves."""
    placed: dict[ActorKind, list[str]] = {}
    for item in facts.stack:
        _add(placed, actor_of(item.function), item.name)
    for platform_id in facts.profile.existing_platforms:
        platform = facts.catalog.platforms.get(platform_id)
        if platform is None or platform_id in {i.platform for i in facts.stack}:
            continue
        _add(placed, actor_of(platform.functions[0]), f"{platform.name} (in use)")
    return placed


def _placed_stated(facts: Facts) -> dict[ActorKind, list[str]]:
    placed: dict[ActorKind, list[str]] = {}
    for partnership in facts.profile.partnerships:
        _add(placed, _STATED_ACTOR.get(partnership.type, "support"), partnership.name)
    return placed


def _placed_suggestions(
    partners: tuple[PartnerSuggestion, ...], join: tuple[EcosystemOption, ...]
) -> dict[ActorKind, list[str]]:
    placed: dict[ActorKind, list[str]] = {}
    for suggestion in partners:
        actor: ActorKind = "suppliers" if suggestion.type == "vertical" else "partners"
        _add(placed, actor, f"a {suggestion.type} partner")
    for option in join:
        _add(placed, actor_of(option.function), option.name)
    return placed


def _add(placed: dict[ActorKind, list[str]], kind: ActorKind, name: str) -> None:
    names = placed.setdefault(kind, [])
    if name not in names:
        names.append(name)


def _members(kind: ActorKind, facts: Facts) -> tuple[str, ...]:
    """Who the actor is for this business, in a few words."""
    profile = facts.profile
    trade = facts.trade
    if kind == "customers":
        return _customers(facts)
    if kind == "suppliers":
        return (SUPPLIERS[trade],)
    if kind == "technology":
        return tuple(dict.fromkeys(v.vendor for v in facts.dependency.vendors))
    if kind == "finance":
        lenders = ("lenders and investors",) if "capital" in profile.partner_wants else ()
        return ("its bank and payment processors", *lenders)
    if kind == "government":
        rules = tuple(r.upper() for r in profile.constraints.compliance)
        return (f"tax authority and regulators ({profile.business.country})", *rules)
    if kind == "support":
        return ("chambers, associations and public advisers",)
    if kind == "competitors":
        return (COMPETITORS[trade],)
    if kind == "community":
        return (COMMUNITY[trade],)
    return ("businesses whose offer or customers fit with yours",)


def _customers(facts: Facts) -> tuple[str, ...]:
    profile = facts.profile
    models = tuple(words(m) for m in profile.business.model)
    channels = [
        facts.catalog.channels[c].label
        for c in profile.audience.channels
        if c in facts.catalog.channels
    ]
    reached = (f"reached through {', '.join(channels[:4])}",) if channels else ()
    return (*models, *reached) or ("its customers",)
