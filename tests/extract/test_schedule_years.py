"""Gantt month columns that print no year: placed as a run in time (issue 9, Gantt styles).

A school plans by academic year ("แผนปฏิบัติการประจำปีการศึกษา 2567": พ.ค. ... เม.ย.), an
office by fiscal year (ต.ค. ... ก.ย.); neither prints the year over its month columns. The
columns are read left to right, moving to the next year where a month comes round again,
and placed where they overlap most with the plan's fiscal year, else with the project's
period. A chart nothing places is an `undated_schedule` finding, never silently nothing.
Each plan is built here with python-docx; marks are shaded cells or "/".
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.process import process_file
from tests.fixtures.small_plans import add_table

ACADEMIC = ["พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.",
            "มี.ค.", "เม.ย."]
# the one finding of these one-project plans: they have no summary table
NO_SUMMARY = ["missing_section"]
FISCAL = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.",
          "ส.ค.", "ก.ย."]


def _shade(cell: object) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "A6A6A6")
    properties.append(shading)


def gantt_plan(path: Path, *, title: str, period: str, months: list[str],
               planned: dict[str, set[int]], shaded: bool = True) -> Path:
    """A one-project school plan whose Gantt chart has `months` as its columns; each
    activity of `planned` is marked in the columns it names (0-based)."""
    doc = Document()
    doc.add_paragraph(title)
    doc.add_paragraph("โรงเรียนวัดป่าเลไลย์ สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี เขต 1")
    add_table(doc, [["ชื่อโครงการ", "โครงการยกระดับผลสัมฤทธิ์ทางการเรียน"],
                    ["ผู้รับผิดชอบโครงการ", "นางสาวกานดา มีสุข"],
                    ["ระยะเวลาดำเนินการ", period]])
    doc.add_paragraph("1. หลักการและเหตุผล")
    doc.add_paragraph("เพื่อพัฒนาผู้เรียน")
    doc.add_paragraph("2. ปฏิทินการดำเนินงาน")
    rows = [["กิจกรรม", *months]]
    for activity, columns in planned.items():
        rows.append([activity, *("" if shaded or c not in columns else "/"
                                 for c in range(len(months)))])
    table = add_table(doc, rows)
    if shaded:
        for r, columns in enumerate(planned.values(), start=1):
            for c in columns:
                _shade(table.cell(r, 1 + c))
    doc.add_paragraph("3. งบประมาณ")
    add_table(doc, [["ที่", "รายการ", "จำนวน", "หน่วย", "ราคาต่อหน่วย", "รวมเงิน"],
                    ["1", "จัดซื้อแบบฝึกหัด", "50", "เล่ม", "150", "7,500"],
                    ["", "รวมทั้งสิ้น", "", "", "", "7,500"]])
    doc.save(str(path))
    return path


def _months(path: Path) -> tuple[list[tuple[str, dt.date, str]], list[str]]:
    data = process_file(path)
    return ([(s.activity, s.month, s.mark) for s in data.schedule],
            [f.kind for f in data.findings])


def test_academic_year_plan_runs_from_may_into_the_next_year(tmp_path: Path) -> None:
    """No fiscal year anywhere: the project's period (May 2567 - March 2568) places the
    run พ.ค. 2567 ... เม.ย. 2568, so ม.ค. is January 2025, not January 2024."""
    path = gantt_plan(tmp_path / "plan.docx", title="แผนปฏิบัติการประจำปีการศึกษา 2567",
                      period="16 พฤษภาคม 2567 - 31 มีนาคม 2568", months=ACADEMIC,
                      planned={"สอนเสริม": {0, 1, 8}, "สอบวัดผล": {10}})
    assert _months(path) == ([("สอนเสริม", dt.date(2024, 5, 1), "shaded"),
                              ("สอนเสริม", dt.date(2024, 6, 1), "shaded"),
                              ("สอนเสริม", dt.date(2025, 1, 1), "shaded"),
                              ("สอบวัดผล", dt.date(2025, 3, 1), "shaded")], NO_SUMMARY)


def test_academic_year_plan_whose_period_is_the_academic_year(tmp_path: Path) -> None:
    path = gantt_plan(tmp_path / "plan.docx", title="แผนปฏิบัติการประจำปีการศึกษา 2566",
                      period="ตลอดปีการศึกษา 2566", months=ACADEMIC,
                      planned={"ติวเข้ม": {11}}, shaded=False)
    assert _months(path) == ([("ติวเข้ม", dt.date(2024, 4, 1), "/")], NO_SUMMARY)


def test_fiscal_year_plan_with_academic_year_columns(tmp_path: Path) -> None:
    """FY2568 (Oct 2024 - Sep 2025) with a พ.ค. ... เม.ย. chart: the run May 2024 - April
    2025 overlaps the fiscal year by seven months, May 2025 - April 2026 by five."""
    path = gantt_plan(tmp_path / "plan.docx",
                      title="แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2568",
                      period="ตลอดปีงบประมาณ", months=ACADEMIC,
                      planned={"สอนเสริม": {0, 5, 11}})
    assert _months(path)[0] == [("สอนเสริม", dt.date(2024, 5, 1), "shaded"),
                                ("สอนเสริม", dt.date(2024, 10, 1), "shaded"),
                                ("สอนเสริม", dt.date(2025, 4, 1), "shaded")]


def test_fiscal_year_columns_stay_in_the_fiscal_year(tmp_path: Path) -> None:
    path = gantt_plan(tmp_path / "plan.docx",
                      title="แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. ๒๕๖๗",
                      period="ตุลาคม 2566 - กันยายน 2567", months=FISCAL,
                      planned={"ประชุม": {0, 2, 3, 11}}, shaded=False)
    assert _months(path)[0] == [("ประชุม", dt.date(2023, 10, 1), "/"),
                                ("ประชุม", dt.date(2023, 12, 1), "/"),
                                ("ประชุม", dt.date(2024, 1, 1), "/"),
                                ("ประชุม", dt.date(2024, 9, 1), "/")]


def test_chart_that_no_year_places_is_a_finding(tmp_path: Path) -> None:
    """Neither the title, nor the period, nor the columns give a year: the marks are not
    guessed into a year, and the finding names the marked column (only พ.ค. is marked)."""
    path = gantt_plan(tmp_path / "plan.docx", title="แผนปฏิบัติการประจำปี",
                      period="ตลอดปี", months=ACADEMIC, planned={"สอนเสริม": {0}})
    data = process_file(path)
    assert data.schedule == []
    [finding] = [f for f in data.findings if f.kind == "undated_schedule"]
    assert finding.message == ("ตาราง Gantt: เดือน พ.ค. ไม่ระบุปี และแผน/โครงการไม่ระบุ"
                               " ปีงบประมาณหรือระยะเวลา จึงไม่ได้บันทึกลง schedule")
    assert finding.source_block == "table 2"


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_month_headers_whose_year_wraps_in_a_narrow_cell(tmp_path: Path) -> None:
    """Twelve month columns "ต.ค.66" ... "ก.ย.67" in a page-wide chart: each cell is too
    narrow for its header, so the PDF sets "ต.ค.6" / "6". The year glued to its month is
    one word broken by force, not two numbers ("ต.ค.6 6" once placed only the one header
    that fitted, เม.ย.67, and dropped the rest as an undated_schedule finding)."""
    from tests.fixtures.build_pdf import to_pdf

    months = [m + ("66" if i < 3 else "67") for i, m in enumerate(FISCAL)]
    docx = gantt_plan(tmp_path / "plan.docx", title="แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2567",
                      period="1 ตุลาคม 2566 - 30 กันยายน 2567", months=months,
                      planned={"ประชุมคณะครูเพื่อวางแผนการดำเนินงานโครงการ": {0, 1},
                               "จัดกิจกรรม": {5, 6, 7}})
    to_pdf(docx, tmp_path / "plan.pdf", tagged=False)
    meeting = "ประชุมคณะครูเพื่อวางแผนการดำเนินงานโครงการ"
    assert _months(tmp_path / "plan.pdf") == ([(meeting, dt.date(2023, 10, 1), "shaded"),
                                               (meeting, dt.date(2023, 11, 1), "shaded"),
                                               ("จัดกิจกรรม", dt.date(2024, 3, 1), "shaded"),
                                               ("จัดกิจกรรม", dt.date(2024, 4, 1), "shaded"),
                                               ("จัดกิจกรรม", dt.date(2024, 5, 1), "shaded")],
                                              NO_SUMMARY)


def _placed(path: Path) -> tuple[int | None, list[tuple[dt.date | None, dt.date | None]],
                                 list[dt.date]]:
    data = process_file(path)
    return (data.document.fiscal_year, [(p.start_date, p.end_date) for p in data.projects],
            [s.month for s in data.schedule])


@pytest.mark.parametrize(("period", "start", "end"), [
    ("พฤษภาคม 2566 - กันยายน 2566", dt.date(2023, 5, 1), dt.date(2023, 9, 30)),
    ("ภาคเรียนที่ 1-2 ปีการศึกษา 2566", dt.date(2023, 5, 16), dt.date(2024, 3, 31)),
    ("ภาคเรียนที่ 1", dt.date(2023, 5, 16), dt.date(2023, 10, 31)),
    ("มิถุนายน - สิงหาคม", dt.date(2023, 6, 1), dt.date(2023, 8, 31)),
])
def test_plan_by_academic_year_is_placed_by_its_year(tmp_path: Path, period: str,
                                                     start: dt.date, end: dt.date) -> None:
    """"ประจำปีการศึกษา 2566" and no fiscal year: the plan is in FY2567, the fiscal year that
    holds most of 16 May 2023 - 15 May 2024, however its projects' periods end (one ending
    in September 2023 once put it in FY2566); year-less periods and months are the academic
    year's (มิถุนายน is June 2023), and the chart runs พ.ค. 2566 ... เม.ย. 2567."""
    path = gantt_plan(tmp_path / "plan.docx", title="แผนปฏิบัติการประจำปีการศึกษา 2566",
                      period=period, months=ACADEMIC, planned={"สอนเสริม": {0, 4, 8, 11}})
    assert _placed(path) == (2567, [(start, end)], [dt.date(2023, 5, 1), dt.date(2023, 9, 1),
                                                   dt.date(2024, 1, 1), dt.date(2024, 4, 1)])


def test_activity_periods_of_a_plan_by_academic_year(tmp_path: Path) -> None:
    """An activity table with a period column and no years: placed in academic year 2566."""
    doc = Document()
    doc.add_paragraph("แผนปฏิบัติการประจำปีการศึกษา ๒๕๖๖")
    doc.add_paragraph("โรงเรียนวัดป่าเลไลย์ สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสุพรรณบุรี เขต 1")
    add_table(doc, [["ชื่อโครงการ", "โครงการยกระดับผลสัมฤทธิ์ทางการเรียน"],
                    ["ผู้รับผิดชอบโครงการ", "นางสาวกานดา มีสุข"],
                    ["ระยะเวลาดำเนินการ", "ภาคเรียนที่ ๑-๒"]])
    doc.add_paragraph("1. หลักการและเหตุผล")
    doc.add_paragraph("เพื่อพัฒนาผู้เรียน")
    doc.add_paragraph("2. ขั้นตอนการดำเนินงาน")
    add_table(doc, [["กิจกรรม", "ระยะเวลา"],
                    ["สอนเสริม", "มิ.ย. - ก.ค."],
                    ["สอบวัดผล", "ก.พ."]])
    path = tmp_path / "plan.docx"
    doc.save(str(path))
    assert _placed(path) == (2567, [(dt.date(2023, 5, 16), dt.date(2024, 3, 31))],
                             [dt.date(2023, 6, 1), dt.date(2023, 7, 1), dt.date(2024, 2, 1)])
