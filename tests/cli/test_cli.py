"""The command line: exit codes, streams, formats and files, as a user meets them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from platform_advisor import __version__
from tests.conftest import MINI_CATALOG, MINI_CRITERIA, SHOP_PROFILE, WriteYaml, mini_args, run_cli


def test_version() -> None:
    result = run_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"advisor {__version__}\n"), result


def test_python_dash_m_runs_the_same_command() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "platform_advisor", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (completed.returncode, completed.stdout) == (0, f"advisor {__version__}\n")


def test_no_arguments_shows_help() -> None:
    result = run_cli()
    assert result.exit_code == 2, result
    assert "score" in result.stdout and "catalog" in result.stdout


def test_score_prints_the_recommendation() -> None:
    result = run_cli(*mini_args())
    assert result.exit_code == 0, result
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == "Platform advice for Test Shop"
    assert " Online store  ShopWise        " in result.stdout


def test_the_three_formats_agree() -> None:
    as_json = json.loads(run_cli(*mini_args(), "--format", "json").stdout)
    markdown = run_cli(*mini_args(), "--format", "markdown").stdout
    terminal = run_cli(*mini_args()).stdout
    assert as_json["schema_version"] == "2.1"
    for item in as_json["stack"]:
        ranked = [s["platform"] for s in as_json["rankings"][item["function"]]]
        assert item["platform"] in ranked
        row = f"| {item['name']} | {item['score']:.1f} |"
        assert row in markdown, row
        assert f"{item['name']}" in terminal and f"{item['score']:.1f}" in terminal
    assert {e["platform"]: e["reasons"] for e in as_json["excluded"]} == {
        "megamall": ["not sold in GB"]
    }


def test_json_goes_straight_to_stdout_unwrapped() -> None:
    result = run_cli(*mini_args(), "--format", "json", env={"COLUMNS": "20"})
    assert json.loads(result.stdout)["business"]["name"] == "Test Shop"


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = run_cli(*mini_args(), "--format", "markdown", "--output", target)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {target}\n"), result
    assert target.read_text(encoding="utf-8") == run_cli(*mini_args(), "-f", "markdown").stdout


def test_output_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "report.md"
    result = run_cli(*mini_args(), "--output", target)
    assert result.exit_code == 1, result
    assert result.stdout == ""
    assert result.stderr == (f"error: {target}: the folder {target.parent} does not exist\n")
    assert not target.parent.exists()


def test_output_onto_a_folder_fails_cleanly(tmp_path: Path) -> None:
    result = run_cli(*mini_args(), "--output", tmp_path)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert result.stderr == f"error: {tmp_path}: is a folder; give a file name\n"


@pytest.mark.parametrize(
    ("profile_text", "message"),
    [
        ("business: [", "invalid YAML"),
        ("business:\n  name: X\n", "missing required field 'sector'"),
        ("", "the file is empty"),
    ],
)
def test_bad_profiles_exit_1_with_a_located_message(
    write_yaml: WriteYaml, profile_text: str, message: str
) -> None:
    profile = write_yaml("profile.yaml", profile_text)
    result = run_cli(*mini_args(profile))
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert result.stderr.startswith(f"error: {profile}")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_profile(tmp_path: Path) -> None:
    result = run_cli(*mini_args(tmp_path / "absent.yaml"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: {tmp_path / 'absent.yaml'}: no such file\n"


def test_unknown_criteria_preset_suggests_one() -> None:
    result = run_cli("score", SHOP_PROFILE, "--criteria", "balancd")
    assert result.exit_code == 2, result  # an unknown choice is a usage error
    assert "no criteria preset named 'balancd' (did you mean 'balanced'?); presets: " in (
        " ".join(result.stderr.replace("│", "").split())
    )


def test_usage_errors_exit_2() -> None:
    result = run_cli(*mini_args(), "--format", "pdf")
    assert result.exit_code == 2, result
    assert result.stdout == ""


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("platform_advisor.loading.inputs.load_inputs", interrupted)
    result = run_cli(*mini_args())
    assert (result.exit_code, result.stdout, result.stderr) == (130, "", "interrupted\n")


def test_top_limits_the_candidates_shown() -> None:
    markdown = run_cli(*mini_args(), "-f", "markdown", "--top", "1").stdout
    assert "| 2 | BookKeep" not in markdown
    assert "2 more scored, not shown." in markdown


def test_catalog_validate_reports_counts() -> None:
    result = run_cli(
        "catalog", "validate", "--no-default-catalog", MINI_CATALOG, "--as-of", "2025-10-01"
    )
    assert result.exit_code == 0, result
    assert result.stdout == (
        "ok: 8 platforms, 4 functions, 4 integration links in 2 files; 12 warnings\n"
    )
    assert (
        "platforms.yaml:33:14: warning: platforms[1].pricing.as_of: price from 2024-01 is 21 months old"
        in result.stderr
    )


def test_catalog_validate_lists_problems_on_stderr(write_yaml: WriteYaml) -> None:
    bad = write_yaml("bad.yaml", "platforms:\n  - id: Bad One\n")
    result = run_cli("catalog", "validate", "--no-default-catalog", bad)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert result.stderr.splitlines() == [
        f"error: {bad}:2:5: platforms[0]: missing required field 'name'",
        *[
            f"{bad}:2:5: platforms[0]: missing required field '{field}'"
            for field in (
                "vendor",
                "url",
                "functions",
                "ownership",
                "deployment",
                "pricing",
                "ratings",
                "skill_required",
                "last_reviewed",
            )
        ],
        f"{bad}:2:9: platforms[0].id: must be a platform id: lowercase letters, digits and"
        " hyphens, e.g. 'hubspot-crm' (got 'Bad One')",
    ]


def test_a_missing_catalog_path_is_reported() -> None:
    result = run_cli("catalog", "validate", "no-such-folder")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "error: no-such-folder: no such file or folder\n"


def test_a_failed_run_writes_no_output_file(write_yaml: WriteYaml, tmp_path: Path) -> None:
    profile = write_yaml("profile.yaml", "business: [\n")
    target = tmp_path / "report.md"
    result = run_cli(*mini_args(profile), "--output", target)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert not target.exists()


def test_a_flood_of_errors_is_capped_with_a_count(write_yaml: WriteYaml) -> None:
    entries = "".join(f"  - id: Bad{n}\n" for n in range(40))
    bad = write_yaml("flood.yaml", "platforms:\n" + entries)
    result = run_cli("catalog", "validate", "--no-default-catalog", bad)
    assert (result.exit_code, result.stdout) == (1, ""), result
    lines = result.stderr.splitlines()
    assert len(lines) == 31
    assert lines[-1] == "... and 410 more problems not shown"


def test_data_cannot_inject_markup_into_reports(tmp_path: Path) -> None:
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    hostile = text.replace("name: ShopWise", "name: 'Shop|Wise <script>alert(1)</script> [red]'")
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "platforms.yaml").write_text(hostile, encoding="utf-8")
    (folder / "taxonomy.yaml").write_text(
        (MINI_CATALOG / "taxonomy.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    args: list[str | Path] = [
        "score",
        SHOP_PROFILE,
        "--no-default-catalog",
        "--catalog",
        folder,
        "--criteria",
        MINI_CRITERIA,
    ]
    markdown = run_cli(*args, "-f", "markdown").stdout
    assert "<script>" not in markdown
    assert r"Shop\|Wise \<script\>alert(1)\</script\>" in markdown
    terminal = run_cli(*args).stdout
    # the stack table, the ranking, the robustness and the ecosystem map lines, markup
    # shown as typed
    assert terminal.count("Shop|Wise <script>alert(1)</script> [red]") == 4


def test_the_tests_refuse_the_network_here_and_in_the_processes_they_start() -> None:
    import socket

    with pytest.raises(OSError, match="network access"):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    completed = subprocess.run(
        [sys.executable, "-c", "import socket; socket.getaddrinfo('example.com', 80)"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0
    assert "network access attempted" in completed.stderr
