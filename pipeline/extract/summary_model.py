"""A strategy summary table as read: its project rows and total rows, the money of each
by budget source and by column, and where each amount is printed.

Kept apart from the reading (`summary.py`) so that the arithmetic checks of
`pipeline.audit.summary_checks` take the table without importing the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.audit.issues import Issue
from pipeline.extract.roles import ColumnSpec
from pipeline.extract.tables import CellText, sum_place
from pipeline.normalize.numbers import parse_amount, sum_amounts
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import FUNDING_CONTRACT_COLUMN, Column
from pipeline.provenance import Place

BUDGET_SOURCES = (Column.BUDGET_ESA, Column.BUDGET_OBEC, Column.BUDGET_OTHER)


def contract_source(spec: ColumnSpec) -> Column | None:
    """The summary dataset's budget column a money column adds to."""
    if spec.role in BUDGET_SOURCES:
        return spec.role
    if spec.role is Column.FUNDING and spec.key is not None:
        return FUNDING_CONTRACT_COLUMN.get(spec.key, Column.BUDGET_OTHER)
    return None


def is_summary_money(spec: ColumnSpec) -> bool:
    """A column of amounts: a budget source, a plain amount, or money nobody explains."""
    return contract_source(spec) is not None or spec.role in (Column.AMOUNT, Column.MONEY)


Strategy = tuple[int | None, str | None]


@dataclass
class SummaryLine:
    """A project row, or a total row (`is_total`) that closes the rows above it."""

    priority: int | None
    project_name: str
    budgets: dict[Column, Decimal | None]
    unit: str | None
    page: int | None
    strategy: Strategy = (None, None)
    is_total: bool = False
    place: Place | None = None  # the project's name cell (else its row)
    cells: dict[Column, CellText] = field(default_factory=dict)  # its budget cells
    # every money cell of the row by grid column (summary_amounts keeps each one)
    by_column: dict[int, Decimal | None] = field(default_factory=dict)
    column_cells: dict[int, CellText] = field(default_factory=dict)
    role_columns: dict[Column, list[int]] = field(default_factory=dict)
    source_text: str | None = None  # the funding source the row names, as written

    def total_budget(self) -> Decimal | None:
        return sum_amounts(self.budgets.values())

    def budget_place(self, role: Column | None = None) -> Place | None:
        """Where a budget source (or, without one, the row's total budget) is printed: the
        one filled cell as printed, else the filled cells together quoted "a + b"."""
        roles = [role] if role is not None else [r for r in self.role_columns
                                                 if r in BUDGET_SOURCES]
        cells = [self.column_cells[c] for r in roles for c in self.role_columns.get(r, [])]
        filled = [c for c in cells if not c.is_empty]
        if role is not None and not filled:
            return cells[0].place if cells and cells[0].row is not None else self.place
        # a source left at "-" or 0 is not part of what the row promises
        filled = [c for c in filled if parse_amount(c.text)] or filled
        if len(filled) == 1:
            return filled[0].place
        return sum_place(filled) or self.place


@dataclass
class SummaryTable:
    strategy_no: int | None
    strategy_name: str | None
    rows: list[SummaryLine] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    index: int = -1  # position of the table in the document's item stream
    specs: list[ColumnSpec] = field(default_factory=list)
    vocabulary: OfficeVocabulary = BUILT_IN  # the office's words its sources were read with

    @property
    def lines(self) -> list[SummaryLine]:
        return [row for row in self.rows if not row.is_total]

    @property
    def strategies(self) -> set[int | None]:
        return {line.strategy[0] for line in self.lines}

    @property
    def by_named_source(self) -> bool:
        """One amount column whose source each row names in another column."""
        return any(s.role is Column.SOURCE_NAME for s in self.specs) and not any(
            contract_source(s) is not None for s in self.specs)
