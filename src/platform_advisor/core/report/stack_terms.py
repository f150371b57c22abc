"""What the stack search is given besides the scores: the money each candidate costs, the
points for links (weighted by the data that flows between two functions) and for
platforms kept in use, the combinations ruled out, and which candidates may fill each
function (those serving its purpose, worth a move from what works, or a suite's module
that pays).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from platform_advisor.algorithms.stack_search import JointCost
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
from platform_advisor.models.catalog import Catalog, LinkKind
from platform_advisor.models.criteria import StackTerms
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import ScoredPlatform


@dataclass(frozen=True)
class StackMoney:
    """The money the stack's choice weighs: the business's facts, what each candidate
    costs for each function, and how many points a unit of money is worth there."""

    money: BusinessMoney
    costs: Mapping[str, Mapping[str, CandidateCost]] = field(default_factory=dict)
    points_per_unit: Mapping[str, float] = field(default_factory=dict)


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


def offered(
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
    """Whether the suite's module costs less over the horizon than the platform in use."""
    if suite not in money.costs.get(part, {}) or incumbent not in money.costs.get(part, {}):
        return False
    keeping, moving = move_money(suite, whole, part, [incumbent], money)
    return moving < keeping


def move_money(
    suite: str, whole: str, part: str, incumbents: Sequence[str], money: StackMoney
) -> tuple[float, float]:
    """Over the horizon: keeping the platforms in use for a part, against moving it into
    the suite chosen for the whole (what the suite adds to its plan, its fees on the
    part's sales, and the one-off cost of the move)."""
    costs, horizon = money.costs[part], money.money.horizon
    keeping = sum(costs[p].monthly for p in incumbents) * horizon
    joint = joint_costs(money, money.money.profile)
    added = joint(suite, frozenset({whole, part})) - joint(suite, frozenset({whole}))
    moving = (added + costs[suite].fees_total) * horizon + costs[suite].one_off_total
    return keeping, moving


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


def alone_cost(money: StackMoney, function: str, scored: ScoredPlatform) -> float:
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


def kept_in_use(existing: Sequence[str], catalog: Catalog, needed: set[str]) -> list[str]:
    """Platforms in use that stay whatever the stack: they fill no needed function.

    One that fills a needed function stays only if the stack chooses it, and then its
    links count as links within the stack.
    """
    return [p for p in existing if not set(catalog.platforms[p].functions) & needed]


def bonus_with_kept(
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
