"""The maintainer's checks on names: the same name twice, and names that only look alike."""

from __future__ import annotations

import pytest

from platform_advisor.core.inputs.catalog_lint import is_home_page, skeleton
from platform_advisor.core.wording import neutral


@pytest.mark.parametrize(
    ("look_alike", "original"),
    [
        ("ShopW\u0456se", "ShopWise"),  # Cyrillic і
        ("\u0421anva", "Canva"),  # Cyrillic С
        ("X\u0435ro", "Xero"),  # Cyrillic е
        ("Sh\u03bfpify", "Shopify"),  # Greek ο
        ("\uff33hopify", "Shopify"),  # full-width S
        ("Shop\u200bify", "Shopify"),  # a zero-width space
        ("Shop\u202eify", "Shopify"),  # a right-to-left override
        ("Pay\u00adPal", "PayPal"),  # a soft hyphen
        ("Mai1chimp", "Mailchimp"),  # a digit one for an l
        ("Go0gle", "Google"),
    ],
)
def test_names_that_look_alike_have_one_skeleton(look_alike: str, original: str) -> None:
    assert skeleton(look_alike) == skeleton(original)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Xero", "Zoho"), ("Square", "Squarespace"), ("Wix", "Wise"), ("Café", "Cafe")],
)
def test_different_names_keep_different_skeletons(first: str, second: str) -> None:
    assert skeleton(first) != skeleton(second)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Shop\x1b[2JWise", "Shop[2JWise"),
        ("exe\u202etxt.", "exetxt."),
        ("a\tb\nc", "a\tb\nc"),  # tabs and line breaks stay
        (
            "Caf\u00e9 \u0645\u0631\u062d\u0628\u0627",
            "Caf\u00e9 \u0645\u0631\u062d\u0628\u0627",
        ),  # RTL text itself stays
        ("\x07\x9b\u2066x\u2069", "x"),
    ],
)
def test_neutral_text_cannot_act_on_a_terminal(text: str, shown: str) -> None:
    assert neutral(text) == shown


@pytest.mark.parametrize(
    ("url", "home"),
    [
        ("https://shop.example", True),
        ("https://shop.example/", True),
        ("https://shop.example/pricing", False),
        ("https://shop.example/?p=13198", False),  # a blog post addressed by its query
        ("https://shop.example/#plans", False),
    ],
)
def test_a_home_page_is_an_address_with_no_path(url: str, home: bool) -> None:
    assert is_home_page(url) is home
