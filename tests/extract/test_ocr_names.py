"""OCR'd names and units put back to the form the same plan prints elsewhere.

The spellings are the secondary-fy2567 scan's kind of slips: a unit printed on every
project header read once with a consonant confused (น as บ) or a tone mark lost.
"""

from __future__ import annotations

from pipeline.extract.ocr_names import Restoration, likelier_reading, printed_forms

UNIT = "กลุ่มนโยบายและแผน"


def test_a_unit_read_once_with_a_slip_is_restored_to_the_form_printed_twice() -> None:
    forms = printed_forms([UNIT, UNIT, "กลุ่มนโยบายและแผบ", "กลุ่มอำนวยการ"])
    assert forms == {"กลุ่มนโยบายและแผบ": Restoration("กลุ่มนโยบายและแผบ", UNIT, 94.1)}


def test_a_lost_tone_mark_is_restored_when_one_printed_form_is_close() -> None:
    forms = printed_forms(["กลุ่มส่งเสริมการจัดการศึกษา"] * 3
                          + ["กลุมส่งเสริมการจัดการศึกษา"])
    assert forms == {"กลุมส่งเสริมการจัดการศึกษา": Restoration(
        "กลุมส่งเสริมการจัดการศึกษา", "กลุ่มส่งเสริมการจัดการศึกษา", 98.1)}


def test_a_spelling_close_to_two_printed_forms_is_left_as_read() -> None:
    first, second = "กลุ่มบริหารงานบุคคล ๑", "กลุ่มบริหารงานบุคคล ๒"
    assert printed_forms([first, first, second, second, "กลุ่มบริหารงานบุคคล ๓"]) == {}


def test_two_spellings_read_once_each_are_both_left_as_read() -> None:
    # A project name in the summary and its header, read differently: no printed form.
    assert printed_forms(["โครงการพัฒนาครู", "โครงการพัฒนาครุ"]) == {}


def test_a_spelling_not_close_to_any_printed_form_is_left_as_read() -> None:
    assert printed_forms([UNIT, UNIT, "กลุ่มนิเทศ ติดตามและประเมินผล"]) == {}


# -- a name read in the summary and in its project's header (`likelier_reading`) ----------
# the school-fy2566 scan's readings


def test_of_two_readings_with_the_same_letters_the_one_with_fewer_spaces_is_kept() -> None:
    # a summary cell wraps the name: each break read as a space
    assert likelier_reading("พัฒนาทักษะการอ่าน การ เขียน และการ คิดคำนวณ",
                            "พัฒนาทักษะการอ่าน การเขียน และการคิดคำนวณ") == (
        "พัฒนาทักษะการอ่าน การเขียน และการคิดคำนวณ")


def test_of_two_close_readings_the_likelier_thai_is_kept() -> None:
    assert likelier_reading("พัฒนาห้องสมุดมีชีวิตและแหล่งเรียนรู้",
                            "หพัฒนาห้องสมุดมีชีวิตและแหล่งเรียนรู้") == (
        "พัฒนาห้องสมุดมีชีวิตและแหล่งเรียนรู้")


def test_a_latin_word_read_as_a_thai_word_is_the_less_likely_reading() -> None:
    # the English model read "NT" in the header; the Thai model's "ผา" (a cliff) is a
    # dictionary word, but Latin letters are no unknown Thai
    assert likelier_reading("ยกระดับผลสัมฤทธิ์ทางการเรียน (O-NET / ผา / RT)",
                            "ยกระดับผลสัมฤทธิ์ทางการเรียน (O-NET / NT / RT)") == (
        "ยกระดับผลสัมฤทธิ์ทางการเรียน (O-NET / NT / RT)")


def test_two_readings_far_apart_are_neither_kept() -> None:
    # the header's reading took in the next field's label and value
    assert likelier_reading("ส่งเสริมคุณธรรมจริยธรรม และค่านิยมที่พึ่งประสงค์",
                            "ส่งเสริมคุณธรรม จริยธรรม และค่านิยมที่พึงประสงค์แผนงาน"
                            " งานกิจการนักเรียน") is None
