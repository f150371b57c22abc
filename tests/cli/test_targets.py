"""No answers lost: every command that asks questions checks where it will write before
the first question (the folder, its permissions, an existing file)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from platform_advisor.loading.catalogs import load_catalog
from tests.cli.test_init import ANSWERS, typed
from tests.conftest import Run, as_nobody, run_cli

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: Every answer `catalog add` asks for a new platform, Enter for the defaults.
PLATFORM_ANSWERS = [
    "PayFit", "", "PayFit SAS", "https://payfit.com", "payroll", "proprietary", "", "",
    "subscription", "Pro", "99", "", "", "", "", "", "", "https://payfit.com/pricing",
    *["3"] * 9,
    "", "", "", "", "", "", "", "",
]  # fmt: skip
FIRST_QUESTION = "Name of the product"


def test_catalog_add_offers_a_missing_folder_before_the_first_question(tmp_path: Path) -> None:
    """The README's `advisor catalog add --to my-platforms/`, in a folder without it."""
    target = tmp_path / "my-platforms"
    result = run_cli(
        "catalog", "add", "--to", f"{target}/", "-i", input=typed(["y", *PLATFORM_ANSWERS])
    )
    assert result.exit_code == 0, result
    assert result.stderr.index("Make it for the new platform?") < result.stderr.index(
        FIRST_QUESTION
    )
    added = load_catalog([target]).catalog
    assert added.platforms["payfit"].vendor == "PayFit SAS"
    assert (target / "platforms.yaml").is_file()


def test_a_folder_refused_asks_nothing_and_makes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "my-platforms"
    result = run_cli("catalog", "add", "--to", target, "-i", input=typed(["n", *PLATFORM_ANSWERS]))
    assert result.exit_code == 1, result
    assert f"{target}: no such folder; nothing was asked or written" in result.stderr
    assert FIRST_QUESTION not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_stopping_half_way_makes_no_folder(tmp_path: Path) -> None:
    target = tmp_path / "my-platforms"
    result = run_cli("catalog", "add", "--to", target, "-i", input=typed(["y", "PayFit"]))
    assert result.exit_code != 0
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_without_a_terminal_is_refused_at_once(tmp_path: Path) -> None:
    target = tmp_path / "my-platforms"
    result = run_cli(
        "catalog", "add", "--to", target, "--from", _entry_file(tmp_path), "--no-default-catalog"
    )
    assert result.exit_code == 1, result
    assert f"{target}: no such folder; make it first (mkdir {target})" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("nowhere/new.yaml", "the folder {tmp}/nowhere does not exist"),
        ("nowhere/deeper/", "no such folder, and no folder {tmp}/nowhere to make it in"),
        ("notes.txt", "not a folder, nor a file ending in .yaml or .yml"),
    ],
)
def test_a_target_that_cannot_take_the_entry_is_refused_before_any_question(
    tmp_path: Path, name: str, message: str
) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    result = run_cli("catalog", "add", "--to", tmp_path / name, "-i", input=typed(PLATFORM_ANSWERS))
    assert result.exit_code == 1, result
    assert message.format(tmp=tmp_path) in result.stderr
    assert FIRST_QUESTION not in result.stderr


@pytest.mark.skipif(not hasattr(os, "fork"), reason="drops privileges in a forked child")
@pytest.mark.parametrize(
    "command",
    [
        ("catalog", "add", "--to", "{folder}", "-i"),
        ("init", "{folder}/profile.yaml"),
        ("weights", "{folder}/mine.yaml", "-i", "--extends", "balanced"),
    ],
    ids=["catalog-add", "init", "weights"],
)
def test_a_folder_that_cannot_be_written_is_refused_before_any_question(
    shared_tmp: Path, command: tuple[str, ...]
) -> None:
    folder = shared_tmp / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    args = [part.format(folder=folder) for part in command]
    answers = typed(["y", *PLATFORM_ANSWERS, *ANSWERS])
    env = {"ADVISOR_NO_CACHE": "1", "XDG_DATA_HOME": str(shared_tmp / ".no-data")}

    def run() -> Run:
        return run_cli(*args, input=answers, env=env)

    result = as_nobody(run) if IS_ROOT else run()
    assert result.exit_code == 1, result
    assert f"cannot write in the folder {folder} (permission denied)" in result.stderr
    assert "?" not in result.stderr.split("error:")[0], result.stderr  # no question asked
    assert list(folder.iterdir()) == []


def _entry_file(folder: Path) -> Path:
    entry = folder / "payfit.yaml"
    entry.write_text(
        """\
id: payfit
name: PayFit
vendor: PayFit SAS
url: https://payfit.com
functions: [payroll]
ownership: proprietary
deployment: [saas]
skill_required: basic
pricing: {model: subscription, tiers: [{name: Pro, monthly_usd: 99}], as_of: 2026-01,
  source: https://payfit.com/pricing}
ratings: {ease_of_use: 3, integrations: 3, automation: 3, customization: 3, scalability: 3,
  data_portability: 3, security: 3, support: 3, reach: 3}
""",
        encoding="utf-8",
    )
    return entry


def test_catalog_add_reads_prices_and_fees_as_people_write_them(tmp_path: Path) -> None:
    answers = list(PLATFORM_ANSWERS)
    answers[10], answers[13], answers[14] = "$1,250.50", "2.75%", "0.30 USD"
    result = run_cli("catalog", "add", "--to", tmp_path, "-i", input=typed(answers))
    assert result.exit_code == 0, result
    tier = load_catalog([tmp_path]).catalog.platforms["payfit"].pricing.tiers[0]
    assert (tier.monthly_usd, tier.transaction_fee_pct, tier.transaction_fee_usd) == (
        1250.5,
        2.75,
        0.3,
    )
