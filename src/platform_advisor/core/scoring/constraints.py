"""Hard constraints: a platform that breaks one is excluded, and every reason is kept.

Some hold for the platform whatever it is used for (a vendor excluded by name, a country
it is not sold in); rules such as HIPAA or PCI DSS hold only for the functions whose
platforms keep the data the rule is about (docs/scoring.md, "Rules where the data is").
"""

from __future__ import annotations

from collections.abc import Sequence

from platform_advisor.core.wording import joined, listing, words
from platform_advisor.models.catalog import Catalog, FunctionDef, Platform
from platform_advisor.models.profile import Profile

#: The data each rule is about; a rule applies to the functions that keep such data.
#: SOC 2 and ISO 27001 are about how a vendor keeps any data.
RULE_DATA: dict[str, frozenset[str]] = {
    "hipaa": frozenset({"health"}),
    "pci_dss": frozenset({"card"}),
    "gdpr": frozenset({"personal"}),
    "ccpa": frozenset({"personal"}),
    "soc2": frozenset({"health", "card", "personal", "financial"}),
    "iso27001": frozenset({"health", "card", "personal", "financial"}),
}
#: How a rule is written in prose.
RULE_NAMES = {"pci_dss": "PCI DSS", "soc2": "SOC 2", "iso27001": "ISO 27001"}
#: Rules that are the duty of whoever runs the software: a business running it itself
#: takes the duty on, and the report lists it.
OPERATOR_DUTIES = frozenset({"gdpr", "ccpa"})


def _words(values: tuple[str, ...]) -> str:
    return listing(words(value) for value in values)


def exclusion_reasons(platform: Platform, profile: Profile) -> list[str]:
    """Every constraint of the profile that this platform breaks, whatever its use."""
    limits = profile.constraints
    reasons = []
    if platform.id in limits.exclude_platforms:
        reasons.append("excluded by name in the profile")
    if platform.vendor.casefold() in {vendor.casefold() for vendor in limits.exclude_vendors}:
        reasons.append(f"its vendor, {platform.vendor}, is excluded")
    if limits.ownership and platform.ownership not in limits.ownership:
        reasons.append(
            f"{words(platform.ownership)} ownership is not allowed "
            f"(allowed: {_words(limits.ownership)})"
        )
    # How software may be run says nothing about a network of people, met in person.
    software = platform.kind == "software"
    if software and limits.deployment and not set(platform.deployment) & set(limits.deployment):
        reasons.append(
            f"runs only as {_words(platform.deployment)} (allowed: {_words(limits.deployment)})"
        )
    country = profile.business.country
    if not platform.sold_in(country):
        reasons.append(f"not sold in {country}")
    return reasons


def rules_for(function: FunctionDef, profile: Profile) -> tuple[str, ...]:
    """The profile's rules that apply to this function: those about data it keeps."""
    kept = set(function.data)
    return tuple(rule for rule in profile.constraints.compliance if RULE_DATA[rule] & kept)


def rules_for_all(functions: Sequence[str], catalog: Catalog, profile: Profile) -> list[str]:
    """The profile's rules that apply to any of these functions."""
    return sorted({r for f in functions for r in rules_for(catalog.functions[f], profile)})


def runs_itself(platform: Platform) -> bool:
    """The business would run it on its own server or computers: no hosted offer."""
    return "saas" not in platform.deployment and bool(
        {"self_hosted", "desktop"} & set(platform.deployment)
    )


def rule_reasons(platform: Platform, rules: Sequence[str]) -> list[str]:
    """The rules a platform does not state it meets, where that excludes it; software the
    business runs itself is not excluded for rules that are the operator's duty."""
    missing = [
        rule
        for rule in rules
        if rule not in platform.compliance
        and not (rule in OPERATOR_DUTIES and runs_itself(platform))
    ]
    if not missing:
        return []
    return [f"no stated support for {joined([RULE_NAMES.get(m, m.upper()) for m in missing])}"]
