"""Amounts between currencies, by the one dated exchange-rate table the catalog ships."""

from __future__ import annotations

from dataclasses import dataclass, field

from platform_advisor.errors import AdviceError
from platform_advisor.models.catalog import Catalog


@dataclass(frozen=True)
class Converter:
    """Converts by a table of units per unit of its base currency."""

    base: str
    per_base: dict[str, float] = field(default_factory=dict)
    date: str = ""
    source: str = ""

    @classmethod
    def of(cls, catalog: Catalog) -> Converter:
        table = catalog.exchange_rates
        if table is None:
            return cls("USD", {"USD": 1.0})
        rates = {table.base: 1.0, **table.rates}
        rates.update({extra.currency: extra.per_base for extra in table.other})
        return cls(table.base, rates, table.date, table.source)

    def knows(self, currency: str) -> bool:
        return currency in self.per_base

    def convert(self, amount: float, source: str, target: str) -> float:
        """The amount in `target`; amounts in one currency are never converted."""
        if source == target or amount == 0:
            return amount
        for currency in (source, target):
            if currency not in self.per_base:
                raise AdviceError(
                    f"no exchange rate for {currency} in the catalog's table"
                    + (f" of {self.date}" if self.date else "")
                    + ": add it to the table, or give prices in a currency it has"
                )
        return amount / self.per_base[source] * self.per_base[target]

    def rate(self, source: str, target: str) -> float:
        """Units of `target` for one unit of `source`."""
        return self.convert(1.0, source, target)
