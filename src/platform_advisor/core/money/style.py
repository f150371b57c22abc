"""How a client's amounts are written: Babel's conventions for English in the client's
country (its `en_<country>` locale where Babel has one, else plain English), read once
when the advice is made and kept with it, so that rendering never loads Babel."""

from __future__ import annotations

from platform_advisor.core.wording import MoneyStyle


def money_style(country: str, currency: str) -> MoneyStyle:
    """The conventions for writing `currency` amounts to a client in `country`."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_currency_precision, get_currency_symbol

    try:
        locale = Locale.parse(f"en_{country}")
    except UnknownLocaleError:
        locale = Locale.parse("en")
    pattern = locale.currency_formats["standard"]
    symbols = locale.number_symbols["latn"]
    primary, secondary = pattern.grouping
    return MoneyStyle(
        currency=currency,
        symbol=get_currency_symbol(currency, locale),
        prefix=pattern.prefix[0],
        suffix=pattern.suffix[0],
        negative_prefix=pattern.prefix[1],
        negative_suffix=pattern.suffix[1],
        group=symbols["group"],
        decimal=symbols["decimal"],
        grouping=(primary, secondary),
        digits=get_currency_precision(currency),
    )


def home_currency(country: str) -> str:
    """The currency a country uses today (Babel's territory data)."""
    from babel.numbers import get_territory_currencies

    found = get_territory_currencies(country)
    return found[0] if found else "USD"
