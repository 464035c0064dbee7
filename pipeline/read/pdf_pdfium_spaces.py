"""The spaces pdfium's text page leaves out, put back where the content drew them, split
out of `pdf_pdfium` (see its docstring, "Spaces it leaves out").

Of the spaces in a row on a line pdfium keeps the first (`restore_spaces` puts back those
of one text object and those a text object starts with); of the spaces ending a text object
at a line end it keeps the first (`trailing_spaces`); a text object drawing only a space at
a line end gets no character at all (`dropped_spaces`). Where other objects' glyphs lie in
the stretch the spaces were dropped from, they go in the gaps those glyphs leave (`Lines`).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

import pypdfium2.raw as raw

from pipeline.read.pdf_device import Glyph
from pipeline.read.pdf_pdfium_glyph import (
    ORIGIN_TOLERANCE,
    Box,
    ObjectMarks,
    Turn,
    make_glyph,
)
from pipeline.read.pdf_pdfium_paths import Matrix, PageSpace, compose, object_matrix
from pipeline.read.pdf_text import SPACE_GAP_EM

# Glyphs whose baselines differ by less than this (points) are on one line.
SAME_LINE: Final = 0.5
# A gap after a space at least this share of the space's width held a dropped space...
SPACE_FIT: Final = 0.8
# ...when it is a whole number of spaces wide, to this share of a space (dropped spaces
# advance by their width; a kern or a moved position by anything).
WHOLE_SPACE: Final = 0.1


def dropped_spaces(objects: list[tuple[Any, Matrix]], addresses: list[int], drawn: set[int],
                   space: PageSpace, marks: ObjectMarks, order: dict[int, int]
                   ) -> Iterator[tuple[int, int, Glyph]]:
    """The space glyphs pdfium's text page leaves out, in their places in the content.

    A text object that draws nothing but a space where a line ends (Word and LibreOffice
    write the space after the last word of a wrapped line as an object of its own) gets no
    character on pdfium's text page: its generated line break (CR LF) stands in its place.
    pdfminer keeps the space, and that space is what tells a line wrapped at a space from
    one wrapped inside a Thai run (`pdf_paragraphs`), so "ยโสธร เขต 2" would read
    "ยโสธรเขต 2". A text object the text page never reads from, with no extent (no ink:
    pdfium's bounds of a space collapse to its origin), is taken as one space at its
    origin, as wide as its font's space at its size (`FPDFFont_GetGlyphWidth`).
    `addresses` are the objects' own (`pdf_pdfium_glyph.address`).
    """
    for (obj, form), key in zip(objects, addresses, strict=True):
        if key in drawn or raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT:
            continue
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not raw.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom),
                                         ctypes.byref(right), ctypes.byref(top)):
            continue
        if abs(right.value - left.value) > ORIGIN_TOLERANCE or abs(
            top.value - bottom.value
        ) > ORIGIN_TOLERANCE:
            continue  # it has ink: not a space (and not what this repairs)
        font = raw.FPDFTextObj_GetFont(obj)
        size, width = ctypes.c_float(), ctypes.c_float()
        if not font or not raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)) or not (
            raw.FPDFFont_GetGlyphWidth(font, ord(" "), size, ctypes.byref(width))
        ) or width.value <= 0:
            continue
        a, b, c, d, ox, oy = compose(object_matrix(obj), form)
        if abs(b) > 1e-6 or a <= 0:
            continue  # turned or mirrored text: not met in the fixtures, not guessed
        loose = Box(ox, ox + width.value * a, oy, oy + size.value)
        glyph = make_glyph(" ", (ox, oy), loose, Turn(a, b, c, d), float(size.value),
                           marks.info(key, space), space)
        yield order.get(key, len(order)), -1, glyph


def trailing_spaces(found: list[tuple[int, int, Glyph]], objects: list[tuple[Any, Matrix]],
                    space: PageSpace, lines: Lines | None = None
                    ) -> Iterator[tuple[int, int, Glyph]]:
    """The spaces after the first at the end of a text object, which pdfium's text page
    leaves out where the line ends.

    A line typed "จำนวน    " ends, on pdfium's text page, with one space and the generated
    line break: of the spaces that end a text object before a line break it keeps the
    first. `restore_spaces` cannot see them (no glyph follows on the line), but the text
    object's bounds still reach the last space's origin: the object's last space is
    followed by as many copies of itself as fit between its start and that origin (in the
    gaps of other objects' glyphs, when some lie there: `Lines`, built from `found` when
    not given).
    """
    last: dict[int, tuple[int, Glyph]] = {}
    for place, index, glyph in found:
        if place < len(objects) and (place not in last or index > last[place][0]):
            last[place] = (index, glyph)
    if lines is None:
        lines = Lines(list(found))  # as it is now: the spaces found here go on its end
    for place, (index, glyph) in last.items():
        width = glyph.x1 - glyph.x0
        if glyph.text != " " or glyph.direction != 0 or glyph.span is not None or width <= 0:
            continue
        extent = object_extent(objects, place, space)
        if extent is None:
            continue
        right = extent[1]
        interleaved = lines.spaces_between(place, glyph, right + width)
        if interleaved is not None:
            for x0 in interleaved:
                yield place, index, glyph._replace(x0=x0, x1=x0 + width)
            continue
        for k in range(1, round((right - glyph.x0) / width) + 1):
            yield place, index, glyph._replace(x0=glyph.x0 + k * width,
                                               x1=glyph.x1 + k * width)


class Lines:
    """The inked glyphs of a page by line, to place the spaces of a text object drawn
    apart from the words between them.

    LibreOffice draws a line's spaces as a text object of their own (in another font),
    each moved to its place by a TJ kern, and the words as other objects with gaps where
    the spaces go. pdfium's text page keeps the first of the spaces (`CloseTempLine`): the
    others lie somewhere between it and the next glyph of its object (or the object's
    last space's origin), and where that stretch holds other objects' glyphs, the spaces
    were drawn in its gaps, each ending where the next glyph starts (its kern put it
    there), as many as fit a gap.
    """

    def __init__(self, placed: Sequence[tuple[int, Glyph] | tuple[int, int, Glyph]]) -> None:
        """`placed`: each glyph with its text object's place first and the glyph last."""
        self._placed = placed
        self._lines: dict[int, list[tuple[int, Glyph]]] | None = None

    @property
    def _by_line(self) -> dict[int, list[tuple[int, Glyph]]]:
        """The inked upright glyphs by rounded baseline, sorted out at the first question
        (most pages ask none: their spaces follow their words). Spaces are not in it, so
        one index serves before and after spaces are added (`trailing_spaces` and
        `restore_spaces` share it), and the order of glyphs within a line does not matter
        (`spaces_between` sorts them)."""
        if self._lines is None:
            lines: dict[int, list[tuple[int, Glyph]]] = {}
            for item in self._placed:
                place, glyph = item[0], item[-1]
                # (text, x0, x1, ..., baseline at 5, ..., direction at 8): a glyph's fields
                # unpacked once, not looked up by name four times
                text, x0, x1, _, _, baseline, _, _, direction = glyph[:9]
                if direction == 0 and x1 > x0 and text != " ":
                    key = round(baseline)
                    line = lines.get(key)
                    if line is None:
                        lines[key] = [(place, glyph)]
                    else:
                        line.append((place, glyph))
            self._lines = lines
        return self._lines

    def spaces_between(self, place: int, space: Glyph, end: float) -> list[float] | None:
        """The left edges of the spaces like `space` (of text object `place`) that fill
        the gaps other objects' glyphs leave between `space` and `end`; None when no such
        glyph lies there (the stretch is blank: the spaces, if any, were drawn in a row)."""
        width = space.x1 - space.x0
        baseline = space.baseline
        key = round(baseline)
        after, before = space.x1 + WHOLE_SPACE * width, end - WHOLE_SPACE * width
        by_line = self._by_line
        inside = sorted(
            (g for k in (key - 1, key, key + 1) for p, g in by_line.get(k, ())
             if g.x1 > after and g.x0 < before and p != place
             and abs(g.baseline - baseline) < SAME_LINE),
            key=_left)
        if not inside:
            return None
        out: list[float] = []
        left = space.x1
        for glyph in [*inside, space._replace(x0=end, x1=end)]:
            gap = glyph.x0 - left
            if gap >= SPACE_FIT * width:
                out += [glyph.x0 - k * width for k in range(round(gap / width), 0, -1)]
            left = max(left, glyph.x1)
        return out


def _left(glyph: Glyph) -> float:
    return glyph.x0


def object_extent(objects: list[tuple[Any, Matrix]], place: int, space: PageSpace
                  ) -> tuple[float, float] | None:
    """The left and right edges of page object `place`'s bounds in pdfplumber's
    coordinates; None for a glyph made here (no object) or bounds pdfium cannot give."""
    if place >= len(objects):
        return None
    obj, form = objects[place]
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not raw.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom),
                                     ctypes.byref(right), ctypes.byref(top)):
        return None
    a, b, c, d, e, f = form
    xs, ys = [], []
    for x in (left.value, right.value):
        for y in (bottom.value, top.value):
            xs.append(a * x + c * y + e)
            ys.append(b * x + d * y + f)
    x0, _, x1, _ = space.box(min(xs), min(ys), max(xs), max(ys))
    return x0, x1


def restore_spaces(placed: list[tuple[int, Glyph]],
                   extent: Callable[[int], tuple[float, float] | None],
                   lines: Lines | None = None) -> list[Glyph]:
    """The spaces pdfium's text page drops put back; `placed` is each glyph with the place
    of its text object in the content, `extent` gives an object's left and right edges.

    pdfium keeps the first of the spaces in a row on a line (`CPDF_TextPage::
    CloseTempLine`); the content (and pdfminer) has them all, and "ที่ 1  พัฒนา" would
    read "ที่ 1 พัฒนา". A gap after a space is not always one, though: a tab or a moved
    text position (a new text object further on, a TJ kern) leaves a gap where nothing
    was drawn, and pdfminer has no space there. Spaces are put back only where the content
    drew them:

    * between a space and the next glyph of its own text object, when the gap is a whole
      number of spaces wide (`WHOLE_SPACE`): a kern inside the object leaves any width;
    * before the first glyph of the next text object, within that object's bounds (its
      leading spaces: the bounds start at the first one's origin).

    Where other objects' glyphs lie between a space and the next glyph of its object, the
    object's spaces were drawn apart, among them: they go in the gaps those glyphs leave
    (`Lines.spaces_between`) instead.

    The spaces ending a text object are `trailing_spaces`' (its bounds end at the last
    one's origin). `lines`: the page's `Lines` when already built (from these glyphs, or
    these less some spaces).
    """
    out: list[Glyph] = []
    previous_place = -1
    if lines is None:
        lines = Lines(placed)
    for place, glyph in placed:
        previous = out[-1] if out else None
        if previous is not None and previous.span is not None and glyph.span != (
            previous.span
        ):
            out[-1] = previous = _span_to_next(previous, glyph)
        if previous is not None and previous.text == " " and previous.direction == 0 == (
            glyph.direction
        ) and abs(previous.baseline - glyph.baseline) < SAME_LINE:
            if place == previous_place:
                interleaved = lines.spaces_between(place, previous, glyph.x0)
                out += (_spaces_within(previous, glyph) if interleaved is None else
                        [previous._replace(x0=x0, x1=x0 + previous.x1 - previous.x0)
                         for x0 in interleaved])
            else:
                out += _leading_spaces(previous, glyph, extent(place))
        out.append(glyph)
        previous_place = place
    return out


def _spaces_within(space: Glyph, glyph: Glyph) -> list[Glyph]:
    """Copies of `space` filling the gap to the next glyph of its text object, when the
    gap is a whole number of spaces (none otherwise)."""
    width = space.x1 - space.x0
    gap = glyph.x0 - space.x1
    if width <= 0 or gap < SPACE_FIT * width:
        return []
    count = round(gap / width)
    if abs(gap / width - count) > WHOLE_SPACE:
        return []
    return [space._replace(x0=space.x0 + k * width, x1=space.x1 + k * width)
            for k in range(1, count + 1)]


def _leading_spaces(space: Glyph, glyph: Glyph, bounds: tuple[float, float] | None
                    ) -> list[Glyph]:
    """Copies of `space` ending at `glyph`, back to the start of its text object's
    `bounds` (the spaces the object begins with); none past the space itself."""
    width = space.x1 - space.x0
    if width <= 0 or bounds is None:
        return []
    copies: list[Glyph] = []
    x0 = glyph.x0 - width
    while x0 >= bounds[0] - width / 2 and x0 >= space.x1 - width / 2:
        copies.append(space._replace(x0=x0, x1=x0 + width))
        x0 -= width
    return copies[::-1]


def _span_to_next(span: Glyph, glyph: Glyph) -> Glyph:
    """An ActualText span's end moved to the next glyph's start when that glyph follows on
    its line within a space's width: where the span's advance ended (pdfminer's box), which
    pdfium's ink box falls short of."""
    if span.direction != 0 or glyph.direction != 0 or abs(span.baseline - glyph.baseline) >= (
        SAME_LINE
    ):
        return span
    # a gap narrower than a space (pdf_text.SPACE_GAP_EM) stays inside the span
    if 0.0 <= glyph.x0 - span.x1 <= SPACE_GAP_EM * span.size:
        return span._replace(x1=glyph.x0)
    return span
