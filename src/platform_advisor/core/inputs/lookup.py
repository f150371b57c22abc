"""Finding platforms by any of their names, suggestions for mistyped names, and picking
platforms out of the catalog for the browsing commands."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from platform_advisor.errors import NotFoundError, UnknownChoiceError
from platform_advisor.models.catalog import Catalog, Platform


def closest(
    word: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None
) -> str | None:
    """The choice most like ``word``, if one is close enough to be a likely typo.

    ``aliases`` maps other words (names, former names) to the choice they stand for, so
    "Hubspot" can suggest 'hubspot-crm'.
    """
    import difflib  # only a typo needs it

    targets = {choice: choice for choice in choices} | dict(aliases or {})
    options = {key.casefold(): target for key, target in targets.items()}
    matches = difflib.get_close_matches(word.casefold(), list(options), n=1, cutoff=0.6)
    return options[matches[0]] if matches else None


def did_you_mean(
    word: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None
) -> str:
    """A hint naming the closest choice, or an empty string."""
    match = closest(word, choices, aliases)
    return f"did you mean {match!r}?" if match is not None else ""


def platform_words(catalog: Catalog) -> dict[str, str]:
    """Ids, names and aliases of every platform, each mapped to its id."""
    words: dict[str, str] = {}
    for platform in catalog.platforms.values():
        for word in (platform.name, *platform.aliases, platform.id):
            words[word] = platform.id
    return words


def find_platform(catalog: Catalog, word: str) -> Platform:
    """The platform with this id, name or alias (ignoring case)."""
    words = platform_words(catalog)
    by_folded = {key.casefold(): platform_id for key, platform_id in words.items()}
    platform_id = by_folded.get(word.casefold())
    if platform_id is None:
        hint = did_you_mean(word, catalog.platforms, words)
        raise NotFoundError(f"no platform {word!r} in the catalog" + (f" ({hint})" if hint else ""))
    return catalog.platforms[platform_id]


# Picking platforms out of the catalog for the browsing commands


def select_platforms(
    catalog: Catalog, *, function: str | None = None, ownership: str | None = None
) -> list[Platform]:
    """The platforms serving a function (all when None) of an ownership, sorted by id."""
    if function is not None and function not in catalog.functions:
        hint = did_you_mean(function, catalog.functions)
        raise UnknownChoiceError(
            f"no function {function!r} in the catalog"
            + (f" ({hint})" if hint else "")
            + "; advisor catalog list --format json shows each platform's functions"
        )
    platforms = catalog.candidates(function) if function else tuple(catalog.platforms.values())
    chosen = [p for p in platforms if ownership is None or p.ownership == ownership]
    return sorted(chosen, key=lambda platform: platform.id)
