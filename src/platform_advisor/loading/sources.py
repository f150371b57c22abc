"""A file read for loading: its name as the user knows it, its text, the model validated
from it, and problems found later located back in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from platform_advisor.core.inputs.references import (
    Finding,
    dotted,
)
from platform_advisor.errors import (
    CrossReferenceError,
    DataFileError,
    Location,
    Problem,
)
from platform_advisor.loading.text_files import display_name, read_text
from platform_advisor.storage.cache import ModelCodec, cached, remember
from platform_advisor.storage.collector import collector_paused

ModelT = TypeVar("ModelT", bound=BaseModel)

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Source:
    """A file's name as shown to the user, and its text (kept to locate later problems);
    the path it was read from, when it was."""

    display: str
    text: str
    path: Path | None = None


def read_source(path: Path) -> Source:
    display = display_name(path)
    return Source(display, read_text(path, display), path)


def load_model(model: type[ModelT], path: Path) -> tuple[ModelT, Source]:
    """One YAML file validated against one model (or its cached validation)."""
    source = read_source(path)
    return validated(model, source), source


def validated(model: type[ModelT], source: Source) -> ModelT:
    """The model from a file's text; YAML and validators load only on a cache miss."""
    codec = ModelCodec(model)
    known = cached(codec, [source.text])
    if known is not None:
        return known
    from platform_advisor.loading.validation import validate
    from platform_advisor.loading.yaml_reader import parse_yaml

    with collector_paused():
        data = parse_yaml(source.text, source.display)
        if not isinstance(data, dict):
            raise DataFileError([_shape_problem(model, data, source.display)])
        value = validate(model, data, source.text, source.display)
    remember(codec, [source.text], value)
    return value


def _shape_problem(model: type[BaseModel], data: Any, display: str) -> Problem:
    kind = "a list" if isinstance(data, list) else f"a single value ({data!r:.40})"
    fields = ", ".join(model.model_fields)
    return Problem(
        f"the file holds {kind}; expected a mapping with the fields {fields}",
        Location(display, 1, 1),
    )


def located(findings: Sequence[Finding], sources: dict[str, Source]) -> list[Problem]:
    """Findings as problems with file, line and column."""
    from platform_advisor.loading.yaml_reader import locate

    problems = []
    by_document: dict[str, list[Finding]] = {}
    for finding in findings:
        by_document.setdefault(finding.document, []).append(finding)
    for document, group in by_document.items():
        spots = locate(sources[document].text, [f.path for f in group])
        for finding in group:
            spot = spots[finding.path]
            line, column = spot.line, spot.column
            if finding.at_key and spot.key_line is not None:
                line, column = spot.key_line, spot.key_column or 1
            problems.append(
                Problem(
                    finding.message,
                    Location(document, line, column),
                    dotted(finding.path),
                    finding.hint,
                    finding.severity,
                )
            )
    return problems


def raise_located(findings: Sequence[Finding], sources: dict[str, Source]) -> None:
    """Raise CrossReferenceError with every finding located; warnings alone do not raise."""
    if any(finding.severity == "error" for finding in findings):
        raise CrossReferenceError(located(findings, sources))
