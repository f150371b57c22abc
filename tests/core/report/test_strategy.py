"""The strategy around the stack: every number recomputed from the catalog, every section
present, and the cases where no stack can be given."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from platform_advisor.api import advise_files
from platform_advisor.core.report.integration import integration_plan
from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.criteria import StackTerms
from platform_advisor.models.result import StackItem, Strategy
from tests.conftest import EXAMPLES, REPOSITORY, WriteYaml, run_cli
from tests.factories import mini_catalog

PROFILES = sorted(EXAMPLES.glob("*.yaml"))
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog().catalog


@pytest.fixture(scope="module", params=PROFILES, ids=[p.stem for p in PROFILES])
def strategy(request: pytest.FixtureRequest) -> Strategy:
    result, _ = advise_files(request.param, today=TODAY)
    return result


def test_each_platform_is_costed_once_from_its_catalog_price(
    strategy: Strategy, catalog: Catalog
) -> None:
    cost = strategy.cost
    assert [line.platform for line in cost.lines] == list(
        dict.fromkeys(item.platform for item in strategy.stack)
    )
    for line in cost.lines:
        platform = catalog.platforms[line.platform]
        tiers = [t for t in platform.pricing.tiers if line.plan.startswith(f"{t.name} plan")]
        assert tiers, f"{line.plan!r} names none of {platform.id}'s plans"
        if platform.pricing.currency == strategy.currency and not platform.pricing.local:
            # The plan's list price, with some number of paid seats: nothing else is added.
            tier = tiers[0]
            seats = (line.subscription - tier.monthly_price) / (tier.per_user_price or 1)
            assert seats == pytest.approx(round(seats), abs=1e-6)
            assert 0 <= round(seats) <= (cost.users if tier.per_user_price else 0)
        assert line.prices_as_of == platform.pricing.as_of
        assert line.setup == pytest.approx(sum(o.amount for o in line.one_off), abs=0.02)
        assert set(line.functions) == {
            i.function for i in strategy.stack if i.platform == line.platform
        }


def test_the_totals_add_up(strategy: Strategy) -> None:
    cost = strategy.cost
    fixed = sum(x.subscription + x.hosting + x.skill_gap for x in cost.lines)
    fees = sum(x.fees for x in cost.lines)
    setup = sum(x.setup for x in cost.lines)
    assert cost.monthly_fixed == pytest.approx(fixed, abs=0.02)
    assert cost.monthly_fees == pytest.approx(fees, abs=0.02)
    assert cost.monthly_total == pytest.approx(fixed + fees, abs=0.02)
    assert cost.year_one == pytest.approx(12 * (fixed + fees) + setup, abs=0.5)
    assert cost.three_years == pytest.approx(36 * (fixed + fees) + setup, abs=0.5)
    assert strategy.search.budget.stack_cost == pytest.approx(fixed, abs=0.02)
    assert fixed <= strategy.business.monthly_budget


def test_the_objective_is_recomputed_from_scores_links_and_vendors(
    strategy: Strategy, catalog: Catalog
) -> None:
    terms = StackTerms()
    bonus = {"native": terms.native, "ipaas": terms.ipaas, "api": terms.api}
    penalties = {str(level): points for level, points in terms.vendor_penalty.items()}
    penalty = penalties[strategy.business.risk_tolerance]
    items = strategy.stack
    fit = sum(item.score for item in items)

    def flow(first: str, second: str) -> float:
        """A link counts in full where data flows between the functions, else a quarter."""
        return 1.0 if catalog.flow(first, second) else 0.25

    integration = sum(
        bonus[kind] * max(flow(item.function, f) for f in catalog.platforms[existing].functions)
        for item in items
        for existing in strategy.business.existing_platforms
        if not set(catalog.platforms[existing].functions) & set(strategy.rankings)
        and existing != item.platform
        and (kind := catalog.link(item.platform, existing))
    )
    concentration = 0.0
    for first, second in itertools.combinations(items, 2):
        if first.platform == second.platform:
            integration += terms.same_platform
        elif kind := catalog.link(first.platform, second.platform):
            integration += bonus[kind] * flow(first.function, second.function)
        if first.vendor == second.vendor:
            concentration += penalty
    search = strategy.search
    # The search adds unrounded scores; the items show them to one decimal.
    assert search.fit == pytest.approx(fit, abs=0.05 * len(items))
    assert search.integration == pytest.approx(integration, abs=0.05)
    assert search.concentration == pytest.approx(concentration, abs=0.05)
    assert search.value == pytest.approx(fit + integration - concentration, abs=0.05 * len(items))
    assert search.proven_optimal


def test_the_runner_up_is_a_different_stack_no_better(strategy: Strategy) -> None:
    runner_up = strategy.search.runner_up
    assert runner_up is not None
    assert [i.platform for i in runner_up.stack] != [i.platform for i in strategy.stack]
    assert runner_up.value <= strategy.search.value
    assert runner_up.gap == pytest.approx(strategy.search.value - runner_up.value, abs=0.02)
    assert runner_up.differences


def test_every_chosen_platform_was_scored_for_its_function(strategy: Strategy) -> None:
    excluded = {(e.platform, f) for e in strategy.excluded for f in e.functions}
    for item in strategy.stack:
        assert item.platform in {s.platform for s in strategy.rankings[item.function]}
        assert (item.platform, item.function) not in excluded


def test_dependency_shares_are_consistent(strategy: Strategy) -> None:
    d = strategy.dependency
    assert sum(v.functions for v in d.vendors) == len(strategy.stack)
    assert sum(v.function_share for v in d.vendors) == pytest.approx(1, abs=0.01)
    assert d.concentration_index == pytest.approx(
        sum(v.function_share**2 for v in d.vendors), abs=0.01
    )
    assert {p.platform for p in d.platforms} == {i.platform for i in strategy.stack}
    assert all(p.exit_note for p in d.platforms)


def test_every_link_in_the_plan_is_in_the_catalog(strategy: Strategy, catalog: Catalog) -> None:
    for link in strategy.integration.links:
        assert catalog.link(link.first, link.second) == link.kind
        assert link.data


def test_a_platform_with_no_link_is_a_silo() -> None:
    catalog = mini_catalog()
    items = [
        StackItem.model_construct(function="ecommerce", platform="shopwise", name="ShopWise", score=80.0),
        StackItem.model_construct(function="social_media", platform="fedisocial", name="FediSocial", score=60.0),
    ]  # fmt: skip
    plan = integration_plan(items, catalog, existing=["ledgerly"])
    assert [(link.first, link.second) for link in plan.links] == [("shopwise", "ledgerly")]
    assert [silo.platform for silo in plan.silos] == ["fedisocial"]
    assert plan.silos[0].joined_by == ()  # the mini catalog has no iPaaS


def test_the_plan_covers_every_platform_with_kpis(strategy: Strategy) -> None:
    assert [p.function for p in strategy.plan] == [i.function for i in strategy.stack]
    for plan in strategy.plan:
        assert plan.use and plan.objective and plan.owner
        assert len(plan.kpis) >= 3
        assert plan.review in ("weekly", "monthly", "quarterly")


def test_the_roadmap_starts_with_what_the_business_runs_on_and_ends_with_a_review(
    strategy: Strategy,
) -> None:
    phases = strategy.roadmap
    catalog = load_catalog(()).catalog
    in_use = {catalog.platforms[p].name for p in strategy.business.existing_platforms}
    new = [i for i in strategy.stack if i.name not in in_use]
    core = [i.name for i in new if catalog.functions[i.function].core_system]
    if core:
        assert phases[0].name.startswith("Put in the core system")
        assert set(phases[0].platforms) == set(core)
    else:
        assert phases[0].name in ("Set up the foundation", "Pilot the growth platforms")
    assert phases[-1].name == "Revisit as the business grows"
    set_up = {p for phase in phases[:-2] for p in phase.platforms}
    assert set_up and set_up <= {i.name for i in new}


def test_markets_checklist_only_for_several_markets(strategy: Strategy) -> None:
    several = len(strategy.business.markets) > 1
    assert bool(strategy.markets_checklist) == several


def test_growth_costs_the_same_stack_for_next_years_team(write_yaml: WriteYaml) -> None:
    text = (EXAMPLES / "retailer.yaml").read_text(encoding="utf-8")
    grown = write_yaml("grown.yaml", text + "growth: {employees: 16, monthly_sales: 44000}\n")
    strategy, _ = advise_files(grown, today=TODAY)
    assert strategy.growth is not None
    assert strategy.growth.users == 8  # seats 4 for 8 employees, doubled
    assert strategy.growth.monthly_sales == pytest.approx(44000)
    # Twice the sales, but a larger plan may charge a lower rate: more fees, not twice as much.
    assert strategy.cost.monthly_fees < strategy.growth.monthly_fees
    assert strategy.growth.monthly_fees <= 2 * strategy.cost.monthly_fees
    today = {line.platform for line in strategy.cost.lines}
    assert {line.platform for line in strategy.growth.lines} == today


def test_a_budget_no_stack_fits_names_the_cheapest(write_yaml: WriteYaml) -> None:
    text = (EXAMPLES / "retailer.yaml").read_text(encoding="utf-8")
    text = text.replace("monthly: 450", "monthly: 5")
    poor = write_yaml("poor.yaml", text.replace("email_marketing, accounting]", "payroll]"))
    result = run_cli("score", poor)
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        "No complete stack fits the budget of $5/month: the cheapest stack that fills every need costs $"
        in result.stderr
    )
    assert "Raise the monthly budget, or drop a function from 'needs'." in result.stderr


SECTIONS = [
    "Executive summary", "The business", "Recommended stack", "Why these platforms",
    "Alternatives", "Cost of ownership", "Ownership and dependency", "Integration plan",
    "Automation opportunities", "KPI framework and who manages what", "Roadmap",
    "Risks and mitigations", "Sector guidance", "Price sources", "Assumptions and data freshness",
]  # fmt: skip


@pytest.mark.parametrize("profile", PROFILES, ids=[p.stem for p in PROFILES])
def test_the_report_has_every_section(profile: Path) -> None:
    result = run_cli("score", profile, "--format", "markdown", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result
    headings = [line[3:] for line in result.stdout.splitlines() if line.startswith("## ")]
    for section in SECTIONS:
        assert any(h.startswith(section) for h in headings), section
    assert "```mermaid\ngraph LR\n" in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "json", "terminal"])
def test_same_input_same_bytes_whatever_the_hash_seed(fmt: str) -> None:
    outputs = set()
    for seed in ("1", "2", "random"):
        completed = subprocess.run(
            [sys.executable, "-m", "platform_advisor", "score", str(EXAMPLES / "retailer.yaml"),
             "--format", fmt, "--as-of", "2026-11-23"],
            capture_output=True, check=True, cwd=REPOSITORY,
            env={**os.environ, "PYTHONHASHSEED": seed, "COLUMNS": "100", "ADVISOR_NO_CACHE": "1"},
        )  # fmt: skip
        outputs.add(completed.stdout)
    assert len(outputs) == 1
    if fmt == "json":
        assert json.loads(outputs.pop())["schema_version"] == "2.1"
