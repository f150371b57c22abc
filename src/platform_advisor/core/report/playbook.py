"""The strategy around the stack: how each platform is used and measured, the order to
adopt them in, the risks of this stack, sector guidance and a multi-market checklist.

Each rule here is stated in docs/scoring.md; the facts come from the taxonomy (each
function's use, objective, KPIs, owner, review and automation) and the criteria file.
"""

from __future__ import annotations

from collections.abc import Sequence

from platform_advisor.core.money.context import BusinessMoney
from platform_advisor.core.money.costs import SKILL_ORDER
from platform_advisor.core.scoring.constraints import OPERATOR_DUTIES, rules_for, runs_itself
from platform_advisor.core.wording import joined
from platform_advisor.models.catalog import Catalog, Platform
from platform_advisor.models.criteria import Criteria, RiskCondition
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import (
    CostSummary,
    Dependency,
    IntegrationPlan,
    Phase,
    PlatformPlan,
    Risk,
    StackItem,
)

#: Functions a business sets up first: they hold its money, its books and its customers.
FOUNDATION = frozenset(
    {"accounting", "payments", "pos", "ecommerce", "crm", "booking", "office_suite", "payroll"}
)
#: A vendor concentration index above this is called a risk.
CONCENTRATED = 0.3
#: A stack costing more than this share of the budget leaves little room.
TIGHT_BUDGET = 0.9
#: Countries whose sales bring the EU's data-protection and VAT rules.
EU = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip


def platform_plans(items: Sequence[StackItem], catalog: Catalog) -> tuple[PlatformPlan, ...]:
    """For each function: its platform, how it is used, its objective and its KPIs."""
    plans = []
    for item in items:
        function = catalog.functions[item.function]
        plans.append(
            PlatformPlan.model_construct(
                function=function.id,
                label=function.label,
                platform=item.platform,
                name=item.name,
                use=function.use,
                objective=function.objective,
                kpis=function.kpis,
                owner=function.owner,
                review=function.review,
                automation=function.automation,
                engagement=function.engagement if function.audience_facing else "",
            )
        )
    return tuple(plans)


def roadmap(
    items: Sequence[StackItem], catalog: Catalog, profile: Profile, integration: IntegrationPlan
) -> tuple[Phase, ...]:
    """A plan sized to the project: a new core system first (with a partner where it
    needs one, migration, a parallel run and training), then the foundation, then pilots
    of what can be piloted, then links; revisit as you grow. Platforms in use that stay
    are not set up again."""
    in_use = set(profile.existing_platforms)
    new = [i for i in items if i.platform not in in_use]
    core = [i for i in new if catalog.functions[i.function].core_system]
    core_platforms = {i.platform for i in core}
    rest = [i for i in new if i.platform not in core_platforms]
    foundation = [i for i in rest if i.function in FOUNDATION]
    pilots = [i for i in rest if i.function not in FOUNDATION]
    core_months = _core_months(core, catalog)
    core_items = [i for i in new if i.platform in core_platforms]
    phases = [_core_phase(core_items, catalog, profile, core_months)] if core else []
    start = core_months // 2 + 1 if core else 1
    if foundation:
        phases.append(
            Phase.model_construct(
                name="Set up the foundation",
                when=_months(start, start),
                platforms=_names(foundation),
                actions=(
                    "Open the accounts on the plans costed here; move customer and product "
                    "records in first.",
                    "Name one owner per platform and set the first review date.",
                ),
            )
        )
    if pilots:
        first = max(start + 1, core_months + 1) if core else 2
        phases.append(
            Phase.model_construct(
                name="Pilot the growth platforms",
                when=_months(first, first + 1),
                platforms=_names(pilots),
                actions=(
                    "Start on free or entry plans and measure each platform's KPIs for a "
                    "month before upgrading.",
                    "Keep what moves a KPI; drop or replace what does not.",
                ),
            )
        )
    phases.append(_connect_phase(integration, core_months + 1 if core else 3))
    phases.append(_revisit_phase(items, catalog, profile))
    return tuple(phases)


#: Hours of the move a small team can give a month beside its daily work.
MOVE_HOURS_A_MONTH = 40


def _core_months(core: Sequence[StackItem], catalog: Catalog) -> int:
    """Months to put the core systems in: their functions' moving hours at the pace a
    small team can give, one month at least, six at most."""
    hours = sum(catalog.functions[i.function].switching_hours for i in core)
    return min(6, max(1, -(-int(hours) // MOVE_HOURS_A_MONTH)))


def _core_phase(
    core: Sequence[StackItem], catalog: Catalog, profile: Profile, months: int
) -> Phase:
    """The system the business runs on, put in as a project, not as a pilot."""
    names = _names(core)
    olds = [
        catalog.platforms[p].name
        for p in profile.existing_platforms
        if {i.function for i in core} & set(catalog.platforms[p].functions)
    ]
    partner = [
        catalog.platforms[i.platform].name
        for i in core
        if any(o.item == "implementation" for o in catalog.platforms[i.platform].pricing.one_off)
    ]
    actions = []
    if partner:
        actions.append(
            f"Choose an implementation partner for {joined(list(dict.fromkeys(partner)))}: "
            "ask two or three for a fixed-price quote, references from businesses of this "
            "size, and who owns the configuration afterwards."
        )
    source = f" from {joined(olds)}" if olds else ""
    actions += [
        f"Migrate the data{source}: clean customer, supplier and product records and "
        "opening balances first; test the import on a copy.",
        "Run old and new side by side for one full cycle (a month-end close, a week of "
        "trading) and compare the figures before switching off the old system.",
        "Train everyone who will use it before go-live, with their own logins, and name "
        "one person who answers questions for the first month.",
    ]
    return Phase.model_construct(
        name="Put in the core system",
        when=_months(1, months),
        platforms=names,
        actions=tuple(actions),
    )


def _months(first: int, last: int) -> str:
    return f"Month {first}" if first >= last else f"Months {first}-{last}"


def _connect_phase(integration: IntegrationPlan, start: int) -> Phase:
    actions = [
        f"Link {link.first_name} and {link.second_name} ({link.kind})."
        for link in integration.links[:6]
    ]
    actions += [
        f"Join {silo.name} to the rest"
        + (f" through {silo.joined_by[0]}." if silo.joined_by else " by export and import.")
        for silo in integration.silos
    ]
    return Phase.model_construct(
        name="Connect and automate",
        when=_months(start, start + 3),
        platforms=tuple(
            dict.fromkeys(
                name for link in integration.links for name in (link.first_name, link.second_name)
            )
        ),
        actions=tuple(
            actions or ["Review the manual steps between platforms and automate the most frequent."]
        ),
    )


def _revisit_phase(items: Sequence[StackItem], catalog: Catalog, profile: Profile) -> Phase:
    """Platforms likely to be outgrown: low scalability, or a plan the team will outgrow."""
    users_then = profile.growth.employees if profile.growth else profile.users
    outgrown = []
    for platform in [catalog.platforms[p] for p in dict.fromkeys(i.platform for i in items)]:
        capped = [tier.max_users for tier in platform.pricing.tiers]
        if platform.ratings.scalability <= 2 or all(
            cap is not None and cap < users_then for cap in capped
        ):
            outgrown.append(platform.name)
    actions = [
        "Re-check prices older than a year before renewing; compare with the runner-up stack."
    ]
    if outgrown:
        actions.insert(
            0, f"Plan the next step for {', '.join(outgrown)}: it may not grow with the business."
        )
    return Phase.model_construct(
        name="Revisit as the business grows",
        when="Every 12 months",
        platforms=tuple(outgrown),
        actions=tuple(actions),
    )


def _names(items: Sequence[StackItem]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item.name for item in items))


def risks(
    items: Sequence[StackItem],
    catalog: Catalog,
    profile: Profile,
    criteria: Criteria,
    facts: tuple[Dependency, IntegrationPlan, CostSummary],
    money: BusinessMoney,
) -> tuple[Risk, ...]:
    """The risks this stack carries, each with its mitigation, then the sector's."""
    dependency, integration, cost = facts
    platforms = [catalog.platforms[p] for p in dict.fromkeys(i.platform for i in items)]
    found = [
        *_concentration_risk(dependency),
        *_gatekeeper_risk(platforms),
        *_skill_risk(platforms, profile),
        *_silo_risk(integration),
        *_budget_risk(cost, money.budget),
        *_setup_risk(cost, money),
        *_operator_duties(items, catalog, profile),
    ]
    found += _sector_risks(items, criteria, profile)
    return tuple(found)


def _sector_risks(items: Sequence[StackItem], criteria: Criteria, profile: Profile) -> list[Risk]:
    """The sector's risks that concern this business: its stack and its size."""
    guide = criteria.sectors.get(profile.business.sector)
    functions = {item.function for item in items}
    return [
        Risk.model_construct(risk=entry.risk, mitigation=entry.mitigation)
        for entry in (guide.risks if guide else ())
        if entry.when is None or concerns(entry.when, functions, profile.business.employees)
    ]


def concerns(when: RiskCondition, functions: set[str], employees: int) -> bool:
    """Whether a sector risk's condition matches a business with this stack and team."""
    return (
        (not when.functions or bool(functions.intersection(when.functions)))
        and (when.employees_at_most is None or employees <= when.employees_at_most)
        and (when.employees_at_least is None or employees >= when.employees_at_least)
    )


def _operator_duties(items: Sequence[StackItem], catalog: Catalog, profile: Profile) -> list[Risk]:
    """The duties a business takes on for data rules when it runs software itself."""
    found: dict[str, set[str]] = {}
    for item in items:
        platform = catalog.platforms[item.platform]
        if runs_itself(platform):
            rules = rules_for(catalog.functions[item.function], profile)
            found.setdefault(platform.name, set()).update(
                rule for rule in rules if rule in OPERATOR_DUTIES
            )
    return [
        Risk.model_construct(
            risk=f"Running {name} itself, the business is the one who must meet "
            f"{joined(sorted(rule.upper() for rule in rules))} for the personal data it keeps.",
            mitigation="Keep it updated, back it up and test the restore, limit who can log in, "
            "and record what personal data it holds and why.",
        )
        for name, rules in found.items()
        if rules
    ]


def _concentration_risk(dependency: Dependency) -> list[Risk]:
    if dependency.concentration_index <= CONCENTRATED:
        return []
    top = dependency.vendors[0]
    return [
        Risk.model_construct(
            risk=f"{top.vendor} serves {top.function_share:.0%} of the needed functions: a price "
            "rise, an outage or a change of terms there touches much of the business.",
            mitigation="Keep monthly exports, and know the runner-up for each of its functions.",
        )
    ]


def _gatekeeper_risk(platforms: Sequence[Platform]) -> list[Risk]:
    gates = [p.name for p in platforms if p.gatekeeper]
    if not gates:
        return []
    return [
        Risk.model_construct(
            risk=f"{joined(gates)} {'controls' if len(gates) == 1 else 'control'} the customer "
            "relationship, the rules and the fees.",
            mitigation="Turn customers found there into direct contacts (email list, own site).",
        )
    ]


def _skill_risk(platforms: Sequence[Platform], profile: Profile) -> list[Risk]:
    level = SKILL_ORDER.index(profile.technical_capability)
    hard = [p.name for p in platforms if SKILL_ORDER.index(p.skill_required) > level]
    if not hard:
        return []
    return [
        Risk.model_construct(
            risk=f"{joined(hard)} {'needs' if len(hard) == 1 else 'need'} more technical skill "
            "than the team has.",
            mitigation="Budget for outside help at set-up (costed for self-hosted software), "
            "or train one person before launch.",
        )
    ]


def _silo_risk(integration: IntegrationPlan) -> list[Risk]:
    return [
        Risk.model_construct(
            risk=f"{silo.name} has no link to the rest of the stack: its data stays apart.",
            mitigation=(
                f"Connect it through {silo.joined_by[0]}."
                if silo.joined_by
                else "Export and import on a schedule."
            ),
        )
        for silo in integration.silos
    ]


def _budget_risk(cost: CostSummary, budget: float) -> list[Risk]:
    if not budget or cost.monthly_fixed <= TIGHT_BUDGET * budget:
        return []
    return [
        Risk.model_construct(
            risk=f"The stack uses {cost.monthly_fixed / budget:.0%} of the monthly budget, "
            "leaving little room for price rises or more users.",
            mitigation="Start on the entry plans, and agree annual prices where they are cheaper.",
        )
    ]


def _setup_risk(cost: CostSummary, money: BusinessMoney) -> list[Risk]:
    """One-off costs beyond the money set aside for starting."""
    budget = money.setup_budget
    if budget is None or cost.setup <= budget + 0.5:
        return []
    return [
        Risk.model_construct(
            risk=f"Starting costs {money.money(cost.setup)} (set-up, hardware, migration), "
            f"more than the {money.money(budget)} set aside.",
            mitigation="Phase the one-off work: core systems first, the rest when cash allows; "
            "ask vendors for set-up credits or hardware on instalments.",
        )
    ]


def sector_guidance(criteria: Criteria, profile: Profile) -> tuple[str, ...]:
    guide = criteria.sectors.get(profile.business.sector)
    return guide.guidance if guide else ()


def markets_checklist(
    items: Sequence[StackItem], catalog: Catalog, profile: Profile
) -> tuple[str, ...]:
    """What to settle when selling in more than one country; empty for one market."""
    markets = profile.business.markets or (profile.business.country,)
    if len(markets) < 2:
        return ()
    checks = [
        f"{catalog.platforms[p].name} is not offered in {', '.join(missing)}: confirm it "
        "works there, or choose an alternative for those markets."
        for p in dict.fromkeys(i.platform for i in items)
        if (regions := catalog.platforms[p].regions)
        and (missing := [m for m in markets if m not in regions])
    ]
    checks += [
        f"Prices, taxes and invoices in each market's currency ({', '.join(markets)}): check "
        "that the store, payments and accounting platforms support them.",
        "Sales tax and VAT registration where you sell, and how the platforms collect it.",
        "Local payment methods customers expect in each market.",
        "Shipping, returns and consumer-law terms per market, stated on your own site.",
        "Language of the storefront, emails and support.",
    ]
    if EU & set(markets):
        checks.append(
            "GDPR for customers in the EU: a data-processing agreement with each platform."
        )
    return tuple(checks)
