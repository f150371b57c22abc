"""Where the shipped catalogs, criteria presets and templates are.

In a wheel they sit inside the package (``platform_advisor/_data``); in a source checkout
or an editable install they are the top-level folders of the repository, the ones
maintainers edit.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Literal

Shipped = Literal["catalogs", "criteria", "templates", "examples"]

DEFAULT_CRITERIA = "balanced"


def shipped_dir(kind: Shipped) -> Path:
    """The folder of one kind of shipped file."""
    packaged = Path(str(files("platform_advisor"))) / "_data" / kind
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / kind


def criteria_preset(name: str) -> Path:
    """The file of a shipped criteria preset, such as 'balanced'."""
    return shipped_dir("criteria") / f"{name}.yaml"


def criteria_presets() -> list[str]:
    """Names of the shipped criteria presets."""
    return sorted(path.stem for path in shipped_dir("criteria").glob("*.yaml"))


def user_catalog_dir() -> Path:
    """The folder of a user's own platforms, added to the built-in catalog when it exists:
    `catalog` in the user's data folder (~/.local/share/platform-advisor on Linux)."""
    from platformdirs import user_data_path

    return user_data_path("platform-advisor", appauthor=False) / "catalog"
