"""Suggestions for mistyped names."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


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
