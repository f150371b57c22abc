"""Every command, walked: usage errors exit 2 (a bad option value, an unknown choice, a
missing argument), a bad file or a failed write 1; ``--help`` names every value in words
and keeps each choice whole at 80 columns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from platform_advisor.cli import app
from platform_advisor.cli.help_words import dress_tree
from tests.conftest import SHOP_PROFILE, run_cli


def commands() -> Iterator[tuple[tuple[str, ...], Any]]:
    """Each command that runs (not a group), by its words, with its click command."""
    root = typer.main.get_command(app)
    dress_tree(root, typer.Context(root, info_name="advisor"))
    yield from _under((), root)


def _under(words: tuple[str, ...], command: Any) -> Iterator[tuple[tuple[str, ...], Any]]:
    subs = getattr(command, "commands", None)
    if subs is None:
        yield words, command
        return
    for name, sub in subs.items():
        yield from _under((*words, name), sub)


COMMANDS = dict(commands())
WORDS = [" ".join(words) for words in COMMANDS]


def _options(words: str) -> list[Any]:
    return [p for p in COMMANDS[tuple(words.split())].params if p.param_type_name == "option"]


def _choice_options() -> list[tuple[str, str]]:
    return [
        (words, param.opts[0])
        for words in WORDS
        for param in _options(words)
        if param.type_descriptor.choices
    ]


def _number_options() -> list[tuple[str, str]]:
    return [
        (words, param.opts[0])
        for words in WORDS
        for param in _options(words)
        if param.type_descriptor.annotation in (int, float, int | None, float | None)
        and not param.is_flag
    ]


def _required_arguments() -> list[str]:
    return [
        words for words in WORDS if any(p.required for p in COMMANDS[tuple(words.split())].params)
    ]


@pytest.mark.parametrize("words", WORDS)
def test_an_unknown_option_is_a_usage_error(words: str) -> None:
    result = run_cli(*words.split(), "--no-such-option")
    assert result.exit_code == 2, result
    assert "No such option: --no-such-option" in result.stderr


@pytest.mark.parametrize(("words", "option"), _choice_options())
def test_an_unknown_choice_is_a_usage_error(words: str, option: str) -> None:
    result = run_cli(*words.split(), option, "no-such-choice")
    assert result.exit_code == 2, result


@pytest.mark.parametrize(("words", "option"), _number_options())
def test_a_value_that_is_no_number_is_a_usage_error(words: str, option: str) -> None:
    result = run_cli(*words.split(), option, "many")
    assert result.exit_code == 2, result


@pytest.mark.parametrize("words", _required_arguments())
def test_a_missing_argument_is_a_usage_error(words: str) -> None:
    result = run_cli(*words.split())
    assert result.exit_code == 2, result
    assert "Missing" in result.stderr


def test_the_walk_finds_every_kind_of_parameter() -> None:
    """The tests above are not vacuous: each kind has commands to try."""
    assert {"score", "diff", "catalog list", "catalog add", "init"} <= set(WORDS)
    assert len(_choice_options()) >= 8 and len(_number_options()) >= 4
    assert len(_required_arguments()) >= 5


@pytest.mark.parametrize(
    "args",
    [
        ("score", str(SHOP_PROFILE), "--criteria", "balancd"),
        ("compare", "square", "shopify", "--profile", str(SHOP_PROFILE), "--criteria", "x"),
        ("weights", "-", "--extends", "balancd", "--pair", "cost,ease_of_use,3"),
        ("catalog", "list", "--function", "acounting"),
    ],
    ids=["score-preset", "compare-preset", "weights-preset", "list-function"],
)
def test_a_choice_the_data_does_not_hold_is_a_usage_error(args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert (result.exit_code, result.stdout) == (2, ""), result
    assert result.stderr.startswith("Usage: advisor "), result.stderr
    assert "no " in result.stderr


def test_a_bad_file_or_a_failed_write_stays_1(tmp_path: Path) -> None:
    missing = run_cli("score", tmp_path / "absent.yaml")
    assert missing.exit_code == 1, missing
    nowhere = run_cli("schema", "profile", "--output", tmp_path / "no" / "s.json")
    assert nowhere.exit_code == 1, nowhere
    assert "does not exist" in nowhere.stderr


# --help, in words ----------------------------------------------------------------------


@pytest.mark.parametrize("words", ["", *WORDS, "catalog"])
def test_help_names_no_python_type(words: str) -> None:
    result = run_cli(*words.split(), "--help", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result
    placeholders = re.findall(r"<[a-z][a-z_\[\]| ]*>", result.stdout)
    assert not placeholders, result.stdout


@pytest.mark.parametrize(("words", "option"), _choice_options())
def test_help_keeps_every_choice_whole_at_80_columns(words: str, option: str) -> None:
    result = run_cli(*words.split(), "--help", env={"COLUMNS": "80"})
    param = next(p for p in _options(words) if p.opts[0] == option)
    lines = result.stdout.splitlines()
    for choice in param.type_descriptor.choices:
        value = str(getattr(choice, "value", choice))
        pattern = re.compile(rf"(?<![\w-]){re.escape(value)}(?![\w-])")
        assert any(pattern.search(line) for line in lines), (value, result.stdout)
