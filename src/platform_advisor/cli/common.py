"""What every command shares: error handling, output and option parsing helpers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer

EXIT_INTERRUPTED = 130


def err(message: str) -> None:
    """A diagnostic line on stderr."""
    typer.echo(message, err=True)


@contextmanager
def handled_errors() -> Iterator[None]:
    """Turn our errors into a message on stderr and an exit code; Ctrl-C into 130.

    Anything else is a bug and keeps its traceback.
    """
    from platform_advisor.errors import AdvisorError

    try:
        yield
    except AdvisorError as error:
        err(f"error: {error}")
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        err("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None


def emit(text: str, output: Path | None) -> None:
    """Write the result to a file atomically, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from platform_advisor.atomic import write_atomic

    write_atomic(output, text, str(output))
    err(f"wrote {output}")
