"""The PDF a client receives: every example on the paper of its country, its cover on
the first page, no table row cut by a page break, and the brief on two pages at most."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from datetime import date
from importlib.abc import MetaPathFinder
from pathlib import Path
from typing import Any

import pytest

from platform_advisor.api import advise_files
from platform_advisor.errors import MissingLibraryError
from platform_advisor.models.result import Strategy
from platform_advisor.rendering import render, render_brief
from platform_advisor.rendering.pdf import LETTER_COUNTRIES, laid_out, load_weasyprint, paper_for
from tests.conftest import EXAMPLES, run_cli

PROFILES = sorted(EXAMPLES.glob("*.yaml"))
TODAY = date(2026, 11, 23)
#: Page sizes in PDF points, as WeasyPrint writes them.
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def _pango_missing() -> str | None:
    try:
        load_weasyprint()
    except MissingLibraryError as error:
        return str(error)
    return None


MISSING = _pango_missing()
needs_pango = pytest.mark.skipif(
    MISSING is not None, reason=f"WeasyPrint cannot load its system libraries: {MISSING}"
)


@pytest.fixture(scope="module", params=PROFILES, ids=[p.stem for p in PROFILES])
def strategy(request: pytest.FixtureRequest) -> Strategy:
    result, _ = advise_files(request.param, today=TODAY)
    return result


def rows_cut_by_a_page(document: Any) -> list[str]:
    """The text of every body row of a table that the layout put on two pages."""
    pages_of: dict[int, set[int]] = {}
    text_of: dict[int, str] = {}
    for number, page in enumerate(document.pages):
        for row in _rows(page._page_box):
            cells = list(row.element)
            if all(cell.tag == "th" for cell in cells):
                continue  # a long table's header row repeats on each page, by design
            pages_of.setdefault(id(row.element), set()).add(number)
            text_of[id(row.element)] = " | ".join("".join(c.itertext()) for c in cells)
    return [text_of[key] for key, pages in pages_of.items() if len(pages) > 1]


def _rows(box: Any) -> Iterator[Any]:
    from weasyprint.formatting_structure.boxes import TableRowBox  # type: ignore[import-untyped]

    if isinstance(box, TableRowBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _rows(child)


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(round(float(p.width), 2), round(float(p.height), 2)) for p in document.pages]


def first_page_text(pdf: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return str(document.pages[0].extract_text() or "")


def test_the_paper_follows_the_home_country() -> None:
    assert paper_for("US") == paper_for("CA") == paper_for("MX") == paper_for("PH") == "letter"
    assert paper_for("AU") == paper_for("GB") == paper_for("DE") == paper_for("IN") == "A4"
    assert {"US", "CA", "MX", "PH", "CL", "CO", "VE"} <= LETTER_COUNTRIES


@needs_pango
def test_each_example_prints_on_its_paper_with_its_cover_and_no_row_cut(
    strategy: Strategy,
) -> None:
    paper = paper_for(strategy.business.country)
    document = laid_out(render(strategy, "html"), paper)
    pdf = document.write_pdf(pdf_tags=True)
    sizes = page_sizes(pdf)
    expected = LETTER if paper == "letter" else A4
    assert set(sizes) == {expected}
    assert 8 <= len(sizes) <= 40, f"{len(sizes)} pages"
    cover = " ".join(first_page_text(pdf).split())
    assert f"Prepared for {strategy.business.name}" in cover
    assert f"Date {strategy.cover.date if strategy.cover else ''}" in cover
    assert "Contents" in cover
    assert rows_cut_by_a_page(document) == []


@needs_pango
def test_each_brief_fits_on_two_pages_of_a4_and_of_its_own_paper(strategy: Strategy) -> None:
    html = render_brief(strategy, "html")
    for paper in {"A4", paper_for(strategy.business.country)}:
        document = laid_out(html, paper)
        assert 1 <= len(document.pages) <= 2, f"{len(document.pages)} pages on {paper}"
        assert rows_cut_by_a_page(document) == []


@needs_pango
def test_a_table_row_cut_by_a_page_is_found() -> None:
    """The check above can fail: a row taller than a page must be cut."""
    tall = "<br>".join(["line"] * 200)
    html = f"<table><tr><th>A</th></tr><tr><td>{tall}</td></tr></table>"
    assert rows_cut_by_a_page(laid_out(html, "A4")) == ["line" * 200]


@needs_pango
def test_the_pdf_fetches_only_data_uris() -> None:
    weasyprint = load_weasyprint()
    from platform_advisor.rendering.pdf import local_only

    fetcher = local_only(weasyprint)
    for address in ("https://example.com/logo.png", "file:///etc/passwd", "ftp://x/y"):
        with pytest.raises(ValueError, match="disallowed protocol"):
            fetcher.fetch(address)
    html = '<p>x</p><img src="https://example.com/logo.png" alt="logo">'
    assert len(laid_out(html, "A4").pages) == 1  # refused, not fetched, and no crash


@needs_pango
def test_score_writes_a_pdf_with_the_cover_and_the_brief_on_two_pages(tmp_path: Path) -> None:
    full, brief = tmp_path / "report.pdf", tmp_path / "brief.pdf"
    profile = EXAMPLES / "us-online-shop.yaml"
    options = ["--as-of", "2026-11-23", "--prepared-by", "Jo Lee", "--firm", "Lee Advisory"]
    result = run_cli("score", profile, "--format", "pdf", "--output", full, *options)
    assert result.exit_code == 0, result
    assert full.read_bytes().startswith(b"%PDF-")
    assert "Prepared by Jo Lee, Lee Advisory" in " ".join(
        first_page_text(full.read_bytes()).split()
    )
    result = run_cli("score", profile, "-f", "pdf", "--brief", "-o", brief, *options)
    assert result.exit_code == 0, result
    assert page_sizes(brief.read_bytes()) in ([LETTER], [LETTER, LETTER])


def test_a_pdf_needs_an_output_file() -> None:
    result = run_cli("score", EXAMPLES / "bakery.yaml", "--format", "pdf")
    assert result.exit_code == 2, result
    assert "--output" in result.stderr


class _NoPango(MetaPathFinder):
    """Imports WeasyPrint as a system without Pango does: OSError on import."""

    def find_spec(self, name: str, _path: Any, _target: Any = None) -> None:
        if name == "weasyprint" or name.startswith("weasyprint."):
            raise OSError("cannot load library 'libpango-1.0-0': no such file")


def test_without_pango_a_pdf_exits_1_naming_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    target = tmp_path / "report.pdf"
    result = run_cli("score", EXAMPLES / "bakery.yaml", "-f", "pdf", "-o", target)
    assert result.exit_code == 1, result
    for words in ("Pango", "apt install libpango", "dnf install pango", "brew install pango"):
        assert words in result.stderr
    assert not target.exists()
