"""Which functions a business needs: listed in its profile, or derived from goals and sector."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from platform_advisor.core.wording import words
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.common import Sector
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.profile import Profile

#: Where a derived function comes from: a goal's id, or the sector.
Source = tuple[Literal["goal", "sector"], str]


def needed_functions(
    profile: Profile, criteria: Criteria, catalog: Catalog | None = None
) -> dict[str, str]:
    """Each function to fill with the reason it is needed, in order of first mention.

    A function a tool outside the catalog fills is not filled again, nor (unless the
    profile lists it) one that the tool's function includes by design (a practice
    system's booking). A function the law of the business's country requires of what it
    needs (e-invoicing, for the books in Poland) is added.
    """
    wanted = _wanted(profile, criteria)
    filled = {f for tool in profile.other_tools for f in tool.functions}
    if catalog is not None:
        wanted |= _required_by_law(wanted, catalog, profile.business.country)
        within = {
            part for f in filled if f in catalog.functions for part in catalog.functions[f].includes
        }
        filled |= within - set(profile.needs)
    return {f: why for f, why in wanted.items() if f not in filled}


def _required_by_law(wanted: dict[str, str], catalog: Catalog, country: str) -> dict[str, str]:
    """Functions the country's law requires of one the business needs, with the reason."""
    found: dict[str, str] = {}
    for whole in wanted:
        for part in catalog.functions[whole].includes if whole in catalog.functions else ():
            function = catalog.functions[part]
            if country in function.required_in and part not in wanted:
                found.setdefault(
                    part,
                    f"required in {country} of a business whose "
                    f"{catalog.functions[whole].label.lower()} issues invoices",
                )
    return found


def _wanted(profile: Profile, criteria: Criteria) -> dict[str, str]:
    if profile.needs:
        return dict.fromkeys(profile.needs, "listed in the profile")
    sources = derived_functions(profile.goals, profile.business.sector, criteria)
    return {function: _reason(source, criteria) for function, source in sources.items()}


def derived_functions(
    goal_ids: Iterable[str], sector: Sector, criteria: Criteria
) -> dict[str, Source]:
    """The functions goals and a sector call for, each with the first goal (or the sector)
    that calls for it, in order of first mention: what `advisor init` shows."""
    sources: dict[str, Source] = {}
    for goal_id in goal_ids:
        for function_id in criteria.goals[goal_id].functions:
            sources.setdefault(function_id, ("goal", goal_id))
    guide = criteria.sectors.get(sector)
    for function_id in guide.functions if guide else ():
        sources.setdefault(function_id, ("sector", sector))
    return sources


def _reason(source: Source, criteria: Criteria) -> str:
    kind, name = source
    if kind == "goal":
        return f"serves the goal '{criteria.goals[name].label}'"
    return f"usual for {words(name)} businesses"
