"""``advisor weights``: criteria weights from pairwise judgements (AHP), as a criteria file.

The judgements come from a YAML file (``--from``), from flags (``--pair``), or from
questions, asked on a terminal (or with ``--interactive``) for every pair still missing.
The weights are derived exactly as ``advisor score`` derives them when it loads the file
written here (core/inputs/presets.py, algorithms/ahp.py; the file's text comes from
editing/criteria_text.py), and the file keeps the judgements, so the derivation can be
repeated and revised. Questions and results go to stderr; the file goes
to OUTPUT, or to stdout for '-'. Nothing is written until every answer is in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from platform_advisor.cli.common import emit, err, handled_errors, refuse_output, say
from platform_advisor.cli.options import Quiet, Verbose

if TYPE_CHECKING:
    from platform_advisor.models.criteria import Criteria, CriteriaFile, WeightDerivation

Triple = tuple[str, str, float]

#: The five selection factors of the strategy essays, compared when none are named.
SELECTION_FACTORS = ("goal_fit", "audience_fit", "skill_fit", "cost_fit", "risk_fit")
ANSWER_HELP = (
    "Answer 'a 3' if the first matters 3 times as much, 'b 5' if the second matters 5 times"
    " as much, or '1' if they matter equally."
)
# An answer: 'a 3', '3a', 'b 5', '1'; compiled on first use, to keep start-up fast.
_ANSWER = r"(?:(?P<before>[ab])\s*)?(?P<times>[1-9](?:\.\d+)?)(?:\s*(?P<after>[ab]))?"


def weights(
    output: str = typer.Argument(
        "-", help="The criteria file to write, or '-' for stdout.", metavar="OUTPUT"
    ),
    extends: str = typer.Option(
        "balanced",
        "--extends",
        help="The preset (or criteria file) the new file builds on.",
        metavar="NAME|FILE",
    ),
    criteria_ids: list[str] = typer.Option(
        [],
        "--criterion",
        help="A criterion to compare; repeat (default: those the judgements name, or on a "
        "terminal the five selection factors).",
        metavar="ID",
    ),
    from_file: Path | None = typer.Option(
        None,
        "--from",
        help="Read judgements from a YAML file's 'pairwise' list (a criteria file will do).",
        metavar="FILE",
        readable=False,
    ),
    pairs: list[str] = typer.Option(
        [],
        "--pair",
        metavar="A,B,K",
        help="A judgement 'A,B,K': A matters K (1-9) times as much as B; repeat.",
    ),
    name: str | None = typer.Option(
        None, "--name", help="The new criteria's name (default: OUTPUT's name).", metavar="NAME"
    ),
    interactive: bool = typer.Option(
        False,
        "--interactive",
        "-i",
        help="Ask for missing judgements even off a terminal, and offer to revisit "
        "inconsistent ones.",
    ),
    force: bool = typer.Option(False, "--force", help="Replace OUTPUT if it exists."),
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Derive criteria weights from pairwise judgements (AHP) and write a criteria file."""
    with handled_errors(quiet, verbose):
        target = _target(output, force, [from_file, _extended_file(extends)])
        base = _base(extends)
        asking = interactive or sys.stdin.isatty()
        judgements = _given(from_file, pairs, base)
        items = _items(criteria_ids, judgements, base, asking=asking)
        judgements = _completed(items, judgements, base, asking=asking)
        content = _content(judgements, base, extends, target, name)
        derivation = _derived(base, content)
        if asking and not derivation.acceptable:
            content, derivation = _revisited(base, content, derivation)
        from platform_advisor.editing.criteria_text import criteria_text

        _write(criteria_text(content, derivation, base), target)


# Where the file goes, and what it builds on


def _target(output: str, force: bool, inputs: Sequence[Path | None]) -> Path | None:
    """OUTPUT as a path (None for stdout), refused before any question if it cannot be
    written, is one of the inputs, or would replace a file without --force."""
    if output == "-":
        return None
    target = Path(output)
    refuse_output(target, force, inputs)
    return target


def _extended_file(extends: str) -> Path | None:
    """The file --extends names, when it names a file rather than a preset."""
    from platform_advisor.resources import criteria_presets

    return None if extends in criteria_presets() else Path(extends)


def _base(extends: str) -> Criteria:
    from platform_advisor.api import criteria_file
    from platform_advisor.loading.criteria_files import load_criteria

    return load_criteria(criteria_file(extends))[0]


def _extends_reference(extends: str, target: Path | None) -> str:
    """A preset's name as given; a file's path relative to where the new file goes."""
    from platform_advisor.resources import criteria_presets

    if extends in criteria_presets():
        return extends
    folder = (target.parent if target else Path()).resolve()
    relative = Path(os.path.relpath(Path(extends).resolve(), folder)).as_posix()
    return relative if "/" in relative else f"./{relative}"


# The judgements given in a file or in flags


def _given(from_file: Path | None, pairs: Sequence[str], base: Criteria) -> list[Triple]:
    judgements = _from_file(from_file, base) if from_file else []
    judgements += [_parsed_pair(text, base) for text in pairs]
    _refuse_repeats(judgements)
    return judgements


def _from_file(path: Path, base: Criteria) -> list[Triple]:
    """The judgements of a YAML file, each problem reported at its line."""
    from platform_advisor.core.inputs.presets import pairwise_findings
    from platform_advisor.loading.sources import load_model, raise_located
    from platform_advisor.models.criteria import CriteriaFile, PairwiseFile

    found, source = load_model(PairwiseFile, path)
    content = CriteriaFile.model_construct(name="from", pairwise=found.pairwise, weights={})
    findings = pairwise_findings(base.criteria, content, source.display)
    # A pair left out is asked for, or named later: only each judgement's own faults here.
    raise_located([f for f in findings if f.path != ("pairwise",)], {source.display: source})
    return [(first, second, ratio) for first, second, ratio in found.pairwise]


def _parsed_pair(text: str, base: Criteria) -> Triple:
    """'cost_fit,skill_fit,3' as a judgement, checked as the file's would be."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) != 3:
        raise typer.BadParameter(f"--pair {text!r}: write A,B,K, e.g. cost_fit,skill_fit,3")
    first, second = (_known(part, base, f"--pair {text!r}") for part in parts[:2])
    try:
        ratio = float(parts[2])
    except ValueError:
        raise typer.BadParameter(f"--pair {text!r}: {parts[2]!r} is not a number") from None
    from platform_advisor.algorithms.ahp import SAATY_HIGHEST, SAATY_LOWEST

    if first == second or not SAATY_LOWEST <= ratio <= SAATY_HIGHEST:
        raise typer.BadParameter(
            f"--pair {text!r}: compare two different criteria, by 1 to 9 (the more important first)"
        )
    return first, second, ratio


def _known(criterion_id: str, base: Criteria, where: str) -> str:
    from platform_advisor.core.inputs.lookup import did_you_mean

    known = [criterion.id for criterion in base.criteria]
    if criterion_id not in known:
        hint = did_you_mean(criterion_id, known) or f"criteria: {', '.join(known)}"
        raise typer.BadParameter(f"{where}: unknown criterion {criterion_id!r} ({hint})")
    return criterion_id


def _refuse_repeats(judgements: Sequence[Triple]) -> None:
    seen: set[frozenset[str]] = set()
    for first, second, _ in judgements:
        pair = frozenset((first, second))
        if pair in seen:
            raise typer.BadParameter(f"{first} and {second} are judged twice; keep one")
        seen.add(pair)


# Which criteria to compare, and the judgements still missing


def _items(
    criteria_ids: Sequence[str], judgements: Sequence[Triple], base: Criteria, *, asking: bool
) -> list[str]:
    """The criteria to compare: named, judged, asked for, or the selection factors."""
    named = [_known(criterion_id, base, "--criterion") for criterion_id in criteria_ids]
    judged = [name for first, second, _ in judgements for name in (first, second)]
    items = list(dict.fromkeys([*named, *judged]))
    if not items and asking:
        items = _ask_items(base)
    if not items:
        raise typer.BadParameter(
            "no judgements: give --from FILE or --pair A,B,K, or run on a terminal (or with"
            " --interactive) to be asked"
        )
    from platform_advisor.algorithms.ahp import MAX_ITEMS

    if not 2 <= len(items) <= MAX_ITEMS:
        raise typer.BadParameter(f"compare from 2 to {MAX_ITEMS} criteria, not {len(items)}")
    return items


def _ask_items(base: Criteria) -> list[str]:
    from platform_advisor.cli.questions import _ids

    known = [criterion.id for criterion in base.criteria]
    err(f"The criteria of {base.name}, with their weights:")
    for criterion in base.criteria:
        err(f"  {criterion.id:<18} {criterion.label:<28} {criterion.weight:g}")
    factors = [item for item in SELECTION_FACTORS if item in known] or known[:5]
    while True:
        question = "Criteria to compare (comma-separated ids)"
        chosen: list[str] = _asked(question, _ids(known, "criterion"), ", ".join(factors))
        if len(set(chosen)) >= 2:
            return list(dict.fromkeys(chosen))
        err("Error: name at least two criteria")


def _completed(
    items: Sequence[str], judgements: list[Triple], base: Criteria, *, asking: bool
) -> list[Triple]:
    """The judgements with every missing pair asked for, or an error naming them."""
    from platform_advisor.algorithms.ahp import all_pairs

    judged = {frozenset((first, second)) for first, second, _ in judgements}
    missing = [pair for pair in all_pairs(items) if frozenset(pair) not in judged]
    if missing and not asking:
        shown = "; ".join(f"{a} and {b}" for a, b in missing[:6])
        more = f" and {len(missing) - 6} more" if len(missing) > 6 else ""
        raise typer.BadParameter(
            f"every pair of compared criteria needs a judgement; missing: {shown}{more}"
            " (give --pair A,B,K for each, or run with --interactive to be asked)"
        )
    if missing:
        _explain_scale(len(missing))
    labels = _labels(base)
    for number, (a, b) in enumerate(missing, start=1):
        judgements.append(_ask_pair(a, b, labels, f"{number}/{len(missing)}"))
    return judgements


def _explain_scale(count: int) -> None:
    from platform_advisor.algorithms.ahp import SCALE_HELP

    err(f"{count} comparison{'s' if count != 1 else ''}: for each pair, say which criterion")
    err(f"matters more for this business, and by how much. {SCALE_HELP}")
    err(ANSWER_HELP)


def _ask_pair(a: str, b: str, labels: dict[str, str], progress: str, note: str = "") -> Triple:
    """One question: which of two matters more, and how many times as much."""
    question = (
        f"{progress}{note} Which matters more, (a) {labels[a]} or (b) {labels[b]}, and by how"
        " much (1-9)?"
    )
    ratio: float | None = _asked(question, _answer)
    while ratio is None:  # '?': the scale again, then the same question
        from platform_advisor.algorithms.ahp import SCALE_HELP

        err(f"{SCALE_HELP} {ANSWER_HELP}")
        ratio = _asked(question, _answer)
    return (a, b, ratio) if ratio >= 1 else (b, a, 1 / ratio)


def _asked(question: str, convert: Callable[[str], Any], default: str | None = None) -> Any:
    """The answer, checked by ``convert``; Ctrl-C (or no more input) stops with nothing written."""
    from platform_advisor.cli.common import ask

    return ask(question, default, convert)


def _answer(text: str) -> float | None:
    """'a 3' → 3 (a over b), 'b 3' → 1/3, '1' → 1; None for '?', a call for help."""
    import re

    from platform_advisor.algorithms.ahp import SCALE_HELP

    if text.strip() == "?":
        return None
    match = re.fullmatch(_ANSWER, text.strip().casefold())
    if match is None or (match["before"] and match["after"]):
        raise typer.BadParameter(f"{SCALE_HELP} {ANSWER_HELP}")
    times = float(match["times"])
    side = match["before"] or match["after"]
    if times == 1:
        return 1.0
    if side is None:
        raise typer.BadParameter(f"say which matters more: 'a {match['times']}' or 'b ...'")
    return times if side == "a" else 1 / times


def _labels(base: Criteria) -> dict[str, str]:
    return {criterion.id: criterion.label for criterion in base.criteria}


# The derivation, shown and revisited


def _content(
    judgements: Sequence[Triple],
    base: Criteria,
    extends: str,
    target: Path | None,
    name: str | None,
) -> CriteriaFile:
    """The file's content; every judgement was checked as it was read or asked."""
    from platform_advisor.models.criteria import CriteriaFile

    title = name if name is not None else (target.stem if target else "pairwise-weights")
    judged = {a for a, _, _ in judgements} | {b for _, b, _ in judgements}
    if not 1 <= len(title) <= 120:
        raise typer.BadParameter(f"--name: give a name of 1 to 120 characters (got {title!r})")
    return CriteriaFile.model_validate(
        {
            "name": title,
            "description": f"Built on {base.name}, with the weights of {len(judged)} criteria"
            f" derived from {len(judgements)} pairwise judgements.",
            "extends": _extends_reference(extends, target),
            "pairwise": [list(judgement) for judgement in judgements],
        }
    )


def _derived(base: Criteria, content: CriteriaFile) -> WeightDerivation:
    """The derivation the advisor makes when it loads the file, shown on stderr."""
    from platform_advisor.core.inputs.presets import extended

    derivation = extended(base, content).derivations[-1]
    _show(derivation, base)
    return derivation


def _show(derivation: WeightDerivation, base: Criteria) -> None:
    from platform_advisor.models.criteria import consistency_text

    labels = _labels(base)
    say(
        f"Derived weights (the {derivation.total_weight:g} points these criteria have in "
        f"{base.name}, shared out):"
    )
    for criterion_id, weight in zip(derivation.criteria, derivation.weights, strict=True):
        before = base.criterion(criterion_id).weight
        share = weight / derivation.total_weight
        say(f"  {labels[criterion_id]:<28} {before:>6g} -> {weight:<7g} ({share:.0%})")
    verdict = "acceptable" if derivation.acceptable else "above 0.10: the answers contradict"
    say(f"Consistency ratio {consistency_text(derivation.consistency_ratio)} ({verdict})")
    if not derivation.acceptable:
        for inconsistency in derivation.inconsistencies:
            say(f"  - {inconsistency.message}")


def _revisited(
    base: Criteria, content: CriteriaFile, derivation: WeightDerivation
) -> tuple[CriteriaFile, WeightDerivation]:
    """Offer to re-ask the most inconsistent judgement until the ratio is acceptable."""
    from platform_advisor.algorithms.ahp import judged_words

    labels = _labels(base)
    while not derivation.acceptable and derivation.inconsistencies:
        worst = derivation.inconsistencies[0]
        try:
            again = typer.confirm("Revisit the first of these judgements?", default=True, err=True)
        except typer.Abort:  # as for a question: nothing is written
            raise KeyboardInterrupt from None
        if not again:
            break
        a, b, _ = content.pairwise[worst.judgement]
        note = f" Your other answers imply {judged_words(labels[a], labels[b], worst.implied)}."
        judgements = list(content.pairwise)
        judgements[worst.judgement] = _ask_pair(a, b, labels, "Again:", note)
        content = content.model_copy(update={"pairwise": tuple(judgements)})
        derivation = _derived(base, content)
    return content, derivation


def _write(text: str, target: Path | None) -> None:
    """Check the text loads as it will be read, then write it, or print it for '-'."""
    from platform_advisor.loading.sources import Source, validated
    from platform_advisor.models.criteria import CriteriaFile

    validated(CriteriaFile, Source(str(target or "<stdout>"), text))
    emit(text, target)
    if target is not None:
        say(f"use it with: advisor score PROFILE --criteria {target}")
