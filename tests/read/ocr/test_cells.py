"""A table cell's ink that tesseract reads nothing in: a "-" alone, the nil of an amount
column (school-fy2566 prints one in every empty amount cell)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipeline.read.ocr.dashes import cell_dashes, dash_runs, line_dashes, lone_dash
from pipeline.read.ocr.reader import ocr_available
from pipeline.read.pdf_reader import read_pdf
from tests.fixtures.scans import ScanSettings, scan

PDF_DIR = Path(__file__).parents[2] / "fixtures" / "pdf"

EM = 33.0  # a 16-point font at 150 dpi, in pixels


def cell(*strokes: tuple[int, int, int, int]) -> np.ndarray:
    """A white 130 x 108 pixel cell inside with black boxes (x0, top, x1, bottom)."""
    pixels = np.full((108, 130), 255, dtype=np.uint8)
    for x0, top, x1, bottom in strokes:
        pixels[top:bottom, x0:x1] = 0
    return pixels


def test_a_thin_short_stroke_alone_is_a_dash() -> None:
    assert lone_dash(cell((60, 32, 69, 34)), EM) == (60, 32, 69, 34)  # as on the scan
    assert lone_dash(cell((60, 32, 69, 33)), EM) == (60, 32, 69, 33)


def test_anything_else_is_not_a_dash() -> None:
    assert lone_dash(cell(), EM) is None  # empty
    assert lone_dash(cell((60, 32, 64, 36)), EM) is None  # a dot
    assert lone_dash(cell((20, 32, 110, 34)), EM) is None  # a rule, not a glyph
    assert lone_dash(cell((0, 32, 9, 34)), EM) is None  # ruling debris at the side
    assert lone_dash(cell((60, 32, 69, 34), (80, 20, 90, 40)), EM) is None  # "-" and more
    assert lone_dash(cell((60, 20, 69, 34)), EM) is None  # too thick: a glyph


def test_dashes_one_under_another_are_the_nils_of_lines_packed_in_one_cell() -> None:
    # yasothon2-fy2563: "-" over "-" beside "1,080" over "2,160"
    assert cell_dashes(cell((60, 62, 69, 64), (60, 22, 69, 24)), EM) == [
        (60, 22, 69, 24), (60, 62, 69, 64)]
    assert lone_dash(cell((60, 22, 69, 24), (60, 62, 69, 64)), EM) is None  # not one
    assert cell_dashes(cell((30, 32, 39, 34), (80, 32, 89, 34)), EM) == []  # side by side
    assert cell_dashes(cell((60, 22, 69, 24), (60, 50, 64, 54)), EM) == []  # and a dot


def test_dashes_on_lines_of_their_own_beside_numbers_are_the_nils_of_their_lines() -> None:
    # yasothon2-fy2563: "-" / "-" / "๑" / "๐,๐๐" / "๐" in a narrow amount cell
    digit = (60, 70, 70, 90)  # a glyph on a line below the dashes
    assert line_dashes(cell((60, 12, 69, 14), (60, 42, 69, 44), digit), EM) == [
        (60, 12, 69, 14), (60, 42, 69, 44)]
    assert line_dashes(cell((40, 42, 49, 44), (60, 34, 70, 52)), EM) == []  # ink beside it
    assert line_dashes(cell((0, 42, 9, 44), digit), EM) == []  # ruling debris at the side
    assert line_dashes(cell((60, 34, 64, 38), digit), EM) == []  # a dot


def test_dashes_side_by_side_are_a_gantt_mark_with_their_count() -> None:
    # yasothon2-fy2563's Gantt charts mark a month "--" (or "---")
    assert dash_runs(cell((40, 42, 49, 44), (55, 42, 64, 44)), EM) == [((40, 42, 64, 44), 2)]
    assert dash_runs(cell((30, 42, 39, 44), (45, 42, 54, 44), (60, 42, 69, 44)), EM) == [
        ((30, 42, 69, 44), 3)]
    assert dash_runs(cell((60, 42, 69, 44)), EM) == []  # one dash: a nil (cell_dashes)
    assert dash_runs(cell((60, 22, 69, 24), (60, 62, 69, 64)), EM) == []  # one a line
    assert dash_runs(cell((40, 42, 49, 44), (55, 42, 64, 44), (80, 20, 90, 40)), EM) == []


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr-tha or the ocr extra not installed")
def test_the_dashes_of_a_scanned_budget_table_are_the_text_pdfs() -> None:
    settings = ScanSettings(first_page=5, last_page=5)
    [_, scanned] = read_pdf(scan("school-fy2566", settings)).tables()
    [_, text] = [t for t in read_pdf(PDF_DIR / "school-fy2566-untagged.pdf").tables()
                 if t.page == 5]
    amounts = [scanned.row_texts(r)[2:] for r in range(1, scanned.n_rows)]
    assert amounts == [text.row_texts(r)[2:] for r in range(1, scanned.n_rows)] == [
        ["8,000", "8,000", "-", "-"], ["5,000", "5,000", "-", "-"]]


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr-tha or the ocr extra not installed")
def test_a_page_number_misread_by_page_segmentation_is_read_again_and_the_table_joins() -> None:
    """school-fy2566's "- 5 -" read "= ปขน=" in the page's segmentation passed for body
    text at the foot of the page, so the budget table ending above it did not reach the
    page bottom and its continuation on page 6 stayed a table of its own."""
    document = read_pdf(scan("school-fy2566", ScanSettings(first_page=5, last_page=6)))
    budget = [t for t in document.tables() if t.row_texts(0)[1] == "รายการ"]
    assert [(t.page, t.n_rows) for t in budget] == [(1, 5)]  # pages counted from the scan's
    # the row cut by the page break is one again, as in the text PDF
    assert budget[0].row_texts(2)[1].split() == ["ค่าวัสดุทำสื่อการสอน", "(บัตรคำ", "แบบฝึก)"]
    assert budget[0].row_texts(4)[2:] == ["25,000", "13,000", "12,000", "-"]
    assert "= ปขน=" not in [p.text for p in document.paragraphs()]


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr-tha or the ocr extra not installed")
def test_a_page_number_tesseract_misreads_is_read_by_its_dashes_and_digits() -> None:
    """school-fy2566's "- 3 -" reads "= รชิน-" however it is segmented: body text below
    the running footer, so the page's body seemed to reach its foot and the summary table
    cut by the break on page 2 did not reach the body bottom. Read as dashes and a digit
    (the classifier's), it is a page number, and the table is one with its cut row joined."""
    document = read_pdf(scan("school-fy2566", ScanSettings(first_page=2, last_page=3)))
    [summary] = document.tables()
    assert summary.n_rows == 8
    assert summary.row_texts(6) == ["5", "โรงเรียนปลอดภัย", "กลุ่มบริหารทั่วไป", "8,000", "-",
                                    "-", "8,000"]
    # nothing below the footnote: the page number and the footer are furniture
    assert [p.text for p in document.paragraphs()][-1] == (
        "หมายเหตุ : สพฐ. = เงินอุดหนุนรายหัว อื่นๆ = เงินรายได้สถานศึกษา")
