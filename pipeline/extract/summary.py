"""Strategy summary tables: priority, project, budget by source, responsible unit.

The table's own total row (รวมงบประมาณ) is not a project: it is checked against the
sum of the rows above it (finding kind summary_total).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.audit.sums import closed_lines, same_amount
from pipeline.extract.tables import BodyRow, CellText, TableView, sum_place
from pipeline.extract.vocab import (
    CONTINUED_RE,
    GRAND_TOTAL_RE,
    STRATEGY_RE,
    SUMMARY_COLUMN_PATTERNS,
    TOTAL_LABEL_RE,
    Column,
)
from pipeline.normalize.numbers import parse_amount, parse_int, sum_amounts
from pipeline.normalize.text import clean_text, compact
from pipeline.provenance import Place

BUDGET_SOURCES = (Column.BUDGET_ESA, Column.BUDGET_OBEC, Column.BUDGET_OTHER)
SOURCE_NAMES = {Column.BUDGET_ESA: "สพป./สพม./สถานศึกษา", Column.BUDGET_OBEC: "สพฐ.",
                Column.BUDGET_OTHER: "หน่วยงานอื่น"}


def summary_roles(view: TableView) -> list[Column]:
    """Roles of a summary table; a lone "งบประมาณ" column is the office's own budget."""
    roles = view.columns(SUMMARY_COLUMN_PATTERNS)
    if not any(r in roles for r in BUDGET_SOURCES) and Column.AMOUNT in roles:
        roles[roles.index(Column.AMOUNT)] = Column.BUDGET_ESA
    return roles


def is_summary_table(view: TableView) -> bool:
    """A table listing projects (not activities) with budgets and a priority or a unit."""
    roles = summary_roles(view)
    if view.month_columns or Column.PROJECT not in roles:
        return False
    if not any(compact(h).find("โครงการ") >= 0 for h in view.headers):
        return False
    if any(x in compact(" ".join(view.headers)) for x in ("ตอบแทน", "ใช้สอย", "ระยะเวลา")):
        return False
    has_budget = any(r in roles for r in BUDGET_SOURCES)
    return has_budget and (Column.PRIORITY in roles or Column.RESPONSIBLE in roles)


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

    def total_budget(self) -> Decimal | None:
        return sum_amounts(self.budgets.values())

    def budget_place(self, role: Column | None = None) -> Place | None:
        """Where a budget source (or, without one, the row's total budget) is printed: the
        one filled cell as printed, else the filled cells together quoted "a + b"."""
        if role is not None:
            cell = self.cells.get(role)
            return cell.place if cell is not None and cell.row is not None else self.place
        filled = [c for r, c in self.cells.items() if r in BUDGET_SOURCES and not c.is_empty]
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

    @property
    def lines(self) -> list[SummaryLine]:
        return [row for row in self.rows if not row.is_total]

    @property
    def strategies(self) -> set[int | None]:
        return {line.strategy[0] for line in self.lines}


def strategy_of(previous_lines: Sequence[str]) -> Strategy:
    """The "ยุทธศาสตร์ที่ N ชื่อ" heading nearest above a summary table."""
    lines = [clean_text(line) for line in previous_lines if clean_text(line)]
    for i in range(len(lines) - 1, -1, -1):
        match = STRATEGY_RE.search(lines[i])
        if not match:
            continue
        number = parse_int(match.group(1))
        name = clean_text(CONTINUED_RE.sub("", match.group(2)))
        if not name and i + 1 < len(lines) and not STRATEGY_RE.search(lines[i + 1]):
            name = clean_text(CONTINUED_RE.sub("", lines[i + 1]))
        return number, name or None
    return None, None


def parse_summary_table(view: TableView, strategy: Strategy) -> SummaryTable:
    """Project rows, total rows, and strategy rows that head groups inside one table."""
    roles = summary_roles(view)
    col = {role: i for i, role in reversed(list(enumerate(roles)))}
    table = SummaryTable(strategy_no=strategy[0], strategy_name=strategy[1])
    current = strategy
    for row in view.rows:
        texts = row.texts()
        name = texts[col[Column.PROJECT]]
        priority_text = texts[col[Column.PRIORITY]] if Column.PRIORITY in col else ""
        budgets = {r: parse_amount(texts[col[r]]) for r in BUDGET_SOURCES if r in col}
        group = _strategy_row(row.first_text(), budgets)
        if group is not None:
            current = group
            continue
        line_cells = {r: row.cells[col[r]] for r in (*BUDGET_SOURCES, Column.AMOUNT) if r in col}
        if Column.AMOUNT in col:
            table.issues.extend(_row_total_issue(name or priority_text, budgets,
                                                 parse_amount(texts[col[Column.AMOUNT]]),
                                                 row.page, line_cells))
        is_total = _is_total_row(name, priority_text)
        if not name and not is_total:
            continue
        unit = texts[col[Column.RESPONSIBLE]] if Column.RESPONSIBLE in col else ""
        table.rows.append(SummaryLine(
            priority=None if is_total else parse_int(priority_text),
            project_name=name or priority_text,
            budgets=budgets,
            unit=unit or None,
            page=row.page,
            strategy=current,
            is_total=is_total,
            place=_name_place(row, col),
            cells=line_cells,
        ))
    table.issues.extend(check_summary_total(table))
    return table


def _strategy_row(text: str, budgets: dict[Column, Decimal | None]) -> Strategy | None:
    """A row naming a strategy ("ยุทธศาสตร์ที่ 2 ...") with no amounts heads a group."""
    match = STRATEGY_RE.match(clean_text(text))
    if match is None or any(v for v in budgets.values()):
        return None
    return parse_int(match.group(1)), clean_text(match.group(2)) or None


def _is_total_row(name: str, priority_text: str) -> bool:
    """"รวมงบประมาณ", "รวมยุทธศาสตร์ที่ 1", "รวมทั้งสิ้น": a total, not a project."""
    if parse_int(priority_text) is not None:
        return False
    for text in (name, priority_text):
        squeezed = compact(text)
        if TOTAL_LABEL_RE.match(squeezed) or (squeezed.startswith("รวม") and len(squeezed) < 40):
            return True
    return False


def _name_place(row: BodyRow, col: dict[Column, int]) -> Place:
    cell = row.cells[col[Column.PROJECT]]
    return cell.place if cell.row is not None and not cell.is_empty else row.place


def _row_total_issue(
    label: str, budgets: dict[Column, Decimal | None], stated: Decimal | None, page: int | None,
    cells: dict[Column, CellText] | None = None,
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
        expected_at=_sources_place(cells or {}),
        actual_at=(cells or {}).get(Column.AMOUNT, CellText()).place if cells else None,
    )]


def _sources_place(cells: dict[Column, CellText]) -> Place | None:
    return sum_place(cells[r] for r in BUDGET_SOURCES if r in cells)


def check_summary_total(table: SummaryTable) -> list[Issue]:
    """Each total row against the sum of the project rows it closes, per budget source."""
    issues = []
    for closed in closed_lines(table.rows, lambda r: r.is_total,
                               lambda r: bool(GRAND_TOTAL_RE.search(compact(r.project_name)))):
        total = closed.total
        for role, stated in total.budgets.items():
            sums = [sum_amounts(line.budgets.get(role) for line in lines)
                    for lines in closed.candidates]
            if any(same_amount(s, stated) for s in sums):
                continue
            expected = closed.expected(sums)
            label = f"ยุทธศาสตร์ที่ {table.strategy_no}" if table.strategy_no else "ตารางสรุป"
            issues.append(Issue(
                FindingKind.SUMMARY_TOTAL,
                f"{label}: แถว '{total.project_name}' ({SOURCE_NAMES[role]}) = {baht(stated)}"
                f" แต่ผลรวมโครงการ = {baht(expected)}",
                expected=expected,
                actual=stated,
                source_page=total.page,
                expected_at=sum_place(
                    line.cells[role] for line in
                    (closed.candidates[-1 if closed.grand else 0] if closed.candidates else [])
                    if role in line.cells),
                actual_at=total.budget_place(role),
            ))
    return issues
