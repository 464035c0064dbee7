"""The signature block that closes a school project form ends the section before it.

Every แบบเสนอโครงการ ends with "ลงชื่อ ............ ผู้เสนอโครงการ", the signer's name in
brackets and the position; without a rule they were read as the last expected result.
The plan is built by tests/fixtures/small_plans.py, the form's closing lines added here.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document

from pipeline.process import process_file
from tests.fixtures.small_plans import plan

BUDGET = [["ที่", "รายการ", "ค่าวัสดุ", "รวม"], ["1", "จัดซื้อหนังสือ", "5,000", "5,000"],
          ["", "รวมทั้งสิ้น", "5,000", "5,000"]]


def _form(path: Path, closing: list[str]) -> Path:
    plan(path, budget=BUDGET)
    doc = Document(str(path))
    doc.add_paragraph("7. ผลที่คาดว่าจะได้รับ")
    doc.add_paragraph("7.1 นักเรียนมีนิสัยรักการอ่าน")
    doc.add_paragraph("7.2 นักเรียนลงชื่อเข้าร่วมกิจกรรมทุกคน")
    for line in closing:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


def test_signature_lines_are_not_expected_results(tmp_path: Path) -> None:
    path = _form(tmp_path / "plan.docx", [
        "ลงชื่อ ........................................ ผู้เสนอโครงการ",
        "(นางสาวสมใจ ใจดี)", "ตำแหน่ง ครู",
        "(ลงชื่อ) ...................................... ผู้อนุมัติโครงการ",
        "(นายสมหมาย ใจงาม)", "ผู้อำนวยการโรงเรียนบ้านหนองบัว"])
    [project] = process_file(path).projects
    assert project.expected_results == ["นักเรียนมีนิสัยรักการอ่าน",
                                        "นักเรียนลงชื่อเข้าร่วมกิจกรรมทุกคน"]


def test_dotted_signature_line_without_the_word(tmp_path: Path) -> None:
    path = _form(tmp_path / "plan.docx", [
        "............................................ ผู้เขียนโครงการ",
        "(นางวันเพ็ญ ศรีสวัสดิ์)"])
    [project] = process_file(path).projects
    assert project.expected_results == ["นักเรียนมีนิสัยรักการอ่าน",
                                        "นักเรียนลงชื่อเข้าร่วมกิจกรรมทุกคน"]
