"""Scoring benchmark: the scoring methods against the numpy floor, scikit-criteria and pymcdm.

Run with `make bench` (or `python bench/scoring.py [--runs R]`). For N = 1,000, 10,000
and 100,000 candidates × 15 criteria (seeded; values uniform in 0-1, as the advisor's
evaluators give them, continuous so that no two candidates tie; weights uniform in
1-20), it first checks that every way of scoring ranks the candidates identically, then
measures in this one process, in turn and R times over, the median of each way of
scoring and ranking the same matrix. Only ratios of medians measured in the same run are
reported, never a time:

- weighted sum and rank (`method_scores` then `rank_order`) against the plain numpy
  floor, `np.argsort(-(values @ weights))`. Target: at most 1.5x.
- TOPSIS and rank against a plain vectorised numpy TOPSIS (vector normalisation,
  weighting, distances to the ideal and anti-ideal, closeness, argsort). Target: at most
  1.5x. TOPSIS against the weighted-sum floor is printed for information: it reads the
  matrix three times or more (column extremes and lengths, then two distances) where the
  floor reads it once, so numpy cannot bring it within 1.5x of that floor.
- both against scikit-criteria (its decision matrix, built from the same array, then its
  WeightedSumModel, or its VectorScaler and TOPSIS, which rank) and pymcdm (its WSM with
  no normalisation, or its TOPSIS with vector normalisation, then `np.argsort` of the
  preferences). Target: ours faster, at most 1.0x of theirs.

A call that takes microseconds is timed in batches repeated to a few milliseconds, the
same batch for every sample, and the ratio taken per call.

The four rankings must agree (weighted sum: ours, the floor, scikit-criteria, pymcdm;
TOPSIS: ours, plain numpy, scikit-criteria, pymcdm), and on a raw decision matrix with
cost criteria (prices, on their own scale) `decision_scores` must give the same scores
as pymcdm for every method and normalisation pymcdm shares with it (and, for the
weighted sum, product and TOPSIS, as scikit-criteria with the matching preprocessing).

Exits 1 when a target is missed or a check fails. Without scikit-criteria and pymcdm
(`pip install -e '.[bench]'`) their rows and checks are skipped, and so said.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from timing import print_ratios

from platform_advisor.algorithms import MethodName
from platform_advisor.algorithms.methods import (
    Normalisation,
    decision_scores,
    method_scores,
    rank_order,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Array = NDArray[np.float64]

SEED = 20261124
SIZES = (1_000, 10_000, 100_000)
CRITERIA = 15
TARGET_FLOOR = 1.5
TARGET_PEERS = 1.0
BATCH_SECONDS = 0.005  # a timed sample lasts at least this long
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Peers:
    """scikit-criteria's and pymcdm's modules, imported only when installed."""

    skcriteria: Any
    skc_simple: Any
    skc_topsis: Any
    skc_scalers: Any
    skc_invert: Any
    pymcdm_methods: Any
    pymcdm_normalizations: Any


def load_peers() -> Peers | str:
    """The peers' modules, or why they cannot be imported (bench-only extras)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Peers(
                *(
                    importlib.import_module(name)
                    for name in (
                        "skcriteria",
                        "skcriteria.agg.simple",
                        "skcriteria.agg.topsis",
                        "skcriteria.preprocessing.scalers",
                        "skcriteria.preprocessing.invert_objectives",
                        "pymcdm.methods",
                        "pymcdm.normalizations",
                    )
                )
            )
    except ImportError as error:
        return f"{error} (install them with: pip install -e '.[bench]')"


# The ways of scoring and ranking -------------------------------------------------------


def floor(values: Array, weights: Array) -> Any:
    return np.argsort(-(values @ weights))


def ours(method: MethodName) -> Callable[[Array, Array], Any]:
    def score_and_rank(values: Array, weights: Array) -> Any:
        return rank_order(method_scores(method, values, weights))

    return score_and_rank


def plain_topsis(values: Array, weights: Array) -> Any:
    """TOPSIS as the textbooks write it, vectorised in numpy: the TOPSIS floor."""
    normalised = values / np.sqrt((values**2).sum(axis=0))
    weighted = normalised * (weights / weights.sum())
    ideal, worst = weighted.max(axis=0), weighted.min(axis=0)
    to_ideal = np.sqrt(((weighted - ideal) ** 2).sum(axis=1))
    to_worst = np.sqrt(((weighted - worst) ** 2).sum(axis=1))
    return np.argsort(-(to_worst / (to_ideal + to_worst)))


def skcriteria_rank(peers: Peers, method: MethodName) -> Callable[[Array, Array], Any]:
    """Ranks 1..N from scikit-criteria (all criteria benefits), as an order best first."""

    def score_and_rank(values: Array, weights: Array) -> Any:
        matrix = peers.skcriteria.mkdm(
            matrix=values, objectives=[max] * values.shape[1], weights=weights / weights.sum()
        )
        if method == "topsis":
            matrix = peers.skc_scalers.VectorScaler(target="matrix").transform(matrix)
            result = peers.skc_topsis.TOPSIS().evaluate(matrix)
        else:
            result = peers.skc_simple.WeightedSumModel().evaluate(matrix)
        return np.argsort(result.rank_, kind="stable")

    return score_and_rank


def as_they_are(column: Array, cost: bool = False) -> Array:
    """pymcdm's normalisation signature, changing nothing: values are already 0-1."""
    del cost
    return column


def pymcdm_rank(peers: Peers, method: MethodName) -> Callable[[Array, Array], Any]:
    """pymcdm's preferences (no normalisation for the sum, vector for TOPSIS), argsorted."""
    normalizations = peers.pymcdm_normalizations
    if method == "topsis":
        scorer = peers.pymcdm_methods.TOPSIS(normalizations.vector_normalization)
    else:
        scorer = peers.pymcdm_methods.WSM(as_they_are)

    def score_and_rank(values: Array, weights: Array) -> Any:
        types = np.ones(values.shape[1])
        return np.argsort(-scorer(values, weights / weights.sum(), types))

    return score_and_rank


@dataclass(frozen=True)
class Way:
    name: str
    call: Callable[[Array, Array], Any]


def ways_of_scoring(peers: Peers | str) -> list[Way]:
    ways = [
        Way("floor", floor),
        Way("ours sum", ours("weighted_sum")),
        Way("ours topsis", ours("topsis")),
        Way("plain topsis", plain_topsis),
    ]
    if isinstance(peers, Peers):
        pairs: tuple[tuple[MethodName, str], ...] = (("weighted_sum", "sum"), ("topsis", "topsis"))
        for method, short in pairs:
            ways.append(Way(f"skcriteria {short}", skcriteria_rank(peers, method)))
            ways.append(Way(f"pymcdm {short}", pymcdm_rank(peers, method)))
    return ways


# Checks -------------------------------------------------------------------------------


def check_rankings(ways: Sequence[Way], values: Array, weights: Array, label: str) -> None:
    """Fail loudly unless every way ranks the candidates as ours does, method by method."""
    orders = {way.name: np.asarray(way.call(values, weights)) for way in ways}
    for method in ("sum", "topsis"):
        reference = orders[f"ours {method}"]
        others = [name for name in orders if name.endswith(method) and name != f"ours {method}"]
        if method == "sum":
            others.append("floor")
        for name in others:
            if not np.array_equal(orders[name], reference):
                differ = int(np.count_nonzero(orders[name] != reference))
                raise SystemExit(f"{label}: {name} ranks {differ} places differently from ours")


def raw_decision(seed: int = SEED) -> tuple[Array, Array, NDArray[np.bool_]]:
    """200 options × 6 criteria in their own units, two of them costs (prices, hours)."""
    rng = np.random.default_rng(seed)
    matrix = np.column_stack(
        [
            rng.uniform(5, 500, 200),  # monthly price (cost)
            rng.integers(0, 6, 200) + rng.uniform(0.01, 0.99, 200),  # a 0-5 rating
            rng.uniform(1, 40, 200),  # set-up hours (cost)
            rng.uniform(10, 10_000, 200),  # users supported
            rng.uniform(0.5, 1.0, 200),  # uptime share
            rng.uniform(1, 100, 200),  # integrations
        ]
    )
    weights = rng.uniform(1, 20, 6)
    benefit = np.array([False, True, False, True, True, True])
    return matrix, weights / weights.sum(), benefit


PYMCDM_PAIRS: tuple[tuple[MethodName, Normalisation, str, str], ...] = (
    ("weighted_sum", "linear-max", "WSM", "linear_normalization"),
    ("weighted_sum", "vector", "WSM", "vector_normalization"),
    ("weighted_sum", "min-max", "WSM", "minmax_normalization"),
    ("weighted_product", "linear-max", "WPM", "linear_normalization"),
    ("weighted_product", "vector", "WPM", "vector_normalization"),
    ("topsis", "linear-max", "TOPSIS", "linear_normalization"),
    ("topsis", "vector", "TOPSIS", "vector_normalization"),
    ("topsis", "min-max", "TOPSIS", "minmax_normalization"),
)


def check_raw_decision(peers: Peers) -> int:
    """Fail loudly unless `decision_scores` matches the peers on a matrix with costs.

    Returns the number of comparisons made. The weighted product with min-max is left
    out: min-max gives the worst option of every column 0, so most products are 0.
    """
    matrix, weights, benefit = raw_decision()
    types = np.where(benefit, 1, -1)
    checked = 0
    for method, normalisation, name, function in PYMCDM_PAIRS:
        scorer = getattr(peers.pymcdm_methods, name)(getattr(peers.pymcdm_normalizations, function))
        theirs = scorer(matrix, weights, types)
        mine = decision_scores(method, matrix, weights, benefit, normalisation) / 100
        compare(f"pymcdm {name} with {function}", mine, theirs)
        checked += 1
    for method, theirs in skcriteria_raw(peers, matrix, weights, benefit).items():
        mine = decision_scores(method, matrix, weights, benefit) / 100
        compare(f"scikit-criteria {method}", mine, theirs)
        checked += 1
    return checked


def skcriteria_raw(
    peers: Peers, matrix: Array, weights: Array, benefit: NDArray[np.bool_]
) -> dict[MethodName, Array]:
    """scikit-criteria's scores with the preprocessing that matches our defaults.

    Our linear-max cost is min / x: scikit-criteria's InvertMinimize (1 / x) then its
    MaxAbsScaler (x / max, for values of 0 or more). Its weighted product returns log10
    of the product. Its TOPSIS takes the minimum of a cost column as the ideal, after its
    VectorScaler.
    """
    objectives = [max if flag else min for flag in benefit]
    decision = peers.skcriteria.mkdm(matrix=matrix, objectives=objectives, weights=weights)
    inverted = peers.skc_invert.InvertMinimize().transform(decision)
    linear = peers.skc_scalers.MaxAbsScaler(target="matrix").transform(inverted)
    vector = peers.skc_scalers.VectorScaler(target="matrix").transform(decision)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # TOPSIS advises against cost objectives
        topsis = peers.skc_topsis.TOPSIS().evaluate(vector)
    return {
        "weighted_sum": peers.skc_simple.WeightedSumModel().evaluate(linear).e_.score,
        "weighted_product": 10 ** peers.skc_simple.WeightedProductModel().evaluate(linear).e_.score,
        "topsis": topsis.e_.similarity,
    }


def compare(label: str, mine: Array, theirs: Any) -> None:
    theirs = np.asarray(theirs, dtype=float)
    if not np.allclose(mine, theirs, rtol=TOLERANCE, atol=TOLERANCE):
        worst = float(np.max(np.abs(mine - theirs)))
        raise SystemExit(f"raw decision matrix, {label}: scores differ by up to {worst:.3g}")
    if not np.array_equal(rank_order(mine), np.argsort(-theirs, kind="stable")):
        raise SystemExit(f"raw decision matrix, {label}: rankings differ")


# Timing -------------------------------------------------------------------------------


def batch_size(call: Callable[[], object]) -> int:
    """How many calls make a sample of at least BATCH_SECONDS (after a warm-up call)."""
    call()
    start = time.perf_counter()
    call()
    once = max(time.perf_counter() - start, 1e-7)
    return max(1, math.ceil(BATCH_SECONDS / once))


def per_call(call: Callable[[], object], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        call()
    return (time.perf_counter() - start) / repeat


def medians(ways: Sequence[Way], values: Array, weights: Array, runs: int) -> dict[str, float]:
    """Each way in turn, `runs` times over; the median seconds per call of each."""
    calls = {way.name: (lambda way=way: way.call(values, weights)) for way in ways}
    repeats = {name: batch_size(call) for name, call in calls.items()}
    times: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(runs):
        for name, call in calls.items():
            times[name].append(per_call(call, repeats[name]))
    return {name: statistics.median(samples) for name, samples in times.items()}


def ratios(size: int, found: dict[str, float]) -> list[tuple[str, float, float | None]]:
    """The rows of the table for one size: (label, ours / theirs, target)."""
    prefix = f"N={size:,}"
    rows: list[tuple[str, float, float | None]] = [
        (f"{prefix} sum / numpy floor", found["ours sum"] / found["floor"], TARGET_FLOOR),
        (
            f"{prefix} TOPSIS / plain numpy TOPSIS",
            found["ours topsis"] / found["plain topsis"],
            TARGET_FLOOR,
        ),
        (f"{prefix} TOPSIS / numpy sum floor", found["ours topsis"] / found["floor"], None),
    ]
    for peer in ("skcriteria", "pymcdm"):
        for method, label in (("sum", "sum"), ("topsis", "TOPSIS")):
            name = f"{peer} {method}"
            if name in found:
                ratio = found[f"ours {method}"] / found[name]
                rows.append((f"{prefix} {label} / {peer}", ratio, TARGET_PEERS))
    return rows


def matrix_of(size: int) -> tuple[Array, Array]:
    rng = np.random.default_rng([SEED, size])
    return rng.random((size, CRITERIA)), rng.uniform(1, 20, CRITERIA)


def load_line() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average unknown"
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, metavar="R")
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    peers = load_peers()
    if isinstance(peers, str):
        print(f"scikit-criteria and pymcdm skipped, their targets not checked: {peers}")
    else:
        print(f"raw decision matrix with costs: {check_raw_decision(peers)} comparisons agree")
    ways = ways_of_scoring(peers)
    print(f"before: {load_line()}")
    rows: list[tuple[str, float, float | None]] = []
    for size in SIZES:
        values, weights = matrix_of(size)
        check_rankings(ways, values, weights, f"N={size:,}")
        rows.extend(ratios(size, medians(ways, values, weights, options.runs)))
    met = print_ratios(rows, options.runs)
    print(f"after: {load_line()}. Rankings of every way agree at every size.")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
