"""Small helpers that turn ids and lists into the words of a reason."""

from __future__ import annotations

from collections.abc import Iterable


def words(identifier: str) -> str:
    """An id as words: 'open_source' reads 'open source'."""
    return identifier.replace("_", " ")


def listing(items: Iterable[str]) -> str:
    """Items joined by commas, or 'none'."""
    return ", ".join(items) or "none"


def percent(share: float) -> str:
    """A 0-1 share as a percentage: one decimal under 10 %, whole numbers above."""
    value = 100 * share
    return f"{value:.1f}%" if 0 < value < 9.95 else f"{value:.0f}%"
