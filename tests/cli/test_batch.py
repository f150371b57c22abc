"""advisor batch: a report per profile on every core, failures reported, an index."""

from __future__ import annotations

import shutil
from pathlib import Path

import html5lib  # type: ignore[import-untyped]
import pytest

from tests.conftest import (
    EXAMPLES,
    IS_ROOT,
    MINI_CATALOG,
    MINI_CRITERIA,
    SHOP_PROFILE,
    as_nobody,
    run_cli,
)

AS_OF = ("--as-of", "2026-11-23")


def test_every_profile_gets_the_report_score_would_write(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = run_cli("batch", EXAMPLES, "--output-dir", out, *AS_OF)
    assert result.exit_code == 0, result
    names = sorted(p.name for p in out.iterdir())
    profiles = sorted(EXAMPLES.glob("*.yaml"))
    assert names == sorted(["index.md", *(f"{p.stem}.md" for p in profiles)])
    for profile in profiles:
        alone = run_cli("score", profile, "--format", "markdown", *AS_OF)
        assert (out / f"{profile.stem}.md").read_text(encoding="utf-8") == alone.stdout
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "| [bakery.yaml](bakery.md) | Crumb \\& Crust Bakery |" in index
    assert index.rstrip().endswith(f"{len(profiles)} reports, 0 failed.")
    assert f"{len(profiles)} reports, 0 failed; index:" in result.stdout


def test_the_catalog_and_criteria_options_reach_every_profile(tmp_path: Path) -> None:
    settings: list[str | Path] = [
        "--no-default-catalog",
        "--catalog",
        MINI_CATALOG,
        "--criteria",
        MINI_CRITERIA,
    ]
    out = tmp_path / "reports"
    result = run_cli("batch", SHOP_PROFILE, "--output-dir", out, "--workers", "1", *settings)
    assert result.exit_code == 0, result
    alone = run_cli("score", SHOP_PROFILE, "--format", "markdown", *settings)
    assert (out / f"{SHOP_PROFILE.stem}.md").read_text(encoding="utf-8") == alone.stdout
    built_in = run_cli("batch", SHOP_PROFILE, "--output-dir", tmp_path / "other")
    assert built_in.exit_code == 1, "the shop profile names platforms only the small catalog has"


def test_a_bad_profile_is_reported_and_the_others_carry_on(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(EXAMPLES / "bakery.yaml", folder / "bakery.yaml")
    (folder / "broken.yaml").write_text("business: [\n", encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "out"
    result = run_cli("batch", folder, empty, tmp_path / "missing.yaml", "--output-dir", out, *AS_OF)
    assert result.exit_code == 1
    assert "empty: no profile (.yaml) in this folder" in result.stderr
    assert "missing.yaml: no such file or folder" in result.stderr
    assert "broken.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert (out / "bakery.md").exists()
    assert "1 reports, 3 failed; index:" in result.stdout
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "| broken.yaml | failed |" in index


def test_an_unreadable_folder_is_reported_and_the_others_carry_on(shared_tmp: Path) -> None:
    clients, locked, out = shared_tmp / "clients", shared_tmp / "locked", shared_tmp / "out"
    for folder in (clients, locked, out):
        folder.mkdir()
    shutil.copy(EXAMPLES / "bakery.yaml", clients / "bakery.yaml")
    shutil.copy(EXAMPLES / "retailer.yaml", locked / "retailer.yaml")
    locked.chmod(0o300 if not IS_ROOT else 0o000)  # nobody may not list it
    out.chmod(0o777)
    options = ("--workers", "1", *AS_OF)
    env = {"ADVISOR_NO_CACHE": "1", "XDG_DATA_HOME": str(shared_tmp / ".no-data")}
    if IS_ROOT:  # nobody cannot read the interpreter's files: load every module first, here
        run_cli("score", clients / "bakery.yaml", "-f", "markdown", *AS_OF, env=env)
        run_cli("batch", clients, "--output-dir", shared_tmp / "warm-up", *options, env=env)
    args = ("batch", clients, locked, "--output-dir", out, *options)
    result = as_nobody(lambda: run_cli(*args, env=env)) if IS_ROOT else run_cli(*args, env=env)
    assert result.exit_code == 1, result
    assert f"error: {locked}: permission denied" in result.stderr
    assert "Errno" not in result.stderr
    assert (out / "bakery.md").exists()
    assert "1 reports, 1 failed; index:" in result.stdout


def test_many_profiles_share_the_cores_and_keep_their_order(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    text = (EXAMPLES / "freelance-designer.yaml").read_text(encoding="utf-8")
    for number in range(12):
        name = f"Studio {number:02d}"
        (folder / f"studio-{number:02d}.yaml").write_text(
            text.replace("name: Mira Okafor Design", f"name: {name}"), encoding="utf-8"
        )
    out = tmp_path / "out"
    result = run_cli(
        "batch", folder, "--output-dir", out, "--format", "json", "--workers", "2", *AS_OF
    )
    assert result.exit_code == 0, result
    index = (out / "index.md").read_text(encoding="utf-8").splitlines()
    rows = [line for line in index if line.startswith("| [studio-")]
    assert [row.split("|")[2].strip() for row in rows] == [f"Studio {n:02d}" for n in range(12)]


def test_html_reports_get_an_html_index(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("batch", EXAMPLES / "bakery.yaml", "--output-dir", out, "-f", "html", *AS_OF)
    assert result.exit_code == 0, result
    page = (out / "index.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(page)
    assert '<a href="bakery.html">bakery.yaml</a>' in page


def test_an_output_dir_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.write_text("a file", encoding="utf-8")
    result = run_cli("batch", EXAMPLES, "--output-dir", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert "out: is a file; --output-dir needs a folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "a file"


def test_an_output_dir_that_cannot_be_made_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file", encoding="utf-8")
    result = run_cli("batch", EXAMPLES, "--output-dir", blocker / "reports")
    assert result.exit_code == 1 and result.stdout == ""
    assert "reports: cannot create the folder (Not a directory)" in result.stderr


def test_a_link_planted_after_the_check_is_replaced_not_written_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check for links comes before the run: one planted in between must still not be
    written through (the workers are forks of this process, with the check switched off)."""
    monkeypatch.setattr("platform_advisor.batch.refused", lambda _job: None)
    victim = tmp_path / "victim.md"
    victim.write_text("kept", encoding="utf-8")
    out = tmp_path / "reports"
    out.mkdir()
    (out / f"{SHOP_PROFILE.stem}.md").symlink_to(victim)
    settings: list[str | Path] = [
        *("--no-default-catalog", "--catalog", MINI_CATALOG, "--criteria", MINI_CRITERIA)
    ]
    result = run_cli("batch", SHOP_PROFILE, "--output-dir", out, "--workers", "1", *settings)
    assert result.exit_code == 0, result
    assert victim.read_text(encoding="utf-8") == "kept"
    assert not (out / f"{SHOP_PROFILE.stem}.md").is_symlink()
