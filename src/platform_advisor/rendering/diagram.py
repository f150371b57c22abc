"""The integration map as a Mermaid diagram: the stack and the platforms in use, joined
by their links (solid for native, dotted for iPaaS and API)."""

from __future__ import annotations

import re

from platform_advisor.models.result import Ecosystem, EcosystemActor, Strategy

_UNSAFE = re.compile(r"[\"<>\[\]{}|`#;]")
EDGES = {"native": "---|native|", "ipaas": "-.-|iPaaS|", "api": "-.-|API|"}
LINK_WORDS = {"native": "native", "ipaas": "through an iPaaS", "api": "by API only"}


def node_names(strategy: Strategy) -> dict[str, str]:
    """Every platform of the map (stack first, then those in use) and its label."""
    names = {item.platform: item.name for item in strategy.stack}
    for link in strategy.integration.links:
        names.setdefault(link.first, link.first_name)
        names.setdefault(link.second, link.second_name)
    return names


def mermaid(strategy: Strategy) -> str:
    """A fenced Mermaid block; labels carry only characters Mermaid reads as text."""
    names = node_names(strategy)
    ids = {platform: f"p{n}" for n, platform in enumerate(names)}
    in_stack = {item.platform for item in strategy.stack}
    lines = ["```mermaid", "graph LR"]
    for platform, name in names.items():
        label = _UNSAFE.sub(" ", name) + ("" if platform in in_stack else " (in use)")
        lines.append(f'  {ids[platform]}["{label}"]')
    for link in strategy.integration.links:
        lines.append(f"  {ids[link.first]} {EDGES[link.kind]} {ids[link.second]}")
    lines.append("```")
    return "\n".join(lines)


#: The info string of the ecosystem map's block: Mermaid to any Markdown viewer (which
#: reads the first word), and told apart from the integration map by the HTML report.
ECOSYSTEM_FENCE = "mermaid ecosystem"


def actor_label(actor: EcosystemActor) -> str:
    """An actor's name and what sits with it, in one line."""
    parts = [*actor.platforms, *actor.stated, *actor.suggested] or list(actor.members[:3])
    return f"{actor.label}: {', '.join(parts)}"


def ecosystem_mermaid(ecosystem: Ecosystem) -> str:
    """The ecosystem map as a fenced Mermaid block: the business in the middle, joined to
    each actor by the kinds of value that flow between them."""
    kinds = {flow.actor: ", ".join(flow.kinds) for flow in ecosystem.map.flows}
    business = _UNSAFE.sub(" ", ecosystem.map.business)
    lines = [f"```{ECOSYSTEM_FENCE}", "graph LR", f'  b(("{business}"))']
    for n, actor in enumerate(ecosystem.map.actors):
        lines.append(f'  a{n}["{_UNSAFE.sub(" ", actor_label(actor))}"]')
        lines.append(f"  b <-->|{kinds.get(actor.kind, '')}| a{n}")
    lines.append("```")
    return "\n".join(lines)
