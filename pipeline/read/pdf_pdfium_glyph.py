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
from pipeline.read.pdf_pdfium_paths import PageSpace, Point, compose

# A NamedTuple made from all its fields at once, as its own `__new__` makes it without the
# Python call around it (per glyph: a few per cent of a page's reading).
_new_tuple: Final[Any] = tuple.__new__

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
    own bytes read as one, a quarter of `ctypes.cast`'s cost; runs once per page object)."""
    return ctypes.c_void_p.from_buffer(obj).value or 0


def by_address(function: Any, *, answers_address: bool = False) -> Any:
    """pdfium's `function` taking its first argument (a handle) as a number, and, with
    `answers_address`, answering a handle as a number (None for NULL): the calls made per
    text object or per mark then build and read no pointer objects."""
    restype = ctypes.c_void_p if answers_address else function.restype
    prototype = ctypes.CFUNCTYPE(restype, ctypes.c_void_p, *function.argtypes[1:])
    return prototype(ctypes.cast(function, ctypes.c_void_p).value or 0)


# How a text object's baseline runs (`Frame.along`), which says how a glyph's advance is
# read from its loose box (`_advance`): along +x, -x, +y, -y, or slanted.
ALONG_RIGHT: Final = 0
ALONG_LEFT: Final = 1
ALONG_UP: Final = 2
ALONG_DOWN: Final = 3
ALONG_SLANT: Final = 4


@dataclass(frozen=True, slots=True)
class Frame:
    """What every glyph of one text object shares: the unit vectors of its matrix, the
    steps of its box across the baseline (descent to descent + size), its direction, and
    its font and marks. Worked out once per text object (`glyph_frame`), not per glyph:
    pdfium gives every glyph of an object the object's matrix and font size. Slotted: its
    fields are read a dozen times per glyph."""

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
    along: int = ALONG_SLANT


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
                 direction, info, _along(ux, uy))


class Frames:
    """`glyph_frame` for the text objects of one page, its arithmetic done once per
    matrix, font size and descent (the objects of a line, a cell, a page share a few)."""

    def __init__(self) -> None:
        self._shapes: dict[tuple[float, float, float, float, float, float], Frame] = {}

    def frame(self, matrix: Any, font_size: float, info: ObjectInfo, space: PageSpace
              ) -> Frame:
        shape = (matrix.a, matrix.b, matrix.c, matrix.d, font_size, info.descent)
        known = self._shapes.get(shape)
        if known is None:
            known = self._shapes[shape] = glyph_frame(matrix, font_size, info, space)
        if known.info is info:
            return known
        return Frame(known.ux, known.uy, known.sx0, known.sy0, known.tx0, known.ty0,
                     known.tx1, known.ty1, known.direction, info, known.along)


def _along(ux: float, uy: float) -> int:
    """Which way a baseline of unit vector (ux, uy) runs (`ALONG_*`)."""
    if abs(uy) < 1e-6:  # horizontal baseline
        return ALONG_RIGHT if ux > 0 else ALONG_LEFT
    if abs(ux) < 1e-6:  # vertical baseline
        return ALONG_UP if uy > 0 else ALONG_DOWN
    return ALONG_SLANT


def make_glyph(text: str, origin: Point, loose: Any, matrix: Any, font_size: float,
               info: ObjectInfo, space: PageSpace) -> Glyph:
    """pdfminer's LTChar box: the advance along the writing direction from the origin, one
    font size across it from the font's descent."""
    ox, oy = origin
    return place_glyph(text, ox, oy, loose, glyph_frame(matrix, font_size, info, space),
                       space)


def place_glyph(text: str, ox: float, oy: float, loose: LooseBox, frame: Frame,
                space: PageSpace) -> Glyph:
    """`make_glyph` with the text object's part already worked out (`frame`): what runs
    once per glyph, so the corners, their bounds and the advance are written out here
    (`PageSpace.point` of each corner, `min` and `max` as comparisons keeping the first of
    equals, as those builtins do: the same arithmetic in the same order, the same
    floats)."""
    info = frame.info
    ux, uy = frame.ux, frame.uy
    if info.span is None:
        advance = _advance(ox, oy, loose, frame.along, _is_mark(text))
    else:
        advance = _span_advance(ox, oy, loose, frame.along)
    a, b, c, d, e, f = ctm = space.ctm
    sx0, sy0, sx1, sy1 = frame.sx0, frame.sy0, ux * advance, uy * advance
    tx0, ty0, tx1, ty1 = frame.tx0, frame.ty0, frame.tx1, frame.ty1
    # the four corners: origin + each of two steps along the baseline + each of two up it
    x00, y00 = ox + sx0 + tx0, oy + sy0 + ty0
    x01, y01 = ox + sx0 + tx1, oy + sy0 + ty1
    x10, y10 = ox + sx1 + tx0, oy + sy1 + ty0
    x11, y11 = ox + sx1 + tx1, oy + sy1 + ty1
    x_low = x_high = a * x00 + c * y00 + e
    y_low = y_high = b * x00 + d * y00 + f
    x, y = a * x01 + c * y01 + e, b * x01 + d * y01 + f
    if x < x_low:
        x_low = x
    if x > x_high:
        x_high = x
    if y < y_low:
        y_low = y
    if y > y_high:
        y_high = y
    x, y = a * x10 + c * y10 + e, b * x10 + d * y10 + f
    if x < x_low:
        x_low = x
    if x > x_high:
        x_high = x
    if y < y_low:
        y_low = y
    if y > y_high:
        y_high = y
    x, y = a * x11 + c * y11 + e, b * x11 + d * y11 + f
    if x < x_low:
        x_low = x
    if x > x_high:
        x_high = x
    if y < y_low:
        y_low = y
    if y > y_high:
        y_high = y
    direction = frame.direction
    height, x_off, y_off = space.height, space.mb_x0, space.mb_top
    if direction == 0:  # compose's translation: the origin in layout space
        baseline = height - (ox * ctm[1] + oy * ctm[3] + ctm[5]) + y_off
    else:
        baseline = ox * ctm[0] + oy * ctm[2] + ctm[4] + x_off
    # pdfminer's `size` is the box's height, whatever the turn
    glyph: Glyph = _new_tuple(Glyph, (
        text, x_low + x_off, x_high + x_off, height - y_high + y_off, height - y_low + y_off,
        baseline, y_high - y_low, info.font, direction, info.span, info.clip, info.mcid,
        info.artifact))
    return glyph


@functools.cache
def _is_mark(text: str) -> bool:
    """A Thai mark or a combining character: drawn back over its base, no advance (a
    page's few dozen distinct characters, asked once per glyph)."""
    return is_thai_mark(text) or unicodedata.combining(text) > 0


class LooseBox(Protocol):
    """A glyph's loose box as pdfium gives it (`FS_RECTF`) or as made here (`Box`)."""

    left: float
    right: float
    bottom: float
    top: float


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


def _advance(ox: float, oy: float, loose: LooseBox, along: int, mark: bool) -> float:
    """The glyph's advance: the loose box's extent along the baseline when the box starts
    at the origin (pdfium's loose box is then origin to origin + advance). Otherwise pdfium
    gave the ink box: zero for a mark (drawn back over its base, no advance), else from the
    origin to the ink's far end."""
    if along == ALONG_RIGHT:
        start, end, at = loose.left, loose.right, ox
    elif along == ALONG_LEFT:
        start, end, at = -loose.right, -loose.left, -ox
    elif along == ALONG_UP:
        start, end, at = loose.bottom, loose.top, oy
    elif along == ALONG_DOWN:
        start, end, at = -loose.top, -loose.bottom, -oy
    else:
        return max(loose.right - loose.left, loose.top - loose.bottom)
    if abs(start - at) <= ORIGIN_TOLERANCE:
        return end - start
    if mark:
        return 0.0
    return max(end - at, 0.0)  # pdfium fell back to the ink box: the ink's far end


def _span_advance(ox: float, oy: float, loose: LooseBox, along: int) -> float:
    """An ActualText character's extent: pdfium places it at the span's first origin with
    the ink box of the span's glyphs; it runs from the origin to the ink's far end."""
    if along == ALONG_RIGHT:
        return max(loose.right - ox, 0.0)
    if along == ALONG_LEFT:
        return max(ox - loose.left, 0.0)
    if along == ALONG_UP:
        return max(loose.top - oy, 0.0)
    if along == ALONG_DOWN:
        return max(oy - loose.bottom, 0.0)
    return 0.0


class ObjectMarks(Protocol):
    """Where a text object's `ObjectInfo` comes from (`pdf_pdfium._MarkReader`)."""

    def info(self, key: int, space: PageSpace) -> ObjectInfo: ...
