"""Dates and periods as plans write them, resolved to CE dates.

A period cell may hold a full range ("๑ ตุลาคม ๒๕๖2 ถึง ๓๐ กันยายน ๒๕๖3"), a month range
with the year only at the end ("ตุลาคม – พฤศจิกายน 2562"), a day range in one month
("1 - 30 ต.ค.62"), a month ("มีนาคม 63"), a month with no year ("ต.ค."), fiscal quarters
("ไตรมาส ๓ - ๔") or the whole year ("ตลอดปีงบประมาณ"). Whatever has no year is resolved
against the plan's fiscal year, or, in a plan by academic year (ปีการศึกษา), against its
academic year: May to December in the year it is named after, January to April in the next
(`academic_year` beside `fiscal_year`; a stated fiscal year wins). What cannot be
resolved, or ends before it starts, is None: an auditor would rather see a gap than a
guessed date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from pipeline.normalize.academic_year import academic_spans, month_in_academic_year
from pipeline.normalize.date_tokens import (
    Kind,
    Token,
    split_at_breaks,
    split_at_ranges,
    tokenize,
)
from pipeline.normalize.fiscal_year import (
    QUARTERS_PER_YEAR,
    be_to_ce,
    ce_to_be,
    end_of_month,
    fiscal_months,
    fiscal_quarter_months,
    fiscal_year_bounds,
    fiscal_year_of,
    month_in_fiscal_year,
)
from pipeline.normalize.months import month_number
from pipeline.normalize.text import clean_text

__all__ = [
    "Period",
    "be_to_ce",
    "ce_to_be",
    "fiscal_months",
    "fiscal_quarter_months",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "month_in_fiscal_year",
    "month_number",
    "parse_period",
    "parse_periods",
    "parse_thai_date",
]

# A period split over lines in a cell ("ไตรมาส\n\n๓ - ๔") spans at most this many lines.
MAX_LINES_PER_PERIOD: Final = 3
MAX_DAY: Final = 31


@dataclass(frozen=True)
class Period:
    """Inclusive span of days a plan gives for an activity or a project."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends before it starts: {self.start} .. {self.end}")

    def months(self) -> list[date]:
        """The 1st of every month the period touches, in order (the schedule's grain)."""
        months: list[date] = []
        month = self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = _next_month(month)
        return months


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


@dataclass(frozen=True)
class _Point:
    """One side of a period as written: any part may be missing (None)."""

    day: int | None = None
    month: int | None = None
    year: int | None = None  # CE

    def first_day(self) -> date | None:
        if self.month is None or self.year is None:
            return None
        return _safe_date(self.year, self.month, self.day or 1)

    def last_day(self) -> date | None:
        if self.month is None or self.year is None:
            return None
        if self.day is None:
            first = _safe_date(self.year, self.month, 1)
            return end_of_month(first) if first else None
        return _safe_date(self.year, self.month, self.day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None for impossible ones such as "31 ก.ย."."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(token: Token) -> int | None:
    """A number token as a CE year: two or four digits, BE or CE; else None."""
    return _year_from_digits(token.text) if token.kind is Kind.NUMBER else None


def _year_from_digits(digits: str) -> int | None:
    if len(digits) not in (2, 4):
        return None
    try:
        return be_to_ce(digits)
    except ValueError:
        return None


def _day(token: Token) -> int | None:
    if token.kind is not Kind.NUMBER or len(token.text) > 2 or not 1 <= token.value <= MAX_DAY:
        return None
    return token.value


def _parse_point(tokens: list[Token]) -> _Point | None:
    """One side of a range: "30 ก.ย.63", "ต.ค.", "มีนาคม 2563", "1" (a bare day), "1/10/2562"."""
    kinds = [t.kind for t in tokens]
    if kinds == [Kind.NUMERIC_DATE]:
        year = _year_from_digits(tokens[0].text.rsplit("/", 1)[1])
        return _Point(tokens[0].values[0], tokens[0].values[1], year) if year else None
    if kinds and kinds[0] is Kind.NUMBER:
        day = _day(tokens[0])
        if day is None:
            return None
        if len(tokens) == 1:
            return _Point(day=day)
        if kinds[1] is not Kind.MONTH:  # a day is followed by its month, or nothing
            return None
        rest = _parse_point(tokens[1:])  # one level deep: tokens[1] is a month
        if rest is None or rest.month is None or rest.day is not None:
            return None
        return replace(rest, day=day)
    if kinds[:1] == [Kind.MONTH] and len(tokens) <= 2:
        year = _year(tokens[1]) if len(tokens) == 2 else None
        if len(tokens) == 2 and year is None:
            return None
        return _Point(month=tokens[0].value, year=year)
    return None


def _resolve_years(start: _Point, end: _Point, fiscal_year: int | None,
                   academic_year: int | None = None) -> tuple[_Point, _Point]:
    """Give both sides a year. A year written on one side applies to the other, moved so the
    start month is not after the end month ("1 พ.ย. - 30 ก.ย.63" starts in November 2562);
    with no year at all, months are placed in the plan's fiscal year, else its academic year."""
    start_month, end_month = start.month, end.month
    if start_month is None or end_month is None:
        return start, end
    if start.year is None and end.year is not None:
        year = end.year - 1 if start_month > end_month else end.year
        return replace(start, year=year), end
    if end.year is None and start.year is not None:
        year = start.year + 1 if end_month < start_month else start.year
        return start, replace(end, year=year)
    if start.year is None and end.year is None and fiscal_year is not None:
        return (
            replace(start, year=month_in_fiscal_year(start_month, fiscal_year).year),
            replace(end, year=month_in_fiscal_year(end_month, fiscal_year).year),
        )
    if start.year is None and end.year is None and academic_year is not None:
        return (
            replace(start, year=month_in_academic_year(start_month, academic_year).year),
            replace(end, year=month_in_academic_year(end_month, academic_year).year),
        )
    return start, end


def _period_between(start: _Point, end: _Point) -> Period | None:
    first, last = start.first_day(), end.last_day()
    if first is None or last is None or last < first:
        return None
    return Period(first, last)


def _parse_dates(tokens: list[Token], fiscal_year: int | None,
                 academic_year: int | None = None) -> Period | None:
    """A single date or month, or a range of two."""
    sides = split_at_ranges(tokens)
    if len(sides) == 1:
        point = _parse_point(sides[0])
        if point is None or point.month is None:
            return None
        point, _ = _resolve_years(point, point, fiscal_year, academic_year)
        return _period_between(point, point)
    if len(sides) != 2:
        return None
    start, end = (_parse_point(side) for side in sides)
    if start is None or end is None or end.month is None:
        return None
    if start.month is None:  # "1 - 30 ต.ค.62": a day range within the end's month
        start = replace(end, day=start.day)
    start, end = _resolve_years(start, end, fiscal_year, academic_year)
    return _period_between(start, end)


def _parse_quarters(tokens: list[Token], fiscal_year: int | None) -> Period | None:
    """ "ไตรมาส 3", "ไตรมาส ๓ - ๔", "ไตรมาสที่ 1-2", "ไตรมาส 1 - ไตรมาส 2", "ไตรมาส 3 2563"."""
    rest = [t for t in tokens if t.kind is not Kind.QUARTER]
    if rest and len(rest[-1].text) == 4 and (year := _year(rest[-1])) is not None:
        fiscal_year, rest = ce_to_be(year), rest[:-1]
    kinds = [t.kind for t in rest]
    if fiscal_year is None:
        return None
    if kinds == [Kind.NUMBER]:
        first = last = rest[0].value
    elif kinds == [Kind.NUMBER, Kind.RANGE, Kind.NUMBER]:
        first, last = rest[0].value, rest[2].value
    else:
        return None
    if not 1 <= first <= last <= QUARTERS_PER_YEAR:
        return None
    return Period(
        fiscal_quarter_months(first, fiscal_year)[0],
        end_of_month(fiscal_quarter_months(last, fiscal_year)[-1]),
    )


def _whole_fiscal_year(fiscal_year: int | None) -> Period | None:
    return Period(*fiscal_year_bounds(fiscal_year)) if fiscal_year is not None else None


def _take_stated_fiscal_year(tokens: list[Token]) -> tuple[list[Token], int | None] | None:
    """Take out a written fiscal year ("ปีงบประมาณ ๒๕๖๓", "ตลอดปี 2563").

    Returns the remaining tokens (a whole-year phrase stays) and the year (BE) if written;
    None when a fiscal-year word has no year after it (a header, not a period). After
    "ตลอดปี" only a four-digit year counts: "ตลอดปี 12 ครั้ง" is a count, not 2512.
    """
    kept: list[Token] = []
    year: int | None = None
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.kind in (Kind.FISCAL_YEAR, Kind.WHOLE_FISCAL_YEAR) and following is not None:
            ce_year = _year(following)
            if ce_year is not None and (token.kind is Kind.FISCAL_YEAR or len(following.text) == 4):
                year = ce_to_be(ce_year)
                kept.extend([token] if token.kind is Kind.WHOLE_FISCAL_YEAR else [])
                i += 2
                continue
        if token.kind is Kind.FISCAL_YEAR:
            return None
        kept.append(token)
        i += 1
    return kept, year


def _parse_run(tokens: list[Token], fiscal_year: int | None,
               academic_year: int | None = None) -> Period | None:
    """A run of date tokens with no unrelated text inside."""
    taken = _take_stated_fiscal_year(tokens)
    if taken is None:
        return None
    tokens, stated_year = taken
    if stated_year is not None:
        fiscal_year = stated_year
        if not tokens:  # "ปีงบประมาณ ๒๕๖๓"
            return _whole_fiscal_year(fiscal_year)
    kinds = [t.kind for t in tokens]
    if kinds[0] is Kind.WHOLE_FISCAL_YEAR and not {Kind.MONTH, Kind.QUARTER} & set(kinds):
        return _whole_fiscal_year(fiscal_year)
    if kinds[0] is Kind.QUARTER:
        return _parse_quarters(tokens, fiscal_year)
    if Kind.QUARTER in kinds or Kind.WHOLE_FISCAL_YEAR in kinds:
        return None
    return _parse_dates(tokens, fiscal_year, academic_year)


def _periods_in_text(text: str, fiscal_year: int | None,
                     academic_year: int | None = None) -> list[Period]:
    """Every period in one piece of text, one per run of date tokens.

    School periods ("ปีการศึกษา 2567", "ภาคเรียนที่ 2/2567") count where the text gives no
    dates of its own: "ปีการศึกษา 2567 (16 พ.ค. 67 - 31 มี.ค. 68)" is the printed range.
    """
    spans, rest = academic_spans(text, fiscal_year, academic_year)
    runs = split_at_breaks(tokenize(rest))
    found = [p for p in (_parse_run(run, fiscal_year, academic_year) for run in runs)
             if p is not None]
    return found or [Period(start, end) for start, end in spans]


def parse_period(s: str | None, fiscal_year: int | None = None, *,
                 academic_year: int | None = None) -> Period | None:
    """The one period `s` states, resolved against `fiscal_year` (BE) where it has no year.

    None when there is no period, when it cannot be resolved, when it ends before it starts,
    or when the text holds several periods (use parse_periods for cells with several lines).
    """
    if not s:
        return None
    periods = set(_periods_in_text(s, fiscal_year, academic_year))
    return periods.pop() if len(periods) == 1 else None


def parse_thai_date(s: str | None, fiscal_year: int | None = None) -> date | None:
    """A single day ("๑ ตุลาคม ๒๕๖2", "30 ก.ย.63"); without a year, in `fiscal_year`.

    A month alone ("มีนาคม 63") is a period, not a date: None.
    """
    period = parse_period(s, fiscal_year)
    return period.start if period is not None and period.start == period.end else None


def parse_periods(text: str | Iterable[str] | None, fiscal_year: int | None = None, *,
                  academic_year: int | None = None) -> list[Period]:
    """The periods of a cell, line by line, in order.

    Each line that states a period gives one entry (several if it lists several). A line
    that states none is joined to the following lines ("ไตรมาส" + "๓ - ๔"), and a line that
    only completes the previous one (a year under "ส.ค. – ก.ย.") is joined to it.
    """
    if text is None:
        return []
    raw = text.split("\n") if isinstance(text, str) else list(text)
    lines = [line for line in (clean_text(r) for r in raw) if line]
    periods: list[Period] = []
    i = 0
    while i < len(lines):
        found, used = _periods_from(lines, i, fiscal_year, academic_year)
        periods.extend(found)
        i += used
    return periods


def _periods_from(lines: list[str], i: int, fiscal_year: int | None,
                  academic_year: int | None) -> tuple[list[Period], int]:
    """Periods starting at line i and how many lines they use (at least one)."""
    for size in range(1, min(MAX_LINES_PER_PERIOD, len(lines) - i) + 1):
        found = _periods_in_text(" ".join(lines[i : i + size]), fiscal_year, academic_year)
        if found:
            return _absorb_continuations(lines, i, size, found, fiscal_year, academic_year)
    return [], 1


def _absorb_continuations(
    lines: list[str], i: int, size: int, found: list[Period], fiscal_year: int | None,
    academic_year: int | None
) -> tuple[list[Period], int]:
    """Extend lines i..i+size with following lines that state nothing alone but complete it."""
    while i + size < len(lines) and size < MAX_LINES_PER_PERIOD:
        following = lines[i + size]
        if _periods_in_text(following, fiscal_year, academic_year):
            break
        longer = _periods_in_text(" ".join(lines[i : i + size + 1]), fiscal_year, academic_year)
        if not longer:
            break
        found, size = longer, size + 1
    return found, size
