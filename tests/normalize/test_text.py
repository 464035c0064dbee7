import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.normalize.text import (
    clean_lines,
    clean_text,
    compact,
    repair_thai_glyphs,
    to_arabic_digits,
    to_thai_digits,
)

# Thai letters and digits, ASCII, and the invisible or odd characters readers leave behind.
PLAN_TEXT = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0E01, 0x0E5C) if chr(c).isprintable()]
        + list("0123456789 ,.-xX()/\n\t")
        + ["\u00a0", "\u200b", "\u200d", "\ufeff", "\uf70a", "\uf711", "\u202f"]
    ),
    max_size=40,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(None, "", id="none-is-empty"),
        pytest.param("", "", id="empty"),
        pytest.param("   \n\t ", "", id="only-whitespace"),
        pytest.param("ค่าตอบ\u200bแทน", "ค่าตอบแทน", id="zero-width-space-inside-label"),
        pytest.param("\ufeffโครงการ", "โครงการ", id="byte-order-mark"),
        pytest.param("กลุ่ม\u00a0อำนวยการ", "กลุ่ม อำนวยการ", id="nbsp-to-space"),
        pytest.param(
            "กลุ่มนิเทศ ติดตามและประเมินผล\nการจัดการศึกษา",
            "กลุ่มนิเทศ ติดตามและประเมินผล การจัดการศึกษา",
            id="line-break-inside-cell",
        ),
        pytest.param(
            "๑ ตุลาคม  ๒๕๖2  ถึง  ๓๐ กันยายน  ๒๕๖3",
            "๑ ตุลาคม ๒๕๖2 ถึง ๓๐ กันยายน ๒๕๖3",
            id="runs-of-spaces-digits-kept-as-written",
        ),
        pytest.param("\tลำดับ\nความสำคัญ ", "ลำดับ ความสำคัญ", id="tab-and-newline-header"),
        pytest.param("20,0๐๐", "20,0๐๐", id="mixed-digits-untouched"),
        pytest.param("Cafe\u0301", "Café", id="nfc-composition"),
        pytest.param("ที\uf70aสุด", "ที่สุด", id="pdf-private-use-tone-mark"),
        pytest.param("น\u0e4d\u0e49\u0e32", "น้ำ", id="pdf-split-sara-am-with-tone"),
        pytest.param("จ\u0e4dานวน", "จำนวน", id="pdf-split-sara-am"),
    ],
)
def test_clean_text(raw: str | None, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("ค่าตอบ\nแทน", "ค่าตอบแทน", id="label-split-by-line-break"),
        pytest.param("ค่า ใช้ สอย", "ค่าใช้สอย", id="label-split-by-spaces"),
        pytest.param(" ค่า\u00a0วัสดุ\u200b ", "ค่าวัสดุ", id="nbsp-and-zero-width"),
        pytest.param("", "", id="empty"),
    ],
)
def test_compact(raw: str, expected: str) -> None:
    assert compact(raw) == expected


def test_compact_matches_labels_whatever_the_breaks() -> None:
    assert compact("ค่าตอบ\nแทน") == compact("ค่าตอบแทน")


def test_compact_reads_two_sara_e_as_sara_ae_but_clean_text_keeps_what_was_typed() -> None:
    """"ค่าตอบเเทน" (เ เ typed for แ) is the same label; the text column keeps the typing."""
    assert compact("ค่าตอบเเทน") == "ค่าตอบแทน"
    assert compact("เเผนงาน เเละ") == "แผนงานและ"
    assert clean_text("ค่าตอบเเทน") == "ค่าตอบเเทน"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("20,0๐๐", "20,000", id="mixed-thousands"),
        pytest.param("๔9,๐๐๐", "49,000", id="thai-first-digit"),
        pytest.param("๒๕๖3", "2563", id="mixed-year"),
        pytest.param("ต.ค.๖๒", "ต.ค.62", id="thai-text-kept"),
        pytest.param("", "", id="empty"),
    ],
)
def test_to_arabic_digits(raw: str, expected: str) -> None:
    assert to_arabic_digits(raw) == expected


def test_to_thai_digits() -> None:
    assert to_thai_digits("งบประมาณ 2563") == "งบประมาณ ๒๕๖๓"


def test_repair_thai_glyphs_leaves_good_text_alone() -> None:
    assert repair_thai_glyphs("ที่น้ำคำ") == "ที่น้ำคำ"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            ["  กิจกรรม ", "", None, "\u200b", "ประชุม\nวางแผน"],
            ["กิจกรรม", "ประชุม วางแผน"],
            id="blank-lines-dropped",
        ),
        pytest.param([], [], id="no-lines"),
        pytest.param(
            ("1 - 30 ต.ค.62", "1 พ.ย.62"), ["1 - 30 ต.ค.62", "1 พ.ย.62"], id="tuple-of-cell-lines"
        ),
    ],
)
def test_clean_lines(lines: list[str | None], expected: list[str]) -> None:
    assert clean_lines(lines) == expected


@settings(database=None)
@given(PLAN_TEXT)
def test_thai_arabic_digit_round_trip(s: str) -> None:
    assert to_arabic_digits(to_thai_digits(s)) == to_arabic_digits(s)
    assert len(to_arabic_digits(s)) == len(s)


@settings(database=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_thai_digits_of_a_number_read_back(n: int) -> None:
    assert int(to_arabic_digits(to_thai_digits(str(n)))) == n


@settings(database=None)
@given(PLAN_TEXT)
@example("ก\nั")  # a line break before a mark: repaired like a space, in one pass
def test_clean_text_is_idempotent_and_collapsed(s: str) -> None:
    cleaned = clean_text(s)
    assert clean_text(cleaned) == cleaned
    assert "  " not in cleaned
    assert cleaned == cleaned.strip()
    assert not any(ch in cleaned for ch in "\n\t\u00a0\u200b\ufeff")


@settings(database=None)
@given(PLAN_TEXT)
def test_compact_has_no_whitespace(s: str) -> None:
    assert not any(ch.isspace() for ch in compact(s))
