"""What changed between two runs for one business, and which inputs changed with it.

A quarterly review re-scores a client's profile and compares the new result with the
last one: the stack, the rankings, the costs, the prices gone stale, the robustness
verdicts, and the causes (the profile, the criteria and their weights, the scoring
method, the catalog's prices and platforms).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from platform_advisor.core.wording import MoneyStyle, listing, money, words
from platform_advisor.errors import AdviceError
from platform_advisor.models.diff import (
    Cause,
    NumberChange,
    RankChange,
    RunDiff,
    StackChange,
    VerdictChange,
)
from platform_advisor.models.result import ScoredPlatform, Strategy

#: Rank changes are listed for the candidates in this many first places of either run.
RANKS_SHOWN = 5

_COSTS = (
    ("Monthly fixed cost", "monthly_fixed"),
    ("Monthly fees on sales", "monthly_fees"),
    ("One-off set-up", "setup"),
    ("First year", "year_one"),
    ("Three years", "three_years"),
)
_PROFILE_FIELDS = {
    "sector": "sector",
    "employees": "employees",
    "users": "users",
    "markets": "markets",
    "goals": "goals",
    "audience_channels": "audience channels",
    "technical_capability": "technical skills",
    "risk_tolerance": "risk tolerance",
    "monthly_budget": "monthly budget",
    "currency": "currency",
    "existing_platforms": "platforms in use",
}


def diff_runs(old: Strategy, new: Strategy, old_name: str, new_name: str) -> RunDiff:
    """The changes from `old` to `new`; AdviceError when they are for different businesses."""
    if old.business.name != new.business.name:
        raise AdviceError(
            f"{old_name} is for {old.business.name!r} and {new_name} for "
            f"{new.business.name!r}: compare two runs of the same profile"
        )
    labels = {need.function: need.label for need in (*old.needs, *new.needs)}
    stack = tuple(_stack_changes(old, new, labels))
    costs = tuple(_cost_changes(old, new))
    causes = tuple(_causes(old, new))
    return RunDiff.model_construct(
        currency=new.currency,
        money_format=new.money_format,
        business=new.business.name,
        old=old_name,
        new=new_name,
        summary=_summary(stack, costs, causes, MoneyStyle.of(new.money_format.model_dump())),
        stack=stack,
        ranks=tuple(_rank_changes(old, new, labels)),
        costs=costs,
        newly_stale=tuple(sorted(set(new.data.stale_prices) - set(old.data.stale_prices))),
        no_longer_stale=tuple(sorted(set(old.data.stale_prices) - set(new.data.stale_prices))),
        robustness=tuple(_verdict_changes(old, new, labels)),
        causes=causes,
    )


def _stack_changes(
    old: Strategy, new: Strategy, labels: Mapping[str, str]
) -> Iterator[StackChange]:
    before = {item.function: item.name for item in old.stack}
    after = {item.function: item.name for item in new.stack}
    for function in dict.fromkeys([*before, *after]):
        if before.get(function) != after.get(function):
            yield StackChange.model_construct(
                function=function,
                label=labels[function],
                before=before.get(function),
                after=after.get(function),
            )


def _rank_changes(old: Strategy, new: Strategy, labels: Mapping[str, str]) -> Iterator[RankChange]:
    for function in dict.fromkeys([*old.rankings, *new.rankings]):
        before = _by_platform(old.rankings.get(function, ()))
        after = _by_platform(new.rankings.get(function, ()))
        shown = [p for p in dict.fromkeys([*before, *after]) if _near_the_top(p, before, after)]
        for platform in shown:
            was, now = before.get(platform), after.get(platform)
            if _moved(was, now):
                yield RankChange.model_construct(
                    function=function,
                    label=labels[function],
                    platform=platform,
                    name=(now or was).name,  # type: ignore[union-attr]
                    rank_before=was.rank if was else None,
                    rank_after=now.rank if now else None,
                    score_before=was.score if was else None,
                    score_after=now.score if now else None,
                )


def _by_platform(ranked: tuple[ScoredPlatform, ...]) -> dict[str, ScoredPlatform]:
    return {scored.platform: scored for scored in ranked}


def _near_the_top(
    platform: str, before: Mapping[str, ScoredPlatform], after: Mapping[str, ScoredPlatform]
) -> bool:
    return any(
        platform in ranked and ranked[platform].rank <= RANKS_SHOWN for ranked in (before, after)
    )


def _moved(was: ScoredPlatform | None, now: ScoredPlatform | None) -> bool:
    """A candidate that came, went or changed places; scores alone move with any weight."""
    return was is None or now is None or was.rank != now.rank


def _cost_changes(old: Strategy, new: Strategy) -> Iterator[NumberChange]:
    """Costs that moved; none when the runs count in different currencies (the profile's
    currency changed, or the older run predates currencies), which a cause says."""
    if old.currency != new.currency:
        return
    for label, field in _COSTS:
        before, after = getattr(old.cost, field), getattr(new.cost, field)
        if round(before, 2) != round(after, 2):
            yield NumberChange.model_construct(label=label, before=before, after=after)


def _verdict_changes(
    old: Strategy, new: Strategy, labels: Mapping[str, str]
) -> Iterator[VerdictChange]:
    if old.robustness is None or new.robustness is None:
        return
    before = {f.function: f for f in old.robustness.functions}
    for now in new.robustness.functions:
        was = before.get(now.function)
        if was is not None and (was.verdict, was.winner) != (now.verdict, now.winner):
            yield VerdictChange.model_construct(
                function=now.function,
                label=labels[now.function],
                before=f"{was.verdict} ({was.winner_name})",
                after=f"{now.verdict} ({now.winner_name})",
            )


# Causes -------------------------------------------------------------------------------


def _causes(old: Strategy, new: Strategy) -> Iterator[Cause]:
    yield from _profile_causes(old, new)
    if old.criteria_name != new.criteria_name:
        yield Cause.model_construct(
            kind="criteria", detail=f"criteria {old.criteria_name} → {new.criteria_name}"
        )
    yield from _weight_causes(old, new)
    if old.method != new.method:
        yield Cause.model_construct(
            kind="method", detail=f"scoring method {words(old.method)} → {words(new.method)}"
        )
    yield from _catalog_causes(old, new)


def _profile_causes(old: Strategy, new: Strategy) -> Iterator[Cause]:
    for field, label in _PROFILE_FIELDS.items():
        before, after = getattr(old.business, field), getattr(new.business, field)
        if before != after:
            yield Cause.model_construct(
                kind="profile", detail=f"{label}: {_shown(before)} → {_shown(after)}"
            )


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return listing(str(item) for item in value)
    if isinstance(value, float):
        whole = f"{value:,.0f}"
        return "0" if whole == "-0" else whole  # -0.0, or a hair below zero
    return str(value)


def _weight_causes(old: Strategy, new: Strategy) -> Iterator[Cause]:
    """Base weights changed in the criteria, and adjustments the profile now triggers or
    no longer does; the shares that follow from them are not listed again."""
    before = {w.criterion: w for w in old.weights}
    after = {w.criterion: w for w in new.weights}
    for criterion in dict.fromkeys([*before, *after]):
        was, now = before.get(criterion), after.get(criterion)
        if was is None or now is None:
            change = "added" if was is None else "dropped"
            label = (now or was).label  # type: ignore[union-attr]
            yield Cause.model_construct(kind="criteria", detail=f"criterion {label} {change}")
            continue
        if was.base_weight != now.base_weight:
            yield Cause.model_construct(
                kind="criteria",
                detail=f"weight of {now.label}: {was.base_weight:g} → {now.base_weight:g}",
            )
        for reason in sorted(set(now.adjustments) - set(was.adjustments)):
            yield Cause.model_construct(kind="profile", detail=f"{now.label} now {reason}")
        for reason in sorted(set(was.adjustments) - set(now.adjustments)):
            yield Cause.model_construct(kind="profile", detail=f"{now.label} no longer {reason}")


def _catalog_causes(old: Strategy, new: Strategy) -> Iterator[Cause]:
    before = {s.platform: s for ranked in old.rankings.values() for s in ranked}
    after = {s.platform: s for ranked in new.rankings.values() for s in ranked}
    if old.currency != new.currency:
        yield Cause.model_construct(
            kind="profile",
            detail=f"amounts were in {old.currency} and are in {new.currency}: costs are not "
            "compared",
        )
        before = {}
    style = MoneyStyle.of(new.money_format.model_dump())
    for platform in sorted(before.keys() & after.keys()):
        was, now = before[platform], after[platform]
        if (was.prices_as_of, was.fixed_cost) != (now.prices_as_of, now.fixed_cost):
            yield Cause.model_construct(
                kind="catalog",
                detail=f"{now.name}'s price: {money(was.fixed_cost, style, cents=False)}/month as "
                f"of {was.prices_as_of} → {money(now.fixed_cost, style, cents=False)}/month as of "
                f"{now.prices_as_of}",
            )
    shared = set(old.rankings) & set(new.rankings)
    earlier, later = _candidates(old, shared), _candidates(new, shared)
    for label, names in (
        ("new candidates", [later[p] for p in later.keys() - earlier.keys()]),
        ("candidates gone", [earlier[p] for p in earlier.keys() - later.keys()]),
    ):
        if names:
            yield Cause.model_construct(kind="catalog", detail=f"{label}: {listing(sorted(names))}")


def _candidates(strategy: Strategy, functions: set[str]) -> dict[str, str]:
    """The candidates of the functions both runs rank: platform id to name."""
    return {s.platform: s.name for f in functions for s in strategy.rankings[f]}


def _summary(
    stack: tuple[StackChange, ...],
    costs: tuple[NumberChange, ...],
    causes: tuple[Cause, ...],
    style: MoneyStyle,
) -> tuple[str, ...]:
    lines = []
    if stack:
        changes = "; ".join(
            f"{c.label}: {c.before or 'not needed'} → {c.after or 'not needed'}" for c in stack
        )
        lines.append(f"The stack changed: {changes}.")
    else:
        lines.append("The stack is unchanged.")
    fixed = next((c for c in costs if c.label == "Monthly fixed cost"), None)
    if fixed is not None:
        lines.append(
            f"Its fixed cost moved from {money(fixed.before, style, cents=False)} to "
            f"{money(fixed.after, style, cents=False)} a month."
        )
    kinds = list(dict.fromkeys(cause.kind for cause in causes))
    if kinds:
        lines.append(f"What changed in the inputs: {listing(words(kind) for kind in kinds)}.")
    else:
        lines.append("The inputs the results record are the same.")
    return tuple(lines)
