"""The stack search against exhaustive enumeration, on random and hand-made problems."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from platform_advisor.algorithms.stack_search import (
    Allowance,
    AllowanceSpent,
    Option,
    SearchResult,
    Stack,
    StackProblem,
    best_stacks,
    stack_value,
)


def all_stacks(problem: StackProblem) -> list[Stack]:
    """Every complete choice, evaluated."""
    rows = [problem.options[function] for function in problem.functions]
    return [
        stack_value(problem, {f: o.platform for f, o in zip(problem.functions, combo, strict=True)})
        for combo in itertools.product(*rows)
    ]


def key(problem: StackProblem, stack: Stack) -> tuple[str, ...]:
    return tuple(stack.choice[function] for function in problem.functions)


def ranked(problem: StackProblem) -> list[Stack]:
    """The stacks that fit the budget, best first, ties to the earlier platform ids."""
    fits = [s for s in all_stacks(problem) if problem.budget is None or s.cost <= problem.budget]
    return sorted(fits, key=lambda stack: (-stack.value, key(problem, stack)))


def cheapest(problem: StackProblem) -> Stack:
    """The least-cost stack, the best-valued among those, ties to the earlier ids."""
    return min(all_stacks(problem), key=lambda s: (s.cost, -s.value, key(problem, s)))


def problem_of(
    rows: Mapping[str, Sequence[tuple[str, str, float, float]]],
    pairs: dict[tuple[str, str], float] | None = None,
    *,
    same: float = 0.0,
    penalty: float = 0.0,
    budget: float | None = None,
) -> StackProblem:
    """A problem from rows of (platform, vendor, value, fixed cost) per function."""
    return StackProblem(
        functions=tuple(rows),
        options={f: tuple(Option(*option) for option in row) for f, row in rows.items()},
        pair_bonus={frozenset(pair): bonus for pair, bonus in (pairs or {}).items()},
        same_platform_bonus=same,
        vendor_penalty=penalty,
        budget=budget,
    )


# Halves keep every sum exact, so the search and the enumeration agree to the last bit
# and ties are real ties.
HALVES = st.integers(0, 200).map(lambda n: n / 2)


@st.composite
def problems(draw: st.DrawFn, values: st.SearchStrategy[float] = HALVES) -> StackProblem:
    """2-5 functions, 1-5 options each, drawn from a pool of platforms that functions share
    and that share a few vendors; pair bonuses dense or sparse, zero included."""
    pool = [f"p{n}" for n in range(draw(st.integers(1, 8)))]
    vendors = {p: draw(st.sampled_from(["v0", "v1", "v2"])) for p in pool}
    costs = {p: float(draw(st.sampled_from([0, 0, 5, 10, 15, 25, 40, 60]))) for p in pool}
    # Some functions need a dearer plan of the same platform than others.
    upgrade = st.sampled_from([0.0, 0.0, 0.0, 5.0, 20.0])
    functions = [f"f{n}" for n in range(draw(st.integers(2, 5)))]
    options = {
        function: tuple(
            Option(p, vendors[p], draw(values), costs[p] + draw(upgrade))
            for p in draw(st.lists(st.sampled_from(pool), min_size=1, max_size=5, unique=True))
        )
        for function in functions
    }
    # One plan for several functions may cost more than any one function's (a free plan
    # for one app only): a surcharge when a platform fills two functions or more.
    surcharge = {p: float(draw(st.sampled_from([0, 0, 0, 7, 30]))) for p in pool}
    density = draw(st.sampled_from([0.0, 0.3, 1.0]))
    pairs = {
        frozenset(pair): float(draw(st.sampled_from([0, 2, 5, 10, 25])))
        for pair in itertools.combinations(pool, 2)
        if draw(st.floats(0, 1)) < density
    }
    # Terms for two particular functions' platforms (an ERP's accounting is its own).
    function_pairs = {
        (f, g): {
            (a.platform, b.platform): float(draw(st.sampled_from([-1000, -3, 5])))
            for a in options[f]
            for b in options[g]
            if draw(st.floats(0, 1)) < 0.4
        }
        for f, g in itertools.combinations(functions, 2)
        if draw(st.floats(0, 1)) < 0.3
    }
    return StackProblem(
        functions=tuple(functions),
        options=options,
        function_pairs=function_pairs,
        pair_bonus=pairs,
        same_platform_bonus=float(draw(st.sampled_from([0, 5, 12]))),
        vendor_penalty=float(draw(st.sampled_from([0, 0, 3, 20]))),
        budget=draw(st.none() | st.integers(0, 120).map(float)),
        joint_cost=bundled(options, surcharge) if any(surcharge.values()) else None,
    )


def bundled(
    options: Mapping[str, tuple[Option, ...]], surcharge: Mapping[str, float]
) -> Callable[[str, frozenset[str]], float]:
    """The dearest option, plus the platform's surcharge when it fills several functions."""

    def joint(platform: str, functions: frozenset[str]) -> float:
        dearest = max(o.fixed_cost for f in functions for o in options[f] if o.platform == platform)
        return dearest + (surcharge[platform] if len(functions) > 1 else 0.0)

    return joint


def assert_matches_enumeration(problem: StackProblem, result: SearchResult) -> None:
    stacks = ranked(problem)
    if not stacks:
        assert result.best is None and result.runner_up is None
        assert result.cheapest == cheapest(problem)
        return
    assert result.best == stacks[0]
    assert result.runner_up == (stacks[1] if len(stacks) > 1 else None)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_best_and_runner_up_are_those_of_exhaustive_search(problem: StackProblem) -> None:
    assert_matches_enumeration(problem, best_stacks(problem))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(values=st.sampled_from([10.0, 20.0])))
def test_ties_go_the_same_way_as_in_exhaustive_search(problem: StackProblem) -> None:
    """Two values only: most stacks tie, and the platform ids decide."""
    assert_matches_enumeration(problem, best_stacks(problem))


@pytest.mark.parametrize("seed", range(4))
def test_larger_random_problems_match_exhaustive_search(seed: int) -> None:
    """Seven functions of four options, dense bonuses and a budget that binds: deep enough
    for the bound and the option removal to prune."""
    rng = random.Random(seed)
    pool = [f"p{n:02d}" for n in range(18)]
    vendors = {p: f"v{rng.randrange(6)}" for p in pool}
    costs = {p: float(rng.choice([0, 10, 20, 30, 45, 60])) for p in pool}
    rows = {
        f"f{n}": [
            (p, vendors[p], rng.randrange(60, 200) / 2, costs[p] + rng.choice([0, 0, 15]))
            for p in rng.sample(pool, 4)
        ]
        for n in range(7)
    }
    pairs = {
        pair: float(rng.choice([3, 6, 10]))
        for pair in itertools.combinations(pool, 2)
        if rng.random() < 0.6
    }
    unlimited = problem_of(rows, pairs, same=8.0, penalty=2.0)
    free_best = ranked(unlimited)[0]
    problem = replace(unlimited, budget=0.7 * free_best.cost)  # the budget binds
    result = best_stacks(problem)
    assert result.best is not None
    assert_matches_enumeration(problem, result)
    assert result.nodes < 4**7 // 4  # and the search prunes


def test_a_suite_filling_two_functions_is_paid_once() -> None:
    rows = {
        "crm": [("suite", "S", 60.0, 100.0), ("crm-pro", "C", 90.0, 80.0)],
        "email": [("suite", "S", 60.0, 100.0), ("mailer", "M", 90.0, 80.0)],
    }
    unlimited = best_stacks(problem_of(rows))
    assert unlimited.best is not None
    assert unlimited.best.choice == {"crm": "crm-pro", "email": "mailer"}

    result = best_stacks(problem_of(rows, budget=120.0))
    assert result.best is not None
    assert result.best.choice == {"crm": "suite", "email": "suite"}
    assert result.best.cost == 100.0
    assert result.runner_up is None  # every other stack costs 160 or 180


def test_a_platform_filling_two_functions_is_paid_at_its_dearer_plan() -> None:
    """The till's payments-only plan costs 5; as a till it needs its 15 plan, which also
    takes payments: the two together cost 15, not 20. Register and till apart (150
    points) cost 17, above the budget of 16."""
    rows = {
        "pos": [("till", "T", 75.0, 15.0), ("register", "R", 80.0, 12.0)],
        "payments": [("till", "T", 70.0, 5.0), ("stripe", "S", 60.0, 0.0)],
    }
    together = stack_value(problem_of(rows), {"pos": "till", "payments": "till"})
    assert together.cost == 15.0
    apart = stack_value(problem_of(rows), {"pos": "register", "payments": "till"})
    assert apart.cost == 17.0

    result = best_stacks(problem_of(rows, budget=16.0))
    assert result.best is not None
    assert result.best.choice == {"pos": "till", "payments": "till"}  # 145 for 15
    assert result.runner_up is not None
    assert result.runner_up.choice == {"pos": "register", "payments": "stripe"}  # 140 for 12
    assert result.runner_up.cost == 12.0


def test_a_plan_for_two_functions_can_cost_more_than_either() -> None:
    """Free for one app, 22 a month for two: the suite for both costs 22, not 0."""
    rows = {
        "accounting": [("suite", "S", 70.0, 0.0), ("books", "B", 65.0, 0.0)],
        "website": [("suite", "S", 70.0, 0.0), ("sites", "W", 65.0, 0.0)],
    }

    def joint(platform: str, functions: frozenset[str]) -> float:
        return 22.0 if platform == "suite" and len(functions) > 1 else 0.0

    problem = replace(problem_of(rows, same=4.0), joint_cost=joint)
    assert stack_value(problem, {"accounting": "suite", "website": "suite"}).cost == 22.0
    free = best_stacks(replace(problem, budget=10.0)).best
    assert free is not None
    assert free.choice == {"accounting": "books", "website": "suite"}  # 135, ties by id
    assert best_stacks(problem).best == stack_value(
        problem, {"accounting": "suite", "website": "suite"}
    )  # 144 with no budget


def test_the_vendor_penalty_can_make_two_vendors_beat_one() -> None:
    rows = {
        "shop": [("v-shop", "V", 80.0, 0.0), ("w-shop", "W", 75.0, 0.0)],
        "pay": [("v-pay", "V", 80.0, 0.0)],
    }
    without = best_stacks(problem_of(rows))
    assert without.best is not None and without.best.choice["shop"] == "v-shop"

    result = best_stacks(problem_of(rows, penalty=10.0))
    assert result.best is not None
    assert result.best.choice == {"shop": "w-shop", "pay": "v-pay"}
    assert result.best.value == 155.0
    assert result.runner_up is not None
    assert result.runner_up.concentration == 10.0
    assert result.runner_up.value == 150.0


def test_a_native_pair_bonus_can_make_a_lower_fit_pair_win() -> None:
    rows = {
        "shop": [("p", "A", 90.0, 0.0), ("q", "B", 80.0, 0.0)],
        "books": [("r", "C", 90.0, 0.0), ("s", "D", 80.0, 0.0)],
    }
    result = best_stacks(problem_of(rows, {("q", "s"): 25.0}))
    assert result.best is not None
    assert result.best.choice == {"shop": "q", "books": "s"}
    assert (result.best.fit, result.best.integration, result.best.value) == (160.0, 25.0, 185.0)
    assert result.runner_up is not None
    assert result.runner_up.choice == {"shop": "p", "books": "r"}


def test_when_nothing_fits_the_cheapest_stack_is_given() -> None:
    rows = {
        "shop": [("a", "A", 90.0, 50.0), ("b", "B", 70.0, 30.0), ("c", "C", 60.0, 30.0)],
        "books": [("d", "D", 90.0, 40.0), ("e", "E", 50.0, 20.0)],
    }
    result = best_stacks(problem_of(rows, budget=45.0))
    assert (result.best, result.runner_up) == (None, None)
    assert result.cheapest is not None
    assert result.cheapest.choice == {"shop": "b", "books": "e"}  # 50, and b beats c
    assert result.cheapest.cost == 50.0


def test_equal_values_go_to_the_earlier_platform_ids() -> None:
    rows = {f: [(p, p, 10.0, 0.0) for p in ("z", "m", "a")] for f in ("one", "two", "three")}
    result = best_stacks(problem_of(rows))
    assert result.best is not None and result.runner_up is not None
    assert result.best.choice == {"one": "a", "two": "a", "three": "a"}
    assert result.runner_up.choice == {"one": "a", "two": "a", "three": "m"}


def test_the_same_problem_gives_the_same_answer() -> None:
    rng = random.Random(7)
    pool = [f"p{n}" for n in range(30)]
    costs = {p: rng.uniform(0, 60) for p in pool}
    rows = {
        f"f{n}": [
            (p, f"v{ord(p[-1]) % 5}", rng.uniform(30, 95), costs[p]) for p in rng.sample(pool, 6)
        ]
        for n in range(8)
    }
    pairs = {pair: rng.choice([0.0, 3.0, 6.0, 10.0]) for pair in itertools.combinations(pool, 2)}
    first = best_stacks(problem_of(rows, pairs, same=5.0, penalty=2.0, budget=150.0))
    second = best_stacks(
        problem_of(dict(reversed(rows.items())), pairs, same=5.0, penalty=2.0, budget=150.0)
    )
    again = best_stacks(problem_of(rows, pairs, same=5.0, penalty=2.0, budget=150.0))
    assert first == again
    assert first.best is not None and second.best is not None
    assert first.best.choice == second.best.choice


def test_stack_value_counts_each_part() -> None:
    rows = {
        "crm": [("suite", "S", 70.0, 100.0)],
        "email": [("suite", "S", 60.0, 100.0)],
        "books": [("ledger", "S", 80.0, 20.0)],
    }
    problem = problem_of(rows, {("suite", "ledger"): 6.0}, same=10.0, penalty=4.0)
    stack = stack_value(problem, {"crm": "suite", "email": "suite", "books": "ledger"})
    assert stack.fit == 210.0
    assert stack.integration == 10.0 + 6.0 + 6.0
    assert stack.concentration == 12.0  # three pairs of functions, one vendor
    assert stack.cost == 120.0  # the suite is paid once
    assert stack.value == 210.0 + 22.0 - 12.0


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ({"crm": [("a", "A", 1.0, 0.0), ("a", "A", 2.0, 0.0)]}, "lists a platform twice"),
        ({"crm": [("a", "A", 1.0, 0.0)], "email": [("a", "B", 1.0, 0.0)]}, "has two vendors"),
        ({"crm": [("a", "A", float("nan"), 0.0)]}, "must be finite"),
        ({"crm": [("a", "A", 1.0, -5.0)]}, "negative fixed cost"),
    ],
)
def test_inconsistent_problems_are_refused(
    rows: dict[str, list[tuple[str, str, float, float]]], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        best_stacks(problem_of(rows))


def test_a_function_without_options_has_no_stack() -> None:
    result = best_stacks(problem_of({"crm": [("a", "A", 1.0, 0.0)], "email": []}))
    assert result == SearchResult(best=None, runner_up=None, cheapest=None, nodes=0)


def test_stack_value_refuses_a_platform_that_is_not_an_option() -> None:
    problem = problem_of({"crm": [("a", "A", 1.0, 0.0)]})
    with pytest.raises(ValueError, match="not an option"):
        stack_value(problem, {"crm": "b"})


# --- The stack search prunes: on problems of thousands of stacks it proves its answer (or,

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


def tied_problem(functions: int, candidates: int, density: float, seed: int) -> StackProblem:
    """The search's hardest kind: every candidate fits equally well, and a few pairs link
    with the same bonus, so nothing but the links separates thousands of stacks."""
    rng = random.Random(seed)
    names = [f"f{n}" for n in range(functions)]
    options = {
        f: tuple(Option(f"p{n}-{c}", f"v{(n * candidates + c) % 7}", 70.0, 0.0)
                 for c in range(candidates))
        for n, f in enumerate(names)
    }  # fmt: skip
    platforms = [o.platform for f in names for o in options[f]]
    bonus = {
        frozenset((a, b)): 4.0
        for i, a in enumerate(platforms)
        for b in platforms[i + 1 :]
        if a.split("-")[0] != b.split("-")[0] and rng.random() < density
    }
    return StackProblem(tuple(names), options, bonus, 4.0, 0.0, None)


def test_a_search_stopped_at_its_work_limit_gives_the_best_found_and_a_true_gap() -> None:
    problem = tied_problem(10, 8, 0.05, seed=3)
    proven = best_stacks(problem)
    assert proven.best is not None and proven.gap == 0
    stopped = best_stacks(problem, Allowance(2_000), settle=True)
    assert stopped.best is not None
    assert stopped.gap > 0
    assert stopped.best.value <= proven.best.value
    assert stopped.best.value + stopped.gap >= proven.best.value - 1e-9
    assert stack_value(problem, stopped.best.choice).value == pytest.approx(stopped.best.value)


def test_without_settling_a_search_out_of_work_says_so() -> None:
    with pytest.raises(AllowanceSpent):
        best_stacks(tied_problem(10, 8, 0.05, seed=3), Allowance(2_000))


def test_a_search_within_its_work_limit_is_proven() -> None:
    problem = tied_problem(6, 5, 0.1, seed=1)
    result = best_stacks(problem, Allowance(10_000_000), settle=True)
    assert result.gap == 0
    assert result.best is not None
    assert result.best.value == pytest.approx(max(s.value for s in all_stacks(problem)))
