"""The rendering edge: a finished Strategy in, text out. Renderers decide nothing."""

from __future__ import annotations

import traceback
from pathlib import Path

from platform_advisor.contracts import Format
from platform_advisor.errors import TemplateError
from platform_advisor.models.result import Strategy


def render(strategy: Strategy, fmt: Format, *, top: int = 5, width: int = 100) -> str:
    """The report as text in one format; each renderer is imported only when used."""
    if fmt == "json":
        from platform_advisor.rendering.json_output import render_json

        return render_json(strategy)
    if fmt == "markdown":
        from platform_advisor.rendering.templates import render_markdown

        return render_markdown(strategy, top=top)
    if fmt == "html":
        from platform_advisor.rendering.html import render_html

        return render_html(strategy, top=top)
    from platform_advisor.rendering.terminal import render_terminal_text

    return render_terminal_text(strategy, top=top, width=width)


def render_brief(strategy: Strategy, fmt: Format, *, width: int = 100) -> str:
    """The owner-manager's brief as text in one format; JSON carries ``"brief": true``."""
    from platform_advisor.core.report.brief import brief

    summary = brief(strategy)
    if fmt == "json":
        return summary.model_dump_json(indent=2) + "\n"
    if fmt == "markdown":
        from platform_advisor.rendering.templates import render_brief_markdown

        return render_brief_markdown(summary)
    if fmt == "html":
        from platform_advisor.rendering.html import render_brief_html

        return render_brief_html(summary)
    from platform_advisor.rendering.terminal import render_brief_text

    return render_brief_text(summary, width=width)


def render_pdf_report(strategy: Strategy, *, top: int = 5, brief: bool = False) -> bytes:
    """The report, or the brief, as a PDF on the paper of the client's country."""
    from platform_advisor.rendering.pdf import paper_for, render_pdf

    html = render_brief(strategy, "html") if brief else render(strategy, "html", top=top)
    return render_pdf(html, paper_for(strategy.business.country))


def render_template(strategy: Strategy, template: Path, *, top: int = 5) -> str:
    """The user's own Jinja template, sandboxed, given the result as plain data.

    Whatever goes wrong in it is a TemplateError naming the file, and the line where
    there is one: an unreadable file, bad syntax, an undefined name, an unsafe access, an
    operation that fails at render time (a division by zero, endless recursion), or a
    rendering that runs too long or grows too large.
    """
    from platform_advisor.loading.text_files import read_text
    from platform_advisor.rendering.templates import render_user_template

    # Read once, here: missing, a folder, too large, not UTF-8; a pipe cannot be read twice.
    text = read_text(template, str(template))
    try:
        return render_user_template(strategy, template, text, top=top)
    except TemplateError as error:
        raise TemplateError(_with_line(str(error), template, error.__context__)) from None
    except (ArithmeticError, LookupError, RecursionError, TypeError, ValueError) as error:
        message = f"{template}: template error: {error}"
        raise TemplateError(_with_line(message, template, error)) from None
    except MemoryError as error:
        message = f"{template}: template error: rendering ran out of memory"
        raise TemplateError(_with_line(message, template, error)) from None


def _with_line(message: str, template: Path, cause: BaseException | None) -> str:
    """The message with the template's line added, when the message lacks one.

    Jinja rewrites the traceback of an error raised while rendering so that its frames
    point at the template's own lines; the last such frame is where it failed.
    """
    prefix = f"{template}: "
    line = _template_line(template, cause)
    if line is None or not message.startswith(prefix):
        return message
    return f"{template}:{line}: {message[len(prefix) :]}"


def _template_line(template: Path, cause: BaseException | None) -> int | None:
    if cause is None:
        return None
    target = str(template.resolve())
    lines = [
        frame.lineno
        for frame in traceback.extract_tb(cause.__traceback__)
        if _same_file(frame.filename, target)
    ]
    return lines[-1] if lines else None


def _same_file(filename: str, target: str) -> bool:
    try:
        return str(Path(filename).resolve()) == target
    except (OSError, ValueError):
        return False
