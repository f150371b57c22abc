"""Small helpers that turn ids and lists into the words of a reason."""

from __future__ import annotations

import math
from collections.abc import Iterable


def words(identifier: str) -> str:
    """An id as words: 'open_source' reads 'open source'."""
    return identifier.replace("_", " ")


def listing(items: Iterable[str]) -> str:
    """Items joined by commas, or 'none'."""
    return ", ".join(items) or "none"


def percent(share: float) -> str:
    """A 0-1 share as a percentage, to two significant figures under 10 % (6.3%, 0.04%)
    and whole above; never rounded up to 100% when it falls short of it (99.9%)."""
    value = 100 * share
    if value <= 0 or value >= 100:
        return f"{value:.0f}%"
    if value < 0.995:
        return f"{value:.2f}%"
    if value < 9.95:
        return f"{value:.1f}%"
    if value >= 99.5:
        return f"{math.floor(value * 10) / 10:.1f}%"
    return f"{value:.0f}%"
