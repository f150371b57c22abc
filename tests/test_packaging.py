"""The sdist and the wheel built from it carry the sources, the catalogs, criteria and
templates, and complete metadata; the installed command works from any folder.

Each artefact is built once for the module: the sdist with the build backend that
pyproject.toml names, the wheel from the sdist (as an installer does), and one fresh
virtual environment that installs the wheel.
"""

from __future__ import annotations

import email.message
import email.parser
import json
import os
import re
import subprocess
import tarfile
import tomllib
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest

from platform_advisor import __version__
from tests.conftest import REPOSITORY

PYPROJECT: dict[str, Any] = tomllib.loads((REPOSITORY / "pyproject.toml").read_text("utf-8"))
PROJECT: dict[str, Any] = PYPROJECT["project"]
SHIPPED = ("catalogs", "criteria", "templates", "examples")
#: Parts of a working tree that never belong in a distribution.
LEFT_OUT = (
    ".venv/",
    "mutants/",
    "__pycache__/",
    ".mypy_cache/",
    ".pytest_cache/",
    ".ruff_cache/",
    ".hypothesis/",
    ".git/",
    "fuzz/work/",
    "fuzz/crashes/",
)


def online() -> dict[str, str]:
    """The environment without the tests' network block: pip may fetch the build backend
    and the dependencies; the advisor itself runs with the network refused."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def pip(python: Path, *args: str | Path) -> None:
    command = [str(python), "-m", "pip", *map(str, args)]
    subprocess.run(command, check=True, env=online())


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lock's versions as a constraints file (pip takes no hashes there), so the build
    backend and the dependencies installed here are those `make test` installs, not
    whatever was released this morning."""
    lock = (REPOSITORY / "requirements-dev.txt").read_text(encoding="utf-8")
    pins = re.sub(r"\s*\\\n\s*--hash=\S+", "", lock)
    constraints = tmp_path_factory.mktemp("lock") / "constraints.txt"
    constraints.write_text(pins, encoding="utf-8")
    return constraints


def fresh_environment(folder: Path) -> Path:
    """A new virtual environment in folder; its Python."""
    venv.create(folder, with_pip=True)
    return folder / "bin" / "python"


def shipped_files() -> list[str]:
    """The data files of the repository that the package ships, relative to the top."""
    found = (path for top in SHIPPED for path in (REPOSITORY / top).rglob("*") if path.is_file())
    return sorted(
        path.relative_to(REPOSITORY).as_posix() for path in found if "__pycache__" not in path.parts
    )


def normalized(requirement: str) -> str:
    """A requirement's distribution name as metadata writes it, lower case."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name is not None, requirement
    return re.sub(r"[-_.]+", "-", name.group()).lower()


# The artefacts, built once ------------------------------------------------------------


@pytest.fixture(scope="module")
def builder(tmp_path_factory: pytest.TempPathFactory, locked: Path) -> Path:
    """The Python of an environment holding the build requirements pyproject.toml names."""
    python = fresh_environment(tmp_path_factory.mktemp("build") / "env")
    pip(python, "install", "--quiet", "-c", locked, *PYPROJECT["build-system"]["requires"])
    return python


@pytest.fixture(scope="module")
def sdist(builder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sdist")
    backend = PYPROJECT["build-system"]["build-backend"]
    build = f"import sys, {backend} as backend; backend.build_sdist(sys.argv[1])"
    subprocess.run([str(builder), "-c", build, str(out)], cwd=REPOSITORY, check=True, env=online())
    (built,) = out.glob("platform_advisor-*.tar.gz")
    return built


@pytest.fixture(scope="module")
def sdist_names(sdist: Path) -> list[str]:
    """The sdist's members, without the top folder."""
    with tarfile.open(sdist) as archive:
        return [name.partition("/")[2] for name in archive.getnames()]


@pytest.fixture(scope="module")
def wheel(builder: Path, sdist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from the sdist, with the build backend of `builder`."""
    out = tmp_path_factory.mktemp("wheel")
    pip(builder, "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", out, sdist)
    (built,) = out.glob("platform_advisor-*.whl")
    return built


@pytest.fixture(scope="module")
def metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(f"platform_advisor-{__version__}.dist-info/METADATA").decode()
    return email.parser.Parser().parsestr(text)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory, locked: Path) -> Path:
    """The bin folder of a fresh environment where the wheel is installed."""
    python = fresh_environment(tmp_path_factory.mktemp("installed") / "env")
    pip(python, "install", "--quiet", "--disable-pip-version-check", "-c", locked, wheel)
    return python.parent


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command run in cwd, with the network blocked, in plain text."""
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


# What the sdist carries ----------------------------------------------------------------


def test_the_sdist_carries_the_sources_data_and_docs(sdist_names: list[str]) -> None:
    expected = [
        "pyproject.toml",
        "PKG-INFO",
        "README.md",
        "CHANGELOG.md",
        "Makefile",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        "src/platform_advisor/__init__.py",
        "src/platform_advisor/cli/init.py",
        "examples/bakery.yaml",
        "docs/catalog-guide.md",
        "tests/conftest.py",
        *shipped_files(),
    ]
    expected += [path.name for path in REPOSITORY.glob("LICEN[CS]E*")]
    missing = sorted(set(expected) - set(sdist_names))
    assert not missing, missing


def test_the_sdist_leaves_out_the_working_trees_leftovers(sdist_names: list[str]) -> None:
    strays = [name for name in sdist_names if any(f"/{part}" in f"/{name}" for part in LEFT_OUT)]
    assert not strays, strays[:10]


def test_the_sdist_names_the_same_project(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        member = archive.extractfile(f"platform_advisor-{__version__}/PKG-INFO")
        assert member is not None
        info = email.parser.Parser().parsestr(member.read().decode())
    assert (info["Name"], info["Version"]) == ("platform-advisor", __version__)


# What the wheel carries ----------------------------------------------------------------


def test_the_wheel_built_from_the_sdist_carries_every_shipped_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"platform_advisor/_data/{path}" for path in shipped_files()}
    assert expected <= names, sorted(expected - names)
    assert "platform_advisor/_data/catalogs/taxonomy.yaml" in expected
    assert "platform_advisor/_data/templates/report.md.j2" in expected


def test_the_wheel_holds_the_package_and_nothing_of_the_tree_around_it(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"platform_advisor", f"platform_advisor-{__version__}.dist-info"}
    assert "platform_advisor/cli/init.py" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_the_wheel_metadata_is_complete(metadata: email.message.Message) -> None:
    assert metadata["Name"] == PROJECT["name"] == "platform-advisor"
    assert metadata["Version"] == __version__
    assert metadata["Summary"] == PROJECT["description"]
    assert metadata["Requires-Python"] == PROJECT["requires-python"] == ">=3.11"
    assert (metadata["License-Expression"] or metadata["License"]) == PROJECT["license"]
    assert metadata["Author"] == PROJECT["authors"][0]["name"]
    assert sorted(metadata["Keywords"].split(",")) == sorted(PROJECT["keywords"])
    assert metadata.get_all("Classifier") == PROJECT["classifiers"]
    assert "Programming Language :: Python :: 3.11" in PROJECT["classifiers"]
    urls = [f"{label}, {url}" for label, url in PROJECT.get("urls", {}).items()]
    assert (metadata.get_all("Project-URL") or []) == urls


def test_the_wheel_metadata_carries_the_readme_as_markdown(
    metadata: email.message.Message,
) -> None:
    assert metadata["Description-Content-Type"] == "text/markdown"
    readme = (REPOSITORY / "README.md").read_text("utf-8")
    assert str(metadata.get_payload()).strip() == readme.strip()


def test_the_wheel_requires_each_runtime_dependency(metadata: email.message.Message) -> None:
    required = metadata.get_all("Requires-Dist") or []
    unconditional = {normalized(line) for line in required if "extra ==" not in line}
    assert unconditional == {normalized(dependency) for dependency in PROJECT["dependencies"]}
    assert {"typer", "pydantic", "pyyaml", "jinja2", "numpy"} <= unconditional


def test_the_wheel_declares_the_advisor_command(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(f"platform_advisor-{__version__}.dist-info/entry_points.txt")
    assert "[console_scripts]\nadvisor = platform_advisor.cli:main" in text.decode()


# The installed command, from another folder --------------------------------------------


def test_init_then_score_from_another_folder(installed: Path, tmp_path: Path) -> None:
    advisor = installed / "advisor"
    made = run(
        [
            advisor, "init", "--non-interactive", "--name", "Harbour Books",
            "--sector", "retail", "--employees", "4", "--country", "GB",
            "--budget", "200", "--goals", "increase_sales,customer_engagement",
        ],
        cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "profile.yaml").is_file()
    assert "advisor score profile.yaml" in made.stdout + made.stderr

    markdown = run([advisor, "score", "profile.yaml", "--format", "markdown"], cwd=tmp_path)
    assert markdown.returncode == 0, markdown.stderr
    assert markdown.stdout.startswith("# ")
    assert "Harbour Books" in markdown.stdout

    result = run([advisor, "score", "profile.yaml", "--format", "json"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    advice = json.loads(result.stdout)
    assert advice["schema_version"] == "2.1"
    assert advice["stack"], "an empty stack"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["profile.yaml"]


def test_the_installed_advisor_writes_its_examples_where_asked(
    installed: Path, tmp_path: Path
) -> None:
    advisor = installed / "advisor"
    made = run([advisor, "examples", "mine"], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    written = sorted(path.name for path in (tmp_path / "mine").iterdir())
    assert written == sorted(path.name for path in (REPOSITORY / "examples").glob("*.yaml"))
    scored = run([advisor, "score", "mine/uk-cafe.yaml", "--robustness", "off"], cwd=tmp_path)
    assert scored.returncode == 0, scored.stderr


def test_the_installed_package_reads_its_own_data(installed: Path, tmp_path: Path) -> None:
    where = "import platform_advisor; print(platform_advisor.__file__)"
    found = run([installed / "python", "-c", where], cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout.strip()).is_relative_to(installed.parent)

    checked = run([installed / "advisor", "catalog", "validate"], cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok: ")


def test_the_installed_command_prints_its_version(installed: Path, tmp_path: Path) -> None:
    for command in ([installed / "advisor"], [installed / "python", "-m", "platform_advisor"]):
        shown = run([*command, "--version"], cwd=tmp_path)
        assert (shown.returncode, shown.stdout) == (0, f"advisor {__version__}\n"), shown.stderr


def test_the_installed_advisor_refuses_the_network(installed: Path, tmp_path: Path) -> None:
    """The checks above ran with the network blocked: the block reaches the environment."""
    probe = "import socket; socket.create_connection(('192.0.2.1', 9), timeout=1)"
    refused = run([installed / "python", "-c", probe], cwd=tmp_path)
    assert "network access attempted while the tests forbid it" in refused.stderr
