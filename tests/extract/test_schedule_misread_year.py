"""A Gantt year header a scan misread into no year ("1563" for ๒๕๖3) leaves its months
placed by the plan's fiscal year, instead of failing the whole document (issue 13: the
yasothon2-fy2563 scan lost every dataset to "not a year: 1563")."""

from __future__ import annotations

import datetime as dt

from pipeline.extract.schedule import month_dates
from pipeline.extract.tables import view_table
from pipeline.model import Cell, Table


def grid(rows: list[list[str]]) -> Table:
    cells = [Cell(row=r, col=c, lines=(text,)) for r, row in enumerate(rows)
             for c, text in enumerate(row)]
    return Table(cells=cells, n_rows=len(rows), n_cols=len(rows[0]))


MONTHS = ["ต.ค.", "พ.ย.", "ธ.ค."]


def chart(year: str) -> dict[int, list[dt.date]]:
    view = view_table(grid([["กิจกรรม", year, year, year], ["", *MONTHS],
                            ["ประชุมชี้แจง", "/", "", ""]]), 0)
    return month_dates(view, 2564)


def test_a_read_year_places_its_months() -> None:
    assert chart("2562") == {1: [dt.date(2019, 10, 1)], 2: [dt.date(2019, 11, 1)],
                             3: [dt.date(2019, 12, 1)]}


def test_a_misread_year_leaves_the_months_to_the_fiscal_year() -> None:
    # fiscal year 2564 runs from October 2020: the misread year says nothing
    assert chart("1563") == {1: [dt.date(2020, 10, 1)], 2: [dt.date(2020, 11, 1)],
                             3: [dt.date(2020, 12, 1)]}
