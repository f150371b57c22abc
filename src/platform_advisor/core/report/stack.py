"""The recommended stack: one platform per needed function, chosen together.

The scores rank platforms function by function; the stack adds what only a combination
has: links between the chosen platforms (and to those already in use), one platform
filling several functions (paid once), dependence on one vendor, and the budget. The
search (algorithms/stack_search.py) proves its answer optimal for that objective.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from platform_advisor.algorithms.stack_search import (
    Allowance,
    AllowanceSpent,
    Option,
    SearchResult,
    Stack,
    StackProblem,
    better_stack,
)
from platform_advisor.algorithms.stack_search import best_stacks as search
from platform_advisor.core.money.context import BusinessMoney
from platform_advisor.core.report.stack_terms import (
    StackMoney,
    alone_cost,
    bonus_with_kept,
    included,
    joint_costs,
    kept_in_use,
    link_bonus,
    link_terms,
    merged_terms,
    move_money,
    offered,
    processor_savings,
    suite_moves,
)
from platform_advisor.core.scoring.scores import exact_score
from platform_advisor.core.wording import money_change
from platform_advisor.errors import AdviceError
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.criteria import StackTerms
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import (
    AlsoOn,
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
    result = search(problem, Allowance(SEARCH_WORK), settle=True)
    if result.best is None:
        raise AdviceError(_over_budget(result, catalog, money.money))
    best = result.best
    # The search folds links to platforms in use into each option's value; the report
    # counts them as integration, with the links inside the stack.
    kept = kept_in_use(profile.existing_platforms, catalog, set(rankings))
    in_use = sum(
        bonus_with_kept(p, f, kept, catalog, link_bonus(terms)) for f, p in best.choice.items()
    )
    saved = _money_pairs(best, money)
    items = _items(best, rankings, catalog, profile.existing_platforms, money.money)
    return StackChoice(
        tuple(
            with_also(_suite_case(item, catalog, profile, money), rankings, catalog, profile, money)
            for item in items
        ),
        StackSearch.model_construct(
            value=round(best.value, 2),
            fit=round(best.fit - in_use + saved, 2),
            integration=round(best.integration + in_use - saved, 2),
            concentration=round(best.concentration, 2),
            proven_optimal=result.gap == 0,
            gap=round(result.gap, 2),
            nodes=result.nodes,
            runner_up=_runner_up(
                result, rankings, catalog, profile.existing_platforms, money.money
            ),
            budget=_budget_check(problem, best, money.money),
        ),
    )


#: The search work one stack choice may do (see `stack_search.Allowance`): about a second on
#: the machines of PERFORMANCE.md. The examples need a hundredth of it; a degenerate
#: problem (thirty functions of tied candidates) would take minutes to prove, and gets the
#: best stack found with the gap the search has proved instead.
SEARCH_WORK = 500_000


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
    moves = suite_moves(rankings, catalog, profile, money)
    allowed = {
        function: offered(function, ranked, catalog, profile, terms, moves)
        for function, ranked in rankings.items()
    }
    options = {
        function: tuple(
            Option(
                platform=s.platform,
                vendor=s.vendor,
                value=exact_score(s) + bonus_with_kept(s.platform, function, kept, catalog, bonus),
                fixed_cost=alone_cost(money, function, s),
            )
            for s in ranked
            if s.platform in allowed[function]
        )
        for function, ranked in rankings.items()
    }
    pair_bonus: dict[frozenset[str], float] = {}
    for pair, points in processor_savings(money).items():
        pair_bonus[pair] = pair_bonus.get(pair, 0.0) + points
    chosen_by = {f: [o.platform for o in opts] for f, opts in options.items()}
    return StackProblem(
        functions=tuple(rankings),
        options=options,
        pair_bonus=pair_bonus,
        same_platform_bonus=terms.same_platform,
        vendor_penalty=terms.vendor_penalty.get(profile.risk_tolerance, 0.0),
        budget=money.money.budget,
        joint_cost=joint_costs(money, profile) if money.costs else None,
        function_pairs=merged_terms(
            tuple(rankings),
            link_terms(chosen_by, catalog, bonus),
            included(rankings, catalog, profile, money),
        ),
    )


def _money_pairs(stack: Stack, money: StackMoney) -> float:
    """The points of the chosen stack that are money saved by its processor, not links."""
    chosen = set(stack.choice.values())
    return sum(points for pair, points in processor_savings(money).items() if pair <= chosen)


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
                in_use=platform_id in existing,
                replaces=replaced,
                business_case=_business_case(scored, incumbents, rankings[function], money),
            )
        )
    return tuple(items)


def with_also(
    item: StackItem,
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    catalog: Catalog,
    profile: Profile,
    money: StackMoney,
) -> StackItem:
    """A channel function's item with the further platforms the business should be on:
    those it already uses there, and the best that reaches each audience channel the
    others do not, where being there costs nothing a month."""
    if not catalog.functions[item.function].several:
        return item
    free = {
        s.platform: s
        for s in rankings[item.function]
        if s.platform != item.platform and _costs_nothing(money, item.function, s)
    }
    also = [
        AlsoOn.model_construct(
            platform=p, name=s.name, score=s.score, reason="already in use: keep it"
        )
        for p, s in free.items()
        if p in profile.existing_platforms
    ]
    reached = set(catalog.platforms[item.platform].channels)
    reached.update(c for a in also for c in catalog.platforms[a.platform].channels)
    for channel in profile.audience.channels:
        if channel in reached:
            continue
        best = next(
            (s for s in free.values() if channel in catalog.platforms[s.platform].channels), None
        )
        if best is None or any(a.platform == best.platform for a in also):
            continue
        reached.update(catalog.platforms[best.platform].channels)
        label = catalog.channels[channel].label
        also.append(
            AlsoOn.model_construct(
                platform=best.platform,
                name=best.name,
                score=best.score,
                reason=f"reaches the audience on {label}, which {item.name} does not",
            )
        )
    replaced = tuple(r for r in item.replaces if r not in {a.name for a in also})
    return item.model_copy(update={"also": tuple(also), "replaces": replaced})


def _suite_case(
    item: StackItem, catalog: Catalog, profile: Profile, money: StackMoney
) -> StackItem:
    """The business case of a suite's module replacing a platform in use (an ERP's
    accounting for QuickBooks): what the module adds to the suite's bill, against
    keeping what is in use."""
    whole = next(
        (f for f in item.shared_with if item.function in catalog.functions[f].includes), None
    )
    olds = [p for p in profile.existing_platforms if p in money.costs.get(item.function, {})]
    if whole is None or not olds or item.platform in olds:
        return item
    m, part = money.money, item.function
    keeping, moving = move_money(item.platform, whole, part, olds, money)
    one_off = money.costs[part][item.platform].one_off_total
    label = catalog.functions[whole].label.lower()
    names = ", ".join(catalog.platforms[p].name for p in olds)
    case = (
        f"it comes with the {label} system, so {names} is no longer needed: moving saves "
        f"{m.money(keeping - moving)} over {m.horizon} months, fees on sales and "
        f"{m.money(one_off)} to start included"
    )
    return item.model_copy(update={"business_case": case})


def _costs_nothing(money: StackMoney, function: str, scored: ScoredPlatform) -> bool:
    cost = money.costs.get(function, {}).get(scored.platform)
    return (cost.fixed if cost is not None else scored.fixed_cost) < 0.5


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


def _budget_check(problem: StackProblem, best: Stack, money: BusinessMoney) -> BudgetCheck:
    """Whether the budget rules out a stack worth more than `best`: usually there is none,
    and the search proves that quickly; if its work runs out first, the note says so."""
    free: Stack | None = None
    note = "The budget does not limit the choice: the best stack fits within it."
    if problem.budget is not None:
        try:
            free = better_stack(
                replace(problem, budget=None), best.value, allowance=Allowance(SEARCH_WORK)
            )
        except AllowanceSpent:
            note = "The search did not settle whether a stronger stack lies above the budget."
    if free is not None:
        note = (
            f"The budget rules out a stronger stack costing {money.money(free.cost)}/month "
            f"({free.value - best.value:.1f} points better)."
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
