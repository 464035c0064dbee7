"""Fragments page segmentation splits off a line (a tone mark over its first letters, its
first letters cut off as a column) read again with the line they belong to."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from pipeline.read.ocr.reader import ocr_available
from tests.fixtures.scans import ScanSettings, scan

pytestmark = pytest.mark.skipif(not ocr_available(),
                                reason="tesseract-ocr-tha or the ocr extra not installed")

# yasothon2-fy2563's page 6, 150 dpi: the band of "ข้อที่ (6) ด้าน..." and "ผู้รับผิดชอบ"
BAND = slice(740, 880)


def _band_lines(fix: bool) -> list[list[str]]:
    from pipeline.read.ocr.engine import PSM_AUTO, read_lines
    from pipeline.read.ocr.image import page_image
    from pipeline.read.ocr.page import rejoin_fragments

    path = scan("yasothon2-fy2563", ScanSettings(first_page=6, last_page=6))
    document = pdfium.PdfDocument(str(path))
    try:
        pixels = page_image(document[0]).pixels[BAND, :]
    finally:
        document.close()
    lines = read_lines(pixels, psm=PSM_AUTO)
    if fix:
        lines = rejoin_fragments(pixels, lines)
    return [[token.text for token in line.tokens] for line in lines]


def test_letters_cut_off_as_a_column_are_read_again_with_their_lines() -> None:
    # page segmentation reads "ข้" and "ผู้" as a column of their own, junk in Thai digits
    assert _band_lines(fix=False) == [
        ["๕35๒", "๐5๒๐"], ["อทิ", "(6)", "ด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการศึกษา"],
        ["ฆ"], ["รับผิดชอบ"]]
    assert _band_lines(fix=True) == [
        ["ข้อที", "(6)", "ด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการศึกษา"], ["ผู้รับผิดชอบ"]]


def test_a_doubtful_line_beside_another_is_left_as_read() -> None:
    import numpy as np

    from pipeline.read.ocr.engine import OcrLine, OcrToken
    from pipeline.read.ocr.page import rejoin_fragments

    label = OcrLine((OcrToken("แผนงาน", (10, 10, 110, 40), 93.0),), 35.0, (30,))
    value = OcrLine((OcrToken("ซะ", (130, 12, 160, 38), 40.0),), 35.0, (26,))
    below = OcrLine((OcrToken("ระยะ", (10, 60, 90, 90), 92.0),), 85.0, (30,))
    blank = np.full((100, 200), 255, np.uint8)
    assert rejoin_fragments(blank, [label, value, below]) == [label, value, below]
