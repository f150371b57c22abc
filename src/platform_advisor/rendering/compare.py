"""Finalists side by side in every format: terminal, Markdown, HTML and JSON.

Like the report's renderers these decide nothing: the comparison arrives finished, sorted
and worded. The Markdown comes from the shipped template; the HTML is that Markdown
converted the way the report's is, raw HTML off, so data can only ever read as text.
"""

from __future__ import annotations

import textwrap

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from platform_advisor.contracts import Format
from platform_advisor.core.wording import MoneyStyle, money, percent, words
from platform_advisor.models.comparison import Cell, Comparison, Finalist
from platform_advisor.rendering.terminal import bar, plain_text, print_view

COMPARE_TEMPLATE = "compare.md.j2"
LEADS = "*"
NAME_WIDTH = 24
INDENT = 5
LINK_CELLS = {"native": "native", "ipaas": "iPaaS", "api": "API", "none": "-", "itself": "itself"}


def render_comparison(comparison: Comparison, fmt: Format, *, width: int = 100) -> str:
    """The comparison as text in one format."""
    if fmt == "json":
        return comparison.model_dump_json(indent=2) + "\n"
    if fmt == "markdown":
        return render_compare_markdown(comparison)
    if fmt == "html":
        return render_compare_html(comparison)
    return plain_text(comparison_view(comparison, width), width)


def print_comparison(comparison: Comparison) -> None:
    """The terminal view on stdout: in colour on a terminal, plain text when piped."""
    print_view(lambda width: comparison_view(comparison, width))


# Markdown and HTML ---------------------------------------------------------------------------


def render_compare_markdown(comparison: Comparison) -> str:
    """The comparison in Markdown, from the shipped template."""
    from platform_advisor.rendering.templates import render_shipped

    data = comparison.model_dump(mode="json")
    return render_shipped(COMPARE_TEMPLATE, comparison=data, money_format=data["money_format"])


def render_compare_html(comparison: Comparison) -> str:
    """The Markdown comparison as one self-contained HTML5 page, styled like the report."""
    from platform_advisor.rendering.html import markdown_page

    names = ", ".join(finalist.name for finalist in comparison.finalists)
    title = f"{names}: compared for {comparison.business.name}"
    return markdown_page(title, render_compare_markdown(comparison))


# Terminal ----------------------------------------------------------------------------------


def comparison_view(comparison: Comparison, width: int = 100) -> RenderableType:
    """Header, scores with bars, the criteria, cost and fit, links, then each verdict."""
    return Group(
        header(comparison),
        Text(),
        scores(comparison),
        criteria_table(comparison),
        Text(),
        facts_table(comparison),
        Text(),
        links_table(comparison),
        Text(),
        verdicts(comparison, width),
        footer(comparison),
    )


def header(comparison: Comparison) -> Text:
    names = ", ".join(finalist.name for finalist in comparison.finalists)
    text = Text()
    text.append(f"{names}: compared for {comparison.business.name}\n", style="bold")
    text.append(comparison.function_note + "\n", style="dim")
    text.append(f"Criteria: {comparison.criteria_name}{_method(comparison)}", style="dim")
    return text


def scores(comparison: Comparison) -> Text:
    """One line per finalist: name, score and bar, and its place in the ranking."""
    text = Text.assemble((f"Score for {comparison.function_label.lower()}", "bold"), "\n")
    for finalist in comparison.finalists:
        style = "bold" if finalist.recommended else ""
        text.append(f"  {finalist.name:<{NAME_WIDTH}}", style=style)
        text.append(f" {finalist.score:5.1f} {bar(finalist.score)}  ")
        text.append(finalist.standing + "\n", style="" if finalist.eligible else "red")
    return text


def finalist_table(comparison: Comparison, title: str, *first: str) -> Table:
    """A table with the given leading columns, then one right-aligned column per finalist."""
    table = Table(title=title, title_justify="left", title_style="bold", box=None)
    for column in first:
        table.add_column(column, justify="right" if column == "Weight" else "left")
    for finalist in comparison.finalists:
        table.add_column(finalist.name, justify="right")
    return table


def cell_text(cell: Cell) -> Text:
    value = " n/a" if cell.value is None else f"{cell.value:.2f}"
    mark = LEADS if cell.leads else " "
    return Text(f"{value} {mark}{cell.points:4.1f}", style="bold" if cell.leads else "")


def criteria_table(comparison: Comparison) -> Table:
    """Value and points per criterion; the most points on a row carry a star."""
    title = f"Per criterion: value 0-1 and points ({LEADS} most points)"
    table = finalist_table(comparison, title, "Criterion", "Weight")
    for row in comparison.criteria:
        table.add_row(row.label, percent(row.weight), *(cell_text(cell) for cell in row.cells))
    table.add_row(
        Text("Score", style="bold"),
        "",
        *(Text(f"{f.score:.1f}", style="bold") for f in comparison.finalists),
    )
    return table


def facts_table(comparison: Comparison) -> Table:
    """Cost over one and three years, ownership, skill and portability."""
    table = finalist_table(comparison, "Cost and fit", "")
    finalists = comparison.finalists
    style = MoneyStyle.of(comparison.money_format.model_dump())
    rows: list[tuple[str, list[str]]] = [
        ("Monthly cost", [money(f.cost.monthly_total, style) for f in finalists]),
        ("Set-up", [money(f.cost.setup, style) for f in finalists]),
        ("First year", [money(f.cost.year_one, style) for f in finalists]),
        ("Three years", [money(f.cost.three_years, style) for f in finalists]),
        ("Ownership", [words(f.ownership) for f in finalists]),
        ("Deployment", [", ".join(words(d) for d in f.deployment) for f in finalists]),
        (
            f"Skill (team: {comparison.business.technical_capability})",
            [f.skill_required for f in finalists],
        ),
        ("Data portability", [f"{f.data_portability}/5" for f in finalists]),
        ("Eligible", ["yes" if f.eligible else "no" for f in finalists]),
    ]
    for label, values in rows:
        table.add_row(label, *values)
    return table


def links_table(comparison: Comparison) -> Table | Text:
    """Each finalist's link to every other platform of the stack and in use."""
    if not comparison.integrations:
        return Text("No other platform in the stack or in use to link to.")
    table = finalist_table(comparison, "Links to the recommended stack and platforms in use", "")
    for row in comparison.integrations:
        role = ", ".join(row.role).lower()
        table.add_row(
            Text.assemble(row.name, (f" ({role})", "dim")),
            *(LINK_CELLS[kind] for kind in row.links),
        )
    return table


def verdicts(comparison: Comparison, width: int) -> Text:
    """Where each one wins and loses, what swapping it in would do, why it is excluded."""
    text = Text.assemble(("Where each one wins and loses", "bold"), "\n")
    for finalist in comparison.finalists:
        text.append(f"  {finalist.name}\n", style="bold")
        for line in finalist_lines(finalist):
            wrapped = textwrap.wrap(line, max(20, width - INDENT))
            for chunk in wrapped:
                text.append(" " * INDENT + chunk + "\n")
    return text


def finalist_lines(finalist: Finalist) -> list[str]:
    lines = [finalist.verdict]
    if not finalist.eligible:
        lines.append("Not eligible: " + "; ".join(finalist.exclusion_reasons) + ".")
    if finalist.swap is not None:
        lines.append(finalist.swap.summary)
    return lines


def footer(comparison: Comparison) -> Text:
    """Price dates, the ones to re-check, and where the reasons are."""
    costs = [finalist.cost for finalist in comparison.finalists]
    dates = sorted(cost.prices_as_of for cost in costs)
    stale = [f.name for f in comparison.finalists if f.cost.prices_stale]
    text = Text(style="dim")
    text.append(f"Prices as of {dates[0]} to {dates[-1]}")
    if stale:
        text.append(f"; older than 12 months, re-check before buying: {', '.join(stale)}")
    text.append(
        ". Weights and ratings are our judgement: see docs/scoring.md. "
        "The reason behind every value: --format markdown."
    )
    return text


def _method(comparison: Comparison) -> str:
    """The method, when it is not the default weighted sum."""
    if comparison.method == "weighted_sum":
        return ""
    return f" ({comparison.method.replace('_', ' ')})"
