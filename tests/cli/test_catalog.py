"""Browsing and checking the catalog: list, show, stale, and validate's maintainer checks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINI_CATALOG, run_cli

MINI = ("--no-default-catalog", "--catalog", str(MINI_CATALOG))


def mini_copy(tmp_path: Path, old: str = "", new: str = "") -> Path:
    """The mini catalog in a folder of its own, with one text replaced."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI_CATALOG, folder)
    platforms = folder / "platforms.yaml"
    text = platforms.read_text(encoding="utf-8")
    assert old in text
    platforms.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_list_filters_by_function_and_ownership() -> None:
    result = run_cli("catalog", "list", *MINI, "--function", "ecommerce")
    assert result.exit_code == 0, result
    ids = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert ids == ["megamall", "opencart-x", "shopwise"]
    assert result.stderr == "3 platforms\n"
    result = run_cli("catalog", "list", *MINI, "--ownership", "open_source", "-f", "json")
    assert [p["id"] for p in json.loads(result.stdout)] == ["fedisocial", "opencart-x"]


def test_list_shows_the_starting_price_with_fees() -> None:
    result = run_cli("catalog", "list", *MINI, "--function", "ecommerce")
    shopwise = next(line for line in result.stdout.splitlines() if line.startswith("shopwise"))
    assert "30 USD/mo + 2% + 0.30 USD" in shopwise


def test_list_json_is_the_catalog_entries() -> None:
    result = run_cli("catalog", "list", *MINI, "-f", "json")
    entries = json.loads(result.stdout)
    assert len(entries) == 8
    assert entries[0]["pricing"]["source"].startswith("https://")


def test_list_names_a_mistyped_function() -> None:
    result = run_cli("catalog", "list", *MINI, "--function", "acounting")
    assert (result.exit_code, result.stdout) == (2, "")  # an unknown choice
    said = " ".join(result.stderr.replace("│", "").split())
    assert "no function 'acounting' in the catalog (did you mean 'accounting'?)" in said


@pytest.mark.parametrize("name", ["ledgerly", "Ledgerly", "LEDGERLY"])
def test_show_finds_a_platform_by_id_or_name(name: str) -> None:
    result = run_cli("catalog", "show", *MINI, name)
    assert result.exit_code == 0, result
    assert result.stdout.startswith("Ledgerly (ledgerly) by ")
    assert "Integrations (3)" in result.stdout
    assert "Native: ShopWise" in result.stdout


def test_show_json_carries_links_recorded_on_either_side() -> None:
    result = run_cli("catalog", "show", *MINI, "ledgerly", "-f", "json")
    shown = json.loads(result.stdout)
    assert shown["links"] == {"opencart-x": "api", "shopwise": "native", "tinycrm": "ipaas"}


def test_show_suggests_the_nearest_name() -> None:
    result = run_cli("catalog", "show", *MINI, "ledgerli")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr == "error: no platform 'ledgerli' in the catalog (did you mean 'ledgerly'?)\n"
    )


def test_stale_lists_old_entries_oldest_first() -> None:
    args = ("--as-of", "2026-07-01", "--older-than", "14m", "-f", "json")
    result = run_cli("catalog", "stale", *MINI, *args)
    assert result.exit_code == 0, result
    stale = json.loads(result.stdout)
    assert [s["id"] for s in stale] == ["opencart-x", "tinycrm"]
    assert stale[0] == {
        "id": "opencart-x",
        "price_as_of": "2024-01",
        "last_reviewed": "2026-11-01",
        "age_months": 30,
        "source": "https://opencartx.example/download",
    }


@pytest.mark.parametrize(
    ("age", "months", "count"), [("12m", 12, 7), ("18 months", 18, 1), ("2y", 24, 1), ("36", 36, 0)]
)
def test_stale_threshold_reads_months_and_years(age: str, months: int, count: int) -> None:
    result = run_cli("catalog", "stale", *MINI, "--as-of", "2026-07-01", "--older-than", age)
    assert result.exit_code == 0, result
    assert (
        result.stderr == f"{count} of 8 platforms need re-checking (older than {months} months)\n"
    )


def test_stale_refuses_a_duration_it_cannot_read() -> None:
    result = run_cli("catalog", "stale", *MINI, "--older-than", "a while")
    assert result.exit_code == 2
    assert "'a while' is not a duration; write it like 12m or 2y" in result.stderr


def validate(folder: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("catalog", "validate", "--no-default-catalog", folder, *args)
    return result.exit_code, result.stdout, result.stderr


def test_validate_reports_a_link_recorded_on_one_side(tmp_path: Path) -> None:
    folder = mini_copy(tmp_path, "{native: [shopwise], ipaas: [tinycrm], api: [opencart-x]}",
                       "{native: [shopwise], ipaas: [tinycrm]}")  # fmt: skip
    code, stdout, stderr = validate(folder, "--as-of", "2025-07-01")
    assert (code, stdout) == (1, "")
    assert stderr == (
        f"error: {folder}/platforms.yaml:37:29: platforms[1].integrates_with.api[0]: links to "
        "'ledgerly', which does not link back (add 'opencart-x' to integrates_with.api of "
        "'ledgerly')\n"
    )


def test_validate_reports_a_link_of_two_kinds(tmp_path: Path) -> None:
    folder = mini_copy(tmp_path, "ipaas: [tinycrm], api: [opencart-x]",
                       "ipaas: [tinycrm, opencart-x]")  # fmt: skip
    code, _, stderr = validate(folder, "--as-of", "2025-07-01")
    assert code == 1
    assert "links to 'ledgerly' as api, but 'ledgerly' records the link as ipaas" in stderr
    assert "links to 'opencart-x' as ipaas, but 'opencart-x' records the link as api" in stderr


def test_validate_reports_a_name_two_platforms_answer_to(tmp_path: Path) -> None:
    folder = mini_copy(tmp_path, "name: Ledgerly", "name: Ledgerly\n    aliases: [ShopWise]")
    code, _, stderr = validate(folder, "--as-of", "2025-07-01")
    assert code == 1
    assert "platforms[3].aliases[0]: 'ShopWise' already names platform 'shopwise'" in stderr


def test_a_user_file_may_link_to_a_built_in_platform_without_editing_it(tmp_path: Path) -> None:
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    entry = text[text.index("  - id: tinycrm") :]
    entry = entry.replace("id: tinycrm", "id: mycrm").replace("name: TinyCRM", "name: My CRM")
    mine = tmp_path / "mine.yaml"
    mine.write_text("platforms:\n" + entry.replace("[ledgerly]", "[xero]"), encoding="utf-8")
    result = run_cli("catalog", "validate", mine, "--as-of", "2025-07-01")
    assert result.exit_code == 0, result


def test_validating_your_own_files_warns_of_your_old_prices_only(tmp_path: Path) -> None:
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    entry = text[text.index("  - id: tinycrm") :].replace("[ledgerly]", "[xero]")
    entry = entry.replace("id: tinycrm", "id: mycrm").replace("name: TinyCRM", "name: My CRM")
    mine = tmp_path / "mine.yaml"
    mine.write_text("platforms:\n" + entry, encoding="utf-8")
    everything = run_cli("catalog", "validate", "--as-of", "2030-01-01")
    assert everything.stdout.endswith(" warnings\n"), "the built-in prices are old by then"
    result = run_cli("catalog", "validate", mine, "--as-of", "2030-01-01")
    assert result.exit_code == 0, result
    assert result.stdout.endswith("; 3 warnings\n"), result  # two old prices, no regions
    first = result.stderr.splitlines()[0]
    assert "mine.yaml:" in first and "warning: platforms[0].pricing.as_of" in first, result
    assert "warning: platforms[0].regions: no regions" in result.stderr, result
    assert "catalogs/" not in result.stderr


def test_validate_warns_of_old_prices_and_still_passes() -> None:
    code, stdout, stderr = validate(MINI_CATALOG, "--as-of", "2026-01-01", "--stale-after", "18m")
    assert code == 0
    # One old price, the older form, and ten unchecked facts (regions, compliance, a home page)
    assert stdout.endswith("; 12 warnings\n")
    assert (
        "platforms.yaml:33:14: warning: platforms[1].pricing.as_of: price from 2024-01 is 24 months old (re-check https://opencartx.example/download and update as_of)"
        in stderr
    )


def test_the_shipped_catalog_passes_validate_with_no_errors() -> None:
    result = run_cli("catalog", "validate")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("ok: ")
    assert "error" not in result.stderr


def test_schema_can_be_written_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "catalog.schema.json"
    result = run_cli("schema", "catalog", "--output", target)
    assert result.exit_code == 0, result
    assert (
        json.loads(target.read_text(encoding="utf-8"))["title"] == "platform-advisor catalog file"
    )


def test_validate_warns_at_a_value_yaml_1_1_tools_read_otherwise(tmp_path: Path) -> None:
    """Norway's code, unquoted, is the string NO to us and false to PyYAML, yq and pre-commit."""
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "mini"
    shutil.copytree(MINI_CATALOG, folder)
    edited = text.replace("regions: [US]", "regions: [US, NO, 'SE', \"DK\"]")  # quoted: fine
    (folder / "platforms.yaml").write_text(edited, encoding="utf-8")
    code, stdout, stderr = validate(folder, "--stale-after", "100y")
    line = text[: text.index("regions: [US]")].count("\n") + 1
    column = edited.splitlines()[line - 1].index("NO") + 1
    assert code == 0 and stdout.endswith("; 12 warnings\n"), stderr  # ten unchecked facts
    assert stderr.splitlines()[0] == (
        f"{folder}/platforms.yaml:{line}:{column}: warning: 'NO' is text here, but a boolean to "
        "YAML 1.1 tools (PyYAML's safe_load, yq, pre-commit's check-yaml) (quote it: \"NO\")"
    )


@pytest.mark.parametrize("width", [80, 120])
def test_list_fits_the_width_and_loses_nothing(width: int) -> None:
    """The built-in catalog, whose longest rows pass 150 columns: folded, never cut."""
    result = run_cli("catalog", "list", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= width, result.stdout
    assert max(map(len, lines)) > width - 10  # it uses the width it has
    shown = {word.strip(",") for line in lines for word in line.split()}
    listed = json.loads(run_cli("catalog", "list", "-f", "json").stdout)
    functions = {function for entry in listed for function in entry["functions"]}
    assert functions <= shown


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


MINI_TEXT = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")


def test_validate_warns_of_a_price_read_on_a_home_page() -> None:
    """A home page states no price anyone can check again; a pricing page with a path does."""
    code, _, stderr = validate(MINI_CATALOG, "--stale-after", "100y")
    line = _line_of(MINI_TEXT, "source: https://fedisocial.example\n")
    assert code == 0, stderr
    assert (
        f"platforms.yaml:{line}:15: warning: platforms[6].pricing.source: "
        "https://fedisocial.example is a home page, not the page that states the price (give "
        "the address of the vendor's pricing or fee page)"
    ) in stderr
    assert "tinycrm.example/pricing is a home page" not in stderr


def test_validate_warns_of_a_compliance_claim_no_page_states(tmp_path: Path) -> None:
    code, _, stderr = validate(MINI_CATALOG, "--stale-after", "100y")
    line = _line_of(MINI_TEXT, "compliance: [gdpr, pci_dss]")
    assert code == 0, stderr
    assert (
        f"platforms.yaml:{line}:17: warning: platforms[0].compliance: claims gdpr, pci_dss with "
        "no page that states it (add compliance_source: the vendor's page for these claims, or "
        "drop them)"
    ) in stderr
    sourced = mini_copy(
        tmp_path,
        "compliance: [gdpr, pci_dss]",
        "compliance: [gdpr, pci_dss]\n    compliance_source: https://shopwise.example/trust",
    )
    assert "platforms[0].compliance" not in validate(sourced, "--stale-after", "100y")[2]


@pytest.mark.parametrize(
    ("tier", "warned"),
    [
        ("{name: Community, monthly_usd: 0, notes: 'Free for up to 3 users.'}", True),
        (
            "{name: Community, monthly_usd: 0, max_users: 3, notes: 'Free for up to 3 users.'}",
            False,
        ),
        ("{name: Community, monthly_usd: 0, notes: 'Free for any number of users.'}", False),
    ],
)
def test_validate_warns_of_a_limit_kept_only_in_a_note(
    tmp_path: Path, tier: str, warned: bool
) -> None:
    folder = mini_copy(tmp_path, "{name: Community, monthly_usd: 0}", tier)
    code, _, stderr = validate(folder, "--stale-after", "100y")
    assert code == 0, stderr
    warning = (
        "warning: platforms[1].pricing.tiers[0].notes: the note says 'up to 3 users', but the "
        "plan records no max_users (write the limit as max_users (or reword the note if it is "
        "not a limit of this plan))"
    )
    assert (warning in stderr) is warned, stderr


def test_validate_warns_of_an_empty_region_list_and_still_loads() -> None:
    """The older form is read as sold worldwide; the warning says nobody checked that."""
    code, stdout, stderr = validate(MINI_CATALOG, "--stale-after", "100y")
    line = _line_of(MINI_TEXT, "  - id: shopwise")
    assert code == 0 and stdout.startswith("ok: 8 platforms"), stderr
    assert (
        f"platforms.yaml:{line}:5: warning: platforms[0].regions: no regions: read as sold "
        "worldwide, which nobody has checked (list the ISO 3166-1 alpha-2 codes of the countries "
        "where it is sold, or [worldwide])"
    ) in stderr
    assert "platforms[2].regions" not in stderr  # megamall lists [US]
