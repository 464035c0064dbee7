"""Words whose marks OCR may have misread, found by the dictionary (`ocr.doubtful`)."""

from __future__ import annotations

import pytest

from pipeline.read.ocr.doubtful import MarkDoubt, mark_doubts


def test_a_lost_mark_two_marks_could_restore_is_a_doubt_and_stays_as_read() -> None:
    # "ซือ" is no word; with mai tho it joins "จัด" into "จัดซื้อ" (buy), with mai ek it is
    # "ซื่อ" (honest): two fits, so nothing changes
    assert mark_doubts("ค่าจัดซือหนังสือ 100 เล่ม") == ("ค่าจัดซือหนังสือ 100 เล่ม", [
        MarkDoubt("ซือ", False, ("จัดซื้อ", "ซื่อ"))])


def test_a_wrong_mark_making_a_shorter_word_than_another_mark_is_a_doubt() -> None:
    # "จัด" + "ซื่อ" are words, but mai tho makes one word of both: "จัดซื้อ"
    assert mark_doubts("ค่าจัดซื่อหนังสือ") == ("ค่าจัดซื่อหนังสือ", [
        MarkDoubt("ซื่อ", True, ("จัดซื้อ",))])
    assert mark_doubts("ชันวางหนังสือ") == ("ชันวางหนังสือ", [
        MarkDoubt("ชัน", True, ("ชั้นวางหนังสือ",))])


def test_a_lost_mark_only_one_mark_restores_is_put_back() -> None:
    assert mark_doubts("ค่าเบียเลี้ยง 2 คน") == ("ค่าเบี้ยเลี้ยง 2 คน", [
        MarkDoubt("เบีย", False, ("ค่าเบี้ยเลี้ยง",), put="ค่าเบี้ยเลี้ยง")])


@pytest.mark.parametrize("text", [
    "ค่าจัดซื้อหนังสือ", "ค่าน้ำมันเชื้อเพลิง", "ติวเข้ม 40 คน",  # "ติ้ว" takes no more letters
    "กลุ่มงานที่เกี่ยวข้อง",  # "ที" would make "นที" only by taking "งาน"'s last letter
    "เขตพื้นที่การศึกษา",  # nor "พื้นที" by leaving "พื้" no word
    "ยังไม่ได้ดำเนินการ", "ป้ายไวนิล", "ค่าตอบแทนวิทยากร",
])
def test_words_read_right_raise_no_doubt(text: str) -> None:
    assert mark_doubts(text) == (text, [])
