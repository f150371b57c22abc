"""The consultant's settings file: who prepares the reports, for the cover."""

from typing import Annotated

from pydantic import Field

from platform_advisor.models.common import ShortText, StrictModel

PersonName = Annotated[str, Field(max_length=120)]


class Settings(StrictModel):
    """What every report a consultant makes carries on its cover."""

    prepared_by: PersonName = Field(default="", description="The consultant's name.")
    firm: PersonName = Field(default="", description="The consultant's firm.")
    logo: ShortText = Field(
        default="",
        description="The firm's logo, a PNG, JPEG or SVG file; a relative path is taken "
        "from the settings file's folder.",
    )
