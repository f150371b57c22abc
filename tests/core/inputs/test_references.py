"""References between files: located as precisely as schema errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from platform_advisor.errors import CrossReferenceError
from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.loading.inputs import load_inputs
from tests.conftest import MINI_CATALOG, MINI_CRITERIA, SHOP_PROFILE, WriteYaml


def shown(error: CrossReferenceError, *paths: Path) -> list[str]:
    lines = [str(problem) for problem in error.problems]
    for path in paths:
        lines = [line.replace(str(path), path.name) for line in lines]
    return lines


def mini_with(write_yaml: WriteYaml, old: str, new: str) -> Path:
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    assert old in text, old
    folder = write_yaml("mini/platforms.yaml", text.replace(old, new, 1)).parent
    (folder / "taxonomy.yaml").write_text(
        (MINI_CATALOG / "taxonomy.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return folder


def test_the_fixture_catalog_is_consistent() -> None:
    loaded = load_catalog([MINI_CATALOG], include_default=False)
    assert sorted(loaded.catalog.functions) == ["accounting", "crm", "ecommerce", "social_media"]
    assert len(loaded.catalog.platforms) == 8


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "integrates_with: {native: [ledgerly, picgram]}",
            "integrates_with: {native: [ledgerly, picgrm]}",
            "platforms.yaml:18:42: platforms[0].integrates_with.native[1]: unknown platform"
            " 'picgrm' (did you mean 'picgram'?)",
        ),
        (
            "functions: [crm, accounting]",
            "functions: [crm, acounting]",
            "platforms.yaml:128:22: platforms[7].functions[1]: unknown function 'acounting'"
            " (did you mean 'accounting'?)",
        ),
        (
            "channels: [web, instagram]",
            "channels: [web, insta]",
            "platforms.yaml:19:21: platforms[0].channels[1]: unknown channel 'insta'"
            " (did you mean 'instagram'?)",
        ),
        (
            "  - id: fedisocial",
            "  - id: shopwise",
            "platforms.yaml:108:9: platforms[6].id: duplicate id 'shopwise', first defined in"
            " platforms.yaml",
        ),
    ],
)
def test_catalog_references(write_yaml: WriteYaml, old: str, new: str, expected: str) -> None:
    folder = mini_with(write_yaml, old, new)
    with pytest.raises(CrossReferenceError) as caught:
        load_catalog([folder], include_default=False)
    assert shown(caught.value, folder / "platforms.yaml") == [expected]


def test_profile_references(write_yaml: WriteYaml) -> None:
    text = SHOP_PROFILE.read_text(encoding="utf-8")
    text = text.replace("goals: [increase_sales]", "goals: [increase_sale]")
    text = text.replace("channels: [instagram, web]", "channels: [instagram, tiktok]")
    text = text.replace("existing_platforms: [picgram]", "existing_platforms: [ledgerli]")
    assert shop_errors(write_yaml, text) == [
        "profile.yaml:6:9: goals[0]: unknown goal 'increase_sale' (did you mean 'increase_sales'?)",
        "profile.yaml:8:25: audience.channels[1]: unknown channel 'tiktok'",
        "profile.yaml:14:22: existing_platforms[0]: unknown platform 'ledgerli'"
        " (did you mean 'ledgerly'?)",
    ]


def test_criteria_references(write_yaml: WriteYaml) -> None:
    text = MINI_CRITERIA.read_text(encoding="utf-8")
    text = text.replace("evaluator: budget_fit", "evaluator: budget_fitt")
    text = text.replace("multiply: {risk_fit: 2}", "multiply: {risk_fits: 2}")
    text = text.replace("functions: [social_media, crm]", "functions: [social_media, crmm]")
    criteria = write_yaml("criteria.yaml", text)
    with pytest.raises(CrossReferenceError) as caught:
        load_inputs(
            SHOP_PROFILE,
            catalog_paths=[MINI_CATALOG],
            include_default_catalog=False,
            criteria_path=criteria,
        )
    assert shown(caught.value, criteria) == [
        "criteria.yaml:5:52: criteria[2].evaluator: unknown evaluator 'budget_fitt'"
        " (did you mean 'budget_fit'?)",
        "criteria.yaml:13:16: adjustments[0].multiply.risk_fits: unknown criterion 'risk_fits'"
        " (did you mean 'risk_fit'?)",
        "criteria.yaml:17:63: goals.engage.functions[1]: unknown function 'crmm'"
        " (did you mean 'crm'?)",
    ]


def test_zero_weights_are_refused(write_yaml: WriteYaml) -> None:
    text = MINI_CRITERIA.read_text(encoding="utf-8")
    for weight in ("20", "10", "15", "5"):
        text = text.replace(f"weight: {weight}}}", "weight: 0}")
    criteria = write_yaml("criteria.yaml", text)
    with pytest.raises(CrossReferenceError) as caught:
        load_inputs(
            SHOP_PROFILE,
            catalog_paths=[MINI_CATALOG],
            include_default_catalog=False,
            criteria_path=criteria,
        )
    assert shown(caught.value, criteria) == [
        "criteria.yaml:3:3: criteria: the weights sum to zero (give one a weight above 0)"
    ]


def test_user_files_can_replace_built_in_platforms(
    write_yaml: WriteYaml, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "platform_advisor.loading.catalog_files.readable_shipped_dir", lambda _kind: MINI_CATALOG
    )
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    entry = text[text.index("  - id: ledgerly") : text.index("  - id: bookkeep-free")]
    user = write_yaml(
        "mine.yaml", "platforms:\n" + entry.replace("name: Ledgerly", "name: Ledgerly 2")
    )
    loaded = load_catalog([user])
    assert loaded.catalog.platforms["ledgerly"].name == "Ledgerly 2"
    assert loaded.notices == (f"{user}: 'ledgerly' replaces the built-in entry",)
    assert len(loaded.catalog.platforms) == 8


def test_two_user_files_may_not_define_the_same_platform(write_yaml: WriteYaml) -> None:
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    entry = text[text.index("  - id: ledgerly") : text.index("  - id: bookkeep-free")]
    user = write_yaml("mine.yaml", "platforms:\n" + entry)
    with pytest.raises(CrossReferenceError) as caught:
        load_catalog([MINI_CATALOG, user], include_default=False)
    assert shown(caught.value, user) == [
        "mine.yaml:2:9: platforms[0].id: duplicate id 'ledgerly', first defined in"
        " tests/fixtures/mini/platforms.yaml"
    ]


def shop_errors(write_yaml: WriteYaml, text: str) -> list[str]:
    profile = write_yaml("profile.yaml", text)
    with pytest.raises(CrossReferenceError) as caught:
        load_inputs(
            profile,
            catalog_paths=[MINI_CATALOG],
            include_default_catalog=False,
            criteria_path=MINI_CRITERIA,
        )
    return shown(caught.value, profile)


def test_sales_and_seats_name_platforms_and_functions_the_catalog_has(
    write_yaml: WriteYaml,
) -> None:
    text = SHOP_PROFILE.read_text(encoding="utf-8").replace(
        "sales: {monthly_usd: 5000, monthly_orders: 100}",
        "sales:\n  channels:\n    card_online: {monthly: 5000, count: 100, platform: shopwse}\n"
        "seats_by_function: {acounting: 1}",
    )
    assert shop_errors(write_yaml, text.replace("  country: GB", "  country: US")) == [
        "profile.yaml:15:21: seats_by_function.acounting: unknown function 'acounting'"
        " (did you mean 'accounting'?)",
        "profile.yaml:14:56: sales.channels.card_online.platform: unknown platform 'shopwse'"
        " (did you mean 'shopwise'?)",
    ]


def test_partnerships_name_platforms_the_catalog_has(write_yaml: WriteYaml) -> None:
    text = SHOP_PROFILE.read_text(encoding="utf-8") + (
        "partnerships:\n"
        "  - {name: Town chamber, type: chamber}\n"
        "  - {name: Shop alliance, type: horizontal, platform: shopwse}\n"
    )
    errors = shop_errors(write_yaml, text)
    assert len(errors) == 1
    assert errors[0].endswith(
        "partnerships[1].platform: unknown platform 'shopwse' (did you mean 'shopwise'?)"
    )
    assert errors[0].startswith(f"profile.yaml:{text.count(chr(10))}:")


def test_amounts_in_a_currency_the_catalog_cannot_convert_are_refused(
    write_yaml: WriteYaml,
) -> None:
    """The fixture catalog has no exchange table: it prices in US dollars only."""
    text = SHOP_PROFILE.read_text(encoding="utf-8")
    in_euros = text.replace("  country: GB", "  country: GB\n  currency: EUR")
    assert shop_errors(write_yaml, in_euros) == [
        "profile.yaml:6:13: business.currency: the catalog has no exchange rate for EUR, so no"
        " price can be given in it (rates known: USD)"
    ]
    new_form = text.replace("budget: {monthly_usd: 200}", "budget: {monthly: 200}")
    assert shop_errors(write_yaml, new_form) == [
        "profile.yaml:5:12: business.country: the amounts are read in GBP, the currency of GB,"
        " and the catalog has no exchange rate for it (state business.currency as one the"
        " catalog knows, or give the amounts in the older US-dollar form (monthly_usd))"
    ]
