"""Field, budget-line and schedule comparisons of one matched pair of projects."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from pipeline.diff.compare import (
    YearShift,
    compare_date,
    compare_fields,
    compare_money,
    compare_persons,
    compare_text,
)
from pipeline.diff.lines import compare_budget_lines, compare_schedule
from pipeline.diff.model import FieldChange
from tests.diff.builders import activity, line, months

SHIFT = YearShift(2563, 2564)


def as_tuples(changes: list[FieldChange]) -> list[tuple[object, ...]]:
    return [(c.field, c.aspect, c.item, c.old_value, c.new_value) for c in changes]


def project_row(**fields: object) -> pd.Series:
    base: dict[str, object] = {
        "project_id": "x-001", "name": "สภากาแฟ", "priority": 8, "unit": "กลุ่มอำนวยการ",
        "plan": "พื้นฐาน", "project_type": "โครงการต่อเนื่อง",
        "responsible_persons": ["น.ส.ประยูร เรืองศรี"],
        "start_date": dt.date(2019, 10, 1), "end_date": dt.date(2020, 9, 30),
        "budget_summary": Decimal("58800.00"), "budget_stated": Decimal("58800.00"),
        "budget_table_total": Decimal("49000.00"), "budget_compensation": None,
        "budget_operating": Decimal("49000.00"), "budget_materials": None,
    }
    base.update(fields)
    return pd.Series(base, dtype=object)


def next_year(**fields: object) -> pd.Series:
    """The same project one plan later: dates moved one year, nothing else changed."""
    shifted: dict[str, object] = {"start_date": dt.date(2020, 10, 1),
                                  "end_date": dt.date(2021, 9, 30)}
    return project_row(**(shifted | fields))


def test_same_project_next_year_has_no_change() -> None:
    assert compare_fields(project_row(), next_year(), SHIFT) == []


@pytest.mark.parametrize(("field", "new", "old_text", "new_text"), [
    ("budget_summary", Decimal("60000"), "58800.00", "60000.00"),
    ("budget_stated", None, "58800.00", None),
    ("budget_table_total", Decimal("58800.00"), "49000.00", "58800.00"),
    ("budget_compensation", Decimal("1200"), None, "1200.00"),
    ("budget_operating", Decimal("47800.00"), "49000.00", "47800.00"),
    ("budget_materials", Decimal("500.50"), None, "500.50"),
    ("unit", "กลุ่มนโยบายและแผน", "กลุ่มอำนวยการ", "กลุ่มนโยบายและแผน"),
    ("plan", "แผนงานยุทธศาสตร์", "พื้นฐาน", "แผนงานยุทธศาสตร์"),
    ("project_type", "โครงการใหม่", "โครงการต่อเนื่อง", "โครงการใหม่"),
    ("priority", 3, "8", "3"),
    ("responsible_persons", ["นายสมัย พรสินธุเศรษฐ์"], "น.ส.ประยูร เรืองศรี",
     "นายสมัย พรสินธุเศรษฐ์"),
    ("start_date", dt.date(2021, 1, 1), "2019-10-01", "2021-01-01"),
    ("end_date", None, "2020-09-30", None),
])
def test_each_field_change_is_reported_once(field: str, new: object, old_text: str | None,
                                            new_text: str | None) -> None:
    changes = compare_fields(project_row(), next_year(**{field: new}), SHIFT)
    assert as_tuples(changes) == [(field, None, None, old_text, new_text)]


def test_one_unit_spelled_another_way_is_no_change() -> None:
    """Units compare on their unit_key (normalize/units.py), with or without the column."""
    old = project_row(unit="กลุ่มนิเทศ ติดตามและประเมินผล การจัดการศึกษา")
    new = next_year(unit="กลุ่มนิเทศติดตามประเมินผลการจัดการศึกษา", unit_key="supervision")
    assert compare_fields(old, new, SHIFT) == []
    moved = next_year(unit="กลุ่มนโยบาย และแผน", unit_key="policy_and_planning")
    assert as_tuples(compare_fields(old, moved, SHIFT)) == [
        ("unit", None, None, "กลุ่มนิเทศ ติดตามและประเมินผล การจัดการศึกษา", "กลุ่มนโยบาย และแผน")]


def test_money_null_and_zero_are_both_no_money() -> None:
    assert compare_money(None, Decimal("0.00")) is None
    assert compare_money(Decimal("0"), Decimal("0.00")) is None
    assert compare_money(None, Decimal("1")) == (None, "1.00")


def test_persons_compare_as_sets_with_titles_either_way() -> None:
    old = ["น.ส.ประยูร เรืองศรี", "นางวราภรณ์ สิงห์คิบุตร"]
    assert compare_persons(old, ["นางวราภรณ์ สิงห์คิบุตร", "นางสาวประยูร เรืองศรี"]) is None
    assert compare_persons(old, old[:1]) == ("น.ส.ประยูร เรืองศรี; นางวราภรณ์ สิงห์คิบุตร",
                                             "น.ส.ประยูร เรืองศรี")
    assert compare_persons(None, []) is None


def test_dates_compare_by_their_place_in_the_fiscal_year() -> None:
    assert compare_date(dt.date(2019, 10, 1), dt.date(2020, 10, 1), SHIFT) is None
    assert compare_date(dt.date(2019, 10, 1), dt.date(2019, 10, 1), SHIFT) == (
        "2019-10-01", "2019-10-01")
    assert compare_date(dt.date(2020, 2, 29), dt.date(2021, 2, 28), SHIFT) is None
    assert compare_date(None, None, SHIFT) is None
    two_years = YearShift(2563, 2565)
    assert compare_date(dt.date(2019, 10, 1), dt.date(2021, 10, 1), two_years) is None


def test_text_fields_ignore_spacing_digits_and_roll_over() -> None:
    assert compare_text("กลุ่มนโยบาย และแผน", "กลุ่มนโยบายและแผน", SHIFT) is None
    assert compare_text("แผนปี ๒๕๖๓", "แผนปี 2564", SHIFT) is None
    assert compare_text(None, "", SHIFT) is None


# -- budget lines -------------------------------------------------------------------


def lines(doc: str, rows: list[tuple[int, str, int | None, int | None]]) -> pd.DataFrame:
    return pd.DataFrame([line(doc, 1, n, item, operating=op, total=total)
                         for n, item, op, total in rows])


OLD_LINES = lines("a", [
    (1, "ค่าอาหารว่าง ๒๒๐ คน x 30 บาท x 6 ครั้ง", 39600, 39600),
    (2, "ค่าวัสดุโครงการ", None, 27600),
    (3, "จัดทำรายงานผลการศึกษาประจำปีงบประมาณ ๒๕๖2", 20000, 20000),
])


def test_same_lines_in_another_order_and_year_are_no_change() -> None:
    new = lines("b", [
        (1, "จัดทำรายงานผลการศึกษาประจำปีงบประมาณ 2563", 20000, 20000),
        (2, "ค่าวัสดุโครงการ", 0, 27600),
        (3, "ค่าอาหารว่าง 220 คน x 30 บาท x 6 ครั้ง", 39600, 39600),
    ])
    assert compare_budget_lines(OLD_LINES, new, SHIFT) == []


def test_changed_added_and_removed_lines() -> None:
    new = lines("b", [
        (1, "ค่าอาหารว่าง ๒๒๐ คน x 30 บาท x 6 ครั้ง", 30000, 30000),
        (2, "จัดทำรายงานผลการศึกษาประจำปีงบประมาณ ๒๕๖3", 20000, 20000),
        (3, "ค่าจ้างเหมาจัดทำเอกสาร", 5000, 5000),
    ])
    item = "ค่าอาหารว่าง ๒๒๐ คน x 30 บาท x 6 ครั้ง"
    assert as_tuples(compare_budget_lines(OLD_LINES, new, SHIFT)) == [
        ("budget_lines", "amounts", item, "operating 39600.00, total 39600.00",
         "operating 30000.00, total 30000.00"),
        ("budget_lines", "removed", "ค่าวัสดุโครงการ", "total 27600.00", None),
        ("budget_lines", "added", "ค่าจ้างเหมาจัดทำเอกสาร", None,
         "operating 5000.00, total 5000.00"),
    ]


def test_a_slightly_reworded_line_is_one_line_with_a_text_change() -> None:
    reworded = "ค่าอาหารว่าง ๒๕๐ คน x 30 บาท x 6 ครั้ง"
    new = lines("b", [
        (1, reworded, 45000, 45000),
        (2, "ค่าวัสดุโครงการ", None, 27600),
        (3, "จัดทำรายงานผลการศึกษาประจำปีงบประมาณ ๒๕๖3", 20000, 20000),
    ])
    assert as_tuples(compare_budget_lines(OLD_LINES, new, SHIFT)) == [
        ("budget_lines", "text", reworded, OLD_LINES.loc[0, "item"], reworded),
        ("budget_lines", "amounts", reworded, "operating 39600.00, total 39600.00",
         "operating 45000.00, total 45000.00"),
    ]


def test_the_same_year_written_in_both_plans_is_a_different_item() -> None:
    # "๒๕๖2" is the previous year in FY2563 but two years back in FY2564: a new report.
    old = lines("a", [(1, "รายงานผลประจำปีงบประมาณ ๒๕๖2", 20000, 20000)])
    new = lines("b", [(1, "รายงานผลประจำปีงบประมาณ ๒๕๖2", 20000, 20000)])
    assert [c.aspect for c in compare_budget_lines(old, new, SHIFT)] == ["text"]


def test_in_budget_column_counts_only_where_both_tables_have_it() -> None:
    old = pd.DataFrame([line("a", 1, 1, "ค่าวัสดุ", materials=500, total=500,
                             budget_subtotal=500)])
    no_column = pd.DataFrame([line("b", 1, 1, "ค่าวัสดุ", materials=500, total=500)])
    assert compare_budget_lines(old, no_column, SHIFT) == []
    other = pd.DataFrame([line("b", 1, 1, "ค่าวัสดุ", materials=500, total=500,
                               budget_subtotal=0)])
    assert as_tuples(compare_budget_lines(old, other, SHIFT)) == [
        ("budget_lines", "amounts", "ค่าวัสดุ", "budget_subtotal 500.00", "budget_subtotal 0.00")]


def test_repeated_items_pair_under_the_same_heading() -> None:
    old = pd.DataFrame([
        line("a", 1, 1, "- ค่าอาหารว่าง", operating=1080, item_group="๑.๑ ประชุมคณะกรรมการ"),
        line("a", 1, 2, "- ค่าอาหารว่าง", operating=2220, item_group="๑.๒ ประชุมยกร่าง"),
    ])
    new = pd.DataFrame([
        line("b", 1, 1, "- ค่าอาหารว่าง", operating=2220, item_group="1.2 ประชุมยกร่าง"),
        line("b", 1, 2, "- ค่าอาหารว่าง", operating=1080, item_group="1.1 ประชุมคณะกรรมการ"),
    ])
    assert compare_budget_lines(old, new, SHIFT) == []


# -- schedule -------------------------------------------------------------------------


def schedule(doc: str, *acts: tuple[str, list[dt.date]]) -> pd.DataFrame:
    return pd.DataFrame([r for text, ms in acts for r in activity(doc, 1, text, ms)])


OLD_SCHEDULE = schedule(
    "a",
    ("1. ขออนุมัติโครงการ", months((2019, 10))),
    ("2. ประชุมวางแผน", months((2019, 11), (2019, 12))),
    ("3. รายงานผล", months((2020, 9))),
)


def test_schedule_one_year_later_is_no_change() -> None:
    new = schedule(
        "b",
        ("1. ขออนุมัติโครงการ", months((2020, 10))),
        ("2. ประชุมวางแผน", months((2020, 11), (2020, 12))),
        ("3. รายงานผล", months((2021, 9))),
    )
    assert compare_schedule(OLD_SCHEDULE, new, SHIFT) == []


def test_schedule_months_added_and_removed_activities() -> None:
    new = schedule(
        "b",
        ("1. ขออนุมัติโครงการ", months((2020, 10))),
        ("2. ประชุมวางแผน", months((2020, 11), (2021, 1))),
        ("3. นิเทศติดตาม", months((2021, 3))),
    )
    assert as_tuples(compare_schedule(OLD_SCHEDULE, new, SHIFT)) == [
        ("schedule", "months", "2. ประชุมวางแผน", "2019-11, 2019-12", "2020-11, 2021-01"),
        ("schedule", "removed", "3. รายงานผล", "2020-09", None),
        ("schedule", "added", "3. นิเทศติดตาม", None, "2021-03"),
    ]


def test_an_activity_written_twice_is_one_activity() -> None:
    old = schedule("a", ("ประชุม", months((2019, 10))), ("ประชุม ", months((2019, 11))))
    new = schedule("b", ("ประชุม", months((2020, 10), (2020, 11))))
    assert compare_schedule(old, new, SHIFT) == []
