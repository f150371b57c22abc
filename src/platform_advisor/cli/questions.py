"""Questions for the fields a command's flags left out, each answer checked as it is given."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from datetime import date
from typing import Any, get_args

import typer

from platform_advisor.cli.common import ask
from platform_advisor.models.catalog import RATING_NAMES, Catalog, PricingModel
from platform_advisor.models.common import Compliance, Deployment, Ownership, Sector, SkillLevel

PLATFORM_ID = r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?"
ID_WORDS = "lowercase letters, digits and hyphens"
WEB_ADDRESS = r"https?://\S+"
YEAR_MONTH = r"(19|20)\d\d-(0[1-9]|1[0-2])"
TIER_QUESTIONS = [
    ("monthly_usd", "Monthly price, US dollars", float, 1e7),
    ("per_user_usd", "Per extra user per month", float, 1e7),
    ("users_included", "Users included in the monthly price", int, 1e7),
    ("transaction_fee_pct", "Fee on each sale, percent", float, 100),
    ("transaction_fee_usd", "Fixed fee per sale, US dollars", float, 1e7),
]
RATING_QUESTIONS = {
    "ease_of_use": "how quickly a non-specialist gets value",
    "integrations": "how well it connects to other platforms",
    "automation": "what it does on its own",
    "customization": "how far it bends to the business",
    "scalability": "how far it grows with the business",
    "data_portability": "how easily the business takes its data elsewhere",
    "security": "security and compliance posture",
    "support": "help when something goes wrong",
    "reach": "the audience or network it brings",
}


def ask_missing(data: dict[str, Any], catalog: Catalog | None) -> dict[str, Any]:
    """The entry with every missing field asked for; the rubric is in docs/catalog-guide.md."""
    typer.echo("A new platform: answer each question (Enter takes the default).", err=True)
    answers = dict(data)
    _identity(answers, list(catalog.functions) if catalog else [])
    answers["pricing"] = _pricing(dict(answers.get("pricing", {})))
    ratings = dict(answers.get("ratings", {}))
    for name in RATING_NAMES:
        question = f"Rating 0-5, {name}: {RATING_QUESTIONS[name]}"
        _fill(ratings, name, question, convert=_number(int, 5))
    answers["ratings"] = ratings
    if "integrates_with" not in data:
        links = _links(list(catalog.platforms) if catalog else [])
        answers.update({"integrates_with": links} if links else {})
    _extras(answers)
    return answers


def _identity(answers: dict[str, Any], functions: list[str]) -> None:
    _fill(answers, "name", "Name of the product", convert=str.strip)
    _fill(
        answers, "id", "Id", convert=_checked(PLATFORM_ID, ID_WORDS), default=_slug(answers["name"])
    )
    _fill(answers, "vendor", "Vendor (the company)", convert=str.strip)
    _fill(answers, "url", "Home page", convert=_checked(WEB_ADDRESS, "a web address"))
    question = "Functions it serves, main one first (comma-separated ids)"
    _fill(answers, "functions", question, convert=_ids(functions, "function"))
    _fill(answers, "ownership", "Ownership", convert=_one_of(get_args(Ownership)))
    question = "Deployment (comma-separated)"
    _fill(answers, "deployment", question, convert=_choices(get_args(Deployment)), default="saas")
    skills = _one_of(get_args(SkillLevel))
    _fill(answers, "skill_required", "Skill needed", convert=skills, default="basic")


def _pricing(pricing: dict[str, Any]) -> dict[str, Any]:
    _fill(pricing, "model", "Pricing model", convert=_one_of(get_args(PricingModel)))
    if "tiers" not in pricing:
        pricing["tiers"] = _tiers()
    month = date.today().strftime("%Y-%m")
    question = "Month the price was read (YYYY-MM)"
    _fill(pricing, "as_of", question, convert=_checked(YEAR_MONTH, "YYYY-MM"), default=month)
    question = "Vendor page the price comes from"
    _fill(pricing, "source", question, convert=_checked(WEB_ADDRESS, "a web address"))
    return pricing


def _links(platforms: list[str]) -> dict[str, list[str]]:
    links = {}
    for kind, how in (("native", "natively"), ("ipaas", "through an iPaaS"), ("api", "by API")):
        question = f"Platforms it links to {how} (comma-separated ids, or Enter)"
        found = _optional(question, _ids(platforms, "platform"))
        if found:
            links[kind] = found
    return links


def _extras(answers: dict[str, Any]) -> None:
    optional: list[tuple[str, str, Callable[[str], list[str]]]] = [
        ("aliases", "Other or former names (comma-separated)", _words),
        ("sectors", "Sectors it is built for (Enter: any)", _choices(get_args(Sector))),
        ("compliance", "Compliance (e.g. gdpr, soc2)", _choices(get_args(Compliance))),
        ("regions", "Countries, two letters (Enter: worldwide)", _words),
    ]
    for field, question, convert in optional:
        if field not in answers:
            found = _optional(question, convert)
            answers.update({field: found} if found else {})
    if "notes" not in answers:
        notes = ask("Notes for a consultant", "", str.strip)
        answers.update({"notes": notes} if notes else {})


def _fill(
    answers: dict[str, Any],
    field: str,
    question: str,
    *,
    convert: Callable[[str], Any],
    default: str | None = None,
) -> None:
    """Ask for a field unless it has a value; ``convert`` checks and shapes the answer."""
    if field not in answers:
        answers[field] = ask(question, default, convert)


def _optional(question: str, convert: Callable[[str], list[str]]) -> list[str]:
    answer = ask(question, "", lambda text: convert(text) if text.strip() else [])
    return list(answer)


def _tiers() -> list[dict[str, Any]]:
    """Ask for price plans until an empty name."""
    tiers: list[dict[str, Any]] = []
    while True:
        label = "Price plan name" + (" (Enter when done)" if tiers else "")
        name = ask(label, "" if tiers else None, str.strip)
        if not name:
            return tiers
        tier: dict[str, Any] = {"name": name}
        for field, question, number_type, most in TIER_QUESTIONS:
            convert = _written_number(field, number_type, most)
            tier[field] = ask(f"  {question}", "0", convert)
        tiers.append({key: value for key, value in tier.items() if value or key == "name"})


def _one_of(choices: Collection[str]) -> Callable[[str], str]:
    def convert(text: str) -> str:
        if text.strip() not in choices:
            raise typer.BadParameter(f"choose one of {', '.join(choices)}")
        return text.strip()

    return convert


def _number(number_type: type[int] | type[float], most: float) -> Callable[[str], float]:
    def convert(text: str) -> float:
        try:
            value = number_type(text.strip())
        except ValueError:
            raise typer.BadParameter(f"write a number from 0 to {most:g}") from None
        if not 0 <= value <= most:
            raise typer.BadParameter(f"write a number from 0 to {most:g}")
        return value

    return convert


def _written_number(
    field: str, number_type: type[int] | type[float], most: float
) -> Callable[[str], float]:
    """A plan's number as people write it: a percentage with its sign ('2.75%'), a price
    in US dollars with its code or symbol ('$29', '29 USD', '1,250.50')."""
    if field.endswith("_pct"):
        from platform_advisor.core.inputs.intake import percent

        return percent
    if field.endswith("_usd"):
        from platform_advisor.core.inputs.intake import amount_in

        def dollars(text: str) -> float:
            value = amount_in(text, "USD", "US")
            if not 0 <= value <= most:
                raise ValueError(f"write a number from 0 to {most:g}")
            return value

        return dollars
    return _number(number_type, most)


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-")[:64] or "platform"


def _checked(pattern: str, description: str) -> Callable[[str], str]:
    compiled = re.compile(pattern)

    def convert(text: str) -> str:
        if not compiled.fullmatch(text.strip()):
            raise typer.BadParameter(f"write {description}")
        return text.strip()

    return convert


def _words(text: str) -> list[str]:
    return [word.strip() for word in text.split(",") if word.strip()]


def _choices(choices: Collection[str]) -> Callable[[str], list[str]]:
    def convert(text: str) -> list[str]:
        values = _words(text)
        wrong = [value for value in values if value not in choices]
        if wrong:
            raise typer.BadParameter(f"{', '.join(wrong)}: choose from {', '.join(choices)}")
        return values

    return convert


def _ids(known: Collection[str], kind: str) -> Callable[[str], list[str]]:
    from platform_advisor.core.inputs.lookup import did_you_mean

    def convert(text: str) -> list[str]:
        values = _words(text)
        for value in values:
            if known and value not in known:
                hint = did_you_mean(value, known)
                raise typer.BadParameter(f"no {kind} {value!r}" + (f" ({hint})" if hint else ""))
        if not values:
            raise typer.BadParameter("give at least one")
        return values

    return convert
