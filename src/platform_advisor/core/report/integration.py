"""The integration plan: every link among the stack and the platforms in use, what should
flow over it, and the platforms left on their own (data silos) with what would join them."""

from __future__ import annotations

from collections.abc import Sequence

from platform_advisor.models.catalog import Catalog
from platform_advisor.models.result import IntegrationPlan, Link, Silo, StackItem

#: How many iPaaS options a silo lists.
JOINERS_SHOWN = 3
IN_USE = "in use"


def integration_plan(
    items: Sequence[StackItem], catalog: Catalog, existing: Sequence[str]
) -> IntegrationPlan:
    roles = _roles(items, existing)
    nodes = list(roles)
    links = [
        _link(first, second, kind, roles, catalog)
        for i, first in enumerate(nodes)
        for second in nodes[i + 1 :]
        if (kind := catalog.link(first, second)) is not None
    ]
    linked = {platform for link in links for platform in (link.first, link.second)}
    silos = [
        _silo(platform, nodes, catalog)
        for platform in dict.fromkeys(item.platform for item in items)
        if platform not in linked and len(nodes) > 1
    ]
    return IntegrationPlan.model_construct(links=tuple(links), silos=tuple(silos))


def _roles(items: Sequence[StackItem], existing: Sequence[str]) -> dict[str, list[str]]:
    """Each platform of the plan with the functions it fills (or 'in use')."""
    roles: dict[str, list[str]] = {}
    for item in items:
        roles.setdefault(item.platform, []).append(item.function)
    for platform in existing:
        roles.setdefault(platform, [IN_USE])
    return roles


def _link(
    first: str, second: str, kind: str, roles: dict[str, list[str]], catalog: Catalog
) -> Link:
    flow = next(
        (
            found
            for a in roles[first]
            for b in roles[second]
            if (found := catalog.flow(a, b)) is not None
        ),
        None,
    )
    names = catalog.platforms[first].name, catalog.platforms[second].name
    return Link.model_construct(
        first=first,
        second=second,
        first_name=names[0],
        second_name=names[1],
        kind=kind,
        functions=tuple(dict.fromkeys([*roles[first], *roles[second]])),
        data=flow.data
        if flow
        else f"Shared customers and records between {names[0]} and "
        f"{names[1]}, as the connector offers",
        automation=flow.automation if flow else "",
    )


def _silo(platform: str, nodes: Sequence[str], catalog: Catalog) -> Silo:
    """A platform with no link to the others, and the iPaaS that reach it and them."""
    others = [node for node in nodes if node != platform]
    joiners = [
        (sum(catalog.link(candidate.id, other) is not None for other in others), candidate.name)
        for candidate in catalog.candidates("ipaas")
        if candidate.id != platform and catalog.link(candidate.id, platform) is not None
    ]
    ranked = sorted((joiner for joiner in joiners if joiner[0] > 0), key=lambda j: (-j[0], j[1]))
    return Silo.model_construct(
        platform=platform,
        name=catalog.platforms[platform].name,
        joined_by=tuple(name for _, name in ranked[:JOINERS_SHOWN]),
    )
