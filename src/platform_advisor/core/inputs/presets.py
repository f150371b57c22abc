"""Criteria files that build on a preset: the merge, its checks, and where each part came from.

A chain of files is given base first, each as a ``Layer``: the document's name and its
content. The merge never reads a file; the loading edge follows ``extends``.

A file's pairwise judgements are applied last, to the criteria merged so far: the
criteria they compare share out the total weight they had, in the proportions the
judgements give (algorithms/ahp.py), and every other criterion keeps its weight.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from platform_advisor.algorithms.ahp import (
    Judgement,
    JudgementError,
    Priorities,
    described,
    judgement_problems,
    priorities,
)
from platform_advisor.core.inputs.lookup import did_you_mean
from platform_advisor.core.inputs.references import Finding, Path, dotted
from platform_advisor.errors import DataFileError, Location, Problem
from platform_advisor.models.common import Sector
from platform_advisor.models.criteria import (
    Criteria,
    CriteriaFile,
    Criterion,
    Inconsistency,
    SectorGuide,
    StackTerms,
    WeightDerivation,
    consistency_text,
)

Layer = tuple[str, CriteriaFile]

#: How many of the judgements that contradict the others most a derivation names.
INCONSISTENCIES_NAMED = 3


def standalone(content: CriteriaFile, document: str = "") -> Criteria:
    """The criteria of a complete file, one that extends nothing."""
    criteria = Criteria.model_construct(
        name=content.name,
        description=content.description,
        criteria=content.criteria,
        adjustments=content.adjustments,
        goals=dict(content.goals),
        sectors=dict(content.sectors),
        stack=content.stack or StackTerms.model_construct(),
    )
    return judged(criteria, content, document)


def extended(base: Criteria, child: CriteriaFile, document: str = "") -> Criteria:
    """The base with the child's weights, plus its criteria, adjustments, goals and sectors.

    Every part was validated in its own file; the merged lists may be longer than one file
    may hold, which is why the result is constructed rather than validated again.
    """
    merged = Criteria.model_construct(
        name=child.name,
        description=child.description,
        criteria=_merged_criteria(base, child),
        adjustments=base.adjustments + child.adjustments,
        goals={**base.goals, **child.goals},
        sectors=_merged_sectors(base.sectors, child.sectors),
        stack=child.stack or base.stack,
        derivations=base.derivations,
    )
    return judged(merged, child, document)


def _merged_criteria(base: Criteria, child: CriteriaFile) -> tuple[Criterion, ...]:
    weights = _cost_weights(base, child)
    return tuple(_reweighed(c, weights) for c in base.criteria) + child.criteria


#: The two money criteria of presets before money was weighed as one (their weights
#: then), now the halves of `cost_fit`.
FORMER_COST_CRITERIA = {"budget_fit": 14.0, "fee_fit": 8.0}


def _cost_weights(base: Criteria, child: CriteriaFile) -> Mapping[str, float]:
    """The child's weights, with weights for the former money criteria added into
    cost_fit where the base weighs all money as one."""
    known = {criterion.id for criterion in base.criteria}
    former = {
        c: w for c, w in child.weights.items() if c in FORMER_COST_CRITERIA and c not in known
    }
    if not former or "cost_fit" not in known:
        return child.weights
    total = sum(former.get(c, default) for c, default in FORMER_COST_CRITERIA.items())
    rest = {c: w for c, w in child.weights.items() if c not in former}
    return {**rest, "cost_fit": rest.get("cost_fit", total)}


def _merged_sectors(
    base: Mapping[Sector, SectorGuide], child: Mapping[Sector, SectorGuide]
) -> dict[Sector, SectorGuide]:
    """Sector guides merged field by field: what the child leaves empty, the base gives."""
    merged = dict(base)
    for sector, guide in child.items():
        inherited = base.get(sector)
        merged[sector] = (
            guide
            if inherited is None
            else SectorGuide.model_construct(
                functions=guide.functions or inherited.functions,
                guidance=guide.guidance or inherited.guidance,
                risks=guide.risks or inherited.risks,
            )
        )
    return merged


def _reweighed(criterion: Criterion, weights: Mapping[str, float]) -> Criterion:
    weight = weights.get(criterion.id)
    return criterion if weight is None else criterion.model_copy(update={"weight": weight})


def extension_findings(base: Criteria, child: CriteriaFile, document: str) -> list[Finding]:
    """Weights for criteria the base lacks, criteria the base already defines, and
    judgements that cannot give weights."""
    known = [criterion.id for criterion in base.criteria]
    merged_money = "cost_fit" in known
    findings = [
        Finding(
            document,
            ("weights", criterion_id),
            f"unknown criterion {criterion_id!r}: the base defines no such criterion",
            did_you_mean(criterion_id, known) or f"the base's criteria: {', '.join(known)}",
            at_key=True,
        )
        for criterion_id in child.weights
        if criterion_id not in known and not (merged_money and criterion_id in FORMER_COST_CRITERIA)
    ]
    findings += [
        Finding(
            document,
            ("weights", criterion_id),
            f"{criterion_id} is now part of cost_fit, which weighs all money (subscription, "
            "fees, set-up) as one; cost_fit takes the weights of budget_fit and fee_fit "
            "together (14 and 8, as before, where one is not given)",
            "give cost_fit its weight instead",
            severity="warning",
            at_key=True,
        )
        for criterion_id in child.weights
        if criterion_id not in known and merged_money and criterion_id in FORMER_COST_CRITERIA
    ]
    findings += [
        Finding(
            document,
            ("criteria", index, "id"),
            f"criterion {criterion.id!r} is already defined in the base",
            f"change its weight under 'weights: {{{criterion.id}: ...}}' instead",
        )
        for index, criterion in enumerate(child.criteria)
        if criterion.id in known
    ]
    return findings + pairwise_findings(_merged_criteria(base, child), child, document)


def standalone_findings(content: CriteriaFile, document: str) -> list[Finding]:
    """What is wrong with the judgements of a complete file (the rest is validated)."""
    return pairwise_findings(content.criteria, content, document)


def pairwise_findings(
    criteria: Sequence[Criterion], content: CriteriaFile, document: str
) -> list[Finding]:
    """Judgements that name unknown criteria, or cannot give weights, each at its line."""
    if not content.pairwise:
        return []
    weights = {criterion.id: criterion.weight for criterion in criteria}
    findings = [
        Finding(
            document,
            ("pairwise", index, side),
            f"unknown criterion {name!r}",
            did_you_mean(name, weights) or f"criteria you can compare: {', '.join(weights)}",
        )
        for index, judgement in enumerate(content.pairwise)
        for side, name in enumerate(judgement[:2])
        if name not in weights
    ]
    judgements = _judgements(content)
    findings += [
        Finding(
            document,
            ("pairwise",) if problem.index is None else ("pairwise", problem.index),
            problem.message,
            problem.hint,
            at_key=problem.index is None,
        )
        for problem in judgement_problems(judgements)
    ]
    findings += _weighed_twice(content, document)
    if not findings and not sum(weights[name] for name in _compared(content)):
        findings.append(
            Finding(
                document,
                ("pairwise",),
                "the criteria compared have no weight to share (their weights add up to 0)",
                "compare at least one criterion that has a weight above 0",
                at_key=True,
            )
        )
    return findings


def _weighed_twice(content: CriteriaFile, document: str) -> list[Finding]:
    """A criterion given a weight and compared too: the two would fight over its weight."""
    compared = _compared(content)
    return [
        Finding(
            document,
            ("weights", criterion_id),
            f"{criterion_id!r} has a weight here and is also compared under 'pairwise'",
            "give one or the other: the judgements set the weights of the criteria they compare",
            at_key=True,
        )
        for criterion_id in content.weights
        if criterion_id in compared
    ]


def _judgements(content: CriteriaFile) -> list[Judgement]:
    return [Judgement(first, second, ratio) for first, second, ratio in content.pairwise]


def _compared(content: CriteriaFile) -> set[str]:
    return {name for judgement in content.pairwise for name in judgement[:2]}


def judged(criteria: Criteria, content: CriteriaFile, document: str = "") -> Criteria:
    """The criteria with the weights the file's judgements give, and a record of how.

    Raises DataFileError when the judgements cannot give weights; the loading edge runs
    ``pairwise_findings`` first, to say where.
    """
    if not content.pairwise:
        return criteria
    _refuse_wrong_judgements(criteria.criteria, content, document)
    try:
        found = priorities(_judgements(content))
    except JudgementError as error:
        raise DataFileError(
            [Problem(p.message, hint=p.hint) for p in error.problems],
            "the pairwise judgements cannot give weights:",
        ) from None
    total = sum(criteria.criterion(name).weight for name in found.items)
    derived = {
        name: _rounded(total * share)
        for name, share in zip(found.items, found.weights, strict=True)
    }
    reweighed = tuple(
        c.model_copy(update={"weight": derived[c.id]}) if c.id in derived else c
        for c in criteria.criteria
    )
    derivation = _derivation(found, content, document, derived, total, criteria)
    return criteria.model_copy(
        update={"criteria": reweighed, "derivations": (*criteria.derivations, derivation)}
    )


def _refuse_wrong_judgements(
    criteria: Sequence[Criterion], content: CriteriaFile, document: str
) -> None:
    findings = pairwise_findings(criteria, content, document)
    if findings:
        raise DataFileError(
            [
                Problem(f.message, Location(document) if document else None, dotted(f.path), f.hint)
                for f in findings
            ]
        )


def _rounded(weight: float) -> float:
    """Four significant digits: as precise as a judgement, and readable in a report."""
    return float(f"{weight:.4g}")


def _derivation(
    found: Priorities,
    content: CriteriaFile,
    document: str,
    derived: Mapping[str, float],
    total: float,
    criteria: Criteria,
) -> WeightDerivation:
    labels = {criterion.id: criterion.label for criterion in criteria.criteria}
    return WeightDerivation.model_construct(
        document=document,
        judgements=content.pairwise,
        criteria=found.items,
        weights=tuple(derived[name] for name in found.items),
        total_weight=total,
        lambda_max=found.lambda_max,
        consistency_index=found.consistency_index,
        consistency_ratio=found.consistency_ratio,
        inconsistencies=tuple(
            Inconsistency.model_construct(
                judgement=d.index, implied=d.implied, message=described(d, labels)
            )
            for d in found.discrepancies[:INCONSISTENCIES_NAMED]
        ),
    )


def inconsistency_findings(derivations: Sequence[WeightDerivation]) -> list[Finding]:
    """A warning for each file whose judgements contradict each other beyond Saaty's 0.1,
    naming the judgements the others contradict most."""
    findings = []
    for derivation in derivations:
        if derivation.acceptable:
            continue
        findings.append(
            Finding(
                derivation.document,
                ("pairwise",),
                f"the judgements contradict each other (consistency ratio"
                f" {consistency_text(derivation.consistency_ratio)}, above 0.10), so the"
                " weights derived"
                " from them may not say what you mean",
                "revisit the judgements named below",
                severity="warning",
                at_key=True,
            )
        )
        findings += [
            Finding(
                derivation.document,
                ("pairwise", inconsistency.judgement),
                inconsistency.message,
                severity="warning",
            )
            for inconsistency in derivation.inconsistencies
        ]
    return findings


def relocated(findings: Sequence[Finding], layers: Sequence[Layer]) -> list[Finding]:
    """Findings about the merged criteria, each moved to the file and path it came from."""
    moved = []
    for finding in findings:
        document, path = origin(finding.path, layers)
        moved.append(dataclasses.replace(finding, document=document, path=path))
    return moved


def origin(path: Path, layers: Sequence[Layer]) -> tuple[str, Path]:
    """The document, and the path inside it, of a path in the criteria merged from layers."""
    section, rest = (path[0], path[1:]) if path else ("", ())
    if section in ("criteria", "adjustments") and rest and isinstance(rest[0], int):
        return _listed(section, rest[0], rest[1:], layers)
    if section in ("goals", "sectors") and rest:
        return _keyed(section, rest, layers)
    if path == ("criteria",):
        return _whole_criteria(layers)
    return layers[-1][0], path


def _listed(section: str, index: int, rest: Path, layers: Sequence[Layer]) -> tuple[str, Path]:
    """An item of a list the layers extend one after the other, base first."""
    for document, content in layers:
        count = len(getattr(content, section))
        if index < count:
            return document, (section, index, *rest)
        index -= count
    return layers[-1][0], (section,)


def _keyed(section: str, rest: Path, layers: Sequence[Layer]) -> tuple[str, Path]:
    """An entry of a mapping: the last layer to define its key wins, as in the merge."""
    for document, content in reversed(layers):
        if rest[0] in getattr(content, section):
            return document, (section, *rest)
    return layers[-1][0], (section, *rest)


def _whole_criteria(layers: Sequence[Layer]) -> tuple[str, Path]:
    """The criteria as a whole (their weights' sum, say): the outermost file that sets them."""
    for document, content in reversed(layers):
        if content.weights:
            return document, ("weights",)
        if content.pairwise:
            return document, ("pairwise",)
        if content.criteria:
            return document, ("criteria",)
    return layers[-1][0], ("criteria",)
