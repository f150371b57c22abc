"""Which functions a business needs: listed in its profile, or derived from goals and sector."""

from __future__ import annotations

from platform_advisor.core.wording import words
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.profile import Profile


def needed_functions(profile: Profile, criteria: Criteria) -> dict[str, str]:
    """Each needed function with the reason it is needed, in order of first mention."""
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
