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
        "France",  # not a code: asked again
        *ANSWERS[3:11],
        "Sqare",  # no such platform: asked again
        *ANSWERS[11:12],
        "9000",  # a value without a count: asked again
        *ANSWERS[12:],
    ]
    result = run_cli("init", tmp_path / "cafe.yaml", input=typed(answers))
    assert result.exit_code == 0, result
    assert "'hospitallity' is not one of retail, services, hospitality" in result.stderr
    assert "(did you mean 'hospitality'?)" in result.stderr
    assert "; for restaurant, choose hospitality" in result.stderr
    assert "must be a two-letter country code such as GB (got 'France')" in result.stderr
    assert "no platform 'Sqare' in the catalog (did you mean 'square'?)" in result.stderr
    assert "leave it out, or add it to your own catalog first" in result.stderr
    assert "give their value and how many, e.g. '9000 1800' (got '9000')" in result.stderr


def test_answers_are_read_as_ids_and_amounts_as_digits(tmp_path: Path) -> None:
    answers = [
        *ANSWERS[:6],
        "£300",  # asked again: the currency is asked once, before
        *ANSWERS[6:9],
        "Increase sales, customer-engagement",
        *ANSWERS[10:],
    ]
    result = run_cli("init", tmp_path / "cafe.yaml", input=typed(answers))
    assert result.exit_code == 0, result
    assert (
        "must be an amount in digits, in the profile's currency, e.g. 2500 (got '£300')"
        in result.stderr
    )
    profile, _ = load_model(Profile, tmp_path / "cafe.yaml")
    assert profile.goals == ("increase_sales", "customer_engagement")


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
    assert "answers.yaml: country: must be a two-letter country code" in result.stderr
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
