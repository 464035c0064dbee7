"""Undo page breaks: tables and paragraphs continued on the next page become one again.

In the DOCX a long budget table is one table; in its PDF it is one table per page, perhaps
with the header row repeated, perhaps with a "(ต่อ)" title above the continuation, perhaps
with one row cut in two by the page break (LibreOffice and Word close the cut row with a
ruling on both pages, so the halves look like two rows). Likewise a paragraph running over
the page bottom is two paragraphs. This module puts the pieces back together:

* a table is continued when nothing but page furniture and "(ต่อ)" title lines lies
  between it and a table on the next page with the same column edges (one set may lack an
  edge the other has, e.g. under a merged header); the "(ต่อ)" titles go with the seam
  (left in place after the joined table, a title like "งบประมาณ (ต่อ)" would read as a
  new budget section);
* the continuation's leading rows that repeat the table's first rows (the repeated
  header; its text may be clipped short, and on a scan it may read a few letters
  differently) are dropped;
* a row is rejoined with the previous page's last row only when it is plainly its rest:
  the previous piece reaches the bottom of the page body, both rows have the same cells,
  none of the rest merged vertically (a cell merged down into the cut row may only have
  an empty rest), and either the continuation's first (number) column is empty
  while another cell has text, or every non-empty cell of it starts with the rest of a
  wrapped line (see `pdf_paragraphs.is_wrapped`), or its first cell does and the others
  only add list items ("-แบบรายงานผล"), or only its first cell has text while
  the row above has more, and its other cells are shaded exactly as above (a row cut
  between two paragraphs of its item; a Gantt row keeps its shaded months). Anything
  less certain stays a row;
* a paragraph ending at the page bottom is joined with the first paragraph of the next
  page when that one starts with the rest of a wrapped line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from pipeline.model import Cell
from pipeline.normalize.glyphs import read_alike
from pipeline.normalize.vocabulary.plan import CONTINUED_MARK
from pipeline.read.pdf_paragraphs import (
    LIST_MARKER_RE,
    Column,
    TextBlock,
    is_wrapped,
    join,
    separator,
)
from pipeline.read.pdf_tables import (
    CellEnds,
    PageTable,
    grid_lines,
    line_index,
)

FlowItem = tuple[int, TextBlock | PageTable]  # (physical page, item) in reading order

MAX_REPEATED_HEADER_ROWS: Final = 4
# A piece "reaches the page bottom" when it ends within this many points of the lowest
# content of any page (the bottom of the page body): about one line.
PAGE_BOTTOM_TOLERANCE: Final = 30.0
# Column edges of two pieces this close (points) are the same edge: pdfplumber snaps the
# rulings of all tables on a page together, which moves an edge by up to its snap distance.
JOIN_TOLERANCE: Final = 3.5


def join_across_pages(
    flow: Sequence[FlowItem], body_bottom: float, text_columns: dict[int, Column]
) -> list[FlowItem]:
    """The flow with continued tables and paragraphs merged into what they continue.

    `text_columns` gives the running-text column of each page (by page number).
    """
    out: list[FlowItem] = []
    for page, item in flow:
        if isinstance(item, PageTable):
            previous = _continued_table(out, page)
            if previous is not None and same_grid(previous.xs, item.xs) \
                    and _ends_where_the_page_did(previous, item, body_bottom, out):
                append_piece(previous, item, body_bottom)
                while not isinstance(out[-1][1], PageTable):
                    out.pop()  # the "(ต่อ)" title of a continuation that is no more
                continue
        elif out and _continues_paragraph(out[-1], page, item, body_bottom, text_columns):
            out[-1] = (out[-1][0], join(_block(out[-1][1]), item, text_columns[page - 1]))
            continue
        out.append((page, item))
    return out


def _block(item: TextBlock | PageTable) -> TextBlock:
    assert isinstance(item, TextBlock)
    return item


def _continues_paragraph(last: FlowItem, page: int, item: TextBlock, body_bottom: float,
                         text_columns: dict[int, Column]) -> bool:
    at_page, previous = last
    if not isinstance(previous, TextBlock) or at_page != page - 1 or at_page not in text_columns:
        return False
    if not (previous.joinable and item.joinable):
        return False
    if previous.bottom < body_bottom - PAGE_BOTTOM_TOLERANCE:
        return False
    return is_wrapped(previous.last, item.first, text_columns[at_page], same_page=False,
                      before=previous.text)


def _continued_table(out: Sequence[FlowItem], page: int) -> PageTable | None:
    """The table ending the previous page, if only "(ต่อ)" titles on `page` follow it."""
    for at_page, item in reversed(out):
        if isinstance(item, PageTable):
            return item if item.last_page == page - 1 else None
        if at_page != page or CONTINUED_MARK not in item.text.replace(" ", ""):
            return None
    return None


def _ends_where_the_page_did(previous: PageTable, piece: PageTable, body_bottom: float,
                             out: Sequence[FlowItem]) -> bool:
    """Whether the page break, not the table's end, stopped `previous`.

    A continued table fills its page down to the body bottom, short by at most the next
    row, which did not fit (rows are not split); a table that ends higher ended there, and
    the table on the next page is another one (a project's header form after the summary
    and a page break), however alike their column edges are. A "(ต่อ)" title says so
    outright.
    """
    if not isinstance(out[-1][1], PageTable):
        return True  # only "(ต่อ)" titles lie between (see _continued_table)
    first_row = [c.bbox for c in piece.cells if c.row == 0 and c.bbox is not None]
    next_row_height = max((bottom - top for _, top, _, bottom in first_row), default=0.0)
    return previous.bbox[3] >= body_bottom - PAGE_BOTTOM_TOLERANCE - next_row_height


def same_grid(a: Sequence[float], b: Sequence[float]) -> bool:
    """The same outer edges, and one set of column edges contains the other."""
    if abs(a[0] - b[0]) > JOIN_TOLERANCE or abs(a[-1] - b[-1]) > JOIN_TOLERANCE:
        return False
    return len(grid_lines([*a, *b], JOIN_TOLERANCE)) == max(len(a), len(b))


def append_piece(table: PageTable, piece: PageTable, body_bottom: float) -> None:
    """Add `piece` (the next page's part) to `table`, in place."""
    xs = grid_lines([*table.xs, *piece.xs], JOIN_TOLERANCE)
    table.cells = [_regrid(c, table.xs, xs) for c in table.cells]
    table.ends = _regrid_ends(table.ends, table.xs, xs, 0)
    cells = [_regrid(c, piece.xs, xs) for c in piece.cells]
    ends = _regrid_ends(piece.ends, piece.xs, xs, 0)
    table.xs = xs
    skip = repeated_header_rows(table.cells, cells, min(table.n_rows - 1, piece.n_rows),
                                read_twice=table.read_by_ocr or piece.read_by_ocr)
    cells = [replace(c, row=c.row - skip) for c in cells if c.row >= skip]
    ends = {(r - skip, c): e for (r, c), e in ends.items() if r >= skip}
    rows_left = piece.n_rows - skip
    reaches_bottom = table.bbox[3] >= body_bottom - PAGE_BOTTOM_TOLERANCE
    if rows_left > 0 and reaches_bottom and _merge_split_row(table, cells, ends):
        cells = [replace(c, row=c.row - 1) for c in cells if c.row > 0]
        ends = {(r - 1, c): e for (r, c), e in ends.items() if r > 0}
        rows_left -= 1
    offset = table.n_rows
    table.cells.extend(replace(c, row=c.row + offset) for c in cells)
    table.ends.update({(r + offset, c): e for (r, c), e in ends.items()})
    table.n_rows += rows_left
    table.row_pages.extend([piece.page] * rows_left)
    table.bbox = piece.bbox
    table.last_page = piece.page


def _regrid(cell: Cell, old: Sequence[float], new: Sequence[float]) -> Cell:
    col = line_index(new, old[cell.col])
    end = line_index(new, old[cell.col + cell.col_span])
    return replace(cell, col=col, col_span=max(1, end - col))


def _regrid_ends(ends: dict[tuple[int, int], CellEnds], old: Sequence[float],
                 new: Sequence[float], offset: int) -> dict[tuple[int, int], CellEnds]:
    return {(r + offset, line_index(new, old[c])): e for (r, c), e in ends.items()}


def _compact(cell: Cell) -> str:
    return "".join("".join(cell.lines).split())


def _same_header_row(first: Sequence[Cell], piece: Sequence[Cell], read_twice: bool) -> bool:
    if [(c.col, c.col_span, c.row_span) for c in first] != [
        (c.col, c.col_span, c.row_span) for c in piece
    ]:
        return False
    if not any(_compact(c) for c in piece):
        return False
    # a repeated header may be clipped to a shorter row height: its text is then a prefix
    if all(_compact(a).startswith(_compact(b)) and (_compact(b) or not _compact(a))
           for a, b in zip(first, piece, strict=True)):
        return True
    return read_twice and _reads_alike(first, piece)


def _reads_alike(first: Sequence[Cell], piece: Sequence[Cell]) -> bool:
    """Whether two rows are one text read twice by OCR (`glyphs.read_alike`): a scan's
    repeated header is read apart from the first one and comes out a few letters different;
    a data row under a header shares next to nothing with it."""
    return read_alike([_compact(c) for c in first], [_compact(c) for c in piece])


def repeated_header_rows(first: Sequence[Cell], piece: Sequence[Cell], limit: int, *,
                         read_twice: bool = False) -> int:
    """How many leading rows of `piece` repeat the leading rows of `first`; `read_twice`
    when either was read from a scan, so that a copy may read a little differently."""
    count = 0
    for row in range(min(limit, MAX_REPEATED_HEADER_ROWS)):
        a = sorted((c for c in first if c.row == row), key=lambda c: c.col)
        b = sorted((c for c in piece if c.row == row), key=lambda c: c.col)
        if not b or not _same_header_row(a, b, read_twice):
            break
        count = row + 1
    # never cut through a cell that spans across the cut
    while count and any(c.row < count < c.row + c.row_span for c in piece):
        count -= 1
    return count


def _merge_split_row(table: PageTable, cells: Sequence[Cell],
                     ends: dict[tuple[int, int], CellEnds]) -> bool:
    """Merge the piece's first row into the table's last row if it is its cut-off rest."""
    last = table.n_rows - 1
    above = sorted((c for c in table.cells if c.row + c.row_span - 1 == last),
                   key=lambda c: c.col)
    below = sorted((c for c in cells if c.row == 0), key=lambda c: c.col)
    if not above or [(c.col, c.col_span) for c in above] != [(c.col, c.col_span) for c in below]:
        return False
    if any(c.row_span != 1 for c in below) or above[0].is_empty:
        return False
    # a cell merged down into the cut row (a header's "กิจกรรม") must have nothing below
    if any(a.row_span != 1 and not b.is_empty for a, b in zip(above, below, strict=True)):
        return False
    if all(c.is_empty for c in below):
        return False
    wrapped = {b.col for a, b in zip(above, below, strict=True)
               if _wraps(table.ends.get((last, a.col)), ends.get((0, b.col)))}
    number_column_empty = below[0].col == 0 and below[0].is_empty
    all_wrapped = all(b.col in wrapped for b in below if not b.is_empty)
    # the first cell goes on mid-sentence; the others go on or add list items ("-แบบ...")
    first_goes_on = below[0].col in wrapped and all(
        b.col in wrapped or LIST_MARKER_RE.match(b.lines[0])
        for b in below[1:] if not b.is_empty)
    if not (number_column_empty or all_wrapped or first_goes_on
            or _rest_of_first_cell(above, below)):
        return False
    merged: dict[int, Cell] = {}
    for a, b in zip(above, below, strict=True):
        if b.col in wrapped and a.lines and b.lines:
            upper = table.ends[(last, a.col)]
            glue = separator(upper.last, ends[(0, b.col)].first, upper.column)
            lines = (*a.lines[:-1], a.lines[-1] + glue + b.lines[0], *b.lines[1:])
        else:
            lines = a.lines + b.lines
        merged[id(a)] = replace(a, lines=lines, fill=a.fill or b.fill)
        if (0, b.col) in ends:
            first = table.ends.get((last, a.col), ends[(0, b.col)])
            table.ends[(last, a.col)] = CellEnds(first.first, ends[(0, b.col)].last,
                                                 first.column)
    table.cells = [merged.get(id(c), c) for c in table.cells]
    return True


def _rest_of_first_cell(above: Sequence[Cell], below: Sequence[Cell]) -> bool:
    """The row was cut between two paragraphs of its first cell: the rest has text only
    there, while the row above has text or shading in other cells too, which the rest
    shows again only as the same shading (a Gantt row keeps its shaded months)."""
    first, rest = above[0], below[0]
    if first.is_empty or rest.is_empty or first.col != 0:
        return False
    if not any(not a.is_empty or a.fill is not None for a in above[1:]):
        return False
    return all(b.is_empty and b.fill == a.fill for a, b in zip(above[1:], below[1:], strict=True))


def _wraps(above: CellEnds | None, below: CellEnds | None) -> bool:
    if above is None or below is None:
        return False
    return is_wrapped(above.last, below.first, above.column, same_page=False)
