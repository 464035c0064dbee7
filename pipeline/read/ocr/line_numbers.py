"""The numbers of an OCR line read again by the digit classifier, whole.

Tesseract cuts a Thai number where its script changes or where a glyph it does not know
sits: "๒๕๖2" (a year typed with a Thai and an Arabic digit) comes out "๒๕๒ 2", "๑2๐" as
"๑2 ๐", and the box of a token often cuts its first or last glyph in half. The classifier
reads such a number right only from all of its glyphs, so the tokens of one number (their
ink closer than a word space) are joined first, and each token's box is widened to the
glyphs it cuts (`numbers.whole_glyphs_box`). Every reading that differs from tesseract's is
recorded (`Reread`), whichever is kept, so no value changes silently.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

import numpy as np

from pipeline.normalize.text import to_arabic_digits
from pipeline.read.ocr.engine import OcrLine, OcrToken
from pipeline.read.ocr.image import Grey
from pipeline.read.ocr.numbers import (
    CUT_AMOUNT_RE,
    INK_LEVEL,
    THAI_DIGIT_RE,
    Box,
    Reread,
    looks_numeric,
    reread,
    reread_box,
    whole_glyphs_box,
)

# Two numeric tokens whose ink is closer than this share of their digits' height are one
# number: a word space is about half a Thai digit's height, the gap between two digits of
# one number a sixth of it or less.
JOIN_GAP_SHARE: Final = 0.3
# Tokens up to this share of the digits' height apart are joined when they read a year.
YEAR_GAP_SHARE: Final = 0.6
# An amount whose last thousands group is cut short, and a whole amount.
SHORT_GROUP_RE: Final = CUT_AMOUNT_RE
AMOUNT_RE: Final = re.compile(r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})+(?:\.[0-9๐-๙]{2})?$")
# Digits alone (no comma), and a number whose first group opens with a zero ("0,000").
LEADING_DIGITS_RE: Final = re.compile(r"^[0-9๐-๙]{1,2}$")
ZERO_LED_GROUP_RE: Final = re.compile(r"^[0๐][0-9๐-๙]{0,1},")
# The Buddhist-era years a plan's year may be.
MIN_BE_YEAR: Final = 2500
MAX_BE_YEAR: Final = 2700
# In running text a number in Arabic digits is read again only where it is an amount or a
# year: with a thousands comma or this many digits (tesseract reads Arabic digits well, and
# a Thai amount it misreads comes out in Arabic digits: ๔๐,๐๐๐ as 50,000).
AMOUNT_OR_YEAR_RE: Final = re.compile(r",|[0-9๐-๙]{4}")


def join_split_numbers(line: OcrLine, pixels: Grey, rereads: list[Reread] | None = None
                       ) -> OcrLine:
    """`line` with neighbouring numeric tokens whose ink almost touches made one token;
    the numbers joined across a space only because the classifier read them as one are
    recorded in `rereads` (`_one_number`)."""
    tokens: list[OcrToken] = []
    for token in line.tokens:
        if tokens and _one_number(tokens[-1], token, pixels, rereads):
            before = tokens.pop()
            token = OcrToken(before.text + token.text, _union(before.box, token.box),
                             min(before.confidence, token.confidence),
                             before.pieces + token.pieces)
        tokens.append(token)
    if len(tokens) == len(line.tokens):
        return line
    return replace(line, tokens=tuple(tokens))


def _one_number(left: OcrToken, right: OcrToken, pixels: Grey,
                rereads: list[Reread] | None = None) -> bool:
    """Whether two neighbouring tokens are one number: their ink closer than a word space,
    or, up to a word space apart, read together a year the classifier is sure of (a Thai
    year typed "๒๕๖" + Arabic "3" in another font prints a space's width apart), or,
    digits of two scripts meeting ("๓ 3": a price typed in two fonts), read together a
    number the classifier is sure of; that last join is recorded in `rereads`."""
    if not (looks_numeric(left.text) and looks_numeric(right.text)) or left.text.endswith("-"):
        return False
    a = whole_glyphs_box(pixels, left.box)
    b = whole_glyphs_box(pixels, right.box)
    height = _ink_height(pixels, _union(a, b))
    gap = b[0] - a[2]
    if height == 0 or gap > YEAR_GAP_SHARE * height:
        return False
    if gap <= JOIN_GAP_SHARE * height or completes_amount(left.text, right.text) \
            or completes_first_group(left.text, right.text):
        return True
    x0, top, x1, bottom = _union(a, b)
    again = reread(pixels[top:bottom, x0:x1], f"{left.text} {right.text}")
    if again is None or again.kept != again.classified:
        return False
    if is_be_year(again.classified):
        return True
    if not changes_script(left.text, right.text):
        return False
    if rereads is not None:
        rereads.append(again)
    return True


def changes_script(left: str, right: str) -> bool:
    """Whether `left` ends in a digit of one script and `right` opens with a digit of the
    other ("๓" then "3"), neither side a year of its own: one number typed in two fonts,
    whose glyphs print a space's width apart, not two numbers (no plan prints two numbers
    a space apart with nothing between them)."""
    if not (left[-1:].isdigit() and right[:1].isdigit()) or is_be_year(left) \
            or is_be_year(right):
        return False
    return bool(THAI_DIGIT_RE.match(left[-1])) != bool(THAI_DIGIT_RE.match(right[0]))


def completes_amount(left: str, right: str) -> bool:
    """Whether `left` ends in a thousands group cut short ("30,0") that `right` completes
    into one amount ("30,0" + "๐๐": Thai zeros typed after Arabic digits print a space's
    width apart); no amount is printed with a short group, so the two are one."""
    return bool(SHORT_GROUP_RE.match(left)) and bool(AMOUNT_RE.match(left + right))


def completes_first_group(left: str, right: str) -> bool:
    """Whether `right` is an amount whose first thousands group opens with a zero
    ("0,000") that the digits of `left` ("2") complete into one amount ("20,000"): no
    amount is printed with a zero in front, so a digit set a space apart from the rest
    ("2 0,000", "๕ ๐,๐๐๐": a space typed inside the first group) is its first digit."""
    return (bool(LEADING_DIGITS_RE.match(left)) and bool(ZERO_LED_GROUP_RE.match(right))
            and bool(AMOUNT_RE.match(left + right)))


def is_be_year(text: str) -> bool:
    """Whether `text` (digits, a dash after them allowed) is a Buddhist-era year of plans."""
    digits = to_arabic_digits(text.rstrip("-"))
    return digits.isdigit() and len(digits) == 4 and MIN_BE_YEAR <= int(digits) <= MAX_BE_YEAR


def _ink_height(pixels: Grey, box: Box) -> int:
    x0, top, x1, bottom = box
    rows = np.nonzero((pixels[top:bottom, x0:x1] < INK_LEVEL).any(axis=1))[0]
    return int(rows[-1] - rows[0] + 1) if len(rows) else 0


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def reread_token(token: OcrToken, pixels: Grey, rereads: list[Reread], *,
                 cut_amount: bool = False) -> OcrToken:
    """`token` as the classifier reads it from its whole glyphs, when it is sure; the
    reading is recorded in `rereads` whenever it differs from tesseract's. `cut_amount`:
    the token may be one line of an amount wrapped in its cell (`numbers.reread`)."""
    again, box = reread_box(pixels, token.box, token.text, cut_amount=cut_amount)
    if again is None or again.classified == token.text:
        return token
    rereads.append(again)
    if again.kept != again.classified:
        return token
    return replace(token, text=again.classified, box=box,
                   pieces=((again.classified, box[0], box[2]),))


def reread_running_numbers(line: OcrLine, pixels: Grey, rereads: list[Reread]) -> OcrLine:
    """A line of running text (outside tables) with its numbers read again: those in Thai
    digits, and amounts and years (`AMOUNT_OR_YEAR_RE`) whatever their digits."""
    line = join_split_numbers(line, pixels, rereads)
    tokens = tuple(reread_token(t, pixels, rereads) if _worth_reading(t.text) else t
                   for t in line.tokens)
    return replace(line, tokens=tokens)


def _worth_reading(text: str) -> bool:
    return looks_numeric(text) and bool(THAI_DIGIT_RE.search(text)
                                        or AMOUNT_OR_YEAR_RE.search(text))


# A token tesseract read with less confidence than this, in a cell of numbers, is read
# again by the classifier.
DOUBTFUL_CONFIDENCE: Final = 80.0


def reread_doubtful_in_number_cell(lines: list[OcrLine], pixels: Grey,
                                   rereads: list[Reread]) -> list[OcrLine]:
    """A cell's lines with each doubtful token read as letters, where every other token of
    the cell is a number, read again by the classifier: kept when it is sure and reads a
    number or an amount's first line ("15,1" over "0๐" in a narrow cell, read "แอรัด|"
    with confidence 51). Every such reading is recorded in `rereads`.

    Why: a cell of amounts holds nothing but numbers; tesseract's Thai model, with no
    words around, takes a line of digits cut at a wrap for letters.
    """
    tokens = [t for line in lines for t in line.tokens]
    doubtful = [t for t in tokens if not looks_numeric(t.text)]
    if not doubtful or len(doubtful) == len(tokens) \
            or any(t.confidence >= DOUBTFUL_CONFIDENCE for t in doubtful):
        return lines
    out: list[OcrLine] = []
    for line in lines:
        out.append(replace(line, tokens=tuple(
            _reread_as_number(t, pixels, rereads) if t in doubtful else t
            for t in line.tokens)))
    return out


def _reread_as_number(token: OcrToken, pixels: Grey, rereads: list[Reread]) -> OcrToken:
    whole = whole_glyphs_box(pixels, token.box)
    x0, top, x1, bottom = whole
    again = reread(pixels[top:bottom, x0:x1], token.text, cut_amount=True)
    if again is None:
        return token
    rereads.append(again)
    if again.kept != again.classified:
        return token
    return replace(token, text=again.classified, box=whole,
                   pieces=((again.classified, x0, x1),))
