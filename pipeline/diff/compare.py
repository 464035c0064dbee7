"""What changed inside a matched pair of projects: its fields, then its line tables.

Everything compares "by its place in the plan", not by the raw value: text through the
normalised key (spacing, digits and the yearly roll-over are not changes), dates and months
shifted by the years between the plans (1 Oct 2562 in FY2563 is 1 Oct 2563 in FY2564),
people as a set, money with null and 0 alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

import pandas as pd

from pipeline.diff.lines import compare_budget_lines, compare_schedule
from pipeline.diff.model import FieldChange, place_of
from pipeline.diff.names import normalize_person, unit_match_key
from pipeline.diff.shift import YearShift
from pipeline.diff.values import (
    as_date,
    as_list,
    is_missing,
    joined,
    money_difference,
    money_equal,
    money_text,
    value_text,
)

MONEY_FIELDS: Final = (
    "budget_summary", "budget_stated", "budget_table_total",
    "budget_compensation", "budget_operating", "budget_materials",
)
TEXT_FIELDS: Final = ("unit", "plan", "project_type")
DATE_FIELDS: Final = ("start_date", "end_date")
PERSONS_FIELD: Final = "responsible_persons"
PRIORITY_FIELD: Final = "priority"
# The projects columns compared, in the order reports list them.
PROJECT_FIELDS: Final = (
    *MONEY_FIELDS, "unit", PERSONS_FIELD, *DATE_FIELDS, PRIORITY_FIELD, "plan", "project_type",
)


# -- project fields ---------------------------------------------------------------------


def compare_money(old: object, new: object) -> tuple[str | None, str | None] | None:
    return None if money_equal(old, new) else (money_text(old), money_text(new))


def compare_persons(old: object, new: object) -> tuple[str | None, str | None] | None:
    """People as a set: order and the spelling of titles (น.ส. / นางสาว) do not matter."""
    old_names = [str(p) for p in as_list(old) if not is_missing(p)]
    new_names = [str(p) for p in as_list(new) if not is_missing(p)]
    old_keys = {normalize_person(p) for p in old_names} - {""}
    new_keys = {normalize_person(p) for p in new_names} - {""}
    if old_keys == new_keys:
        return None
    return (joined(old_names) or None, joined(new_names) or None)


def compare_date(old: object, new: object, shift: YearShift
                 ) -> tuple[str | None, str | None] | None:
    old_day, new_day = as_date(old), as_date(new)
    if old_day is None and new_day is None:
        return None
    if old_day is not None and new_day is not None and shift.date(old_day) == new_day:
        return None
    return (value_text(old_day), value_text(new_day))


def compare_text(old: object, new: object, shift: YearShift
                 ) -> tuple[str | None, str | None] | None:
    if shift.old_key(old) == shift.new_key(new):
        return None
    return (value_text(old), value_text(new))


def compare_unit(old: pd.Series, new: pd.Series, shift: YearShift
                 ) -> tuple[str | None, str | None] | None:
    """A unit changed unless both rows name one unit (same unit key: "กลุ่มนโยบาย และแผน"
    and "กลุ่มนโยบายและแผน" are one group), or its text compares equal."""
    a, b = old.get("unit"), new.get("unit")
    key_a = unit_match_key(a, old.get("unit_key"))
    if key_a and key_a == unit_match_key(b, new.get("unit_key")):
        return None
    return compare_text(a, b, shift)


def compare_plain(old: object, new: object) -> tuple[str | None, str | None] | None:
    a, b = value_text(old), value_text(new)
    return None if a == b else (a, b)


def compare_fields(old: pd.Series, new: pd.Series, shift: YearShift) -> list[FieldChange]:
    """Every projects column in PROJECT_FIELDS that differs between the two rows, placed
    at the project rows; a money change carries its difference (new - old)."""
    changes = []
    old_place, new_place = place_of(old), place_of(new)
    for name in PROJECT_FIELDS:
        a, b = old.get(name), new.get(name)
        if name in MONEY_FIELDS:
            diff = compare_money(a, b)
        elif name in DATE_FIELDS:
            diff = compare_date(a, b, shift)
        elif name == PERSONS_FIELD:
            diff = compare_persons(a, b)
        elif name == "unit":
            diff = compare_unit(old, new, shift)
        elif name in TEXT_FIELDS:
            diff = compare_text(a, b, shift)
        else:
            diff = compare_plain(a, b)
        if diff is not None:
            difference = money_difference(a, b) if name in MONEY_FIELDS else None
            changes.append(FieldChange(name, *diff, difference=difference,
                                       old_place=old_place, new_place=new_place))
    return changes


def rows_of(frame: pd.DataFrame, project_id: object) -> pd.DataFrame:
    """The rows of one project in a line table."""
    if "project_id" not in frame.columns:
        return frame.iloc[0:0]
    return frame[frame["project_id"] == project_id]


def all_changes(old: pd.Series, new: pd.Series, old_lines: pd.DataFrame,
                new_lines: pd.DataFrame, old_schedule: pd.DataFrame,
                new_schedule: pd.DataFrame, shift: YearShift) -> list[FieldChange]:
    """Fields, then budget lines, then schedule: every difference of one matched pair."""
    project_old, project_new = old.get("project_id"), new.get("project_id")
    parts: Iterable[list[FieldChange]] = (
        compare_fields(old, new, shift),
        compare_budget_lines(rows_of(old_lines, project_old), rows_of(new_lines, project_new),
                             shift),
        compare_schedule(rows_of(old_schedule, project_old),
                         rows_of(new_schedule, project_new), shift),
    )
    return [change for part in parts for change in part]
