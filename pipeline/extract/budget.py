"""Budget tables: items, category amounts, total rows (checked in audit/budget_checks).

Column meaning comes from the header (vocab.BUDGET_COLUMN_PATTERNS). A plain
"งบประมาณ" column is the line total when the table has no "รวม" column, otherwise the
in-budget subtotal (เงินงบประมาณ) beside an off-budget column. Rows packing several
items with amounts line by line are unpacked; totals are checked, never corrected.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import cast

from pipeline.audit.budget_checks import (
    check_category_headings,
    check_formulas,
    check_rows,
    check_totals,
    unmapped_column_issues,
)
from pipeline.audit.issues import FindingKind, Issue
from pipeline.extract.budget_model import AMOUNT_ROLES, CATEGORIES, BudgetEntry, BudgetTable
from pipeline.extract.lists import PackedEntries, split_packed, strip_marker, values_by_line
from pipeline.extract.roles import (
    MONEY_ROLES,
    ColumnSpec,
    budget_columns,
    category_key,
    funding_key,
    split_quantity,
)
from pipeline.extract.tables import BodyRow, CellText, TableView
from pipeline.normalize.formulas import find_formula
from pipeline.normalize.headers import category_heading as category_heading  # re-exported
from pipeline.normalize.numbers import parse_amount, sum_amounts
from pipeline.normalize.text import compact
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import (
    CATEGORY_PREFIXES,
    TOTAL_LABEL_RE,
    Column,
)


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


def parse_budget_table(view: TableView) -> BudgetTable:
    """Turn a budget table view into entries, then check rows, totals and formulas."""
    specs = budget_specs(view)
    roles = [s.role for s in specs]
    table = BudgetTable(roles=roles, specs=specs)
    for row in view.rows:
        if row.is_blank():
            continue
        table.entries.extend(_placed(_row_entries(row, specs, table.issues, view.vocabulary),
                                     row, roles))
    attach_detail_rows(table)
    if table.categories_by_row:
        assign_row_categories(table, view.vocabulary)
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
    row: BodyRow, specs: Sequence[ColumnSpec], issues: list[Issue],
    vocabulary: OfficeVocabulary = BUILT_IN,
) -> list[BudgetEntry]:
    roles = [s.role for s in specs]
    cells = _cells_by_role(row, roles)
    label = _row_label(cells, roles)
    money = _money_columns(specs)
    if TOTAL_LABEL_RE.match(compact(label)):
        return [_single_entry(row, cells, money, label, is_total=True,
                              vocabulary=vocabulary)]
    heading = category_heading(label, vocabulary) if not any(c in roles for c in CATEGORIES) \
        else None
    if heading is not None:
        entry = _single_entry(row, cells, money, label, is_total=False,
                              vocabulary=vocabulary)
        entry.heads_category = heading
        return [entry]
    k = max((len(values_by_line(row.cells[s.index].lines)) for s in money), default=0)
    if k > 1:
        packed = split_packed(cells.get(Column.ITEM, CellText()).lines, k)
        if packed is not None:
            return _packed_entries(row, cells, money, packed, vocabulary)
        issues.append(
            Issue(
                FindingKind.PACKED_ROW,
                f"แถว '{label[:60]}' มีจำนวนเงิน {k} บรรทัด แต่แยกรายการไม่ได้ จึงรวมเป็นรายการเดียว",
                source_page=row.page,
                at=row.place,
            )
        )
        return [_single_entry(row, cells, money, label, is_total=False,
                              vocabulary=vocabulary)]
    entry = _single_entry(row, cells, money, label, is_total=False, vocabulary=vocabulary)
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
    vocabulary: OfficeVocabulary = BUILT_IN,
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
    _fill_row_facts(entry, cells, row, vocabulary)
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


def _fill_row_facts(entry: BudgetEntry, cells: dict[Column, CellText], row: BodyRow,
                    vocabulary: OfficeVocabulary = BUILT_IN) -> None:
    """Quantity, unit, unit price, and a category or funding source named in a cell."""
    if Column.QUANTITY in cells:
        entry.quantity, unit = split_quantity(cells[Column.QUANTITY].text)
        entry.unit = unit
    if Column.UNIT_WORD in cells and cells[Column.UNIT_WORD].text:
        entry.unit = cells[Column.UNIT_WORD].text
    if Column.UNIT_PRICE in cells:
        entry.unit_price = _cell_amount(cells[Column.UNIT_PRICE])
    facts = [cells[r] for r in (Column.UNIT_PRICE, Column.QUANTITY) if r in cells]
    row.used.update(c for c, cell in enumerate(row.cells) if any(cell is f for f in facts))
    if Column.CATEGORY_NAME in cells:
        entry.category = category_key(cells[Column.CATEGORY_NAME].text, vocabulary)
    if Column.SOURCE_NAME in cells:
        entry.source_key = funding_key(cells[Column.SOURCE_NAME].text, vocabulary)


def _mark_used(row: BodyRow, values: dict[int, Decimal | None]) -> None:
    row.used.update(c for c, v in values.items() if v is not None)


def _cell_amount(cell: CellText) -> Decimal | None:
    return sum_amounts(parse_amount(v) for v in values_by_line(cell.lines))


def _packed_entries(
    row: BodyRow,
    cells: dict[Column, CellText],
    money: Sequence[ColumnSpec],
    packed: PackedEntries,
    vocabulary: OfficeVocabulary = BUILT_IN,
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
        _fill_row_facts(entry, cells, row, vocabulary)
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


def category_of_item(item: str, vocabulary: OfficeVocabulary = BUILT_IN) -> Column | None:
    """The category an item's own name states ("ค่าตอบแทนวิทยากร ..." is ค่าตอบแทน)."""
    squeezed = compact(strip_marker(item))
    own = next((role for word, role in vocabulary.category_names() if squeezed.startswith(word)),
               None)
    return own or next((role for role, word in CATEGORY_PREFIXES.items()
                        if squeezed.startswith(word)), None)


def attach_detail_rows(table: BudgetTable) -> None:
    """Rows that only cost out the line above them are part of that line.

    "1. ประชุมคณะทำงาน | 2,500" followed by a row "- ค่าอาหารกลางวัน 50 คน x 50 บาท" with
    no amount of its own is one item written over two rows, as other plans write it in one
    cell. Only when the arithmetic confirms it (the detail rows' formulas add up to the
    line's amount) are they joined; otherwise each stays a line and a costed row without
    an amount is reported, since the table's total may leave it out.
    """
    entries, joined = table.entries, []
    i = 0
    while i < len(entries):
        entry = entries[i]
        joined.append(entry)
        details = _detail_rows_after(entries, i)
        total = entry.line_total()
        if details and total is not None and sum(
                d.formula_value for d in details if d.formula_value is not None) == total:
            entry.item = "\n".join([entry.item, *(d.item for d in details)])
            entry.formula_text = " + ".join(d.formula_text for d in details if d.formula_text)
            entry.formula_value = total
            i += 1 + len(details)
        else:
            i += 1
    table.entries = joined


def _detail_rows_after(entries: Sequence[BudgetEntry], i: int) -> list[BudgetEntry]:
    """The amountless costed rows right after line i, if line i has an amount and no formula."""
    line = entries[i]
    if line.is_total or line.heads_category is not None or line.formula_value is not None:
        return []
    details = []
    for later in entries[i + 1:]:
        if later.is_total or later.heads_category is not None or later.formula_value is None \
                or any(v is not None for v in later.amounts.values()):
            break
        details.append(later)
    return details


def fold_lone_headings(table: BudgetTable) -> None:
    """A category heading with an amount and no item under it is itself a budget line.

    "- ค่าวัสดุ 7,500 บาท" followed by "- ค่าใช้สอย 5,000 บาท" (or by a total, or by nothing)
    splits the money by category without itemising it: the amount is the category's line,
    not a subtotal of lines that are missing (which would be a false line_sum finding).
    """
    entries = table.entries
    for i, entry in enumerate(entries):
        if entry.heads_category is None or entry.line_total() is None:
            continue
        following = entries[i + 1] if i + 1 < len(entries) else None
        if following is None or following.heads_category is not None or following.is_total:
            entry.category = entry.heads_category
            entry.heads_category = None


def assign_row_categories(table: BudgetTable, vocabulary: OfficeVocabulary = BUILT_IN) -> None:
    """Give each line the category of the heading row above it, else of its own name."""
    fold_lone_headings(table)
    current: Column | None = None
    for entry in table.entries:
        if entry.heads_category is not None:
            current = entry.heads_category
            continue
        if entry.is_total:
            current = None
            continue
        role = entry.category or current or category_of_item(entry.item, vocabulary)
        if role is not None:
            entry.category = role
            entry.amounts[role] = entry.line_total()


