"""The guarded sandbox for users' own templates: Jinja's immutable sandbox, plus limits.

Rendering stops with an error when it runs too long or its text grows too large. Jinja's
sandbox already caps ``range``; the guard checks the clock on every pass of every loop
and every call (so nested loops and recursive macros stop), and refuses, before anything
is allocated, an operation whose result would pass the size limit (string repetition,
concatenation, padding, joins, format widths, huge powers). It bounds accidents and
hostile templates within reason; an operating-system limit (``ulimit``) is the backstop
for anything it misses.
"""

from __future__ import annotations

import functools
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, cast

from jinja2 import Environment, FileSystemLoader, TemplateNotFound, nodes
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
#: The clock render deadlines are measured by (tests replace it with one they control).
clock: Callable[[], float] = time.monotonic
# The guarded sandbox for users' templates ---------------------------------------------------


class VisibleFilesLoader(FileSystemLoader):
    """Templates from one folder, but none hidden: a template kept in a home folder must
    not be able to include ``.ssh/id_rsa`` or ``.env`` into a report it writes."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if any(part.startswith(".") and part not in (".", "..") for part in _parts(template)):
            raise TemplateNotFound(f"{template} (hidden files and folders are not read)")
        return super().get_source(environment, template)


def _parts(template: str) -> list[str]:
    return template.replace("\\", "/").split("/")


class RenderLimitError(SecurityError):
    """A user template went past the limit on its running time or on its size."""


class Budget:
    """The limits of one rendering: a deadline and a size no value or output may pass."""

    def __init__(self) -> None:
        self.chars = MAX_OUTPUT_CHARS
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
        """Refuse to build a value of this size before it is built."""
        if size > self.chars:
            raise RenderLimitError(
                f"{what} would be {size:,} characters or more, past the limit of "
                f"{self.chars:,} for a template"
            )

    def allow_items(self, count: int) -> None:
        if count > self.chars:
            raise RenderLimitError(
                f"a list would have {count:,} items, past the limit of {self.chars:,} "
                "for a template"
            )

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

    def measured(self, result: Any) -> Any:
        """The result of a call or filter, refused if it is already too large."""
        if isinstance(result, str | bytes | list | tuple):
            self.budget.allow(len(result), "a value")
        return result

    def _weighed(self, finalize: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """The output finalizer, weighing each value before it is turned into text."""

        def weighed(value: Any) -> Any:
            self.budget.allow(weight(value, self.budget.chars), "a value")
            return finalize(value)

        return weighed

    def _guarded(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        check = FILTER_CHECKS.get(name)
        skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

        @functools.wraps(function)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            self.budget.tick()
            if check is not None and len(args) > skip:
                value = check(self.budget, args[skip], args[skip + 1 :], kwargs)
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
    """``text % values``: refuse widths and precisions that would make too long a text."""
    starred = False
    for width, precision in _PRINTF_SPEC.findall(text):
        for number in (width, precision):
            starred = starred or number == "*"
            if number.isdigit():
                budget.allow(int(number), "a padded field")
    if starred:
        _allow_numbers(budget, values if isinstance(values, tuple) else (values,))
    budget.allow(len(text) + weight(values, budget.chars), "a formatted text")


def check_format(budget: Budget, text: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """``text.format(...)``: the same for format specifications, nested fields included."""
    try:
        specs = [spec or "" for _, _, spec, _ in string.Formatter().parse(text)]
    except ValueError:
        return  # the call itself reports the malformed format
    for spec in specs:
        for number in _DIGITS.findall(spec):
            budget.allow(int(number), "a padded field")
        if "{" in spec:
            _allow_numbers(budget, [*args, *kwargs.values()])
    size = len(text) + weight(list(args), budget.chars) + weight(dict(kwargs), budget.chars)
    budget.allow(size, "a formatted text")


def _allow_numbers(budget: Budget, values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, int):
            budget.allow(value, "a padded field")


def check_call(
    budget: Budget, function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """Refuse a method call that would build too large a value; the arguments to use."""
    wrapped = getattr(function, "__wrapped__", None)  # str.format, as the sandbox wraps it
    owner = getattr(wrapped or function, "__self__", None)
    name = getattr(wrapped or function, "__name__", "")
    if isinstance(owner, str) and name == "format":
        check_format(budget, owner, args, kwargs)
    elif isinstance(owner, str) and name == "format_map" and args:
        check_format(budget, owner, (), dict(args[0]))
    elif isinstance(owner, str) and name == "join" and args:
        items = list(args[0])
        budget.allow(_joined_size(budget, items, owner), "a joined text")
        return (items, *args[1:])
    elif isinstance(owner, str) and name in _PADDING and args and isinstance(args[0], int):
        budget.allow(args[0], "a padded text")
    elif isinstance(owner, str) and name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        budget.allow(len(owner) + owner.count("\t") * max(int(tab), 0), "an expanded text")
    elif isinstance(owner, str) and name == "replace" and len(args) >= 2:
        budget.allow(_replaced_size(owner, *args[:3]), "a replaced text")
    elif isinstance(owner, int) and name == "to_bytes":
        budget.allow(int(args[0] if args else kwargs.get("length", 1)), "a byte string")
    return args


_PADDING = frozenset({"ljust", "rjust", "center", "zfill"})


def _joined_size(budget: Budget, items: Sequence[Any], separator: str) -> int:
    return weight(list(items), budget.chars) + len(separator) * max(len(items) - 1, 0)


def _replaced_size(text: str, old: Any, new: Any, count: Any = -1) -> int:
    if not (isinstance(old, str) and isinstance(new, str)):
        return len(text)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * max(len(new) - len(old), 0)


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
    items = list(value) if isinstance(value, Iterable) else value
    separator = _argument(args, kwargs, 0, "d", "")
    if isinstance(items, list):
        budget.allow(_joined_size(budget, items, str(separator)), "a joined text")
    return items


def _check_replace(
    budget: Budget, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Any:
    if isinstance(value, str) and len(args) >= 2:
        count = _argument(args, kwargs, 2, "count", None)
        budget.allow(_replaced_size(value, args[0], args[1], count), "a replaced text")
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
    indent = _argument(args, kwargs, 0, "indent", None)
    step = len(indent) if isinstance(indent, str) else indent if isinstance(indent, int) else 0
    budget.allow(weight(value, budget.chars) * (1 + max(step, 0)), "the JSON text")
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


def _check_text(budget: Budget, value: Any, _args: tuple[Any, ...], _kwargs: dict[str, Any]) -> Any:
    """For filters that turn their value into text: weigh a list or mapping first."""
    if not isinstance(value, str):
        budget.allow(weight(value, budget.chars), "a value as text")
    return value


_TEXT_FILTERS = (
    "capitalize e escape forceescape list lower pprint safe string striptags title trim "
    "truncate upper urlencode wordcount words xmlattr"
)

FILTER_CHECKS: dict[str, FilterCheck] = {
    **dict.fromkeys(_TEXT_FILTERS.split(), _check_text),
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
