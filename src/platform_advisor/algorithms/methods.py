"""Scoring methods: weighted sum, weighted product and TOPSIS, over a matrix of values.

The advisor's evaluators give every candidate a value from 0 to 1 on each criterion
("higher is better"), or no value where the criterion does not apply. This module turns
such a matrix (candidates are rows, criteria columns, NaN where a criterion does not
apply) and one or many weight vectors into scores from 0 to 100 by any of three methods,
and ranks candidates by them (docs/scoring.md, "Scoring methods"):

- **weighted sum**: 100 × Σ share·value, exactly the advisor's default score;
- **weighted product**: 100 × Π value^share;
- **TOPSIS**: closeness to the best values of the candidates rather than to 1.

In every method a criterion that does not apply to a candidate drops out of its score
and the others share its weight, so a candidate is never punished for a criterion that
says nothing about it. `decision_scores` does the same for a raw decision matrix of the
literature (prices, hours, ratings on any scale), normalising it first, cost criteria
inverted.

Everything is vectorised: many weight vectors at once (rank acceptability samples ten
thousand) are scored a chunk at a time, so that besides the (S, N) result, temporaries
stay within a few blocks of CHUNK_CELLS floats however many candidates and samples.
Nothing here warns, or returns NaN or infinity, whatever the data: zero values,
constant and all-zero columns, criteria that apply to no one, all have a documented
result. A malformed call (wrong shapes, negative or non-finite weights) is a
programming error and raises ValueError.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

import numpy as np

from platform_advisor.algorithms import METHODS, MethodName

if TYPE_CHECKING:
    from numpy.typing import NDArray

    Array = NDArray[np.float64]
    IntArray = NDArray[np.intp]
    Flags = NDArray[np.bool_]
    Scorer = Callable[[Array, Array], None]
    Normaliser = Callable[[Array, Flags, Array | None], Array]


Normalisation = Literal["linear-max", "vector", "min-max"]
NORMALISATIONS: tuple[Normalisation, ...] = ("linear-max", "vector", "min-max")
#: What `decision_scores` uses unless told otherwise: each method's usual one.
DEFAULT_NORMALISATION: dict[MethodName, Normalisation] = {
    "weighted_sum": "linear-max",
    "weighted_product": "linear-max",
    "topsis": "vector",
}

#: Cells of a weights-by-candidates block scored at once (16 MB of floats): bounds the
#: memory of many weight vectors whatever the number of candidates.
CHUNK_CELLS = 1 << 21
#: Rows handled per step where a per-column constant is subtracted (`_squared_distances`).
BLOCK_ROWS = 2_048
#: Scores (0-100) closer than this rank as ties: far finer than a report's 0.1, far
#: coarser than the last bits of a float, where sums of the same terms in another order
#: differ.
TIE_TOLERANCE = 1e-9
#: The least value the advisor's weighted product uses: a zero would make any candidate
#: score 0, and zeros are common among evaluator values.
PRODUCT_FLOOR = 0.01
#: A TOPSIS column shorter than this counts as all zeros: its values are noise.
SHORTEST_COLUMN = 1e-100
#: TOPSIS's closeness when a candidate is both the best and the worst on every criterion.
TIED_CLOSENESS = 0.5


# Public entry points ------------------------------------------------------------------


def advisor_scores(method: MethodName, values: Array, weights: Array) -> Array:
    """`method_scores` on the advisor's evaluator values.

    For the weighted product each value is first raised to PRODUCT_FLOOR: a criterion a
    candidate meets not at all (an audience channel it does not reach, no link to the
    tools in use) then costs it dearly instead of vetoing it, as a literal zero would.
    """
    if method == "weighted_product":
        values = np.where(values < PRODUCT_FLOOR, PRODUCT_FLOOR, values)  # NaN stays NaN
    return method_scores(method, values, weights)


def method_scores(method: MethodName, values: Array, weights: Array) -> Array:
    """Scores 0-100 of N candidates from their values (N×C, 0-1, NaN: not applicable).

    `weights` is one vector (C,) or one per row (S, C), non-negative and relative; the
    result has shape (N,) or (S, N). Weighted sum and weighted product use the values as
    they are; TOPSIS first divides each column by its length over the candidates.
    """
    matrix = np.ascontiguousarray(values, dtype=np.float64)
    if method == "weighted_sum" and np.ndim(weights) == 1 and matrix.ndim == 2:
        quick = _quick_weighted_sum(matrix, np.asarray(weights, dtype=np.float64))
        if quick is not None:
            return quick
    matrix, applicable = _checked_matrix(matrix)
    matrix, applicable, rows = _without_empty_criteria(
        matrix, applicable, _checked_weights(weights, matrix.shape[1])
    )
    scale = _vector_scale(matrix, applicable) if method == "topsis" else None
    scores = _scores(_scorer(method, matrix, applicable, scale), rows, matrix.shape[0])
    return scores[0] if np.ndim(weights) == 1 else scores


def decision_scores(
    method: MethodName,
    matrix: Array,
    weights: Array,
    benefit: Flags,
    normalisation: Normalisation | None = None,
) -> Array:
    """Scores 0-100 for a raw decision matrix, as the literature's worked examples give it.

    `benefit` says per column whether more is better (False: a cost, such as a price).
    The matrix is normalised to a 0-1 "higher is better" scale (`normalise`; by default
    linear-max for the sums and products, vector for TOPSIS), then scored; TOPSIS takes
    its ideal and anti-ideal from the normalised columns.
    """
    if method not in DEFAULT_NORMALISATION:
        raise ValueError(f"unknown scoring method {method!r}; one of {METHODS}")
    normalised = normalise(matrix, benefit, normalisation or DEFAULT_NORMALISATION[method])
    normalised, applicable, rows = _without_empty_criteria(
        normalised, _applicable(normalised), _checked_weights(weights, normalised.shape[1])
    )
    scores = _scores(_scorer(method, normalised, applicable, None), rows, normalised.shape[0])
    return scores[0] if np.ndim(weights) == 1 else scores


def normalise(matrix: Array, benefit: Flags, normalisation: Normalisation) -> Array:
    """Each column on a 0-1 scale where higher is better; NaN (not applicable) stays NaN.

    - linear-max: x / max for a benefit, min / x for a cost (a zero cost scores 1);
    - vector: x / √Σx² for a benefit, 1 − x / √Σx² for a cost;
    - min-max: (x − min) / (max − min), or (max − x) / (max − min) for a cost.

    Linear-max and vector need values of 0 or more. A column with no spread says nothing:
    min-max and linear-max give every candidate 1 on it, and an all-zero column is 0 for
    a benefit and 1 for a cost under vector normalisation.
    """
    data, applicable = _checked_matrix(matrix)
    mask = np.asarray(benefit, dtype=np.bool_)
    if mask.shape != (data.shape[1],):
        raise ValueError(f"benefit needs one flag per column ({data.shape[1]}), got {mask.shape}")
    if normalisation not in NORMALISATIONS:
        raise ValueError(f"unknown normalisation {normalisation!r}; one of {NORMALISATIONS}")
    if normalisation != "min-max" and bool(np.any(data < 0)):
        raise ValueError(f"{normalisation} normalisation needs values of 0 or more")
    return _NORMALISERS[normalisation](data, mask, applicable)


def rank_order(scores: Array, tie_order: IntArray | None = None) -> IntArray:
    """Candidates' indices best first, along the last axis of (N,) or (S, N) scores.

    Scores within TIE_TOLERANCE of each other are ties, and ties keep `tie_order`: each
    candidate's place in the tie-break order (for the advisor, its platform id's place
    in sorted order), or by default its index. Two platforms whose weighted values add
    up to the same score by different routes can differ in the last bits of a float;
    without the tolerance, that noise would choose between them.
    """
    negated = -scores
    order = negated.argsort(axis=-1)
    tied = _tied_rows(negated, order)
    if tied is None:
        return order
    count = scores.shape[-1]
    keys = np.arange(count) if tie_order is None else np.asarray(tie_order)
    if keys.shape != (count,):
        raise ValueError(f"tie_order needs one key per candidate ({count}), got {keys.shape}")
    if order.ndim == 1:
        return np.lexsort((keys, -_tie_grid(scores)))
    chosen = _tie_grid(scores[tied])
    order[tied] = np.lexsort((np.broadcast_to(keys, chosen.shape), -chosen), axis=-1)
    return order


def _tied_rows(negated: Array, order: IntArray) -> IntArray | None:
    """The rows holding two scores within TIE_TOLERANCE ([0] for a single row), or None.

    `order` sorts `negated` (the scores negated) ascending. The common case, one row and
    no tie, costs three quick numpy calls.
    """
    if negated.shape[-1] < 2:
        return None
    if order.ndim == 1:
        ordered = negated[order]
        if (ordered[1:] - ordered[:-1]).min() > TIE_TOLERANCE:
            return None
        return np.zeros(1, dtype=np.intp)
    ordered = np.take_along_axis(negated, order, axis=-1)
    rows = np.flatnonzero((ordered[:, 1:] - ordered[:, :-1]).min(axis=-1) <= TIE_TOLERANCE)
    return rows if rows.size else None


def _tie_grid(scores: Array) -> Array:
    """Scores rounded to TIE_TOLERANCE, so that near-equal ones compare equal."""
    grid: Array = np.round(scores / TIE_TOLERANCE)
    return grid


# The common case, fast ---------------------------------------------------------------


def _quick_weighted_sum(matrix: Array, weights: Array) -> Array | None:
    """The weighted sum for one weight vector when every criterion applies, else None.

    This is the advisor's default score, computed for every function of every report:
    one matrix-vector product with the shares, with the checks folded into a few
    reductions. A NaN or infinity anywhere shows in the result, and sends the call to
    the general path, which handles the first and refuses the second.
    """
    if weights.shape != (matrix.shape[1],) or matrix.shape[0] == 0:
        return None
    listed = weights.tolist()  # for a few criteria, Python's sum and min are quicker
    total = sum(listed)
    if not (0.0 < total < math.inf and min(listed) >= 0.0):  # NaN fails both
        return None
    factor = 100.0 / total
    if math.isinf(factor):
        return None
    scores: Array = matrix @ (weights * factor)
    top = scores.max()
    if top <= 100.0:  # the usual case; NaN fails it
        return scores
    if math.isnan(top) or math.isinf(top):
        return None
    np.minimum(scores, 100.0, out=scores)  # a few ulps over: values of 1, shares rounded up
    return scores


# Checks -------------------------------------------------------------------------------


def _checked_matrix(values: Array) -> tuple[Array, Array | None]:
    """The values as a C-ordered float matrix, and where they apply (`_applicable`).

    Infinities are refused; NaN means "does not apply". One sum tells a matrix without
    either (the usual case) at the cost of a single pass.
    """
    matrix = np.ascontiguousarray(values, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError(f"values must be a matrix (candidates × criteria), got {matrix.shape}")
    if np.isfinite(matrix.sum()):
        return matrix, None
    if bool(np.any(np.isinf(matrix))):
        raise ValueError("values must be finite numbers, or NaN where a criterion does not apply")
    return matrix, _applicable(matrix)


def _checked_weights(weights: Array, criteria: int) -> Array:
    """The weights as rows (S, C), each finite and non-negative."""
    rows = np.asarray(weights, dtype=np.float64)
    if rows.ndim == 1:
        rows = rows[np.newaxis]
    if rows.ndim != 2 or rows.shape[1] != criteria:
        raise ValueError(
            f"weights must have shape ({criteria},) or (S, {criteria}), got {rows.shape}"
        )
    if rows.size and not (np.isfinite(rows.sum()) and rows.min() >= 0):
        raise ValueError("weights must be finite and 0 or more")
    return rows


def _without_empty_criteria(
    matrix: Array, applicable: Array | None, rows: Array
) -> tuple[Array, Array | None, Array]:
    """The matrix and weights without the criteria that apply to no candidate.

    Such a criterion changes no score, and without it the others often apply to every
    candidate (within one function they do), which takes the quicker path.
    """
    if applicable is None:
        return matrix, None, rows
    used = applicable.any(axis=0)
    if used.all():
        return matrix, applicable, rows
    kept = applicable[:, used]
    return (
        np.ascontiguousarray(matrix[:, used]),
        None if kept.all() else np.ascontiguousarray(kept),
        np.ascontiguousarray(rows[:, used]),
    )


# Scoring in chunks --------------------------------------------------------------------


def _scores(scorer: Scorer, rows: Array, candidates: int) -> Array:
    """Score every weight row, a chunk of rows at a time, into one (S, N) array.

    Weights are relative, so each row is first divided by its largest weight: tiny or
    huge weights then neither underflow nor overflow when multiplied or squared.
    """
    tops = rows.max(axis=1, keepdims=True, initial=0.0)
    rows = np.divide(rows, tops, out=np.zeros(rows.shape), where=tops > 0)
    out = np.empty((rows.shape[0], candidates))
    step = max(1, CHUNK_CELLS // max(candidates, 1))
    for start in range(0, rows.shape[0], step):
        scorer(rows[start : start + step], out[start : start + step])
    return out


def _scorer(
    method: MethodName, matrix: Array, applicable: Array | None, scale: Array | None
) -> Scorer:
    """A function writing the scores (k, N) of weight rows (k, C) into its second argument.

    What a method needs of the matrix is prepared once, for every chunk of rows.

    `applicable` is 1.0 where a criterion applies and 0.0 where it does not (NaN in the
    matrix), or None when all apply.
    """
    if method == "weighted_sum":
        return _weighted_sum(matrix, applicable)
    if method == "weighted_product":
        return _weighted_product(matrix, applicable)
    if method == "topsis":
        return _topsis(matrix, applicable, scale)
    raise ValueError(f"unknown scoring method {method!r}; one of {METHODS}")


def _applicable(matrix: Array) -> Array | None:
    """1.0 where a criterion applies, 0.0 where it does not; None when all apply."""
    missing = np.isnan(matrix)
    return None if not missing.any() else (~missing).astype(np.float64)


def _totals(rows: Array, applicable: Array | None) -> Array:
    """Each candidate's applicable weight per row: (k, 1) when all apply, else (k, N)."""
    totals: Array = rows.sum(axis=1, keepdims=True) if applicable is None else rows @ applicable.T
    return totals


def _ratio(numerator: Array, totals: Array) -> Array:
    """numerator / totals, 0 where no weight applies (a candidate nothing can judge)."""
    ratio: Array = np.divide(numerator, totals, out=np.zeros(numerator.shape), where=totals > 0)
    return ratio


def _weighted_sum(matrix: Array, applicable: Array | None) -> Scorer:
    """100 × Σ share·value over the criteria that apply.

    When all apply, the shares are the same for every candidate and the scores one
    matrix product, written in place: rank acceptability scores ten thousand rows.
    Scores are never negative; they are capped at 100, a few ulps above which a sum of
    values of 1 can land.
    """
    filled = matrix if applicable is None else np.nan_to_num(matrix, nan=0.0)

    def score(rows: Array, out: Array) -> None:
        if applicable is None:
            shares = _ratio(rows * 100.0, _totals(rows, None))
            np.matmul(shares, filled.T, out=out)
        else:
            np.multiply(_ratio(rows @ filled.T, _totals(rows, applicable)), 100.0, out=out)
        np.minimum(out, 100.0, out=out)

    return score


def _weighted_product(matrix: Array, applicable: Array | None) -> Scorer:
    """100 × Π value^share over the criteria that apply; a zero value with weight gives 0.

    Computed as exp(Σ share·log value) with zeros kept out of the logarithm (no warning,
    no infinity) and counted apart: a candidate with a zero on a weighted criterion
    scores 0.
    """
    positive = matrix > 0  # False for NaN and zero
    logs = np.log(matrix, out=np.zeros(matrix.shape), where=positive)
    zeros = (matrix == 0).astype(np.float64)
    has_zero = bool(zeros.any())

    def score(rows: Array, out: Array) -> None:
        totals = _totals(rows, applicable)
        np.exp(_ratio(rows @ logs.T, totals), out=out)
        np.multiply(out, 100.0, out=out)
        np.minimum(out, 100.0, out=out)
        out[np.broadcast_to(totals <= 0, out.shape)] = 0.0
        if has_zero:
            out[(rows > 0).astype(np.float64) @ zeros.T > 0] = 0.0

    return score


def _topsis(matrix: Array, applicable: Array | None, scale: Array | None) -> Scorer:
    """100 × d⁻ / (d⁺ + d⁻): distances to the anti-ideal and ideal, weighted.

    The ideal (anti-ideal) of a column is its best (worst) value over the candidates it
    applies to. Each candidate's distances run over its applicable criteria with its own
    shares; as closeness is a ratio of distances, only the weights' proportions matter.
    `scale` multiplies each column first (vector normalisation); columns are weighted by
    share × scale, so the matrix itself is never rescaled.
    """
    ideal = _column_reduce(np.fmax, matrix)
    worst = _column_reduce(np.fmin, matrix)
    missing = applicable is not None

    def score(rows: Array, out: Array) -> None:
        squares = np.square(rows if scale is None else rows * scale)
        to_ideal, to_worst = _squared_distances(matrix, (ideal, worst), squares, missing)
        np.sqrt(to_ideal, out=to_ideal)
        np.sqrt(to_worst, out=to_worst)
        span = to_ideal + to_worst
        closeness = np.divide(
            to_worst, span, out=np.full(span.shape, TIED_CLOSENESS), where=span > 0
        )
        np.multiply(closeness, 100.0, out=out)
        out[np.broadcast_to(_totals(rows, applicable) <= 0, out.shape)] = 0.0

    return score


# Column arithmetic --------------------------------------------------------------------


def _column_reduce(ufunc: np.ufunc, matrix: Array) -> Array:
    """`ufunc` reduced down each column, NaN ignored by fmax/fmin, all-NaN giving NaN.

    A tall matrix of a few columns reduces slowly along its short rows, so most of it is
    viewed as wide rows of many candidates each, reduced, then folded back to columns.
    """
    count, criteria = matrix.shape
    if count == 0 or criteria == 0:
        return np.full(criteria, np.nan)
    per_row = max(1, min(count, BLOCK_ROWS // max(criteria, 1)))
    whole = count // per_row * per_row
    wide = matrix[:whole].reshape(-1, per_row * criteria)
    result: Array = ufunc.reduce(ufunc.reduce(wide, axis=0).reshape(per_row, criteria), axis=0)
    if whole < count:
        result = ufunc(result, ufunc.reduce(matrix[whole:], axis=0))
    return result


def _squared_distances(
    matrix: Array, references: tuple[Array, ...], squares: Array, missing: bool
) -> list[Array]:
    """Σ_j squares[k, j] × (x[i, j] − reference[j])² for each reference: (k, N) each.

    A NaN value (criterion not applicable; `missing` says there are some) adds nothing.
    Subtracting a row from a matrix of few columns is slow in numpy (its inner loop is
    one short row), and full-size temporaries are slow to allocate, so the matrix is
    read in blocks of rows, each handled as one flat run against the reference
    repeated, in one reused buffer.
    """
    count, criteria = matrix.shape
    totals = [np.zeros((squares.shape[0], count)) for _ in references]
    if criteria == 0:
        return totals
    block = max(1, min(count, BLOCK_ROWS))
    repeated = [np.broadcast_to(ref, (block, criteria)).ravel() for ref in references]
    buffer = np.empty(block * criteria)
    flat = matrix.reshape(-1)
    for start in range(0, count, block):
        stop = min(start + block, count)
        cells = slice(start * criteria, stop * criteria)
        gaps = buffer[: (stop - start) * criteria]
        for total, reference in zip(totals, repeated, strict=True):
            np.subtract(flat[cells], reference[: gaps.size], out=gaps)
            np.square(gaps, out=gaps)
            if missing:
                gaps[np.isnan(gaps)] = 0.0
            total[:, start:stop] = squares @ gaps.reshape(-1, criteria).T
    return totals


def _vector_scale(matrix: Array, applicable: Array | None) -> Array:
    """1 / √Σx² of each column over the candidates it applies to; 0 for a column of zeros
    (or of values so near zero, under SHORTEST_COLUMN, that squaring the scale would
    overflow)."""
    filled = matrix if applicable is None else np.nan_to_num(matrix, nan=0.0)
    lengths = np.sqrt(np.einsum("ij,ij->j", filled, filled))
    scale: Array = np.divide(
        1.0, lengths, out=np.zeros(lengths.shape), where=lengths > SHORTEST_COLUMN
    )
    return scale


# Normalisations of raw decision matrices ----------------------------------------------


def _linear_max(data: Array, benefit: Flags, applicable: Array | None) -> Array:
    """x / max for a benefit, min / x for a cost; a column with no spread is all 1."""
    top, bottom = _column_reduce(np.fmax, data), _column_reduce(np.fmin, data)
    gains = np.divide(data, top, out=np.ones(data.shape), where=top > 0)
    costs = np.divide(bottom, data, out=np.ones(data.shape), where=data > 0)
    return _kept_missing(np.where(benefit, gains, costs), applicable)


def _vector(data: Array, benefit: Flags, applicable: Array | None) -> Array:
    """x / √Σx² for a benefit, 1 − x / √Σx² for a cost."""
    share = data * _vector_scale(data, applicable)
    return np.where(benefit, share, 1.0 - share)


def _min_max(data: Array, benefit: Flags, applicable: Array | None) -> Array:
    """(x − min) / (max − min), reversed for a cost; a column with no spread is all 1."""
    top, bottom = _column_reduce(np.fmax, data), _column_reduce(np.fmin, data)
    spread = top - bottom
    rising = np.divide(data - bottom, spread, out=np.ones(data.shape), where=spread > 0)
    falling = np.divide(top - data, spread, out=np.ones(data.shape), where=spread > 0)
    return _kept_missing(np.where(benefit, rising, falling), applicable)


def _kept_missing(normalised: Array, applicable: Array | None) -> Array:
    """NaN back where the data had it (a `where=` division leaves its fill value there)."""
    if applicable is not None:
        normalised[applicable == 0] = np.nan
    return normalised


_NORMALISERS: dict[Normalisation, Normaliser] = {
    "linear-max": _linear_max,
    "vector": _vector,
    "min-max": _min_max,
}
