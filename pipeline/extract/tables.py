"""Read a table's header to learn what each column means, and view its body by meaning.

Plans put the same columns in any order, split header words over two rows
("เงินนอก" / "งบประมาณ"), and merge group headers over their sub-columns. So the header
rows are found by their vocabulary, each grid column gets the text of every header cell
above it (top to bottom), and that text is matched against `vocab` patterns.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

from pipeline.model import Bbox, Cell, Table
from pipeline.normalize import month_number, parse_period
from pipeline.normalize.glyphs import read_alike
from pipeline.normalize.numbers import parse_amount
from pipeline.normalize.text import (
    CACHE_MAX_LENGTH,
    CACHE_SIZE,
    clean_text,
    compact,
    to_arabic_digits,
)
from pipeline.normalize.vocabulary import THAI_MONTH_ABBREVIATIONS
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import (
    HEADER_WORDS,
    ITEM_HEADER_RE,
    TOTAL_ROW_RE,
    YEAR_IN_TEXT_RE,
    YEAR_LABEL_RE,
    Column,
)
from pipeline.provenance import Place, table_block, table_rows_block, union_bbox

MAX_HEADER_ROWS = 4
MAX_HEADER_CELL = 60  # a longer cell is body text, not a column header
MONEY_SIZED = 100  # a Gantt mark is never a number this large
MAX_TIME_LABEL = 20
MONTHS_A_YEAR = 12
MIN_TIME_COLUMNS = 3  # fewer month-like headers are not a Gantt chart
# Only used to tell whether a header names a month or quarter, never to place it in time.
REFERENCE_FISCAL_YEAR = 2563
# What may remain of a header cell once its known words are removed (punctuation, "(บาท)").
HEADER_RESIDUE_RE = re.compile(r"[\s()\[\]/.,:;\-–—*0-9๐-๙]+")


def is_year_label(text: str) -> bool:
    return bool(YEAR_LABEL_RE.match(compact(text)))


def is_month_label(text: str) -> bool:
    value = compact(text)
    return bool(value) and len(value) <= 12 and month_number(value) is not None


def is_header_text(text: str) -> bool:
    """True when a cell's text is made only of header vocabulary, months or years."""
    value = compact(text).lower()
    if not value:
        return True
    if is_time_label(value) or is_year_label(value):
        return True
    if parse_amount(value) is not None and not is_year_label(value):
        return False
    for word in HEADER_WORDS:
        value = value.replace(word, "")
    value = HEADER_RESIDUE_RE.sub("", value)
    return len(value) <= 2


def header_row_count(table: Table) -> int:
    """Number of leading rows that are header rows (0 when the table starts with data).

    Structure decides first: rows the source marks as repeated headers (or sets all in
    bold) at the top of the table. Then words: rows made only of header vocabulary. Then
    position against content: rows without any number above the first row that holds
    amounts, each with at least two filled cells (so a lone "1. ค่าตอบแทน" heading row
    under the header stays a body row). The largest of these readings wins, so an
    unknown header word never turns a header into data.
    """
    return max(header_row_readings(table).values())


def header_row_readings(table: Table) -> dict[str, int]:
    """The header rows each reading of `header_row_count` finds: "flagged" (repeated-header
    flag or bold), "vocabulary" (only header words), "above_amounts" (labels above the first
    row holding amounts)."""
    limit = min(MAX_HEADER_ROWS, table.n_rows)
    return {"flagged": _flagged_header_rows(table, limit),
            "vocabulary": _vocabulary_header_rows(table, limit),
            "above_amounts": _header_rows_above_amounts(table, limit)}


def _flagged_header_rows(table: Table, limit: int) -> int:
    count = 0
    for r in range(limit):
        cells = [c for c in table.origin_cells(r) if not c.is_empty]
        if not cells:
            break
        repeated = all(c.header for c in cells)
        # a bold row is a header only when it has the shape of one: several labels, no
        # numbers (a bold "ยุทธศาสตร์ที่ 1" row across the table, or a bold total, is data)
        bold = all(c.bold for c in cells) and len(cells) >= 2 and not _row_has_number(table, r)
        if not (repeated or bold):
            break
        count = r + 1
    if count == table.n_rows:
        return 0  # a table marked bold throughout says nothing
    return count


def _vocabulary_header_rows(table: Table, limit: int) -> int:
    count = 0
    for r in range(limit):
        texts = [c.text for c in table.origin_cells(r)]
        non_empty = [t for t in texts if t.strip()]
        if not non_empty or not all(is_header_text(t) for t in non_empty):
            break
        if TOTAL_ROW_RE.match(compact(non_empty[0])) and count > 0 and len(non_empty) > 1:
            break
        count = r + 1
    return count


def _header_rows_above_amounts(table: Table, limit: int) -> int:
    first_amount_row = next((r for r in range(table.n_rows) if _row_has_number(table, r)), None)
    if first_amount_row is None or first_amount_row == 0:
        return 0
    count = 0
    for r in range(min(limit, first_amount_row)):
        cells = [c for c in table.origin_cells(r) if not c.is_empty]
        if len(cells) < 2 or any(len(compact(c.text)) > MAX_HEADER_CELL for c in cells):
            break
        if TOTAL_ROW_RE.match(compact(cells[0].text)):
            break
        count = r + 1
    return count


def _row_has_number(table: Table, r: int) -> bool:
    """A cell of the row holds a number (an amount, a count, an item number), not a year
    label of a Gantt group header."""
    for cell in table.origin_cells(r):
        for line in cell.lines:
            value = compact(line)
            if value and not is_year_label(value) and parse_amount(value) is not None:
                return True
    return False


def column_header_parts(table: Table, n_header_rows: int) -> list[list[str]]:
    """Each grid column's header cells above it, top to bottom (a group header first)."""
    grid = table.grid()
    headers: list[list[str]] = []
    for c in range(table.n_cols):
        parts: list[str] = []
        for r in range(n_header_rows):
            cell = grid[r][c]
            if cell is None or cell.row != r:
                continue
            text = clean_text(cell.text)
            if text and text not in parts:
                parts.append(text)
        headers.append(parts)
    return headers


def column_header_texts(table: Table, n_header_rows: int) -> list[str]:
    """Each grid column's header: the texts of the header cells above it, top to bottom."""
    return [" ".join(parts) for parts in column_header_parts(table, n_header_rows)]


def classify(header: str, patterns: Iterable[tuple[re.Pattern[str], Column]]) -> Column:
    value = compact(header)
    if not value:
        return Column.UNKNOWN
    for pattern, column in patterns:
        if pattern.search(value):
            return column
    return Column.UNKNOWN


@dataclass
class CellText:
    """A body cell seen from one column: its lines, shading and page, and where it is
    (`block` such as "table 3 row 5 col 2", `bbox` on its page where the source has one)."""

    lines: tuple[str, ...] = ()
    fill: str | None = None
    page: int | None = None
    bbox: Bbox | None = None
    table_no: int | None = None  # the table's number in the document (1-based)
    row: int | None = None  # the origin cell's grid row and column (0-based)
    col: int | None = None

    @property
    def text(self) -> str:
        return clean_text("\n".join(self.lines))

    @property
    def block(self) -> str | None:
        return table_block(self.table_no, self.row, self.col)

    @property
    def place(self) -> Place:
        return Place(page=self.page, block=self.block, bbox=self.bbox, quote=self.text or None)

    @property
    def is_empty(self) -> bool:
        return not self.text


EMPTY = CellText()


@dataclass
class BodyRow:
    """One body row as a list of per-column cells (each origin cell in one column only)."""

    index: int
    cells: list[CellText]
    page: int | None
    table_no: int | None = None  # the table's number in the document (1-based)

    @property
    def block(self) -> str | None:
        return table_block(self.table_no, self.index)

    @property
    def place(self) -> Place:
        return Place(page=self.page, block=self.block)
    # columns whose amounts an extractor put in a dataset (for documents.money_coverage)
    used: set[int] = field(default_factory=set)

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def first_text(self) -> str:
        return next((t for t in self.texts() if t), "")

    def is_blank(self) -> bool:
        return all(c.is_empty and c.fill is None for c in self.cells)


@dataclass
class TableView:
    """A table's header meaning and its body rows, ready for the domain extractors."""

    table: Table
    n_header_rows: int
    headers: list[str]
    rows: list[BodyRow] = field(default_factory=list)
    header_parts: list[list[str]] = field(default_factory=list)
    # column specs per table kind ("budget", "summary"), computed once (extract.roles)
    specs: dict[str, Any] = field(default_factory=dict)
    month_columns: dict[int, TimeHeader] = field(default_factory=dict)
    table_no: int | None = None  # the table's number in the document (1-based)
    vocabulary: OfficeVocabulary = BUILT_IN  # the office's own header words, if any
    # what the plan extractor read the table as ("summary", "budget", "gantt", ...), in the
    # order it did, and the table this one continues (for `pipeline explain`)
    kinds: list[str] = field(default_factory=list)
    continues: int | None = None

    @property
    def n_cols(self) -> int:
        return len(self.headers)

    def header_key(self) -> tuple[str, ...]:
        return tuple(compact(h) for h in self.headers)

    def columns(self, patterns: Iterable[tuple[re.Pattern[str], Column]]) -> list[Column]:
        roles = [classify(h, patterns) for h in self.headers]
        for c in self.month_columns:
            roles[c] = Column.MONTH
        return roles


def view_table(table: Table, table_no: int | None = None,
               vocabulary: OfficeVocabulary = BUILT_IN) -> TableView:
    """Split a table into header and body; place every body cell in exactly one column.

    A cell spanning several columns is given to the item column it covers, if any (a
    merged "ที่ + กิจกรรม" cell holding "รวมทั้งสิ้น" is the row's label), else to its
    first column.
    """
    n_header = header_row_count(table)
    parts = column_header_parts(table, n_header)
    headers = [" ".join(p) for p in parts]
    view = TableView(table=table, n_header_rows=n_header, headers=headers, header_parts=parts,
                     table_no=table_no, vocabulary=vocabulary)
    view.month_columns = _month_columns(table, n_header)
    text_columns = {c for c, h in enumerate(headers) if ITEM_HEADER_RE.search(compact(h))}
    view.rows = [_body_row(table, r, text_columns, table_no)
                 for r in range(n_header, table.n_rows)]
    if view.month_columns and _holds_money(view, list(view.month_columns)):
        view.month_columns = {}  # ไตรมาส 1-4 columns of amounts: money by quarter, no Gantt
    return view


def _holds_money(view: TableView, columns: list[int]) -> bool:
    """Most filled cells of these columns are amounts and some are money-sized (a Gantt
    chart marked "1" or "/" is not)."""
    filled = amounts = money = 0
    for row in view.rows:
        for c in columns:
            text = row.cells[c].text
            if not text:
                continue
            filled += 1
            amount = parse_amount(text)
            if amount is not None:
                amounts += 1
                money += amount >= MONEY_SIZED or "," in text
    return filled > 0 and amounts >= 0.6 * filled and money > 0


def _body_row(table: Table, r: int, text_columns: set[int], table_no: int | None) -> BodyRow:
    cells = [EMPTY] * table.n_cols
    page = table.page_of_row(r)
    for cell in table.origin_cells(r):
        covered = range(cell.col, min(cell.col + cell.col_span, table.n_cols))
        target = next((c for c in covered if c in text_columns), cell.col)
        if target < table.n_cols:
            cells[target] = CellText(lines=cell.lines, fill=cell.fill, page=page,
                                     bbox=cell.bbox, table_no=table_no, row=r, col=cell.col)
        # a shaded merged cell shades every month it covers
        if cell.fill is not None:
            for c in covered:
                if c != target:
                    cells[c] = CellText(lines=(), fill=cell.fill, page=page, bbox=cell.bbox,
                                        table_no=table_no, row=r, col=cell.col)
    return BodyRow(index=r, cells=cells, page=page, table_no=table_no)


@dataclass(frozen=True)
class TimeHeader:
    """A schedule column: a month ("ต.ค."), a month with its year ("ต.ค. 62") or a
    fiscal quarter ("ไตรมาสที่ 1"); `year_be` comes from a group header above it."""

    text: str
    month: int | None
    year_be: int | None
    # the month the header reads when its run of months says otherwise (a scan's "ม.ค."
    # between ก.พ. and เม.ย.): `month` is then the run's (`months_in_sequence`)
    read_month: int | None = None


def is_time_label(text: str) -> bool:
    """A short header naming a month or a quarter, with or without a year (memoised:
    every stage that reads a table's header asks about the same cells)."""
    if len(text) > CACHE_MAX_LENGTH:
        return _is_time_label(text)
    return _is_time_label_cached(text)


def _is_time_label(text: str) -> bool:
    value = compact(text)
    if not value or len(value) > MAX_TIME_LABEL:
        return False
    if is_month_label(value):
        return True
    period = parse_period(text, REFERENCE_FISCAL_YEAR)
    return period is not None and len(period.months()) <= 3


_is_time_label_cached: Final = lru_cache(maxsize=CACHE_SIZE)(_is_time_label)


def _month_columns(table: Table, n_header: int) -> dict[int, TimeHeader]:
    """Columns headed by a month or quarter, with the year label of the group above."""
    grid = table.grid()
    months: dict[int, TimeHeader] = {}
    for c in range(table.n_cols):
        header: str | None = None
        year: int | None = None
        for r in range(n_header):
            cell: Cell | None = grid[r][c]
            if cell is None:
                continue
            text = compact(cell.text)
            if header is None and cell.col_span == 1 and is_time_label(text):
                header = clean_text(cell.text)
            elif is_year_label(text):
                year = _year_value(text)
            else:
                year = _year_in_text(text) if year is None else year
        if header is not None:
            months[c] = TimeHeader(header, month_number(compact(header)), year)
    months = {**_months_of_a_split_year(table, n_header, months), **months}
    if table.read_by_ocr:
        months = months_in_sequence(months)
    return months if len(months) >= MIN_TIME_COLUMNS else {}


def months_in_sequence(months: dict[int, TimeHeader]) -> dict[int, TimeHeader]:
    """Month columns side by side name consecutive months; a month header that breaks the
    run while the columns up to two on each side of it agree on the run (at least two of
    them) is read as the run's month, its own reading kept in `read_month`.

    For scans only: OCR loses the mark of "มี.ค." and reads "ม.ค.", a month of its own, so
    the marks under it moved two months back. A typed header is left as written.
    """
    def month_at(col: int) -> int | None:
        header = months.get(col)
        return header.month if header is not None else None

    out = dict(months)
    for col, header in months.items():
        if header.month is None:
            continue
        around = {offset: month_at(col + offset) for offset in (-2, -1, 1, 2)}
        known = {offset: month for offset, month in around.items() if month is not None}
        if len(known) < 2 or (around[-1] is None and around[1] is None):
            continue
        nearest = -1 if around[-1] is not None else 1
        expected = (known[nearest] - 1 - nearest) % MONTHS_A_YEAR + 1
        agree = all((expected - 1 + offset) % MONTHS_A_YEAR + 1 == month
                    for offset, month in known.items())
        if agree and expected != header.month:
            out[col] = TimeHeader(header.text, expected, header.year_be, header.month)
    return out


def _months_of_a_split_year(table: Table, n_header: int, read: dict[int, TimeHeader]
                            ) -> dict[int, TimeHeader]:
    """The month of each column under two year headers of consecutive years side by side
    that together span twelve columns, when the month headers themselves cannot be read.

    Such a header says the months by itself: twelve consecutive months, the first year's
    k columns its last k months (three: ต.ค.-ธ.ค. of a fiscal year; eight: พ.ค.-ธ.ค. of an
    academic year), the second year's the first 12-k. A scan loses month headers printed
    turned 90 degrees in their narrow columns (pdfium draws them as broken strokes even
    from the text PDF). Used only when some of the twelve columns have no month read and
    every month read agrees; else nothing is inferred. The months are given no year: the
    labels only have to follow each other, and on a scan their Thai digits may be misread
    ("ปี ๒๕๐2" for ๒๕๖๒), so the run is placed in time as an unlabelled one is
    (`schedule.month_dates`: in the plan's year).
    """
    groups = sorted({(cell.col, cell.col_span, _year_value(cell.text))
                     for row in table.grid()[:n_header] for cell in row
                     if cell is not None and cell.col_span > 1
                     and is_year_label(compact(cell.text))})
    for (col, span, year), (next_col, next_span, next_year) in itertools.pairwise(groups):
        if year is None or next_year != year + 1 or next_col != col + span \
                or span + next_span != MONTHS_A_YEAR:
            continue
        first_month = MONTHS_A_YEAR - span + 1
        inferred: dict[int, TimeHeader] = {}
        for i in range(MONTHS_A_YEAR):
            month = (first_month - 1 + i) % MONTHS_A_YEAR + 1
            inferred[col + i] = TimeHeader(THAI_MONTH_ABBREVIATIONS[month - 1], month, None)
        if all(c in read for c in inferred) or any(
                read[c].month != h.month for c, h in inferred.items() if c in read):
            continue
        return inferred
    return {}


def _year_value(text: str) -> int | None:
    match = YEAR_LABEL_RE.match(compact(text))
    if not match:
        return None
    value = int(to_arabic_digits(match.group(1)))
    return value + 2500 if value < 100 else value


def _year_in_text(text: str) -> int | None:
    match = YEAR_IN_TEXT_RE.search(text)
    return int(to_arabic_digits(match.group(1))) if match else None


def sum_place(cells: Iterable[CellText]) -> Place | None:
    """Where a computed sum's addends are: their rows in one column, boxed together on the
    first addend's page, quoted "a + b + c" (the sum itself is printed nowhere)."""
    found = [c for c in cells if c.row is not None and not c.is_empty]
    if not found:
        return None
    first = found[0]
    same = [c for c in found if c.table_no == first.table_no]
    col = first.col if all(c.col == first.col for c in same) else None
    on_page = [c.bbox for c in same if c.page == first.page]
    return Place(page=first.page,
                 block=table_rows_block(first.table_no, (c.row for c in same if c.row is not None),
                                        col),
                 bbox=union_bbox(on_page), quote=" + ".join(c.text for c in found))


def same_columns(a: TableView, b: TableView) -> bool:
    """Whether `b` continues `a`: the same header, or no header and the same grid width.
    A scanned table's header repeated after a page break reads a little differently each
    time ("ค่าวัสดุ" / "ค่าวัสดุ จ"): when either was read by OCR, headers alike enough
    (`glyphs.read_alike`) are the same header."""
    if a.n_cols != b.n_cols:
        return False
    if b.n_header_rows == 0:
        return True
    if a.header_key() == b.header_key():
        return True
    return (a.table.read_by_ocr or b.table.read_by_ocr) \
        and read_alike(a.header_key(), b.header_key())


def append_continuation(a: TableView, b: TableView) -> None:
    """Add the body rows of a continued table (its repeated header already dropped)."""
    a.rows.extend(b.rows)
    b.continues = a.table_no
