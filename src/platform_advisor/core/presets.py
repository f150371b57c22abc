"""Criteria files that build on a preset: the merge, its checks, and where each part came from.

A chain of files is given base first, each as a ``Layer``: the document's name and its
content. The merge never reads a file; the loading edge follows ``extends``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from platform_advisor.core.checks import Finding, Path
from platform_advisor.core.suggest import did_you_mean
from platform_advisor.models.common import Sector
from platform_advisor.models.criteria import (
    Criteria,
    CriteriaFile,
    Criterion,
    SectorGuide,
    StackTerms,
)

Layer = tuple[str, CriteriaFile]


def standalone(content: CriteriaFile) -> Criteria:
    """The criteria of a complete file, one that extends nothing."""
    return Criteria.model_construct(
        name=content.name,
        description=content.description,
        criteria=content.criteria,
        adjustments=content.adjustments,
        goals=dict(content.goals),
        sectors=dict(content.sectors),
        stack=content.stack or StackTerms.model_construct(),
    )


def extended(base: Criteria, child: CriteriaFile) -> Criteria:
    """The base with the child's weights, plus its criteria, adjustments, goals and sectors.

    Every part was validated in its own file; the merged lists may be longer than one file
    may hold, which is why the result is constructed rather than validated again.
    """
    return Criteria.model_construct(
        name=child.name,
        description=child.description,
        criteria=tuple(_reweighed(c, child) for c in base.criteria) + child.criteria,
        adjustments=base.adjustments + child.adjustments,
        goals={**base.goals, **child.goals},
        sectors=_merged_sectors(base.sectors, child.sectors),
        stack=child.stack or base.stack,
    )


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


def _reweighed(criterion: Criterion, child: CriteriaFile) -> Criterion:
    weight = child.weights.get(criterion.id)
    return criterion if weight is None else criterion.model_copy(update={"weight": weight})


def extension_findings(base: Criteria, child: CriteriaFile, document: str) -> list[Finding]:
    """Weights for criteria the base lacks, and criteria the base already defines."""
    known = [criterion.id for criterion in base.criteria]
    findings = [
        Finding(
            document,
            ("weights", criterion_id),
            f"unknown criterion {criterion_id!r}: the base defines no such criterion",
            did_you_mean(criterion_id, known) or f"the base's criteria: {', '.join(known)}",
            at_key=True,
        )
        for criterion_id in child.weights
        if criterion_id not in known
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
        if content.criteria:
            return document, ("criteria",)
    return layers[-1][0], ("criteria",)
