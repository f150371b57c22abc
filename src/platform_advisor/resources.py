"""Where the shipped catalogs, criteria presets and templates are.

In a wheel they sit inside the package (``platform_advisor/_data``); in a source checkout
or an editable install they are the top-level folders of the repository, the ones
maintainers edit.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import Literal

from platform_advisor.errors import InputFileError

Shipped = Literal["catalogs", "criteria", "templates", "examples"]
_WORDS = {
    "catalogs": "catalog",
    "criteria": "criteria presets",
    "templates": "report templates",
    "examples": "example profiles",
}

DEFAULT_CRITERIA = "balanced"


def shipped_dir(kind: Shipped) -> Path:
    """The folder of one kind of shipped file."""
    packaged = Path(str(files("platform_advisor"))) / "_data" / kind
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / kind


def readable_shipped_dir(kind: Shipped) -> Path:
    """The folder of one kind of shipped file, or InputFileError when the installation
    cannot be read (a raw `[Errno 13]`, or a preset silently missing, before)."""
    folder = shipped_dir(kind)
    try:
        next(folder.iterdir(), None)
    except OSError as error:
        raise own_data_error(folder, kind, error) from None
    return folder


def shipped_text(kind: Shipped, name: str) -> str:
    """One shipped file's text (a report template, say)."""
    path = readable_shipped_dir(kind) / name
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise own_data_error(path, kind, error) from None


def own_data_error(path: Path, kind: Shipped, error: OSError) -> InputFileError:
    reason = (error.strerror or type(error).__name__).lower()
    relative = os.path.relpath(path)
    shown = relative if not relative.startswith("..") else str(path)
    return InputFileError(
        f"{shown}: the advisor's own {_WORDS[kind]} cannot be read ({reason}); reinstall it, "
        "or make the folder readable"
    )


def criteria_preset(name: str) -> Path:
    """The file of a shipped criteria preset, such as 'balanced'."""
    return shipped_dir("criteria") / f"{name}.yaml"


def criteria_presets() -> list[str]:
    """Names of the shipped criteria presets."""
    return sorted(path.stem for path in readable_shipped_dir("criteria").glob("*.yaml"))


def user_catalog_dir() -> Path:
    """The folder of a user's own platforms, added to the built-in catalog when it exists:
    `catalog` in the user's data folder (~/.local/share/platform-advisor on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("platform-advisor", appauthor=False) / "catalog"
