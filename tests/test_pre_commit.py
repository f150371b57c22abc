"""The contributors' pre-commit configuration, and the hook that catalog maintainers run
from their own repositories."""

from __future__ import annotations

import importlib
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from platform_advisor import __version__
from tests.conftest import REPOSITORY

CONFIG = REPOSITORY / ".pre-commit-config.yaml"
MANIFEST = REPOSITORY / ".pre-commit-hooks.yaml"
CATALOG_GUIDE = REPOSITORY / "docs" / "catalog-guide.md"
PYPROJECT: dict[str, Any] = tomllib.loads((REPOSITORY / "pyproject.toml").read_text("utf-8"))
#: Where the project's own tools are: the environment running the tests.
BIN = Path(sys.executable).parent

SHOP = """\
platforms:
  - id: harbour-shop
    name: Harbour Shop
    vendor: Harbour Software Ltd
    url: https://shop.example.com
    functions: [ecommerce]
    ownership: proprietary
    deployment: [saas]
    pricing:
      model: subscription
      tiers:
        - {name: Basic, monthly_usd: 25}
      as_of: "2026-06"
      source: https://shop.example.com/pricing
    ratings: {ease_of_use: 4, integrations: 3, automation: 3, customization: 2,
              scalability: 3, data_portability: 3, security: 3, support: 3, reach: 1}
    skill_required: basic
    integrates_with:
      native: [harbour-books, xero]
    last_reviewed: "2026-11-01"
"""
#: A second file that links back: neither file passes without the other.
BOOKS = (
    SHOP.replace("harbour-shop", "harbour-books")
    .replace("Harbour Shop", "Harbour Books")
    .replace("[ecommerce]", "[accounting]")
    .replace("[harbour-books, xero]", "[harbour-shop]")
)


def clientlib() -> Any:
    """pre-commit's own schema of its files (pre-commit ships no type information)."""
    return importlib.import_module("pre_commit.clientlib")


def sample_hook() -> dict[str, Any]:
    (hook,) = yaml.safe_load(MANIFEST.read_text("utf-8"))
    assert isinstance(hook, dict)
    return hook


def run_hook(hook: dict[str, Any], repository: Path) -> subprocess.CompletedProcess[str]:
    """The hook's command as pre-commit runs it, in the maintainer's repository: entry,
    then args, and no file names (pass_filenames is false)."""
    program, *rest = shlex.split(hook["entry"])
    command = [str(BIN / program), *rest, *hook.get("args", [])]
    return subprocess.run(
        command,
        cwd=repository,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


# pre-commit's schema ---------------------------------------------------------------------


def test_the_contributor_config_follows_pre_commits_schema() -> None:
    config = clientlib().load_config(str(CONFIG))
    (repository,) = config["repos"]
    assert repository["repo"] == "local"
    names = [hook["id"] for hook in repository["hooks"]]
    assert names == ["ruff-check", "ruff-format", "mypy", "catalog-validate"]


def test_the_sample_hook_follows_pre_commits_manifest_schema() -> None:
    (hook,) = clientlib().load_manifest(str(MANIFEST))
    assert hook["id"] == "advisor-catalog-validate"
    assert hook["language"] == "python"


def test_the_schema_check_refuses_a_hook_without_an_entry(tmp_path: Path) -> None:
    """The two checks above can fail: pre-commit refuses a manifest it could not run."""
    broken = tmp_path / ".pre-commit-hooks.yaml"
    text = MANIFEST.read_text("utf-8")
    broken.write_text(re.sub(r"\n *entry:.*", "", text), encoding="utf-8")
    lib = clientlib()
    with pytest.raises(lib.InvalidManifestError, match="entry"):
        lib.load_manifest(str(broken))


# The contributors' hooks ------------------------------------------------------------------


def test_every_contributor_hook_runs_a_tool_of_the_project_environment() -> None:
    config = yaml.safe_load(CONFIG.read_text("utf-8"))
    for hook in config["repos"][0]["hooks"]:
        program = shlex.split(hook["entry"])[0]
        assert program.startswith(".venv/bin/"), hook["id"]
        assert (BIN / Path(program).name).is_file(), hook["id"]
        assert hook["language"] == "system", hook["id"]


# The sample hook for catalog maintainers ------------------------------------------------


def test_the_sample_hook_runs_the_advisor_command() -> None:
    hook = sample_hook()
    assert shlex.split(hook["entry"])[0] == "advisor"
    assert "advisor" in PYPROJECT["project"]["scripts"]
    assert hook["pass_filenames"] is False


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("catalogs/shop.yaml", True),
        ("catalogs/retail/books.yml", True),
        ("catalogs/README.md", False),
        ("docs/catalogs/shop.yaml", False),
        ("shop.yaml", False),
    ],
)
def test_the_sample_hook_runs_when_a_catalog_file_changes(path: str, matched: bool) -> None:
    assert bool(re.search(sample_hook()["files"], path)) is matched


def test_the_sample_hook_passes_a_good_catalog_folder(tmp_path: Path) -> None:
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "shop.yaml").write_text(SHOP, encoding="utf-8")
    (tmp_path / "catalogs" / "books.yaml").write_text(BOOKS, encoding="utf-8")
    checked = run_hook(sample_hook(), tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok: ")


def test_the_sample_hook_fails_a_bad_catalog_file_and_says_where(tmp_path: Path) -> None:
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "shop.yaml").write_text(SHOP, encoding="utf-8")
    bad = BOOKS.replace("ease_of_use: 4", "ease_of_use: 7")
    (tmp_path / "catalogs" / "books.yaml").write_text(bad, encoding="utf-8")
    checked = run_hook(sample_hook(), tmp_path)
    assert checked.returncode == 1, checked.stdout
    expected = (
        "catalogs/books.yaml:15:28: platforms[0].ratings.ease_of_use: must be at most 5 (got 7)"
    )
    assert expected in checked.stderr


def test_the_sample_hook_checks_the_folder_not_only_the_changed_file(tmp_path: Path) -> None:
    """Why pass_filenames is false: a changed file alone fails on its links to the others."""
    (tmp_path / "catalogs").mkdir()
    (tmp_path / "catalogs" / "shop.yaml").write_text(SHOP, encoding="utf-8")
    (tmp_path / "catalogs" / "books.yaml").write_text(BOOKS, encoding="utf-8")
    alone = run_hook({**sample_hook(), "args": ["catalogs/shop.yaml"]}, tmp_path)
    assert alone.returncode == 1
    assert "unknown platform 'harbour-books'" in alone.stderr


# The documented configuration -------------------------------------------------------------


def documented_configs() -> list[dict[str, Any]]:
    """The YAML blocks of the catalog guide that configure the sample hook."""
    blocks = re.findall(r"```yaml\n(.*?)```", CATALOG_GUIDE.read_text("utf-8"), re.DOTALL)
    return [yaml.safe_load(block) for block in blocks if "advisor-catalog-validate" in block]


def test_the_catalog_guide_shows_a_valid_config_for_this_version(tmp_path: Path) -> None:
    configs = documented_configs()
    assert configs, "the catalog guide shows no configuration of the sample hook"
    for config in configs:
        written = tmp_path / "config.yaml"
        written.write_text(yaml.safe_dump(config), encoding="utf-8")
        (repository,) = clientlib().load_config(str(written))["repos"]
        assert repository["rev"] == f"v{__version__}"
        assert [hook["id"] for hook in repository["hooks"]] == [sample_hook()["id"]]
