"""Changes inside a project's line tables: budget lines and schedule activities.

Lines have no identity across two plans but their text, so they pair by the normalised
text (roll-over aware, list numbers dropped); a line reworded a little still pairs, by
fuzzy similarity. The line tables are already independent of the source table's layout,
so reordered or renamed columns can produce no difference here.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import pandas as pd

from pipeline.diff.match import MatchSettings, match_texts
from pipeline.diff.model import (
    ASPECT_ADDED,
    ASPECT_AMOUNTS,
    ASPECT_MONTHS,
    ASPECT_REMOVED,
    ASPECT_TEXT,
    BUDGET_LINES,
    SCHEDULE,
    FieldChange,
    Place,
    place_of,
)
from pipeline.diff.values import (
    amounts_text,
    as_date,
    as_decimal,
    is_missing,
    money_difference,
    money_equal,
    months_text,
)

if TYPE_CHECKING:
    from pipeline.diff.shift import YearShift

# Amount columns of a budget line, in the order a change lists them.
LINE_AMOUNTS: Final = ("compensation", "operating", "materials", "off_budget", "total")
# The "เงินงบประมาณ" column exists in some table layouts only: compared when both lines
# have it, so a layout without it is not a change.
LAYOUT_AMOUNTS: Final = ("budget_subtotal",)
AMOUNT_ORDER: Final = ("compensation", "operating", "materials", "off_budget",
                       "budget_subtotal", "total")
# Lines or activities whose texts differ only a little (a count or a word edited) are the
# same line with a changed text; below this similarity they are one removed, one added.
LINE_TEXT_THRESHOLD: Final = 0.8


def _text(value: object) -> str | None:
    return None if is_missing(value) else str(value)


def _column(frame: pd.DataFrame, name: str) -> list[object]:
    return list(frame[name]) if name in frame.columns else [None] * len(frame)


def pair_by_text(
    old_keys: list[str], new_keys: list[str],
    tie_breaker: Callable[[int, int], bool] | None = None,
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(pairs, unpaired old, unpaired new) of two lists of normalised texts.

    Equal texts pair first (repeated texts in order, or those `tie_breaker` accepts
    first); what is left pairs by fuzzy similarity above LINE_TEXT_THRESHOLD.
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(new_keys):
        by_key[key].append(j)
    pairs: list[tuple[int, int]] = []
    left_old: list[int] = []
    for i, key in enumerate(old_keys):
        candidates = by_key.get(key, [])
        if not candidates:
            left_old.append(i)
            continue
        preferred = [j for j in candidates if tie_breaker and tie_breaker(i, j)]
        j = (preferred or candidates)[0]
        candidates.remove(j)
        pairs.append((i, j))
    left_new = sorted(j for js in by_key.values() for j in js)
    fuzzy = match_texts([old_keys[i] for i in left_old], [new_keys[j] for j in left_new],
                        MatchSettings(threshold=LINE_TEXT_THRESHOLD))
    pairs += [(left_old[m.old_index], left_new[m.new_index]) for m in fuzzy.matches]
    return (
        sorted(pairs),
        [left_old[i] for i in fuzzy.removed],
        [left_new[j] for j in fuzzy.added],
    )


# -- budget lines ---------------------------------------------------------------------


def changed_amounts(old: pd.Series, new: pd.Series) -> list[str]:
    """The amount columns that differ between two paired lines, in AMOUNT_ORDER."""
    changed = []
    for column in AMOUNT_ORDER:
        a, b = old.get(column), new.get(column)
        if column in LAYOUT_AMOUNTS and (as_decimal(a) is None or as_decimal(b) is None):
            continue
        if not money_equal(a, b):
            changed.append(column)
    return changed


def line_amounts(row: pd.Series, columns: tuple[str, ...] | list[str] = AMOUNT_ORDER
                 ) -> dict[str, object]:
    return {c: row.get(c) for c in columns if as_decimal(row.get(c)) is not None}


def line_total(row: pd.Series) -> Decimal | None:
    """A line's money: its total column, else the sum of its categories and off-budget
    money (DATA_CONTRACT.md: `total` is that sum where the table has no total column)."""
    total = as_decimal(row.get("total"))
    if total is not None:
        return total
    parts = [as_decimal(row.get(c)) for c in LINE_AMOUNTS if c != "total"]
    known = [p for p in parts if p is not None]
    return sum(known, Decimal(0)) if known else None


def compare_budget_lines(old: pd.DataFrame, new: pd.DataFrame, shift: YearShift
                         ) -> list[FieldChange]:
    """Budget lines added, removed, reworded, or with other amounts: one change per line.

    Lines pair by their normalised item text; a repeated item pairs with the one under the
    same heading (item_group) first. The values list the amounts that changed
    ("operating 150000.00, total 150000.00"); an added or removed line lists all of its.
    A change of amounts carries the difference of the line's total (new - old; an added
    line +total, a removed one -total) and every change the places of both lines.
    """
    old, new = _in_line_order(old), _in_line_order(new)
    old_keys = [shift.old_key(t) for t in _column(old, "item")]
    new_keys = [shift.new_key(t) for t in _column(new, "item")]
    old_groups = [shift.old_key(g) for g in _column(old, "item_group")]
    new_groups = [shift.new_key(g) for g in _column(new, "item_group")]
    pairs, removed, added = pair_by_text(
        old_keys, new_keys, lambda i, j: old_groups[i] == new_groups[j])
    changes: list[FieldChange] = []
    for i, j in pairs:
        a, b = old.iloc[i], new.iloc[j]
        item = _text(b.get("item"))
        old_place, new_place = place_of(a), place_of(b)
        if old_keys[i] != new_keys[j]:
            changes.append(FieldChange(BUDGET_LINES, _text(a.get("item")), item, item,
                                       ASPECT_TEXT, old_place=old_place,
                                       new_place=new_place))
        columns = changed_amounts(a, b)
        if columns:
            changes.append(FieldChange(
                BUDGET_LINES, amounts_text({c: a.get(c) for c in columns}),
                amounts_text({c: b.get(c) for c in columns}), item, ASPECT_AMOUNTS,
                money_difference(line_total(a), line_total(b)), old_place, new_place))
    for i in removed:
        row = old.iloc[i]
        changes.append(FieldChange(BUDGET_LINES, amounts_text(line_amounts(row)), None,
                                   _text(row.get("item")), ASPECT_REMOVED,
                                   money_difference(line_total(row), None),
                                   old_place=place_of(row)))
    for j in added:
        row = new.iloc[j]
        changes.append(FieldChange(BUDGET_LINES, None, amounts_text(line_amounts(row)),
                                   _text(row.get("item")), ASPECT_ADDED,
                                   money_difference(None, line_total(row)),
                                   new_place=place_of(row)))
    return changes


def _in_line_order(lines: pd.DataFrame) -> pd.DataFrame:
    if "line_no" in lines.columns and len(lines):
        lines = lines.sort_values("line_no", kind="stable", key=lambda s: s.map(_order_key))
    return lines.reset_index(drop=True)


def _order_key(value: object) -> float:
    return float("inf") if is_missing(value) else float(str(value))


# -- schedule -------------------------------------------------------------------------


def activity_months(schedule: pd.DataFrame) -> dict[str, set[dt.date]]:
    """Activity text (as written) -> the months it is planned in."""
    months: dict[str, set[dt.date]] = {}
    for activity, month in zip(_column(schedule, "activity"), _column(schedule, "month"),
                               strict=True):
        text, day = _text(activity), as_date(month)
        if text is None:
            continue
        months.setdefault(text, set())
        if day is not None:
            months[text].add(day.replace(day=1))
    return months


def activity_places(schedule: pd.DataFrame) -> dict[str, Place]:
    """Activity text (as written) -> the place of its first row (its first marked month)."""
    places: dict[str, Place] = {}
    for _, row in schedule.iterrows():
        text = _text(row.get("activity"))
        if text is not None:
            places.setdefault(text, place_of(row))
    return places


def _merge_by_key(months: dict[str, set[dt.date]], key: Callable[[object], str]
                  ) -> tuple[list[str], list[str], list[set[dt.date]]]:
    """Activities with the same key (the same activity written twice, or once in a Gantt
    and once in an activity table) merged: keys, first text, union of months."""
    merged: dict[str, tuple[str, set[dt.date]]] = {}
    for text, days in months.items():
        k = key(text)
        first, union = merged.get(k, (text, set()))
        merged[k] = (first, union | days)
    keys = list(merged)
    return keys, [merged[k][0] for k in keys], [merged[k][1] for k in keys]


def compare_schedule(old: pd.DataFrame, new: pd.DataFrame, shift: YearShift
                     ) -> list[FieldChange]:
    """Activities added, removed, reworded, or planned in other months of the year."""
    old_keys, old_texts, old_months = _merge_by_key(activity_months(old), shift.old_key)
    new_keys, new_texts, new_months = _merge_by_key(activity_months(new), shift.new_key)
    pairs, removed, added = pair_by_text(old_keys, new_keys)
    old_places, new_places = activity_places(old), activity_places(new)
    changes: list[FieldChange] = []
    for i, j in pairs:
        old_place, new_place = old_places.get(old_texts[i]), new_places.get(new_texts[j])
        if old_keys[i] != new_keys[j]:
            changes.append(FieldChange(SCHEDULE, old_texts[i], new_texts[j], new_texts[j],
                                       ASPECT_TEXT, old_place=old_place,
                                       new_place=new_place))
        if {shift.date(d) for d in old_months[i]} != new_months[j]:
            changes.append(FieldChange(SCHEDULE, months_text(old_months[i]),
                                       months_text(new_months[j]), new_texts[j],
                                       ASPECT_MONTHS, old_place=old_place,
                                       new_place=new_place))
    changes += [FieldChange(SCHEDULE, months_text(old_months[i]), None, old_texts[i],
                            ASPECT_REMOVED, old_place=old_places.get(old_texts[i]))
                for i in removed]
    changes += [FieldChange(SCHEDULE, None, months_text(new_months[j]), new_texts[j],
                            ASPECT_ADDED, new_place=new_places.get(new_texts[j]))
                for j in added]
    return changes
