"""advisor init: questions with choices, defaults and checks; a profile that scores."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import get_args

import pytest

from platform_advisor.core.inputs.intake import SECTOR_WORDS, usual_compliance
from platform_advisor.loading.sources import load_model
from platform_advisor.models.profile import Profile
from tests.conftest import WriteYaml, run_cli

ANSWERS = [
    "Harbour Cafe",  # name
    "hospitality",  # sector
    "4",  # employees
    "gb",  # country
    "",  # currency: the country's, GBP
    "FR, DE",  # markets
    "300",  # budget
    "",  # skill: basic
    "low",  # risk
    "increase_sales, customer_engagement",  # goals
    "",  # the functions the goals and sector call for, kept
    "instagram, local_search",  # channels
    "Square, xero",  # platforms in use, by name or id
    "9000 1800",  # card sales in person: value and count
    "",  # card sales online
    "",  # instant payments
    "",  # invoices paid by card
    "",  # invoices paid by bank transfer
    "",  # direct debit
    "",  # marketplaces
    "2000 150",  # delivery apps
    "",  # ownership: all
    "120",  # most per platform
    "gdpr",  # compliance
]


def typed(answers: list[str]) -> str:
    return "".join(f"{answer}\n" for answer in answers)


def test_the_answers_make_a_profile_that_scores(tmp_path: Path) -> None:
    target = tmp_path / "cafe.yaml"
    result = run_cli("init", target, input=typed(ANSWERS))
    assert result.exit_code == 0, result
    assert result.stderr.rstrip().endswith(f"score it with: advisor score {target}")
    profile, _ = load_model(Profile, target)
    assert profile.business.name == "Harbour Cafe" and profile.business.country == "GB"
    assert profile.business.markets == ("FR", "DE")
    assert profile.technical_capability == "basic" and profile.risk_tolerance == "low"
    assert profile.existing_platforms == ("square", "xero")
    assert profile.business.currency == "GBP" and profile.budget.monthly == 300
    channels = {name: (c.monthly, c.count) for name, c in profile.sales.channels.items()}
    assert channels == {"card_present": (9000, 1800), "delivery_app": (2000, 150)}
    assert profile.constraints.max_monthly == 120
    assert profile.constraints.compliance == ("gdpr",)
    assert "a business in Europe usually needs gdpr" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=profile.schema.json\n")
    scored = run_cli("score", target, "--robustness", "off")
    assert scored.exit_code == 0, scored
    assert "Platform advice for Harbour Cafe" in scored.stdout


def test_a_bad_answer_is_asked_again_with_the_reason(tmp_path: Path) -> None:
    answers = [
        *ANSWERS[:1],
        "hospitallity",  # a typo: asked again
        "restaurant",  # a kind of business, not a sector: asked again
        *ANSWERS[1:3],
        "Frankreich und so",  # no country: asked again
        *ANSWERS[3:12],
        "Sqare",  # no such platform: listed, and asked again
        "n",  # not kept as a tool the catalog does not know
        *ANSWERS[12:13],
        "9000",  # a value without a count: asked again
        *ANSWERS[13:],
    ]
    result = run_cli("init", tmp_path / "cafe.yaml", input=typed(answers))
    assert result.exit_code == 0, result
    assert "'hospitallity' is not one of retail, services, hospitality" in result.stderr
    assert "(did you mean 'hospitality'?)" in result.stderr
    assert "; for restaurant, choose hospitality" in result.stderr
    assert "'Frankreich und so' is no country the advisor knows" in result.stderr
    assert "Not in the catalog: 'Sqare' (did you mean 'square'?)." in result.stderr
    assert "give their value and how many, e.g. '9000 1800' (got '9000')" in result.stderr


def test_answers_are_read_as_ids_and_amounts_as_digits(tmp_path: Path) -> None:
    answers = [
        *ANSWERS[:6],
        "€300",  # asked again: the profile's currency is GBP
        "£1,250.50",  # in the profile's currency: taken
        *ANSWERS[7:9],
        "Increase sales, customer-engagement",
        *ANSWERS[10:],
    ]
    result = run_cli("init", tmp_path / "cafe.yaml", input=typed(answers))
    assert result.exit_code == 0, result
    assert (
        "'€300' is in EUR, but every amount of this profile is in GBP (£); convert it"
        in result.stderr
    )
    profile, _ = load_model(Profile, tmp_path / "cafe.yaml")
    assert profile.goals == ("increase_sales", "customer_engagement")
    assert profile.budget.monthly == 1250.5


def test_flags_and_an_answers_file_need_no_questions(tmp_path: Path, write_yaml: WriteYaml) -> None:
    answers = write_yaml(
        "answers.yaml",
        """
        sector: services
        employees: 2
        country: US
        goals: [find_clients, efficiency]
        existing: [Notion]
        """,
    )
    target = tmp_path / "studio.yaml"
    result = run_cli(
        "init", target, "--non-interactive", "--answers", answers,
        "--name", "Pixel Studio", "--budget", "80",
    )  # fmt: skip
    assert result.exit_code == 0, result
    profile, _ = load_model(Profile, target)
    assert profile.business.name == "Pixel Studio" and profile.budget.monthly == 80
    assert profile.business.currency == "USD"  # the country's
    assert profile.goals == ("find_clients", "efficiency")
    assert profile.existing_platforms == ("notion",)
    assert profile.risk_tolerance == "medium"  # the default


@pytest.mark.parametrize(("flag", "currency"), [(None, "EUR"), ("chf", "CHF"), ("EUR", "EUR")])
def test_the_currency_is_the_countrys_unless_another_is_given(
    tmp_path: Path, flag: str | None, currency: str
) -> None:
    target = tmp_path / "shop.yaml"
    given = ("--currency", flag) if flag else ()
    result = run_cli(
        "init", target, "--non-interactive", "--name", "Laden", "--sector", "retail",
        "--employees", "3", "--country", "de", "--budget", "250", "--goals", "increase_sales",
        *given,
    )  # fmt: skip
    assert result.exit_code == 0, result
    profile, _ = load_model(Profile, target)
    assert (profile.business.currency, profile.budget.monthly) == (currency, 250)


def test_an_unknown_currency_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(
        "init", tmp_path / "p.yaml", "--non-interactive", "--currency", "EUX",
        "--name", "A", "--sector", "retail", "--employees", "1", "--country", "DE",
        "--budget", "0", "--goals", "increase_sales",
    )  # fmt: skip
    assert result.exit_code == 2 and result.stdout == ""
    assert "--currency: EUX is not a currency code (ISO 4217), e.g. GBP, EUR, USD" in (
        " ".join(result.stderr.split())
    )


def test_missing_answers_without_questions_are_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "p.yaml", "--non-interactive", "--name", "A")
    assert result.exit_code == 2 and result.stdout == ""
    assert "missing answers: sector, employees, country, budget, goals" in result.stderr
    assert not (tmp_path / "p.yaml").exists()


def test_a_bad_answers_file_is_named(tmp_path: Path, write_yaml: WriteYaml) -> None:
    bad = write_yaml("answers.yaml", "country: Britain\n")
    result = run_cli("init", tmp_path / "p.yaml", "--non-interactive", "--answers", bad)
    assert result.exit_code == 1 and result.stdout == ""
    assert "answers.yaml: country: 'Britain' is no country the advisor knows" in result.stderr
    unknown = write_yaml("unknown.yaml", "nmae: Cafe\n")
    result = run_cli("init", tmp_path / "p.yaml", "--answers", unknown)
    assert result.exit_code == 1
    assert "unknown.yaml: unknown answers nmae" in result.stderr


def test_an_existing_profile_is_kept_without_force(tmp_path: Path) -> None:
    target = tmp_path / "cafe.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    result = run_cli("init", target, input=typed(ANSWERS))
    assert result.exit_code == 1
    assert "cafe.yaml: already exists; use --force to replace it" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me\n"
    replaced = run_cli("init", target, "--force", input=typed(ANSWERS))
    assert replaced.exit_code == 0, replaced
    assert load_model(Profile, target)[0].business.name == "Harbour Cafe"


def test_stopping_half_way_writes_nothing(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "cafe.yaml", input=typed(ANSWERS[:5]))
    assert result.exit_code == 130
    assert not (tmp_path / "cafe.yaml").exists()
    assert [p.name for p in tmp_path.iterdir()] == []


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_the_questions_work_in_a_real_terminal(tmp_path: Path) -> None:
    target = tmp_path / "cafe.yaml"
    advisor = Path(sys.executable).with_name("advisor")
    main, side = pty.openpty()
    process = subprocess.Popen(
        [str(advisor), "init", str(target)], stdin=side, stdout=side, stderr=side, close_fds=True
    )
    os.close(side)
    seen = b""
    for answer in ANSWERS:
        seen += read_until(main, b": ")
        os.write(main, answer.encode() + b"\n")
    seen += read_until(main, b"advisor score")
    process.wait(timeout=30)
    os.close(main)
    assert process.returncode == 0, seen.decode(errors="replace")
    assert b"Business name (as it should read in the report):" in seen
    assert load_model(Profile, target)[0].business.name == "Harbour Cafe"


def read_until(descriptor: int, marker: bytes, limit: float = 20.0) -> bytes:
    """What the terminal shows until `marker` appears (the end of a question)."""
    seen = b""
    deadline = time.monotonic() + limit
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([descriptor], [], [], 0.5)
        if ready:
            try:
                seen += os.read(descriptor, 4096)
            except OSError:
                break
    return seen


def test_a_target_that_cannot_be_a_profile_is_refused_before_any_question(
    tmp_path: Path,
) -> None:
    folder = run_cli("init", tmp_path, input=typed(ANSWERS))
    assert folder.exit_code == 1
    assert f"{tmp_path}: is a folder; give a file name" in folder.stderr
    assert "Business name" not in folder.stderr
    nowhere = run_cli("init", tmp_path / "missing" / "p.yaml", input=typed(ANSWERS))
    assert nowhere.exit_code == 1
    assert f"the folder {tmp_path / 'missing'} does not exist" in nowhere.stderr
    assert [p.name for p in tmp_path.iterdir()] == []


@pytest.mark.parametrize(
    ("country", "sector", "usual"),
    [
        ("GB", "retail", ("gdpr", "a business in Europe")),
        ("DE", "healthcare", ("gdpr", "a business in Europe")),
        ("US", "healthcare", ("hipaa", "healthcare in the US")),
        ("US", "retail", None),
        ("AU", "healthcare", None),
    ],
)
def test_the_usual_rules_follow_the_country_and_sector(
    country: str, sector: str, usual: tuple[str, str] | None
) -> None:
    assert usual_compliance(country, sector) == usual


def test_the_choices_asked_are_the_models_own() -> None:
    """init lists its choices without importing the models at start-up; they must not drift."""
    from platform_advisor.cli import init
    from platform_advisor.models import common

    assert get_args(common.Sector) == init.SECTORS
    assert get_args(common.SkillLevel) == init.SKILLS
    assert get_args(common.RiskTolerance) == init.RISKS
    assert get_args(common.Ownership) == init.OWNERSHIP
    assert get_args(common.Compliance) == init.COMPLIANCE
    assert set(SECTOR_WORDS.values()) <= set(init.SECTORS)


def test_init_shows_the_functions_it_derived_and_takes_edits(tmp_path: Path) -> None:
    answers = [*ANSWERS[:10], "-crm, +inventory", *ANSWERS[11:]]
    result = run_cli("init", tmp_path / "cafe.yaml", input=typed(answers))
    assert result.exit_code == 0, result
    shown = result.stderr.split("the advisor would fill these functions:")[1]
    assert "crm              from goal customer_engagement" in shown.split("Functions to fill")[0]
    assert "sector hospitality" in shown.split("Functions to fill")[0]
    profile, _ = load_model(Profile, tmp_path / "cafe.yaml")
    assert "crm" not in profile.needs and profile.needs[-1] == "inventory"


def test_functions_kept_as_derived_leave_needs_to_the_goals(tmp_path: Path) -> None:
    result = run_cli("init", tmp_path / "cafe.yaml", input=typed(ANSWERS))
    assert result.exit_code == 0, result
    assert load_model(Profile, tmp_path / "cafe.yaml")[0].needs == ()


def test_every_platform_the_catalog_lacks_is_listed_at_once_and_can_be_kept(
    tmp_path: Path,
) -> None:
    answers = [*ANSWERS[:12], "Square, Frobnicator 3000, Sqare", "y", *ANSWERS[13:]]
    result = run_cli("init", tmp_path / "cafe.yaml", input=typed(answers))
    assert result.exit_code == 0, result
    assert (
        "Not in the catalog: 'Frobnicator 3000'; 'Sqare' (did you mean 'square'?)." in result.stderr
    )
    assert result.stderr.count("Platforms already in use") == 1  # one answer, not three
    profile, _ = load_model(Profile, tmp_path / "cafe.yaml")
    assert profile.existing_platforms == ("square",)
    assert [tool.name for tool in profile.other_tools] == ["Frobnicator 3000", "Sqare"]


def test_platforms_the_catalog_lacks_in_an_answers_file(
    tmp_path: Path, write_yaml: WriteYaml
) -> None:
    flags = ["--non-interactive", "--name", "A", "--sector", "retail", "--employees", "0",
             "--country", "AU", "--budget", "0", "--goals", "increase_sales"]  # fmt: skip
    kept = write_yaml("kept.yaml", "existing: [Square, Frobnicator 3000]\n")
    result = run_cli("init", tmp_path / "p.yaml", "--answers", kept, *flags)
    assert result.exit_code == 0, result
    assert "'Frobnicator 3000' is not in the catalog: kept as a tool in use" in result.stderr
    profile, _ = load_model(Profile, tmp_path / "p.yaml")
    assert [tool.name for tool in profile.other_tools] == ["Frobnicator 3000"]
    assert profile.business.employees == 0
    typo = write_yaml("typo.yaml", "existing: [Sqare, Xeroo]\n")
    refused = run_cli("init", tmp_path / "q.yaml", "--answers", typo, *flags)
    assert refused.exit_code == 1, refused
    assert "not in the catalog: 'Sqare' (did you mean 'square'?); 'Xeroo'" in refused.stderr


@pytest.mark.parametrize(
    ("country", "budget", "expected"),
    [
        ("Australia", "400 AUD", ("AU", "AUD", 400)),
        ("united kingdom", "£1,250.50", ("GB", "GBP", 1250.5)),
        ("Deutschland", "€1.200,50", ("DE", "EUR", 1200.5)),
        ("nz", "NZD 90", ("NZ", "NZD", 90)),
    ],
)
def test_countries_by_name_and_amounts_with_their_currency(
    tmp_path: Path, country: str, budget: str, expected: tuple[str, str, float]
) -> None:
    target = tmp_path / "p.yaml"
    result = run_cli(
        "init", target, "--non-interactive", "--name", "Studio", "--sector", "services",
        "--employees", "4", "--country", country, "--budget", budget, "--goals", "take_bookings",
    )  # fmt: skip
    assert result.exit_code == 0, result
    business = load_model(Profile, target)[0]
    assert (business.business.country, business.business.currency, business.budget.monthly) == (
        expected
    )


def test_an_amount_in_another_currency_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(
        "init", tmp_path / "p.yaml", "--non-interactive", "--name", "A", "--sector", "retail",
        "--employees", "1", "--country", "AU", "--budget", "400 EUR", "--goals", "increase_sales",
    )  # fmt: skip
    assert result.exit_code == 2, result
    said = " ".join(result.stderr.replace("│", "").split())
    assert "'400 EUR' is in EUR, but every amount of this profile is in AUD" in said


def test_an_empty_answer_takes_the_default_or_is_told_it_needs_one(tmp_path: Path) -> None:
    answers = ["", *ANSWERS]  # Enter at the name, which has no default: asked again
    result = run_cli("init", tmp_path / "cafe.yaml", input=typed(answers))
    assert result.exit_code == 0, result
    assert "Error: this needs an answer (Ctrl-C stops, writing nothing)" in result.stderr
    assert "[]" not in result.stderr  # no empty default shown
    assert "Employees (people paid to work in the business; 0 if volunteers run it) [1]:" in (
        result.stderr
    )


def test_an_organisation_without_staff_is_asked_for_its_volunteers(tmp_path: Path) -> None:
    answers = ["Harbour Rowing Club", "nonprofit", "0", "12", *ANSWERS[3:]]
    result = run_cli("init", tmp_path / "club.yaml", input=typed(answers))
    assert result.exit_code == 0, result
    business = load_model(Profile, tmp_path / "club.yaml")[0].business
    assert (business.sector, business.employees, business.volunteers) == ("nonprofit", 0, 12)
    staffed = run_cli("init", tmp_path / "cafe.yaml", input=typed(ANSWERS))
    assert "Volunteers" not in staffed.stderr
