"""Which files make up a catalog: the shipped ones, the user's own folder and the files or
folders named on the command line. Light on purpose: a repeated run lists them to see
whether anything changed before it loads anything."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from platform_advisor.errors import InputFileError
from platform_advisor.loading.text_files import display_name
from platform_advisor.resources import shipped_dir, user_catalog_dir

YAML_SUFFIXES = (".yaml", ".yml")


def catalog_files(paths: Sequence[Path]) -> list[Path]:
    """The YAML files named, with folders expanded (recursively, in sorted order)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in YAML_SUFFIXES and p.is_file() and not p.name.startswith(".")
                )
            )
        elif path.exists() or path.suffix in YAML_SUFFIXES:
            found.append(path)
        else:
            raise InputFileError(f"{display_name(path)}: no such file or folder")
    return found


def catalog_sets(paths: Sequence[Path], *, include_default: bool) -> tuple[list[Path], list[Path]]:
    """The shipped catalog files (none when left out) and the user's: their own folder,
    when there is one and the shipped catalog is in, then the files named."""
    default = catalog_files([shipped_dir("catalogs")]) if include_default else []
    own = user_catalog_dir()
    user = catalog_files([*([own] if include_default and own.is_dir() else []), *paths])
    return default, user
