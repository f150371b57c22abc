"""How numbers and ids read in every report format."""

from __future__ import annotations

from platform_advisor.core.wording import percent, words

__all__ = ["money", "percent", "plural", "words"]


def money(amount: float) -> str:
    """Dollars, whole unless under one dollar."""
    return f"${amount:,.0f}" if amount >= 1 or amount == 0 else f"${amount:,.2f}"


def plural(count: int, noun: str) -> str:
    """'1 user', '3 users'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
