"""The command line: thin commands over the library. Run ``advisor --help``.

Modules here import only Typer at start-up; each command imports what it needs when it
runs, so ``advisor --help`` stays fast.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

# The command line loads no pydantic plugin: none is needed, one installed for another
# program (a telemetry plugin, say) must not see a client's data, and looking for them
# scans every installed package's metadata at start-up. Set before Typer loads pydantic.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer
from typer.core import TyperGroup

from platform_advisor._version import __version__
from platform_advisor.cli import catalog, schema, score
from platform_advisor.cli.batch import batch as batch_command
from platform_advisor.cli.compare import compare as compare_command
from platform_advisor.cli.diff import diff as diff_command
from platform_advisor.cli.examples import examples as examples_command
from platform_advisor.cli.init import init as init_command
from platform_advisor.cli.weights import weights as weights_command

if TYPE_CHECKING:
    from typer._click.core import Context  # the base class of typer.Context

#: No argument of ours needs more: a path is at most 4,096 bytes, the longest text
#: (`--notes`) 4,000 characters.
MAX_ARGUMENT = 4096


class _Commands(TyperGroup):
    """The command group, refusing an argument longer than any option takes before it is
    parsed: a 100,000-character argument used to come back whole in the error message.
    It also words the help of every command under it (see `help_words`) before parsing,
    when every option, completion's and --help included, is in place."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        for argument in args:
            if len(argument) > MAX_ARGUMENT:
                raise typer.BadParameter(
                    f"an argument of {len(argument):,} characters is too long "
                    f"(at most {MAX_ARGUMENT:,})",
                    ctx=ctx,
                )
        if _shows_help(self, args):  # only help shows the words: a run pays nothing
            from platform_advisor.cli.help_words import dress_tree

            dress_tree(self, ctx)
        return super().parse_args(ctx, args)


def _shows_help(group: TyperGroup, args: list[str]) -> bool:
    """Whether these arguments end in a help page: -h or --help anywhere, no command, or
    a group of commands named without one (`advisor catalog`)."""
    if not args or {"-h", "--help"} & set(args):
        return True
    command = group.commands.get(args[0])
    return len(args) == 1 and command is not None and hasattr(command, "commands")


app = typer.Typer(
    name="advisor",
    cls=_Commands,
    help="Advise a small or medium business which platforms to build on, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command(name="init")(init_command)
app.command(name="score")(score.score)
app.command(name="batch")(batch_command)
app.command(name="compare")(compare_command)
app.command(name="diff")(diff_command)
app.add_typer(catalog.app, name="catalog")
app.command(name="schema")(schema.schema)
app.command(name="weights")(weights_command)
app.command(name="examples")(examples_command)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"advisor {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False,
        "--version",
        help="Print the version and exit.",
        callback=_print_version,
        is_eager=True,
    ),
) -> None:
    """Advise a small or medium business which platforms to build on, and why."""


def main() -> None:
    """The ``advisor`` console script."""
    _writable_whatever_the_encoding()
    app(prog_name="advisor")


def _writable_whatever_the_encoding() -> None:
    """Output a stream's encoding cannot hold (`PYTHONIOENCODING=ascii`, a C locale) is
    written escaped ('\\xb7' for '·'; JSON's '\\u20ac' stays valid JSON) instead of
    stopping the command with a traceback."""
    import codecs
    import io
    import sys

    for stream in (sys.stdout, sys.stderr):
        encoding = codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name
        if encoding != "utf-8" and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
