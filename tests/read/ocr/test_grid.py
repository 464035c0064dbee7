"""A scanned table's box (pipeline/read/ocr/grid.py) is its cells' grid, not all the ink
its rulings' component reaches.

split-budget-table's scan: the bold heading "ยุทธศาสตร์ที่ 1 พัฒนาคุณภาพการจัดการศึกษา" sits
just above the summary table; bridged into a long stroke it passed for a ruling joined to
the table's, the table's box reached 32 px above its top ruling, and blanking that box
before reading the page's text cut the heading's letters off (its strategy name lost).
"""

from __future__ import annotations

import numpy as np

from pipeline.read.ocr.grid import RULING_MARGIN_PX, _grid_box, find_tables


def test_the_box_is_the_grid_widened_by_a_ruling_within_the_rulings_box() -> None:
    cells = [(10, 50, 100, 80), (100, 50, 200, 80), (10, 80, 200, 120)]
    assert _grid_box(cells, (8, 18, 202, 122)) == (8, 50 - RULING_MARGIN_PX, 202, 122)


def test_a_thick_stroke_touching_the_table_from_above_is_not_in_its_box() -> None:
    page = np.full((400, 600), 255, dtype=np.uint8)
    for y in (150, 200, 250):  # three horizontal rulings, two rows
        page[y:y + 2, 50:550] = 0
    for x in (50, 300, 548):  # three vertical rulings, two columns
        page[150:252, x:x + 2] = 0
    page[120:150, 300:302] = 0  # a stroke joining the stroke above to the grid
    page[118:122, 60:540] = 0  # a heading's bottom bridged into a long stroke
    [table] = find_tables(page)
    assert table.box[1] >= 150 - RULING_MARGIN_PX
    assert table.box[3] <= 252 + RULING_MARGIN_PX
