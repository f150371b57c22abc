"""The wheel carries the catalogs, criteria and templates, and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPOSITORY


def online() -> dict[str, str]:
    """The environment without the tests' network block: pip may fetch the build backend
    and the dependencies; the advisor itself runs with the network refused."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(out),
            str(REPOSITORY),
        ],
        check=True,
        env=online(),
    )
    (built,) = out.glob("platform_advisor-*.whl")
    return built


def test_the_wheel_carries_the_shipped_files(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("catalogs/taxonomy.yaml", "criteria/balanced.yaml", "templates/report.md.j2"):
        assert f"platform_advisor/_data/{shipped}" in names, shipped


def test_an_installed_wheel_scores_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    environment = tmp_path / "env"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        env=online(),
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    completed = subprocess.run(
        [
            str(environment / "bin" / "advisor"),
            "score",
            str(EXAMPLES / "bakery.yaml"),
            "-f",
            "json",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert '"schema_version": "1.2"' in completed.stdout
