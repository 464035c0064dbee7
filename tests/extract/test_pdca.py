"""PDCA activity tables: each activity a step lists is its own schedule entry (issue 9).

School plans write วิธีดำเนินการ as the PDCA cycle: a step ("ขั้นวางแผน (P)") in a column of
its own or in a row above, its activities packed in one cell ("1. ประชุมคณะกรรมการ
2. จัดทำโครงการ") under one period ("ต.ค. 62", "ต.ค.62 - ก.ย.63").
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

from pipeline.extract.lists import split_inline_numbered
from pipeline.process import process_file
from pipeline.records import PlanData
from tests.fixtures.small_plans import Rows, add_table

PLAN = "ขั้นวางแผน (P)"
DO = "ขั้นดำเนินการ (D)"
CHECK = "ขั้นตรวจสอบ (C)"
ACT = "ขั้นปรับปรุง (A)"
FY2563 = [dt.date(2019, m, 1) for m in (10, 11, 12)] + [dt.date(2020, m, 1) for m in range(1, 10)]


def _plan(tmp_path: Path, rows: Rows, merge_down: tuple[int, int, int] | None = None
          ) -> PlanData:
    doc = Document()
    doc.add_paragraph("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2563")
    doc.add_paragraph("โรงเรียนบ้านหนองบัว")
    doc.add_page_break()
    for line in ("โครงการ ส่งเสริมการอ่าน", "แผนงาน บริหารวิชาการ",
                 "ผู้รับผิดชอบ นางสาวสมใจ ใจดี", "ระยะเวลาดำเนินการ ตุลาคม 2562 - กันยายน 2563"):
        doc.add_paragraph(line)
    doc.add_paragraph("1. หลักการและเหตุผล")
    doc.add_paragraph("การอ่านเป็นพื้นฐานของการเรียนรู้")
    doc.add_paragraph("2. วิธีดำเนินการ")
    table = add_table(doc, rows)
    if merge_down is not None:
        col, first, last = merge_down
        text = table.cell(first, col).text
        table.cell(first, col).merge(table.cell(last, col)).text = text
    path = tmp_path / "plan.docx"
    doc.save(path)
    return process_file(path)


def _entries(data: PlanData) -> list[tuple[str, str | None, dt.date]]:
    return [(s.activity, s.activity_group, s.month) for s in data.schedule]


def test_a_step_column_and_numbered_activities_sharing_one_period(tmp_path: Path) -> None:
    data = _plan(tmp_path, [
        ["ขั้นตอน", "กิจกรรม", "เวลา", "ผู้รับผิดชอบ"],
        [PLAN, "1. ประชุมคณะกรรมการ 2. จัดทำโครงการ", "ต.ค. 62", "นางสาวสมใจ"],
        [DO, "1. จัดกิจกรรมรักการอ่าน\n2. ประกวดยอดนักอ่าน", "ต.ค.62 - ก.ย.63", "นางสาวสมใจ"],
        [CHECK, "ประเมินผลการดำเนินงาน", "ส.ค. 63", "นางสาวสมใจ"],
        [ACT, "1. สรุปและรายงานผล", "ก.ย. 63", "นางสาวสมใจ"]])
    assert _entries(data) == [
        ("1. ประชุมคณะกรรมการ", PLAN, dt.date(2019, 10, 1)),
        ("2. จัดทำโครงการ", PLAN, dt.date(2019, 10, 1)),
        *(("1. จัดกิจกรรมรักการอ่าน", DO, month) for month in FY2563),
        *(("2. ประกวดยอดนักอ่าน", DO, month) for month in FY2563),
        ("ประเมินผลการดำเนินงาน", CHECK, dt.date(2020, 8, 1)),
        ("1. สรุปและรายงานผล", ACT, dt.date(2020, 9, 1)),
    ]
    assert {s.mark for s in data.schedule if s.activity_group == PLAN} == {"ต.ค. 62"}
    assert {s.source for s in data.schedule} == {"period"}


def test_steps_as_rows_above_their_activities(tmp_path: Path) -> None:
    data = _plan(tmp_path, [
        ["ที่", "กิจกรรม/วิธีดำเนินการ", "ระยะเวลา"],
        ["", PLAN, ""],
        ["1", "ประชุมคณะกรรมการ", "ต.ค. 62"],
        ["", DO, ""],
        ["2", "1. จัดกิจกรรมรักการอ่าน 2. ประกวดยอดนักอ่าน", "พ.ย. 62"],
        ["", "ขั้นตรวจสอบ/ประเมินผล (C)", ""],
        ["3", "นิเทศ ติดตาม", "ก.พ. 63"]])
    assert _entries(data) == [
        ("ประชุมคณะกรรมการ", PLAN, dt.date(2019, 10, 1)),
        ("1. จัดกิจกรรมรักการอ่าน", DO, dt.date(2019, 11, 1)),
        ("2. ประกวดยอดนักอ่าน", DO, dt.date(2019, 11, 1)),
        ("นิเทศ ติดตาม", "ขั้นตรวจสอบ/ประเมินผล (C)", dt.date(2020, 2, 1)),
    ]


def test_a_step_cell_merged_down_over_its_activities(tmp_path: Path) -> None:
    data = _plan(tmp_path, [
        ["ขั้นตอน", "รายการกิจกรรม", "ระยะเวลาดำเนินการ"],
        [DO, "จัดกิจกรรมรักการอ่าน", "พ.ย. 62"],
        ["", "ประกวดยอดนักอ่าน", "ธ.ค. 62"],
        [CHECK, "ประเมินผล", "ม.ค. 63"]], merge_down=(0, 1, 2))
    assert _entries(data) == [("จัดกิจกรรมรักการอ่าน", DO, dt.date(2019, 11, 1)),
                              ("ประกวดยอดนักอ่าน", DO, dt.date(2019, 12, 1)),
                              ("ประเมินผล", CHECK, dt.date(2020, 1, 1))]


def test_a_gantt_chart_with_a_step_column(tmp_path: Path) -> None:
    months = ["ต.ค. 62", "พ.ย. 62", "ธ.ค. 62"]
    data = _plan(tmp_path, [
        ["PDCA", "กิจกรรม", *months],
        [PLAN, "1. ประชุมคณะกรรมการ 2. จัดทำโครงการ", "/", "", ""],
        [DO, "จัดกิจกรรมรักการอ่าน", "", "/", "/"]])
    assert _entries(data) == [
        ("1. ประชุมคณะกรรมการ", PLAN, dt.date(2019, 10, 1)),
        ("2. จัดทำโครงการ", PLAN, dt.date(2019, 10, 1)),
        ("จัดกิจกรรมรักการอ่าน", DO, dt.date(2019, 11, 1)),
        ("จัดกิจกรรมรักการอ่าน", DO, dt.date(2019, 12, 1)),
    ]


def test_a_bulleted_detail_outside_a_pdca_step_stays_one_activity(tmp_path: Path) -> None:
    data = _plan(tmp_path, [
        ["ที่", "กิจกรรม", "ระยะเวลา"],
        ["1", "การทำสัญญาจ้าง\n- แต่งตั้งคณะทำงาน\n- ตรวจรับเอกสาร", "ต.ค. 62"]])
    assert _entries(data) == [("การทำสัญญาจ้าง - แต่งตั้งคณะทำงาน - ตรวจรับเอกสาร", None,
                               dt.date(2019, 10, 1))]


def test_inline_numbered_items_are_split_only_in_sequence() -> None:
    assert split_inline_numbered("1. ประชุม 2. จัดทำโครงการ 3. รายงาน") == [
        "1. ประชุม", "2. จัดทำโครงการ", "3. รายงาน"]
    assert split_inline_numbered("๑) ประชุม ๒) อบรม") == ["๑) ประชุม", "๒) อบรม"]
    # a number that does not follow the last item's is part of the item
    assert split_inline_numbered("1. อบรม 3. วัน 2. นิเทศ") == ["1. อบรม 3. วัน", "2. นิเทศ"]
    assert split_inline_numbered("ประชุม 1. ครั้ง 2. ครั้ง") == ["ประชุม 1. ครั้ง 2. ครั้ง"]
    assert split_inline_numbered("1. งบ 1.5 ล้าน") == ["1. งบ 1.5 ล้าน"]
