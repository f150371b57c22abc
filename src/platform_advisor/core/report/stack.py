"""The recommended stack: one platform per needed function, chosen together.

The scores rank platforms function by function; the stack adds what only a combination
has: links between the chosen platforms (and to those already in use), one platform
filling several functions (paid once), dependence on one vendor, and the budget. The
search (algorithms/stack_search.py) proves its answer optimal for that objective.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from platform_advisor.algorithms.stack_search import (
    JointCost,
    Option,
    SearchResult,
    Stack,
    StackProblem,
    better_stack,
)
from platform_advisor.algorithms.stack_search import best_stacks as search
from platform_advisor.core.money.context import BusinessMoney
from platform_advisor.core.money.costs import CandidateCost, Unfit, cost_together
from platform_advisor.core.money.fees import (
    PROCESSING,
    own_sales_only,
    platform_lines,
    takes_for_others,
)
from platform_advisor.core.scoring.constraints import rules_for_all
from platform_advisor.core.scoring.scores import exact_score
from platform_advisor.core.wording import money_change
from platform_advisor.errors import AdviceError
from platform_advisor.models.catalog import Catalog, LinkKind
from platform_advisor.models.criteria import StackTerms
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import (
    BudgetCheck,
    RunnerUp,
    ScoredPlatform,
    StackItem,
    StackSearch,
)


@dataclass(frozen=True)
class StackChoice:
    """The chosen stack as result rows, with the search that proves it."""

    items: tuple[StackItem, ...]
    search: StackSearch


@dataclass(frozen=True)
class StackMoney:
    """The money the stack's choice weighs: the business's facts, what each candidate
    costs for each function, and how many points a unit of money is worth there."""

    money: BusinessMoney
    costs: Mapping[str, Mapping[str, CandidateCost]] = field(default_factory=dict)
    points_per_unit: Mapping[str, float] = field(default_factory=dict)


def choose_stack(
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    catalog: Catalog,
    profile: Profile,
    terms: StackTerms,
    money: StackMoney,
) -> StackChoice:
    """The best stack within the budget, its runner-up, and how the budget bears on it.

    Raises AdviceError when no complete stack fits the budget, naming the cheapest.
    """
    problem = stack_problem(rankings, catalog, profile, terms, money)
    result = search(problem)
    if result.best is None:
        raise AdviceError(_over_budget(result, catalog, money.money))
    # Whether the budget binds: is any stack above its bar worth more? Usually none, and
    # the search proves that quickly.
    free = (
        better_stack(replace(problem, budget=None), result.best.value)
        if problem.budget is not None
        else None
    )
    best = result.best
    # The search folds links to platforms in use into each option's value; the report
    # counts them as integration, with the links inside the stack.
    kept = kept_in_use(profile.existing_platforms, catalog, set(rankings))
    in_use = sum(_bonus_with(p, kept, catalog, link_bonus(terms)) for p in best.choice.values())
    saved = _money_pairs(best, money)
    return StackChoice(
        _items(best, rankings, catalog, profile.existing_platforms, money.money),
        StackSearch.model_construct(
            value=round(best.value, 2),
            fit=round(best.fit - in_use + saved, 2),
            integration=round(best.integration + in_use - saved, 2),
            concentration=round(best.concentration, 2),
            proven_optimal=True,
            nodes=result.nodes,
            runner_up=_runner_up(
                result, rankings, catalog, profile.existing_platforms, money.money
            ),
            budget=_budget_check(best, free, money.money),
        ),
    )


def stack_problem(
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    catalog: Catalog,
    profile: Profile,
    terms: StackTerms,
    money: StackMoney,
) -> StackProblem:
    """The search's input: every scored candidate, its cost, and the pairwise terms.

    Scores enter unrounded, as the rankings compare them, so the stack moves smoothly
    with the weights (the robustness analysis relies on it). Besides links, a pair of a
    store (or till) that does not process its own payments and a processor that would
    take them is worth what the processor saves on the going rate the store was scored
    at, in the store's function's points."""
    bonus = link_bonus(terms)
    kept = kept_in_use(profile.existing_platforms, catalog, set(rankings))
    options = {
        function: tuple(
            Option(
                platform=s.platform,
                vendor=s.vendor,
                value=exact_score(s) + _bonus_with(s.platform, kept, catalog, bonus),
                fixed_cost=_alone(money, function, s),
            )
            for s in worth_a_move(ranked, profile.existing_platforms, terms.keep_in_use)
        )
        for function, ranked in rankings.items()
    }
    platforms = sorted({o.platform for opts in options.values() for o in opts})
    pair_bonus = {
        frozenset((a, b)): bonus[kind]
        for i, a in enumerate(platforms)
        for b in platforms[i + 1 :]
        if (kind := catalog.link(a, b)) is not None
    }
    for pair, points in processor_savings(money).items():
        pair_bonus[pair] = pair_bonus.get(pair, 0.0) + points
    return StackProblem(
        functions=tuple(rankings),
        options=options,
        pair_bonus=pair_bonus,
        same_platform_bonus=terms.same_platform,
        vendor_penalty=terms.vendor_penalty.get(profile.risk_tolerance, 0.0),
        budget=money.money.budget,
        joint_cost=joint_costs(money, profile) if money.costs else None,
        function_pairs=included(rankings, catalog, profile, money),
    )


#: Points that rule a combination out: more than any stack's fit could make up.
RULED_OUT = 1000.0


def included(
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    catalog: Catalog,
    profile: Profile,
    money: StackMoney,
) -> dict[tuple[str, str], dict[tuple[str, str], float]]:
    """Combinations a consultant would not sign, ruled out."""
    options = {function: [s.platform for s in ranked] for function, ranked in rankings.items()}
    return {
        **_second_products(options, catalog, profile),
        **_processors_elsewhere(options, catalog, money),
    }


def _second_products(
    options: Mapping[str, list[str]], catalog: Catalog, profile: Profile
) -> dict[tuple[str, str], dict[tuple[str, str], float]]:
    """A function that includes another by design (an ERP's accounting): when the platform
    chosen for it can fill the other too, no second product is bought for that one, unless
    the business keeps one it already uses."""
    terms: dict[tuple[str, str], dict[tuple[str, str], float]] = {}
    for whole in options:
        for part in catalog.functions[whole].includes:
            if part not in options:
                continue
            suites = set(options[whole]) & set(options[part])
            terms[(whole, part)] = {
                (suite, other): -RULED_OUT
                for suite in suites
                for other in options[part]
                if other != suite and other not in profile.existing_platforms
            }
    return terms


def _processors_elsewhere(
    options: Mapping[str, list[str]], catalog: Catalog, money: StackMoney
) -> dict[tuple[str, str], dict[tuple[str, str], float]]:
    """A processor of only its own sales (Shopify Payments) processes for no other store or
    till: it is the payment processor only where it is also the store or till."""
    market = money.money.market
    own = [p for p in options.get(PROCESSING, []) if own_sales_only(catalog.platforms[p], market)]
    return {
        (seller, PROCESSING): {
            (other, processor): -RULED_OUT
            for processor in own
            if processor in listed
            for other in listed
            if other != processor
        }
        for seller, listed in options.items()
        if seller != PROCESSING
    }


def joint_costs(money: StackMoney, profile: Profile) -> JointCost:
    """A platform's fixed monthly cost on the cheapest plan that serves these functions
    together (a free plan for one app may not serve two); where no one plan does, the
    dearest of its plans for each of them."""
    catalog = money.money.market.catalog

    def joint(platform_id: str, functions: frozenset[str]) -> float:
        ordered = [f for f in money.money.needs if f in functions]
        alone = max(money.costs[f][platform_id].fixed for f in ordered)
        rules = rules_for_all(ordered, catalog, profile)
        together = cost_together(catalog.platforms[platform_id], ordered, money.money, rules)
        return alone if isinstance(together, Unfit) else max(alone, together.fixed)

    return joint


def _alone(money: StackMoney, function: str, scored: ScoredPlatform) -> float:
    """The platform's fixed cost for this function alone (a score may rest on its share of
    a plan for several functions; the budget counts what is paid)."""
    cost = money.costs.get(function, {}).get(scored.platform)
    return cost.fixed if cost is not None else scored.fixed_cost


def worth_a_move(
    ranked: Sequence[ScoredPlatform], existing: Sequence[str], margin: float
) -> list[ScoredPlatform]:
    """A function's candidates once what works is kept: where the business uses a platform
    for it, only the candidates that score at least `margin` points more on the criteria
    (money and the move included) may replace it; links alone never buy a replacement."""
    incumbents = [s for s in ranked if s.platform in existing]
    if not incumbents:
        return list(ranked)
    bar = max(exact_score(s) for s in incumbents) + margin
    return [s for s in ranked if s.platform in existing or exact_score(s) >= bar]


def link_bonus(terms: StackTerms) -> dict[LinkKind, float]:
    return {"native": terms.native, "ipaas": terms.ipaas, "api": terms.api}


def processor_savings(money: StackMoney) -> dict[frozenset[str], float]:
    """Points for each pair of a platform scored at the going rate for sales it does not
    process itself and a payments platform that would take them for less (negative when
    it would cost more)."""
    processors = money.costs.get("payments", {})
    horizon = money.money.horizon
    market = money.money.market
    catalog = market.catalog
    savings: dict[frozenset[str], float] = {}
    for function, costs in money.costs.items():
        if function == "payments":
            continue
        per_unit = money.points_per_unit.get(function, 0.0)
        for platform_id, cost in costs.items():
            for line in cost.fees:
                if line.kind != "estimate":
                    continue
                volume = money.money.sales.channels[line.channel]
                for processor_id, processor_cost in processors.items():
                    processor = catalog.platforms[processor_id]
                    if processor_id == platform_id or not takes_for_others(
                        processor, market, line.channel, processor_cost.tier.name
                    ):
                        continue
                    charged = sum(
                        fee.amount
                        for fee in platform_lines(
                            processor, processor_cost.tier, market, line.channel, volume
                        )
                    )
                    pair = frozenset((platform_id, processor_id))
                    saving = (line.amount - charged) * horizon * per_unit
                    savings[pair] = savings.get(pair, 0.0) + saving
    return savings


def _money_pairs(stack: Stack, money: StackMoney) -> float:
    """The points of the chosen stack that are money saved by its processor, not links."""
    chosen = set(stack.choice.values())
    return sum(points for pair, points in processor_savings(money).items() if pair <= chosen)


def kept_in_use(existing: Sequence[str], catalog: Catalog, needed: set[str]) -> list[str]:
    """Platforms in use that stay whatever the stack: they fill no needed function.

    One that fills a needed function stays only if the stack chooses it, and then its
    links count as links within the stack.
    """
    return [p for p in existing if not set(catalog.platforms[p].functions) & needed]


def _bonus_with(
    platform_id: str, kept: Sequence[str], catalog: Catalog, bonus: Mapping[LinkKind, float]
) -> float:
    """Links to the platforms in use that stay count like links in the stack."""
    return sum(
        bonus[kind]
        for existing in kept
        if existing != platform_id and (kind := catalog.link(platform_id, existing))
    )


def _items(
    stack: Stack,
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    catalog: Catalog,
    existing: Sequence[str],
    money: BusinessMoney,
) -> tuple[StackItem, ...]:
    chosen = set(stack.choice.values())
    items = []
    for function, platform_id in stack.choice.items():
        scored = next(s for s in rankings[function] if s.platform == platform_id)
        shared = tuple(f for f, p in stack.choice.items() if p == platform_id and f != function)
        incumbents = [
            e for e in existing if e not in chosen and function in catalog.platforms[e].functions
        ]
        replaced = tuple(catalog.platforms[e].name for e in incumbents)
        items.append(
            StackItem.model_construct(
                function=function,
                platform=platform_id,
                name=scored.name,
                score=scored.score,
                vendor=catalog.platforms[platform_id].vendor,
                shared_with=shared,
                replaces=replaced,
                business_case=_business_case(scored, incumbents, rankings[function], money),
            )
        )
    return tuple(items)


def _business_case(
    chosen: ScoredPlatform,
    incumbents: Sequence[str],
    ranked: Sequence[ScoredPlatform],
    money: BusinessMoney,
) -> str:
    """Why replacing the platforms in use pays, or why they cannot stay: the points on the
    criteria and the money over the horizon, the move included."""
    if not incumbents:
        return ""
    scores = {s.platform: s for s in ranked}
    old = next((scores[p] for p in incumbents if p in scores), None)
    if old is None:
        return "the platform in use cannot serve this business here (see the exclusions)"
    points = chosen.score_exact - old.score_exact
    better = (
        f"{points:.1f} points better on the criteria"
        if points >= 0.05
        else f"{-points:.1f} points behind on the criteria, chosen for how it works with the "
        "rest of the stack"
    )
    saving = old.horizon_cost - chosen.horizon_cost
    cost = (
        f"{money.money(abs(saving))} {'less' if saving >= 0 else 'more'} over "
        f"{money.horizon} months"
    )
    move = f", {money.money(chosen.one_off)} to start included" if chosen.one_off >= 0.5 else ""
    return f"{better}; {cost}{move}"


def _runner_up(
    result: SearchResult,
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    catalog: Catalog,
    existing: Sequence[str],
    money: BusinessMoney,
) -> RunnerUp | None:
    best, second = result.best, result.runner_up
    if best is None or second is None:
        return None
    return RunnerUp.model_construct(
        stack=_items(second, rankings, catalog, existing, money),
        value=round(second.value, 2),
        gap=round(best.value - second.value, 2),
        monthly_cost=round(second.cost, 2),
        differences=tuple(_differences(best, second, rankings, catalog, money)),
    )


def _differences(
    best: Stack,
    second: Stack,
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    catalog: Catalog,
    money: BusinessMoney,
) -> list[str]:
    """What the runner-up does differently, function by function and term by term."""
    lines = []
    for function, chosen in best.choice.items():
        other = second.choice[function]
        if other == chosen:
            continue
        scores = {s.platform: s.score for s in rankings[function]}
        label = catalog.functions[function].label
        lines.append(
            f"{label}: {catalog.platforms[other].name} ({scores[other]:.1f}) instead of "
            f"{catalog.platforms[chosen].name} ({scores[chosen]:.1f})"
        )
    terms = [
        ("fit", second.fit - best.fit),
        ("integration", second.integration - best.integration),
        ("vendor concentration penalty", second.concentration - best.concentration),
    ]
    changes = [f"{name} {delta:+.1f}" for name, delta in terms if abs(delta) >= 0.05]
    cost = second.cost - best.cost
    if round(abs(cost)) >= 1:
        changes.append(f"cost {money_change(cost, money.style)}/month")
    if changes:
        lines.append("In points against the recommended stack: " + ", ".join(changes))
    return lines


def _budget_check(best: Stack, free: Stack | None, money: BusinessMoney) -> BudgetCheck:
    """`free` is the best stack without the budget, when it is worth more than `best`."""
    note = (
        f"The budget rules out a stronger stack costing {money.money(free.cost)}/month "
        f"({free.value - best.value:.1f} points better)."
        if free is not None
        else "The budget does not limit the choice: the best stack fits within it."
    )
    return BudgetCheck.model_construct(
        budget=round(money.budget, 2),
        stack_cost=round(best.cost, 2),
        binding=free is not None,
        note=note,
    )


def _over_budget(result: SearchResult, catalog: Catalog, money: BusinessMoney) -> str:
    cheapest = result.cheapest
    if cheapest is None:
        return "No complete stack can be formed from the candidates."
    parts = _priced(cheapest, catalog)
    return (
        f"No complete stack fits the budget of {money.money(money.budget)}/month: the "
        f"cheapest stack that fills every need costs {money.money(cheapest.cost)}/month "
        f"({'; '.join(parts)}). Raise the monthly budget, or drop a function from 'needs'."
    )


def _priced(stack: Stack, catalog: Catalog) -> Sequence[str]:
    seen: dict[str, list[str]] = {}
    for function, platform_id in stack.choice.items():
        seen.setdefault(platform_id, []).append(catalog.functions[function].label.lower())
    return [f"{catalog.platforms[p].name} for {', '.join(f)}" for p, f in seen.items()]
