"""Money coverage: did every amount printed in the document's tables land in a dataset?

A money cell is a cell holding an amount in a column that holds money (by content: most
filled cells are amounts and some are money-shaped, "1,500" or "20.00"), outside Gantt
month columns. The extractors mark each cell they put in a dataset (`BodyRow.used`). A
table with money of which nothing was used is reported as `unclassified_table`, a column
of a used table whose amounts were left behind as `unmapped_column`: never silently lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.extract.budget_prose import TextAmount
from pipeline.extract.lists import values_by_line
from pipeline.extract.roles import column_content
from pipeline.extract.tables import BodyRow, TableView
from pipeline.normalize.numbers import parse_amount, sum_amounts
from pipeline.provenance import Place, table_block

MAX_LISTED_COLUMNS = 6  # columns named in one unclassified_table message


@dataclass
class ColumnMoney:
    """The money cells of one column of one table, and those no dataset took."""

    index: int
    header: str
    cells: int = 0
    left: int = 0
    left_sum: Decimal | None = None
    left_places: list[Place] = field(default_factory=list)


@dataclass
class TableMoney:
    view: TableView
    columns: list[ColumnMoney]

    @property
    def cells(self) -> int:
        return sum(c.cells for c in self.columns)

    @property
    def left(self) -> int:
        return sum(c.left for c in self.columns)


@dataclass
class Coverage:
    """Money cells of the document and those that landed in a dataset."""

    cells: int = 0
    covered: int = 0
    issues: list[Issue] = field(default_factory=list)
    tables: list[TableMoney] = field(default_factory=list)  # each table's own cells
    text_cells: int = 0  # of `cells`, amounts in budget sections' text
    text_covered: int = 0

    def count_text(self, amounts: Iterable[TextAmount]) -> None:
        """Add the amounts of a budget section's text (`budget_prose`): each is a money
        cell, covered where a dataset took it (its finding is the project's)."""
        for amount in amounts:
            self.cells += 1
            self.covered += amount.read
            self.text_cells += 1
            self.text_covered += amount.read

    @property
    def share(self) -> float | None:
        """covered / cells; None when the document's tables hold no money at all."""
        return round(self.covered / self.cells, 4) if self.cells else None


def cell_amount(lines: Iterable[str]) -> Decimal | None:
    return sum_amounts(parse_amount(v) for v in values_by_line(tuple(lines)))


def table_money(view: TableView, rows: Iterable[BodyRow]) -> TableMoney:
    """Count the money cells of `rows` of a table, column by column, and those left unused
    (a continued table's rows are counted with the table they joined, not again)."""
    rows = list(rows)
    columns = []
    for c, header in enumerate(view.headers):
        if c in view.month_columns or column_content(view, c).kind != "money":
            continue
        money = ColumnMoney(c, header)
        for row in rows:
            if c >= len(row.cells):
                continue
            amount = cell_amount(row.cells[c].lines)
            if amount is None:
                continue
            money.cells += 1
            if c not in row.used:
                money.left += 1
                money.left_sum = sum_amounts([money.left_sum, amount])
                cell = row.cells[c]
                money.left_places.append(cell.place if cell.row is not None else row.place)
        if money.cells:
            columns.append(money)
    return TableMoney(view, columns)


def measure_coverage(views: Iterable[TableView]) -> Coverage:
    """Coverage over every table of the document (a continued table's rows count once)."""
    coverage = Coverage()
    counted: set[int] = set()
    for view in views:
        rows = [r for r in view.rows if id(r) not in counted]
        counted.update(id(r) for r in rows)
        money = table_money(view, rows)
        coverage.tables.append(money)
        coverage.cells += money.cells
        coverage.covered += money.cells - money.left
        if money.left:
            coverage.issues.extend(_left_issues(money))
    return coverage


def _left_issues(money: TableMoney) -> list[Issue]:
    view = money.view
    first_page = next((r.page for r in view.rows if r.page is not None), None)
    where = table_block(view.table_no, None)
    if money.left == money.cells:
        listed = "; ".join(f"'{c.header or f'คอลัมน์ที่ {c.index + 1}'}' {baht(c.left_sum)}"
                           for c in money.columns[:MAX_LISTED_COLUMNS])
        total = sum_amounts(c.left_sum for c in money.columns)
        return [Issue(
            FindingKind.UNCLASSIFIED_TABLE,
            f"{where or 'ตาราง'} มีจำนวนเงิน {money.cells} ช่อง (ผลรวม {baht(total)} บาท)"
            f" แต่ไม่ได้อ่านเข้าชุดข้อมูลใด: {listed}",
            actual=total, source_page=first_page,
            at=Place(page=first_page, block=where),
        )]
    issues = []
    for column in money.columns:
        if not column.left:
            continue
        issues.append(Issue(
            FindingKind.UNMAPPED_COLUMN,
            f"{where or 'ตาราง'} คอลัมน์ '{column.header or f'ที่ {column.index + 1}'}':"
            f" จำนวนเงิน {column.left} ช่อง (ผลรวม {baht(column.left_sum)} บาท)"
            " ไม่ได้อยู่ในชุดข้อมูลใด",
            actual=column.left_sum, source_page=first_page,
            at=column.left_places[0],  # the first cell left behind: where to start looking
        ))
    return issues
