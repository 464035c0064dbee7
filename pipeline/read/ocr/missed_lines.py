"""A line of digits tesseract left out of a cell's reading, read by the digit classifier.

Reading a cell as a block, tesseract drops a line that holds a lone glyph: the "๓" of a
period wrapped over two lines ("ไตรมาส ๒ -" / "๓", yasothon2-fy2564's scan) came out
"ไตรมาส ๒ -", so the activity lost its months. Each band of the cell's ink that no line of
the reading covers is read by the classifier; a number it is sure of becomes a line of
its own, recorded as a reading (`Reread`, tesseract's reading empty), so no value is added
silently. A band the classifier cannot read as a number is left as it was (not read).
"""

from __future__ import annotations

from typing import Final

import numpy as np

from pipeline.read.ocr.engine import OcrLine, OcrToken
from pipeline.read.ocr.image import Grey
from pipeline.read.ocr.numbers import INK_LEVEL, Reread, reread
from pipeline.read.ocr.stacked import ink_bands

# The confidence given to a line the classifier read (it is sure: `numbers.MIN_MARGIN`).
CLASSIFIED_CONFIDENCE: Final = 90.0


def read_missed_lines(pixels: Grey, lines: list[OcrLine], em_px: float,
                      rereads: list[Reread]) -> list[OcrLine]:
    """`lines` (read from `pixels`) with each band of ink none of them covers read as a
    number by the classifier, in its place top to bottom."""
    if not lines:
        return lines
    covered = [(min(t.box[1] for t in line.tokens), max(t.box[3] for t in line.tokens))
               for line in lines if line.tokens]
    added: list[OcrLine] = []
    for top, bottom in ink_bands(pixels, em_px):
        middle = (top + bottom) / 2
        if any(a <= middle <= b for a, b in covered):
            continue
        line = _number_line(pixels, top, bottom, rereads)
        if line is not None:
            added.append(line)
    if not added:
        return lines
    return sorted([*lines, *added], key=lambda line: line.baseline)


def _number_line(pixels: Grey, top: int, bottom: int, rereads: list[Reread]
                 ) -> OcrLine | None:
    columns = np.nonzero((pixels[top:bottom] < INK_LEVEL).any(axis=0))[0]
    if not len(columns):
        return None
    x0, x1 = int(columns[0]), int(columns[-1]) + 1
    again = reread(pixels[top:bottom, x0:x1], "")
    if again is None or again.kept != again.classified:
        return None
    rereads.append(again)
    token = OcrToken(again.classified, (x0, top, x1, bottom), CLASSIFIED_CONFIDENCE,
                     ((again.classified, x0, x1),))
    return OcrLine((token,), float(bottom), (bottom - top,))
