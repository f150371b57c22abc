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

from platform_advisor.core.methods import advisor_scores
from platform_advisor.core.sampling import Sampling
from platform_advisor.models.result import MethodName

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Array = NDArray[np.float64]

#: Shares are explored from EDGE to 1 - EDGE: with all or none of the weight on one
#: criterion, the rows it does not apply to would have no score at all.
EDGE = 1e-9
#: Samples scored at once: bounds memory to a few MB whatever the number of candidates.
CHUNK = 2_048
#: Shares tried on each side, for methods whose tipping points are scanned for.
SCAN_STEPS = 1_000
BISECTIONS = 50


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
    drawn_shares: Array = np.divide(drawn, totals, out=np.zeros_like(drawn), where=totals > 0)
    return drawn_shares


def weighted_sum_scores(values: Array, weights: Array) -> Array:
    """0-100 scores, (S, N) for (S, C) weights: criteria that do not apply drop out and
    the others share their weight, as in `core.scoring`."""
    applies = ~np.isnan(values)
    known = np.where(applies, values, 0.0)
    points = weights @ known.T
    applicable = weights @ applies.T.astype(np.float64)
    return 100.0 * np.divide(points, applicable, out=np.zeros_like(points), where=applicable > 0)


def scores_under(method: MethodName, values: Array, weights: Array) -> Array:
    """Every row's score under each weight vector, (S, N), by the given method."""
    if method == "weighted_sum":
        return weighted_sum_scores(values, weights)
    return advisor_scores(method, values, weights)


def acceptability(
    values: Array, samples: Array, method: MethodName = "weighted_sum"
) -> Acceptability:
    """Rank acceptability of each row over the sampled weight vectors.

    Of equal scores the lower row ranks higher, as ties go to the lower platform id.
    """
    rows = values.shape[0]
    first = np.zeros(rows, dtype=np.int64)
    top = np.zeros(rows, dtype=np.int64)
    for start in range(0, samples.shape[0], CHUNK):
        scores = scores_under(method, values, samples[start : start + CHUNK])
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
    chosen: NDArray[np.bool_] = above | (level & (np.cumsum(level, axis=1) <= room))
    return chosen


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
        """Shares in (0, 1) where some other row's score equals this row's.

        (a_i + b_i x)(c_j + d_j x) - (a_j + b_j x)(c_i + d_i x) = q2 x² + q1 x + q0 = 0,
        solved for every other row j at once.
        """
        a, b, c, d = self.a, self.b, self.c, self.d
        q2 = b[row] * d - b * d[row]
        q1 = a[row] * d + b[row] * c - a * d[row] - b * c[row]
        q0 = a[row] * c - a * c[row]
        scale = np.maximum(np.maximum(np.abs(q2), np.abs(q1)), np.abs(q0))
        alike = scale == 0.0  # two rows that score alike at every share (and the row itself)
        scale[alike] = 1.0
        roots = _quadratic_roots(q2 / scale, q1 / scale, q0 / scale)[:, ~alike].ravel()
        inside = roots[(roots > EDGE) & (roots < 1.0 - EDGE)]
        return sorted({float(root) for root in inside})


def _quadratic_roots(q2: Array, q1: Array, q0: Array) -> Array:
    """The real roots of q2 x² + q1 x + q0 as two rows (NaN where there is none).

    Written to stay accurate when q2 is tiny (the equation is then nearly linear): the
    root farther from zero comes from the usual formula with the sign that avoids
    cancellation, the nearer from the product of the roots, q0 / q2.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        discriminant = q1 * q1 - 4.0 * q2 * q0
        root = np.sqrt(np.where(discriminant >= 0.0, discriminant, np.nan))
        half = -0.5 * (q1 + np.copysign(root, q1))
        first = np.where(half != 0.0, q0 / half, np.nan)
        second = np.where(q2 != 0.0, half / q2, np.nan)
    return np.vstack([first, second])


def scanned_tipping_points(
    values: Array, shares: Sequence[float], criterion: int, method: MethodName
) -> tuple[Tip | None, Tip | None]:
    """Tipping points for a method whose scores are not ratios of affine functions.

    Each side is scanned at SCAN_STEPS evenly spaced shares and the first change of
    winner is narrowed by bisection to machine precision; a change confined to a window
    narrower than one step could be missed (docs/scoring.md).
    """
    current = shares[criterion]
    if current >= 1.0:
        return None, None
    along = _Along(values, np.asarray(shares, dtype=np.float64), criterion, method)
    winner = along.winners(np.array([current]))[0]
    return along.first_change(winner, current, EDGE), along.first_change(
        winner, current, 1.0 - EDGE
    )


@dataclass(frozen=True)
class _Along:
    """Winners of the rows as one criterion's share moves, the others rescaled."""

    values: Array
    shares: Array
    criterion: int
    method: MethodName

    def weights(self, xs: Array) -> Array:
        others = self.shares.copy()
        others[self.criterion] = 0.0
        rows = np.outer((1.0 - xs) / (1.0 - self.shares[self.criterion]), others)
        rows[:, self.criterion] = xs
        return rows

    def winners(self, xs: Array) -> NDArray[np.intp]:
        scores = scores_under(self.method, self.values, self.weights(xs))
        best: NDArray[np.intp] = np.argmax(scores, axis=1)
        return best

    def first_change(self, winner: int, start: float, end: float) -> Tip | None:
        xs = np.linspace(start, end, SCAN_STEPS + 1)[1:]
        changed = np.flatnonzero(self.winners(xs) != winner)
        if changed.size == 0:
            return None
        near = start if changed[0] == 0 else float(xs[changed[0] - 1])
        far = float(xs[changed[0]])
        for _ in range(BISECTIONS):
            middle = (near + far) / 2
            if self.winners(np.array([middle]))[0] == winner:
                near = middle
            else:
                far = middle
        return Tip(near, int(self.winners(np.array([far]))[0]))


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
