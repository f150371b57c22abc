"""What every command shares: error handling, output and option parsing helpers."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import typer

if TYPE_CHECKING:
    from platform_advisor.contracts import Format, MethodName

EXIT_INTERRUPTED = 130


_quiet = False


def err(message: str) -> None:
    """A line on stderr that is always shown: an error, a question. Data quoted in it
    (a platform's name) cannot act on the terminal."""
    from platform_advisor.core.wording import neutral

    typer.echo(neutral(message), err=True)


def say(message: str) -> None:
    """A line on stderr that --quiet leaves out: a notice, a warning, what was written."""
    if not _quiet:
        err(message)


def is_quiet() -> bool:
    return _quiet


@contextmanager
def handled_errors(quiet: bool = False, verbose: bool = False) -> Iterator[None]:
    """Turn our errors into a message on stderr and an exit code; Ctrl-C into 130.

    Anything else is a bug and keeps its traceback. Inside, `say` heeds --quiet and the
    library's traces go to stderr with --verbose.
    """
    from platform_advisor.errors import AdvisorError
    from platform_advisor.storage.inputs import inputs_watched
    from platform_advisor.tracing import trace_to

    global _quiet
    if quiet and verbose:
        raise typer.BadParameter("choose one, not both", param_hint="--quiet / --verbose")
    _quiet = quiet
    trace_to(err if verbose else None)
    _usable_columns()
    try:
        with inputs_watched():
            yield
    except AdvisorError as error:
        if error.exit_code == 2:  # an unknown choice: told like every other usage error
            raise typer.BadParameter(str(error)) from None
        err(f"error: {error}")
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        err("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    finally:
        _quiet = False
        trace_to(None)


def _usable_columns() -> None:
    """COLUMNS=0 made Rich print nothing at all, and exit 0: a width of no columns is
    ignored, with a word, and the terminal's own width (or 80) is used."""
    import os

    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) == 0:
        say(f"warning: COLUMNS={columns.strip()} is not a width; ignoring it")
        del os.environ["COLUMNS"]


def emit(text: str, output: Path | None) -> None:
    """Write the result to a file atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from platform_advisor.storage.atomic import write_atomic

    write_atomic(output, text, str(output))
    say(f"wrote {output}")


def refuse_output(path: Path, force: bool, inputs: Sequence[Path | None] = ()) -> None:
    """Refuse a file to write before any question is asked: a folder, a missing folder,
    one of the command's own inputs, or an existing file without --force."""
    from platform_advisor.errors import OutputError
    from platform_advisor.storage.inputs import note_path, refuse_input

    for given in inputs:
        if given is not None:
            note_path(given, str(given))
    refuse_input(path, str(path))
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise OutputError(f"{path}: the folder {path.parent} does not exist")
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists; use --force to replace it")
    refuse_unwritable(path.parent, f"{path}")


def refuse_unwritable(folder: Path, shown: str) -> None:
    """Refuse a folder the command could not write its file into (the file is written
    beside itself and moved into place), before any question is asked."""
    import os

    if not os.access(folder, os.W_OK | os.X_OK):
        from platform_advisor.errors import OutputError

        raise OutputError(
            f"{shown}: cannot write in the folder {folder} (permission denied); "
            "choose another place"
        )


def ask(
    question: str, default: str | None, check: Callable[[str], Any], *, show_default: bool = True
) -> Any:
    """One question on stderr, its answer checked by ``check`` (a ValueError or a
    BadParameter asks again, with the reason). Enter takes the default shown; where there
    is none, an empty answer is told it needs one, rather than being asked again silently.
    Ctrl-C, or no more input, stops with nothing written (KeyboardInterrupt)."""

    def checked(text: str) -> Any:
        if not text.strip() and default is None:
            raise typer.BadParameter("this needs an answer (Ctrl-C stops, writing nothing)")
        try:
            return check(text if text.strip() else default or "")
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    try:
        return typer.prompt(
            question,
            default="" if default is None else default,
            show_default=show_default and bool(default),
            value_proc=checked,
            err=True,
        )
    except typer.Abort:
        raise KeyboardInterrupt from None


def confirmed(question: str) -> bool:
    """A yes-or-no question, yes by default; Ctrl-C (or no more input) stops."""
    try:
        return typer.confirm(question, default=True, err=True)
    except typer.Abort:
        raise KeyboardInterrupt from None


def today_or(as_of: datetime | None) -> date:
    return as_of.date() if as_of else date.today()


_DURATION = re.compile(r"\s*(\d{1,4})\s*(m|mo|months?|y|years?)?\s*", re.IGNORECASE)


def parse_months(text: str) -> int:
    """A duration such as '12m', '18 months' or '2y', in months (a bare number is months)."""
    match = _DURATION.fullmatch(text)
    if not match:
        raise typer.BadParameter(f"{text!r} is not a duration; write it like 12m or 2y")
    amount, unit = int(match[1]), (match[2] or "m").lower()
    return amount * 12 if unit.startswith("y") else amount


def method_name(choice: str) -> MethodName:
    """The scoring method a --method choice names ('weighted-sum' is 'weighted_sum')."""
    return cast("MethodName", choice.replace("-", "_"))


def format_name(choice: str) -> Format:
    """The report format a --format choice names."""
    return cast("Format", choice)
