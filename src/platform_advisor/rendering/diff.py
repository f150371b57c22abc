"""The review of two runs (`advisor diff`) in every format: the terminal view (Rich, in
`diff_terminal`), Markdown, HTML (the Markdown as a page) and JSON (the whole diff)."""

from __future__ import annotations

from platform_advisor.contracts import Format
from platform_advisor.models.diff import RunDiff

DIFF_TEMPLATE = "diff.md.j2"


def render_diff(diff: RunDiff, fmt: Format, *, width: int = 100) -> str:
    """The diff as text in one format (the terminal view as plain text, ``width`` wide)."""
    if fmt == "json":
        return diff.model_dump_json(indent=2) + "\n"
    if fmt == "terminal":
        from platform_advisor.rendering.diff_terminal import diff_view
        from platform_advisor.rendering.terminal import plain_text

        return plain_text(diff_view(diff), width)
    from platform_advisor.rendering.templates import render_shipped

    data = diff.model_dump(mode="json")
    markdown = render_shipped(DIFF_TEMPLATE, diff=data, money_format=data["money_format"])
    if fmt == "html":
        from platform_advisor.rendering.html import markdown_page

        return markdown_page(f"What changed for {diff.business}", markdown)
    return markdown
