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
    from platform_advisor.models.criteria import Criteria

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
_CURRENCY = re.compile(r"[A-Z]{3}")
#: The largest amount a profile takes: room for currencies of many units (yen, rupiah).
MAX_AMOUNT = 100_000_000_000
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
    name: str | None = typer.Option(None, "--name", metavar="NAME", help="The business's name."),
    sector: str | None = typer.Option(
        None, "--sector", metavar="SECTOR", help=f"One of: {', '.join(SECTORS)}."
    ),
    employees: int | None = typer.Option(
        None, "--employees", min=0, metavar="N", help="People employed (0 if run by volunteers)."
    ),
    country: str | None = typer.Option(
        None, "--country", metavar="COUNTRY", help="Home country: its name or code, e.g. GB."
    ),
    currency: str | None = typer.Option(
        None,
        "--currency",
        metavar="CODE",
        help="The currency every amount is in, e.g. EUR; the country's own if left out.",
    ),
    budget: str | None = typer.Option(
        None, "--budget", metavar="AMOUNT", help="Monthly budget, in that currency (400, 400 AUD)."
    ),
    goals: str | None = typer.Option(
        None, "--goals", metavar="IDS", help="Goals, comma-separated."
    ),
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Ask the questions that make a business profile, and write it ready to score."""
    with handled_errors(quiet, verbose):
        refuse_output(path, force, inputs=[answers_file])
        catalog, criteria = _choices()
        flags = {
            "name": name, "sector": sector, "employees": employees,
            "country": country, "currency": currency, "budget": budget, "goals": goals,
        }  # fmt: skip
        given = {k: str(v) for k, v in flags.items() if v is not None}
        from_file = _from_file(answers_file)
        answers = _answers(from_file, given, catalog, criteria, asking=not non_interactive)
        _write(path, answers)


def _choices() -> tuple[Catalog, Criteria]:
    """The built-in catalog (channels, platforms) and the default criteria (goals, and the
    functions goals and sectors call for)."""
    from platform_advisor.api import criteria_file
    from platform_advisor.loading.catalogs import load_catalog
    from platform_advisor.loading.criteria_files import load_criteria

    catalog = load_catalog().catalog
    criteria, _ = load_criteria(criteria_file("balanced"))
    return catalog, criteria


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
    criteria: Criteria,
    *,
    asking: bool,
) -> ProfileAnswers:
    """Every answer checked: given ones as they are, missing ones asked (or defaulted)."""
    from platform_advisor.editing.profile_text import ProfileAnswers

    values: dict[str, Any] = {}
    checks = _checks(catalog, criteria, values)
    file_name, filed = from_file
    for key in QUESTIONS:
        if key in flags:
            flag = f"--{key.replace('_', '-')}"
            values[key] = _checked(flag, flags[key], checks[key], usage=True)
        elif key in filed:
            values[key] = _checked(f"{file_name}: {key}", filed[key], checks[key], usage=False)
        if key == "existing" and key in values:
            values[key] = _kept_outside(values[key], f"{file_name}: {key}")
    missing = [key for key in REQUIRED if key not in values]
    if missing and not asking:
        raise typer.BadParameter(
            f"missing answers: {', '.join(missing)} (give them as flags or in --answers)"
        )
    if asking and len(values) < len(QUESTIONS):
        err("A profile for the advisor: answer each question (Enter takes the default).")
    helps = {"goals": ", ".join(criteria.goals), "channels": ", ".join(catalog.channels)}
    for key in QUESTIONS:
        if key not in values:
            help_text = helps.get(key, QUESTIONS[key][2]).format(**values) + _advice(key, values)
            values[key] = _answer(key, values, checks[key], help_text, criteria, asking=asking)
    return _settled(values, criteria, ProfileAnswers)


def _answer(
    key: str,
    values: Mapping[str, Any],
    check: Callable[[str], Any],
    help_text: str,
    criteria: Criteria,
    *,
    asking: bool,
) -> Any:
    """One missing answer: asked (after what the earlier answers derive), or its default."""
    question, default, _ = QUESTIONS[key]
    if key == "volunteers" and values.get("employees") != 0:
        return 0  # asked of an organisation with no paid staff only
    if key == "currency":
        default = _home_currency(values["country"])
    if key == "needs":
        derived = _derived(values, criteria)
        default = ", ".join(derived)
        if asking:
            _show_derived(derived)
    if not asking:
        return check(default or "")
    if key == "existing":
        return _ask_platforms(question, help_text, check)
    return _ask(question, default, help_text, check)


def _kept_outside(
    answer: tuple[list[str], list[tuple[str, str]]], where: str
) -> tuple[list[str], list[str]]:
    """Platforms given by flag or file: a name the catalog does not know becomes a tool
    outside it, with a notice, as the profile loader does; a near miss of a catalog
    name is refused, every one at once, with its suggestion."""
    known, unknown = answer
    near = [_named(name, hint) for name, hint in unknown if hint]
    if near:
        from platform_advisor.errors import InputFileError

        raise InputFileError(f"{where}: not in the catalog: {'; '.join(near)}")
    for name, _ in unknown:
        say(f"{name!r} is not in the catalog: kept as a tool in use (other_tools)")
    return known, [name for name, _ in unknown]


def _settled(
    values: dict[str, Any], criteria: Criteria, make: type[ProfileAnswers]
) -> ProfileAnswers:
    """The answers as the profile takes them: sales by channel, platforms in use apart
    from the tools the catalog does not know, and the functions to fill only where the
    user changed the derived ones (left empty, they follow the goals and sector)."""
    known, tools = values.pop("existing")
    derived = _derived(values, criteria)
    needs = values.pop("needs")
    sales = {channel: values.pop(channel) for channel in SALES_QUESTIONS}
    return make(
        **values,
        existing=known,
        other_tools=tools,
        needs=() if list(needs) == list(derived) else needs,
        sales={c: v for c, v in sales.items() if v is not None},
    )


def _derived(values: Mapping[str, Any], criteria: Criteria) -> Mapping[str, tuple[str, str]]:
    from platform_advisor.core.scoring.needs import derived_functions

    return derived_functions(values["goals"], values["sector"], criteria)


def _show_derived(derived: Mapping[str, tuple[str, str]]) -> None:
    """The functions the goals and sector call for, each with why, before the question
    that keeps, drops or adds them."""
    err("From the goals and the sector, the advisor would fill these functions:")
    width = max((len(function) for function in derived), default=0)
    for function, (kind, name) in derived.items():
        why = f"from goal {name}" if kind == "goal" else f"sector {name}"
        err(f"  {function.ljust(width)}  {why}")


def _ask_platforms(
    question: str, help_text: str, check: Callable[[str], Any]
) -> tuple[list[str], list[str]]:
    """The platforms in use; every name the catalog does not know is listed at once, with
    suggestions, and kept as a tool outside the catalog if the user says so."""
    while True:
        known, unknown = _ask(question, "", help_text, check)
        if not unknown:
            return known, []
        err("Not in the catalog: " + "; ".join(_named(name, hint) for name, hint in unknown) + ".")
        names = [name for name, _ in unknown]
        kind = "a tool" if len(names) == 1 else "tools"
        keep = f"Keep {', '.join(names)} as {kind} the catalog does not know (No: answer again)?"
        if _confirmed(keep):
            return known, names


def _named(name: str, hint: str) -> str:
    return f"{name!r} ({hint})" if hint else repr(name)


def _confirmed(question: str) -> bool:
    from platform_advisor.cli.common import confirmed

    return confirmed(question)


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
    from platform_advisor.cli.common import ask

    return ask(f"{question} ({help_text})", default, check)


def _checked(where: str, text: str, check: Callable[[str], Any], *, usage: bool) -> Any:
    """A given answer checked: a bad flag is a usage error, a bad answers file bad input."""
    try:
        return check(text)
    except ValueError as error:
        if usage:
            raise typer.BadParameter(f"{where}: {error}") from None
        from platform_advisor.errors import InputFileError

        raise InputFileError(f"{where}: {error}") from None


#: key: (question, default, help); the defaults of required answers are None.
QUESTIONS: dict[str, tuple[str, str | None, str]] = {
    "name": ("Business name", None, "as it should read in the report"),
    "sector": ("Sector", None, ", ".join(SECTORS)),
    "employees": ("Employees", "1", "people paid to work in the business; 0 if volunteers run it"),
    "volunteers": ("Volunteers who use the platforms", "0", "unpaid people, such as a committee"),
    "country": ("Home country", None, "its name or two-letter code, e.g. Australia, GB, DE"),
    "currency": ("Currency of the amounts below", None, "three-letter code, e.g. GBP, EUR, USD"),
    "markets": (
        "Other countries you sell to",
        "",
        "names or codes, comma-separated; Enter for none",
    ),
    "budget": ("Monthly budget for all platforms", None, "in {currency}, e.g. 400; 0 if none"),
    "skill": ("Technical skill in the team", "basic", ", ".join(SKILLS)),
    "risk": ("Tolerance for lock-in and dependency", "medium", ", ".join(RISKS)),
    "goals": ("Goals", None, "comma-separated, from the list above"),
    "needs": (
        "Functions to fill",
        "",
        "Enter keeps these; '-crm' drops one, '+booking' adds one, or give the list",
    ),
    "channels": ("Where your customers spend their time", "", "channels, comma-separated"),
    "existing": (
        "Platforms already in use",
        "",
        "names or ids, comma-separated; ones the catalog lacks can be kept as they are",
    ),
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


def _checks(
    catalog: Catalog, criteria: Criteria, values: Mapping[str, Any]
) -> dict[str, Callable[[str], Any]]:
    """Each answer's check; amounts read the currency and country answered before them."""
    from platform_advisor.core.inputs.intake import SECTOR_WORDS

    money = _money(values)
    return {
        "name": _text,
        "sector": _one_of(SECTORS, SECTOR_WORDS),
        "employees": _count(minimum=0),
        "volunteers": _count(minimum=0),
        "country": _country,
        "currency": _currency,
        "markets": _list(_country),
        "budget": money,
        "skill": _one_of(SKILLS),
        "risk": _one_of(RISKS),
        "goals": _list(_one_of(tuple(criteria.goals)), at_least_one=True),
        "needs": _needs(catalog, criteria, values),
        "channels": _list(_one_of(catalog.channels)),
        "existing": lambda text: _platforms(catalog, text),
        **dict.fromkeys(SALES_QUESTIONS, _channel_sales(money)),
        "ownership": _list(_one_of(OWNERSHIP)),
        "compliance": _list(_one_of(COMPLIANCE)),
        "max_per_platform": lambda text: money(text) if text.strip() else None,
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


def _money(values: Mapping[str, Any]) -> Callable[[str], float]:
    """A check of an amount in the profile's currency ('400', '400 AUD', 'A$400',
    '€1.200,50'); one in another currency is refused, naming it."""

    def check(text: str) -> float:
        from platform_advisor.core.inputs.intake import amount_in, parse_number

        country = values.get("country")
        currency = values.get("currency") or (_home_currency(country) if country else None)
        written = text.strip()
        if currency:
            amount = amount_in(written, currency, country)
        else:  # a flag, before the currency is known: plain digits
            amount = parse_number(written, written)
        if not 0 <= amount <= MAX_AMOUNT:
            raise ValueError(f"must be between 0 and {MAX_AMOUNT:,}")
        return amount

    return check


def _channel_sales(money: Callable[[str], float]) -> Callable[[str], tuple[float, int] | None]:
    """'9000 1800' or 'A$9,000 1800': the value of a month's sales and how many; None when
    left empty."""

    def check(text: str) -> tuple[float, int] | None:
        parts = text.split()
        if not parts:
            return None
        if len(parts) < 2:
            raise ValueError(
                f"give their value and how many, e.g. '9000 1800' (got {text.strip()!r})"
            )
        amount, count = money(" ".join(parts[:-1])), _count(minimum=0)(parts[-1])
        if amount and not count:
            raise ValueError("sales with a value need a number of sales")
        return amount, count

    return check


def _currency(text: str) -> str:
    code = text.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise ValueError(f"must be a three-letter currency code such as EUR (got {text.strip()!r})")
    from babel.numbers import list_currencies

    if code not in list_currencies():
        raise ValueError(f"{code} is not a currency code (ISO 4217), e.g. GBP, EUR, USD")
    return code


def _country(text: str) -> str:
    """A country by its code or its name (pycountry: 'Australia', 'united kingdom')."""
    from platform_advisor.core.inputs.intake import country_code

    return country_code(text)


def _platforms(catalog: Catalog, text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The ids of the platforms named that the catalog knows, and every other name with
    a suggestion where one is close."""
    from platform_advisor.core.inputs.intake import platforms_named

    names = [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]
    return platforms_named(catalog, names)


def _needs(
    catalog: Catalog, criteria: Criteria, values: Mapping[str, Any]
) -> Callable[[str], list[str]]:
    """A check of the functions to fill: the derived ones kept, edited or replaced, each
    one the catalog knows."""

    def check(text: str) -> list[str]:
        from platform_advisor.core.inputs.intake import edited_functions

        chosen = edited_functions(list(_derived(values, criteria)), text)
        known = _one_of(tuple(catalog.functions))
        return [known(function) for function in chosen]

    return check


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
