"""The guarded sandbox for users' own templates: Jinja's immutable sandbox, plus limits.

Rendering stops with an error when it runs too long or its text grows too large. Jinja's
sandbox already caps ``range``; the guard checks the clock on every pass of every loop,
every call and every attribute looked up (so nested loops, recursive macros and sorts by
an attribute stop), and refuses, before anything is allocated, an operation whose result
would pass the limits: every method of text that can grow it (each one is weighed, and a
test holds the list to Python's), every operator, every filter. Three limits hold: the
characters of one value or of the output, the items of one list (a list costs memory by
its items, and a sort's time grows with them), and the characters of every value built
while rendering, together, which bounds memory however values are kept (in variables, in
a recursion's frames). An operating-system limit (``ulimit``) remains the backstop.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from pathlib import Path
from typing import Any, cast

from jinja2 import BaseLoader, Environment, TemplateNotFound, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import Namespace, pass_eval_context

#: The most characters a user template may produce, or build in one value. The shipped
#: report is about 40 thousand characters and the whole result as JSON about 150
#: thousand; even a template listing every platform of a 100,000-platform catalog stays
#: well below this. Past it, something has run away; the cap also keeps memory in check.
MAX_OUTPUT_CHARS = 16_000_000
#: The longest a user template may take to render. The shipped report takes a few
#: milliseconds; a template that needs seconds is looping or recursing out of control.
MAX_RENDER_SECONDS = 10.0
#: The largest integer a template may compute, in bits. Python cannot print an integer
#: of more than 4,300 digits (about 14,300 bits) anyway; a power such as 10**10**9 would
#: take hours and gigabytes before failing.
MAX_INTEGER_BITS = 100_000
#: Characters of the output limit per item a list may hold: a million items by default. A
#: list of a million short texts takes some 60 MB, and sorting it under a second.
CHARS_PER_ITEM = 16
#: How many times the output limit every value built while rendering may add up to.
BUILT_PER_OUTPUT = 4
#: The clock render deadlines are measured by (tests replace it with one they control).
clock: Callable[[], float] = time.monotonic
# The guarded sandbox for users' templates ---------------------------------------------------


class VisibleFilesLoader(BaseLoader):
    """The user's template, and the templates it includes from its own folder: none
    hidden (a template kept in a home folder must not include ``.ssh/id_rsa`` or ``.env``
    into a report it writes), none outside the folder once links are resolved, none but
    regular files, each read within the limits every input has.

    `main` is the template's own text, read already (it may have come through a pipe,
    which cannot be read twice); `folder` is None when the template is not a file in a
    folder, and then nothing can be included.
    """

    def __init__(self, folder: Path | None, main: tuple[str, str, str]) -> None:
        self.folder = folder
        self.main = main  # name, text, file name

    def get_source(
        self, _environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        name, text, filename = self.main
        if template == name:
            return text, filename, lambda: True
        if any(part.startswith(".") and part not in (".", "..") for part in _parts(template)):
            raise TemplateNotFound(f"{template} (hidden files and folders are not read)")
        if self.folder is None:
            raise TemplateNotFound(f"{template} (a template read from a pipe includes nothing)")
        path = self._inside(template)
        from platform_advisor.loading.text_files import read_text

        return read_text(path, str(path)), str(path), lambda: True

    def _inside(self, template: str) -> Path:
        """The included file, refused unless it is a regular file inside the folder."""
        from jinja2.loaders import split_template_path

        assert self.folder is not None
        path = self.folder.joinpath(*split_template_path(template))
        root = os.path.realpath(self.folder)
        if os.path.commonpath([os.path.realpath(path), root]) != root:
            raise TemplateNotFound(f"{template} (it leads outside the template's folder)")
        try:
            mode = path.stat().st_mode
        except (OSError, ValueError):
            raise TemplateNotFound(template) from None
        if not stat.S_ISREG(mode):
            raise TemplateNotFound(f"{template} (not a file)")
        return path


def _parts(template: str) -> list[str]:
    return template.replace("\\", "/").split("/")


class RenderLimitError(SecurityError):
    """A user template went past the limit on its running time or on its size."""


class Budget:
    """The limits of one rendering: a deadline and a size no value or output may pass."""

    def __init__(self) -> None:
        self.chars = MAX_OUTPUT_CHARS
        self.items = MAX_OUTPUT_CHARS // CHARS_PER_ITEM
        self.built_limit = MAX_OUTPUT_CHARS * BUILT_PER_OUTPUT
        self.built = 0
        self.seconds = MAX_RENDER_SECONDS
        self.bits = MAX_INTEGER_BITS
        self.deadline = clock() + self.seconds

    def tick(self) -> None:
        """Stop the rendering once its time is up."""
        if clock() > self.deadline:
            raise RenderLimitError(
                f"rendering took longer than {self.seconds:g} seconds, the limit for a "
                "template; look for a loop or a recursion that runs away"
            )

    def overrun(self, size: int, what: str) -> RenderLimitError | None:
        """The error to raise when text of this size, or the time taken, is too much."""
        if size > self.chars:
            return RenderLimitError(
                f"{what} would be {size:,} characters or more, past the limit of "
                f"{self.chars:,} for a template; look for a repetition or a loop that runs away"
            )
        try:
            self.tick()
        except RenderLimitError as error:
            return error
        return None

    def allow(self, size: int, what: str) -> None:
        """Refuse to build a value of this size before it is built, and count it among
        the values built."""
        if size > self.chars:
            raise RenderLimitError(
                f"{what} would be {size:,} characters or more, past the limit of "
                f"{self.chars:,} for a template"
            )
        self.built += size
        if self.built > self.built_limit:
            raise RenderLimitError(
                f"the values built would be {self.built:,} characters or more, past the "
                f"limit of {self.built_limit:,} for a template; look for a loop or a "
                "recursion that builds large values"
            )

    def allow_items(self, count: int, what: str = "a list") -> None:
        if count > self.items:
            raise RenderLimitError(
                f"{what} would have {count:,} items, past the limit of {self.items:,} "
                "for a template"
            )

    def gathered(
        self, iterable: Iterable[Any], *, weighed: bool = False, separator: int = 0
    ) -> list[Any]:
        """The items of an iterable as a list, stopped as soon as there are too many of
        them or (when weighed, as for a join) too much text in them, before the rest is
        made: a generator (a ``map``, a ``select``) yields its items one at a time."""
        items: list[Any] = []
        size = 0
        for item in iterable:
            if len(items) % 1024 == 0:
                self.tick()
            items.append(item)
            if len(items) > self.items:
                raise RenderLimitError(
                    f"a list would have {len(items):,} items or more, past the limit of "
                    f"{self.items:,} for a template"
                )
            if weighed:
                size += weight(item, self.chars) + (separator if len(items) > 1 else 0)
                if size > self.chars:
                    raise RenderLimitError(
                        f"a joined text would be {size:,} characters or more, past the limit "
                        f"of {self.chars:,} for a template"
                    )
        return items

    def allow_bits(self, bits: int) -> None:
        if bits > self.bits:
            raise RenderLimitError(
                f"the number would have about {bits:,} bits, past the limit of "
                f"{self.bits:,} for a template"
            )


def weight(value: Any, budget: int) -> int:
    """Roughly how many characters the value makes as text, counted until past `budget`.

    A list may hold the same long string many times over at little cost; it is its text
    that costs, so it is the text that is weighed before a value is turned into text.
    """
    total = 0
    pending = [value]
    while pending and total <= budget:
        item = pending.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            if total <= budget:
                pending.extend(item)
        elif isinstance(item, Mapping | Namespace):
            entries = _entries(item)
            total += 2 + 4 * len(entries)
            if total <= budget:
                pending.extend(entries.keys())
                pending.extend(entries.values())
        else:
            total += 8  # a number, None, or a small object
    return total


def _entries(mapping: Mapping[Any, Any] | Namespace) -> Mapping[Any, Any]:
    if isinstance(mapping, Namespace):
        attributes: Mapping[Any, Any] = object.__getattribute__(mapping, "_Namespace__attrs")
        return attributes
    return mapping


class GuardedCodeGenerator(CodeGenerator):
    """Compiles each loop to check the clock on every pass, and each ``~`` to weigh
    its operands before joining them."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not _is_environment_call(node.iter):
            node.iter = _environment_call("paced", node.iter)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        operands = nodes.Tuple(list(node.nodes), "load", lineno=node.lineno)
        self.visit(_environment_call("joined", operands), frame)


def _environment_call(method: str, argument: nodes.Node) -> nodes.Call:
    """A call of the environment's own method, which no template name can shadow."""
    target = nodes.EnvironmentAttribute(method, lineno=argument.lineno)
    return nodes.Call(target, [argument], [], None, None, lineno=argument.lineno)


def _is_environment_call(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Call) and isinstance(node.node, nodes.EnvironmentAttribute)


class GuardedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a budget of time and size, for templates users write.

    Every loop pass, call, operator and filter checks the clock; operators, calls and
    filters that can multiply text are weighed first; every buffer and output is
    measured before it is joined.
    """

    code_generator_class = GuardedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.budget = Budget()
        self.globals["lipsum"] = self._guarded_lipsum(
            cast("Callable[..., str]", self.globals["lipsum"])
        )
        self.finalize = self._weighed(self.finalize or str)

    def guard_filters(self) -> None:
        """Wrap every filter, once all are registered, in the budget's checks."""
        self.filters = {name: self._guarded(name, f) for name, f in self.filters.items()}

    def paced(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """The loop's items, with the clock checked before each pass."""
        for item in iterable:
            self.budget.tick()
            yield item

    @pass_eval_context
    def joined(self, eval_ctx: EvalContext, operands: Sequence[Any]) -> str:
        """``a ~ b``, weighed before it is built."""
        self.budget.allow(sum(weight(o, self.budget.chars) for o in operands), "a joined text")
        return markup_join(operands) if eval_ctx.autoescape else str_join(operands)

    def concat(self, parts: Iterable[str]) -> str:
        """A buffer (a macro's or a block's text) joined, measured first."""
        pieces = list(parts)
        self.budget.allow(sum(map(len, pieces)), "a block's text")
        return "".join(pieces)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.budget.tick()
        check_operator(self.budget, operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.budget.tick()
        args = check_call(__self.budget, __obj, args, kwargs)
        return __self.measured(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Every attribute looked up checks the clock: a sort or a group by an attribute
        looks one up for each item."""
        self.budget.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.budget.tick()
        return super().getitem(obj, argument)

    def measured(self, result: Any) -> Any:
        """The result of a call or filter, refused if it is already too large."""
        if isinstance(result, str | bytes):
            self.budget.allow(len(result), "a value")
        elif isinstance(result, list | tuple | dict | set | frozenset):
            self.budget.allow_items(len(result))
        return result

    def _weighed(self, finalize: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """The output finalizer, weighing each value before it is turned into text."""

        def weighed(value: Any) -> Any:
            self.budget.allow(weight(value, self.budget.chars), "a value")
            return finalize(value)

        return weighed

    def _guarded(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        check = FILTER_CHECKS.get(name)
        gathers = name in GATHERING_FILTERS
        known = check is not None or gathers or name in SAME_SIZE_FILTERS
        skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

        @functools.wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.budget.tick()
            if not known:  # a filter a newer Jinja adds is refused until it is weighed
                raise RenderLimitError(f"the filter {name!r} is not allowed in a template")
            if len(args) > skip:
                value = args[skip]
                if gathers:
                    value = gathered_value(self.budget, value)
                if check is not None:
                    value = check(self.budget, value, args[skip + 1 :], kwargs)
                args = (*args[:skip], value, *args[skip + 1 :])
            return self.measured(function(*args, **kwargs))

        return guarded

    def _guarded_lipsum(self, lipsum: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(lipsum)
        def guarded(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
            self.budget.allow(n * max * 12, "the placeholder text")
            return lipsum(n, html, min, max)

        return guarded


# What each operation would build, weighed before it runs ---------------------------------------


def check_operator(budget: Budget, operator: str, left: Any, right: Any) -> None:
    """Refuse an operator whose result would pass the budget."""
    if operator == "*":
        _check_repetition(budget, left, right)
    elif operator == "**" and _integers(left, right) and right > 0 and abs(left) > 1:
        budget.allow_bits(right * left.bit_length())
    elif operator == "+" and _sequences(left, right):
        budget.allow(weight(left, budget.chars) + weight(right, budget.chars), "a joined value")
    elif operator == "%" and isinstance(left, str):
        check_printf(budget, left, right)


def _check_repetition(budget: Budget, left: Any, right: Any) -> None:
    if _integers(left, right):
        budget.allow_bits(left.bit_length() + right.bit_length())
        return
    sequence, times = (left, right) if isinstance(right, int) else (right, left)
    if isinstance(times, int) and isinstance(sequence, str | list | tuple):
        size = weight(sequence, budget.chars) * max(times, 0)
        budget.allow(size, "a repeated value")


def _integers(*values: Any) -> bool:
    return all(isinstance(v, int) for v in values)


def _sequences(*values: Any) -> bool:
    return all(isinstance(v, str | list | tuple) for v in values)


_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_DIGITS = re.compile(r"\d+")


def check_printf(budget: Budget, text: str, values: Any) -> None:
    """``text % values``: refuse widths and precisions that would make too long a text,
    and a key named by many fields ('%(a)s' a thousand times) that repeats a long value."""
    starred = False
    specs = _PRINTF_SPEC.findall(text)
    for width, precision in specs:
        for number in (width, precision):
            starred = starred or number == "*"
            if number.isdigit():
                budget.allow(int(number), "a padded field")
    if starred:
        _allow_numbers(budget, values if isinstance(values, tuple) else (values,))
    if isinstance(values, Mapping):
        longest = max((weight(value, budget.chars) for value in values.values()), default=0)
        inserted = len(specs) * longest
    else:
        inserted = weight(values, budget.chars)
    budget.allow(len(text) + inserted, "a formatted text")


def check_format(budget: Budget, text: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """``text.format(...)``: the same for format specifications, nested fields included."""
    try:
        fields = [field for field in string.Formatter().parse(text) if field[1] is not None]
    except ValueError:
        return  # the call itself reports the malformed format
    for _, _, spec, _ in fields:
        for number in _DIGITS.findall(spec or ""):
            budget.allow(int(number), "a padded field")
        if "{" in (spec or ""):
            _allow_numbers(budget, [*args, *kwargs.values()])
    # Each field may repeat the longest value ('{0}' a thousand times), ten times over
    # when it asks for its repr ('{0!r}').
    values = [*args, *kwargs.values()]
    longest = max((weight(value, budget.chars) for value in values), default=0)
    inserted = sum(longest * (10 if conversion else 1) for _, _, _, conversion in fields)
    budget.allow(len(text) + inserted, "a formatted text")


def _allow_numbers(budget: Budget, values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, int):
            budget.allow(value, "a padded field")


def check_call(
    budget: Budget, function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Refuse a method call that would build too large a value; the arguments to use.

    Every method of text (str and bytes) is in `TEXT_METHODS`: those that can make more
    than they are given are weighed first; a method missing from the table is refused,
    so a method a new Python adds cannot pass unweighed."""
    wrapped = getattr(function, "__wrapped__", None)  # str.format, as the sandbox wraps it
    owner = getattr(wrapped or function, "__self__", None)
    name = getattr(wrapped or function, "__name__", "")
    if isinstance(owner, str | bytes):
        if name not in TEXT_METHODS:
            raise RenderLimitError(f"the method {name!r} of text is not allowed in a template")
        rule = TEXT_METHODS[name]
        if rule is not None:
            return rule(budget, owner, args, kwargs) or args
    elif isinstance(owner, int) and name == "to_bytes":
        budget.allow(int(args[0] if args else kwargs.get("length", 1)), "a byte string")
    return args


MethodRule = Callable[[Budget, Any, tuple[Any, ...], dict[str, Any]], tuple[Any, ...] | None]


def _same_size(_budget: Budget, *_: Any) -> None:
    """Methods whose result is no larger than the text (or is a number or a truth)."""


def _case_mapped(budget: Budget, owner: str | bytes, *_: Any) -> None:
    budget.allow(3 * len(owner), "a text in other case")  # 'ﬃ'.upper() is 'FFI'


def _padded(budget: Budget, owner: str | bytes, args: tuple[Any, ...], _: Any) -> None:
    if args and isinstance(args[0], int):
        budget.allow(max(args[0], len(owner)), "a padded text")


def _expanded(budget: Budget, owner: str | bytes, args: tuple[Any, ...], kwargs: Any) -> None:
    tab = args[0] if args else kwargs.get("tabsize", 8)
    tabs = owner.count("\t") if isinstance(owner, str) else owner.count(b"\t")
    budget.allow(len(owner) + tabs * max(int(tab), 0), "an expanded text")


def _replaced(budget: Budget, owner: str | bytes, args: tuple[Any, ...], _: Any) -> None:
    if len(args) >= 2:
        budget.allow(_replaced_size(owner, *args[:3]), "a replaced text")


def _joined_method(
    budget: Budget, owner: str | bytes, args: tuple[Any, ...], _: Any
) -> tuple[Any, ...]:
    if not args:
        return args
    return (budget.gathered(args[0], weighed=True, separator=len(owner)), *args[1:])


def _formatted(budget: Budget, owner: str, args: tuple[Any, ...], kwargs: Any) -> None:
    check_format(budget, owner, args, kwargs)


def _format_mapped(budget: Budget, owner: str, args: tuple[Any, ...], _: Any) -> None:
    if args and isinstance(args[0], Mapping):
        check_format(budget, owner, (), dict(args[0]))


def _encoded(budget: Budget, owner: str, args: tuple[Any, ...], kwargs: Any) -> None:
    encoding = args[0] if args else kwargs.get("encoding", "utf-8")
    errors = args[1] if len(args) > 1 else kwargs.get("errors", "strict")
    try:
        known = codecs.lookup(str(encoding)).name
    except LookupError:
        return  # the call reports it
    # A Unicode encoding takes at most 4 bytes a character; an escaping one ('\\U0001f600',
    # '&#128512;') or an error handler that escapes, up to 10.
    per_character = 4 if known.startswith("utf") and errors == "strict" else 10
    budget.allow(per_character * len(owner) + 4, "an encoded text")


def _hexed(budget: Budget, owner: bytes, *_: Any) -> None:
    budget.allow(3 * len(owner), "a hexadecimal text")


def _split(budget: Budget, owner: str | bytes, args: tuple[Any, ...], kwargs: Any) -> None:
    """A split makes at most one item more than the separators found, at most one for
    every two characters when splitting at runs of blanks, at most maxsplit + 1."""
    separator = args[0] if args else kwargs.get("sep")
    limit = args[1] if len(args) > 1 else kwargs.get("maxsplit", -1)
    if separator is None:
        blanks = _WHITESPACE if isinstance(owner, str) else _BYTES_WHITESPACE
        found = sum(_count(owner, blank) for blank in blanks)
        items = min(found + 1, (len(owner) + 1) // 2 + 1)
    elif isinstance(separator, str | bytes) and separator:
        items = _count(owner, separator) + 1
    else:
        return  # an empty or a wrong separator: the call reports it
    if isinstance(limit, int) and limit >= 0:
        items = min(items, limit + 1)
    budget.allow_items(items)


def _split_lines(budget: Budget, owner: str | bytes, *_: Any) -> None:
    breaks = _LINE_BREAKS if isinstance(owner, str) else _BYTES_LINE_BREAKS
    budget.allow_items(sum(_count(owner, mark) for mark in breaks) + 1)


def _count(text: str | bytes, part: str | bytes) -> int:
    """Occurrences of `part` in `text`; none when one is text and the other bytes."""
    if isinstance(text, str):
        return text.count(part) if isinstance(part, str) else 0
    return text.count(part) if isinstance(part, bytes) else 0


def _translated(budget: Budget, owner: str | bytes, args: tuple[Any, ...], _: Any) -> None:
    """Each character may become the longest text of the table."""
    if not args or isinstance(owner, bytes):
        return  # bytes.translate maps each byte to one byte
    table = args[0]
    values = table.values() if isinstance(table, Mapping) else table
    if not isinstance(values, Iterable):
        return
    longest = 1
    for value in budget.gathered(values):
        if isinstance(value, str):
            longest = max(longest, len(value))
    budget.allow(len(owner) * longest, "a translated text")


_WHITESPACE = tuple(chr(code) for code in range(0x3001) if chr(code).isspace())
_BYTES_WHITESPACE = tuple(bytes([code]) for code in range(256) if bytes([code]).isspace())
_LINE_BREAKS = ("\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
_BYTES_LINE_BREAKS = (b"\n", b"\r")

#: Every public method of str and bytes, and how its result is weighed first (None: it
#: cannot make more than it is given).
TEXT_METHODS: dict[str, MethodRule | None] = {
    **dict.fromkeys(
        [
            "count",
            "endswith",
            "find",
            "index",
            "isalnum",
            "isalpha",
            "isascii",
            "isdecimal",
            "isdigit",
            "isidentifier",
            "islower",
            "isnumeric",
            "isprintable",
            "isspace",
            "istitle",
            "isupper",
            "lstrip",
            "rstrip",
            "strip",
            "removeprefix",
            "removesuffix",
            "rfind",
            "rindex",
            "startswith",
            "partition",
            "rpartition",
            "maketrans",
            "decode",
            "fromhex",
        ]
    ),
    **dict.fromkeys(
        ["capitalize", "casefold", "lower", "swapcase", "title", "upper"], _case_mapped
    ),
    **dict.fromkeys(["center", "ljust", "rjust", "zfill"], _padded),
    **dict.fromkeys(["split", "rsplit"], _split),
    "expandtabs": _expanded,
    "replace": _replaced,
    "join": _joined_method,
    "format": _formatted,
    "format_map": _format_mapped,
    "encode": _encoded,
    "hex": _hexed,
    "splitlines": _split_lines,
    "translate": _translated,
}


def _replaced_size(text: str | bytes, old: Any, new: Any, count: Any = -1) -> int:
    if not (isinstance(old, str | bytes) and isinstance(new, str | bytes)):
        return len(text)
    found = _count(text, old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


def gathered_value(budget: Budget, value: Any) -> Any:
    """What a filter that makes a list of its value (sort, list, unique...) is given: a
    text, a mapping or a list counted as it is, anything else gathered to a list with
    its items counted as they come."""
    if isinstance(value, str | bytes):
        budget.allow_items(len(value))
        return value
    if isinstance(value, Sized) and isinstance(value, Mapping | list | tuple | set | frozenset):
        budget.allow_items(len(value))
        return value
    if isinstance(value, Iterable):
        return budget.gathered(value)
    return value


# Filters that can build more than they are given, and how to weigh them first.

FilterCheck = Callable[[Budget, Any, tuple[Any, ...], dict[str, Any]], Any]


def _argument(
    args: tuple[Any, ...], kwargs: dict[str, Any], index: int, name: str, default: Any
) -> Any:
    return args[index] if len(args) > index else kwargs.get(name, default)


def _check_center(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    width = _argument(args, kwargs, 0, "width", 80)
    if isinstance(width, int):
        budget.allow(width, "a centred text")
    return value


def _check_indent(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    width = _argument(args, kwargs, 0, "width", 4)
    step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    text = str(value) if isinstance(value, str) else ""
    budget.allow(len(text) + (text.count("\n") + 1) * max(step, 0), "an indented text")
    return value


def _check_format(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    if isinstance(value, str):
        check_printf(budget, value, kwargs or args)
    return value


def _check_join(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The items weighed as they are gathered, so that a lazy ``map`` stops being asked
    for more as soon as the joined text would be too long."""
    separator = len(str(_argument(args, kwargs, 0, "d", "")))
    if isinstance(value, str):
        budget.allow(len(value) * (1 + separator), "a joined text")
        return value
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return budget.gathered(value, weighed=True, separator=separator)
    return value


def _check_replace(
    budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Any:
    """The filter turns anything into text first: a list's text is measured (and made,
    when it is small enough) before its replacements are counted."""
    if len(args) < 2:
        return value
    if not isinstance(value, str):
        budget.allow(weight(value, budget.chars) * 10, "a value as text")
        value = str(value)
    old, new = (str(part) for part in args[:2])
    count = _argument(args, kwargs, 2, "count", None)
    budget.allow(_replaced_size(value, old, new, count), "a replaced text")
    return value


def _check_count(name: str, index: int) -> FilterCheck:
    """A check that the numeric argument at `index` (how many items to make) is in budget."""

    def check(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        count = _argument(args, kwargs, index, name, 0)
        if isinstance(count, int):
            budget.allow_items(count)
        return value

    return check


def _check_wordwrap(
    budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Any:
    wrap = _argument(args, kwargs, 2, "wrapstring", None)
    text = value if isinstance(value, str) else ""
    budget.allow(len(text) * (1 + len(str(wrap or "\n"))), "a wrapped text")
    return value


def _check_tojson(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Each character may be escaped to twelve ('\\ud83d\\ude00'), each level indented."""
    indent = _argument(args, kwargs, 0, "indent", None)
    step = len(indent) if isinstance(indent, str) else indent if isinstance(indent, int) else 0
    budget.allow(weight(value, budget.chars) * (12 + max(step, 0)), "the JSON text")
    return value


def _check_sum(_budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Adding up lists copies them over and over (quadratic time): numbers only."""
    start = _argument(args, kwargs, 1, "start", 0)
    if not isinstance(start, int | float):
        raise RenderLimitError("sum adds numbers only; to join lists, loop over them")
    return value


def _check_urlize(budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    text = value if isinstance(value, str) else ""
    extra = len(str(_argument(args, kwargs, 2, "target", "") or ""))
    extra += len(str(_argument(args, kwargs, 3, "rel", "") or ""))
    budget.allow(3 * len(text) + (len(text.split()) + 1) * (extra + 40), "the linked text")
    return value


def _check_text(factor: int) -> FilterCheck:
    """For filters that turn their value into text, at most `factor` characters for each
    (an escape makes '&amp;' of '&'); a value that is not text yet may first grow ten
    times as its text (repr escapes '\\x07')."""

    def check(budget: Budget, value: Any, _args: tuple[Any, ...], _kwargs: dict[str, Any]) -> Any:
        if isinstance(value, str):
            budget.allow(len(value) * factor, "a value as text")
        else:
            budget.allow(weight(value, budget.chars) * 10 * factor, "a value as text")
        return value

    return check


#: Filters that turn their value into text, and how much larger it may become.
TEXT_FACTORS = {
    **dict.fromkeys(["safe", "string", "striptags", "trim", "truncate", "wordcount", "words"], 1),
    **dict.fromkeys(["capitalize", "lower", "title", "upper"], 3),
    **dict.fromkeys(["e", "escape", "forceescape"], 5),
    "xmlattr": 6,
    "pprint": 10,
    **dict.fromkeys(["urlencode", "autolink"], 12),
}
#: Filters that cannot make more than they are given: a number, one item, a lazy view.
SAME_SIZE_FILTERS = frozenset(
    [
        *("abs", "attr", "count", "d", "default", "filesizeformat", "first", "float", "int"),
        *("items", "length", "map", "max", "min", "reject", "rejectattr", "round", "select"),
        *("selectattr", "money", "number", "percent", "plural", "link_kind"),
    ]
)
#: Filters that make a list of their value: it is counted, or gathered with its items
#: counted as they come, before the filter runs.
GATHERING_FILTERS = frozenset(
    ["batch", "dictsort", "groupby", "last", "list", "random", "reverse", "slice", "sort", "unique"]
)

FILTER_CHECKS: dict[str, FilterCheck] = {
    **{name: _check_text(factor) for name, factor in TEXT_FACTORS.items()},
    "batch": _check_count("linecount", 0),
    "center": _check_center,
    "format": _check_format,
    "indent": _check_indent,
    "join": _check_join,
    "replace": _check_replace,
    "slice": _check_count("slices", 0),
    "sum": _check_sum,
    "tojson": _check_tojson,
    "urlize": _check_urlize,
    "wordwrap": _check_wordwrap,
}
