"""One pdfium glyph as pdfminer's `LTChar` box (`make_glyph`), and the small records it is
made from, split out of `pdf_pdfium` (see its docstring, "Boxes" and "ActualText").

pdfium's loose box of a glyph spans the font's ascent and descent, its tight box the ink;
pdfminer's box spans the advance width (zero for a Thai mark) and one font size up from
the font's descent. `make_glyph` gives pdfminer's box, in pdfplumber's page coordinates.
"""

from __future__ import annotations

import ctypes
import functools
import unicodedata
from dataclasses import dataclass
from typing import Any, Final, Protocol

from pipeline.normalize.glyphs import is_thai_mark
from pipeline.read.pdf_device import Glyph
from pipeline.read.pdf_pdfium_paths import Matrix, PageSpace, Point, compose

# A glyph whose loose box starts this close (points) to its origin has its advance as width.
ORIGIN_TOLERANCE: Final = 0.05


@dataclass
class ObjectInfo:
    """What a glyph takes from its text object: font, descent, ActualText span, marked
    content and clip."""

    font: str
    descent: float  # per unit of font size (negative below the baseline)
    span: int | None
    mcid: int | None
    artifact: bool
    clip: tuple[float, float, float, float] | None


def address(obj: Any) -> int:
    """A pdfium object handle as a number: the key objects are matched by (the pointer's
    own bytes read as one, a quarter of `ctypes.cast`'s cost; runs twice per glyph)."""
    return ctypes.c_void_p.from_buffer(obj).value or 0


@dataclass(frozen=True)
class Frame:
    """What every glyph of one text object shares: the unit vectors of its matrix, the
    steps of its box across the baseline (descent to descent + size), its direction, and
    its font and marks. Worked out once per text object (`glyph_frame`), not per glyph:
    pdfium gives every glyph of an object the object's matrix and font size."""

    ux: float
    uy: float
    sx0: float
    sy0: float
    tx0: float
    ty0: float
    tx1: float
    ty1: float
    direction: int
    info: ObjectInfo


def glyph_frame(matrix: Any, font_size: float, info: ObjectInfo, space: PageSpace) -> Frame:
    """The frame of the glyphs drawn with `matrix` (its linear part: `a`..`d`) at
    `font_size`: the arithmetic `make_glyph` did per glyph, in the same order (the same
    floats)."""
    a, b, c, d = (float(matrix.a), float(matrix.b), float(matrix.c), float(matrix.d))
    scale = (a * a + b * b) ** 0.5 or 1.0
    ux, uy = a / scale, b / scale  # unit vector along the baseline (user space)
    vx, vy = c, d
    vscale = (vx * vx + vy * vy) ** 0.5 or 1.0
    vx, vy = vx / vscale, vy / vscale  # unit vector up the glyph
    low, high = info.descent * font_size, info.descent * font_size + font_size
    # the glyph matrix in layout space decides the direction, as pdfminer's `upright`
    ma, mb, mc, md, _, _ = compose((ux, uy, vx, vy, 0.0, 0.0), space.ctm)
    upright = ma * md > 0 and mb * mc <= 0
    direction = 0 if upright else (1 if mb > 0 else -1)
    if direction != 0 and abs(ma) >= 1e-6:
        direction = 0
    return Frame(ux, uy, ux * 0.0, uy * 0.0, vx * low, vy * low, vx * high, vy * high,
                 direction, info)


def make_glyph(text: str, origin: Point, loose: Any, matrix: Any, font_size: float,
               info: ObjectInfo, space: PageSpace) -> Glyph:
    """pdfminer's LTChar box: the advance along the writing direction from the origin, one
    font size across it from the font's descent."""
    return place_glyph(text, origin, loose, glyph_frame(matrix, font_size, info, space),
                       space)


def place_glyph(text: str, origin: Point, loose: Any, frame: Frame, space: PageSpace
                ) -> Glyph:
    """`make_glyph` with the text object's part already worked out (`frame`): what runs
    once per glyph."""
    info = frame.info
    ux, uy = frame.ux, frame.uy
    if info.span is None:
        advance = _advance(origin, loose, ux, uy, _is_mark(text))
    else:
        advance = _span_advance(origin, loose, ux, uy)
    ox, oy = origin
    ctm = space.ctm
    xs, ys = _layout_corners(ctm, ox, oy, frame.sx0, frame.sy0, ux * advance,
                             uy * advance, frame.tx0, frame.ty0, frame.tx1, frame.ty1)
    direction = frame.direction
    height, x_off, y_off = space.height, space.mb_x0, space.mb_top
    y_low, y_high = min(ys), max(ys)
    if direction == 0:  # compose's translation: the origin in layout space
        baseline = height - (ox * ctm[1] + oy * ctm[3] + ctm[5]) + y_off
    else:
        baseline = ox * ctm[0] + oy * ctm[2] + ctm[4] + x_off
    return Glyph(
        text=text,
        x0=min(xs) + x_off,
        x1=max(xs) + x_off,
        top=height - y_high + y_off,
        bottom=height - y_low + y_off,
        baseline=baseline,
        size=y_high - y_low,  # pdfminer's `size`: the box's height, whatever the turn
        font=info.font,
        direction=direction,
        span=info.span,
        clip=info.clip,
        mcid=info.mcid,
        artifact=info.artifact,
    )


@functools.cache
def _is_mark(text: str) -> bool:
    """A Thai mark or a combining character: drawn back over its base, no advance (a
    page's few dozen distinct characters, asked once per glyph)."""
    return is_thai_mark(text) or unicodedata.combining(text) > 0


def _layout_corners(ctm: Matrix, ox: float, oy: float, sx0: float, sy0: float, sx1: float,
                    sy1: float, tx0: float, ty0: float, tx1: float, ty1: float
                    ) -> tuple[tuple[float, float, float, float],
                               tuple[float, float, float, float]]:
    """The x and y of a glyph box's four corners (origin + each of two steps along the
    baseline + each of two steps up it) in layout space: `PageSpace.point` of each,
    written out because it runs once per glyph (the same arithmetic, the same floats)."""
    a, b, c, d, e, f = ctm
    x00, y00 = ox + sx0 + tx0, oy + sy0 + ty0
    x01, y01 = ox + sx0 + tx1, oy + sy0 + ty1
    x10, y10 = ox + sx1 + tx0, oy + sy1 + ty0
    x11, y11 = ox + sx1 + tx1, oy + sy1 + ty1
    return ((a * x00 + c * y00 + e, a * x01 + c * y01 + e, a * x10 + c * y10 + e,
             a * x11 + c * y11 + e),
            (b * x00 + d * y00 + f, b * x01 + d * y01 + f, b * x10 + d * y10 + f,
             b * x11 + d * y11 + f))


@dataclass(frozen=True)
class Box:
    """A loose char box (`FS_RECTF`'s fields) made here."""

    left: float
    right: float
    bottom: float
    top: float


@dataclass(frozen=True)
class Turn:
    """A glyph matrix's linear part (`FS_MATRIX`'s fields) made here."""

    a: float
    b: float
    c: float
    d: float


def _advance(origin: Point, loose: Any, ux: float, uy: float, mark: bool) -> float:
    """The glyph's advance: the loose box's extent along the baseline when the box starts
    at the origin (pdfium's loose box is then origin to origin + advance). Otherwise pdfium
    gave the ink box: zero for a mark (drawn back over its base, no advance), else from the
    origin to the ink's far end."""
    ox, oy = origin
    left, right = float(loose.left), float(loose.right)
    bottom, top = float(loose.bottom), float(loose.top)
    if abs(uy) < 1e-6:  # horizontal baseline
        start, end, at = (left, right, ox) if ux > 0 else (-right, -left, -ox)
    elif abs(ux) < 1e-6:  # vertical baseline
        start, end, at = (bottom, top, oy) if uy > 0 else (-top, -bottom, -oy)
    else:
        return max(right - left, top - bottom)
    if abs(start - at) <= ORIGIN_TOLERANCE:
        return end - start
    if mark:
        return 0.0
    return max(end - at, 0.0)  # pdfium fell back to the ink box: the ink's far end


def _span_advance(origin: Point, loose: Any, ux: float, uy: float) -> float:
    """An ActualText character's extent: pdfium places it at the span's first origin with
    the ink box of the span's glyphs; it runs from the origin to the ink's far end."""
    ox, oy = origin
    if abs(uy) < 1e-6:
        return max((float(loose.right) - ox) if ux > 0 else (ox - float(loose.left)), 0.0)
    if abs(ux) < 1e-6:
        return max((float(loose.top) - oy) if uy > 0 else (oy - float(loose.bottom)), 0.0)
    return 0.0


class ObjectMarks(Protocol):
    """Where a text object's `ObjectInfo` comes from (`pdf_pdfium._MarkReader`)."""

    def info(self, obj: Any, key: int, space: PageSpace) -> ObjectInfo: ...
