"""School periods: the academic year (ปีการศึกษา) and its semesters (ภาคเรียน).

Schools plan by academic year as often as by fiscal year ("ระยะเวลาดำเนินการ ปีการศึกษา
2567", "ภาคเรียนที่ 2/2567"). The Ministry of Education's regulation on the academic year
(ระเบียบกระทรวงศึกษาธิการ ว่าด้วยปีการศึกษา การเปิดและปิดสถานศึกษา พ.ศ. 2549) fixes it:
the academic year BE N runs from 16 May of N to 15 May of N + 1; semester 1 from 16 May to
11 October, semester 2 from 1 November to 1 April of the next year.

A semester is read as a period of months, like every other period here ("ต.ค. - มี.ค." ends
31 March, a quarter on the last day of its third month): it starts on the regulation's first
day and ends on the last day of its last teaching month. Semester 1 ends 31 October (its
last month, with the break after 11 October), semester 2 on 31 March (the regulation's
"1 April" is the closing day, not a month of teaching), so "ภาคเรียนที่ 1-2 ปีการศึกษา 2566"
is 16 May 2023 - 31 March 2024 and the two semesters tile with no gap. The academic year
itself ("ปีการศึกษา 2566") keeps the regulation's 16 May - 15 May: it holds the April break,
and a school's Gantt chart runs พ.ค. ... เม.ย.

A semester written without its year is resolved against the plan's academic year where the
plan is one, else against its fiscal year: FY N (October N-1 to September N) holds
semester 2 of academic year N-1 and semester 1 of academic year N.

Only the phrase is read here; the dates are what the regulation gives, not what a school
may have moved them to (a plan that gives its own dates prints them, and those win).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from pipeline.normalize.fiscal_year import be_to_ce
from pipeline.normalize.text import to_arabic_digits

ACADEMIC_YEAR_START: Final = (5, 16)  # 16 May
ACADEMIC_YEAR_END: Final = (5, 15)  # 15 May of the next year
SEMESTER_SPANS: Final = {  # (month, day) of start and end; the end of 2 is in the next year
    1: ((5, 16), (10, 31), 0),
    2: ((11, 1), (3, 31), 1),
}

_DIGIT: Final = "[0-9๐-๙]"
_YEAR: Final = rf"(?:พ\.?\s?ศ\.?\s*)?({_DIGIT}{{4}})"
# "ตลอดปีการศึกษา 2567", "ปีการศึกษา พ.ศ. 2567", "ปีการศึกษา 2566 - 2567"
ACADEMIC_YEAR_RE: Final = re.compile(
    rf"(?:ตลอด(?:ทั้ง)?)?ปีการศึกษา\s*{_YEAR}(?:\s*[-–]\s*({_DIGIT}{{4}}))?")
# "ภาคเรียนที่ 1", "ภาคเรียนที่ 1-2", "ภาคเรียนที่ 2/2567", "ภาคเรียนที่ 1 ปีการศึกษา 2567"
SEMESTER_RE: Final = re.compile(
    rf"ภาคเรียนที่\s*([12๑๒])(?:\s*[-–]\s*([12๑๒]))?"
    rf"(?:\s*/\s*({_DIGIT}{{4}})|\s*(?:ปีการศึกษา|ปีการศึกษาที่)\s*{_YEAR})?"
)


def month_in_academic_year(month: int, year_be: int) -> date:
    """The first day of `month` in academic year `year_be`: May to December are in the year
    it is named after, January to April in the next (พ.ค. 2566 ... เม.ย. 2567)."""
    start_year = be_to_ce(year_be)
    return date(start_year if month >= ACADEMIC_YEAR_START[0] else start_year + 1, month, 1)


def academic_year_bounds(year_be: int) -> tuple[date, date]:
    """First and last day of academic year `year_be` (2566 -> 2023-05-16, 2024-05-15)."""
    return _academic_year(be_to_ce(year_be))


def fiscal_year_of_academic_year(year_be: int) -> int:
    """The fiscal year that holds most of academic year `year_be`: 2566 (16 May 2023 -
    15 May 2024) lies 138 days in FY2566 and 228 in FY2567 (from 1 October), with all of
    semester 2; so FY2567. The placement of a school's plan follows from its year alone."""
    start, end = academic_year_bounds(year_be)
    split = date(start.year, 10, 1)  # the first day of fiscal year year_be + 1
    return year_be + 1 if (end - split) > (split - start) else year_be
def academic_spans(text: str, fiscal_year: int | None,
                   academic_year: int | None = None) -> tuple[list[tuple[date, date]], str]:
    """The school periods `text` names, and the text with those phrases blanked out.

    A semester without its year is in `academic_year` (BE) where the plan is by academic
    year, else resolved against `fiscal_year`.

    Blanking keeps the year after "ปีการศึกษา" from being read again as a stray year, and
    "ตลอดปีการศึกษา" from passing for "ตลอดปี" (the whole fiscal year).
    """
    spans: list[tuple[date, date]] = []
    for match in SEMESTER_RE.finditer(text):
        first = int(to_arabic_digits(match.group(1)))
        last = int(to_arabic_digits(match.group(2))) if match.group(2) else first
        written = match.group(3) or match.group(4)
        if last < first:
            continue
        if written is None and academic_year is not None:
            written = str(academic_year)
        span = _semesters(first, last, written, fiscal_year)
        if span is not None:
            spans.append(span)
    text = SEMESTER_RE.sub(" ", text)
    for match in ACADEMIC_YEAR_RE.finditer(text):
        first_year = _year(match.group(1))
        last_year = _year(match.group(2)) if match.group(2) else first_year
        if first_year is not None and last_year is not None and last_year >= first_year:
            spans.append((_academic_year(first_year)[0], _academic_year(last_year)[1]))
    return spans, ACADEMIC_YEAR_RE.sub(" ", text)


def _year(written: str) -> int | None:
    """A written BE year as CE; None for a number no plan means as a year."""
    try:
        return be_to_ce(to_arabic_digits(written))
    except ValueError:
        return None


def _academic_year(start_year: int) -> tuple[date, date]:
    return (date(start_year, *ACADEMIC_YEAR_START), date(start_year + 1, *ACADEMIC_YEAR_END))


def _semesters(first: int, last: int, written: str | None,
               fiscal_year: int | None) -> tuple[date, date] | None:
    """Semesters first..last of the written academic year, else of the fiscal year's."""
    if written is not None:
        start_year = _year(written)
    elif fiscal_year is not None and first == last:
        # FY N holds semester 1 of academic year N and semester 2 of academic year N-1.
        fiscal = _year(str(fiscal_year))
        start_year = fiscal - (1 if first == 2 else 0) if fiscal is not None else None
    else:
        return None  # "ภาคเรียนที่ 1-2" spans two fiscal years: no year, no guess
    if start_year is None:
        return None
    (start_month, start_day), _, _ = SEMESTER_SPANS[first]
    _, (end_month, end_day), end_offset = SEMESTER_SPANS[last]
    return (date(start_year, start_month, start_day),
            date(start_year + end_offset, end_month, end_day))
