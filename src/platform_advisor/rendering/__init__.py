"""The rendering edge: a finished Strategy in, text out. Renderers decide nothing."""

from __future__ import annotations

from typing import Literal

from platform_advisor.models.result import Strategy

Format = Literal["terminal", "markdown", "json"]


def render(strategy: Strategy, fmt: Format, *, top: int = 5, width: int = 100) -> str:
    """The report as text in one format; each renderer is imported only when used."""
    if fmt == "json":
        from platform_advisor.rendering.json_output import render_json

        return render_json(strategy)
    if fmt == "markdown":
        from platform_advisor.rendering.templates import render_markdown

        return render_markdown(strategy, top=top)
    from platform_advisor.rendering.terminal import render_terminal_text

    return render_terminal_text(strategy, top=top, width=width)
