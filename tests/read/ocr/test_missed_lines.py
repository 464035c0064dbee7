"""A line of digits tesseract left out of a cell's reading is read by the digit classifier
(issue 13: yasothon2-fy2564's period 'ไตรมาส ๒ -' / '๓' read 'ไตรมาส ๒ -'), on Laksaman
glyphs rendered here."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read.ocr.digits_train import font_files
from pipeline.read.ocr.engine import OcrLine, OcrToken
from pipeline.read.ocr.missed_lines import read_missed_lines
from pipeline.read.ocr.numbers import Reread

pytestmark = pytest.mark.skipif(not font_files(), reason="no Thai fonts (fonts-thai-tlwg)")

EM = 34.0


def cell(lines: list[str]) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """`lines` drawn in Laksaman 34 px one under another, and each line's ink box."""
    [path] = [f for f in font_files() if f.stem == "Laksaman"]
    font = ImageFont.truetype(str(path), int(EM))
    canvas = Image.new("L", (300, 40 + 50 * len(lines)), 255)
    draw = ImageDraw.Draw(canvas)
    boxes = []
    for index, text in enumerate(lines):
        draw.text((12, 12 + 50 * index), text, font=font, fill=0)
        boxes.append(draw.textbbox((12, 12 + 50 * index), text, font=font))
    return np.asarray(canvas, np.uint8), [tuple(int(v) for v in b) for b in boxes]


def read_line(text: str, box: tuple[int, int, int, int]) -> OcrLine:
    return OcrLine((OcrToken(text, box, 93.0, ((text, box[0], box[2]),)),), float(box[3]),
                   (box[3] - box[1],))


def test_a_lone_digit_line_left_out_is_read_and_recorded() -> None:
    pixels, [first, digit] = cell(["ไตรมาส ๒ -", "๓"])
    rereads: list[Reread] = []
    lines = read_missed_lines(pixels, [read_line("ไตรมาส ๒ -", first)], EM, rereads)
    assert [[t.text for t in line.tokens] for line in lines] == [["ไตรมาส ๒ -"], ["๓"]]
    assert [(r.ocr, r.classified, r.kept) for r in rereads] == [("", "๓", "๓")]
    assert abs(lines[1].tokens[0].box[0] - digit[0]) <= 2


def test_lines_all_read_and_a_left_out_line_of_letters_stay_as_read() -> None:
    pixels, [first, second] = cell(["ไตรมาส ๒ -", "๓"])
    rereads: list[Reread] = []
    both = [read_line("ไตรมาส ๒ -", first), read_line("๓", second)]
    assert read_missed_lines(pixels, both, EM, rereads) == both
    letters, [first, _] = cell(["ไตรมาส ๒ -", "กิจกรรม"])
    alone = [read_line("ไตรมาส ๒ -", first)]
    assert read_missed_lines(letters, alone, EM, rereads) == alone
    assert rereads == []
