"""Numbers among a cell's words read again by the digit classifier (issue 13, the
split-budget-table scan): tesseract read the "3" of a cost formula "x 3 วัน" as "2", less
sure of it than of its other tokens, so the item's formula value was wrong. An Arabic
number it read unsure is read again; one it is sure of is left as read."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read.ocr.digits_train import font_files
from pipeline.read.ocr.engine import OcrLine, OcrToken
from pipeline.read.ocr.numbers import Reread
from pipeline.read.ocr.page import SURE_DIGITS_CONFIDENCE, reread_cell_numbers

pytestmark = pytest.mark.skipif(not font_files(), reason="no Thai fonts (fonts-thai-tlwg)")

TOP, BOTTOM = 10, 60


def cell_line(digit_confidence: float) -> tuple[np.ndarray, OcrLine]:
    """"บาท x 3 วัน" drawn in Laksaman 34 px, as tesseract read it: the 3 as "2"."""
    [path] = [f for f in font_files() if f.stem == "Laksaman"]
    font = ImageFont.truetype(str(path), 34)
    canvas = Image.new("L", (320, 70), 255)
    draw = ImageDraw.Draw(canvas)
    tokens, x = [], 12
    for text, read, confidence in (("บาท", "บาท", 92.0), ("x", "x", 92.0),
                                   ("3", "2", digit_confidence), ("วัน", "วัน", 92.0)):
        left, _, right, _ = draw.textbbox((x, 12), text, font=font)
        draw.text((x, 12), text, font=font, fill=0)
        tokens.append(OcrToken(read, (left, TOP, right, BOTTOM), confidence,
                               ((read, left, right),)))
        x = right + 12
    return np.asarray(canvas, np.uint8), OcrLine(tuple(tokens), float(BOTTOM), (24,) * 8)


def test_an_arabic_digit_read_unsure_among_words_is_read_again() -> None:
    pixels, line = cell_line(SURE_DIGITS_CONFIDENCE - 5)
    rereads: list[Reread] = []
    [again] = reread_cell_numbers([line], pixels, rereads)
    assert [t.text for t in again.tokens] == ["บาท", "x", "3", "วัน"]
    # recorded, so the reading is an ocr_uncertain finding
    assert [(r.ocr, r.classified, r.kept) for r in rereads] == [("2", "3", "3")]


def test_an_arabic_digit_read_sure_among_words_is_left_as_read() -> None:
    pixels, line = cell_line(SURE_DIGITS_CONFIDENCE + 5)
    rereads: list[Reread] = []
    [again] = reread_cell_numbers([line], pixels, rereads)
    assert [t.text for t in again.tokens] == ["บาท", "x", "2", "วัน"]
    assert rereads == []
