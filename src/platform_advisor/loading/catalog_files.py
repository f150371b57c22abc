"""Which files make up a catalog: the shipped ones, the user's own folder and the files or
folders named on the command line. Light on purpose: a repeated run lists them to see
whether anything changed before it loads anything."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from platform_advisor.errors import InputFileError
from platform_advisor.loading.text_files import display_name
from platform_advisor.resources import readable_shipped_dir, user_catalog_dir

YAML_SUFFIXES = (".yaml", ".yml")


def catalog_files(paths: Sequence[Path]) -> list[Path]:
    """The YAML files named, with folders expanded (recursively, in sorted order)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(_yaml_files_in(path)))
        elif path.exists() or path.suffix in YAML_SUFFIXES:
            found.append(path)
        else:
            raise InputFileError(f"{display_name(path)}: no such file or folder")
    return found


def _yaml_files_in(folder: Path) -> list[Path]:
    """The visible YAML files under a folder and its subfolders (not through links to
    folders). A subfolder that cannot be read, or that vanishes while it is read, is an
    error: a catalog read in part would give advice without a word of what is missing."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except PermissionError:
        shown = display_name(folder)
        raise InputFileError(
            f"{shown}: permission denied (a catalog folder must be readable)"
        ) from None
    except (FileNotFoundError, NotADirectoryError):
        raise InputFileError(
            f"{display_name(folder)}: removed while the catalog was being read; "
            "run the command again"
        ) from None
    found: list[Path] = []
    for entry in entries:
        path = folder / entry.name
        if entry.is_dir(follow_symlinks=False):
            found.extend(_yaml_files_in(path))
        elif path.suffix in YAML_SUFFIXES and not entry.name.startswith(".") and entry.is_file():
            found.append(path)
    return found


def catalog_sets(paths: Sequence[Path], *, include_default: bool) -> tuple[list[Path], list[Path]]:
    """The shipped catalog files (none when left out) and the user's: their own folder,
    when there is one and the shipped catalog is in, then the files named."""
    default = catalog_files([readable_shipped_dir("catalogs")]) if include_default else []
    own = user_catalog_dir()
    user = catalog_files([*([own] if include_default and own.is_dir() else []), *paths])
    return default, user
