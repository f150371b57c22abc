"""The recommended stack on a catalog small enough to work out by hand: its value split
into fit, integration and vendor concentration (links to platforms in use counted as
integration), the rows the report shows, the runner-up and what it does differently,
and whether the budget binds.

Written from the survivors of mutation testing (docs/mutation-testing.md).

Three functions, eight stacks (crm, email, accounting; medium risk: 3 points per pair of
functions on one vendor; a native link 4, an iPaaS link 2, one platform for two
functions 4, an API link 1; the data of each pair of these functions flows between
them, so every link counts in full). Mailer's iPaaS link to Shop, which the business
keeps, adds 2 to it.

    Suite, Suite, Books    70.004 + 55.5 + 60    + 12 - 9 = 188.504   $60
    Suite, Suite, Ledger   70.004 + 55.5 + 62.25 +  4 - 3 = 188.754   $55.254
    Suite, Mailer, Books   70.004 + 57   + 60    +  4 - 3 = 188.004   $70
    Suite, Mailer, Ledger  70.004 + 57   + 62.25          = 189.254   $65.254
    Old CRM, ...           at most 60 + 57 + 62.25 + 1    = 180.25
"""

from __future__ import annotations

from typing import Any

import pytest

from platform_advisor.algorithms.stack_search import Stack, stack_value
from platform_advisor.core.report import stack as stack_module
from platform_advisor.core.report.stack import (
    StackChoice,
    _differences,
    choose_stack,
    stack_problem,
)
from platform_advisor.core.report.stack_terms import (
    RULED_OUT,
    StackMoney,
    link_bonus,
    link_terms,
    worth_a_move,
)
from platform_advisor.errors import AdviceError
from platform_advisor.models.catalog import Catalog, Platform
from platform_advisor.models.criteria import StackTerms
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import ScoredPlatform
from tests import factories as f
from tests.conftest import EXAMPLES, WriteYaml, run_cli


def platform(
    pid: str, name: str, vendor: str, functions: list[str], usd: float, **more: Any
) -> Platform:
    return f.platform(
        id=pid,
        name=name,
        vendor=vendor,
        functions=functions,
        tiers=[{"name": "Plan", "monthly_usd": usd}],
        **more,
    )


def shop_catalog() -> Catalog:
    return f.catalog(
        platform(
            "suite",
            "Suite",
            "Acme",
            ["crm", "email_marketing"],
            40,
            integrates_with={"native": ["books"]},
        ),
        platform(
            "mailer",
            "Mailer",
            "Post Ltd",
            ["email_marketing"],
            10,
            integrates_with={"ipaas": ["shop"]},
        ),
        platform("books", "Books", "Acme", ["accounting"], 20, integrates_with={"api": ["oldcrm"]}),
        platform("ledger", "Ledger", "Ledger Inc", ["accounting"], 15.254),
        platform("oldcrm", "Old CRM", "Old Co", ["crm"], 5),
        platform("shop", "Shop", "Shopco", ["ecommerce"], 30),
        flows=(
            ("crm", "accounting"),
            ("email_marketing", "accounting"),
            ("email_marketing", "ecommerce"),
        ),
    )


def scored(catalog: Catalog, pid: str, exact: float) -> ScoredPlatform:
    """A scored candidate with the fields the stack reads; the rest are placeholders."""
    entry = catalog.platforms[pid]
    usd = entry.pricing.tiers[0].monthly_price
    return ScoredPlatform.model_construct(
        platform=pid,
        name=entry.name,
        vendor=entry.vendor,
        rank=0,
        score=round(exact, 1),
        score_exact=exact,
        ownership=entry.ownership,
        deployment=entry.deployment,
        monthly_cost=usd,
        fixed_cost=usd,
        fees=0.0,
        fees_estimated=False,
        one_off=0.0,
        horizon_cost=36 * usd,
        cost_basis="",
        prices_as_of=entry.pricing.as_of,
        price_source=entry.pricing.source,
        highlights=(),
        drawbacks=(),
        contributions=(),
    )


def rankings(catalog: Catalog) -> dict[str, tuple[ScoredPlatform, ...]]:
    return {
        "crm": (scored(catalog, "suite", 70.004), scored(catalog, "oldcrm", 60.0)),
        "email_marketing": (scored(catalog, "mailer", 55.0), scored(catalog, "suite", 55.5)),
        "accounting": (scored(catalog, "ledger", 62.25), scored(catalog, "books", 60.0)),
    }


def stack_money(catalog: Catalog, profile: Profile | None = None) -> StackMoney:
    """The business's money in US dollars; the candidates carry their own fixed costs and
    no sales go through them, so no pair of them saves fees."""
    return StackMoney(f.money(catalog, profile or f.profile()))


def advise_stack(budget: float, terms: StackTerms | None = None) -> StackChoice:
    catalog = shop_catalog()
    profile = f.profile(budget={"monthly_usd": budget}, existing_platforms=["oldcrm", "shop"])
    return choose_stack(
        rankings(catalog), catalog, profile, terms or StackTerms(), stack_money(catalog, profile)
    )


def rows(
    choice: StackChoice,
) -> list[tuple[str, str, str, float, str, tuple[str, ...], tuple[str, ...]]]:
    return [
        (i.function, i.platform, i.name, i.score, i.vendor, i.shared_with, i.replaces)
        for i in choice.items
    ]


def test_the_best_stack_splits_its_value_and_counts_links_to_kept_platforms_as_integration() -> (
    None
):
    search = advise_stack(100).search
    assert (search.value, search.fit, search.integration, search.concentration) == (
        189.25,
        187.25,
        2.0,
        0.0,
    )
    assert search.proven_optimal and search.nodes >= 1


def test_each_row_names_the_platform_its_vendor_and_the_platform_in_use_it_replaces() -> None:
    assert rows(advise_stack(100)) == [
        ("crm", "suite", "Suite", 70.0, "Acme", (), ("Old CRM",)),
        ("email_marketing", "mailer", "Mailer", 55.0, "Post Ltd", (), ()),
        ("accounting", "ledger", "Ledger", 62.2, "Ledger Inc", (), ()),
    ]


def test_the_runner_up_is_worth_its_own_value_and_says_what_it_does_differently() -> None:
    runner_up = advise_stack(100).search.runner_up
    assert runner_up is not None
    assert (runner_up.value, runner_up.gap, runner_up.monthly_cost) == (188.75, 0.5, 55.25)
    assert [(i.platform, i.shared_with, i.replaces) for i in runner_up.stack] == [
        ("suite", ("email_marketing",), ("Old CRM",)),
        ("suite", ("crm",), ()),
        ("ledger", (), ()),
    ]
    assert runner_up.differences == (
        "Email marketing: Suite (55.5) instead of Mailer (55.0)",
        "In points against the recommended stack: fit -1.5, integration +4.0, "
        "vendor concentration penalty +3.0, cost -US$10/month",
    )


def test_a_budget_that_fits_the_best_stack_does_not_bind() -> None:
    budget = advise_stack(100).search.budget
    assert (budget.budget, budget.stack_cost, budget.binding) == (100, 65.25, False)
    assert budget.note == "The budget does not limit the choice: the best stack fits within it."


def test_a_budget_that_rules_out_the_best_stack_binds_and_says_what_it_costs() -> None:
    choice = advise_stack(62)
    assert [i.platform for i in choice.items] == ["suite", "suite", "ledger"]
    assert choice.search.value == 188.75
    budget = choice.search.budget
    assert (budget.budget, budget.stack_cost, budget.binding) == (62, 55.25, True)
    assert budget.note == (
        "The budget rules out a stronger stack costing US$65/month (0.5 points better)."
    )


def test_a_search_out_of_work_says_its_stack_is_unproven_and_the_budget_unsettled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With no work allowed, the stack is the best found (greedily), with the gap the
    search proved, and whether the budget binds is said to be unsettled, not guessed."""
    monkeypatch.setattr(stack_module, "SEARCH_WORK", 1)
    choice = advise_stack(62)
    assert not choice.search.proven_optimal
    assert choice.search.gap > 0
    assert choice.search.budget.binding is False
    assert choice.search.budget.note == (
        "The search did not settle whether a stronger stack lies above the budget."
    )


def test_a_single_possible_stack_has_no_runner_up() -> None:
    catalog = shop_catalog()
    only = {"crm": (scored(catalog, "oldcrm", 50.0),)}
    choice = choose_stack(only, catalog, f.profile(), StackTerms(), stack_money(catalog))
    assert [i.platform for i in choice.items] == ["oldcrm"]
    assert choice.search.runner_up is None


def test_the_terms_of_the_chosen_stack_are_shown_to_two_decimals() -> None:
    # Suite, Suite, Ledger: 4.254 for one platform filling two functions, 3.254 for two
    # functions on one vendor (the value stays 188.754).
    terms = StackTerms(same_platform=4.254, vendor_penalty={"medium": 3.254})
    search = advise_stack(62, terms).search
    assert (search.value, search.fit, search.integration, search.concentration) == (
        188.75,
        187.75,
        4.25,
        3.25,
    )


def test_a_risk_tolerance_the_terms_leave_out_carries_no_vendor_penalty() -> None:
    catalog = shop_catalog()
    terms = StackTerms(vendor_penalty={"low": 7.0})
    owner = f.profile(risk_tolerance="medium")
    problem = stack_problem(rankings(catalog), catalog, owner, terms, stack_money(catalog, owner))
    assert problem.vendor_penalty == 0.0


def test_the_problem_carries_the_terms_of_the_profiles_risk_tolerance_and_budget() -> None:
    catalog = shop_catalog()
    terms = StackTerms(vendor_penalty={"low": 7.0, "medium": 3.0, "high": 0.5})
    profile = f.profile(
        risk_tolerance="low", budget={"monthly_usd": 80}, existing_platforms=["shop"]
    )
    problem = stack_problem(
        rankings(catalog), catalog, profile, terms, stack_money(catalog, profile)
    )
    assert (problem.vendor_penalty, problem.budget, problem.same_platform_bonus) == (7.0, 80, 4.0)
    assert problem.functions == ("crm", "email_marketing", "accounting")
    assert problem.pair_bonus == {}
    assert problem.function_pairs == {
        ("crm", "accounting"): {("suite", "books"): 4.0, ("oldcrm", "books"): 1.0},
        ("email_marketing", "accounting"): {("suite", "books"): 4.0},
    }
    values = {o.platform: o.value for o in problem.options["email_marketing"]}
    assert values == {"mailer": 57.0, "suite": 55.5}
    assert [o.fixed_cost for o in problem.options["accounting"]] == [15.254, 20.0]


def stack(fit: float, cost: float, integration: float = 0.0, concentration: float = 0.0) -> Stack:
    return Stack(
        choice={"crm": "suite"},
        value=fit + integration - concentration,
        fit=fit,
        integration=integration,
        concentration=concentration,
        cost=cost,
    )


@pytest.mark.parametrize(
    ("best", "second", "words"),
    [
        (stack(0.0, 0.0), stack(0.0, 0.0), []),
        (stack(0.0, 0.0), stack(0.04, 0.49, 0.04, -0.04), []),
        (stack(0.0, 0.0), stack(0.05, 0.0), ["fit +0.1"]),
        (stack(0.0, 0.0), stack(-0.05, 0.0, 0.05), ["fit -0.1", "integration +0.1"]),
        (stack(0.0, 0.0), stack(0.0, 0.0, 0.0, 0.05), ["vendor concentration penalty +0.1"]),
        (stack(0.0, 0.0, 0.0, 3.0), stack(0.0, 0.0, 0.0, 3.0), []),
        (
            stack(0.0, 0.0, 0.0, 3.0),
            stack(0.0, 0.0, 0.0, 1.0),
            ["vendor concentration penalty -2.0"],
        ),
        (stack(2.0, 10.0, 1.0), stack(1.0, 10.0, 3.0), ["fit -1.0", "integration +2.0"]),
        (stack(0.0, 0.0), stack(0.0, 0.51), ["cost +US$1/month"]),
        (stack(0.0, 1300.0), stack(0.0, 66.0), ["cost -US$1,234/month"]),
    ],
)
def test_the_runner_up_names_the_terms_that_differ_by_a_tenth_of_a_point_or_half_a_dollar(
    best: Stack, second: Stack, words: list[str]
) -> None:
    catalog = shop_catalog()
    lines = _differences(best, second, rankings(catalog), catalog, f.money(catalog))
    expected = ["In points against the recommended stack: " + ", ".join(words)] if words else []
    assert lines == expected


# --- The words of a stack that cannot be formed: over budget, the cheapest stack named


def test_the_cheapest_stack_lists_a_platform_once_with_every_function_it_fills() -> None:
    catalog = shop_catalog()
    only_suite = {**rankings(catalog), "crm": (scored(catalog, "suite", 70.004),)}
    poor = f.profile(budget={"monthly_usd": 50})
    with pytest.raises(AdviceError) as raised:
        choose_stack(only_suite, catalog, poor, StackTerms(), stack_money(catalog, poor))
    assert str(raised.value) == (
        "No complete stack fits the budget of US$50/month: the cheapest stack that fills "
        "every need costs US$55/month (Suite for crm, email "
        "marketing; Ledger for accounting). Raise the monthly budget, or drop a function "
        "from 'needs'."
    )


def test_a_stack_over_budget_is_refused_on_the_command_line(write_yaml: WriteYaml) -> None:
    text = (EXAMPLES / "retailer.yaml").read_text(encoding="utf-8")
    needs = "needs: [ecommerce, payments, social_media, crm, email_marketing, accounting]"
    assert needs in text and "monthly: 450" in text
    text = text.replace(needs, "needs: [payroll, accounting]")
    poor = write_yaml("poor.yaml", text.replace("monthly: 450", "monthly: 1"))
    result = run_cli("score", poor)
    assert (result.exit_code, result.stdout) == (1, ""), result.stderr
    words = " ".join(result.stderr.split())
    assert words.startswith(
        "error: No complete stack fits the budget of $1/month: the cheapest stack that fills "
        "every need costs $"
    )
    assert words.endswith("Raise the monthly budget, or drop a function from 'needs'.")


def test_a_function_without_candidates_has_no_stack() -> None:
    acme = f.platform()
    with pytest.raises(AdviceError) as raised:
        lone = f.catalog(acme)
        choose_stack({"crm": ()}, lone, f.profile(), StackTerms(), stack_money(lone))
    assert str(raised.value) == "No complete stack can be formed from the candidates."


# --- What works is kept; what a consultant would not sign is never chosen


def test_a_platform_in_use_is_replaced_only_by_one_clearly_better_on_the_criteria() -> None:
    catalog = shop_catalog()
    close = (scored(catalog, "suite", 62.9), scored(catalog, "oldcrm", 60.0))
    assert [s.platform for s in worth_a_move(close, ["oldcrm"], 3.0)] == ["oldcrm"]
    clear = (scored(catalog, "suite", 63.0), scored(catalog, "oldcrm", 60.0))
    assert [s.platform for s in worth_a_move(clear, ["oldcrm"], 3.0)] == ["suite", "oldcrm"]
    assert [s.platform for s in worth_a_move(close, [], 3.0)] == ["suite", "oldcrm"]


def test_links_do_not_buy_the_replacement_of_a_platform_that_works() -> None:
    """Suite would win the CRM on its links (native to Books, same platform for email),
    but scores only 2 points above Old CRM, which the business uses: Old CRM stays."""
    catalog = shop_catalog()
    close = {
        **rankings(catalog),
        "crm": (scored(catalog, "suite", 62.0), scored(catalog, "oldcrm", 60.0)),
    }
    owner = f.profile(budget={"monthly_usd": 100}, existing_platforms=["oldcrm", "shop"])
    choice = choose_stack(close, catalog, owner, StackTerms(), stack_money(catalog, owner))
    assert {i.function: i.platform for i in choice.items}["crm"] == "oldcrm"


def test_each_replacement_carries_its_business_case() -> None:
    """Suite (70.004) replaces Old CRM (60.0): 10.0 points better; US$40 against US$5 a
    month is US$1,260 more over 36 months."""
    crm = next(i for i in advise_stack(100).items if i.function == "crm")
    assert crm.replaces == ("Old CRM",)
    assert crm.business_case == ("10.0 points better on the criteria; US$1,260 more over 36 months")


def test_a_second_product_for_what_an_erp_includes_is_ruled_out() -> None:
    ledgers = f.function("accounting")
    erp = f.function("erp", includes=["accounting"])
    catalog = f.catalog(
        platform("suite", "Suite", "Acme", ["erp", "accounting"], 40),
        platform("books", "Books", "Books Ltd", ["accounting"], 0),
        functions=(erp, ledgers),
    )
    ranked = {
        "erp": (scored(catalog, "suite", 70.0),),
        "accounting": (scored(catalog, "books", 90.0), scored(catalog, "suite", 60.0)),
    }
    owner = f.profile(existing_platforms=[])
    problem = stack_problem(ranked, catalog, owner, StackTerms(), stack_money(catalog, owner))
    assert problem.function_pairs[("erp", "accounting")] == {("suite", "books"): -RULED_OUT}
    choice = choose_stack(ranked, catalog, owner, StackTerms(), stack_money(catalog, owner))
    assert {i.function: i.platform for i in choice.items} == {
        "erp": "suite",
        "accounting": "suite",
    }
    kept = f.profile(existing_platforms=["books"])  # unless the business keeps one in use
    problem = stack_problem(ranked, catalog, kept, StackTerms(), stack_money(catalog, kept))
    assert problem.function_pairs[("erp", "accounting")] == {}


def test_a_processor_of_only_its_own_sales_goes_only_with_its_own_store() -> None:
    own_fees = [
        {
            "countries": ["GB"],
            "currency": "GBP",
            "own_sales_only": True,
            "rates": {"card_online": {"pct": 2.0}},
            "as_of": "2026-01",
            "source": "https://shopx.example/fees",
        }
    ]
    catalog = f.catalog(
        platform("shopx", "ShopX", "ShopX Inc", ["ecommerce", "payments"], 30, fees=own_fees),
        platform("woo", "Woo", "Woo Ltd", ["ecommerce"], 0),
        platform("payco", "PayCo", "PayCo Ltd", ["payments"], 0),
    )
    ranked = {
        "ecommerce": (scored(catalog, "woo", 80.0), scored(catalog, "shopx", 70.0)),
        "payments": (scored(catalog, "shopx", 90.0), scored(catalog, "payco", 60.0)),
    }
    owner = f.profile()
    problem = stack_problem(ranked, catalog, owner, StackTerms(), stack_money(catalog, owner))
    assert problem.function_pairs[("ecommerce", "payments")] == {("woo", "shopx"): -RULED_OUT}


def test_a_link_counts_by_the_data_that_flows_between_the_two_functions() -> None:
    """A till linked to the books carries every sale (a flow the taxonomy lists): full
    points. A listing linked to an email tool carries little: a quarter."""
    catalog = f.catalog(
        platform("till", "Till", "Till Co", ["pos"], 0, integrates_with={"native": ["books"]}),
        platform("books", "Books", "Books Co", ["accounting"], 0),
        platform("listing", "Listing", "Map Co", ["local_listings"], 0,
                 integrates_with={"native": ["mailer"]}),
        platform("mailer", "Mailer", "Post Ltd", ["email_marketing"], 0),
        flows=(("pos", "accounting"),),
    )  # fmt: skip
    options = {
        "pos": ["till"],
        "accounting": ["books"],
        "local_listings": ["listing"],
        "email_marketing": ["mailer"],
    }
    terms = link_terms(options, catalog, link_bonus(StackTerms()))
    assert terms[("pos", "accounting")] == {("till", "books"): 4.0}
    assert terms[("local_listings", "email_marketing")] == {("listing", "mailer"): 1.0}
    assert ("pos", "local_listings") not in terms


def test_a_link_counts_once_for_each_pair_of_functions_whose_data_it_carries() -> None:
    """Suite fills crm and email marketing and links natively to Books: the link carries
    customers and campaigns to the books, two flows, 4 points each (docs/scoring.md)."""
    catalog = shop_catalog()
    profile = f.profile(existing_platforms=["shop"])
    problem = stack_problem(
        rankings(catalog), catalog, profile, StackTerms(), stack_money(catalog, profile)
    )
    choice = {"crm": "suite", "email_marketing": "suite", "accounting": "books"}
    value = stack_value(problem, choice)
    assert value.integration == pytest.approx(4.0 + 4.0 + 4.0)  # two links, one suite
