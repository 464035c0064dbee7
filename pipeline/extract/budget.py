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
from pipeline.audit.sums import closed_lines, same_amount
from pipeline.extract.lists import PackedEntries, split_packed, strip_marker, values_by_line
from pipeline.extract.tables import BodyRow, CellText, TableView, sum_place
from pipeline.extract.vocab import (
    BUDGET_COLUMN_PATTERNS,
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
    heads_category: Column | None = None  # a "2. ค่าใช้สอย" row heading the lines below
    place: Place | None = None  # the item's cell (else its row)
    cells: dict[Column, CellText] = field(default_factory=dict)  # the row's cells by role

    def place_of(self, role: Column) -> Place | None:
        """Where the amount of `role` is printed: its cell, else the row."""
        cell = self.cells.get(role)
        return cell.place if cell is not None and cell.row is not None else self.place

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
        return [e for e in self.entries if not e.is_total and e.heads_category is None]

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

    def table_total(self) -> Decimal | None:
        return sum_amounts(part.table_total() for part in self.parts)

    def table_total_place(self) -> Place | None:
        return None  # added up over separate tables: printed nowhere

    def category_total(self, role: Column) -> Decimal | None:
        return sum_amounts(part.category_total(role) for part in self.parts)


def parse_budget_table(view: TableView) -> BudgetTable:
    """Turn a budget table view into entries, then check rows, totals and formulas."""
    roles = budget_roles(view)
    table = BudgetTable(roles=roles)
    for row in view.rows:
        if row.is_blank():
            continue
        table.entries.extend(_placed(_row_entries(row, roles, table.issues), row, roles))
    if table.categories_by_row:
        assign_row_categories(table)
        table.issues.extend(check_category_headings(table))
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
    return entries


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
    heading = category_heading(label) if not any(c in roles for c in CATEGORIES) else None
    if heading is not None:
        entry = _single_entry(cells, amount_roles, label, row.page, is_total=False)
        entry.heads_category = heading
        return [entry]
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
                at=row.place,
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
        role = current or category_of_item(entry.item)
        if role is not None:
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


def check_rows(table: BudgetTable) -> list[Issue]:
    """Each row's categories against its subtotal and total (kind row_sum)."""
    issues: list[Issue] = []
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
    place = sum_place(cells)
    if place is None:
        return entry.place
    return Place(page=place.page, block=place.block, bbox=place.bbox,
                 quote=" + ".join(c.text for c in cells))


def _lines_place(lines: Sequence[BudgetEntry], role: Column) -> Place | None:
    """Where the lines a total closes print their `role` amounts."""
    return sum_place(e.cells[role] for e in lines if role in e.cells)


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
