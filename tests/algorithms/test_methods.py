"""Scoring methods: published worked examples, invariants, edge cases, the advisor's own scores."""

from __future__ import annotations

import math
import re
import warnings
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from platform_advisor.algorithms import METHODS, MethodName
from platform_advisor.algorithms.methods import (
    NORMALISATIONS,
    PRODUCT_FLOOR,
    Normalisation,
    advisor_scores,
    decision_scores,
    method_scores,
    normalise,
    rank_order,
)
from platform_advisor.api import advise_files
from platform_advisor.models.result import ScoredPlatform, Strategy
from tests.conftest import EXAMPLES

if TYPE_CHECKING:
    from numpy.typing import NDArray

# Any warning (a division by zero, a log of zero, an all-NaN slice) fails the test.
pytestmark = pytest.mark.filterwarnings("error")

NAN = math.nan
TODAY = date(2026, 11, 23)
PROFILES = sorted(EXAMPLES.glob("*.yaml"))


def scores_of(method: MethodName, rows: list[list[float]], weights: list[float]) -> list[float]:
    values = method_scores(method, np.array(rows, dtype=float), np.array(weights, dtype=float))
    return [float(v) for v in values]


# Published worked examples ------------------------------------------------------------


def test_topsis_reproduces_tzeng_and_huang_2011() -> None:
    """Tzeng, G.-H. & Huang, J.-J. (2011). *Multiple Attribute Decision Making: Methods
    and Applications*. CRC Press: the TOPSIS numerical example (four alternatives, three
    benefit criteria, weights 0.3, 0.4, 0.3, vector normalisation), relative closeness
    printed to four decimals: 0.5037, 0.6581, 0.7482, 0.3340 (ranks 3, 2, 1, 4). The same
    figures are in scikit-criteria's test suite (tests/agg/test_topsis.py)."""
    matrix = np.array([[5, 8, 4], [7, 6, 8], [8, 8, 6], [7, 4, 6]], dtype=float)
    scores = decision_scores("topsis", matrix, np.array([0.3, 0.4, 0.3]), np.ones(3, bool))
    assert [round(s / 100, 4) for s in scores] == [0.5037, 0.6581, 0.7482, 0.3340]
    assert rank_order(scores).tolist() == [2, 1, 0, 3]


def test_topsis_reproduces_roszkowska_2011_with_a_cost_criterion() -> None:
    """Roszkowska, E. (2011). Multi-criteria decision making models by applying the TOPSIS
    method to crisp and interval data. *Multiple Criteria Decision Making* (University of
    Economics in Katowice) 6, 200-230: Example 1, the first decision maker. Five offers,
    four criteria of which C2 is a cost, weights 0.175, 0.425, 0.175, 0.225; relative
    closeness 0.535497, 0.434945, 0.557491, 0.516961, 0.370633 (ranking A3, A1, A4, A2,
    A5), as transcribed to six decimals in the gscoppino/topsis test suite. Classical
    TOPSIS takes the minimum of a cost column as its ideal; here the cost is inverted by
    the vector normalisation (1 − r), which leaves every distance the same."""
    matrix = np.array(
        [[7, 21, 4, 7], [7, 24, 6, 4], [14, 25, 3, 8], [14, 26, 9, 3], [21, 35, 4, 4]],
        dtype=float,
    )
    weights = np.array([0.175, 0.425, 0.175, 0.225])
    benefit = np.array([True, False, True, True])
    scores = decision_scores("topsis", matrix, weights, benefit) / 100
    published = [0.535497, 0.434945, 0.557491, 0.516961, 0.370633]
    assert scores.tolist() == pytest.approx(published, abs=5e-7)
    assert rank_order(scores).tolist() == [2, 0, 3, 1, 4]


# Chakraborty, S., Zavadskas, E. K. & Antucheviciene, J. (2015). Applications of WASPAS
# method as a multi-criteria decision-making tool. *Economic Computation and Economic
# Cybernetics Studies and Research* 49(1), 5-22, Example 2: ten alternatives, three cost
# criteria and one benefit, weights 0.467, 0.160, 0.095, 0.278, linear normalisation
# (x / max for the benefit, min / x for the costs). WASPAS with λ = 0 is the weighted
# product, with λ = 1 the weighted sum; their scores are printed to four decimals (as
# transcribed in scikit-criteria's tests/agg/test_simple.py). Ranks 6, 10, 8, 1, 5, 9, 7,
# 3, 2, 4 under both.
WASPAS_MATRIX = [
    [581818, 54.49, 3, 5500],
    [595454, 49.73, 3, 4500],
    [586060, 51.24, 3, 5000],
    [522727, 45.71, 3, 5800],
    [561818, 52.66, 3, 5200],
    [543030, 74.46, 4, 5600],
    [522727, 75.42, 4, 5800],
    [486970, 62.62, 4, 5600],
    [509394, 65.87, 4, 6400],
    [513333, 70.67, 4, 6000],
]
WASPAS_WEIGHTS = [0.467, 0.160, 0.095, 0.278]
WASPAS_BENEFIT = [False, False, False, True]
WASPAS_BEST_FIRST = [3, 8, 7, 9, 4, 0, 6, 2, 5, 1]


def waspas_scores(method: MethodName) -> NDArray[np.float64]:
    matrix = np.array(WASPAS_MATRIX, dtype=float)
    weights, benefit = np.array(WASPAS_WEIGHTS), np.array(WASPAS_BENEFIT)
    return decision_scores(method, matrix, weights, benefit, "linear-max") / 100


def test_weighted_product_reproduces_chakraborty_et_al_2015() -> None:
    scores = waspas_scores("weighted_product")
    published = [0.8578, 0.8144, 0.8408, 0.9413, 0.8632, 0.8241, 0.8454, 0.8915, 0.8987, 0.8697]
    assert [round(s, 4) for s in scores] == published
    assert rank_order(scores).tolist() == WASPAS_BEST_FIRST


def test_weighted_sum_reproduces_chakraborty_et_al_2015() -> None:
    """Printed 0.8194 for A2, where the exact figure is 0.819454: the paper rounded its
    normalised matrix before summing, so this one is checked to within 1e-4."""
    scores = waspas_scores("weighted_sum")
    published = [0.8590, 0.8194, 0.8430, 0.9420, 0.8645, 0.8315, 0.8552, 0.8983, 0.9067, 0.8784]
    assert scores.tolist() == pytest.approx(published, abs=1e-4)
    assert [round(s, 4) for s in scores] == [*published[:1], 0.8195, *published[2:]]
    assert rank_order(scores).tolist() == WASPAS_BEST_FIRST


# Exact values on small matrices -------------------------------------------------------


def test_weighted_sum_shares_out_the_weight_of_criteria_that_do_not_apply() -> None:
    assert scores_of("weighted_sum", [[1.0, 0.5, NAN], [NAN, 0.5, 0.0]], [2, 1, 1]) == (
        pytest.approx([100 * (2 * 1.0 + 1 * 0.5) / 3, 100 * (1 * 0.5 + 1 * 0.0) / 2])
    )


def test_weighted_product_multiplies_values_raised_to_their_shares() -> None:
    assert scores_of("weighted_product", [[0.25, 1.0], [1.0, 0.25], [0.5, NAN]], [3, 1]) == (
        pytest.approx([100 * 0.25**0.75, 100 * 0.25**0.25, 50.0])
    )


def test_weighted_product_is_zero_for_a_zero_on_a_weighted_criterion() -> None:
    rows = [[0.0, 1.0], [0.9, 0.9], [0.0, 0.5]]
    assert scores_of("weighted_product", rows, [1, 1]) == pytest.approx([0.0, 90.0, 0.0])
    # A zero on a criterion of no weight changes nothing.
    assert scores_of("weighted_product", rows, [0, 1]) == pytest.approx([100.0, 90.0, 50.0])


def test_topsis_places_each_candidate_between_the_worst_and_the_best() -> None:
    # One criterion: closeness is where a value sits between the column's min and max.
    assert scores_of("topsis", [[0.2], [0.6], [1.0]], [1]) == pytest.approx([0.0, 50.0, 100.0])
    # Two criteria of equal weight, each candidate best on one: a tie at 50.
    assert scores_of("topsis", [[1.0, 0.0], [0.0, 1.0]], [1, 1]) == pytest.approx([50.0, 50.0])


# Columns that say nothing -------------------------------------------------------------


@pytest.mark.parametrize("column", [[0.0, 0.0, 0.0], [0.7, 0.7, 0.7], [1.0, 1.0, 1.0]])
def test_a_constant_column_leaves_topsis_alone(column: list[float]) -> None:
    base = [[0.2, 0.9], [0.6, 0.1], [1.0, 0.5]]
    with_column = [[*row, value] for row, value in zip(base, column, strict=True)]
    assert scores_of("topsis", with_column, [1, 2, 5]) == pytest.approx(
        scores_of("topsis", base, [1, 2])
    )


def test_a_constant_column_lifts_every_weighted_sum_alike() -> None:
    base = scores_of("weighted_sum", [[0.2], [0.6]], [1])
    lifted = scores_of("weighted_sum", [[0.2, 0.5], [0.6, 0.5]], [1, 1])
    assert lifted == pytest.approx([(b + 50.0) / 2 for b in base])


@pytest.mark.parametrize("method", METHODS)
def test_when_every_column_is_constant_every_candidate_ties(method: MethodName) -> None:
    scores = scores_of(method, [[0.5, 1.0, 0.0]] * 3, [1, 1, 1])
    assert scores[0] == scores[1] == scores[2]
    expected = {"weighted_sum": 50.0, "weighted_product": 0.0, "topsis": 50.0}[method]
    assert scores[0] == pytest.approx(expected)


@pytest.mark.parametrize("method", METHODS)
def test_an_all_zero_column_breaks_nothing(method: MethodName) -> None:
    scores = scores_of(method, [[0.0, 0.4], [0.0, 0.8], [0.0, 0.6]], [1, 1])
    expected = {
        "weighted_sum": [20.0, 40.0, 30.0],
        "weighted_product": [0.0, 0.0, 0.0],
        "topsis": [0.0, 100.0, 50.0],
    }[method]
    assert scores == pytest.approx(expected)


def test_topsis_gives_a_lone_candidate_the_tie_score() -> None:
    assert scores_of("topsis", [[0.3, 0.9]], [1, 1]) == [50.0]


@pytest.mark.parametrize("method", METHODS)
def test_a_candidate_no_criterion_applies_to_scores_zero(method: MethodName) -> None:
    scores = scores_of(method, [[NAN, NAN], [0.5, 1.0], [1.0, 0.5]], [1, 1])
    assert scores[0] == 0.0
    assert all(0.0 < s <= 100.0 for s in scores[1:])


@pytest.mark.parametrize("method", METHODS)
def test_weights_of_zero_score_zero(method: MethodName) -> None:
    assert scores_of(method, [[0.5, 1.0], [1.0, 0.5]], [0, 0]) == [0.0, 0.0]
    # Weight only on a criterion that does not apply is no weight either.
    assert scores_of(method, [[NAN, 1.0], [NAN, 0.5]], [1, 0]) == [0.0, 0.0]


@pytest.mark.parametrize("method", METHODS)
def test_no_candidates_give_no_scores(method: MethodName) -> None:
    assert method_scores(method, np.empty((0, 3)), np.ones(3)).shape == (0,)
    assert method_scores(method, np.empty((0, 3)), np.ones((4, 3))).shape == (4, 0)


# Malformed calls ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "weights", "message"),
    [
        ([[0.5, 0.5]], [1.0, -1.0], "weights must be finite and 0 or more"),
        ([[0.5, 0.5]], [1.0, NAN], "weights must be finite and 0 or more"),
        ([[0.5, 0.5]], [1.0, math.inf], "weights must be finite and 0 or more"),
        ([[0.5, 0.5]], [1.0, 1.0, 1.0], r"weights must have shape \(2,\) or \(S, 2\)"),
        ([[0.5, math.inf]], [1.0, 1.0], "values must be finite numbers, or NaN"),
        ([0.5, 0.5], [1.0, 1.0], "values must be a matrix"),
    ],
)
@pytest.mark.parametrize("method", METHODS)
def test_a_malformed_call_is_refused(
    method: MethodName, values: list[float], weights: list[float], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        method_scores(method, np.array(values), np.array(weights))


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown scoring method 'borda'"):
        method_scores("borda", np.ones((2, 2)), np.ones(2))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown scoring method 'borda'"):
        decision_scores("borda", np.ones((2, 2)), np.ones(2), np.ones(2, bool))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown normalisation 'z-score'"):
        normalise(np.ones((2, 2)), np.ones(2, bool), "z-score")  # type: ignore[arg-type]


def test_linear_max_and_vector_normalisations_refuse_negative_values() -> None:
    with pytest.raises(ValueError, match="vector normalisation needs values of 0 or more"):
        normalise(np.array([[-1.0], [2.0]]), np.array([True]), "vector")
    assert normalise(np.array([[-1.0], [3.0]]), np.array([True]), "min-max").tolist() == [
        [0.0],
        [1.0],
    ]


# Normalising raw decision matrices: costs inverted ------------------------------------


def test_each_normalisation_turns_a_cost_into_higher_is_better() -> None:
    prices = np.array([[10.0], [20.0], [40.0], [NAN]])
    cost = np.array([False])
    assert normalise(prices, cost, "linear-max")[:3, 0].tolist() == pytest.approx([1, 0.5, 0.25])
    assert normalise(prices, cost, "min-max")[:3, 0].tolist() == pytest.approx([1, 2 / 3, 0])
    length = math.sqrt(10**2 + 20**2 + 40**2)
    assert normalise(prices, cost, "vector")[:3, 0].tolist() == pytest.approx(
        [1 - 10 / length, 1 - 20 / length, 1 - 40 / length]
    )
    for normalisation in NORMALISATIONS:
        assert math.isnan(normalise(prices, cost, normalisation)[3, 0])


def test_a_free_option_is_the_best_cost_and_a_flat_column_says_nothing() -> None:
    prices = np.array([[0.0, 5.0], [30.0, 5.0]])
    benefit = np.array([False, True])
    assert normalise(prices, benefit, "linear-max").tolist() == [[1.0, 1.0], [0.0, 1.0]]
    assert normalise(prices, benefit, "min-max").tolist() == [[1.0, 1.0], [0.0, 1.0]]
    zeros = np.zeros((2, 2))
    assert normalise(zeros, benefit, "vector").tolist() == [[1.0, 0.0], [1.0, 0.0]]


@pytest.mark.parametrize("normalisation", NORMALISATIONS)
@pytest.mark.parametrize("method", METHODS)
def test_a_cheaper_option_scores_higher_all_else_equal(
    method: MethodName, normalisation: Normalisation
) -> None:
    matrix = np.array([[30.0, 4.0, 7.0], [20.0, 4.0, 7.0], [50.0, 2.0, 9.0]])
    benefit = np.array([False, True, True])
    scores = decision_scores(method, matrix, np.array([2.0, 1.0, 1.0]), benefit, normalisation)
    if (method, normalisation) == ("weighted_product", "min-max"):
        # Min-max gives the worst of each column 0, and a product with a 0 is 0: both
        # options are worst on the third criterion. Documented; linear-max is the default.
        assert scores.tolist() == [0.0, 0.0, 0.0]
    else:
        assert scores[1] > scores[0]


# Properties ---------------------------------------------------------------------------

values_or_missing = st.one_of(
    st.just(NAN), st.just(0.0), st.just(1.0), st.floats(0.0, 1.0, allow_subnormal=False)
)
weight_values = st.one_of(st.just(0.0), st.floats(0.01, 10.0))


@st.composite
def decisions(draw: st.DrawFn) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """A matrix of 1-6 candidates × 1-5 criteria (values 0-1 or NaN) and its weights."""
    count = draw(st.integers(1, 6))
    criteria = draw(st.integers(1, 5))
    cells = draw(st.lists(values_or_missing, min_size=count * criteria, max_size=count * criteria))
    weights = draw(st.lists(weight_values, min_size=criteria, max_size=criteria))
    return np.array(cells).reshape(count, criteria), np.array(weights)


@settings(max_examples=300, deadline=None)
@given(decisions(), st.sampled_from(METHODS))
def test_scores_are_finite_and_between_0_and_100(
    decision: tuple[NDArray[np.float64], NDArray[np.float64]], method: MethodName
) -> None:
    scores = method_scores(method, *decision)
    assert scores.shape == (decision[0].shape[0],)
    assert np.all(np.isfinite(scores))
    assert np.all((scores >= 0.0) & (scores <= 100.0))


@settings(max_examples=200, deadline=None)
@given(decisions(), st.sampled_from(METHODS), st.floats(1e-3, 1e3))
def test_scaling_every_weight_changes_no_score(
    decision: tuple[NDArray[np.float64], NDArray[np.float64]], method: MethodName, factor: float
) -> None:
    values, weights = decision
    assert method_scores(method, values, weights * factor) == pytest.approx(
        method_scores(method, values, weights), rel=1e-9, abs=1e-9
    )


@settings(max_examples=300, deadline=None)
@given(
    decisions(),
    st.sampled_from(["weighted_sum", "weighted_product"]),
    st.integers(0),
    st.floats(0.0, 1.0),
)
def test_raising_a_value_never_lowers_that_candidates_score(
    decision: tuple[NDArray[np.float64], NDArray[np.float64]],
    method: MethodName,
    cell: int,
    rise: float,
) -> None:
    values, weights = decision
    row, column = divmod(cell % values.size, values.shape[1])
    if math.isnan(values[row, column]):
        return
    raised = values.copy()
    raised[row, column] = min(1.0, values[row, column] + rise)
    before = method_scores(method, values, weights)[row]
    assert method_scores(method, raised, weights)[row] >= before - 1e-9


@settings(max_examples=200, deadline=None)
@given(decisions(), st.sampled_from(METHODS), weight_values, st.integers(0))
def test_a_criterion_that_applies_to_no_one_is_as_if_absent(
    decision: tuple[NDArray[np.float64], NDArray[np.float64]],
    method: MethodName,
    weight: float,
    where: int,
) -> None:
    values, weights = decision
    at = where % (values.shape[1] + 1)
    widened = np.insert(values, at, NAN, axis=1)
    assert method_scores(method, widened, np.insert(weights, at, weight)) == pytest.approx(
        method_scores(method, values, weights), rel=1e-9, abs=1e-9
    )


@settings(max_examples=150, deadline=None)
@given(decisions(), st.sampled_from(METHODS), st.lists(st.floats(0.0, 10.0), max_size=20))
def test_many_weight_vectors_at_once_equal_one_at_a_time(
    decision: tuple[NDArray[np.float64], NDArray[np.float64]],
    method: MethodName,
    extra: list[float],
) -> None:
    values, weights = decision
    criteria = values.shape[1]
    more = np.resize(np.array(extra or [1.0]), (3, criteria))
    rows = np.vstack([weights, more, np.zeros(criteria)])
    together = method_scores(method, values, rows)
    assert together.shape == (rows.shape[0], values.shape[0])
    for row, scores in zip(rows, together, strict=True):
        assert scores == pytest.approx(method_scores(method, values, row), rel=1e-9, abs=1e-9)


def test_many_weight_vectors_are_scored_in_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    from platform_advisor.algorithms import methods

    rng = np.random.default_rng(7)
    values = rng.random((50, 4))
    values[3, 1] = NAN
    rows = rng.random((30, 4))
    whole = {method: method_scores(method, values, rows) for method in METHODS}
    monkeypatch.setattr(methods, "CHUNK_CELLS", 120)  # two weight vectors a chunk
    monkeypatch.setattr(methods, "BLOCK_ROWS", 7)  # and candidates in blocks of 7
    for method in METHODS:
        assert method_scores(method, values, rows) == pytest.approx(whole[method], abs=1e-9)


def test_a_large_matrix_without_missing_values_takes_the_fast_path_to_the_same_scores() -> None:
    rng = np.random.default_rng(11)
    values = rng.random((3000, 15))
    weights = rng.random(15)
    with_gap = values.copy()
    with_gap[0, 0] = NAN  # the general path, for every row
    quick = method_scores("weighted_sum", values, weights)
    general = method_scores("weighted_sum", with_gap, weights)
    assert quick[1:] == pytest.approx(general[1:], rel=1e-12)
    assert quick == pytest.approx(100 * values @ weights / weights.sum(), rel=1e-12)


# Ranking ------------------------------------------------------------------------------


def test_rank_order_puts_the_best_first_and_breaks_ties_by_the_given_order() -> None:
    scores = np.array([50.0, 70.0, 50.0, 90.0, 70.0])
    assert rank_order(scores).tolist() == [3, 1, 4, 0, 2]
    tie_order = np.array([4, 3, 2, 1, 0])  # candidate 4 first among equals
    assert rank_order(scores, tie_order).tolist() == [3, 4, 1, 2, 0]


def test_scores_equal_but_for_float_noise_are_ties() -> None:
    # Two sums of the same value by different routes (the retailer's TikTok and YouTube).
    scores = np.array([58.643781974248924, 58.64378197424893, 58.7])
    assert rank_order(scores).tolist() == [2, 0, 1]
    assert rank_order(scores, np.array([1, 0, 2])).tolist() == [2, 1, 0]
    assert rank_order(np.array([scores, scores]), np.array([1, 0, 2])).tolist() == [[2, 1, 0]] * 2
    # A real difference, however small for a report, is not a tie.
    assert rank_order(np.array([50.0, 50.000001]), np.array([0, 1])).tolist() == [1, 0]


def test_rank_order_ranks_each_row_of_many() -> None:
    scores = np.array([[1.0, 2.0, 3.0], [2.0, 2.0, 1.0], [5.0, 5.0, 5.0]])
    tie_order = np.array([2, 1, 0])
    assert rank_order(scores, tie_order).tolist() == [[2, 1, 0], [1, 0, 2], [2, 1, 0]]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from([0.0, 12.5, 50.0, 50.0, 99.9, 100.0]), min_size=1, max_size=12),
    st.randoms(use_true_random=False),
)
def test_rank_order_sorts_by_score_then_tie_order(scores: list[float], shuffle: object) -> None:
    keys = list(range(len(scores)))
    shuffle.shuffle(keys)  # type: ignore[attr-defined]
    expected = sorted(range(len(scores)), key=lambda i: (-scores[i], keys[i]))
    assert rank_order(np.array(scores), np.array(keys)).tolist() == expected
    together = rank_order(np.array([scores, scores[::-1]]), np.array(keys))
    assert together[0].tolist() == expected


# The advisor's own scores -------------------------------------------------------------


@pytest.fixture(scope="module", params=PROFILES, ids=[p.stem for p in PROFILES])
def strategy(request: pytest.FixtureRequest) -> Strategy:
    path: Path = request.param
    result, _ = advise_files(path, today=TODAY)
    return result


def advisor_matrix(
    strategy: Strategy, ranked: tuple[ScoredPlatform, ...]
) -> tuple[list[ScoredPlatform], NDArray[np.float64], NDArray[np.float64]]:
    """Candidates in platform id order, their values (None → NaN) and the weights."""
    criteria = [weight.criterion for weight in strategy.weights]
    candidates = sorted(ranked, key=lambda c: c.platform)
    values = np.array(
        [
            [
                NAN if part.value is None else part.value
                for part in sorted(c.contributions, key=lambda p: criteria.index(p.criterion))
            ]
            for c in candidates
        ]
    )
    return candidates, values, np.array([weight.weight for weight in strategy.weights])


def test_weighted_sum_is_the_advisors_score(strategy: Strategy) -> None:
    for function, ranked in strategy.rankings.items():
        candidates, values, weights = advisor_matrix(strategy, ranked)
        scores = method_scores("weighted_sum", values, weights)
        for candidate, score in zip(candidates, scores, strict=True):
            points = sum(part.points for part in candidate.contributions)
            assert score == pytest.approx(points, abs=1e-4), (function, candidate.platform)
            assert abs(score - candidate.score) <= 0.05 + 1e-4, (function, candidate.platform)


def test_the_advisors_rankings_agree_except_on_ties(strategy: Strategy) -> None:
    """Candidates are in platform id order, so equal scores rank by id. The advisor ranks
    by exact float, so where two sums of different terms are equal the last bits decide
    (retailer: TikTok and YouTube, 58.64377599999998 and ...99): those pairs are left out."""
    for function, ranked in strategy.rankings.items():
        candidates, values, weights = advisor_matrix(strategy, ranked)
        scores = method_scores("weighted_sum", values, weights)
        order = rank_order(scores).tolist()
        advisor_rank = {c.platform: c.rank for c in ranked}
        for place, first in enumerate(order):
            for second in order[place + 1 :]:
                pair = (candidates[first].platform, candidates[second].platform)
                if scores[first] - scores[second] > 1e-3:
                    assert advisor_rank[pair[0]] < advisor_rank[pair[1]], (function, pair)
                else:
                    assert abs(scores[first] - scores[second]) < 1e-9, (function, pair)
                    assert first < second, (function, pair)


def test_the_advisors_matrices_have_criteria_that_do_not_apply(strategy: Strategy) -> None:
    """So the tests above cover criteria that do not apply, not only full matrices."""
    missing = [
        bool(np.isnan(advisor_matrix(strategy, ranked)[1]).any())
        for ranked in strategy.rankings.values()
    ]
    assert any(missing)


def test_topsis_scores_the_advisors_matrices(strategy: Strategy) -> None:
    for function, ranked in strategy.rankings.items():
        _, values, weights = advisor_matrix(strategy, ranked)
        scores = method_scores("topsis", values, weights)
        assert np.all((scores >= 0) & (scores <= 100)), function
        assert scores.max() > scores.min(), function


def test_the_advisor_floors_values_so_the_product_never_vetoes(strategy: Strategy) -> None:
    """On the advisor's values a zero costs a candidate dearly (0.01 instead of 0) but
    leaves it a score, so the product still ranks every function's candidates."""
    for function, ranked in strategy.rankings.items():
        _, values, weights = advisor_matrix(strategy, ranked)
        floored = advisor_scores("weighted_product", values, weights)
        assert np.all(floored > 0), function
        raw = method_scores("weighted_product", np.maximum(values, PRODUCT_FLOOR), weights)
        assert floored == pytest.approx(raw, abs=1e-12)


def test_the_weighted_product_vetoes_a_zero_on_the_advisors_matrices(strategy: Strategy) -> None:
    """A zero on any weighted criterion (no link to the tools in use, a data-portability
    rating of 0) makes the product 0: on the shipped examples, most candidates of most
    functions. The others keep a positive score."""
    for function, ranked in strategy.rankings.items():
        _, values, weights = advisor_matrix(strategy, ranked)
        scores = method_scores("weighted_product", values, weights)
        vetoed = np.any((values == 0) & (weights > 0), axis=1)
        assert np.array_equal(scores == 0, vetoed), function


# --- Scoring methods at the edges the worked examples do not reach: normalising columns

NAN = math.nan


def test_linear_max_divides_by_a_maximum_below_one() -> None:
    data = np.array([[0.2, 0.5], [0.5, 0.25]])
    result = normalise(data, np.array([True, False]), "linear-max")
    np.testing.assert_allclose(result, [[0.4, 0.5], [1.0, 1.0]])


def test_linear_max_gives_a_column_of_zeros_one_without_a_warning() -> None:
    data = np.array([[0.0, 0.0], [0.0, 2.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = normalise(data, np.array([True, False]), "linear-max")
    # A benefit column of zeros says nothing (1 each); a zero cost is the best cost (1).
    np.testing.assert_array_equal(result, [[1.0, 1.0], [1.0, 0.0]])


def test_min_max_spreads_a_column_narrower_than_one() -> None:
    data = np.array([[0.1, 0.3], [0.5, 0.7], [0.3, 0.5]])
    result = normalise(data, np.array([True, False]), "min-max")
    np.testing.assert_allclose(result, [[0.0, 1.0], [1.0, 0.0], [0.5, 0.5]])


@pytest.mark.parametrize("normalisation", ["linear-max", "min-max", "vector"])
def test_a_cell_that_does_not_apply_stays_not_applicable(normalisation: str) -> None:
    data = np.array([[2.0, NAN], [4.0, 3.0], [NAN, 1.0]])
    result = normalise(data, np.array([True, False]), normalisation)  # type: ignore[arg-type]
    assert np.isnan(result).tolist() == [[False, True], [False, False], [True, False]]
    assert np.isfinite(result[~np.isnan(data)]).all()


def test_min_max_keeps_a_missing_cell_missing_in_a_full_width_column() -> None:
    data = np.array([[0.0, NAN], [10.0, 5.0], [5.0, 0.0]])
    result = normalise(data, np.array([False, True]), "min-max")
    np.testing.assert_allclose(result, [[1.0, NAN], [0.0, 1.0], [0.5, 0.0]])


@pytest.mark.parametrize("method", ["weighted_sum", "weighted_product", "topsis"])
def test_a_decision_matrix_cell_that_does_not_apply_drops_out_of_that_score(method: str) -> None:
    """A candidate with no value on a criterion is scored on the others alone: the same
    score as in a matrix where that criterion is left out for it."""
    matrix = np.array([[3.0, 8.0, NAN], [5.0, 4.0, 2.0], [4.0, 6.0, 1.0]])
    benefit = np.array([True, True, False])
    weights = np.array([1.0, 2.0, 1.0])
    scores = decision_scores(method, matrix, weights, benefit)  # type: ignore[arg-type]
    assert np.isfinite(scores).all()
    assert ((scores >= 0) & (scores <= 100)).all()
    if method == "weighted_sum":
        # linear-max: row 0 is 3/5 and 8/8 on the two criteria that apply, shares 1/3, 2/3.
        assert scores[0] == pytest.approx(100 * (0.6 / 3 + 2 / 3))
        # row 1: 1, 0.5, and the cost 1/2 of the best: shares 1/4, 2/4, 1/4.
        assert scores[1] == pytest.approx(100 * (0.25 + 0.25 + 0.125))


@pytest.mark.parametrize("method", ["weighted_sum", "weighted_product", "topsis"])
def test_a_decision_matrix_scores_many_weight_vectors_at_once(method: str) -> None:
    matrix = np.array([[3.0, 8.0, 400.0], [5.0, 4.0, 250.0], [4.0, 6.0, 300.0]])
    benefit = np.array([True, True, False])
    many = np.array([[1.0, 1.0, 1.0], [3.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    together = decision_scores(method, matrix, many, benefit)  # type: ignore[arg-type]
    assert together.shape == (3, 3)
    for row, weights in zip(together, many, strict=True):
        alone = decision_scores(method, matrix, weights, benefit)  # type: ignore[arg-type]
        np.testing.assert_allclose(row, alone)


def test_a_benefit_list_of_the_wrong_length_is_refused_in_words() -> None:
    message = "benefit needs one flag per column (2), got (3,)"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        normalise(np.ones((2, 2)), np.array([True, True, False]), "min-max")


def test_a_tie_order_of_the_wrong_length_is_refused_in_words() -> None:
    message = "tie_order needs one key per candidate (3), got (2,)"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        rank_order(np.array([5.0, 5.0, 1.0]), np.array([1, 0]))


def test_ties_among_negative_scores_follow_the_tie_order() -> None:
    """rank_order takes any scores; a tie is a tie below zero too."""
    assert rank_order(np.array([-1.0, -3.0, -1.0]), np.array([2, 0, 1])).tolist() == [2, 0, 1]
    many = np.array([[-2.0, -2.0, -5.0], [-4.0, -1.0, -3.0]])
    assert rank_order(many, np.array([1, 0, 2])).tolist() == [[1, 0, 2], [1, 2, 0]]


def test_min_max_gives_a_column_without_spread_one_and_keeps_its_gaps() -> None:
    data = np.array([[3.0, NAN, 1.0], [3.0, 4.0, 2.0]])
    for benefit in ([True, True, True], [False, False, False]):
        result = normalise(data, np.array(benefit), "min-max")
        assert np.isnan(result[0, 1])
        np.testing.assert_array_equal(result[:, 0], [1.0, 1.0])
        assert result[1, 1] == 1.0


def test_topsis_weighs_a_column_with_a_gap_for_the_candidates_it_applies_to() -> None:
    values = np.array([[1.0, 0.2], [0.5, 0.9], [0.8, NAN]])
    both = method_scores("topsis", values, np.array([1.0, 1.0]))
    first_only = method_scores("topsis", values, np.array([1.0, 0.0]))
    assert both[1] > both[0]  # the second column lifts the second candidate past the first
    assert first_only[0] > first_only[1]


def test_an_infinite_value_is_refused_in_words() -> None:
    message = "values must be finite numbers, or NaN where a criterion does not apply"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        method_scores("topsis", np.array([[1.0, math.inf], [0.5, NAN]]), np.ones(2))


def test_topsis_divides_each_column_by_its_length_before_weighing() -> None:
    # Columns of lengths √1.25 and 1: the closeness of the first candidate is
    # (1 / (2√5)) / (1/2 + 1 / (2√5)) = 1 / (1 + √5); unscaled it would be 1/3.
    scores = method_scores("topsis", np.array([[1.0, 0.0], [0.5, 1.0]]), np.array([1.0, 1.0]))
    root = math.sqrt(5)
    np.testing.assert_allclose(scores, [100 / (1 + root), 100 * root / (1 + root)])


def test_a_weighted_sum_a_hair_over_100_is_held_at_100() -> None:
    # Two criteria of 0.3: each share of 100 rounds up, and 1 x both is 100.00000000000001.
    scores = method_scores("weighted_sum", np.ones((1, 2)), np.array([0.3, 0.3]))
    assert scores.tolist() == [100.0]


def test_topsis_over_more_candidates_than_one_block_matches_a_plain_computation() -> None:
    # 1,500 candidates of 2 criteria: 1,024 are reduced as wide rows, the rest apart.
    values = np.random.default_rng(3).random((1_500, 2))
    weights = np.array([0.7, 0.3])
    weighted = values / np.linalg.norm(values, axis=0) * weights
    best, worst = weighted.max(axis=0), weighted.min(axis=0)
    near = np.linalg.norm(weighted - best, axis=1)
    far = np.linalg.norm(weighted - worst, axis=1)
    expected = 100 * far / (near + far)
    np.testing.assert_allclose(method_scores("topsis", values, weights), expected, rtol=1e-9)
