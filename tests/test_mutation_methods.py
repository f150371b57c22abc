"""Scoring methods at the edges the worked examples do not reach: normalising columns
whose values lie below 1, cells that do not apply, many weight vectors for a raw decision
matrix, the exact words of a malformed call, and ties among negative scores.

Written from the survivors of mutation testing (docs/mutation-testing.md): each test
pins a behaviour that an earlier suite left free to change."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest

from platform_advisor.algorithms.methods import (
    decision_scores,
    method_scores,
    normalise,
    rank_order,
)

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
