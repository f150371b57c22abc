"""advisor diff: what changed between two runs of one profile, and why."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import html5lib  # type: ignore[import-untyped]
import pytest

from tests.conftest import MINI_CATALOG, MINI_CRITERIA, REPOSITORY, SHOP_PROFILE, run_cli


def scored(folder: Path, name: str, profile: Path, catalog: Path = MINI_CATALOG) -> Path:
    """Score a profile against a catalog folder, as JSON into folder/name."""
    target = folder / name
    result = run_cli(
        "score", profile, "--no-default-catalog", "--catalog", catalog,
        "--criteria", MINI_CRITERIA, "--format", "json", "--output", target,
        "--as-of", "2026-11-23", "--robustness", "off",
    )  # fmt: skip
    assert result.exit_code == 0, result
    return target


def edited(source: Path, target: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    target.write_text(text.replace(old, new), encoding="utf-8")
    return target


@pytest.fixture
def before(tmp_path: Path) -> Path:
    return scored(tmp_path, "old.json", SHOP_PROFILE)


def test_two_runs_of_the_same_inputs_differ_in_nothing(tmp_path: Path, before: Path) -> None:
    again = scored(tmp_path, "new.json", SHOP_PROFILE)
    result = run_cli("diff", before, again)
    assert result.exit_code == 0, result
    assert "The stack is unchanged." in result.stdout
    assert "The inputs the results record are the same." in result.stdout
    assert "No candidate near the top of a ranking moved." in result.stdout


def test_a_profile_change_is_named_with_what_it_changed(tmp_path: Path, before: Path) -> None:
    profile = edited(
        SHOP_PROFILE,
        tmp_path / "shop.yaml",
        "existing_platforms: [picgram]",
        "existing_platforms: []",
    )
    after = scored(tmp_path, "new.json", profile)
    changes = json.loads(run_cli("diff", before, after, "--format", "json").stdout)
    assert changes["causes"] == [{"kind": "profile", "detail": "platforms in use: picgram → none"}]
    assert [(c["label"], c["before"], c["after"]) for c in changes["stack"]] == [
        ("Social media", "Picgram", "FediSocial")
    ]
    old_stack = {i["function"]: i["name"] for i in json.loads(before.read_text())["stack"]}
    for change in changes["stack"]:
        assert change["before"] == old_stack.get(change["function"])


def test_a_catalog_price_change_explains_a_changed_stack(tmp_path: Path, before: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI_CATALOG, catalog)
    platforms = catalog / "platforms.yaml"
    free = (
        'tiers: [{name: Free, monthly_usd: 0}]\n      as_of: "2025-06"\n'
        "      source: https://picgram.example/business"
    )
    edited(platforms, platforms, free, free.replace("monthly_usd: 0", "monthly_usd: 150"))
    after = scored(tmp_path, "new.json", SHOP_PROFILE, catalog)
    changes = json.loads(run_cli("diff", before, after, "--format", "json").stdout)
    assert [(c["before"], c["after"]) for c in changes["stack"]] == [("Picgram", "FediSocial")]
    assert [c["kind"] for c in changes["causes"]] == ["catalog"]
    assert changes["causes"][0]["detail"].startswith("Picgram's price: US$0/month as of 2025-06")
    assert changes["summary"][0].startswith("The stack changed: ")


def test_every_format_says_the_same(tmp_path: Path, before: Path) -> None:
    profile = edited(
        SHOP_PROFILE, tmp_path / "shop.yaml", "risk_tolerance: low", "risk_tolerance: high"
    )
    after = scored(tmp_path, "new.json", profile)
    markdown = run_cli("diff", before, after, "--format", "markdown").stdout
    assert markdown.startswith("# What changed for Test Shop")
    terminal = run_cli("diff", before, after).stdout
    assert terminal.startswith("What changed for Test Shop\n")
    assert "\nWhy\n• Profile: risk tolerance: low → high" in terminal
    page = run_cli("diff", before, after, "--format", "html").stdout
    html5lib.HTMLParser(strict=True).parse(page)
    assert "<h2>Why</h2>" in page and "risk tolerance: low → high" in page


def test_results_of_two_businesses_are_not_compared(tmp_path: Path, before: Path) -> None:
    other = edited(SHOP_PROFILE, tmp_path / "other.yaml", "name: Test Shop", "name: Other Shop")
    after = scored(tmp_path, "other.json", other)
    result = run_cli("diff", before, after)
    assert result.exit_code == 1 and result.stdout == ""
    assert "is for 'Test Shop'" in result.stderr and "compare two runs of the same profile" in (
        result.stderr
    )


def test_a_result_of_another_schema_version_is_refused(tmp_path: Path, before: Path) -> None:
    older = tmp_path / "older.json"
    edited(before, older, '"schema_version": "2.1"', '"schema_version": "1.1"')
    result = run_cli("diff", older, before)
    assert result.exit_code == 1 and result.stdout == ""
    assert (
        "older.json: written with result schema 1.1, and this advisor reads 2.1 (and 2.0, 1.2)"
        in " ".join(result.stderr.split())
    )


def test_a_result_of_the_previous_minor_version_compares(tmp_path: Path, before: Path) -> None:
    """A 2.0 result has no ecosystem section; it is read as 2.1 with none."""
    older = tmp_path / "older.json"
    text = before.read_text(encoding="utf-8").replace(
        '"schema_version": "2.1"', '"schema_version": "2.0"'
    )
    data = json.loads(text)
    data.pop("ecosystem")
    older.write_text(json.dumps(data), encoding="utf-8")
    result = run_cli("diff", older, before, "--format", "json")
    assert result.exit_code == 0, result
    assert json.loads(result.stdout)["stack"] == []


def test_a_result_from_before_currencies_is_read_in_us_dollars() -> None:
    """A 1.2 result (every amount in US dollars, in fields named _usd) compares with a run
    of today: its amounts keep their values, now labelled as dollars."""
    older = REPOSITORY / "tests" / "fixtures" / "result-1.2.json"
    result = run_cli("diff", older, older, "--format", "json")
    assert result.exit_code == 0, result
    changes = json.loads(result.stdout)
    assert changes["stack"] == [] and changes["causes"] == []
    old = json.loads(older.read_text(encoding="utf-8"))
    assert changes["currency"] == "USD"
    assert old["cost"]["monthly_total_usd"] > 0


def test_a_file_that_is_not_json_is_located(tmp_path: Path, before: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "2.0",\n  "stack": [,]\n}', encoding="utf-8")
    result = run_cli("diff", broken, before)
    assert result.exit_code == 1 and result.stdout == ""
    assert "broken.json:2:13: not JSON: Expecting value" in result.stderr


def test_a_report_that_is_no_result_is_refused(tmp_path: Path, before: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text('{"name": "not a result"}', encoding="utf-8")
    result = run_cli("diff", other, before)
    assert result.exit_code == 1
    assert "other.json: not a result of advisor score --format json" in result.stderr


def test_the_terminal_gets_tables_not_markdown(tmp_path: Path, before: Path) -> None:
    """`diff` on a terminal (or piped without --format) is the Rich view, like `score`."""
    profile = edited(
        SHOP_PROFILE,
        tmp_path / "shop.yaml",
        "existing_platforms: [picgram]",
        "existing_platforms: []",
    )
    after = scored(tmp_path, "new.json", profile)
    for width in ("80", "120"):
        shown = run_cli("diff", before, after, env={"COLUMNS": width}).stdout
        lines = shown.splitlines()
        assert not [line for line in lines if line.startswith("#") or "| " in line], shown
        assert max(map(len, lines)) <= int(width), shown
        stack = lines.index("The stack")
        assert lines[stack + 1].split() == ["Function", "Before", "Now"]
        assert lines[stack + 2].split() == ["Social", "media", "Picgram", "FediSocial"]
    written = tmp_path / "changes.txt"
    assert run_cli("diff", before, after, "--format", "terminal", "-o", written).exit_code == 0
    assert written.read_text(encoding="utf-8").startswith("What changed for Test Shop\n")
