"""Report templates: one sandboxed Jinja environment, plain data in, text out.

Templates only present. They get the result as plain data (dicts, lists, strings,
numbers), never live objects, and an undefined name is an error, not empty text. In
Markdown every value is escaped on output, so a ``|`` or ``<script>`` in catalog data
cannot break a table or inject markup.

A user's own template renders in the guarded sandbox of `rendering.sandbox`, which stops
it when it runs too long or its text grows too large.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast
from urllib.parse import quote

from jinja2 import FileSystemLoader, StrictUndefined, pass_context
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from platform_advisor.core.wording import MoneyStyle, money, neutral, number, percent, plural, words
from platform_advisor.errors import TemplateError
from platform_advisor.models.result import Brief, Strategy
from platform_advisor.rendering.diagram import LINK_WORDS, ecosystem_mermaid, mermaid
from platform_advisor.resources import shipped_dir, shipped_text

if TYPE_CHECKING:
    from platform_advisor.rendering.sandbox import Budget, GuardedSandbox

MARKDOWN_TEMPLATE = "report.md.j2"
BRIEF_TEMPLATE = "brief.md.j2"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
#: Text that would start a list item or a heading where a value begins a line.
_BLOCK_START = re.compile(r"^(\d+)([.)])(?=\s)|^([-+=])(?=\s|$)")


class Verbatim(str):
    """Text a filter has already made safe for Markdown; the finalizer leaves it alone."""


def escape_markdown(value: Any) -> str:
    """Inline Markdown text that renders exactly as the value reads."""
    if isinstance(value, Verbatim):
        return value
    if value is None:
        return ""
    text = neutral(value if isinstance(value, str) else str(value))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def autolink(url: str) -> Verbatim:
    """A web address as a Markdown autolink; characters that could end it are encoded."""
    safe = quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")
    return Verbatim(f"<{safe}>")


def environment(folder: Path) -> ImmutableSandboxedEnvironment:
    """The one environment factory for Markdown reports.

    Compiled templates are not cached on disk: compiled code read back from a folder is
    code run from it. The rendered text is cached instead (`render_markdown`).
    """
    return _with_filters(ImmutableSandboxedEnvironment(**_settings(folder)))


def guarded_environment(template: Path, text: str) -> GuardedSandbox:
    """The same for a user's own template (whose text is read already), in the guarded
    sandbox; its budget starts now. It may include files from its own folder, unless it
    is no file in a folder (it came through a pipe)."""
    from platform_advisor.rendering.sandbox import (  # only for users' templates
        GuardedSandbox,
        VisibleFilesLoader,
    )

    folder = template.parent if template.is_file() else None
    loader = VisibleFilesLoader(folder, (template.name, text, str(template)))
    settings = {**_settings(template.parent), "loader": loader}
    env = _with_filters(GuardedSandbox(**settings))
    env.guard_filters()
    return env


def _settings(folder: Path) -> dict[str, Any]:
    return {
        "loader": FileSystemLoader(str(folder)),
        "undefined": StrictUndefined,
        "autoescape": False,
        "finalize": escape_markdown,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
    }


Sandbox = TypeVar("Sandbox", bound=ImmutableSandboxedEnvironment)


@pass_context
def _money(context: Any, amount: float, cents: bool | None = None) -> str:
    """An amount in the result's currency, as the client writes it."""
    return money(amount, MoneyStyle.of(context.get("money_format")), cents=cents)


@pass_context
def _number(context: Any, count: int) -> str:
    """A count grouped as the result's amounts are."""
    return number(count, MoneyStyle.of(context.get("money_format")))


def _with_filters(env: Sandbox) -> Sandbox:
    env.filters.update(
        money=_money,
        number=_number,
        percent=percent,
        plural=plural,
        words=words,
        autolink=autolink,
        link_kind=lambda kind: LINK_WORDS.get(kind, kind),
    )
    return env


def render_markdown(strategy: Strategy, *, top: int = 5) -> str:
    """The Markdown report from the shipped template.

    A report rendered before from the same result, template and code is read back from
    the cache as text: compiling the template costs more than rendering it, and compiled
    code is never kept on disk.
    """
    from platform_advisor.storage.cache import TEXT, cached, code_fingerprint, remember

    folder = shipped_dir("templates")
    source = shipped_text("templates", MARKDOWN_TEMPLATE)
    parts = [strategy.model_dump_json(), str(top), source, code_fingerprint("rendering", "core")]
    known = cached(TEXT, parts)
    if known is not None:
        return known
    try:
        compiled = environment(folder).get_template(MARKDOWN_TEMPLATE)
        markdown = compiled.render(_context(strategy, top))
    except JinjaTemplateError as error:
        raise TemplateError(_describe(error, folder / MARKDOWN_TEMPLATE)) from None
    remember(TEXT, parts, markdown)
    return markdown


def render_brief_markdown(brief: Brief) -> str:
    """The owner-manager's brief in Markdown, from the shipped template."""
    data = brief.model_dump(mode="json")
    return render_shipped(BRIEF_TEMPLATE, brief=data, money_format=data["money_format"])


def render_shipped(name: str, **context: Any) -> str:
    """Another shipped template (the comparison, the review of two runs), given plain data."""
    shipped_text("templates", name)  # an installation that cannot be read, said so
    folder = shipped_dir("templates")
    try:
        return environment(folder).get_template(name).render(**context)
    except JinjaTemplateError as error:
        raise TemplateError(_describe(error, folder / name)) from None


def render_user_template(strategy: Strategy, template: Path, text: str, *, top: int = 5) -> str:
    """The user's own template, in the guarded sandbox, its output checked as it grows."""
    env = guarded_environment(template, text)
    try:
        compiled = env.get_template(template.name)
        chunks = cast("Generator[str, None, None]", compiled.generate(_context(strategy, top)))
        return _collect(chunks, env.budget)
    except JinjaTemplateError as error:
        raise TemplateError(_describe(error, template.parent / template.name)) from None


def _context(strategy: Strategy, top: int) -> dict[str, Any]:
    """What a template sees: plain data only, never an object with methods that act."""
    data = strategy.model_dump(mode="json")
    return {
        "strategy": data,
        "money_format": data["money_format"],
        "top": top,
        "diagram": Verbatim(mermaid(strategy)),
        "ecosystem_diagram": Verbatim(
            ecosystem_mermaid(strategy.ecosystem) if strategy.ecosystem else ""
        ),
    }


def _collect(chunks: Generator[str, None, None], budget: Budget) -> str:
    """The rendered text, stopped at the first chunk past the size or time limit.

    The error is thrown into the template at the point that produced the chunk, so
    that its message carries the template's line.
    """
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        problem = budget.overrun(size, "the output")
        if problem is not None:
            chunks.throw(problem)
            raise problem
        parts.append(chunk)
    return "".join(parts)


def _describe(error: JinjaTemplateError, path: Path) -> str:
    line = getattr(error, "lineno", None)
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: template error: {error.message or error}"
