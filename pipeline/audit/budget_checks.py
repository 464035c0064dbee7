"""Arithmetic checks of a budget table: rows, totals, category headings, unit prices and
written formulas against the amounts, and a category split written in the text against
the table. They report (kinds row_sum, line_sum, formula, unmapped_column,
stated_vs_table), never correct.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.audit.sums import ClosedLines, closed_lines, same_amount
from pipeline.extract.budget_model import (
    AMOUNT_ROLES,
    CATEGORIES,
    CATEGORY_NAMES,
    BudgetEntry,
    BudgetTable,
)
from pipeline.extract.roles import unmapped_column_issue
from pipeline.extract.tables import sum_place
from pipeline.normalize.numbers import sum_amounts
from pipeline.normalize.text import clean_text, compact
from pipeline.normalize.vocabulary.plan import (
    GRAND_TOTAL_RE,
    Column,
)
from pipeline.provenance import Place


def check_category_headings(table: BudgetTable) -> list[Issue]:
    """A heading row's amount against the lines under it (kind line_sum)."""
    issues: list[Issue] = []
    heading: BudgetEntry | None = None
    under: list[BudgetEntry] = []
    for entry in [*table.entries, None]:
        if entry is None or entry.heads_category is not None or entry.is_total:
            stated = heading.line_total() if heading is not None else None
            if heading is not None and stated is not None:
                expected = sum_amounts(e.line_total() for e in under)
                if not same_amount(expected, stated):
                    issues.append(Issue(
                        FindingKind.LINE_SUM,
                        f"หมวด '{clean_text(heading.item)}' = {baht(stated)}"
                        f" แต่ผลรวมรายการในหมวด = {baht(expected)}",
                        expected=expected, actual=stated, source_page=heading.page,
                        expected_at=_lines_place(under, Column.TOTAL),
                        actual_at=heading.place_of(Column.TOTAL),
                    ))
            heading = entry if entry is not None and entry.heads_category else None
            under = []
        else:
            under.append(entry)
    return issues


# -- checks ---------------------------------------------------------------------------


def unmapped_column_issues(table: BudgetTable) -> list[Issue]:
    """Each money column no evidence explains, with its sum over the lines."""
    page = next((e.page for e in table.entries if e.page is not None), None)
    return [unmapped_column_issue(
        spec, sum_amounts(e.by_column.get(spec.index) for e in table.entries if not e.is_total),
        page, "budget_amounts") for spec in table.specs if spec.role is Column.MONEY]


def check_rows(table: BudgetTable) -> list[Issue]:
    """Each row's categories against its subtotal and total, its funding sources and
    quarters against its total, quantity x unit price against its amount."""
    issues: list[Issue] = check_split_rows(table) + check_unit_prices(table)
    for entry in table.entries:
        categories = entry.categories_sum()
        subtotal = entry.get(Column.AMOUNT)
        if Column.AMOUNT in entry.amounts and categories is not None and subtotal is not None \
                and categories != subtotal:
            issues.append(_row_issue(entry, "ผลรวมหมวดรายจ่าย", "เงินงบประมาณ", categories,
                                     subtotal, Column.AMOUNT))
        total = entry.get(Column.TOTAL)
        if Column.TOTAL not in entry.amounts or total is None:
            continue
        in_budget = categories if categories is not None else subtotal
        parts = [v for v in (in_budget, entry.get(Column.OFF_BUDGET)) if v is not None]
        if parts and sum(parts, Decimal(0)) != total:
            issues.append(_row_issue(entry, "ผลรวมหมวดรายจ่ายและเงินนอกงบประมาณ", "รวม",
                                     sum(parts, Decimal(0)), total, Column.TOTAL))
    return issues


def _row_issue(
    entry: BudgetEntry, what: str, column: str, expected: Decimal, actual: Decimal,
    role: Column,
) -> Issue:
    label = clean_text(entry.item)[:80] or "(ไม่มีชื่อรายการ)"
    return Issue(
        FindingKind.ROW_SUM,
        f"'{label}': {what} = {baht(expected)} แต่ช่อง{column} = {baht(actual)}",
        expected=expected,
        actual=actual,
        source_page=entry.page,
        expected_at=_addends_place(entry, role),
        actual_at=entry.place_of(role),
    )


def _addends_place(entry: BudgetEntry, role: Column) -> Place | None:
    """A row's category (and off-budget) cells that should add up to its `role` cell."""
    addends = [*CATEGORIES, Column.OFF_BUDGET] if role == Column.TOTAL else list(CATEGORIES)
    cells = [entry.cells[r] for r in addends if r in entry.cells and not entry.cells[r].is_empty]
    if not cells:
        return entry.place_of(Column.AMOUNT)
    return sum_place(cells) or entry.place


def _lines_place(lines: Sequence[BudgetEntry], role: Column) -> Place | None:
    """Where the lines a total closes print their `role` amounts."""
    return sum_place(e.cells[role] for e in lines if role in e.cells)


def check_split_rows(table: BudgetTable) -> list[Issue]:
    """Funding-source or quarter columns of a row against its total (kind row_sum)."""
    issues: list[Issue] = []
    for entry in table.entries:
        total = entry.get(Column.TOTAL)
        if total is None:
            continue
        for what, group in (("ผลรวมแหล่งเงิน", entry.funding), ("ผลรวมรายไตรมาส", entry.quarters)):
            if not group or all(v is None for v in group.values()):
                continue
            parts = sum_amounts(group.values())
            if parts is not None and parts != total:
                issues.append(_row_issue(entry, what, "รวม", parts, total, Column.TOTAL))
    return issues


def check_unit_prices(table: BudgetTable) -> list[Issue]:
    """Quantity x unit price against the line's amount (kind formula)."""
    issues: list[Issue] = []
    for entry in table.lines:
        if entry.quantity is None or entry.unit_price is None or entry.formula_value is not None:
            continue
        expected = entry.quantity * entry.unit_price
        amount = entry.line_total()
        if amount is None or amount == expected:
            continue
        issues.append(Issue(
            FindingKind.FORMULA,
            f"'{clean_text(entry.item)[:60]}': จำนวน {entry.quantity.normalize():f}"
            f" x ราคาต่อหน่วย {baht(entry.unit_price)} = {baht(expected)}"
            f" แต่จำนวนเงิน = {baht(amount)}",
            expected=expected,
            actual=amount,
            source_page=entry.page,
        ))
    return issues


def check_totals(table: BudgetTable) -> list[Issue]:
    """Each total row against the sum of the lines it closes (kind line_sum)."""
    issues: list[Issue] = []
    rows = [e for e in table.entries if e.heads_category is None]
    for closed in closed_lines(rows, lambda e: e.is_total,
                               lambda e: bool(GRAND_TOTAL_RE.search(compact(e.item)))):
        entry = closed.total
        for role in entry.amounts:
            stated = entry.get(role)
            sums = [sum_amounts(e.get(role) for e in lines) for lines in closed.candidates]
            if any(same_amount(s, stated) for s in sums):
                continue
            expected = closed.expected(sums)
            issues.append(
                Issue(
                    FindingKind.LINE_SUM,
                    f"แถว '{clean_text(entry.item)}' ช่อง{CATEGORY_NAMES.get(role, role.value)}"
                    f" = {baht(stated)} แต่ผลรวมรายการ = {baht(expected)}",
                    expected=expected,
                    actual=stated,
                    source_page=entry.page,
                    expected_at=_lines_place(closed.candidates[-1 if closed.grand else 0]
                                             if closed.candidates else [], role),
                    actual_at=entry.place_of(role),
                )
            )
        issues.extend(_column_total_issues(table, closed))
    return issues


def _column_total_issues(table: BudgetTable, closed: ClosedLines[BudgetEntry]) -> list[Issue]:
    """Total-row cells of funding, quarter and unmapped columns against their lines."""
    issues = []
    entry = closed.total
    for spec in table.specs:
        if not spec.is_money or spec.role in AMOUNT_ROLES:
            continue
        stated = entry.by_column.get(spec.index)
        if stated is None:
            continue
        sums = [sum_amounts(e.by_column.get(spec.index) for e in lines)
                for lines in closed.candidates]
        if any(same_amount(s, stated) for s in sums):
            continue
        expected = closed.expected(sums)
        issues.append(Issue(
            FindingKind.LINE_SUM,
            f"แถว '{clean_text(entry.item)}' ช่อง{spec.header or spec.role.value}"
            f" = {baht(stated)} แต่ผลรวมรายการ = {baht(expected)}",
            expected=expected, actual=stated, source_page=entry.page,
        ))
    return issues


def check_formulas(table: BudgetTable) -> list[Issue]:
    """A written formula ("๖0 คน x 18๐ x ๒ วัน") against the line's amount (kind formula)."""
    issues: list[Issue] = []
    for entry in table.lines:
        if entry.formula_value is None:
            continue
        amount = entry.line_total()
        if amount == entry.formula_value:
            continue
        # a costed item left without an amount is reported too: the table total omits it
        issues.append(
            Issue(
                FindingKind.FORMULA,
                f"สูตร '{entry.formula_text}' = {baht(entry.formula_value)}"
                + (f" แต่จำนวนเงิน = {baht(amount)}" if amount is not None
                   else " แต่รายการนี้ไม่มีจำนวนเงินในตาราง"),
                expected=entry.formula_value,
                actual=amount,
                source_page=entry.page,
                expected_at=_formula_place(entry),
                actual_at=entry.place_of(Column.TOTAL) if Column.TOTAL in entry.amounts
                else entry.place,
            )
        )
    return issues


def _formula_place(entry: BudgetEntry) -> Place | None:
    """The item cell, quoted by its formula."""
    if entry.place is None:
        return None
    return Place(page=entry.place.page, block=entry.place.block, bbox=entry.place.bbox,
                 quote=entry.formula_text)


def check_category_split(written: BudgetTable, table: BudgetTable) -> list[Issue]:
    """The category split a budget section writes in its text against the budget table's
    total (kind stated_vs_table)."""
    split_total, table_total = written.table_total(), table.table_total()
    if split_total is None or table_total is None or split_total == table_total:
        return []
    return [Issue(
        FindingKind.STATED_VS_TABLE,
        f"งบประมาณแยกตามหมวดในหัวข้องบประมาณ รวม {baht(split_total)}"
        f" แต่ตารางงบประมาณรวม {baht(table_total)}",
        expected=table_total, actual=split_total, source_page=written.lines[0].page,
        expected_at=table.table_total_place(),
    )]
