"""Scanned tipping points against the closed form of the weighted product, from a share
far from the crossing and from one within the first step of the scan; acceptability over
many candidates (past the stable-sort path); the spread of the sampled weights.

Written from the survivors of mutation testing (docs/mutation-testing.md)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from platform_advisor.algorithms.acceptability import (
    SCAN_STEPS,
    SORTED_ROWS,
    acceptability,
    scanned_tipping_points,
    weight_samples,
    weighted_sum_scores,
)
from platform_advisor.algorithms.sampling import Sampling

VALUES = np.array([[0.9, 0.3], [0.4, 0.8]])
# 0.9^x 0.3^(1-x) = 0.4^x 0.8^(1-x) where x ln(9/4) = (1 - x) ln(8/3).
CROSSING = math.log(8 / 3) / (math.log(9 / 4) + math.log(8 / 3))


@pytest.mark.parametrize("distance", [0.05, 0.3 / SCAN_STEPS, 1e-6])
def test_a_scanned_tip_below_is_where_the_products_cross(distance: float) -> None:
    share = CROSSING + distance
    below, above = scanned_tipping_points(VALUES, [share, 1 - share], 0, "weighted_product")
    assert above is None
    assert below is not None and below.winner == 1
    assert below.share == pytest.approx(CROSSING, abs=1e-9)


@pytest.mark.parametrize("distance", [0.05, 0.3 / SCAN_STEPS])
def test_a_scanned_tip_above_is_where_the_products_cross(distance: float) -> None:
    share = CROSSING - distance
    below, above = scanned_tipping_points(VALUES, [share, 1 - share], 0, "weighted_product")
    assert below is None
    assert above is not None and above.winner == 0
    assert above.share == pytest.approx(CROSSING, abs=1e-9)


def test_acceptability_over_many_candidates_counts_firsts_and_top_threes_exactly() -> None:
    """Past SORTED_ROWS candidates another path counts; it must agree with a plain count
    in which ties go to the lower row."""
    rng = np.random.default_rng(7)
    rows = SORTED_ROWS + 6
    values = rng.choice([0.0, 0.25, 0.5, 0.75], size=(rows, 4))
    values[rows - 1] = values[rows - 2]  # a tie, which goes to the lower row
    values[5], values[9], values[12:14] = 1.0, 0.95, 0.9  # 12 and 13 tie for third
    values[20, 2] = np.nan
    samples = weight_samples([0.4, 0.3, 0.2, 0.1], Sampling(samples=600, seed=3))
    found = acceptability(values, samples)
    scores = weighted_sum_scores(values, samples)
    order = np.argsort(-scores, axis=1, kind="stable")
    first = np.bincount(order[:, 0], minlength=rows) / len(samples)
    top = np.bincount(order[:, :3].ravel(), minlength=rows) / len(samples)
    np.testing.assert_array_equal(found.first, first)
    np.testing.assert_array_equal(found.top_three, top)
    assert (found.first[5], found.top_three[12], found.top_three[13]) == (1.0, 1.0, 0.0)


def test_sampled_weights_spread_as_the_log_normal_factor_says() -> None:
    """Each weight is multiplied by a factor whose log has median 0 and deviation
    `spread`: the log of the ratio of two equal weights has deviation spread × √2."""
    samples = weight_samples([0.5, 0.5], Sampling(samples=20_000, spread=0.3, seed=11))
    ratios = np.log(samples[:, 0] / samples[:, 1])
    assert abs(float(np.median(ratios))) < 0.02
    assert float(np.std(ratios)) == pytest.approx(0.3 * math.sqrt(2), rel=0.03)
    np.testing.assert_allclose(samples.sum(axis=1), 1.0)


def test_acceptability_over_many_candidates_with_ties_anywhere() -> None:
    rng = np.random.default_rng(7)
    rows = SORTED_ROWS + 6
    values = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0], size=(rows, 4))
    samples = weight_samples([0.4, 0.3, 0.2, 0.1], Sampling(samples=600, seed=3))
    found = acceptability(values, samples)
    order = np.argsort(-weighted_sum_scores(values, samples), axis=1, kind="stable")
    np.testing.assert_array_equal(
        found.top_three, np.bincount(order[:, :3].ravel(), minlength=rows) / len(samples)
    )


def test_acceptability_adds_up_every_chunk_of_samples() -> None:
    """2,100 candidates: the samples are scored 256 at a time, and every chunk counts."""
    rng = np.random.default_rng(5)
    rows = 2_100
    values = rng.random((rows, 3))
    samples = weight_samples([0.5, 0.3, 0.2], Sampling(samples=600, seed=2))
    found = acceptability(values, samples)
    order = np.argsort(-weighted_sum_scores(values, samples), axis=1, kind="stable")
    np.testing.assert_array_equal(found.first, np.bincount(order[:, 0], minlength=rows) / 600)
    np.testing.assert_array_equal(
        found.top_three, np.bincount(order[:, :3].ravel(), minlength=rows) / 600
    )
