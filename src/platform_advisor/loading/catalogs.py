"""Loading the catalog: the built-in files, the user's own folder and the files named,
validated, checked against each other and merged; and the maintainer's lint."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from platform_advisor.core.inputs.references import (
    check_catalog_files,
)
from platform_advisor.errors import (
    DataFileError,
    InputFileError,
    Problem,
)
from platform_advisor.loading.catalog_files import catalog_sets
from platform_advisor.loading.sources import (
    Source,
    located,
    raise_located,
    read_source,
    validated,
)
from platform_advisor.models.catalog import Catalog, CatalogFile, Platform
from platform_advisor.storage.cache import cached, remember
from platform_advisor.storage.collector import collector_paused
from platform_advisor.tracing import trace


@dataclass(frozen=True)
class LoadedCatalog:
    catalog: Catalog
    sources: dict[str, Source]
    files: tuple[tuple[str, CatalogFile], ...]
    notices: tuple[str, ...] = ()
    built_in: frozenset[str] = frozenset()


@dataclass(frozen=True)
class MergedCatalog:
    """What the cache keeps of a loaded catalog: everything but the texts."""

    catalog: Catalog
    files: tuple[tuple[str, CatalogFile], ...]
    notices: tuple[str, ...]


class _Merged(BaseModel):
    """A merged catalog as the cache writes it: its files and notices, as JSON; the
    catalog is merged again from the files when it is read back."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    files: tuple[tuple[str, CatalogFile], ...]
    notices: tuple[str, ...]


class _MergedCodec:
    kind = "MergedCatalog"

    def dump(self, value: MergedCatalog) -> str:
        return _Merged(files=value.files, notices=value.notices).model_dump_json()

    def load(self, text: str) -> MergedCatalog:
        kept = _Merged.model_validate_json(text)
        with collector_paused():
            return MergedCatalog(_merge(kept.files), kept.files, kept.notices)


MERGED = _MergedCodec()


def load_catalog(paths: Sequence[Path] = (), *, include_default: bool = True) -> LoadedCatalog:
    """The default catalog (unless left out) extended by the user's files.

    A user platform with the id of a default platform replaces it, and the returned
    notices say so. With the default catalog comes the user's own catalog folder, when
    there is one (see `resources.user_catalog_dir`).
    """
    default, user = catalog_sets(paths, include_default=include_default)
    if not default and not user:
        raise InputFileError("no catalog files: name one with --catalog")
    sources = [read_source(path) for path in [*default, *user]]
    replaceable = {source.display for source in sources[: len(default)]}
    by_display = {source.display: source for source in sources}
    key = [f"{s.display in replaceable}:{s.display}\0{s.text}" for s in sources]
    trace(f"catalog: {len(default)} built-in files, {len(user)} of yours")
    merged = cached(MERGED, key)
    if merged is None:
        merged = merge_sources(sources, replaceable)
        remember(MERGED, key, merged)
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
        sales_channels={c.id: c for _, content in files for c in content.sales_channels},
        exchange_rates=next(
            (c.exchange_rates for _, c in reversed(files) if c.exchange_rates is not None), None
        ),
    )


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
