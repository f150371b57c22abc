"""How far each recommendation depends on the weights: acceptability and tipping points.

Weights are judgements. Two questions put them to the test (docs/scoring.md):

- **Rank acceptability** (SMAA-2): over many weight vectors drawn around the profile's
  weights, the share in which each candidate ranks first, and in the top three.
- **Tipping points**: for each criterion, the smallest rise and the smallest fall of its
  share of the weight (the others rescaled in proportion) that changes a function's
  winner; exact for the weighted sum, where every score is a ratio of two affine
  functions of that share.

The module works on plain arrays: a function's candidates are rows, the criteria columns,
values 0-1 with NaN where a criterion does not apply. Candidates are expected in ranking
order (ties by platform id), so the first of equal scores is the one the rankings put
first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from platform_advisor.algorithms import MethodName
from platform_advisor.algorithms.methods import advisor_scores
from platform_advisor.algorithms.sampling import Sampling

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Array = NDArray[np.float64]

#: Shares are explored from EDGE to 1 - EDGE: with all or none of the weight on one
#: criterion, the rows it does not apply to would have no score at all.
EDGE = 1e-9
#: Scores computed at once (samples × candidates): bounds memory to a few MB.
CHUNK_CELLS = 1 << 19
#: Up to this many candidates, each sample's top three come from a stable sort.
SORTED_ROWS = 24
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
    chunk = max(256, CHUNK_CELLS // rows)
    for start in range(0, samples.shape[0], chunk):
        scores = scores_under(method, values, samples[start : start + chunk])
        if rows <= SORTED_ROWS:  # a stable sort is quicker for a few rows
            leaders = np.argsort(-scores, axis=1, kind="stable")[:, :3]
            first += np.bincount(leaders[:, 0], minlength=rows)
            top += np.bincount(leaders.ravel(), minlength=rows)
        else:
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
    """The nearest share below and above one criterion's current share where the winner
    changes; see `all_tipping_points`."""
    return all_tipping_points(values, shares)[criterion]


def all_tipping_points(
    values: Array, shares: Sequence[float]
) -> list[tuple[Tip | None, Tip | None]]:
    """For every criterion, the nearest share below and above its current one where the
    winner stops winning (of equal scores, the first row wins, as in the rankings).

    With criterion k's share at x and the others rescaled by (1 - x) / (1 - current),
    each row scores (a + b·x) / (c + d·x); two rows swap places only where the
    difference of two such ratios is zero, a quadratic in x. Between consecutive roots
    the winner cannot change, so checking one point in each gap finds the first change
    exactly. All criteria are solved at once. None on a side where no share (short of
    all or none of the weight) changes the winner.
    """
    current = np.asarray(shares, dtype=np.float64)
    winner = int(np.argmax(weighted_sum_scores(values, current[None, :])[0]))
    lines = Lines.of(values, current, winner)
    roots = lines.crossings_with_winner()
    below = lines.first_changes(np.where(roots < current[:, None], roots, np.nan), EDGE)
    above = lines.first_changes(np.where(roots > current[:, None], roots, np.nan), 1.0 - EDGE)
    return [
        (None, None) if current[k] >= 1.0 else (below[k], above[k]) for k in range(len(current))
    ]


@dataclass(frozen=True)
class Lines:
    """Each row's points and applicable weight as affine functions of one criterion's
    share x of the weight, the others rescaled: the row scores 100 (a + b·x) / (c + d·x).
    Arrays of criteria × rows: every criterion at once."""

    current: Array
    winner: int
    a: Array
    b: Array
    c: Array
    d: Array

    @classmethod
    def of(cls, values: Array, shares: Array, winner: int = 0) -> Lines:
        applies = ~np.isnan(values)
        known = np.where(applies, values, 0.0)
        weight = applies.astype(np.float64)
        with np.errstate(divide="ignore"):
            rescale = np.where(shares < 1.0, 1.0 / (1.0 - shares), 0.0)[:, None]
        points = rescale * (known @ shares - known.T * shares[:, None])
        total = rescale * (weight @ shares - weight.T * shares[:, None])
        return cls(shares, winner, points, known.T - points, total, weight.T - total)

    def crossings_with_winner(self) -> Array:
        """Per criterion, the shares in (0, 1) where a row's score equals the winner's."""
        a, b, c, d = self.a, self.b, self.c, self.d
        w = slice(self.winner, self.winner + 1)
        a0, b0, c0, d0 = a[:, w], b[:, w], c[:, w], d[:, w]
        q2 = b0 * d - b * d0
        q1 = a0 * d + b0 * c - a * d0 - b * c0
        q0 = a0 * c - a * c0
        scale = np.maximum(np.maximum(np.abs(q2), np.abs(q1)), np.abs(q0))
        alike = scale == 0.0  # the winner itself, and rows that score alike at every share
        scale[alike] = 1.0
        roots = _quadratic_roots(q2 / scale, q1 / scale, q0 / scale)
        roots[:, alike] = np.nan
        roots = roots.transpose(1, 0, 2).reshape(len(self.current), -1)
        return np.where((roots > EDGE) & (roots < 1.0 - EDGE), roots, np.nan)

    def first_changes(self, roots: Array, end: float) -> list[Tip | None]:
        """Walking from each current share towards `end` through its roots, the first
        boundary past which another row leads."""
        ordered = np.sort(np.where(np.isnan(roots), np.inf, np.abs(roots - self.current[:, None])))
        step = np.sign(end - self.current)[:, None]
        inner = np.where(np.isinf(ordered), np.nan, self.current[:, None] + step * ordered)
        bounds = np.concatenate(
            [self.current[:, None], inner, np.full((len(self.current), 1), end)], axis=1
        )
        bounds = np.where(np.isnan(bounds), end, bounds)  # unused slots after the last root
        middles = (bounds[:, :-1] + bounds[:, 1:]) / 2
        leaders = self._leaders(middles)
        moved = (leaders != self.winner) & (bounds[:, 1:] != bounds[:, :-1])
        tips: list[Tip | None] = []
        for k in range(len(self.current)):
            changed = np.flatnonzero(moved[k])
            first = int(changed[0]) if changed.size else -1
            tips.append(
                Tip(float(bounds[k, first]), int(leaders[k, first])) if first >= 0 else None
            )
        return tips

    def _leaders(self, xs: Array) -> NDArray[np.intp]:
        """The leading row at each of each criterion's shares: criteria × shares."""
        x = xs[:, :, None]
        points = self.a[:, None, :] + self.b[:, None, :] * x
        weight = self.c[:, None, :] + self.d[:, None, :] * x
        scores = np.divide(points, weight, out=np.zeros_like(points), where=weight > 1e-12)
        leaders: NDArray[np.intp] = np.argmax(scores, axis=2)
        return leaders

    def along(self, criterion: int) -> Line:
        """The lines of one criterion."""
        return Line(self.a[criterion], self.b[criterion], self.c[criterion], self.d[criterion])


@dataclass(frozen=True)
class Line:
    """The rows' lines along one criterion's share x (see `Lines`)."""

    a: Array
    b: Array
    c: Array
    d: Array

    def scores(self, x: float) -> Array:
        points = self.a + self.b * x
        weight = self.c + self.d * x
        return 100.0 * np.divide(points, weight, out=np.zeros_like(points), where=weight > 1e-12)

    def common_denominator(self) -> bool:
        """Every row has the same applicable weight: the same criteria apply to all."""
        return bool(np.all(self.c == self.c[0]) and np.all(self.d == self.d[0]))


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
    return np.stack([first, second])


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
