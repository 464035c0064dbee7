"""Buddhist-era years and the Thai government fiscal year.

Plans number years in the Buddhist era (BE = CE + 543), often with two digits ("ต.ค.62"),
and plan by fiscal year: FY(BE) runs from 1 October of the previous CE year to 30 September,
so FY2563 is 2019-10-01 .. 2020-09-30 and its first quarter is Oct-Dec 2019.
"""

from __future__ import annotations

import calendar
from datetime import date

from pipeline.normalize.text import clean_text, to_arabic_digits
from pipeline.normalize.vocabulary import (
    BE_OFFSET,
    BE_YEAR_MAX,
    BE_YEAR_MIN,
    CE_YEAR_MAX,
    CE_YEAR_MIN,
    FISCAL_YEAR_FIRST_MONTH,
    MONTHS_PER_QUARTER,
    TWO_DIGIT_BE_CENTURY,
)

QUARTERS_PER_YEAR = 4


def be_to_ce(year: int | str) -> int:
    """A year as written in a plan, as a CE year.

    Four-digit BE years (2563) and two-digit BE years ("62", meaning 2562) are converted;
    CE years (1900-2100) pass through unchanged, so callers may hand over either era.
    Raises ValueError for anything that is not a plausible year.
    """
    if isinstance(year, str):
        digits = to_arabic_digits(clean_text(year))
        if not digits.isdigit() or len(digits) not in (2, 4):
            raise ValueError(f"not a year: {year!r}")
        year = int(digits)
    if 0 <= year <= 99:
        return TWO_DIGIT_BE_CENTURY + year - BE_OFFSET
    if CE_YEAR_MIN <= year <= CE_YEAR_MAX:
        return year
    if BE_YEAR_MIN <= year <= BE_YEAR_MAX:
        return year - BE_OFFSET
    raise ValueError(f"not a year: {year!r}")


def ce_to_be(year: int) -> int:
    """A CE year as a BE year (2020 -> 2563); a BE year passed by mistake is an error."""
    if not BE_YEAR_MIN <= year + BE_OFFSET <= BE_YEAR_MAX:
        raise ValueError(f"not a CE year: {year!r}")
    return year + BE_OFFSET


def month_in_fiscal_year(month: int, fy_be: int) -> date:
    """The 1st of `month` within fiscal year `fy_be`: Oct-Dec fall in the previous CE year."""
    if not 1 <= month <= 12:
        raise ValueError(f"not a month: {month!r}")
    last_ce_year = be_to_ce(fy_be)
    year = last_ce_year - 1 if month >= FISCAL_YEAR_FIRST_MONTH else last_ce_year
    return date(year, month, 1)


def fiscal_months(fy_be: int) -> list[date]:
    """The twelve months of a fiscal year, October first, as 1st-of-month dates."""
    order = [*range(FISCAL_YEAR_FIRST_MONTH, 13), *range(1, FISCAL_YEAR_FIRST_MONTH)]
    return [month_in_fiscal_year(month, fy_be) for month in order]


def end_of_month(day: date) -> date:
    """The last day of the month `day` is in."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def fiscal_year_bounds(fy_be: int) -> tuple[date, date]:
    """First and last day of a fiscal year (FY2563 -> 2019-10-01, 2020-09-30)."""
    months = fiscal_months(fy_be)
    return months[0], end_of_month(months[-1])


def fiscal_quarter_months(q: int, fy_be: int) -> list[date]:
    """The three months of quarter `q` (1-4) of a fiscal year; Q1 is Oct-Dec."""
    if not 1 <= q <= QUARTERS_PER_YEAR:
        raise ValueError(f"not a fiscal quarter: {q!r}")
    first = (q - 1) * MONTHS_PER_QUARTER
    return fiscal_months(fy_be)[first : first + MONTHS_PER_QUARTER]


def fiscal_year_of(day: date) -> int:
    """The BE fiscal year a date falls in (2019-10-01 -> 2563)."""
    last_ce_year = day.year + 1 if day.month >= FISCAL_YEAR_FIRST_MONTH else day.year
    return ce_to_be(last_ce_year)
