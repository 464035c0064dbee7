"""Visual lines joined into paragraphs (`pdf_paragraphs`) where the font gives no hint.

A scan's words have no font, and a plain form sets its labels in the body weight, so the
bold label that keeps a text PDF's header fields apart is missing: the geometry alone
(the first word of the next line did not fit the room left) says "wrapped".
"""

from __future__ import annotations

from pipeline.normalize.glyphs import is_thai_mark
from pipeline.read.pdf_paragraphs import Column, join_wrapped, opens_field
from pipeline.read.pdf_text import Cluster, TextLine

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
