"""Which functions a business needs: listed in its profile, or derived from goals and sector."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from platform_advisor.core.wording import words
from platform_advisor.models.common import Sector
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.profile import Profile

#: Where a derived function comes from: a goal's id, or the sector.
Source = tuple[Literal["goal", "sector"], str]


def needed_functions(profile: Profile, criteria: Criteria) -> dict[str, str]:
    """Each needed function with the reason it is needed, in order of first mention."""
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
