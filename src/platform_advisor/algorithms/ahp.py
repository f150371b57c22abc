"""Weights from pairwise judgements: Saaty's analytic hierarchy process (AHP).

A judgement says "the first matters k times as much as the second", k on Saaty's 1-9
scale (a value below 1 says the reverse); the reciprocal judgement is implied. The
weights are the principal eigenvector of the matrix of judgements, and the consistency
ratio says how far the judgements contradict each other: Saaty (1980), *The Analytic
Hierarchy Process*, McGraw-Hill; Saaty (1990), "How to make a decision: the analytic
hierarchy process", European Journal of Operational Research 48, 9-26. Above 0.1, Saaty
advises revising the judgements; the judgements that contradict the others most are
named, in words a business owner can act on.

numpy is imported inside the functions: only the commands that derive weights pay for it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

#: Saaty's 1-9 scale; a value below 1 says the reverse (1/9, written 0.11, is the least).
SAATY_LOWEST = 0.11
SAATY_HIGHEST = 9.0

#: Saaty's threshold: above this consistency ratio the judgements should be revisited.
CONSISTENCY_LIMIT = 0.1
#: Saaty's random index RI(n): the mean consistency index of random reciprocal matrices
#: of order n = 1..15 on the 1-9 scale, as tabulated in Saaty (1980), The Analytic
#: Hierarchy Process, McGraw-Hill, ch. 1. CR = CI / RI(n). Later simulations give slightly
#: different values (e.g. 0.52 for n = 3); this is the table Saaty's worked examples use.
RANDOM_INDEX = (
    0.0,
    0.0,
    0.58,
    0.90,
    1.12,
    1.24,
    1.32,
    1.41,
    1.45,
    1.49,
    1.51,
    1.48,
    1.56,
    1.57,
    1.59,
)
#: The table stops at 15 items (105 judgements), already more than anyone should answer.
MAX_ITEMS = len(RANDOM_INDEX)
#: Saaty's words for the odd points of the scale, for questions and file comments.
SCALE_WORDS = {
    1: "equally",
    3: "moderately more",
    5: "strongly more",
    7: "very strongly more",
    9: "extremely more",
}
SCALE_HELP = (
    "Saaty's scale: 1 equally important, 3 moderately more, 5 strongly more, "
    "7 very strongly more, 9 extremely more; 2, 4, 6 and 8 lie in between."
)
# Two ratios closer than this (on a log scale) are the same judgement, not a discrepancy.
_SAME = 1e-9


@dataclass(frozen=True)
class Judgement:
    """``first`` matters ``ratio`` times as much as ``second``."""

    first: str
    second: str
    ratio: float


@dataclass(frozen=True)
class JudgementProblem:
    """Why a set of judgements cannot give weights; ``index`` is the judgement at fault."""

    message: str
    hint: str = ""
    index: int | None = None


class JudgementError(ValueError):
    """Judgements that cannot give weights, each problem said."""

    def __init__(self, problems: Sequence[JudgementProblem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Discrepancy:
    """A judgement and the ratio the other judgements imply for the same pair."""

    index: int
    judgement: Judgement
    implied: float

    @property
    def distance(self) -> float:
        """How far apart the two are, as a factor on a log scale (0: they agree)."""
        return abs(math.log(self.judgement.ratio / self.implied))


@dataclass(frozen=True)
class Priorities:
    """What the judgements give: weights summing to 1, and how consistent they are."""

    items: tuple[str, ...]
    weights: tuple[float, ...]
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    discrepancies: tuple[Discrepancy, ...]  # the worst first; only judgements that disagree

    @property
    def acceptable(self) -> bool:
        return self.consistency_ratio <= CONSISTENCY_LIMIT

    def weight(self, item: str) -> float:
        return self.weights[self.items.index(item)]


def random_index(n: int) -> float:
    """Saaty's RI for n items; 1 and 2 items are consistent by definition (RI 0)."""
    if not 1 <= n <= MAX_ITEMS:
        raise ValueError(f"the random index is tabulated for 1 to {MAX_ITEMS} items, not {n}")
    return RANDOM_INDEX[n - 1]


def compared_items(judgements: Sequence[Judgement]) -> tuple[str, ...]:
    """Every item the judgements name, in the order they first appear."""
    return tuple(dict.fromkeys(name for j in judgements for name in (j.first, j.second)))


def all_pairs(items: Sequence[str]) -> list[tuple[str, str]]:
    """Every pair of items, each once, in the order a person would be asked them."""
    return [(a, b) for n, a in enumerate(items) for b in items[n + 1 :]]


def judgement_problems(judgements: Sequence[Judgement]) -> list[JudgementProblem]:
    """Everything that stops the judgements giving weights: every problem, in order."""
    problems = [p for n, j in enumerate(judgements) if (p := _problem_with(n, j)) is not None]
    problems += _repeated_pairs(judgements)
    items = compared_items(judgements)
    if len(items) > MAX_ITEMS:
        problems.append(
            JudgementProblem(
                f"{len(items)} criteria are compared; at most {MAX_ITEMS} can be",
                "compare the criteria that matter most and leave the others their weights",
            )
        )
    missing = missing_pairs(judgements)
    if missing:
        problems.append(_missing_problem(missing))
    return problems


def _problem_with(index: int, judgement: Judgement) -> JudgementProblem | None:
    if judgement.first == judgement.second:
        return JudgementProblem(
            f"compares {judgement.first!r} with itself",
            "name two different criteria",
            index,
        )
    if not SAATY_LOWEST <= judgement.ratio <= SAATY_HIGHEST:  # False for NaN too
        return JudgementProblem(
            f"{judgement.ratio:g} is outside Saaty's scale",
            "use 1 to 9 with the more important criterion first (1/9 to 1 says the reverse)",
            index,
        )
    return None


def _repeated_pairs(judgements: Sequence[Judgement]) -> list[JudgementProblem]:
    """A pair judged twice, in either order: which of the two is meant?"""
    first_seen: dict[frozenset[str], int] = {}
    problems = []
    for index, judgement in enumerate(judgements):
        pair = frozenset((judgement.first, judgement.second))
        earlier = judgements[first_seen.setdefault(pair, index)]
        if len(pair) == 2 and first_seen[pair] != index:
            problems.append(
                JudgementProblem(
                    f"{judgement.first!r} and {judgement.second!r} are already compared:"
                    f" [{earlier.first}, {earlier.second}, {earlier.ratio:g}]",
                    "keep one judgement per pair",
                    index,
                )
            )
    return problems


def missing_pairs(judgements: Sequence[Judgement]) -> list[tuple[str, str]]:
    """The pairs of compared items that no judgement covers."""
    judged = {frozenset((j.first, j.second)) for j in judgements}
    return [pair for pair in all_pairs(compared_items(judgements)) if frozenset(pair) not in judged]


def _missing_problem(missing: Sequence[tuple[str, str]]) -> JudgementProblem:
    shown = "; ".join(f"{a} and {b}" for a, b in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    count = f"{len(missing)} pair{'s' if len(missing) != 1 else ''}"
    a, b = missing[0]
    return JudgementProblem(
        f"every pair of the criteria compared needs a judgement, and {count} "
        f"{'has' if len(missing) == 1 else 'have'} none: {shown}{more}",
        f"add a line such as [{a}, {b}, 1], 1 meaning equally important",
    )


def priorities(judgements: Sequence[Judgement]) -> Priorities:
    """The weights the judgements give, their consistency, and the worst discrepancies.

    Raises JudgementError when the judgements cannot give weights (see
    ``judgement_problems``, which callers that know where the judgements came from
    should run first, to say where each problem is).
    """
    problems = judgement_problems(judgements)
    if problems:
        raise JudgementError(problems)
    items = compared_items(judgements)
    matrix = comparison_matrix(items, judgements)
    lambda_max, weights = principal_eigenvector(matrix)
    n = len(items)
    index = max(0.0, (lambda_max - n) / (n - 1)) if n > 2 else 0.0
    ratio = index / random_index(n) if n > 2 else 0.0
    return Priorities(
        items,
        tuple(float(w) for w in weights),
        lambda_max if n > 2 else float(n),
        index,
        ratio,
        discrepancies(items, judgements, matrix),
    )


def comparison_matrix(items: Sequence[str], judgements: Sequence[Judgement]) -> NDArray[np.float64]:
    """The positive reciprocal matrix: a[i, j] = how many times item i matters as item j."""
    import numpy as np

    position = {item: n for n, item in enumerate(items)}
    matrix = np.ones((len(items), len(items)))
    for judgement in judgements:
        i, j = position[judgement.first], position[judgement.second]
        matrix[i, j] = judgement.ratio
        matrix[j, i] = 1.0 / judgement.ratio
    return matrix


def principal_eigenvector(matrix: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
    """λmax and its eigenvector scaled to sum to 1 (Perron: positive for a positive matrix)."""
    import numpy as np

    values, vectors = np.linalg.eig(matrix)
    largest = int(np.argmax(values.real))
    vector = np.abs(vectors[:, largest].real)
    return float(values[largest].real), vector / vector.sum()


def discrepancies(
    items: Sequence[str], judgements: Sequence[Judgement], matrix: NDArray[np.float64]
) -> tuple[Discrepancy, ...]:
    """Each judgement against what the other judgements imply, the worst first.

    What the others imply for the pair (i, j) is the geometric mean, over every third
    item k, of the indirect judgement a[i, k] * a[k, j]. A consistent set agrees
    everywhere; one mistyped judgement stands out by the whole of its error, while each
    judgement it touches indirectly moves by only 1/(n - 2) of it.
    """
    import numpy as np

    n = len(items)
    if n < 3:
        return ()
    logs = np.log(matrix)
    row_sums = logs.sum(axis=1)
    position = {item: k for k, item in enumerate(items)}
    found = []
    for index, judgement in enumerate(judgements):
        i, j = position[judgement.first], position[judgement.second]
        # Σ_k (log a_ik + log a_kj) over k ≠ i, j; the matrix is log-antisymmetric.
        indirect = (row_sums[i] - row_sums[j] - 2 * logs[i, j]) / (n - 2)
        found.append(Discrepancy(index, judgement, float(np.exp(indirect))))
    disagreeing = [d for d in found if d.distance > _SAME]
    return tuple(sorted(disagreeing, key=lambda d: (-d.distance, d.index)))


def described(discrepancy: Discrepancy, labels: Mapping[str, str]) -> str:
    """The discrepancy in words: what was said, and what the other answers imply."""
    judgement = discrepancy.judgement
    first = labels.get(judgement.first, judgement.first)
    second = labels.get(judgement.second, judgement.second)
    ratio, implied = judgement.ratio, discrepancy.implied
    if ratio < 1:  # said the other way round: speak of the criterion said to matter more
        first, second, ratio, implied = second, first, 1 / ratio, 1 / implied
    said = judged_words(first, second, ratio)
    if implied < 1:
        return (
            f"you judged {said}, but your other answers imply the reverse: "
            f"{second} about {times(1 / implied)} as important as {first}"
        )
    if abs(ratio - 1) < 1e-9:
        return (
            f"you judged {said}, but your other answers imply "
            f"{first} about {times(implied)} as important as {second}"
        )
    return f"you judged {said}, but your other answers imply about {times(implied)}"


def judged_words(first: str, second: str, ratio: float) -> str:
    """'Budget fit 5× as important as Skill fit', either way round."""
    if abs(ratio - 1) < 1e-9:
        return f"{first} and {second} equally important"
    if ratio < 1:
        first, second, ratio = second, first, 1 / ratio
    return f"{first} {times(ratio)} as important as {second}"


def times(ratio: float) -> str:
    """A ratio as a person says it: 5×, 1.3×, 0.25×."""
    return f"{ratio:.2g}×" if ratio < 10 else f"{ratio:.0f}×"
