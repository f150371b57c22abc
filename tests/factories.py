"""Small builders for models in tests: valid defaults, overridden where a test cares."""

from __future__ import annotations

from functools import cache
from typing import Any

from platform_advisor.core.money.context import BusinessMoney, business_money
from platform_advisor.core.money.costs import Unfit, candidate_cost
from platform_advisor.core.scoring.evaluators import Context
from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.loading.sources import load_model
from platform_advisor.models.catalog import (
    Catalog,
    CatalogFile,
    ChannelDef,
    ExchangeRates,
    Flow,
    FunctionDef,
    Platform,
    SalesChannelDef,
)
from platform_advisor.models.criteria import Criteria, StackTerms
from platform_advisor.models.profile import Profile
from platform_advisor.models.result import WeightUsed
from tests.conftest import MINI_CATALOG, REPOSITORY

RATINGS = {
    "ease_of_use": 3,
    "integrations": 3,
    "automation": 3,
    "customization": 3,
    "scalability": 3,
    "data_portability": 3,
    "security": 3,
    "support": 3,
    "reach": 3,
}


def platform(**fields: Any) -> Platform:
    data: dict[str, Any] = {
        "id": "acme",
        "name": "Acme",
        "vendor": "Acme Ltd",
        "url": "https://acme.example",
        "functions": ["crm"],
        "ownership": "proprietary",
        "deployment": ["saas"],
        "pricing": {
            "model": "subscription",
            "tiers": [{"name": "Basic", "monthly_usd": 10}],
            "as_of": "2025-06",
            "source": "https://acme.example/pricing",
        },
        "ratings": RATINGS,
        "skill_required": "basic",
        "last_reviewed": "2026-11-01",
    }
    ratings = fields.pop("ratings", {})
    data["ratings"] = {**RATINGS, **ratings}
    tiers = fields.pop("tiers", None)
    if tiers is not None:
        data["pricing"] = {**data["pricing"], "tiers": tiers}
    data.update(fields)
    return Platform.model_validate(data)


def profile(**fields: Any) -> Profile:
    data: dict[str, Any] = {
        "business": {"name": "Shop", "sector": "retail", "employees": 3, "country": "GB"},
        "goals": ["increase_sales"],
        "technical_capability": "basic",
        "budget": {"monthly_usd": 300},
        "risk_tolerance": "medium",
    }
    business = fields.pop("business", {})
    data["business"] = {**data["business"], **business}
    data.update(fields)
    return Profile.model_validate(data)


def criteria(**fields: Any) -> Criteria:
    data: dict[str, Any] = {
        "name": "test",
        "criteria": [
            {"id": "goal_fit", "label": "Goal fit", "evaluator": "goal_fit", "weight": 1},
            {"id": "budget_fit", "label": "Budget fit", "evaluator": "budget_fit", "weight": 1},
        ],
        "goals": {
            "increase_sales": {
                "label": "Increase sales",
                "functions": ["ecommerce", "payments"],
                "ratings": ["reach"],
            },
            "efficiency": {"label": "Efficiency", "functions": ["accounting"]},
        },
    }
    data.update(fields)
    return Criteria.model_validate(data)


def function(function_id: str = "crm", **fields: Any) -> FunctionDef:
    data: dict[str, Any] = {
        "id": function_id,
        "label": function_id.replace("_", " ").capitalize(),
        "group": "marketing_sales",
        "description": "A function.",
    }
    data.update(fields)
    return FunctionDef.model_validate(data)


@cache
def sales_channels() -> dict[str, SalesChannelDef]:
    """The shipped taxonomy's sales channels, with the functions that take each."""
    taxonomy, _ = load_model(CatalogFile, REPOSITORY / "catalogs" / "taxonomy.yaml")
    return {channel.id: channel for channel in taxonomy.sales_channels}


def catalog(
    *platforms: Platform,
    functions: tuple[FunctionDef, ...] = (),
    flows: tuple[tuple[str, str], ...] = (),
) -> Catalog:
    """A catalog of these platforms; `flows`: pairs of functions data flows between."""
    channels = {c: ChannelDef(id=c, label=c.capitalize()) for c in ("web", "instagram", "email")}
    known = {f.id: f for f in functions}
    for p in platforms:
        for f in p.functions:
            known.setdefault(f, function(f))
    return Catalog(
        functions=known,
        channels=channels,
        platforms={p.id: p for p in platforms},
        sales_channels=sales_channels(),
        exchange_rates=EXCHANGE_RATES,
        flows={frozenset(pair): Flow(between=pair, data="records") for pair in flows},
    )


#: A round exchange table for tests: a dollar is 0.80 pounds or 0.90 euros.
EXCHANGE_RATES = ExchangeRates(
    base="USD",
    date="2026-10-06",
    source="https://rates.example/reference",
    rates={"GBP": 0.8, "EUR": 0.9},
)


def money(
    catalog_: Catalog, profile_: Profile | None = None, needs: tuple[str, ...] = ("crm",)
) -> BusinessMoney:
    """A business's money facts, counted in US dollars (test catalogs have no exchange table)."""
    return business_money(profile_ or profile(), catalog_, needs, StackTerms(), currency="USD")


def context(
    *platforms: Platform,
    profile_: Profile | None = None,
    criteria_: Criteria | None = None,
    function_: FunctionDef | None = None,
    needed: int = 1,
) -> Context:
    chosen = function_ or function("crm")
    built = catalog(*platforms, functions=(chosen,))
    owner = profile_ or profile()
    facts = money(built, owner, (chosen.id,))
    costs = {
        p.id: cost
        for p in platforms
        if not isinstance(cost := candidate_cost(p, [chosen.id], facts), Unfit)
    }
    return Context(
        profile=owner,
        criteria=criteria_ or criteria(),
        catalog=built,
        function=chosen,
        needed_functions=needed,
        money=facts,
        costs=costs,
    )


def mini_catalog() -> Catalog:
    return load_catalog([MINI_CATALOG], include_default=False).catalog


def weight_used(
    criterion: str, weight: float, *, label: str | None = None, evaluator: str = "rating"
) -> WeightUsed:
    """A criterion's weight as a result reports it, unadjusted, its weight also its share."""
    return WeightUsed.model_construct(
        criterion=criterion,
        label=label or criterion.upper(),
        evaluator=evaluator,
        base_weight=weight,
        multiplier=1.0,
        weight=weight,
        share=weight,
        adjustments=(),
    )
