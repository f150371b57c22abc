"""One error hierarchy, raised in the core and the loaders, caught once in the CLI.

Every message is written for the person running the tool: it says where, what, and
how to fix it. An exception that is not an ``AdvisorError`` is a bug and keeps its
traceback.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

#: How many problems one error message lists before it summarises the rest.
MAX_PROBLEMS_SHOWN = 30

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column count from 1."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is, what it is, how to fix it."""

    message: str
    location: Location | None = None
    field: str = ""
    hint: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            text = f"{text} ({self.hint})"
        if self.severity == "warning":
            text = f"warning: {text}"
        return f"{self.location}: {text}" if self.location else text


class AdvisorError(Exception):
    """Base of every error the user can cause; its message is shown as it is."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputFileError(AdvisorError):
    """A file that cannot be read at all: missing, a folder, unreadable, too large."""


class DataFileError(AdvisorError):
    """A file was read but its content is wrong; carries every problem found."""

    def __init__(self, problems: Sequence[Problem], summary: str = "") -> None:
        self.problems = tuple(problems)
        super().__init__(format_problems(self.problems, summary))


class CrossReferenceError(DataFileError):
    """Files are each valid but refer to things the others do not define."""


class AdviceError(AdvisorError):
    """The inputs are valid but no advice can be given (everything excluded, say)."""


class NotFoundError(AdvisorError):
    """A name on the command line matches nothing in the data, such as a platform id."""


class UnknownChoiceError(NotFoundError):
    """An option names a choice that does not exist (a criteria preset, a function id):
    a usage error, exit code 2, like any other bad option value."""

    exit_code = 2


class TemplateError(AdvisorError):
    """A report template failed to load or render."""


class OutputError(AdvisorError):
    """A result could not be written where the user asked."""


class MissingLibraryError(AdvisorError):
    """A library of the system that an optional output needs is not installed."""


def format_problems(problems: Sequence[Problem], summary: str = "") -> str:
    """List problems one per line, capped, with a count of those not shown."""
    lines = [summary] if summary else []
    lines.extend(str(problem) for problem in problems[:MAX_PROBLEMS_SHOWN])
    hidden = len(problems) - MAX_PROBLEMS_SHOWN
    if hidden > 0:
        lines.append(f"... and {hidden} more problem{'s' if hidden != 1 else ''} not shown")
    return "\n".join(lines)
