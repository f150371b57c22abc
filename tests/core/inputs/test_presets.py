"""Criteria presets and `extends`: every shipped preset, the merge, and every bad file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from platform_advisor.api import advise_files
from platform_advisor.core.inputs.presets import extended, standalone
from platform_advisor.errors import CrossReferenceError
from platform_advisor.loading.criteria_files import MAX_EXTENDS_DEPTH, load_criteria
from platform_advisor.loading.sources import load_model
from platform_advisor.models.criteria import Criteria, CriteriaFile
from platform_advisor.models.result import Strategy
from platform_advisor.resources import criteria_preset, criteria_presets
from tests.conftest import EXAMPLES, MINI_CRITERIA, REPOSITORY, WriteYaml, run_cli

TODAY = date(2026, 11, 23)
BAKERY = EXAMPLES / "bakery.yaml"
PRESETS = [
    "agriculture",
    "balanced",
    "growth",
    "healthcare",
    "lean-budget",
    "low-risk",
    "manufacturing",
    "retail",
    "services",
]
PRESET_LIST = ", ".join(PRESETS)


def advice(criteria: str, profile: Path = BAKERY) -> Strategy:
    strategy, _ = advise_files(profile, criteria=criteria, today=TODAY)
    return strategy


def shares(strategy: Strategy) -> dict[str, float]:
    return {used.criterion: used.share for used in strategy.weights}


def bakery_as(write_yaml: WriteYaml, sector: str) -> Path:
    """The example bakery, moved to another sector."""
    text = BAKERY.read_text(encoding="utf-8").replace("sector: retail", f"sector: {sector}")
    return write_yaml(f"{sector}-bakery.yaml", text)


def bakery_without_needs(write_yaml: WriteYaml, sector: str) -> Path:
    """The bakery in a sector, wanting only more sales, its needs left to the criteria."""
    text = bakery_as(write_yaml, sector).read_text(encoding="utf-8")
    text = re.sub(r"^needs: .*\n", "", text, flags=re.M)
    text = re.sub(r"^goals: .*$", "goals: [increase_sales]", text, flags=re.M)
    return write_yaml(f"{sector}-bakery-without-needs.yaml", text)


# Shipped presets


def test_the_shipped_presets_are_the_documented_ones() -> None:
    assert criteria_presets() == PRESETS
    guide = (REPOSITORY / "docs" / "criteria-presets.md").read_text(encoding="utf-8")
    for name in PRESETS:
        assert f"| `{name}` |" in guide, name


@pytest.mark.parametrize("name", PRESETS)
def test_every_preset_loads_and_scores_the_bakery(name: str) -> None:
    strategy = advice(name)
    assert strategy.criteria_name == name
    assert [item.function for item in strategy.stack] == [
        "social_media",
        "food_delivery",
        "pos",
        "accounting",
        "local_listings",
        "email_marketing",
    ]
    assert sum(shares(strategy).values()) == pytest.approx(1.0)


@pytest.mark.parametrize("name", [name for name in PRESETS if name != "balanced"])
def test_every_new_preset_builds_on_balanced_and_explains_itself(name: str) -> None:
    text = criteria_preset(name).read_text(encoding="utf-8")
    content, _ = load_model(CriteriaFile, criteria_preset(name))
    assert content.extends == "balanced"
    assert 60 <= len(content.description) <= 300, content.description
    balanced, _ = load_criteria(criteria_preset("balanced"))
    for criterion_id, weight in content.weights.items():
        before = balanced.criterion(criterion_id).weight
        line = rf"^#\s+{criterion_id}\s+{before:g} -> {weight:g}\s"
        assert re.search(line, text, re.M), f"the comment block does not explain {criterion_id}"


def test_the_cli_takes_a_preset_by_name() -> None:
    result = run_cli("score", BAKERY, "--criteria", "lean-budget", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result
    assert "Criteria: lean-budget (weighted sum)" in result.stdout


# Presets move the weights, and the rankings, the way they say


@pytest.mark.parametrize(
    ("name", "sector", "criterion"),
    [
        ("lean-budget", "retail", "cost_fit"),
        ("growth", "retail", "scalability"),
        ("growth", "retail", "integrations"),
        ("low-risk", "retail", "risk_fit"),
        ("low-risk", "retail", "data_portability"),
        ("retail", "retail", "cost_fit"),
        ("retail", "retail", "audience_fit"),
        ("services", "services", "ease_of_use"),
        ("services", "services", "automation"),
        ("manufacturing", "manufacturing", "existing_fit"),
        ("manufacturing", "manufacturing", "scalability"),
        ("agriculture", "agriculture", "skill_fit"),
        ("agriculture", "agriculture", "cost_fit"),
        ("healthcare", "healthcare", "security"),
        ("healthcare", "healthcare", "risk_fit"),
    ],
)
def test_a_preset_raises_the_share_of_what_it_weighs(
    write_yaml: WriteYaml, name: str, sector: str, criterion: str
) -> None:
    profile = bakery_as(write_yaml, sector)
    before = shares(advice("balanced", profile))[criterion]
    after = shares(advice(name, profile))[criterion]
    assert after > before, (name, criterion, before, after)


def test_manufacturing_weighs_audience_less(write_yaml: WriteYaml) -> None:
    profile = bakery_as(write_yaml, "manufacturing")
    assert (
        shares(advice("manufacturing", profile))["audience_fit"]
        < shares(advice("balanced", profile))["audience_fit"]
    )


def test_lean_budget_ranks_accounting_tools_closer_to_their_cost() -> None:
    """Fewer pairs in which a dearer tool ranks above a cheaper one."""

    def dearer_first(name: str) -> int:
        costs = [s.horizon_cost for s in advice(name).rankings["accounting"]]
        return sum(a > b + 0.5 for i, a in enumerate(costs) for b in costs[i + 1 :])

    assert dearer_first("lean-budget") < dearer_first("balanced")


def test_growth_narrows_the_gap_to_the_till_that_scales() -> None:
    def lead_over_shopify(name: str) -> float:
        scores = {s.platform: s.score_exact for s in advice(name).rankings["pos"]}
        return scores["square"] - scores["shopify"]

    assert lead_over_shopify("growth") < lead_over_shopify("balanced")


def test_presets_that_add_criteria_apply_them() -> None:
    used = {w.criterion: w for w in advice("retail").weights}
    assert used["reach"].base_weight == 5
    assert used["cost_fit"].multiplier == pytest.approx(1.1)
    assert used["cost_fit"].adjustments == (
        "×1.1: the more that sells through a platform, the more its fees take",
    )


@pytest.mark.parametrize(
    ("name", "sector", "added"),
    [("retail", "retail", "inventory"), ("services", "services", "local_listings")],
)
def test_sector_presets_suggest_their_sectors_functions(
    write_yaml: WriteYaml, name: str, sector: str, added: str
) -> None:
    profile = bakery_without_needs(write_yaml, sector)
    needs_before = [need.function for need in advice("balanced", profile).needs]
    needs_after = [need.function for need in advice(name, profile).needs]
    assert added not in needs_before
    assert added in needs_after


# The merge


def mini() -> Criteria:
    criteria, _ = load_model(Criteria, MINI_CRITERIA)
    return criteria


def test_a_complete_file_resolves_to_what_it_says() -> None:
    content, _ = load_model(CriteriaFile, MINI_CRITERIA)
    assert standalone(content) == mini()
    assert load_criteria(MINI_CRITERIA)[0] == mini()


def test_extending_reweighs_appends_and_replaces_by_id() -> None:
    child = CriteriaFile.model_validate(
        {
            "name": "child",
            "extends": "mini",
            "weights": {"budget_fit": 30},
            "criteria": [
                {
                    "id": "reach",
                    "label": "Reach",
                    "evaluator": "rating",
                    "rating": "reach",
                    "weight": 4,
                }
            ],
            "adjustments": [
                {"when": {"sector": ["retail"]}, "multiply": {"reach": 2}, "reason": "shops"}
            ],
            "goals": {"engage": {"label": "Engage", "functions": ["crm"]}},
        }
    )
    base = mini()
    merged = extended(base, child)
    assert merged.name == "child"
    assert [c.id for c in merged.criteria] == [*(c.id for c in base.criteria), "reach"]
    assert merged.criterion("budget_fit").weight == 30
    assert merged.criterion("goal_fit") == base.criterion("goal_fit")
    assert [a.reason for a in merged.adjustments] == ["low risk tolerance", "shops"]
    assert merged.goals["engage"].functions == ("crm",)
    assert merged.goals["increase_sales"] == base.goals["increase_sales"]
    assert merged.sectors == base.sectors


def test_a_chain_of_files_by_relative_path(write_yaml: WriteYaml) -> None:
    write_yaml("shared/base.yaml", "name: base\nextends: balanced\nweights: {cost_fit: 20}\n")
    mine = write_yaml(
        "mine.yaml", "name: mine\nextends: shared/base.yaml\nweights: {risk_fit: 1}\n"
    )
    criteria, source = load_criteria(mine)
    assert source.display.endswith("mine.yaml")
    assert criteria.name == "mine"
    assert (criteria.criterion("cost_fit").weight, criteria.criterion("risk_fit").weight) == (
        20,
        1,
    )
    strategy, _ = advise_files(BAKERY, criteria=str(mine), today=TODAY)
    assert strategy.criteria_name == "mine"


def test_a_chain_may_be_as_deep_as_the_limit(write_yaml: WriteYaml) -> None:
    """c0 extends c1 ... extends c7 extends balanced: eight times."""
    chain = [
        write_yaml(f"c{n}.yaml", f"name: c{n}\nextends: c{n + 1}.yaml\n")
        for n in range(MAX_EXTENDS_DEPTH - 1)
    ]
    write_yaml(f"c{MAX_EXTENDS_DEPTH - 1}.yaml", "name: last\nextends: balanced\n")
    criteria, _ = load_criteria(chain[0])
    assert criteria.name == "c0"
    assert criteria.criteria == load_criteria(criteria_preset("balanced"))[0].criteria


# Bad files: exit 1, no traceback, each problem in its file at its line


BAD_FILES: list[tuple[str, dict[str, str], list[str]]] = [
    (
        "unknown weight",
        {
            "child.yaml": """\
                name: child
                extends: balanced
                weights:
                  skill_fit: 10
                  cost_fitt: 20
                """
        },
        [
            "child.yaml:5:3: weights.cost_fitt: unknown criterion 'cost_fitt': the base"
            " defines no such criterion (did you mean 'cost_fit'?)"
        ],
    ),
    (
        "unknown preset",
        {"child.yaml": "name: child\nextends: balancd\n"},
        [
            "child.yaml:2:10: extends: no criteria preset named 'balancd' (did you mean"
            f" 'balanced'? presets: {PRESET_LIST}; or a YAML file's path, relative to this file)"
        ],
    ),
    (
        "missing file",
        {"child.yaml": "name: child\nextends: bases/base.yaml\n"},
        [
            "child.yaml:2:10: extends: no criteria file 'bases/base.yaml' (a path is read"
            " relative to this file: looked for bases/base.yaml)"
        ],
    ),
    (
        "cycle",
        {
            "child.yaml": "name: a\nextends: b.yaml\n",
            "b.yaml": "name: b\ndescription: loops\nextends: child.yaml\n",
        },
        [
            "b.yaml:3:10: extends: a loop of 'extends': child.yaml → b.yaml → child.yaml"
            " (a preset cannot build on itself)"
        ],
    ),
    (
        "too deep",
        {
            "child.yaml": "name: c0\nextends: c1.yaml\n",
            **{f"c{n}.yaml": f"name: c{n}\nextends: c{n + 1}.yaml\n" for n in range(1, 8)},
            "c8.yaml": "name: c8\nextends: balanced\n",
        },
        [
            "c8.yaml:2:10: extends: more than 8 levels of 'extends', starting at child.yaml"
            " (extend a preset nearer the complete file, or merge some of these files)"
        ],
    ),
    (
        "neither extends nor criteria",
        {"child.yaml": "# mine\nname: child\ndescription: nothing else\n"},
        [
            "child.yaml:2:1: missing 'criteria' and 'goals': a criteria file without"
            " 'extends' must define its criteria and goals (or build on a preset with"
            " 'extends: balanced')"
        ],
    ),
    (
        "criteria without goals",
        {
            "child.yaml": """\
                name: child
                criteria:
                  - {id: goal_fit, label: Goal fit, evaluator: goal_fit, weight: 1}
                """
        },
        [
            "child.yaml:1:1: missing 'goals': a criteria file without 'extends' must define"
            " its criteria and goals (or build on a preset with 'extends: balanced')"
        ],
    ),
    (
        "duplicate criterion",
        {
            "child.yaml": """\
                name: child
                extends: balanced
                criteria:
                  - {id: reach, label: Reach, evaluator: rating, rating: reach, weight: 3}
                  - {id: risk_fit, label: Risk, evaluator: risk_fit, weight: 3}
                """
        },
        [
            "child.yaml:5:10: criteria[1].id: criterion 'risk_fit' is already defined in the"
            " base (change its weight under 'weights: {risk_fit: ...}' instead)"
        ],
    ),
    (
        "references in the child",
        {
            "child.yaml": """\
                name: child
                extends: balanced
                criteria:
                  - {id: reach, label: Reach, evaluator: rating, rating: reach, weight: 3}
                adjustments:
                  - when: {goals: [increase_sale]}
                    multiply: {reachh: 2}
                    reason: more reach
                goals:
                  more:
                    label: More
                    functions: [ecommerce, ecomerce]
                """
        },
        [
            "child.yaml:7:16: adjustments[0].multiply.reachh: unknown criterion 'reachh'"
            " (did you mean 'reach'?)",
            "child.yaml:6:20: adjustments[0].when.goals[0]: unknown goal 'increase_sale'"
            " (did you mean 'increase_sales'?)",
            "child.yaml:12:28: goals.more.functions[1]: unknown function 'ecomerce'"
            " (did you mean 'ecommerce'?)",
        ],
    ),
    (
        "references in a base",
        {
            "child.yaml": "name: child\nextends: base.yaml\nweights: {goal_fit: 2}\n",
            "base.yaml": """\
                name: base
                criteria:
                  - {id: goal_fit, label: Goal fit, evaluator: goal_fit, weight: 1}
                goals:
                  sell: {label: Sell, functions: [ecommerce, crmm]}
                """,
        },
        ["base.yaml:5:46: goals.sell.functions[1]: unknown function 'crmm' (did you mean 'crm'?)"],
    ),
    (
        "weights summing to zero",
        {
            "child.yaml": "name: child\nextends: base.yaml\nweights: {goal_fit: 0}\n",
            "base.yaml": """\
                name: base
                criteria:
                  - {id: goal_fit, label: Goal fit, evaluator: goal_fit, weight: 1}
                goals:
                  sell: {label: Sell, functions: [ecommerce]}
                """,
        },
        ["child.yaml:3:10: weights: the weights sum to zero (give one a weight above 0)"],
    ),
    (
        "weights without extends",
        {
            "child.yaml": """\
                name: child
                criteria:
                  - {id: goal_fit, label: Goal fit, evaluator: goal_fit, weight: 1}
                goals:
                  sell: {label: Sell, functions: [ecommerce]}
                weights: {goal_fit: 2}
                """
        },
        [
            "child.yaml:1:1: 'weights' re-weighs the criteria of the preset named in"
            " 'extends', and this file extends none (set each weight in 'criteria' instead)"
        ],
    ),
    (
        "invalid value in a base",
        {
            "child.yaml": "name: child\nextends: base.yaml\n",
            "base.yaml": "name: base\nextends: balanced\nweights: {goal_fit: -1}\n",
        },
        ["base.yaml:3:21: weights.goal_fit: must be at least 0 (got -1)"],
    ),
]


@pytest.mark.parametrize(
    ("files", "expected"),
    [pytest.param(files, expected, id=case) for case, files, expected in BAD_FILES],
)
def test_bad_criteria_files_exit_1_with_each_problem_located(
    write_yaml: WriteYaml, tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    for name, text in files.items():
        write_yaml(name, text)
    result = run_cli("score", BAKERY, "--criteria", tmp_path / "child.yaml")
    assert (result.exit_code, result.stdout) == (1, ""), result
    shown = result.stderr.replace(f"{tmp_path}/", "").removeprefix("error: ")
    assert shown.splitlines() == expected, result


def test_library_callers_get_the_same_located_error(write_yaml: WriteYaml) -> None:
    child = write_yaml("child.yaml", "name: child\nextends: base.yaml\n")
    write_yaml("base.yaml", "name: base\nextends: child.yaml\n")
    with pytest.raises(CrossReferenceError) as caught:
        load_criteria(child)
    (problem,) = caught.value.problems
    assert problem.location is not None
    assert (Path(problem.location.file).name, problem.location.line) == ("base.yaml", 2)


def test_weights_for_the_former_money_criteria_go_to_cost_fit(write_yaml: WriteYaml) -> None:
    """A file written when budget and fees were two criteria still loads: cost_fit takes
    their weights together (the other at its former weight), with a warning."""
    mine = write_yaml("mine.yaml", "name: mine\nextends: balanced\nweights: {budget_fit: 24}\n")
    criteria, _ = load_criteria(mine)
    assert criteria.criterion("cost_fit").weight == 24 + 8
    assert [c.id for c in criteria.criteria if c.id in ("budget_fit", "fee_fit")] == []
    assert [notice.split(": warning: ")[1][:41] for notice in criteria.notices] == [
        "weights.budget_fit: budget_fit is now par"
    ]
    result = run_cli("score", BAKERY, "--criteria", mine, "--robustness", "off")
    assert result.exit_code == 0, result
    assert "mine.yaml:3:11: warning: weights.budget_fit: budget_fit is now part of cost_fit" in (
        result.stderr
    )
