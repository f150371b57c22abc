"""A concise terminal view: the recommendation first, then each function's ranking."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from platform_advisor.models.result import Need, ScoredPlatform, Strategy

BAR_WIDTH = 10
BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(score: float) -> str:
    """A bar of BAR_WIDTH cells for a 0-100 score, in eighths of a cell."""
    eighths = round(score / 100 * BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return ("█" * full + (BLOCKS[rest] if rest else "")).ljust(BAR_WIDTH)


def money(amount: float) -> str:
    return f"${amount:,.0f}" if amount >= 1 or amount == 0 else f"${amount:,.2f}"


def header(strategy: Strategy) -> Text:
    b = strategy.business
    text = Text()
    text.append(f"Platform advice for {b.name}\n", style="bold")
    users = f"{b.users} user{'s' if b.users != 1 else ''}"
    facts = [
        b.sector.replace("_", " "),
        f"{b.employees} employee{'s' if b.employees != 1 else ''}, {users}",
        ", ".join(b.markets),
        f"{money(b.monthly_budget_usd)}/month budget",
        f"{b.technical_capability} technical skills",
        f"{b.risk_tolerance} risk tolerance",
    ]
    text.append(" · ".join(facts) + "\n", style="dim")
    text.append(f"Criteria: {strategy.criteria_name} (weighted sum)", style="dim")
    return text


def recommended(strategy: Strategy) -> Table:
    table = Table(title="Recommended", title_justify="left", title_style="bold", box=None)
    table.add_column("Function")
    table.add_column("Platform", style="bold")
    table.add_column("Score", justify="right")
    table.add_column("$/month", justify="right")
    labels = {need.function: need.label for need in strategy.needs}
    for item in strategy.stack:
        best = strategy.rankings[item.function][0]
        table.add_row(
            labels[item.function], item.name, f"{item.score:.1f}", money(best.monthly_cost_usd)
        )
    return table


def ranking(need: Need, candidates: tuple[ScoredPlatform, ...], top: int) -> RenderableType:
    """One function's candidates: a line each, with the reasons indented below it."""
    counts = f"{need.candidates} scored" + (f", {need.excluded} excluded" if need.excluded else "")
    title = Text.assemble((need.label, "bold"), f": {need.reason} ({counts})")
    parts: list[RenderableType] = [title]
    for candidate in candidates[:top]:
        line = Table.grid(padding=(0, 2))
        line.add_column(justify="right", width=3)
        line.add_column(min_width=22)
        line.add_column(no_wrap=True)
        line.add_column(min_width=11)
        line.add_column(justify="right")
        line.add_row(
            str(candidate.rank),
            Text(candidate.name, style="bold" if candidate.rank == 1 else ""),
            f"{candidate.score:5.1f} {bar(candidate.score)}",
            candidate.ownership.replace("_", " "),
            f"{money(candidate.monthly_cost_usd)}/month",
        )
        parts.append(line)
        reasons = [Text(f"+ {why}", style="green") for why in candidate.highlights]
        reasons += [Text(f"- {why}", style="red") for why in candidate.drawbacks]
        parts.extend(Padding(reason, (0, 0, 0, 5), expand=False) for reason in reasons)
    return Group(*parts)


def footer(strategy: Strategy) -> Text:
    data = strategy.data
    text = Text(style="dim")
    if strategy.excluded:
        count = len(strategy.excluded)
        text.append(
            f"{count} platform{'s' if count != 1 else ''} excluded by the profile's constraints "
            "(see --format markdown for the reasons).\n"
        )
    text.append(f"Prices as of {data.oldest_price} to {data.newest_price}")
    if data.stale_prices:
        text.append(f"; {len(data.stale_prices)} older than 12 months, re-check before buying")
    text.append(". Weights and ratings are our judgement: see docs/scoring.md.")
    return text


def terminal_view(strategy: Strategy, *, top: int = 5) -> RenderableType:
    parts: list[RenderableType] = [header(strategy), Text(), recommended(strategy), Text()]
    for need in strategy.needs:
        parts.extend([ranking(need, strategy.rankings[need.function], top), Text()])
    parts.append(footer(strategy))
    return Group(*parts)


def render_terminal_text(strategy: Strategy, *, top: int = 5, width: int = 100) -> str:
    """The terminal view as plain text, for files and pipes."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    console.print(terminal_view(strategy, top=top))
    return buffer.getvalue()
