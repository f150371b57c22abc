"""The client report as one self-contained HTML page, built from the Markdown report.

The words come from the Markdown report alone: it is converted with raw HTML switched
off, so anything in the data reads as text. The Mermaid block becomes an SVG map, and
two SVG charts go in after the tables they draw. Styles are inline and nothing is
fetched, so the file can be mailed, opened offline or printed as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from platform_advisor.core.wording import MoneyStyle
from platform_advisor.models.result import Brief, Cover, Strategy
from platform_advisor.rendering.diagram import ECOSYSTEM_FENCE
from platform_advisor.rendering.svg import cost_chart, ecosystem_map, integration_map, score_chart
from platform_advisor.rendering.templates import render_brief_markdown, render_markdown
from platform_advisor.storage.cache import TEXT, cached, code_fingerprint, remember

if TYPE_CHECKING:  # the parser loads only when a report is not in the cache
    from markdown_it.token import Token

SCORES_AFTER = "Recommended stack"
COSTS_AFTER = "Cost of ownership"
MAP_CAPTION = (
    "How the recommended platforms and those already in use link to each other; "
    "the table above says what each link carries."
)
SCORES_CAPTION = "Each recommended platform's score out of 100 for the function it fills."
COSTS_CAPTION = "What each platform costs a month, part by part, as in the table above."
ECOSYSTEM_CAPTION = (
    "The business among its actors, the value flowing each way, and what sits with each: "
    "the table below says who each actor is."
)
#: Beyond either, a table may break across printed pages (between rows, never inside one).
LONG_TABLE_ROWS = 12
LONG_TABLE_CHARACTERS = 1000
#: From this many columns a table keeps a readable width on a phone and scrolls sideways;
#: narrower tables reflow to the screen.
WIDE_TABLE_COLUMNS = 4


def render_html(strategy: Strategy, *, top: int = 5) -> str:
    """The Markdown report as an HTML5 document, with its figures drawn in SVG.

    The conversion depends only on the Markdown and the figures, so a repeated report
    is read from the cache (keyed by their content) instead of parsed again.
    """
    markdown = render_markdown(strategy, top=top)
    figures = (
        figure(score_chart(strategy), SCORES_CAPTION),
        figure(
            cost_chart(strategy.cost, MoneyStyle.of(strategy.money_format.model_dump())),
            COSTS_CAPTION,
        ),
        figure(integration_map(strategy), MAP_CAPTION),
        figure(ecosystem_map(strategy.ecosystem), ECOSYSTEM_CAPTION) if strategy.ecosystem else "",
    )
    title = f"Platform strategy for {strategy.business.name}"
    logo = logo_image(strategy.cover)
    parts = [markdown, *figures, title, logo, code_fingerprint("rendering")]
    known = cached(TEXT, parts)
    if known is not None:
        return known
    html = document(title, logo + converted(markdown, *figures))
    remember(TEXT, parts, html)
    return html


def render_brief_html(brief: Brief) -> str:
    """The owner-manager's brief as one self-contained HTML5 page."""
    title = f"Platform brief for {brief.business.name}"
    return markdown_page(title, render_brief_markdown(brief), logo_image(brief.cover))


def logo_image(cover: Cover | None) -> str:
    """The firm's logo at the head of the report, when the cover has one."""
    if cover is None or not cover.logo.startswith("data:image/"):
        return ""
    alt = f"Logo of {cover.firm}" if cover.firm else "Logo of the firm that prepared this report"
    return f'<img class="logo" src="{escape(cover.logo)}" alt="{escape(alt)}">\n'


def markdown_page(title: str, markdown: str, head: str = "") -> str:
    """A Markdown document with no figures as one self-contained HTML5 page, styled like
    the report (the brief, the comparison and the review of two runs)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = accessible_tables(parser.parse(markdown))
    return document(title, head + str(parser.renderer.render(tokens, parser.options, {})))


def converted(markdown: str, scores: str, costs: str, integration: str, ecosystem: str = "") -> str:
    """The Markdown as HTML, the maps in place of their Mermaid blocks, the charts inserted."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = replace_fence(parser.parse(markdown), "mermaid", integration)
    tokens = replace_fence(tokens, ECOSYSTEM_FENCE, ecosystem)
    tokens = insert_after_table(tokens, SCORES_AFTER, scores)
    tokens = insert_after_table(tokens, COSTS_AFTER, costs)
    tokens = with_contents(accessible_tables(tokens))
    return str(parser.renderer.render(tokens, parser.options, {}))


def accessible_tables(tokens: Sequence[Token]) -> list[Token]:
    """Tables marked long where they may break across pages and wide where they have too
    many columns to reflow on a phone, their header cells scoped to their column, each
    in a wrapper that scrolls sideways on a narrow screen."""
    mark_long_tables(tokens)
    result: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type == "th_open":
            token.attrSet("scope", "col")
        if token.type == "table_open":
            if _columns(tokens, index) >= WIDE_TABLE_COLUMNS:
                token.attrJoin("class", "wide")
            result.append(raw('<div class="table-wrap">'))
        result.append(token)
        if token.type == "table_close":
            result.append(raw("</div>"))
    return result


def _columns(tokens: Sequence[Token], start: int) -> int:
    """The number of header cells of the table that opens at ``start``."""
    count = 0
    for token in tokens[start:]:
        if token.type == "tr_close":
            break
        count += token.type == "th_open"
    return count


def with_contents(tokens: Sequence[Token]) -> list[Token]:
    """Each section's heading given an anchor, and a list of the sections, linked,
    before the first of them."""
    sections: list[tuple[str, str]] = []
    first = None
    for index, token in enumerate(tokens[:-1]):
        if token.type == "heading_open" and token.tag == "h2":
            anchor = f"section-{len(sections) + 1}"
            token.attrSet("id", anchor)
            sections.append((anchor, tokens[index + 1].content.strip()))
            first = index if first is None else first
    if first is None:
        return list(tokens)
    return [*tokens[:first], raw(contents(sections)), *tokens[first:]]


def contents(sections: Sequence[tuple[str, str]]) -> str:
    items = "".join(
        f'<li><a href="#{anchor}">{escape(name)}</a></li>\n' for anchor, name in sections
    )
    return (
        '<nav class="contents" aria-labelledby="contents-title">\n'
        '<h2 id="contents-title">Contents</h2>\n<ol>\n' + items + "</ol>\n</nav>\n"
    )


def figure(svg: str, caption: str) -> str:
    return f"<figure>\n{svg}<figcaption>{escape(caption)}</figcaption>\n</figure>\n"


def raw(html: str) -> Token:
    """A token the renderer writes out as it is: only for markup this module built."""
    from markdown_it.token import Token

    return Token("html_block", "", 0, content=html, block=True)


def replace_fence(tokens: Sequence[Token], language: str, html: str) -> list[Token]:
    """Every fenced block of that language replaced by the markup."""
    return [
        raw(html) if token.type == "fence" and token.info.strip() == language else token
        for token in tokens
    ]


def insert_after_table(tokens: Sequence[Token], heading: str, html: str) -> list[Token]:
    """The markup inserted after the first table of the section with that ``##`` heading.

    Left out if the section or its table is missing, so a reworded template costs a
    figure, never the report.
    """
    result = list(tokens)
    start = _section_start(result, heading)
    if start is None:
        return result
    for index in range(start, len(result)):
        token = result[index]
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            break
        if token.type == "table_close":
            result.insert(index + 1, raw(html))
            break
    return result


def _section_start(tokens: Sequence[Token], heading: str) -> int | None:
    for index, token in enumerate(tokens[:-1]):
        if (
            token.type == "heading_open"
            and token.tag == "h2"
            and tokens[index + 1].content.strip() == heading
        ):
            return index + 3
    return None


def mark_long_tables(tokens: Sequence[Token]) -> None:
    """Give tables too long to keep on one printed page the class that lets them break.

    Short tables print whole; a long one may break between rows, its header repeated,
    rather than leave most of a page empty before it.
    """
    for index, token in enumerate(tokens):
        if token.type == "table_open" and _is_long(tokens, index):
            token.attrSet("class", "long")


def _is_long(tokens: Sequence[Token], start: int) -> bool:
    rows, characters = 0, 0
    for token in tokens[start:]:
        if token.type == "table_close":
            break
        rows += token.type == "tr_open"
        characters += len(token.content) if token.type == "inline" else 0
    return rows > LONG_TABLE_ROWS or characters > LONG_TABLE_CHARACTERS


def document(title: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{STYLE}</style>\n</head>\n"
        f'<body>\n<main class="report">\n{body}</main>\n</body>\n</html>\n'
    )


STYLE = """\
:root {
  --ink: #1f2933; --muted: #5f6b7a; --accent: #1f3a5f; --rule: #d9dee5;
  --zebra: #f5f7fa; --head: #e9eef4;
}
* { box-sizing: border-box; }
html { font-size: 15px; -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #eef1f5; color: var(--ink);
  font-family: "Segoe UI", "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  line-height: 1.5;
}
.report {
  max-width: 60rem; margin: 2rem auto; padding: 3rem 3.5rem; background: #fff;
  box-shadow: 0 1px 4px rgba(31, 41, 51, 0.12);
}
h1, h2, h3 {
  color: var(--accent); line-height: 1.25; break-after: avoid; page-break-after: avoid;
}
h1 {
  font-size: 2rem; margin: 0 0 0.25rem; padding-top: 0.75rem;
  border-top: 6px solid var(--accent);
}
h1 + p { color: var(--muted); margin-top: 0; font-size: 1.05rem; }
h2 {
  font-size: 1.4rem; margin: 2.5rem 0 0.75rem; padding-bottom: 0.3rem;
  border-bottom: 2px solid var(--accent);
}
h3 { font-size: 1.1rem; margin: 1.75rem 0 0.5rem; }
p, ul, ol { margin: 0.5rem 0 0.9rem; }
p:has(+ table), p:has(+ figure) { break-after: avoid; page-break-after: avoid; }
li { margin: 0.2rem 0; }
strong { color: #111a24; }
a { color: #2a5b8f; overflow-wrap: anywhere; }
code { font-family: Consolas, "Liberation Mono", Menlo, monospace; font-size: 0.9em; }
table {
  width: 100%; border-collapse: collapse; margin: 0.75rem 0 1.25rem; font-size: 0.87rem;
  font-variant-numeric: tabular-nums; break-inside: avoid; page-break-inside: avoid;
}
.table-wrap { overflow-x: auto; margin: 0.75rem 0 1.25rem; }
.table-wrap > table { margin: 0; }
th, td {
  border: 1px solid var(--rule); padding: 0.35rem 0.55rem; vertical-align: top;
  text-align: left; overflow-wrap: break-word;
}
td a, td code { overflow-wrap: anywhere; }
th { background: var(--head); font-weight: 600; }
tbody tr:nth-child(even) td { background: var(--zebra); }
table.long { break-inside: auto; page-break-inside: auto; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
figure {
  margin: 1rem 0 1.75rem; padding: 1rem 1.25rem 0.75rem; border: 1px solid var(--rule);
  border-radius: 6px; break-inside: avoid; page-break-inside: avoid;
}
figure svg { display: block; width: 100%; height: auto; max-width: 100%; font-family: inherit; }
figcaption { color: var(--muted); font-size: 0.85rem; margin-top: 0.5rem; }
img.logo { display: block; max-height: 4rem; max-width: 14rem; margin: 0 0 1rem; }
nav.contents h2 { font-size: 1.1rem; margin-top: 1.5rem; }
nav.contents ol { columns: 2; column-gap: 2rem; padding-left: 1.5rem; }
@page {
  margin: 16mm 14mm 18mm;
  @bottom-center {
    content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #5f6b7a;
    font-family: "Segoe UI", "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  }
}
@media (max-width: 40rem) {
  .report { margin: 0; padding: 1rem; }
  .table-wrap > table.wide { min-width: 34rem; }
  figure { overflow-x: auto; padding: 0.75rem; }
  figure svg { min-width: 42rem; }
  nav.contents ol { columns: 1; }
}
@media print {
  html { font-size: 10pt; }
  body { background: #fff; }
  .report { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  h2 { margin-top: 1.6rem; }
  a { color: inherit; text-decoration: none; }
  th, tbody tr:nth-child(even) td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  figure { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .table-wrap { overflow: visible; }
  nav.contents ol { columns: 1; }
  nav.contents a::after { content: leader(". ") target-counter(attr(href), page); }
}
"""
