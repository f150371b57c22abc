"""Picking platforms out of the catalog for the browsing commands."""

from __future__ import annotations

from platform_advisor.core.suggest import did_you_mean
from platform_advisor.errors import NotFoundError
from platform_advisor.models.catalog import Catalog, Platform


def select_platforms(
    catalog: Catalog, *, function: str | None = None, ownership: str | None = None
) -> list[Platform]:
    """The platforms serving a function (all when None) of an ownership, sorted by id."""
    if function is not None and function not in catalog.functions:
        hint = did_you_mean(function, catalog.functions)
        raise NotFoundError(
            f"no function {function!r} in the catalog"
            + (f" ({hint})" if hint else "")
            + "; advisor catalog list --format json shows each platform's functions"
        )
    platforms = catalog.candidates(function) if function else tuple(catalog.platforms.values())
    chosen = [p for p in platforms if ownership is None or p.ownership == ownership]
    return sorted(chosen, key=lambda platform: platform.id)
