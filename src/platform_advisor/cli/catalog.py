"""``advisor catalog``: check and browse the platform catalog."""

from __future__ import annotations

from pathlib import Path

import typer

from platform_advisor.cli.common import handled_errors

app = typer.Typer(help="Check and browse the platform catalog.", no_args_is_help=True)


@app.command()
def validate(
    paths: list[Path] = typer.Argument(
        None,
        help="Catalog files or folders to check with the built-in catalog.",
        show_default=False,
    ),
    no_default_catalog: bool = typer.Option(
        False, "--no-default-catalog", help="Check the files on their own."
    ),
) -> None:
    """Check catalog files: schema, ids, references. Every problem is listed with its place."""
    with handled_errors():
        from platform_advisor.loading.files import load_catalog

        loaded = load_catalog(paths or [], include_default=not no_default_catalog)
        catalog = loaded.catalog
        links = sum(len(p.integrates_with.links()) for p in catalog.platforms.values())
        typer.echo(
            f"ok: {len(catalog.platforms)} platforms, {len(catalog.functions)} functions, "
            f"{links} integration links in {len(loaded.files)} files"
        )
