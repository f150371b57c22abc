"""The registry of criteria evaluators.

Each evaluator is a small pure function that measures one platform for one business and
returns a value in [0, 1] with a one-line reason, or ``None`` when the criterion does not
apply (audience fit for an accounting package, say). A criteria file names the evaluator
of each criterion; adding a kind of criterion is adding one function here and one
paragraph to docs/scoring.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from platform_advisor.core.money.context import BusinessMoney
from platform_advisor.core.money.costs import CandidateCost, is_self_hosted
from platform_advisor.core.wording import listing, words
from platform_advisor.models.catalog import Catalog, FunctionDef, LinkKind, Platform
from platform_advisor.models.common import SKILL_LEVELS, RiskTolerance
from platform_advisor.models.criteria import Criteria, Criterion
from platform_advisor.models.profile import Profile


@dataclass(frozen=True)
class Evaluation:
    value: float | None
    reason: str


@dataclass(frozen=True)
class Context:
    """What every evaluator may look at besides the platform itself."""

    profile: Profile
    criteria: Criteria
    catalog: Catalog
    function: FunctionDef
    needed_functions: int
    money: BusinessMoney
    costs: Mapping[str, CandidateCost] = field(default_factory=dict)

    def cost(self, platform: Platform) -> CandidateCost:
        """What the platform would cost for this function (every candidate has a cost)."""
        return self.costs[platform.id]

    @cached_property
    def money_scale(self) -> float:
        """The money that moves a cost criterion from best to worst: the spread of the
        candidates' costs over the horizon, but never less than what is material to this
        business (a tenth of its platform budget and half a percent of its sales, a month)."""
        totals = [cost.over(self.money.horizon) for cost in self.costs.values()]
        spread = max(totals) - min(totals) if totals else 0.0
        return max(spread, self.material)

    @cached_property
    def material(self) -> float:
        money = self.money
        monthly = 0.1 * money.budget + 0.005 * money.sales.total
        return money.horizon * max(monthly, money.from_usd(MATERIAL_FLOOR_USD))

    def cheapest(self, part: Callable[[CandidateCost], float]) -> float:
        return min((part(cost) for cost in self.costs.values()), default=0.0)


#: The least amount a month, in US dollars, that counts as material to any business.
MATERIAL_FLOOR_USD = 5.0


Evaluator = Callable[[Platform, Criterion, Context], Evaluation]
EVALUATORS: dict[str, Evaluator] = {}


def evaluator(name: str) -> Callable[[Evaluator], Evaluator]:
    def register(function: Evaluator) -> Evaluator:
        EVALUATORS[name] = function
        return function

    return register


@evaluator("rating")
def rating(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """One of the catalog's 0-5 ratings, scaled to 0-1."""
    assert criterion.rating is not None  # guaranteed by the Criterion model
    stars = getattr(platform.ratings, criterion.rating)
    return Evaluation(stars / 5, f"{words(criterion.rating)} rated {stars}/5")


def _relative(amount: float, cheapest: float, context: Context) -> float:
    """1 for the cheapest candidate, less by the difference over the money scale."""
    return max(0.0, 1.0 - (amount - cheapest) / context.money_scale)


def _against_cheapest(amount: float, cheapest: float, context: Context) -> str:
    difference = amount - cheapest
    if difference < 0.5:
        return "the cheapest candidate"
    return f"{context.money.money(difference)} more than the cheapest"


@evaluator("cost_fit")
def cost_fit(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """Everything it would cost over the horizon (subscription, help, fees on the sales it
    takes, one-off and switching costs) against the other candidates, on a scale where
    the spread of their costs, or at least what is material to the business, is the
    whole criterion: a large difference in money can never weigh less than a small one."""
    cost = context.cost(platform)
    months = context.money.horizon
    total = cost.over(months)
    cheapest = context.cheapest(lambda c: c.over(months))
    money = context.money
    start = f", {money.money(cost.one_off_total)} to start" if cost.one_off_total >= 0.5 else ""
    return Evaluation(
        _relative(total, cheapest, context),
        f"{money.money(total)} over {months} months ({money.money(cost.monthly)}/month{start}); "
        f"{_against_cheapest(total, cheapest, context)}",
    )


@evaluator("budget_fit")
def budget_fit(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """The fixed part of cost_fit: subscription, hosting and help over the horizon, with
    one-off costs, on cost_fit's scale (so a pound here weighs as a pound there)."""
    months = context.money.horizon

    def fixed(cost: CandidateCost) -> float:
        return months * cost.fixed + cost.one_off_total

    cost = context.cost(platform)
    amount, cheapest = fixed(cost), context.cheapest(fixed)
    money = context.money
    return Evaluation(
        _relative(amount, cheapest, context),
        f"{money.money(cost.fixed)}/month fixed"
        + (f" and {money.money(cost.one_off_total)} to start" if cost.one_off_total >= 0.5 else "")
        + f"; {_against_cheapest(amount, cheapest, context)} over {months} months",
    )


@evaluator("fee_fit")
def fee_fit(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """The fees part of cost_fit: fees on the sales this function's platform takes, over
    the horizon, on cost_fit's scale. Not applicable where the function takes no sales."""
    if not context.money.channels_of([context.function.id]):
        return Evaluation(None, "not applicable: no sales pass through this function")
    months = context.money.horizon
    cost = context.cost(platform)
    amount = months * cost.fees_total
    cheapest = context.cheapest(lambda c: months * c.fees_total)
    money = context.money
    share = cost.fees_total / _sales_taken(context) if _sales_taken(context) else 0.0
    estimated = " (partly the going rate of a separate processor)" if cost.estimated else ""
    return Evaluation(
        _relative(amount, cheapest, context),
        f"{money.money(cost.fees_total)}/month on sales, {share:.1%} of them{estimated}; "
        f"{_against_cheapest(amount, cheapest, context)} over {months} months",
    )


def _sales_taken(context: Context) -> float:
    channels = context.money.channels_of([context.function.id])
    return sum(context.money.sales.channels[c].amount for c in channels)


@evaluator("skill_fit")
def skill_fit(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """The skill a platform needs against the skill the business has."""
    needed = platform.skill_required
    have = context.profile.technical_capability
    gap = SKILL_LEVELS.index(needed) - SKILL_LEVELS.index(have)
    value = {0: 1.0, 1: 0.5, 2: 0.2}.get(gap, 0.0 if gap > 0 else 1.0)
    hosting = "self-hosted, " if is_self_hosted(platform) else ""
    needs = "no technical skills" if needed == "none" else f"{needed} skills"
    joiner = "; the team has" if gap <= 0 else " but the team has"
    return Evaluation(value, f"{hosting}needs {needs}{joiner} {have}")


OWNERSHIP_LOCK_IN = {"proprietary": 1.0, "hybrid": 0.6, "open_source": 0.1}
RISK_SENSITIVITY: dict[RiskTolerance, float] = {"low": 1.0, "medium": 0.6, "high": 0.3}


def lock_in(platform: Platform) -> float:
    """0 (easy to leave) to 1 (hard to leave): ownership, data portability, gatekeeping."""
    portability = platform.ratings.data_portability / 5
    return (
        0.45 * OWNERSHIP_LOCK_IN[platform.ownership]
        + 0.35 * (1 - portability)
        + 0.20 * (1.0 if platform.gatekeeper else 0.0)
    )


@evaluator("risk_fit")
def risk_fit(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """Dependency and lock-in, weighed by how much dependency the business can stand."""
    tolerance = context.profile.risk_tolerance
    index = lock_in(platform)
    traits = [words(platform.ownership), f"data portability {platform.ratings.data_portability}/5"]
    if platform.gatekeeper:
        traits.append("controls access to customers")
    return Evaluation(
        1 - index * RISK_SENSITIVITY[tolerance],
        f"lock-in {index:.2f} ({', '.join(traits)}) against {tolerance} risk tolerance",
    )


@evaluator("goal_fit")
def goal_fit(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """How well it serves the goals this function is needed for.

    For each such goal: half for the share of the goal's functions the platform covers
    (a store that also takes payments covers more of "increase sales"), half for the
    ratings the goal calls for. Goals that do not call for this function do not count.
    """
    function_id = context.function.id
    goals = [
        context.criteria.goals[goal_id]
        for goal_id in context.profile.goals
        if function_id in context.criteria.goals[goal_id].functions
    ]
    if not goals:
        return Evaluation(None, f"not applicable: no goal of the business calls for {function_id}")
    values, notes = [], []
    for goal in goals:
        covered = [f for f in goal.functions if f in platform.functions]
        coverage = len(covered) / len(goal.functions)
        stars = [getattr(platform.ratings, name) for name in goal.ratings]
        quality = sum(stars) / (5 * len(stars)) if stars else coverage
        values.append(0.5 * coverage + 0.5 * quality)
        rated = ", ".join(f"{words(n)} {s}/5" for n, s in zip(goal.ratings, stars, strict=True))
        notes.append(
            f"{goal.label.lower()}: covers {len(covered)} of its {len(goal.functions)} functions"
            + (f", {rated}" if rated else "")
        )
    return Evaluation(sum(values) / len(values), "; ".join(notes))


@evaluator("audience_fit")
def audience_fit(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """Share of the audience's channels it reaches, the first-listed counting most."""
    channels = context.profile.audience.channels
    if not context.function.audience_facing:
        return Evaluation(
            None, f"not applicable: {context.function.label.lower()} faces no audience"
        )
    if not channels:
        return Evaluation(None, "not applicable: the profile names no audience channels")
    weights = {channel: len(channels) - position for position, channel in enumerate(channels)}
    reached = [channel for channel in channels if channel in platform.channels]
    value = sum(weights[channel] for channel in reached) / sum(weights.values())
    labels = [context.catalog.channels[channel].label for channel in reached]
    return Evaluation(
        value,
        f"reaches {len(reached)} of the audience's {len(channels)} channels ({listing(labels)})",
    )


@evaluator("sector_fit")
def sector_fit(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """Built for the business's sector, general-purpose, or built for others."""
    sector = context.profile.business.sector
    if not platform.sectors:
        return Evaluation(0.6, "general-purpose, not built for one sector")
    if sector in platform.sectors:
        return Evaluation(1.0, f"built for {words(sector)} businesses")
    return Evaluation(
        0.2, f"built for {listing([words(s) for s in platform.sectors])}, not {words(sector)}"
    )


LINK_STRENGTH: dict[LinkKind, float] = {"native": 1.0, "ipaas": 0.6, "api": 0.3}
LINK_WORDS: dict[LinkKind, str] = {"native": "native", "ipaas": "iPaaS", "api": "API-only"}


#: What the best links to the platforms in use are worth, against being in use (1).
LINKED_SHARE = 0.5


@evaluator("existing_fit")
def existing_fit(platform: Platform, criterion: Criterion, context: Context) -> Evaluation:
    """Already in use, or how well it links to the platforms the business already uses.

    Platforms in use for this same function are the incumbents, not partners: a rival
    that would replace them earns nothing for them. Against the others: 70 % for the best
    link, 30 % for the average, on half the scale of being in use (a link to one tool is
    worth less than a system that already works). It applies whenever the business uses
    anything, so every candidate of a function is measured on it alike.
    """
    existing = context.profile.existing_platforms
    if not existing:
        return Evaluation(None, "not applicable: the profile names no platforms in use")
    if platform.id in existing:
        return Evaluation(1.0, "already in use: nothing to migrate")
    names = {other: context.catalog.platforms[other].name for other in existing}
    partners = [
        o for o in existing if context.function.id not in context.catalog.platforms[o].functions
    ]
    if not partners:
        return Evaluation(0.0, f"would replace {listing(list(names.values()))}, already in use")
    kinds = {other: context.catalog.link(platform.id, other) for other in partners}
    strengths = [LINK_STRENGTH[kind] if kind else 0.0 for kind in kinds.values()]
    value = LINKED_SHARE * (0.7 * max(strengths) + 0.3 * sum(strengths) / len(strengths))
    linked = [f"{LINK_WORDS[kind]} link to {names[other]}" for other, kind in kinds.items() if kind]
    if not linked:
        return Evaluation(0.0, f"no recorded link to {listing([names[o] for o in partners])}")
    return Evaluation(value, f"{listing(linked)} (of {len(partners)} in use)")
