"""Budget tables: items, category amounts, total rows, and their arithmetic checks.

Column meaning comes from the header (vocab.BUDGET_COLUMN_PATTERNS). A plain
"งบประมาณ" column is the line total when the table has no "รวม" column, otherwise the
in-budget subtotal (เงินงบประมาณ) beside an off-budget column. Rows packing several
items with amounts line by line are unpacked; totals are checked, never corrected.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.extract.lists import PackedEntries, split_packed, values_by_line
from pipeline.extract.tables import BodyRow, CellText, TableView
from pipeline.extract.vocab import (
    BUDGET_COLUMN_PATTERNS,
    GRAND_TOTAL_RE,
    TOTAL_LABEL_RE,
    Column,
)
from pipeline.normalize.formulas import find_formula
from pipeline.normalize.numbers import parse_amount, sum_amounts
from pipeline.normalize.text import clean_text, compact

CATEGORIES = (Column.COMPENSATION, Column.OPERATING, Column.MATERIALS)
AMOUNT_ROLES = (*CATEGORIES, Column.OFF_BUDGET, Column.TOTAL, Column.AMOUNT)
CATEGORY_NAMES = {
    Column.COMPENSATION: "ค่าตอบแทน",
    Column.OPERATING: "ค่าใช้สอย",
    Column.MATERIALS: "ค่าวัสดุ",
    Column.OFF_BUDGET: "เงินนอกงบประมาณ",
    Column.TOTAL: "รวม",
    Column.AMOUNT: "เงินงบประมาณ",
}


def budget_roles(view: TableView) -> list[Column]:
    """Column roles of a budget table; a plain amount column is the total if none other is."""
    roles = view.columns(BUDGET_COLUMN_PATTERNS)
    if Column.TOTAL not in roles and Column.AMOUNT in roles:
        roles[roles.index(Column.AMOUNT)] = Column.TOTAL
    return roles


def is_budget_table(view: TableView) -> bool:
    roles = budget_roles(view)
    if view.month_columns or Column.ITEM not in roles:
        return False
    has_category = any(r in roles for r in CATEGORIES)
    return has_category or Column.TOTAL in roles


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

    def get(self, role: Column) -> Decimal | None:
        return self.amounts.get(role)

    def categories_sum(self) -> Decimal | None:
        return sum_amounts(self.get(c) for c in CATEGORIES)

    def line_total(self) -> Decimal | None:
        """The row's total: its total cell, else its categories plus off-budget money."""
        if Column.TOTAL in self.amounts:
            return self.get(Column.TOTAL)
        parts = [self.categories_sum(), self.get(Column.OFF_BUDGET)]
        if parts[0] is None:
            parts[0] = self.get(Column.AMOUNT)
        return sum_amounts(parts)


@dataclass
class BudgetTable:
    roles: list[Column]
    entries: list[BudgetEntry] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @classmethod
    def combined(cls, tables: list[BudgetTable]) -> BudgetTable:
        """A project with several separate budget tables: totals add up across them."""
        if len(tables) == 1:
            return tables[0]
        return MultiBudgetTable(
            roles=[r for t in tables for r in t.roles],
            entries=[e for t in tables for e in t.entries],
            issues=[i for t in tables for i in t.issues],
            parts=tables,
        )

    @property
    def lines(self) -> list[BudgetEntry]:
        return [e for e in self.entries if not e.is_total]

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

    def category_total(self, role: Column) -> Decimal | None:
        if role not in self.roles:
            return None
        grand = self.grand_total
        if grand is not None:
            return grand.get(role)
        return sum_amounts(e.get(role) for e in self.lines)


@dataclass
class MultiBudgetTable(BudgetTable):
    parts: list[BudgetTable] = field(default_factory=list)

    def table_total(self) -> Decimal | None:
        return sum_amounts(part.table_total() for part in self.parts)

    def category_total(self, role: Column) -> Decimal | None:
        return sum_amounts(part.category_total(role) for part in self.parts)


def parse_budget_table(view: TableView) -> BudgetTable:
    """Turn a budget table view into entries, then check rows, totals and formulas."""
    roles = budget_roles(view)
    table = BudgetTable(roles=roles)
    for row in view.rows:
        if row.is_blank():
            continue
        table.entries.extend(_row_entries(row, roles, table.issues))
    table.issues.extend(check_rows(table))
    table.issues.extend(check_totals(table))
    table.issues.extend(check_formulas(table))
    return table


def _cells_by_role(row: BodyRow, roles: Sequence[Column]) -> dict[Column, CellText]:
    cells: dict[Column, CellText] = {}
    for role, cell in zip(roles, row.cells, strict=False):
        if role in cells and not cell.is_empty and cells[role].is_empty:
            cells[role] = cell  # a second column of the same meaning fills an empty first
        else:
            cells.setdefault(role, cell)
    return cells


def _row_entries(row: BodyRow, roles: Sequence[Column], issues: list[Issue]) -> list[BudgetEntry]:
    cells = _cells_by_role(row, roles)
    label = _row_label(cells, roles)
    amount_roles = [r for r in AMOUNT_ROLES if r in cells]
    if TOTAL_LABEL_RE.match(compact(label)):
        return [_single_entry(cells, amount_roles, label, row.page, is_total=True)]
    k = max((len(values_by_line(cells[r].lines)) for r in amount_roles), default=0)
    if k > 1:
        packed = split_packed(cells.get(Column.ITEM, CellText()).lines, k)
        if packed is not None:
            return _packed_entries(cells, amount_roles, packed, row.page)
        issues.append(
            Issue(
                FindingKind.PACKED_ROW,
                f"แถว '{label[:60]}' มีจำนวนเงิน {k} บรรทัด แต่แยกรายการไม่ได้ จึงรวมเป็นรายการเดียว",
                source_page=row.page,
            )
        )
        return [_single_entry(cells, amount_roles, label, row.page, is_total=False)]
    entry = _single_entry(cells, amount_roles, label, row.page, is_total=False)
    if not entry.item and all(v is None for v in entry.amounts.values()):
        return []
    return [entry]


def _row_label(cells: dict[Column, CellText], roles: Sequence[Column]) -> str:
    for role in (Column.ITEM, Column.ITEM_NO):
        if role in cells and not cells[role].is_empty:
            text = cells[role].text
            if role == Column.ITEM or TOTAL_LABEL_RE.match(compact(text)):
                return text
    return ""


def _single_entry(
    cells: dict[Column, CellText],
    amount_roles: Sequence[Column],
    label: str,
    page: int | None,
    *,
    is_total: bool,
) -> BudgetEntry:
    amounts = {role: _cell_amount(cells[role]) for role in amount_roles}
    item_no = cells[Column.ITEM_NO].text if Column.ITEM_NO in cells else None
    entry = BudgetEntry(
        item=label,
        amounts=amounts,
        page=page,
        item_no=None if is_total else (item_no or None),
        is_total=is_total,
    )
    _attach_formula(entry)
    return entry


def _cell_amount(cell: CellText) -> Decimal | None:
    return sum_amounts(parse_amount(v) for v in values_by_line(cell.lines))


def _packed_entries(
    cells: dict[Column, CellText],
    amount_roles: Sequence[Column],
    packed: PackedEntries,
    page: int | None,
) -> list[BudgetEntry]:
    k = len(packed.entries)
    columns = {role: [parse_amount(v) for v in values_by_line(cells[role].lines)]
               for role in amount_roles}
    totals = _aligned(columns.get(Column.TOTAL, []), k, None)
    numbers = values_by_line(cells[Column.ITEM_NO].lines) if Column.ITEM_NO in cells else []
    entries = []
    for i, item in enumerate(packed.entries):
        amounts = {role: _aligned(values, k, totals)[i] for role, values in columns.items()}
        entry = BudgetEntry(
            item=item,
            amounts=amounts,
            page=page,
            item_no=numbers[i] if len(numbers) == k else None,
            group=packed.group,
        )
        _attach_formula(entry)
        entries.append(entry)
    return entries


def _aligned(
    values: list[Decimal | None], k: int, totals: list[Decimal | None] | None
) -> list[Decimal | None]:
    """Spread a packed column's values over k items.

    With k values they align one to one. With fewer, each value goes to the item whose
    total it equals (a lone "27,600" in the materials column belongs to the item that
    costs 27,600), else they fill from the top.
    """
    if len(values) >= k:
        return values[:k]
    if totals and len(totals) == k:
        out: list[Decimal | None] = [None] * k
        free = list(range(k))
        matched = True
        for value in values:
            slot = next((i for i in free if totals[i] == value), None)
            if slot is None:
                matched = False
                break
            out[slot] = value
            free.remove(slot)
        if matched:
            return out
    return values + [None] * (k - len(values))


def _attach_formula(entry: BudgetEntry) -> None:
    formula = find_formula(entry.item) if not entry.is_total else None
    if formula is not None:
        entry.formula_text = formula.text
        entry.formula_value = formula.value


# -- checks ---------------------------------------------------------------------------


def check_rows(table: BudgetTable) -> list[Issue]:
    """Each row's categories against its subtotal and total (kind row_sum)."""
    issues: list[Issue] = []
    for entry in table.entries:
        categories = entry.categories_sum()
        subtotal = entry.get(Column.AMOUNT)
        if Column.AMOUNT in entry.amounts and categories is not None and subtotal is not None \
                and categories != subtotal:
            issues.append(_row_issue(entry, "ผลรวมหมวดรายจ่าย", "เงินงบประมาณ", categories,
                                     subtotal))
        total = entry.get(Column.TOTAL)
        if Column.TOTAL not in entry.amounts or total is None:
            continue
        in_budget = categories if categories is not None else subtotal
        parts = [v for v in (in_budget, entry.get(Column.OFF_BUDGET)) if v is not None]
        if parts and sum(parts, Decimal(0)) != total:
            issues.append(_row_issue(entry, "ผลรวมหมวดรายจ่ายและเงินนอกงบประมาณ", "รวม",
                                     sum(parts, Decimal(0)), total))
    return issues


def _row_issue(
    entry: BudgetEntry, what: str, column: str, expected: Decimal, actual: Decimal
) -> Issue:
    label = clean_text(entry.item)[:80] or "(ไม่มีชื่อรายการ)"
    return Issue(
        FindingKind.ROW_SUM,
        f"'{label}': {what} = {baht(expected)} แต่ช่อง{column} = {baht(actual)}",
        expected=expected,
        actual=actual,
        source_page=entry.page,
    )


def check_totals(table: BudgetTable) -> list[Issue]:
    """Each total row against the sum of the lines it closes (kind line_sum).

    A total closes the lines since the previous total; a total right after another
    total, or a grand total after subtotals, closes all lines of the table.
    """
    issues: list[Issue] = []
    segment: list[BudgetEntry] = []
    all_lines: list[BudgetEntry] = []
    seen_total = False
    for entry in table.entries:
        if not entry.is_total:
            segment.append(entry)
            all_lines.append(entry)
            continue
        grand = bool(GRAND_TOTAL_RE.search(compact(entry.item)))
        candidates = [segment] if segment else []
        if seen_total and (grand or not segment):
            candidates.append(all_lines)
        if not candidates:
            candidates = [all_lines]
        for role in entry.amounts:
            stated = entry.get(role)
            sums = [sum_amounts(e.get(role) for e in lines) for lines in candidates]
            if any(_same_amount(s, stated) for s in sums):
                continue
            expected = sums[-1] if grand else sums[0]
            issues.append(
                Issue(
                    FindingKind.LINE_SUM,
                    f"แถว '{clean_text(entry.item)}' ช่อง{CATEGORY_NAMES.get(role, role.value)}"
                    f" = {baht(stated)} แต่ผลรวมรายการ = {baht(expected)}",
                    expected=expected,
                    actual=stated,
                    source_page=entry.page,
                )
            )
        segment = []
        seen_total = True
    return issues


def _same_amount(a: Decimal | None, b: Decimal | None) -> bool:
    """Equal amounts; an empty total over empty or all-zero lines is not a mismatch."""
    if a is None or b is None:
        return (a or Decimal(0)) == (b or Decimal(0))
    return a == b


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
            )
        )
    return issues
