"""Month columns whose own headers cannot be read, under two year headers side by side.

A scan loses month headers printed turned 90 degrees in narrow columns (school-fy2566's
Gantt charts); the year headers above them still say which months they are: twelve
consecutive months, the first year's k columns its last k months. The months carry no
year of their own: the run is placed in the plan's year (a scan misreads the labels' Thai
digits, "ปี ๒๕๐2" for ๒๕๖๒).
"""

from __future__ import annotations

from pipeline.extract.tables import _month_columns
from pipeline.model import Cell, Table


def gantt(years: list[tuple[str, int]], month_cells: list[str]) -> Table:
    """A header of "ที่" and "กิจกรรม" over two rows, the year groups (text, columns)
    in row 0 and `month_cells` under them in row 1, and one activity row."""
    cells = [Cell(0, 0, row_span=2, lines=("ที่",)), Cell(0, 1, row_span=2, lines=("กิจกรรม",))]
    col = 2
    for text, span in years:
        cells.append(Cell(0, col, col_span=span, lines=(text,)))
        col += span
    cells += [Cell(1, 2 + i, lines=(text,) if text else ()) for i, text in enumerate(month_cells)]
    cells += [Cell(2, 0, lines=("1",)), Cell(2, 1, lines=("ประชุม",))]
    cells += [Cell(2, c, lines=()) for c in range(2, col)]
    return Table(cells=cells, n_rows=3, n_cols=col)


def months(table: Table) -> list[tuple[int, str, int | None, int | None]]:
    return [(c, h.text, h.month, h.year_be) for c, h in sorted(_month_columns(table, 2).items())]


def test_a_fiscal_years_unreadable_months_come_from_its_year_headers() -> None:
    table = gantt([("2565", 3), ("2566", 9)], ["น (((ง", "ผ่", "", "", "", "น", "", "", "",
                                               "", "ล", "ว"])
    assert months(table) == [
        (2, "ต.ค.", 10, None), (3, "พ.ย.", 11, None), (4, "ธ.ค.", 12, None),
        (5, "ม.ค.", 1, None), (6, "ก.พ.", 2, None), (7, "มี.ค.", 3, None),
        (8, "เม.ย.", 4, None), (9, "พ.ค.", 5, None), (10, "มิ.ย.", 6, None),
        (11, "ก.ค.", 7, None), (12, "ส.ค.", 8, None), (13, "ก.ย.", 9, None)]


def test_an_academic_years_split_starts_in_may() -> None:
    got = months(gantt([("2566", 8), ("2567", 4)], [""] * 12))
    assert (len(got), got[0], got[7], got[8], got[-1]) == (
        12, (2, "พ.ค.", 5, None), (9, "ธ.ค.", 12, None), (10, "ม.ค.", 1, None),
        (13, "เม.ย.", 4, None))


def test_months_read_that_disagree_with_the_split_leave_the_columns_as_read() -> None:
    # "ม.ค." read over the first column: not October, so nothing is inferred
    table = gantt([("2565", 3), ("2566", 9)], ["ม.ค.", "", "", "", "", "", "", "", "", "",
                                               "", ""])
    assert months(table) == []  # one month column is fewer than a Gantt chart has


def test_years_that_do_not_follow_each_other_or_span_twelve_infer_nothing() -> None:
    assert months(gantt([("2565", 3), ("2567", 9)], [""] * 12)) == []
    assert months(gantt([("2565", 3), ("2566", 6)], [""] * 9)) == []
