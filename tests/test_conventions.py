"""Everyday conventions: catalog and criteria from the environment, the user's own
catalog folder added to the built-in one."""

from __future__ import annotations

import os

from platform_advisor.resources import user_catalog_dir
from tests.conftest import MINI_CATALOG, MINI_CRITERIA, SHOP_PROFILE, WriteYaml, run_cli
from tests.test_model_errors import PLATFORM


def test_the_catalog_and_criteria_can_come_from_the_environment() -> None:
    with_flags = run_cli(
        "score", SHOP_PROFILE, "--no-default-catalog", "--catalog", MINI_CATALOG,
        "--criteria", MINI_CRITERIA, "--robustness", "off",
    )  # fmt: skip
    environment = {"ADVISOR_CATALOG": str(MINI_CATALOG), "ADVISOR_CRITERIA": str(MINI_CRITERIA)}
    from_environment = run_cli(
        "score", SHOP_PROFILE, "--no-default-catalog", "--robustness", "off", env=environment
    )
    assert from_environment.exit_code == 0, from_environment
    assert from_environment.stdout == with_flags.stdout


def test_several_catalogs_in_the_environment_are_separated_like_path(
    write_yaml: WriteYaml,
) -> None:
    extra = write_yaml("extra/acme.yaml", PLATFORM)
    environment = {"ADVISOR_CATALOG": os.pathsep.join([str(MINI_CATALOG), str(extra)])}
    shown = run_cli("catalog", "show", "acme", "--no-default-catalog", env=environment)
    assert shown.exit_code == 0, shown
    assert "Acme" in shown.stdout


def test_the_users_own_catalog_folder_joins_the_built_in_catalog() -> None:
    folder = user_catalog_dir()
    assert not folder.exists(), "the tests give every run an empty data folder"
    missing = run_cli("catalog", "show", "acme")
    assert missing.exit_code == 1
    folder.mkdir(parents=True)
    (folder / "acme.yaml").write_text(PLATFORM, encoding="utf-8")
    shown = run_cli("catalog", "show", "acme")
    assert shown.exit_code == 0, shown
    assert "Acme" in shown.stdout
    alone = run_cli("catalog", "show", "acme", "--no-default-catalog", "--catalog", MINI_CATALOG)
    assert alone.exit_code == 1, "without the built-in catalog, the user's folder stays out"
