from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.numbers import (
    AmountMatch,
    find_amounts,
    find_stated_budget,
    parse_amount,
    parse_int,
)
from pipeline.normalize.text import to_thai_digits


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param(None, None, id="none"),
        pytest.param("", None, id="empty-cell-is-null"),
        pytest.param("   \n ", None, id="whitespace-cell-is-null"),
        pytest.param("-", Decimal("0.00"), id="dash-is-zero"),
        pytest.param("–", Decimal("0.00"), id="en-dash-is-zero"),
        pytest.param("—", Decimal("0.00"), id="em-dash-is-zero"),
        pytest.param("--", Decimal("0.00"), id="double-dash-is-zero"),
        pytest.param(" - ", Decimal("0.00"), id="padded-dash-is-zero"),
        pytest.param("-    บาท", Decimal("0.00"), id="dash-baht-off-budget"),
        pytest.param("20,0๐๐", Decimal("20000.00"), id="20,0๐๐-mixed-digits"),
        pytest.param("๔9,๐๐๐", Decimal("49000.00"), id="๔9,๐๐๐-mixed-digits"),
        pytest.param("5๐,๐๐๐", Decimal("50000.00"), id="5๐,๐๐๐-mixed-digits"),
        pytest.param("๑๒๐,๐๐๐", Decimal("120000.00"), id="all-thai-digits"),
        pytest.param("763,800", Decimal("763800.00"), id="summary-total"),
        pytest.param("50,000.-บาท", Decimal("50000.00"), id="no-satang-mark-and-baht"),
        pytest.param("50,000.-", Decimal("50000.00"), id="no-satang-mark"),
        pytest.param("1,234.50", Decimal("1234.50"), id="satang"),
        pytest.param("1234.567", Decimal("1234.57"), id="rounded-to-satang"),
        pytest.param("200,000 บาท", Decimal("200000.00"), id="baht-word"),
        pytest.param("200,000\nบาท", Decimal("200000.00"), id="baht-on-next-line"),
        pytest.param("50,000 บาทถ้วน", Decimal("50000.00"), id="baht-even"),
        pytest.param("฿1,500", Decimal("1500.00"), id="baht-sign"),
        pytest.param("20, 000", Decimal("20000.00"), id="pdf-space-after-comma"),
        pytest.param("20 ,000", Decimal("20000.00"), id="pdf-space-before-comma"),
        pytest.param("0", Decimal("0.00"), id="zero"),
        pytest.param("1.5 ล้านบาท", Decimal("1500000.00"), id="million-baht"),
        pytest.param("50,000\n(ห้าหมื่นบาทถ้วน)", Decimal("50000.00"), id="amount-then-words"),
        pytest.param("(ห้าหมื่นบาทถ้วน)", None, id="(ห้าหมื่นบาทถ้วน)-words-only"),
        pytest.param("ค่าอาหาร 30 คน", None, id="ค่าอาหาร-30-คน-not-an-amount"),
        pytest.param("2 - 3", None, id="range-not-an-amount"),
        pytest.param("1,2", None, id="bad-grouping"),
        pytest.param("12 34", None, id="two-numbers"),
        pytest.param("รวม", None, id="label"),
    ],
)
def test_parse_amount(cell: str | None, expected: Decimal | None) -> None:
    result = parse_amount(cell)
    assert result == expected
    if result is not None:
        assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "๕.๑ งบประมาณ ๒๕๖3  จำนวนทั้งสิ้น   20,0๐๐  บาท",
            [
                AmountMatch(Decimal("5.1"), 0, 3, "๕.๑"),
                AmountMatch(Decimal("2563"), 13, 17, "๒๕๖3"),
                AmountMatch(Decimal("20000"), 35, 41, "20,0๐๐"),
            ],
            id="budget-sentence-thai-digits",
        ),
        pytest.param(
            "ค่าอาหาร 30 คน x 120 บาท",
            [AmountMatch(Decimal(30), 9, 11, "30"), AmountMatch(Decimal(120), 17, 20, "120")],
            id="formula-numbers",
        ),
        pytest.param(
            "รวม 20, 000 บาท",
            [AmountMatch(Decimal(20000), 4, 11, "20, 000")],
            id="pdf-space-after-comma",
        ),
        pytest.param(
            "50,000.-บาท",
            [AmountMatch(Decimal(50000), 0, 6, "50,000")],
            id="no-satang-mark-not-a-decimal",
        ),
        pytest.param(
            "ค่าวัสดุ.....5,000 บาท",
            [AmountMatch(Decimal(5000), 13, 18, "5,000")],
            id="after-dot-leaders",
        ),
        pytest.param(  # after one dot: the tail of a numbering, not a number of its own
            "1.2.3 ก.5",
            [AmountMatch(Decimal("1.2"), 0, 3, "1.2")],
            id="not-after-one-dot",
        ),
        pytest.param("Big Data", [], id="no-numbers"),
    ],
)
def test_find_amounts(text: str, expected: list[AmountMatch]) -> None:
    assert find_amounts(text) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("๑", 1, id="thai-digit"),
        pytest.param("12", 12, id="arabic"),
        pytest.param("๑๒.", 12, id="trailing-dot"),
        pytest.param(" 1.\n", 1, id="padded"),
        pytest.param("3)", 3, id="closing-paren"),
        pytest.param("(4)", 4, id="parenthesised"),
        pytest.param("1.2", None, id="sub-item-number"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
        pytest.param("รวม", None, id="text"),
    ],
)
def test_parse_int(cell: str | None, expected: int | None) -> None:
    assert parse_int(cell) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        pytest.param(
            "5.1 งบประมาณ 2563  จำนวนทั้งสิ้น      200,000 บาท", Decimal(200000),
            id="5.1-year-after-งบประมาณ-is-not-money",
        ),
        pytest.param(
            "5.1 งบประมาณ 2563  จำนวนทั้งสิ้น      200,000                \nบาท", Decimal(200000),
            id="baht-on-next-line",
        ),
        pytest.param(
            "๕.๑ งบประมาณ ๒๕๖3  จำนวนทั้งสิ้น   20,0๐๐  บาท", Decimal(20000),
            id="๕.๑-thai-section-and-year",
        ),
        pytest.param(
            "๖. รายละเอียดการใช้งบประมาณ  จำนวน   120,0๐๐   บาท", Decimal(120000),
            id="๖.-section-number-not-money",
        ),
        pytest.param(
            "งบประมาณจำนวน 5๐,๐๐๐ บาท (ห้าหมื่นบาทถ้วน)", Decimal(50000),
            id="amount-in-words-after",
        ),
        pytest.param(
            "งบประมาณ 2563 จำนวนทั้งสิ้น 50,000.-บาท", Decimal(50000),
            id="no-satang-mark-before-baht",
        ),
        pytest.param("๖. งบประมาณ  จำนวน  58,8๐๐ บาท", Decimal(58800), id="๖.-งบประมาณ-จำนวน"),
        pytest.param("๔.  งบประมาณ    50,000   บาท", Decimal(50000), id="๔.-no-จำนวน"),
        pytest.param(
            "5. รายละเอียดการใช้งบประมาณ  จำนวน  25,0๐๐  บาท ( ขอถัวเฉลี่ยจ่ายทุกรายการ )",
            Decimal(25000),
            id="note-in-parens-after",
        ),
        pytest.param(
            " งบประมาณ ๒๕๖3 จำนวนทั้งสิ้น    ๕๐,๐๐๐  บาท  ", Decimal(50000),
            id="all-thai-digits-no-section",
        ),
        pytest.param(
            "6. รายละเอียดการใช้งบประมาณ  จำนวน   ๔0,00๐  บาท", Decimal(40000),
            id="๔0,00๐-mixed",
        ),
        pytest.param(
            "ประจำปีงบประมาณ พ.ศ.2563 จำนวน 50,000 บาท", Decimal(50000),
            id="year-after-พ.ศ.-is-not-money",
        ),
        pytest.param(
            "งบประมาณ 2563 จำนวนทั้งสิ้น 50,000 บาท แยกเป็น - จากเงินงบประมาณ 50,000 บาท",
            Decimal(50000),
            id="first-of-equal-candidates",
        ),
        pytest.param("งบประมาณ 50,000", Decimal(50000), id="right-after-งบประมาณ-no-baht"),
        pytest.param("งบประมาณ 1.5 ล้านบาท", Decimal(1500000), id="million-baht"),
        pytest.param("5.  งบประมาณ  (ถั่วจ่ายทุกรายการ)", None, id="no-amount-stated"),
        pytest.param("งบประมาณ ๒๕๖3", None, id="only-a-year"),
        pytest.param("งบประมาณ จำนวน 30 คน", None, id="a-count-of-people-is-not-money"),
        pytest.param("", None, id="empty"),
    ],
)
def test_find_stated_budget(sentence: str, expected: Decimal | None) -> None:
    assert find_stated_budget(sentence) == expected


@settings(database=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_parse_amount_of_a_formatted_int(n: int) -> None:
    assert parse_amount(f"{n:,}") == n
    assert parse_amount(to_thai_digits(f"{n:,}")) == n
    assert parse_amount(f"{n:,}.-บาท") == n


@settings(database=None)
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_parse_amount_keeps_satang(baht: int, satang: int) -> None:
    assert parse_amount(f"{baht:,}.{satang:02d} บาท") == Decimal(f"{baht}.{satang:02d}")


@settings(database=None)
@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=5))
def test_find_amounts_positions_point_at_the_text(numbers: list[int]) -> None:
    text = " ค่า ".join(to_thai_digits(f"{n:,}") if n % 2 else f"{n:,}" for n in numbers)
    found = find_amounts(text)
    assert [m.value for m in found] == numbers
    assert all(text[m.start : m.end] == m.text for m in found)
