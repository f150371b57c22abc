"""Loading the three kinds of input file and checking them against each other."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from platform_advisor.core.inputs.references import check_profile, tools_outside_catalog
from platform_advisor.loading.catalogs import LoadedCatalog, load_catalog
from platform_advisor.loading.criteria_files import load_criteria_chain
from platform_advisor.loading.sources import load_model, raise_located
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.profile import Profile
from platform_advisor.tracing import trace


@dataclass(frozen=True)
class Inputs:
    """Everything the main job needs, loaded and cross-checked."""

    profile: Profile
    criteria: Criteria
    loaded: LoadedCatalog
    texts: tuple[str, ...] = ()  # every file read, named and whole: what the inputs hold
    paths: tuple[Path, ...] = ()  # where they were read from
    profile_notices: tuple[str, ...] = ()

    @property
    def catalog(self) -> Catalog:
        return self.loaded.catalog

    @property
    def notices(self) -> tuple[str, ...]:
        return self.loaded.notices + self.criteria.notices + self.profile_notices


def load_inputs(
    profile_path: Path,
    *,
    catalog_paths: Sequence[Path] = (),
    include_default_catalog: bool = True,
    criteria_path: Path,
) -> Inputs:
    """Catalog, criteria and profile, each valid and all consistent with each other."""
    loaded = load_catalog(catalog_paths, include_default=include_default_catalog)
    criteria, criteria_sources = load_criteria_chain(criteria_path, catalog=loaded.catalog)
    profile, profile_source = load_model(Profile, profile_path)
    trace(f"profile: {profile_source.display}; criteria: {criteria_sources[0].display}")
    profile, profile_notices = tools_outside_catalog(profile, loaded.catalog)
    findings = check_profile(profile, loaded.catalog, criteria, profile_source.display)
    raise_located(findings, {profile_source.display: profile_source})
    sources = [*loaded.sources.values(), *criteria_sources, profile_source]
    texts = tuple(part for source in sources for part in (source.display, source.text))
    paths = tuple(source.path for source in sources if source.path is not None)
    texts = (*texts, *sorted(loaded.built_in))
    return Inputs(profile, criteria, loaded, texts, paths, profile_notices)
