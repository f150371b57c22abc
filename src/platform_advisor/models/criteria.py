"""The criteria file: what matters, how much, and how the profile shifts the weights."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    JsonValue,
    Strict,
    model_validator,
)

from platform_advisor.algorithms.ahp import SAATY_HIGHEST, SAATY_LOWEST
from platform_advisor.models.catalog import RatingName
from platform_advisor.models.common import (
    CriterionId,
    FunctionId,
    GoalId,
    Money,
    Multiplier,
    Name,
    NoRepeats,
    RiskTolerance,
    Sector,
    ShortText,
    SkillLevel,
    SnakeId,
    StrictModel,
    Weight,
)

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

EvaluatorName = SnakeId

#: 15 criteria compared pairwise take 105 judgements; the random index stops there too.
MAX_JUDGEMENTS = 105
JUDGEMENT_SHAPE = (
    "write a judgement as [more_important, less_important, how_many_times],"
    " e.g. [cost_fit, skill_fit, 3]"
)


class Criterion(StrictModel):
    """One criterion: its weight and the evaluator that measures it."""

    id: CriterionId
    label: Name
    evaluator: EvaluatorName
    rating: RatingName | None = Field(
        default=None, description="Which catalog rating to read; only for the 'rating' evaluator."
    )
    weight: Weight
    description: ShortText = ""

    @model_validator(mode="after")
    def _rating_only_for_rating_evaluator(self) -> Self:
        if self.evaluator == "rating" and self.rating is None:
            raise ValueError("the 'rating' evaluator needs a 'rating' field naming which rating")
        if self.evaluator != "rating" and self.rating is not None:
            raise ValueError(
                f"'rating' applies only to the 'rating' evaluator, not {self.evaluator!r}"
            )
        return self


class Condition(StrictModel):
    """When an adjustment applies; every listed field must match (empty fields match all)."""

    technical_capability: Annotated[tuple[SkillLevel, ...], NoRepeats] = ()
    risk_tolerance: Annotated[tuple[RiskTolerance, ...], NoRepeats] = ()
    sector: Annotated[tuple[Sector, ...], NoRepeats] = ()
    goals: Annotated[tuple[GoalId, ...], NoRepeats] = Field(
        default=(), description="Matches when the profile has any of these goals."
    )
    budget_below_usd: Money | None = Field(
        default=None, description="Matches when the monthly budget is below this."
    )


class Adjustment(StrictModel):
    """A profile-driven change of weights, with the reason shown in the report."""

    when: Condition
    multiply: Annotated[Mapping[CriterionId, Multiplier], Field(min_length=1, max_length=50)]
    reason: ShortText


class Goal(StrictModel):
    """A business goal, the functions it needs and the ratings that serve it."""

    label: Name
    functions: Annotated[tuple[FunctionId, ...], Field(max_length=30), NoRepeats] = ()
    ratings: Annotated[tuple[RatingName, ...], Field(max_length=9), NoRepeats] = ()
    description: ShortText = ""


class RiskCondition(StrictModel):
    """Which businesses a sector risk concerns; every listed field must match."""

    functions: Annotated[tuple[FunctionId, ...], Field(max_length=30), NoRepeats] = Field(
        default=(), description="Matches when the stack fills any of these functions."
    )
    employees_at_most: Annotated[int, Field(ge=0, le=10_000_000)] | None = Field(
        default=None, description="Matches a business with at most this many employees."
    )
    employees_at_least: Annotated[int, Field(ge=0, le=10_000_000)] | None = Field(
        default=None, description="Matches a business with at least this many employees."
    )


class SectorRisk(StrictModel):
    """A risk particular to a sector, its mitigation, and the businesses it concerns.

    The short form, one text, still reads: its first '; ' parts the risk from the
    mitigation, as criteria files wrote them before risks had two fields.
    """

    risk: ShortText
    mitigation: ShortText = ""
    when: RiskCondition | None = Field(
        default=None, description="Which businesses it concerns; every business if left out."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_one_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            risk, _, mitigation = data.partition("; ")
            mitigation = mitigation[:1].upper() + mitigation[1:]
            return {"risk": f"{risk.rstrip('.')}.", "mitigation": mitigation}
        return data


class SectorGuide(StrictModel):
    """Functions that businesses of one sector usually need, and advice for the sector."""

    functions: Annotated[tuple[FunctionId, ...], Field(max_length=30), NoRepeats] = ()
    guidance: Annotated[tuple[ShortText, ...], Field(max_length=12)] = Field(
        default=(), description="What platform choices in this sector should keep in mind."
    )
    risks: Annotated[tuple[SectorRisk, ...], Field(max_length=12)] = Field(
        default=(), description="Risks particular to the sector, each with its mitigation."
    )


DEFAULT_VENDOR_PENALTY: dict[RiskTolerance, float] = {"low": 6.0, "medium": 3.0, "high": 1.0}


class StackTerms(StrictModel):
    """The stack objective's terms besides the platforms' scores (docs/scoring.md).

    Points are on the scale of a platform's 0-100 score for one function.
    """

    native: Weight = Field(default=4.0, description="Per pair of functions linked natively.")
    ipaas: Weight = Field(default=2.0, description="Per pair linked through an iPaaS.")
    api: Weight = Field(default=1.0, description="Per pair linked by API work only.")
    same_platform: Weight = Field(
        default=4.0, description="Per pair of functions one platform fills (linked by design)."
    )
    keep_in_use: Weight = Field(
        default=3.0,
        description="Points on the criteria by which a candidate must beat a platform in "
        "use for the same function to replace it: what works is kept on a close call.",
    )
    vendor_penalty: Mapping[RiskTolerance, Weight] = Field(
        default_factory=lambda: dict(DEFAULT_VENDOR_PENALTY),
        description="Per pair of functions on one vendor, by the profile's risk tolerance.",
    )
    admin_hours_per_level: Weight = Field(
        default=3.0,
        description="Hours a month of outside help per skill level a self-hosted platform "
        "needs beyond the team's.",
    )
    hourly_rate_usd: Money = Field(default=50.0, description="The cost of an hour of that help.")
    horizon_months: Annotated[int, Field(strict=True, ge=1, le=120)] = Field(
        default=36,
        description="Months over which money is weighed: monthly costs times this, plus "
        "one-off and switching costs.",
    )


def _three_items(value: Any) -> Any:
    """A judgement is a list of three: two criteria and a number."""
    if not isinstance(value, list | tuple) or len(value) != 3:
        raise ValueError(JUDGEMENT_SHAPE)
    return value


def _not_text(value: Any) -> Any:
    """'1/3' is text in YAML; the judgement is easier to read the other way round."""
    if isinstance(value, str):
        raise ValueError(
            f"must be a number from 1 to 9 (got {value!r}); to say the second criterion"
            " matters more, swap the two and give how many times, e.g. [b, a, 3] for 1/3"
        )
    return value


def _on_saaty_scale(value: float) -> float:
    if not SAATY_LOWEST <= value <= SAATY_HIGHEST:
        raise ValueError(
            f"must be from 1 to 9 on Saaty's scale, or 1/9 (0.11) to 1 for the reverse"
            f" (got {value:g})"
        )
    return value


class _Draft07Tuple:
    """A fixed-length list in draft-07 terms (``items`` as a list), which editors read."""

    def __get_pydantic_json_schema__(
        self, schema: "CoreSchema", handler: "GetJsonSchemaHandler"
    ) -> "JsonSchemaValue":
        json_schema = handler(schema)
        json_schema["items"] = json_schema.pop("prefixItems")
        json_schema["additionalItems"] = False
        return json_schema


SaatyRatio = Annotated[
    float,
    Strict(),
    BeforeValidator(_not_text),
    AfterValidator(_on_saaty_scale),
    Field(json_schema_extra={"minimum": SAATY_LOWEST, "maximum": SAATY_HIGHEST}),
]
PairwiseJudgement = Annotated[
    tuple[CriterionId, CriterionId, SaatyRatio],
    BeforeValidator(_three_items),
    _Draft07Tuple(),
    Field(
        description="[more_important, less_important, how_many_times]: the first criterion "
        "matters that many times as much as the second, on Saaty's 1-9 scale (1 equally, "
        "3 moderately more, 5 strongly, 7 very strongly, 9 extremely more)."
    ),
]


def consistency_text(ratio: float) -> str:
    """A consistency ratio to two decimals, or three where two would hide which side of
    Saaty's 0.10 it falls."""
    shown = f"{ratio:.2f}"
    return f"{ratio:.3f}" if shown == "0.10" and ratio != 0.1 else shown


class Inconsistency(StrictModel):
    """A judgement that the file's other judgements contradict, in words."""

    judgement: int = Field(description="Its position under 'pairwise', from 0.")
    implied: float = Field(description="The ratio the other judgements imply for the pair.")
    message: str


class WeightDerivation(StrictModel):
    """Weights a criteria file derived from its pairwise judgements, and how consistent
    they were: kept so a report can say where the weights came from."""

    document: str = Field(description="The file that gave the judgements.")
    judgements: tuple[PairwiseJudgement, ...]
    criteria: tuple[CriterionId, ...] = Field(description="The criteria compared.")
    weights: tuple[float, ...] = Field(description="Each compared criterion's derived weight.")
    total_weight: float = Field(description="What the compared criteria had before, shared out.")
    lambda_max: float
    consistency_index: float
    consistency_ratio: float
    inconsistencies: tuple[Inconsistency, ...] = Field(
        default=(), description="The judgements the others contradict most, the worst first."
    )

    @property
    def acceptable(self) -> bool:
        """Saaty's rule: a consistency ratio up to 0.1 is acceptable."""
        return self.consistency_ratio <= 0.1

    @property
    def summary(self) -> str:
        """'weights derived from 6 pairwise judgements (CR 0.04)', for a report."""
        count = len(self.judgements)
        plural = "s" if count != 1 else ""
        return (
            f"weights derived from {count} pairwise judgement{plural}"
            f" (CR {consistency_text(self.consistency_ratio)})"
        )


class Criteria(StrictModel):
    """A complete criteria preset, such as criteria/balanced.yaml."""

    name: Name
    description: ShortText = ""
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1, max_length=100)]
    adjustments: Annotated[tuple[Adjustment, ...], Field(max_length=100)] = ()
    goals: Annotated[Mapping[GoalId, Goal], Field(min_length=1, max_length=100)]
    sectors: Mapping[Sector, SectorGuide] = Field(default_factory=dict)
    stack: StackTerms = Field(default_factory=StackTerms)
    derivations: tuple[WeightDerivation, ...] = Field(
        default=(),
        description="Weights derived from pairwise judgements, one per file that gave some.",
    )
    notices: tuple[str, ...] = Field(
        default=(), description="Warnings found while loading, one line each, for stderr."
    )

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id."""
        return next(c for c in self.criteria if c.id == criterion_id)


PresetReference = Annotated[str, Field(min_length=1, max_length=300)]


# The validator's rule, for JSON Schema readers (editors): a file that extends nothing
# defines its criteria and goals, and has no weights to change.
_COMPLETE_UNLESS_EXTENDING: dict[str, JsonValue] = {
    "if": {"not": {"required": ["extends"]}},
    "then": {
        "required": ["criteria", "goals"],
        "properties": {"criteria": {"minItems": 1}, "goals": {"minProperties": 1}},
        "not": {"required": ["weights"]},
    },
}


class CriteriaFile(StrictModel):
    """A criteria file as written: complete on its own, or building on a preset.

    The core never sees this model: loading resolves ``extends`` and merges the file into
    its base, giving a ``Criteria``.
    """

    model_config = ConfigDict(json_schema_extra=_COMPLETE_UNLESS_EXTENDING)

    name: Name
    description: ShortText = ""
    extends: PresetReference | None = Field(
        default=None,
        description="A shipped preset's name, or a criteria file's path relative to this file.",
    )
    weights: Annotated[Mapping[CriterionId, Weight], Field(max_length=100)] = Field(
        default_factory=dict, description="New weights for criteria of the base, by id."
    )
    pairwise: Annotated[tuple[PairwiseJudgement, ...], Field(max_length=MAX_JUDGEMENTS)] = Field(
        default=(),
        description="Judgements that set the weights of the criteria they compare; every "
        "pair of those criteria must be judged, and together they keep the total weight they "
        "had (docs/criteria-presets.md).",
    )
    criteria: Annotated[tuple[Criterion, ...], Field(max_length=100)] = ()
    adjustments: Annotated[tuple[Adjustment, ...], Field(max_length=100)] = ()
    goals: Annotated[Mapping[GoalId, Goal], Field(max_length=100)] = Field(default_factory=dict)
    sectors: Mapping[Sector, SectorGuide] = Field(default_factory=dict)
    stack: StackTerms | None = Field(
        default=None, description="The stack objective's terms; the base's when left out."
    )

    @model_validator(mode="after")
    def _complete_unless_extending(self) -> Self:
        if self.extends is not None:
            return self
        missing = [repr(section) for section in ("criteria", "goals") if not getattr(self, section)]
        if missing:
            raise ValueError(
                f"missing {' and '.join(missing)}: a criteria file without 'extends' must define"
                " its criteria and goals (or build on a preset with 'extends: balanced')"
            )
        if self.weights:
            raise ValueError(
                "'weights' re-weighs the criteria of the preset named in 'extends', and this"
                " file extends none (set each weight in 'criteria' instead)"
            )
        return self


class PairwiseFile(StrictModel):
    """Judgements read by ``advisor weights --from``: a criteria file, or any YAML mapping
    with a ``pairwise`` list; other fields are not read."""

    model_config = ConfigDict(extra="ignore")

    pairwise: Annotated[
        tuple[PairwiseJudgement, ...], Field(min_length=1, max_length=MAX_JUDGEMENTS)
    ]
