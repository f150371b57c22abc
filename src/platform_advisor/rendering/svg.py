"""Inline SVG figures for the HTML report: the integration and ecosystem maps, the scores
and the costs.

Pure functions from the result to SVG text. Every piece of text is escaped, coordinates
are written with one decimal, and nothing is random, so the same result always gives the
same bytes. Text widths are estimated (no fonts are measured), so labels are cut short
with an ellipsis well before they could overlap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from platform_advisor.core.wording import US_DOLLARS, MoneyStyle, money
from platform_advisor.models.result import (
    CostLine,
    CostSummary,
    Ecosystem,
    EcosystemActor,
    Link,
    Strategy,
)
from platform_advisor.rendering.diagram import LINK_WORDS, node_names

INK = "#1f2933"
MUTED = "#5f6b7a"
GRID = "#d9dee5"
TRACK = "#eef1f5"
ACCENT = "#1f3a5f"
#: One colour per part of a platform's monthly cost, in the order the cost table gives them.
COST_PARTS = (
    ("subscription", "Subscription", "#1f3a5f"),
    ("hosting", "Hosting", "#4f86c6"),
    ("skill_gap", "Skill help", "#e0a33a"),
    ("fees", "Fees on sales", "#c4573f"),
)
#: How each kind of link is drawn: colour, width and dash pattern (solid, dashed, dotted).
LINK_STYLES = {
    "native": (ACCENT, 2.2, ""),
    "ipaas": ("#4f86c6", 2.0, "7 5"),
    "api": (MUTED, 2.4, "0.1 5"),
}
FONT_SIZE = 12
#: How much wider bold (600) text runs than the estimate, which is for regular text.
BOLD = 1.1
_NARROW = set("fijlrtI1.,:;'!|()[] ")
_WIDE = set("mwMW@%")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of the width of text in a sans-serif font, in pixels."""
    units = sum(0.32 if c in _NARROW else 0.86 if c in _WIDE else 0.58 for c in text)
    wide_capitals = sum(0.1 for c in text if c.isupper() and c not in _NARROW)
    return (units + wide_capitals) * size


def shorten(text: str, max_width: float, size: float = FONT_SIZE) -> str:
    """The text, cut with an ellipsis so that its estimated width fits max_width."""
    if text_width(text, size) <= max_width:
        return text
    while text and text_width(text + "…", size) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def num(value: float) -> str:
    """A coordinate with one decimal, never '-0.0'."""
    return f"{round(value, 1) + 0.0:.1f}"


def element(name: str, content: str = "", **attributes: str | float) -> str:
    """An SVG element; attribute names use '_' for '-', values are quoted and escaped."""
    attrs = "".join(
        f" {key.rstrip('_').replace('_', '-')}="
        + quoteattr(num(value) if isinstance(value, float | int) else value)
        for key, value in attributes.items()
    )
    return f"<{name}{attrs}>{content}</{name}>" if content else f"<{name}{attrs}/>"


def text(x: float, y: float, content: str, **attributes: str | float) -> str:
    return element("text", escape(content), x=x, y=y, **attributes)


def tooltip(content: str) -> str:
    return element("title", escape(content))


def svg(width: float, height: float, label: str, body: Sequence[str]) -> str:
    """A whole figure, scaled to its container by the page's CSS."""
    return (
        element(
            "svg",
            tooltip(label) + "\n" + "\n".join(body) + "\n",
            viewBox=f"0 0 {num(width)} {num(height)}",
            width=width,
            height=height,
            role="img",
            aria_label=label,
            font_size=FONT_SIZE,
            fill=INK,
        )
        + "\n"
    )


# Scores ----------------------------------------------------------------------------------

SCORE_WIDTH = 680.0
SCORE_ROW = 40.0


def score_chart(strategy: Strategy) -> str:
    """One bar per recommended platform: its score out of 100 for the function it fills."""
    labels = {need.function: need.label for need in strategy.needs}
    items = strategy.stack
    widths = [
        max(text_width(item.name) * 1.08, text_width(labels.get(item.function, ""), 11))
        for item in items
    ]
    label_width = min(230.0, 16 + max(widths, default=0))
    left, right, top = label_width, SCORE_WIDTH - 48, 12.0
    scale = (right - left) / 100
    height = top + SCORE_ROW * len(items) + 28
    body = _score_grid(left, scale, top, height - 28)
    for row, item in enumerate(items):
        y = top + row * SCORE_ROW
        function = labels.get(item.function, item.function)
        body += [
            text(0, y + 16, shorten(item.name, label_width - 12), font_weight="600"),
            text(0, y + 31, shorten(function, label_width - 12, 11), font_size=11, fill=MUTED),
            element("rect", x=left, y=y + 9, width=100 * scale, height=20, rx=3, fill=TRACK),
            element(
                "rect",
                tooltip(f"{item.name} for {function}: {item.score:.1f} out of 100"),
                x=left,
                y=y + 9,
                width=max(item.score * scale, 1.0),
                height=20,
                rx=3,
                fill=ACCENT,
            ),
            text(left + item.score * scale + 6, y + 23.5, f"{item.score:.1f}", font_weight="600"),
        ]
    return svg(SCORE_WIDTH, height, "Score of each recommended platform, out of 100", body)


def _score_grid(left: float, scale: float, top: float, bottom: float) -> list[str]:
    parts = []
    for tick in range(0, 101, 25):
        x = left + tick * scale
        parts.append(element("line", x1=x, y1=top, x2=x, y2=bottom, stroke=GRID))
        parts.append(text(x, bottom + 16, str(tick), text_anchor="middle", fill=MUTED))
    return parts


# Costs -----------------------------------------------------------------------------------

COST_WIDTH = 680.0
COST_ROW = 32.0


def cost_chart(cost: CostSummary, style: MoneyStyle = US_DOLLARS) -> str:
    """One stacked bar per platform: what it costs each month, part by part, with totals."""
    lines = cost.lines
    label_width = min(200.0, 16 + max((BOLD * text_width(line.name) for line in lines), default=0))
    left, right, top = label_width, COST_WIDTH - 70, 40.0
    step = nice_step(max((_line_total(line) for line in lines), default=0))
    axis_max = step * 4
    scale = (right - left) / axis_max
    bottom = top + COST_ROW * len(lines)
    body = _cost_legend() + _cost_grid(left, scale, step, top, bottom, style)
    for row, line in enumerate(lines):
        body += _cost_row(line, top + row * COST_ROW, left, scale, label_width, style)
    fixed, fees = money(cost.monthly_fixed, style), money(cost.monthly_fees, style)
    body.append(
        text(
            COST_WIDTH,
            bottom + 44,
            f"Total each month: {money(cost.monthly_total, style)} ({fixed} fixed, {fees} fees)",
            text_anchor="end",
            font_weight="600",
        )
    )
    return svg(COST_WIDTH, bottom + 52, "Monthly cost of each platform, by part", body)


def nice_step(largest: float) -> float:
    """A round tick step such that four steps reach at least the largest value."""
    if largest <= 0:
        return 1.0
    raw = largest / 4
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * power >= raw)


def _line_total(line: CostLine) -> float:
    return sum(float(getattr(line, field)) for field, _, _ in COST_PARTS)


def _cost_legend() -> list[str]:
    parts, x = [], 0.0
    for _, label, colour in COST_PARTS:
        parts.append(element("rect", x=x, y=6, width=12, height=12, rx=2, fill=colour))
        parts.append(text(x + 17, 16.5, label))
        x += 34 + text_width(label)
    return parts


def _cost_grid(
    left: float, scale: float, step: float, top: float, bottom: float, style: MoneyStyle
) -> list[str]:
    parts = []
    for n in range(5):
        x = left + n * step * scale
        parts.append(element("line", x1=x, y1=top - 4, x2=x, y2=bottom, stroke=GRID))
        parts.append(text(x, bottom + 16, money(n * step, style), text_anchor="middle", fill=MUTED))
    return parts


def _cost_row(
    line: CostLine, y: float, left: float, scale: float, label_width: float, style: MoneyStyle
) -> list[str]:
    name = shorten(line.name, (label_width - 12) / BOLD)
    parts = [text(0, y + 20, name, font_weight="600")]
    x = left
    for field, label, colour in COST_PARTS:
        amount = float(getattr(line, field))
        if amount <= 0:
            continue
        width = max(amount * scale, 1.0)
        hint = tooltip(f"{line.name}, {label.lower()}: {money(amount, style)} a month")
        parts.append(element("rect", hint, x=x, y=y + 6, width=width, height=20, fill=colour))
        x += width
    total = money(_line_total(line), style)
    parts.append(text(x + 6, y + 20.5, total, font_weight="600"))
    return parts


# Integration map ---------------------------------------------------------------------------

MAP_WIDTH = 720.0
NODE_HEIGHT = 30.0
NODE_MAX_WIDTH = 150.0
NODE_PADDING = 20.0
LEGEND_HEIGHT = 40.0


@dataclass(frozen=True)
class Node:
    """A platform on the map: its centre, its box width and the label drawn in it."""

    platform: str
    name: str
    label: str
    x: float
    y: float
    width: float
    in_stack: bool


def integration_map(strategy: Strategy) -> str:
    """The stack and the platforms in use on an ellipse, joined by their links."""
    names = node_names(strategy)
    in_stack = {item.platform for item in strategy.stack}
    nodes, height = layout(names, in_stack)
    by_id = {node.platform: node for node in nodes}
    body = [_edge(link, by_id) for link in strategy.integration.links if _drawable(link, by_id)]
    body += [_node(node) for node in nodes]
    body += _map_legend(height - LEGEND_HEIGHT + 16)
    return svg(MAP_WIDTH, height, "Integration map of the recommended platforms", body)


def layout(names: dict[str, str], in_stack: set[str]) -> tuple[list[Node], float]:
    """Nodes evenly spaced on an ellipse, clockwise from the top; and the map's height.

    The ellipse is wider than tall because the boxes are; boxes get narrower as nodes
    get closer, so neighbours never overlap.
    """
    count = len(names)
    rx = min(MAP_WIDTH / 2 - NODE_MAX_WIDTH / 2 - 8, 70.0 + 55 * count)
    ry = 0.0 if count <= 2 else max(100.0, 50 + 18 * count)
    gap = 2 * rx * math.sin(math.pi / count) - 12 if count > 1 else NODE_MAX_WIDTH
    max_width = max(60.0, min(NODE_MAX_WIDTH, gap))
    cx, cy = MAP_WIDTH / 2, 16 + NODE_HEIGHT / 2 + ry
    # An even count starts half a step round, so the top and bottom hold pairs side by side.
    start = -math.pi / 2 + (math.pi / count if count % 2 == 0 else 0)
    nodes = []
    for n, (platform, name) in enumerate(names.items()):
        angle = start + 2 * math.pi * n / count
        mine = platform in in_stack
        label = shorten(name, max_width - NODE_PADDING)
        width = min(max_width, text_width(label) + NODE_PADDING)
        x = cx + (rx * math.cos(angle) if count > 1 else 0)
        y = cy + ry * math.sin(angle)
        nodes.append(Node(platform, name, label, x, y, width, mine))
    return nodes, cy + ry + NODE_HEIGHT / 2 + 16 + LEGEND_HEIGHT


def _drawable(link: Link, nodes: dict[str, Node]) -> bool:
    return link.first in nodes and link.second in nodes and link.first != link.second


def _edge(link: Link, nodes: dict[str, Node]) -> str:
    first, second = nodes[link.first], nodes[link.second]
    colour, width, dashes = LINK_STYLES.get(link.kind, LINK_STYLES["api"])
    words = LINK_WORDS.get(link.kind, link.kind)
    return element(
        "line",
        tooltip(f"{link.first_name} and {link.second_name}: {words}"),
        x1=first.x,
        y1=first.y,
        x2=second.x,
        y2=second.y,
        stroke=colour,
        stroke_width=width,
        stroke_linecap="round",
        **({"stroke_dasharray": dashes} if dashes else {}),
    )


def _node(node: Node) -> str:
    box = _box(node.x - node.width / 2, node.y - NODE_HEIGHT / 2, node.width, node.in_stack)
    label = text(
        node.x,
        node.y + 4.5,
        node.label,
        text_anchor="middle",
        fill="#ffffff" if node.in_stack else INK,
        font_weight="600" if node.in_stack else "400",
    )
    hint = tooltip(node.name if node.in_stack else f"{node.name} (already in use)")
    return element("g", hint + box + label)


def _box(x: float, y: float, width: float, in_stack: bool, height: float = NODE_HEIGHT) -> str:
    if in_stack:
        return element("rect", x=x, y=y, width=width, height=height, rx=6, fill=ACCENT)
    return element(
        "rect",
        x=x,
        y=y,
        width=width,
        height=height,
        rx=6,
        fill="#ffffff",
        stroke=MUTED,
        stroke_width=1.5,
        stroke_dasharray="4 3",
    )


def _map_legend(y: float) -> list[str]:
    parts = [
        element("line", x1=0, y1=y - 14, x2=MAP_WIDTH, y2=y - 14, stroke=GRID),
        text(0, y + 10, "Links:", fill=MUTED),
    ]
    x = 48.0
    for kind in ("native", "ipaas", "api"):
        colour, width, dashes = LINK_STYLES[kind]
        dash = {"stroke_dasharray": dashes} if dashes else {}
        parts.append(
            element(
                "line",
                x1=x,
                y1=y + 6,
                x2=x + 36,
                y2=y + 6,
                stroke=colour,
                stroke_width=width,
                stroke_linecap="round",
                **dash,
            )
        )
        parts.append(text(x + 44, y + 10, LINK_WORDS[kind]))
        x += 60 + text_width(LINK_WORDS[kind])
    x += 16
    for in_stack, label in ((True, "recommended"), (False, "already in use")):
        parts.append(_box(x, y - 3, 26, in_stack, height=18))
        parts.append(text(x + 33, y + 10, label))
        x += 50 + text_width(label)
    return parts


# Ecosystem map -----------------------------------------------------------------------------

ECO_WIDTH = 760.0
ECO_BOX = 166.0
ECO_LINE = 14.0
#: The width text may take in a box: estimated widths run short of some fonts' real ones.
ECO_TEXT = ECO_BOX - 26
ECO_RX = 292.0
ECO_RY = 230.0
#: What sits with an actor, by where it comes from: the colour of its line in the box.
ECO_PARTS = (
    ("platforms", "platforms of the stack or in use", INK),
    ("stated", "partnerships and networks it has", "#2f7d4a"),
    ("suggested", "suggested below", "#b4532a"),
)


def ecosystem_map(ecosystem: Ecosystem) -> str:
    """The business in the middle and its nine kinds of actor on an ellipse around it, each
    box naming what sits with the actor and the kinds of value that flow between them."""
    eco = ecosystem.map
    kinds = {flow.actor: ", ".join(flow.kinds) for flow in eco.flows}
    cx, cy = ECO_WIDTH / 2, 24 + ECO_RY + 50
    count = len(eco.actors)
    body: list[str] = []
    boxes: list[str] = []
    for n, actor in enumerate(eco.actors):
        angle = -math.pi / 2 + 2 * math.pi * n / max(count, 1)
        x, y = cx + ECO_RX * math.cos(angle), cy + ECO_RY * math.sin(angle)
        body.append(element("line", x1=cx, y1=cy, x2=x, y2=y, stroke=GRID, stroke_width=2.0))
        boxes.append(_actor_box(actor, x, y, kinds.get(actor.kind, "")))
    body += boxes
    body.append(_business_node(eco.business, cx, cy))
    height = cy + ECO_RY + 60
    body += _eco_legend(height - 16)
    return svg(ECO_WIDTH, height + 4, f"Ecosystem map of {eco.business}", body)


def actor_lines(actor: EcosystemActor) -> list[tuple[str, str]]:
    """The lines drawn in an actor's box after its label, each with its colour: what sits
    with it by where it comes from, or who the actor is when nothing does."""
    lines: list[tuple[str, str]] = []
    for field, _label, colour in ECO_PARTS:
        names: tuple[str, ...] = getattr(actor, field)
        lines += [(line, colour) for line in wrap_names(names, ECO_TEXT, 2)]
    if not lines:
        lines = [(line, MUTED) for line in wrap_names(actor.members[:1], ECO_TEXT, 2)]
    return lines[:4]


def wrap_names(names: Sequence[str], width: float, most: int, size: float = 11) -> list[str]:
    """Names joined by commas into at most `most` lines that fit the width; what does not
    fit is cut with an ellipsis."""
    lines: list[str] = []
    current = ""
    for name in names:
        candidate = f"{current}, {name}" if current else name
        if text_width(candidate, size) <= width or not current:
            current = candidate
            continue
        lines.append(current + ",")
        current = name
    if current:
        lines.append(current)
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1].rstrip(",") + " …"]
    return [shorten(line, width, size) for line in lines]


def _actor_box(actor: EcosystemActor, x: float, y: float, flows: str) -> str:
    """A box: the actor's name, what sits with it, and the kinds of value exchanged."""
    lines = actor_lines(actor)
    height = 22 + ECO_LINE * (len(lines) + 1)
    top = y - height / 2
    left = x - ECO_BOX / 2 + 7
    parts = [
        element(
            "rect",
            x=x - ECO_BOX / 2,
            y=top,
            width=ECO_BOX,
            height=height,
            rx=6,
            fill="#ffffff",
            stroke=ACCENT,
            stroke_width=1.2,
        ),
        text(left, top + 15, shorten(actor.label, ECO_BOX - 24), font_weight="600", fill=ACCENT),
    ]
    for n, (line, colour) in enumerate(lines):
        parts.append(text(left, top + 15 + ECO_LINE * (n + 1), line, font_size=11, fill=colour))
    parts.append(
        text(
            left,
            top + 15 + ECO_LINE * (len(lines) + 1),
            shorten(flows, ECO_TEXT, 10),
            font_size=10,
            fill=MUTED,
            font_style="italic",
        )
    )
    hint = "; ".join(
        [
            *actor.members,
            *actor.platforms,
            *(f"has {s}" for s in actor.stated),
            *(f"suggested: {s}" for s in actor.suggested),
            f"value exchanged: {flows}",
        ]
    )
    return element("g", tooltip(f"{actor.label}: {hint}") + "".join(parts))


def _business_node(name: str, x: float, y: float) -> str:
    label = shorten(name, 170)
    width = text_width(label) * 1.15 + 28
    return element(
        "g",
        element("rect", x=x - width / 2, y=y - 18, width=width, height=36, rx=18, fill=ACCENT)
        + text(x, y + 4.5, label, text_anchor="middle", fill="#ffffff", font_weight="600"),
    )


def _eco_legend(y: float) -> list[str]:
    parts = [element("line", x1=0, y1=y - 14, x2=ECO_WIDTH, y2=y - 14, stroke=GRID)]
    x = 0.0
    for _field, label, colour in ECO_PARTS:
        parts.append(element("rect", x=x, y=y - 1, width=12, height=12, rx=2, fill=colour))
        parts.append(text(x + 17, y + 9.5, label))
        x += 40 + text_width(label)
    return parts
