"""School wording (issue 9): งาน/โครงการ and ชื่อกิจกรรม name the project, in its header and
in the summary's name column; a summary names each row's strategy in a column of its own."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.process import process_file
from pipeline.records import PlanData
from tests.fixtures.small_plans import plan

D = Decimal
REST_OF_HEADER = ["แผนงาน บริหารวิชาการ", "ผู้รับผิดชอบ นางสาวสมใจ ใจดี",
                  "ระยะเวลาดำเนินการ ตุลาคม 2566 - กันยายน 2567"]
BUDGET = [["ที่", "รายการ", "ค่าวัสดุ", "รวม"], ["1", "หนังสือนิทาน", "5,000", "5,000"],
          ["", "รวม", "5,000", "5,000"]]


def _run(tmp_path: Path, **parts: object) -> PlanData:
    return process_file(plan(tmp_path / "plan.docx", **parts))  # type: ignore[arg-type]


@pytest.mark.parametrize("label", ["งาน/โครงการ", "ชื่องาน/โครงการ", "ชื่อกิจกรรม",
                                   "งาน/โครงการ :", "1. ชื่องาน/โครงการ/กิจกรรม"])
@pytest.mark.parametrize("column", ["งาน/โครงการ", "ชื่องาน/โครงการ", "ชื่อกิจกรรม"])
def test_school_name_labels_in_header_and_summary(tmp_path: Path, label: str,
                                                  column: str) -> None:
    data = _run(tmp_path, header=[f"{label} ส่งเสริมการอ่าน", *REST_OF_HEADER], budget=BUDGET,
                summary=[["ที่", column, "งบประมาณ", "ผู้รับผิดชอบ"],
                         ["1", "ส่งเสริมการอ่าน", "5,000", "กลุ่มบริหารวิชาการ"],
                         ["", "รวม", "5,000", ""]])
    assert [(s.priority, s.project_name, s.budget_esa, s.unit) for s in data.summary] == [
        (1, "ส่งเสริมการอ่าน", D("5000.00"), "กลุ่มบริหารวิชาการ")]
    assert [(p.name, p.budget_summary, p.budget_table_total) for p in data.projects] == [
        ("ส่งเสริมการอ่าน", D("5000.00"), D("5000.00"))]
    assert not [f for f in data.findings if f.kind.startswith("unmatched")]


def test_an_activity_table_inside_a_project_is_not_a_summary(tmp_path: Path) -> None:
    # inside a project, ชื่อกิจกรรม / งบประมาณ / ผู้รับผิดชอบ lists the project's activities
    data = _run(tmp_path, budget=[["ที่", "ชื่อกิจกรรม", "งบประมาณ", "ผู้รับผิดชอบ"],
                                  ["1", "ค่ายรักการอ่าน", "5,000", "นางสาวสมใจ"],
                                  ["", "รวม", "5,000", ""]])
    assert data.summary == []
    assert [(b.item, b.total) for b in data.budget_lines] == [("ค่ายรักการอ่าน", D("5000.00"))]


def _summary_with_strategy_column(header: str, first: str, second: str) -> list[list[str]]:
    return [[header, "ที่", "โครงการ", "งบประมาณ", "ผู้รับผิดชอบ"],
            [first, "1", "ส่งเสริมการอ่าน", "5,000", "กลุ่มบริหารวิชาการ"],
            ["", "2", "พัฒนาครู", "3,000", "กลุ่มบริหารงานบุคคล"],
            [second, "3", "โรงเรียนปลอดภัย", "2,000", "กลุ่มบริหารทั่วไป"],
            ["รวม", "", "", "10,000", ""]]


@pytest.mark.parametrize("header, first, second, names", [
    ("กลยุทธ์", "กลยุทธ์ที่ 1", "กลยุทธ์ที่ 2", (None, None)),
    ("สนองกลยุทธ์ที่", "1", "2", (None, None)),
    ("ยุทธศาสตร์ สพป.", "๑", "๒", (None, None)),
    ("กลยุทธ์โรงเรียน", "1. พัฒนาผู้เรียน", "2. บริหารจัดการ", ("พัฒนาผู้เรียน", "บริหารจัดการ")),
])
def test_a_strategy_column_gives_each_row_its_strategy(
        tmp_path: Path, header: str, first: str, second: str,
        names: tuple[str | None, str | None]) -> None:
    # the first strategy's cell is merged down over its two projects
    data = _run(tmp_path, strategy="สรุปโครงการตามแผนปฏิบัติการ",
                summary=_summary_with_strategy_column(header, first, second),
                merge_down=[(1, 0, 2)])
    assert [(s.strategy_no, s.strategy_name, s.priority, s.project_name, s.budget_esa)
            for s in data.summary] == [
        (1, names[0], 1, "ส่งเสริมการอ่าน", D("5000.00")),
        (1, names[0], 2, "พัฒนาครู", D("3000.00")),
        (2, names[1], 3, "โรงเรียนปลอดภัย", D("2000.00"))]
    # the strategy numbers are never read as money
    assert not [f for f in data.findings if f.kind in ("summary_total", "row_sum",
                                                       "unmapped_column")]
    assert {a.amount for a in data.summary_amounts if a.row_kind == "line"} == {
        D("5000.00"), D("3000.00"), D("2000.00")}


def test_the_project_takes_the_strategy_of_its_summary_row(tmp_path: Path) -> None:
    data = _run(tmp_path, strategy="สรุปโครงการ", budget=BUDGET,
                summary=[["กลยุทธ์", "ที่", "โครงการ", "งบประมาณ", "ผู้รับผิดชอบ"],
                         ["กลยุทธ์ที่ 3", "1", "ส่งเสริมการอ่าน", "5,000", "กลุ่มบริหารวิชาการ"],
                         ["รวม", "", "", "5,000", ""]])
    assert [(p.name, p.strategy_no) for p in data.projects] == [("ส่งเสริมการอ่าน", 3)]


@pytest.mark.parametrize("as_table", [False, True])
def test_a_numbered_title_above_the_next_project_does_not_end_the_one_before(
        tmp_path: Path, as_table: bool) -> None:
    from docx import Document

    from tests.fixtures.small_plans import add_table

    doc = Document()
    doc.add_paragraph("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2567")
    for n, name in ((1, "ส่งเสริมการอ่าน"), (2, "พัฒนาครู")):
        doc.add_paragraph(f"โครงการที่ {n}")
        fields = [("ชื่องาน/โครงการ", name), ("แผนงาน", "บริหารวิชาการ"),
                  ("ผู้รับผิดชอบ", "นางสาวสมใจ ใจดี"),
                  ("ระยะเวลาดำเนินการ", "ตุลาคม 2566 - กันยายน 2567")]
        if as_table:
            add_table(doc, [list(pair) for pair in fields])
        else:
            for label, value in fields:
                doc.add_paragraph(f"{label} : {value}")
        doc.add_paragraph("1. ผลที่คาดว่าจะได้รับ")
        doc.add_paragraph(f"ผลของโครงการ{name}")
    doc.save(tmp_path / "plan.docx")
    data = process_file(tmp_path / "plan.docx")
    assert [(p.name, p.expected_results) for p in data.projects] == [
        ("ส่งเสริมการอ่าน", ["ผลของโครงการส่งเสริมการอ่าน"]),
        ("พัฒนาครู", ["ผลของโครงการพัฒนาครู"])]
