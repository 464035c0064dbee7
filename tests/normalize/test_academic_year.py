"""School periods: ปีการศึกษา and ภาคเรียน, as school plans write them (FY2567 plans).

The academic year is the Ministry of Education's (16 May - 15 May); a semester ends on the
last day of its last month, as every period of months does (16 May - 31 Oct, 1 Nov - 31 Mar),
see pipeline/normalize/academic_year.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.normalize.academic_year import fiscal_year_of_academic_year, month_in_academic_year
from pipeline.normalize.dates import Period, parse_period, parse_periods


@pytest.mark.parametrize(("text", "start", "end"), [
    ("ปีการศึกษา 2567", date(2024, 5, 16), date(2025, 5, 15)),
    ("ตลอดปีการศึกษา ๒๕๖๗", date(2024, 5, 16), date(2025, 5, 15)),
    ("ปีการศึกษา พ.ศ. 2567", date(2024, 5, 16), date(2025, 5, 15)),
    ("ปีการศึกษา 2566 - 2567", date(2023, 5, 16), date(2025, 5, 15)),
    ("ภาคเรียนที่ 1 ปีการศึกษา 2567", date(2024, 5, 16), date(2024, 10, 31)),
    ("ภาคเรียนที่ 2/2567", date(2024, 11, 1), date(2025, 3, 31)),
    ("ภาคเรียนที่ ๑ - ๒ ปีการศึกษา ๒๕๖๗", date(2024, 5, 16), date(2025, 3, 31)),
    # A semester without its year: FY2567 holds semester 2 of 2566 and semester 1 of 2567.
    ("ภาคเรียนที่ 2", date(2023, 11, 1), date(2024, 3, 31)),
    ("ภาคเรียนที่ 1", date(2024, 5, 16), date(2024, 10, 31)),
    # Academic year 2566: semester 1 is May - October 2023, semester 2 November 2023 - March
    # 2024; each ends on the last day of its last month, so 1-2 ends 31 March, not 1 April.
    ("ภาคเรียนที่ 1 ปีการศึกษา 2566", date(2023, 5, 16), date(2023, 10, 31)),
    ("ภาคเรียนที่ 2 ปีการศึกษา 2566", date(2023, 11, 1), date(2024, 3, 31)),
    ("ภาคเรียนที่ 1-2 ปีการศึกษา 2566", date(2023, 5, 16), date(2024, 3, 31)),
    ("ภาคเรียนที่ ๑-๒ ปีการศึกษา ๒๕๖๖", date(2023, 5, 16), date(2024, 3, 31)),
    ("ภาคเรียนที่ ๒/๒๕๖๖", date(2023, 11, 1), date(2024, 3, 31)),
    # Printed dates win over the regulation's.
    ("ปีการศึกษา 2567 (16 พ.ค. 67 - 31 มี.ค. 68)", date(2024, 5, 16), date(2025, 3, 31)),
])
def test_school_periods(text: str, start: date, end: date) -> None:
    assert parse_period(text, 2567) == Period(start, end)


def test_whole_academic_year_is_not_the_whole_fiscal_year() -> None:
    """"ตลอดปีการศึกษา" once passed for "ตลอดปี", the fiscal year (Oct 2023 - Sep 2024)."""
    assert parse_period("ตลอดปีการศึกษา 2567", 2567) != Period(date(2023, 10, 1),
                                                             date(2024, 9, 30))
    assert parse_period("ตลอดปีงบประมาณ 2567", 2567) == Period(date(2023, 10, 1),
                                                              date(2024, 9, 30))


@pytest.mark.parametrize("text", [
    "ภาคเรียนที่ 1-2",  # spans two fiscal years and names no year: not guessed
    "ปีการศึกษา 2567-2566",  # ends before it starts
    "ปีการศึกษา 9999",  # no year a plan means
])
def test_school_periods_that_cannot_be_resolved(text: str) -> None:
    assert parse_period(text, 2567) is None


def test_semester_without_a_fiscal_year_is_unresolved() -> None:
    assert parse_period("ภาคเรียนที่ 2", None) is None


def test_semesters_line_by_line_in_a_cell() -> None:
    assert parse_periods("ภาคเรียนที่ 1/2567\nภาคเรียนที่ 2/2567", 2567) == [
        Period(date(2024, 5, 16), date(2024, 10, 31)), Period(date(2024, 11, 1), date(2025, 3, 31))]


def test_semesters_tile_the_teaching_year() -> None:
    """Semester 2 starts the day after semester 1 ends, and 1-2 is the two of them."""
    first = parse_period("ภาคเรียนที่ 1/2566")
    second = parse_period("ภาคเรียนที่ 2/2566")
    both = parse_period("ภาคเรียนที่ 1-2/2566")
    assert first is not None and second is not None
    assert (first.end.toordinal() + 1, both) == (second.start.toordinal(),
                                                  Period(first.start, second.end))


@pytest.mark.parametrize(("text", "start", "end"), [
    # A school's plan for ปีการศึกษา 2566 (May 2023 - April 2024) writes periods without a
    # year: May to December are in 2023, January to April in 2024; semesters are 2566's.
    ("มิถุนายน - สิงหาคม", date(2023, 6, 1), date(2023, 8, 31)),
    ("พ.ค. - ก.ย.", date(2023, 5, 1), date(2023, 9, 30)),
    ("พ.ย. - มี.ค.", date(2023, 11, 1), date(2024, 3, 31)),
    ("ม.ค.", date(2024, 1, 1), date(2024, 1, 31)),
    ("ภาคเรียนที่ 1", date(2023, 5, 16), date(2023, 10, 31)),
    ("ภาคเรียนที่ ๒", date(2023, 11, 1), date(2024, 3, 31)),
    ("ภาคเรียนที่ 1-2", date(2023, 5, 16), date(2024, 3, 31)),
    # a year written wins over the plan's
    ("ภาคเรียนที่ 1/2567", date(2024, 5, 16), date(2024, 10, 31)),
    ("มิถุนายน 2567", date(2024, 6, 1), date(2024, 6, 30)),
])
def test_periods_of_a_plan_by_academic_year(text: str, start: date, end: date) -> None:
    assert parse_period(text, academic_year=2566) == Period(start, end)


def test_periods_of_a_plan_by_fiscal_year_ignore_the_academic_year() -> None:
    """A stated fiscal year places months as a fiscal year does (ม.ค. of FY2567 is 2024,
    พ.ค. too: the academic year would put พ.ค. in 2023)."""
    assert parse_period("พ.ค.", 2567, academic_year=2566) == Period(date(2024, 5, 1),
                                                                 date(2024, 5, 31))


def test_fiscal_year_of_an_academic_year() -> None:
    """2566 (16 May 2023 - 15 May 2024) is mostly in FY2567 (from 1 October 2023)."""
    assert [fiscal_year_of_academic_year(y) for y in (2563, 2566, 2567)] == [2564, 2567, 2568]
    assert [month_in_academic_year(m, 2566) for m in (5, 12, 1, 4)] == [
        date(2023, 5, 1), date(2023, 12, 1), date(2024, 1, 1), date(2024, 4, 1)]
