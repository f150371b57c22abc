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
    Allowance,
    AllowanceSpent,
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
    result = search(problem, Allowance(SEARCH_WORK), settle=True)
    if result.best is None:
        raise AdviceError(_over_budget(result, catalog, money.money))
    free = _above_budget(problem, result.best.value)
    best = result.best
    # The search folds links to platforms in use into each option's value; the report
    # counts them as integration, with the links inside the stack.
    kept = kept_in_use(profile.existing_platforms, catalog, set(rankings))
    in_use = sum(
        _bonus_with(p, f, kept, catalog, link_bonus(terms)) for f, p in best.choice.items()
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
            budget=_budget_check(best, free, money.money),
        ),
    )


#: The search work one stack choice may do (see `stack_search.Allowance`): about a second on
#: the machines of PERFORMANCE.md. The examples need a hundredth of it; a degenerate
#: problem (thirty functions of tied candidates) would take minutes to prove, and gets the
#: best stack found with the gap the search has proved instead.
SEARCH_WORK = 500_000


def _above_budget(problem: StackProblem, value: float) -> Stack | Unsettled | None:
    """The best stack the budget rules out, if it is worth more than `value`; usually
    there is none, and the search proves that quickly."""
    if problem.budget is None:
        return None
    try:
        return better_stack(replace(problem, budget=None), value, allowance=Allowance(SEARCH_WORK))
    except AllowanceSpent:
        return UNSETTLED


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
    offered = {
        function: _offered(function, ranked, catalog, profile, terms, moves)
        for function, ranked in rankings.items()
    }
    options = {
        function: tuple(
            Option(
                platform=s.platform,
                vendor=s.vendor,
                value=exact_score(s) + _bonus_with(s.platform, function, kept, catalog, bonus),
                fixed_cost=_alone(money, function, s),
            )
            for s in ranked
            if s.platform in offered[function]
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


#: A link between platforms of two functions the taxonomy lists no data flow between
#: counts this share of its points: the platforms could exchange data, but little that
#: the business needs moved (a listing and an email tool), unlike a till and the books.
NO_FLOW_SHARE = 0.25

FunctionTerms = dict[tuple[str, str], dict[tuple[str, str], float]]


def flow_weight(catalog: Catalog, first: str, second: str) -> float:
    """How much a link between platforms of these two functions is worth, as a share."""
    return 1.0 if catalog.flow(first, second) is not None else NO_FLOW_SHARE


def link_terms(
    options: Mapping[str, Sequence[str]], catalog: Catalog, bonus: Mapping[LinkKind, float]
) -> FunctionTerms:
    """Points for each pair of functions whose platforms link: the link's kind, weighted by
    the data that flows between the two functions. A link counts once for each pair of
    functions whose data it carries (an ERP filling three functions, linked to a store,
    carries orders to its books, stock and customers)."""
    functions = list(options)
    terms: FunctionTerms = {}
    for n, f in enumerate(functions):
        for g in functions[n + 1 :]:
            weight = flow_weight(catalog, f, g)
            cells = {
                (a, b): bonus[kind] * weight
                for a in options[f]
                for b in options[g]
                if a != b and (kind := catalog.link(a, b)) is not None
            }
            if cells:
                terms[(f, g)] = cells
    return terms


def merged_terms(functions: Sequence[str], *parts: FunctionTerms) -> FunctionTerms:
    """Terms for pairs of functions, added together, each pair keyed in stack order."""
    order = {f: n for n, f in enumerate(functions)}
    merged: FunctionTerms = {}
    for part in parts:
        for (f, g), cells in part.items():
            if f not in order or g not in order:
                continue
            flip = order[f] > order[g]
            key = (g, f) if flip else (f, g)
            target = merged.setdefault(key, {})
            for (a, b), points in cells.items():
                cell = (b, a) if flip else (a, b)
                target[cell] = target.get(cell, 0.0) + points
    return merged


def _offered(
    function: str,
    ranked: Sequence[ScoredPlatform],
    catalog: Catalog,
    profile: Profile,
    terms: StackTerms,
    moves: set[tuple[str, str]],
) -> set[str]:
    """The candidates the search may choose for a function: those serving its purpose
    that are worth a move from what is in use, and a suite whose module replaces it."""
    serve = serving(ranked, catalog, function, profile)
    worth = worth_a_move(serve, profile.existing_platforms, terms.keep_in_use)
    return {s.platform for s in worth} | {s for f, s in moves if f == function}


def suite_moves(
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    catalog: Catalog,
    profile: Profile,
    money: StackMoney,
) -> set[tuple[str, str]]:
    """(function, suite) pairs where a suite chosen for a function that includes this one
    (an ERP for accounting) should also take it from the platform in use: the suite fills
    it for less, over the horizon, than keeping what is in use, the move included."""
    moves = set()
    for whole in rankings:
        for part in catalog.functions[whole].includes:
            if part not in rankings:
                continue
            incumbents = [
                s.platform for s in rankings[part] if s.platform in profile.existing_platforms
            ]
            suites = {s.platform for s in rankings[whole]} & {s.platform for s in rankings[part]}
            moves |= {
                (part, suite)
                for suite in suites
                if incumbents
                and all(_move_pays(suite, whole, part, old, money) for old in incumbents)
            }
    return moves


def _move_pays(suite: str, whole: str, part: str, incumbent: str, money: StackMoney) -> bool:
    """Whether the suite's module costs less over the horizon than the platform in use:
    what the suite adds to its plan for the part, and the move, against keeping it."""
    costs = money.costs
    if suite not in costs.get(part, {}) or incumbent not in costs.get(part, {}):
        return False
    horizon = money.money.horizon
    keeping = costs[part][incumbent].monthly * horizon
    joint = joint_costs(money, money.money.profile)
    added = joint(suite, frozenset({whole, part})) - joint(suite, frozenset({whole}))
    moving = (added + costs[part][suite].fees_total) * horizon + costs[part][suite].one_off_total
    return moving < keeping


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
        **_second_products(
            options, catalog, profile, suite_moves(rankings, catalog, profile, money)
        ),
        **_processors_elsewhere(options, catalog, money),
    }


def _second_products(
    options: Mapping[str, list[str]],
    catalog: Catalog,
    profile: Profile,
    moves: set[tuple[str, str]],
) -> dict[tuple[str, str], dict[tuple[str, str], float]]:
    """A function that includes another by design (an ERP's accounting): when the platform
    chosen for it can fill the other too, no second product is bought for that one, unless
    the business keeps one it already uses because moving it to the suite does not pay
    (`suite_moves`)."""
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
                if other != suite
                and (other not in profile.existing_platforms or (part, suite) in moves)
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


#: The reach rating below which a channel platform reaches too few people to be anyone's
#: channel of choice, when the profile names no audience channels to check against.
MAINSTREAM_REACH = 3


def serving(
    ranked: Sequence[ScoredPlatform], catalog: Catalog, function: str, profile: Profile
) -> list[ScoredPlatform]:
    """The candidates that serve the purpose of a channel function (social media,
    listings, marketplaces: being where the audience is), so that no link lifts one
    that does not: those reaching one of the audience's channels, or, where the profile
    names none or no candidate reaches one, a mainstream audience; a function whose
    candidates all fail keeps them all. A channel the business is already on is kept,
    not swapped: its customers are there (others may join it, see `with_also`)."""
    if not catalog.functions[function].several:
        return list(ranked)
    in_use = set(profile.existing_platforms)
    if current := [s for s in ranked if s.platform in in_use]:
        return current
    audience = set(profile.audience.channels)
    tests = (
        lambda p: bool(audience & set(p.channels)),
        lambda p: p.ratings.reach >= MAINSTREAM_REACH,
    )
    for test in tests:
        if kept := [s for s in ranked if test(catalog.platforms[s.platform])]:
            return kept
    return list(ranked)


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
    platform_id: str,
    function: str,
    kept: Sequence[str],
    catalog: Catalog,
    bonus: Mapping[LinkKind, float],
) -> float:
    """Links to the platforms in use that stay count like links in the stack: by kind,
    weighted by the data that flows between this function and what each one does."""
    points = 0.0
    for existing in kept:
        kind = catalog.link(platform_id, existing) if existing != platform_id else None
        if kind is None:
            continue
        weights = [flow_weight(catalog, function, f) for f in catalog.platforms[existing].functions]
        points += bonus[kind] * max(weights, default=NO_FLOW_SHARE)
    return points


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
    m, horizon, part = money.money, money.money.horizon, item.function
    keeping = sum(money.costs[part][p].monthly for p in olds) * horizon
    joint = joint_costs(money, profile)
    added = joint(item.platform, frozenset({whole, part})) - joint(
        item.platform, frozenset({whole})
    )
    one_off = money.costs[part][item.platform].one_off_total
    moving = (added + money.costs[part][item.platform].fees_total) * horizon + one_off
    label = catalog.functions[whole].label.lower()
    names = ", ".join(catalog.platforms[p].name for p in olds)
    case = (
        f"it comes with the {label} system, so {names} is no longer needed: moving saves "
        f"{m.money(keeping - moving)} over {horizon} months, fees on sales and "
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


class Unsettled:
    """The search ran out of work before settling a question."""


UNSETTLED = Unsettled()


def _budget_check(best: Stack, free: Stack | Unsettled | None, money: BusinessMoney) -> BudgetCheck:
    """`free` is the best stack without the budget, when it is worth more than `best`."""
    if isinstance(free, Unsettled):
        return BudgetCheck.model_construct(
            budget=round(money.budget, 2),
            stack_cost=round(best.cost, 2),
            binding=False,
            note="The search did not settle whether a stronger stack lies above the budget.",
        )
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
