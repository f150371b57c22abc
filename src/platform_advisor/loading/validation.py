"""Validating plain data against a model, with pydantic's errors rewritten for people."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from platform_advisor.core.inputs.lookup import did_you_mean
from platform_advisor.core.inputs.references import dotted
from platform_advisor.errors import DataFileError, Location, Problem
from platform_advisor.loading.yaml_reader import Path, Spot, locate

ModelT = TypeVar("ModelT", bound=BaseModel)


def validate(model: type[ModelT], data: Any, text: str, display: str) -> ModelT:
    """The model built from ``data``, or DataFileError with every problem located."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise DataFileError(problems_from(error.errors(), model, text, display)) from None


def problems_from(
    errors: Sequence[ErrorDetails], model: type[BaseModel], text: str, display: str
) -> list[Problem]:
    """Each pydantic error as a Problem with file, line, column and our wording."""
    errors = _without_echoes(errors)
    paths = [_data_path(error) for error in errors]
    spots = locate(text, paths)
    problems = []
    for error, path in zip(errors, paths, strict=True):
        message, hint, field_path, at_key = _explain(error, path, model)
        spot = spots[path]
        problems.append(
            Problem(
                message,
                _location(display, spot, at_key),
                dotted(field_path),
                _hint(hint, error, spot),
            )
        )
    return sorted(problems, key=_position)


def _position(problem: Problem) -> tuple[int, int]:
    """Problems in the order a reader meets them in the file."""
    location = problem.location
    return (location.line or 0, location.column or 0) if location else (0, 0)


def _without_echoes(errors: Sequence[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "too short" errors on lists whose items failed: the item errors say it all.

    Linear in the number of errors, so a flood of them stays cheap.
    """
    enclosing = {error["loc"][:n] for error in errors for n in range(len(error["loc"]))}
    return [
        error
        for error in errors
        if not (error["type"] == "too_short" and error["loc"] in enclosing)
    ]


def _data_path(error: ErrorDetails) -> Path:
    """The location in the data: pydantic's loc without its '[key]' markers, and further
    in where a model's own check names the part at fault (`at` in its context)."""
    inside = (error.get("ctx") or {}).get("at", ())
    return (*(part for part in error["loc"] if part != "[key]"), *inside)


def _location(display: str, spot: Spot, at_key: bool) -> Location:
    if at_key and spot.key_line is not None:
        return Location(display, spot.key_line, spot.key_column)
    return Location(display, spot.line, spot.column)


def _hint(hint: str, error: ErrorDetails, spot: Spot) -> str:
    if hint or error["type"] != "string_type" or spot.raw is None:
        return hint
    return f'quote it: "{spot.raw}"'


def _explain(
    error: ErrorDetails, path: Path, model: type[BaseModel]
) -> tuple[str, str, Path, bool]:
    """Message, hint, the field path to show, and whether to point at the key."""
    kind = error["type"]
    if kind == "missing":
        return f"missing required field {path[-1]!r}", "", path[:-1], False
    if kind == "extra_forbidden":
        known = _fields_at(model, path[:-1])
        name = str(path[-1])
        hint = did_you_mean(name, known) or (f"allowed: {', '.join(known)}" if known else "")
        return f"unknown field {name!r}", hint, path[:-1], True
    explain = _MESSAGES.get(kind)
    message = explain(error) if explain else _strip_prefix(error["msg"])
    if kind in _NUMBER_KINDS and _huge(error.get("input")):
        message = _too_large(model, path, error.get("input"))
    hint = ""
    if kind in ("literal_error", "enum"):
        expected = _expected_choices(error)
        hint = did_you_mean(str(error.get("input")), expected)
    if "[key]" in error["loc"]:
        return message, hint, path, True
    return message, hint, path, False


def _strip_prefix(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


_NUMBER_KINDS = frozenset({"float_type", "float_parsing", "finite_number", "int_type"})


def _huge(value: Any) -> bool:
    """A whole number no float can hold, or too long to show."""
    return type(value) is int and len(str(abs(value))) > 40


def _too_large(model: type[BaseModel], path: Path, value: int) -> str:
    """The limit of the field, where it has one, and how long the number is."""
    bound = _upper_bound(model, path)
    got = _got(value)
    if bound is None:
        return f"is too large ({got})"
    shown = f"{bound:g}" if isinstance(bound, float) else bound
    return f"must be at most {shown} (got {got})"


def _upper_bound(model: type[BaseModel], path: Path) -> int | float | None:
    """The `le` or `lt` of the field at `path`, if it has one."""
    if not path or not isinstance(path[-1], str):
        return None
    parent = _without_none(_annotation_at(model, path[:-1]))
    if not (isinstance(parent, type) and issubclass(parent, BaseModel)):
        return None
    info = parent.model_fields.get(path[-1])
    if info is None:
        return None
    # An optional field keeps its constraints inside the union: Annotated[float, Field(le=...)].
    inner = getattr(_without_none(info.annotation), "__metadata__", ())
    for constraint in _constraints([*info.metadata, *inner]):
        for name in ("le", "lt"):
            bound = getattr(constraint, name, None)
            if isinstance(bound, int | float):
                return bound
    return None


def _constraints(metadata: list[Any]) -> list[Any]:
    """The constraints among a field's metadata, those inside a Field(...) included."""
    found: list[Any] = []
    for item in metadata:
        found.extend(getattr(item, "metadata", None) or [item])
    return found


def _got(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int) and len(str(abs(value))) > 40:
        return f"a number of {len(str(abs(value))):,} digits"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _bound(word: str, key: str) -> Callable[[ErrorDetails], str]:
    def explain(error: ErrorDetails) -> str:
        limit = (error.get("ctx") or {}).get(key)
        shown = f"{limit:g}" if isinstance(limit, float) else limit
        return f"must be {word} {shown} (got {_got(error.get('input'))})"

    return explain


def _expected_choices(error: ErrorDetails) -> list[str]:
    expected = str((error.get("ctx") or {}).get("expected", ""))
    return [choice.strip(" '") for choice in expected.replace(" or ", ", ").split(",") if choice]


def _choices(error: ErrorDetails) -> str:
    return f"must be one of {', '.join(_expected_choices(error))} (got {_got(error.get('input'))})"


def _typed(expected: str) -> Callable[[ErrorDetails], str]:
    def explain(error: ErrorDetails) -> str:
        return f"must be {expected} (got {_got(error.get('input'))})"

    return explain


def _length(unit: str, key: str, word: str) -> Callable[[ErrorDetails], str]:
    def explain(error: ErrorDetails) -> str:
        ctx = error.get("ctx") or {}
        limit = ctx.get(key)
        return f"must have {word} {limit} {unit}{'s' if limit != 1 else ''}"

    return explain


_MESSAGES: dict[str, Callable[[ErrorDetails], str]] = {
    "less_than_equal": _bound("at most", "le"),
    "less_than": _bound("below", "lt"),
    "greater_than_equal": _bound("at least", "ge"),
    "greater_than": _bound("above", "gt"),
    "finite_number": _typed("a finite number"),
    "int_type": _typed("a whole number"),
    "int_parsing": _typed("a whole number"),
    "int_from_float": _typed("a whole number"),
    "float_type": _typed("a number"),
    "float_parsing": _typed("a number"),
    "bool_type": _typed("true or false"),
    "bool_parsing": _typed("true or false"),
    "string_type": _typed("text"),
    "list_type": _typed("a list"),
    "tuple_type": _typed("a list"),
    "dict_type": _typed("a mapping of names to values"),
    "mapping_type": _typed("a mapping of names to values"),
    "model_type": _typed("a mapping of fields"),
    "model_attributes_type": _typed("a mapping of fields"),
    "literal_error": _choices,
    "enum": _choices,
    "string_too_short": _length("character", "min_length", "at least"),
    "string_too_long": _length("character", "max_length", "at most"),
    "too_short": _length("item", "min_length", "at least"),
    "too_long": _length("item", "max_length", "at most"),
}


def _fields_at(model: type[BaseModel], path: Path) -> list[str]:
    """Field names of the model found by walking ``path`` from ``model``."""
    current = _without_none(_annotation_at(model, path))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _annotation_at(model: type[BaseModel], path: Path) -> Any:
    """The annotation found by walking ``path`` from ``model``."""
    current: Any = model
    for part in path:
        current = _step(_without_none(current), part)
    return current


def _step(annotation: Any, part: str | int) -> Any:
    """The annotation one level down: a model's field, a list's item, a mapping's value."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        info = annotation.model_fields.get(part) if isinstance(part, str) else None
        return info.annotation if info else None
    args = [arg for arg in get_args(annotation) if arg is not Ellipsis]
    if not args:
        return None
    return args[0] if isinstance(part, int) else args[-1]


def _without_none(annotation: Any) -> Any:
    """X from Optional[X]; anything else unchanged."""
    if get_origin(annotation) in (Union, UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        return options[0] if len(options) == 1 else annotation
    return annotation
