"""The ecosystem rules as data: who the actors are, what flows between them, which partner
fits which trade, which structure fits which partner, and what automates it.

Our own wording, written from the facts of the ecosystem and partnership essays (actors,
value flows, partner types, structures and their automation focus, agreement terms,
resilience). The thresholds are our judgement; docs/ecosystem.md states each.
"""

from __future__ import annotations

from typing import Final

from platform_advisor.models.common import PartnerType, Trade
from platform_advisor.models.result import ActorKind, FlowKind

#: Actors in the order the map draws them, clockwise from the top, with their labels.
ACTORS: Final[dict[ActorKind, str]] = {
    "customers": "Customers",
    "suppliers": "Suppliers",
    "partners": "Partners",
    "technology": "Technology providers",
    "finance": "Finance",
    "government": "Government and regulators",
    "support": "Support organisations",
    "competitors": "Competitors",
    "community": "Community",
}

#: What flows between the business and each actor: the kinds, what comes to the business,
#: what goes from it.
FLOWS: Final[dict[ActorKind, tuple[tuple[FlowKind, ...], str, str]]] = {
    "customers": (
        ("money", "information", "relationships"),
        "payments, orders, reviews and feedback",
        "products or services, and news of offers",
    ),
    "suppliers": (
        ("resources", "money", "information"),
        "goods and materials on agreed terms",
        "orders, forecasts and payment",
    ),
    "partners": (
        ("relationships", "information", "innovation"),
        "referrals, shared customers and ideas",
        "referrals, joint offers and shared effort",
    ),
    "technology": (
        ("resources", "information", "money"),
        "software, data and automation",
        "subscriptions and fees on sales",
    ),
    "finance": (("money", "resources"), "payments collected, credit", "fees and interest"),
    "government": (
        ("information", "money", "resources"),
        "rules, grants and support schemes",
        "tax, filings and compliance",
    ),
    "support": (
        ("information", "relationships"),
        "advice, training and introductions",
        "membership dues and time",
    ),
    "competitors": (
        ("information", "innovation"),
        "a benchmark to beat, and at times shared buying",
        "pressure to improve",
    ),
    "community": (
        ("relationships", "resources"),
        "staff, goodwill and local custom",
        "jobs, local spending and events",
    ),
}

#: Where a platform of each function sits on the map; any other function is technology.
FUNCTION_ACTOR: Final[dict[str, ActorKind]] = {
    **dict.fromkeys(
        (
            "social_media",
            "social_scheduling",
            "advertising",
            "email_marketing",
            "website",
            "ecommerce",
            "marketplace",
            "crm",
            "live_chat",
            "helpdesk",
            "local_listings",
            "surveys_feedback",
            "food_delivery",
            "freelance_marketplace",
            "travel_marketplace",
            "booking",
            "studio_booking",
            "loyalty",
            "event_ticketing",
            "online_courses",
            "patient_engagement",
            "telehealth",
            "farm_sales",
            "donor_crm",
            "b2b_commerce",
        ),
        "customers",
    ),
    **dict.fromkeys(("inventory", "shipping"), "suppliers"),
    **dict.fromkeys(("partner_management", "communication"), "partners"),
    **dict.fromkeys(
        ("payments", "pos", "business_banking", "expense_management", "crowdfunding"), "finance"
    ),
    **dict.fromkeys(("accounting", "payroll", "e_invoicing", "hr"), "government"),
    "business_network": "support",
}

#: Who the suppliers, competitors and community are, by trade.
SUPPLIERS: Final[dict[Trade, str]] = {
    "food": "millers, dairies, growers, roasters and packaging firms",
    "retail": "makers, brands and wholesalers of its range",
    "wholesale": "manufacturers and importers",
    "design": "printers, image libraries and subcontractors",
    "professional_services": "subcontractors and software vendors",
    "manufacturing": "raw-material and component suppliers",
    "agriculture": "seed, feed, machinery and input suppliers",
    "healthcare": "labs, pharmacies and medical suppliers",
    "nonprofit": "donors in kind, venues and suppliers",
}
COMPETITORS: Final[dict[Trade, str]] = {
    "food": "other bakeries, cafés and food outlets nearby, and supermarkets",
    "retail": "independent shops, chains and online marketplaces selling the same range",
    "wholesale": "other distributors and manufacturers selling direct",
    "design": "other freelancers, studios and template sites",
    "professional_services": "other firms of its profession",
    "manufacturing": "other makers of similar goods, at home and abroad",
    "agriculture": "other producers and importers",
    "healthcare": "other practices and online services",
    "nonprofit": "other causes competing for the same donors and volunteers",
}
COMMUNITY: Final[dict[Trade, str]] = {
    "food": "its neighbourhood, local events and food lovers",
    "retail": "its high street and local shoppers",
    "wholesale": "the trade in its region",
    "design": "online design communities and local creative scene",
    "professional_services": "its town's business community",
    "manufacturing": "its industrial area and local workforce",
    "agriculture": "its rural community and farmers' markets",
    "healthcare": "the patients' neighbourhood",
    "nonprofit": "its members, volunteers and neighbourhood",
}

PARTNER_LABELS: Final[dict[PartnerType, str]] = {
    "horizontal": "Horizontal partner: a peer at the same level",
    "vertical": "Vertical partner: a supplier or a buyer",
    "complementary": "Complementary partner: a business whose offer adds to yours",
}

#: A concrete partner of each type for each trade.
EXAMPLES: Final[dict[Trade, dict[PartnerType, str]]] = {
    "food": {
        "horizontal": "another independent bakery or café in a nearby district: buy flour, "
        "coffee or packaging together and share a stall at local markets",
        "vertical": "a local mill, dairy or coffee roaster supplying you direct, or an office "
        "canteen taking a standing weekly order",
        "complementary": "a coffee roaster, florist or event caterer whose customers also want "
        "what you make: a bundled offer and orders passed both ways",
    },
    "retail": {
        "horizontal": "an independent shop in another town with a similar range: joint "
        "promotions, and stock lent when one runs out",
        "vertical": "a maker or small brand you buy from direct, with stock levels and reorders "
        "shared",
        "complementary": "a shop or service your customers use next (an interior designer for "
        "home goods, a salon for skincare): joint offers and referrals",
    },
    "wholesale": {
        "horizontal": "a distributor covering another region: orders outside your area passed "
        "on, and joint buying from manufacturers",
        "vertical": "a manufacturer you buy from, and the restaurants or shops you supply: "
        "ordering and stock levels shared",
        "complementary": "a firm that installs, services or finances what you sell: customers "
        "referred both ways",
    },
    "design": {
        "horizontal": "another freelance designer: overflow work shared and holidays covered",
        "vertical": "an agency that subcontracts work to you, or a printer you send work to",
        "complementary": "a web developer, copywriter or photographer whose clients need "
        "design next: referrals both ways and joint proposals",
    },
    "professional_services": {
        "horizontal": "a firm of your profession in another town: overflow work and cover",
        "vertical": "a larger firm that subcontracts to you, or a specialist you subcontract to",
        "complementary": "a firm whose clients need you next (an accountant for a lawyer): "
        "referrals both ways",
    },
    "manufacturing": {
        "horizontal": "another small manufacturer: machine time shared, materials bought "
        "together, larger orders bid for jointly",
        "vertical": "your material suppliers and the distributors or retailers stocking your "
        "goods: forecasts and orders shared",
        "complementary": "a maker of products used with yours: bundles for the same buyers",
    },
    "agriculture": {
        "horizontal": "neighbouring farms: machinery shared and produce pooled for larger buyers",
        "vertical": "restaurants, shops and processors buying straight from the farm",
        "complementary": "farm shops, farmers' markets and food-box schemes selling beside you",
    },
    "healthcare": {
        "horizontal": "a practice nearby: absences covered and patients referred",
        "vertical": "labs, pharmacies and specialists you refer to and hear from",
        "complementary": "a fitness studio, nutritionist or physiotherapist serving the same "
        "patients",
    },
    "nonprofit": {
        "horizontal": "a charity or club with a similar mission: volunteers, venues and funding "
        "bids shared",
        "vertical": "suppliers and venues that give in kind, and the bodies that fund your work",
        "complementary": "local businesses whose customers share your cause: sponsorship and "
        "joint events",
    },
}

#: Trades whose business runs on a supply chain, where a vertical link pays most.
SUPPLY_CHAIN_TRADES: Final = frozenset({"food", "wholesale", "manufacturing", "agriculture"})
#: Trades that sell goods a partner can stock and sell on: a reseller agreement fits.
GOODS_TRADES: Final = frozenset({"retail", "wholesale", "manufacturing", "agriculture", "food"})
#: Goals a partner's customers serve.
REACH_GOALS: Final = frozenset(
    {"increase_sales", "reach_new_markets", "find_clients", "customer_engagement"}
)
COST_GOALS: Final = frozenset({"reduce_costs", "efficiency"})

ALLIANCE: Final = "Strategic alliance"
RESELLER: Final = "Distribution or reseller agreement"
SUPPLY: Final = "Supply agreement"
#: What each structure needs automated (the essays' table of structures), and the
#: functions whose platforms do it, the first found in the stack or in use preferred.
AUTOMATION: Final[dict[str, tuple[tuple[str, tuple[str, ...]], ...]]] = {
    ALLIANCE: (
        ("co-marketing", ("email_marketing", "social_media")),
        ("tracking referrals and joint offers", ("partner_management",)),
        ("day-to-day communication", ("communication",)),
    ),
    RESELLER: (
        ("shared ordering", ("b2b_commerce", "erp")),
        ("stock levels", ("inventory", "erp")),
        ("commission and revenue-share tracking", ("partner_management",)),
    ),
    SUPPLY: (
        ("standing orders and stock levels", ("inventory", "erp")),
        ("invoices and payments between you", ("accounting", "erp")),
        ("day-to-day communication", ("communication",)),
    ),
}

#: What every written partnership agreement settles, and why.
AGREEMENT: Final[tuple[str, ...]] = (
    "Objectives: what each side wants from the partnership, in figures you can check",
    "Roles: who does what, and who decides",
    "Responsibilities: service levels, quality and what happens when one side falls short",
    "Revenue sharing: the split or commission, when it is paid and from which figures",
    "Data sharing: which customer data passes between you, on what legal basis, and who "
    "may use it for what",
    "Exit: notice, what each side keeps (customers, stock, content) and how shared work ends",
    "Conflict resolution: who talks first, then mediation before any court",
)

#: Networks of this kind suit only a business this small (a desk among others).
COWORKING_MAX_EMPLOYEES: Final = 3
#: Most networks, marketplaces and partner tools shown.
MAX_NETWORKS: Final = 3
#: A marketplace or app carrying this share of sales or more is a dependency to reduce.
HEAVY_SHARE: Final = 0.25
#: A vendor concentration (Herfindahl, 0-1) at or above this is a warning.
HEAVY_CONCENTRATION: Final = 0.4

#: Functions where a direct relationship with customers is kept by the business.
DIRECT_FUNCTIONS: Final = frozenset(
    {"email_marketing", "crm", "ecommerce", "website", "loyalty", "donor_crm", "booking"}
)
#: Marketplaces and industry platforms that fit each trade.
MARKETPLACES: Final[dict[Trade, tuple[str, ...]]] = {
    "food": ("food_delivery",),
    "retail": ("marketplace",),
    "wholesale": ("b2b_commerce",),
    "design": ("freelance_marketplace",),
    "professional_services": ("freelance_marketplace",),
    "manufacturing": ("b2b_commerce",),
    "agriculture": ("farm_sales",),
    "healthcare": (),
    "nonprofit": ("crowdfunding",),
}
#: Marketplaces that fit a business model whatever the trade.
MODEL_MARKETPLACES: Final[dict[str, tuple[str, ...]]] = {
    "marketplace_seller": ("marketplace",),
    "reseller": ("b2b_commerce",),
}
NETWORK_FUNCTION: Final = "business_network"
PARTNER_FUNCTION: Final = "partner_management"
