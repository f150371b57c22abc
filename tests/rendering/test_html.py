"""The HTML report and --template: valid, self-contained, escaped, deterministic."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib  # type: ignore[import-untyped]
import pytest
from markdown_it import MarkdownIt

from platform_advisor.api import advise_files
from platform_advisor.core.wording import MoneyStyle, money
from platform_advisor.rendering.diagram import node_names
from platform_advisor.rendering.html import insert_after_table, replace_fence
from platform_advisor.rendering.svg import (
    MAP_WIDTH,
    NODE_HEIGHT,
    layout,
    nice_step,
    num,
    shorten,
    text,
    text_width,
)
from tests.conftest import (
    EXAMPLES,
    MINI_CATALOG,
    MINI_CRITERIA,
    SHOP_PROFILE,
    WriteYaml,
    mini_args,
    run_cli,
)

AS_OF = ("--as-of", "2026-11-23")
PROFILES = sorted(EXAMPLES.glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "Shop|Wise <script>alert(1)</script> \\ *b* _i_ `c` & [x](javascript:y) ~s~ #1"


def html_of(*args: str | Path) -> str:
    result = run_cli(*args, "--format", "html", *AS_OF)
    assert (result.exit_code, result.stderr) == (0, ""), result
    return result.stdout


def parse_strictly(html: str) -> Element:
    """The document tree; html5lib in strict mode raises on the first parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree: Element = parser.parse(html)
    assert parser.errors == []
    return tree


def texts(tree: Element, tag: str) -> list[str]:
    return ["".join(node.itertext()).strip() for node in tree.iter(tag)]


def markdown_headings(markdown: str) -> list[str]:
    """The report's ``## `` headings as a reader sees them, backslash escapes undone."""
    lines = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
    return [re.sub(r"\\(.)", r"\1", line).strip() for line in lines]


@pytest.fixture(scope="module", params=PROFILES, ids=[p.stem for p in PROFILES])
def report(request: pytest.FixtureRequest) -> tuple[Path, str]:
    profile: Path = request.param
    return profile, html_of("score", profile)


# The examples ------------------------------------------------------------------------------


def test_the_html_of_each_example_parses_without_a_single_error(report: tuple[Path, str]) -> None:
    _, html = report
    assert html.startswith("<!doctype html>\n")
    tree = parse_strictly(html)
    assert tree.find("head/meta[@charset='utf-8']") is not None
    assert texts(tree, "title")[0].startswith("Platform strategy for ")


def test_every_section_of_the_markdown_report_is_an_h2(report: tuple[Path, str]) -> None:
    profile, html = report
    markdown = run_cli("score", profile, "--format", "markdown", *AS_OF).stdout
    expected = markdown_headings(markdown)
    assert len(expected) >= 12
    assert texts(parse_strictly(html), "h2") == ["Contents", *expected]


def test_the_four_figures_are_svg_where_they_belong(report: tuple[Path, str]) -> None:
    _, html = report
    labels = re.findall(r'<svg [^>]*aria-label="([^"]*)"', html)
    assert labels[:3] == [
        "Score of each recommended platform, out of 100",
        "Monthly cost of each platform, by part",
        "Integration map of the recommended platforms",
    ]
    assert len(labels) == 4 and labels[3].startswith("Ecosystem map of ")
    assert "mermaid" not in html
    for heading, label in [
        ("Recommended stack", "Score of each"),
        ("Cost of ownership", "Monthly cost of each"),
        ("Integration plan", "Integration map"),
        ("Ecosystem and partnerships", "Ecosystem map"),
    ]:
        section = section_of(html, heading).split("<h2", 1)[0]
        assert label in section, heading
    # Each chart follows the first table of its section.
    stack = section_of(html, "Recommended stack")
    assert stack.index("</table>") < stack.index("<svg") < stack.index("<h3>")
    cost = section_of(html, "Cost of ownership")
    assert cost.index("</table>") < cost.index("<svg") < cost.index("<table", cost.index("<svg"))


def test_the_figures_draw_the_strategy(report: tuple[Path, str]) -> None:
    profile, html = report
    strategy, _ = advise_files(profile, today=date(2026, 11, 23))
    scores, costs, links, ecosystem = (
        texts(figure, f"{SVG}title") for figure in parse_strictly(html).iter(f"{SVG}svg")
    )
    labels = {need.function: need.label for need in strategy.needs}
    for item in strategy.stack:
        assert f"{item.name} for {labels[item.function]}: {item.score:.1f} out of 100" in scores
    style = MoneyStyle.of(strategy.money_format.model_dump())
    for line in strategy.cost.lines:
        if line.subscription:
            subscription = money(line.subscription, style)
            assert f"{line.name}, subscription: {subscription} a month" in costs
    total = f"Total each month: {money(strategy.cost.monthly_total, style)}"
    assert total in html.split("Monthly cost of each platform", 1)[1]
    names = node_names(strategy)
    assert set(names.values()) <= {title.removesuffix(" (already in use)") for title in links}
    assert len([t for t in links if ": native" in t or ": through" in t or ": by API" in t]) == len(
        strategy.integration.links
    )
    assert strategy.ecosystem is not None
    for actor in strategy.ecosystem.map.actors:
        box = next(t for t in ecosystem if t.startswith(f"{actor.label}: "))
        assert all(name in box for name in (*actor.platforms, *actor.stated, *actor.suggested))


def test_the_page_fetches_nothing(report: tuple[Path, str]) -> None:
    _, html = report
    lowered = html.lower()
    for forbidden in ("<script", "src=", "url(", "@import", "<link", "<img", "<iframe"):
        assert forbidden not in lowered, forbidden
    assert re.findall(r"\bhref=\"([^\"]*)\"", html), "price sources stay links"
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert all(href.startswith(("https://", "#section-")) for href in hrefs)


def section_of(html: str, heading: str) -> str:
    """The page from the end of the section's heading on."""
    return re.split(rf'<h2 id="section-\d+">{re.escape(heading)}</h2>', html, maxsplit=1)[1]


def test_the_same_input_gives_the_same_bytes(report: tuple[Path, str]) -> None:
    profile, html = report
    assert html_of("score", profile) == html
    assert date.today().isoformat() not in html


def test_the_print_styles_are_there(report: tuple[Path, str]) -> None:
    _, html = report
    style = html.split("<style>", 1)[1].split("</style>", 1)[0]
    for rule in ("@page", "@media print", "break-inside: avoid", "break-after: avoid"):
        assert rule in style, rule
    assert 'style="text-align:right"' in html  # the Markdown's alignment of numbers


# Hostile data ------------------------------------------------------------------------------


@pytest.fixture
def hostile_args(tmp_path: Path) -> list[str | Path]:
    """The mini catalog with the recommended online store renamed to markup and Markdown."""
    text = (MINI_CATALOG / "platforms.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "hostile"
    folder.mkdir()
    quoted = HOSTILE.replace("'", "''")
    (folder / "platforms.yaml").write_text(
        text.replace("name: ShopWise", f"name: '{quoted}'"), encoding="utf-8"
    )
    (folder / "taxonomy.yaml").write_text(
        (MINI_CATALOG / "taxonomy.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return ["score", SHOP_PROFILE, "--no-default-catalog", "--catalog", folder]


def test_a_hostile_platform_name_comes_out_as_text(hostile_args: list[str | Path]) -> None:
    html = html_of(*hostile_args, "--criteria", MINI_CRITERIA)
    assert "<script" not in html
    assert "javascript:" not in html.replace("[x](javascript:y)", "")
    assert "Shop|Wise &lt;script&gt;alert(1)&lt;/script&gt;" in html
    tree = parse_strictly(html)
    cells = texts(tree, "td")
    assert cells.count(HOSTILE) >= 5  # stack, cost, dependency, prices, candidates
    assert all(HOSTILE in cell for cell in cells if "Shop|Wise" in cell)
    titles = [t for figure in tree.iter(f"{SVG}svg") for t in texts(figure, f"{SVG}title")]
    assert HOSTILE in titles  # the map's box
    assert any(t.startswith(f"{HOSTILE} for ") for t in titles)  # the score bar
    assert any(t.startswith(f"{HOSTILE}, subscription") for t in titles)  # the cost bar


# Pieces ------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", range(2, 13))
def test_map_nodes_never_overlap_and_stay_inside(count: int) -> None:
    names = {f"p{n}": "Microsoft Dynamics 365 Business Central" for n in range(count)}
    nodes, height = layout(names, {"p0"})
    assert len(nodes) == count
    for node in nodes:
        assert node.x - node.width / 2 >= 0 and node.x + node.width / 2 <= MAP_WIDTH
        assert node.y - NODE_HEIGHT / 2 >= 0 and node.y + NODE_HEIGHT / 2 <= height
        assert node.label.endswith("…") and text_width(node.label) < node.width
    for n, first in enumerate(nodes):
        for second in nodes[n + 1 :]:
            apart_x = abs(first.x - second.x) - (first.width + second.width) / 2
            apart_y = abs(first.y - second.y) - NODE_HEIGHT
            assert max(apart_x, apart_y) >= 8, (first, second)


def test_short_names_are_kept_whole_and_long_ones_cut() -> None:
    assert shorten("Xero", 100) == "Xero"
    cut = shorten("Microsoft Dynamics 365 Business Central", 100)
    assert cut.endswith("…") and text_width(cut) <= 100


@pytest.mark.parametrize(
    ("largest", "step"),
    [(0, 1.0), (15, 4.0), (742, 200.0), (1495, 400.0), (550, 150.0), (10_000, 2500.0)],
)
def test_axis_steps_are_round_and_reach_the_largest_value(largest: float, step: float) -> None:
    assert nice_step(largest) == step
    assert 4 * step >= largest


def test_svg_text_is_escaped_and_numbers_fixed() -> None:
    assert text(1, 2.25, '<b> & "q"', fill='a"b') == (
        '<text x="1.0" y="2.2" fill=\'a"b\'>&lt;b&gt; &amp; "q"</text>'
    )
    assert num(-0.01) == "0.0"


def test_a_figure_goes_after_the_first_table_of_its_section_only() -> None:
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    source = "## A\n\n| x |\n| - |\n| 1 |\n\n| y |\n| - |\n| 2 |\n\n## B\n\n| z |\n| - |\n| 3 |\n"
    tokens = insert_after_table(parser.parse(source), "A", "<figure>F</figure>\n")
    html = parser.renderer.render(tokens, parser.options, {})
    assert html.count("<figure>F</figure>") == 1
    assert html.index("<td>1</td>") < html.index("<figure>") < html.index("<td>2</td>")
    missing = insert_after_table(parser.parse(source), "C", "<figure>F</figure>\n")
    assert "<figure>" not in parser.renderer.render(missing, parser.options, {})
    no_table = insert_after_table(
        parser.parse("## A\n\ntext\n\n## B\n\n| z |\n| - |\n| 3 |\n"), "A", "F"
    )
    assert all(token.type != "html_block" for token in no_table)


def test_only_the_named_fence_is_replaced() -> None:
    parser = MarkdownIt("commonmark", {"html": False})
    tokens = replace_fence(
        parser.parse("```mermaid\ngraph\n```\n\n```text\nkept\n```\n"), "mermaid", "<svg></svg>\n"
    )
    html = parser.renderer.render(tokens, parser.options, {})
    assert html == '<svg></svg>\n<pre><code class="language-text">kept\n</code></pre>\n'


# --template ---------------------------------------------------------------------------------


def test_a_template_of_ones_own_replaces_the_format(write_yaml: WriteYaml, tmp_path: Path) -> None:
    template = write_yaml(
        "brief.j2", "{{ strategy.business.name }}: {{ strategy.stack | length }} platforms\n"
    )
    result = run_cli(*mini_args(), "--format", "html", "--template", template)
    assert (result.exit_code, result.stdout) == (0, "Test Shop: 3 platforms\n"), result
    target = tmp_path / "brief.txt"
    written = run_cli(*mini_args(), "--template", template, "--output", target)
    assert written.exit_code == 0, written
    assert target.read_text(encoding="utf-8") == "Test Shop: 3 platforms\n"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("syntax.j2", "ok\n{% if %}\n", ":2: template error: Expected an expression"),
        (
            "typo.j2",
            "ok\n\n{{ strategy.busines.name }}\n",
            ":3: template error: 'dict object' has no attribute 'busines'",
        ),
        ("undefined.j2", "{{ nothing }}\n", ":1: template error: 'nothing' is undefined"),
        (
            "escape.j2",
            "a\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
            ":2: template error: access to attribute '__class__' of 'str' object is unsafe.",
        ),
        ("zero.j2", "a\nb\n{{ 1 / 0 }}\n", ":3: template error: division by zero"),
        ("in/include.j2", "{% include '../secret.txt' %}\n", ":1: template error: ../secret.txt"),
    ],
)
def test_a_broken_template_is_located_and_writes_nothing(
    write_yaml: WriteYaml, tmp_path: Path, name: str, text: str, message: str
) -> None:
    template = write_yaml(name, text)
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")  # next to in/
    target = tmp_path / "out.txt"
    result = run_cli(*mini_args(), "--template", template, "--output", target)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert result.stderr.startswith(f"error: {template}{message}"), result
    assert "SECRET" not in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("name", "message"), [("missing.j2", "no such file"), ("", "is a folder, not a file")]
)
def test_a_template_that_cannot_be_read_is_named(tmp_path: Path, name: str, message: str) -> None:
    template = tmp_path / name
    result = run_cli(*mini_args(), "--template", template)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert result.stderr == f"error: {template}: {message}\n"


def test_a_template_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    template = tmp_path / "latin1.j2"
    template.write_bytes(b"ok\ncaf\xe9\n")
    result = run_cli(*mini_args(), "--template", template)
    assert (result.exit_code, result.stdout) == (1, ""), result
    assert result.stderr.startswith(f"error: {template}:2:4: not valid UTF-8"), result
