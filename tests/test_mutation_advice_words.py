"""Scores under another method and the words of the stack's robustness: each score is
the method's, rounded as shown; each change of stack is named the way the report words
it; the summary names the nearest change.

Written from the survivors of mutation testing (docs/mutation-testing.md)."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest

from platform_advisor.algorithms import MethodName
from platform_advisor.algorithms.methods import advisor_scores
from platform_advisor.algorithms.sampling import RobustnessRequest, Sampling
from platform_advisor.api import criteria_file
from platform_advisor.core.advise import advise
from platform_advisor.core.scoring.scores import rank, value_matrix
from platform_advisor.core.scoring.weights import effective_weights
from platform_advisor.loading.files import Inputs, load_inputs
from platform_advisor.models.result import Strategy
from tests import factories as f
from tests.conftest import EXAMPLES
from tests.test_scoring import shop_context

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("method", ["weighted_product", "topsis"])
def test_another_method_gives_each_platform_its_own_score_rounded_as_shown(
    method: MethodName,
) -> None:
    platforms = [
        f.platform(id="alpha", name="Alpha", functions=["ecommerce"], ratings={"reach": 5}),
        f.platform(id="beta", name="Beta", functions=["ecommerce"], ratings={"reach": 1}),
        f.platform(
            id="gamma",
            name="Gamma",
            functions=["ecommerce"],
            tiers=[{"name": "Pro", "monthly_usd": 300}],
        ),
    ]
    context = shop_context(*platforms)
    weights = effective_weights(context.criteria, context.profile)
    ranked = rank(platforms, weights, context, method)
    expected = advisor_scores(
        method,
        np.array(value_matrix(ranked, weights)),
        np.array([w.weight for w in weights]),
    )
    assert [s.score_exact for s in ranked] == pytest.approx(expected.tolist())
    assert [s.score for s in ranked] == [round(s.score_exact, 1) for s in ranked]
    assert len({s.score for s in ranked}) > 1


def clauses(words: str) -> list[str]:
    """'A would replace B for x and C would replace D for y and z' in its clauses (a
    function's label may hold an 'and' of its own)."""
    found: list[str] = []
    for piece in filter(None, words.split(" and ")):
        if " would replace " in piece or not found:
            found.append(piece)
        else:
            found[-1] += " and " + piece
    return found


@pytest.fixture
def bakery() -> tuple[Inputs, Strategy]:
    """Computed for each test, not once per module: mutmut runs, for each mutant, only the
    tests that called the mutated code, and work done in a shared fixture counts for the
    first test that asked for it alone."""
    inputs = load_inputs(EXAMPLES / "bakery.yaml", criteria_path=criteria_file("balanced"))
    request = RobustnessRequest(Sampling(samples=500), stack=True)
    strategy = advise(
        inputs.profile, inputs.catalog, inputs.criteria, today=TODAY, robustness=request
    )
    return inputs, strategy


def test_each_change_of_stack_names_the_platforms_and_the_function_in_lower_case(
    bakery: tuple[Inputs, Strategy],
) -> None:
    inputs, strategy = bakery
    assert strategy.robustness is not None and strategy.robustness.stack is not None
    chosen = {item.function: item.platform for item in strategy.stack}
    names = {p.name: p.id for p in inputs.catalog.platforms.values()}
    labels = {fd.label.lower(): fd.id for fd in inputs.catalog.functions.values()}
    clause = re.compile(r"(.+) would replace (.+) for ([^A-Z]+)")
    sides = 0
    for tip in strategy.robustness.stack.tipping:
        for limit, words in ((tip.falls_below, tip.then_below), (tip.rises_above, tip.then_above)):
            assert (limit is None) == (words == "")
            for part in clauses(words):
                match = clause.fullmatch(part)
                assert match is not None, part
                function = labels[match[3]]
                assert chosen[function] == names[match[2]] != names[match[1]]
            sides += limit is not None
    below = [t for t in strategy.robustness.stack.tipping if t.falls_below is not None]
    above = [t for t in strategy.robustness.stack.tipping if t.rises_above is not None]
    assert all(t.falls_below < t.share for t in below)  # type: ignore[operator]
    assert all(t.rises_above > t.share for t in above)  # type: ignore[operator]
    assert below and above and sides == len(below) + len(above)


def test_the_stack_summary_names_the_nearest_change(bakery: tuple[Inputs, Strategy]) -> None:
    _, strategy = bakery
    assert strategy.robustness is not None and strategy.robustness.stack is not None
    nearest = strategy.robustness.stack.tipping[0]
    assert nearest.nearest is not None
    assert strategy.robustness.stack.statement.startswith(
        f"The recommended stack holds until one weight moves {nearest.nearest:.1f} points: "
        f"if the weight on {nearest.label} "
    )


def test_each_acceptability_table_names_the_candidates_that_ever_reach_the_top_three(
    bakery: tuple[Inputs, Strategy],
) -> None:
    inputs, strategy = bakery
    assert strategy.robustness is not None
    for function in strategy.robustness.functions:
        rows = function.acceptability
        assert 0 < len(rows) <= 5
        assert all(row.top_three > 0 for row in rows)
        assert [row.name for row in rows] == [
            inputs.catalog.platforms[row.platform].name for row in rows
        ]
        assert sum(row.first for row in rows) <= 1.0 + 1e-9


def test_each_function_verdict_rests_on_the_rankings_margin_and_both_sides(
    bakery: tuple[Inputs, Strategy],
) -> None:
    _, strategy = bakery
    assert strategy.robustness is not None
    below = 0
    for function in strategy.robustness.functions:
        ranked = strategy.rankings[function.function]
        assert (function.winner, function.runner_up) == (ranked[0].platform, ranked[1].platform)
        assert function.runner_up_name == ranked[1].name
        assert function.margin == round(ranked[0].score_exact - ranked[1].score_exact, 2)
        close = function.margin < 2.0
        assert (function.verdict == "close call") == close
        assert (" is a close second, " in function.statement) == close
        for tip in function.tipping:
            assert tip.falls_below is None or tip.falls_below < tip.share
            assert tip.rises_above is None or tip.rises_above > tip.share
            below += tip.falls_below is not None
    assert below > 0
