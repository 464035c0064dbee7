"""A table's arithmetic chooses among the confusable readings of OCR'd numbers.

Tesseract confuses some Thai digits with each other and with Latin look-alikes (๔/๕,
๖/๐/9, ๓/m, ๘/๕, ๗/๓), confidently, and the digit classifier is not always sure either.
A number the two read differently (an `UncertainReading`) is doubtful at the glyphs where
they differ; its candidate readings are both readings and the confusable swaps of those
glyphs. The table says which sums must close, from its structure and words only (never
from the values, which are what is in doubt):

* a total row ("รวม" in a text cell) closes each numeric column over the lines above it
  (the lines since the previous total, or all lines for a grand total: `closed_lines`);
* a category row (its text cell is a category heading, "ค่าใช้สอย", "2. ค่าตอบแทน",
  as the budget extractor recognises them: `category_heading`) with item rows under it
  that hold amounts is a subtotal: it closes each numeric column over those item rows
  (until the next category row or total row), and a total row counts the item rows, not
  the subtotal too (which would count the money twice, so such a table never closed).
  A category row whose column holds no item amounts under it is itself a line there;
* a total column ("รวม" in a header cell) closes each line over the amount columns
  directly left of it.

A subtotal is known by its category word and not by its amount equalling the rows under
it: the amounts are what is in doubt, and a sum found from them would close by design.

A row's own cost formula ("80 คน x 50 บาท" in its item, `stated_amounts`) states its line
amount, and so do its quantity and unit price columns (`unit_price_products`), but more
weakly: plans' formulas and unit prices are wrong often enough that the audit reports
them (kind `formula`), so this evidence never overrules the sums. It decides only among
the readings the sums leave: when several close them, or when no sum checks the cell.

Among the combinations of candidates of the doubtful cells a sum involves, the one that
closes every such sum is chosen when it is the only one; when several close and the cost
formulas and unit prices leave one of them, that one; otherwise the cells keep what was
read. Every outcome is recorded on the reading (`reason`), so each is an `ocr_uncertain`
finding quoting both readings, the one kept and why; nothing changes silently. Limits
(named below) bound the candidates per cell and the combinations per group of linked
cells; past them nothing is chosen and that is said.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

from pipeline.audit.sums import closed_lines
from pipeline.model import Cell, Document, Table, UncertainReading
from pipeline.normalize.formulas import Formula, find_formulas, find_rate_formulas
from pipeline.normalize.glyphs import upper_marks_optional
from pipeline.normalize.headers import category_heading, match_header, split_quantity
from pipeline.normalize.numbers import parse_amount
from pipeline.normalize.text import compact
from pipeline.normalize.vocabulary.plan import BUDGET_RULES, Column

# What the OCR may print for a glyph, both ways: Thai digits for each other, and the
# Latin glyphs tesseract prints for Thai ones (9 for ๖ or ๐, m for ๓).
CONFUSABLE: Final[dict[str, str]] = {
    "๔": "๕", "๕": "๔๘", "๘": "๕", "๖": "๐9", "๐": "๖9", "9": "๖๐",
    "๓": "m๗", "m": "๓", "๗": "๓",
}
# Candidate readings kept per doubtful cell (fewest swaps first).
MAX_CANDIDATES_PER_CELL: Final = 16
# Combinations tried for one group of doubtful cells linked by sums; past it, no choice.
MAX_COMBINATIONS: Final = 4096
TOTAL_WORD_RE: Final = re.compile("รวม")
GRAND_WORD_RE: Final = re.compile(upper_marks_optional("ทั้งสิ้น|ทั้งหมด"))  # marks lost too
# Columns of counts, prices and row numbers are not parts of a row's total.
NOT_AMOUNT_HEADER_RE: Final = re.compile("ที่|ลำดับ|จำนวน|หน่วย|ราคา|ข้อ|เดือน|ไตรมาส|ร้อยละ")
# A line's amount is in a column of money ("จำนวนเงิน (บาท)", "งบประมาณ"), never of unit
# prices, units, shares or periods ("ราคาต่อหน่วย (บาท)" names baht too).
NOT_LINE_AMOUNT_HEADER_RE: Final = re.compile("ราคา|หน่วย|ร้อยละ|เดือน|ไตรมาส")
MONEY_HEADER_RE: Final = re.compile("เงิน|งบประมาณ|บาท|รวม")

Position = tuple[int, int]  # (row, col) of an origin cell


@dataclass(frozen=True)
class Sum:
    """Cells whose amounts must add up to the amount of `total` (where, in words)."""

    parts: tuple[Position, ...]
    total: Position
    where: str


@dataclass(frozen=True)
class Stated:
    """A cell whose amount its row's cost formula gives (`value`; where, in words)."""

    cell: Position
    value: Decimal
    where: str

    def cells(self) -> set[Position]:
        return {self.cell}

    def agrees(self, chosen: Mapping[Position, Decimal]) -> bool:
        """Whether the amount chosen for the cell is the one stated."""
        return chosen.get(self.cell) == self.value


@dataclass(frozen=True)
class Product:
    """A row's quantity x unit price = its amount: each cell with its amount as read."""

    factors: tuple[tuple[Position, Decimal], ...]
    total: tuple[Position, Decimal]
    where: str

    def cells(self) -> set[Position]:
        return {self.total[0], *(p for p, _ in self.factors)}

    def agrees(self, chosen: Mapping[Position, Decimal]) -> bool:
        """Whether the product closes with the chosen amounts in place of those read."""
        product = Decimal(1)
        for position, read in self.factors:
            product *= chosen.get(position, read)
        return product == chosen.get(self.total[0], self.total[1])


Evidence = Stated | Product


@dataclass(frozen=True)
class Verdict:
    """What the arithmetic made of one doubtful cell: the reading kept and why."""

    read: str
    kept: str
    reason: str


def candidates(kept: str, other: str) -> list[str]:
    """The readings a doubtful number may stand for: the one kept, the other reading, and
    the confusable swaps of the glyphs where the two differ (every glyph that has a
    look-alike when they differ in length), fewest swaps first, only those that are
    numbers, at most `MAX_CANDIDATES_PER_CELL`."""
    if len(kept) == len(other):
        doubtful = [i for i, (a, b) in enumerate(zip(kept, other, strict=True)) if a != b]
    else:
        doubtful = [i for i, char in enumerate(kept) if char in CONFUSABLE]
    choices = [_glyph_choices(kept[i], other[i] if len(other) == len(kept) else "")
               for i in doubtful]
    out: list[str] = [kept]
    for combo in sorted(itertools.product(*choices),
                        key=lambda combo: sum(c != kept[i] for c, i in zip(combo, doubtful,
                                                                           strict=True))):
        chars = list(kept)
        for i, char in zip(doubtful, combo, strict=True):
            chars[i] = char
        reading = "".join(chars)
        if reading not in out and parse_amount(reading) is not None:
            out.append(reading)
    if other not in out and parse_amount(other) is not None:
        out.insert(1, other)
    return out[:MAX_CANDIDATES_PER_CELL]


def _glyph_choices(read: str, other: str) -> list[str]:
    """One doubtful glyph's readings: as read first, then the other reading and look-alikes."""
    alternatives = [c for c in dict.fromkeys(other + CONFUSABLE.get(read, "")) if c != read]
    return [read, *alternatives]


def table_sums(table: Table) -> list[Sum]:
    """The sums the table's structure says must close (see the module docstring)."""
    return _column_sums(table) + _row_sums(table)


def _amounts(table: Table) -> dict[Position, Decimal]:
    """Each cell's amount, where its text is one."""
    return {(c.row, c.col): amount for c in table.cells
            if (amount := parse_amount(c.text)) is not None}


def _column_sums(table: Table) -> list[Sum]:
    amounts = _amounts(table)
    by_row = _rows_of(table)
    def is_total(row: int) -> bool:
        return any(TOTAL_WORD_RE.search(compact(c.text)) for c in by_row[row]
                   if (c.row, c.col) not in amounts)
    def is_grand(row: int) -> bool:
        return any(GRAND_WORD_RE.search(compact(c.text)) for c in by_row[row])
    first_amount_row = min((row for row, _ in amounts), default=table.n_rows)
    rows = [r for r in sorted(by_row) if r >= first_amount_row]
    subtotals = _subtotal_sums(rows, by_row, amounts, is_total)
    subtotal_cells = {s.total for s in subtotals}
    out: list[Sum] = []
    for closed in closed_lines(rows, is_total, is_grand):
        lines = closed.candidates[0]
        for row, col in amounts:
            if row != closed.total:
                continue
            parts = tuple((r, col) for r in lines
                          if (r, col) in amounts and (r, col) not in subtotal_cells)
            if parts:
                out.append(Sum(parts, (row, col), f"column {col + 1} total in row {row + 1}"))
    return out + subtotals


def _rows_of(table: Table) -> dict[int, list[Cell]]:
    by_row: dict[int, list[Cell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, []).append(cell)
    return by_row


def _subtotal_sums(rows: Sequence[int], by_row: Mapping[int, Sequence[Cell]],
                   amounts: Mapping[Position, Decimal], is_total: Callable[[int], bool]
                   ) -> list[Sum]:
    """Each category row's amounts over the item rows under it (see the module docstring)."""
    out: list[Sum] = []
    for heading, items in _category_blocks(rows, by_row, amounts, is_total):
        for row, col in sorted(amounts):
            if row != heading:
                continue
            parts = tuple((r, col) for r in items if (r, col) in amounts)
            if parts:
                out.append(Sum(parts, (row, col),
                               f"column {col + 1} subtotal in row {row + 1}"))
    return out


def _category_blocks(rows: Sequence[int], by_row: Mapping[int, Sequence[Cell]],
                     amounts: Mapping[Position, Decimal], is_total: Callable[[int], bool]
                     ) -> list[tuple[int, list[int]]]:
    """Each category row with the rows under it up to the next category or total row."""
    blocks: list[tuple[int, list[int]]] = []
    for row in rows:
        if is_total(row):
            blocks.append((-1, []))  # closes the open block; dropped below
        elif any(category_heading(c.text) is not None for c in by_row[row]
                 if (c.row, c.col) not in amounts):
            blocks.append((row, []))
        elif blocks:
            blocks[-1][1].append(row)
    return [(heading, items) for heading, items in blocks if heading >= 0]


def _headers(table: Table, amounts: Mapping[Position, Decimal]) -> dict[int, str]:
    """Each column's header text: the rows above the first amount."""
    first_amount_row = min((row for row, _ in amounts), default=table.n_rows)
    return {c.col: compact(c.text) for c in table.cells if c.row < first_amount_row}


def _total_columns(headers: Mapping[int, str], amounts: Mapping[Position, Decimal]
                   ) -> list[int]:
    return [col for col, text in headers.items() if TOTAL_WORD_RE.search(text)
            and any(c == col for _, c in amounts)]


def _row_sums(table: Table) -> list[Sum]:
    amounts = _amounts(table)
    headers = _headers(table, amounts)
    total_cols = _total_columns(headers, amounts)
    out: list[Sum] = []
    for total_col in total_cols:
        part_cols = []
        for col in range(total_col - 1, -1, -1):
            if NOT_AMOUNT_HEADER_RE.search(headers.get(col, "")) or not any(
                    c == col for _, c in amounts):
                break
            part_cols.append(col)
        for row, col in amounts:
            if col != total_col:
                continue
            parts = tuple((row, c) for c in sorted(part_cols) if (row, c) in amounts)
            if parts:
                out.append(Sum(parts, (row, col), f"row {row + 1} total in column {col + 1}"))
    return out


def stated_amounts(table: Table) -> list[Stated]:
    """The line amount each row's cost formula gives, for the row's total-column cell, or
    its only amount cell in a money column (a row with several amounts and no total column
    names no line amount). A row whose text holds more than one product states none: an
    item costed in parts adds them, and its first product is not its amount."""
    amounts = _amounts(table)
    headers = _headers(table, amounts)
    total_cols = set(_total_columns(headers, amounts))
    out: list[Stated] = []
    for row, cells in sorted(_rows_of(table).items()):
        own = sorted(col for r, col in amounts
                     if r == row and _holds_line_amounts(headers.get(col, "")))
        target = [col for col in own if col in total_cols] or (own if len(own) == 1 else [])
        formulas = [f for c in cells if (c.row, c.col) not in amounts
                    for f in _cost_formulas(c.text)]
        if len(target) == 1 and len(formulas) == 1:
            out.append(Stated((row, target[0]), formulas[0].value,
                              f"the cost formula '{formulas[0].text}' in row {row + 1}"))
    return out


def unit_price_products(table: Table) -> list[Product]:
    """Quantity x unit price = amount for each row that fills the table's quantity and
    unit-price columns (the budget extractor's header rules name them) and its line-amount
    column: the rightmost "รวม" column, else the only amount column."""
    amounts = _amounts(table)
    roles = {col: match_header(text, BUDGET_RULES).role
             for col, text in _headers(table, amounts).items()}
    def columns(role: Column) -> list[int]:
        return sorted(col for col, r in roles.items() if r is role)
    def only(role: Column) -> int | None:
        return cols[0] if len(cols := columns(role)) == 1 else None
    quantity, price = only(Column.QUANTITY), only(Column.UNIT_PRICE)
    totals = columns(Column.TOTAL)
    amount = totals[-1] if totals else only(Column.AMOUNT)
    if quantity is None or price is None or amount is None:
        return []
    out: list[Product] = []
    for row, cells in sorted(_rows_of(table).items()):
        text = {c.col: c.text for c in cells}
        count = split_quantity(text.get(quantity, ""))[0]
        if count is not None and (row, price) in amounts and (row, amount) in amounts:
            out.append(Product((((row, quantity), count), ((row, price), amounts[row, price])),
                               ((row, amount), amounts[row, amount]),
                               f"quantity x unit price in row {row + 1}"))
    return out


def _holds_line_amounts(header: str) -> bool:
    """Whether a column with this header may hold line amounts (not row numbers, counts,
    unit prices, shares or periods)."""
    if NOT_LINE_AMOUNT_HEADER_RE.search(header):
        return False
    return bool(MONEY_HEADER_RE.search(header)) or not NOT_AMOUNT_HEADER_RE.search(header)


def _cost_formulas(text: str) -> list[Formula]:
    return find_formulas(text) or find_rate_formulas(text)


def closes(total: Decimal, parts: Iterable[Decimal]) -> bool:
    return sum(parts, Decimal(0)) == total


def settle(values: dict[Position, Decimal], doubtful: Mapping[Position, Sequence[str]],
           sums: Sequence[Sum], evidence: Sequence[Evidence] = ()) -> dict[Position, Verdict]:
    """For each doubtful cell, the reading the sums choose (the weaker `evidence`, cost
    formulas and unit prices, deciding among those the sums leave), or the one read and
    why not.

    `values` are the amounts as read, `doubtful` each doubtful cell's candidates (the one
    read first). Doubtful cells sharing a sum are settled together.
    """
    verdicts: dict[Position, Verdict] = {}
    for group in _linked_groups(doubtful, sums):
        verdicts.update(_settle_group(values, doubtful, group, sums, evidence))
    for position, readings in doubtful.items():
        if position not in verdicts:
            verdicts[position] = _settle_alone(
                position, readings, [e for e in evidence if position in e.cells()])
    return verdicts


def _settle_alone(position: Position, readings: Sequence[str], evidence: Sequence[Evidence]
                  ) -> Verdict:
    """A doubtful cell no sum checks: its row's cost formula or unit price alone may choose."""
    read = readings[0]
    if not evidence:
        return Verdict(read, read, "no sum of the table checks it; kept as read")
    fwhere = "; ".join(e.where for e in evidence)
    agreeing = [r for r in readings if _agrees(evidence, {position: r})]
    if len(agreeing) == 1:
        return Verdict(read, agreeing[0], _chosen(
            agreeing[0], read, f"the only reading that agrees with {fwhere} (no sum of the"
                               " table checks it)"))
    count = f"{len(agreeing)} readings agree" if agreeing else "no reading agrees"
    return Verdict(read, read,
                   f"no sum of the table checks it and {count} with {fwhere}; kept as read")


def _agrees(evidence: Sequence[Evidence], chosen: Mapping[Position, str]) -> bool:
    amounts = {p: amount for p, text in chosen.items()
               if (amount := parse_amount(text)) is not None}
    return len(amounts) == len(chosen) and all(e.agrees(amounts) for e in evidence)


def _chosen(chosen: str, read: str, why: str) -> str:
    return f"{chosen!r} chosen: {why}" if chosen != read else why


def _linked_groups(doubtful: Mapping[Position, Sequence[str]], sums: Sequence[Sum]
                   ) -> list[list[Position]]:
    """Doubtful cells grouped by the sums they share (connected components)."""
    group_of: dict[Position, int] = {}
    groups: list[set[Position]] = []
    for s in sums:
        cells = {p for p in (*s.parts, s.total) if p in doubtful}
        if not cells:
            continue
        joined = {group_of[p] for p in cells if p in group_of}
        merged = set(cells).union(*(groups[g] for g in joined))
        for g in joined:
            groups[g] = set()
        groups.append(merged)
        for p in merged:
            group_of[p] = len(groups) - 1
    return [sorted(g) for g in groups if g]


def _settle_group(values: dict[Position, Decimal], doubtful: Mapping[Position, Sequence[str]],
                  group: list[Position], sums: Sequence[Sum], evidence: Sequence[Evidence]
                  ) -> dict[Position, Verdict]:
    members = set(group)
    checks = [s for s in sums if members & {*s.parts, s.total}]
    where = "; ".join(s.where for s in checks)
    read = {p: doubtful[p][0] for p in group}
    combinations = 1
    for p in group:
        combinations *= len(doubtful[p])
    if combinations > MAX_COMBINATIONS:
        return {p: Verdict(read[p], read[p], f"{combinations} combinations of readings"
                           f" exceed the limit of {MAX_COMBINATIONS}; kept as read ({where})")
                for p in group}
    closing: list[dict[Position, str]] = []
    for combo in itertools.product(*(doubtful[p] for p in group)):
        chosen = dict(zip(group, combo, strict=True))
        trial = dict(values)
        trial.update({p: amount for p, text in chosen.items()
                      if (amount := parse_amount(text)) is not None})
        if all(closes(trial[s.total], (trial[p] for p in s.parts)) for s in checks):
            closing.append(chosen)
    if len(closing) == 1:
        chosen = closing[0]
        return {p: Verdict(read[p], chosen[p], _chosen(
                    chosen[p], read[p], f"the only reading with which the sums close ({where})"))
                for p in group}
    weaker = [e for e in evidence if e.cells() & members]
    agreeing = [c for c in closing if _agrees(weaker, c)]
    if len(closing) > 1 and weaker and len(agreeing) == 1:
        chosen = agreeing[0]
        fwhere = "; ".join(e.where for e in weaker)
        return {p: Verdict(read[p], chosen[p], _chosen(
                    chosen[p], read[p], f"{len(closing)} readings close the sums ({where});"
                                        f" of them only this one agrees with {fwhere}"))
                for p in group}
    if closing:
        options = " or ".join(repr(c[p]) for c in closing for p in group
                              if c[p] != read[p] or len(group) == 1)
        return {p: Verdict(read[p], read[p],
                           f"{len(closing)} readings close the sums ({options}): none"
                           f" chosen, kept as read ({where})") for p in group}
    return {p: Verdict(read[p], read[p],
                       f"no reading closes the sums; kept as read ({where})") for p in group}


def settle_document(document: Document, readings: Sequence[UncertainReading]
                    ) -> list[UncertainReading]:
    """Each table's doubtful numbers settled by its sums, cost formulas and unit prices:
    cells whose reading the arithmetic chose rewritten in the document, every reading
    returned with its reason."""
    out: list[UncertainReading] = []
    seen: set[int] = set()
    for table in document.tables():
        located = _locate(table, readings)
        if not located:
            continue
        doubtful = {p: candidates(r.kept, r.ocr if r.kept == r.classified else r.classified)
                    for p, r in located.items()}
        verdicts = settle(_amounts(table), doubtful, table_sums(table),
                          [*stated_amounts(table), *unit_price_products(table)])
        for position, reading in located.items():
            verdict = verdicts[position]
            if verdict.kept != verdict.read:
                _rewrite(table, position, verdict.read, verdict.kept)
            out.append(replace(reading, kept=verdict.kept, reason=verdict.reason))
            seen.add(id(reading))
    out.extend(r for r in readings if id(r) not in seen)
    return out


def _locate(table: Table, readings: Sequence[UncertainReading]
            ) -> dict[Position, UncertainReading]:
    """The table's cell holding exactly each doubtful reading kept on the cell's page; a
    reading that more than one cell holds is not located (which one was doubtful is not
    known) and keeps its plain finding."""
    holders: dict[int, list[Position]] = {}
    for cell in table.cells:
        page = table.row_pages[cell.row] if cell.row < len(table.row_pages) else None
        text = cell.text.strip()
        for index, reading in enumerate(readings):
            if reading.page == page and text == reading.kept:
                holders.setdefault(index, []).append((cell.row, cell.col))
    return {cells[0]: readings[index] for index, cells in holders.items()
            if len(cells) == 1}


def _rewrite(table: Table, position: Position, read: str, kept: str) -> None:
    for index, cell in enumerate(table.cells):
        if (cell.row, cell.col) == position:
            lines = tuple(line.replace(read, kept, 1) if line.strip() == read else line
                          for line in cell.lines)
            table.cells[index] = replace(cell, lines=lines)
