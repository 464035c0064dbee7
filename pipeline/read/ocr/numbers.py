"""Numbers in table cells read again, glyph by glyph, with the project's digit classifier.

A token tesseract read as a number (digits, with "m" for a misread ๓) is cut into its glyphs
(connected ink, pieces of one glyph stacked above each other merged); tall glyphs are
digits for `digits.classify`, small ones at the foot of the line are "," or "." (a comma
reaches lower than the digits' foot, a full stop does not). The classifier's reading
replaces tesseract's only when it forms a number and the classifier is sure; every
disagreement is recorded (`Reread`, a warning "ocr_uncertain"), so no value changes silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np

from pipeline.read.ocr.digits import classify
from pipeline.read.ocr.image import Grey

# What tesseract prints for a number, misreadings included (๓ as "m").
NUMERIC_TOKEN_RE: Final = re.compile(r"^[0-9๐-๙m][0-9๐-๙m,.]*$")
NUMBER_RE: Final = re.compile(r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*(?:\.[0-9๐-๙]+)?$"
                              r"|^[0-9๐-๙]+(?:\.[0-9๐-๙]+)?$")
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


def reread(pixels: Grey, text: str) -> Reread | None:
    """The token in `pixels` (its box on the page, grey) read by the classifier; None when
    it cannot be cut into the glyphs of a number."""
    ink = np.asarray(pixels < INK_LEVEL, np.uint8) * 255
    boxes = glyph_boxes(ink)
    if not boxes:
        return None
    tallest = max(b[3] - b[1] for b in boxes)
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
            out.append("," if box[3] > foot + COMMA_DROP_SHARE * tallest else ".")
    classified = "".join(out)
    if not (NUMBER_RE.match(classified) or ITEM_NUMBER_RE.match(classified)):
        return None
    return Reread(text, classified, margin)
