"""Entry points for `pdf_reader`: whether OCR can run here, and one page read by it.

Imports of OpenCV, pdfium and tesserocr are deferred to the first scanned page, so text
PDFs are read without them (and without the `ocr` extra installed).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.model import RepairedWord, UncertainReading
from pipeline.read.pdf_layout import PageContent


def ocr_available() -> bool:
    """Whether tesserocr, OpenCV, pypdfium2 and tesseract's Thai data are all here."""
    try:
        import cv2  # noqa: F401
        import pypdfium2  # noqa: F401

        from pipeline.read.ocr.engine import available
    except ImportError:
        return False
    return available()


def ocr_page_of(path: Path, number: int
                ) -> tuple[PageContent, list[UncertainReading], list[RepairedWord]]:
    """Page `number` (1-based) of the PDF at `path`, read by OCR, each number on it the
    digit classifier read differently from tesseract (with the reading the cell kept), and
    each word of the vocabulary put back."""
    import pypdfium2 as pdfium

    from pipeline.read.ocr.page import ocr_page

    document = pdfium.PdfDocument(str(path))
    try:
        page = document[number - 1]
        try:
            result = ocr_page(page, number)
        finally:
            page.close()
    finally:
        document.close()
    return (result.content, [UncertainReading(number, r.ocr, r.classified, r.kept)
                             for r in result.rereads],
            [RepairedWord(number, read, put) for read, put in result.repaired])
