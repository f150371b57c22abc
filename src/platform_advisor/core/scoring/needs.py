"""Which functions a business needs: listed in its profile, or derived from goals and sector."""

from __future__ import annotations

from platform_advisor.core.wording import words
from platform_advisor.models.catalog import Catalog
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.profile import Profile


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
    needs: dict[str, str] = {}
    for goal_id in profile.goals:
        goal = criteria.goals[goal_id]
        for function_id in goal.functions:
            needs.setdefault(function_id, f"serves the goal '{goal.label}'")
    sector = profile.business.sector
    guide = criteria.sectors.get(sector)
    for function_id in guide.functions if guide else ():
        needs.setdefault(function_id, f"usual for {words(sector)} businesses")
    return needs
