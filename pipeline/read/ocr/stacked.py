"""Text wrapped a glyph or two a line in a cell too narrow for it, read as the one line it is.

Gantt charts head each month column with "ต.ค. 66" in a cell a glyph and a half wide: the
line breaker sets it as "ต" / ".ค" / "." / "6" / "6". Read line by line, tesseract drops the
lone "." (no line of its own), reads a lone "7" as "ร" or "ธี", and loses the marks that
the break stranded at the start of a line; the cell's lines then neither join into a
month (the paragraph code sees a gap of two lines) nor read as one. The fix is to undo
the wrapping in the image: cut the cell into its lines (bands of ink rows; a mark's band
joins the line it sits on), set them side by side, bottoms aligned (the baseline), and read
that as one line, where every glyph has the others around it.

The reading is placed back in the cell: its boxes squeezed into the cell's width, on the
first line's rows, so that the cell's text is one line as in the text PDF.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

import numpy as np

from pipeline.read.ocr.engine import OcrLine, OcrToken, read_lines
from pipeline.read.ocr.image import Grey

# A cell at most this many font sizes wide holds a glyph or two a line.
MAX_WIDTH_EM: Final = 2.0
# Wrapped this many lines or more, a short text is worth reading again as one line.
MIN_BANDS: Final = 3
# Ink rows closer than this (font sizes) are one band: a mark above or below its line.
MARK_GAP_EM: Final = 0.2
# Blank pixels between the lines set side by side (glyphs of one word nearly touch).
JOIN_GAP_PX: Final = 2
MARGIN_PX: Final = 10
INK_LEVEL: Final = 128
PSM_LINE: Final = 7  # tesseract's "a single text line"


def ink_bands(crop: Grey, em_px: float) -> list[tuple[int, int]]:
    """The cell's lines as (first row, row after the last) of ink, marks joined to the
    line they are nearest over or under."""
    return ink_row_bands(crop, MARK_GAP_EM * em_px)


def ink_row_bands(crop: Grey, max_gap_px: float) -> list[tuple[int, int]]:
    """Runs of rows of `crop` holding ink, (first row, row after the last), runs at most
    `max_gap_px` blank rows apart joined into one."""
    inked: list[bool] = np.asarray((crop < INK_LEVEL).any(axis=1)).tolist()
    bands: list[tuple[int, int]] = []
    start: int | None = None
    for y, has_ink in enumerate([*inked, False]):
        if has_ink and start is None:
            start = y
        elif not has_ink and start is not None:
            bands.append((start, y))
            start = None
    merged: list[tuple[int, int]] = []
    for band in bands:
        if merged and band[0] - merged[-1][1] <= max_gap_px:
            merged[-1] = (merged[-1][0], band[1])
        else:
            merged.append(band)
    return merged


def is_stacked(crop: Grey, em_px: float) -> bool:
    """Whether the cell is too narrow for more than a glyph or two a line and its ink
    runs over several lines."""
    return crop.shape[1] <= MAX_WIDTH_EM * em_px and len(ink_bands(crop, em_px)) >= MIN_BANDS


def one_line_image(crop: Grey, bands: list[tuple[int, int]]) -> Grey:
    """The cell's lines side by side, bottoms aligned, with a white margin."""
    strips: list[Grey] = []
    for first, after in bands:
        columns = np.flatnonzero((crop[first:after] < INK_LEVEL).any(axis=0))
        strips.append(crop[first:after, columns[0]:columns[-1] + 1])
    height = max(s.shape[0] for s in strips)
    width = sum(s.shape[1] for s in strips) + JOIN_GAP_PX * (len(strips) - 1)
    line = np.full((height, width), 255, dtype=np.uint8)
    x = 0
    for strip in strips:
        line[height - strip.shape[0]:, x:x + strip.shape[1]] = strip
        x += strip.shape[1] + JOIN_GAP_PX
    return np.pad(line, MARGIN_PX, constant_values=255)


def read_stacked(crop: Grey, em_px: float) -> tuple[list[OcrLine], Grey] | None:
    """The cell read as one line, and the image it was read from; None when that reading
    has no Thai letter (numbers listed one a line stay as the cell reads them)."""
    bands = ink_bands(crop, em_px)
    image = one_line_image(crop, bands)
    lines = read_lines(image, psm=PSM_LINE)
    text = "".join(t.text for line in lines for t in line.tokens)
    if not any("\u0e01" <= ch <= "\u0e4e" for ch in text):
        return None
    return lines, image


def placed_in_cell(lines: list[OcrLine], image: Grey, crop: Grey, em_px: float
                   ) -> list[OcrLine]:
    """The one-line reading's boxes moved from `image` into the cell's `crop`: squeezed
    into its width, on the rows of its first line."""
    first, after = ink_bands(crop, em_px)[0]
    height = int(image.shape[0]) - 2 * MARGIN_PX
    width = int(image.shape[1]) - 2 * MARGIN_PX
    x_scale = min(1.0, int(crop.shape[1]) / max(width, 1))
    y_scale = (after - first) / max(height, 1)

    def x(value: int) -> int:
        return round((value - MARGIN_PX) * x_scale)

    def y(value: float) -> float:
        return first + (value - MARGIN_PX) * y_scale

    def moved(token: OcrToken) -> OcrToken:
        x0, top, x1, bottom = token.box
        return replace(token, box=(x(x0), round(y(top)), x(x1), round(y(bottom))),
                       pieces=tuple((text, x(a), x(b)) for text, a, b in token.pieces))

    return [OcrLine(tuple(moved(t) for t in line.tokens), y(line.baseline),
                    line.glyph_heights) for line in lines]
