"""A tagged table's cells placed on their grid, spans checked against the rulings, shaded.

The structure tree lists a table's rows (``TR``) and each row's cells (``TD``/``TH``) in
order; ``RowSpan``/``ColSpan`` attributes say how far a merged cell reaches, and the cells are
placed as HTML places them (`tag_grid`). Not every producer writes those attributes: without
them a merged cell takes one column and every cell after it lands one column off. So when no
cell of a table carries a span, the grid is taken from the ruled cells its text is drawn in,
where there are some (`ruled_grid`): each cell takes the columns its ruled cell spans, and the
rows whose text lies inside that ruled cell; an empty cell where a merged cell above already
reaches is the producer's placeholder for the merge and is left out (the DOCX reader folds
Word's ``vMerge`` continuations the same way).

Shading is not in the tree either: each cell takes the fill of the ruled cell drawn where its
text is, or, for an empty cell (a shaded Gantt month), where its column's and its row's text
are (`shade`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from pipeline.model import Cell, Table
from pipeline.read.pdf_structure import ContentKey
from pipeline.read.pdf_tables import Bbox, grid_lines, line_index

Anchor = tuple[int, float, float]  # page, x, y: where a cell's first glyph is drawn
RuledCell = tuple[Bbox, str | None]  # a ruled cell's box on its page, and its fill
Place = tuple[int, int, int, int]  # row, col, row_span, col_span
BoxAt = Callable[[int, float, float], RuledCell | None]

# Ruled cells' edges this close (points) are one grid line (as `pdf_tables` snaps them).
EDGE_TOLERANCE: Final = 3.0


@dataclass(frozen=True)
class TaggedCell:
    """A ``TD``/``TH`` as the tree gives it: its row (``TR``) index, spans (1 when the
    producer wrote none), content, and where its text is drawn."""

    row: int
    row_span: int
    col_span: int
    has_spans: bool
    lines: tuple[str, ...]
    tables: tuple[Table, ...]
    keys: tuple[ContentKey, ...]
    anchor: Anchor | None
    ruled: RuledCell | None

    @property
    def is_empty(self) -> bool:
        return not any(line.strip() for line in self.lines) and not self.tables


def place_cells(cells: Sequence[TaggedCell], n_rows: int,
                box_at: BoxAt) -> tuple[list[Cell], int]:
    """The table's origin cells with their grid places and fills, and its column count."""
    places: Sequence[Place | None] = tag_grid(cells, n_rows)
    if not any(c.has_spans for c in cells):
        ruled = ruled_grid(cells, n_rows)
        if ruled is not None:
            places = ruled
    n_cols = max((p[1] + p[3] for p in places if p is not None), default=0)
    return shade(cells, places, box_at), n_cols


def tag_grid(cells: Sequence[TaggedCell], n_rows: int) -> list[Place | None]:
    """Places by the tree alone: each cell in the first free column of its row."""
    taken: set[tuple[int, int]] = set()
    places: list[Place | None] = []
    column: dict[int, int] = {}
    for cell in cells:
        c = column.get(cell.row, 0)
        while (cell.row, c) in taken:
            c += 1
        row_span = min(cell.row_span, n_rows - cell.row)
        taken.update(itertools.product(range(cell.row, cell.row + row_span),
                                       range(c, c + cell.col_span)))
        places.append((cell.row, c, row_span, cell.col_span))
        column[cell.row] = c + cell.col_span
    return places


def ruled_grid(cells: Sequence[TaggedCell], n_rows: int) -> list[Place | None] | None:
    """Places by the ruled cells the text is drawn in (None = a merge's placeholder, left
    out); None when some text lies outside ruled cells or the places overlap."""
    if any(c.anchor is not None and c.ruled is None for c in cells):
        return None
    boxes = [c.ruled[0] for c in cells if c.ruled is not None]
    if not boxes:
        return None
    xs = grid_lines([v for box in boxes for v in (box[0], box[2])], EDGE_TOLERANCE)
    row_points: dict[int, list[tuple[int, float]]] = {}
    for cell in cells:
        if cell.anchor is not None and cell.row_span == 1:
            row_points.setdefault(cell.row, []).append((cell.anchor[0], cell.anchor[2]))
    taken: set[tuple[int, int]] = set()
    places: list[Place | None] = []
    column: dict[int, int] = {}
    for cell in cells:
        r = cell.row
        if cell.ruled is not None and cell.anchor is not None:
            box, page = cell.ruled[0], cell.anchor[0]
            c0 = line_index(xs, box[0])
            c1 = max(c0 + 1, line_index(xs, box[2]))
            r1 = r + 1
            while r1 < n_rows and any(p == page and box[1] < y < box[3]
                                      for p, y in row_points.get(r1, ())):
                r1 += 1
        else:
            c0 = column.get(r, 0)
            if (r, c0) in taken and cell.is_empty:
                while (r, c0) in taken:
                    c0 += 1
                column[r] = c0
                places.append(None)  # the merged cell above reaches here
                continue
            c1, r1 = c0 + 1, r + 1
        spot = set(itertools.product(range(r, r1), range(c0, c1)))
        if spot & taken:
            return None
        taken |= spot
        places.append((r, c0, r1 - r, c1 - c0))
        column[r] = c1
    return places


def shade(cells: Sequence[TaggedCell], places: Sequence[Place | None],
          box_at: BoxAt) -> list[Cell]:
    """The placed cells, each with the fill of its ruled cell (see the module docstring)."""
    column_x: dict[int, float] = {}
    spread: dict[int, float] = {}  # columns only a spanning cell has text over
    row_y: dict[int, tuple[int, float]] = {}
    for cell, place in zip(cells, places, strict=True):
        if place is None or cell.anchor is None:
            continue
        page, x, y = cell.anchor
        if place[3] == 1:
            column_x.setdefault(place[1], x)
        elif cell.ruled is not None:
            for col, centre in _column_centres(cell.ruled[0], place[1], place[3]).items():
                spread.setdefault(col, centre)
        if place[2] == 1:
            row_y.setdefault(place[0], (page, y))
    column_x = spread | column_x
    out: list[Cell] = []
    for cell, place in zip(cells, places, strict=True):
        if place is None:
            continue
        row, col, row_span, col_span = place
        ruled = cell.ruled
        if cell.anchor is None and col in column_x and row in row_y:
            page, y = row_y[row]
            ruled = box_at(page, column_x[col], y)
        out.append(Cell(row=row, col=col, row_span=row_span, col_span=col_span,
                        lines=cell.lines, fill=ruled[1] if ruled is not None else None,
                        tables=cell.tables, bbox=ruled[0] if ruled is not None else None))
    return out


def _column_centres(box: Bbox, col: int, span: int) -> dict[int, float]:
    """Where the columns a spanning cell covers lie, taken as equal widths: a Gantt's year
    header over month columns whose own header row was lost (nothing else has text over
    them). Only a point to look the ruled cell up by, so unequal widths that keep each
    centre inside its column give the same cell."""
    width = (box[2] - box[0]) / span
    return {col + i: box[0] + (i + 0.5) * width for i in range(span)}
