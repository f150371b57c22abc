"""The stack's tipping points on problems small enough to solve by hand: where the
recommended stack stops being best along one criterion's share, in both directions, with
links to platforms in use and with criteria that do not apply to every candidate.

Written from the survivors of mutation testing (docs/mutation-testing.md)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from platform_advisor.algorithms import stack_tipping
from platform_advisor.algorithms.acceptability import EDGE, Lines
from platform_advisor.algorithms.stack_search import Allowance, Option, StackProblem
from platform_advisor.algorithms.stack_tipping import (
    StackTip,
    Unsettled,
    chosen_indices,
    function_lines,
    stack_tip,
)

NAN = math.nan
SHARES = [0.6, 0.4]


def problem_of(values: dict[str, list[list[float]]], bonus: dict[str, float]) -> StackProblem:
    """One option per row of each function's values (platform ids p0, p1, ...), valued at
    its weighted-sum score at SHARES plus its bonus (links to platforms in use)."""
    options = {}
    for function, rows in values.items():
        scores = Lines.of(np.array(rows), np.array(SHARES)).along(0).scores(SHARES[0])
        options[function] = tuple(
            Option(
                f"{function}-p{n}", f"v{n}", float(score) + bonus.get(f"{function}-p{n}", 0.0), 0.0
            )
            for n, score in enumerate(scores)
        )
    return StackProblem(
        functions=tuple(values),
        options=options,
        pair_bonus={},
        same_platform_bonus=0.0,
        vendor_penalty=0.0,
        budget=None,
    )


def tips(
    values: dict[str, list[list[float]]],
    bonus: dict[str, float],
    criterion: int,
    allowance: Allowance | None = None,
) -> tuple[object, object]:
    """The tipping points below and above SHARES[criterion], the stack being each
    function's best option at SHARES."""
    problem = problem_of(values, bonus)
    every = {f: Lines.of(np.array(rows), np.array(SHARES)) for f, rows in values.items()}
    best = {f: max(problem.options[f], key=lambda o: o.value).platform for f in values}
    chosen = chosen_indices(problem, best)
    lines = function_lines(problem, every, SHARES, criterion)
    return tuple(  # type: ignore[return-value]
        stack_tip(problem, lines, chosen, SHARES[criterion], upward, allowance)
        for upward in (False, True)
    )


def test_a_lone_function_tips_where_the_two_scores_cross() -> None:
    # p0 scores 100x, p1 100(1 - x) along criterion 0's share x: they cross at 1/2.
    below, above = tips({"crm": [[1.0, 0.0], [0.0, 1.0]]}, {}, 0)
    assert isinstance(below, StackTip)
    assert below.share == pytest.approx(0.5, abs=1e-9)
    assert below.choice == {"crm": "crm-p1"}
    assert above is None


def test_the_other_criterion_tips_upwards() -> None:
    below, above = tips({"crm": [[1.0, 0.0], [0.0, 1.0]]}, {}, 1)
    assert below is None
    assert isinstance(above, StackTip)
    assert above.share == pytest.approx(0.5, abs=1e-9)
    assert above.choice == {"crm": "crm-p1"}


def test_a_link_to_a_platform_in_use_moves_the_tipping_point() -> None:
    # p0 is worth 100x + 5, p1 100(1 - x): they cross at x = 0.475.
    below, _ = tips({"crm": [[1.0, 0.0], [0.0, 1.0]]}, {"crm-p0": 5.0}, 0)
    assert isinstance(below, StackTip)
    assert below.share == pytest.approx(0.475, abs=1e-9)


def test_a_criterion_that_does_not_apply_to_a_rival_is_shared_out() -> None:
    # p1 has no value on criterion 1, so it scores 50 at every share; p0 scores
    # 20 + 80x: they cross at x = 0.375, and along criterion 1 at 1 - 0.375.
    values = {"crm": [[1.0, 0.2], [0.5, NAN]]}
    below, above = tips(values, {}, 0)
    assert isinstance(below, StackTip) and above is None
    assert below.share == pytest.approx(0.375, abs=1e-9)
    below, above = tips(values, {}, 1)
    assert below is None and isinstance(above, StackTip)
    assert above.share == pytest.approx(0.625, abs=1e-9)


def test_only_the_function_whose_winner_changes_changes_in_the_stack() -> None:
    values = {
        "crm": [[1.0, 0.0], [0.0, 1.0]],  # crosses at x = 0.5
        "pos": [[0.9, 0.1], [0.2, 0.6]],  # crosses at x = 5 / 12
    }
    below, above = tips(values, {}, 0)
    assert isinstance(below, StackTip)
    assert below.share == pytest.approx(0.5, abs=1e-9)
    assert below.choice == {"crm": "crm-p1", "pos": "pos-p0"}
    assert above is None


def test_no_share_short_of_all_the_weight_changes_a_dominant_stack() -> None:
    below, above = tips({"crm": [[1.0, 1.0], [0.5, 0.5]]}, {}, 0)
    assert (below, above) == (None, None)
    assert EDGE < 1e-6


def test_a_rival_that_catches_up_only_with_all_the_weight_is_no_tipping_point() -> None:
    # Along criterion 1's share x, p0 scores 50 + 50x and p1 100x: equal only at x = 1.
    assert tips({"crm": [[0.5, 1.0], [0.0, 1.0]]}, {}, 1) == (None, None)


@pytest.mark.parametrize(
    ("allowance", "certified_to"),
    [
        (3, 0.6),  # (0.6, 0), (0.6, 0.3) and (0.6, 0.45) hold the crossing at 0.5
        (4, 0.525),  # (0.6, 0.525) does not: certified
        (14, 0.500390625),
    ],
)
def test_a_walk_that_runs_out_of_searches_reports_the_share_certified_so_far(
    monkeypatch: pytest.MonkeyPatch, allowance: int, certified_to: float
) -> None:
    monkeypatch.setattr(stack_tipping, "MAX_SEARCHES", allowance)
    below, _ = tips({"crm": [[1.0, 0.0], [0.0, 1.0]]}, {}, 0)
    assert isinstance(below, Unsettled)
    assert below.searched_to == pytest.approx(certified_to, abs=1e-6)


def test_fifteen_searches_find_a_crossing_six_tenths_of_the_weight_away(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stack_tipping, "MAX_SEARCHES", 15)
    below, _ = tips({"crm": [[1.0, 0.0], [0.0, 1.0]]}, {}, 0)
    assert isinstance(below, StackTip)
    assert below.share == pytest.approx(0.5, abs=1e-9)


CROSSING = {"crm": [[1.0, 0.0], [0.0, 1.0]]}


def test_the_work_a_walk_needs_is_counted_and_the_same_each_time() -> None:
    counted = [Allowance(10**9) for _ in range(2)]
    first, second = (tips(CROSSING, {}, 0, allowance)[0] for allowance in counted)
    assert first == second and isinstance(first, StackTip)
    assert 0 < counted[0].spent == counted[1].spent


def test_a_walk_that_runs_out_of_work_reports_the_share_certified_so_far() -> None:
    needed = Allowance(10**9)
    tips(CROSSING, {}, 0, needed)
    below, _ = tips(CROSSING, {}, 0, Allowance(needed.spent // 2))
    assert isinstance(below, Unsettled)
    assert 0.5 < below.searched_to <= SHARES[0]
