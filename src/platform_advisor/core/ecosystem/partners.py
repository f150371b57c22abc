"""Partners to look for: which types fit the business and why, the structure that fits
each, the platforms that automate it, the agreement and the KPIs."""

from __future__ import annotations

from platform_advisor.core.ecosystem.facts import Facts
from platform_advisor.core.ecosystem.rules import (
    AGREEMENT,
    ALLIANCE,
    AUTOMATION,
    COST_GOALS,
    EXAMPLES,
    GOODS_TRADES,
    PARTNER_LABELS,
    REACH_GOALS,
    RESELLER,
    SUPPLY,
    SUPPLY_CHAIN_TRADES,
)
from platform_advisor.core.wording import joined, words
from platform_advisor.models.common import PartnerType
from platform_advisor.models.result import PartnerSuggestion, PartnerTool

PARTNER_TYPES: tuple[PartnerType, ...] = ("horizontal", "vertical", "complementary")


def partner_suggestions(facts: Facts) -> tuple[PartnerSuggestion, ...]:
    """The partner types that fit, most reasons first; a type the business already has is
    not suggested again."""
    found = []
    for partner_type in PARTNER_TYPES:
        if partner_type in facts.stated_types:
            continue
        reasons = fit_reasons(partner_type, facts)
        if reasons:
            found.append(_suggestion(partner_type, reasons, facts))
    if not found and "complementary" not in facts.stated_types:
        fallback = (
            "nothing in the profile points elsewhere, and a complementary partner "
            "risks least: neither competes with the other",
        )
        found.append(_suggestion("complementary", fallback, facts))
    order = {t: n for n, t in enumerate(PARTNER_TYPES)}
    return tuple(sorted(found, key=lambda s: (-len(s.why), order[s.type])))


def fit_reasons(partner_type: PartnerType, facts: Facts) -> tuple[str, ...]:
    """Why a partner of this type fits, each reason naming what in the profile says so."""
    if partner_type == "horizontal":
        return _horizontal(facts)
    if partner_type == "vertical":
        return _vertical(facts)
    return _complementary(facts)


def _horizontal(facts: Facts) -> tuple[str, ...]:
    profile = facts.profile
    reasons = []
    if "supply" in profile.partner_wants:
        reasons.append(
            "you want better supply: peers buying together get the terms of a larger customer"
        )
    if set(profile.goals) & COST_GOALS:
        goals = joined([words(g) for g in profile.goals if g in COST_GOALS])
        reasons.append(
            f"your goals include {goals}: shared purchasing and shared tools cut "
            "costs neither could cut alone"
        )
    if "local_presence" in profile.goals:
        reasons.append(
            "you want a local presence: a joint event or stall with peers draws "
            "more people than one business can"
        )
    return tuple(reasons)


def _vertical(facts: Facts) -> tuple[str, ...]:
    profile = facts.profile
    reasons = []
    if "supply" in profile.partner_wants:
        reasons.append(
            "you want secure supply: a direct link with a producer fixes "
            "quality, price and delivery"
        )
    if facts.trade in SUPPLY_CHAIN_TRADES:
        reasons.append(
            f"a {words(facts.trade)} business runs on its supply chain: a direct "
            "supplier or buyer cuts out a middleman's margin"
        )
    if {"b2b", "reseller"} & set(profile.business.model):
        reasons.append(
            "you sell to or through other businesses, so your buyers are "
            "partners as much as customers"
        )
    return tuple(reasons)


def _complementary(facts: Facts) -> tuple[str, ...]:
    profile = facts.profile
    reasons = []
    if "reach" in profile.partner_wants:
        reasons.append(
            "you want reach: a complementary business already has the customers "
            "you want, and does not compete for them"
        )
    goals = [g for g in profile.goals if g in REACH_GOALS]
    if goals:
        reasons.append(
            f"your goals include {joined([words(g) for g in goals])}: a joint "
            "offer or a referral brings customers ready to buy"
        )
    if "skills" in profile.partner_wants:
        reasons.append("you want skills: a partner brings what your team lacks without a hire")
    return tuple(reasons)


def _suggestion(
    partner_type: PartnerType, reasons: tuple[str, ...], facts: Facts
) -> PartnerSuggestion:
    structure, why_structure = structure_for(partner_type, facts)
    return PartnerSuggestion.model_construct(
        type=partner_type,
        label=PARTNER_LABELS[partner_type],
        example=EXAMPLES[facts.trade][partner_type],
        why=reasons,
        structure=structure,
        structure_reason=why_structure,
        tools=tools_for(structure, facts),
    )


def structure_for(partner_type: PartnerType, facts: Facts) -> tuple[str, str]:
    """The structure that fits, and why: a reseller agreement where the business's goods
    pass on through the partner, a supply agreement with a producer, an alliance
    otherwise; a joint venture only after one of them has worked."""
    profile = facts.profile
    people = profile.business.employees
    size = f"a business of {people} {'person' if people == 1 else 'people'}"
    goods = facts.trade in GOODS_TRADES
    sells_on = goods and (
        bool({"b2b", "reseller"} & set(profile.business.model))
        or facts.trade in ("wholesale", "manufacturing")
    )
    if partner_type == "vertical" and sells_on:
        structure, reason = (
            RESELLER,
            (
                "your goods pass on through the partner: a written agreement on prices, "
                "territory, ordering and commission, with no company in common"
            ),
        )
    elif partner_type == "vertical" and goods:
        structure, reason = (
            SUPPLY,
            (
                "a producer supplies you: a written agreement on quality, quantities, prices and "
                "delivery, with no company in common"
            ),
        )
    else:
        structure, reason = (
            ALLIANCE,
            (
                "an agreement with no new company: each side keeps its business and the "
                f"alliance can end cleanly, which suits {size}"
            ),
        )
    if "capital" in profile.partner_wants:
        reason += (
            "; you want capital, but a joint venture (a company owned together) "
            "comes only after an alliance has proved itself"
        )
    return structure, reason


def tools_for(structure: str, facts: Facts) -> tuple[PartnerTool, ...]:
    """For each task the structure needs automated, the platform that does it."""
    return tuple(_tool(task, functions, facts) for task, functions in AUTOMATION[structure])


def _tool(task: str, functions: tuple[str, ...], facts: Facts) -> PartnerTool:
    for function_id in functions:
        item = facts.in_stack(function_id)
        if item is not None:
            return PartnerTool.model_construct(
                task=task,
                function=function_id,
                platform=item.platform,
                name=item.name,
                note="in your recommended stack",
            )
        used = facts.in_use(function_id)
        if used is not None:
            return PartnerTool.model_construct(
                task=task,
                function=function_id,
                platform=used.id,
                name=used.name,
                note="already in use",
            )
    for function_id in functions:
        ranked = facts.rankings.get(function_id, ())
        if ranked:
            # A partnership is a small thing to buy for: the best candidate that costs
            # nothing a month, where one does, before the best of all.
            free = [s for s in ranked if s.monthly_cost < 0.5]
            best = free[0] if free else ranked[0]
            rank = f"best free one of {len(ranked)}" if free else f"best of {len(ranked)}"
            note = (
                f"scores {best.score:.1f}, {rank} for "
                f"{facts.label(function_id).lower()}; "
                f"{facts.money.money(best.monthly_cost)} a month, {best.cost_basis}"
            )
            return PartnerTool.model_construct(
                task=task,
                function=function_id,
                platform=best.platform,
                name=best.name,
                note=note,
            )
    return PartnerTool.model_construct(
        task=task,
        function=functions[0],
        platform=None,
        name="none in the catalog",
        note="the catalog has no candidate for this business; a shared spreadsheet will do",
    )


def partnership_kpis(facts: Facts) -> tuple[str, ...]:
    """The measures that show a partnership pays, for this business's goals and wants."""
    profile = facts.profile
    kpis = []
    if set(profile.goals) & REACH_GOALS or "reach" in profile.partner_wants:
        kpis.append("Sales a month from partner referrals and joint offers")
        kpis.append(
            "New customers who came through a partner, and what each cost to win "
            "against your other channels"
        )
    if set(profile.goals) & COST_GOALS or "supply" in profile.partner_wants:
        kpis.append("Savings from joint buying against buying alone")
    if "customer_engagement" in profile.goals:
        kpis.append("Repeat purchases by customers met through a partner")
    if "skills" in profile.partner_wants:
        kpis.append("Work done or won with the partner's skills that you could not do alone")
    kpis.append("Hours spent on the partnership a month against what it brought")
    return tuple(kpis)


def agreement_checklist(facts: Facts) -> tuple[str, ...]:
    """What a written agreement settles; data sharing names the rules that apply."""
    regimes = [r.upper() for r in facts.profile.constraints.compliance if r in ("gdpr", "ccpa")]
    if not regimes:
        return AGREEMENT
    rules = f" ({joined(regimes)} applies)"
    return tuple(line + rules if line.startswith("Data sharing") else line for line in AGREEMENT)
