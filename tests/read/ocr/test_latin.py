"""Latin words in Thai print read again with the English model (issue 13, Latin words:
the Thai model reads "O-NET" as "0-ผ57", "NT" as "ม1")."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.read.ocr.engine import OcrLine, OcrToken
from pipeline.read.ocr.latin import (
    MIXED_RE,
    is_mixed,
    is_sure_latin_word,
    reread_latin,
    takes_latin,
)
from pipeline.read.ocr.reader import ocr_available

FONT = Path("/usr/share/fonts/truetype/tlwg/Garuda.ttf")  # fonts-tlwg-garuda: Thai and Latin
ENG = Path("/usr/share/tesseract-ocr/5/tessdata/eng.traineddata")
SIZE_PX = 33  # 16 pt at 150 dpi

needs_ocr = pytest.mark.skipif(not (ocr_available() and FONT.is_file() and ENG.is_file()),
                               reason="tesseract with tha and eng data, or Garuda, missing")


def _printed(words: list[str]) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """`words` printed on one line, grey, and each word's box."""
    font = ImageFont.truetype(str(FONT), SIZE_PX)
    image = Image.new("L", (60 + 160 * len(words), 80), 255)
    draw = ImageDraw.Draw(image)
    boxes = []
    for i, word in enumerate(words):
        draw.text((30 + 160 * i, 15), word, font=font, fill=0)
        x0, top, x1, bottom = draw.textbbox((30 + 160 * i, 15), word, font=font)
        boxes.append((int(x0), int(top), int(x1), int(bottom)))
    return np.asarray(image, dtype=np.uint8), boxes


def _read_as(texts: list[str], confidences: list[float],
             boxes: list[tuple[int, int, int, int]]) -> OcrLine:
    tokens = tuple(OcrToken(t, b, c, ((t, b[0], b[2]),))
                   for t, c, b in zip(texts, confidences, boxes, strict=True))
    return OcrLine(tokens, 40.0, tuple(b[3] - b[1] for b in boxes))


@needs_ocr
def test_a_doubtful_token_that_is_a_latin_word_is_read_in_english() -> None:
    pixels, boxes = _printed(["O-NET", "NT/RT"])
    line = _read_as(["0-ผ57", "ผ1/คกา"], [19.0, 42.0], boxes)
    [again] = reread_latin(pixels, [line])
    assert [t.text for t in again.tokens] == ["O-NET", "NT/RT"]


@needs_ocr
def test_thai_read_surely_and_numbers_stay_as_read() -> None:
    pixels, boxes = _printed(["คน", "2564"])
    line = _read_as(["คน", "2566"], [93.0, 40.0], boxes)
    [again] = reread_latin(pixels, [line])
    assert again == line  # a number is the digit classifier's to read again


@needs_ocr
def test_a_doubtful_thai_word_is_not_taken_for_latin() -> None:
    pixels, boxes = _printed(["ค่าถ่ายเอกสาร"])
    line = _read_as(["ค่าถ่ายเอกสาร"], [53.0], boxes)
    [again] = reread_latin(pixels, [line])
    assert again == line


def test_what_is_a_sure_latin_word() -> None:
    assert is_sure_latin_word("(O-NET", 89.0) and is_sure_latin_word("RT)", 96.0)
    assert not is_sure_latin_word("O-NET", 70.0)  # not sure enough
    assert not is_sure_latin_word("2564", 95.0)  # a number
    assert not is_sure_latin_word("A", 95.0)  # one letter: too little to tell


def test_thai_letters_with_digits_are_doubtful_but_not_an_abbreviation_with_its_number(
        ) -> None:
    assert MIXED_RE.search("0-ผ57") and MIXED_RE.search("ง7")
    assert not MIXED_RE.search("ป.6") and not MIXED_RE.search("ชั้น")


@pytest.mark.parametrize("token", ["๒มื้อ", "๒มื้อ)", "18คน", "(๑๒๐บาท"])
def test_a_number_with_its_unit_glued_after_it_is_thai(token: str) -> None:
    # yasothon2-fy2563's formula "x ๒มื้อ" read right, then in English "wile"
    assert MIXED_RE.search(token) and not is_mixed(token)
    assert not takes_latin(token, "wile", 83.0)
    assert is_mixed("0-ผ57") and is_mixed("๐ทยท6")
    assert is_mixed("8เธ")  # "Big" read by the Thai model: a digit and no unit after it


def test_a_lower_case_reading_replaces_only_what_is_no_thai() -> None:
    # the school plan's note "สพฐ." (doubtful) reads "ang." in English, surely
    assert not takes_latin("สพฐ.", "ang.", 90.0)
    assert takes_latin("๐ทยท6", "online", 90.0)  # letters and digits mixed: no Thai
    assert takes_latin("ก", "RT", 94.0)  # an acronym


def _scripted(monkeypatch: pytest.MonkeyPatch) -> tuple[np.ndarray, OcrLine, OcrLine]:
    """A page of two lines whose English readings are scripted by their ink: the header
    token (ink 0) reads "(O-NET" at 69, the prose token (ink 50) "O-NET" at 91."""
    import pipeline.read.ocr.latin as latin

    pixels = np.full((200, 400), 255, np.uint8)
    pixels[20:50, 40:140] = 0
    pixels[120:150, 40:140] = 50
    monkeypatch.setattr(latin, "read_latin_word", lambda image: (
        ("(O-NET", 69.0) if (image == 0).any() else ("O-NET", 91.0)))
    header = _read_as(["(๐-ผ67"], [34.0], [(40, 20, 140, 50)])
    prose = _read_as(["0-ผ57"], [19.0], [(40, 120, 140, 150)])
    return pixels, header, prose


def test_a_latin_word_read_less_surely_is_taken_when_read_surely_elsewhere(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pixels, header, prose = _scripted(monkeypatch)
    first, second = reread_latin(pixels, [header, prose])
    assert [first.tokens[0].text, second.tokens[0].text] == ["(O-NET", "O-NET"]


def test_a_latin_word_read_less_surely_alone_stays_as_the_thai_model_read_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    pixels, header, _ = _scripted(monkeypatch)
    [again] = reread_latin(pixels, [header])
    assert again == header
