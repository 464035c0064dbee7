"""Ruled tables in a page image: the rectangles of their cells, and each cell's fill.

Rulings are long thin runs of ink: an opening with a long horizontal (then vertical) kernel
keeps them and wipes out text (`rulings`). Each connected set of rulings with both kinds
is a table; inside it, each white region enclosed by rulings is one cell, so a merged cell,
whose inner rulings are missing, is one big region: exactly the rectangles pdfplumber gives
for a text PDF, which `pdf_tables.ruled_tables` turns into a grid with spans. A region's
edges lie half a ruling's width inside the ruling, so each region is grown by that much.

A cell's fill is the median grey of its inside: text covers a small share of a cell, so
the median is the paper (white) or the shading (a Gantt month).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np

from pipeline.read.ocr.image import Grey

Box = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels

# A horizontal ruling is at least this share of the page width long, a vertical one this
# share of its height (a row of a short table is ~3%); text has no runs that long.
MIN_HORIZONTAL_SHARE: Final = 1 / 30
MIN_VERTICAL_SHARE: Final = 1 / 80
# Pixels darker than this are ink (rulings, text) once the page is binarised.
INK_LEVEL: Final = 170
# Gaps up to this many pixels in a ruling (JPEG, scan noise) are bridged.
BRIDGE_PX: Final = 3
# Regions smaller than this (pixels, either side) are ruling crossings, not cells.
MIN_CELL_PX: Final = 6
MIN_TABLE_CELLS: Final = 2
# Half the width of a ruling once dilated (pixels): neighbouring regions are this far from
# the ruling's middle (the grid code merges edges that close).
RULING_HALF_WIDTH_PX: Final = 2
# A table's box reaches this many pixels past its grid (the rulings' middles): their width.
RULING_MARGIN_PX: Final = 3
# A cell's inside, for its fill: its region less this many pixels on each side.
FILL_INSET_PX: Final = 3
# A median grey at or above this is paper; darker is shading.
PAPER_GREY: Final = 232


@dataclass(frozen=True)
class FoundTable:
    """One ruled table: its box, its cells' rectangles on the rulings' middles (the grid)
    and the same cells' insides, rulings excluded (what is read), in pixels."""

    box: Box
    cells: list[Box]
    insides: list[Box]


def _grid_box(cells: list[Box], rulings_box: Box) -> Box:
    """The table's box: its cells' grid widened by a ruling's width (RULING_MARGIN_PX),
    within the box of its rulings. The rulings' component can reach past the grid: a bold
    heading just above a table, bridged into a long stroke, passes for a ruling joined to
    the table's, and blanking that box cut the heading's letters off (scanned
    split-budget-table: "ยุทธศาสตร์ที่ 1 ..." read as debris, its strategy lost)."""
    x0, y0, x1, y1 = rulings_box
    return (max(x0, min(c[0] for c in cells) - RULING_MARGIN_PX),
            max(y0, min(c[1] for c in cells) - RULING_MARGIN_PX),
            min(x1, max(c[2] for c in cells) + RULING_MARGIN_PX),
            min(y1, max(c[3] for c in cells) + RULING_MARGIN_PX))


def rulings(pixels: Grey) -> tuple[Grey, Grey]:
    """Masks (255 = ruling) of the horizontal and the vertical rulings."""
    ink = np.asarray(pixels < INK_LEVEL, dtype=np.uint8) * 255
    height, width = ink.shape
    long_x = max(10, round(width * MIN_HORIZONTAL_SHARE))
    long_y = max(10, round(height * MIN_VERTICAL_SHARE))
    bridge_x = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((1, BRIDGE_PX), np.uint8))
    bridge_y = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, np.ones((BRIDGE_PX, 1), np.uint8))
    horizontal = cv2.morphologyEx(bridge_x, cv2.MORPH_OPEN, np.ones((1, long_x), np.uint8))
    vertical = cv2.morphologyEx(bridge_y, cv2.MORPH_OPEN, np.ones((long_y, 1), np.uint8))
    return np.asarray(horizontal, np.uint8), np.asarray(vertical, np.uint8)


def find_tables(pixels: Grey) -> list[FoundTable]:
    """The page's ruled tables, top to bottom."""
    horizontal, vertical = rulings(pixels)
    lines = np.asarray(cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8)),
                       dtype=np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    tables: list[FoundTable] = []
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index, :4])
        if not (horizontal[y:y + h, x:x + w].any() and vertical[y:y + h, x:x + w].any()):
            continue
        insides = _insides(lines[y:y + h, x:x + w])
        if len(insides) >= MIN_TABLE_CELLS:
            cells = _snap(insides, x, y)
            insides = [(a + x, b + y, c + x, d + y) for a, b, c, d in insides]
            tables.append(FoundTable(_grid_box(cells, (x, y, x + w, y + h)), cells, insides))
    return sorted(tables, key=lambda t: t.box[1])


def _insides(lines: Grey) -> list[Box]:
    """The regions enclosed by rulings (coordinates in `lines`)."""
    inside = np.asarray(lines == 0, dtype=np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(inside, connectivity=4)
    height, width = inside.shape
    boxes: list[Box] = []
    for index in range(1, count):
        x, y, w, h = (int(v) for v in stats[index, :4])
        if x == 0 or y == 0 or x + w >= width or y + h >= height:
            continue  # open to the outside: not enclosed
        if w < MIN_CELL_PX or h < MIN_CELL_PX:
            continue
        boxes.append((x, y, x + w, y + h))
    return boxes


def _snap(boxes: list[Box], x0: int, y0: int) -> list[Box]:
    """Each region grown onto the middle of the rulings around it (half their width)."""
    grow = RULING_HALF_WIDTH_PX
    return [(x0 + left - grow, y0 + top - grow, x0 + right + grow, y0 + bottom + grow)
            for left, top, right, bottom in boxes]


def cell_fill(pixels: Grey, box: Box) -> str | None:
    """The cell's shading as "RRGGBB" grey, or None for paper."""
    x0, top, x1, bottom = box
    inner = pixels[top + FILL_INSET_PX + 1:bottom - FILL_INSET_PX,
                   x0 + FILL_INSET_PX + 1:x1 - FILL_INSET_PX]
    if inner.size == 0:
        return None
    level = int(np.median(inner))
    if level >= PAPER_GREY:
        return None
    return f"{level:02X}" * 3
