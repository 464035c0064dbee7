"""Ruled tables of a PDF page as grids of cells with spans, text lines and shading.

pdfplumber's `find_tables` (lines strategy) gives each table as a list of cell rectangles,
a merged cell being one big rectangle because its inner rulings are missing. The distinct
x and y edges of those rectangles are the table's grid lines, so every rectangle becomes one
origin `Cell` with its row/column span, exactly what the DOCX reader builds from `gridSpan`
and `vMerge`. Text is not re-extracted per cell (a `crop()` per cell re-parses the page and
is slow): the page's glyph clusters are computed once and dropped into cells by position.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from pipeline.model import Cell, Table
from pipeline.read.pdf_paragraphs import Column, join_wrapped
from pipeline.read.pdf_text import Cluster, TextLine, text_lines

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom

TABLE_SETTINGS: Final[dict[str, Any]] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}
# Cell edges closer than this (points) are the same grid line.
GRID_TOLERANCE: Final = 2.0
# A cell is shaded when filled rectangles cover at least this share of its area.
MIN_FILL_COVERAGE: Final = 0.5
WHITE: Final = "FFFFFF"
# Cell padding larger than this (points) is not padding but an indented or centred line.
MAX_CELL_PADDING: Final = 8.0


@dataclass(frozen=True)
class CellEnds:
    first: TextLine
    last: TextLine
    column: Column


@dataclass
class PageTable:
    """A ruled table: column grid lines, origin cells and each row's page.

    Built from one page; when a continuation on the next page is joined to it, `bbox` and
    `last_page` become those of the last piece, so a further continuation can be checked.
    """

    page: int
    bbox: Bbox
    xs: list[float]
    n_rows: int
    cells: list[Cell] = field(default_factory=list)
    row_pages: list[int] = field(default_factory=list)
    # first and last visual line of each non-empty cell, by (row, col): what a row cut by
    # the page break is recognised and rejoined by
    ends: dict[tuple[int, int], CellEnds] = field(default_factory=dict)
    # the page of the last piece joined (its rows may all have been merged away)
    last_page: int = 0
    # every cell's box on this page with its fill, as found (joins do not update it): where
    # a tagged PDF's cells, known from its structure tree, look up their shading
    boxes: list[tuple[Bbox, str | None]] = field(default_factory=list)
    # read from a scan: its text may differ from a copy of it by OCR misreadings
    read_by_ocr: bool = False

    def __post_init__(self) -> None:
        self.last_page = self.last_page or self.page

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


    @property
    def top(self) -> float:
        return self.bbox[1]

    @property
    def bottom(self) -> float:
        return self.bbox[3]

    def to_table(self) -> Table:
        cells = sorted(self.cells, key=lambda c: (c.row, c.col))
        return Table(cells=cells, n_rows=self.n_rows, n_cols=self.n_cols,
                     row_pages=list(self.row_pages) or [self.page] * self.n_rows,
                     read_by_ocr=self.read_by_ocr)


def grid_lines(values: Sequence[float], tolerance: float = GRID_TOLERANCE) -> list[float]:
    """Distinct edge positions, positions within `tolerance` of each other merged."""
    lines: list[float] = []
    for value in sorted(values):
        if lines and value - lines[-1] <= tolerance:
            continue
        lines.append(value)
    return lines


def line_index(lines: Sequence[float], value: float) -> int:
    """Index of the grid line nearest to `value`."""
    i = bisect.bisect_left(lines, value)
    if i == len(lines) or (i > 0 and value - lines[i - 1] < lines[i] - value):
        i -= 1
    return i


@dataclass
class _CellBox:
    row: int
    col: int
    row_span: int
    col_span: int
    bbox: Bbox
    clusters: list[Cluster] = field(default_factory=list)


class _Grid:
    """One pdfplumber table mapped onto its grid, collecting the clusters that fall in it."""

    def __init__(self, boxes: Sequence[Bbox]) -> None:
        self.xs = grid_lines([v for b in boxes for v in (b[0], b[2])])
        self.ys = grid_lines([v for b in boxes for v in (b[1], b[3])])
        self.bbox: Bbox = (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])
        self.boxes: list[_CellBox] = []
        self._at: dict[tuple[int, int], _CellBox] = {}
        for b in sorted(boxes, key=lambda b: (b[1], b[0])):
            col, row = line_index(self.xs, b[0]), line_index(self.ys, b[1])
            col_end, row_end = line_index(self.xs, b[2]), line_index(self.ys, b[3])
            if (row, col) in self._at or col_end <= col or row_end <= row:
                continue
            box = _CellBox(row, col, row_end - row, col_end - col, b)
            self.boxes.append(box)
            for r in range(row, row_end):
                for c in range(col, col_end):
                    self._at.setdefault((r, c), box)

    def contains(self, x: float, y: float) -> bool:
        x0, top, x1, bottom = self.bbox
        return x0 <= x <= x1 and top <= y <= bottom

    def box_at(self, x: float, y: float) -> _CellBox | None:
        col = min(max(bisect.bisect_right(self.xs, x) - 1, 0), len(self.xs) - 2)
        row = min(max(bisect.bisect_right(self.ys, y) - 1, 0), len(self.ys) - 2)
        return self._at.get((row, col))


class TablePage(Protocol):
    """What tables are found on: a pdfplumber page, or `pdf_pdfium.GraphicsPage`."""

    @property
    def width(self) -> Any: ...

    @property
    def height(self) -> Any: ...

    @property
    def rects(self) -> Any: ...

    def find_tables(self, table_settings: Any = ...) -> Any: ...


def page_tables(
    page: TablePage, page_number: int, clusters: Sequence[Cluster]
) -> tuple[list[PageTable], list[Cluster]]:
    """The page's ruled tables with their cell text, and the clusters outside every table.

    A cluster is placed by `Cluster.placement`: a glyph clipped away belongs to the cell
    whose clipping box it was drawn in.
    """
    cell_boxes = [t.cells for t in page.find_tables(TABLE_SETTINGS) if t.cells]
    return ruled_tables(cell_boxes, page_number, clusters, lambda: filled_rects(page.rects))


def ruled_tables(
    cell_boxes: Sequence[Sequence[Bbox]],
    page_number: int,
    clusters: Sequence[Cluster],
    fills: Callable[[], Sequence[tuple[Bbox, str]]],
) -> tuple[list[PageTable], list[Cluster]]:
    """Tables from each table's cell rectangles (a merged cell is one big rectangle), with
    the clusters dropped into them, and the clusters outside every table.

    Shared by the text-PDF path (rectangles from pdfplumber's rulings) and the OCR path
    (rectangles found in the page image); `fills` is asked only when there are tables.
    """
    grids = [_Grid(boxes) for boxes in cell_boxes if boxes]
    grids = [g for g in grids if len(g.xs) > 1 and len(g.ys) > 1]
    outside: list[Cluster] = []
    for cluster in clusters:
        place = cluster.placement
        if place is None:
            continue
        grid = next((g for g in grids if g.contains(*place)), None)
        box = grid.box_at(*place) if grid is not None else None
        if box is not None:
            box.clusters.append(cluster)
        elif not cluster.clipped:
            outside.append(cluster)  # clipped-away text outside tables is not shown
    if not grids:
        return [], outside
    shading = fills()
    tables = [_page_table(grid, page_number, shading) for grid in grids]
    return tables, outside


def _page_table(grid: _Grid, page_number: int, fills: Sequence[tuple[Bbox, str]]) -> PageTable:
    visual = [text_lines(box.clusters) for box in grid.boxes]
    # the cells' inner padding: the smallest distance of any line from its cell's left edge
    padding = min((line.x0 - box.bbox[0] for box, lines in zip(grid.boxes, visual, strict=True)
                   for line in lines), default=0.0)
    padding = min(max(padding, 0.0), MAX_CELL_PADDING)
    cells: list[Cell] = []
    ends: dict[tuple[int, int], CellEnds] = {}
    boxes: list[tuple[Bbox, str | None]] = []
    for box, lines in zip(grid.boxes, visual, strict=True):
        column = Column(box.bbox[0] + padding, box.bbox[2] - padding)
        fill = cell_fill(box.bbox, fills)
        cells.append(Cell(
            row=box.row,
            col=box.col,
            row_span=box.row_span,
            col_span=box.col_span,
            lines=tuple(block.text for block in join_wrapped(lines, column)),
            fill=fill,
            bbox=box.bbox,
        ))
        boxes.append((box.bbox, fill))
        if lines:
            ends[(box.row, box.col)] = CellEnds(lines[0], lines[-1], column)
    n_rows = len(grid.ys) - 1
    return PageTable(page=page_number, bbox=grid.bbox, xs=grid.xs, n_rows=n_rows, cells=cells,
                     row_pages=[page_number] * n_rows, ends=ends, boxes=boxes)


# -- shading ----------------------------------------------------------------------------


def colour_hex(colour: object) -> str | None:
    """A PDF fill colour (gray, RGB or CMYK components in 0..1) as "RRGGBB"."""
    if not isinstance(colour, tuple | list) or not all(
        isinstance(v, int | float) for v in colour
    ):
        return None
    values = [min(max(float(v), 0.0), 1.0) for v in colour]
    if len(values) == 1:
        rgb = values * 3
    elif len(values) == 3:
        rgb = values
    elif len(values) == 4:
        c, m, y, k = values
        rgb = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    else:
        return None
    return "".join(f"{round(v * 255):02X}" for v in rgb)


def filled_rects(rects: Sequence[dict[str, Any]]) -> list[tuple[Bbox, str]]:
    """Rectangles painted with a non-white fill: cell shading (and borders drawn as rects)."""
    out: list[tuple[Bbox, str]] = []
    for rect in rects:
        if not rect.get("fill"):
            continue
        colour = colour_hex(rect.get("non_stroking_color"))
        if colour is None or colour == WHITE:
            continue
        out.append(((float(rect["x0"]), float(rect["top"]), float(rect["x1"]),
                     float(rect["bottom"])), colour))
    return out


def cell_fill(bbox: Bbox, fills: Sequence[tuple[Bbox, str]]) -> str | None:
    """The colour covering most of the cell, if it covers at least MIN_FILL_COVERAGE of it."""
    x0, top, x1, bottom = bbox
    area = (x1 - x0) * (bottom - top)
    if area <= 0:
        return None
    best: tuple[float, str] | None = None
    for (fx0, ftop, fx1, fbottom), colour in fills:
        w = min(x1, fx1) - max(x0, fx0)
        h = min(bottom, fbottom) - max(top, ftop)
        if w <= 0 or h <= 0:
            continue
        share = w * h / area
        if best is None or share > best[0]:
            best = (share, colour)
    return best[1] if best is not None and best[0] >= MIN_FILL_COVERAGE else None
