"""Invariants over generated input: the loaders raise nothing but our own errors whatever
the text, and the advice never breaks the budget or a constraint whatever the profile."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from platform_advisor.core.advise import advise
from platform_advisor.errors import AdviceError, AdvisorError
from platform_advisor.loading.catalogs import load_catalog
from platform_advisor.loading.criteria_files import load_criteria
from platform_advisor.loading.sources import Source, load_model, validated
from platform_advisor.models.catalog import Catalog, CatalogFile
from platform_advisor.models.criteria import Criteria, CriteriaFile
from platform_advisor.models.profile import Profile
from tests.conftest import MINI_CATALOG, MINI_CRITERIA, SHOP_PROFILE

# Text that looks like YAML often enough to reach past the parser: keys, nesting, flow
# collections, quotes, anchors, tags, documents, odd scalars and control characters.
PIECES = st.sampled_from(
    [
        "name: ", "platforms:", "\n", "\n  ", "\n    - ", "- ", "id: ", "[", "]", "{", "}",
        ", ", ": ", "'", '"', "&a ", "*a", "!!python/object ", "---\n", "...\n", "# c\n",
        "\t", "1e309", ".nan", "NO", "12:30", "0x1f", "2026-13-45", "\x00", "\x85", "\ufeff",
        "é", "~", "null", "true", "-1", "99999999999999999999", "users: ", "budget: ",
        "monthly_usd: ", "sector: retail", "functions: [crm]", "ownership: proprietary",
    ]
)  # fmt: skip
YAMLISH = st.lists(PIECES, max_size=40).map("".join)
ANY_TEXT = st.one_of(YAMLISH, st.text(max_size=300))
MODELS = (Profile, CriteriaFile, CatalogFile)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ANY_TEXT.map(lambda text: text.encode("utf-8")), st.binary(max_size=200)),
       st.sampled_from(MODELS))  # fmt: skip
def test_loading_a_file_raises_only_our_errors_whatever_it_holds(
    content: bytes, model: type[BaseModel]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_bytes(content)
        try:
            load_model(model, path)
        except AdvisorError as error:
            assert "generated.yaml" in str(error)


@pytest.fixture(scope="module")
def shop() -> tuple[Profile, Catalog, Criteria]:
    catalog = load_catalog([MINI_CATALOG], include_default=False).catalog
    profile = validated(Profile, Source("shop.yaml", SHOP_PROFILE.read_text(encoding="utf-8")))
    criteria, _ = load_criteria(MINI_CRITERIA, catalog=catalog)
    return profile, catalog, criteria


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    budget=st.floats(min_value=0, max_value=2_000, allow_nan=False),
    risk=st.sampled_from(["low", "medium", "high"]),
    skill=st.sampled_from(["none", "basic", "intermediate", "advanced"]),
    ownership=st.sampled_from([(), ("open_source", "hybrid"), ("proprietary",)]),
    cap=st.none() | st.floats(min_value=0, max_value=500, allow_nan=False),
)
def test_the_stack_never_breaks_the_budget_or_a_constraint(
    shop: tuple[Profile, Catalog, Criteria],
    budget: float,
    risk: str,
    skill: str,
    ownership: tuple[str, ...],
    cap: float | None,
) -> None:
    profile, catalog, criteria = shop
    constraints = profile.constraints.model_copy(
        update={"ownership": ownership, "max_monthly_usd": cap}
    )
    changed = profile.model_copy(
        update={
            "budget": profile.budget.model_copy(update={"monthly_usd": budget}),
            "risk_tolerance": risk,
            "technical_capability": skill,
            "constraints": constraints,
        }
    )
    try:
        strategy = advise(changed, catalog, criteria, today=date(2026, 11, 23), robustness=None)
    except AdviceError as error:
        assert str(error)
        return
    assert strategy.search.budget.stack_cost <= budget + 1e-6
    excluded = {exclusion.platform for exclusion in strategy.excluded}
    costs = {line.platform: line for line in strategy.cost.lines}
    for item in strategy.stack:
        assert item.platform not in excluded
        if ownership:
            assert catalog.platforms[item.platform].ownership in ownership
        if cap is not None:
            line = costs[item.platform]
            assert line.subscription + line.hosting <= cap + 1e-6
