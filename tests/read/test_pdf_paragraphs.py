"""Visual lines joined into paragraphs (`pdf_paragraphs`) where the font gives no hint.

A scan's words have no font, and a plain form sets its labels in the body weight, so the
bold label that keeps a text PDF's header fields apart is missing: the geometry alone
(the first word of the next line did not fit the room left) says "wrapped".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from pipeline.normalize.glyphs import is_thai_mark
from pipeline.process import process_file
from pipeline.read.pdf_paragraphs import Column, join_wrapped, opens_field
from pipeline.read.pdf_reader import read_pdf
from pipeline.read.pdf_text import Cluster, TextLine
from tests.fixtures.small_plans import plan

SIZE = 16.0
PITCH = 27.5  # points between baselines: single spacing of a 16-point Thai font
COLUMN = Column(85.0, 524.0)
NAME = "ชื่อโครงการ ป้องกันและแก้ไขปัญหายาเสพติดในสถานศึกษา"


def line(text: str, baseline: float, x0: float, x1: float) -> TextLine:
    """`text` set from `x0` to `x1` in one font without weight: a cluster per base
    character (its marks on it), all as wide."""
    pieces: list[str] = []
    for char in text:
        if pieces and is_thai_mark(char):
            pieces[-1] += char
        else:
            pieces.append(char)
    width = (x1 - x0) / len(pieces)
    clusters = tuple(Cluster(p, x0 + i * width, x0 + (i + 1) * width, baseline - SIZE,
                             baseline + 4, SIZE, baseline)
                     for i, p in enumerate(pieces))
    return TextLine(text=text, clusters=clusters)


def paragraphs(second: str) -> list[str]:
    """The name line (ending 17 points short of the column) and `second` below it."""
    first = line(NAME, 120.0, 85.0, 507.0)
    return [b.text for b in join_wrapped([first, line(second, 120.0 + PITCH, 85.0, 487.0)],
                                         COLUMN)]


def test_a_line_whose_first_word_did_not_fit_continues_the_one_above() -> None:
    assert paragraphs("ส่งเสริมการอ่าน ของนักเรียน") == [
        NAME + "ส่งเสริมการอ่าน ของนักเรียน"]


def test_a_field_label_opening_the_next_line_ends_the_name_field() -> None:
    assert paragraphs("สนองยุทธศาสตร์ ยุทธศาสตร์ที่ 1 จัดการศึกษาเพื่อความมั่นคง") == [
        NAME, "สนองยุทธศาสตร์ ยุทธศาสตร์ที่ 1 จัดการศึกษาเพื่อความมั่นคง"]
    assert paragraphs("ลักษณะโครงการ: โครงการต่อเนื่อง") == [
        NAME, "ลักษณะโครงการ: โครงการต่อเนื่อง"]
    assert paragraphs("สนองกลยุทธ์สพฐ.") == [NAME, "สนองกลยุทธ์สพฐ."]


def test_a_label_that_is_one_word_of_prose_may_still_be_a_wrapped_line() -> None:
    # "ตลอดปี" / "งบประมาณ 2567" is how "ตลอดปีงบประมาณ 2567" wraps
    assert paragraphs("งบประมาณ 2567") == [NAME + "งบประมาณ 2567"]
    assert not opens_field("งบประมาณ 2567")
    assert not opens_field("ยุทธศาสตร์ชาติ 20 ปี")


def test_a_label_running_on_into_a_longer_word_opens_no_field() -> None:
    assert not opens_field("สนองยุทธศาสตร์ชาติ ด้านที่ 3")
    assert opens_field("สนองยุทธศาสตร์")
    assert opens_field("ระยะเวลาดำเนินการ ตลอดปีงบประมาณ 2567")


PROSE = "โรงเรียนจัดกิจกรรมส่งเสริมการอ่านอย่างต่อเนื่องทุกภาคเรียนโดยยึดตาม"


def prose_paragraphs(second: str) -> list[str]:
    """A line of prose (ending 17 points short of the column) and `second` below it."""
    first = line(PROSE, 120.0, 85.0, 507.0)
    return [b.text for b in join_wrapped([first, line(second, 120.0 + PITCH, 85.0, 487.0)],
                                         COLUMN)]


def test_a_field_label_wrapped_to_open_a_line_of_prose_continues_the_prose() -> None:
    """Prose holds field words anywhere: wrapped so that "มาตรฐานการศึกษา" or
    "ผู้รับผิดชอบโครงการ" begins a line, it is still the sentence above (its first word did
    not fit the room left), not a new field, since the paragraph above is no field."""
    assert prose_paragraphs("มาตรฐานการศึกษา ของสถานศึกษาและนโยบายของต้นสังกัด") == [
        PROSE + "มาตรฐานการศึกษา ของสถานศึกษาและนโยบายของต้นสังกัด"]
    assert prose_paragraphs("ผู้รับผิดชอบโครงการ ร่วมกับครูประจำชั้นทุกคน") == [
        PROSE + "ผู้รับผิดชอบโครงการ ร่วมกับครูประจำชั้นทุกคน"]


def test_a_field_label_with_a_colon_opens_a_field_even_under_prose() -> None:
    assert prose_paragraphs("ผู้รับผิดชอบโครงการ: นางสาวสมใจ ใฝ่รู้") == [
        PROSE, "ผู้รับผิดชอบโครงการ: นางสาวสมใจ ใฝ่รู้"]


def test_under_a_field_a_label_opening_the_line_is_the_next_field() -> None:
    """The same line under a field ("ชื่อโครงการ ...") is the form's next field."""
    assert paragraphs("ผู้รับผิดชอบโครงการ ร่วมกับครูประจำชั้นทุกคน") == [
        NAME, "ผู้รับผิดชอบโครงการ ร่วมกับครูประจำชั้นทุกคน"]
    assert paragraphs("มาตรฐานการศึกษา มาตรฐานที่ 1 คุณภาพของผู้เรียน") == [
        NAME, "มาตรฐานการศึกษา มาตรฐานที่ 1 คุณภาพของผู้เรียน"]


def test_under_a_field_a_one_word_label_and_a_space_is_the_next_field() -> None:
    """A scan lost the colons of "ชื่อโครงการ : ..." / "แผนงาน : งานกิจการนักเรียน": the
    one-word label "แผนงาน" opening the line under the name field is the next field."""
    assert paragraphs("แผนงาน งานกิจการนักเรียน") == [NAME, "แผนงาน งานกิจการนักเรียน"]
    assert paragraphs("ระยะเวลา 1 ตุลาคม 2566 - 30 กันยายน 2567") == [
        NAME, "ระยะเวลา 1 ตุลาคม 2566 - 30 กันยายน 2567"]


def test_a_one_word_label_continues_prose_its_own_field_or_a_word() -> None:
    assert prose_paragraphs("แผนงาน ของโรงเรียนทุกฝ่าย") == [
        PROSE + "แผนงาน ของโรงเรียนทุกฝ่าย"]  # prose above: no field
    strategy = line("สนองกลยุทธ์โรงเรียน ข้อ 2 พัฒนาผู้เรียนตามแนวทางของ", 120.0, 85.0, 507.0)
    wrapped = line("กลยุทธ์ สพฐ. ด้านคุณภาพ", 120.0 + PITCH, 85.0, 487.0)
    assert [b.text for b in join_wrapped([strategy, wrapped], COLUMN)] == [
        strategy.text + wrapped.text]  # the field above is the label's own
    assert paragraphs("แผนงานประจำปี ของโรงเรียน") == [
        NAME + "แผนงานประจำปี ของโรงเรียน"]  # the label runs on into a longer word
    assert paragraphs("โครงการ ระยะที่ 2") == [NAME + "โครงการ ระยะที่ 2"]  # not the name


WRAPPED_RATIONALE = ("โรงเรียนจัดกิจกรรมส่งเสริมการอ่านให้นักเรียนทุกระดับชั้นอย่างต่อเนื่องตลอดปีการศึกษา"
                     " มาตรฐานการศึกษา ของสถานศึกษาและนโยบายของต้นสังกัดอย่างเคร่งครัด")


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_rationale_wrapped_before_a_field_word_is_one_paragraph(tmp_path: Path) -> None:
    """The rationale's line breaker puts "มาตรฐานการศึกษา" (a header field's label) at the
    start of the second line of an untagged PDF; the rationale stays one paragraph, as
    the DOCX gives it, and no header field is taken from it."""
    from tests.fixtures.build_pdf import to_pdf

    docx = plan(tmp_path / "plan.docx")
    document = Document(str(docx))
    [rationale] = [p for p in document.paragraphs if p.text == "การอ่านเป็นพื้นฐานของการเรียนรู้"]
    rationale.text = WRAPPED_RATIONALE
    document.save(str(docx))
    to_pdf(docx, tmp_path / "plan.pdf", tagged=False)
    lines = [line for page in read_pdf(tmp_path / "plan.pdf").blocks
             for line in [getattr(page, "text", "")] if "มาตรฐานการศึกษา" in line]
    assert lines == [WRAPPED_RATIONALE]
    for path in (docx, tmp_path / "plan.pdf"):
        [project] = process_file(path).projects
        assert (project.rationale, project.responsible_persons) == (
            WRAPPED_RATIONALE, ["นางสาวสมใจ ใจดี"]), path.suffix
