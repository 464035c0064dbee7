"""Shading of a tagged table's empty cells (`pdf_tagged_grid.shade`).

An empty cell has no text to find its ruled cell by, so it is looked up where its column's
and its row's text are. A Gantt whose month row was lost (only "พ.ศ. 2567" over eight month
columns and "พ.ศ. 2568" over four) has no text over any month column: the columns' places
come from the spanning year cell, and the shaded months are still found.
"""

from __future__ import annotations

from pipeline.read.pdf_tagged_grid import Bbox, Place, RuledCell, TaggedCell, shade

SHADED = "BFBFBF"
# Month columns 20 points wide from x = 100; rows 20 points high from y = 0.
MONTH_X0, WIDTH, HEIGHT = 100.0, 20.0, 20.0


def _cell(row: int, text: str, anchor: tuple[float, float] | None, ruled: Bbox | None,
          span: int = 1) -> TaggedCell:
    return TaggedCell(row=row, row_span=1, col_span=span, has_spans=True,
                      lines=(text,) if text else ("",), tables=(), keys=(),
                      anchor=(1, *anchor) if anchor is not None else None,
                      ruled=(ruled, None) if ruled is not None else None)


def _ruled_cells(shaded: set[tuple[int, int]]) -> list[RuledCell]:
    """Body row 1's twelve month cells, `shaded` ones filled."""
    return [((MONTH_X0 + m * WIDTH, HEIGHT, MONTH_X0 + (m + 1) * WIDTH, 2 * HEIGHT),
             SHADED if (1, m) in shaded else None) for m in range(12)]


def test_empty_months_under_spanning_years_take_their_ruled_cells_fill() -> None:
    boxes = _ruled_cells({(1, 6), (1, 7)})

    def box_at(page: int, x: float, y: float) -> RuledCell | None:
        return next(((box, fill) for box, fill in boxes
                     if box[0] <= x <= box[2] and box[1] <= y <= box[3]), None)

    cells = [_cell(0, "กิจกรรม", (10.0, 5.0), (0.0, 0.0, MONTH_X0, HEIGHT)),
             _cell(0, "พ.ศ. 2567", (130.0, 5.0), (MONTH_X0, 0.0, 260.0, HEIGHT), span=8),
             _cell(0, "พ.ศ. 2568", (280.0, 5.0), (260.0, 0.0, 340.0, HEIGHT), span=4),
             _cell(1, "ประชุม", (10.0, 25.0), (0.0, HEIGHT, MONTH_X0, 2 * HEIGHT)),
             *(_cell(1, "", None, None) for _ in range(12))]
    places: list[Place | None] = [(0, 0, 1, 1), (0, 1, 1, 8), (0, 9, 1, 4), (1, 0, 1, 1),
                                  *((1, 1 + m, 1, 1) for m in range(12))]
    out = shade(cells, places, box_at)
    assert [c.col - 1 for c in out if c.row == 1 and c.fill == SHADED] == [6, 7]
