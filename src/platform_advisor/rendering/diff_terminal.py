"""The review of two runs on a terminal (Rich): the same sections as the Markdown, as
tables and lines sized to the terminal, without Markdown's pipes and hashes."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from platform_advisor.core.wording import MoneyStyle, money
from platform_advisor.models.diff import NumberChange, RankChange, RunDiff


def diff_view(diff: RunDiff) -> RenderableType:
    """Every section of the diff, each with its heading, or a line saying nothing moved."""
    style = MoneyStyle.of(diff.money_format.model_dump())
    parts: list[RenderableType] = [_header(diff)]
    parts += _section("The stack", _stack(diff), "No platform of the stack changed.")
    parts += _section("Rankings", _ranks(diff), "No candidate near the top of a ranking moved.")
    parts += _section("Cost", _costs(diff, style), "The cost of the stack is unchanged.")
    parts += _section(
        "Prices to re-check", _stale(diff), "No price became stale, and none was re-checked."
    )
    parts += _section(
        "Robustness", _robustness(diff), "No function's robustness verdict or winner changed."
    )
    parts += _section("Why", _causes(diff), _NO_CAUSE)
    return Group(*parts)


_NO_CAUSE = (
    "Neither the profile, the criteria, the method nor the catalog prices the results "
    "record differ."
)


def _header(diff: RunDiff) -> Text:
    text = Text()
    text.append(f"What changed for {diff.business}\n", style="bold")
    text.append(f"From {diff.old} to {diff.new}.", style="dim")
    for line in diff.summary:
        text.append(f"\n• {line}")
    return text


def _section(title: str, body: RenderableType | None, empty: str) -> list[RenderableType]:
    heading = Text(f"\n{title}", style="bold")
    return [heading, body if body is not None else Text(empty, style="dim")]


def _table(*columns: str, right: int = 0) -> Table:
    """A table whose last ``right`` columns are numbers; long cells fold, never vanish."""
    table = Table(box=None, pad_edge=False, show_edge=False, header_style="dim")
    for index, column in enumerate(columns):
        numeric = index >= len(columns) - right
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    return table


def _stack(diff: RunDiff) -> Table | None:
    if not diff.stack:
        return None
    table = _table("Function", "Before", "Now")
    for change in diff.stack:
        table.add_row(change.label, change.before or "not needed", change.after or "not needed")
    return table


def _ranks(diff: RunDiff) -> Table | None:
    if not diff.ranks:
        return None
    table = _table("Function", "Platform", "Rank", "Score", right=2)
    for change in diff.ranks:
        table.add_row(change.label, change.name, *_rank_cells(change))
    return table


def _rank_cells(change: RankChange) -> tuple[str, str]:
    """'1 → 5' and '73.6 → 70.2'; a dash where it was no candidate, or is none now."""

    def shown(value: float | None, pattern: str) -> str:
        return "-" if value is None else pattern.format(value)

    rank = f"{shown(change.rank_before, '{}')} → {shown(change.rank_after, '{}')}"
    score = f"{shown(change.score_before, '{:.1f}')} → {shown(change.score_after, '{:.1f}')}"
    return rank, score


def _costs(diff: RunDiff, style: MoneyStyle) -> Table | None:
    if not diff.costs:
        return None
    table = _table("Figure", "Before", "Now", "Change", right=3)
    for change in diff.costs:
        table.add_row(
            change.label,
            money(change.before, style),
            money(change.after, style),
            _change(change, style),
        )
    return table


def _change(change: NumberChange, style: MoneyStyle) -> str:
    if change.after >= change.before:
        return f"+{money(change.after - change.before, style)}"
    return f"−{money(change.before - change.after, style)}"


def _stale(diff: RunDiff) -> Text | None:
    lines = []
    if diff.newly_stale:
        lines.append(f"• Now older than 12 months: {', '.join(diff.newly_stale)}.")
    if diff.no_longer_stale:
        lines.append(f"• Re-checked since: {', '.join(diff.no_longer_stale)}.")
    return Text("\n".join(lines)) if lines else None


def _robustness(diff: RunDiff) -> Table | None:
    if not diff.robustness:
        return None
    table = _table("Function", "Before", "Now")
    for change in diff.robustness:
        table.add_row(change.label, change.before, change.after)
    return table


def _causes(diff: RunDiff) -> Text | None:
    if not diff.causes:
        return None
    lines = [f"• {cause.kind.capitalize()}: {cause.detail}" for cause in diff.causes]
    return Text("\n".join(lines))
