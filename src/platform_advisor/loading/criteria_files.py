"""Loading a criteria file and the presets it extends, each problem located in its own file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from platform_advisor.core.inputs.lookup import did_you_mean
from platform_advisor.core.inputs.presets import (
    Layer,
    extended,
    extension_findings,
    inconsistency_findings,
    relocated,
    standalone,
    standalone_findings,
)
from platform_advisor.core.inputs.references import Finding, check_criteria
from platform_advisor.errors import CrossReferenceError
from platform_advisor.loading.sources import Source, located, raise_located, read_source, validated
from platform_advisor.loading.text_files import display_name
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.criteria import Criteria, CriteriaFile
from platform_advisor.resources import criteria_preset, criteria_presets

#: How many times one file may be extended in a chain (a extends b extends c: twice).
MAX_EXTENDS_DEPTH = 8

_PATH_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class _File:
    """One file of a chain: where it is, its text, and what it says."""

    path: Path
    source: Source
    content: CriteriaFile


def load_criteria(path: Path, *, catalog: Catalog | None = None) -> tuple[Criteria, Source]:
    """The criteria of a file merged into every preset it extends, and the file's source.

    Given the catalog, the merged criteria are also checked against it, and each problem
    is reported in the file that holds it, the named file's or one of its bases'. Weights
    derived from judgements that contradict each other too much are not an error: the
    criteria's ``notices`` say so, with the file and line of each judgement to revisit.
    """
    criteria, sources = load_criteria_chain(path, catalog=catalog)
    return criteria, sources[0]


def load_criteria_chain(
    path: Path, *, catalog: Catalog | None = None
) -> tuple[Criteria, tuple[Source, ...]]:
    """As `load_criteria`, with the sources of the whole chain, the named file first."""
    chain = _chain(path)
    criteria, warnings = _merged(chain)
    if catalog is not None:
        _check(criteria, catalog, chain)
    return _with_notices(criteria, chain, warnings), tuple(file.source for file in chain)


def _chain(path: Path) -> list[_File]:
    """The named file, then the file it extends, and so on to a complete file."""
    chain = [_read(path)]
    while chain[-1].content.extends is not None:
        chain.append(_read(_base_of(chain)))
    return chain


def _read(path: Path) -> _File:
    source = read_source(path)
    return _File(path, source, validated(CriteriaFile, source))


def _base_of(chain: Sequence[_File]) -> Path:
    """The file the last of the chain extends, if that adds no loop and stays shallow."""
    child = chain[-1]
    base = _named_base(child)
    loop = [f for f in chain if f.path.resolve() == base.resolve()]
    if loop:
        names = [f.source.display for f in chain[chain.index(loop[0]) :]]
        cycle = " → ".join([*names, loop[0].source.display])
        _refuse(child, f"a loop of 'extends': {cycle}", "a preset cannot build on itself")
    if len(chain) > MAX_EXTENDS_DEPTH:
        _refuse(
            child,
            f"more than {MAX_EXTENDS_DEPTH} levels of 'extends', starting at "
            f"{chain[0].source.display}",
            "extend a preset nearer the complete file, or merge some of these files",
        )
    return base


def _named_base(child: _File) -> Path:
    """The file that ``extends`` names: a path relative to the child, or a shipped preset."""
    reference = child.content.extends or ""
    if "\0" in reference:
        _refuse(child, "the name holds a NUL character (U+0000)", "no file name can hold one")
    if reference.endswith(_PATH_SUFFIXES) or "/" in reference or "\\" in reference:
        candidate = child.path.parent / reference
        if not candidate.is_file():
            looked_for = display_name(candidate.resolve())
            _refuse(
                child,
                f"no criteria file {reference!r}",
                f"a path is read relative to this file: looked for {looked_for}",
            )
        return candidate
    presets = criteria_presets()
    if reference not in presets:
        suggestion = did_you_mean(reference, presets)
        _refuse(
            child,
            f"no criteria preset named {reference!r}",
            (f"{suggestion} " if suggestion else "")
            + f"presets: {', '.join(presets)}; or a YAML file's path, relative to this file",
        )
    return criteria_preset(reference)


def _refuse(child: _File, message: str, hint: str) -> NoReturn:
    """Stop with a problem at the child's ``extends``."""
    finding = Finding(child.source.display, ("extends",), message, hint)
    raise CrossReferenceError(located([finding], _sources([child])))


def _merged(chain: Sequence[_File]) -> tuple[Criteria, list[str]]:
    """Each file merged into the one it extends, from the complete file up, with the
    located warnings of the merge (weights of criteria that are now part of another)."""
    bottom, *upper = reversed(chain)
    raise_located(standalone_findings(bottom.content, bottom.source.display), _sources([bottom]))
    criteria = standalone(bottom.content, bottom.source.display)
    warnings: list[str] = []
    for file in upper:
        findings = extension_findings(criteria, file.content, file.source.display)
        raise_located(findings, _sources([file]))
        said = [finding for finding in findings if finding.severity == "warning"]
        warnings += [str(problem) for problem in located(said, _sources([file]))]
        criteria = extended(criteria, file.content, file.source.display)
    return criteria, warnings


def _with_notices(criteria: Criteria, chain: Sequence[_File], warnings: list[str]) -> Criteria:
    """The criteria with the merge's warnings and a located warning for each set of
    inconsistent judgements."""
    findings = inconsistency_findings(criteria.derivations)
    notices = [*warnings, *(str(p) for p in located(findings, _sources(chain)))]
    if not notices:
        return criteria
    return criteria.model_copy(update={"notices": tuple(notices)})


def _check(criteria: Criteria, catalog: Catalog, chain: Sequence[_File]) -> None:
    """The merged criteria checked as a whole, each finding shown in its own file."""
    layers: list[Layer] = [(f.source.display, f.content) for f in reversed(chain)]
    findings = check_criteria(criteria, catalog, chain[0].source.display)
    raise_located(relocated(findings, layers), _sources(chain))


def _sources(chain: Sequence[_File]) -> dict[str, Source]:
    return {f.source.display: f.source for f in chain}
