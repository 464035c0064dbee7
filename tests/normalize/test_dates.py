from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util.date import thai_abbr_months, thai_full_months

from pipeline.normalize.dates import (
    Period,
    be_to_ce,
    ce_to_be,
    fiscal_months,
    fiscal_quarter_months,
    fiscal_year_bounds,
    fiscal_year_of,
    month_in_fiscal_year,
    month_number,
    parse_period,
    parse_periods,
    parse_thai_date,
)
from pipeline.normalize.text import to_thai_digits
from pipeline.normalize.vocabulary import THAI_MONTH_ABBREVIATIONS, THAI_MONTH_NAMES

FY2563 = 2563
D = date


def months(*pairs: tuple[int, int]) -> list[date]:
    return [date(year, month, 1) for year, month in pairs]


# -- years -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        pytest.param(2563, 2020, id="be-4-digit"),
        pytest.param(2562, 2019, id="be-2562"),
        pytest.param(62, 2019, id="be-2-digit-int"),
        pytest.param("62", 2019, id="be-2-digit-ต.ค.62"),
        pytest.param("๖๓", 2020, id="be-2-digit-thai"),
        pytest.param("๒๕๖3", 2020, id="be-mixed-digits"),
        pytest.param(2020, 2020, id="ce-passes-through"),
        pytest.param(1999, 1999, id="ce-1999"),
    ],
)
def test_be_to_ce(year: int | str, expected: int) -> None:
    assert be_to_ce(year) == expected


@pytest.mark.parametrize("year", [150, 3000, 2300, "abc", "2", "25630"])
def test_be_to_ce_rejects_non_years(year: int | str) -> None:
    with pytest.raises(ValueError):
        be_to_ce(year)


def test_ce_to_be() -> None:
    assert ce_to_be(2020) == 2563
    with pytest.raises(ValueError):
        ce_to_be(2563)


# -- months ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        pytest.param("ตุลาคม", 10, id="full-name"),
        pytest.param("ต.ค.", 10, id="ต.ค.-abbreviation"),
        pytest.param("ต.ค", 10, id="ต.ค-header-no-last-dot"),
        pytest.param("ตค", 10, id="ตค-header-no-dots"),
        pytest.param("ต. ค.", 10, id="ต.-ค.-space-inside"),
        pytest.param(" ก.พ. ", 2, id="ก.พ.-header-trailing-space"),
        pytest.param("มี.ค.", 3, id="มี.ค."),
        pytest.param("มีค", 3, id="มีค-header"),
        pytest.param("เม.ย", 4, id="เม.ย"),
        pytest.param("เมย", 4, id="เมย-header"),
        pytest.param("พ.ค.", 5, id="พ.ค."),
        pytest.param("พฤษภาคม", 5, id="พฤษภาคม"),
        pytest.param("มิย", 6, id="มิย-header"),
        pytest.param("ตุลา", 10, id="spoken-short-form"),
        pytest.param("กุมภาพันธ", 2, id="กุมภาพันธ-missing-karan"),
        pytest.param("พฤศจิกายม", 11, id="พฤศจิกายม-misspelt"),
        pytest.param("ตุลาคาม", 10, id="ตุลาคาม-misspelt"),
        pytest.param("กรกฏาคม", 7, id="กรกฏาคม-with-ฏ"),
        pytest.param("มิถุนายม", 6, id="มิถุนายม-misspelt"),
        pytest.param("สิงหาคาม", 8, id="สิงหาคาม-misspelt"),
        pytest.param("พฤกษภาคม", 5, id="พฤกษภาคม-misspelt"),
        pytest.param("October", 10, id="english-name"),
        pytest.param("SEPT", 9, id="english-abbreviation-upper"),
        pytest.param("dec.", 12, id="english-abbreviation-dot"),
        pytest.param("", None, id="empty"),
        pytest.param("ตุลาการ", None, id="not-a-month"),
        pytest.param("10", None, id="number-is-not-a-month-name"),
    ],
)
def test_month_number(token: str, expected: int | None) -> None:
    assert month_number(token) == expected


def test_month_vocabulary_matches_pythainlp() -> None:
    assert list(THAI_MONTH_NAMES) == list(thai_full_months)
    assert list(THAI_MONTH_ABBREVIATIONS) == list(thai_abbr_months)


@pytest.mark.parametrize("month", range(1, 13))
def test_every_canonical_spelling_is_known(month: int) -> None:
    assert month_number(THAI_MONTH_NAMES[month - 1]) == month
    assert month_number(THAI_MONTH_ABBREVIATIONS[month - 1]) == month
    assert month_number(THAI_MONTH_ABBREVIATIONS[month - 1].replace(".", "")) == month


# -- fiscal year ---------------------------------------------------------------------------


def test_fiscal_year_bounds() -> None:
    assert fiscal_year_bounds(FY2563) == (D(2019, 10, 1), D(2020, 9, 30))


def test_fiscal_months() -> None:
    assert fiscal_months(FY2563) == months(
        (2019, 10), (2019, 11), (2019, 12), (2020, 1), (2020, 2), (2020, 3),
        (2020, 4), (2020, 5), (2020, 6), (2020, 7), (2020, 8), (2020, 9),
    )


@pytest.mark.parametrize(
    ("quarter", "expected"),
    [
        pytest.param(1, months((2019, 10), (2019, 11), (2019, 12)), id="q1-previous-ce-year"),
        pytest.param(2, months((2020, 1), (2020, 2), (2020, 3)), id="q2"),
        pytest.param(3, months((2020, 4), (2020, 5), (2020, 6)), id="q3"),
        pytest.param(4, months((2020, 7), (2020, 8), (2020, 9)), id="q4"),
    ],
)
def test_fiscal_quarter_months(quarter: int, expected: list[date]) -> None:
    assert fiscal_quarter_months(quarter, FY2563) == expected


@pytest.mark.parametrize("quarter", [0, 5])
def test_fiscal_quarter_out_of_range(quarter: int) -> None:
    with pytest.raises(ValueError):
        fiscal_quarter_months(quarter, FY2563)


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        pytest.param(10, D(2019, 10, 1), id="october-previous-ce-year"),
        pytest.param(12, D(2019, 12, 1), id="december-previous-ce-year"),
        pytest.param(1, D(2020, 1, 1), id="january"),
        pytest.param(9, D(2020, 9, 1), id="september"),
    ],
)
def test_month_in_fiscal_year(month: int, expected: date) -> None:
    assert month_in_fiscal_year(month, FY2563) == expected


def test_fiscal_year_of() -> None:
    assert fiscal_year_of(D(2019, 10, 1)) == 2563
    assert fiscal_year_of(D(2020, 9, 30)) == 2563
    assert fiscal_year_of(D(2019, 9, 30)) == 2562


# -- single dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fiscal_year", "expected"),
    [
        pytest.param("๑ ตุลาคม ๒๕๖2", None, D(2019, 10, 1), id="๑-ตุลาคม-๒๕๖2"),
        pytest.param("30 ก.ย.63", None, D(2020, 9, 30), id="30-ก.ย.63-two-digit-year"),
        pytest.param("1 พ.ย.62", None, D(2019, 11, 1), id="1-พ.ย.62"),
        pytest.param("๓๐ กันยายน  ๒๕๖3", None, D(2020, 9, 30), id="๓๐-กันยายน-๒๕๖3"),
        pytest.param("วันที่ 1 ตุลาคม พ.ศ. 2562", None, D(2019, 10, 1), id="วันที่-and-พ.ศ."),
        pytest.param("1/10/2562", None, D(2019, 10, 1), id="numeric-be"),
        pytest.param("1 พ.ย.", FY2563, D(2019, 11, 1), id="no-year-resolved-in-fiscal-year"),
        pytest.param("15 มีนาคม", FY2563, D(2020, 3, 15), id="no-year-second-half"),
        pytest.param("1 พ.ย.", None, None, id="no-year-no-fiscal-year"),
        pytest.param("มีนาคม 63", None, None, id="month-only-is-a-period-not-a-date"),
        pytest.param("31 ก.ย. 63", None, None, id="impossible-day"),
        pytest.param("ค่าอาหาร 30 คน", FY2563, None, id="no-date"),
    ],
)
def test_parse_thai_date(text: str, fiscal_year: int | None, expected: date | None) -> None:
    assert parse_thai_date(text, fiscal_year) == expected


# -- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("๑ ตุลาคม  ๒๕๖2  ถึง  ๓๐ กันยายน  ๒๕๖3", (D(2019, 10, 1), D(2020, 9, 30)),
                     id="full-range-ถึง"),
        pytest.param("ตั้งแต่วันที่ 1 ต.ค. 62 ถึงวันที่ 30 ก.ย. 63",
                     (D(2019, 10, 1), D(2020, 9, 30)), id="full-range-ถึงวันที่"),
        pytest.param("ตุลาคม – พฤศจิกายน 2562", (D(2019, 10, 1), D(2019, 11, 30)),
                     id="month-range-year-only-at-end"),
        pytest.param("พฤศจิกายน 2562 –  มีนาคม 2563", (D(2019, 11, 1), D(2020, 3, 31)),
                     id="month-range-both-years"),
        pytest.param("ตุลาคม ๒๕๖๒-กันยายน ๒๕๖๓", (D(2019, 10, 1), D(2020, 9, 30)),
                     id="month-range-hyphen-no-spaces"),
        pytest.param("ส.ค. – ก.ย.\n๒๕๖3", (D(2020, 8, 1), D(2020, 9, 30)),
                     id="ส.ค.–ก.ย.-year-on-next-line"),
        pytest.param("มิถุนายน   ถึง  กันยายน  ๒๕๖3", (D(2020, 6, 1), D(2020, 9, 30)),
                     id="month-range-ถึง"),
        pytest.param("เมษายน – สิงหาคม 2563", (D(2020, 4, 1), D(2020, 8, 31)),
                     id="เมษายน–สิงหาคม"),
        pytest.param("ต.ค.62 — ก.ย.63", (D(2019, 10, 1), D(2020, 9, 30)), id="em-dash"),
        pytest.param("1 - 30 ต.ค.62", (D(2019, 10, 1), D(2019, 10, 30)),
                     id="day-range-in-one-month"),
        pytest.param("1 พ.ย. -30 ก.ย.63", (D(2019, 11, 1), D(2020, 9, 30)),
                     id="start-without-year-before-end-month"),
        pytest.param("1 ต.ค. 2562 - 31 มี.ค.", (D(2019, 10, 1), D(2020, 3, 31)),
                     id="end-without-year-after-start-month"),
        pytest.param("พ.ย. ๒๕๖2", (D(2019, 11, 1), D(2019, 11, 30)), id="month-only-thai-year"),
        pytest.param("มีนาคม 63", (D(2020, 3, 1), D(2020, 3, 31)), id="month-two-digit-year"),
        pytest.param("กันยายน 2563", (D(2020, 9, 1), D(2020, 9, 30)), id="month-full-year"),
        pytest.param("ม.ค. 2563", (D(2020, 1, 1), D(2020, 1, 31)), id="ม.ค.-2563"),
        pytest.param("ก.พ. 2563", (D(2020, 2, 1), D(2020, 2, 29)), id="february-leap-year"),
        pytest.param("ต.ค.", (D(2019, 10, 1), D(2019, 10, 31)), id="month-without-year-q1"),
        pytest.param("มีค", (D(2020, 3, 1), D(2020, 3, 31)), id="month-without-year-or-dots"),
        pytest.param("ส.ค. – ก.ย.", (D(2020, 8, 1), D(2020, 9, 30)),
                     id="month-range-without-year"),
        pytest.param("ไตรมาส ๓ - ๔", (D(2020, 4, 1), D(2020, 9, 30)), id="quarters-๓-๔"),
        pytest.param("ไตรมาส\n\n๓ - ๔", (D(2020, 4, 1), D(2020, 9, 30)),
                     id="quarters-split-over-lines"),
        pytest.param("ไตรมาส 3", (D(2020, 4, 1), D(2020, 6, 30)), id="quarter-3"),
        pytest.param("ไตรมาส 1", (D(2019, 10, 1), D(2019, 12, 31)), id="quarter-1-previous-ce"),
        pytest.param("ไตรมาสที่ 1-2", (D(2019, 10, 1), D(2020, 3, 31)), id="ไตรมาสที่-1-2"),
        pytest.param("ไตรมาส 1 - ไตรมาส 2", (D(2019, 10, 1), D(2020, 3, 31)),
                     id="quarter-word-repeated"),
        pytest.param("ไตรมาส 3 ปีงบประมาณ 2564", (D(2021, 4, 1), D(2021, 6, 30)),
                     id="quarter-with-its-own-fiscal-year"),
        pytest.param("ตลอดปีงบประมาณ", (D(2019, 10, 1), D(2020, 9, 30)), id="ตลอดปีงบประมาณ"),
        pytest.param("ตลอดปี", (D(2019, 10, 1), D(2020, 9, 30)), id="ตลอดปี"),
        pytest.param("ตลอดปีงบประมาณ 2564", (D(2020, 10, 1), D(2021, 9, 30)),
                     id="whole-year-stated"),
        pytest.param("ปีงบประมาณ ๒๕๖๓", (D(2019, 10, 1), D(2020, 9, 30)),
                     id="fiscal-year-named"),
        pytest.param("ปีงบประมาณ 64", (D(2020, 10, 1), D(2021, 9, 30)),
                     id="fiscal-year-two-digits"),
        pytest.param("ตลอดปี 12 ครั้ง", (D(2019, 10, 1), D(2020, 9, 30)),
                     id="whole-year-count-is-not-a-year"),
        pytest.param("ระยะเวลาดำเนินการปีงบประมาณ ๒๕๖3", (D(2019, 10, 1), D(2020, 9, 30)),
                     id="fiscal-year-after-label"),
        pytest.param("1 ต.ค. 62", (D(2019, 10, 1), D(2019, 10, 1)), id="single-day"),
        pytest.param("3 เดือน ตุลาคม 2562", (D(2019, 10, 1), D(2019, 10, 31)),
                     id="count-of-months-is-not-a-day"),
        pytest.param("ตุลาคม 2562 (ประชุม)", (D(2019, 10, 1), D(2019, 10, 31)),
                     id="note-after-period"),
        pytest.param("Oct 2019 - Sep 2020", (D(2019, 10, 1), D(2020, 9, 30)), id="english-ce"),
    ],
)
def test_parse_period(text: str, expected: tuple[date, date]) -> None:
    assert parse_period(text, FY2563) == Period(*expected)


@pytest.mark.parametrize(
    ("text", "fiscal_year"),
    [
        pytest.param("", FY2563, id="empty"),
        pytest.param("ค่าอาหาร 30 คน", FY2563, id="no-date"),
        pytest.param("สพป.ยโสธร เขต ๒", FY2563, id="place-not-a-date"),
        pytest.param("ประชุมคณะกรรมการ ก.ค.ศ.", FY2563, id="ก.ค.ศ.-is-not-july"),
        pytest.param("ตุลาการ", FY2563, id="ตุลาการ-is-not-ตุลา"),
        pytest.param("มีคน 30 คน", FY2563, id="มีคน-is-not-มีค"),
        pytest.param("ต.ค.", None, id="month-without-any-year"),
        pytest.param("ไตรมาส 3", None, id="quarter-without-fiscal-year"),
        pytest.param("ตลอดปี", None, id="whole-year-without-fiscal-year"),
        pytest.param("ไตรมาส", FY2563, id="quarter-word-alone"),
        pytest.param("๓ - ๔", FY2563, id="numbers-alone"),
        pytest.param("ปีงบประมาณ", FY2563, id="fiscal-year-word-alone"),
        pytest.param("ก.ย. - ต.ค.", FY2563, id="ends-before-it-starts"),
        pytest.param("30 - 1 ต.ค. 62", FY2563, id="day-range-backwards"),
        pytest.param("ไตรมาส 4 - 2", FY2563, id="quarters-backwards"),
        pytest.param("ไตรมาส 5", FY2563, id="no-fifth-quarter"),
        pytest.param("ตุลาคม 2562 และ มีนาคม 2563", FY2563, id="two-periods-is-not-one"),
    ],
)
def test_parse_period_none(text: str, fiscal_year: int | None) -> None:
    assert parse_period(text, fiscal_year) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("1 - 30 ต.ค.62", months((2019, 10)), id="days-in-one-month"),
        pytest.param("ไตรมาส ๓ - ๔", fiscal_months(FY2563)[6:], id="quarters-3-4"),
        pytest.param(
            "1 พ.ย. -30 ก.ย.63", fiscal_months(FY2563)[1:], id="november-to-september"
        ),
        pytest.param("ส.ค. – ก.ย.\n๒๕๖3", months((2020, 8), (2020, 9)), id="two-months"),
        pytest.param(
            "พฤศจิกายน 2562 –  มีนาคม 2563",
            months((2019, 11), (2019, 12), (2020, 1), (2020, 2), (2020, 3)),
            id="across-new-year",
        ),
    ],
)
def test_period_months(text: str, expected: list[date]) -> None:
    period = parse_period(text, FY2563)
    assert period is not None
    assert period.months() == expected


def test_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError):
        Period(D(2020, 9, 30), D(2019, 10, 1))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(
            "1 - 30 ต.ค.62\n1 พ.ย.62\nมีนาคม 63\nมีนาคม 63\n1 พ.ย. -30 ก.ย.63",
            [
                (D(2019, 10, 1), D(2019, 10, 30)),
                (D(2019, 11, 1), D(2019, 11, 1)),
                (D(2020, 3, 1), D(2020, 3, 31)),
                (D(2020, 3, 1), D(2020, 3, 31)),
                (D(2019, 11, 1), D(2020, 9, 30)),
            ],
            id="one-period-per-line-duplicates-kept",
        ),
        pytest.param(
            "เมษายน – สิงหาคม 2563\nพฤศจิกายน 2562 –  มีนาคม 2563",
            [(D(2020, 4, 1), D(2020, 8, 31)), (D(2019, 11, 1), D(2020, 3, 31))],
            id="two-month-ranges",
        ),
        pytest.param(
            "ไตรมาส\n\n๓ - ๔", [(D(2020, 4, 1), D(2020, 9, 30))], id="quarter-split-over-lines"
        ),
        pytest.param(
            "ส.ค. – ก.ย.\n๒๕๖3", [(D(2020, 8, 1), D(2020, 9, 30))], id="year-on-next-line"
        ),
        pytest.param(
            "ส.ค. –\nก.ย. ๒๕๖3", [(D(2020, 8, 1), D(2020, 9, 30))], id="range-open-at-line-end"
        ),
        pytest.param(
            "หมายเหตุ\nตุลาคม 2562", [(D(2019, 10, 1), D(2019, 10, 31))], id="noise-line-first"
        ),
        pytest.param(
            "ตุลาคม 2562 และ มีนาคม 2563",
            [(D(2019, 10, 1), D(2019, 10, 31)), (D(2020, 3, 1), D(2020, 3, 31))],
            id="two-periods-in-one-line",
        ),
        pytest.param("", [], id="empty-cell"),
        pytest.param("สพป.ยโสธร เขต ๒\nกลุ่มนโยบายและแผน", [], id="no-period"),
    ],
)
def test_parse_periods(cell: str, expected: list[tuple[date, date]]) -> None:
    assert parse_periods(cell, FY2563) == [Period(*span) for span in expected]


def test_parse_periods_accepts_cell_lines() -> None:
    lines = ("ส.ค. – ก.ย.", "๒๕๖3", "", "ไตรมาส", "", "๓ - ๔")
    assert parse_periods(lines) == [Period(D(2020, 8, 1), D(2020, 9, 30))]
    assert parse_periods(lines, FY2563) == [
        Period(D(2020, 8, 1), D(2020, 9, 30)),
        Period(D(2020, 4, 1), D(2020, 9, 30)),
    ]


# -- properties ------------------------------------------------------------------------------

DAYS = st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31))


@settings(database=None)
@given(DAYS, st.booleans(), st.booleans())
def test_any_written_day_reads_back(day: date, abbreviated: bool, thai_digits: bool) -> None:
    names = THAI_MONTH_ABBREVIATIONS if abbreviated else THAI_MONTH_NAMES
    text = f"{day.day} {names[day.month - 1]} {ce_to_be(day.year)}"
    if thai_digits:
        text = to_thai_digits(text)
    assert parse_thai_date(text) == day


@settings(database=None)
@given(DAYS, st.integers(min_value=0, max_value=400))
def test_any_written_range_reads_back(start: date, length: int) -> None:
    end = start + timedelta(days=length)
    if end.year > 2100:
        return
    text = (
        f"{start.day} {THAI_MONTH_NAMES[start.month - 1]} {ce_to_be(start.year)} ถึง "
        f"{end.day} {THAI_MONTH_ABBREVIATIONS[end.month - 1]}{ce_to_be(end.year) % 100:02d}"
    )
    if 1957 <= end.year <= 2056:  # two-digit BE years mean 25xx
        assert parse_period(text) == Period(start, end)


@settings(database=None)
@given(st.integers(min_value=2400, max_value=2700))
def test_fiscal_year_months_and_quarters_agree(fy: int) -> None:
    all_months = fiscal_months(fy)
    assert len(set(all_months)) == 12 and all_months == sorted(all_months)
    assert all_months[0] == D(be_to_ce(fy) - 1, 10, 1)
    assert [m for q in range(1, 5) for m in fiscal_quarter_months(q, fy)] == all_months
    assert {fiscal_year_of(m) for m in all_months} == {fy}
    start, end = fiscal_year_bounds(fy)
    assert Period(start, end).months() == all_months


@pytest.mark.parametrize(
    ("token", "month"),
    [("พฤษภาค", 5), ("ตุลาค", 10), ("กุมภาพัน", 2), ("กรกฎ", 7)],
)
def test_month_name_cut_short_in_a_narrow_header(token: str, month: int) -> None:
    assert month_number(token) == month


@pytest.mark.parametrize("token", ["ประชุม", "มกราคม 2563", "กร"])
def test_words_that_only_start_like_a_month_are_not_months(token: str) -> None:
    assert month_number(token) is None
