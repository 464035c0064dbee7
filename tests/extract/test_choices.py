"""ลักษณะโครงการ written as tick boxes: project_type is the ticked option only (issue 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.extract.choices import Option, read_choice
from pipeline.process import process_file
from pipeline.records import PlanData
from tests.fixtures.small_plans import DEFAULT_HEADER, add_table, plan

CONTINUING, NEW = "โครงการต่อเนื่อง", "โครงการใหม่"


def _with_type_line(tmp_path: Path, *lines: str) -> PlanData:
    return process_file(plan(tmp_path / "plan.docx", header=[*DEFAULT_HEADER, *lines]))


@pytest.mark.parametrize("line", [
    "ลักษณะโครงการ ☑ โครงการต่อเนื่อง ☐ โครงการใหม่",
    "ลักษณะโครงการ ☐ โครงการใหม่ ☑ โครงการต่อเนื่อง",
    "ลักษณะโครงการ ■ โครงการต่อเนื่อง □ โครงการใหม่",
    "ลักษณะโครงการ  ✓ โครงการต่อเนื่อง   □ โครงการใหม่",
    "ลักษณะโครงการ [/] โครงการต่อเนื่อง [ ] โครงการใหม่",
    "ลักษณะโครงการ : ( ✓ ) โครงการต่อเนื่อง (   ) โครงการใหม่",
    "ลักษณะโครงการ ( ) โครงการใหม่ (/) โครงการต่อเนื่อง",
    "ลักษณะโครงการ ⊠ โครงการต่อเนื่อง ☐ โครงการใหม่",
    "3. ลักษณะโครงการ ☒ โครงการต่อเนื่อง ☐ โครงการใหม่",
    "ลักษณะโครงการ [x] โครงการต่อเนื่อง, [ ] โครงการใหม่",
])
def test_the_ticked_option_is_the_project_type(tmp_path: Path, line: str) -> None:
    data = _with_type_line(tmp_path, line)
    assert data.projects[0].project_type == CONTINUING
    assert data.projects[0].name == "ส่งเสริมการอ่าน"
    assert not [f for f in data.findings if f.kind == "no_option_checked"]


def test_options_on_lines_of_their_own_under_the_label(tmp_path: Path) -> None:
    data = _with_type_line(tmp_path, "ลักษณะโครงการ", "□ โครงการใหม่", "☑ โครงการต่อเนื่อง")
    assert data.projects[0].project_type == CONTINUING


def test_no_box_ticked_is_null_and_a_finding(tmp_path: Path) -> None:
    data = _with_type_line(tmp_path, "ลักษณะโครงการ ☐ โครงการต่อเนื่อง ☐ โครงการใหม่")
    assert data.projects[0].project_type is None
    findings = [(f.kind, f.message, f.project_id) for f in data.findings
                if f.kind == "no_option_checked"]
    assert findings == [("no_option_checked",
                         "ลักษณะโครงการ: ไม่ได้เลือกช่องใด (โครงการต่อเนื่อง, โครงการใหม่)",
                         data.projects[0].project_id)]


def test_a_type_without_boxes_is_kept_as_written(tmp_path: Path) -> None:
    data = _with_type_line(tmp_path, "ลักษณะของโครงการ ต่อเนื่อง")
    assert data.projects[0].project_type == "ต่อเนื่อง"
    assert not [f for f in data.findings if f.kind == "no_option_checked"]


def _header_table_plan(path: Path, type_cell: str, *, sym: tuple[str, str] | None = None
                       ) -> Path:
    """A project whose header is a two-column table; `sym` (font, the ticked box's code)
    writes the boxes as Word symbol characters, as forms made in Word do."""
    doc = Document()
    doc.add_paragraph("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2567")
    doc.add_paragraph("โรงเรียนบ้านหนองบัว")
    doc.add_page_break()
    table = add_table(doc, [["ชื่อโครงการ", "ส่งเสริมการอ่าน"], ["แผนงาน", "บริหารวิชาการ"],
                            ["ลักษณะโครงการ", type_cell],
                            ["ผู้รับผิดชอบ", "นางสาวสมใจ ใจดี"],
                            ["ระยะเวลาดำเนินการ", "ตุลาคม 2566 - กันยายน 2567"]])
    if sym is not None:
        font, ticked = sym
        empty = "F0A3" if font == "Wingdings 2" else "F0A8"
        cell = table.cell(2, 1)
        cell.text = ""
        paragraph = cell.paragraphs[0]
        for code, label in ((empty, " โครงการใหม่ "), (ticked, " โครงการต่อเนื่อง")):
            symbol = OxmlElement("w:sym")
            symbol.set(qn("w:font"), font)
            symbol.set(qn("w:char"), code)
            paragraph.add_run()._r.append(symbol)
            paragraph.add_run(label)
    doc.add_paragraph("1. หลักการและเหตุผล")
    doc.add_paragraph("การอ่านเป็นพื้นฐานของการเรียนรู้")
    doc.save(path)
    return path


def test_boxes_in_a_header_table_cell(tmp_path: Path) -> None:
    data = process_file(_header_table_plan(tmp_path / "plan.docx",
                                           "☐ โครงการใหม่ ☑ โครงการต่อเนื่อง"))
    assert [(p.name, p.project_type) for p in data.projects] == [("ส่งเสริมการอ่าน", CONTINUING)]


@pytest.mark.parametrize("font, ticked", [("Wingdings 2", "F052"), ("Wingdings", "F0FE"),
                                          ("Wingdings 2", "F054")])
def test_boxes_written_as_word_symbols(tmp_path: Path, font: str, ticked: str) -> None:
    data = process_file(_header_table_plan(tmp_path / "plan.docx", "", sym=(font, ticked)))
    assert [(p.name, p.project_type) for p in data.projects] == [("ส่งเสริมการอ่าน", CONTINUING)]


def test_read_choice_keeps_every_option_and_its_tick() -> None:
    choice = read_choice("☑ โครงการตามนโยบาย ☐ โครงการใหม่ ☑ โครงการต่อเนื่อง")
    assert choice.options == (Option("โครงการตามนโยบาย", True), Option(NEW, False),
                              Option(CONTINUING, True))
    assert choice.value == "โครงการตามนโยบาย, โครงการต่อเนื่อง"
    assert read_choice("โครงการใหม่").value == NEW
    assert read_choice(None).value is None
    # a box with no words after it is not an option
    assert read_choice("☐ ☑ โครงการใหม่").options == (Option(NEW, True),)
