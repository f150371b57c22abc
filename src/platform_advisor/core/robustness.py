"""How far each recommendation depends on the weights: acceptability and tipping points.

Weights are judgements. Two questions put them to the test (docs/scoring.md):

- **Rank acceptability** (SMAA-2): over many weight vectors drawn around the profile's
  weights, the share in which each candidate ranks first, and in the top three.
- **Tipping points**: for each criterion, the smallest rise and the smallest fall of its
  share of the weight (the others rescaled in proportion) that changes a function's
  winner; exact for the weighted sum, where every score is a ratio of two affine
  functions of that share.

The module works on plain arrays: a function's candidates are rows, the criteria columns,
values 0-1 with NaN where a criterion does not apply. Candidates are expected in platform
id order, so the first of equal scores is the one the rankings put first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

import numpy as np

from platform_advisor.core.sampling import Sampling

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Array = NDArray[np.float64]

#: Shares are explored from EDGE to 1 - EDGE: with all or none of the weight on one
#: criterion, the rows it does not apply to would have no score at all.
EDGE = 1e-9
#: Samples scored at once: bounds memory to a few MB whatever the number of candidates.
CHUNK = 2_048


@dataclass(frozen=True)
class Acceptability:
    """Shares of the samples in which each candidate ranks first, and in the top three."""

    first: Array
    top_three: Array


@dataclass(frozen=True)
class Tip:
    """A share of one criterion's weight past which another candidate wins."""

    share: float  # the criterion's share of the total weight at the tipping point
    winner: int  # the row that wins just past it


def weight_samples(shares: Sequence[float], sampling: Sampling) -> Array:
    """Weight vectors (rows summing to 1) around the given shares, or uniform over all.

    Around the shares, each weight is multiplied by a log-normal factor (median 1, σ of
    its log `spread`) and the vector rescaled: a criterion keeps its importance on
    average and a zero weight stays zero. Uniform draws come from a flat Dirichlet.
    """
    rng = np.random.default_rng(sampling.seed)
    count = len(shares)
    if sampling.uniform:
        return rng.dirichlet(np.ones(count), size=sampling.samples)
    base = np.asarray(shares, dtype=np.float64)
    drawn = base * rng.lognormal(0.0, sampling.spread, size=(sampling.samples, count))
    totals = drawn.sum(axis=1, keepdims=True)
    return np.divide(drawn, totals, out=np.zeros_like(drawn), where=totals > 0)


def weighted_sum_scores(values: Array, weights: Array) -> Array:
    """0-100 scores, (S, N) for (S, C) weights: criteria that do not apply drop out and
    the others share their weight, as in `core.scoring`."""
    applies = ~np.isnan(values)
    known = np.where(applies, values, 0.0)
    points = weights @ known.T
    applicable = weights @ applies.T.astype(np.float64)
    return 100.0 * np.divide(points, applicable, out=np.zeros_like(points), where=applicable > 0)


def acceptability(values: Array, samples: Array) -> Acceptability:
    """Rank acceptability of each row over the sampled weight vectors.

    Of equal scores the lower row ranks higher, as ties go to the lower platform id.
    """
    rows = values.shape[0]
    first = np.zeros(rows, dtype=np.int64)
    top = np.zeros(rows, dtype=np.int64)
    for start in range(0, samples.shape[0], CHUNK):
        scores = weighted_sum_scores(values, samples[start : start + CHUNK])
        first += np.bincount(np.argmax(scores, axis=1), minlength=rows)
        top += _top_three(scores).sum(axis=0)
    return Acceptability(first / samples.shape[0], top / samples.shape[0])


def _top_three(scores: Array) -> NDArray[np.bool_]:
    """Which rows rank in the top three of each sample, ties going to the lower row."""
    rows = scores.shape[1]
    if rows <= 3:
        return np.ones(scores.shape, dtype=np.bool_)
    third = -np.partition(-scores, 2, axis=1)[:, 2:3]
    above = scores > third
    level = scores == third
    room = 3 - above.sum(axis=1, keepdims=True)
    return above | (level & (np.cumsum(level, axis=1) <= room))


def tipping_points(
    values: Array, shares: Sequence[float], criterion: int
) -> tuple[Tip | None, Tip | None]:
    """The nearest share below and above the current one where the winner changes.

    With the criterion's share at x and the others rescaled by (1 - x) / (1 - current),
    each row scores (a + b·x) / (c + d·x); two rows swap places only where the
    difference of two such ratios is zero, a quadratic in x. Between consecutive roots
    the winner cannot change, so checking one point in each gap finds the first change
    exactly. None on a side where no share (short of all or none of the weight) changes
    the winner.
    """
    current = shares[criterion]
    if current >= 1.0:
        return None, None
    line = Lines.of(values, np.asarray(shares, dtype=np.float64), criterion)
    winner = line.winner(current)
    roots = line.crossings(winner)
    below = [r for r in roots if r < current]
    above = [r for r in roots if r > current]
    return (
        _first_change(line, winner, current, sorted(below, reverse=True), EDGE),
        _first_change(line, winner, current, sorted(above), 1.0 - EDGE),
    )


@dataclass(frozen=True)
class Lines:
    """Each row's points and applicable weight as affine functions of one criterion's
    share x of the weight, the others rescaled: the row scores 100 (a + b·x) / (c + d·x)."""

    a: Array
    b: Array
    c: Array
    d: Array

    @classmethod
    def of(cls, values: Array, shares: Array, criterion: int) -> Lines:
        applies = ~np.isnan(values)
        known = np.where(applies, values, 0.0)
        others = shares.copy()
        others[criterion] = 0.0
        rescale = 1.0 / (1.0 - shares[criterion])
        points = rescale * (known @ others)
        weight = rescale * (applies.astype(np.float64) @ others)
        own_points = known[:, criterion]
        own_weight = applies[:, criterion].astype(np.float64)
        return cls(points, own_points - points, weight, own_weight - weight)

    def scores(self, x: float) -> Array:
        points = self.a + self.b * x
        weight = self.c + self.d * x
        return 100.0 * np.divide(points, weight, out=np.zeros_like(points), where=weight > 1e-12)

    def common_denominator(self) -> bool:
        """Every row has the same applicable weight: the same criteria apply to all."""
        return bool(np.all(self.c == self.c[0]) and np.all(self.d == self.d[0]))

    def winner(self, x: float) -> int:
        return int(np.argmax(self.scores(x)))

    def crossings(self, row: int) -> list[float]:
        """Shares in (0, 1) where some other row's score equals this row's."""
        roots: list[float] = []
        for other in range(len(self.a)):
            if other != row:
                roots.extend(self._equal_at(row, other))
        return sorted(set(roots))

    def _equal_at(self, i: int, j: int) -> list[float]:
        # (a_i + b_i x)(c_j + d_j x) - (a_j + b_j x)(c_i + d_i x) = q2 x² + q1 x + q0
        q2 = self.b[i] * self.d[j] - self.b[j] * self.d[i]
        q1 = (
            self.a[i] * self.d[j]
            + self.b[i] * self.c[j]
            - self.a[j] * self.d[i]
            - self.b[j] * self.c[i]
        )
        q0 = self.a[i] * self.c[j] - self.a[j] * self.c[i]
        scale = max(abs(q2), abs(q1), abs(q0))
        if scale == 0.0:
            return []  # the two rows score alike at every share
        roots = np.roots(np.array([q2, q1, q0]) / scale)
        real = roots[np.abs(roots.imag) <= 1e-12].real
        return [float(r) for r in real if EDGE < r < 1.0 - EDGE]


def _first_change(
    line: Lines, winner: int, start: float, roots: Sequence[float], end: float
) -> Tip | None:
    """Walking from the current share towards `end`, the first boundary past which
    another row wins: the winner can change only at a root, so one point per gap tells."""
    bounds = [start, *roots, end]
    for near, far in pairwise(bounds):
        new = line.winner((near + far) / 2)
        if new != winner:
            return Tip(near, new)
    return None
