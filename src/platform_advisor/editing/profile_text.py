"""A new profile as commented YAML: what `advisor init` writes, ready to edit by hand."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from platform_advisor.editing.yaml_text import scalar_text

#: Editors that read this line check and complete the file against the schema, once it
#: is written beside the profile (the comment under it says how).
SCHEMA_LINE = "# yaml-language-server: $schema=profile.schema.json"


@dataclass(frozen=True)
class ProfileAnswers:
    """Everything `advisor init` asks, checked."""

    name: str
    sector: str
    employees: int
    country: str
    currency: str
    budget: float
    skill: str
    risk: str
    goals: Sequence[str]
    markets: Sequence[str] = ()
    channels: Sequence[str] = ()
    existing: Sequence[str] = ()
    other_tools: Sequence[str] = ()  # names of tools in use the catalog does not know
    needs: Sequence[str] = ()  # empty: derived from the goals and sector
    sales: Mapping[str, tuple[float, int]] = field(default_factory=dict)  # by sales channel
    ownership: Sequence[str] = ()
    max_per_platform: float | None = None
    compliance: Sequence[str] = ()
    volunteers: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def profile_text(answers: ProfileAnswers) -> str:
    """The profile's YAML, each block with a comment saying what it is for."""
    if len(answers.name.splitlines()) > 1:  # it is also written into a comment line
        raise ValueError(f"the name must be one line (got {answers.name!r})")
    lines = [
        SCHEMA_LINE,
        "# (for checks and completion in an editor: advisor schema profile --output "
        "profile.schema.json)",
        "#",
        f"# The platform profile of {answers.name}, written by advisor init. Edit it freely;",
        "# docs/user-guide.md and `advisor schema profile` describe every field. Score it with",
        "#   advisor score <this file>",
        "",
        "business:",
        f"  name: {scalar_text(answers.name)}",
        f"  sector: {scalar_text(answers.sector)}",
        f"  employees: {answers.employees}",
        *(
            [f"  volunteers: {answers.volunteers}   # unpaid people who use the platforms"]
            if answers.volunteers
            else []
        ),
        f"  country: {scalar_text(answers.country)}",
        f"  currency: {scalar_text(answers.currency)}   # every amount below is in it",
    ]
    if answers.markets:
        lines.append(f"  markets: {_flow(answers.markets)}   # countries it sells to")
    lines += [
        "",
        "# What the platforms should achieve; the criteria file maps each goal to functions.",
        f"goals: {_flow(answers.goals)}",
        "# The functions to fill; empty takes those the goals and the sector call for.",
        f"needs: {_flow(answers.needs)}",
        "",
        "audience:",
        "  # Where the customers spend their time, most important first.",
        f"  channels: {_flow(answers.channels)}",
        "",
        f"technical_capability: {scalar_text(answers.skill)}",
        f"risk_tolerance: {scalar_text(answers.risk)}   # tolerance for lock-in and dependency",
        "budget:",
        f"  monthly: {_number(answers.budget)}   # for all platforms together",
        "",
        *_sales_lines(answers.sales),
        "",
        "# Platforms already in use: kept when they fit, and linked to the new ones.",
        f"existing_platforms: {_flow(answers.existing)}",
        *_other_tools_lines(answers.other_tools),
        "",
        "# Hard limits: a platform that breaks one is left out, with the reason.",
        "constraints:",
        f"  ownership: {_flow(answers.ownership)}   # empty allows every kind",
    ]
    if answers.max_per_platform is not None:
        lines.append(f"  max_monthly: {_number(answers.max_per_platform)}   # per platform")
    if answers.compliance:
        lines.append(
            f"  compliance: {_flow(answers.compliance)}   # every platform must meet these"
        )
    return "\n".join(lines) + "\n"


def _sales_lines(sales: Mapping[str, tuple[float, int]]) -> list[str]:
    """A month's sales by channel: they set the fees each sale pays."""
    lines = [
        "# Sales in a typical month, by how customers pay: each pays the fee of the platform",
        "# that takes it (card_present, card_online, invoice, bank_transfer, direct_debit,",
        "# instant_payment, marketplace, delivery_app, cash).",
    ]
    if not sales:
        return [*lines, "sales: {}"]
    lines += ["sales:", "  channels:"]
    for channel, (amount, count) in sales.items():
        lines.append(f"    {channel}: {{monthly: {_number(amount)}, count: {count}}}")
    return lines


def _other_tools_lines(names: Sequence[str]) -> list[str]:
    """Tools in use the catalog does not know, by name: the functions each fills are
    left for the user to add."""
    if not names:
        return []
    return [
        "# Tools in use the catalog does not know: add the functions each fills",
        "# (functions: [booking]) to keep the stack from buying another for them.",
        "other_tools:",
        *(f"  - name: {scalar_text(name)}" for name in names),
    ]


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(scalar_text(item) for item in items) + "]"


def _number(value: float) -> str:
    return f"{value:g}" if value != int(value) else str(int(value))
