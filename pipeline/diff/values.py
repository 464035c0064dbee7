"""Cell values as the diff compares and reports them.

Rows come out of Parquet as plain Python objects (Decimal, datetime.date, list, None);
these helpers decide when two of them mean the same thing and how one is written in the
text columns `old_value` / `new_value` of the diff outputs.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np

LIST_SEPARATOR = "; "
AMOUNT_SEPARATOR = ", "
AMOUNT_NULL = "null"


def is_missing(value: object) -> bool:
    """None, NaN, NaT or pandas' NA: a null cell, however pandas spelled it."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False


def as_list(value: object) -> list[Any]:
    """A list cell as a list (Parquet lists may arrive as numpy arrays); null is empty."""
    if is_missing(value):
        return []
    if isinstance(value, np.ndarray):
        return list(value.tolist())
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def as_decimal(value: object) -> Decimal | None:
    """Money as Decimal; None for null or anything that is not a number."""
    if is_missing(value):
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def money_equal(a: object, b: object) -> bool:
    """Equal amounts; null and 0 are the same "no money" (an empty cell in one year and a
    dash in the next, or a category column a new table layout leaves out)."""
    x, y = as_decimal(a), as_decimal(b)
    return (x or Decimal(0)) == (y or Decimal(0))


def money_difference(old: object, new: object) -> Decimal:
    """new - old, null counting as 0 (as money_equal does): what a change adds or takes."""
    return (as_decimal(new) or Decimal(0)) - (as_decimal(old) or Decimal(0))


def money_text(value: object) -> str | None:
    """Money for the text columns: "58800.00" (machine-readable; the HTML adds commas)."""
    amount = as_decimal(value)
    return None if amount is None else f"{amount:.2f}"


def amounts_text(amounts: Mapping[str, object]) -> str | None:
    """Named amounts as "operating 150000.00, total 150000.00" (null for none): one text
    value for a budget line's several columns, read back by parse_amounts."""
    parts = [f"{name} {money_text(value) or AMOUNT_NULL}" for name, value in amounts.items()]
    return AMOUNT_SEPARATOR.join(parts) or None


def parse_amounts(text: str | None) -> dict[str, Decimal | None]:
    """The inverse of amounts_text."""
    out: dict[str, Decimal | None] = {}
    for part in (text or "").split(AMOUNT_SEPARATOR):
        name, _, value = part.strip().partition(" ")
        if name:
            out[name] = None if value in ("", AMOUNT_NULL) else as_decimal(value)
    return out


def shift_years(day: dt.date, years: int) -> dt.date:
    """`day` moved by whole years; 29 Feb lands on 28 Feb in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def as_date(value: object) -> dt.date | None:
    """A date cell as datetime.date (pandas Timestamps are datetimes); None otherwise."""
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64):
        return dt.date.fromisoformat(str(value)[:10])
    return None


def month_text(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_text(days: Iterable[dt.date]) -> str:
    """Months as "2019-10, 2019-11" in time order."""
    return ", ".join(month_text(d) for d in sorted(days))


def value_text(value: object) -> str | None:
    """Any cell as text for old_value/new_value: null stays null, lists are joined."""
    if is_missing(value):
        return None
    if isinstance(value, Decimal):
        return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, np.ndarray)):
        return LIST_SEPARATOR.join("" if is_missing(v) else str(v) for v in as_list(value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, np.generic):
        return value_text(value.item())
    return str(value)


def cell_text(value: object) -> str | None:
    """A cell as a canonical, type-faithful text for the extraction diff: lists as JSON
    (so ["a; b"] and ["a", "b"] differ), everything else as value_text."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return json.dumps([value_text(v) for v in as_list(value)], ensure_ascii=False)
    return value_text(value)


def joined(values: Sequence[str]) -> str:
    return LIST_SEPARATOR.join(values)
