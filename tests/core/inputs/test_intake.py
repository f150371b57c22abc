"""What init makes of answers as people write them: countries by name, amounts with a
currency, percentages, edits to the derived functions, platforms the catalog lacks."""

from __future__ import annotations

import pytest

from platform_advisor.core.inputs.intake import (
    amount_in,
    country_code,
    edited_functions,
    percent,
    platforms_named,
)
from platform_advisor.core.scoring.needs import derived_functions
from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.loading.criteria_files import load_criteria
from platform_advisor.resources import criteria_preset


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Australia", "AU"),
        ("united kingdom", "GB"),
        ("  United   States ", "US"),
        ("Deutschland", "DE"),
        ("España", "ES"),
        ("au", "AU"),
        ("UK", "GB"),
        ("Viet Nam", "VN"),
    ],
)
def test_a_country_is_read_by_its_code_or_its_name(written: str, code: str) -> None:
    assert country_code(written) == code


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("ZZ", "'ZZ' is no country's code (ISO 3166), e.g. GB, AU, DE"),
        ("Narnia", "'Narnia' is no country the advisor knows; give its name in English"),
    ],
)
def test_a_country_nobody_knows_is_refused_with_the_way_to_write_it(
    written: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        country_code(written)


@pytest.mark.parametrize(
    ("written", "currency", "country", "amount"),
    [
        ("400", "AUD", "AU", 400),
        ("400 AUD", "AUD", "AU", 400),
        ("AUD 400", "AUD", "AU", 400),
        ("aud400", "AUD", "AU", 400),
        ("A$400", "AUD", "AU", 400),
        ("$400", "AUD", "AU", 400),  # how Australians write their dollar
        ("€1.200,50", "EUR", "DE", 1200.5),
        ("1.200,50 €", "EUR", "FR", 1200.5),
        ("1,200.50", "GBP", "GB", 1200.5),
        ("£1,250", "GBP", "GB", 1250),
        ("2,75", "EUR", "DE", 2.75),
        ("1.200.000", "EUR", "DE", 1_200_000),
        ("₹45,000", "INR", "IN", 45_000),
    ],
)
def test_an_amount_is_read_with_its_currency_and_separators(
    written: str, currency: str, country: str, amount: float
) -> None:
    assert amount_in(written, currency, country) == amount


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("€400", "'€400' is in EUR, but every amount of this profile is in AUD (A$)"),
        ("400 USD", "'400 USD' is in USD, but every amount of this profile is in AUD"),
        ("400 XYZ", "'XYZ' is no currency code or symbol; write the amount in AUD"),
        ("1.200", "'1.200' could be 1200 or 1.2; write it without the point"),
        ("1,2,3", "'1,2,3' mixes up its separators"),
        ("four hundred", "must be an amount in digits"),
    ],
)
def test_an_amount_that_is_not_in_the_profiles_currency_is_refused(
    written: str, message: str
) -> None:
    with pytest.raises(ValueError) as refused:
        amount_in(written, "AUD", "AU")
    assert str(refused.value).startswith(message), refused.value


@pytest.mark.parametrize(("written", "value"), [("2.75%", 2.75), ("2,75 %", 2.75), ("3", 3)])
def test_a_percentage_takes_its_sign(written: str, value: float) -> None:
    assert percent(written) == value


def test_a_percentage_over_100_is_refused() -> None:
    with pytest.raises(ValueError, match="from 0 to 100"):
        percent("150%")


@pytest.mark.parametrize(
    ("answer", "functions"),
    [
        ("", ["crm", "booking", "payments"]),
        ("-crm", ["booking", "payments"]),
        ("-crm, +accounting", ["booking", "payments", "accounting"]),
        ("+booking", ["crm", "booking", "payments"]),
        ("booking accounting", ["booking", "accounting"]),
    ],
)
def test_the_derived_functions_are_kept_edited_or_replaced(
    answer: str, functions: list[str]
) -> None:
    assert edited_functions(["crm", "booking", "payments"], answer) == functions


def test_an_edit_cannot_drop_what_is_not_there_nor_mix_with_a_list() -> None:
    with pytest.raises(ValueError, match="'pos' is not in the list to drop"):
        edited_functions(["crm"], "-pos")
    with pytest.raises(ValueError, match="either edit the list"):
        edited_functions(["crm"], "-crm, booking")


def test_the_functions_derived_say_where_each_comes_from() -> None:
    criteria, _ = load_criteria(criteria_preset("balanced"))
    derived = derived_functions(["take_bookings"], "retail", criteria)
    goal = criteria.goals["take_bookings"]
    assert [derived[f] for f in goal.functions] == [("goal", "take_bookings")] * len(goal.functions)
    sector_only = [f for f in criteria.sectors["retail"].functions if f not in goal.functions]
    assert sector_only and all(derived[f] == ("sector", "retail") for f in sector_only)


def test_every_platform_the_catalog_lacks_is_named_at_once() -> None:
    catalog = load_catalog().catalog
    known, unknown = platforms_named(catalog, ["Square", "xero", "Sqare", "Frobnicator 3000"])
    assert known == ["square", "xero"]
    assert unknown == [("Sqare", "did you mean 'square'?"), ("Frobnicator 3000", "")]
