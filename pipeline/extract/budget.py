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
from typing import cast

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.audit.sums import ClosedLines, closed_lines, same_amount
from pipeline.extract.lists import PackedEntries, split_packed, strip_marker, values_by_line
from pipeline.extract.roles import (
    CATEGORY_ROLES,
    MONEY_ROLES,
    ColumnSpec,
    budget_columns,
    category_key,
    funding_key,
    split_quantity,
)
from pipeline.extract.tables import BodyRow, CellText, TableView, sum_place
from pipeline.extract.vocab import (
    CATEGORY_HEADINGS,
    CATEGORY_PREFIXES,
    GRAND_TOTAL_RE,
    TOTAL_LABEL_RE,
    Column,
)
from pipeline.normalize.formulas import find_formula
from pipeline.normalize.numbers import parse_amount, sum_amounts
from pipeline.normalize.text import clean_text, compact
from pipeline.provenance import Place

CATEGORIES = CATEGORY_ROLES
# Roles whose amounts are kept per row by role; the others (funding sources, quarters,
# unmapped money) are kept per column in `BudgetEntry.by_column`.
AMOUNT_ROLES = (*CATEGORIES, Column.OFF_BUDGET, Column.TOTAL, Column.AMOUNT)
CATEGORY_NAMES = {
    Column.COMPENSATION: "ค่าตอบแทน",
    Column.OPERATING: "ค่าใช้สอย",
    Column.MATERIALS: "ค่าวัสดุ",
    Column.UTILITIES: "ค่าสาธารณูปโภค",
    Column.EQUIPMENT: "ค่าครุภัณฑ์",
    Column.CONSTRUCTION: "ค่าที่ดินและสิ่งก่อสร้าง",
    Column.OTHER_EXPENSE: "ค่าใช้จ่ายอื่น",
    Column.OFF_BUDGET: "เงินนอกงบประมาณ",
    Column.TOTAL: "รวม",
    Column.AMOUNT: "เงินงบประมาณ",
}


def budget_specs(view: TableView) -> list[ColumnSpec]:
    """Column specs of a budget table; a plain amount column is the total if none other is."""
    cached = view.specs.get("budget")
    if cached is not None:
        return cast(list[ColumnSpec], cached)
    specs = budget_columns(view)
    roles = [s.role for s in specs]
    if Column.TOTAL not in roles and Column.AMOUNT in roles:
        spec = specs[roles.index(Column.AMOUNT)]
        spec.role = Column.TOTAL
        spec.evidence.append("the amount column of a table without a total column")
    view.specs["budget"] = specs
    return specs


def budget_roles(view: TableView) -> list[Column]:
    roles = [s.role for s in budget_specs(view)]
    for c in view.month_columns:
        roles[c] = Column.MONTH
    return roles


def is_budget_table(view: TableView) -> bool:
    """A table of items with money: any money column beside an item column."""
    roles = budget_roles(view)
    if view.month_columns or Column.ITEM not in roles:
        return False
    return any(r in MONEY_ROLES for r in roles)


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


def parse_budget_table(view: TableView) -> BudgetTable:
    """Turn a budget table view into entries, then check rows, totals and formulas."""
    specs = budget_specs(view)
    roles = [s.role for s in specs]
    table = BudgetTable(roles=roles, specs=specs)
    for row in view.rows:
        if row.is_blank():
            continue
        table.entries.extend(_placed(_row_entries(row, specs, table.issues), row, roles))
    if table.categories_by_row:
        assign_row_categories(table)
        table.issues.extend(check_category_headings(table))
    table.issues.extend(unmapped_column_issues(table))
    table.issues.extend(check_rows(table))
    table.issues.extend(check_totals(table))
    table.issues.extend(check_formulas(table))
    return table


def _placed(entries: list[BudgetEntry], row: BodyRow, roles: Sequence[Column]
            ) -> list[BudgetEntry]:
    """The entries of one row, told where their cells are."""
    cells = _cells_by_role(row, roles)
    item = cells.get(Column.ITEM)
    place = item.place if item is not None and item.row is not None else row.place
    for entry in entries:
        entry.place, entry.cells = place, cells
        entry.column_cells = dict(enumerate(row.cells))
    return entries


def _cells_by_role(row: BodyRow, roles: Sequence[Column]) -> dict[Column, CellText]:
    cells: dict[Column, CellText] = {}
    for role, cell in zip(roles, row.cells, strict=False):
        if role in cells and not cell.is_empty and cells[role].is_empty:
            cells[role] = cell  # a second column of the same meaning fills an empty first
        else:
            cells.setdefault(role, cell)
    return cells


def _money_columns(specs: Sequence[ColumnSpec]) -> list[ColumnSpec]:
    return [s for s in specs if s.is_money]


def _row_entries(
    row: BodyRow, specs: Sequence[ColumnSpec], issues: list[Issue]
) -> list[BudgetEntry]:
    roles = [s.role for s in specs]
    cells = _cells_by_role(row, roles)
    label = _row_label(cells, roles)
    money = _money_columns(specs)
    if TOTAL_LABEL_RE.match(compact(label)):
        return [_single_entry(row, cells, money, label, is_total=True)]
    heading = category_heading(label) if not any(c in roles for c in CATEGORIES) else None
    if heading is not None:
        entry = _single_entry(row, cells, money, label, is_total=False)
        entry.heads_category = heading
        return [entry]
    k = max((len(values_by_line(row.cells[s.index].lines)) for s in money), default=0)
    if k > 1:
        packed = split_packed(cells.get(Column.ITEM, CellText()).lines, k)
        if packed is not None:
            return _packed_entries(row, cells, money, packed)
        issues.append(
            Issue(
                FindingKind.PACKED_ROW,
                f"แถว '{label[:60]}' มีจำนวนเงิน {k} บรรทัด แต่แยกรายการไม่ได้ จึงรวมเป็นรายการเดียว",
                source_page=row.page,
                at=row.place,
            )
        )
        return [_single_entry(row, cells, money, label, is_total=False)]
    entry = _single_entry(row, cells, money, label, is_total=False)
    if not entry.item and all(v is None for v in entry.by_column.values()):
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
    row: BodyRow,
    cells: dict[Column, CellText],
    money: Sequence[ColumnSpec],
    label: str,
    *,
    is_total: bool,
) -> BudgetEntry:
    values = {s.index: _cell_amount(row.cells[s.index]) for s in money}
    item_no = cells[Column.ITEM_NO].text if Column.ITEM_NO in cells else None
    entry = BudgetEntry(
        item=label,
        amounts={},
        page=row.page,
        item_no=None if is_total else (item_no or None),
        is_total=is_total,
    )
    _fill_amounts(entry, money, values)
    _fill_row_facts(entry, cells, row)
    _mark_used(row, values)
    _attach_formula(entry)
    return entry


def _fill_amounts(
    entry: BudgetEntry, money: Sequence[ColumnSpec], values: dict[int, Decimal | None]
) -> None:
    """Role amounts (same-role columns added), funding and quarter columns by column."""
    entry.by_column = dict(values)
    for spec in money:
        value = values.get(spec.index)
        if spec.role in AMOUNT_ROLES:
            previous = entry.amounts.get(spec.role)
            entry.amounts[spec.role] = value if spec.role not in entry.amounts else \
                sum_amounts([previous, value])
        elif spec.role is Column.QUARTER:
            entry.quarters[spec.index] = value
        elif spec.role is not Column.MONEY:
            entry.funding[spec.index] = value


def _fill_row_facts(entry: BudgetEntry, cells: dict[Column, CellText], row: BodyRow) -> None:
    """Quantity, unit, unit price, and a category or funding source named in a cell."""
    if Column.QUANTITY in cells:
        entry.quantity, unit = split_quantity(cells[Column.QUANTITY].text)
        entry.unit = unit
    if Column.UNIT_WORD in cells and cells[Column.UNIT_WORD].text:
        entry.unit = cells[Column.UNIT_WORD].text
    if Column.UNIT_PRICE in cells:
        entry.unit_price = _cell_amount(cells[Column.UNIT_PRICE])
    _mark_used(row, {c: Decimal(0) for c, cell in enumerate(row.cells)
                     if cell is cells.get(Column.UNIT_PRICE) or cell is cells.get(
                         Column.QUANTITY)})
    if Column.CATEGORY_NAME in cells:
        entry.category = category_key(cells[Column.CATEGORY_NAME].text)
    if Column.SOURCE_NAME in cells:
        entry.source_key = funding_key(cells[Column.SOURCE_NAME].text)


def _mark_used(row: BodyRow, values: dict[int, Decimal | None]) -> None:
    row.used.update(c for c, v in values.items() if v is not None)


def _cell_amount(cell: CellText) -> Decimal | None:
    return sum_amounts(parse_amount(v) for v in values_by_line(cell.lines))


def _packed_entries(
    row: BodyRow,
    cells: dict[Column, CellText],
    money: Sequence[ColumnSpec],
    packed: PackedEntries,
) -> list[BudgetEntry]:
    k = len(packed.entries)
    columns = {s.index: [parse_amount(v) for v in values_by_line(row.cells[s.index].lines)]
               for s in money}
    total_col = next((s.index for s in money if s.role is Column.TOTAL), None)
    totals = _aligned(columns.get(total_col, []) if total_col is not None else [], k, None)
    numbers = values_by_line(cells[Column.ITEM_NO].lines) if Column.ITEM_NO in cells else []
    entries = []
    spread = {c: _aligned(values, k, totals) for c, values in columns.items()}
    for i, item in enumerate(packed.entries):
        entry = BudgetEntry(
            item=item,
            amounts={},
            page=row.page,
            item_no=numbers[i] if len(numbers) == k else None,
            group=packed.group,
        )
        _fill_amounts(entry, money, {c: values[i] for c, values in spread.items()})
        _fill_row_facts(entry, cells, row)
        _attach_formula(entry)
        entries.append(entry)
    _mark_used(row, {c: v for c, values in columns.items() for v in values if v is not None})
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


def category_heading(label: str) -> Column | None:
    """The category a heading row names ("2. ค่าใช้สอย", "หมวดค่าวัสดุ"), if it is one."""
    squeezed = compact(strip_marker(label)).removeprefix("หมวด").removeprefix("งบ")
    for role, pattern in CATEGORY_HEADINGS.items():
        if pattern.fullmatch(squeezed):
            return role
    return None


def category_of_item(item: str) -> Column | None:
    """The category an item's own name states ("ค่าตอบแทนวิทยากร ..." is ค่าตอบแทน)."""
    squeezed = compact(strip_marker(item))
    return next((role for role, word in CATEGORY_PREFIXES.items()
                 if squeezed.startswith(word)), None)


def assign_row_categories(table: BudgetTable) -> None:
    """Give each line the category of the heading row above it, else of its own name."""
    current: Column | None = None
    for entry in table.entries:
        if entry.heads_category is not None:
            current = entry.heads_category
            continue
        if entry.is_total:
            current = None
            continue
        role = entry.category or current or category_of_item(entry.item)
        if role is not None:
            entry.category = role
            entry.amounts[role] = entry.line_total()


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
    """A money column no evidence explains: its cells are kept in budget_amounts with
    dimension "other", and the auditor is told (kind unmapped_column)."""
    issues = []
    for spec in table.specs:
        if spec.role is not Column.MONEY:
            continue
        total = sum_amounts(e.by_column.get(spec.index) for e in table.entries
                            if not e.is_total)
        page = next((e.page for e in table.entries if e.page is not None), None)
        issues.append(Issue(
            FindingKind.UNMAPPED_COLUMN,
            f"คอลัมน์ '{spec.header or f'ที่ {spec.index + 1}'}' มีจำนวนเงินแต่ไม่ทราบความหมาย"
            f" (ผลรวม {baht(total)} บาท): เก็บไว้ใน budget_amounts มิติ other",
            actual=total,
            source_page=page,
        ))
    return issues


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
