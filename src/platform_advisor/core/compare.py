"""Finalists side by side: two to five platforms compared for one function the business
needs, criterion by criterion, in cost, in fit with the team and with the recommended stack.

Every number comes from the code that makes the report (scores from ``advise``, costs from
``cost_of_ownership``), so a comparison never disagrees with ``advisor score``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from platform_advisor.algorithms import MethodName
from platform_advisor.core.advise import advise, candidate_costs
from platform_advisor.core.inputs.lookup import did_you_mean, find_platform
from platform_advisor.core.money.context import BusinessMoney, business_money
from platform_advisor.core.money.costs import SKILL_ORDER, is_self_hosted
from platform_advisor.core.money.fees import PROCESSING, own_sales_only
from platform_advisor.core.report.dependency import EXIT_BY_PORTABILITY
from platform_advisor.core.report.freshness import STALE_AFTER_MONTHS, months_between
from platform_advisor.core.report.ownership import cost_of_ownership
from platform_advisor.core.report.stack_terms import kept_in_use
from platform_advisor.core.scoring.constraints import exclusion_reasons
from platform_advisor.core.scoring.evaluators import Context
from platform_advisor.core.scoring.scores import rank, score_platform
from platform_advisor.core.wording import joined, money_change
from platform_advisor.errors import AdviceError, NotFoundError
from platform_advisor.models.catalog import Catalog, LinkKind, Platform
from platform_advisor.models.comparison import (
    Cell,
    Comparison,
    CriterionRow,
    Finalist,
    FinalistCost,
    IntegrationRow,
    LinkCell,
    Swap,
)
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import CostSummary, ScoredPlatform, StackItem, Strategy

MIN_FINALISTS = 2
MAX_FINALISTS = 5
#: A lead or deficit smaller than this many points is a tie, not a win or a loss.
MARGIN = 0.05
#: How many criteria a verdict names where a finalist leads, and where it trails.
CRITERIA_NAMED = 2
IN_USE = "in use"
LINK_STRENGTH: dict[LinkKind | None, int] = {"native": 3, "ipaas": 2, "api": 1, None: 0}
LINK_NAMES: dict[LinkKind, str] = {"native": "native", "ipaas": "iPaaS", "api": "API-only"}
HOW_MANY = {2: "both", 3: "all three", 4: "all four", 5: "all five"}


@dataclass(frozen=True)
class Setting:
    """What every finalist is measured against: the inputs, the advice, the function."""

    profile: Profile
    catalog: Catalog
    criteria: Criteria
    strategy: Strategy
    function: str
    today: date
    money: BusinessMoney

    @property
    def label(self) -> str:
        return self.catalog.functions[self.function].label

    @property
    def chosen(self) -> StackItem:
        return next(item for item in self.strategy.stack if item.function == self.function)

    @property
    def ranking(self) -> tuple[ScoredPlatform, ...]:
        return self.strategy.rankings[self.function]


def compare(
    profile: Profile,
    catalog: Catalog,
    criteria: Criteria,
    names: Sequence[str],
    *,
    function: str | None = None,
    today: date,
    method: MethodName = "weighted_sum",
) -> Comparison:
    """Compare the named platforms (ids, names or aliases) for one needed function.

    The function is ``function`` when given, else the first needed one they all serve.
    Raises NotFoundError for an unknown name and AdviceError when the names cannot be
    compared (too few, too many, repeated, or sharing no needed function).
    """
    platforms = finalists(catalog, names)
    # The comparison reads scores, ranks and the stack: no need to sample other weights.
    strategy = advise(profile, catalog, criteria, today=today, method=method, robustness=None)
    shared = shared_needs(platforms, strategy)
    chosen = compared_function(platforms, shared, strategy, catalog, function)
    needs = [need.function for need in strategy.needs]
    money = business_money(profile, catalog, needs, criteria.stack)
    setting = Setting(profile, catalog, criteria, strategy, chosen, today, money)
    scored = [scored_finalist(platform, setting) for platform in platforms]
    rows = criterion_rows(strategy, scored)
    return Comparison.model_construct(
        currency=strategy.currency,
        money_format=strategy.money_format,
        business=strategy.business,
        criteria_name=strategy.criteria_name,
        method=method,
        function=chosen,
        function_label=setting.label,
        shared_functions=tuple(shared),
        function_note=function_note(
            setting, shared, len(platforms), requested=function is not None
        ),
        finalists=tuple(
            finalist(platform, score, rows, scored, setting)
            for platform, score in zip(platforms, scored, strict=True)
        ),
        criteria=rows,
        integrations=integrations(platforms, setting),
        stack=strategy.stack,
        notes=notes(setting, platforms),
    )


# Which platforms, for which function ------------------------------------------------------


def finalists(catalog: Catalog, names: Sequence[str]) -> tuple[Platform, ...]:
    """The named platforms, two to five of them, each once."""
    if not MIN_FINALISTS <= len(names) <= MAX_FINALISTS:
        given = ", ".join(repr(name) for name in names) or "none"
        raise AdviceError(
            f"give two to five platforms to compare (got {len(names)}: {given}); "
            "name them by id, name or alias"
        )
    platforms = [find_platform(catalog, name) for name in names]
    seen: dict[str, str] = {}
    for name, platform in zip(names, platforms, strict=True):
        if platform.id in seen:
            raise AdviceError(_repeated(seen[platform.id], name, platform))
        seen[platform.id] = name
    return tuple(platforms)


def _repeated(first: str, second: str, platform: Platform) -> str:
    if first == second:
        return f"{first!r} is named twice; give each platform once"
    return f"{first!r} and {second!r} both name {platform.name}; give each platform once"


def shared_needs(platforms: Sequence[Platform], strategy: Strategy) -> list[str]:
    """The needed functions every finalist serves, in the order of the profile's needs."""
    return [
        need.function
        for need in strategy.needs
        if all(need.function in platform.functions for platform in platforms)
    ]


def compared_function(
    platforms: Sequence[Platform],
    shared: Sequence[str],
    strategy: Strategy,
    catalog: Catalog,
    requested: str | None,
) -> str:
    """The requested function if they can be compared on it, else the first shared one."""
    if not shared:
        raise AdviceError(_nothing_shared(platforms, strategy))
    if requested is None:
        return shared[0]
    if requested in shared:
        return requested
    raise NotFoundError(_not_shared(requested, platforms, shared, strategy, catalog))


def _nothing_shared(platforms: Sequence[Platform], strategy: Strategy) -> str:
    names = joined([platform.name for platform in platforms])
    serves = "; ".join(f"{p.name}: {', '.join(p.functions)}" for p in platforms)
    needed = ", ".join(need.function for need in strategy.needs)
    common = [f for f in platforms[0].functions if all(f in p.functions for p in platforms)]
    unneeded = (
        f" They share {', '.join(common)}, which the profile does not need; add it to "
        "'needs' to compare them there."
        if common
        else " Compare platforms that fill the same need."
    )
    return (
        f"{names} share no function the profile needs, so there is nothing to compare them "
        f"on. They serve: {serves}. The profile needs: {needed}.{unneeded}"
    )


def _not_shared(
    requested: str,
    platforms: Sequence[Platform],
    shared: Sequence[str],
    strategy: Strategy,
    catalog: Catalog,
) -> str:
    choices = ", ".join(shared)
    if requested not in catalog.functions:
        hint = did_you_mean(requested, shared) or did_you_mean(requested, catalog.functions)
        why = "the catalog has no such function" + (f" ({hint})" if hint else "")
    elif requested not in strategy.rankings:
        why = "the profile does not need it (add it to 'needs')"
    else:
        missing = [p.name for p in platforms if requested not in p.functions]
        why = f"{joined(missing)} {'does' if len(missing) == 1 else 'do'} not serve it"
    return f"cannot compare them as {requested!r}: {why}; they can be compared as: {choices}"


def function_note(setting: Setting, shared: Sequence[str], count: int, *, requested: bool) -> str:
    """Why this function, and which others they could be compared on."""
    labels = {need.function: need.label.lower() for need in setting.strategy.needs}
    others = [labels[f] for f in shared if f != setting.function]
    they = HOW_MANY.get(count, "all")
    if requested:
        why = "as asked"
    elif others:
        why = f"the first needed function {they} serve"
    else:
        why = f"the one needed function {they} serve"
    also = f"; they also share {joined(others)} (pick one with --function)" if others else ""
    return f"Compared as {labels[setting.function]}, {why}{also}."


# Scores ------------------------------------------------------------------------------------


def scored_finalist(platform: Platform, setting: Setting) -> ScoredPlatform:
    """Its row of the function's ranking; scored the same way when constraints excluded it
    (by another method than the weighted sum, as one more candidate of the ranking)."""
    ranked = next((s for s in setting.ranking if s.platform == platform.id), None)
    if ranked is not None:
        return ranked
    strategy = setting.strategy
    function = setting.catalog.functions[setting.function]
    costs, refusals = candidate_costs(function, setting.catalog, setting.profile, setting.money, {})
    if platform.id not in costs:
        why = "; ".join(refusals.get(platform.id, [])) or "no plan can serve it"
        raise AdviceError(
            f"{platform.name} cannot serve {function.label.lower()} for this business "
            f"({why}), so it cannot be compared"
        )
    scored_ids = {s.platform for s in setting.ranking} | {platform.id}
    context = Context(
        setting.profile,
        setting.criteria,
        setting.catalog,
        function,
        len(strategy.needs),
        setting.money,
        {pid: cost for pid, cost in costs.items() if pid in scored_ids},
    )
    if strategy.method == "weighted_sum":
        return score_platform(platform, strategy.weights, context)[1]
    others = [setting.catalog.platforms[s.platform] for s in setting.ranking]
    ranking = rank([*others, platform], strategy.weights, context, strategy.method)
    return next(s for s in ranking if s.platform == platform.id)


def criterion_rows(
    strategy: Strategy, scored: Sequence[ScoredPlatform]
) -> tuple[CriterionRow, ...]:
    """Each criterion, with every finalist's value and points; the most points lead."""
    rows = []
    by_criterion = [{part.criterion: part for part in s.contributions} for s in scored]
    for weight in strategy.weights:
        parts = [contributions[weight.criterion] for contributions in by_criterion]
        points = [part.points for part in parts]
        contested = max(points) - min(points) >= MARGIN
        rows.append(
            CriterionRow.model_construct(
                criterion=weight.criterion,
                label=weight.label,
                weight=weight.share,
                cells=tuple(
                    Cell.model_construct(
                        platform=s.platform,
                        value=part.value,
                        points=part.points,
                        weight_share=part.weight_share,
                        reason=part.reason,
                        leads=contested and max(points) - part.points < MARGIN,
                    )
                    for s, part in zip(scored, parts, strict=True)
                ),
            )
        )
    return tuple(rows)


# One finalist ------------------------------------------------------------------------------


def finalist(
    platform: Platform,
    scored: ScoredPlatform,
    rows: Sequence[CriterionRow],
    everyone: Sequence[ScoredPlatform],
    setting: Setting,
) -> Finalist:
    """Everything the comparison says about one finalist, eligible or not."""
    reasons = exclusion_reasons(platform, setting.profile)
    ranking = setting.ranking
    index = [s.platform for s in everyone].index(platform.id)
    leads, trails = leads_and_trails(rows, index)
    place = 1 + sum(s.score > scored.score for s in ranking)
    return Finalist.model_construct(
        platform=platform.id,
        name=platform.name,
        vendor=platform.vendor,
        eligible=not reasons,
        exclusion_reasons=tuple(reasons),
        recommended=setting.chosen.platform == platform.id,
        score=scored.score,
        rank=None if reasons else scored.rank,
        ranked=len(ranking),
        place_if_allowed=place if reasons else None,
        standing=standing(platform, scored, setting, place if reasons else None),
        ownership=platform.ownership,
        deployment=platform.deployment,
        skill_required=platform.skill_required,
        data_portability=platform.ratings.data_portability,
        portability_note=EXIT_BY_PORTABILITY[platform.ratings.data_portability],
        cost=finalist_cost(platform, setting),
        swap=None
        if setting.chosen.platform == platform.id
        else swap(platform, scored, setting, eligible=not reasons),
        leads_on=tuple(rows[i].criterion for i, _ in leads),
        trails_on=tuple(rows[i].criterion for i, _ in trails),
        verdict=verdict(scored, everyone, rows, (leads, trails), eligible=not reasons),
        skill_note=skill_note(platform, setting),
    )


def standing(
    platform: Platform, scored: ScoredPlatform, setting: Setting, place: int | None
) -> str:
    """'1 of 14, recommended', '7 of 14', or 'not eligible (would place 3 of 15)'."""
    ranked = len(setting.ranking)
    if place is not None:
        return f"not eligible (would place {place} of {ranked + 1})"
    recommended = ", recommended" if setting.chosen.platform == platform.id else ""
    return f"{scored.rank} of {ranked}{recommended}"


def skill_note(platform: Platform, setting: Setting) -> str:
    """The skill it needs against the team's, and what the gap costs where it costs."""
    needed, team = platform.skill_required, setting.profile.technical_capability
    gap = SKILL_ORDER.index(needed) - SKILL_ORDER.index(team)
    needs = "needs no technical skills" if needed == "none" else f"needs {needed} skills"
    if gap <= 0:
        return f"{needs}; the team has {team}"
    levels = f"{gap} level{'s' if gap > 1 else ''} above the team's {team}"
    if is_self_hosted(platform):
        return f"{needs}, {levels}: the cost includes outside help to run it"
    return f"{needs}, {levels}: plan training or help for the set-up"


def finalist_cost(platform: Platform, setting: Setting) -> FinalistCost:
    """What it alone costs for the function, costed by the report's own code."""
    item = StackItem.model_construct(
        function=setting.function, platform=platform.id, name=platform.name, score=0.0
    )
    summary = _cost(setting, (item,))
    line = summary.lines[0]
    return FinalistCost.model_construct(
        plan=line.plan,
        subscription=line.subscription,
        hosting=line.hosting,
        skill_gap=line.skill_gap,
        fees=line.fees,
        monthly_total=summary.monthly_total,
        setup=summary.setup,
        year_one=summary.year_one,
        three_years=summary.three_years,
        prices_as_of=line.prices_as_of,
        price_source=line.price_source,
        prices_stale=months_between(line.prices_as_of, setting.today) > STALE_AFTER_MONTHS,
    )


def _cost(setting: Setting, items: Sequence[StackItem]) -> CostSummary:
    return cost_of_ownership(items, setting.catalog, setting.profile, setting.money)


# The stack around it -----------------------------------------------------------------------


def neighbours(setting: Setting, *leaving: str) -> dict[str, tuple[str, ...]]:
    """The rest of the stack (with the functions each fills), then platforms in use that
    stay whatever the stack, leaving out the given platforms."""
    roles: dict[str, list[str]] = {}
    labels = {need.function: need.label for need in setting.strategy.needs}
    for item in setting.strategy.stack:
        if item.function != setting.function:
            roles.setdefault(item.platform, []).append(labels[item.function])
    existing = setting.profile.existing_platforms
    for platform in kept_in_use(existing, setting.catalog, set(setting.strategy.rankings)):
        roles.setdefault(platform, [IN_USE])
    return {p: tuple(role) for p, role in roles.items() if p not in leaving}


def integrations(platforms: Sequence[Platform], setting: Setting) -> tuple[IntegrationRow, ...]:
    """Each other platform of the stack and in use, and every finalist's link to it."""
    catalog = setting.catalog
    return tuple(
        IntegrationRow.model_construct(
            platform=other,
            name=catalog.platforms[other].name,
            role=role,
            links=tuple(link_cell(platform.id, other, catalog) for platform in platforms),
        )
        for other, role in neighbours(setting).items()
    )


def link_cell(platform_id: str, other: str, catalog: Catalog) -> LinkCell:
    if platform_id == other:
        return "itself"
    return catalog.link(platform_id, other) or "none"


def swap(platform: Platform, scored: ScoredPlatform, setting: Setting, *, eligible: bool) -> Swap:
    """The recommended stack with this finalist in the chosen platform's place."""
    chosen = setting.chosen
    items = tuple(
        item.model_copy(update={"platform": platform.id, "name": platform.name})
        if item.function == setting.function
        else item
        for item in setting.strategy.stack
    )
    after = _cost(setting, items)
    before = setting.strategy.cost
    gained, lost = link_changes(platform.id, chosen.platform, setting)
    budget = setting.money.budget
    result = Swap.model_construct(
        replaces=chosen.platform,
        replaces_name=chosen.name,
        score_change=round(scored.score - chosen.score, 1),
        stack_monthly=after.monthly_total,
        monthly_change=round(after.monthly_total - before.monthly_total, 2),
        stack_fixed=after.monthly_fixed,
        within_budget=after.monthly_fixed <= budget + 1e-9,
        links_gained=tuple(gained),
        links_lost=tuple(lost),
        summary="",
    )
    return result.model_copy(
        update={"summary": swap_summary(result, platform.id, setting, eligible=eligible)}
    )


def link_changes(finalist_id: str, chosen_id: str, setting: Setting) -> tuple[list[str], list[str]]:
    """Links the stack would gain and lose, platform by platform, strongest first."""
    catalog = setting.catalog
    gained, lost = [], []
    for other in neighbours(setting, finalist_id, chosen_id):
        new, old = catalog.link(finalist_id, other), catalog.link(chosen_id, other)
        name = catalog.platforms[other].name
        if LINK_STRENGTH[new] > LINK_STRENGTH[old]:
            gained.append((LINK_STRENGTH[new], _link_words(new, name, old, gained=True)))
        elif LINK_STRENGTH[new] < LINK_STRENGTH[old]:
            lost.append((LINK_STRENGTH[old], _link_words(old, name, new, gained=False)))
    return _by_strength(gained), _by_strength(lost)


def _link_words(kind: LinkKind | None, name: str, other: LinkKind | None, *, gained: bool) -> str:
    assert kind is not None
    text = f"{_a(LINK_NAMES[kind])} link to {name}"
    if other is None:
        return text
    return f"{text} ({'instead of' if gained else 'left with'} {_a(LINK_NAMES[other])} one)"


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'AEIOUaeiou' else 'a'} {word}"


def _by_strength(changes: list[tuple[int, str]]) -> list[str]:
    return [text for _, text in sorted(changes, key=lambda change: -change[0])]


def _staying_words(result: Swap, finalist_id: str, staying: list[str], setting: Setting) -> str:
    """What becomes of the platform replaced for this function, for the others it fills;
    a processor of only its own sales cannot stay as the payment processor."""
    catalog = setting.catalog
    replaced = catalog.platforms[result.replaces]
    others = [f for f in staying if f != setting.function]
    if PROCESSING in others and own_sales_only(replaced, setting.money.market):
        return (
            f"{result.replaces_name} processes only its own sales, so payment processing "
            "would need another provider."
        )
    labels = [catalog.functions[f].label.lower() for f in others]
    kind = catalog.link(finalist_id, result.replaces)
    link = f"with {_a(LINK_NAMES[kind])} link to it" if kind else "with no link to it"
    return f"{result.replaces_name} would stay for {joined(labels)}, {link}."


def swap_summary(result: Swap, finalist_id: str, setting: Setting, *, eligible: bool) -> str:
    """The swap in two or three sentences: score, cost and budget, links."""
    label = setting.label.lower()
    change = result.monthly_change
    money = setting.money
    cost = (
        f"stack cost {money_change(change, money.style, cents=None)}/month"
        if abs(change) >= 0.5
        else "stack cost unchanged"
    )
    fits = "within" if result.within_budget else "over"
    sentences = [
        f"{'In' if eligible else 'Were the constraints to allow it, in'} place of "
        f"{result.replaces_name} for {label}: score {result.score_change:+.1f}, {cost} "
        f"({money.money(result.stack_fixed)} fixed a month, {fits} the "
        f"{money.money(money.budget)} budget)."
    ]
    links = [f"gains {joined(result.links_gained)}"] if result.links_gained else []
    links += [f"loses {joined(result.links_lost)}"] if result.links_lost else []
    sentences.append(f"The stack {' and '.join(links)}." if links else "Links stay as they are.")
    staying = [item.function for item in setting.strategy.stack if item.platform == result.replaces]
    if len(staying) > 1:
        sentences.append(_staying_words(result, finalist_id, staying, setting))
    return " ".join(sentences)


# Where each one wins and loses ---------------------------------------------------------------

Margins = list[tuple[int, float]]


def leads_and_trails(rows: Sequence[CriterionRow], index: int) -> tuple[Margins, Margins]:
    """Rows where this finalist leads the next best most, and trails the best most."""
    leads: Margins = []
    trails: Margins = []
    for number, row in enumerate(rows):
        own = row.cells[index].points
        others = [cell.points for i, cell in enumerate(row.cells) if i != index]
        if own - max(others) >= MARGIN:
            leads.append((number, own - max(others)))
        elif max(others) - own >= MARGIN:
            trails.append((number, max(others) - own))
    leads.sort(key=lambda pair: (-pair[1], pair[0]))
    trails.sort(key=lambda pair: (-pair[1], pair[0]))
    return leads[:CRITERIA_NAMED], trails[:CRITERIA_NAMED]


def verdict(
    scored: ScoredPlatform,
    everyone: Sequence[ScoredPlatform],
    rows: Sequence[CriterionRow],
    margins: tuple[Margins, Margins],
    *,
    eligible: bool,
) -> str:
    """Its standing, where it leads and where it trails, in two or three sentences."""
    leads, trails = margins
    names = {s.platform: s.name for s in everyone}
    standing = _standing(scored, everyone)
    prefix = "" if eligible else "Excluded by the profile's constraints; on the criteria alone, "
    first = f"{prefix}{scored.name} {standing}."
    won = [
        f"{rows[i].label.lower()} (+{margin:.1f} points{' over the next best' if n == 0 else ''})"
        for n, (i, margin) in enumerate(leads)
    ]
    lost = [
        f"{rows[i].label.lower()} ({margin:.1f} points behind {names[_leader(rows[i])]})"
        for i, margin in trails
    ]
    second = f"It leads on {joined(won)}." if won else "It leads on no criterion."
    third = f"It trails most on {joined(lost)}." if lost else "It trails on no criterion."
    return " ".join((first[0].upper() + first[1:], second, third))


def _standing(scored: ScoredPlatform, everyone: Sequence[ScoredPlatform]) -> str:
    others = sorted(
        (s for s in everyone if s.platform != scored.platform), key=lambda s: (-s.score, s.name)
    )
    best = others[0]
    gap = scored.score - best.score
    if abs(gap) < MARGIN:
        return f"scores {scored.score:.1f}, level with {best.name}"
    if gap > 0:
        return f"scores {scored.score:.1f}, {gap:.1f} points ahead of {best.name}"
    return f"scores {scored.score:.1f}, {-gap:.1f} points behind {best.name}"


def _leader(row: CriterionRow) -> str:
    best = max(row.cells, key=lambda cell: cell.points)
    return best.platform


# Notes -------------------------------------------------------------------------------------


def _scores_note(strategy: Strategy) -> str:
    same = (
        "Scores, values and points are those of the full report for this profile and "
        f"criteria ({strategy.criteria_name}"
    )
    if strategy.method == "weighted_sum":
        return (
            f"{same}); a criterion that does not apply drops out and the others share its "
            "weight, so each finalist's points add up to its score."
        )
    return (
        f"{same}, method {strategy.method.replace('_', ' ')}). Scores are the method's; the "
        "points per criterion are the weighted sum's, to show where each finalist gains and "
        "loses, and do not add up to the score."
    )


def notes(setting: Setting, platforms: Sequence[Platform]) -> tuple[str, ...]:
    users = setting.profile.users
    dates = sorted(p.pricing.as_of for p in platforms)
    stale = [
        p.name
        for p in platforms
        if months_between(p.pricing.as_of, setting.today) > STALE_AFTER_MONTHS
    ]
    return (
        _scores_note(setting.strategy),
        f"Costs are for {setting.label.lower()} alone, on the cheapest plan that admits {users} "
        f"user{'s' if users != 1 else ''}, with fees on the sales through it and help to run "
        "self-hosted software beyond the team's skill; the first year is twelve months plus "
        "set-up, three years thirty-six months plus set-up.",
        f"Prices date from {dates[0]} to {dates[-1]}"
        + (
            f"; older than twelve months, to re-check before buying: {', '.join(stale)}."
            if stale
            else "."
        ),
        "Weights and ratings are our judgement, not the vendors': see docs/scoring.md.",
    )
