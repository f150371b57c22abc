"""``advisor catalog add``: a new platform from flags, a YAML file, or questions.

Flags are parsed here into plain data; the model validates it, and the editing edge
splices it into the catalog. Questions are asked only for what the flags leave out, and
only on a terminal (or with --interactive).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from platform_advisor.cli.common import handled_errors, say
from platform_advisor.cli.options import Quiet, Verbose

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from platform_advisor.loading.sources import Source
    from platform_advisor.models.catalog import Catalog, Platform

REQUIRED = {
    "id": "--id",
    "name": "--name",
    "vendor": "--vendor",
    "url": "--url",
    "functions": "--function",
    "ownership": "--ownership",
    "deployment": "--deployment",
    "skill_required": "--skill",
    "pricing.model": "--pricing-model",
    "pricing.tiers": "--tier",
    "pricing.as_of": "--price-as-of",
    "pricing.source": "--price-source",
    "ratings": "--rating",
}
TIER_KEYS = {
    "monthly": "monthly_usd",
    "per_user": "per_user_usd",
    "users": "users_included",
    "min_users": "min_users",
    "max_users": "max_users",
    "fee_pct": "transaction_fee_pct",
    "fee_usd": "transaction_fee_usd",
    "notes": "notes",
}


@dataclass(frozen=True)
class EntryFlags:
    """What the flags say of the new entry, each as given (None or empty when not)."""

    platform_id: str | None
    name: str | None
    vendor: str | None
    url: str | None
    functions: list[str]
    ownership: str | None
    deployment: list[str]
    skill: str | None
    pricing_model: str | None
    billing: str | None
    tiers: list[str]
    setup_usd: float | None
    hosting_usd: float | None
    price_as_of: str | None
    price_source: str | None
    ratings: list[str]
    native: list[str]
    ipaas: list[str]
    api: list[str]
    aliases: list[str]
    channels: list[str]
    sectors: list[str]
    compliance: list[str]
    regions: list[str]
    gatekeeper: bool
    kind: str | None
    notes: str | None


TIER_HELP = (
    "A price plan: 'NAME,monthly=29,per_user=10,users=1,fee_pct=2.9,fee_usd=0.30,notes=...'"
    " (only NAME is required); repeat for each plan."
)


def add(
    target: Path | None = typer.Option(
        None,
        "--to",
        help="The catalog file or folder to add to (default: ./catalogs). In a folder, the "
        "file whose platforms share the new one's main function is chosen.",
        metavar="PATH",
        show_default=False,
        readable=False,
    ),
    from_file: Path | None = typer.Option(
        None,
        "--from",
        help="Read the entry from a YAML file holding one platform.",
        metavar="FILE",
        readable=False,
    ),
    platform_id: str | None = typer.Option(
        None, "--id", help="Lowercase id, e.g. 'payfit'.", metavar="ID"
    ),
    name: str | None = typer.Option(None, "--name", help="The product's name.", metavar="NAME"),
    vendor: str | None = typer.Option(
        None, "--vendor", help="The company behind it.", metavar="NAME"
    ),
    url: str | None = typer.Option(None, "--url", help="Its home page.", metavar="URL"),
    functions: list[str] = typer.Option(
        [], "--function", help="A function id it serves, main one first; repeat.", metavar="ID"
    ),
    ownership: str | None = typer.Option(
        None, "--ownership", help="proprietary, open_source or hybrid.", metavar="KIND"
    ),
    deployment: list[str] = typer.Option(
        [], "--deployment", help="saas, self_hosted, desktop or in_person; repeat.", metavar="KIND"
    ),
    skill: str | None = typer.Option(
        None,
        "--skill",
        help="Skill needed: none, basic, intermediate or advanced.",
        metavar="LEVEL",
    ),
    pricing_model: str | None = typer.Option(
        None,
        "--pricing-model",
        help="free, freemium, subscription, per_user, usage, ...",
        metavar="MODEL",
    ),
    billing: str | None = typer.Option(
        None, "--billing", help="monthly or annual.", metavar="BASIS"
    ),
    tiers: list[str] = typer.Option([], "--tier", help=TIER_HELP, metavar="PLAN"),
    setup_usd: float | None = typer.Option(
        None, "--setup-usd", help="One-off set-up cost.", metavar="USD"
    ),
    hosting_usd: float | None = typer.Option(
        None, "--hosting-usd", help="Monthly hosting estimate when self-hosted.", metavar="USD"
    ),
    price_as_of: str | None = typer.Option(
        None, "--price-as-of", help="When the price was read: YYYY-MM.", metavar="YYYY-MM"
    ),
    price_source: str | None = typer.Option(
        None, "--price-source", help="The vendor page the price comes from.", metavar="URL"
    ),
    ratings: list[str] = typer.Option(
        [], "--rating", help="NAME=0..5 for each of the nine ratings; repeat.", metavar="NAME=N"
    ),
    native: list[str] = typer.Option(
        [], "--native", help="A platform id it links to natively.", metavar="ID"
    ),
    ipaas: list[str] = typer.Option(
        [], "--ipaas", help="A platform id linked through an iPaaS.", metavar="ID"
    ),
    api: list[str] = typer.Option(
        [], "--api", help="A platform id linked by API only.", metavar="ID"
    ),
    aliases: list[str] = typer.Option(
        [], "--alias", help="Another or former name; repeat.", metavar="NAME"
    ),
    channels: list[str] = typer.Option(
        [], "--channel", help="An audience channel id; repeat.", metavar="ID"
    ),
    sectors: list[str] = typer.Option(
        [], "--sector", help="A sector it is built for; repeat.", metavar="SECTOR"
    ),
    compliance: list[str] = typer.Option(
        [], "--compliance", help="e.g. gdpr, hipaa; repeat.", metavar="RULE"
    ),
    regions: list[str] = typer.Option(
        [], "--region", help="A country code (empty: worldwide).", metavar="CC"
    ),
    gatekeeper: bool = typer.Option(
        False, "--gatekeeper", help="It stands between the business and its customers."
    ),
    kind: str | None = typer.Option(
        None, "--kind", help="software (default) or network.", metavar="KIND"
    ),
    notes: str | None = typer.Option(
        None, "--notes", help="What a consultant should know.", metavar="TEXT"
    ),
    interactive: bool = typer.Option(
        False, "--interactive", "-i", help="Ask for every field the flags leave out."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Show the entry and where it would go; write nothing."
    ),
    no_default_catalog: bool = typer.Option(
        False, "--no-default-catalog", help="Check references against the target alone."
    ),
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Add a platform to a catalog file, keeping every comment; asks for what is missing."""
    with handled_errors(quiet, verbose):
        flags = EntryFlags(
            platform_id=platform_id,
            name=name,
            vendor=vendor,
            url=url,
            functions=functions,
            ownership=ownership,
            deployment=deployment,
            skill=skill,
            pricing_model=pricing_model,
            billing=billing,
            tiers=tiers,
            setup_usd=setup_usd,
            hosting_usd=hosting_usd,
            price_as_of=price_as_of,
            price_source=price_source,
            ratings=ratings,
            native=native,
            ipaas=ipaas,
            api=api,
            aliases=aliases,
            channels=channels,
            sectors=sectors,
            compliance=compliance,
            regions=regions,
            gatekeeper=gatekeeper,
            kind=kind,
            notes=notes,
        )
        data = _from_flags(flags)
        folder = target or _default_target()
        _refuse_entry_file_as_target(from_file, folder)
        asking = interactive or sys.stdin.isatty()
        to_create = _ready_target(folder, asking=asking and not dry_run)
        loaded = _reference_catalog(folder, no_default_catalog)
        if from_file is not None:
            data = _merged_with_file(data, from_file)
        missing = [flag for field, flag in REQUIRED.items() if not _has(data, field)]
        if missing and not asking:
            raise typer.BadParameter(
                f"missing {', '.join(missing)}; give them, or run on a terminal to be asked"
            )
        if missing:
            from platform_advisor.cli.questions import ask_missing

            data = ask_missing(data, loaded)
        data.setdefault("last_reviewed", date.today().isoformat())
        if to_create:
            folder.mkdir()
        _add(data, folder, include_default=not no_default_catalog, dry_run=dry_run)


def _ready_target(target: Path, *, asking: bool) -> bool:
    """The catalog file or folder checked before the first question, so that no answer is
    lost: an existing folder or a .yaml file in one, either writable. A folder that does
    not exist is offered on a terminal; True when it is to be created once the entry is
    complete (a Ctrl-C before then leaves nothing behind)."""
    from platform_advisor.cli.common import refuse_unwritable
    from platform_advisor.errors import OutputError

    if target.is_dir():
        refuse_unwritable(target, str(target))
        return False
    if target.exists() or target.suffix:  # a file, or meant as one
        if target.suffix not in (".yaml", ".yml"):
            raise OutputError(f"{target}: not a folder, nor a file ending in .yaml or .yml")
        if not target.parent.is_dir():
            raise OutputError(f"{target}: the folder {target.parent} does not exist")
        refuse_unwritable(target.parent, str(target))
        return False
    if not target.parent.is_dir():
        raise OutputError(f"{target}: no such folder, and no folder {target.parent} to make it in")
    refuse_unwritable(target.parent, str(target))
    if not asking:
        raise OutputError(
            f"{target}: no such folder; make it first (mkdir {target}), or run on a terminal "
            "to be offered it"
        )
    from platform_advisor.cli.common import confirmed

    if not confirmed(f"The folder {target} does not exist. Make it for the new platform?"):
        raise OutputError(f"{target}: no such folder; nothing was asked or written")
    return True


def _default_target() -> Path:
    """./catalogs, when there is one: a maintainer's checkout of the catalog."""
    folder = Path("catalogs")
    if not folder.is_dir():
        from platform_advisor.errors import NotFoundError

        raise NotFoundError(
            "no catalogs folder here; name the catalog file or folder to add to with --to"
        )
    return folder


def _refuse_entry_file_as_target(entry: Path | None, target: Path) -> None:
    """The file the entry is read from is never one the addition would write."""
    if entry is None:
        return
    from platform_advisor.loading.catalog_files import catalog_files
    from platform_advisor.storage.inputs import note_path, refuse_input

    note_path(entry, str(entry))
    for path in catalog_files([target]) if target.is_dir() else [target]:
        refuse_input(path, str(path))


def _from_flags(flags: EntryFlags) -> dict[str, Any]:
    """The entry as plain data, from the flags given (none of the defaults)."""
    pricing = {
        "model": flags.pricing_model,
        "billing": flags.billing,
        "tiers": [_tier(text) for text in flags.tiers] or None,
        "setup_usd": flags.setup_usd,
        "hosting_monthly_usd": flags.hosting_usd,
        "as_of": flags.price_as_of,
        "source": flags.price_source,
    }
    links = {"native": flags.native, "ipaas": flags.ipaas, "api": flags.api}
    data = {
        "id": flags.platform_id,
        "name": flags.name,
        "vendor": flags.vendor,
        "url": flags.url,
        "kind": flags.kind,
        "aliases": flags.aliases,
        "functions": flags.functions,
        "ownership": flags.ownership,
        "deployment": flags.deployment,
        "pricing": _given(pricing),
        "ratings": _ratings(flags.ratings) or None,
        "skill_required": flags.skill,
        "integrates_with": _given(links) or None,
        "channels": flags.channels,
        "sectors": flags.sectors,
        "compliance": flags.compliance,
        "regions": flags.regions,
        "gatekeeper": flags.gatekeeper or None,
        "notes": flags.notes,
    }
    return _given(data)


def _given(data: dict[str, Any]) -> dict[str, Any]:
    """Only the fields that have a value."""
    return {key: value for key, value in data.items() if value not in (None, [], {})}


def _has(data: dict[str, Any], dotted_field: str) -> bool:
    value: Any = data
    for part in dotted_field.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


def _tier(text: str) -> dict[str, Any]:
    """'Pro,monthly=29,per_user=10' as a tier's fields; numbers become numbers."""
    name, *pairs = [part.strip() for part in text.split(",")]
    tier: dict[str, Any] = {"name": name}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or key not in TIER_KEYS:
            raise typer.BadParameter(
                f"{pair!r} in --tier {text!r}: write KEY=VALUE with KEY one of "
                + ", ".join(TIER_KEYS)
            )
        tier[TIER_KEYS[key]] = value if key == "notes" else _number(value, f"--tier {text!r}")
    return tier


def _ratings(pairs: list[str]) -> dict[str, Any]:
    ratings: dict[str, Any] = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals:
            raise typer.BadParameter(f"--rating {pair!r}: write NAME=N, e.g. ease_of_use=4")
        ratings[key.strip()] = _number(value, f"--rating {pair!r}")
    return ratings


def _number(text: str, where: str) -> int | float:
    try:
        number = float(text)
    except ValueError:
        raise typer.BadParameter(f"{where}: {text!r} is not a number") from None
    return int(number) if number.is_integer() and "." not in text else number


def _reference_catalog(folder: Path, no_default_catalog: bool) -> Catalog | None:
    """The catalog the new entry may refer to: built-in plus the target's files."""
    from platform_advisor.loading.catalogs import load_catalog

    paths = [folder] if folder.exists() else []
    if no_default_catalog and not paths:
        return None
    return load_catalog(paths, include_default=not no_default_catalog).catalog


def _merged_with_file(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The entry in a YAML file, with any flags given on top."""
    from platform_advisor.loading.sources import read_source
    from platform_advisor.loading.yaml_reader import parse_yaml

    source = read_source(path)
    found = parse_yaml(source.text, source.display)
    at: tuple[int, ...] = ()
    if isinstance(found, list) and len(found) == 1:
        found, at = found[0], (0,)
    if not isinstance(found, dict):
        from platform_advisor.errors import InputFileError

        raise InputFileError(f"{source.display}: expected one platform (a mapping of its fields)")
    _refuse_file_faults(found, data, source, at)
    pricing = {**found.get("pricing", {}), **data.pop("pricing", {})}
    return {**found, **data, **({"pricing": pricing} if pricing else {})}


def _refuse_file_faults(
    found: dict[str, Any], flags: dict[str, Any], source: Source, at: tuple[int, ...]
) -> None:
    """The file's own faults, each at its line and column, before flags are laid on top.

    A field the file leaves out may come from a flag, and a flag replaces the file's
    value, so neither is the file's fault; a typo in a key or a value out of range is.
    """
    from pydantic import ValidationError

    from platform_advisor.errors import DataFileError
    from platform_advisor.loading.validation import problems_from
    from platform_advisor.models.catalog import Platform

    try:
        Platform.model_validate(found)
    except ValidationError as error:
        faults: list[ErrorDetails] = [
            {**fault, "loc": (*at, *fault["loc"])}
            for fault in error.errors()
            if fault["type"] != "missing" and not _judged_after_merging(fault["loc"], flags, found)
        ]
        if faults:
            problems = problems_from(faults, Platform, source.text, source.display)
            raise DataFileError(problems) from None


def _judged_after_merging(
    loc: tuple[str | int, ...], flags: dict[str, Any], found: dict[str, Any]
) -> bool:
    """Whether a fault at ``loc`` waits for the merged entry: a flag replaces the value
    there (pricing is merged field by field), or it concerns the entry as a whole."""
    if not loc:
        return True
    if loc[0] != "pricing":
        return loc[0] in flags
    given = flags.get("pricing", {})
    if len(loc) == 1:  # the pricing as a whole: a mapping can still be completed by flags
        return bool(given) and isinstance(found["pricing"], dict)
    return loc[1] in given


def _add(data: dict[str, Any], target: Path, *, include_default: bool, dry_run: bool) -> None:
    from platform_advisor.editing.catalog_add import add_platform

    platform = _validated(data)
    addition = add_platform(platform, target, include_default=include_default, dry_run=dry_run)
    entry = addition.entry_file
    if dry_run:
        from platform_advisor.editing.yaml_text import entry_text

        sys.stdout.write(entry_text(platform.model_dump(mode="json", exclude_defaults=True)))
        say(f"dry run: would add {platform.id!r} to {entry.before.display}; nothing written")
        return
    created = " (a new file)" if entry.created else ""
    say(f"added {platform.id!r} to {entry.before.display}{created}")
    others = [edit.before.display for edit in addition.edits if edit is not entry]
    if addition.linked_back:
        also = f"; also edited {', '.join(others)}" if others else ""
        say(f"linked back from {', '.join(addition.linked_back)}{also}")


def _validated(data: dict[str, Any]) -> Platform:
    """The platform, or every problem with the fields that gave it."""
    from pydantic import ValidationError

    from platform_advisor.errors import DataFileError, Problem
    from platform_advisor.models.catalog import Platform

    try:
        return Platform.model_validate(data)
    except ValidationError as error:
        import yaml

        from platform_advisor.loading.validation import problems_from

        text = yaml.safe_dump(data, sort_keys=False)
        problems = problems_from(error.errors(), Platform, text, "new platform")
        raise DataFileError(
            [Problem(p.message, None, p.field, p.hint) for p in problems],
            "the new platform is not valid; nothing was written:",
        ) from None
