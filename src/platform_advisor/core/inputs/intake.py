"""What the answers about a business suggest, for the questions that make a profile:
the sector that covers a kind of business, and the rules a business usually must meet."""

from __future__ import annotations

#: Words people answer with instead of a sector, and the sector that covers them.
SECTOR_WORDS = {
    **dict.fromkeys(
        ("dental", "dentist", "clinic", "medical", "doctor", "physio", "therapy", "pharmacy",
         "care", "vet", "veterinary", "wellness"), "healthcare"),
    **dict.fromkeys(
        ("restaurant", "cafe", "café", "bar", "pub", "hotel", "catering"),
        "hospitality"),
    **dict.fromkeys(("shop", "store", "ecommerce", "e_commerce", "boutique"), "retail"),
    **dict.fromkeys(
        ("agency", "consulting", "consultancy", "design", "freelance", "legal", "law",
         "accountancy", "marketing", "salon", "fitness", "education", "trades"), "services"),
    **dict.fromkeys(("farm", "farming", "horticulture", "fishery"), "agriculture"),
    **dict.fromkeys(("factory", "manufacturer", "workshop", "production"), "manufacturing"),
    **dict.fromkeys(
        ("charity", "club", "association", "volunteer", "ngo", "npo", "foundation", "church"),
        "nonprofit"),
}  # fmt: skip
#: Home countries whose businesses fall under the GDPR (the EEA, the UK's own version,
#: and Switzerland's close equivalent).
GDPR_COUNTRIES = frozenset((
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    "GB", "CH",
))  # fmt: skip


def usual_compliance(country: str | None, sector: str | None) -> tuple[str, str] | None:
    """The rule a business like this usually must meet, and who it is for; None if none
    stands out. Only a hint: as a constraint it leaves out every platform the catalog
    does not mark as meeting it."""
    if country in GDPR_COUNTRIES:
        return "gdpr", "a business in Europe"
    if country == "US" and sector == "healthcare":
        return "hipaa", "healthcare in the US"
    return None
