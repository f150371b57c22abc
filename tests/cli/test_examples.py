"""advisor examples: the shipped example profiles, written where the user asks."""

from __future__ import annotations

from pathlib import Path

from platform_advisor.loading.sources import load_model
from platform_advisor.models.profile import Profile
from tests.conftest import REPOSITORY, run_cli

SHIPPED = sorted(path.name for path in (REPOSITORY / "examples").glob("*.yaml"))


def test_the_examples_are_written_into_a_new_folder(tmp_path: Path) -> None:
    target = tmp_path / "examples"
    result = run_cli("examples", target)
    assert result.exit_code == 0, result
    assert sorted(path.name for path in target.iterdir()) == SHIPPED
    for name in SHIPPED:
        shipped = (REPOSITORY / "examples" / name).read_text(encoding="utf-8")
        assert (target / name).read_text(encoding="utf-8") == shipped
        load_model(Profile, target / name)
    assert f"wrote {len(SHIPPED)} example profiles to {target}" in result.stderr


def test_an_example_already_there_is_kept_without_force(tmp_path: Path) -> None:
    (tmp_path / "bakery.yaml").write_text("mine\n", encoding="utf-8")
    result = run_cli("examples", tmp_path)
    assert result.exit_code == 1, result
    assert f"{tmp_path}: already holds bakery.yaml; use --force to replace them" in result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["bakery.yaml"]  # none written
    assert (tmp_path / "bakery.yaml").read_text(encoding="utf-8") == "mine\n"
    forced = run_cli("examples", tmp_path, "--force")
    assert forced.exit_code == 0, forced
    assert sorted(path.name for path in tmp_path.iterdir()) == SHIPPED


def test_a_folder_that_cannot_be_made_or_is_a_file_is_refused(tmp_path: Path) -> None:
    nowhere = run_cli("examples", tmp_path / "no" / "where")
    assert nowhere.exit_code == 1
    assert f"the folder {tmp_path / 'no'} does not exist" in nowhere.stderr
    afile = tmp_path / "file"
    afile.write_text("", encoding="utf-8")
    result = run_cli("examples", afile)
    assert result.exit_code == 1
    assert f"{afile}: is a file, not a folder" in result.stderr
