"""Report templates: one sandboxed Jinja environment, plain data in, text out.

Templates only present. They get the result as plain data (dicts, lists, strings,
numbers), never live objects, and an undefined name is an error, not empty text. In
Markdown every value is escaped on output, so a ``|`` or ``<script>`` in catalog data
cannot break a table or inject markup.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from platform_advisor.errors import TemplateError
from platform_advisor.models.result import Strategy
from platform_advisor.rendering.diagram import LINK_WORDS, mermaid
from platform_advisor.rendering.formatting import money, percent, words
from platform_advisor.resources import shipped_dir

MARKDOWN_TEMPLATE = "report.md.j2"
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
    text = value if isinstance(value, str) else str(value)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def autolink(url: str) -> Verbatim:
    """A web address as a Markdown autolink; characters that could end it are encoded."""
    safe = quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")
    return Verbatim(f"<{safe}>")


def compiled_templates() -> FileSystemBytecodeCache | None:
    """Compiled templates kept with the other cached files: compiling the report template
    costs more than rendering it. None when caching is off or the folder is unusable."""
    from platform_advisor.loading.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    target = folder / "templates"
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(target))


def environment(folder: Path) -> ImmutableSandboxedEnvironment:
    """The one environment factory for Markdown reports."""
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader(str(folder)),
        bytecode_cache=compiled_templates(),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=escape_markdown,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        money=money,
        percent=percent,
        words=words,
        autolink=autolink,
        link_kind=lambda kind: LINK_WORDS.get(kind, kind),
    )
    return env


def render_markdown(strategy: Strategy, *, top: int = 5, template: Path | None = None) -> str:
    """The Markdown report, from the shipped template or the user's own."""
    folder, name = (
        (template.parent, template.name)
        if template
        else (shipped_dir("templates"), MARKDOWN_TEMPLATE)
    )
    try:
        compiled = environment(folder).get_template(name)
        return compiled.render(
            strategy=strategy.model_dump(mode="json"),
            top=top,
            diagram=Verbatim(mermaid(strategy)),
        )
    except JinjaTemplateError as error:
        raise TemplateError(_describe(error, folder / name)) from None


def _describe(error: JinjaTemplateError, path: Path) -> str:
    line = getattr(error, "lineno", None)
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: template error: {error.message or error}"
