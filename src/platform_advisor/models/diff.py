"""What changed between two runs of the advisor for one business (`advisor diff`).

Its JSON form is a public contract (``schema_version``), like the result's.
"""

from typing import Literal

from pydantic import Field

from platform_advisor.contracts import DIFF_SCHEMA_VERSION
from platform_advisor.models.result import MoneyFormat, ResultModel

CauseKind = Literal["profile", "criteria", "method", "catalog"]


class StackChange(ResultModel):
    """A needed function whose platform changed, or that was added or dropped."""

    function: str
    label: str
    before: str | None = Field(description="The platform's name before; null if not needed.")
    after: str | None = Field(description="The platform's name now; null if no longer needed.")


class RankChange(ResultModel):
    """A candidate whose place or score moved in a function's ranking."""

    function: str
    label: str
    platform: str
    name: str
    rank_before: int | None = Field(description="Null when it was not a candidate.")
    rank_after: int | None = Field(description="Null when it is no longer a candidate.")
    score_before: float | None
    score_after: float | None


class NumberChange(ResultModel):
    """A figure of the report that moved."""

    label: str
    before: float
    after: float


class VerdictChange(ResultModel):
    """A function whose robustness verdict or winner changed."""

    function: str
    label: str
    before: str
    after: str


class Cause(ResultModel):
    """Something in the inputs that differs between the runs, and so may explain them."""

    kind: CauseKind
    detail: str


class RunDiff(ResultModel):
    """The changes between an older and a newer result for the same business."""

    schema_version: Literal["1.1"] = DIFF_SCHEMA_VERSION
    currency: str = Field(description="ISO 4217 code of the costs compared (the newer run's).")
    money_format: MoneyFormat
    business: str
    old: str = Field(description="The older result's file.")
    new: str = Field(description="The newer result's file.")
    summary: tuple[str, ...] = Field(description="The changes in a few sentences.")
    stack: tuple[StackChange, ...]
    ranks: tuple[RankChange, ...]
    costs: tuple[NumberChange, ...]
    newly_stale: tuple[str, ...] = Field(description="Platforms whose prices became stale.")
    no_longer_stale: tuple[str, ...]
    robustness: tuple[VerdictChange, ...]
    causes: tuple[Cause, ...]
