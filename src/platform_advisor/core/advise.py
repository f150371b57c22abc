"""The main job: from a profile, a catalog and criteria to an explained Strategy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TypedDict

from platform_advisor.algorithms import MethodName
from platform_advisor.algorithms.sampling import DEFAULT_ROBUSTNESS, RobustnessRequest
from platform_advisor.core.ecosystem import build_ecosystem, ecosystem_functions
from platform_advisor.core.inputs.references import Finding, check_criteria, check_profile, dotted
from platform_advisor.core.money.context import BusinessMoney, business_money
from platform_advisor.core.money.costs import (
    CandidateCost,
    Unfit,
    candidate_cost,
    cost_together,
    shared,
)
from platform_advisor.core.money.fees import PROCESSING, own_sales_only, processes_in
from platform_advisor.core.report.cover import consultant_notes, cover
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
from platform_advisor.core.report.stack import choose_stack, stack_problem
from platform_advisor.core.report.stack_terms import StackMoney, kept_in_use
from platform_advisor.core.scoring.constraints import (
    exclusion_reasons,
    rule_reasons,
    rules_for,
    rules_for_all,
)
from platform_advisor.core.scoring.evaluators import Context
from platform_advisor.core.scoring.needs import needed_functions
from platform_advisor.core.scoring.scores import rank
from platform_advisor.core.scoring.weights import effective_weights
from platform_advisor.core.wording import MoneyStyle, home_and_markets, joined, plural
from platform_advisor.errors import AdviceError, CrossReferenceError, Problem
from platform_advisor.models.catalog import Catalog, FunctionDef, Platform
from platform_advisor.models.criteria import Criteria, WeightDerivation
from platform_advisor.models.profile import OtherTool, Profile
from platform_advisor.models.result import (
    BusinessSummary,
    CostSummary,
    DataFreshness,
    Dependency,
    ExchangeNote,
    Exclusion,
    IntegrationPlan,
    MoneyFormat,
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
    profile = with_sales_platforms(profile)
    needs = _needs(profile, criteria, catalog)
    money = business_money(profile, catalog, needs, criteria.stack)
    weights = effective_weights(
        criteria, profile, money.market.fx.convert(money.budget, money.currency, "USD")
    )
    excluded = {
        platform.id: reasons
        for platform in catalog.platforms.values()
        if (reasons := exclusion_reasons(platform, profile))
    }
    rankings: dict[str, tuple[ScoredPlatform, ...]] = {}
    need_rows: list[Need] = []
    refused: dict[tuple[str, str], list[str]] = {}
    costs_by_function: dict[str, dict[str, CandidateCost]] = {}
    points: dict[str, float] = {}
    for function_id in needs:
        function = catalog.functions[function_id]
        costs, refusals = candidate_costs(function, catalog, profile, money, excluded)
        refused.update({(pid, function_id): why for pid, why in refusals.items()})
        costs_by_function[function_id] = costs
    scoring = shared_costs(costs_by_function, catalog, profile, money)
    for function_id, reason in needs.items():
        function = catalog.functions[function_id]
        costs = scoring[function_id]
        context = Context(profile, criteria, catalog, function, len(needs), money, costs)
        allowed = [catalog.platforms[pid] for pid in costs]
        rankings[function_id] = rank(allowed, weights, context, method)
        need_rows.append(_need(context, reason, len(allowed)))
        points[function_id] = _points_per_unit(rankings[function_id], weights, context)
    _raise_if_unfilled(need_rows, catalog, excluded, refused)
    stack_money = StackMoney(money, costs_by_function, points)
    around = strategy_around_stack(rankings, catalog, profile, criteria, stack_money)
    around_rankings = {
        **ecosystem_rankings(catalog, profile, criteria, (money, weights, method), excluded, needs),
        **rankings,
    }
    ecosystem = build_ecosystem(
        profile, catalog, around["stack"], around_rankings, around["dependency"], money
    )
    tested = _robustness(
        robustness, method, rankings, weights, catalog, profile, criteria, around, stack_money
    )
    data = _freshness(catalog, rankings, today)
    return Strategy.model_construct(
        currency=money.currency,
        money_format=money_format(money.style),
        exchange=exchange_note(money, catalog, rankings),
        prices_note=PRICES_NOTE,
        horizon_months=money.horizon,
        business=_summary(profile, money, catalog),
        criteria_name=criteria.name,
        method=method,
        weights=weights,
        needs=tuple(need_rows),
        rankings=rankings,
        excluded=_exclusions(catalog, excluded, refused, set(needs)),
        data=data,
        assumptions=_assumptions(criteria, money),
        robustness=tested,
        ecosystem=ecosystem,
        cover=cover(profile.business.name, today, _price_dates(catalog, rankings)),
        consultant_notes=consultant_notes(tested),
        **around,
    )


def ecosystem_rankings(
    catalog: Catalog,
    profile: Profile,
    criteria: Criteria,
    scoring: tuple[BusinessMoney, tuple[WeightUsed, ...], MethodName],
    excluded: Mapping[str, list[str]],
    needs: Mapping[str, str],
) -> dict[str, tuple[ScoredPlatform, ...]]:
    """Networks, marketplaces and partnership tools the business does not list as needs,
    ranked by the same scoring as every platform (money, weights and method), for the
    ecosystem section."""
    money, weights, method = scoring
    ranked = {}
    for function_id in ecosystem_functions(profile, catalog):
        if function_id in needs:
            continue
        function = catalog.functions[function_id]
        costs, _refused = candidate_costs(function, catalog, profile, money, excluded)
        context = Context(profile, criteria, catalog, function, len(needs), money, costs)
        allowed = [catalog.platforms[pid] for pid in costs]
        ranked[function_id] = rank(allowed, weights, context, method)
    return ranked


#: What the amounts include, said once in every report.
PRICES_NOTE = (
    "Prices are the vendors' list prices without VAT or GST unless a price list says it "
    "includes them; fees on sales are shown without the VAT some providers add."
)


def _processing_reasons(platform: Platform, money: BusinessMoney) -> list[str]:
    """Why a platform cannot be the payment processor: it processes none in the country,
    or only its own sales and fills no other needed function."""
    if not processes_in(platform, money.market):
        return [f"does not process payments in {money.market.country}"]
    sells = set(platform.functions) & set(money.needs) - {PROCESSING}
    if own_sales_only(platform, money.market) and not sells:
        return [f"processes payments only for sales made on {platform.name} itself"]
    return []


def shared_costs(
    costs: Mapping[str, Mapping[str, CandidateCost]],
    catalog: Catalog,
    profile: Profile,
    money: BusinessMoney,
) -> dict[str, dict[str, CandidateCost]]:
    """What each candidate costs as the score counts it: a platform that can fill several
    needed functions on one plan is scored on an even share of that plan in each (a suite
    is not charged in full four times); the others on their own cost."""
    fills: dict[str, list[str]] = {}
    for function_id, candidates in costs.items():
        for platform_id in candidates:
            fills.setdefault(platform_id, []).append(function_id)
    scoring = {function_id: dict(candidates) for function_id, candidates in costs.items()}
    for platform_id, functions in fills.items():
        if len(functions) < 2:
            continue
        rules = rules_for_all(functions, catalog, profile)
        together = cost_together(catalog.platforms[platform_id], functions, money, rules)
        if isinstance(together, Unfit):
            continue
        for function_id in functions:
            scoring[function_id][platform_id] = shared(together, function_id, money)
    return scoring


def candidate_costs(
    function: FunctionDef,
    catalog: Catalog,
    profile: Profile,
    money: BusinessMoney,
    excluded: Mapping[str, list[str]],
) -> tuple[dict[str, CandidateCost], dict[str, list[str]]]:
    """What each candidate not excluded would cost for this function, and why the others
    cannot serve it (a rule they do not meet, no plan that fits, above the ceiling)."""
    rules = rules_for(function, profile)
    in_use = set(profile.existing_platforms)
    incumbents = [
        p for p in profile.existing_platforms if function.id in catalog.platforms[p].functions
    ]
    ceiling = money.ceiling
    costs: dict[str, CandidateCost] = {}
    refusals: dict[str, list[str]] = {}
    for platform in catalog.candidates(function.id):
        if platform.id in excluded:
            continue
        reasons = rule_reasons(platform, rules)
        if function.id == PROCESSING:
            reasons += _processing_reasons(platform, money)
        cost = candidate_cost(
            platform,
            [function.id],
            money,
            rules,
            in_use=platform.id in in_use,
            incumbents=[] if platform.id in in_use else incumbents,
        )
        if isinstance(cost, Unfit):
            reasons.append(cost.reason)
        elif ceiling is not None and cost.fixed > ceiling + 1e-9:
            reasons.append(
                f"costs {money.money(cost.fixed)} a month, above the "
                f"{money.money(ceiling)} ceiling for one platform"
            )
        if reasons or isinstance(cost, Unfit):
            refusals[platform.id] = reasons
        else:
            costs[platform.id] = cost
    return costs, refusals


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
    stack_money: StackMoney,
) -> AroundStack:
    """The stack, its cost, dependency, integration plan, roadmap, risks and guidance."""
    terms = criteria.stack
    money = stack_money.money
    choice = choose_stack(rankings, catalog, profile, terms, stack_money)
    items = choice.items
    cost = cost_of_ownership(items, catalog, profile, money)
    grown = grown_profile(profile, money)
    kept = kept_in_use(profile.existing_platforms, catalog, set(rankings))
    integration = integration_plan(items, catalog, kept)
    vendors = dependency(items, catalog, cost)
    return AroundStack(
        stack=items,
        search=choice.search,
        cost=cost,
        growth=_grown_cost(items, catalog, grown, criteria, money) if grown else None,
        dependency=vendors,
        integration=integration,
        plan=platform_plans(items, catalog),
        roadmap=roadmap(items, catalog, profile, integration),
        risks=risks(items, catalog, profile, criteria, (vendors, integration, cost), money),
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
    money: StackMoney,
) -> Robustness | None:
    """The robustness section; its numerics (and numpy) load only when it is asked for."""
    if request is None:
        return None
    from platform_advisor.core.report.robustness import robustness

    problem = (
        stack_problem(rankings, catalog, profile, criteria.stack, money) if request.stack else None
    )
    return robustness(
        rankings, weights, catalog, request.sampling, around["stack"], method, problem
    )


def _grown_cost(
    items: tuple[StackItem, ...],
    catalog: Catalog,
    grown: Profile,
    criteria: Criteria,
    money: BusinessMoney,
) -> CostSummary:
    """The same stack for next year's team and sales, in this year's currency."""
    later = business_money(grown, catalog, money.needs, criteria.stack, currency=money.currency)
    return cost_of_ownership(items, catalog, grown, later)


#: Criteria whose value moves with the fees a candidate's sales pay.
FEE_EVALUATORS = frozenset({"cost_fit", "fee_fit"})


def _points_per_unit(
    ranked: Sequence[ScoredPlatform], weights: Sequence[WeightUsed], context: Context
) -> float:
    """Points of this function's score that one unit of money over the horizon is worth
    in fees: the share of the fee criteria in the score, over the money scale."""
    if not ranked:
        return 0.0
    fee_criteria = {w.criterion for w in weights if w.evaluator in FEE_EVALUATORS}
    share = sum(
        part.weight_share for part in ranked[0].contributions if part.criterion in fee_criteria
    )
    return 100 * share / context.money_scale


def with_sales_platforms(profile: Profile) -> Profile:
    """The profile with the marketplaces and apps it sells through counted as in use: a
    shop with its orders on Uber Eats is on Uber Eats."""
    selling = [s.platform for s in profile.sales.channels.values() if s.platform is not None]
    new = [p for p in dict.fromkeys(selling) if p not in profile.existing_platforms]
    if not new:
        return profile
    return profile.model_copy(update={"existing_platforms": (*profile.existing_platforms, *new)})


def _needs(profile: Profile, criteria: Criteria, catalog: Catalog) -> dict[str, str]:
    needs = needed_functions(profile, criteria, catalog)
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


def _raise_if_unfilled(
    needs: list[Need],
    catalog: Catalog,
    excluded: dict[str, list[str]],
    refused: dict[tuple[str, str], list[str]],
) -> None:
    empty = [need for need in needs if need.candidates == 0]
    if not empty:
        return
    lines = []
    for need in empty:
        if need.excluded == 0:
            lines.append(f"{need.function}: the catalog has no platform for {need.label.lower()}")
            continue
        reasons = {
            p.id: excluded.get(p.id) or refused.get((p.id, need.function), ["excluded"])
            for p in catalog.candidates(need.function)
        }
        examples = [
            f"{catalog.platforms[pid].name} ({why[0]})" for pid, why in list(reasons.items())[:3]
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
    catalog: Catalog,
    excluded: dict[str, list[str]],
    refused: dict[tuple[str, str], list[str]],
    needed: set[str],
) -> tuple[Exclusion, ...]:
    """Platforms ruled out for a needed function, in catalog order: by a constraint for
    every function, or for one function only (a rule, no plan that fits)."""
    found = []
    for platform in catalog.platforms.values():
        if platform.id in excluded and set(platform.functions) & needed:
            found.append(
                Exclusion.model_construct(
                    platform=platform.id,
                    name=platform.name,
                    functions=tuple(f for f in platform.functions if f in needed),
                    reasons=tuple(excluded[platform.id]),
                )
            )
            continue
        for function_id in platform.functions:
            reasons = refused.get((platform.id, function_id))
            if reasons:
                found.append(
                    Exclusion.model_construct(
                        platform=platform.id,
                        name=platform.name,
                        functions=(function_id,),
                        reasons=tuple(reasons),
                    )
                )
    return tuple(found)


def _summary(profile: Profile, money: BusinessMoney, catalog: Catalog) -> BusinessSummary:
    business = profile.business
    return BusinessSummary.model_construct(
        name=business.name,
        sector=business.sector,
        employees=business.employees,
        users=profile.users,
        country=business.country,
        markets=business.markets or (business.country,),
        location=home_and_markets(business.country, business.markets or (business.country,)),
        goals=profile.goals,
        audience_channels=profile.audience.channels,
        technical_capability=profile.technical_capability,
        risk_tolerance=profile.risk_tolerance,
        monthly_budget=round(money.budget, 2),
        currency=money.currency,
        existing_platforms=profile.existing_platforms,
        other_tools=tuple(_tool_words(tool, catalog) for tool in profile.other_tools),
    )


def _tool_words(tool: OtherTool, catalog: Catalog) -> str:
    """'Dentrix (practice management, linked with Zapier)': a tool outside the catalog."""
    parts = [catalog.functions[f].label.lower() for f in tool.functions]
    if tool.links:
        parts.append("linked with " + joined([catalog.platforms[p].name for p in tool.links]))
    return f"{tool.name} ({', '.join(parts)})" if parts else tool.name


def _price_dates(catalog: Catalog, rankings: dict[str, tuple[ScoredPlatform, ...]]) -> list[str]:
    scored = {s.platform for ranked in rankings.values() for s in ranked}
    return [catalog.platforms[pid].pricing.as_of for pid in scored]


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


def _assumptions(criteria: Criteria, money: BusinessMoney) -> tuple[str, ...]:
    terms = criteria.stack
    return (
        "Criteria weights and the 0-5 platform ratings are our judgements, each rating "
        "following a written rubric; the essays this tool draws on give no numbers.",
        f"Amounts are in {money.currency}"
        + (f" ({money.currency_reason})" if money.currency_reason else "")
        + ". Each plan is the cheapest that can do the job "
        "and admits the business's logins and volumes, at the vendor's price for the "
        "country where one is published, else converted at the exchange rates below.",
        *money.notes,
        _sales_words(money),
        "Each sale pays one fee: the platform that takes it charges its schedule for the "
        "country and channel; where no platform of the stack takes a channel, the going "
        "rate of the country's processors in the catalog is estimated, and said.",
        f"Money is weighed over {money.horizon} months: monthly costs times {money.horizon}, "
        "plus set-up, hardware and the cost of switching from what is in use "
        f"(our estimate of the hours it takes, at {money.money(money.hourly_rate)} an hour).",
        "Self-hosted platforms include our estimate of hosting and, where they need more "
        f"skill than the team has, {terms.admin_hours_per_level:g} hours a month of outside help "
        "per skill level.",
        "The stack maximises the platforms' scores plus points for linked pairs "
        f"(native {terms.native:g}, iPaaS {terms.ipaas:g}, API {terms.api:g}; one platform "
        f"filling two functions {terms.same_platform:g}), minus points for functions sharing "
        "a vendor, within the monthly budget for fixed costs (fees on sales are not part of "
        "the budget).",
        *(_derived_words(derivation) for derivation in criteria.derivations),
    )


def _sales_words(money: BusinessMoney) -> str:
    from platform_advisor.core.money.channels import label

    catalog = money.market.catalog
    parts = [
        f"{money.money(volume.amount)} in {plural(volume.count, 'sale')} "
        f"({label(catalog, channel).lower()})"
        for channel, volume in money.sales.channels.items()
    ]
    if not parts:
        return "The profile states no sales, so no fees on sales are counted."
    return f"Sales a month: {joined(parts)}."


def money_format(style: MoneyStyle) -> MoneyFormat:
    """The client's money conventions as the result keeps them."""
    return MoneyFormat.model_construct(**style.__dict__)


def exchange_note(
    money: BusinessMoney, catalog: Catalog, rankings: Mapping[str, tuple[ScoredPlatform, ...]]
) -> ExchangeNote | None:
    """The rates from the catalog's table used for the prices scored; None when no price
    needed converting."""
    used = {
        currency
        for ranked in rankings.values()
        for scored in ranked
        for currency in _currencies(catalog.platforms[scored.platform], money)
    } - {money.currency}
    fx = money.market.fx
    if not used or not fx.date:
        return None
    return ExchangeNote.model_construct(
        date=fx.date,
        source=fx.source,
        rates={currency: round(fx.rate(currency, money.currency), 6) for currency in sorted(used)},
    )


def _currencies(platform: Platform, money: BusinessMoney) -> set[str]:
    """The currencies a platform's prices for this country are written in."""
    country = money.market.country
    local = [p.currency for p in platform.pricing.local if country in p.countries]
    legacy = any(tier.legacy for tier in platform.pricing.tiers)
    main = "USD" if legacy else platform.pricing.currency
    fees = [
        s.currency for s in platform.fees if country in s.countries or "worldwide" in s.countries
    ]
    return {*(local or [main]), *fees}


def _derived_words(derivation: WeightDerivation) -> str:
    """Where weights came from pairwise judgements, and how consistent those were."""
    names = ", ".join(derivation.criteria)
    verdict = "acceptable" if derivation.acceptable else "above Saaty's 0.1: treat with care"
    return (
        f"In {derivation.document}, the {derivation.summary} for {names}; the consistency "
        f"is {verdict}."
    )
