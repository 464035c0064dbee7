"""Numbers in table cells read again, glyph by glyph, with the project's digit classifier.

A token tesseract read as a number (digits, with "m" for a misread ๓) is cut into its glyphs
(connected ink, pieces of one glyph stacked above each other merged); tall glyphs are
digits for `digits.classify`, small ones at the foot of the line are "," or "." (a comma
reaches lower than the digits' foot, a full stop does not). The classifier's reading
replaces tesseract's only when it forms a number and the classifier is sure; every
disagreement is recorded (`Reread`, a warning "ocr_uncertain"), so no value changes silently.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np

from pipeline.read.ocr.digits import classify
from pipeline.read.ocr.image import Grey

# What tesseract prints for a number, misreadings included (๓ as "m"), a dash after it too
# (the year that opens a period: "ตุลาคม ๒๕๖๒-").
# The rest of an amount wrapped in a narrow cell opens with its comma (",๖๐๐").
NUMERIC_TOKEN_RE: Final = re.compile(r"^,?[0-9๐-๙m][0-9๐-๙m,.]*-?$")
_NUMBER: Final = (r"(?:[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*(?:\.[0-9๐-๙]+)?"
                  r"|[0-9๐-๙]+(?:\.[0-9๐-๙]+)?)")
NUMBER_RE: Final = re.compile(rf"^{_NUMBER}-?$")
# An amount wrapped in a narrow cell, the line with its first groups ("15,1", "25,"): its
# last thousands group cut short, read again only where a wrapped amount is looked for.
CUT_AMOUNT_RE: Final = re.compile(r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*,[0-9๐-๙]{0,2}$")
# ...and the line with its rest, when the cut fell before a comma ("39" over ",๖๐๐").
AMOUNT_REST_RE: Final = re.compile(r"^,[0-9๐-๙]{3}(?:,[0-9๐-๙]{3})*(?:\.[0-9๐-๙]{2})?$")
# A range of numbers ("๓-๔": quarters 3 to 4), read again only where tesseract read one.
NUMBER_RANGE_RE: Final = re.compile(r"^[0-9๐-๙]{1,2}-[0-9๐-๙]{1,2}$")
# An item number ("1.", "12."): a number's full stop read as a comma ("1,") is read again.
ITEM_NUMBER_RE: Final = re.compile(r"^[0-9๐-๙]{1,3}\.$")
THAI_DIGIT_RE: Final = re.compile("[๐-๙]")
INK_LEVEL: Final = 150
# The classifier's reading replaces tesseract's when every glyph's winning score leads the
# runner-up by at least this (logits); on the fixture scans right re-readings lead by 8+,
# the one wrong one (a bold "2") by 3.8.
MIN_MARGIN: Final = 6.0
# Glyphs lower than this share of the token's tallest glyph are punctuation.
DIGIT_HEIGHT_SHARE: Final = 0.55
# Ink specks smaller than this (pixels) are noise.
MIN_SPECK_PX: Final = 4
# A comma reaches this share of the digit height below the digits' foot.
COMMA_DROP_SHARE: Final = 0.08
# A dash: a stroke at least this many times as wide as high, its foot at least this share
# of the digit height above the digits' foot.
DASH_MIN_RATIO: Final = 2.0
DASH_RISE_SHARE: Final = 0.2
# A glyph belongs to a token when at least this many of its columns lie in the token's box:
# tesseract's boxes cut the first or last glyph of a Thai number, to a sliver at times ("๒"
# of ๒๕๖๒ cut to a quarter, which the classifier reads "1" or "๓", sure of it). A word is
# a space away from its neighbours, and a neighbour's letter taken in by mistake only
# makes the token no number, which leaves tesseract's reading.
MIN_GLYPH_OVERLAP_PX: Final = 2
# A glyph wider than this share of the tallest glyph's height is digits printed touching;
# one digit is about `DIGIT_WIDTH_SHARE` of that height wide, and a cut between two is
# looked for this share of a digit's width either side of where it would fall.
TOUCHING_WIDTH_SHARE: Final = 1.5
DIGIT_WIDTH_SHARE: Final = 0.95
CUT_REACH_SHARE: Final = 0.25
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class Reread:
    """A number as tesseract read it and as the classifier reads it."""

    ocr: str
    classified: str
    margin: float  # the smallest score margin over the glyphs: how sure the classifier is

    @property
    def kept(self) -> str:
        """The reading the cell keeps: the classifier's when it is sure."""
        return self.classified if self.margin >= MIN_MARGIN else self.ocr


def looks_numeric(text: str) -> bool:
    return bool(NUMERIC_TOKEN_RE.match(text)) and any(c.isdigit() for c in text)


def glyph_boxes(ink: Grey) -> list[tuple[int, int, int, int]]:
    """The glyphs of a token left to right: (x0, top, x1, bottom), stacked pieces merged."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    boxes = [(int(x), int(y), int(x + w), int(y + h)) for x, y, w, h, area in stats[1:count]
             if area >= MIN_SPECK_PX]
    boxes.sort()
    merged: list[tuple[int, int, int, int]] = []
    for box in boxes:
        if merged and _overlap(merged[-1], box) > 0.5 * min(box[2] - box[0],
                                                            merged[-1][2] - merged[-1][0]):
            last = merged[-1]
            merged[-1] = (min(last[0], box[0]), min(last[1], box[1]), max(last[2], box[2]),
                          max(last[3], box[3]))
        else:
            merged.append(box)
    return merged


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> int:
    return min(a[2], b[2]) - max(a[0], b[0])


def whole_glyphs_box(pixels: Grey, box: Box) -> Box:
    """`box` (x0, top, x1, bottom in `pixels`) widened to the whole glyphs it cuts: every
    connected ink piece partly inside it (`MIN_GLYPH_OVERLAP_PX`); `box` itself when none
    is."""
    x0, top, x1, bottom = box
    reach = max(bottom - top, 1)
    left, right = max(x0 - reach, 0), min(x1 + reach, pixels.shape[1])
    ink = np.asarray(pixels[top:bottom, left:right] < INK_LEVEL, np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    inside = [(left + int(x), left + int(x + w)) for x, _, w, _, area in stats[1:count]
              if area >= MIN_SPECK_PX
              and min(left + x + w, x1) - max(left + x, x0) >= MIN_GLYPH_OVERLAP_PX]
    if not inside:
        return box
    return (min(x0, *(a for a, _ in inside)), top, max(x1, *(b for _, b in inside)), bottom)


def reread_box(pixels: Grey, box: Box, text: str, *, cut_amount: bool = False
               ) -> tuple[Reread | None, Box]:
    """The token at `box` in `pixels` read by the classifier from its whole glyphs
    (`whole_glyphs_box`), and the box it was read from (`cut_amount` as for `reread`)."""
    whole = whole_glyphs_box(pixels, box)
    x0, top, x1, bottom = whole
    return reread(pixels[top:bottom, x0:x1], text, cut_amount=cut_amount), whole


def reread(pixels: Grey, text: str, *, cut_amount: bool = False) -> Reread | None:
    """The token in `pixels` (its box on the page, grey) read by the classifier; None when
    it cannot be cut into the glyphs of a number (of a wrapped amount's line, "15,1" or
    ",๖๐๐", too when `cut_amount`; a range of numbers where tesseract read one, "๓-๕")."""
    ink = np.asarray(pixels < INK_LEVEL, np.uint8) * 255
    boxes = glyph_boxes(ink)
    if not boxes:
        return None
    tallest = max(b[3] - b[1] for b in boxes)
    boxes = [part for box in boxes for part in _split_touching(ink, box, tallest)]
    digits = [b for b in boxes if b[3] - b[1] >= DIGIT_HEIGHT_SHARE * tallest]
    if not digits:
        return None
    foot = int(np.median([b[3] for b in digits]))
    glyphs = [ink[b[1]:b[3], b[0]:b[2]] for b in digits]
    readings = iter(classify(glyphs))
    margin = float("inf")
    out: list[str] = []
    for box in boxes:
        if box in digits:
            char, sure = next(readings)
            out.append(char)
            margin = min(margin, sure)
        else:
            out.append(_punctuation(box, foot, tallest))
    classified = "".join(out)
    if not (NUMBER_RE.match(classified) or ITEM_NUMBER_RE.match(classified)
            or (cut_amount and (CUT_AMOUNT_RE.match(classified)
                                or AMOUNT_REST_RE.match(classified)))
            or (NUMBER_RANGE_RE.match(text) and NUMBER_RANGE_RE.match(classified))):
        return None
    return Reread(text, classified, margin)


def _split_touching(ink: Grey, box: Box, tallest: int) -> list[Box]:
    """A glyph box as wide as two or more digits cut into them, each cut at the column of
    least ink near where it would fall: bold digits of a title print touching ("๕๖" one
    blob), and the classifier knows single digits only."""
    x0, top, x1, bottom = box
    width = x1 - x0
    if bottom - top < DIGIT_HEIGHT_SHARE * tallest or width <= TOUCHING_WIDTH_SHARE * tallest:
        return [box]
    count = max(round(width / (DIGIT_WIDTH_SHARE * tallest)), 2)
    column_ink = (ink[top:bottom, x0:x1] > 0).sum(axis=0)
    reach = max(int(CUT_REACH_SHARE * width / count), 1)
    cuts = []
    for k in range(1, count):
        guess = round(k * width / count)
        low, high = max(guess - reach, 1), min(guess + reach, width - 1)
        cuts.append(low + int(np.argmin(column_ink[low:high + 1])))
    edges = [0, *cuts, width]
    return [(x0 + a, top, x0 + b, bottom) for a, b in itertools.pairwise(edges)
            if b > a]


def _punctuation(box: Box, foot: int, tallest: int) -> str:
    """A small glyph beside digits: a dash (wide, thin, above the foot), a comma (reaching
    below the foot) or a full stop."""
    width, height = box[2] - box[0], box[3] - box[1]
    if width >= DASH_MIN_RATIO * height and box[3] < foot - DASH_RISE_SHARE * tallest:
        return "-"
    return "," if box[3] > foot + COMMA_DROP_SHARE * tallest else "."
