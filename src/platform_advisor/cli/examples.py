"""``advisor examples``: the example profiles that ship with the advisor, written into a
folder of the user's, to read, copy and score."""

from __future__ import annotations

from pathlib import Path

import typer

from platform_advisor.cli.common import handled_errors, say
from platform_advisor.cli.options import Quiet, Verbose


def examples(
    folder: Path = typer.Argument(
        ...,
        help="The folder to write them into; made if it does not exist (its parent must).",
        metavar="FOLDER",
        show_default=False,
        readable=False,
    ),
    force: bool = typer.Option(False, "--force", help="Replace example files already there."),
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Write the example profiles into FOLDER, each ready to score."""
    with handled_errors(quiet, verbose):
        from platform_advisor.loading.sources import read_source
        from platform_advisor.resources import readable_shipped_dir
        from platform_advisor.storage.atomic import write_atomic

        shipped = sorted(readable_shipped_dir("examples").glob("*.yaml"))
        _refuse_folder(folder, [path.name for path in shipped], force)
        folder.mkdir(exist_ok=True)
        for path in shipped:
            write_atomic(folder / path.name, read_source(path).text, str(folder / path.name))
        first = folder / shipped[0].name
        say(f"wrote {len(shipped)} example profiles to {folder}; try: advisor score {first}")


def _refuse_folder(folder: Path, names: list[str], force: bool) -> None:
    """Refuse, before anything is written, a folder that cannot take every example: a
    file, a missing parent, no permission, or examples already there without --force."""
    from platform_advisor.cli.common import refuse_unwritable
    from platform_advisor.errors import OutputError

    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder")
    if not folder.exists():
        if not folder.parent.is_dir():
            raise OutputError(f"{folder}: the folder {folder.parent} does not exist")
        refuse_unwritable(folder.parent, str(folder))
        return
    refuse_unwritable(folder, str(folder))
    there = [name for name in names if (folder / name).exists()]
    if there and not force:
        raise OutputError(
            f"{folder}: already holds {', '.join(there)}; use --force to replace them"
        )
