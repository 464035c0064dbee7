"""The budget of a project as read: entries (lines, totals, category headings) with their
amounts by role and by column, and the tables they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.audit.issues import Issue
from pipeline.extract.roles import (
    CATEGORY_ROLES,
    ColumnSpec,
)
from pipeline.extract.tables import CellText, sum_place
from pipeline.normalize.numbers import sum_amounts
from pipeline.normalize.vocabulary.plan import CATEGORY_PREFIXES, Column
from pipeline.provenance import Place

CATEGORIES = CATEGORY_ROLES
# Roles whose amounts are kept per row by role; the others (funding sources, quarters,
# unmapped money) are kept per column in `BudgetEntry.by_column`.
AMOUNT_ROLES = (*CATEGORIES, Column.OFF_BUDGET, Column.TOTAL, Column.AMOUNT)
# How a finding names each role's column: the categories as vocab spells them, then the rest.
CATEGORY_NAMES: dict[Column, str] = {
    **CATEGORY_PREFIXES,
    Column.OTHER_EXPENSE: "ค่าใช้จ่ายอื่น",
    Column.OFF_BUDGET: "เงินนอกงบประมาณ",
    Column.TOTAL: "รวม",
    Column.AMOUNT: "เงินงบประมาณ",
}


@dataclass
class BudgetEntry:
    """A budget line or a total row, with its amounts by role (None = empty cell)."""

    item: str
    amounts: dict[Column, Decimal | None]
    page: int | None
    item_no: str | None = None
    group: str | None = None
    is_total: bool = False
    formula_text: str | None = None
    formula_value: Decimal | None = None
    heads_category: Column | None = None  # a "2. ค่าใช้สอย" row heading the lines below
    # every money cell of the row by grid column (funding sources, quarters and unmapped
    # money too), so budget_amounts keeps what the role columns do not
    by_column: dict[int, Decimal | None] = field(default_factory=dict)
    quantity: Decimal | None = None
    unit: str | None = None
    unit_price: Decimal | None = None
    source_key: str | None = None  # the funding source a cell of the row names
    category: Column | None = None  # the category a heading, name or cell gave the line
    funding: dict[int, Decimal | None] = field(default_factory=dict)  # by grid column
    quarters: dict[int, Decimal | None] = field(default_factory=dict)
    place: Place | None = None  # the item's cell (else its row)
    cells: dict[Column, CellText] = field(default_factory=dict)  # the row's cells by role
    column_cells: dict[int, CellText] = field(default_factory=dict)  # ... by grid column

    def place_of(self, role: Column) -> Place | None:
        """Where the amount of `role` is printed: its cell, else the row."""
        cell = self.cells.get(role)
        return cell.place if cell is not None and cell.row is not None else self.place

    def get(self, role: Column) -> Decimal | None:
        return self.amounts.get(role)

    def categories_sum(self) -> Decimal | None:
        return sum_amounts(self.get(c) for c in CATEGORIES)

    def line_total(self) -> Decimal | None:
        """The row's total: its total cell, else its categories plus off-budget money,
        else its funding sources, else its quarters."""
        if Column.TOTAL in self.amounts:
            return self.get(Column.TOTAL)
        parts = [self.categories_sum(), self.get(Column.OFF_BUDGET)]
        if parts[0] is None:
            parts[0] = self.get(Column.AMOUNT)
        total = sum_amounts(parts)
        return total if total is not None else self.extra_total()

    def extra_total(self) -> Decimal | None:
        """Funding-source columns, else quarter columns: each splits the same money."""
        for group in (self.funding, self.quarters):
            if group:
                return sum_amounts(group.values())
        return None


@dataclass
class BudgetTable:
    roles: list[Column]
    entries: list[BudgetEntry] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    specs: list[ColumnSpec] = field(default_factory=list)

    @classmethod
    def combined(cls, tables: list[BudgetTable]) -> BudgetTable:
        """A project with several separate budget tables: totals add up across them."""
        if len(tables) == 1:
            return tables[0]
        return MultiBudgetTable(
            roles=[r for t in tables for r in t.roles],
            entries=[e for t in tables for e in t.entries],
            issues=[i for t in tables for i in t.issues],
            specs=[s for t in tables for s in t.specs],
            parts=tables,
        )

    @property
    def lines(self) -> list[BudgetEntry]:
        return [e for e in self.entries if not e.is_total and e.heads_category is None]

    @property
    def tables(self) -> list[BudgetTable]:
        """The separate tables this budget was read from (itself, unless combined)."""
        return [self]

    @property
    def totals(self) -> list[BudgetEntry]:
        return [e for e in self.entries if e.is_total]

    @property
    def grand_total(self) -> BudgetEntry | None:
        totals = self.totals
        return totals[-1] if totals else None

    def table_total(self) -> Decimal | None:
        grand = self.grand_total
        if grand is not None:
            return grand.line_total()
        return sum_amounts(e.line_total() for e in self.lines)

    def table_total_place(self) -> Place | None:
        """Where `table_total` is printed: the grand total row's total cell."""
        grand = self.grand_total
        if grand is None:
            return sum_place(e.cells[Column.TOTAL] for e in self.lines if Column.TOTAL in e.cells)
        return grand.place_of(Column.TOTAL if Column.TOTAL in grand.amounts else Column.AMOUNT)

    @property
    def categories_by_row(self) -> bool:
        """Categories given by heading rows or item names instead of columns."""
        return not any(c in self.roles for c in CATEGORIES)

    def category_total(self, role: Column) -> Decimal | None:
        if self.categories_by_row:
            return sum_amounts(e.get(role) for e in self.lines)
        if role not in self.roles:
            return None
        grand = self.grand_total
        if grand is not None:
            return grand.get(role)
        return sum_amounts(e.get(role) for e in self.lines)


@dataclass
class MultiBudgetTable(BudgetTable):
    parts: list[BudgetTable] = field(default_factory=list)

    @property
    def tables(self) -> list[BudgetTable]:
        return list(self.parts)

    def table_total(self) -> Decimal | None:
        return sum_amounts(part.table_total() for part in self.parts)

    def table_total_place(self) -> Place | None:
        return None  # added up over separate tables: printed nowhere

    def category_total(self, role: Column) -> Decimal | None:
        return sum_amounts(part.category_total(role) for part in self.parts)


