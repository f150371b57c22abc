"""Checks that need more than one object: duplicate ids, and references between files.

The checks return findings that name a document and a path inside it; the loading edge
turns each into a file, line and column.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from platform_advisor.core.inputs.lookup import closest, did_you_mean, platform_words
from platform_advisor.core.scoring import EVALUATOR_NAMES
from platform_advisor.errors import Severity
from platform_advisor.models.catalog import LINK_KINDS, Catalog, CatalogFile
from platform_advisor.models.criteria import Criteria
from platform_advisor.models.profile import OtherTool, Profile

if TYPE_CHECKING:
    from platform_advisor.models.result import Strategy

Path = tuple[str | int, ...]


def dotted(path: Path) -> str:
    """A path as people write it: platforms[2].ratings.ease_of_use."""
    text = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
    return text.lstrip(".")


@dataclass(frozen=True)
class Finding:
    """A problem at a path inside one document (a catalog file, the criteria, the profile)."""

    document: str
    path: Path
    message: str
    hint: str = ""
    severity: Severity = "error"
    at_key: bool = False


def _unknown(
    document: str,
    path: Path,
    kind: str,
    value: str,
    known: Iterable[str],
    *,
    aliases: Mapping[str, str] | None = None,
    at_key: bool = False,
) -> Finding:
    hint = did_you_mean(value, known, aliases)
    return Finding(document, path, f"unknown {kind} {value!r}", hint, at_key=at_key)


def _unknowns(
    document: str,
    path: Path,
    kind: str,
    values: Iterable[str],
    known: Collection[str],
    aliases: Mapping[str, str] | None = None,
) -> list[Finding]:
    """A finding for each value of a list that is not among the known ones."""
    return [
        _unknown(document, (*path, n), kind, value, known, aliases=aliases)
        for n, value in enumerate(values)
        if value not in known
    ]


def check_catalog_files(
    files: Sequence[tuple[str, CatalogFile]], replaceable: Collection[str] = ()
) -> list[Finding]:
    """Duplicate ids across files, and references to functions, channels and platforms.

    A platform defined in one of the ``replaceable`` documents (the built-in catalog) may
    be redefined once in a later document, which replaces it.
    """
    findings = _duplicate_ids(files, replaceable)
    functions = {f.id for _, content in files for f in content.functions}
    channels = {c.id for _, content in files for c in content.channels}
    platforms = {p.id for _, content in files for p in content.platforms}
    for document, content in files:
        for index, flow in enumerate(content.flows):
            path: Path = ("flows", index, "between")
            findings += _unknowns(document, path, "function", flow.between, functions)
        for index, platform in enumerate(content.platforms):
            at: Path = ("platforms", index)
            findings += _unknowns(
                document, (*at, "functions"), "function", platform.functions, functions
            )
            findings += _unknowns(
                document, (*at, "channels"), "channel", platform.channels, channels
            )
            for kind in LINK_KINDS:
                linked = getattr(platform.integrates_with, kind)
                findings += _unknowns(
                    document, (*at, "integrates_with", kind), "platform", linked, platforms
                )
    return findings


def _duplicate_ids(
    files: Sequence[tuple[str, CatalogFile]], replaceable: Collection[str]
) -> list[Finding]:
    findings = []
    for section in ("functions", "channels", "platforms"):
        first_seen: dict[str, str] = {}
        for document, content in files:
            for index, item in enumerate(getattr(content, section)):
                earlier = first_seen.get(item.id)
                replaces = (
                    section == "platforms"
                    and earlier in replaceable
                    and document not in replaceable
                )
                if earlier is None or replaces:
                    first_seen[item.id] = document
                    continue
                findings.append(
                    Finding(
                        document,
                        (section, index, "id"),
                        f"duplicate id {item.id!r}, first defined in {earlier}",
                    )
                )
    return findings


def check_criteria(criteria: Criteria, catalog: Catalog, document: str) -> list[Finding]:
    """Criterion ids unique, evaluators known, and every function a goal names exists."""
    findings: list[Finding] = []
    ids = [criterion.id for criterion in criteria.criteria]
    for index, criterion in enumerate(criteria.criteria):
        if criterion.id in ids[:index]:
            findings.append(
                Finding(
                    document, ("criteria", index, "id"), f"duplicate criterion id {criterion.id!r}"
                )
            )
        if criterion.evaluator not in EVALUATOR_NAMES:
            path: Path = ("criteria", index, "evaluator")
            findings.append(
                _unknown(document, path, "evaluator", criterion.evaluator, list(EVALUATOR_NAMES))
            )
    if sum(criterion.weight for criterion in criteria.criteria) <= 0:
        findings.append(
            Finding(document, ("criteria",), "the weights sum to zero", "give one a weight above 0")
        )
    for index, adjustment in enumerate(criteria.adjustments):
        for criterion_id in adjustment.multiply:
            if criterion_id not in ids:
                path = ("adjustments", index, "multiply", criterion_id)
                findings.append(
                    _unknown(document, path, "criterion", criterion_id, ids, at_key=True)
                )
        path = ("adjustments", index, "when", "goals")
        findings += _unknowns(document, path, "goal", adjustment.when.goals, criteria.goals)
    findings.extend(_criteria_functions(criteria, catalog, document))
    return findings


def _criteria_functions(criteria: Criteria, catalog: Catalog, document: str) -> list[Finding]:
    findings = []
    for goal_id, goal in criteria.goals.items():
        path: Path = ("goals", goal_id, "functions")
        findings += _unknowns(document, path, "function", goal.functions, catalog.functions)
    for sector, guide in criteria.sectors.items():
        path = ("sectors", sector, "functions")
        findings += _unknowns(document, path, "function", guide.functions, catalog.functions)
    return findings


def check_profile(
    profile: Profile, catalog: Catalog, criteria: Criteria, document: str
) -> list[Finding]:
    """Goals, channels, needs and platforms the profile names all exist."""
    lists: list[tuple[Path, str, tuple[str, ...], Iterable[str]]] = [
        (("goals",), "goal", profile.goals, criteria.goals),
        (("audience", "channels"), "channel", profile.audience.channels, catalog.channels),
        (("needs",), "function", profile.needs, catalog.functions),
        (("existing_platforms",), "platform", profile.existing_platforms, catalog.platforms),
        (
            ("constraints", "exclude_platforms"),
            "platform",
            profile.constraints.exclude_platforms,
            catalog.platforms,
        ),
    ]
    findings = [
        _unknown(
            document, ("sales", "by_function", key), "function", key, catalog.functions, at_key=True
        )
        for key in profile.sales.by_function
        if key not in catalog.functions
    ]
    findings += [
        _unknown(document, ("seats_by_function", key), "function", key, catalog.functions,
                 at_key=True)
        for key in profile.seats_by_function
        if key not in catalog.functions
    ]  # fmt: skip
    findings += [
        _unknown(
            document, ("sales", "channels", channel, "platform"), "platform", sale.platform,
            catalog.platforms, aliases=platform_words(catalog),
        )
        for channel, sale in profile.sales.channels.items()
        if sale.platform is not None and sale.platform not in catalog.platforms
    ]  # fmt: skip
    findings += [
        _unknown(
            document, ("partnerships", n, "platform"), "platform", partner.platform,
            catalog.platforms, aliases=platform_words(catalog),
        )
        for n, partner in enumerate(profile.partnerships)
        if partner.platform is not None and partner.platform not in catalog.platforms
    ]  # fmt: skip
    for n, tool in enumerate(profile.other_tools):
        lists.append(
            (("other_tools", n, "functions"), "function", tool.functions, catalog.functions)
        )
        lists.append((("other_tools", n, "links"), "platform", tool.links, catalog.platforms))
    for path, kind, values, known in lists:
        aliases = platform_words(catalog) if kind == "platform" else None
        findings += _unknowns(document, path, kind, values, set(known), aliases)
    return [*findings, *_currency_findings(profile, catalog, document)]


def tools_outside_catalog(profile: Profile, catalog: Catalog) -> tuple[Profile, tuple[str, ...]]:
    """The profile with each platform in use that the catalog does not know, and that is
    no slip of the pen for one it does, moved to ``other_tools``; a notice for each.

    A near miss ('shopfy') stays, for `check_profile` to refuse with its suggestion.
    """
    words = platform_words(catalog)
    unknown = [
        p
        for p in profile.existing_platforms
        if p not in catalog.platforms and closest(p, catalog.platforms, words) is None
    ]
    if not unknown:
        return profile, ()
    kept = tuple(p for p in profile.existing_platforms if p not in unknown)
    tools = (*profile.other_tools, *(OtherTool(name=p) for p in unknown))
    notices = tuple(
        f"{p!r} (in existing_platforms) is not in the catalog: the report shows it as a tool "
        "in use; list it under other_tools with the functions it fills to keep the stack "
        "from buying another"
        for p in unknown
    )
    return profile.model_copy(update={"existing_platforms": kept, "other_tools": tools}), notices


def _currency_findings(profile: Profile, catalog: Catalog, document: str) -> list[Finding]:
    """The profile's amounts must be in a currency the catalog's exchange table reaches."""
    from platform_advisor.core.money.fx import Converter
    from platform_advisor.core.money.style import home_currency

    fx = Converter.of(catalog)
    business = profile.business
    if business.currency is not None:
        if fx.knows(business.currency):
            return []
        return [
            Finding(
                document,
                ("business", "currency"),
                f"the catalog has no exchange rate for {business.currency}, so no price "
                "can be given in it",
                f"rates known: {', '.join(sorted(fx.per_base))}",
            )
        ]
    home = home_currency(business.country)
    if fx.knows(home) or not profile.states_amounts:
        return []
    return [
        Finding(
            document,
            ("business", "country"),
            f"the amounts are read in {home}, the currency of {business.country}, and the "
            "catalog has no exchange rate for it",
            "state business.currency as one the catalog knows, or give the amounts in the "
            "older US-dollar form (monthly_usd)",
        )
    ]


def check_result(strategy: Strategy, document: str) -> list[Finding]:
    """A result whose parts name functions its needs do not: what an edit by hand leaves
    (the advisor never writes one), which comparing two runs cannot make sense of."""
    needed = {need.function for need in strategy.needs}
    places: list[tuple[Path, str]] = [
        (("stack", n, "function"), item.function) for n, item in enumerate(strategy.stack)
    ]
    places += [(("rankings", function), function) for function in strategy.rankings]
    if strategy.robustness is not None:
        places += [
            (("robustness", "functions", n, "function"), verdict.function)
            for n, verdict in enumerate(strategy.robustness.functions)
        ]
    return [
        Finding(
            document,
            path,
            f"{function!r} is not among the needs this result records",
            "was the file edited by hand? score the profile again",
            at_key=path[0] == "rankings",
        )
        for path, function in places
        if function not in needed
    ]
