"""Thai glyph repair: one test per artefact, with the strings PDFs really produce."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from pipeline.normalize.glyphs import THAI_PUA_GLYPHS, is_thai_mark, repair_thai_glyphs
from pipeline.read.pdf_reader import read_pdf

os.environ["PYTHAINLP_OFFLINE"] = "1"

PDF_DIR = Path(__file__).parent.parent / "fixtures" / "pdf"


# -- private-use glyph variants (Word + TH SarabunPSK) ------------------------------------


@pytest.mark.parametrize(("broken", "fixed"), [
    ("ต\uf70bอง", "ต้อง"),              # mai tho, low (no upper vowel above the consonant)
    ("แห\uf70aง", "แห่ง"),              # mai ek, low
    ("ก\uf70bาว", "ก้าว"),
    ("ฟ\uf706า", "ฟ้า"),                # mai tho, low and left (after a tall consonant)
    ("ป\uf710ญหา", "ปัญหา"),            # mai han-akat, left
    ("ป\uf701ด", "ปิด"),                # sara i, left
    ("ป\uf702", "ปี"),                  # sara ii, left
    ("ป\uf702\uf713", "ปี่"),           # sara ii and mai ek, both left
    ("ฝ\uf704น", "ฝืน"),                # sara uee, left
    ("ฟ\uf712น", "ฟ็น"),                # mai taikhu, left
    ("ฤ\uf718", "ฤุ"),                  # sara u, lowered
    ("\uf700าน", "ฐาน"),                # tho than without descender
    ("ก\uf70fุ", "กญุ"),                # yo ying without descender
    ("สิทธิ\uf70e", "สิทธิ์"),           # thanthakhat, low
])
def test_private_use_glyphs_map_to_thai(broken: str, fixed: str) -> None:
    assert repair_thai_glyphs(broken) == fixed


def test_every_private_use_glyph_has_a_mapping() -> None:
    assert set(THAI_PUA_GLYPHS) == set(range(0xF700, 0xF71B))
    for code, char in THAI_PUA_GLYPHS.items():
        assert unicodedata.name(char).startswith("THAI "), hex(code)
        assert is_thai_mark(chr(code)) == is_thai_mark(char), hex(code)


def test_the_mapping_follows_the_glyph_names_of_the_tlwg_fonts() -> None:
    font_tools = pytest.importorskip("fontTools.ttLib")
    font = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
    if not font.exists():
        pytest.skip("fonts-tlwg-laksaman is not installed")
    cmap = font_tools.TTFont(str(font)).getBestCmap()
    for code, char in THAI_PUA_GLYPHS.items():
        name = cmap[code]  # e.g. "uni0E48.low"
        assert name.startswith(f"uni{ord(char):04X}"), (hex(code), name)


# -- sara am --------------------------------------------------------------------------


@pytest.mark.parametrize(("broken", "fixed"), [
    ("ค าน า", "คำนำ"),                 # the nikhahit half lost, its gap read as a space
    ("ส านักงาน", "สำนักงาน"),
    ("จ านวน", "จำนวน"),
    ("ด าเนินการ", "ดำเนินการ"),
    ("น้ า", "น้ำ"),                    # with the tone mark kept
])
def test_split_sara_am_with_a_space(broken: str, fixed: str) -> None:
    assert repair_thai_glyphs(broken) == fixed


@pytest.mark.parametrize(("broken", "fixed"), [
    ("ทํางาน", "ทำงาน"),                # nikhahit + sara aa as two code points
    ("คํานํา", "คำนำ"),
    ("น\u0e49\u0e4d\u0e32", "น้ำ"),      # tone mark between them
    ("น\u0e4d\u0e49\u0e32", "น้ำ"),      # tone mark after the nikhahit
    ("ทํ า", "ทำ"),                     # and a space before the sara aa
])
def test_decomposed_sara_am(broken: str, fixed: str) -> None:
    assert repair_thai_glyphs(broken) == fixed


@pytest.mark.parametrize(("broken", "fixed"), [
    ("ลำาดับ", "ลำดับ"),                # plain pdfminer on LibreOffice PDFs (ActualText lost)
    ("ประจำาปี", "ประจำปี"),
    ("ความสำาคัญ", "ความสำคัญ"),
])
def test_sara_am_followed_by_its_own_sara_aa(broken: str, fixed: str) -> None:
    assert repair_thai_glyphs(broken) == fixed


# -- marks ----------------------------------------------------------------------------


@pytest.mark.parametrize(("broken", "fixed"), [
    ("ผู ้รับผิดชอบ", "ผู้รับผิดชอบ"),
    ("ที ่", "ที่"),
    ("ก ิจกรรม", "กิจกรรม"),
    ("ค\u00a0่า", "ค่า"),               # a no-break space
])
def test_spaces_before_marks(broken: str, fixed: str) -> None:
    assert repair_thai_glyphs(broken) == fixed


@pytest.mark.parametrize(("broken", "fixed"), [
    ("ท\u0e48\u0e35", "ที่"),            # tone mark before the upper vowel
    ("ก\u0e49\u0e38ง", "กุ้ง"),          # tone mark before the lower vowel
    ("ผ\u0e49\u0e39", "ผู้"),
    ("ส\u0e4c\u0e34", "สิ์"),            # thanthakhat before sara i
])
def test_marks_in_the_wrong_order(broken: str, fixed: str) -> None:
    assert repair_thai_glyphs(broken) == fixed


@pytest.mark.parametrize("clean", [
    "ยุทธศาสตร์ที่ 6  ด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการศึกษา",
    "นิเทศติดตามการบริหารจัดการและการจัดการเรียนรู้สู่การพัฒนาศักยภาพผู้เรียน ศตวรรษที่ 21",
    "ค่าอาหารกลางวัน  ( 18คน X ๑๒๐ บาท )",
    "น้ำ กำลัง คำนำ สำนักงาน ผู้ใหญ่ กุ้ง ปี่",
    "ระบบ online 2563 - ๒๕๖๓",
    "",
])
def test_clean_text_is_unchanged(clean: str) -> None:
    assert repair_thai_glyphs(clean) == clean


# -- measured on a real LibreOffice PDF ----------------------------------------------------


def test_plain_pdfplumber_shows_the_artefacts_our_reader_does_not() -> None:
    """What the module docstring reports: pdfminer drops ActualText, so a LibreOffice PDF
    reads "ลำาดับ"/"ผ้้"; the reader, keeping the spans, gives the source text."""
    pdf_path = PDF_DIR / "yasothon2-fy2563.pdf"
    with pdfplumber.open(pdf_path) as pdf:
        plain = pdf.pages[2].extract_text()
    assert "ลำาดับ" in plain or "(cid:" in plain or "ผ้้" in plain
    document = read_pdf(pdf_path)
    table = next(document.tables())
    # a tagged PDF keeps the cell's two paragraphs ("ลำดับ" / "ความสำคัญ") apart
    header = {"".join(cell.lines) for cell in table.cells if cell.row == 0}
    assert {"ลำดับความสำคัญ", "โครงการ", "งบประมาณ", "ผู้รับผิดชอบ"} <= header
