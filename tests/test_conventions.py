"""Everyday conventions: catalog and criteria from the environment, the user's own
catalog folder added to the built-in one, --quiet and --verbose, NO_COLOR."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, get_args

import typer
from typer.testing import CliRunner

from platform_advisor.cli import app
from platform_advisor.resources import user_catalog_dir
from tests.conftest import (
    MINI_CATALOG,
    MINI_CRITERIA,
    SHOP_PROFILE,
    Run,
    WriteYaml,
    mini_args,
    run_cli,
)
from tests.models.test_model_errors import PLATFORM


def test_the_catalog_and_criteria_can_come_from_the_environment() -> None:
    with_flags = run_cli(
        "score", SHOP_PROFILE, "--no-default-catalog", "--catalog", MINI_CATALOG,
        "--criteria", MINI_CRITERIA, "--robustness", "off",
    )  # fmt: skip
    environment = {"ADVISOR_CATALOG": str(MINI_CATALOG), "ADVISOR_CRITERIA": str(MINI_CRITERIA)}
    from_environment = run_cli(
        "score", SHOP_PROFILE, "--no-default-catalog", "--robustness", "off", env=environment
    )
    assert from_environment.exit_code == 0, from_environment
    assert from_environment.stdout == with_flags.stdout


def test_several_catalogs_in_the_environment_are_separated_like_path(
    write_yaml: WriteYaml,
) -> None:
    extra = write_yaml("extra/acme.yaml", PLATFORM)
    environment = {"ADVISOR_CATALOG": os.pathsep.join([str(MINI_CATALOG), str(extra)])}
    shown = run_cli("catalog", "show", "acme", "--no-default-catalog", env=environment)
    assert shown.exit_code == 0, shown
    assert "Acme" in shown.stdout


def test_the_users_own_catalog_folder_joins_the_built_in_catalog() -> None:
    folder = user_catalog_dir()
    assert not folder.exists(), "the tests give every run an empty data folder"
    missing = run_cli("catalog", "show", "acme")
    assert missing.exit_code == 1
    folder.mkdir(parents=True)
    (folder / "acme.yaml").write_text(PLATFORM, encoding="utf-8")
    shown = run_cli("catalog", "show", "acme")
    assert shown.exit_code == 0, shown
    assert "Acme" in shown.stdout
    alone = run_cli("catalog", "show", "acme", "--no-default-catalog", "--catalog", MINI_CATALOG)
    assert alone.exit_code == 1, "without the built-in catalog, the user's folder stays out"


# Quiet and verbose ---------------------------------------------------------------------------


def every_command() -> list[Any]:
    """Every command a user can run, subcommands included (click's command objects)."""
    found: list[Any] = []
    pending: list[Any] = [typer.main.get_command(app)]
    while pending:
        command = pending.pop()
        if hasattr(command, "commands"):
            pending.extend(command.commands.values())
        else:
            found.append(command)
    return found


def test_every_command_takes_quiet_and_verbose() -> None:
    commands = every_command()
    assert len(commands) == 13
    for command in commands:
        flags = {flag for param in command.params for flag in getattr(param, "opts", [])}
        assert {"--quiet", "-q", "--verbose", "-v"} <= flags, command.name


def takes_paths(annotation: Any) -> bool:
    return annotation is Path or get_args(annotation) == (Path,)


def test_every_path_is_left_to_our_loader_to_read() -> None:
    """Typer would refuse an unreadable path itself, as a usage error (exit 2); the loader
    says 'permission denied' with the file and exit 1, as for every bad input."""
    paths = [
        (command.name, param.name, param.type_descriptor.parameter_info.readable)
        for command in every_command()
        for param in command.params
        if getattr(param, "type_descriptor", None) and takes_paths(param.type_descriptor.annotation)
    ]
    assert len(paths) >= 20
    assert [path for path in paths if path[2] is not False] == []


def test_quiet_leaves_only_the_result(tmp_path: Path) -> None:
    report = tmp_path / "report.md"
    told = run_cli(*mini_args(), "-f", "markdown", "-o", report)
    assert told.exit_code == 0, told
    assert told.stderr == f"wrote {report}\n"
    quiet = run_cli(*mini_args(), "-f", "markdown", "-o", report, "--quiet")
    assert quiet.exit_code == 0, quiet
    assert quiet.stderr == ""
    assert report.read_text(encoding="utf-8").startswith("# ")


def test_quiet_still_reports_errors(tmp_path: Path) -> None:
    missing = run_cli(*mini_args(tmp_path / "missing.yaml"), "--quiet")
    assert missing.exit_code == 1
    assert missing.stderr.startswith("error: ")


def test_verbose_says_what_was_read_cached_and_timed() -> None:
    first = run_cli(*mini_args(), "--verbose")
    assert first.exit_code == 0, first
    assert "catalog: 0 built-in files, " in first.stderr
    assert f"profile: {os.path.relpath(SHOP_PROFILE)}" in first.stderr
    assert re.search(r"^read and checked the files in \d+ ms$", first.stderr, re.M)
    again = run_cli(*mini_args(), "-v")
    assert "cache: the advice read back" in again.stderr
    assert again.stdout == first.stdout
    assert run_cli(*mini_args()).stderr == "", "without --verbose, nothing is traced"


def test_quiet_and_verbose_together_are_a_usage_error() -> None:
    both = run_cli(*mini_args(), "-q", "-v")
    assert both.exit_code == 2
    assert "choose one, not both" in both.stderr
    assert both.stdout == ""


# Colour --------------------------------------------------------------------------------------

#: An SGR escape that sets a colour (foreground or background, 16, 256 or true colour).
COLOUR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def terminal_commands(tmp_path: Path) -> dict[str, list[str | Path]]:
    """A run of each command whose output Rich draws for a terminal."""
    result = tmp_path / "result.json"
    assert run_cli(*mini_args(), "-f", "json", "-o", result).exit_code == 0
    mini: list[str | Path] = ["--no-default-catalog", "--catalog", MINI_CATALOG]
    criteria: list[str | Path] = ["--criteria", MINI_CRITERIA]
    return {
        "score": mini_args(),
        "compare": ["compare", "shopwise", "opencart-x", "--profile", SHOP_PROFILE, *mini,
                    *criteria],
        "diff": ["diff", result, result],
        "catalog list": ["catalog", "list", *mini],
        "catalog show": ["catalog", "show", "shopwise", *mini],
        "catalog stale": ["catalog", "stale", *mini, "--as-of", "2030-01-01"],
        "batch": ["batch", SHOP_PROFILE, "--output-dir", tmp_path / "reports", "--workers", "1",
                  *mini, *criteria],
    }  # fmt: skip


def run_coloured(args: list[str | Path], no_color: str) -> Run:
    """Run as if on a colour terminal (FORCE_COLOR), with NO_COLOR set or not."""
    environment = {"COLUMNS": "100", "TERM": "xterm-256color", "FORCE_COLOR": "1"}
    result = CliRunner().invoke(
        app, [str(arg) for arg in args], env={**environment, "NO_COLOR": no_color}
    )
    return Run(result.exit_code, result.stdout, result.stderr)


def test_no_color_turns_colour_off_in_every_command(tmp_path: Path) -> None:
    coloured_somewhere = False
    for name, args in terminal_commands(tmp_path).items():
        coloured = run_coloured(args, no_color="")
        assert coloured.exit_code == 0, (name, coloured)
        coloured_somewhere |= bool(COLOUR.search(coloured.stdout))
        plain = run_coloured(args, no_color="1")
        assert plain.exit_code == 0, (name, plain)
        assert not COLOUR.search(plain.stdout + plain.stderr), name
    assert coloured_somewhere, "the check is only worth something if colour can appear"


def test_output_to_a_pipe_has_no_escape_codes(tmp_path: Path) -> None:
    for name, args in terminal_commands(tmp_path).items():
        result = CliRunner().invoke(app, [str(arg) for arg in args], env={"TERM": "xterm"})
        assert result.exit_code == 0, (name, result.output)
        assert "\x1b[" not in result.stdout + result.stderr, name


# Shell completion ----------------------------------------------------------------------------


def completions(words: str, shell: str = "bash") -> list[str]:
    """What the shell would be offered after `words` (the last one being completed)."""
    environment = {
        "_ADVISOR_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
        "_TYPER_COMPLETE_ARGS": words,
    }
    result = CliRunner().invoke(app, [], env=environment, prog_name="advisor")
    assert result.exit_code == 0, result.output
    return result.stdout.split()


def test_the_shell_completes_commands_options_and_choices() -> None:
    assert completions("advisor sc") == ["score", "schema"]
    assert completions("advisor catalog s") == ["show", "stale"]
    assert completions("advisor score --rob") == ["--robustness"]
    assert completions("advisor score --format ") == ["terminal", "markdown", "json", "html", "pdf"]


def test_completion_scripts_are_shown_for_the_common_shells() -> None:
    expected = {
        "bash": "complete -o default -F _advisor_completion advisor",
        "zsh": "#compdef advisor",
        "fish": "complete --command advisor",
    }
    for shell, line in expected.items():
        # The shell is named: Typer would otherwise find it from the parent process. It
        # reads this variable when imported, hence a process of its own.
        environment = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
        shown = subprocess.run(
            [sys.executable, "-m", "platform_advisor", "--show-completion", shell],
            env=environment, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert shown.returncode == 0, shown.stderr
        assert line in shown.stdout, shell
