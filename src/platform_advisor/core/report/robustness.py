"""The robustness section of the advice: numbers from `core.robustness` and
`core.stack_tipping`, verdicts by documented thresholds, and sentences a business owner
can read ("Xero wins in 71% of the weightings sampled; it stops winning if the weight on
Skill fit falls below 12% (now 14%), Odoo Online would lead...")."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np

from platform_advisor.algorithms import MethodName
from platform_advisor.algorithms.acceptability import (
    SCAN_STEPS,
    Lines,
    Tip,
    acceptability,
    all_tipping_points,
    scanned_tipping_points,
    weight_samples,
)
from platform_advisor.algorithms.sampling import Sampling
from platform_advisor.algorithms.stack_search import Allowance, StackProblem
from platform_advisor.algorithms.stack_tipping import (
    STACK_WORK,
    StackTip,
    Unsettled,
    chosen_indices,
    function_lines,
    stack_tip,
)
from platform_advisor.core.scoring.scores import exact_score, value_matrix
from platform_advisor.core.wording import percent
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.result import (
    Acceptability,
    FunctionRobustness,
    Robustness,
    ScoredPlatform,
    StackItem,
    StackRobustness,
    TippingPoint,
    WeightUsed,
)

#: A winner less than this many points ahead of the runner-up is a close call.
CLOSE_CALL_POINTS = 2.0
#: A robust win: first in at least this share of the samples...
ROBUST_SHARE = 0.75
#: ... and no single weight moving by less than this (percentage points) changes it.
SENSITIVE_POINTS = 5.0
#: Candidates listed in a function's acceptability table at most.
LISTED = 5


def robustness(
    rankings: Mapping[str, tuple[ScoredPlatform, ...]],
    weights: Sequence[WeightUsed],
    catalog: Catalog,
    sampling: Sampling,
    stack: Sequence[StackItem],
    method: MethodName = "weighted_sum",
    problem: StackProblem | None = None,
) -> Robustness:
    """Acceptability and tipping points for every function's winner; for the stack too
    when given the problem it was chosen from and the method is the weighted sum (the
    only one whose scores the stack's certification can bound)."""
    shares = [weight.share for weight in weights]
    samples = weight_samples(shares, sampling)
    values = {function: _matrix(ranked, weights) for function, ranked in rankings.items()}
    picks = {item.function: item for item in stack}
    functions = tuple(
        _function(
            function,
            ranked,
            values[function],
            samples,
            weights,
            catalog.functions[function].label,
            picks[function],
            method,
        )
        for function, ranked in rankings.items()
    )
    exact = method == "weighted_sum"
    return Robustness.model_construct(
        sampling=_sampling_words(sampling),
        samples=sampling.samples,
        seed=sampling.seed,
        close_call_points=CLOSE_CALL_POINTS,
        functions=functions,
        tipping_method="exact" if exact else f"scanned at {SCAN_STEPS:,} steps a side",
        stack=(
            _stack(problem, stack, _options_of(problem, rankings, values), weights, catalog)
            if problem and exact
            else None
        ),
        statements=_statements(functions),
    )


def _options_of(
    problem: StackProblem,
    rankings: Mapping[str, Sequence[ScoredPlatform]],
    values: Mapping[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """Each function's rows for the stack's options, in their order (the stack leaves out
    candidates not worth replacing a platform in use for)."""
    rows = {}
    for function in problem.functions:
        order = [s.platform for s in rankings[function]]
        keep = [order.index(option.platform) for option in problem.options[function]]
        rows[function] = values[function][keep]
    return rows


def _matrix(ranked: Sequence[ScoredPlatform], weights: Sequence[WeightUsed]) -> np.ndarray:
    """Candidates (in ranking order) by criteria (in weight order); NaN: not applicable."""
    return np.array(value_matrix(ranked, weights), dtype=np.float64).reshape(
        len(ranked), len(weights)
    )


def _sampling_words(sampling: Sampling) -> str:
    if sampling.uniform:
        return "uniform over every possible weighting (no prior idea of the weights)"
    low, high = math.exp(-sampling.spread), math.exp(sampling.spread)
    return (
        f"around your weights, each multiplied by a log-normal factor (σ {sampling.spread:g} "
        f"of its log: two times in three between ×{low:.2f} and ×{high:.2f}) and the whole "
        "rescaled"
    )


# One function ------------------------------------------------------------------------


def _function(
    function: str,
    ranked: Sequence[ScoredPlatform],
    values: np.ndarray,
    samples: np.ndarray,
    weights: Sequence[WeightUsed],
    label: str,
    pick: StackItem,
    method: MethodName,
) -> FunctionRobustness:
    """Acceptability, tipping points and a verdict for one function's winner."""
    # Rows follow the ranking, whose ties go to the lower id; argmax keeps the first of
    # equal scores, so a tie in a sample is broken the same way.
    shares = [weight.share for weight in weights]
    accepted = acceptability(values, samples, method)
    names = [scored.name for scored in ranked]
    tips = tuple(
        _tipping_point(weight, shares[k], below, above, names)
        for k, (weight, (below, above)) in enumerate(
            zip(weights, _tips(values, shares, method), strict=True)
        )
    )
    winner, runner_up = ranked[0], ranked[1] if len(ranked) > 1 else None
    margin = None if runner_up is None else round(exact_score(winner) - exact_score(runner_up), 2)
    first = float(accepted.first[0])
    ordered = _nearest_first(tips)
    return FunctionRobustness.model_construct(
        function=function,
        label=label,
        winner=winner.platform,
        winner_name=winner.name,
        stack_pick=pick.platform,
        stack_pick_name=pick.name,
        stack_pick_reason=_pick_reason(pick),
        runner_up=runner_up.platform if runner_up else None,
        runner_up_name=runner_up.name if runner_up else None,
        margin=margin,
        verdict=_verdict(margin, first, ordered),
        acceptability=_acceptability_table(ranked, accepted.first, accepted.top_three),
        tipping=ordered,
        nearest_change=_short_change(ordered),
        statement=_function_statement(winner.name, runner_up, margin, first, ordered)
        + _stack_pick_note(winner, pick),
    )


def _stack_pick_note(winner: ScoredPlatform, pick: StackItem) -> str:
    if pick.platform == winner.platform:
        return ""
    return f" The stack takes {pick.name} instead, for how it works with the rest."


def _tips(
    values: np.ndarray, shares: Sequence[float], method: MethodName
) -> list[tuple[Tip | None, Tip | None]]:
    """Each criterion's tipping points: exact for the weighted sum, scanned otherwise."""
    if method == "weighted_sum":
        return all_tipping_points(values, shares)
    return [scanned_tipping_points(values, shares, k, method) for k in range(len(shares))]


def _acceptability_table(
    ranked: Sequence[ScoredPlatform], first: np.ndarray, top_three: np.ndarray
) -> tuple[Acceptability, ...]:
    rows = [
        Acceptability.model_construct(
            platform=scored.platform,
            name=scored.name,
            first=round(float(first[row]), 4),
            top_three=round(float(top_three[row]), 4),
        )
        for row, scored in enumerate(ranked)
        if top_three[row] > 0
    ]
    rows.sort(key=lambda a: (-a.first, -a.top_three, a.platform))
    return tuple(rows[:LISTED])


def _tipping_point(
    weight: WeightUsed, share: float, below: Tip | None, above: Tip | None, names: Sequence[str]
) -> TippingPoint:
    return _point(
        weight,
        share,
        (None, "") if below is None else (below.share, f"{names[below.winner]} would lead"),
        (None, "") if above is None else (above.share, f"{names[above.winner]} would lead"),
    )


def _point(
    weight: WeightUsed,
    share: float,
    below: tuple[float | None, str],
    above: tuple[float | None, str],
) -> TippingPoint:
    moves = [abs(limit - share) for limit, _ in (below, above) if limit is not None]
    return TippingPoint.model_construct(
        criterion=weight.criterion,
        label=weight.label,
        share=round(share, 6),
        falls_below=None if below[0] is None else round(below[0], 6),
        then_below=below[1],
        rises_above=None if above[0] is None else round(above[0], 6),
        then_above=above[1],
        nearest=round(100 * min(moves), 2) if moves else None,
    )


def _nearest_first(tips: Sequence[TippingPoint]) -> tuple[TippingPoint, ...]:
    return tuple(sorted(tips, key=lambda t: (t.nearest is None, t.nearest or 0.0)))


def _verdict(
    margin: float | None, first: float, tips: Sequence[TippingPoint]
) -> Literal["robust", "fragile", "close call", "unopposed"]:
    if margin is None:
        return "unopposed"
    if margin < CLOSE_CALL_POINTS:
        return "close call"
    nearest = tips[0].nearest if tips else None
    if first >= ROBUST_SHARE and (nearest is None or nearest >= SENSITIVE_POINTS):
        return "robust"
    return "fragile"


# Words --------------------------------------------------------------------------------


def _nearer_side(tip: TippingPoint) -> tuple[str, float, str] | None:
    """The nearer of a tipping point's two changes: its direction, limit and result."""
    below, above = tip.falls_below, tip.rises_above
    if above is not None and (below is None or above - tip.share <= tip.share - below):
        return "rises above", above, tip.then_above
    if below is not None:
        return "falls below", below, tip.then_below
    return None


def _tip_words(tip: TippingPoint) -> str:
    """'if the weight on X rises above Y% (now Z%), W would lead'."""
    side = _nearer_side(tip)
    if side is None:
        return ""
    move, limit, then = side
    return (
        f"if the weight on {tip.label} {move} {percent(limit)} (now {percent(tip.share)}), {then}"
    )


def _short_change(tips: Sequence[TippingPoint]) -> str:
    """The nearest tipping point in a table cell: 'Budget fit below 6.2%', or 'none'."""
    side = _nearer_side(tips[0]) if tips else None
    if side is None:
        return "none"
    move, limit, _ = side
    return f"{tips[0].label} {move.split()[1]} {percent(limit)}"


def _function_statement(
    winner: str,
    runner_up: ScoredPlatform | None,
    margin: float | None,
    first: float,
    tips: Sequence[TippingPoint],
) -> str:
    if runner_up is None or margin is None:
        return f"{winner} is the only candidate left."
    nearest = tips[0] if tips and tips[0].nearest is not None else None
    change = (
        f"it stops winning {_tip_words(nearest)}"
        if nearest
        else "no change of a single weight changes that"
    )
    second = "a close second" if margin < CLOSE_CALL_POINTS else "second"
    return (
        f"{winner} wins in {percent(first)} of the weightings sampled; {change}. "
        f"{runner_up.name} is {second}, {points(margin)} behind."
    )


def points(margin: float) -> str:
    """A lead in words: '1.3 points'; one that rounds to nothing, 'under 0.1 points'."""
    return f"{margin:.1f} points" if round(margin, 1) > 0 else "under 0.1 points"


def _statements(functions: Sequence[FunctionRobustness]) -> tuple[str, ...]:
    """One line each for close calls, fragile wins and robust wins, where there are any."""
    lines = []
    close = [f for f in functions if f.verdict == "close call"]
    if close:
        lines.append(
            "Close calls: "
            + "; ".join(
                f"{f.label} ({f.winner_name} leads {f.runner_up_name} by {points(f.margin or 0.0)}"
                f"{_pick_words(f)})"
                for f in close
            )
            + "."
        )
    fragile = [f for f in functions if f.verdict == "fragile"]
    if fragile:
        lines.append(
            "Fragile wins: "
            + "; ".join(
                f"{f.label} ({f.winner_name}, {_first_words(f)}{_pick_words(f)})" for f in fragile
            )
            + "."
        )
    robust = [f for f in functions if f.verdict in ("robust", "unopposed")]
    if robust:
        lines.append(
            "Robust wins: "
            + "; ".join(f"{f.label} ({f.winner_name}{_pick_words(f)})" for f in robust)
            + "."
        )
    return tuple(lines)


def _pick_reason(pick: StackItem) -> str:
    """Why the stack may take another platform than a function's winner."""
    if pick.in_use:
        return "as the business already uses it"
    if pick.shared_with:
        return "as it fills other needed functions too"
    return "for how it works with the rest of the stack"


def _pick_words(function: FunctionRobustness) -> str:
    """Where the stack takes another platform than the ranking's winner, say so."""
    if function.stack_pick == function.winner:
        return ""
    return f"; the stack takes {function.stack_pick_name} {function.stack_pick_reason}"


def _first_words(function: FunctionRobustness) -> str:
    first = next((a.first for a in function.acceptability if a.platform == function.winner), 0.0)
    nearest = function.tipping[0] if function.tipping else None
    words = f"first in {percent(first)} of weightings"
    if nearest is not None and nearest.nearest is not None:
        words += f"; it changes {_tip_words(nearest)}"
    return words


# The stack ----------------------------------------------------------------------------


def _stack(
    problem: StackProblem,
    stack: Sequence[StackItem],
    values: Mapping[str, np.ndarray],
    weights: Sequence[WeightUsed],
    catalog: Catalog,
) -> StackRobustness:
    """Each criterion's tipping points for the stack as a whole."""
    shares = [weight.share for weight in weights]
    current = {item.function: item.platform for item in stack}
    chosen = chosen_indices(problem, current)
    every = {f: Lines.of(values[f], np.asarray(shares)) for f in problem.functions}
    tips: list[TippingPoint] = []
    unsettled: list[str] = []
    # The walks share the work allowed: each may spend what the walks before it left,
    # less a reserve kept for each walk still to come.
    left, walks = STACK_WORK, 2 * len(weights)
    reserve = STACK_WORK // (4 * walks)
    for k, weight in enumerate(weights):
        lines = function_lines(problem, every, shares, k)
        ends = []
        for upward in (False, True):
            walks -= 1
            share = Allowance(left - reserve * walks)
            found = stack_tip(problem, lines, chosen, shares[k], upward, share)
            left -= share.spent
            if isinstance(found, Unsettled):
                unsettled.append(weight.criterion)
                found = None
            ends.append(_stack_end(found, current, catalog))
        tips.append(_point(weight, shares[k], ends[0], ends[1]))
    ordered = _nearest_first(tips)
    return StackRobustness.model_construct(
        tipping=ordered,
        unsettled=tuple(dict.fromkeys(unsettled)),
        statement=_stack_statement(ordered),
    )


def _stack_end(
    tip: StackTip | None, current: Mapping[str, str], catalog: Catalog
) -> tuple[float | None, str]:
    if tip is None:
        return None, ""
    names = catalog.platforms
    changes = [
        f"{names[tip.choice[f]].name} would replace {names[current[f]].name} "
        f"for {catalog.functions[f].label.lower()}"
        for f in current
        if tip.choice[f] != current[f]
    ]
    return tip.share, " and ".join(changes)


def _stack_statement(tips: Sequence[TippingPoint]) -> str:
    nearest = tips[0] if tips and tips[0].nearest is not None else None
    if nearest is None:
        return "No change of a single weight changes the recommended stack."
    return (
        f"The recommended stack holds until one weight moves {nearest.nearest:.1f} points: "
        f"{_tip_words(nearest)}."
    )
