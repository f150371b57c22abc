"""Shared test helpers: inline YAML files, the small fixture catalog, and the CLI runner."""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from platform_advisor import resources
from platform_advisor.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
MINI_CATALOG = FIXTURES / "mini"
MINI_CRITERIA = FIXTURES / "criteria-mini.yaml"
SHOP_PROFILE = FIXTURES / "profile-shop.yaml"
REPOSITORY = Path(__file__).parent.parent
EXAMPLES = REPOSITORY / "examples"

WriteYaml = Callable[[str, str], Path]

# Machines here are shared: two test runs side by side, or CI beside a build, can make one
# example take seconds. Time decides nothing about correctness, so no example has a
# deadline and slow generation is no failure; every property still runs every example.
settings.register_profile(
    "shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("shared-machine")


NO_NETWORK = Path(__file__).parent / "no_network"
IS_ROOT = os.geteuid() == 0
NOBODY = 65534
T = TypeVar("T")


@pytest.fixture(autouse=True, scope="session")
def no_network() -> Iterator[None]:
    """No command may touch the network: in this process sockets refuse to connect, and
    every Python the tests launch imports no_network/sitecustomize.py, which does the
    same there (a test that must install packages takes it off PYTHONPATH)."""
    import socket

    def refused(*_args: object, **_kwargs: object) -> None:
        raise OSError("network access attempted while the tests forbid it")

    with pytest.MonkeyPatch.context() as patch:
        for name in ("connect", "connect_ex", "sendto"):
            patch.setattr(socket.socket, name, refused)
        patch.setattr(socket, "create_connection", refused)
        patch.setattr(socket, "getaddrinfo", refused)
        paths = [str(NO_NETWORK), *filter(None, [os.environ.get("PYTHONPATH")])]
        patch.setenv("PYTHONPATH", os.pathsep.join(paths))
        yield


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test gets an empty cache folder of its own, never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(folder))
    monkeypatch.delenv("ADVISOR_NO_CACHE", raising=False)
    # Nor the user's own catalog folder, nor their default catalog and criteria.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("ADVISOR_SETTINGS", raising=False)
    monkeypatch.delenv("ADVISOR_CATALOG", raising=False)
    monkeypatch.delenv("ADVISOR_CRITERIA", raising=False)
    return folder


@pytest.fixture
def write_yaml(tmp_path: Path) -> WriteYaml:
    """Write dedented YAML text to a file under tmp_path and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def __str__(self) -> str:
        return f"exit {self.exit_code}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def run_cli(*args: str | Path, env: dict[str, str] | None = None, input: str | None = None) -> Run:
    """Run the advisor in-process, with a terminal of fixed width and no colour."""
    runner = CliRunner()
    environment = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", **(env or {})}
    result = runner.invoke(
        app, [str(arg) for arg in args], input=input, env=environment, catch_exceptions=False
    )
    return Run(result.exit_code, result.stdout, result.stderr)


def mini_args(profile: Path = SHOP_PROFILE) -> list[str | Path]:
    """Arguments that score a profile against the small fixture catalog and criteria."""
    return [
        "score",
        profile,
        "--no-default-catalog",
        "--catalog",
        MINI_CATALOG,
        "--criteria",
        MINI_CRITERIA,
    ]


def as_nobody(action: Callable[[], T]) -> T:
    """What `action` returns when run in a forked child that has given up root for the user
    nobody: permissions then apply as they do to any user. Python is already loaded, so
    the child needs no access to the interpreter's files."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            answer: object = action()
        except BaseException as error:
            answer = error
        os.write(writing, pickle.dumps(answer))
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as stream:
        answer = pickle.loads(stream.read())
    os.waitpid(child, 0)
    if isinstance(answer, BaseException):
        raise answer
    return cast(T, answer)


@pytest.fixture
def shared_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary folder that the user nobody can enter and read (pytest's own folders are
    private to their owner), for tests that run part of themselves as nobody.

    The package's own data (catalogs, criteria presets, templates) is read from a copy in
    it, for the clone itself may sit in a folder only its owner may enter (as `mktemp -d`
    makes them)."""
    folder = Path(tempfile.mkdtemp(prefix="advisor-test-"))
    folder.chmod(0o755)
    package = folder / ".package"
    for kind in ("catalogs", "criteria", "templates"):
        shutil.copytree(resources.shipped_dir(kind), package / "_data" / kind)
    monkeypatch.setattr(resources, "files", lambda _name: package)
    yield folder
    shutil.rmtree(folder)
