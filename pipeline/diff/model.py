"""The diff's results: change rows as DATA_CONTRACT.md ("Diff outputs") defines them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import pandas as pd
import pyarrow as pa

from pipeline.diff.values import is_missing

if TYPE_CHECKING:
    from pipeline.diff.totals import PlanTotals

# -- year-over-year changes -------------------------------------------------------------

ADDED: Final = "added"
REMOVED: Final = "removed"
RENAMED: Final = "renamed"
FIELD_CHANGED: Final = "field_changed"
CHANGE_KINDS: Final = (ADDED, REMOVED, RENAMED, FIELD_CHANGED)

# `field` values for changes inside the line tables rather than in a projects column.
BUDGET_LINES: Final = "budget_lines"
SCHEDULE: Final = "schedule"
NAME: Final = "name"
# A document-level change: the total row of a strategy's summary table (the sum of its
# project rows), which no single project carries.
SUMMARY_TOTAL: Final = "summary_total"

# `aspect` of a budget-line or schedule change: a line/activity appeared or went away,
# its text changed slightly (fuzzy-matched), its amounts or its months changed.
ASPECT_ADDED: Final = "added"
ASPECT_REMOVED: Final = "removed"
ASPECT_TEXT: Final = "text"
ASPECT_AMOUNTS: Final = "amounts"
ASPECT_MONTHS: Final = "months"

TEXT: Final[pa.DataType] = pa.string()
SCORE: Final[pa.DataType] = pa.float64()
YEAR: Final[pa.DataType] = pa.int32()
MONEY: Final[pa.DataType] = pa.decimal128(18, 2)
PAGE: Final[pa.DataType] = pa.int32()


def _schema(fields: list[tuple[str, pa.DataType]]) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in fields])


CHANGES_SCHEMA: Final = _schema([
    # The contract's columns, in its order.
    ("change", TEXT), ("old_project_id", TEXT), ("new_project_id", TEXT),
    ("old_name", TEXT), ("new_name", TEXT), ("field", TEXT), ("old_value", TEXT),
    ("new_value", TEXT), ("confidence", SCORE),
    # Additions: which plans were compared, and which budget line, activity or strategy.
    ("old_fiscal_year", YEAR), ("new_fiscal_year", YEAR), ("organization", TEXT),
    ("item", TEXT), ("aspect", TEXT),
    # new - old of a money change (added project: +amount, removed: -amount), the
    # project's unit as written, and where each side's value is printed.
    ("difference", MONEY), ("unit", TEXT),
    ("old_source_path", TEXT), ("old_source_page", PAGE), ("old_source_block", TEXT),
    ("new_source_path", TEXT), ("new_source_page", PAGE), ("new_source_block", TEXT),
])
CHANGE_COLUMNS: Final = tuple(CHANGES_SCHEMA.names)

MATCHES_SCHEMA: Final = _schema([
    ("old_project_id", TEXT), ("new_project_id", TEXT), ("old_name", TEXT),
    ("new_name", TEXT),
    ("status", TEXT),  # unchanged | renamed | changed | renamed_changed
    ("name_score", SCORE), ("score", SCORE), ("confidence", SCORE),
])


@dataclass(frozen=True)
class Place:
    """Where a value is printed: its document, page (null when the file records none)
    and block ("table 3 row 4 col 1", DATA_CONTRACT.md "Provenance")."""

    doc_id: str | None
    page: int | None
    block: str | None


def place_of(row: pd.Series) -> Place:
    """The place a dataset row names (doc_id, source_page, source_block)."""
    doc_id, page, block = (row.get(c) for c in ("doc_id", "source_page", "source_block"))
    return Place(None if is_missing(doc_id) else str(doc_id),
                 None if page is None or is_missing(page) else int(page),
                 None if is_missing(block) else str(block))


@dataclass(frozen=True)
class Change:
    """One row of changes.parquet."""

    change: str
    old_project_id: str | None
    new_project_id: str | None
    old_name: str | None
    new_name: str | None
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    confidence: float | None = None
    old_fiscal_year: int | None = None
    new_fiscal_year: int | None = None
    organization: str | None = None
    item: str | None = None  # the budget item, schedule activity or strategy, as written
    aspect: str | None = None  # amounts, months, text, added or removed
    difference: Decimal | None = None
    unit: str | None = None
    old_source_path: str | None = None
    old_source_page: int | None = None
    old_source_block: str | None = None
    new_source_path: str | None = None
    new_source_page: int | None = None
    new_source_block: str | None = None


@dataclass(frozen=True)
class FieldChange:
    """A difference found inside one matched pair, before it becomes a Change row."""

    field: str
    old_value: str | None
    new_value: str | None
    item: str | None = None
    aspect: str | None = None
    difference: Decimal | None = None  # new - old, for money only
    old_place: Place | None = None
    new_place: Place | None = None


@dataclass
class PlanDiff:
    """Everything a year-over-year diff found, for the writers and for notebooks."""

    old_fiscal_year: int
    new_fiscal_year: int
    old_organization: str | None
    new_organization: str | None
    old_source: str
    new_source: str
    changes: list[Change] = field(default_factory=list)
    matches: pd.DataFrame = field(default_factory=pd.DataFrame)
    totals: PlanTotals | None = None

    def counts(self) -> dict[str, int]:
        """added, removed, renamed, changed (matched projects with a field change),
        unchanged (matched, same name, no field change) and rows (change rows)."""
        kinds = [c.change for c in self.changes]
        statuses = list(self.matches["status"]) if "status" in self.matches else []
        return {
            "added": kinds.count(ADDED),
            "removed": kinds.count(REMOVED),
            "renamed": kinds.count(RENAMED),
            "changed": sum(s in ("changed", "renamed_changed") for s in statuses),
            "unchanged": statuses.count("unchanged"),
            "rows": len(kinds),
        }

    def has_changes(self) -> bool:
        return bool(self.changes)

    def changes_frame(self) -> pd.DataFrame:
        """changes.parquet as a DataFrame, contract columns first."""
        rows = [asdict(c) for c in self.changes]
        frame = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS), dtype=object)
        frame["confidence"] = frame["confidence"].astype("float64")
        return frame
