"""The main job: from a profile, a catalog and criteria to an explained Strategy."""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from platform_advisor.algorithms import MethodName
from platform_advisor.algorithms.sampling import RobustnessRequest
from platform_advisor.core.inputs.references import Finding, check_criteria, check_profile, dotted
from platform_advisor.core.report.dependency import dependency
from platform_advisor.core.report.freshness import STALE_AFTER_MONTHS, months_between
from platform_advisor.core.report.integration import integration_plan
from platform_advisor.core.report.ownership import cost_of_ownership, grown_profile
from platform_advisor.core.report.playbook import (
    markets_checklist,
    platform_plans,
    risks,
    roadmap,
    sector_guidance,
)
from platform_advisor.core.report.stack import choose_stack, kept_in_use, stack_problem
from platform_advisor.core.scoring.constraints import exclusion_reasons
from platform_advisor.core.scoring.evaluators import Context
from platform_advisor.core.scoring.needs import needed_functions
from platform_advisor.core.scoring.scores import rank
from platform_advisor.core.scoring.weights import effective_weights
from platform_advisor.core.wording import money
from platform_advisor.errors import AdviceError, CrossReferenceError, Problem
from platform_advisor.models.catalog import Catalog, Platform
from platform_advisor.models.criteria import Criteria, WeightDerivation
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import (
    BusinessSummary,
    CostSummary,
    DataFreshness,
    Dependency,
    Exclusion,
    IntegrationPlan,
    Need,
    Phase,
    PlatformPlan,
    Risk,
    Robustness,
    ScoredPlatform,
    StackItem,
    StackSearch,
    Strategy,
    WeightUsed,
)

DEFAULT_ROBUSTNESS = RobustnessRequest()


def advise(
    profile: Profile,
    catalog: Catalog,
    criteria: Criteria,
    *,
    today: date,
    method: MethodName = "weighted_sum",
    robustness: RobustnessRequest | None = DEFAULT_ROBUSTNESS,
) -> Strategy:
    """Rank the catalog's platforms for each function the business needs, choose the
    stack, and (unless `robustness` is None) test how both hold up under other weights.

    Raises CrossReferenceError when the inputs name things the others do not define, and
    AdviceError when constraints leave a needed function without any candidate.
    """
    _raise_on_findings(check_criteria(criteria, catalog, "criteria"))
    _raise_on_findings(check_profile(profile, catalog, criteria, "profile"))
    needs = _needs(profile, criteria)
    weights = effective_weights(criteria, profile)
    excluded = {
        platform.id: reasons
        for platform in catalog.platforms.values()
        if (reasons := exclusion_reasons(platform, profile))
    }
    rankings: dict[str, tuple[ScoredPlatform, ...]] = {}
    need_rows: list[Need] = []
    for function_id, reason in needs.items():
        context = Context(profile, criteria, catalog, catalog.functions[function_id], len(needs))
        allowed = [p for p in catalog.candidates(function_id) if p.id not in excluded]
        rankings[function_id] = rank(allowed, weights, context, method)
        need_rows.append(_need(context, reason, len(allowed)))
    _raise_if_unfilled(need_rows, catalog, excluded)
    around = strategy_around_stack(rankings, catalog, profile, criteria)
    return Strategy.model_construct(
        business=_summary(profile),
        criteria_name=criteria.name,
        method=method,
        weights=weights,
        needs=tuple(need_rows),
        rankings=rankings,
        excluded=_exclusions(catalog, excluded, set(needs)),
        data=_freshness(catalog, rankings, today),
        assumptions=_assumptions(profile, criteria),
        robustness=_robustness(
            robustness, method, rankings, weights, catalog, profile, criteria, around
        ),
        **around,
    )


class AroundStack(TypedDict):
    """The sections of the Strategy built around the stack, named as the Strategy names
    them: the type checker holds every key to a field (a misspelt section is an error)."""

    stack: tuple[StackItem, ...]
    search: StackSearch
    cost: CostSummary
    growth: CostSummary | None
    dependency: Dependency
    integration: IntegrationPlan
    plan: tuple[PlatformPlan, ...]
    roadmap: tuple[Phase, ...]
    risks: tuple[Risk, ...]
    sector_guidance: tuple[str, ...]
    markets_checklist: tuple[str, ...]


def strategy_around_stack(
    rankings: dict[str, tuple[ScoredPlatform, ...]],
    catalog: Catalog,
    profile: Profile,
    criteria: Criteria,
) -> AroundStack:
    """The stack, its cost, dependency, integration plan, roadmap, risks and guidance."""
    terms = criteria.stack
    choice = choose_stack(rankings, catalog, profile, terms)
    items = choice.items
    cost = cost_of_ownership(items, catalog, profile, terms)
    grown = grown_profile(profile)
    kept = kept_in_use(profile.existing_platforms, catalog, set(rankings))
    integration = integration_plan(items, catalog, kept)
    vendors = dependency(items, catalog, cost)
    return AroundStack(
        stack=items,
        search=choice.search,
        cost=cost,
        growth=cost_of_ownership(items, catalog, grown, terms) if grown else None,
        dependency=vendors,
        integration=integration,
        plan=platform_plans(items, catalog),
        roadmap=roadmap(items, catalog, profile, integration),
        risks=risks(items, catalog, profile, criteria, (vendors, integration, cost)),
        sector_guidance=sector_guidance(criteria, profile),
        markets_checklist=markets_checklist(items, catalog, profile),
    )


def _robustness(
    request: RobustnessRequest | None,
    method: MethodName,
    rankings: dict[str, tuple[ScoredPlatform, ...]],
    weights: tuple[WeightUsed, ...],
    catalog: Catalog,
    profile: Profile,
    criteria: Criteria,
    around: AroundStack,
) -> Robustness | None:
    """The robustness section; its numerics (and numpy) load only when it is asked for."""
    if request is None:
        return None
    from platform_advisor.core.report.robustness import robustness

    problem = stack_problem(rankings, catalog, profile, criteria.stack) if request.stack else None
    return robustness(
        rankings, weights, catalog, request.sampling, around["stack"], method, problem
    )


def _needs(profile: Profile, criteria: Criteria) -> dict[str, str]:
    needs = needed_functions(profile, criteria)
    if not needs:
        raise AdviceError(
            "No function to rank: the profile lists no 'needs' and its goals and sector map to "
            f"no functions in the criteria '{criteria.name}'. List the functions under 'needs'."
        )
    return needs


def _need(context: Context, reason: str, allowed: int) -> Need:
    function = context.function
    return Need.model_construct(
        function=function.id,
        label=function.label,
        reason=reason,
        candidates=allowed,
        excluded=len(context.catalog.candidates(function.id)) - allowed,
    )


def _raise_on_findings(findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise CrossReferenceError(
            [Problem(f.message, None, f"{f.document}: {dotted(f.path)}", f.hint) for f in errors]
        )


def _raise_if_unfilled(needs: list[Need], catalog: Catalog, excluded: dict[str, list[str]]) -> None:
    empty = [need for need in needs if need.candidates == 0]
    if not empty:
        return
    lines = []
    for need in empty:
        if need.excluded == 0:
            lines.append(f"{need.function}: the catalog has no platform for {need.label.lower()}")
            continue
        examples = [
            f"{p.name} ({excluded[p.id][0]})" for p in catalog.candidates(need.function)[:3]
        ]
        lines.append(
            f"{need.function}: all {need.excluded} candidates are excluded, e.g. "
            + "; ".join(examples)
        )
    raise AdviceError(
        "No platform is left for some needed functions:\n  "
        + "\n  ".join(lines)
        + "\nRelax the profile's constraints, or drop the function from 'needs'."
    )


def _exclusions(
    catalog: Catalog, excluded: dict[str, list[str]], needed: set[str]
) -> tuple[Exclusion, ...]:
    """Excluded platforms that serve a needed function, in catalog order."""
    return tuple(
        Exclusion.model_construct(
            platform=platform.id,
            name=platform.name,
            functions=tuple(f for f in platform.functions if f in needed),
            reasons=tuple(excluded[platform.id]),
        )
        for platform in catalog.platforms.values()
        if platform.id in excluded and set(platform.functions) & needed
    )


def _summary(profile: Profile) -> BusinessSummary:
    business = profile.business
    return BusinessSummary.model_construct(
        name=business.name,
        sector=business.sector,
        employees=business.employees,
        users=profile.users,
        country=business.country,
        markets=business.markets or (business.country,),
        goals=profile.goals,
        audience_channels=profile.audience.channels,
        technical_capability=profile.technical_capability,
        risk_tolerance=profile.risk_tolerance,
        monthly_budget_usd=profile.budget.monthly_usd,
        existing_platforms=profile.existing_platforms,
    )


def _freshness(
    catalog: Catalog, rankings: dict[str, tuple[ScoredPlatform, ...]], today: date
) -> DataFreshness:
    scored: dict[str, Platform] = {
        s.platform: catalog.platforms[s.platform] for ranked in rankings.values() for s in ranked
    }
    dates = sorted(p.pricing.as_of for p in scored.values())
    stale = sorted(
        pid
        for pid, p in scored.items()
        if months_between(p.pricing.as_of, today) > STALE_AFTER_MONTHS
    )
    return DataFreshness.model_construct(
        oldest_price=dates[0],
        newest_price=dates[-1],
        platforms_scored=len(scored),
        stale_prices=tuple(stale),
    )


def _assumptions(profile: Profile, criteria: Criteria) -> tuple[str, ...]:
    users = profile.users
    terms = criteria.stack
    sales = profile.sales
    per_function = (
        f" (for {', '.join(sorted(sales.by_function))}: the figures the profile gives)"
        if sales.by_function
        else ""
    )
    return (
        "Criteria weights and the 0-5 platform ratings are our judgements, following the "
        "rubric in docs/catalog-guide.md; the essays this tool draws on give no numbers.",
        f"Monthly costs assume the cheapest published plan that admits {users} "
        f"user{'s' if users != 1 else ''}, in US dollars, as of each price's date.",
        f"Fees on sales assume {money(sales.monthly_usd, cents=False)} of sales in "
        f"{sales.monthly_orders:,} orders a month through each function that takes payments"
        f"{per_function}. A platform that charges no fee itself is costed at the median fee of "
        "its function's platforms, since a separate provider must process its payments.",
        "Self-hosted platforms include our estimate of hosting and, where they need more "
        f"skill than the team has, {terms.admin_hours_per_level:g} hours a month of outside help "
        f"per skill level at {money(terms.hourly_rate_usd, cents=False)} an hour.",
        "The stack maximises the platforms' scores plus points for linked pairs "
        f"(native {terms.native:g}, iPaaS {terms.ipaas:g}, API {terms.api:g}; one platform "
        f"filling two functions {terms.same_platform:g}), minus points for functions sharing "
        "a vendor, within the monthly budget for fixed costs (fees on sales are not part of "
        "the budget); docs/scoring.md states each term.",
        *(_derived_words(derivation) for derivation in criteria.derivations),
    )


def _derived_words(derivation: WeightDerivation) -> str:
    """Where weights came from pairwise judgements, and how consistent those were."""
    names = ", ".join(derivation.criteria)
    verdict = "acceptable" if derivation.acceptable else "above Saaty's 0.1: treat with care"
    return (
        f"In {derivation.document}, the {derivation.summary} for {names}; the consistency "
        f"is {verdict}."
    )
