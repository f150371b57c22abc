"""Weights from pairwise judgements: the AHP core, and judgements in a criteria file."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from platform_advisor.algorithms.ahp import (
    RANDOM_INDEX,
    Judgement,
    JudgementError,
    comparison_matrix,
    described,
    judgement_problems,
    priorities,
    random_index,
)
from platform_advisor.errors import DataFileError
from platform_advisor.loading.criteria_files import load_criteria
from platform_advisor.loading.yaml_reader import parse_yaml
from platform_advisor.resources import criteria_preset
from tests.conftest import EXAMPLES, REPOSITORY, WriteYaml, run_cli

# A published example
#
# Saaty, T. L. (1990), "How to make a decision: The Analytic Hierarchy Process",
# European Journal of Operational Research 48(1), 9-26: the example of a family choosing
# a house, its eight criteria compared pairwise (the same example as in Saaty 1980, The
# Analytic Hierarchy Process, McGraw-Hill, ch. 2). The paper prints the priority vector
# to three decimals and lambda_max = 9.669, C.I. = 0.238, C.R. = 0.169.

HOUSE_CRITERIA = [
    "size",
    "transportation",
    "neighborhood",
    "age",
    "yard",
    "modern_facilities",
    "general_condition",
    "financing",
]
HOUSE_MATRIX = """
1    5    3    7  6    6    1/3  1/4
1/5  1    1/3  5  3    3    1/5  1/7
1/3  3    1    6  3    4    6    1/5
1/7  1/5  1/6  1  1/3  1/4  1/7  1/8
1/6  1/3  1/3  3  1    1/2  1/5  1/6
1/6  1/3  1/4  4  2    1    1/5  1/6
3    5    1/6  7  5    5    1    1/2
4    7    5    8  6    6    2    1
"""
HOUSE_PRIORITIES = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]


def house_judgements() -> list[Judgement]:
    """The upper triangle of the published matrix, one judgement per pair."""
    rows = [[float(Fraction(cell)) for cell in line.split()] for line in HOUSE_MATRIX.split("\n")]
    rows = [row for row in rows if row]
    names = HOUSE_CRITERIA
    return [
        Judgement(names[i], names[j], rows[i][j])
        for i in range(len(names))
        for j in range(i + 1, len(names))
    ]


def test_saatys_house_example_is_reproduced_to_its_printed_precision() -> None:
    found = priorities(house_judgements())
    assert found.items == tuple(HOUSE_CRITERIA)
    assert [round(weight, 3) for weight in found.weights] == HOUSE_PRIORITIES
    assert round(found.lambda_max, 3) == 9.669
    assert round(found.consistency_index, 3) == 0.238
    assert round(found.consistency_ratio, 3) == 0.169
    assert not found.acceptable


def test_the_house_examples_most_inconsistent_judgement_is_named() -> None:
    """Neighbourhood 6× general condition goes against the rest: condition beats size 3×,
    size beats neighbourhood 3×."""
    worst = priorities(house_judgements()).discrepancies[0]
    assert (worst.judgement.first, worst.judgement.second) == ("neighborhood", "general_condition")
    assert described(worst, {}) == (
        "you judged neighborhood 6× as important as general_condition, but your other answers"
        " imply the reverse: general_condition about 2.1× as important as neighborhood"
    )


# Consistent judgements


weight_vectors = st.lists(st.floats(min_value=1.0, max_value=3.0), min_size=2, max_size=15)


@settings(max_examples=60, deadline=None)
@given(weight_vectors)
def test_consistent_judgements_give_their_weights_exactly_and_cr_0(raw: list[float]) -> None:
    """Ratios of any weights (within the scale) are perfectly consistent."""
    names = [f"c{n}" for n in range(len(raw))]
    judgements = [
        Judgement(names[i], names[j], raw[i] / raw[j])
        for i in range(len(raw))
        for j in range(i + 1, len(raw))
    ]
    found = priorities(judgements)
    expected = [value / sum(raw) for value in raw]
    assert list(found.weights) == pytest.approx(expected, rel=1e-9)
    assert found.consistency_ratio == pytest.approx(0.0, abs=1e-9)
    assert found.lambda_max == pytest.approx(len(raw), rel=1e-9)
    assert found.discrepancies == ()
    assert found.acceptable


def test_two_criteria_are_consistent_by_definition() -> None:
    found = priorities([Judgement("a", "b", 3)])
    assert found.weights == pytest.approx((0.75, 0.25))
    assert (found.consistency_index, found.consistency_ratio) == (0.0, 0.0)
    assert found.discrepancies == ()


def test_the_random_index_is_saatys_table() -> None:
    assert [random_index(n) for n in (1, 2, 3, 4, 8, 10, 15)] == [
        0.0,
        0.0,
        0.58,
        0.90,
        1.41,
        1.49,
        1.59,
    ]
    assert len(RANDOM_INDEX) == 15
    with pytest.raises(ValueError, match="1 to 15 items, not 16"):
        random_index(16)


# Reciprocity


def test_the_matrix_is_reciprocal() -> None:
    judgements = house_judgements()
    matrix = comparison_matrix(HOUSE_CRITERIA, judgements)
    assert np.allclose(matrix * matrix.T, 1.0)
    assert np.all(np.diag(matrix) == 1.0)
    assert matrix[2, 6] == 6 and matrix[6, 2] == pytest.approx(1 / 6)


def test_a_judgement_said_the_other_way_round_gives_the_same_weights() -> None:
    forward = [Judgement("a", "b", 3), Judgement("a", "c", 5), Judgement("b", "c", 2)]
    reversed_ = [Judgement("b", "a", 1 / 3), Judgement("c", "a", 1 / 5), Judgement("c", "b", 0.5)]
    one, other = priorities(forward), priorities(reversed_)
    assert [other.weight(item) for item in one.items] == pytest.approx(list(one.weights))
    assert other.consistency_ratio == pytest.approx(one.consistency_ratio)
    assert one.consistency_ratio > 0


# The inconsistency ranking

FIVE = {"goal": 8.0, "budget": 4.0, "audience": 3.0, "skill": 2.0, "risk": 1.0}


def consistent_five() -> list[Judgement]:
    names = list(FIVE)
    return [
        Judgement(names[i], names[j], FIVE[names[i]] / FIVE[names[j]])
        for i in range(len(names))
        for j in range(i + 1, len(names))
    ]


@pytest.mark.parametrize("planted", range(10))
def test_the_ranking_names_the_planted_bad_judgement(planted: int) -> None:
    """One judgement turned around (a over b by k becomes b over a by k) comes first, and
    the ratio the others imply for it is the consistent one."""
    judgements = consistent_five()
    good = judgements[planted]
    judgements[planted] = Judgement(good.first, good.second, 1 / good.ratio)
    found = priorities(judgements)
    worst = found.discrepancies[0]
    assert worst.index == planted
    assert worst.implied == pytest.approx(good.ratio)
    assert worst.distance > 2 * found.discrepancies[1].distance


def test_a_mistake_is_worded_for_a_person() -> None:
    judgements = consistent_five()
    judgements[5] = Judgement("budget", "skill", 5)  # the others imply 4 / 2 = 2
    labels = {"budget": "Cost of ownership", "skill": "Skill fit"}
    worst = priorities(judgements).discrepancies[0]
    assert described(worst, labels) == (
        "you judged Cost of ownership 5× as important as Skill fit, but your other answers imply about 2×"
    )


@pytest.mark.parametrize(
    ("judgement", "implied", "expected"),
    [
        (
            Judgement("a", "b", 1),
            1.5,
            "you judged A and B equally important, but your other"
            " answers imply A about 1.5× as important as B",
        ),
        (
            Judgement("a", "b", 0.25),
            0.5,
            "you judged B 4× as important as A, but your other answers imply about 2×",
        ),
        (
            Judgement("a", "b", 0.25),
            2.0,
            "you judged B 4× as important as A, but your other"
            " answers imply the reverse: A about 2× as important as B",
        ),
        (
            Judgement("a", "b", 9),
            30.0,
            "you judged A 9× as important as B, but your other answers imply about 30×",
        ),
    ],
)
def test_the_wording_speaks_of_the_criterion_said_to_matter_more(
    judgement: Judgement, implied: float, expected: str
) -> None:
    from platform_advisor.algorithms.ahp import Discrepancy

    assert described(Discrepancy(0, judgement, implied), {"a": "A", "b": "B"}) == expected


# Judgements that cannot give weights


@pytest.mark.parametrize(
    ("judgements", "expected"),
    [
        (
            [Judgement("a", "a", 3)],
            [(0, "compares 'a' with itself")],
        ),
        (
            [Judgement("a", "b", 3), Judgement("b", "a", 2)],
            [(1, "'b' and 'a' are already compared: [a, b, 3]")],
        ),
        (
            [Judgement("a", "b", 10)],
            [(0, "10 is outside Saaty's scale")],
        ),
        (
            [Judgement("a", "b", 0.1)],
            [(0, "0.1 is outside Saaty's scale")],
        ),
        (
            [Judgement("a", "b", math.nan)],
            [(0, "nan is outside Saaty's scale")],
        ),
        (
            [Judgement("a", "b", 3), Judgement("b", "c", 2)],
            [
                (
                    None,
                    "every pair of the criteria compared needs a judgement, and 1 pair has"
                    " none: a and c",
                )
            ],
        ),
    ],
    ids=["itself", "twice", "above-9", "below-1/9", "nan", "missing-pair"],
)
def test_judgements_that_cannot_give_weights_are_refused(
    judgements: list[Judgement], expected: list[tuple[int | None, str]]
) -> None:
    problems = judgement_problems(judgements)
    assert [(p.index, p.message) for p in problems] == expected
    with pytest.raises(JudgementError) as caught:
        priorities(judgements)
    assert [(p.index, p.message) for p in caught.value.problems] == expected


def test_more_than_fifteen_criteria_are_refused() -> None:
    names = [f"c{n}" for n in range(16)]
    judgements = [Judgement(a, b, 1) for n, a in enumerate(names) for b in names[n + 1 :]]
    (problem,) = judgement_problems(judgements)
    assert problem.message == "16 criteria are compared; at most 15 can be"


# In a criteria file

BAKERY = EXAMPLES / "bakery.yaml"
CHEAP = """\
    name: cheap
    extends: balanced
    pairwise:
      - [cost_fit, skill_fit, 3]     # cost of ownership matters 3x as much as skill fit
      - [goal_fit, cost_fit, 2]
      - [goal_fit, skill_fit, 6]
    """


def balanced_weights() -> dict[str, float]:
    criteria, _ = load_criteria(criteria_preset("balanced"))
    return {c.id: c.weight for c in criteria.criteria}


def test_compared_criteria_share_the_weight_they_had_and_the_rest_keep_theirs(
    write_yaml: WriteYaml,
) -> None:
    criteria, _ = load_criteria(write_yaml("cheap.yaml", CHEAP))
    weights = {c.id: c.weight for c in criteria.criteria}
    before = balanced_weights()
    # Consistent judgements: goal 6, budget 3, skill 1, sharing 18 + 14 + 12 = 44 points.
    assert weights["goal_fit"] == pytest.approx(31.2)
    assert weights["cost_fit"] == pytest.approx(15.6)
    assert weights["skill_fit"] == pytest.approx(5.2)
    compared = {"goal_fit", "cost_fit", "skill_fit"}
    assert {k: v for k, v in weights.items() if k not in compared} == {
        k: v for k, v in before.items() if k not in compared
    }
    assert criteria.notices == ()


def test_the_derivation_is_kept_for_the_report(write_yaml: WriteYaml) -> None:
    path = write_yaml("cheap.yaml", CHEAP)
    criteria, source = load_criteria(path)
    (derivation,) = criteria.derivations
    assert derivation.summary == "weights derived from 3 pairwise judgements (CR 0.00)"
    assert derivation.document == source.display
    assert derivation.judgements == (
        ("cost_fit", "skill_fit", 3.0),
        ("goal_fit", "cost_fit", 2.0),
        ("goal_fit", "skill_fit", 6.0),
    )
    assert derivation.criteria == ("cost_fit", "skill_fit", "goal_fit")
    assert derivation.weights == pytest.approx((15.6, 5.2, 31.2))
    assert derivation.total_weight == 52
    assert derivation.acceptable


def test_a_preset_without_judgements_records_no_derivation() -> None:
    criteria, _ = load_criteria(criteria_preset("lean-budget"))
    assert (criteria.derivations, criteria.notices) == ((), ())


def test_judgements_in_a_base_and_in_the_file_extending_it(write_yaml: WriteYaml) -> None:
    write_yaml("base.yaml", CHEAP)
    child = write_yaml(
        "child.yaml",
        """\
        name: child
        extends: base.yaml
        pairwise:
          - [risk_fit, goal_fit, 1]
        """,
    )
    criteria, _ = load_criteria(child)
    assert len(criteria.derivations) == 2
    # risk fit (10) and goal fit (26.4 after the base's judgements) share 36.4 equally.
    assert criteria.criterion("risk_fit").weight == pytest.approx(20.6)
    assert criteria.criterion("goal_fit").weight == pytest.approx(20.6)
    assert criteria.criterion("cost_fit").weight == pytest.approx(15.6)


def test_a_complete_file_may_weigh_its_own_criteria_by_judgement(write_yaml: WriteYaml) -> None:
    path = write_yaml(
        "complete.yaml",
        """\
        name: complete
        criteria:
          - {id: goal_fit, label: Goal fit, evaluator: goal_fit, weight: 1}
          - {id: cost_fit, label: Cost of ownership, evaluator: cost_fit, weight: 3}
        pairwise:
          - [goal_fit, cost_fit, 3]
        goals:
          sell: {label: Sell, functions: [ecommerce]}
        """,
    )
    criteria, _ = load_criteria(path)
    assert [c.weight for c in criteria.criteria] == [3.0, 1.0]


def test_a_new_criterion_of_the_file_can_be_compared(write_yaml: WriteYaml) -> None:
    path = write_yaml(
        "custom.yaml",
        """\
        name: custom
        extends: balanced
        criteria:
          - {id: customization, label: Customisation, evaluator: rating, rating: customization, weight: 6}
        pairwise:
          - [customization, support, 2]
        """,
    )
    criteria, _ = load_criteria(path)
    assert criteria.criterion("customization").weight == pytest.approx(5.333)
    assert criteria.criterion("support").weight == pytest.approx(2.667)


SHAKY = """\
    name: shaky
    extends: balanced
    pairwise:
      - [cost_fit, skill_fit, 3]
      - [goal_fit, cost_fit, 2]
      - [skill_fit, goal_fit, 4]
    """


def test_inconsistent_judgements_load_with_a_located_warning(write_yaml: WriteYaml) -> None:
    criteria, _ = load_criteria(write_yaml("shaky.yaml", SHAKY))
    (derivation,) = criteria.derivations
    assert not derivation.acceptable
    shown = [notice.split("/")[-1] for notice in criteria.notices]
    assert shown == [
        "shaky.yaml:3:1: warning: pairwise: the judgements contradict each other (consistency"
        " ratio 1.06, above 0.10), so the weights derived from them may not say what you mean"
        " (revisit the judgements named below)",
        "shaky.yaml:5:5: warning: pairwise[1]: you judged Goal fit 2× as important as Cost of"
        " ownership, but your other answers imply the reverse: Cost of ownership about 12× as"
        " important as Goal fit",
        "shaky.yaml:4:5: warning: pairwise[0]: you judged Cost of ownership 3× as important as Skill"
        " fit, but your other answers imply the reverse: Skill fit about 8× as important as"
        " Cost of ownership",
        "shaky.yaml:6:5: warning: pairwise[2]: you judged Skill fit 4× as important as Goal"
        " fit, but your other answers imply the reverse: Goal fit about 6× as important as"
        " Skill fit",
    ]


def test_a_file_with_judgements_scores_a_profile(write_yaml: WriteYaml) -> None:
    path = write_yaml("cheap.yaml", CHEAP)
    result = run_cli("score", BAKERY, "--criteria", path, "--format", "json")
    assert result.exit_code == 0, result
    weights = {w["criterion"]: w for w in json.loads(result.stdout)["weights"]}
    assert weights["goal_fit"]["base_weight"] == pytest.approx(31.2)


BAD_FILES = [
    (
        "unknown criterion",
        "  - [cost_fit, skil_fit, 3]\n  - [goal_fit, cost_fit, 2]\n  - [goal_fit, skil_fit, 6]\n",
        [
            "bad.yaml:4:16: pairwise[0][1]: unknown criterion 'skil_fit' (did you mean 'skill_fit'?)",
            "bad.yaml:6:16: pairwise[2][1]: unknown criterion 'skil_fit' (did you mean 'skill_fit'?)",
        ],
    ),
    (
        "itself",
        "  - [cost_fit, cost_fit, 3]\n",
        [
            "bad.yaml:4:5: pairwise[0]: compares 'cost_fit' with itself (name two different criteria)"
        ],
    ),
    (
        "twice",
        "  - [cost_fit, skill_fit, 3]\n  - [skill_fit, cost_fit, 2]\n",
        [
            "bad.yaml:5:5: pairwise[1]: 'skill_fit' and 'cost_fit' are already compared:"
            " [cost_fit, skill_fit, 3] (keep one judgement per pair)"
        ],
    ),
    (
        "missing pair",
        "  - [cost_fit, skill_fit, 3]\n  - [goal_fit, cost_fit, 2]\n",
        [
            "bad.yaml:3:1: pairwise: every pair of the criteria compared needs a judgement, and"
            " 1 pair has none: skill_fit and goal_fit (add a line such as [skill_fit, goal_fit,"
            " 1], 1 meaning equally important)"
        ],
    ),
    (
        "above 9",
        "  - [cost_fit, skill_fit, 12]\n",
        [
            "bad.yaml:4:27: pairwise[0][2]: must be from 1 to 9 on Saaty's scale, or 1/9 (0.11)"
            " to 1 for the reverse (got 12)"
        ],
    ),
    (
        "a fraction as text",
        "  - [cost_fit, skill_fit, 1/3]\n",
        [
            "bad.yaml:4:27: pairwise[0][2]: must be a number from 1 to 9 (got '1/3'); to say the"
            " second criterion matters more, swap the two and give how many times, e.g. [b, a,"
            " 3] for 1/3"
        ],
    ),
    (
        "two items",
        "  - [cost_fit, skill_fit]\n",
        [
            "bad.yaml:4:5: pairwise[0]: write a judgement as [more_important, less_important,"
            " how_many_times], e.g. [cost_fit, skill_fit, 3]"
        ],
    ),
    (
        "weighed twice",
        "  - [cost_fit, skill_fit, 3]\nweights:\n  skill_fit: 4\n",
        [
            "bad.yaml:6:3: weights.skill_fit: 'skill_fit' has a weight here and is also compared"
            " under 'pairwise' (give one or the other: the judgements set the weights of the"
            " criteria they compare)"
        ],
    ),
    (
        "weights for other criteria",
        "  - [cost_fit, skill_fit, 3]\nweights:\n  goal_fit: 18\n",
        None,  # a control: weights and judgements for different criteria load
    ),
]


@pytest.mark.parametrize(
    ("judgements", "expected"),
    [pytest.param(text, expected, id=case) for case, text, expected in BAD_FILES],
)
def test_bad_judgements_exit_1_with_each_problem_at_its_line(
    write_yaml: WriteYaml, tmp_path: Path, judgements: str, expected: list[str] | None
) -> None:
    path = write_yaml("bad.yaml", "name: bad\nextends: balanced\npairwise:\n" + judgements)
    result = run_cli("score", BAKERY, "--criteria", path)
    if expected is None:
        assert result.exit_code == 0, result
        return
    assert (result.exit_code, result.stdout) == (1, ""), result
    shown = result.stderr.replace(f"{tmp_path}/", "").removeprefix("error: ")
    assert shown.splitlines() == expected, result


def test_compared_criteria_without_weight_are_refused(write_yaml: WriteYaml) -> None:
    base = write_yaml(
        "base.yaml", "name: base\nextends: balanced\nweights: {support: 0, automation: 0}\n"
    )
    child = write_yaml(
        "child.yaml",
        f"name: child\nextends: {base.name}\npairwise:\n  - [support, automation, 3]\n",
    )
    with pytest.raises(DataFileError) as caught:
        load_criteria(child)
    (problem,) = caught.value.problems
    assert problem.message == (
        "the criteria compared have no weight to share (their weights add up to 0)"
    )
    assert problem.location is not None and problem.location.line == 3


# The published schema agrees


def test_the_schema_accepts_judgements_and_rejects_a_bad_one(write_yaml: WriteYaml) -> None:
    schema = json.loads(
        (REPOSITORY / "docs" / "schemas" / "criteria.schema.json").read_text("utf-8")
    )
    validator = Draft7Validator(schema)
    good = parse_yaml(write_yaml("cheap.yaml", CHEAP).read_text("utf-8"), "cheap.yaml")
    assert list(validator.iter_errors(good)) == []
    for bad in ([["cost_fit", "skill_fit", 12]], [["cost_fit", "skill_fit"]]):
        errors = list(validator.iter_errors({**good, "pairwise": bad}))
        assert len(errors) == 1, bad
