"""``advisor compare``: finalists side by side, in every format, with every error clean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import html5lib  # type: ignore[import-untyped]
import pytest
from jsonschema import Draft7Validator

from platform_advisor.core.wording import money_change, percent
from platform_advisor.models.schemas import json_schema
from tests.conftest import (
    EXAMPLES,
    MINI_CATALOG,
    MINI_CRITERIA,
    REPOSITORY,
    SHOP_PROFILE,
    Run,
    WriteYaml,
    run_cli,
)

AS_OF = ("--as-of", "2026-11-23")
FORMATS = ("terminal", "markdown", "html", "json")
HOSTILE = "Shop|Wise <script>alert(1)</script> \\ *b* _i_ `c` & [x](javascript:y) ~s~ #1"

#: Two more online stores that also keep the books, and a CRM, beside the mini catalog.
EXTRA_PLATFORMS = """
platforms:
  - id: dualshop
    name: DualShop
    vendor: DualShop Ltd
    url: https://dualshop.example
    functions: [ecommerce, accounting]
    ownership: proprietary
    deployment: [saas]
    pricing:
      model: subscription
      tiers: [{name: Solo, monthly_usd: 25, users_included: 5, transaction_fee_pct: 2.5}]
      setup_usd: 120
      as_of: "2026-06"
      source: https://dualshop.example/pricing
    ratings: {ease_of_use: 4, integrations: 2, automation: 3, customization: 2, scalability: 3,
              data_portability: 2, security: 3, support: 3, reach: 2}
    skill_required: basic
    integrates_with: {native: [fedisocial], api: [ledgerly]}
    last_reviewed: "2026-11-01"
  - id: comboapp
    name: ComboApp
    vendor: ComboApp Inc.
    url: https://comboapp.example
    aliases: [Combo]
    functions: [ecommerce, accounting, crm]
    ownership: open_source
    deployment: [self_hosted]
    pricing:
      model: free
      tiers: [{name: Community, monthly_usd: 0}]
      hosting_monthly_usd: 15
      setup_usd: 400
      as_of: "2026-01"
      source: https://comboapp.example/download
    ratings: {ease_of_use: 2, integrations: 3, automation: 4, customization: 5, scalability: 4,
              data_portability: 5, security: 3, support: 2, reach: 1}
    skill_required: intermediate
    integrates_with: {ipaas: [bookkeep-free]}
    last_reviewed: "2026-11-01"
  - id: crmlite
    name: CRM Lite
    vendor: CRM Lite Ltd
    url: https://crmlite.example
    functions: [crm]
    ownership: proprietary
    deployment: [saas]
    pricing:
      model: free
      tiers: [{name: Free, monthly_usd: 0}]
      as_of: "2026-01"
      source: https://crmlite.example/pricing
    ratings: {ease_of_use: 4, integrations: 2, automation: 2, customization: 2, scalability: 2,
              data_portability: 3, security: 3, support: 2, reach: 0}
    skill_required: none
    last_reviewed: "2026-11-01"
"""


def mini(*extra: str | Path) -> list[str | Path]:
    """The options that compare on the small fixture catalog, criteria and shop profile."""
    return [
        "--profile",
        SHOP_PROFILE,
        "--no-default-catalog",
        "--catalog",
        MINI_CATALOG,
        *extra,
        "--criteria",
        MINI_CRITERIA,
        *AS_OF,
    ]


@pytest.fixture
def extra(write_yaml: WriteYaml) -> list[str | Path]:
    """The mini options with the extra platforms added to the catalog."""
    return mini("--catalog", write_yaml("extra.yaml", EXTRA_PLATFORMS))


def compare(*args: str | Path) -> Run:
    return run_cli("compare", *args)


def ok(*args: str | Path) -> str:
    result = compare(*args)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def as_json(*args: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(ok(*args, "--format", "json"))
    return data


def by_id(comparison: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {finalist["platform"]: finalist for finalist in comparison["finalists"]}


STORES = ("shopwise", "opencart-x", "megamall")


# Every format ------------------------------------------------------------------------------


def test_terminal_shows_scores_criteria_cost_links_and_verdicts() -> None:
    lines = ok(*STORES, *mini()).splitlines()
    assert lines[0] == "ShopWise, OpenCart X, MegaMall Marketplace: compared for Test Shop"
    assert lines[1] == "Compared as online store, the one needed function all three serve."
    text = "\n".join(lines)
    assert "  ShopWise                  81.4 ████████▏   1 of 2, recommended" in text
    assert "not eligible (would place 2 of 3)" in text
    for heading in ("Per criterion", "Cost and fit", "Links to the recommended stack"):
        assert heading in text
    assert "Where each one wins and loses" in text
    assert "Not eligible: not sold in GB." in text
    assert "In place of ShopWise for online store" in text


def test_terminal_output_fits_the_screen_with_five_finalists(extra: list[str | Path]) -> None:
    output = ok(*STORES, "dualshop", "comboapp", *extra)
    assert max(len(line) for line in output.splitlines()) <= 100
    assert " Criterion " in output and "ComboApp" in output


def test_markdown_puts_every_criterion_in_one_table() -> None:
    markdown = ok(*STORES, *mini(), "--format", "markdown")
    assert markdown.startswith("# ShopWise, OpenCart X, MegaMall Marketplace: compared for ")
    assert "| Criterion | Weight | ShopWise | OpenCart X | MegaMall Marketplace |" in markdown
    weight = percent(as_json(*STORES, *mini())["criteria"][-1]["weight"])
    row = f"| Ease of use | {weight} | 1.00 · **5.6** ✓ | 0.40 · 2.2 | 0.80 · 4.4 |"
    assert row in markdown
    assert "| Rank | 1 of 2, recommended | 2 of 2 | not eligible" in markdown
    assert "- **MegaMall Marketplace:** not sold in GB." in markdown
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert headings == [
        "## At a glance",
        "## Not eligible",
        "## Where each one wins and loses",
        "## Criterion by criterion",
        "## Cost of ownership",
        "## Team, ownership and exit",
        "## With the recommended stack",
        "## Price sources",
        "## Assumptions",
    ]


def parse_strictly(html: str) -> Element:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: Element = parser.parse(html)
    assert parser.errors == []
    return tree


def test_html_is_a_valid_self_contained_page() -> None:
    html = ok(*STORES, *mini(), "--format", "html")
    assert html.startswith("<!doctype html>\n")
    tree = parse_strictly(html)
    titles = ["".join(node.itertext()) for node in tree.iter("title")]
    assert titles == ["ShopWise, OpenCart X, MegaMall Marketplace: compared for Test Shop"]
    headers = ["".join(node.itertext()).strip() for node in tree.iter("th")]
    assert headers.count("MegaMall Marketplace") >= 3
    assert "http" not in "".join(node.get("src", "") for node in tree.iter())


def test_json_meets_the_published_comparison_schema() -> None:
    data = as_json(*STORES, *mini())
    published = json.loads(
        (REPOSITORY / "docs" / "schemas" / "comparison.schema.json").read_text(encoding="utf-8")
    )
    assert published == json_schema("comparison"), "regenerate docs/schemas"
    assert list(Draft7Validator(published).iter_errors(data)) == []
    assert data["schema_version"] == "2.0"
    assert [f["platform"] for f in data["finalists"]] == list(STORES)


def test_a_broken_comparison_fails_the_schema() -> None:
    data = as_json(*STORES, *mini())
    data["finalists"][0]["score"] = 140
    del data["criteria"][0]["cells"]
    errors = sorted(e.message for e in Draft7Validator(json_schema("comparison")).iter_errors(data))
    assert errors == ["'cells' is a required property", "140 is greater than the maximum of 100"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_gives_the_same_bytes_twice(fmt: str) -> None:
    args = (*STORES, *mini(), "--format", fmt)
    assert ok(*args) == ok(*args)


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_file_holds_what_stdout_would(tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"compare.{fmt}"
    result = compare(*STORES, *mini(), "--format", fmt, "--output", target)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {target}\n"), result
    expected = ok(*STORES, *mini(), "--format", fmt)
    assert target.read_text(encoding="utf-8") == expected


# Numbers that add up -----------------------------------------------------------------------


def test_each_finalists_points_add_up_to_its_score(extra: list[str | Path]) -> None:
    data = as_json(*STORES, "dualshop", "comboapp", *extra)
    for index, finalist in enumerate(data["finalists"]):
        points = sum(row["cells"][index]["points"] for row in data["criteria"])
        assert abs(points - finalist["score"]) <= 0.05 + 1e-9, finalist["platform"]


def test_each_row_marks_the_most_points() -> None:
    data = as_json(*STORES, *mini())
    for row in data["criteria"]:
        points = [cell["points"] for cell in row["cells"]]
        leaders = [cell["leads"] for cell in row["cells"]]
        if max(points) - min(points) < 0.05:
            assert not any(leaders), row["criterion"]
        else:
            assert leaders == [max(points) - p < 0.05 for p in points], row["criterion"]
    sector = next(row for row in data["criteria"] if row["criterion"] == "sector_fit")
    assert not any(cell["leads"] for cell in sector["cells"])  # all three level


def test_costs_recompute_from_the_monthly_figures_and_set_up(extra: list[str | Path]) -> None:
    data = as_json(*STORES, "dualshop", "comboapp", *extra)
    for finalist in data["finalists"]:
        cost = finalist["cost"]
        parts = ("subscription", "hosting", "skill_gap", "fees")
        assert cost["monthly_total"] == pytest.approx(sum(cost[p] for p in parts), abs=0.01)
        monthly, setup = cost["monthly_total"], cost["setup"]
        assert cost["year_one"] == pytest.approx(12 * monthly + setup, abs=0.06)
        assert cost["three_years"] == pytest.approx(36 * monthly + setup, abs=0.18)
    costs = {f["platform"]: f["cost"] for f in data["finalists"]}
    assert costs["comboapp"]["setup"] == 400
    assert costs["comboapp"]["hosting"] == 15
    assert costs["comboapp"]["skill_gap"] > 0  # self-hosted, beyond the team's skill
    assert costs["dualshop"]["prices_stale"] is False
    assert costs["opencart-x"]["prices_stale"] is True


def test_scores_and_ranks_are_those_of_advisor_score() -> None:
    data = as_json(*STORES, *mini())
    scored = run_cli(
        "score",
        SHOP_PROFILE,
        "--no-default-catalog",
        "--catalog",
        MINI_CATALOG,
        "--criteria",
        MINI_CRITERIA,
        "--format",
        "json",
        *AS_OF,
    )
    strategy = json.loads(scored.stdout)
    ranking = {s["platform"]: s for s in strategy["rankings"]["ecommerce"]}
    for finalist in data["finalists"]:
        if finalist["eligible"]:
            assert finalist["score"] == ranking[finalist["platform"]]["score"]
            assert finalist["rank"] == ranking[finalist["platform"]]["rank"]
            assert finalist["ranked"] == len(ranking)
    assert data["stack"] == strategy["stack"]
    stack_total = strategy["cost"]["monthly_total"]
    for finalist in data["finalists"]:
        swap = finalist["swap"]
        if finalist["recommended"]:
            assert swap is None
            continue
        assert swap["monthly_change"] == pytest.approx(
            swap["stack_monthly"] - stack_total, abs=0.01
        )
        chosen = ranking[swap["replaces"]]["score"]
        assert swap["score_change"] == pytest.approx(finalist["score"] - chosen, abs=0.051)


@pytest.mark.parametrize("method", ["weighted-product", "topsis"])
def test_another_method_scores_as_advisor_score_does(method: str) -> None:
    data = as_json(*STORES, *mini(), "--method", method)
    assert data["method"] == method.replace("-", "_")
    scored = run_cli(
        "score", SHOP_PROFILE, "--no-default-catalog", "--catalog", MINI_CATALOG,
        "--criteria", MINI_CRITERIA, "--format", "json", "--method", method, *AS_OF,
    )  # fmt: skip
    ranking = {s["platform"]: s for s in json.loads(scored.stdout)["rankings"]["ecommerce"]}
    finalists = by_id(data)
    for platform in ("shopwise", "opencart-x"):
        assert finalists[platform]["score"] == ranking[platform]["score"]
        assert finalists[platform]["rank"] == ranking[platform]["rank"]
    default = by_id(as_json(*STORES, *mini()))
    assert finalists["shopwise"]["score"] != default["shopwise"]["score"]
    assert finalists["megamall"]["eligible"] is False
    assert finalists["megamall"]["score"] != default["megamall"]["score"]
    assert "do not add up to the score" in data["notes"][0]


def test_an_excluded_finalist_is_shown_scored_and_marked() -> None:
    finalist = by_id(as_json(*STORES, *mini()))["megamall"]
    assert finalist["eligible"] is False
    assert finalist["exclusion_reasons"] == ["not sold in GB"]
    assert finalist["rank"] is None
    assert finalist["place_if_allowed"] == 2  # between the two eligible stores
    assert finalist["verdict"].startswith("Excluded by the profile's constraints; ")
    assert finalist["swap"]["summary"].startswith("Were the constraints to allow it, in place")


def test_skill_needed_is_set_against_the_teams() -> None:
    finalists = by_id(as_json(*STORES, *mini()))
    assert finalists["shopwise"]["skill_note"] == "needs basic skills; the team has basic"
    assert finalists["opencart-x"]["skill_note"] == (
        "needs advanced skills, 2 levels above the team's basic: "
        "the cost includes outside help to run it"
    )


def test_verdicts_name_where_each_leads_and_trails() -> None:
    finalists = by_id(as_json(*STORES, *mini()))
    shopwise, opencart = finalists["shopwise"], finalists["opencart-x"]
    assert shopwise["leads_on"] == ["audience_fit", "existing_fit"]
    assert shopwise["trails_on"] == ["risk_fit", "goal_fit"]
    assert shopwise["verdict"] == (
        "ShopWise scores 81.4, 18.4 points ahead of MegaMall Marketplace. It leads on audience "
        "fit (+7.4 points over the next best) and existing fit (+2.8 points). It trails most "
        "on risk fit (8.1 points behind OpenCart X) and goal fit (4.4 points behind MegaMall "
        "Marketplace)."
    )
    assert opencart["leads_on"][0] == "risk_fit"
    assert "goal fit (8.9 points behind MegaMall Marketplace)" in opencart["verdict"]


# The function compared and the stack around it ------------------------------------------


def test_several_shared_functions_default_to_the_first_needed(extra: list[str | Path]) -> None:
    data = as_json("dualshop", "comboapp", *extra)
    assert data["function"] == "ecommerce"
    assert data["shared_functions"] == ["ecommerce", "accounting"]
    assert data["function_note"] == (
        "Compared as online store, the first needed function both serve; they also share "
        "accounting (pick one with --function)."
    )


def test_function_option_picks_another_shared_function(extra: list[str | Path]) -> None:
    data = as_json("DualShop", "Combo", *extra, "--function", "accounting")
    assert data["function"] == "accounting"
    assert data["function_label"] == "Accounting"
    assert data["function_note"] == (
        "Compared as accounting, as asked; they also share online store (pick one with --function)."
    )
    assert [f["platform"] for f in data["finalists"]] == ["dualshop", "comboapp"]


def test_links_to_the_stack_and_what_a_swap_would_change(extra: list[str | Path]) -> None:
    data = as_json("dualshop", "comboapp", "ledgerly", *extra, "--function", "accounting")
    chosen = {item["function"]: item["platform"] for item in data["stack"]}
    assert chosen == {
        "ecommerce": "shopwise",
        "accounting": "bookkeep-free",
        "social_media": "picgram",  # in use and linked to ShopWise
    }
    # The rest of the stack, each finalist's link to it as the catalog records it, either side.
    assert [(row["platform"], row["role"], row["links"]) for row in data["integrations"]] == [
        ("shopwise", ["Online store"], ["none", "none", "native"]),
        ("picgram", ["Social media"], ["none", "none", "none"]),
    ]
    finalists = by_id(data)
    assert finalists["ledgerly"]["swap"]["links_gained"] == ["a native link to ShopWise"]
    assert finalists["dualshop"]["swap"]["links_gained"] == []
    # ComboApp's hosting, outside help and set-up cost more than the whole budget.
    combo = finalists["comboapp"]
    assert (combo["rank"], combo["recommended"]) == (5, False)
    assert combo["swap"]["within_budget"] is False
    assert combo["swap"]["summary"] == (
        "In place of BookKeep Free for accounting: score -16.2, stack cost +US$165/month "
        "(US$245 fixed a month, over the US$200 budget). Links stay as they are."
    )


def test_real_example_shopify_woocommerce_squarespace() -> None:
    data = as_json(
        "shopify",
        "woocommerce",
        "squarespace",
        "--profile",
        EXAMPLES / "retailer.yaml",
        *AS_OF,
    )
    assert data["function"] == "ecommerce"
    finalists = by_id(data)
    assert finalists["shopify"]["recommended"] is True
    rows = {row["platform"]: row["links"] for row in data["integrations"]}
    assert rows["shopify"] == ["itself", "none", "none"]  # Shopify stays for payments
    assert rows["quickbooks-online"] == ["native", "ipaas", "none"]
    swap = finalists["woocommerce"]["swap"]
    assert swap["links_lost"] == [
        "a native link to Freshsales",
        "a native link to QuickBooks Online (left with an iPaaS one)",
    ]
    assert swap["summary"].endswith(
        "Shopify processes only its own sales, so payment processing would need another provider."
    )


# Hostile data ------------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> list[str | Path]:
    """The mini catalog with ShopWise renamed to markup and Markdown."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    quoted = HOSTILE.replace("'", "''")
    (folder / "platforms.yaml").write_text(
        text.replace("name: ShopWise", f"name: '{quoted}'"), encoding="utf-8"
    )
    (folder / "taxonomy.yaml").write_text(
        (MINI_CATALOG / "taxonomy.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return ["--profile", SHOP_PROFILE, "--no-default-catalog", "--catalog", folder]


def test_a_hostile_name_stays_text_in_markdown_and_html(hostile: list[str | Path]) -> None:
    args = ("shopwise", "opencart-x", *hostile, "--criteria", MINI_CRITERIA, *AS_OF)
    markdown = ok(*args, "--format", "markdown")
    header = next(line for line in markdown.splitlines() if line.startswith("| Criterion |"))
    assert header.count(" | ") == 3  # the escaped | does not add a column
    html = ok(*args, "--format", "html")
    assert "<script" not in html
    tree = parse_strictly(html)
    headers = ["".join(node.itertext()).strip() for node in tree.iter("th")]
    assert HOSTILE in headers


# Errors ------------------------------------------------------------------------------------

ERRORS = [
    (
        ["shopwise"],
        "give two to five platforms to compare (got 1: 'shopwise'); name them by id, name or alias",
    ),
    ([], "give two to five platforms to compare (got 0: none); name them by id, name or alias"),
    (
        ["a", "b", "c", "d", "e", "f"],
        "give two to five platforms to compare (got 6: 'a', 'b', 'c', 'd', 'e', 'f'); "
        "name them by id, name or alias",
    ),
    (["shopwise", "shopwise"], "'shopwise' is named twice; give each platform once"),
    (
        ["shopwise", "ShopWise"],
        "'shopwise' and 'ShopWise' both name ShopWise; give each platform once",
    ),
    (["shopwse", "ledgerly"], "no platform 'shopwse' in the catalog (did you mean 'shopwise'?)"),
    (
        ["shopwise", "ledgerly"],
        "ShopWise and Ledgerly share no function the profile needs, so there is nothing to "
        "compare them on. They serve: ShopWise: ecommerce; Ledgerly: accounting. The profile "
        "needs: ecommerce, accounting, social_media. Compare platforms that fill the same need.",
    ),
    (
        ["ledgerly", "tinycrm", "--function", "crm"],
        "cannot compare them as 'crm': the profile does not need it (add it to 'needs'); "
        "they can be compared as: accounting",
    ),
    (
        ["ledgerly", "tinycrm", "--function", "acounting"],
        "cannot compare them as 'acounting': the catalog has no such function "
        "(did you mean 'accounting'?); they can be compared as: accounting",
    ),
    (
        ["ledgerly", "tinycrm", "--function", "social_media"],
        "cannot compare them as 'social_media': Ledgerly and TinyCRM do not serve it; "
        "they can be compared as: accounting",
    ),
]


@pytest.mark.parametrize(
    ("args", "message"),
    ERRORS,
    ids=[
        "one",
        "none",
        "six",
        "twice",
        "twice-by-name",
        "unknown",
        "nothing-shared",
        "function-not-needed",
        "function-unknown",
        "function-not-served",
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_errors_exit_1_with_a_message_and_nothing_on_stdout(
    args: list[str], message: str, fmt: str
) -> None:
    result = compare(*args, *mini(), "--format", fmt)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert result.stderr == f"error: {message}\n"


def test_sharing_only_an_unneeded_function_says_so(extra: list[str | Path]) -> None:
    result = compare("tinycrm", "crmlite", *extra)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert result.stderr.endswith(
        "They share crm, which the profile does not need; add it to 'needs' to compare "
        "them there.\n"
    )
    assert result.stderr.startswith("error: TinyCRM and CRM Lite share no function")


def test_a_missing_profile_is_a_clean_error(tmp_path: Path) -> None:
    missing = tmp_path / "absent.yaml"
    result = run_cli("compare", *STORES, "--profile", missing)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert result.stderr == f"error: {missing}: no such file\n"


@pytest.mark.parametrize(
    ("amount", "cents", "shown"),
    [
        (12.4, False, "+$12"),
        (-3.0, False, "-$3"),
        (-0.5, None, "-$0.50"),
        (0.5, None, "+$0.50"),
        (-0.4, False, "$0"),  # never "-$0"
        (0.0, False, "$0"),
        (-0.0, None, "$0"),
    ],
)
def test_a_change_in_money_has_a_sign_only_when_it_shows_an_amount(
    amount: float, cents: bool | None, shown: str
) -> None:
    assert money_change(amount, cents=cents) == shown
