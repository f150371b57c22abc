"""The result of advice: a finished, sorted, worded model that renderers only present.

Its JSON form is a public contract (``schema_version``); change it only with a new
version and a line in CHANGELOG.md.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from platform_advisor.algorithms import MethodName
from platform_advisor.contracts import RESULT_SCHEMA_VERSION

Score = Annotated[float, Field(ge=0, le=100, description="0-100, one decimal place.")]


class ResultModel(BaseModel):
    """Results are built by the core from validated inputs, with ``model_construct``: the
    schema here documents and serializes them (``advisor schema result``, JSON output)
    rather than re-checking the core's own work on every run."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Contribution(ResultModel):
    """How one criterion moved one platform's score."""

    criterion: str
    label: str
    weight_share: float = Field(description="This criterion's share of the applicable weight, 0-1.")
    value: float | None = Field(description="The evaluator's value 0-1; null when not applicable.")
    points: float = Field(description="Points this criterion added to the 0-100 score.")
    reason: str


class MoneyFormat(ResultModel):
    """How the report writes amounts for this client: Babel's conventions for English in
    the client's country, kept with the result so it renders the same everywhere."""

    currency: str = Field(description="ISO 4217 code of every amount in the result.")
    symbol: str
    prefix: str = Field(description="Before a positive amount; ¤ stands for the symbol.")
    suffix: str
    negative_prefix: str
    negative_suffix: str
    group: str
    decimal: str
    grouping: tuple[int, int] = Field(description="Digits in the first group, then the others.")
    digits: int = Field(description="The currency's minor units.")


class ExchangeNote(ResultModel):
    """The exchange rates the result used, from the catalog's dated table."""

    date: str
    source: str
    rates: dict[str, float] = Field(
        description="Units of the result's currency for one unit of each currency converted."
    )


class FeeBasis(ResultModel):
    """One channel's fees a month with one platform, and everything that gives the figure."""

    channel: str
    label: str
    platform: str | None = Field(description="Who charges them; null for an estimate.")
    kind: Literal["processing", "commission", "platform", "estimate"]
    sales: float = Field(description="The channel's sales a month.")
    count: int = Field(description="How many sales a month.")
    pct: float
    fixed: float = Field(description="Per sale, in the result's currency.")
    cap: float | None
    amount: float = Field(description="The fees a month.")
    words: str = Field(description="The rate and its basis, in words.")
    as_of: str
    source: str


class OneOffCost(ResultModel):
    """A cost paid once to start, and what it is."""

    item: str = Field(description="setup, hardware, implementation, migration or training.")
    label: str
    amount: float
    basis: str


class ScoredPlatform(ResultModel):
    """One candidate for one function, scored and explained."""

    platform: str
    name: str
    vendor: str
    rank: int
    score: Score
    score_exact: float = Field(
        description="The score before rounding, which the rankings and the stack compare."
    )
    ownership: str
    deployment: tuple[str, ...]
    monthly_cost: float = Field(description="Fixed cost plus fees on the expected sales.")
    fixed_cost: float = Field(description="Subscription, hosting and help, whatever is sold.")
    fees: float = Field(description="Fees a month on the sales this function's platform takes.")
    fees_estimated: bool = Field(
        description="Some fees are the going rate of the country's processors, not its own."
    )
    one_off: float = Field(description="Paid once to start: set-up, hardware, switching.")
    horizon_cost: float = Field(description="Monthly cost over the horizon plus one-off costs.")
    cost_basis: str = Field(description="Which plan the monthly cost assumes, in words.")
    prices_as_of: str
    price_source: str
    highlights: tuple[str, ...] = Field(description="The reasons that lifted it most.")
    drawbacks: tuple[str, ...] = Field(description="The reasons that held it back most.")
    contributions: tuple[Contribution, ...]


class Need(ResultModel):
    """A function the business needs, and why."""

    function: str
    label: str
    reason: str
    candidates: int = Field(description="Platforms of this function that were scored.")
    excluded: int = Field(description="Platforms of this function ruled out by constraints.")


class Exclusion(ResultModel):
    """A platform ruled out by a hard constraint, with every reason."""

    platform: str
    name: str
    functions: tuple[str, ...]
    reasons: tuple[str, ...]


class WeightUsed(ResultModel):
    """A criterion's weight as given, as adjusted for this profile, and why."""

    criterion: str
    label: str
    evaluator: str
    base_weight: float
    multiplier: float
    weight: float
    share: float = Field(description="Share of the total weight, 0-1.")
    adjustments: tuple[str, ...]


class AlsoOn(ResultModel):
    """A further platform for a channel function, beside the one the stack chose."""

    platform: str
    name: str
    score: Score
    reason: str


class StackItem(ResultModel):
    """The platform recommended for one function."""

    function: str
    platform: str
    name: str
    score: Score
    vendor: str = ""
    shared_with: tuple[str, ...] = Field(
        default=(), description="Other needed functions the same platform fills (paid once)."
    )
    in_use: bool = Field(default=False, description="The business already uses it.")
    replaces: tuple[str, ...] = Field(
        default=(), description="Platforms in use for this function that it would replace."
    )
    business_case: str = Field(
        default="", description="Why replacing them pays: points, money and the move."
    )
    also: tuple[AlsoOn, ...] = Field(
        default=(),
        description="For a channel function (social media, marketplaces): the further "
        "platforms, free to be on, that reach audience channels the first does not, or "
        "that the business already uses.",
    )


class RunnerUp(ResultModel):
    """The best stack that differs from the recommended one, and what separates them."""

    stack: tuple[StackItem, ...]
    value: float
    gap: float = Field(description="Objective points behind the recommended stack.")
    monthly_cost: float
    differences: tuple[str, ...]


class BudgetCheck(ResultModel):
    """Whether the budget decided the stack.

    When no stack fits at all there is no result: the error names the cheapest stack.
    """

    budget: float
    stack_cost: float = Field(description="Monthly fixed cost of the recommended stack.")
    binding: bool = Field(description="A better stack exists that the budget rules out.")
    note: str


class StackSearch(ResultModel):
    """The objective the stack maximises, its terms for the chosen stack, and the proof."""

    value: float
    fit: float = Field(description="Sum of the chosen platforms' scores, one per function.")
    integration: float = Field(description="Bonus for linked pairs, links to platforms in use.")
    concentration: float = Field(description="Penalty for functions sharing one vendor.")
    proven_optimal: bool
    gap: float = Field(
        default=0.0,
        description="Points by which a stack could still beat this one, when the search "
        "stopped at its work limit before proving it the best (0 when proven).",
    )
    nodes: int = Field(description="Branches the exact search explored.")
    runner_up: RunnerUp | None
    budget: BudgetCheck


class CostLine(ResultModel):
    """What one platform of the stack costs, and where each figure comes from."""

    platform: str
    name: str
    functions: tuple[str, ...]
    plan: str
    subscription: float = Field(description="Per month, for the profile's users and volumes.")
    hosting: float = Field(description="Per month, self-hosted only (our estimate).")
    skill_gap: float = Field(description="Per month: help to run what the team cannot.")
    fees: float = Field(description="Per month: everything it charges on the sales it takes.")
    fee_lines: tuple[FeeBasis, ...]
    setup: float = Field(description="Paid once: set-up, hardware, implementation, switching.")
    one_off: tuple[OneOffCost, ...]
    prices_as_of: str
    price_source: str
    price_evidence: str = Field(description="vendor_page, secondary or unverified.")


class CostSummary(ResultModel):
    """Cost of ownership of a stack for a number of users and a level of sales."""

    users: int
    monthly_sales: float
    lines: tuple[CostLine, ...]
    outside: tuple[FeeBasis, ...] = Field(
        description="Fees on sales that no platform of the stack takes (estimated)."
    )
    unpriced: tuple[str, ...] = Field(
        default=(),
        description="Sales whose fees the catalog cannot price for this country and "
        "channel, in words: not counted in the totals.",
    )
    monthly_fixed: float = Field(description="Subscriptions, hosting and skill help.")
    monthly_fees: float = Field(description="Fees on sales: each sale charged once.")
    monthly_total: float
    setup: float = Field(description="Paid once to start, switching included.")
    year_one: float = Field(description="Twelve months plus set-up.")
    three_years: float = Field(description="Thirty-six months plus set-up.")


class VendorShare(ResultModel):
    vendor: str
    platforms: tuple[str, ...]
    names: tuple[str, ...]
    functions: int
    function_share: float
    spend: float
    spend_share: float


class PlatformDependency(ResultModel):
    """How hard it would be to leave one platform of the stack."""

    platform: str
    name: str
    ownership: str
    data_portability: int
    gatekeeper: bool
    high_dependency: bool
    exit_note: str


class Dependency(ResultModel):
    """How much of the business rests on each vendor, and how easily it could move."""

    vendors: tuple[VendorShare, ...]
    concentration_index: float = Field(
        description="Herfindahl index of functions per vendor, 0-1 (1: one vendor does all)."
    )
    proprietary_share: float
    gatekeeper_share: float
    platforms: tuple[PlatformDependency, ...]


class Link(ResultModel):
    """A connection in the stack (or to a platform already in use) and what it carries."""

    first: str
    second: str
    first_name: str
    second_name: str
    kind: str
    functions: tuple[str, ...]
    data: str
    automation: str


class Silo(ResultModel):
    """A platform with no path to the rest of the stack, and the iPaaS that would join it."""

    platform: str
    name: str
    joined_by: tuple[str, ...]


class IntegrationPlan(ResultModel):
    links: tuple[Link, ...]
    silos: tuple[Silo, ...]


class PlatformPlan(ResultModel):
    """How one platform of the stack is used, what it is for and how it is measured."""

    function: str
    label: str
    platform: str
    name: str
    use: str
    objective: str
    kpis: tuple[str, ...]
    owner: str
    review: str
    automation: tuple[str, ...]
    engagement: str


class Phase(ResultModel):
    """A step of the roadmap: what to do, when, and with which platforms."""

    name: str
    when: str
    platforms: tuple[str, ...]
    actions: tuple[str, ...]


class Risk(ResultModel):
    risk: str
    mitigation: str


class BusinessSummary(ResultModel):
    name: str
    sector: str
    employees: int
    users: int
    country: str
    markets: tuple[str, ...]
    location: str = Field(
        default="", description="The home country and, apart, the other markets, in words."
    )
    goals: tuple[str, ...]
    audience_channels: tuple[str, ...]
    technical_capability: str
    risk_tolerance: str
    monthly_budget: float
    currency: str
    existing_platforms: tuple[str, ...]
    other_tools: tuple[str, ...] = Field(
        default=(),
        description="Tools in use the catalog does not know, each with the functions it "
        "keeps filling (not assessed).",
    )


class DataFreshness(ResultModel):
    """How old the prices behind this advice are."""

    oldest_price: str
    newest_price: str
    platforms_scored: int
    stale_prices: tuple[str, ...] = Field(description="Platforms whose prices need re-checking.")


class Cover(ResultModel):
    """Who the report is for and by whom, and the dates it stands on."""

    prepared_for: str = Field(description="The business the report is for.")
    prepared_by: str = Field(default="", description="The consultant's name; may be empty.")
    firm: str = Field(default="", description="The consultant's firm; may be empty.")
    logo: str = Field(
        default="", description="The firm's logo as a data: URI (PNG, JPEG or SVG); may be empty."
    )
    date: str = Field(description="The day of the report, YYYY-MM-DD.")
    prices_as_of: str = Field(
        description="The median price date (YYYY-MM) of the platforms scored for the report."
    )


class Acceptability(ResultModel):
    """How often one candidate wins across the sampled weightings (SMAA-2)."""

    platform: str
    name: str
    first: float = Field(description="Share of the sampled weightings in which it ranks first.")
    top_three: float = Field(description="Share in which it ranks in the top three.")


class TippingPoint(ResultModel):
    """How far one criterion's share of the weight can move before the answer changes.

    The other criteria keep their proportions. A null limit: no share on that side
    (short of all or none of the weight) changes the answer.
    """

    criterion: str
    label: str
    share: float = Field(description="The criterion's share of the weight now, 0-1.")
    falls_below: float | None = Field(description="The answer changes below this share.")
    then_below: str = Field(description="What changes below it, in words; empty if nothing.")
    rises_above: float | None = Field(description="The answer changes above this share.")
    then_above: str = Field(description="What changes above it, in words; empty if nothing.")
    nearest: float | None = Field(
        description="The smaller of the two moves in percentage points; null if neither."
    )


class FunctionRobustness(ResultModel):
    """How safe one function's winner is from a change of weights."""

    function: str
    label: str
    winner: str = Field(description="The top of the function's ranking.")
    winner_name: str
    stack_pick: str = Field(description="The stack's platform for the function, maybe another.")
    stack_pick_name: str
    stack_pick_reason: str = Field(
        default="for how it works with the rest of the stack",
        description="Why the stack takes its platform where it is not the winner.",
    )
    runner_up: str | None
    runner_up_name: str | None
    margin: float | None = Field(description="Points between the winner and the runner-up.")
    verdict: Literal["robust", "fragile", "close call", "unopposed"]
    acceptability: tuple[Acceptability, ...] = Field(
        description="The candidates that rank first or in the top three in any sample."
    )
    tipping: tuple[TippingPoint, ...] = Field(description="Per criterion, nearest change first.")
    nearest_change: str = Field(description="The nearest tipping point, in a few words.")
    statement: str


class StackRobustness(ResultModel):
    """How far one weight can move before another stack is best."""

    tipping: tuple[TippingPoint, ...] = Field(description="Per criterion, nearest change first.")
    unsettled: tuple[str, ...] = Field(
        description="Criteria whose search ran out of its allowance before settling."
    )
    statement: str


class Robustness(ResultModel):
    """The recommendation under other weights: acceptability, tipping points, verdicts."""

    sampling: str = Field(description="How the weight vectors were drawn, in words.")
    samples: int
    seed: int
    close_call_points: float = Field(description="Margins below this are close calls.")
    tipping_method: str = Field(
        description="'exact' for the weighted sum; how they were searched for otherwise."
    )
    functions: tuple[FunctionRobustness, ...]
    stack: StackRobustness | None = Field(
        description="Null unless asked for (--robustness full), and for other methods than "
        "the weighted sum."
    )
    statements: tuple[str, ...] = Field(description="Close calls, robust and fragile wins.")


ActorKind = Literal[
    "customers",
    "suppliers",
    "partners",
    "technology",
    "finance",
    "government",
    "support",
    "competitors",
    "community",
]
FlowKind = Literal["resources", "information", "relationships", "money", "innovation"]


class EcosystemActor(ResultModel):
    """One kind of actor around the business, who it is here, and what sits with it."""

    kind: ActorKind
    label: str
    members: tuple[str, ...] = Field(description="Who it is for this business, in words.")
    platforms: tuple[str, ...] = Field(
        description="Platforms of the stack or in use through which the business deals with it."
    )
    stated: tuple[str, ...] = Field(description="Partnerships and networks the profile states.")
    suggested: tuple[str, ...] = Field(description="Partners and ecosystems suggested here.")


class ValueFlow(ResultModel):
    """What passes between the business and one actor, each way."""

    actor: ActorKind
    kinds: tuple[FlowKind, ...]
    to_business: str
    from_business: str


class EcosystemMap(ResultModel):
    """The business at the centre, its actors around it, the value flowing between them."""

    business: str
    actors: tuple[EcosystemActor, ...]
    flows: tuple[ValueFlow, ...]


class PartnerTool(ResultModel):
    """A platform that automates one task of a partnership."""

    task: str = Field(description="shared ordering, commission tracking, co-marketing...")
    function: str
    platform: str | None = Field(description="Null when the catalog has no candidate.")
    name: str
    note: str = Field(description="Why this one: in the stack, in use, or its score.")


class PartnerSuggestion(ResultModel):
    """A kind of partner to look for, an example in the business's sector, and how."""

    type: Literal["horizontal", "vertical", "complementary"]
    label: str
    example: str
    why: tuple[str, ...] = Field(description="What in the profile makes it fit.")
    structure: str
    structure_reason: str
    tools: tuple[PartnerTool, ...]


class StatedPartnership(ResultModel):
    name: str
    type: str
    platform: str | None
    structure: str | None


class EcosystemOption(ResultModel):
    """A network, marketplace or industry platform to join, scored like any platform."""

    platform: str
    name: str
    kind: str = Field(description="chamber, association, marketplace... in words.")
    function: str
    score: Score
    monthly_cost: float = Field(description="Membership or fixed cost a month, fees included.")
    one_off: float = Field(description="Joining fee or set-up, paid once.")
    cost_basis: str
    prices_as_of: str
    price_source: str
    evidence: str = Field(description="vendor_page, secondary or unverified.")
    brings: str
    why: tuple[str, ...]


class ResilienceCheck(ResultModel):
    """One test of how much the business depends on a single ecosystem."""

    check: str
    status: Literal["ok", "warning"]
    finding: str
    remedy: str


class Ecosystem(ResultModel):
    """The ecosystem around the business: its map, partners to look for, ecosystems to
    join, and how resilient its dependence on them is."""

    summary: str = Field(description="One line for a brief report.")
    business_model: tuple[str, ...]
    map: EcosystemMap
    stated: tuple[StatedPartnership, ...]
    partners: tuple[PartnerSuggestion, ...]
    agreement_checklist: tuple[str, ...]
    kpis: tuple[str, ...]
    join: tuple[EcosystemOption, ...]
    resilience: tuple[ResilienceCheck, ...]


class Strategy(ResultModel):
    """Everything the advisor concluded for one profile."""

    schema_version: Literal["2.1"] = RESULT_SCHEMA_VERSION
    currency: str = Field(description="ISO 4217 code of every amount in the result.")
    money_format: MoneyFormat
    exchange: ExchangeNote | None = Field(
        description="The exchange rates used, when any price was in another currency."
    )
    prices_note: str = Field(description="Whether amounts include VAT or GST, in words.")
    horizon_months: int = Field(description="Months over which money was weighed.")
    business: BusinessSummary
    criteria_name: str
    method: MethodName = Field(
        default="weighted_sum", description="How criteria values became scores (docs/scoring.md)."
    )
    weights: tuple[WeightUsed, ...]
    stack: tuple[StackItem, ...]
    needs: tuple[Need, ...]
    rankings: dict[str, tuple[ScoredPlatform, ...]] = Field(
        description="Per needed function (in the order of needs), candidates best first."
    )
    excluded: tuple[Exclusion, ...]
    data: DataFreshness
    assumptions: tuple[str, ...]
    search: StackSearch
    cost: CostSummary
    growth: CostSummary | None = Field(description="The same stack for next year's team and sales.")
    dependency: Dependency
    integration: IntegrationPlan
    plan: tuple[PlatformPlan, ...]
    roadmap: tuple[Phase, ...]
    risks: tuple[Risk, ...]
    sector_guidance: tuple[str, ...]
    markets_checklist: tuple[str, ...] = Field(
        description="Points to settle when the business sells in more than one country."
    )
    robustness: Robustness | None = Field(
        default=None, description="How the advice holds up under other weights; null if off."
    )
    ecosystem: Ecosystem | None = Field(
        default=None,
        description="The ecosystem map, partners, ecosystems to join and resilience (2.1); "
        "null in a result of schema 2.0.",
    )
    cover: Cover | None = Field(
        default=None, description="Prepared for and by, the report's date and its price date."
    )
    consultant_notes: tuple[str, ...] = Field(
        default=(),
        description="Notes for the consultant, not the client: the method's documents and "
        "the options that would add to the report.",
    )


class BriefLine(ResultModel):
    """One platform of the stack as the owner-manager's brief gives it."""

    functions: str = Field(description="The functions it fills, in words.")
    name: str
    monthly: float = Field(description="What it costs a month, fees on sales included.")
    why: str = Field(description="Why it was chosen, in plain words.")


class Brief(ResultModel):
    """The owner-manager's two pages, taken from a Strategy: what to use, what it costs,
    why, how sure, the first steps and the top risks."""

    brief: Literal[True] = Field(default=True, description="Marks the brief, not the full result.")
    schema_version: Literal["2.1"] = RESULT_SCHEMA_VERSION
    currency: str
    money_format: MoneyFormat
    business: BusinessSummary
    cover: Cover | None
    stack: tuple[BriefLine, ...]
    monthly_fixed: float
    monthly_fees: float
    monthly_total: float
    one_off: float
    year_one: float
    budget: float
    prices_note: str
    how_sure: tuple[str, ...]
    first_steps: tuple[str, ...]
    risks: tuple[Risk, ...]
    ecosystem: str = Field(
        default="", description="The ecosystem and partnerships section in one line."
    )
