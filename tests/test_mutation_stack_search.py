"""The stack search prunes: on problems of thousands of stacks it proves its answer (or,
over budget, the cheapest stack) after exploring a small fraction of them, and the answer
is the one exhaustive enumeration gives.

Written from the survivors of mutation testing (docs/mutation-testing.md): a search
that pruned less would still be right, only slower, and nothing else would notice."""

from __future__ import annotations

import math

import pytest

from platform_advisor.algorithms.stack_search import Option, StackProblem, best_stacks, stack_value
from tests.test_stack_search import cheapest, ranked

FUNCTIONS = tuple(f"f{i}" for i in range(6))
STACKS = 4 ** len(FUNCTIONS)


def layered(budget: float | None, shared: bool = False) -> StackProblem:
    """Six functions of four options; option j of function i is worth 10j + i and costs
    5 + i + j. With `shared`, one platform is an option of every function."""
    options = {
        f: tuple(
            Option(f"{f}-p{j}", f"v{j}", float(10 * j + i), float(5 + i + j)) for j in range(4)
        )
        for i, f in enumerate(FUNCTIONS)
    }
    if shared:
        suite = Option("suite", "v9", 12.0, 20.0)
        options = {f: (*row[:3], suite) for f, row in options.items()}
    return StackProblem(
        functions=FUNCTIONS,
        options=options,
        pair_bonus={},
        same_platform_bonus=2.0 if shared else 0.0,
        vendor_penalty=0.0,
        budget=budget,
    )


@pytest.mark.parametrize("shared", [False, True])
def test_the_cheapest_stack_is_found_without_enumerating(shared: bool) -> None:
    problem = layered(budget=1.0, shared=shared)
    result = best_stacks(problem)
    assert result.best is None and result.cheapest is not None
    expected = cheapest(problem)
    assert (result.cheapest.cost, result.cheapest.choice) == (expected.cost, expected.choice)
    assert result.nodes <= STACKS // 10, result.nodes


@pytest.mark.parametrize(("budget", "shared"), [(None, False), (60.0, False), (75.0, True)])
def test_the_best_stack_is_proven_without_enumerating(budget: float | None, shared: bool) -> None:
    problem = layered(budget=budget, shared=shared)
    result = best_stacks(problem)
    expected = ranked(problem)
    assert result.best is not None and result.runner_up is not None
    assert (result.best.value, result.best.choice) == (expected[0].value, expected[0].choice)
    assert result.runner_up.value == expected[1].value
    assert result.nodes <= STACKS // 10, result.nodes


def lone(value: float, functions: tuple[str, ...] = ("crm",)) -> StackProblem:
    return StackProblem(
        functions=functions,
        options={"crm": (Option("acme", "Acme", value, 10.0),)},
        pair_bonus={},
        same_platform_bonus=0.0,
        vendor_penalty=0.0,
        budget=None,
    )


def test_a_function_no_platform_is_listed_for_has_no_stack() -> None:
    result = best_stacks(lone(50.0, ("crm", "pos")))
    assert (result.best, result.runner_up, result.cheapest, result.nodes) == (None, None, None, 0)
    with pytest.raises(ValueError, match=r"^'acme' is not an option for function 'pos'$"):
        stack_value(lone(50.0, ("crm", "pos")), {"crm": "acme", "pos": "acme"})


def test_a_value_that_is_not_finite_is_refused_in_words() -> None:
    with pytest.raises(
        ValueError, match=r"^every value, bonus, penalty, cost and budget must be finite$"
    ):
        best_stacks(lone(math.nan))
