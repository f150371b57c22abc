"""The package's one vocabulary for the words of a report: ids as words, lists, counts,
percentages and money. Every layer that writes words (the core's reasons, the renderers,
the command line) takes them from here."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any


def words(identifier: str) -> str:
    """An id as words: 'open_source' reads 'open source'."""
    return identifier.replace("_", " ")


def listing(items: Iterable[str]) -> str:
    """Items joined by commas, or 'none'."""
    return ", ".join(items) or "none"


def joined(items: Sequence[str], last: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or 'a, b or c'); empty for none."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def home_and_markets(country: str, markets: Sequence[str]) -> str:
    """Where a business is based and, apart, where it sells: 'AU', 'AU; also selling in
    NZ' (home among its markets), 'AU; selling in NZ' (home not among them)."""
    abroad = [market for market in markets if market != country]
    if not abroad:
        return country
    also = "also " if country in markets else ""
    return f"{country}; {also}selling in {joined(abroad)}"


def plural(count: int, noun: str) -> str:
    """'1 user', '3 users'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


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


@dataclass(frozen=True)
class MoneyStyle:
    """How amounts of one currency are written for a client: the conventions of Babel's
    English locale for the client's country (`core.money.style` derives them; this module
    only applies them, so a report renders without loading Babel)."""

    currency: str = "USD"
    symbol: str = "$"
    prefix: str = "¤"  # before the number, ¤ standing for the symbol
    suffix: str = ""
    negative_prefix: str = "-¤"
    negative_suffix: str = ""
    group: str = ","
    decimal: str = "."
    grouping: tuple[int, int] = (3, 3)
    digits: int = 2  # the currency's minor units (0 for yen)

    @classmethod
    def of(cls, fields: Mapping[str, Any] | None) -> MoneyStyle:
        """The style from a result's plain data (US dollars where it has none)."""
        if not fields:
            return cls()
        return cls(**{**fields, "grouping": tuple(fields["grouping"])})


US_DOLLARS = MoneyStyle()


def money(amount: float, style: MoneyStyle = US_DOLLARS, *, cents: bool | None = None) -> str:
    """An amount as the client writes it: with its minor units when asked (a fee of 30p),
    in whole units when asked not to (a reason's "£12/month"), and by default whole unless
    under one unit (a table's "£0.40")."""
    size = abs(amount)
    show_cents = cents or (cents is None and 0 < size < 1)
    digits = style.digits if show_cents else 0
    # Rounded as Babel rounds: the decimal the float prints as, halves to even.
    exact = Decimal(repr(size)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_EVEN)
    text = f"{exact:.{digits}f}"
    whole, _, fraction = text.partition(".")
    number = _grouped(whole, style) + (style.decimal + fraction if fraction else "")
    negative = amount < 0 and text.strip("0.") != ""
    prefix, suffix = (
        (style.negative_prefix, style.negative_suffix) if negative else (style.prefix, style.suffix)
    )
    return prefix.replace("¤", style.symbol) + number + suffix.replace("¤", style.symbol)


def _grouped(digits: str, style: MoneyStyle) -> str:
    """Digits with group separators: 1,234,567, or 12,34,567 in India."""
    size, rest = style.grouping
    groups = ""
    while len(digits) > size:
        groups = style.group + digits[-size:] + groups
        digits = digits[:-size]
        size = rest
    return digits + groups


def number(count: int, style: MoneyStyle = US_DOLLARS) -> str:
    """A whole number grouped as the client's amounts are: 9,000 or 9 000."""
    return ("-" if count < 0 else "") + _grouped(str(abs(count)), style)


def money_change(
    amount: float, style: MoneyStyle = US_DOLLARS, *, cents: bool | None = False
) -> str:
    """A difference in money with its sign: '+$12', '-$3' (with `cents` as for `money`:
    '-$0.50'); no sign for one that shows as nothing ('$0', never '-$0')."""
    shown = money(abs(amount), style, cents=cents)
    if not any(digit in shown for digit in "123456789"):
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
