"""Robustness: rank acceptability, exact tipping points (checked by re-scoring just short
of and just past them), the stack's tipping points, verdicts and their words."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import numpy as np
import pytest

from platform_advisor.algorithms import MethodName
from platform_advisor.algorithms.acceptability import (
    acceptability,
    tipping_points,
    weight_samples,
    weighted_sum_scores,
)
from platform_advisor.algorithms.methods import advisor_scores
from platform_advisor.algorithms.sampling import RobustnessRequest, Sampling
from platform_advisor.algorithms.stack_tipping import Unsettled
from platform_advisor.api import criteria_file
from platform_advisor.core.advise import advise
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
from platform_advisor.core.report.stack_terms import StackMoney
from platform_advisor.core.scoring.scores import rank, value_matrix
from platform_advisor.core.scoring.weights import effective_weights
from platform_advisor.loading.inputs import Inputs, load_inputs
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.criteria import Criteria, StackTerms
from platform_advisor.models.result import (
    Acceptability,
    FunctionRobustness,
    Robustness,
    ScoredPlatform,
    StackItem,
    Strategy,
    TippingPoint,
    WeightUsed,
)
from tests import factories as f
from tests.conftest import EXAMPLES, run_cli
from tests.core.scoring.test_scores import shop_context

TODAY = date(2026, 11, 23)
NUDGE = 1e-4  # a share this far short of or past a tipping point: the 0.1 % shown, to spare


@pytest.fixture(scope="module")
def bakery() -> Inputs:
    return load_inputs(EXAMPLES / "bakery.yaml", criteria_path=criteria_file("balanced"))


@pytest.fixture(scope="module")
def full(bakery: Inputs) -> Strategy:
    request = RobustnessRequest(Sampling(samples=2_000), stack=True)
    return advise(bakery.profile, bakery.catalog, bakery.criteria, today=TODAY, robustness=request)


def reweighed(
    criteria: Criteria, weights: tuple[WeightUsed, ...], criterion: str, share: float
) -> Criteria:
    """The criteria with one base weight set so its effective share becomes `share`."""
    others = sum(w.weight for w in weights if w.criterion != criterion)
    used = next(w for w in weights if w.criterion == criterion)
    base = share * others / ((1 - share) * used.multiplier)
    changed = tuple(
        c.model_copy(update={"weight": base}) if c.id == criterion else c for c in criteria.criteria
    )
    return criteria.model_copy(update={"criteria": changed})


def rescored(
    inputs: Inputs, weights: tuple[WeightUsed, ...], criterion: str, share: float
) -> Strategy:
    criteria = reweighed(inputs.criteria, weights, criterion, share)
    return advise(inputs.profile, inputs.catalog, criteria, today=TODAY, robustness=None)


def sides(tip: TippingPoint) -> list[tuple[float, float]]:
    """(limit, direction) for each side of a tipping point that has a limit."""
    found = []
    if tip.rises_above is not None:
        found.append((tip.rises_above, 1.0))
    if tip.falls_below is not None:
        found.append((tip.falls_below, -1.0))
    return found


# Tipping points through the whole pipeline -----------------------------------------


def test_each_function_tipping_point_changes_the_winner_just_past_it_and_not_before(
    bakery: Inputs, full: Strategy
) -> None:
    assert full.robustness is not None
    checked = 0
    for function in full.robustness.functions:
        for tip in function.tipping[:2]:
            for limit, direction in sides(tip):
                short = rescored(bakery, full.weights, tip.criterion, limit - direction * NUDGE)
                past = rescored(bakery, full.weights, tip.criterion, limit + direction * NUDGE)
                assert short.rankings[function.function][0].platform == function.winner
                assert past.rankings[function.function][0].platform != function.winner
                checked += 1
    assert checked >= 6


def test_the_stack_tipping_point_changes_the_stack_just_past_it_and_not_before(
    bakery: Inputs, full: Strategy
) -> None:
    assert full.robustness is not None and full.robustness.stack is not None
    chosen = [(i.function, i.platform) for i in full.stack]
    checked = 0
    for tip in full.robustness.stack.tipping[:3]:
        for limit, direction in sides(tip):
            short = rescored(bakery, full.weights, tip.criterion, limit - direction * NUDGE)
            past = rescored(bakery, full.weights, tip.criterion, limit + direction * NUDGE)
            assert [(i.function, i.platform) for i in short.stack] == chosen
            assert [(i.function, i.platform) for i in past.stack] != chosen
            checked += 1
    assert checked >= 3


def test_a_criterion_with_no_tipping_point_never_changes_the_winner(
    bakery: Inputs, full: Strategy
) -> None:
    assert full.robustness is not None
    function = full.robustness.functions[0]
    steady = [t for t in function.tipping if t.rises_above is None]
    assert steady, "expected a criterion whose rise changes nothing"
    for tip in steady[:2]:
        for share in (tip.share + (1 - tip.share) * part for part in (0.25, 0.5, 0.9)):
            again = rescored(bakery, full.weights, tip.criterion, share)
            assert again.rankings[function.function][0].platform == function.winner


# Tipping points against brute force ----------------------------------------------------


def winner_at(values: np.ndarray, shares: np.ndarray, k: int, x: float) -> int:
    others = shares.copy()
    others[k] = 0.0
    weights = others * (1 - x) / (1 - shares[k])
    weights[k] = x
    return int(np.argmax(weighted_sum_scores(values, weights[None, :])[0]))


@pytest.mark.parametrize("seed", range(40))
def test_tipping_points_match_a_fine_scan(seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows, columns = int(rng.integers(2, 7)), int(rng.integers(2, 6))
    values = rng.random((rows, columns))
    values[rng.random((rows, columns)) < 0.1] = np.nan
    shares = rng.random(columns) + 0.05
    shares /= shares.sum()
    k = int(rng.integers(columns))
    below, above = tipping_points(values, list(shares), k)
    start = winner_at(values, shares, k, shares[k])
    for tip, end in ((above, 1.0 - 1e-6), (below, 1e-6)):
        grid = np.linspace(shares[k], end, 4001)[1:]
        changed = [x for x in grid if winner_at(values, shares, k, x) != start]
        step = abs(end - shares[k]) / 4000
        if tip is None:
            assert not changed
        else:
            assert changed, "a tipping point the scan cannot see"
            assert abs(changed[0] - tip.share) <= step + 1e-9
            assert (
                winner_at(values, shares, k, changed[0]) == tip.winner
                or len({winner_at(values, shares, k, x) for x in changed[:2]}) > 1
            )


def test_a_criterion_that_applies_to_no_candidate_has_no_tipping_point() -> None:
    values = np.array([[0.9, np.nan], [0.2, np.nan]])
    assert tipping_points(values, [0.5, 0.5], 1) == (None, None)


def test_two_candidates_swap_exactly_where_their_lines_cross() -> None:
    # Scores 100(0.8(1-x) + 0.2x) and 100(0.5(1-x) + 0.9x) meet at x = 0.3 / 1.0.
    values = np.array([[0.8, 0.2], [0.5, 0.9]])
    below, above = tipping_points(values, [0.9, 0.1], 1)
    assert below is None
    assert above is not None and above.winner == 1
    assert above.share == pytest.approx(0.3, abs=1e-12)


# Acceptability -------------------------------------------------------------------------


def test_acceptability_shares_sum_to_one_and_three() -> None:
    rng = np.random.default_rng(7)
    values = rng.random((8, 5))
    samples = weight_samples([0.2] * 5, Sampling(samples=3_000))
    accepted = acceptability(values, samples)
    assert accepted.first.sum() == pytest.approx(1.0)
    assert accepted.top_three.sum() == pytest.approx(3.0)
    assert np.all(accepted.first <= accepted.top_three)


def test_a_candidate_better_on_every_criterion_always_wins() -> None:
    values = np.array([[0.3, 0.4, 0.2], [0.9, 0.8, 0.7], [0.5, 0.5, 0.5]])
    samples = weight_samples([1 / 3] * 3, Sampling(samples=500, uniform=True))
    accepted = acceptability(values, samples)
    assert accepted.first.tolist() == [0.0, 1.0, 0.0]


def test_ties_in_a_sample_go_to_the_first_row_as_in_the_rankings() -> None:
    values = np.array([[0.5, 0.5], [0.5, 0.5], [0.1, 0.1], [0.0, 0.0]])
    accepted = acceptability(values, weight_samples([0.5, 0.5], Sampling(samples=200)))
    assert accepted.first.tolist() == [1.0, 0.0, 0.0, 0.0]
    assert accepted.top_three.tolist() == [1.0, 1.0, 1.0, 0.0]


def test_sampling_is_reproducible_and_keeps_zero_weights_at_zero() -> None:
    first = weight_samples([0.5, 0.3, 0.0, 0.2], Sampling(samples=100, seed=3))
    again = weight_samples([0.5, 0.3, 0.0, 0.2], Sampling(samples=100, seed=3))
    other = weight_samples([0.5, 0.3, 0.0, 0.2], Sampling(samples=100, seed=4))
    assert np.array_equal(first, again) and not np.array_equal(first, other)
    assert np.allclose(first.sum(axis=1), 1.0) and np.all(first[:, 2] == 0)


def test_uniform_sampling_covers_every_criterion() -> None:
    drawn = weight_samples([1.0, 0.0, 0.0], Sampling(samples=2_000, uniform=True))
    assert np.allclose(drawn.sum(axis=1), 1.0)
    assert drawn.mean(axis=0) == pytest.approx([1 / 3] * 3, abs=0.03)


# Verdicts and words ---------------------------------------------------------------------


def test_verdicts_follow_the_documented_thresholds(full: Strategy) -> None:
    assert full.robustness is not None
    for function in full.robustness.functions:
        first = next(a.first for a in function.acceptability if a.platform == function.winner)
        nearest = function.tipping[0].nearest
        if function.margin is not None and function.margin < CLOSE_CALL_POINTS:
            assert function.verdict == "close call"
        elif first >= 0.75 and (nearest is None or nearest >= 5.0):
            assert function.verdict == "robust"
        else:
            assert function.verdict == "fragile"
        assert function.winner_name in function.statement
        nearest_tip = function.tipping[0]
        if nearest_tip.nearest is None:
            assert function.nearest_change == "none"
        else:
            assert function.nearest_change.startswith(nearest_tip.label)
            assert "it stops winning if the weight on " + nearest_tip.label in function.statement


def test_every_example_report_carries_the_robustness_statements() -> None:
    for profile in sorted(EXAMPLES.glob("*.yaml")):
        markdown = run_cli("score", profile, "--format", "markdown", "--as-of", "2026-11-23")
        assert markdown.exit_code == 0, markdown
        assert "## How robust is this advice" in markdown.stdout
        assert "wins in" in markdown.stdout and "**How sure:**" in markdown.stdout
        terminal = run_cli("score", profile, "--as-of", "2026-11-23").stdout
        assert "wins:" in terminal or "Close calls:" in terminal


def test_robustness_can_be_turned_off_and_sampled_uniformly() -> None:
    bakery = EXAMPLES / "bakery.yaml"
    off = json.loads(run_cli("score", bakery, "-f", "json", "--robustness", "off").stdout)
    assert off["robustness"] is None
    uniform = run_cli("score", bakery, "-f", "json", "--uniform-weights", "--samples", "500")
    robustness = json.loads(uniform.stdout)["robustness"]
    assert robustness["samples"] == 500 and robustness["sampling"].startswith("uniform")
    assert robustness["stack"] is None


def test_a_bad_sample_count_is_refused() -> None:
    result = run_cli("score", EXAMPLES / "bakery.yaml", "--samples", "5")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--samples" in result.stderr


# Other methods -------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["weighted_product", "topsis"])
def test_scanned_tipping_points_hold_when_re_scored_with_the_method(
    bakery: Inputs, method: MethodName
) -> None:
    request = RobustnessRequest(Sampling(samples=500))
    strategy = advise(
        bakery.profile,
        bakery.catalog,
        bakery.criteria,
        today=TODAY,
        method=method,
        robustness=request,
    )
    assert strategy.method == method and strategy.robustness is not None
    assert strategy.robustness.tipping_method.startswith("scanned")
    checked = 0
    tips = [(f, t) for f in strategy.robustness.functions for t in f.tipping[:3]]
    for function, tip in tips:
        for limit, direction in sides(tip):
            for offset, same in ((-NUDGE, True), (NUDGE, False)):
                criteria = reweighed(
                    bakery.criteria, strategy.weights, tip.criterion, limit + direction * offset
                )
                again = advise(
                    bakery.profile,
                    bakery.catalog,
                    criteria,
                    today=TODAY,
                    method=method,
                    robustness=None,
                )
                winner = again.rankings[function.function][0].platform
                assert (winner == function.winner) is same
            checked += 1
    assert checked >= 3


def test_the_stack_tipping_points_are_left_out_for_other_methods(bakery: Inputs) -> None:
    request = RobustnessRequest(Sampling(samples=300), stack=True)
    strategy = advise(
        bakery.profile,
        bakery.catalog,
        bakery.criteria,
        today=TODAY,
        method="topsis",
        robustness=request,
    )
    assert strategy.robustness is not None and strategy.robustness.stack is None
    markdown = run_cli("score", EXAMPLES / "bakery.yaml", "-f", "markdown", "-m", "topsis")
    assert "method: topsis" in markdown.stdout


# --- Each function's verdict exactly at its documented thresholds: a margin of 2 points is

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
        owner = f.profile()
        money = StackMoney(f.money(catalog, owner))
        options["problem"] = stack_problem(rankings, catalog, owner, StackTerms(), money)
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
        function(
            "Email",
            "close call",
            margin=0.5,
            stack_pick="gamma",
            stack_pick_name="Gamma",
            stack_pick_reason="as it fills other needed functions too",
        ),
        function("POS", "fragile"),
        function("Shop", "fragile", acceptability=(share("alpha", 0.6),)),
    ]
    assert _statements(functions) == (
        "Close calls: CRM (Alpha leads Beta by 1.0 points); Email (Alpha leads Beta by 0.5 "
        "points; the stack takes Gamma as it fills other needed functions too).",
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


# --- Scores under another method and the words of the stack's robustness: each score is

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("method", ["weighted_product", "topsis"])
def test_another_method_gives_each_platform_its_own_score_rounded_as_shown(
    method: MethodName,
) -> None:
    platforms = [
        f.platform(id="alpha", name="Alpha", functions=["ecommerce"], ratings={"reach": 5}),
        f.platform(id="beta", name="Beta", functions=["ecommerce"], ratings={"reach": 1}),
        f.platform(
            id="gamma",
            name="Gamma",
            functions=["ecommerce"],
            tiers=[{"name": "Pro", "monthly_usd": 300}],
        ),
    ]
    context = shop_context(*platforms)
    weights = effective_weights(context.criteria, context.profile)
    ranked = rank(platforms, weights, context, method)
    expected = advisor_scores(
        method,
        np.array(value_matrix(ranked, weights)),
        np.array([w.weight for w in weights]),
    )
    assert [s.score_exact for s in ranked] == pytest.approx(expected.tolist())
    assert [s.score for s in ranked] == [round(s.score_exact, 1) for s in ranked]
    assert len({s.score for s in ranked}) > 1


def clauses(words: str) -> list[str]:
    """'A would replace B for x and C would replace D for y and z' in its clauses (a
    function's label may hold an 'and' of its own)."""
    found: list[str] = []
    for piece in filter(None, words.split(" and ")):
        if " would replace " in piece or not found:
            found.append(piece)
        else:
            found[-1] += " and " + piece
    return found


@pytest.fixture
def bakery_advice() -> tuple[Inputs, Strategy]:
    """Computed for each test, not once per module: mutmut runs, for each mutant, only the
    tests that called the mutated code, and work done in a shared fixture counts for the
    first test that asked for it alone."""
    inputs = load_inputs(EXAMPLES / "bakery.yaml", criteria_path=criteria_file("balanced"))
    request = RobustnessRequest(Sampling(samples=500), stack=True)
    strategy = advise(
        inputs.profile, inputs.catalog, inputs.criteria, today=TODAY, robustness=request
    )
    return inputs, strategy


def test_each_change_of_stack_names_the_platforms_and_the_function_in_lower_case(
    bakery_advice: tuple[Inputs, Strategy],
) -> None:
    inputs, strategy = bakery_advice
    assert strategy.robustness is not None and strategy.robustness.stack is not None
    chosen = {item.function: item.platform for item in strategy.stack}
    names = {p.name: p.id for p in inputs.catalog.platforms.values()}
    labels = {fd.label.lower(): fd.id for fd in inputs.catalog.functions.values()}
    clause = re.compile(r"(.+) would replace (.+) for ([^A-Z]+)")
    sides = 0
    for tip in strategy.robustness.stack.tipping:
        for limit, words in ((tip.falls_below, tip.then_below), (tip.rises_above, tip.then_above)):
            assert (limit is None) == (words == "")
            for part in clauses(words):
                match = clause.fullmatch(part)
                assert match is not None, part
                function = labels[match[3]]
                assert chosen[function] == names[match[2]] != names[match[1]]
            sides += limit is not None
    below = [t for t in strategy.robustness.stack.tipping if t.falls_below is not None]
    above = [t for t in strategy.robustness.stack.tipping if t.rises_above is not None]
    assert all(t.falls_below < t.share for t in below)  # type: ignore[operator]
    assert all(t.rises_above > t.share for t in above)  # type: ignore[operator]
    assert below and above and sides == len(below) + len(above)


def test_the_stack_summary_names_the_nearest_change(bakery_advice: tuple[Inputs, Strategy]) -> None:
    _, strategy = bakery_advice
    assert strategy.robustness is not None and strategy.robustness.stack is not None
    nearest = strategy.robustness.stack.tipping[0]
    assert nearest.nearest is not None
    assert strategy.robustness.stack.statement.startswith(
        f"The recommended stack holds until one weight moves {nearest.nearest:.1f} points: "
        f"if the weight on {nearest.label} "
    )


def test_each_acceptability_table_names_the_candidates_that_ever_reach_the_top_three(
    bakery_advice: tuple[Inputs, Strategy],
) -> None:
    inputs, strategy = bakery_advice
    assert strategy.robustness is not None
    for function in strategy.robustness.functions:
        rows = function.acceptability
        assert 0 < len(rows) <= 5
        assert all(row.top_three > 0 for row in rows)
        assert [row.name for row in rows] == [
            inputs.catalog.platforms[row.platform].name for row in rows
        ]
        assert sum(row.first for row in rows) <= 1.0 + 1e-9


def test_each_function_verdict_rests_on_the_rankings_margin_and_both_sides(
    bakery_advice: tuple[Inputs, Strategy],
) -> None:
    _, strategy = bakery_advice
    assert strategy.robustness is not None
    below = 0
    for function in strategy.robustness.functions:
        ranked = strategy.rankings[function.function]
        assert (function.winner, function.runner_up) == (ranked[0].platform, ranked[1].platform)
        assert function.runner_up_name == ranked[1].name
        assert function.margin == round(ranked[0].score_exact - ranked[1].score_exact, 2)
        close = function.margin < 2.0
        assert (function.verdict == "close call") == close
        assert (" is a close second, " in function.statement) == close
        for tip in function.tipping:
            assert tip.falls_below is None or tip.falls_below < tip.share
            assert tip.rises_above is None or tip.rises_above > tip.share
            below += tip.falls_below is not None
    assert below > 0


def test_no_stack_tipping_point_is_a_rounding_leftover(full: Strategy) -> None:
    """With all the weight on one criterion, platforms rated alike on it tie; the few
    millionths of a point the rounded lines carry must not part them. Each tipping point
    left is real: moving the weight there does change the stack."""
    assert full.robustness is not None and full.robustness.stack is not None
    for point in full.robustness.stack.tipping:
        assert point.rises_above is None or point.rises_above < 0.999
        assert point.falls_below is None or point.falls_below > 0.001
