"""Write docs/commands.md, the reference of every command, from the command-line app itself.

Usage: python scripts/command_reference.py [OUTPUT]    (default: docs/commands.md)

It walks the click command tree Typer builds (``typer.main.get_command``) and writes, for
each command, its help text, its usage line, its arguments and every option with its
flags, value, default and help, as ``--help`` shows them. Hidden commands and options are
left out, and so is ``--help`` itself, which every command takes. ``make golden``
regenerates the file; tests/test_docs.py fails when it is out of date.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from platform_advisor.cli import app
from platform_advisor.cli.help_words import dress_tree

DEFAULT_OUTPUT = Path(__file__).resolve().parent.parent / "docs" / "commands.md"
PROGRAM = "advisor"
HELP_OPTIONS = frozenset({"--help", "-h"})
# "-c, --catalog PATH": the flags as click lists them, then the value.
FLAGS = re.compile(r"((?:-[\w-]+(?:, | / ))*-[\w-]+)\s*(.*)", re.S)
# Typer names a value by its Python type when no metavar is given; say it in words.
TYPE_WORDS = {
    "str": "TEXT",
    "int": "INTEGER",
    "int range": "INTEGER",
    "float": "NUMBER",
    "float range": "NUMBER",
    "path": "PATH",
}
HEADER = """\
# Command reference

Every command and option of `advisor`, with the help text `--help` prints. This page is
generated from the program by `scripts/command_reference.py` (`make golden` regenerates
it, and a test fails when it is out of date), so do not edit it by hand. Every command
also takes `-h` or `--help`. For tasks and examples, read the [user guide](user-guide.md).
"""


def walk(command: Any, ctx: typer.Context) -> Iterator[tuple[Any, typer.Context]]:
    """The command and every visible subcommand under it, depth first, in listing order."""
    yield command, ctx
    if not hasattr(command, "list_commands"):
        return
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            yield from walk(sub, typer.Context(sub, info_name=name, parent=ctx))


def command_tree() -> list[tuple[Any, typer.Context]]:
    """Every command of the app with its context, the root first."""
    root = typer.main.get_command(app)
    context = typer.Context(root, info_name=PROGRAM)
    dress_tree(root, context)  # as --help words them
    return list(walk(root, context))


def visible_params(command: Any, ctx: typer.Context) -> list[Any]:
    """The arguments and options a user can give, without --help."""
    return [
        param
        for param in command.get_params(ctx)
        if not getattr(param, "hidden", False) and not HELP_OPTIONS & set(param.opts)
    ]


def split_help(text: str) -> tuple[str, list[str]]:
    """Help text and the bracketed details click appends: default, env var, range."""
    match = re.fullmatch(r"(.*?)(?:\s{2}\[([^\[\]]*)\])?", text.strip(), re.S)
    assert match is not None  # the pattern matches any text
    details = [part.strip() for part in (match[2] or "").split(";") if part.strip()]
    return " ".join(match[1].split()), details


def value_words(metavar: str) -> str:
    """'<int range>' as INTEGER, '<a|b>' as a|b, a list type as nothing; others as given."""
    inner = metavar[1:-1] if metavar.startswith("<") and metavar.endswith(">") else None
    if inner is None:
        return metavar
    if inner.startswith("list["):
        return ""
    return TYPE_WORDS.get(inner, inner)


def param_row(param: Any, ctx: typer.Context) -> tuple[str, str, str, list[str]]:
    """A parameter's name or flags, its value, its help and its details."""
    record = param.get_help_record(ctx)
    shown, help_text = record if record else (param.name, getattr(param, "help", "") or "")
    text, details = split_help(help_text)
    if param.param_type_name == "argument":
        name, _, metavar = shown.partition(" ")
        return name, value_words(metavar), text, details
    match = FLAGS.fullmatch(shown)
    flags, metavar = (match[1], match[2]) if match else (", ".join(param.opts), "")
    return flags, value_words(metavar), text, details


def code(text: str) -> str:
    return f"`{text}`" if text else ""


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")


def detail_words(details: list[str]) -> str:
    """'default: 12m' as default `12m`; a range such as 'x>=1' in code."""
    words = []
    for detail in details:
        label, colon, value = detail.partition(": ")
        if colon:
            words.append(f"{label} {code(value)}")
        elif detail == "required":
            words.append("required")
        else:
            words.append(code(detail))
    return "; ".join(words)


def param_table(rows: list[tuple[str, str, str, list[str]]], heading: str) -> list[str]:
    lines = [f"| {heading} | value | what it does |", "| --- | --- | --- |"]
    for name, value, text, details in rows:
        described = text + (f" ({detail_words(details)})" if details else "")
        names = ", ".join(code(flag) for flag in name.split(", "))
        lines.append(f"| {cell(names)} | {cell(code(value))} | {cell(described)} |")
    return lines


def command_section(command: Any, ctx: typer.Context) -> list[str]:
    path = ctx.command_path
    usage = " ".join([path, *command.collect_usage_pieces(ctx)])
    lines = [f"## `{path}`", "", (command.help or "").strip(), "", f"Usage: `{usage}`", ""]
    params = visible_params(command, ctx)
    arguments = [param_row(p, ctx) for p in params if p.param_type_name == "argument"]
    options = [param_row(p, ctx) for p in params if p.param_type_name != "argument"]
    if arguments:
        lines += [*param_table(arguments, "argument"), ""]
    if options:
        lines += [*param_table(options, "option"), ""]
    if hasattr(command, "list_commands"):
        subs = command.list_commands(ctx)
        lines += ["Commands: " + ", ".join(f"[{name}](#{anchor(path, name)})" for name in subs), ""]
    return lines


def anchor(path: str, name: str) -> str:
    """The GitHub anchor of a command's heading, such as 'advisor-catalog-add'."""
    return f"{path} {name}".replace(" ", "-").lower()


def command_reference() -> str:
    """The whole reference page, as Markdown."""
    lines = [HEADER]
    for command, ctx in command_tree():
        lines += command_section(command, ctx)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    output = Path(args[0]) if args else DEFAULT_OUTPUT
    output.write_text(command_reference(), encoding="utf-8")
    print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
