"""The ecosystem section: the map, partners to look for, ecosystems to join and
resilience, each drawn from the profile and the stack, and different for different
businesses for reasons the report states."""

from __future__ import annotations

from datetime import date
from functools import cache

import pytest

from platform_advisor.algorithms import MethodName
from platform_advisor.api import criteria_file
from platform_advisor.core.advise import advise
from platform_advisor.core.ecosystem import trade_of
from platform_advisor.core.ecosystem.rules import ACTORS, AGREEMENT, HEAVY_SHARE
from platform_advisor.loading.inputs import Inputs, load_inputs
from platform_advisor.models.profile import ChannelSales, Partnership, Profile
from platform_advisor.models.result import Ecosystem, Strategy
from platform_advisor.rendering.diagram import ECOSYSTEM_FENCE, ecosystem_mermaid
from platform_advisor.rendering.svg import ecosystem_map
from tests.conftest import EXAMPLES

TODAY = date(2026, 11, 23)
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


@cache
def inputs(name: str) -> Inputs:
    return load_inputs(EXAMPLES / f"{name}.yaml", criteria_path=criteria_file("balanced"))


def advised(name: str, profile: Profile | None = None) -> Strategy:
    loaded = inputs(name)
    return advise(
        profile or loaded.profile, loaded.catalog, loaded.criteria, today=TODAY, robustness=None
    )


@cache
def example(name: str) -> Ecosystem:
    ecosystem = advised(name).ecosystem
    assert ecosystem is not None
    return ecosystem


def with_business(profile: Profile, **changes: object) -> Profile:
    return profile.model_copy(update={"business": profile.business.model_copy(update=changes)})


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_example_has_the_whole_section(name: str) -> None:
    ecosystem = example(name)
    assert [a.kind for a in ecosystem.map.actors] == list(ACTORS)
    assert {f.actor for f in ecosystem.map.flows} == set(ACTORS)
    assert ecosystem.partners and ecosystem.join and ecosystem.resilience
    assert all(p.why and p.example and p.tools for p in ecosystem.partners)
    assert all(o.why and o.brings for o in ecosystem.join)
    assert "\n" not in ecosystem.summary and ecosystem.summary.endswith(".")
    assert ecosystem.agreement_checklist[0].startswith("Objectives")
    assert len(ecosystem.agreement_checklist) == len(AGREEMENT)


def test_two_businesses_get_different_partners_for_the_reasons_they_state() -> None:
    bakery, designer = example("bakery"), example("freelance-designer")
    # The bakery wants supply and is in food: a producer first, under a supply agreement.
    first = bakery.partners[0]
    assert (first.type, first.structure) == ("vertical", "Supply agreement")
    assert any("you want secure supply" in why for why in first.why)
    assert "mill" in first.example
    # The designer wants reach and skills and to find clients: a complementary partner
    # first, in an alliance, with a design example.
    lead = designer.partners[0]
    assert (lead.type, lead.structure) == ("complementary", "Strategic alliance")
    assert any("you want skills" in why for why in lead.why)
    assert any("find clients" in why for why in lead.why)
    assert "web developer" in lead.example
    assert {p.example for p in bakery.partners}.isdisjoint(p.example for p in designer.partners)
    # Their networks are of their countries and trades.
    assert "Craft Bakers Association" in {o.name for o in bakery.join}
    assert "Institute of Designers in Ireland" in {o.name for o in designer.join}
    assert not {o.name for o in bakery.join} & {o.name for o in designer.join} - {
        "Enterprise Europe Network"
    }


def test_stated_partnerships_are_on_the_map_and_never_suggested() -> None:
    ecosystem = example("bakery")
    actors = {a.kind: a for a in ecosystem.map.actors}
    assert "Federation of Small Businesses" in actors["support"].stated
    assert "Kirkgate Coffee Roasters" in actors["partners"].stated
    assert {s.name for s in ecosystem.stated} == {
        "Federation of Small Businesses",
        "Kirkgate Coffee Roasters",
    }
    # Its association is not suggested, nor any other association; nor a complementary
    # partner, which it has.
    assert "federation-of-small-businesses" not in {o.platform for o in ecosystem.join}
    assert "small-business association" not in {o.kind for o in ecosystem.join}
    assert "complementary" not in {p.type for p in ecosystem.partners}


def test_a_stated_chamber_takes_chambers_off_the_list() -> None:
    profile = inputs("uk-cafe").profile
    before = advised("uk-cafe").ecosystem
    assert before is not None
    assert "chamber of commerce" in {o.kind for o in before.join}
    chamber = Partnership(name="Leeds Chamber", type="chamber")
    after = advised("uk-cafe", profile.model_copy(update={"partnerships": (chamber,)})).ecosystem
    assert after is not None
    assert "chamber of commerce" not in {o.kind for o in after.join}
    support = next(a for a in after.map.actors if a.kind == "support")
    assert support.stated == ("Leeds Chamber",)


def test_ecosystems_to_join_are_ranked_by_the_platforms_own_scoring() -> None:
    """With business networks among its needs, the section's networks carry exactly the
    scores of the function's ranking, in its order."""
    profile = inputs("uk-cafe").profile
    needs = (*profile.needs, "business_network")
    strategy = advised("uk-cafe", profile.model_copy(update={"needs": needs}))
    assert strategy.ecosystem is not None
    ranked = {s.platform: s for s in strategy.rankings["business_network"]}
    networks = [o for o in strategy.ecosystem.join if o.function == "business_network"]
    assert networks
    for option in networks:
        assert option.score == ranked[option.platform].score
        assert option.monthly_cost == ranked[option.platform].monthly_cost
    assert [o.score for o in networks] == sorted((o.score for o in networks), reverse=True)


@pytest.mark.parametrize(
    ("name", "platform", "currency", "monthly"),
    [
        ("french-bakery", "cpme", "EUR", 25.0),
        ("indian-brand", "fisme", "INR", 833.33),
        ("bakery", "craft-bakers-association", "GBP", 20.83),
        ("freelance-designer", "isme", "EUR", 37.5),
    ],
)
def test_membership_costs_are_in_the_clients_currency(
    name: str, platform: str, currency: str, monthly: float
) -> None:
    strategy = advised(name)
    assert strategy.currency == currency and strategy.ecosystem is not None
    option = next(o for o in strategy.ecosystem.join if o.platform == platform)
    assert option.monthly_cost == pytest.approx(monthly, abs=0.01)
    assert option.evidence == "unverified"


def test_dues_in_another_currency_are_converted() -> None:
    """The British Chambers of Commerce's figure is in US dollars; a British café reads it
    in pounds, at the catalog's rate."""
    strategy = advised("uk-cafe")
    assert strategy.ecosystem is not None
    option = next(
        o for o in strategy.ecosystem.join if o.platform == "british-chambers-of-commerce"
    )
    assert 0 < option.monthly_cost < 42


def test_networks_are_of_the_country_and_the_trade() -> None:
    for name, country in [("french-bakery", "FR"), ("indian-brand", "IN"), ("retailer", "US")]:
        loaded = inputs(name)
        for option in example(name).join:
            platform = loaded.catalog.platforms[option.platform]
            assert platform.sold_in(country), (name, option.name)
            assert not platform.trades or trade_of(loaded.profile)[0] in platform.trades


def test_a_delivery_app_carrying_much_of_the_sales_is_a_dependency() -> None:
    profile = inputs("bakery").profile
    channels = dict(profile.sales.channels)
    assert example("bakery").resilience[0].status == "ok"  # 12% of sales
    channels["delivery_app"] = ChannelSales(monthly=6000.0, count=400)
    heavy = profile.model_copy(
        update={"sales": profile.sales.model_copy(update={"channels": channels})}
    )
    ecosystem = advised("bakery", heavy).ecosystem
    assert ecosystem is not None
    check = ecosystem.resilience[0]
    assert check.status == "warning" and check.check == "Sales through Uber Eats"
    share = 6000 / (7200 + 1300 + 6000)
    assert share >= HEAVY_SHARE and "41%" in check.finding
    assert "Deliveroo" in check.remedy and "Mailchimp" in check.remedy


def test_a_gatekeeper_with_no_direct_channel_beside_it_is_a_warning() -> None:
    profile = inputs("bakery").profile
    gated = profile.model_copy(
        update={"needs": ("social_media", "food_delivery"), "existing_platforms": ("instagram",)}
    )
    ecosystem = advised("bakery", gated).ecosystem
    assert ecosystem is not None
    check = next(c for c in ecosystem.resilience if c.check.startswith("Who owns"))
    assert check.status == "warning"
    assert "Instagram" in check.finding and "a channel you own" in check.remedy


@pytest.mark.parametrize(
    ("name", "trade"),
    [
        ("bakery", "food"),  # stated
        ("uk-cafe", "food"),  # hospitality
        ("us-wholesaler", "wholesale"),  # resells to other businesses
        ("retailer", "retail"),
        ("freelance-designer", "design"),
    ],
)
def test_the_trade_is_stated_or_read_from_the_profile(name: str, trade: str) -> None:
    assert trade_of(inputs(name).profile)[0] == trade


def test_a_reseller_gets_a_reseller_agreement_and_capital_waits_for_an_alliance() -> None:
    vertical = next(p for p in example("us-wholesaler").partners if p.type == "vertical")
    assert vertical.structure == "Distribution or reseller agreement"
    assert "joint venture" in vertical.structure_reason
    tasks = [t.task for t in vertical.tools]
    assert tasks == ["shared ordering", "stock levels", "commission and revenue-share tracking"]
    assert vertical.tools[2].function == "partner_management" and vertical.tools[2].platform


def test_a_business_without_a_trade_signal_reads_its_sector() -> None:
    profile = with_business(inputs("bakery").profile, trade=None, model=())
    assert trade_of(profile)[0] == "food"  # it sells through delivery apps
    audience = profile.audience.model_copy(update={"channels": ("in_person",)})
    plain = profile.model_copy(
        update={
            "needs": ("pos",),
            "audience": audience,
            "sales": profile.sales.model_copy(update={"channels": {}}),
        }
    )
    assert trade_of(plain) == ("retail", "its sector (retail)")


def test_the_map_is_drawn_in_mermaid_and_svg_with_every_actor() -> None:
    ecosystem = example("bakery")
    block = ecosystem_mermaid(ecosystem)
    assert block.startswith(f"```{ECOSYSTEM_FENCE}\ngraph LR\n") and block.endswith("```")
    drawing = ecosystem_map(ecosystem)
    for actor in ecosystem.map.actors:
        assert actor.label in block
        assert f"{actor.label}: " in drawing
    assert "Kirkgate Coffee Roasters" in block and "Kirkgate Coffee Roasters" in drawing
    assert "<script" not in drawing


def test_hostile_names_stay_text_on_the_map() -> None:
    profile = inputs("bakery").profile
    hostile = Partnership(name='Evil"] --> x[<b>', type="horizontal")
    ecosystem = advised("bakery", profile.model_copy(update={"partnerships": (hostile,)})).ecosystem
    assert ecosystem is not None
    block = ecosystem_mermaid(ecosystem)
    nodes = [line for line in block.splitlines() if line.startswith(("  a", "  b(("))]
    assert len(nodes) == len(ACTORS) + 1
    assert all(line.count('"') == 2 for line in nodes)
    assert "Evil" in block and "<b>" not in block
    drawing = ecosystem_map(ecosystem)
    assert "<b>" not in drawing and 'Evil"] --&gt; x[&lt;b&gt;' in drawing


def test_a_business_with_every_partner_type_is_told_so() -> None:
    from platform_advisor.rendering.templates import render_markdown

    profile = inputs("uk-cafe").profile
    partners = tuple(
        Partnership(name=f"{kind} partner", type=kind)
        for kind in ("horizontal", "vertical", "complementary")
    )
    strategy = advised("uk-cafe", profile.model_copy(update={"partnerships": partners}))
    assert strategy.ecosystem is not None and strategy.ecosystem.partners == ()
    markdown = render_markdown(strategy)
    section = markdown.split("### Partners to look for", 1)[1].split("###", 1)[0]
    assert "It already has a partner of every type" in section
    assert "Objectives: what each side wants" in section


@pytest.mark.parametrize("method", ["weighted_sum", "topsis"])
def test_networks_score_as_they_would_if_the_business_listed_them_as_a_need(
    method: MethodName,
) -> None:
    """Not a need, the business networks are still ranked with the run's own method: each
    suggested network has the score it gets when the profile lists the function."""
    loaded = inputs("uk-cafe")
    profile = loaded.profile
    asked = profile.model_copy(update={"needs": (*profile.needs, "business_network")})
    runs = [
        advise(p, loaded.catalog, loaded.criteria, today=TODAY, robustness=None, method=method)
        for p in (profile, asked)
    ]
    plain, listed = runs
    assert plain.ecosystem is not None
    ranked = {s.platform: s.score for s in listed.rankings["business_network"]}
    networks = [o for o in plain.ecosystem.join if o.function == "business_network"]
    assert len(networks) == 3
    assert all(o.score == ranked[o.platform] for o in networks)
