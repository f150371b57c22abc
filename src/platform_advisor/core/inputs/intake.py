"""What the answers about a business suggest, for the questions that make a profile:
the sector that covers a kind of business, and the rules a business usually must meet."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platform_advisor.models.catalog import Catalog

#: Words people answer with instead of a sector, and the sector that covers them.
SECTOR_WORDS = {
    **dict.fromkeys(
        ("dental", "dentist", "clinic", "medical", "doctor", "physio", "therapy", "pharmacy",
         "care", "vet", "veterinary", "wellness"), "healthcare"),
    **dict.fromkeys(
        ("restaurant", "cafe", "café", "bar", "pub", "hotel", "catering"),
        "hospitality"),
    **dict.fromkeys(("shop", "store", "ecommerce", "e_commerce", "boutique"), "retail"),
    **dict.fromkeys(
        ("agency", "consulting", "consultancy", "design", "freelance", "legal", "law",
         "accountancy", "marketing", "salon", "fitness", "education", "trades"), "services"),
    **dict.fromkeys(("farm", "farming", "horticulture", "fishery"), "agriculture"),
    **dict.fromkeys(("factory", "manufacturer", "workshop", "production"), "manufacturing"),
    **dict.fromkeys(
        ("charity", "club", "association", "volunteer", "ngo", "npo", "foundation", "church"),
        "nonprofit"),
}  # fmt: skip
#: Home countries whose businesses fall under the GDPR (the EEA, the UK's own version,
#: and Switzerland's close equivalent).
GDPR_COUNTRIES = frozenset((
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    "GB", "CH",
))  # fmt: skip


def usual_compliance(country: str | None, sector: str | None) -> tuple[str, str] | None:
    """The rule a business like this usually must meet, and who it is for; None if none
    stands out. Only a hint: as a constraint it leaves out every platform the catalog
    does not mark as meeting it."""
    if country in GDPR_COUNTRIES:
        return "gdpr", "a business in Europe"
    if country == "US" and sector == "healthcare":
        return "hipaa", "healthcare in the US"
    return None


# Countries: a code or a name ----------------------------------------------------------

#: Languages whose names for countries are also understood ('Deutschland', 'España').
NAME_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt", "sv", "da", "nb", "fi", "pl")


def country_code(text: str) -> str:
    """The ISO 3166 code of a country given by its code ('au', 'UK' is GB) or its name in
    English ('Australia', 'united kingdom') or a few other languages ('Deutschland')."""
    import pycountry  # only init asks for a country by name

    from platform_advisor.models.common import NOT_ISO_COUNTRY

    written = " ".join(text.split())
    if len(written) == 2 and written.isalpha():
        code = NOT_ISO_COUNTRY.get(written.upper(), written.upper())
        if pycountry.countries.get(alpha_2=code) is None:
            raise ValueError(f"{written!r} is no country's code (ISO 3166), e.g. GB, AU, DE")
        return code
    try:
        return str(pycountry.countries.lookup(written).alpha_2)
    except LookupError:
        pass
    found = _english_name(written)
    if found is None:
        raise ValueError(
            f"{written!r} is no country the advisor knows; give its name in English or its "
            "two-letter code, e.g. Australia or AU"
        )
    return str(pycountry.countries.lookup(found).alpha_2)


def _english_name(name: str) -> str | None:
    """The English name of a country named in one of NAME_LANGUAGES, from pycountry's
    own translations; None if none of them knows it."""
    import gettext

    import pycountry

    folded = name.casefold()
    for language in NAME_LANGUAGES:
        try:
            names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [language])
        except OSError:
            continue
        catalog: dict[str, str] = getattr(names, "_catalog", {})
        for english, local in catalog.items():
            if english and isinstance(local, str) and local.casefold() == folded:
                return english
    return None


# Amounts: with a currency code or symbol, in either way of writing decimals ------------

_CODE_FIRST = re.compile(r"([A-Za-z]{3})\s*(.*)")
_CODE_LAST = re.compile(r"(.*?)\s*([A-Za-z]{3})")
_SYMBOL_FIRST = re.compile(r"([^\d\s.,+-]+)\s*(.*)")
_SYMBOL_LAST = re.compile(r"(.*?)\s*([^\d\s.,+-]+)")
_NUMBER = re.compile(r"\d[\d.,]*")


def amount_in(text: str, currency: str, country: str | None = None) -> float:
    """An amount in the profile's currency: '400', '400 AUD', 'AUD 400', 'A$400',
    '€1.200,50', '1,200.50'. A currency other than the profile's is refused, saying which
    it is; so is a number whose separators could be read two ways ('1.200')."""
    written = " ".join(text.split())
    number, marker = _split_marker(written)
    if marker:
        _check_currency(marker, currency, country, written)
    return parse_number(number, written)


def _split_marker(written: str) -> tuple[str, str]:
    """The number and the currency code or symbol written before or after it."""
    for pattern, number_at in (
        (_CODE_FIRST, 2),
        (_CODE_LAST, 1),
        (_SYMBOL_FIRST, 2),
        (_SYMBOL_LAST, 1),
    ):
        match = pattern.fullmatch(written)
        if match and _NUMBER.fullmatch(match[number_at]):
            return match[number_at], match[3 - number_at]
    return written, ""


def _check_currency(marker: str, currency: str, country: str | None, written: str) -> None:
    from babel.numbers import get_currency_symbol, list_currencies

    if marker.upper() == currency or marker in _symbols(currency, country):
        return
    meant = marker.upper() if marker.upper() in list_currencies() else _symbol_currency(marker)
    if meant is None:
        raise ValueError(
            f"{marker!r} is no currency code or symbol; write the amount in {currency}, "
            f"e.g. 400 or 400 {currency} (got {written!r})"
        )
    raise ValueError(
        f"{written!r} is in {meant}, but every amount of this profile is in {currency} "
        f"({get_currency_symbol(currency, 'en')}); convert it, or make {meant} the "
        "profile's currency"
    )


def _symbols(currency: str, country: str | None) -> set[str]:
    """How English writes the currency, in general and in the client's country."""
    from babel import Locale, UnknownLocaleError
    from babel.numbers import get_currency_symbol

    symbols = {get_currency_symbol(currency, "en")}
    try:
        if country:
            symbols.add(get_currency_symbol(currency, Locale.parse(f"en_{country}")))
    except (UnknownLocaleError, ValueError):
        pass
    return symbols


def _symbol_currency(symbol: str) -> str | None:
    """The currency English writes with this symbol ('€' is EUR), if one does."""
    from babel.numbers import get_currency_symbol, list_currencies

    for code in sorted(list_currencies()):
        if get_currency_symbol(code, "en") == symbol:
            return code
    return None


def parse_number(number: str, written: str) -> float:
    """A number with a decimal point or comma and thousands separators, read by Babel in
    the convention its separators show; refused where they could mean either."""
    from babel.numbers import NumberFormatError, parse_decimal

    if not _NUMBER.fullmatch(number):
        raise ValueError(f"must be an amount in digits, e.g. 2500 or 2,500.50 (got {written!r})")
    locale = _convention(number, written)
    try:
        return float(parse_decimal(number, locale=locale, strict=True))
    except NumberFormatError:
        raise ValueError(
            f"{written!r} mixes up its separators; write it like 2500, 2,500.50 or 2.500,50"
        ) from None


def _convention(number: str, written: str) -> str:
    """'en' where the last separator is a decimal point (or a thousands comma), 'de'
    where it is a decimal comma (or a thousands point)."""
    last = max(number.rfind("."), number.rfind(","))
    if last < 0:
        return "en"
    mark, after = number[last], len(number) - last - 1
    if "." in number and "," in number:
        return "en" if mark == "." else "de"
    if after == 3 and number.count(mark) == 1 and mark == ".":
        raise ValueError(
            f"{written!r} could be {number.replace('.', '')} or {float(number):g}; write it "
            "without the point, or with two decimals"
        )
    if after == 3 or number.count(mark) > 1:  # thousands: 1,200 or 1.200.000
        return "en" if mark == "," else "de"
    return "en" if mark == "." else "de"


def percent(text: str) -> float:
    """A percentage: '2.75', '2.75%', '2,75 %'."""
    written = " ".join(text.split())
    number = written.removesuffix("%").strip()
    value = parse_number(number, written)
    if not 0 <= value <= 100:
        raise ValueError(f"must be a percentage from 0 to 100 (got {written!r})")
    return value


# Platforms in use, and the functions to fill ------------------------------------------


def platforms_named(
    catalog: Catalog, names: Iterable[str]
) -> tuple[list[str], list[tuple[str, str]]]:
    """The catalog ids of the names it knows (by id, name or alias), and every name it
    does not know with a suggestion where one is close ('' where none): all at once."""
    from platform_advisor.core.inputs.lookup import did_you_mean, platform_words

    words = platform_words(catalog)
    by_folded = {word.casefold(): platform_id for word, platform_id in words.items()}
    known: list[str] = []
    unknown: list[tuple[str, str]] = []
    for name in names:
        found = by_folded.get(name.casefold())
        if found is not None:
            known.append(found)
            continue
        unknown.append((name, did_you_mean(name, catalog.platforms, words)))
    return list(dict.fromkeys(known)), unknown


def edited_functions(derived: Sequence[str], answer: str) -> list[str]:
    """The functions to fill after an answer: empty keeps the derived ones, '-crm' drops
    one, '+booking' adds one, a plain list replaces them all."""
    parts = [part.strip() for part in answer.replace(";", ",").replace(" ", ",").split(",")]
    parts = [part for part in parts if part]
    if not parts:
        return list(derived)
    edits = [part for part in parts if part[0] in "+-"]
    if edits and len(edits) != len(parts):
        raise ValueError("either edit the list ('-crm, +booking') or give it whole, not both")
    if not edits:
        return list(dict.fromkeys(parts))
    chosen = list(derived)
    for part in edits:
        name = part[1:].strip()
        if part[0] == "-" and name in chosen:
            chosen.remove(name)
        elif part[0] == "-":
            raise ValueError(f"{name!r} is not in the list to drop")
        elif name not in chosen:
            chosen.append(name)
    return chosen
