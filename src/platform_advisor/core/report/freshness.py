"""How old the catalog's facts are: price dates and review dates against a day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from platform_advisor.models.catalog import Platform

#: Prices older than this many months, on the day of the advice, are called stale.
STALE_AFTER_MONTHS = 12


def months_between(as_of: str, today: date) -> int:
    """Whole months from a YYYY-MM (or YYYY-MM-DD) date to today."""
    year, month = (int(part) for part in as_of.split("-")[:2])
    return (today.year - year) * 12 + today.month - month


@dataclass(frozen=True)
class Staleness:
    """One platform whose price or review is older than the threshold."""

    platform: Platform
    price_age_months: int
    review_age_months: int

    @property
    def age_months(self) -> int:
        return max(self.price_age_months, self.review_age_months)


def stale_platforms(
    platforms: Iterable[Platform], today: date, older_than_months: int = STALE_AFTER_MONTHS
) -> list[Staleness]:
    """Platforms with a price or review older than the threshold, oldest first."""
    found = [
        Staleness(
            platform,
            months_between(platform.pricing.as_of, today),
            months_between(platform.last_reviewed, today),
        )
        for platform in platforms
    ]
    stale = [entry for entry in found if entry.age_months > older_than_months]
    return sorted(stale, key=lambda entry: (-entry.age_months, entry.platform.id))
