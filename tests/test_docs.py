"""Docs that cannot drift: the README session is real, every command is documented."""

from __future__ import annotations

import re

import typer

from platform_advisor.cli import app
from tests.conftest import REPOSITORY, run_cli

README = (REPOSITORY / "README.md").read_text(encoding="utf-8")


def commands(group: typer.Typer, prefix: str = "") -> list[tuple[str, str]]:
    """Every command's full name and help text."""
    found = [
        (
            f"{prefix}{info.name or (info.callback.__name__ if info.callback else '')}",
            info.help or (info.callback.__doc__ or ""),
        )
        for info in group.registered_commands
    ]
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        found += commands(sub.typer_instance, f"{prefix}{sub.name} ")
    return found


def test_every_command_is_in_the_readme_with_help() -> None:
    listed = commands(app)
    assert {name for name, _ in listed} == {
        "init",
        "score",
        "batch",
        "compare",
        "diff",
        "weights",
        "schema",
        "catalog add",
        "catalog list",
        "catalog show",
        "catalog stale",
        "catalog validate",
    }
    for name, help_text in listed:
        assert f"`advisor {name}" in README, name
        assert help_text.strip(), name


def test_the_readme_session_is_what_the_advisor_prints() -> None:
    block = re.search(
        r"<!-- session:start -->\n```console\n\$ advisor score examples/bakery.yaml --top 2\n"
        r"(.*?)\n```\n<!-- session:end -->",
        README,
        re.S,
    )
    assert block is not None
    result = run_cli(
        "score", REPOSITORY / "examples" / "bakery.yaml", "--top", "2", "--as-of", "2026-11-23"
    )
    assert result.exit_code == 0, result
    assert block.group(1) == result.stdout.rstrip("\n")


def test_the_quick_start_is_two_make_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.findall(r"^make \w+", quick, re.M) == ["make demo", "make test"]
