"""Numbers of an OCR line read again whole (issue 13, the yasothon2 scans): a token box that
cuts a glyph is widened to it, the tokens tesseract split one number into are joined, a
year's dash and digits printed touching are read, on Laksaman digits rendered here."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read.ocr.digits_train import font_files
from pipeline.read.ocr.engine import OcrLine, OcrToken
from pipeline.read.ocr.line_numbers import (
    join_split_numbers,
    reread_doubtful_in_number_cell,
    reread_running_numbers,
)
from pipeline.read.ocr.numbers import Reread, reread, reread_box, whole_glyphs_box

pytestmark = pytest.mark.skipif(not font_files(), reason="no Thai fonts (fonts-thai-tlwg)")

TOP, BOTTOM = 20, 66


def printed(parts: list[tuple[str, int]], bold: bool = False
            ) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """`parts` (text, the gap after it in pixels, negative to overlap) drawn in Laksaman
    34 px on one grey strip, and each part's left and right ink ends."""
    name = "Laksaman-Bold" if bold else "Laksaman"
    [path] = [f for f in font_files() if f.stem == name]
    font = ImageFont.truetype(str(path), 34)
    canvas = Image.new("L", (420, 80), 255)
    draw = ImageDraw.Draw(canvas)
    x, ends = 12, []
    for text, gap in parts:
        left, _, right, _ = draw.textbbox((x, 15), text, font=font)
        draw.text((x, 15), text, font=font, fill=0)
        ends.append((left, right))
        x = right + gap
    return np.asarray(canvas, np.uint8), ends


def token(text: str, x0: int, x1: int) -> OcrToken:
    return OcrToken(text, (x0, TOP, x1, BOTTOM), 85.0, ((text, x0, x1),))


def line(*tokens: OcrToken) -> OcrLine:
    return OcrLine(tokens, float(BOTTOM), (24,) * 8)


def test_a_box_cutting_the_first_glyph_is_widened_to_it() -> None:
    pixels, [(left, right)] = printed([("๒๕๖๒", 0)])
    cut = (left + 9, TOP, right, BOTTOM)  # ๒ cut to a sliver, as tesseract's box did
    widened = whole_glyphs_box(pixels, cut)
    assert abs(widened[0] - left) <= 1 and widened[1:] == cut[1:]
    again, box = reread_box(pixels, cut, "๒๕๒๒")
    assert again is not None and box == widened
    assert (again.classified, again.kept) == ("๒๕๖๒", "๒๕๖๒")


def test_the_dash_after_a_year_is_read_as_a_dash() -> None:
    pixels, [(left, right)] = printed([("๒๕๖๒-", 0)])
    again = reread(pixels[TOP:BOTTOM, left - 2:right + 2], "๒๕๒๒-")
    assert again is not None and again.classified == "๒๕๖๒-"


def test_digits_printed_touching_are_cut_apart() -> None:
    pixels, [(left, _), (_, right)] = printed([("๒๕", -3), ("๖๓", 0)], bold=True)
    again = reread(pixels[TOP:BOTTOM, left - 2:right + 2], "๒๕๓")
    assert again is not None and again.classified == "๒๕๖๓"


def test_tokens_of_one_number_are_joined_and_read_again() -> None:
    # "๑2๐" split at the script change: the glyphs two pixels apart are one number
    pixels, [(a0, a1), (b0, b1)] = printed([("๑2", 2), ("๐", 0)])
    joined = join_split_numbers(line(token("๑2", a0, a1), token("๐", b0, b1)), pixels)
    assert [t.text for t in joined.tokens] == ["๑2๐"]
    assert joined.tokens[0].box == (a0, TOP, b1, BOTTOM)


def test_a_year_split_a_word_space_apart_is_joined_numbers_are_not() -> None:
    year, [(a0, a1), (b0, b1)] = printed([("๒๕๖", 10), ("3", 0)])
    rereads: list[Reread] = []
    read = reread_running_numbers(line(token("๒๕๒๐", a0, a1), token("3", b0, b1)), year,
                                  rereads)
    assert [t.text for t in read.tokens] == ["๒๕๖3"]
    assert [(r.ocr, r.classified) for r in rereads] == [("๒๕๒๐3", "๒๕๖3")]
    two, [(a0, a1), (b0, b1)] = printed([("๑๒", 10), ("๓๐", 0)])
    apart = join_split_numbers(line(token("๑๒", a0, a1), token("๓๐", b0, b1)), two)
    assert [t.text for t in apart.tokens] == ["๑๒", "๓๐"]


def test_running_text_rereads_amounts_and_thai_digits_not_small_arabic_numbers() -> None:
    pixels, [(a0, a1), (b0, b1), (c0, c1)] = printed([("๔๐,๐๐๐", 14), ("6", 14),
                                                       ("2566", 0)])
    rereads: list[Reread] = []
    read = reread_running_numbers(line(token("50,000", a0, a1), token("9", b0, b1),
                                       token("2566", c0, c1)), pixels, rereads)
    assert [t.text for t in read.tokens] == ["๔๐,๐๐๐", "9", "2566"]
    assert [(r.ocr, r.classified) for r in rereads] == [("50,000", "๔๐,๐๐๐")]


def test_an_amount_cut_in_its_last_thousands_group_is_joined() -> None:
    # "30,0 ๐๐" (yasothon2-fy2564): Arabic digits, then Thai zeros a word space on
    pixels, [(a0, a1), (b0, b1)] = printed([("30,0", 12), ("๐๐", 0)])
    rereads: list[Reread] = []
    read = reread_running_numbers(line(token("30,0", a0, a1), token("๐๐", b0, b1)), pixels,
                                  rereads)
    assert [t.text for t in read.tokens] == ["30,0๐๐"]
    whole, [(a0, a1), (b0, b1)] = printed([("30,000", 12), ("๐๐", 0)])
    apart = join_split_numbers(line(token("30,000", a0, a1), token("๐๐", b0, b1)), whole)
    assert [t.text for t in apart.tokens] == ["30,000", "๐๐"]


def test_a_first_digit_set_a_space_apart_is_joined_to_its_amount() -> None:
    # "๕ ๐,๐๐๐" (yasothon2-fy2563): a space typed inside the first thousands group
    pixels, [(a0, a1), (b0, b1)] = printed([("๕", 12), ("๐,๐๐๐", 0)])
    rereads: list[Reread] = []
    read = reread_running_numbers(line(token("๕", a0, a1), token("๐,๐๐๐", b0, b1)), pixels,
                                  rereads)
    assert [t.text for t in read.tokens] == ["๕๐,๐๐๐"]
    arabic, [(a0, a1), (b0, b1)] = printed([("2", 12), ("0,000", 0)])
    joined = join_split_numbers(line(token("2", a0, a1), token("0,000", b0, b1)), arabic)
    assert [t.text for t in joined.tokens] == ["20,000"]


def test_numbers_a_space_apart_not_opening_with_zero_stay_apart() -> None:
    pixels, [(a0, a1), (b0, b1)] = printed([("2", 12), ("5,000", 0)])
    apart = join_split_numbers(line(token("2", a0, a1), token("5,000", b0, b1)), pixels)
    assert [t.text for t in apart.tokens] == ["2", "5,000"]
    # three digits before a zero-led group would make a first group of four
    wide, [(a0, a1), (b0, b1)] = printed([("120", 12), ("0,000", 0)])
    kept = join_split_numbers(line(token("120", a0, a1), token("0,000", b0, b1)), wide)
    assert [t.text for t in kept.tokens] == ["120", "0,000"]


def test_digits_of_two_scripts_a_space_apart_are_one_number_recorded() -> None:
    # "(18คน X ๓3 บาท": a price typed in two fonts (yasothon2-fy2563) prints "๓ 3"
    pixels, [(a0, a1), (b0, b1)] = printed([("๓", 12), ("3", 0)])
    rereads: list[Reread] = []
    joined = join_split_numbers(line(token("๓", a0, a1), token("3", b0, b1)), pixels, rereads)
    assert [t.text for t in joined.tokens] == ["๓3"]
    assert [(r.ocr, r.classified) for r in rereads] == [("๓ 3", "๓3")]


def test_digits_of_one_script_or_whole_years_a_space_apart_stay_apart() -> None:
    same, [(a0, a1), (b0, b1)] = printed([("๓", 12), ("๔", 0)])
    assert [t.text for t in join_split_numbers(
        line(token("๓", a0, a1), token("๔", b0, b1)), same).tokens] == ["๓", "๔"]
    years, [(a0, a1), (b0, b1)] = printed([("๒๕๖๓", 12), ("2564", 0)])
    rereads: list[Reread] = []
    apart = join_split_numbers(line(token("๒๕๖๓", a0, a1), token("2564", b0, b1)), years,
                               rereads)
    assert [t.text for t in apart.tokens] == ["๒๕๖๓", "2564"] and rereads == []


def doubtful(text: str, x0: int, x1: int) -> OcrToken:
    return OcrToken(text, (x0, TOP, x1, BOTTOM), 51.0, ((text, x0, x1),))


def test_a_doubtful_token_read_as_letters_in_a_cell_of_numbers_is_read_as_digits() -> None:
    # "15,1" over "0๐" in a narrow cell (yasothon2-fy2563's grand total) read "แอรัด|"
    pixels, [(a0, a1), (b0, b1)] = printed([("15,1", 30), ("0๐", 0)])
    rereads: list[Reread] = []
    lines = [line(doubtful("แอรัด|", a0, a1)), line(token("0๐", b0, b1))]
    read = reread_doubtful_in_number_cell(lines, pixels, rereads)
    assert [[t.text for t in ln.tokens] for ln in read] == [["15,1"], ["0๐"]]
    assert [(r.ocr, r.classified, r.kept) for r in rereads] == [("แอรัด|", "15,1", "15,1")]


def test_letters_beside_numbers_are_left_when_sure_or_when_the_cell_is_all_letters() -> None:
    pixels, [(a0, a1), (b0, b1)] = printed([("15,1", 30), ("0๐", 0)])
    sure = OcrToken("แอรัด", (a0, TOP, a1, BOTTOM), 92.0, (("แอรัด", a0, a1),))
    rereads: list[Reread] = []
    lines = [line(sure), line(token("0๐", b0, b1))]
    assert reread_doubtful_in_number_cell(lines, pixels, rereads) == lines
    alone = [line(doubtful("แอรัด|", a0, a1))]
    assert reread_doubtful_in_number_cell(alone, pixels, rereads) == alone
    assert rereads == []


def test_a_range_tesseract_read_is_read_again_as_a_range() -> None:
    # yasothon2-fy2563's period "ไตรมาส ๓-๔" read "๓-๕": quarter 5 gave no months
    pixels, [(left, right)] = printed([("๓-๔", 0)])
    crop = pixels[TOP:BOTTOM, left - 2:right + 2]
    again = reread(crop, "๓-๕")
    assert again is not None and (again.classified, again.kept) == ("๓-๔", "๓-๔")
    assert reread(crop, "๓๕") is None  # a range only where tesseract saw one
