"""``advisor init``: the questions that make a business profile, and the file they write."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from platform_advisor.cli.common import err, handled_errors, refuse_output, say
from platform_advisor.cli.options import Quiet, Verbose

if TYPE_CHECKING:
    from platform_advisor.editing.profile_text import ProfileAnswers
    from platform_advisor.models.catalog import Catalog

SECTORS = (
    "retail",
    "services",
    "hospitality",
    "manufacturing",
    "agriculture",
    "healthcare",
    "nonprofit",
    "other",
)
SKILLS = ("none", "basic", "intermediate", "advanced")
RISKS = ("low", "medium", "high")
OWNERSHIP = ("proprietary", "open_source", "hybrid")
COMPLIANCE = ("gdpr", "ccpa", "hipaa", "pci_dss", "soc2", "iso27001")
REQUIRED = ("name", "sector", "employees", "country", "budget", "goals")
_COUNTRY = re.compile(r"[A-Z]{2}")
_CURRENCY = re.compile(r"[A-Z]{3}")
#: The largest amount a profile takes: room for currencies of many units (yen, rupiah).
MAX_AMOUNT = 100_000_000_000
_AMOUNT = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?")
#: The sales channels asked about, and the question for each (cash is left out: no
#: platform charges for it).
SALES_QUESTIONS = {
    "card_present": "Card sales in person a month",
    "card_online": "Card sales online a month",
    "instant_payment": "Instant payments a month (UPI, Pix, M-Pesa, BLIK, iDEAL...)",
    "invoice": "Invoices paid by card or payment link a month",
    "bank_transfer": "Invoices paid by bank transfer a month",
    "direct_debit": "Payments collected by direct debit a month",
    "marketplace": "Sales through marketplaces a month",
    "delivery_app": "Orders through delivery apps a month",
}


def init(
    path: Path = typer.Argument(
        Path("profile.yaml"), help="The profile to write.", metavar="PATH", readable=False
    ),
    answers_file: Path | None = typer.Option(
        None,
        "--answers",
        help="A YAML file of answers, keyed like the flags.",
        metavar="FILE",
        readable=False,
    ),
    non_interactive: bool = typer.Option(
        False, "--non-interactive", help="Ask nothing: answers come from flags and --answers."
    ),
    force: bool = typer.Option(False, "--force", help="Replace PATH if it exists."),
    name: str | None = typer.Option(None, "--name", help="The business's name."),
    sector: str | None = typer.Option(None, "--sector", help=f"One of: {', '.join(SECTORS)}."),
    employees: int | None = typer.Option(
        None, "--employees", min=0, metavar="N", help="People employed (0 if run by volunteers)."
    ),
    country: str | None = typer.Option(None, "--country", help="Home country code, e.g. GB."),
    currency: str | None = typer.Option(
        None,
        "--currency",
        metavar="CODE",
        help="The currency every amount is in, e.g. EUR; the country's own if left out.",
    ),
    budget: float | None = typer.Option(
        None, "--budget", min=0, metavar="AMOUNT", help="Monthly budget, in that currency."
    ),
    goals: str | None = typer.Option(None, "--goals", help="Goals, comma-separated."),
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Ask the questions that make a business profile, and write it ready to score."""
    with handled_errors(quiet, verbose):
        refuse_output(path, force, inputs=[answers_file])
        catalog, goal_ids = _choices()
        flags = {
            "name": name, "sector": sector, "employees": employees,
            "country": country, "currency": currency, "budget": budget, "goals": goals,
        }  # fmt: skip
        given = {k: str(v) for k, v in flags.items() if v is not None}
        from_file = _from_file(answers_file)
        answers = _answers(from_file, given, catalog, goal_ids, asking=not non_interactive)
        _write(path, answers)


def _choices() -> tuple[Catalog, tuple[str, ...]]:
    """The built-in catalog (channels, platforms) and the default criteria's goals."""
    from platform_advisor.api import criteria_file
    from platform_advisor.loading.catalogs import load_catalog
    from platform_advisor.loading.criteria_files import load_criteria

    catalog = load_catalog().catalog
    criteria, _ = load_criteria(criteria_file("balanced"))
    return catalog, tuple(criteria.goals)


def _from_file(path: Path | None) -> tuple[str, dict[str, str]]:
    """The answers a YAML file gives, keyed like the flags, and the file's name."""
    if path is None:
        return "", {}
    from platform_advisor.errors import InputFileError
    from platform_advisor.loading.sources import read_source
    from platform_advisor.loading.yaml_reader import parse_yaml

    source = read_source(path)
    found = parse_yaml(source.text, source.display)
    if not isinstance(found, dict):
        raise InputFileError(f"{source.display}: expected a mapping of answers, e.g. 'name: ...'")
    unknown = sorted(set(found) - set(QUESTIONS))
    if unknown:
        raise InputFileError(
            f"{source.display}: unknown answers {', '.join(unknown)}; known: {', '.join(QUESTIONS)}"
        )
    return source.display, {key: _joined(value) for key, value in found.items()}


def _joined(value: Any) -> str:
    """A list of answers as the comma-separated text a question takes."""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


# The questions ------------------------------------------------------------------------


def _answers(
    from_file: tuple[str, Mapping[str, str]],
    flags: Mapping[str, str],
    catalog: Catalog,
    goal_ids: Collection[str],
    *,
    asking: bool,
) -> ProfileAnswers:
    """Every answer checked: given ones as they are, missing ones asked (or defaulted)."""
    from platform_advisor.editing.profile_text import ProfileAnswers

    checks = _checks(catalog, goal_ids)
    helps = {"goals": ", ".join(goal_ids), "channels": ", ".join(catalog.channels)}
    file_name, filed = from_file
    values: dict[str, Any] = {}
    for key in QUESTIONS:
        if key in flags:
            values[key] = _checked(
                f"--{key.replace('_', '-')}", flags[key], checks[key], usage=True
            )
        elif key in filed:
            values[key] = _checked(f"{file_name}: {key}", filed[key], checks[key], usage=False)
    missing = [key for key in REQUIRED if key not in values]
    if missing and not asking:
        raise typer.BadParameter(
            f"missing answers: {', '.join(missing)} (give them as flags or in --answers)"
        )
    if asking and len(values) < len(QUESTIONS):
        err("A profile for the advisor: answer each question (Enter takes the default).")
    for key, (question, default, help_text) in QUESTIONS.items():
        if key not in values:
            help_text = helps.get(key, help_text).format(**values) + _advice(key, values)
            default = _home_currency(values["country"]) if key == "currency" else default
            values[key] = (
                _ask(question, default, help_text, checks[key])
                if asking
                else checks[key](default or "")
            )
    sales = {channel: values.pop(channel) for channel in SALES_QUESTIONS}
    return ProfileAnswers(**values, sales={c: v for c, v in sales.items() if v is not None})


def _home_currency(country: str) -> str:
    from platform_advisor.core.money.style import home_currency

    return home_currency(country)


def _advice(key: str, answers: Mapping[str, Any]) -> str:
    """What earlier answers suggest for this question: the GDPR for a business at home in
    Europe, HIPAA for healthcare in the United States. Only said: a rule given here
    leaves out every platform the catalog does not mark as meeting it."""
    if key != "compliance":
        return ""
    from platform_advisor.core.inputs.intake import usual_compliance

    usual = usual_compliance(answers.get("country"), answers.get("sector"))
    if usual is None:
        return ""
    regime, who = usual
    return f"; {who} usually needs {regime}"


def _ask(question: str, default: str | None, help_text: str, check: Callable[[str], Any]) -> Any:
    """One question with its help; Ctrl-C (or no more input) stops with nothing written."""
    try:
        return typer.prompt(
            f"{question} ({help_text})", default=default, value_proc=_bad_parameter(check), err=True
        )
    except typer.Abort:
        raise KeyboardInterrupt from None


def _checked(where: str, text: str, check: Callable[[str], Any], *, usage: bool) -> Any:
    """A given answer checked: a bad flag is a usage error, a bad answers file bad input."""
    try:
        return check(text)
    except ValueError as error:
        if usage:
            raise typer.BadParameter(f"{where}: {error}") from None
        from platform_advisor.errors import InputFileError

        raise InputFileError(f"{where}: {error}") from None


def _bad_parameter(check: Callable[[str], Any]) -> Callable[[str], Any]:
    """A check whose ValueError re-asks the question with its message."""

    def convert(text: str) -> Any:
        try:
            return check(text)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return convert


#: key: (question, default, help); the defaults of required answers are None.
QUESTIONS: dict[str, tuple[str, str | None, str]] = {
    "name": ("Business name", None, "as it should read in the report"),
    "sector": ("Sector", None, ", ".join(SECTORS)),
    "employees": ("Employees", "1", "people paid to work in the business; 0 if volunteers run it"),
    "country": ("Home country", None, "two-letter code, e.g. GB, US, DE"),
    "currency": ("Currency of the amounts below", None, "three-letter code, e.g. GBP, EUR, USD"),
    "markets": ("Other countries you sell to", "", "codes, comma-separated; Enter for none"),
    "budget": ("Monthly budget for all platforms", None, "in {currency}; 0 if none"),
    "skill": ("Technical skill in the team", "basic", ", ".join(SKILLS)),
    "risk": ("Tolerance for lock-in and dependency", "medium", ", ".join(RISKS)),
    "goals": ("Goals", None, "comma-separated, from the list above"),
    "channels": ("Where your customers spend their time", "", "channels, comma-separated"),
    "existing": ("Platforms already in use", "", "names or ids, comma-separated"),
    **{
        channel: (
            question,
            "",
            "their value in {currency} and how many, e.g. '9000 1800'; Enter for none",
        )
        for channel, question in SALES_QUESTIONS.items()
    },
    "ownership": ("Kinds of platform allowed", "", f"{', '.join(OWNERSHIP)}; Enter for all"),
    "max_per_platform": (
        "Most any one platform may cost a month",
        "",
        "in {currency}; Enter for no limit",
    ),
    "compliance": (
        "Rules every platform must meet",
        "",
        f"{', '.join(COMPLIANCE)}; comma-separated, Enter for none",
    ),
}


def _checks(catalog: Catalog, goal_ids: Collection[str]) -> dict[str, Callable[[str], Any]]:
    from platform_advisor.core.inputs.intake import SECTOR_WORDS

    return {
        "name": _text,
        "sector": _one_of(SECTORS, SECTOR_WORDS),
        "employees": _count(minimum=0),
        "country": _country,
        "currency": _currency,
        "markets": _list(_country),
        "budget": _money,
        "skill": _one_of(SKILLS),
        "risk": _one_of(RISKS),
        "goals": _list(_one_of(goal_ids), at_least_one=True),
        "channels": _list(_one_of(catalog.channels)),
        "existing": _list(lambda word: _platform(catalog, word)),
        **dict.fromkeys(SALES_QUESTIONS, _channel_sales),
        "ownership": _list(_one_of(OWNERSHIP)),
        "compliance": _list(_one_of(COMPLIANCE)),
        "max_per_platform": lambda text: _money(text) if text.strip() else None,
    }


def _text(text: str) -> str:
    """Free text that goes into the file as one value: one line, no control characters
    (a line break in a name could write fields of its own into the profile), and text the
    file can hold (bytes that were not UTF-8 on the command line cannot be written)."""
    if not text.strip():
        raise ValueError("must not be empty")
    undecodable = _SURROGATE.search(text)
    if undecodable:
        raise ValueError(f"is not valid UTF-8 (byte 0x{ord(undecodable[0]) - 0xDC00:02x})")
    if _LINE_BREAK.search(text.strip()):
        raise ValueError("must be one line of text (it holds a line break)")
    control = _CONTROL.search(text)
    if control:
        raise ValueError(f"must not hold control characters (it holds U+{ord(control[0]):04X})")
    return text.strip()


# What Python makes of bytes on the command line that are not UTF-8 (surrogateescape).
_SURROGATE = re.compile("[\udc80-\udcff]")
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _one_of(
    choices: Collection[str], synonyms: Mapping[str, str] | None = None
) -> Callable[[str], str]:
    """A check that the answer is one of the choices, read as an id ('Take bookings' is
    take_bookings); a known synonym is named in the message, not taken silently."""

    def check(text: str) -> str:
        word = "_".join(text.strip().lower().replace("-", " ").split())
        if word not in choices:
            raise ValueError(f"{text.strip()!r} is not one of {', '.join(choices)}{_hint(word)}")
        return word

    def _hint(word: str) -> str:
        if synonyms and word in synonyms:
            return f"; for {word.replace('_', ' ')}, choose {synonyms[word]}"
        from platform_advisor.core.inputs.lookup import did_you_mean

        hint = did_you_mean(word, choices)
        return f" ({hint})" if hint else ""

    return check


def _list(check: Callable[[str], str], *, at_least_one: bool = False) -> Callable[[str], list[str]]:
    def checked(text: str) -> list[str]:
        items = [check(part) for part in text.replace(";", ",").split(",") if part.strip()]
        if at_least_one and not items:
            raise ValueError("give at least one")
        return list(dict.fromkeys(items))

    return checked


def _count(*, minimum: int) -> Callable[[str], int]:
    def check(text: str) -> int:
        try:
            number = int(text.strip())
        except ValueError:
            raise ValueError(f"must be a whole number (got {text.strip()!r})") from None
        if number < minimum:
            raise ValueError(f"must be at least {minimum}")
        return number

    return check


def _money(text: str) -> float:
    written = text.strip()
    if not _AMOUNT.fullmatch(written):
        raise ValueError(
            f"must be an amount in digits, in the profile's currency, e.g. 2500 (got {written!r})"
        )
    amount = float(written.replace(",", ""))
    if not amount <= MAX_AMOUNT:
        raise ValueError(f"must be between 0 and {MAX_AMOUNT:,}")
    return amount


def _channel_sales(text: str) -> tuple[float, int] | None:
    """'9000 1800': the value of a month's sales and how many; None when left empty."""
    parts = text.split()
    if not parts:
        return None
    if len(parts) != 2:
        raise ValueError(f"give their value and how many, e.g. '9000 1800' (got {text.strip()!r})")
    amount, count = _money(parts[0]), _count(minimum=0)(parts[1])
    if amount and not count:
        raise ValueError("sales with a value need a number of sales")
    return amount, count


def _currency(text: str) -> str:
    code = text.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise ValueError(f"must be a three-letter currency code such as EUR (got {text.strip()!r})")
    from babel.numbers import list_currencies

    if code not in list_currencies():
        raise ValueError(f"{code} is not a currency code (ISO 4217), e.g. GBP, EUR, USD")
    return code


def _country(text: str) -> str:
    from platform_advisor.models.common import NOT_ISO_COUNTRY

    code = text.strip().upper()
    if not _COUNTRY.fullmatch(code):
        raise ValueError(f"must be a two-letter country code such as GB (got {text.strip()!r})")
    return NOT_ISO_COUNTRY.get(code, code)


def _platform(catalog: Catalog, word: str) -> str:
    from platform_advisor.core.inputs.lookup import find_platform
    from platform_advisor.errors import NotFoundError

    try:
        return find_platform(catalog, word.strip()).id
    except NotFoundError as error:
        raise ValueError(
            f"{error}; leave it out, or add it to your own catalog first (advisor catalog add)"
        ) from None


# The file ------------------------------------------------------------------------------


def _write(path: Path, answers: ProfileAnswers) -> None:
    """Check the text loads as the profile it is meant to be, then write it atomically."""
    from platform_advisor.editing.profile_text import profile_text
    from platform_advisor.loading.sources import Source, validated
    from platform_advisor.models.profile import Profile
    from platform_advisor.storage.atomic import write_atomic

    text = profile_text(answers)
    validated(Profile, Source(str(path), text))
    write_atomic(path, text, str(path))
    say(f"wrote {path}; score it with: advisor score {path}")
