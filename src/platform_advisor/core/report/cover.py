"""The report's cover: who it is for and by whom, its date and the date of its prices,
and the notes that are for the consultant rather than the client."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from platform_advisor.models.result import Cover, Robustness, Strategy


def cover(business: str, today: date, price_dates: Iterable[str]) -> Cover:
    """The cover of a report made today, with no preparer yet (they come from the
    consultant's settings, not from the advice)."""
    return Cover.model_construct(
        prepared_for=business,
        prepared_by="",
        firm="",
        logo="",
        date=today.isoformat(),
        prices_as_of=price_date(price_dates),
    )


def price_date(dates: Iterable[str]) -> str:
    """The median of the price dates (YYYY-MM): half the prices are older, half newer."""
    months = sorted(day[:7] for day in dates)
    return months[(len(months) - 1) // 2] if months else ""


def prepared(strategy: Strategy, by: str = "", firm: str = "", logo: str = "") -> Strategy:
    """The strategy with its preparer on the cover; a report made before covers had one
    gets its cover from its own facts."""
    base = strategy.cover or cover(strategy.business.name, date.today(), ())
    update = {"prepared_by": by, "firm": firm, "logo": logo}
    return strategy.model_copy(update={"cover": base.model_copy(update=update)})


#: Where the method is written down; the client reads the report, the consultant these.
METHOD_NOTES = (
    "The method: docs/scoring.md states each term of the stack's total, each criterion's "
    "evaluator and the rule behind each amount.",
    "The 0-5 platform ratings follow the rubric in docs/catalog-guide.md.",
)


def consultant_notes(robustness: Robustness | None) -> tuple[str, ...]:
    """What only the consultant needs: the documents and the options that add sections."""
    extra: tuple[str, ...]
    if robustness is None:
        extra = (
            "Robustness was not tested (--robustness off); advisor score --robustness "
            "standard adds how sure each choice is.",
        )
    elif robustness.stack is None:
        extra = (
            "The stack's own tipping points were not computed; advisor score --robustness "
            "full adds them.",
        )
    else:
        extra = ()
    return (*METHOD_NOTES, *extra)
