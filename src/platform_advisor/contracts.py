"""Names other people rely on, each defined once: the scoring methods, the report formats,
the kinds of file with a published JSON Schema, and the schema versions of what the
advisor writes. Free of heavy imports, so the command line offers them as its choices at
start-up; the models, the renderers and the CLI all take them from here."""

from __future__ import annotations

from typing import Final, Literal, get_args

from platform_advisor.algorithms import METHODS, MethodName

__all__ = [
    "COMPARISON_SCHEMA_VERSION",
    "DIFF_SCHEMA_VERSION",
    "FORMATS",
    "METHODS",
    "REPORT_FORMATS",
    "RESULT_SCHEMA_VERSION",
    "SCHEMA_KINDS",
    "Format",
    "MethodName",
    "ReportFormat",
    "SchemaKind",
    "option_word",
]

Format = Literal["terminal", "markdown", "json", "html"]
FORMATS: tuple[Format, ...] = get_args(Format)
#: The formats of a report: every text format, and a PDF written to a file.
ReportFormat = Literal["terminal", "markdown", "json", "html", "pdf"]
REPORT_FORMATS: tuple[ReportFormat, ...] = get_args(ReportFormat)

SchemaKind = Literal["catalog", "criteria", "profile", "result", "comparison"]
SCHEMA_KINDS: tuple[SchemaKind, ...] = get_args(SchemaKind)

#: The JSON result of `advisor score`; change only with a CHANGELOG entry.
RESULT_SCHEMA_VERSION: Final = "2.1"
#: The JSON comparison of `advisor compare`.
COMPARISON_SCHEMA_VERSION: Final = "2.0"
#: The JSON of `advisor diff`.
DIFF_SCHEMA_VERSION: Final = "1.1"


def option_word(name: str) -> str:
    """A name as the command line spells it: 'weighted_sum' is 'weighted-sum'."""
    return name.replace("_", "-")
