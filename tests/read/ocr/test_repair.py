"""Repairs of tesseract's Thai: sara am, glued marks, check marks, debris, lost tone marks."""

from __future__ import annotations

import pytest

from pipeline.model import Document, RepairedWord
from pipeline.process import ocr_findings
from pipeline.read.ocr.repair import (
    among_words,
    item_number_dot,
    repair_ocr_text,
    repair_pieces,
    restore_month,
    restore_unit,
    restore_vocabulary,
)


def text(pieces: list[tuple[str, int, int]]) -> str:
    return "".join(p[0] for p in pieces)


@pytest.mark.parametrize(("read", "meant"), [
    ("ลำดับที", "ลำดับที่"),
    ("ยุทธศาสตร์ที", "ยุทธศาสตร์ที่"),
    ("ความมันคง", "ความมั่นคง"),
    ("ชัวโมง", "ชั่วโมง"),
    ("พืนที", "พื้นที่"),
    ("กลุ่มงานทีรับผิดชอบ", "กลุ่มงานที่รับผิดชอบ"),
    ("ผู้รับถิดชอบโครงการ", "ผู้รับผิดชอบโครงการ"),
    ("รวมทั้งสิน", "รวมทั้งสิ้น"),
    ("ผลสัมฤทธิทางการเรียน", "ผลสัมฤทธิ์ทางการเรียน"),  # thanthakhat lost
    ("เครื่องดิม", "เครื่องดื่ม"),  # mai ek lost, ื read as its look-alike ิ
])
def test_lost_tone_marks_are_put_back(read: str, meant: str) -> None:
    assert text(repair_pieces([(read, 0, 10)])) == meant


@pytest.mark.parametrize("word", ["มือ", "สถานศึกษา", "วิธีการ", "นักเรียน", "ที่ประชุม",
                                  "ถนน", "ผลการดำเนินงาน", "ถือว่า", "วางแผน"])
def test_words_that_are_right_are_left_alone(word: str) -> None:
    # "มือ" (hand) is a word as well as "มื้อ" (meal): no single fit, nothing changes
    assert text(repair_pieces([(word, 0, 10)])) == word


def test_marks_read_apart_are_glued_and_sara_am_rebuilt() -> None:
    pieces = repair_pieces([("ท", 0, 5), ("ี", 5, 6), ("่", 5, 6), ("ส", 6, 10),
                            ("\u0e4d", 10, 11), ("า", 11, 14)])
    assert pieces == [("ที่", 0, 6), ("สำ", 6, 14)]


def test_a_lone_quote_in_a_cell_is_a_check_mark_and_debris_goes() -> None:
    assert repair_pieces([("“", 3, 9)]) == [("✓", 3, 9)]
    assert repair_ocr_text("|7,200}") == "7,200"
    assert repair_pieces([("|", 0, 2)]) == []
    assert repair_pieces([("%", 0, 4)]) == [("x", 0, 4)]
    # a slash between words ("1.4 จัดพิมพ์ / เผยแพร่") is no check mark
    assert repair_pieces([("/", 0, 4)], among_words=True) == [("/", 0, 4)]
    assert repair_pieces([("/", 0, 4)]) == [("✓", 0, 4)]
    assert repair_pieces([("100%", 0, 9)]) == [("100%", 0, 9)]


def test_a_slash_between_words_stays_a_slash() -> None:
    # "(O-NET / NT / RT)" wrapped after its first slash; a slash a space from a word on
    # each side (the next line's first word after a line's last) is text
    lines = [[("เรียน", 0, 60), ("(O-NET", 72, 160), ("/", 178, 192)],
             [("NT", 0, 30), ("/", 48, 62), ("RT)", 76, 120)]]
    assert among_words(lines, max_gap=30) == {(0, 2), (1, 1)}
    assert repair_pieces([("/", 178, 192)], among_words=True) == [("/", 178, 192)]


@pytest.mark.parametrize("line", [
    [("อบรมครู", 0, 90), ("/", 300, 314), ("/", 400, 414)],  # marks in month columns
    [("/", 0, 14), ("/", 100, 114), ("/", 200, 214)],  # a row of marks
    [("ประชุม", 0, 80), ("/", 95, 109), ("5,000", 120, 180)],  # a word, a mark, an amount
    [("ประชุม", 0, 80), ("/", 95, 109)],  # a mark ending the reading
    [("ครู", 0, 40), ("/", 120, 134), ("นักเรียน", 150, 240)],  # a column away from a word
])
def test_a_gantt_mark_is_not_among_words(line: list[tuple[str, int, int]]) -> None:
    assert among_words([line], max_gap=30) == set()


def test_a_per_cent_sign_between_a_unit_and_a_number_is_the_times_of_a_formula() -> None:
    # "(37คนX๓0บาท" read "(37คน%๓0บาท" (yasothon2-fy2563)
    pieces = [("(37", 0, 8), ("คน", 8, 14), ("%", 14, 18), ("๓0", 18, 24), ("บาท", 24, 32)]
    assert text(repair_pieces(pieces)) == "(37คนx๓0บาท"
    per_cent = [("ร้อยละ", 0, 12), ("80", 14, 20), ("%", 20, 24)]  # after its number
    assert text(repair_pieces(per_cent)) == "ร้อยละ80%"


def test_a_count_unit_after_a_number_gets_its_lost_marks_back() -> None:

    assert restore_unit([("มือ", 4, 20)]) == [("มื้อ", 4, 20)]  # "80 คน x 1 มือ x 125 บาท"
    assert restore_unit([("ชัว", 0, 6), ("โมง", 6, 14)]) == [("ชั่วโมง", 0, 14)]
    assert restore_unit([("คน", 0, 9)]) == [("คน", 0, 9)]  # a unit as read stays
    assert restore_unit([("บาท", 0, 9)]) == [("บาท", 0, 9)]  # no unit without marks like it


def glyphs(token: str) -> list[tuple[str, int, int]]:
    """A token as tesseract gives it: a piece per glyph, 5 pixels each."""
    return [(char, 5 * i, 5 * i + 5) for i, char in enumerate(token)]


@pytest.mark.parametrize(("read", "meant"), [
    ("พ.ุย.", "พ.ย."),  # a stray ุ under the dot (secondary-fy2567's scan, page 8)
    ("กุพ.67", "ก.พ.67"),  # the first dot read ุ, the year glued on (same page)
    ("มุ.ค.", "ม.ค."),  # a mark below says nothing of มี.ค.'s vowel
    ("ม้.ย.", "มิ.ย."),  # the vowel read as a tone mark
    ("มั.ค.", "มี.ค."),  # a mark above the first letter: มี.ค., not ม.ค.
    ("พ.ค่", "พ.ค."),
    ('ม".ค.67', "มี.ค.67"),  # the vowel read as a quote (a month stacked in a narrow cell)
    ("ม“.ย.67", "มิ.ย.67"),
    ("มย.67", "มิ.ย.67"),  # the vowel lost: only มิ.ย. has these letters
])
def test_a_month_abbreviation_with_ocr_debris_is_put_back(read: str, meant: str) -> None:
    assert text(restore_month(glyphs(read))) == meant


def test_a_month_put_back_keeps_its_glued_year_digits_as_read() -> None:
    assert restore_month(glyphs("กุพ.67")) == [("ก.พ.", 0, 20), ("6", 20, 25), ("7", 25, 30)]


@pytest.mark.parametrize("token", ["ม.ค.", "มี.ค.67", "ก.ค.ศ.", "พ.ศ.2567", "กุพ", "ม.ค่.",
                                   "สพม.", "ผอ.สพป."])
def test_abbreviations_that_are_not_a_misread_month_are_left_alone(token: str) -> None:
    # "กุพ" has no dot: nothing says it is an abbreviation; "ม.ค่." could be ม.ค. or มี.ค.
    # with the mark misplaced: not guessed
    assert restore_month(glyphs(token)) == glyphs(token)


@pytest.mark.parametrize(("read", "meant"), [
    ("2. วัตผุประสงค์", "2. วัตถุประสงค์"),  # a letter misread (ถ as ผ)
    ("สรุปโครงการตามกอยุทธ์ที่", "สรุปโครงการตามกลยุทธ์ที่"),  # ล as อ
    ("คาใช้สอย", "ค่าใช้สอย"),  # a mark lost
    ("ตัวชีวัดความสำเร็จ", "ตัวชี้วัดความสำเร็จ"),  # inside a header word: the longer word
    ("ผู้รับผิดขอบ", "ผู้รับผิดชอบ"),
    ("ซือโครงการ", "ชื่อโครงการ"),  # a header label: ช as ซ and its mark lost
    ("ระยะเวลาคำเนินการ", "ระยะเวลาดำเนินการ"),
    ("คาวสด", "ค่าวัสดุ"),  # every mark of a header word lost (yasothon2-fy2564's scan)
    ("ผูรบผดชอบ", "ผู้รับผิดชอบ"),
])
def test_a_slip_in_one_of_the_pipelines_words_is_put_back(read: str, meant: str) -> None:
    assert text(repair_pieces([(read, 0, 10)])) == meant


@pytest.mark.parametrize("word", [
    "ตอบแท",  # a letter short: the rest may be on the cell's next line
    "ไตรมา",
    "โครงงาน",  # a word of its own, not a slip of "โครงการ"
    "ค่าใช้สอย", "วัตถุประสงค์", "กิจกรรม",
    "ซื้อโครงสร้าง",  # two letter slips from "ชื่อโครงการ" are none
    "ตัวชื่วัด",  # a short word: one slip only ("ตัวชี้วัด" with ี read ื and ้ read ่)
    "คาวสดั",  # marks lost and one the word has not: not only marks lost
    "คาวสค",  # a letter misread besides the marks lost: two slips
    "ชวด",  # "ชี้วัด" without its marks: too few letters to tell (and a word of its own)
])
def test_words_that_are_no_slip_of_the_pipelines_words_are_left_alone(word: str) -> None:
    assert text(restore_vocabulary([(word, 0, 10)])) == word


def test_the_pieces_a_restored_word_spans_become_one_and_the_others_stay() -> None:
    pieces = [("2.", 0, 5), ("วัต", 6, 10), ("ผุ", 10, 14), ("ประสงค์", 14, 30), ("ข้อ", 32, 40)]
    assert restore_vocabulary(pieces) == [("2.", 0, 5), ("วัตถุประสงค์", 6, 30), ("ข้อ", 32, 40)]


def test_a_restored_word_is_recorded_as_read_and_as_put() -> None:
    repaired: list[tuple[str, str]] = []
    pieces = [("2.", 0, 5), ("วัต", 6, 10), ("ผุ", 10, 14), ("ประสงค์", 14, 30)]
    assert text(repair_pieces(pieces, repaired)) == "2.วัตถุประสงค์"
    assert repaired == [("วัตผุประสงค์", "วัตถุประสงค์")]


def test_a_word_left_alone_is_not_recorded() -> None:
    repaired: list[tuple[str, str]] = []
    restore_vocabulary([("วัตถุประสงค์", 0, 10)], repaired)
    assert repaired == []


def test_a_word_put_back_is_an_ocr_uncertain_finding_quoting_both() -> None:
    document = Document("plan.pdf", "pdf", [],
                        repaired=[RepairedWord(4, "วัตผุประสงค์", "วัตถุประสงค์")])
    [finding] = ocr_findings("doc", document)
    assert (finding.kind, finding.source_page, finding.expected) == ("ocr_uncertain", 4, None)
    assert finding.message == ("page 4: read 'วัตผุประสงค์' by OCR, put 'วัตถุประสงค์': an"
                               " OCR slip or lost marks from a word of the plan form's"
                               " vocabulary")


def test_a_line_s_first_number_with_a_comma_before_thai_words_is_an_item_number() -> None:
    """A scan read the Gantt activity "4. กิจกรรม..." as "4, กิจกรรม...": as "4." its
    "4.1", "4.2" lines stay the activity's details, as in the text PDF. A comma after a
    number before digits (an amount) or at no line's start is left alone."""
    assert item_number_dot([("4,", 10, 20)], "กิจกรรม") == [("4.", 10, 20)]
    assert item_number_dot([("๑๒,", 10, 20)], "เตรียม") == [("๑๒.", 10, 20)]
    assert item_number_dot([("4,", 10, 20)], "500") == [("4,", 10, 20)]
    assert item_number_dot([("4,", 10, 20)], None) == [("4,", 10, 20)]
    assert item_number_dot([("12,600", 10, 20)], "บาท") == [("12,600", 10, 20)]

