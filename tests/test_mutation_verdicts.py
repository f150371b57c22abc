"""Each function's verdict exactly at its documented thresholds: a margin of 2 points is
no longer a close call, a win in 75 % of the samples is robust, a tipping point 5
percentage points away does not make it fragile; and the words built on the verdict.

Written from the survivors of mutation testing (docs/mutation-testing.md)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from platform_advisor.algorithms.sampling import Sampling
from platform_advisor.algorithms.stack_tipping import Unsettled
from platform_advisor.core.report import robustness as robust_advice
from platform_advisor.core.report.robustness import (
    CLOSE_CALL_POINTS,
    ROBUST_SHARE,
    SENSITIVE_POINTS,
    _acceptability_table,
    _function_statement,
    _nearest_first,
    _point,
    _short_change,
    _stack_statement,
    _statements,
    _tip_words,
    _verdict,
    points,
    robustness,
)
from platform_advisor.core.report.stack import stack_problem
from platform_advisor.core.scoring.scores import rank
from platform_advisor.core.scoring.weights import effective_weights
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.criteria import Criteria, StackTerms
from platform_advisor.models.result import (
    Acceptability,
    FunctionRobustness,
    Robustness,
    ScoredPlatform,
    StackItem,
    TippingPoint,
    WeightUsed,
)
from tests import factories as f

JUST = 1e-9


def tip(nearest: float | None, share: float = 0.2) -> TippingPoint:
    """A tipping point `nearest` percentage points below the current share (none if None)."""
    below = None if nearest is None else share - nearest / 100
    return TippingPoint.model_construct(
        criterion="budget_fit",
        label="Budget fit",
        share=share,
        falls_below=below,
        then_below="" if below is None else "Beta would lead",
        rises_above=None,
        then_above="",
        nearest=nearest,
    )


def test_the_thresholds_are_the_documented_ones() -> None:
    assert (CLOSE_CALL_POINTS, ROBUST_SHARE, SENSITIVE_POINTS) == (2.0, 0.75, 5.0)


def test_a_winner_without_a_runner_up_is_unopposed() -> None:
    assert _verdict(None, 0.0, [tip(0.1)]) == "unopposed"


@pytest.mark.parametrize(
    ("margin", "verdict"),
    [(0.0, "close call"), (2.0 - JUST, "close call"), (2.0, "robust"), (2.0 + JUST, "robust")],
)
def test_a_margin_under_two_points_is_a_close_call(margin: float, verdict: str) -> None:
    assert _verdict(margin, 1.0, [tip(None)]) == verdict


def test_a_close_call_outranks_a_fragile_or_robust_win() -> None:
    assert _verdict(1.0, 1.0, []) == "close call"
    assert _verdict(1.0, 0.1, [tip(0.1)]) == "close call"


@pytest.mark.parametrize(
    ("first", "verdict"),
    [(0.75 - JUST, "fragile"), (0.75, "robust"), (0.75 + JUST, "robust"), (1.0, "robust")],
)
def test_a_robust_win_is_first_in_three_samples_in_four(first: float, verdict: str) -> None:
    assert _verdict(10.0, first, [tip(None)]) == verdict


@pytest.mark.parametrize(
    ("nearest", "verdict"),
    [(0.0, "fragile"), (5.0 - JUST, "fragile"), (5.0, "robust"), (5.0 + JUST, "robust")],
)
def test_a_weight_moving_less_than_five_points_makes_a_win_fragile(
    nearest: float, verdict: str
) -> None:
    assert _verdict(10.0, 0.9, [tip(nearest), tip(1.0)]) == verdict


def test_only_the_first_tipping_point_counts_as_it_is_the_nearest() -> None:
    # The tipping points arrive nearest first; the verdict reads the first alone.
    assert _verdict(10.0, 0.9, [tip(None), tip(0.5)]) == "robust"
    assert _verdict(10.0, 0.9, [tip(6.0), tip(0.5)]) == "robust"


def test_a_win_no_weight_can_change_is_robust_when_first_often_enough() -> None:
    assert _verdict(10.0, 0.9, []) == "robust"
    assert _verdict(10.0, 0.9, [tip(None)]) == "robust"
    assert _verdict(10.0, 0.5, []) == "fragile"


def weight(share: float) -> WeightUsed:
    return f.weight_used("budget_fit", share, label="Budget fit", evaluator="budget_fit")


def test_a_tipping_point_measures_its_nearer_side_in_rounded_percentage_points() -> None:
    point = _point(weight(0.3), 0.3, (0.2512345678, "Beta would lead"), (0.33, "Gamma would"))
    assert point.nearest == 3.0
    assert (point.falls_below, point.rises_above) == (0.251235, 0.33)
    below_only = _point(weight(0.3), 0.3, (0.2812345, "Beta would lead"), (None, ""))
    assert below_only.nearest == round(100 * (0.3 - 0.2812345), 2) == 1.88
    assert (below_only.rises_above, below_only.then_above) == (None, "")
    neither = _point(weight(0.3), 0.3, (None, ""), (None, ""))
    assert neither.nearest is None


def test_the_short_change_names_the_nearer_side_and_an_equal_distance_goes_up() -> None:
    both = tip(25.0, share=0.5)  # 0.25, 0.5 and 0.75 are exact in binary
    up = TippingPoint.model_construct(**{**both.__dict__, "rises_above": 0.75})
    assert _short_change([up]) == "Budget fit above 75%"
    assert _short_change([both]) == "Budget fit below 25%"
    farther_up = TippingPoint.model_construct(**{**both.__dict__, "rises_above": 0.7501})
    assert _short_change([farther_up]) == "Budget fit below 25%"
    assert _short_change([tip(None)]) == "none"
    assert _short_change([]) == "none"


# A whole robustness section, small enough to work out by hand ---------------------------
#
# Two criteria of equal weight. For CRM, Alpha (ease 1.0, reach 0.2) scores 60 and Beta
# (ease 0.2, reach 0.8) 50; along the share x of ease they score 20 + 80x and 80 - 60x,
# which cross at x = 3/7. For point of sale Solo is the only candidate.


def two_criteria() -> Criteria:
    return f.criteria(
        criteria=[
            {
                "id": "ease",
                "label": "Ease",
                "evaluator": "rating",
                "rating": "ease_of_use",
                "weight": 1,
            },
            {
                "id": "reach",
                "label": "Reach",
                "evaluator": "rating",
                "rating": "reach",
                "weight": 1,
            },
        ]
    )


def section(**options: Any) -> tuple[Robustness, Catalog]:
    alpha = f.platform(id="alpha", name="Alpha", ratings={"ease_of_use": 5, "reach": 1})
    beta = f.platform(id="beta", name="Beta", ratings={"ease_of_use": 1, "reach": 4})
    solo = f.platform(id="solo", name="Solo", functions=["pos"])
    catalog = f.catalog(alpha, beta, solo)
    rankings = {}
    for function, platforms in (("crm", [beta, alpha]), ("pos", [solo])):
        context = f.context(
            *platforms, criteria_=two_criteria(), function_=catalog.functions[function]
        )
        weights = effective_weights(context.criteria, context.profile)
        rankings[function] = rank(platforms, weights, context)
    stack = [
        StackItem(function=function, platform=ranked[0].platform, name=ranked[0].name, score=1.0)
        for function, ranked in rankings.items()
    ]
    if options.pop("with_stack", False):
        options["problem"] = stack_problem(rankings, catalog, f.profile(), StackTerms())
    result = robustness(rankings, weights, catalog, Sampling(samples=500), stack, **options)
    return result, catalog


def test_a_function_with_one_candidate_is_unopposed_and_said_to_be_alone() -> None:
    result, _ = section()
    solo = result.functions[1]
    assert (solo.winner, solo.runner_up, solo.runner_up_name, solo.margin) == (
        "solo",
        None,
        None,
        None,
    )
    assert solo.verdict == "unopposed"
    assert solo.statement == "Solo is the only candidate left."
    assert result.statements[-1] == "Robust wins: Pos (Solo)."


def test_two_candidates_tip_exactly_where_their_scores_cross() -> None:
    result, _ = section()
    assert result.tipping_method == "exact"
    crm = result.functions[0]
    assert (crm.winner, crm.runner_up, crm.runner_up_name, crm.margin) == (
        "alpha",
        "beta",
        "Beta",
        10.0,
    )
    ease = next(t for t in crm.tipping if t.criterion == "ease")
    assert (ease.falls_below, ease.then_below, ease.rises_above) == (
        round(3 / 7, 6),
        "Beta would lead",
        None,
    )
    assert ease.nearest == round(100 * (0.5 - 3 / 7), 2) == 7.14
    # First in 73.6 % of the 500 weightings drawn: under three in four, so fragile.
    assert [(a.platform, a.first, a.top_three) for a in crm.acceptability] == [
        ("alpha", 0.736, 1.0),
        ("beta", 0.264, 1.0),
    ]
    assert crm.verdict == "fragile"
    assert result.statements == (
        "Fragile wins: Crm (Alpha, first in 74% of weightings; it changes if the weight on "
        "Ease falls below 43% (now 50%), Beta would lead).",
        "Robust wins: Pos (Solo).",
    )
    assert crm.statement.startswith("Alpha wins in ")
    assert crm.statement.endswith(
        "; it stops winning if the weight on Ease falls below 43% (now 50%), Beta would lead. "
        "Beta is second, 10.0 points behind."
    )


# The words, one function at a time --------------------------------------------------------


def scored(name: str) -> ScoredPlatform:
    fields: dict[str, Any] = {"platform": name.lower(), "name": name}
    return ScoredPlatform.model_construct(**fields)


def test_a_win_no_single_weight_can_change_says_so() -> None:
    words = _function_statement("Alpha", scored("Beta"), 3.0, 0.9, [tip(None)])
    assert words == (
        "Alpha wins in 90% of the weightings sampled; no change of a single weight changes "
        "that. Beta is second, 3.0 points behind."
    )
    assert _function_statement("Alpha", scored("Beta"), 3.0, 0.9, []) == words


def test_a_lead_of_exactly_two_points_is_second_not_a_close_second() -> None:
    assert " Beta is second, 2.0 points behind." in _function_statement(
        "Alpha", scored("Beta"), 2.0, 0.9, []
    )
    assert " Beta is a close second, 2.0 points behind." in _function_statement(
        "Alpha", scored("Beta"), 2.0 - JUST, 0.9, []
    )


def function(label: str, verdict: str, **fields: Any) -> FunctionRobustness:
    data: dict[str, Any] = {
        "function": label.lower(),
        "label": label,
        "winner": "alpha",
        "winner_name": "Alpha",
        "stack_pick": "alpha",
        "stack_pick_name": "Alpha",
        "runner_up": "beta",
        "runner_up_name": "Beta",
        "margin": 1.0,
        "verdict": verdict,
        "acceptability": (),
        "tipping": (),
        "nearest_change": "none",
        "statement": "",
    }
    data.update(fields)
    return FunctionRobustness.model_construct(**data)


def test_close_calls_and_fragile_wins_are_listed_together_one_sentence_each() -> None:
    functions = [
        function("CRM", "close call"),
        function("Email", "close call", margin=0.5, stack_pick="gamma", stack_pick_name="Gamma"),
        function("POS", "fragile"),
        function("Shop", "fragile", acceptability=(share("alpha", 0.6),)),
    ]
    assert _statements(functions) == (
        "Close calls: CRM (Alpha leads Beta by 1.0 points); Email (Alpha leads Beta by 0.5 "
        "points; the stack takes Gamma for its links).",
        "Fragile wins: POS (Alpha, first in 0% of weightings); Shop (Alpha, first in 60% of "
        "weightings).",
    )


def share(platform: str, first: float) -> Acceptability:
    return Acceptability.model_construct(
        platform=platform, name=platform.capitalize(), first=first, top_three=1.0
    )


def test_a_fragile_win_names_its_nearest_tipping_point_when_there_is_one() -> None:
    near = function("POS", "fragile", tipping=(tip(2.0, share=0.5),))
    far = function("POS", "fragile", tipping=(tip(None),))
    assert _statements([near]) == (
        "Fragile wins: POS (Alpha, first in 0% of weightings; it changes if the weight on "
        "Budget fit falls below 48% (now 50%), Beta would lead).",
    )
    assert _statements([far]) == ("Fragile wins: POS (Alpha, first in 0% of weightings).",)


def test_the_stack_summary_without_a_tipping_point_says_no_weight_changes_it() -> None:
    words = "No change of a single weight changes the recommended stack."
    assert _stack_statement([]) == words
    assert _stack_statement([tip(None)]) == words
    assert _stack_statement([tip(2.0, share=0.5)]) == (
        "The recommended stack holds until one weight moves 2.0 points: if the weight on "
        "Budget fit falls below 48% (now 50%), Beta would lead."
    )


def test_a_tipping_point_with_neither_side_has_no_words() -> None:
    assert _tip_words(tip(None)) == ""


def test_tipping_points_come_nearest_first_a_change_at_once_before_all() -> None:
    ordered = _nearest_first([tip(None), tip(0.5), tip(0.0), tip(3.0)])
    assert [t.nearest for t in ordered] == [0.0, 0.5, 3.0, None]


def test_the_acceptability_table_keeps_four_places_and_the_five_likeliest() -> None:
    ranked = [scored(name) for name in ("A", "B", "C", "D", "E", "F", "G")]
    first = np.array([0.0, 1 / 3, 1 / 3, 1 / 6, 1 / 6, 0.0, 0.0])
    top_three = np.array([0.5, 1.0, 1.0, 1 / 3, 1 / 6, 0.0, 0.2])
    table = _acceptability_table(ranked, first, top_three)
    assert [(a.platform, a.first, a.top_three) for a in table] == [
        ("b", 0.3333, 1.0),
        ("c", 0.3333, 1.0),
        ("d", 0.1667, 0.3333),
        ("e", 0.1667, 0.1667),
        ("a", 0.0, 0.5),
    ]


def test_a_criterion_whose_stack_search_ran_out_is_listed_once_as_unsettled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result, _ = section(with_stack=True)
    assert result.stack is not None and result.stack.unsettled == ()
    tipping = {t.criterion: t for t in result.stack.tipping}
    assert tipping["ease"].falls_below == round(3 / 7, 6)
    monkeypatch.setattr(robust_advice, "stack_tip", lambda *_args: Unsettled(0.4))
    result, _ = section(with_stack=True)
    assert result.stack is not None
    assert result.stack.unsettled == ("ease", "reach")
    assert all(t.falls_below is None and t.rises_above is None for t in result.stack.tipping)
    assert result.stack.statement == "No change of a single weight changes the recommended stack."


def test_under_another_method_the_samples_are_ranked_by_that_method() -> None:
    result, _ = section(method="topsis")
    assert result.tipping_method == "scanned at 1,000 steps a side"
    assert result.stack is None
    crm = result.functions[0]
    # TOPSIS ranks Beta first in more of the same 500 weightings than the weighted sum.
    assert [(a.platform, a.first) for a in crm.acceptability] == [
        ("alpha", 0.554),
        ("beta", 0.446),
    ]


@pytest.mark.parametrize(
    ("margin", "words"),
    [
        (1.26, "1.3 points"),
        (0.05, "0.1 points"),
        (0.049, "under 0.1 points"),
        (0.0, "under 0.1 points"),
    ],
)
def test_a_lead_that_rounds_to_nothing_is_not_called_zero_points(margin: float, words: str) -> None:
    assert points(margin) == words
