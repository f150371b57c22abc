"""The best platform stack, one platform per function, found by a proven-optimal search.

A stack fills each needed function with one of its candidate platforms. Its value is

    Σ_f value(x_f) + Σ_{f<g} pair(x_f, x_g) − vendor_penalty × #{f<g : vendor(x_f) = vendor(x_g)}

where pair(p, p) is the same-platform bonus and pair(p, q) the integration bonus of two
different platforms (0 when there is none), plus any term the problem sets for those two
functions' platforms (`function_pairs`: an ERP's accounting is its own, say).

Each option has its fixed cost: what the platform costs on the plan that function needs.
A platform filling several functions is paid once, on one plan that serves them all:
`joint_cost(platform, functions)`, by default the dearest of its chosen options (plans are
nested; seats are the most any of its functions needs). The joint cost must be at least
the dearest of those options and never fall when a function is added. The cost of the
distinct platforms chosen must stay within the budget.

`best_stacks` is an exact depth-first branch and bound:

1. The pairwise terms are first *reparametrized* (a few sweeps of max-product linear
   programming, MPLP): each pair table gives part of its value to its two functions, so
   that every complete stack keeps exactly its value while the bound below gets tighter
   (close to the linear-programming relaxation's at the root).
2. A greedy stack improved by changing one function at a time gives the first two
   incumbents (best and runner-up).
3. Each node bounds what its subtree can reach with the *half-pair bound* (see
   `_BranchAndBound`) and the cost still to pay with the *cost floor* (see `_floor`),
   removes the options of the unfilled functions that cannot reach the runner-up or
   cannot fit the budget, branches on the function with the fewest options left, and
   tries its options best bound first.

Values are compared as computed by `stack_value`; ties go to the stack whose platform
ids, in function order, come first. The search compares bounds with a slack of 1e-9 of the
problem's magnitude, so values that differ by less than that (rounding, not substance)
may count as ties.

Only the standard library is used: the module is imported by the CLI, whose start-up
time matters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import add

NEG_INF = -math.inf
RELATIVE_SLACK = 1e-9
MPLP_SWEEPS = 30
MPLP_TOLERANCE = 1e-5
LOCAL_SEARCH_ROUNDS = 100
GREEDY_PRICES = (0.0, 0.25, 0.5, 1.0, 2.0)

Table = list[list[float]]


@dataclass(frozen=True)
class Option:
    """A platform that can fill one function."""

    platform: str  # platform id
    vendor: str
    value: float  # fit for this function (0-100) plus any unary bonus
    fixed_cost: float  # monthly fixed cost of the plan this function needs


#: What a platform costs when it fills these functions together (their ids).
JointCost = Callable[[str, frozenset[str]], float]


@dataclass(frozen=True)
class StackProblem:
    """Which platform to choose for each function, and what a choice is worth."""

    functions: tuple[str, ...]
    options: Mapping[str, tuple[Option, ...]]  # candidates per function
    pair_bonus: Mapping[frozenset[str], float]  # two different platforms; missing: 0
    same_platform_bonus: float  # two functions filled by the same platform
    vendor_penalty: float  # per pair of functions whose platforms share a vendor
    budget: float | None  # bound on the cost of the distinct platforms chosen
    joint_cost: JointCost | None = None  # a platform's cost for several functions
    # Terms for two particular functions' platforms, added to the pair bonus: (f, g) ->
    # (platform for f, platform for g) -> points.
    function_pairs: Mapping[tuple[str, str], Mapping[tuple[str, str], float]] = field(
        default_factory=dict
    )


@dataclass(frozen=True)
class Stack:
    """A complete choice and the parts of its value."""

    choice: Mapping[str, str]  # function -> platform id
    value: float  # fit + integration - concentration
    fit: float  # sum of the options' values
    integration: float  # sum of the pair bonuses, same-platform ones included
    concentration: float  # total vendor penalty (>= 0, subtracted)
    cost: float  # each distinct platform at the dearest of its chosen options


class AllowanceSpent(Exception):
    """A search ran out of the work it was allowed before it finished."""


@dataclass
class Allowance:
    """Work that searches may still do, counted in steps a machine takes in about the same
    time: a cell of a pair table prepared, or an option of a free function examined at a
    node. Counted, not timed, so the same problem always gets the same answer."""

    remaining: int
    spent: int = 0

    def spend(self, steps: int) -> None:
        self.remaining -= steps
        self.spent += steps
        if self.remaining < 0:
            raise AllowanceSpent


@dataclass(frozen=True)
class SearchResult:
    """The proven best stack, the best one that differs from it, and the cheapest."""

    best: Stack | None  # None when no stack fits the budget
    runner_up: Stack | None  # best stack whose choice differs from best's
    cheapest: Stack | None  # least cost (best value among those); only when best is None
    nodes: int  # search nodes explored
    gap: float = 0.0  # how much better a stack could still be: 0 when proven optimal


def stack_value(problem: StackProblem, choice: Mapping[str, str]) -> Stack:
    """Evaluate a complete choice; sums are exactly rounded, so independent of order."""
    chosen = [_chosen_option(problem, function, choice) for function in problem.functions]
    named = list(zip(problem.functions, chosen, strict=True))
    pairs = [(a, b) for index, a in enumerate(named) for b in named[index + 1 :]]
    fit = math.fsum(option.value for option in chosen)
    integration = math.fsum(
        _pair_bonus(problem, a.platform, b.platform) + _function_pair(problem, f, a, g, b)
        for (f, a), (g, b) in pairs
    )
    concentration = problem.vendor_penalty * sum(a.vendor == b.vendor for (_, a), (_, b) in pairs)
    filled: dict[str, list[str]] = {}
    for function, option in zip(problem.functions, chosen, strict=True):
        filled.setdefault(option.platform, []).append(function)
    costs = [_joint(problem, platform, frozenset(fs)) for platform, fs in filled.items()]
    return Stack(
        choice={function: choice[function] for function in problem.functions},
        value=fit + integration - concentration,
        fit=fit,
        integration=integration,
        concentration=concentration,
        cost=math.fsum(costs),
    )


def best_stacks(
    problem: StackProblem, allowance: Allowance | None = None, *, settle: bool = False
) -> SearchResult:
    """The best stack within the budget and the runner-up, both proven optimal.

    With an `allowance`, AllowanceSpent is raised when the search needs more work; or,
    if `settle`, the best stacks found so far are returned with the gap the search has
    proved: no stack is worth more than the best found plus the gap.
    """
    model = _Model.build(problem)
    if model.unfillable:
        return SearchResult(best=None, runner_up=None, cheapest=None, nodes=0)
    top = _TopTwo(model)
    _offer_local_optima(model, top)
    # Settling needs the bound the set-up builds, so the set-up is not charged then.
    search = _BranchAndBound(model, top, allowance=allowance, charge_setup=not settle)
    try:
        search.run()
    except AllowanceSpent:
        best, runner_up = top.stacks()
        if not settle or best is None or search.root_bound is None:
            raise
        gap = max(0.0, search.root_bound - best.value)
        return SearchResult(best, runner_up, None, search.nodes, gap=gap)
    best, runner_up = top.stacks()
    if best is not None:
        return SearchResult(best=best, runner_up=runner_up, cheapest=None, nodes=search.nodes)
    cheapest, nodes = _cheapest(model)
    return SearchResult(best=None, runner_up=None, cheapest=cheapest, nodes=search.nodes + nodes)


def better_stack(
    problem: StackProblem,
    floor: float,
    sweeps: int = MPLP_SWEEPS,
    allowance: Allowance | None = None,
) -> Stack | None:
    """The best stack within the budget if it is worth more than `floor`, else None.

    The search starts with `floor` as its bar instead of greedy incumbents and prunes
    every branch that cannot clear it, so proving that none does is quick. `sweeps` of
    reparametrization tighten the bound (0: the plain half-pair bound, cheaper to set up
    when many small problems are asked in turn). With an `allowance`, AllowanceSpent is
    raised when the search needs more work.
    """
    model = _Model.build(problem)
    if model.unfillable:
        return None
    above = _Above(model, floor)
    _BranchAndBound(model, above, sweeps, allowance).run()
    best, _ = above.stacks()
    return best if best is not None and best.value > above.bar else None


def _chosen_option(problem: StackProblem, function: str, choice: Mapping[str, str]) -> Option:
    if function not in choice:
        raise ValueError(f"the choice fills no platform for function {function!r}")
    for option in problem.options.get(function, ()):
        if option.platform == choice[function]:
            return option
    raise ValueError(f"{choice[function]!r} is not an option for function {function!r}")


def _joint(problem: StackProblem, platform: str, functions: frozenset[str]) -> float:
    """The platform's cost for these functions together."""
    if problem.joint_cost is not None and len(functions) > 1:
        return problem.joint_cost(platform, functions)
    return max(
        option.fixed_cost
        for function in functions
        for option in problem.options.get(function, ())
        if option.platform == platform
    )


def _function_pair(problem: StackProblem, f: str, a: Option, g: str, b: Option) -> float:
    """The problem's own term for these two functions' platforms, if it sets one."""
    terms = problem.function_pairs
    if (f, g) in terms:
        return terms[(f, g)].get((a.platform, b.platform), 0.0)
    if (g, f) in terms:
        return terms[(g, f)].get((b.platform, a.platform), 0.0)
    return 0.0


def _pair_bonus(problem: StackProblem, first: str, second: str) -> float:
    if first == second:
        return problem.same_platform_bonus
    return problem.pair_bonus.get(frozenset((first, second)), 0.0)


# The problem with platforms and options as numbers ------------------------------------


@dataclass(frozen=True)
class _Model:
    """The problem in indices: platforms numbered in id order, options per function."""

    problem: StackProblem
    platforms: list[str]  # sorted ids: comparing numbers compares ids
    vendors: list[str]
    listings: list[int]  # how many functions list each platform
    options: list[list[int]]  # per function, its platforms' numbers
    costs: list[list[float]]  # per function, each option's fixed cost
    values: list[list[float]]
    net: list[list[float]]  # pairwise term of two platforms, vendor penalty included
    budget: float  # inf when there is none
    value_slack: float
    cost_slack: float
    joint_memo: dict[tuple[int, frozenset[int]], float]
    fterms: dict[tuple[int, int], dict[tuple[int, int], float]]  # f < g

    @property
    def unfillable(self) -> bool:
        return any(not listed for listed in self.options)

    @staticmethod
    def build(problem: StackProblem) -> _Model:
        _check(problem)
        catalog = {
            option.platform: option
            for function in problem.functions
            for option in problem.options.get(function, ())
        }
        platforms = sorted(catalog)
        number = {platform: index for index, platform in enumerate(platforms)}
        listed = [problem.options.get(function, ()) for function in problem.functions]
        options = [[number[option.platform] for option in row] for row in listed]
        costs = [[option.fixed_cost for option in row] for row in listed]
        listings = [0] * len(platforms)
        for row in options:
            for platform in row:
                listings[platform] += 1
        values = [[option.value for option in row] for row in listed]
        vendors = [catalog[platform].vendor for platform in platforms]
        return _Model(
            problem=problem,
            platforms=platforms,
            vendors=vendors,
            listings=listings,
            options=options,
            costs=costs,
            values=values,
            net=_net(problem, platforms, vendors),
            budget=math.inf if problem.budget is None else problem.budget,
            value_slack=RELATIVE_SLACK * max(1.0, _magnitude(problem, values)),
            cost_slack=RELATIVE_SLACK * max(1.0, math.fsum(max(row, default=0.0) for row in costs)),
            joint_memo={},
            fterms=_fterms(problem, number),
        )

    def share(self, function: int, index: int, paid: Sequence[float]) -> float:
        """At least what filling `function` with its option `index` adds to the cost,
        given what each platform is paid so far, divided by the number of functions
        listing its platform: see `_floor`."""
        platform = self.options[function][index]
        return max(0.0, self.costs[function][index] - paid[platform]) / self.listings[platform]

    def joint(self, platform: int, functions: frozenset[int]) -> float:
        """The platform's cost when it fills these functions (by number)."""
        if not functions:
            return 0.0
        known = self.joint_memo.get((platform, functions))
        if known is None:
            names = frozenset(self.problem.functions[f] for f in functions)
            known = _joint(self.problem, self.platforms[platform], names)
            self.joint_memo[(platform, functions)] = known
        return known

    def paid(self, picks: Sequence[int]) -> list[float]:
        """What each platform is paid for the filled functions (picks of -1 are unfilled)."""
        filled: list[set[int]] = [set() for _ in self.platforms]
        for function, pick in enumerate(picks):
            if pick >= 0:
                filled[self.options[function][pick]].add(function)
        return [self.joint(p, frozenset(fs)) for p, fs in enumerate(filled)]

    def term(self, f: int, first: int, g: int, second: int) -> float:
        """The pairwise term of platform `first` for function f and `second` for g, vendor
        penalty and the problem's own terms for those functions included."""
        extra = 0.0
        if self.fterms:
            key = (f, g) if f < g else (g, f)
            ends = (first, second) if f < g else (second, first)
            extra = self.fterms.get(key, {}).get(ends, 0.0)
        return self.net[first][second] + extra

    def key(self, picks: Sequence[int]) -> tuple[str, ...]:
        """Platform ids in function order, from each function's option number."""
        return tuple(
            self.platforms[row[pick]] for row, pick in zip(self.options, picks, strict=True)
        )


def _fterms(
    problem: StackProblem, number: Mapping[str, int]
) -> dict[tuple[int, int], dict[tuple[int, int], float]]:
    """The problem's function-pair terms by index, the earlier function first."""
    position = {function: index for index, function in enumerate(problem.functions)}
    found: dict[tuple[int, int], dict[tuple[int, int], float]] = {}
    for (f, g), terms in problem.function_pairs.items():
        if f not in position or g not in position:
            continue
        swap = position[f] > position[g]
        key = (position[g], position[f]) if swap else (position[f], position[g])
        table = found.setdefault(key, {})
        for (p, q), points in terms.items():
            if p in number and q in number:
                ends = (number[q], number[p]) if swap else (number[p], number[q])
                table[ends] = table.get(ends, 0.0) + points
    return found


def _check(problem: StackProblem) -> None:
    if len(set(problem.functions)) != len(problem.functions):
        raise ValueError("a function is listed twice")
    numbers = [problem.same_platform_bonus, problem.vendor_penalty, *problem.pair_bonus.values()]
    if problem.budget is not None:
        numbers.append(problem.budget)
    seen: dict[str, Option] = {}
    for function in problem.functions:
        row = problem.options.get(function, ())
        if len({option.platform for option in row}) != len(row):
            raise ValueError(f"function {function!r} lists a platform twice")
        for option in row:
            numbers += [option.value, option.fixed_cost]
            if seen.setdefault(option.platform, option).vendor != option.vendor:
                raise ValueError(f"platform {option.platform!r} has two vendors")
            if option.fixed_cost < 0:
                raise ValueError(f"platform {option.platform!r} has a negative fixed cost")
    if not all(math.isfinite(number) for number in numbers):
        raise ValueError("every value, bonus, penalty, cost and budget must be finite")
    if problem.vendor_penalty < 0:
        raise ValueError("the vendor penalty must not be negative")


def _net(problem: StackProblem, platforms: list[str], vendors: list[str]) -> list[list[float]]:
    """The pairwise term of every two platforms: bonus minus any vendor penalty."""
    count = len(platforms)
    net = [[0.0] * count for _ in range(count)]
    number = {platform: index for index, platform in enumerate(platforms)}
    for pair, bonus in problem.pair_bonus.items():
        ends = [number[platform] for platform in pair if platform in number]
        if len(ends) == 2:
            net[ends[0]][ends[1]] = net[ends[1]][ends[0]] = bonus
    for index in range(count):
        net[index][index] = problem.same_platform_bonus
    by_vendor: dict[str, list[int]] = {}
    for index, vendor in enumerate(vendors):
        by_vendor.setdefault(vendor, []).append(index)
    for members in by_vendor.values():
        for first in members:
            row = net[first]
            for second in members:
                row[second] -= problem.vendor_penalty
    return net


def _magnitude(problem: StackProblem, values: list[list[float]]) -> float:
    """A bound on any stack's absolute value, which sets the rounding slack."""
    count = len(values)
    pairwise = max(
        [abs(problem.same_platform_bonus), *map(abs, problem.pair_bonus.values())], default=0.0
    )
    pairwise += problem.vendor_penalty
    pairwise += max(
        (abs(points) for terms in problem.function_pairs.values() for points in terms.values()),
        default=0.0,
    )
    unary = sum(max(map(abs, row), default=0.0) for row in values)
    return unary + count * (count - 1) / 2 * pairwise


# The two best stacks found so far -------------------------------------------------------


class _TopTwo:
    """The best and runner-up stacks found so far, ordered by value then key."""

    def __init__(self, model: _Model) -> None:
        self.model = model
        self.entries: list[tuple[Stack, tuple[str, ...]]] = []

    def threshold(self) -> float:
        """A stack worth less than this cannot enter the top two."""
        return self.entries[1][0].value if len(self.entries) == 2 else NEG_INF

    def runner_up_key(self) -> tuple[str, ...] | None:
        return self.entries[1][1] if len(self.entries) == 2 else None

    def offer(self, picks: Sequence[int]) -> None:
        """Evaluate a complete choice exactly; keep it if it fits and ranks in the top two."""
        key = self.model.key(picks)
        if any(key == known for _, known in self.entries):
            return
        problem = self.model.problem
        stack = stack_value(problem, dict(zip(problem.functions, key, strict=True)))
        if stack.cost > self.model.budget:
            return
        self.entries.append((stack, key))
        self.entries.sort(key=lambda entry: (-entry[0].value, entry[1]))
        del self.entries[2:]

    def stacks(self) -> tuple[Stack | None, Stack | None]:
        found = [stack for stack, _ in self.entries]
        return (found[0] if found else None, found[1] if len(found) > 1 else None)


class _Above(_TopTwo):
    """The two best stacks worth more than a bar; those below it are not wanted."""

    def __init__(self, model: _Model, floor: float) -> None:
        super().__init__(model)
        self.bar = floor + model.value_slack

    def threshold(self) -> float:
        return max(self.bar + self.model.value_slack, super().threshold())


# The first incumbents: greedy, then one function changed at a time ----------------------


def _offer_local_optima(model: _Model, top: _TopTwo) -> None:
    """Offer greedy stacks, each improved to a local optimum, and their best neighbours.

    The greedy fills charge each new platform's cost at a few prices (value per unit of
    cost), so that one start spends the budget on value and another saves it."""
    for price in _prices(model):
        picks = _greedy(model, price)
        if picks is None:
            continue
        state = _LocalState(model, picks)
        for _ in range(LOCAL_SEARCH_ROUNDS):
            move = state.best_move()
            if move is None or move[0] <= model.value_slack:
                break
            state.apply(move[1], move[2])
        top.offer(state.picks)
        move = state.best_move()
        if move is not None:
            state.apply(move[1], move[2])
            top.offer(state.picks)


def _prices(model: _Model) -> list[float]:
    """0, then multiples of the typical value spread of a function per unit of cost."""
    paid = [cost for row in model.costs for cost in row if cost > 0]
    if model.budget == math.inf or not paid:
        return [0.0]
    spread = sum(max(row) - min(row) for row in model.values) / len(model.values)
    unit = spread / (sum(paid) / len(paid))
    return [factor * unit for factor in GREEDY_PRICES]


def _greedy(model: _Model, price: float) -> list[int] | None:
    """Fill functions fewest options first, each with the option of the best value less
    `price` times its new cost, among those that keep the cost floor within budget; None
    when that runs out of room."""
    count = len(model.options)
    picks = [-1] * count
    ledger = _Ledger(model)
    cost = 0.0
    for function in sorted(range(count), key=lambda f: (len(model.options[f]), f)):
        others = [f for f in range(count) if picks[f] < 0 and f != function]
        floor = sum(_floor(model, f, range(len(model.options[f])), ledger.paid) for f in others)
        scored = []
        for index, platform in enumerate(model.options[function]):
            extra = ledger.extra(function, index)
            if cost + extra + floor <= model.budget:
                gain = model.values[function][index] + sum(
                    model.term(function, platform, f, model.options[f][picks[f]])
                    for f in range(count)
                    if picks[f] >= 0
                )
                scored.append((price * extra - gain, platform, index, extra))
        if not scored:
            return None
        _, platform, index, extra = min(scored)
        picks[function] = index
        ledger.fill(function, index)
        cost += extra
    return picks


class _Ledger:
    """The functions each chosen platform fills so far and what it is paid for them."""

    def __init__(self, model: _Model) -> None:
        self.model = model
        self.paid = [0.0] * len(model.platforms)
        self.fills: list[frozenset[int]] = [frozenset()] * len(model.platforms)
        self.undo: list[tuple[int, frozenset[int], float]] = []

    def extra(self, function: int, index: int) -> float:
        """What filling `function` with its option `index` adds to the cost."""
        platform = self.model.options[function][index]
        return self.model.joint(platform, self.fills[platform] | {function}) - self.paid[platform]

    def fill(self, function: int, index: int) -> None:
        platform = self.model.options[function][index]
        self.undo.append((platform, self.fills[platform], self.paid[platform]))
        self.fills[platform] = self.fills[platform] | {function}
        self.paid[platform] = self.model.joint(platform, self.fills[platform])

    def unfill(self) -> None:
        platform, fills, paid = self.undo.pop()
        self.fills[platform], self.paid[platform] = fills, paid


def _floor(model: _Model, function: int, indices: Iterable[int], paid: Sequence[float]) -> float:
    """The least cost *share* among a function's options (those at `indices`).

    An option's share is its cost above what its platform is paid already, divided by the
    number of functions that list the platform. A completion that fills k of the free
    functions with one platform pays for it at least the dearest of those options (the
    joint cost is never less), so it adds at least the largest of those k extras, which is
    at least their mean; and k is at most the listings: the platform's new cost is at
    least the sum of its shares. So the sum of the unfilled functions' floors never
    exceeds the cost still to pay: the floor is admissible.
    """
    return min((model.share(function, i, paid) for i in indices), default=math.inf)


class _LocalState:
    """A complete stack and the value change of moving one function to another option."""

    def __init__(self, model: _Model, picks: list[int]) -> None:
        self.model = model
        self.picks = list(picks)

    def best_move(self) -> tuple[float, int, int] | None:
        """The feasible single change with the largest gain (possibly negative)."""
        moves = [move for move in self._moves() if self._fits(move[1], move[2])]
        return max(moves, key=lambda move: (move[0], -move[1], -move[2]), default=None)

    def _moves(self) -> Iterator[tuple[float, int, int]]:
        model = self.model
        for function, row in enumerate(model.options):
            current = row[self.picks[function]]
            others = [
                (f, model.options[f][pick]) for f, pick in enumerate(self.picks) if f != function
            ]
            for index, platform in enumerate(row):
                if platform != current:
                    gain = (
                        model.values[function][index] - model.values[function][self.picks[function]]
                    )
                    gain += sum(
                        model.term(function, platform, f, q) - model.term(function, current, f, q)
                        for f, q in others
                    )
                    yield gain, function, index

    def _fits(self, function: int, index: int) -> bool:
        return self._cost_after(function, index) <= self.model.budget

    def _cost_after(self, function: int, index: int) -> float:
        picks = list(self.picks)
        picks[function] = index
        return sum(self.model.paid(picks))

    def apply(self, function: int, index: int) -> None:
        self.picks[function] = index


# Reparametrization: the pair tables' values moved where the bound can use them ---------


def _pair_tables(model: _Model) -> dict[tuple[int, int], Table]:
    """T[f, g][i][j]: the pairwise term of option i of f with option j of g (f < g)."""
    count = len(model.options)
    return {
        (f, g): [[model.term(f, p, g, q) for q in model.options[g]] for p in model.options[f]]
        for f in range(count)
        for g in range(f + 1, count)
    }


def _transpose(rows: Table) -> Table:
    return [list(column) for column in zip(*rows, strict=True)]


def _reparametrize(
    model: _Model, sweeps: int = MPLP_SWEEPS
) -> tuple[Table, dict[tuple[int, int], Table]]:
    """Unary and pair tables with the same total for every stack and a tighter bound.

    Max-product linear programming (Globerson and Jaakkola, 2007): messages λ[g→f](i) are
    added to f's unary values and subtracted from the pair table of f and g, which leaves
    every complete stack's value unchanged. Each sweep updates every edge's two messages
    to minimize the dual bound Σ_f max unary + Σ_edges max table, which never increases.
    Returns the unary table and both orientations of every pair table.
    """
    tables = _pair_tables(model)
    columns = {edge: _transpose(rows) for edge, rows in tables.items()}
    belief = [list(row) for row in model.values]
    messages = {
        (g, f): [0.0] * len(model.options[f]) for f, g in [*tables, *((g, f) for f, g in tables)]
    }
    last = math.inf
    for _ in range(sweeps):
        for (f, g), rows in tables.items():
            _update_edge(belief, messages, f, g, rows, columns[f, g])
        bound = sum(map(max, belief)) + sum(
            max(map(max, _reduced(rows, messages[g, f], messages[f, g])))
            for (f, g), rows in tables.items()
        )
        if last - bound <= MPLP_TOLERANCE * max(1.0, abs(bound)):
            break
        last = bound
    reduced: dict[tuple[int, int], Table] = {}
    for (f, g), rows in tables.items():
        reduced[f, g] = _reduced(rows, messages[g, f], messages[f, g])
        reduced[g, f] = _transpose(reduced[f, g])
    return belief, reduced


def _update_edge(
    belief: Table,
    messages: dict[tuple[int, int], list[float]],
    f: int,
    g: int,
    rows: Table,
    columns: Table,
) -> None:
    """The MPLP update of edge (f, g): each end gets half of what the edge can add."""
    into_f = [b - m for b, m in zip(belief[f], messages[g, f], strict=True)]
    into_g = [b - m for b, m in zip(belief[g], messages[f, g], strict=True)]
    to_f = [0.5 * (max(map(add, row, into_g)) - a) for row, a in zip(rows, into_f, strict=True)]
    to_g = [
        0.5 * (max(map(add, column, into_f)) - b) for column, b in zip(columns, into_g, strict=True)
    ]
    messages[g, f] = to_f
    messages[f, g] = to_g
    belief[f] = list(map(add, into_f, to_f))
    belief[g] = list(map(add, into_g, to_g))


def _reduced(rows: Table, to_f: list[float], to_g: list[float]) -> Table:
    """A pair table less the messages its edge sent to its two ends."""
    return [
        [value - a - b for value, b in zip(row, to_g, strict=True)]
        for row, a in zip(rows, to_f, strict=True)
    ]


# Branch and bound -----------------------------------------------------------------------


class _BranchAndBound:
    """Depth-first search over functions, pruned by the half-pair bound and the budget.

    For the reparametrized unary values u and pair tables T, with V the value of the
    functions filled so far, the *half-pair bound* of a node is

        V + Σ_{f unfilled} max_i [ u_f(i) + Σ_{g filled} T_fg(i, x_g)
                                   + ½ Σ_{h unfilled, h≠f} max_j T_fh(i, j) ]

    It is admissible: every pair of unfilled functions f, h adds T_fh(x_f, x_h), which is
    at most ½ max_j T_fh(x_f, j) + ½ max_i T_fh(i, x_h), one half charged to each end;
    vendor penalties are inside T, so nothing is left out. The bracket of option i is kept
    per function in `self.bracket` and updated as functions are filled; removed options
    hold -inf. Filling a function never raises the bound of an option of another
    (T_fh(i, x) ≤ ½ max_j T_fh(i, j) + ½ max_k T_hf(x, k)), so an option removed at a node
    stays removed in its whole subtree.
    """

    def __init__(
        self,
        model: _Model,
        top: _TopTwo,
        sweeps: int = MPLP_SWEEPS,
        allowance: Allowance | None = None,
        *,
        charge_setup: bool = True,
    ) -> None:
        self.model = model
        self.top = top
        self.nodes = 0
        self.allowance = allowance
        if allowance is not None and charge_setup:  # the pair tables, built and swept
            sizes = [len(row) for row in model.options]
            cells = sum(a * b for n, a in enumerate(sizes) for b in sizes[n + 1 :])
            allowance.spend((1 + sweeps) * cells)
        unary, tables = _reparametrize(model, sweeps)
        count = len(model.options)
        self.unary = unary
        self.tables = [[tables.get((f, g), []) for g in range(count)] for f in range(count)]
        self.halves = _halves(self.tables)
        self.step = _steps(self.tables, self.halves)
        self.bracket = [
            [u + sum(half[i] for half in self.halves[f] if half) for i, u in enumerate(unary[f])]
            for f in range(count)
        ]
        nothing = [0.0] * len(model.platforms)
        shares = [
            [model.share(f, i, nothing) for i in range(len(row))]
            for f, row in enumerate(model.options)
        ]
        self.cheapest = [min(row) for row in shares]
        self.dearest = [max(row) for row in shares]  # no share is larger at any node
        self.picks = [-1] * count
        self.filled: list[tuple[int, int]] = []
        self.ledger = _Ledger(model)
        self.root_bound: float | None = None

    def run(self) -> None:
        free = list(range(len(self.model.options)))
        maxima = [max(self.bracket[f]) for f in free]
        # The half-pair bound of the whole problem: no stack is worth more.
        self.root_bound = sum(maxima)
        self.descend(0.0, 0.0, free, maxima)

    def descend(self, value: float, cost: float, free: list[int], maxima: list[float]) -> None:
        """Explore the subtree where the functions not in `free` are filled; `maxima` are
        the largest brackets of the free functions."""
        self.nodes += 1
        if self.allowance is not None:  # the options of the free functions, examined
            self.allowance.spend(1 + sum(len(self.bracket[f]) for f in free))
        if not free:
            self._leaf(value, cost)
            return
        bound = value + sum(maxima)
        slack = self.model.value_slack
        threshold = self.top.threshold() - slack
        if bound < threshold:
            return
        ties_only = bound <= threshold + 2 * slack and self.top.runner_up_key() is not None
        if ties_only and self._keys_all_later():
            return
        bracket = self.bracket
        saved = [bracket[f] for f in free]
        chosen = self._narrow(free, maxima, threshold - bound, cost)
        if chosen is not None:
            # Where the subtree can at best tie, only its keys matter: filling functions in
            # their order settles, as soon as possible, which keys come before the
            # runner-up's (`free` is kept in function order).
            self._branch(value, cost, free, maxima, 0 if ties_only else chosen)
        for f, row in zip(free, saved, strict=True):
            bracket[f] = row

    def _leaf(self, value: float, cost: float) -> None:
        model = self.model
        if value >= self.top.threshold() - model.value_slack and cost <= (
            model.budget + model.cost_slack
        ):
            self.top.offer(self.picks)

    def _keys_all_later(self) -> bool:
        """True when every stack of the subtree has a later key (platform ids in function
        order) than the runner-up's, as the functions filled so far show."""
        key = self.top.runner_up_key()
        assert key is not None
        model = self.model
        for function, pick in enumerate(self.picks):
            if pick < 0:
                return False
            platform = model.platforms[model.options[function][pick]]
            if platform != key[function]:
                return platform > key[function]
        return True

    def _narrow(self, free: list[int], maxima: list[float], gap: float, cost: float) -> int | None:
        """Remove the options that cannot reach the runner-up or cannot fit the budget.
        Returns the position in `free` of the function with the fewest options left (the
        most constrained), or None when a function has none left."""
        bracket = self.bracket
        floors = self._floors(free)
        room = self.model.budget + self.model.cost_slack - cost - sum(floors)
        if room < 0:
            return None
        chosen = None
        best = (math.inf, 0.0)
        for position, f in enumerate(free):
            need = gap + maxima[position]
            allowed = room + floors[position]
            if allowed >= self.dearest[f]:
                kept = [value if value >= need else NEG_INF for value in bracket[f]]
            else:
                kept = self._affordable(f, need, allowed)
            alive = len(kept) - kept.count(NEG_INF)
            if alive == 0:
                return None
            bracket[f] = kept
            rank = (alive, -maxima[position])
            if rank < best:
                best = rank
                chosen = position
        return chosen

    def _affordable(self, f: int, need: float, allowed: float) -> list[float]:
        """f's brackets, -inf for the options below `need` or whose share exceeds `allowed`
        (see `_floor`: filling f with an option adds at least its share to the floor)."""
        share = self.model.share
        paid = self.ledger.paid
        return [
            value if value >= need and share(f, i, paid) <= allowed else NEG_INF
            for i, value in enumerate(self.bracket[f])
        ]

    def _floors(self, free: list[int]) -> list[float]:
        """The cost floor of each free function (0 for those with a free option)."""
        model = self.model
        return [
            _floor(model, f, _alive(self.bracket[f]), self.ledger.paid)
            if self.cheapest[f] > 0
            else 0.0
            for f in free
        ]

    def _branch(
        self, value: float, cost: float, free: list[int], maxima: list[float], position: int
    ) -> None:
        """Try each option of free[position], best bound first (ties: smaller id first)."""
        model = self.model
        f = free[position]
        rest = free[:position] + free[position + 1 :]
        ceilings = maxima[:position] + maxima[position + 1 :]
        others = sum(ceilings)
        row = self.bracket[f]
        platforms = model.options[f]
        order = sorted(
            (i for i, v in enumerate(row) if v != NEG_INF), key=lambda i: (-row[i], platforms[i])
        )
        for i in order:
            threshold = self.top.threshold() - model.value_slack
            if value + others + row[i] < threshold:
                break
            gain = self.unary[f][i] + sum(self.tables[f][g][i][j] for g, j in self.filled)
            rows = self._child_rows(f, i, rest, ceilings, threshold - value - row[i] - others)
            if rows is None:
                self.nodes += 1  # its bound was computed (in part): it counts as explored
                continue
            extra = self.ledger.extra(f, i)
            kept = self._fill(f, i, rest, rows)
            self.descend(value + gain, cost + extra, rest, list(map(max, rows)))
            self._unfill(f, rest, kept)

    def _child_rows(
        self, f: int, i: int, rest: list[int], ceilings: list[float], gap: float
    ) -> list[list[float]] | None:
        """The brackets of the other free functions once f takes option i, or None as soon
        as they show that the child's bound falls below the threshold.

        Each new maximum is at most its `ceiling` (the maximum before) plus ½ max_j
        T_fh(i, j), and the bound estimated before filling, value + bracket_f(i) + Σ
        ceilings, is the sum of those limits; `gap` (<= 0) is how far below it the child's
        bound may fall before it drops under the threshold."""
        bracket = self.bracket
        step = self.step
        halves = self.halves[f]
        rows = []
        fallen = 0.0
        for h, ceiling in zip(rest, ceilings, strict=True):
            row = list(map(add, bracket[h], step[h][f][i]))
            fallen += max(row) - ceiling - halves[h][i]
            if fallen < gap:
                return None
            rows.append(row)
        return rows

    def _fill(self, f: int, i: int, rest: list[int], rows: list[list[float]]) -> list[list[float]]:
        bracket = self.bracket
        kept = [bracket[h] for h in rest]
        for h, row in zip(rest, rows, strict=True):
            bracket[h] = row
        self.ledger.fill(f, i)
        self.picks[f] = i
        self.filled.append((f, i))
        return kept

    def _unfill(self, f: int, rest: list[int], kept: list[list[float]]) -> None:
        self.filled.pop()
        self.picks[f] = -1
        self.ledger.unfill()
        for h, row in zip(rest, kept, strict=True):
            self.bracket[h] = row


def _halves(tables: list[list[Table]]) -> list[list[list[float]]]:
    """halves[f][g][i] = ½ max_j T_fg(i, j): what the bound charges f's option i for g."""
    return [[[0.5 * max(row) for row in table] for table in by_other] for by_other in tables]


def _steps(tables: list[list[Table]], halves: list[list[list[float]]]) -> list[list[Table]]:
    """step[f][g][j][i] = T_fg(i, j) - halves[f][g][i]: the change of f's bracket for its
    option i when g takes its option j (g's half is then replaced by the exact term)."""
    return [
        [
            [list(map(_minus, column, half)) for column in _transpose(table)] if table else []
            for table, half in zip(by_other, halves_f, strict=True)
        ]
        for by_other, halves_f in zip(tables, halves, strict=True)
    ]


def _minus(a: float, b: float) -> float:
    return a - b


def _alive(row: list[float]) -> list[int]:
    return [index for index, value in enumerate(row) if value != NEG_INF]


# The cheapest stack, when none fits the budget ------------------------------------------


def _cheapest(model: _Model) -> tuple[Stack | None, int]:
    """The least-cost stack (the best-valued among those), and the nodes it took."""
    least, nodes = _least_cost(model)
    if least is None:
        return None, nodes
    found = best_stacks(replace(model.problem, budget=least))
    return found.best, nodes + found.nodes


def _least_cost(model: _Model) -> tuple[float | None, int]:
    """The exact least cost of a complete stack, by depth-first search on the cost floor."""
    search = _LeastCost(model)
    search.descend(list(range(len(model.options))), 0.0)
    return search.best, search.nodes


class _LeastCost:
    """Depth-first search for the least total cost, platforms shared paid once.

    A subtree is pruned when what it has spent plus the cost floors of its free functions
    reaches the least cost found less the cost slack: a tie cannot lower the least cost,
    and a cost lower by less than the slack would be rounding, not substance."""

    def __init__(self, model: _Model) -> None:
        self.model = model
        self.ledger = _Ledger(model)
        self.best: float | None = None
        self.nodes = 0

    def descend(self, free: list[int], spent: float) -> None:
        self.nodes += 1
        model = self.model
        if not free:
            exact = math.fsum(self.ledger.paid)
            if self.best is None or exact < self.best:
                self.best = exact
            return
        ledger = self.ledger
        floors = [_floor(model, f, range(len(model.options[f])), ledger.paid) for f in free]
        if self.best is not None and spent + sum(floors) >= self.best - model.cost_slack:
            return
        position = max(range(len(free)), key=lambda k: (floors[k], -k))
        f = free[position]
        rest = free[:position] + free[position + 1 :]
        platforms = model.options[f]
        by_cost = sorted(range(len(platforms)), key=lambda i: (ledger.extra(f, i), platforms[i]))
        for i in by_cost:
            extra = ledger.extra(f, i)
            ledger.fill(f, i)
            self.descend(rest, spent + extra)
            ledger.unfill()
