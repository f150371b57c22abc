"""Building blocks shared by the input and result models: strict bases and vocabularies."""

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict

if TYPE_CHECKING:  # the schema machinery loads only when a model is first built
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema


class StrictModel(BaseModel):
    """Frozen, closed to unknown keys, and refusing NaN and infinity."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        str_max_length=4000,
        validate_default=False,
        # Build validators on first use: a run that finds its files in the cache never
        # pays for the catalog models' schema.
        defer_build=True,
    )


_PLATFORM_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
_SNAKE_ID = re.compile(r"[a-z][a-z0-9_]{0,62}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_CURRENCY = re.compile(r"[A-Z]{3}")
_MONTH = re.compile(r"(19|20)\d\d-(0[1-9]|1[0-2])")
_DAY = re.compile(r"(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")
_URL = re.compile(r"https?://[^\s/$.?#<>\"'`][^\s<>\"'`]*")


@dataclass(frozen=True)
class _Matching:
    """Text that must match a pattern: a friendly message, and the pattern in the schema."""

    pattern: re.Pattern[str]
    description: str

    def __get_pydantic_core_schema__(
        self, source: Any, handler: "GetCoreSchemaHandler"
    ) -> "CoreSchema":
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: "CoreSchema", handler: "GetJsonSchemaHandler"
    ) -> "JsonSchemaValue":
        json_schema = handler(schema)
        json_schema["pattern"] = f"^(?:{self.pattern.pattern})$"
        return json_schema

    def _check(self, value: str) -> str:
        if not self.pattern.fullmatch(value):
            raise ValueError(f"must be {self.description} (got {value!r})")
        return value


@dataclass(frozen=True)
class _CalendarDay(_Matching):
    """A YYYY-MM-DD date that is also a day of the calendar (no 30 February)."""

    def _check(self, value: str) -> str:
        super()._check(value)
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"is no day of the calendar (got {value!r})") from None
        return value


#: Codes people write that ISO 3166 reserves for another: the report and the catalog's
#: regions use the ISO code, so a profile saying 'UK' would miss every platform sold in GB.
NOT_ISO_COUNTRY = {"UK": "GB", "EL": "GR"}


class _Country(_Matching):
    """An ISO 3166 two-letter code; the reserved stand-ins (UK, EL) are refused with the
    code to write instead."""

    def _check(self, value: str) -> str:
        super()._check(value)
        if value in NOT_ISO_COUNTRY:
            raise ValueError(
                f"must be an ISO 3166 country code: write {NOT_ISO_COUNTRY[value]!r}, not {value!r}"
            )
        return value


PlatformId = Annotated[
    str,
    _Matching(
        _PLATFORM_ID, "a platform id: lowercase letters, digits and hyphens, e.g. 'hubspot-crm'"
    ),
]
SnakeId = Annotated[
    str,
    _Matching(
        _SNAKE_ID, "an id of lowercase letters, digits and underscores, e.g. 'email_marketing'"
    ),
]
FunctionId = SnakeId
ChannelId = SnakeId
GoalId = SnakeId
CriterionId = SnakeId
CountryCode = Annotated[str, _Country(_COUNTRY, "a two-letter country code in capitals, e.g. 'GB'")]
YearMonth = Annotated[str, _Matching(_MONTH, "a year and month written YYYY-MM, e.g. '2025-06'")]
#: The date a page states: a day where it gives one, else its month.
PageDate = Annotated[
    str,
    _Matching(
        re.compile(f"{_DAY.pattern}|{_MONTH.pattern}"),
        "a date written YYYY-MM-DD or YYYY-MM, e.g. '2024-11-22'",
    ),
]
CurrencyCode = Annotated[
    str, _Matching(_CURRENCY, "an ISO 4217 currency code in capitals, e.g. 'EUR'")
]
IsoDate = Annotated[str, _CalendarDay(_DAY, "a date written YYYY-MM-DD, e.g. '2025-06-30'")]
Url = Annotated[str, Field(max_length=500), _Matching(_URL, "a web address starting with https://")]

Name = Annotated[str, Field(min_length=1, max_length=120)]
ShortText = Annotated[str, Field(max_length=300)]
LongText = Annotated[str, Field(max_length=4000)]

Money = Annotated[float, Strict(), Field(ge=0, le=10_000_000)]
#: An amount in a currency with many units to the dollar (yen, rupiah, shillings).
Amount = Annotated[float, Strict(), Field(ge=0, le=100_000_000_000)]
Share = Annotated[float, Strict(), Field(ge=0, le=1)]
Percent = Annotated[float, Strict(), Field(ge=0, le=100)]
Count = Annotated[int, Strict(), Field(ge=0, le=10_000_000)]
Rating = Annotated[int, Strict(), Field(ge=0, le=5)]
Weight = Annotated[float, Strict(), Field(ge=0, le=1_000_000)]
Multiplier = Annotated[float, Strict(), Field(gt=0, le=100)]

Ownership = Literal["proprietary", "open_source", "hybrid"]
Deployment = Literal["saas", "self_hosted", "desktop", "in_person"]
SkillLevel = Literal["none", "basic", "intermediate", "advanced"]
RiskTolerance = Literal["low", "medium", "high"]
Sector = Literal[
    "retail",
    "services",
    "hospitality",
    "manufacturing",
    "agriculture",
    "healthcare",
    "nonprofit",
    "other",
]
#: What a business may already run that platforms can use instead of buying it.
Infrastructure = Literal["own_server", "shared_hosting"]
Compliance = Literal["gdpr", "ccpa", "hipaa", "pci_dss", "soc2", "iso27001"]
FunctionGroup = Literal[
    "marketing_sales", "operations", "finance_payments", "sector_specific", "ecosystems"
]

#: How a business takes its sales; each sale pays the fee of the one platform that takes it.
SalesChannel = Literal[
    "card_present",
    "card_online",
    "invoice",
    "instant_payment",
    "direct_debit",
    "bank_transfer",
    "marketplace",
    "delivery_app",
    "cash",
]
#: How the business sells: to consumers directly, to other businesses, as a franchisee,
#: reselling others' goods, or through marketplaces.
BusinessModel = Literal["direct_to_consumer", "b2b", "franchisee", "reseller", "marketplace_seller"]
#: The trade a business is in, finer than its sector: it picks the partner examples, the
#: industry associations and the marketplaces that fit.
Trade = Literal[
    "food",
    "retail",
    "wholesale",
    "design",
    "professional_services",
    "manufacturing",
    "agriculture",
    "healthcare",
    "nonprofit",
]
#: The three kinds of partner the essays name, by where the partner stands.
PartnerType = Literal["horizontal", "vertical", "complementary"]
#: The kinds of network a business can belong to (a catalog network says which it is).
NetworkKind = Literal[
    "chamber",
    "association",
    "industry_association",
    "referral_group",
    "support_service",
    "coworking",
]
#: A partnership or network the business already has: a partner type, a network kind, a
#: marketplace or a franchise.
RelationType = PartnerType | NetworkKind | Literal["marketplace", "franchise"]
#: How a partnership is set up, loosest first.
PartnershipStructure = Literal[
    "informal", "alliance", "reseller", "membership", "franchise", "joint_venture"
]
#: What a business wants from partners.
PartnerWant = Literal["reach", "supply", "skills", "capital"]
#: What a catalog fact rests on: the vendor's own page, a dated third-party source, or
#: nothing checked.
Evidence = Literal["vendor_page", "secondary", "unverified"]
#: Kinds of data a function's platforms hold that rules are about: health records (HIPAA),
#: card data (PCI DSS), personal data (GDPR, CCPA), financial records.
DataKind = Literal["health", "card", "personal", "financial"]
WORLDWIDE = "worldwide"
#: Where a platform, a price list or a fee schedule applies: country codes, or worldwide.
Region = CountryCode | Literal["worldwide"]

SKILL_LEVELS: tuple[SkillLevel, ...] = ("none", "basic", "intermediate", "advanced")
RISK_LEVELS: tuple[RiskTolerance, ...] = ("low", "medium", "high")


def _no_repeats(values: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"lists {value!r} more than once")
        seen.add(value)
    return values


NoRepeats = AfterValidator(_no_repeats)
