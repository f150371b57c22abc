"""The consultant's settings and logo: read from files, checked, located on error."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from platform_advisor.errors import InputFileError

if TYPE_CHECKING:
    from platform_advisor.models.settings import Settings

#: Names the settings file's path, in place of the user's config folder.
SETTINGS_VARIABLE = "ADVISOR_SETTINGS"
#: A logo larger than this is not a logo; it would swell every report.
MAX_LOGO_BYTES = 1_000_000
_IMAGE_KINDS = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


@dataclass(frozen=True)
class Preparer:
    """Who prepared a report, as the cover shows it; the logo as a data: URI."""

    name: str = ""
    firm: str = ""
    logo: str = ""


def settings_path() -> Path:
    """The settings file: $ADVISOR_SETTINGS, else settings.yaml in the user's config
    folder (~/.config/platform-advisor on Linux)."""
    given = os.environ.get(SETTINGS_VARIABLE, "")
    if given:
        return Path(given)
    from platformdirs import user_config_path

    return user_config_path("platform-advisor", appauthor=False) / "settings.yaml"


def load_settings() -> tuple[Settings | None, Path | None]:
    """The settings and the folder a relative logo path is taken from; none when the
    default file does not exist (a file named by the variable must exist). The loader
    and the model load only when there is a file: most runs have none."""
    path = settings_path()
    if not os.environ.get(SETTINGS_VARIABLE) and not _exists(path):
        return None, None
    from platform_advisor.loading.sources import load_model
    from platform_advisor.models.settings import Settings

    settings, _ = load_model(Settings, path)
    return settings, path.parent


def _exists(path: Path) -> bool:
    """Whether the default settings file is there; a config folder the user may not
    enter (a service account's) counts as none."""
    try:
        return path.is_file()
    except OSError:
        return False


def preparer(name: str | None, firm: str | None, logo: Path | None) -> Preparer:
    """The preparer the options give, each option over the settings file's value."""
    settings, folder = load_settings()
    if settings is None:
        return Preparer(name or "", firm or "", logo_uri(logo) if logo else "")
    logo_path = logo or (folder / settings.logo if settings.logo and folder else None)
    return Preparer(
        name=settings.prepared_by if name is None else name,
        firm=settings.firm if firm is None else firm,
        logo=logo_uri(logo_path) if logo_path else "",
    )


def logo_uri(path: Path) -> str:
    """The image as a data: URI, so reports embed it and fetch nothing."""
    import base64

    from platform_advisor.loading.text_files import display_name, read_bytes

    display = display_name(path)
    data = read_bytes(path, display, MAX_LOGO_BYTES)
    kind = image_kind(data)
    if kind is None:
        raise InputFileError(f"{display}: not a PNG, JPEG or SVG image; give the logo as one")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def image_kind(data: bytes) -> str | None:
    """The media type of a PNG, JPEG or SVG image by its first bytes; None for others."""
    for magic, kind in _IMAGE_KINDS:
        if data.startswith(magic):
            return kind
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in head:
        return "image/svg+xml"
    return None
