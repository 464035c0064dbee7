"""Latin words of Thai print read again with tesseract's English model.

Debian's Thai model knows no Latin letters: the acronyms Thai plans print inside Thai text
(O-NET, NT, RT, ICT, PLC) come out as Thai letters and digits ("O-NET" as "๐-ผ57", "NT" as
"ม1"), with low confidence, and a project named after its test is misnamed. Reading the
whole page with Thai and English together (`tha+eng`) reads them, but measured on the
school plan's scan it also turns Thai cells to Latin ("3 คน x" as "3 AUX", item numbers
lost, Gantt marks misplaced). So only a token the Thai model was unsure of is read again
alone with the English model, and that reading is kept when it is a Latin word and the
English model is sure of it; a word in lower case only when what the Thai model read was
no Thai (letters and digits mixed): a doubtful Thai abbreviation ("สพฐ.") reads as a
lower-case English word ("ang.") as surely as an acronym does.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import Final

import numpy as np

from pipeline.read.ocr.engine import OcrLine, OcrToken, read_latin_word
from pipeline.read.ocr.image import Grey
from pipeline.read.ocr.stacked import ink_row_bands

# A token the Thai model read with less confidence than this is read again in English.
DOUBTFUL_CONFIDENCE: Final = 70.0
# The English reading is kept only when that sure,
LATIN_CONFIDENCE: Final = 80.0
# or this sure when the same word is read that surely elsewhere among the lines read.
AGREED_CONFIDENCE: Final = 60.0
INK_LEVEL: Final = 128
# Rows of ink at most this many blank rows apart are one band (a mark over its letter).
BAND_GAP_PX: Final = 3
# The Thai model's token box may cut a Latin letter's last stroke: this share of the
# line's height is taken on each side.
SIDE_MARGIN_EM: Final = 0.1
# White (pixels) around a token read again.
TOKEN_MARGIN_PX: Final = 6
# A Latin word (an acronym, a hyphenated or slashed pair), in brackets or before a comma.
LATIN_WORD_RE: Final = re.compile(
    r"^[(\[\"“]?[A-Za-z][A-Za-z0-9]*(?:[-/.][A-Za-z0-9]+)*[)\]\"”.,:;]?$")
MIN_LETTERS: Final = 2
# (the trailing run starts only where a run of its characters starts: searched from each
# position of a long run, it would scan the rest again each time)
LATIN_EDGES_RE: Final = re.compile(r"^[(\[\"“]+|(?<![)\]\"”.,:;])[)\]\"”.,:;]+$")
# Thai letters and digits in one token with no dot between ("0-ผ57", "ง7"; not "ป.6"):
# no Thai word, the mark of a Latin word read by the Thai model, however sure it was.
# Searched from the token's start and from each dot only, each segment looked at twice
# (a consonant, a digit): linear, where "[ก-ฮ][^.]*[0-9]" rescans from every letter.
MIXED_RE: Final = re.compile("(?:^|\\.)(?=[^.]*[ก-ฮ])(?=[^.]*[0-9๐-๙])")
# ...but a number with its count unit glued after it ("๒มื้อ", "18คน", "๑๒๐บาท)") is how a
# cost formula is typed, read right by the Thai model ("8เธ" of "Big" has no unit).
NUMBER_AND_UNIT_RE: Final = re.compile(r"^[(\[]?[0-9๐-๙][0-9๐-๙,.]*([ก-๎]+)[)\],.]?$")
BAHT: Final = "บาท"
# A token read as a number is left to the digit classifier (`numbers`).
NUMBER_RE: Final = re.compile(r"^[0-9๐-๙][0-9๐-๙,.]*$")


def reread_latin(pixels: Grey, lines: list[OcrLine]) -> list[OcrLine]:
    """`lines` (read from `pixels`) with each doubtful token that is a Latin word read in
    English: surely, or less surely (`AGREED_CONFIDENCE`) as a word read surely elsewhere
    in `lines` (a page prints its acronym more than once: "(O-NET" in a bold header read
    at 69, "O-NET" in the prose below at 91)."""
    out: list[list[OcrToken]] = []
    near: dict[tuple[int, int], OcrToken] = {}  # (line, token) -> a reading not sure alone
    for n, line in enumerate(lines):
        rows = (min(u.box[1] for u in line.tokens), max(u.box[3] for u in line.tokens))
        tokens: list[OcrToken] = []
        for i, token in enumerate(line.tokens):
            taken, almost = _latin_or_thai(pixels, token, rows)
            tokens.append(taken)
            if almost is not None:
                near[(n, i)] = almost
        out.append(tokens)
    sure = {latin_core(t.text) for tokens, line in zip(out, lines, strict=True)
            for t, read in zip(tokens, line.tokens, strict=True) if t is not read}
    for (n, i), almost in near.items():
        if latin_core(almost.text) in sure:
            out[n][i] = almost
    return [replace(line, tokens=tuple(tokens)) for line, tokens in zip(lines, out, strict=True)]


def latin_core(text: str) -> str:
    """A Latin word without the brackets and punctuation around it."""
    return LATIN_EDGES_RE.sub("", text)


def _latin_or_thai(pixels: Grey, token: OcrToken, rows: tuple[int, int]
                   ) -> tuple[OcrToken, OcrToken | None]:
    """The token or its English reading, and an English reading of it that would be taken
    if surer (`AGREED_CONFIDENCE`), if any; `rows` are its line's (a token's own box may
    have cut its letters' tops)."""
    if NUMBER_RE.match(token.text) or (token.confidence >= DOUBTFUL_CONFIDENCE
                                        and not is_mixed(token.text)):
        return token, None
    line_top, line_bottom = rows
    side = round(SIDE_MARGIN_EM * (line_bottom - line_top))
    x0, x1 = token.box[0], token.box[2]
    almost: OcrToken | None = None
    # the Thai model's box may cut a Latin letter's top or last stroke (a box as tall as
    # the line's marks takes in what is above and below): each word's own band of ink in
    # the line's rows widened, then in the token's box
    for crop in (_crop(pixels, (x0 - side, line_top, x1 + side, line_bottom)),
                 _crop(pixels, token.box)):
        for image in (ink_band(crop), crop):
            if image.size == 0:
                continue
            read = read_latin_word(np.pad(image, TOKEN_MARGIN_PX, constant_values=255))
            if read is None:
                continue
            reading = OcrToken(read[0], token.box, read[1], ((read[0], x0, x1),))
            if takes_latin(token.text, *read):
                return reading, None
            if almost is None and takes_latin(token.text, read[0], read[1],
                                              AGREED_CONFIDENCE):
                almost = reading
    return token, almost


def _crop(pixels: Grey, box: tuple[int, int, int, int]) -> Grey:
    height, width = pixels.shape[:2]
    return pixels[max(box[1], 0):min(box[3], height), max(box[0], 0):min(box[2], width)]


def takes_latin(thai: str, english: str, confidence: float,
                at_least: float = LATIN_CONFIDENCE) -> bool:
    """Whether the English reading `english` replaces the Thai model's `thai`: a sure Latin
    word, in lower case only when `thai` is no Thai (letters and digits mixed)."""
    return is_sure_latin_word(english, confidence, at_least) and (
        english.upper() == english or is_mixed(thai))


def is_mixed(thai: str) -> bool:
    """Whether the Thai model's `thai` mixes Thai letters and digits as no Thai word does
    (`MIXED_RE`), a number and its count unit aside (`NUMBER_AND_UNIT_RE`)."""
    if not MIXED_RE.search(thai):
        return False
    number_and_unit = NUMBER_AND_UNIT_RE.match(thai)
    return number_and_unit is None or number_and_unit.group(1) not in _units()


@functools.cache
def _units() -> frozenset[str]:
    from pipeline.normalize.vocabulary import COUNT_UNITS

    return frozenset((*COUNT_UNITS, BAHT))


def is_sure_latin_word(text: str, confidence: float, at_least: float = LATIN_CONFIDENCE
                       ) -> bool:
    return (confidence >= at_least and bool(LATIN_WORD_RE.match(text))
            and sum(c.isalpha() for c in text) >= MIN_LETTERS)


def ink_band(crop: Grey) -> Grey:
    """The rows of `crop` holding most of its ink, between blank rows (what of the lines
    above and below the token's box took in left out)."""
    bands = ink_row_bands(crop, BAND_GAP_PX)
    if not bands:
        return crop
    a, b = max(bands, key=lambda band: int((crop[band[0]:band[1]] < INK_LEVEL).sum()))
    return crop[a:b]
