"""The two plans' totals, reconciled with the changes: old total + changes = new total.

A reader of the report must be able to check that the changes listed account for all of
the money that moved. Each project's amount is one projects column, the first present of
PROJECT_AMOUNT_FIELDS (the summary table's amount, else its budget table's total, else
the amount its text states). The changes are summed from the change rows themselves (the
differences of matched pairs on that column, the amounts of added and removed projects),
not recomputed from the totals, so the check can fail; when it does, the gap is reported
with the pairs that explain it (a project whose amount comes from one column in one year
and another column in the next) and never hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

import pandas as pd

from pipeline.diff.model import ADDED, REMOVED, Change
from pipeline.diff.values import as_decimal, is_missing

PROJECT_AMOUNT_FIELDS: Final = ("budget_summary", "budget_table_total", "budget_stated")
ZERO: Final = Decimal("0.00")


def project_amount(row: pd.Series) -> tuple[str, Decimal] | None:
    """(column, amount) of a project's money: the first of PROJECT_AMOUNT_FIELDS present."""
    for name in PROJECT_AMOUNT_FIELDS:
        amount = as_decimal(row.get(name))
        if amount is not None:
            return name, amount
    return None


@dataclass(frozen=True)
class UnreconciledPair:
    """A matched pair whose amounts are different columns: no change row says how much
    its money moved, so its difference stays in the gap."""

    old_name: str | None
    new_name: str | None
    old_field: str | None
    old_amount: Decimal | None
    new_field: str | None
    new_amount: Decimal | None


@dataclass(frozen=True)
class PlanTotals:
    """Old total, the sums of the changes by kind, and the new total, in baht.

    `removed` is negative (money taken out). `gap` is what the changes leave unexplained.
    """

    old_total: Decimal
    changed: Decimal
    added: Decimal
    removed: Decimal
    new_total: Decimal
    unreconciled: tuple[UnreconciledPair, ...] = ()
    old_without_amount: int = 0
    new_without_amount: int = 0

    @property
    def gap(self) -> Decimal:
        return self.new_total - (self.old_total + self.changed + self.added + self.removed)

    @property
    def reconciles(self) -> bool:
        return self.gap == 0


def plan_total(projects: pd.DataFrame) -> tuple[Decimal, int]:
    """(sum of the projects' amounts, number of projects without any amount)."""
    total, missing = ZERO, 0
    for _, row in projects.iterrows():
        found = project_amount(row)
        if found is None:
            missing += 1
        else:
            total += found[1]
    return total, missing


def _pair_change(old: pd.Series, new: pd.Series, changes: Iterable[Change]
                 ) -> Decimal | UnreconciledPair:
    """The change rows' difference on the pair's amount column, or why there is none."""
    a, b = project_amount(old), project_amount(new)
    if a is None and b is None:
        return ZERO
    if a is None or b is None or a[0] != b[0]:
        return UnreconciledPair(
            _text(old.get("name")), _text(new.get("name")),
            None if a is None else a[0], None if a is None else a[1],
            None if b is None else b[0], None if b is None else b[1])
    return sum((c.difference for c in changes
                if c.field == a[0] and c.difference is not None), ZERO)


def _text(value: object) -> str | None:
    return None if is_missing(value) else str(value)


def reconcile_totals(old_projects: pd.DataFrame, new_projects: pd.DataFrame,
                     pairs: Iterable[tuple[pd.Series, pd.Series, list[Change]]],
                     changes: Iterable[Change]) -> PlanTotals:
    """The plans' totals and the changes' sums: `pairs` are the matched projects with their
    change rows, `changes` every change row (added and removed ones are summed)."""
    changed, unreconciled = ZERO, []
    for old, new, pair_changes in pairs:
        found = _pair_change(old, new, pair_changes)
        if isinstance(found, UnreconciledPair):
            unreconciled.append(found)
        else:
            changed += found
    rows = list(changes)
    old_total, old_missing = plan_total(old_projects)
    new_total, new_missing = plan_total(new_projects)
    return PlanTotals(
        old_total=old_total, changed=changed,
        added=_sum_differences(rows, ADDED), removed=_sum_differences(rows, REMOVED),
        new_total=new_total, unreconciled=tuple(unreconciled),
        old_without_amount=old_missing, new_without_amount=new_missing)


def _sum_differences(changes: list[Change], kind: str) -> Decimal:
    return sum((c.difference for c in changes if c.change == kind and c.difference is not None),
               ZERO)
