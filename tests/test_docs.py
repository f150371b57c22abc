"""Docs that cannot drift: the README session is real, every command is documented."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import typer

from platform_advisor.cli import app
from tests.conftest import EXAMPLES, REPOSITORY, run_cli
from tests.test_golden import FORMATS

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
        "examples",
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
    printed = result.stdout.rstrip("\n")
    start, end = block.span(1)
    check_or_update(REPOSITORY / "README.md", README[:start] + printed + README[end:])


def test_the_quick_start_is_two_make_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    assert re.findall(r"^make \w+", quick, re.M) == ["make demo", "make test"]


# --- The example reports, the command reference, the user guide and the links ---------

DOCS = REPOSITORY / "docs"
EXAMPLE_REPORTS = DOCS / "examples"
COMMAND_REFERENCE = DOCS / "commands.md"
USER_GUIDE = DOCS / "user-guide.md"
AS_OF = "2026-11-23"


def reference_script() -> ModuleType:
    """scripts/command_reference.py, which writes docs/commands.md from the app."""
    path = REPOSITORY / "scripts" / "command_reference.py"
    spec = importlib.util.spec_from_file_location("command_reference", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_or_update(path: Path, text: str) -> None:
    """The file must hold this text; UPDATE_GOLDEN=1 (make golden) writes it first."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{path.name} is out of date: make golden"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_example_reports_are_what_the_advisor_writes(fmt: str) -> None:
    result = run_cli("score", EXAMPLES / "retailer.yaml", "--format", fmt, "--as-of", AS_OF)
    assert result.exit_code == 0, result
    check_or_update(EXAMPLE_REPORTS / f"retailer.{FORMATS[fmt]}", result.stdout)


def test_the_examples_readme_gives_the_command_for_each_report() -> None:
    readme = (EXAMPLE_REPORTS / "README.md").read_text(encoding="utf-8")
    for fmt, extension in FORMATS.items():
        flag = "" if fmt == "terminal" else f" --format {fmt}"
        command = f"advisor score examples/retailer.yaml{flag} --as-of {AS_OF}"
        assert f"{command} > docs/examples/retailer.{extension}" in readme, fmt


def test_the_command_reference_is_current() -> None:
    check_or_update(COMMAND_REFERENCE, reference_script().command_reference())


def reference_sections() -> dict[str, str]:
    """docs/commands.md cut at its '## `advisor ...`' headings, keyed by command path."""
    parts = re.split(r"^## `([^`]+)`\n", COMMAND_REFERENCE.read_text(encoding="utf-8"), flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def visible_params(command: Any, ctx: typer.Context) -> list[Any]:
    return [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]


def test_every_command_and_option_has_help_and_is_in_the_reference() -> None:
    sections = reference_sections()
    tree = reference_script().command_tree()
    walked = {ctx.command_path for _command, ctx in tree}
    assert {f"advisor {name}" for name, _ in commands(app)} <= walked
    for command, ctx in tree:
        path = ctx.command_path
        assert (command.help or "").strip(), f"{path} has no help text"
        assert path in sections, f"{path} is not in docs/commands.md"
        section = sections[path].replace("\\|", "|")
        for param in visible_params(command, ctx):
            help_text = " ".join((getattr(param, "help", None) or "").split())
            assert help_text, f"{path} {param.name}: no help"
            if param.name != "help":
                assert help_text in section, f"{path} {param.name}: its help is not documented"
            for flag in [*param.opts, *param.secondary_opts]:
                if param.param_type_name == "option" and flag not in {"-h", "--help"}:
                    assert f"`{flag}`" in section, f"{path} {flag} is not documented"


def test_every_command_is_in_the_user_guide() -> None:
    guide = USER_GUIDE.read_text(encoding="utf-8")
    for _command, ctx in reference_script().command_tree()[1:]:
        assert ctx.command_path in guide, f"{ctx.command_path} is not in docs/user-guide.md"


def github_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as '-'."""
    kept = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return kept.replace(" ", "-")


def markdown_links(text: str) -> list[str]:
    """Link targets outside code blocks and code spans."""
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    return re.findall(r"\]\(([^)\s]+)\)", prose)


def anchors(path: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    return {github_anchor(h) for h in re.findall(r"^#{1,6} (.+)$", text, flags=re.M)}


DOCUMENTS = [REPOSITORY / "README.md", *sorted(DOCS.glob("**/*.md"))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: str(p.relative_to(REPOSITORY)))
def test_relative_links_point_at_files_and_headings_that_exist(document: Path) -> None:
    for target in markdown_links(document.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target):
            continue  # https:, mailto: and the like
        file_part, _, anchor = target.partition("#")
        linked = (document.parent / file_part).resolve() if file_part else document
        assert linked.exists(), f"{document.name}: {target} does not exist"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{document.name}: no heading for {target}"


MISTAKES_SHOWN = {"--formt"}  # the troubleshooting section's mistyped option


def guide_command_lines() -> list[list[str]]:
    """The advisor command lines the user guide shows, as words; cut ones ('...') left out."""
    guide = USER_GUIDE.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = re.findall(r"^\$ (?:[A-Z_]+=\S+ )*advisor(.*)$", guide, re.M)
    return [shlex.split(line) for line in lines if not line.rstrip().endswith("...")]


def test_the_user_guide_uses_only_commands_and_options_that_exist() -> None:
    tree = {ctx.command_path: (command, ctx) for command, ctx in reference_script().command_tree()}
    shown = guide_command_lines()
    assert len(shown) > 20, "the guide's console sessions were not found"
    for words in shown:
        path = "advisor"
        while words and f"{path} {words[0]}" in tree:
            path, words = f"{path} {words[0]}", words[1:]
        command, ctx = tree[path]
        flags = {flag for p in command.get_params(ctx) for flag in [*p.opts, *p.secondary_opts]}
        for word in words:
            flag = word.split("=", 1)[0]
            if flag.startswith("-") and flag != "-" and flag not in MISTAKES_SHOWN:
                assert flag in flags, f"docs/user-guide.md: {path} has no option {flag}"
