"""The dashes of a scanned table cell, found as strokes: tesseract reads none of them.

A "-" alone on its line has no context to be a glyph, so tesseract reads nothing there,
but it is a value: the nil of an amount column (`lone_dash`, `cell_dashes`, `line_dashes`)
or, printed two or three side by side ("--", "---"), a Gantt chart's mark for a month
(`dash_runs`). Each is found from the cell's ink: a thin, short, wide stroke with nothing
else on its line.
"""

from __future__ import annotations

from typing import Final

import cv2
import numpy as np

from pipeline.read.ocr.image import Grey

Box = tuple[int, int, int, int]
# Grey levels below this are ink.
INK_LEVEL: Final = 128
# A "-" alone in a cell (`lone_dash`): a stroke at least this many times as wide as high,
# this wide and at most this high (font sizes); ink specks smaller than MIN_SPECK_PX pixels
# are noise.
DASH_MIN_RATIO: Final = 3.0
DASH_MIN_WIDTH_EM: Final = 0.15
DASH_MAX_WIDTH_EM: Final = 1.2
DASH_MAX_HEIGHT_EM: Final = 0.15
MIN_SPECK_PX: Final = 3


def is_dash(speck: tuple[int, ...], em_px: float) -> bool:
    """Whether a connected stroke (x, y, width, height) is a dash: wide, thin, short."""
    _, _, width, height = speck[:4]
    return (width >= DASH_MIN_RATIO * height and height <= DASH_MAX_HEIGHT_EM * em_px
            and DASH_MIN_WIDTH_EM * em_px <= width <= DASH_MAX_WIDTH_EM * em_px)


def lone_dash(crop: Grey, em_px: float) -> Box | None:
    """The box (in `crop`) of a "-" alone in a cell, the nil value of an amount column;
    None when the cell holds anything else. Tesseract reads nothing there: a short thin
    stroke alone has no context to be a glyph."""
    dashes = cell_dashes(crop, em_px)
    return dashes[0] if len(dashes) == 1 else None


def cell_dashes(crop: Grey, em_px: float) -> list[Box]:
    """The boxes (in `crop`, top to bottom) of the "-"s of a cell that holds nothing else,
    each on a line of its own: the nil values of an amount column, one for each budget
    line a row of the table packs in one cell ("-" over "-" beside "1,080" over "2,160").
    Empty when the cell holds anything else (two dashes on one line are no nil values)."""
    ink = np.asarray(crop < INK_LEVEL, np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    specks = sorted(((int(s[0]), int(s[1]), int(s[2]), int(s[3])) for s in stats[1:count]
                     if int(s[4]) >= MIN_SPECK_PX), key=lambda s: s[1])
    height, width = crop.shape
    for i, (x, y, w, h) in enumerate(specks):
        touches_edge = x == 0 or y == 0 or x + w == width or y + h == height
        if touches_edge or not is_dash((x, y, w, h), em_px):
            return []
        if i and y < specks[i - 1][1] + specks[i - 1][3]:
            return []  # beside the one above, not under it
    return [(x, y, x + w, y + h) for x, y, w, h in specks]


def line_dashes(crop: Grey, em_px: float) -> list[Box]:
    """The boxes (in `crop`, top to bottom) of the "-"s of a cell that stand on lines of
    their own among other lines: the nil values of an amount column beside amounts wrapped
    over several lines ("-" / "-" / "๑" / "๐,๐๐" / "๐"). Tesseract reads nothing for a
    dash alone on its line, so the cell's values lose their lines without them."""
    ink = np.asarray(crop < INK_LEVEL, np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    specks = [(int(s[0]), int(s[1]), int(s[2]), int(s[3])) for s in stats[1:count]
              if int(s[4]) >= MIN_SPECK_PX]
    height, width = crop.shape
    out: list[Box] = []
    for x, y, w, h in specks:
        if x == 0 or y == 0 or x + w == width or y + h == height \
                or not is_dash((x, y, w, h), em_px):
            continue
        middle = y + h / 2
        if any(o != (x, y, w, h) and o[1] <= middle <= o[1] + o[3] for o in specks):
            continue  # ink beside it on its line: a hyphen, a minus, part of a glyph
        out.append((x, y, x + w, y + h))
    return sorted(out, key=lambda box: box[1])


def dash_runs(crop: Grey, em_px: float) -> list[tuple[Box, int]]:
    """The lines of a cell that holds only dashes, at least one line of them two or more
    side by side ("--", "---": a Gantt chart's month marked with dashes), top to bottom:
    each line's box and its number of dashes. Empty when the cell holds anything else, or
    only dashes one a line (the nils of `cell_dashes`)."""
    ink = np.asarray(crop < INK_LEVEL, np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    specks = sorted(((int(s[0]), int(s[1]), int(s[2]), int(s[3])) for s in stats[1:count]
                     if int(s[4]) >= MIN_SPECK_PX), key=lambda s: (s[1], s[0]))
    height, width = crop.shape
    lines: list[list[tuple[int, int, int, int]]] = []
    for x, y, w, h in specks:
        if x == 0 or y == 0 or x + w == width or y + h == height \
                or not is_dash((x, y, w, h), em_px):
            return []
        last = lines[-1][-1] if lines else None
        if last is not None and last[1] <= y + h / 2 <= last[1] + last[3]:
            lines[-1].append((x, y, w, h))
        else:
            lines.append([(x, y, w, h)])
    if not any(len(line) > 1 for line in lines):
        return []
    return [((min(x for x, _, _, _ in line), min(y for _, y, _, _ in line),
              max(x + w for x, _, w, _ in line), max(y + h for _, y, _, h in line)),
             len(line)) for line in lines]
