"""Document-level change: the budget total of each strategy's summary table.

The contract keeps a summary table's total row out of `summary` (it is checked, see
findings kind summary_total), so the total compared here is the sum of the strategy's
project rows (สพป. + สพฐ. + other sources). A plan whose total moved is worth one line
of its own: no single project row says the whole plan got smaller.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import pandas as pd

from pipeline.diff.model import SUMMARY_TOTAL, FieldChange, Place, place_of
from pipeline.diff.values import (
    as_decimal,
    is_missing,
    money_difference,
    money_equal,
    money_text,
)

SOURCE_COLUMNS: Final = ("budget_esa", "budget_obec", "budget_other")


def _strategy_no(row: pd.Series) -> int | None:
    number = row.get("strategy_no")
    return None if is_missing(number) else int(str(number))


def strategy_places(summary: pd.DataFrame) -> dict[int | None, Place]:
    """strategy_no -> the place of its first summary row (where its table starts)."""
    places: dict[int | None, Place] = {}
    for _, row in summary.iterrows():
        places.setdefault(_strategy_no(row), place_of(row))
    return places


def strategy_totals(summary: pd.DataFrame) -> dict[int | None, tuple[str | None, Decimal]]:
    """strategy_no -> (strategy name as written, sum of its rows' budgets)."""
    totals: dict[int | None, tuple[str | None, Decimal]] = {}
    if summary.empty:
        return totals
    for _, row in summary.iterrows():
        key = _strategy_no(row)
        name, total = totals.get(key, (None, Decimal(0)))
        if name is None and not is_missing(row.get("strategy_name")):
            name = str(row.get("strategy_name"))
        amount = sum((as_decimal(row.get(c)) or Decimal(0) for c in SOURCE_COLUMNS),
                     Decimal(0))
        totals[key] = (name, total + amount)
    return totals


def _label(number: int | None, name: str | None) -> str | None:
    if number is None:
        return name
    return f"ยุทธศาสตร์ที่ {number}" + (f" {name}" if name else "")


def compare_summary_totals(old: pd.DataFrame, new: pd.DataFrame) -> list[FieldChange]:
    """One change per strategy whose summary total differs (or exists on one side only)."""
    old_totals, new_totals = strategy_totals(old), strategy_totals(new)
    old_places, new_places = strategy_places(old), strategy_places(new)
    changes = []
    for number in sorted(set(old_totals) | set(new_totals), key=lambda n: (n is None, n or 0)):
        old_name, old_total = old_totals.get(number, (None, None))
        new_name, new_total = new_totals.get(number, (None, None))
        if old_total is not None and new_total is not None and money_equal(old_total,
                                                                            new_total):
            continue
        changes.append(FieldChange(SUMMARY_TOTAL, money_text(old_total), money_text(new_total),
                                   item=_label(number, new_name or old_name),
                                   difference=money_difference(old_total, new_total),
                                   old_place=old_places.get(number),
                                   new_place=new_places.get(number)))
    return changes
