"""Safe, fast YAML for data files.

libyaml's event parser does the reading (it never recurses, so deep nesting cannot crash
the process) and a small builder here turns events into plain data in one pass:

- anchors, aliases and tags are refused, which ends alias bombs;
- nesting deeper than a limit is refused before anything is built from it;
- duplicate keys are errors, not silently the last value;
- plain scalars follow YAML 1.2: only ``true``/``false`` are booleans and ``NO``,
  ``yes``, ``12:30``, ``012345`` and dates stay text; numbers with a leading zero stay
  text too. Keys are always text.

Locations are not recorded while building (that would slow every load); when something
is wrong, ``locate`` reads the text again and finds the line and column of each path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events

from platform_advisor.errors import DataFileError, Location, Problem

try:
    from yaml import CSafeLoader as EventLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as EventLoader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_PROBLEMS = 1000
#: The most digits a whole number may have: Python's own limit on turning text into an
#: integer (converting more takes time that grows with the square of the digits).
MAX_DIGITS = 4300

Path = tuple[str | int, ...]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL: dict[str, Any] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_NUMBER_START = frozenset("0123456789-+.")


def plain_scalar(text: str) -> Any:
    """The value of an unquoted scalar under our YAML 1.2 rules (a whole number of more
    than MAX_DIGITS digits stays text: the reader reports it, see `too_many_digits`)."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    if text[0] in _NUMBER_START:
        if _INT.fullmatch(text):
            return text if too_many_digits(text) else int(text)
        if _FLOAT.fullmatch(text) and not re.match(r"[-+]?0[0-9]", text):
            return float(text)
    return text


# YAML 1.1, as PyYAML's safe_load, yq and pre-commit read it, differs from our rules on a
# few plain scalars.
_YAML11 = yaml.resolver.Resolver()
_YAML11_VALUE = yaml.constructor.SafeConstructor()
_YAML11_TEXT = "tag:yaml.org,2002:str"
_YAML11_KINDS = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
}
# The YAML 1.1 spec makes these booleans too; PyYAML does not, other tools do.
_YAML11_LETTERS = frozenset({"y", "Y", "n", "N"})


def too_many_digits(text: str) -> str | None:
    """The problem with a whole number written with more digits than any can have, or None."""
    digits = len(text.lstrip("+-"))
    if digits <= MAX_DIGITS or not text.lstrip("+-").isdigit():
        return None
    return f"a number of {digits:,} digits is too long (at most {MAX_DIGITS:,} digits)"


def yaml11_reading(text: str) -> str | None:
    """What a YAML 1.1 reader makes of this unquoted text where it is not what we make of it
    ('a boolean' for NO, 'a number' for 1:30 or 010, 'a date'); None where the two agree."""
    if too_many_digits(text.replace("_", "")):
        return None  # a YAML 1.1 reader cannot read it either
    if text in _YAML11_LETTERS:
        return "a boolean"
    tag = _YAML11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    ours = plain_scalar(text) if text else None
    if tag == _YAML11_TEXT:
        return None if isinstance(ours, str) else "text"
    if tag not in _YAML11_KINDS:  # '=' and '<<' have tags of their own in YAML 1.1
        return "a special value"
    theirs = _YAML11_VALUE.construct_object(yaml.ScalarNode(tag, text))
    if type(ours) is type(theirs) and (ours == theirs or (ours != ours and theirs != theirs)):
        return None  # the same value (NaN, too, is the same to both)
    return _YAML11_KINDS[tag]


def yaml11_surprises(text: str, source: str) -> list[Problem]:
    """A warning at each unquoted scalar (key or value) that YAML 1.1 tools read otherwise;
    not at dates, which both readers end with (our models parse the text)."""
    found = []
    stream: Iterator[Any] = yaml.parse(text, Loader=EventLoader)
    for event in stream:
        if type(event) is not events.ScalarEvent or event.style or not event.implicit[0]:
            continue
        reading = yaml11_reading(event.value)
        if reading is not None and reading != "a date":
            mark: Any = event.start_mark
            found.append(
                Problem(
                    f"{event.value!r} is text here, but {reading} to YAML 1.1 tools "
                    "(PyYAML's safe_load, yq, pre-commit's check-yaml)",
                    Location(source, mark.line + 1, mark.column + 1),
                    hint=f'quote it: "{event.value}"',
                    severity="warning",
                )
            )
    return found


class _NoKey:
    """Marks a mapping that is waiting for its next key."""


_NO_KEY = _NoKey()


@dataclass
class _Builder:
    """Turns a stream of parser events into plain data, collecting problems."""

    source: str
    max_depth: int
    problems: list[Problem] = field(default_factory=list)
    stack: list[Any] = field(default_factory=list)
    keys: list[Any] = field(default_factory=list)
    documents: int = 0
    root: Any = None

    def problem(self, event: Any, message: str, hint: str = "") -> None:
        mark = event.start_mark
        location = Location(self.source, mark.line + 1, mark.column + 1)
        self.problems.append(Problem(message, location, hint=hint))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooManyProblems

    def add(self, value: Any, event: Any) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        if type(top) is list:
            top.append(value)
            return
        key = self.keys[-1]
        if key is _NO_KEY:
            self.add_key(value, event)
        else:
            top[key] = value
            self.keys[-1] = _NO_KEY

    def add_key(self, value: Any, event: Any) -> None:
        if type(value) is not str:
            self.problem(event, "a mapping key must be a plain name, not a list or mapping")
            value = f"<complex key {len(self.problems)}>"
        elif value in self.stack[-1]:
            self.problem(event, f"duplicate key {value!r}", "each key may appear once in a mapping")
        self.keys[-1] = value

    def open(self, container: Any, event: Any) -> None:
        self.check_node(event)
        if len(self.stack) >= self.max_depth:
            self.problem(event, f"nested deeper than {self.max_depth} levels")
            raise _TooDeep
        self.add(container, event)
        self.stack.append(container)
        self.keys.append(_NO_KEY)

    def close(self) -> None:
        self.stack.pop()
        self.keys.pop()

    def check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self.problem(event, f"anchors (&{event.anchor}) are not allowed", "write the value out")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.problem(event, f"tags ({tag}) are not allowed", "quote the value instead")


class _TooManyProblems(Exception):
    pass


class _TooDeep(Exception):
    pass


def parse_yaml(text: str, source: str, max_depth: int = MAX_DEPTH) -> Any:
    """Plain data from YAML text, or DataFileError listing every problem with its place."""
    builder = _Builder(source, max_depth)
    try:
        _build(builder, yaml.parse(text, Loader=EventLoader))
    except yaml.MarkedYAMLError as error:
        if _library_nesting_limit(error):
            builder.problems.append(_nesting_problem(text, source, max_depth, error))
        else:
            builder.problems.append(_syntax_problem(error, text, source))
    except (_TooManyProblems, _TooDeep):
        pass
    if builder.problems:
        raise DataFileError(builder.problems)
    if builder.documents == 0 or builder.root is None:
        raise DataFileError([Problem("the file is empty", Location(source))])
    return builder.root


def _build(builder: _Builder, stream: Iterator[Any]) -> None:
    """The hot loop: events are dispatched on their exact type, the cheapest test."""
    for event in stream:
        kind = type(event)
        if kind is events.ScalarEvent:
            stack = builder.stack
            is_key = bool(stack) and type(stack[-1]) is dict and builder.keys[-1] is _NO_KEY
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                builder.check_node(event)
            if is_key or not event.implicit[0] or event.style:
                builder.add(event.value, event)
            else:
                if event.value[:1] in _NUMBER_START and (problem := too_many_digits(event.value)):
                    builder.problem(event, problem)
                builder.add(plain_scalar(event.value), event)
        elif kind is events.MappingStartEvent:
            builder.open({}, event)
        elif kind is events.SequenceStartEvent:
            builder.open([], event)
        elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
            builder.close()
        elif kind is events.AliasEvent:
            builder.problem(
                event, f"aliases (*{event.anchor}) are not allowed", "write the value out"
            )
            builder.add(None, event)
        elif kind is events.DocumentStartEvent:
            builder.documents += 1
            if builder.documents > 1:
                builder.problem(event, "the file holds more than one YAML document", "remove '---'")
                return


def _library_nesting_limit(error: yaml.MarkedYAMLError) -> bool:
    """libyaml (0.2.6 and later) stops deep nesting itself, often before our own check:
    its scanner reads a run of flow brackets ahead of the events we count."""
    return "maximum nesting depth" in (error.problem or "")


def _nesting_problem(
    text: str, source: str, max_depth: int, error: yaml.MarkedYAMLError
) -> Problem:
    """Our message for nesting too deep, placed where it passes our limit: the events
    that came before the library stopped give the depth so far, and the flow brackets
    after them, counted here, give the place."""
    depth, resume = _depth_before_library_stopped(text, max_depth)
    index = flow_bracket_past_limit(text, resume, depth, max_depth)
    if index is None:  # passed the limit in block context: the library's place will do
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    else:
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Problem(f"nested deeper than {max_depth} levels", Location(source, line, column))


def _depth_before_library_stopped(text: str, max_depth: int) -> tuple[int, int]:
    """How many containers were open, and where the last event ended, when parsing stopped."""
    depth = resume = 0
    stream: Iterator[Any] = yaml.parse(text, Loader=EventLoader)
    try:
        for event in stream:
            kind = type(event)
            if kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                depth += 1
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                depth -= 1
            resume = event.end_mark.index
    except yaml.MarkedYAMLError:
        pass
    return min(depth, max_depth), resume


def flow_bracket_past_limit(text: str, start: int, depth: int, max_depth: int) -> int | None:
    """The index of the flow bracket that opens level max_depth + 1, skipping quoted text
    and comments, or None if the brackets after `start` never get there."""
    index = start
    while index < len(text):
        char = text[index]
        if char in "[{":
            if depth >= max_depth:
                return index
            depth += 1
        elif char in "]}":
            depth -= 1
        elif char in "'\"":
            index = _end_of_quoted(text, index)
        elif char == "#" and (index == 0 or text[index - 1] in " \t\n"):
            index = text.find("\n", index)
            if index < 0:
                return None
        index += 1
    return None


def _end_of_quoted(text: str, opening: int) -> int:
    """The index of the quote that closes the quoted scalar opening at `opening`."""
    quote = text[opening]
    index = opening + 1
    while index < len(text):
        char = text[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and text[index + 1 : index + 2] == "'":  # '' is an escaped quote
                index += 2
                continue
            return index
        index += 1
    return len(text)


#: YAML's limit on a key written without quotes or a '?': its colon must come within this
#: many characters of its start.
MAX_KEY_LENGTH = 1024


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, source: str) -> Problem:
    if _unclosed_quote(error):
        return _unclosed_quote_problem(error, source)
    if _key_too_long(error):
        opened = error.context_mark
        assert opened is not None
        return Problem(
            f"invalid YAML: {error.problem} ({error.context})",
            Location(source, opened.line + 1, opened.column + 1),
            hint=f"a key can be at most {MAX_KEY_LENGTH:,} characters long; shorten this one",
        )
    mark = error.problem_mark or error.context_mark
    location = Location(source, mark.line + 1, mark.column + 1) if mark else Location(source)
    message = error.problem or "invalid YAML"
    if error.context:
        message = f"{message} ({error.context})"
    at = text[mark.index : mark.index + 1] if mark and 0 <= mark.index < len(text) else ""
    hint = _syntax_hint(message, at)
    if mark and "mapping values are not allowed" in message:
        hint = _deeper_than_above(text, mark.line) or hint
    return Problem(f"invalid YAML: {message}", location, hint=hint)


def _key_too_long(error: yaml.MarkedYAMLError) -> bool:
    """libyaml gives up on a key whose colon is too far from its start, and says only that
    it found no colon, at the far end."""
    opened, stopped = error.context_mark, error.problem_mark
    return (
        error.context == "while scanning a simple key"
        and opened is not None
        and stopped is not None
        and opened.line == stopped.line
        and stopped.column - opened.column >= MAX_KEY_LENGTH
    )


def _unclosed_quote(error: yaml.MarkedYAMLError) -> bool:
    return (
        error.context == "while scanning a quoted scalar"
        and error.context_mark is not None
        and "end of stream" in (error.problem or "")
    )


def _unclosed_quote_problem(error: yaml.MarkedYAMLError, source: str) -> Problem:
    """Told where the quote opens: the end of the file, where YAML notices, is no help."""
    opened = error.context_mark
    assert opened is not None
    return Problem(
        "invalid YAML: this quoted value is never closed",
        Location(source, opened.line + 1, opened.column + 1),
        hint="end it with the same quote mark it starts with",
    )


def _syntax_hint(message: str, at: str) -> str:
    if at == "\t" or "\\t" in message:
        return "indent with spaces; YAML does not allow tabs for indentation"
    if "mapping values are not allowed" in message:
        return "a value that contains ': ' must be quoted"
    if "did not find expected key" in message:
        return "check this line's indentation: the keys of one mapping line up"
    if "found character '@'" in message or "found character '`'" in message:
        return "quote values that start with @ or `"
    return ""


def _content_line_before(lines: list[str], line: int) -> int | None:
    """The nearest line above that holds more than blanks or a comment."""
    for number in range(line - 1, -1, -1):
        content = lines[number].strip()
        if content and not content.startswith("#"):
            return number
    return None


_SIMPLE_KEY = re.compile(r"(\s*)(?:- )?[\w.-]+:(?:\s|$)")


def _deeper_than_above(text: str, line: int) -> str:
    """A hint when a `key:` line sits deeper than the line above, which has its value."""
    lines = text.splitlines()
    if line >= len(lines):
        return ""
    above = _content_line_before(lines, line)
    here = _SIMPLE_KEY.match(lines[line])
    if above is None or here is None:
        return ""
    before = _SIMPLE_KEY.match(lines[above])
    if before is None or len(here.group(1)) <= len(before.group(1)):
        return ""
    if not lines[above].split(":", 1)[1].strip():  # the line above opens a mapping
        return ""
    return (
        f"line {line + 1} is indented more than line {above + 1}, which already has a value; "
        "keys of one mapping line up"
    )


@dataclass(frozen=True)
class Spot:
    """Where a node sits, and where its key sits if it is a mapping value."""

    line: int
    column: int
    key_line: int | None = None
    key_column: int | None = None
    raw: str | None = None


def locate(text: str, paths: Iterable[Path]) -> dict[Path, Spot]:
    """The place of each path's node (or of its nearest enclosing node, if absent)."""
    wanted = {tuple(path) for path in paths}
    prefixes = {path[:n] for path in wanted for n in range(len(path) + 1)}
    found: dict[Path, Spot] = {}
    trail: list[list[Any]] = []  # per open container: [path, is_mapping, next index or key]
    pending_key: dict[int, tuple[str, Any]] = {}
    stream: Iterator[Any] = yaml.parse(text, Loader=EventLoader)
    for event in stream:
        kind = type(event)
        if kind in (events.MappingEndEvent, events.SequenceEndEvent):
            trail.pop()
            continue
        if kind not in (events.ScalarEvent, events.MappingStartEvent, events.SequenceStartEvent):
            continue
        if trail and trail[-1][1] and len(trail) not in pending_key:
            if kind is events.ScalarEvent:
                pending_key[len(trail)] = (event.value, event.start_mark)
            else:
                pending_key[len(trail)] = ("", event.start_mark)
            continue
        path, key_mark = _node_path(trail, pending_key)
        if path in prefixes:
            found[path] = Spot(
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                key_mark.line + 1 if key_mark else None,
                key_mark.column + 1 if key_mark else None,
                event.value if kind is events.ScalarEvent else None,
            )
        if kind is not events.ScalarEvent:
            trail.append([path, kind is events.MappingStartEvent, 0])
    return {path: _nearest(path, found) for path in wanted}


def _node_path(trail: list[list[Any]], pending_key: dict[int, tuple[str, Any]]) -> tuple[Path, Any]:
    if not trail:
        return (), None
    parent = trail[-1]
    if parent[1]:
        key, key_mark = pending_key.pop(len(trail))
        return (*parent[0], key), key_mark
    index = parent[2]
    parent[2] += 1
    return (*parent[0], index), None


def _nearest(path: Path, found: dict[Path, Spot]) -> Spot:
    for n in range(len(path), -1, -1):
        if path[:n] in found:
            return found[path[:n]]
    return Spot(1, 1)
