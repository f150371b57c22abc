"""A concise terminal view: the recommendation first, then each function's ranking."""

from __future__ import annotations

import io
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from platform_advisor.core.wording import MoneyStyle, money, neutral, plural, words
from platform_advisor.models.result import Brief, Cover, Need, ScoredPlatform, Strategy

BAR_WIDTH = 10
REASON_INDENT = 5
BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(score: float) -> str:
    """A bar of BAR_WIDTH cells for a 0-100 score, in eighths of a cell."""
    eighths = round(score / 100 * BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return ("█" * full + (BLOCKS[rest] if rest else "")).ljust(BAR_WIDTH)


def cost_cell(candidate: ScoredPlatform, style: MoneyStyle) -> str:
    """Fixed monthly cost, and fees on sales when there are any."""
    fixed = f"{money(candidate.fixed_cost, style)}/month"
    if not candidate.fees:
        return fixed
    estimated = " est." if candidate.fees_estimated else ""
    return f"{fixed} + {money(candidate.fees, style)}{estimated} fees"


def header(strategy: Strategy) -> Text:
    b = strategy.business
    style = MoneyStyle.of(strategy.money_format.model_dump())
    text = Text()
    text.append(f"Platform advice for {b.name}\n", style="bold")
    facts = [
        words(b.sector),
        f"{plural(b.employees, 'employee')}, {plural(b.users, 'user')}",
        b.location or ", ".join(b.markets),
        f"{money(b.monthly_budget, style)}/month budget",
        f"{b.technical_capability} technical skills",
        f"{b.risk_tolerance} risk tolerance",
    ]
    text.append(" · ".join(facts) + "\n", style="dim")
    text.append(f"Criteria: {strategy.criteria_name} ({words(strategy.method)})", style="dim")
    if strategy.cover is not None:
        text.append("\n" + cover_line(strategy.cover), style="dim")
    return text


def cover_line(cover: Cover) -> str:
    """'Prepared for X by Jo, Firm · 2026-12-01 · prices as of 2025-03 (median)'."""
    preparer = ", ".join(part for part in (cover.prepared_by, cover.firm) if part)
    line = f"Prepared for {cover.prepared_for}" + (f" by {preparer}" if preparer else "")
    line += f" · {cover.date}"
    return line + (f" · prices as of {cover.prices_as_of} (median)" if cover.prices_as_of else "")


def brief_view(brief: Brief) -> RenderableType:
    """The owner-manager's brief: the stack and why, the cost, how sure, first steps, risks."""
    style = MoneyStyle.of(brief.money_format.model_dump())
    b = brief.business
    head = Text(f"Platform brief for {b.name}\n", style="bold")
    head.append(
        f"{words(b.sector)} · {plural(b.employees, 'employee')} · {b.location}", style="dim"
    )
    if brief.cover is not None:
        head.append("\n" + cover_line(brief.cover), style="dim")
    stack = Table(title="What to use, and why", title_justify="left", title_style="bold")
    for column, justify in (("Platform", "left"), ("For", "left"), ("A month", "right")):
        stack.add_column(column, justify=justify)  # type: ignore[arg-type]
    stack.add_column("Why", ratio=1)
    for line in brief.stack:
        stack.add_row(
            Text(line.name, style="bold"), line.functions, money(line.monthly, style), line.why
        )
    cost = Text("Cost: ", style="bold")
    cost.append(
        f"{money(brief.monthly_total, style)} a month ({money(brief.monthly_fixed, style)} "
        f"running, {money(brief.monthly_fees, style)} fees on sales; budget "
        f"{money(brief.budget, style)}); {money(brief.one_off, style)} once to start; "
        f"first year {money(brief.year_one, style)}."
    )
    return Group(
        head, Text(), stack, cost, _listed("How sure", brief.how_sure),
        _listed("First steps", brief.first_steps),
        *([_listed("Partners and networks", [brief.ecosystem])] if brief.ecosystem else []),
        _listed("Top risks", [f"{r.risk} {r.mitigation}".strip() for r in brief.risks]),
    )  # fmt: skip


def _listed(title: str, lines: Sequence[str]) -> Text:
    text = Text(f"\n{title}\n", style="bold")
    for line in lines:
        text.append(f"  - {line}\n", style="")
    return text


def recommended(strategy: Strategy) -> Table:
    """The stack: one row per function, each platform's cost on its first row."""
    table = Table(title="Recommended stack", title_justify="left", title_style="bold", box=None)
    table.add_column("Function")
    table.add_column("Platform")
    table.add_column("Score", justify="right")
    table.add_column(f"{strategy.currency}/month", justify="right")
    style = MoneyStyle.of(strategy.money_format.model_dump())
    labels = {need.function: need.label for need in strategy.needs}
    costs = {line.platform: line for line in strategy.cost.lines}
    shown: set[str] = set()
    for item in strategy.stack:
        line = costs[item.platform]
        monthly = line.subscription + line.hosting + line.skill_gap + line.fees
        table.add_row(
            Text(labels[item.function]),
            Text(item.name, style="bold"),
            f"{item.score:.1f}",
            "(above)" if item.platform in shown else money(monthly, style),
        )
        shown.add(item.platform)
        for extra in item.also:
            table.add_row(
                Text(""), Text(f"also {extra.name}"), f"{extra.score:.1f}", money(0, style)
            )
    return table


def summary(strategy: Strategy) -> Text:
    """Cost, the objective's terms, the runner-up, links and lock-in, a line each."""
    cost, search, plan = strategy.cost, strategy.search, strategy.integration
    style = MoneyStyle.of(strategy.money_format.model_dump())
    text = Text()
    fees = f" + {money(cost.monthly_fees, style)} fees on sales" if cost.monthly_fees else ""
    text.append("Cost: ", style="bold")
    text.append(
        f"{money(cost.monthly_fixed, style)}/month fixed (budget "
        f"{money(strategy.business.monthly_budget, style)}){fees}; first year "
        f"{money(cost.year_one, style)}, three years {money(cost.three_years, style)}\n"
    )
    for unpriced in cost.unpriced:
        text.append("Not priced: ", style="bold")
        text.append(f"{unpriced}\n")
    text.append("Why: ", style="bold")
    reach = (
        "of every combination the catalog allows, this one fits the business best"
        if search.proven_optimal
        else "of the combinations the search could examine in its time, this one fits the "
        f"business best, and none fits more than {search.gap:.1f} points better"
    )
    text.append(
        f"{reach}, counting each platform's fit, how they link to each other and to what is "
        f"in use, and how much rests on one vendor. {search.budget.note}\n"
    )
    if search.runner_up:
        text.append("Runner-up: ", style="bold")
        text.append(
            f"{search.runner_up.gap:.1f} points behind: {search.runner_up.differences[0]}\n"
        )
    labels = {need.function: need.label.lower() for need in strategy.needs}
    for item in strategy.stack:
        if item.replaces:
            why = f": {item.business_case}" if item.business_case else ""
            text.append("Replaces: ", style="bold")
            text.append(
                f"{item.name} replaces {', '.join(item.replaces)} for "
                f"{labels[item.function]}{why}\n"
            )
    if strategy.business.other_tools:
        text.append("Kept as they are: ", style="bold")
        text.append("; ".join(strategy.business.other_tools) + " (not in the catalog)\n")
    silos = ", ".join(silo.name for silo in plan.silos) or "none"
    text.append("Links: ", style="bold")
    text.append(f"{len(plan.links)} among the stack and platforms in use; data silos: {silos}\n")
    high = [p.name for p in strategy.dependency.platforms if p.high_dependency]
    text.append("Lock-in: ", style="bold")
    text.append(
        f"concentration {strategy.dependency.concentration_index:.2f}; hard to leave: "
        f"{', '.join(high) or 'none'} (--format markdown or html for exit notes)"
    )
    robustness = strategy.robustness
    if robustness is not None:
        for statement in robustness.statements:
            label, _, rest = statement.partition(": ")
            text.append(f"\n{label}: ", style="bold")
            text.append(rest)
        if robustness.stack is not None:
            text.append("\nStack: ", style="bold")
            text.append(robustness.stack.statement)
    return text


def ecosystem_lines(strategy: Strategy) -> Text:
    """The ecosystem section in short: the summary, who sits where, and the warnings."""
    ecosystem = strategy.ecosystem
    text = Text()
    if ecosystem is None:
        return text
    text.append("Ecosystem: ", style="bold")
    text.append(ecosystem.summary + "\n")
    placed = [
        f"{actor.label} ({', '.join([*actor.platforms, *actor.stated][:3])})"
        for actor in ecosystem.map.actors
        if actor.platforms or actor.stated
    ]
    if placed:
        text.append("Map: ", style="bold")
        text.append("; ".join(placed) + "\n")
    for check in ecosystem.resilience:
        if check.status == "warning":
            text.append(f"{check.check}: ", style="bold")
            text.append(f"{check.finding}; {check.remedy}\n")
    text.append("(--format markdown or html for the map, partners and ecosystems to join)\n")
    return text


def candidate_line(candidate: ScoredPlatform, style: MoneyStyle) -> Text:
    """Rank, name, score with its bar, ownership and cost, in fixed-width columns."""
    line = Text(f"{candidate.rank:>3}  ")
    line.append(f"{candidate.name:<24}", style="bold" if candidate.rank == 1 else "")
    line.append(f" {candidate.score:5.1f} {bar(candidate.score)}  ")
    line.append(f"{words(candidate.ownership):<12} {cost_cell(candidate, style)}\n")
    return line


def reasons(candidate: ScoredPlatform, width: int) -> Text:
    """The highlights and drawbacks, wrapped here with a hanging indent."""
    text = Text()
    lines = [("+", "green", why) for why in candidate.highlights]
    lines += [("-", "red", why) for why in candidate.drawbacks]
    for sign, style, why in lines:
        wrapped = textwrap.wrap(
            f"{sign} {why}", max(20, width - REASON_INDENT), subsequent_indent="  "
        )
        for chunk in wrapped:
            text.append(" " * REASON_INDENT + chunk + "\n", style=style)
    return text


def ranking(
    need: Need, candidates: tuple[ScoredPlatform, ...], top: int, width: int, style: MoneyStyle
) -> Text:
    """One function's candidates: a line each, with the reasons indented below it."""
    counts = f"{need.candidates} scored" + (f", {need.excluded} excluded" if need.excluded else "")
    text = Text.assemble((need.label, "bold"), f": {need.reason} ({counts})\n")
    for candidate in candidates[:top]:
        text.append_text(candidate_line(candidate, style))
        text.append_text(reasons(candidate, width))
    return text


def footer(strategy: Strategy) -> Text:
    data = strategy.data
    text = Text(style="dim")
    if strategy.excluded:
        text.append(
            f"{plural(len(strategy.excluded), 'platform')} excluded by the profile's constraints "
            "(see --format markdown for the reasons).\n"
        )
    text.append(f"Prices as of {data.oldest_price} to {data.newest_price}")
    if data.stale_prices:
        text.append(f"; {len(data.stale_prices)} older than 12 months, re-check before buying")
    text.append(f". Amounts in {strategy.currency}, without VAT or GST unless a price list ")
    text.append("includes it")
    if strategy.exchange is not None:
        text.append(
            f"; other currencies converted at the catalog's rates of {strategy.exchange.date}"
        )
    text.append(" (--format markdown for every rate, fee and source).")
    text.append(" Weights and ratings are our judgement: see docs/scoring.md.")
    return text


def terminal_view(strategy: Strategy, *, top: int = 5, width: int = 100) -> RenderableType:
    parts: list[RenderableType] = [
        header(strategy),
        Text(),
        recommended(strategy),
        summary(strategy),
        Text(),
        ecosystem_lines(strategy),
    ]
    for need in strategy.needs:
        parts.append(
            ranking(
                need,
                strategy.rankings[need.function],
                top,
                width,
                MoneyStyle.of(strategy.money_format.model_dump()),
            )
        )
    parts.append(footer(strategy))
    return Group(*parts)


def print_brief(brief: Brief) -> None:
    """The brief on stdout, sized to the terminal."""
    print_view(lambda _width: brief_view(brief))


def render_brief_text(brief: Brief, *, width: int = 100) -> str:
    """The brief as plain text, for files and pipes."""
    return plain_text(brief_view(brief), width)


def print_terminal(strategy: Strategy, *, top: int = 5) -> None:
    """The strategy on stdout, sized to the terminal."""
    built_from = (strategy.model_dump_json(), f"top {top}")
    print_view(lambda width: terminal_view(strategy, top=top, width=width), key=built_from)


def render_terminal_text(strategy: Strategy, *, top: int = 5, width: int = 100) -> str:
    """The terminal view as plain text, for files and pipes."""
    return plain_text(terminal_view(strategy, top=top, width=width), width)


class NeutralConsole(Console):
    """A console that prints data's control and bidirectional characters as nothing: a
    platform's name holding an escape sequence or a right-to-left override reached the
    terminal raw. Rich gives those characters no width, so the layout does not move."""

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and segment.text:
                yield Segment(neutral(segment.text), segment.style)
            else:
                yield segment


def print_view(
    view: Callable[[int], RenderableType],
    *,
    unwrapped_when_piped: bool = False,
    key: Sequence[str] = (),
) -> None:
    """To stdout: in colour on a terminal, as plain text without trailing spaces when piped.

    ``view`` builds the renderable for a given width. Tables meant for grep and files can
    ask to be as wide as their content when piped, so no cell is cut short. Given the
    texts the view is built from (``key``), the piped text is kept in the cache, as the
    HTML page is, and the next run with the same advice and width prints it unrendered.
    """
    console = NeutralConsole()
    if console.is_terminal:
        console.print(view(console.width))
        return
    sys.stdout.write(_piped(view, console.width, unwrapped_when_piped, key))
    sys.stdout.flush()


def _piped(
    view: Callable[[int], RenderableType], width: int, unwrapped: bool, key: Sequence[str]
) -> str:
    from platform_advisor.storage.cache import TEXT, cached, code_fingerprint, remember

    parts = [*key, f"width {width}", f"unwrapped {unwrapped}", code_fingerprint("rendering")]
    known = cached(TEXT, parts) if key else None
    if known is not None:
        return known
    renderable = view(width)
    shown = natural_width(renderable) if unwrapped else width
    text = plain_text(renderable, max(shown, width))
    if key:
        remember(TEXT, parts, text)
    return text


def natural_width(renderable: RenderableType, limit: int = 400) -> int:
    """The width a renderable takes when nothing wraps (up to a limit)."""
    console = Console(width=limit, color_system=None)
    return console.measure(renderable).maximum


def plain_text(renderable: RenderableType, width: int) -> str:
    """A renderable as text with no colour codes and no trailing spaces."""
    buffer = io.StringIO()
    console = NeutralConsole(file=buffer, width=width, color_system=None, force_terminal=False)
    console.print(renderable)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
