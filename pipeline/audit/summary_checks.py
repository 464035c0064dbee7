"""Arithmetic checks of a strategy summary table: each row's budget sources against its own
total column (kind row_sum), each total row against the project rows it closes, column by
column (kind summary_total), and money columns no evidence explains (unmapped_column).
They report, never correct.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.audit.sums import closed_lines, same_amount
from pipeline.extract.roles import ColumnSpec, unmapped_column_issue
from pipeline.extract.summary_model import SummaryTable, is_summary_money
from pipeline.extract.tables import CellText, sum_place
from pipeline.normalize.numbers import sum_amounts
from pipeline.normalize.text import clean_text, compact
from pipeline.normalize.vocabulary.plan import GRAND_TOTAL_RE, Column

# How a finding names the contract's budget columns.
SOURCE_NAMES = {Column.BUDGET_ESA: "สพป./สพม./สถานศึกษา", Column.BUDGET_OBEC: "สพฐ.",
                Column.BUDGET_OTHER: "หน่วยงานอื่น"}


def row_total_issue(
    label: str, budgets: dict[Column, Decimal | None], stated: Decimal | None, page: int | None,
    source_cells: Sequence[CellText] = (), total_cell: CellText | None = None,
) -> list[Issue]:
    """A summary row's budget sources against its own "รวม" column (kind row_sum)."""
    expected = sum_amounts(budgets.values())
    if stated is None or expected is None or expected == stated:
        return []
    return [Issue(
        FindingKind.ROW_SUM,
        f"ตารางสรุป '{label}': ผลรวมแหล่งงบประมาณ = {baht(expected)} แต่ช่องรวม = {baht(stated)}",
        expected=expected,
        actual=stated,
        source_page=page,
        expected_at=sum_place(source_cells),
        actual_at=total_cell.place if total_cell is not None else None,
    )]


def check_summary_total(table: SummaryTable) -> list[Issue]:
    """Each total row against the sum of the project rows it closes, column by column."""
    issues = []
    columns = [s for s in table.specs if _totalled(s, table)]
    for closed in closed_lines(table.rows, lambda r: r.is_total,
                               lambda r: bool(GRAND_TOTAL_RE.search(compact(r.project_name)))):
        total = closed.total
        for spec in columns:
            stated = total.by_column.get(spec.index)
            sums = [sum_amounts(line.by_column.get(spec.index) for line in lines)
                    for lines in closed.candidates]
            if any(same_amount(s, stated) for s in sums):
                continue
            expected = closed.expected(sums)
            label = f"ยุทธศาสตร์ที่ {table.strategy_no}" if table.strategy_no else "ตารางสรุป"
            closed_rows = (closed.candidates[-1 if closed.grand else 0]
                           if closed.candidates else [])
            issues.append(Issue(
                FindingKind.SUMMARY_TOTAL,
                f"{label}: แถว '{total.project_name}' ({_column_name(spec)}) = {baht(stated)}"
                f" แต่ผลรวมโครงการ = {baht(expected)}",
                expected=expected,
                actual=stated,
                source_page=total.page,
                expected_at=sum_place(line.column_cells[spec.index] for line in closed_rows
                                      if spec.index in line.column_cells),
                actual_at=total.column_cells[spec.index].place
                if total.column_cells[spec.index].row is not None else total.place,
            ))
    return issues


def _totalled(spec: ColumnSpec, table: SummaryTable) -> bool:
    """Columns a total row is checked on: every source and unmapped money column; the
    plain amount only where it is the rows' one amount (the row check covers the rest)."""
    if spec.role is Column.AMOUNT:
        return table.by_named_source
    return is_summary_money(spec)


def _column_name(spec: ColumnSpec) -> str:
    if spec.role in SOURCE_NAMES:
        return SOURCE_NAMES[spec.role]
    return clean_text(spec.header) or f"คอลัมน์ที่ {spec.index + 1}"


def unmapped_summary_columns(table: SummaryTable) -> list[Issue]:
    """Each money column of a summary no evidence explains, with its sum over the projects;
    the contract's budget columns lack it."""
    page = next((line.page for line in table.rows if line.page is not None), None)
    return [unmapped_column_issue(
        spec, sum_amounts(line.by_column.get(spec.index) for line in table.lines), page,
        "summary_amounts", "ตารางสรุป: ") for spec in table.specs if spec.role is Column.MONEY]
