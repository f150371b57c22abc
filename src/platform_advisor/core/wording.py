"""The package's one vocabulary for the words of a report: ids as words, lists, counts,
percentages and money. Every layer that writes words (the core's reasons, the renderers,
the command line) takes them from here."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence


def words(identifier: str) -> str:
    """An id as words: 'open_source' reads 'open source'."""
    return identifier.replace("_", " ")


def listing(items: Iterable[str]) -> str:
    """Items joined by commas, or 'none'."""
    return ", ".join(items) or "none"


def joined(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; empty for none."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def plural(count: int, noun: str) -> str:
    """'1 user', '3 users'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


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


def money(amount: float, *, cents: bool | None = None) -> str:
    """An amount in US dollars, a minus sign before the symbol: with cents when asked (a
    fee of $0.30), in whole dollars when asked not to (a reason's "$12/month"), and by
    default whole unless under one dollar (a table's "$0.40")."""
    size = abs(amount)
    digits = ",.2f" if cents or (cents is None and 0 < size < 1) else ",.0f"
    sign = "-" if amount < 0 and f"{size:{digits}}".strip("0.,") else ""
    return f"{sign}${size:{digits}}"


def money_change(amount: float, *, cents: bool | None = False) -> str:
    """A difference in money with its sign: '+$12', '-$3' (with `cents` as for `money`:
    '-$0.50'); no sign for one that shows as nothing ('$0', never '-$0')."""
    shown = money(abs(amount), cents=cents)
    if not shown.strip("$0.,"):
        return shown
    return ("+" if amount > 0 else "-") + shown


#: Characters from data that act on a terminal instead of printing: C0 and C1 controls
#: (ESC starts escape sequences that clear the screen or retitle the window) and the
#: bidirectional controls that reorder what follows them (U+202E turns 'exe.txt' round).
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def neutral(text: str) -> str:
    """Text with the characters that would act on a terminal taken out; tabs and line
    breaks stay. Terminals take them out of data; Rich and Markdown give them no width."""
    return _UNPRINTABLE.sub("", text)
