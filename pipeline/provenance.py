"""Where a value was printed: page, block, box and the text itself.

Every extracted row and every amount a finding compares carries one, so an auditor can
go from a row to the place in the document. `block` is a short string that stays the same
across runs and readers (see docs/DATA_CONTRACT.md, "Provenance"):

* ``table 12 row 3 col 4``: the 12th top-level table of the document, grid row 3 (header
  rows counted), grid column 4 (a merged cell is named by its first column), all 1-based;
  ``table 12 row 3`` names the whole row, ``table 12 rows 3-7 col 4`` a column's lines;
* ``paragraph 57``: the 57th paragraph of the document's running text (1-based, in reading
  order, outside tables).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.model import Bbox


@dataclass(frozen=True)
class Place:
    page: int | None = None
    block: str | None = None
    bbox: Bbox | None = None
    quote: str | None = None  # the printed text, as written (digits kept)


def table_block(table_no: int | None, row: int | None = None, col: int | None = None) -> str | None:
    """ "table T row R col C" from 0-based row and column indexes (None leaves them out)."""
    if table_no is None:
        return None
    text = f"table {table_no}"
    if row is not None:
        text += f" row {row + 1}"
    if col is not None:
        text += f" col {col + 1}"
    return text


def table_rows_block(table_no: int | None, rows: Iterable[int], col: int | None = None
                     ) -> str | None:
    """ "table T rows R1-R2 col C": the rows (0-based) a sum runs over."""
    indexes = sorted(set(rows))
    if table_no is None or not indexes:
        return None
    if len(indexes) == 1:
        return table_block(table_no, indexes[0], col)
    text = f"table {table_no} rows {indexes[0] + 1}-{indexes[-1] + 1}"
    return text + (f" col {col + 1}" if col is not None else "")


def paragraph_block(paragraph_no: int | None) -> str | None:
    return None if paragraph_no is None else f"paragraph {paragraph_no}"


def union_bbox(boxes: Iterable[Bbox | None]) -> Bbox | None:
    """The box around all given boxes (None when there is none)."""
    found = [b for b in boxes if b is not None]
    if not found:
        return None
    return (min(b[0] for b in found), min(b[1] for b in found),
            max(b[2] for b in found), max(b[3] for b in found))
