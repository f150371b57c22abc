"""The owner-manager's brief: the stack, its cost, why, how sure, the first steps and
the top risks, taken from the full Strategy and worded for someone who will not read
the method."""

from __future__ import annotations

from platform_advisor.core.wording import joined
from platform_advisor.models.result import Brief, BriefLine, CostLine, ScoredPlatform, Strategy

#: The risks a brief names: the rest are in the full report.
BRIEF_RISKS = 3
#: Reasons given for each platform: its strongest points.
BRIEF_REASONS = 2
#: A criterion value at or above this counts as a strength.
STRONG = 0.6


def brief(strategy: Strategy) -> Brief:
    """The brief of a strategy: only what an owner-manager decides on."""
    cost = strategy.cost
    return Brief.model_construct(
        brief=True,
        schema_version=strategy.schema_version,
        currency=strategy.currency,
        money_format=strategy.money_format,
        business=strategy.business,
        cover=strategy.cover,
        stack=tuple(_line(strategy, line) for line in cost.lines),
        monthly_fixed=cost.monthly_fixed,
        monthly_fees=cost.monthly_fees,
        monthly_total=cost.monthly_total,
        one_off=cost.setup,
        year_one=cost.year_one,
        budget=strategy.business.monthly_budget,
        prices_note=strategy.prices_note,
        how_sure=how_sure(strategy),
        first_steps=first_steps(strategy),
        risks=strategy.risks[:BRIEF_RISKS],
        ecosystem=strategy.ecosystem.summary if strategy.ecosystem else "",
    )


def _line(strategy: Strategy, line: CostLine) -> BriefLine:
    labels = {need.function: need.label for need in strategy.needs}
    return BriefLine.model_construct(
        functions=joined([labels.get(f, f) for f in line.functions]),
        name=line.name,
        monthly=line.subscription + line.hosting + line.skill_gap + line.fees,
        why=why(strategy, line),
    )


def why(strategy: Strategy, line: CostLine) -> str:
    """Where it ranks for its first function, what it is strongest on, and what it
    replaces and why, in words an owner-manager reads without the method."""
    function = line.functions[0]
    ranked = strategy.rankings.get(function, ())
    pick = next((c for c in ranked if c.platform == line.platform), None)
    label = next((n.label for n in strategy.needs if n.function == function), function)
    reasons = [] if pick is None else [_standing(pick, len(ranked), label), _strongest(pick)]
    item = next((i for i in strategy.stack if i.platform == line.platform and i.replaces), None)
    if item is not None:
        case = f": {item.business_case}" if item.business_case else ""
        reasons.append(f"replaces {joined(list(item.replaces))}{case}")
    return "; ".join(r for r in reasons if r) or "the one platform the catalog offers for it"


def _standing(pick: ScoredPlatform, candidates: int, label: str) -> str:
    if pick.rank == 1:
        return f"the best of {candidates} candidates for {label.lower()}"
    return (
        f"number {pick.rank} of {candidates} for {label.lower()}, chosen because it works "
        "best with the rest of the stack"
    )


def _strongest(pick: ScoredPlatform) -> str:
    """The criteria that gave it most points, among those it does well on."""
    strong = sorted(
        (c for c in pick.contributions if c.value is not None and c.value >= STRONG),
        key=lambda c: -c.points,
    )
    names = [c.label.lower() for c in strong[:BRIEF_REASONS]]
    return f"strongest on {joined(names)}" if names else ""


def how_sure(strategy: Strategy) -> tuple[str, ...]:
    """How sure the advice is, in words: the robustness statements, or that it was not tested."""
    if strategy.robustness is None:
        return ("How the choice holds up under other weights was not tested for this report.",)
    return strategy.robustness.statements


def first_steps(strategy: Strategy) -> tuple[str, ...]:
    """The first two phases of the roadmap, each with its platforms and first action."""
    steps = []
    for phase in strategy.roadmap[:2]:
        platforms = f" ({joined(list(phase.platforms))})" if phase.platforms else ""
        action = f": {phase.actions[0]}" if phase.actions else "."
        steps.append(f"{phase.name}, {phase.when.lower()}{platforms}{action}")
    return tuple(steps)
