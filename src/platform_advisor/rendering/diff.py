"""The review of two runs (`advisor diff`) in every format: the terminal and Markdown
read alike, HTML is the Markdown as a page, JSON the whole diff."""

from __future__ import annotations

from platform_advisor.contracts import Format
from platform_advisor.models.diff import RunDiff

DIFF_TEMPLATE = "diff.md.j2"


def render_diff(diff: RunDiff, fmt: Format) -> str:
    """The diff as text in one format."""
    if fmt == "json":
        return diff.model_dump_json(indent=2) + "\n"
    from platform_advisor.rendering.templates import render_shipped

    data = diff.model_dump(mode="json")
    markdown = render_shipped(DIFF_TEMPLATE, diff=data, money_format=data["money_format"])
    if fmt == "html":
        from platform_advisor.rendering.html import markdown_page

        return markdown_page(f"What changed for {diff.business}", markdown)
    return markdown
