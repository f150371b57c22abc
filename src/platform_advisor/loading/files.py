"""Loading the three kinds of input file and checking them against each other."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from platform_advisor.core.inputs.references import (
    Finding,
    check_catalog_files,
    check_profile,
    dotted,
)
from platform_advisor.errors import (
    CrossReferenceError,
    DataFileError,
    InputFileError,
    Location,
    Problem,
)
from platform_advisor.loading.text_files import read_text
from platform_advisor.models.catalog import Catalog, CatalogFile, Platform
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.profile import Profile
from platform_advisor.resources import shipped_dir, user_catalog_dir
from platform_advisor.storage.cache import cached, remember
from platform_advisor.storage.collector import collector_paused
from platform_advisor.tracing import trace

ModelT = TypeVar("ModelT", bound=BaseModel)
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Source:
    """A file's name as shown to the user, and its text (kept to locate later problems)."""

    display: str
    text: str


@dataclass(frozen=True)
class LoadedCatalog:
    catalog: Catalog
    sources: dict[str, Source]
    files: tuple[tuple[str, CatalogFile], ...]
    notices: tuple[str, ...] = ()
    built_in: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Inputs:
    """Everything the main job needs, loaded and cross-checked."""

    profile: Profile
    criteria: Criteria
    loaded: LoadedCatalog
    texts: tuple[str, ...] = ()  # every file read, named and whole: what the inputs hold

    @property
    def catalog(self) -> Catalog:
        return self.loaded.catalog

    @property
    def notices(self) -> tuple[str, ...]:
        return self.loaded.notices + self.criteria.notices


def display_name(path: Path) -> str:
    """A path as the user would type it: relative to here when that is shorter."""
    relative = os.path.relpath(path)
    return relative if not relative.startswith("..") else str(path)


def read_source(path: Path) -> Source:
    display = display_name(path)
    return Source(display, read_text(path, display))


def load_model(model: type[ModelT], path: Path) -> tuple[ModelT, Source]:
    """One YAML file validated against one model (or its cached validation)."""
    source = read_source(path)
    return validated(model, source), source


def validated(model: type[ModelT], source: Source) -> ModelT:
    """The model from a file's text; YAML and validators load only on a cache miss."""
    known = cached(model, [source.text])
    if known is not None:
        return known
    from platform_advisor.loading.validation import validate
    from platform_advisor.loading.yaml_reader import parse_yaml

    with collector_paused():
        data = parse_yaml(source.text, source.display)
        if not isinstance(data, dict):
            raise DataFileError([_shape_problem(model, data, source.display)])
        value = validate(model, data, source.text, source.display)
    remember([source.text], value)
    return value


def _shape_problem(model: type[BaseModel], data: Any, display: str) -> Problem:
    kind = "a list" if isinstance(data, list) else f"a single value ({data!r:.40})"
    fields = ", ".join(model.model_fields)
    return Problem(
        f"the file holds {kind}; expected a mapping with the fields {fields}",
        Location(display, 1, 1),
    )


def catalog_files(paths: Sequence[Path]) -> list[Path]:
    """The YAML files named, with folders expanded (recursively, in sorted order)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in YAML_SUFFIXES and p.is_file() and not p.name.startswith(".")
                )
            )
        elif path.exists() or path.suffix in YAML_SUFFIXES:
            found.append(path)
        else:
            raise InputFileError(f"{display_name(path)}: no such file or folder")
    return found


@dataclass(frozen=True)
class MergedCatalog:
    """What the cache keeps of a loaded catalog: everything but the texts."""

    catalog: Catalog
    files: tuple[tuple[str, CatalogFile], ...]
    notices: tuple[str, ...]


def load_catalog(paths: Sequence[Path] = (), *, include_default: bool = True) -> LoadedCatalog:
    """The default catalog (unless left out) extended by the user's files.

    A user platform with the id of a default platform replaces it, and the returned
    notices say so. With the default catalog comes the user's own catalog folder, when
    there is one (see `resources.user_catalog_dir`).
    """
    default = catalog_files([shipped_dir("catalogs")]) if include_default else []
    own = user_catalog_dir()
    user = catalog_files([*([own] if include_default and own.is_dir() else []), *paths])
    if not default and not user:
        raise InputFileError("no catalog files: name one with --catalog")
    sources = [read_source(path) for path in [*default, *user]]
    replaceable = {source.display for source in sources[: len(default)]}
    by_display = {source.display: source for source in sources}
    key = [f"{s.display in replaceable}:{s.display}\0{s.text}" for s in sources]
    trace(f"catalog: {len(default)} built-in files, {len(user)} of yours")
    merged = cached(MergedCatalog, key)
    if merged is None:
        merged = merge_sources(sources, replaceable)
        remember(key, merged)
    return LoadedCatalog(
        merged.catalog, by_display, merged.files, merged.notices, frozenset(replaceable)
    )


def merge_sources(sources: Sequence[Source], replaceable: Collection[str]) -> MergedCatalog:
    """Validate every file (reporting all their problems together), check, merge."""
    files: list[tuple[str, CatalogFile]] = []
    problems: list[Problem] = []
    for source in sources:
        try:
            files.append((source.display, validated(CatalogFile, source)))
        except DataFileError as error:
            problems.extend(error.problems)
    if problems:
        raise DataFileError(problems)
    by_display = {source.display: source for source in sources}
    raise_located(check_catalog_files(files, replaceable), by_display)
    notices = tuple(_override_notices(files, replaceable))
    return MergedCatalog(_merge(files), tuple(files), notices)


def _override_notices(
    files: Sequence[tuple[str, CatalogFile]], replaceable: Collection[str]
) -> list[str]:
    """One line for each user platform that replaces a built-in one."""
    built_in = {
        p.id for document, content in files if document in replaceable for p in content.platforms
    }
    return [
        f"{document}: '{platform.id}' replaces the built-in entry"
        for document, content in files
        if document not in replaceable
        for platform in content.platforms
        if platform.id in built_in
    ]


def _merge(files: Sequence[tuple[str, CatalogFile]]) -> Catalog:
    """One catalog; a later file's platform replaces an earlier one with the same id."""
    platforms: dict[str, Platform] = {}
    for _, content in files:
        platforms.update((p.id, p) for p in content.platforms)
    return Catalog(
        functions={f.id: f for _, content in files for f in content.functions},
        channels={c.id: c for _, content in files for c in content.channels},
        platforms=platforms,
        flows={frozenset(flow.between): flow for _, content in files for flow in content.flows},
    )


def load_inputs(
    profile_path: Path,
    *,
    catalog_paths: Sequence[Path] = (),
    include_default_catalog: bool = True,
    criteria_path: Path,
) -> Inputs:
    """Catalog, criteria and profile, each valid and all consistent with each other."""
    from platform_advisor.loading.criteria_files import load_criteria_chain  # imports this

    loaded = load_catalog(catalog_paths, include_default=include_default_catalog)
    criteria, criteria_sources = load_criteria_chain(criteria_path, catalog=loaded.catalog)
    profile, profile_source = load_model(Profile, profile_path)
    trace(f"profile: {profile_source.display}; criteria: {criteria_sources[0].display}")
    findings = check_profile(profile, loaded.catalog, criteria, profile_source.display)
    raise_located(findings, {profile_source.display: profile_source})
    sources = [*loaded.sources.values(), *criteria_sources, profile_source]
    texts = tuple(part for source in sources for part in (source.display, source.text))
    return Inputs(profile, criteria, loaded, (*texts, *sorted(loaded.built_in)))


def located(findings: Sequence[Finding], sources: dict[str, Source]) -> list[Problem]:
    """Findings as problems with file, line and column."""
    from platform_advisor.loading.yaml_reader import locate

    problems = []
    by_document: dict[str, list[Finding]] = {}
    for finding in findings:
        by_document.setdefault(finding.document, []).append(finding)
    for document, group in by_document.items():
        spots = locate(sources[document].text, [f.path for f in group])
        for finding in group:
            spot = spots[finding.path]
            line, column = spot.line, spot.column
            if finding.at_key and spot.key_line is not None:
                line, column = spot.key_line, spot.key_column or 1
            problems.append(
                Problem(
                    finding.message,
                    Location(document, line, column),
                    dotted(finding.path),
                    finding.hint,
                    finding.severity,
                )
            )
    return problems


def raise_located(findings: Sequence[Finding], sources: dict[str, Source]) -> None:
    """Raise CrossReferenceError with every finding located; warnings alone do not raise."""
    if any(finding.severity == "error" for finding in findings):
        raise CrossReferenceError(located(findings, sources))


def lint(loaded: LoadedCatalog, *, today: date, stale_after_months: int) -> list[Problem]:
    """The maintainer's checks, located: raises on errors, returns the warnings."""
    from platform_advisor.core.inputs.catalog_lint import lint_catalog

    findings = lint_catalog(
        loaded.files, loaded.built_in, today=today, stale_after_months=stale_after_months
    )
    raise_located([f for f in findings if f.severity == "error"], loaded.sources)
    warnings = located([f for f in findings if f.severity == "warning"], loaded.sources)
    return [*_yaml11_surprises(loaded.sources.values()), *warnings]


def _yaml11_surprises(sources: Iterable[Source]) -> list[Problem]:
    """Unquoted values that YAML 1.1 tools read otherwise than we do (NO for Norway)."""
    from platform_advisor.loading.yaml_reader import yaml11_surprises

    return [
        problem for source in sources for problem in yaml11_surprises(source.text, source.display)
    ]
