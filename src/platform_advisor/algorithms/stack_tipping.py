"""The smallest change of one criterion's weight that changes the recommended stack.

Along one criterion's share x of the weight (the others rescaled), every candidate's
score is a ratio of affine functions of x (`algorithms.acceptability.Lines`), so each stack's
value is a sum of such ratios plus its integration terms, which do not depend on x.
Walking away from the current share, an interval is *certified* when no stack can beat
the recommended one anywhere in it: each option is credited with the most its score can
gain on the recommended option of its function over the interval (a ratio of affine
functions is monotone, so the most is at an end), and the exact search
(`algorithms.stack_search`) proves that even then no stack is worth more. An interval that
cannot be certified is halved, down to RESOLUTION; where a better stack is found at the
far end of such an interval, the exact crossing of the two stacks' values inside it is
the tipping point; a stack that only ties with the recommended one there, to within
TIE (two platforms rated alike once one criterion has all the weight), changes nothing.
A change confined to a window narrower than RESOLUTION could be
missed: that is the method's stated precision (docs/scoring.md).

The walks of all the criteria share one allowance of search work (STACK_WORK), counted
rather than timed so the same problem gets the same answer: each walk may spend what is
left, less a reserve for the walks still to come, and a walk that runs out is
unsettled. With a few functions it is never reached; with thirty, the exact search
behind each certification grows fast, and the allowance keeps the whole analysis to
seconds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from platform_advisor.algorithms.acceptability import EDGE, Line, Lines
from platform_advisor.algorithms.stack_search import (
    Allowance,
    AllowanceSpent,
    Option,
    StackProblem,
    best_stacks,
    better_stack,
    stack_value,
)

#: Width of the narrowest interval examined: a tenth of a percentage point of weight.
RESOLUTION = 1e-3
#: Points by which a rival stack must beat the recommended one to change it. The lines are
#: built from criterion values and shares rounded to six decimals, so a score read off them
#: may stray from the exact one by about 1e-4 points, and that stray stays as the score of
#: one criterion fades: with all the weight on Skill fit, two platforms that both need no
#: skill would otherwise part on it. A tenth of a hundredth of the report's precision.
TIE = 1e-3
#: Halvings of the crossing interval: far below any precision a report shows.
CROSSING_STEPS = 40
#: Searches allowed for one criterion and direction before giving up on it.
MAX_SEARCHES = 200
#: The search work (pair-table cells and options examined, see `stack_search.Allowance`)
#: all the walks of one analysis may do together: three or four seconds on the machines
#: of PERFORMANCE.md, whatever the number of functions. The example profiles need a
#: third of it; ten needed functions, two thirds.
STACK_WORK = 5_000_000


@dataclass(frozen=True)
class FunctionLines:
    """One function's options, in the problem's order, as lines along one criterion."""

    line: Line
    bonus: np.ndarray  # each option's value beyond its score: links to platforms in use


@dataclass(frozen=True)
class StackTip:
    """A share of one criterion's weight past which another stack is best."""

    share: float
    choice: Mapping[str, str]  # function -> platform id of the stack that takes over


@dataclass(frozen=True)
class Unsettled:
    """The search allowance ran out before the walk was certified or a change found."""

    searched_to: float  # the share up to which the stack is certified


@dataclass(frozen=True)
class _Walk:
    """One criterion, one direction: everything the certification needs."""

    problem: StackProblem
    lines: Mapping[str, FunctionLines]
    chosen: Mapping[str, int]  # function -> index of the recommended option
    allowance: Allowance | None = None

    def values_at(self, x: float) -> StackProblem:
        """The problem with every option valued at share x."""
        options = {
            function: tuple(
                replace(option, value=float(value))
                for option, value in zip(
                    self.problem.options[function], self._values(function, x), strict=True
                )
            )
            for function in self.problem.functions
        }
        return replace(self.problem, options=options)

    def _values(self, function: str, x: float) -> np.ndarray:
        parts = self.lines[function]
        values: np.ndarray = parts.line.scores(x) + parts.bonus
        return values

    def certified(self, near: float, far: float) -> bool:
        """No stack beats the recommended one anywhere between the two shares."""
        options = {
            function: self._gains(function, near, far) for function in self.problem.functions
        }
        bounded = replace(self.problem, options=options)
        own = stack_value(bounded, self.choice()).value
        return better_stack(bounded, own, sweeps=0, allowance=self.allowance) is None

    def _gains(self, function: str, near: float, far: float) -> tuple[Option, ...]:
        """Each option valued at the most it can gain on the recommended one."""
        at_near = self._values(function, near)
        at_far = self._values(function, far)
        mine = self.chosen[function]
        if self.lines[function].line.common_denominator():
            gains = np.maximum(at_near - at_near[mine], at_far - at_far[mine])
        else:
            gains = np.maximum(at_near, at_far) - min(at_near[mine], at_far[mine])
        gains[mine] = 0.0
        return tuple(
            replace(option, value=float(gain))
            for option, gain in zip(self.problem.options[function], gains, strict=True)
        )

    def choice(self) -> dict[str, str]:
        return {
            function: self.problem.options[function][index].platform
            for function, index in self.chosen.items()
        }

    def best_at(self, x: float) -> dict[str, str]:
        best = best_stacks(self.values_at(x), self.allowance).best
        return dict(best.choice) if best is not None else self.choice()

    def beats(self, rival: Mapping[str, str], x: float) -> bool:
        """Whether the rival stack is worth more than the recommended one at share x."""
        problem = self.values_at(x)
        return stack_value(problem, rival).value > stack_value(problem, self.choice()).value + TIE

    def crossing(self, near: float, far: float, rival: Mapping[str, str]) -> float:
        """Where the rival stack's value rises past the recommended one's, near to far."""
        for _ in range(CROSSING_STEPS):
            middle = (near + far) / 2
            problem = self.values_at(middle)
            if stack_value(problem, rival).value > stack_value(problem, self.choice()).value:
                far = middle
            else:
                near = middle
        return far


def stack_tip(
    problem: StackProblem,
    lines: Mapping[str, FunctionLines],
    chosen: Mapping[str, int],
    current: float,
    upward: bool,
    allowance: Allowance | None = None,
) -> StackTip | Unsettled | None:
    """The nearest share, above or below the current one, past which the stack changes.

    None when no share short of all (or none) of the weight changes it; Unsettled when
    the searches allowed, or the work `allowance`, run out first.
    """
    walk = _Walk(problem, lines, chosen, allowance)
    end = 1.0 - EDGE if upward else EDGE
    pending = [(current, end)]
    searches = 0
    while pending:
        near, far = pending.pop()
        searches += 1
        if searches > MAX_SEARCHES:
            return Unsettled(near)
        try:
            if walk.certified(near, far):
                continue
        except AllowanceSpent:
            return Unsettled(near)
        if abs(far - near) > RESOLUTION:
            middle = (near + far) / 2
            pending += [(middle, far), (near, middle)]  # the near half is examined first
            continue
        searches += 1
        try:
            rival = walk.best_at(far)
        except AllowanceSpent:
            return Unsettled(near)
        if rival != walk.choice() and walk.beats(rival, far):
            return StackTip(walk.crossing(near, far, rival), rival)
    return None


def chosen_indices(problem: StackProblem, choice: Mapping[str, str]) -> dict[str, int]:
    """Each function's recommended option as an index into its options."""
    return {
        function: [o.platform for o in problem.options[function]].index(choice[function])
        for function in problem.functions
    }


def function_lines(
    problem: StackProblem, every: Mapping[str, Lines], shares: Sequence[float], criterion: int
) -> dict[str, FunctionLines]:
    """Each function's options along one criterion, with their value beyond the score."""
    found = {}
    for function in problem.functions:
        line = every[function].along(criterion)
        current = line.scores(shares[criterion])
        base = np.array([option.value for option in problem.options[function]])
        found[function] = FunctionLines(line, base - current)
    return found
