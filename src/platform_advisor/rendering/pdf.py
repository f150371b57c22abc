"""The report as a PDF: our own HTML laid out for print by WeasyPrint.

WeasyPrint, and the Pango library under it, load only here, only for a PDF. The page
is A4 or US Letter by the client's home country; nothing is fetched but the data: URIs
the report embeds (its logo), so a PDF is made offline like every other format.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from platform_advisor.errors import MissingLibraryError

#: Countries whose offices print on US Letter; everywhere else uses A4.
LETTER_COUNTRIES = frozenset(
    {"US", "CA", "MX", "PH", "CL", "CO", "VE", "PR", "GT", "CR", "DO", "PA", "SV", "NI", "BZ"}
)
#: Said when WeasyPrint cannot load the system's text layout library.
PANGO_MISSING = (
    "--format pdf needs the Pango text layout library, which this system lacks ({error}). "
    "Install it, then run the command again: on Debian or Ubuntu "
    "'sudo apt install libpango-1.0-0 libpangoft2-1.0-0'; on Fedora 'sudo dnf install pango'; "
    "on macOS 'brew install pango'. Every other format works without it."
)


def paper_for(country: str) -> str:
    """The paper a business in this country prints on: 'letter' or 'A4'."""
    return "letter" if country.upper() in LETTER_COUNTRIES else "A4"


def render_pdf(html: str, paper: str) -> bytes:
    """The HTML page as a tagged PDF on that paper, fetching nothing but data: URIs."""
    pdf = laid_out(html, paper).write_pdf(pdf_tags=True)
    if not isinstance(pdf, bytes):  # write_pdf returns the bytes when given no target
        raise TypeError(f"WeasyPrint returned {type(pdf).__name__}, not bytes")
    return pdf


def laid_out(html: str, paper: str) -> Any:
    """WeasyPrint's pages for the HTML on that paper: what the PDF is written from, and
    what a test reads to find a table row cut by a page break."""
    weasyprint = load_weasyprint()
    fetcher = local_only(weasyprint)
    page = weasyprint.CSS(string=f"@page {{ size: {paper}; }}", url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, media_type="print")
    return document.render(stylesheets=[page], pdf_tags=True)


def local_only(weasyprint: ModuleType) -> Any:
    """A fetcher that refuses every address but a data: URI (the logo the report
    embeds): the page has nothing else to fetch, and the tool never uses the network."""
    return weasyprint.urls.URLFetcher(allowed_protocols=("data",))


def load_weasyprint() -> ModuleType:
    """WeasyPrint, or an error naming what to install when the system lacks Pango:
    WeasyPrint raises OSError on import when it cannot load the library."""
    try:
        import weasyprint  # type: ignore[import-untyped]
        import weasyprint.urls  # type: ignore[import-untyped]
    except OSError as error:
        raise MissingLibraryError(PANGO_MISSING.format(error=error)) from None
    module: ModuleType = weasyprint
    return module
