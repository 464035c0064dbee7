"""pdfium (pypdfium2) as the page parser: the same glyphs and rulings as pdfminer, faster.

pdfminer's content-stream interpreter is most of the time of a PDF's reading. pdfium parses
the same page several times faster, so `--pdf-engine pdfium` reads each page's content
through it and hands the rest of the reader exactly what `pdf_device.parse_page` gives:
`Glyph` records in pdfplumber's page coordinates, and a `GraphicsPage` whose rectangles,
lines and curves are the dicts pdfplumber makes of pdfminer's objects, so pdfplumber's own
`TableFinder` finds the same tables on them. The document is still opened by pdfplumber:
its page boxes, the structure tree of a tagged PDF (`pdf_structure`) and the clear errors
for damaged or encrypted files stay those of the pdfplumber path. A page pdfium cannot
load is parsed by pdfminer instead (`PdfiumUnavailable` tells the reader to).

Where pdfium reads a page differently from pdfminer, and how it is repaired here:

* **Generated text.** pdfium's text page adds characters the content never drew (a space
  where it sees a word gap, CR/LF at line ends; `FPDFText_IsGenerated`). They are dropped:
  `pdf_text` decides spaces from the gaps itself.
* **Spaces it leaves out.** Where the content draws spaces pdfium's text page has fewer:
  of the spaces in a row on a line it keeps the first (`restore_spaces` puts back those of
  one text object, where the gap to its next glyph is a whole number of spaces, and those
  a text object starts with, within its bounds; a gap between objects or from a kern,
  where nothing was drawn, stays a gap); of the spaces ending a text object at a line end
  it keeps the first (`trailing_spaces` fills the object's bounds, which still reach the
  last space's origin); and a text object drawing only a space at a line end gets no
  character at all, its generated CR LF standing there (`dropped_spaces` puts one space at
  its origin, as wide as its font's space). That space is what tells a line wrapped at a
  space from one wrapped inside a Thai run: without it "ยโสธร เขต 2" reads "ยโสธรเขต 2"
  and paragraphs split or join otherwise. Where the stretch the dropped spaces lie in
  holds other objects' glyphs (LibreOffice draws a line's spaces as an object of their
  own, moved apart by kerns, and its words as another), they are put in the gaps those
  glyphs leave (`_Lines`), not in a row over the words ("ข้   อ  1").
* **Boxes.** pdfium's "loose" box of a glyph spans the font's ascent and descent, its
  tight box the glyph's ink; pdfminer's spans the advance width (zero for a Thai mark) and
  one font size up from the font's descent. Glyphs here get pdfminer's box: x from the
  glyph's origin to the origin plus its advance (the loose box's width when that box starts
  at the origin, zero for a mark drawn back over its base), y from the descent: the font
  descriptor's, as pdfminer takes it, where pdfium makes one up from the glyphs because
  the descriptor gives no ascent and no descent (`descriptor_descents`).
* **ActualText.** pdfium replaces the glyphs of a ``/Span <</ActualText ...>>`` section by
  the span's text itself. The section is found again from the text object's marks (one
  shared mark per section), its glyphs are tagged with one span number and the span's text
  recorded, exactly as `pdf_device` does; `pdf_text.clusters` then makes one cluster of it.
* **Marked content.** The innermost ``MCID`` of the text object's marks, and whether any of
  them is an ``/Artifact``, as `pdf_device` keeps them.
* **Clipping.** The bounding box of each clipping path in effect, intersected.
* **Paths.** pdfium gives a rectangle drawn with ``re`` as five points and a Bézier curve as
  three segments; they are turned back into pdfminer's shapes (``mlllh``, curves by their
  end points) before being classified as lines, rectangles or curves the way pdfminer
  does. Paths neither stroked nor filled (a clipping path's ``n``) are not objects to
  pdfminer and are left out.
* **Colours.** pdfium gives every fill as 8-bit RGB, kept as components over 255 (so
  `pdf_tables.colour_hex` gives back the same "RRGGBB"). pdfminer gives a gray fill
  (``g``) as a bare number, which `colour_hex` does not read: a gray-shaded cell has no
  fill on the pdfplumber engine and its gray on this one.
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfminer.utils import decode_text
from pdfplumber.page import Page
from pdfplumber.table import Table, TableFinder, TableSettings
from pdfplumber.utils.geometry import curve_to_edges, line_to_edge, rect_to_edges

from pipeline.errors import LimitExceededError
from pipeline.limits import DEFAULT_LIMITS
from pipeline.normalize.glyphs import is_thai_mark
from pipeline.read.pdf_device import Glyph, ParsedPage
from pipeline.read.pdf_pdfium_paths import (
    Matrix,
    PageSpace,
    Point,
    clip_box,
    compose,
    object_matrix,
    page_objects,
    page_space,
    path_objects,
)

# A glyph whose loose box starts this close (points) to its origin has its advance as width.
ORIGIN_TOLERANCE: Final = 0.05
ARTIFACT: Final = "Artifact"
# Glyphs whose baselines differ by less than this (points) are on one line.
SAME_LINE: Final = 0.5
# A gap after a space at least this share of the space's width held a dropped space...
SPACE_FIT: Final = 0.8
# ...when it is a whole number of spaces wide, to this share of a space (dropped spaces
# advance by their width; a kern or a moved position by anything).
WHOLE_SPACE: Final = 0.1
# An ActualText span ends at the next glyph when the gap is under this share of its size
# (`pdf_text.SPACE_GAP_EM`: anything narrower is no space).
SPACE_GAP_EM: Final = 0.25
_GENERATED_BREAKS: Final = frozenset("\r\n\x02")


class PdfiumUnavailable(Exception):
    """pdfium cannot give this page (or document): parse it with pdfminer instead."""


@dataclass
class GraphicsPage:
    """What `pdf_tables` needs of a pdfplumber page: its rectangles, edges and tables.

    The objects are pdfplumber's dicts (same keys, same coordinates), so pdfplumber's
    `TableFinder` runs on them unchanged.
    """

    width: float
    height: float
    bbox: tuple[float, float, float, float]
    objects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def rects(self) -> list[dict[str, Any]]:
        return self.objects.get("rect", [])

    @property
    def edges(self) -> list[dict[str, Any]]:
        lines = [line_to_edge(line) for line in self.objects.get("line", [])]
        rects = [e for r in self.rects for e in rect_to_edges(r)]
        curves = [e for c in self.objects.get("curve", []) for e in curve_to_edges(c)]
        return lines + rects + curves

    def find_tables(self, table_settings: Any = None) -> list[Table]:
        return TableFinder(self, TableSettings.resolve(table_settings)).tables  # type: ignore[arg-type]



class PdfiumDocument:
    """One PDF opened by pdfium, its pages parsed on request."""

    def __init__(self, path: Path) -> None:
        try:
            self._pdf = pdfium.PdfDocument(str(path))
        except Exception as exc:  # pdfium's errors on damaged files
            raise PdfiumUnavailable(str(exc)) from exc

    def close(self) -> None:
        self._pdf.close()

    def __len__(self) -> int:
        return len(self._pdf)

    def parse(self, index: int, page: Page, *, max_glyphs: int = DEFAULT_LIMITS.page_glyphs
              ) -> tuple[ParsedPage, GraphicsPage]:
        """Page `index` (0-based) as `pdf_device.parse_page` would give it; `page` is the
        same page opened by pdfplumber (for its boxes). A page of more than `max_glyphs`
        characters is LimitExceededError, as on pdfminer."""
        if page.rotation:
            raise PdfiumUnavailable(f"turned page ({page.rotation}°): its glyph boxes are not"
                                    " mapped yet")
        try:
            pdf_page = self._pdf[index]
        except Exception as exc:
            raise PdfiumUnavailable(str(exc)) from exc
        try:
            text_page = pdf_page.get_textpage()
            try:
                n_chars = text_page.count_chars()
                if n_chars > max_glyphs and sum(
                    raw.FPDFText_IsGenerated(text_page.raw, i) != 1 for i in range(n_chars)
                ) > max_glyphs:
                    raise LimitExceededError("page_glyphs",
                                             f"a page drawing more than {max_glyphs:,} glyphs",
                                             f"{max_glyphs:,}")
                return _parse(pdf_page, text_page, page)
            finally:
                text_page.close()
        finally:
            pdf_page.close()


def _parse(pdf_page: pdfium.PdfPage, text_page: pdfium.PdfTextPage, page: Page
           ) -> tuple[ParsedPage, GraphicsPage]:
    space = page_space(page)
    marks = _MarkReader(descriptor_descents(page))
    objects = list(page_objects(pdf_page.raw))
    order = {_address(obj): i for i, (obj, _) in enumerate(objects)}
    drawn: set[int] = set()
    found = list(_glyphs(text_page.raw, space, marks, order, drawn))
    found += dropped_spaces(objects, drawn, space, marks, order)
    found += trailing_spaces(found, objects, space)
    found.sort(key=lambda item: item[:2])
    glyphs = restore_spaces([(place, g) for place, _, g in found],
                            lambda place: _object_extent(objects, place, space))
    graphics = GraphicsPage(float(page.width), float(page.height),
                            tuple(float(v) for v in page.bbox))  # type: ignore[arg-type]
    has_images = False
    for obj, matrix in objects:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            has_images = True
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            for item in path_objects(obj, matrix, space, page.page_number):
                graphics.objects.setdefault(item["object_type"], []).append(item)
    return ParsedPage(glyphs, marks.actual_texts, has_images), graphics


# -- text -------------------------------------------------------------------------------


@dataclass
class _ObjectInfo:
    font: str
    descent: float  # per unit of font size (negative below the baseline)
    span: int | None
    mcid: int | None
    artifact: bool
    clip: tuple[float, float, float, float] | None


class _MarkReader:
    """Marks, font and clip of each text object, read once per object."""

    def __init__(self, descents: dict[str, float] | None = None) -> None:
        self._descents = descents or {}
        self.actual_texts: dict[int, str] = {}
        self._spans: dict[int, int] = {}  # mark address -> span number
        self._objects: dict[int, _ObjectInfo] = {}
        self._clips: dict[tuple[float, float, float, float], tuple[float, float, float,
                                                                    float]] = {}

    def info(self, obj: Any, key: int, space: PageSpace) -> _ObjectInfo:
        """`obj`'s marks, font and clip; `key` is its address."""
        found = self._objects.get(key)
        if found is None:
            found = self._objects[key] = self._read(obj, space)
        return found

    def _read(self, obj: Any, space: PageSpace) -> _ObjectInfo:
        span: int | None = None
        mcid: int | None = None
        artifact = False
        for index in range(max(raw.FPDFPageObj_CountMarks(obj), 0)):
            mark = raw.FPDFPageObj_GetMark(obj, index)
            if not mark:
                continue
            name = _mark_name(mark)
            artifact = artifact or name == ARTIFACT
            value = ctypes.c_int()
            if raw.FPDFPageObjMark_GetParamIntValue(mark, b"MCID", ctypes.byref(value)):
                mcid = value.value
            actual = _mark_string(mark, b"ActualText")
            if actual is not None:
                address = ctypes.cast(mark, ctypes.c_void_p).value or 0
                if address not in self._spans:
                    self._spans[address] = len(self.actual_texts) + 1
                    self.actual_texts[self._spans[address]] = actual
                span = self._spans[address]
        font = raw.FPDFTextObj_GetFont(obj)
        name = _font_name(font)
        descent = self._descents.get(name)
        return _ObjectInfo(name, _descent(font) if descent is None else descent, span, mcid,
                           artifact,
                           self._clip(obj, space))

    def _clip(self, obj: Any, space: PageSpace) -> tuple[float, float, float, float] | None:
        box = clip_box(obj)
        if box is None:
            return None
        if box not in self._clips:
            self._clips[box] = space.box(*box)
        return self._clips[box]


def _mark_name(mark: Any) -> str:
    length = ctypes.c_ulong()
    raw.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(length))
    if length.value <= 2:
        return ""
    buffer = ctypes.create_string_buffer(length.value)
    raw.FPDFPageObjMark_GetName(mark, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)),
                                length.value, ctypes.byref(length))
    return buffer.raw[:length.value - 2].decode("utf-16-le", "replace")


def _mark_string(mark: Any, key: bytes) -> str | None:
    length = ctypes.c_ulong()
    if not raw.FPDFPageObjMark_GetParamStringValue(mark, key, None, 0, ctypes.byref(length)):
        return None
    buffer = ctypes.create_string_buffer(max(length.value, 2))
    raw.FPDFPageObjMark_GetParamStringValue(
        mark, key, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), length.value,
        ctypes.byref(length))
    return pdf_string(buffer.raw[:max(length.value - 2, 0)].decode("utf-16-le", "replace"))


def pdf_string(value: str) -> str:
    """A mark's string parameter as text.

    pdfium hands it over byte for byte (each byte one UTF-16 unit) and without the UTF-16
    byte-order mark, so the UTF-16BE of Thai (0E xx) and Latin (00 xx) text arrives as
    pairs whose first byte is a control character, which text in PDFDocEncoding never
    has; anything else is PDFDocEncoding, as pdfminer reads it.
    """
    if any(ord(ch) > 0xFF for ch in value):
        return value
    data = value.encode("latin-1")
    if data[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return decode_text(data)
    if data and len(data) % 2 == 0 and all(byte < 0x20 for byte in data[0::2]):
        return data.decode("utf-16-be", "replace")
    return decode_text(data)


def _font_name(font: Any) -> str:
    if not font:
        return ""
    length = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if length <= 1:
        return ""
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFFont_GetBaseFontName(font, buffer, length)
    return buffer.value.decode("utf-8", "replace")


def descriptor_descents(page: Page) -> dict[str, float]:
    """The descent (per unit of font size) pdfminer gives each font of the page's own
    resources with a font descriptor, by its name as pdfium gives it (no subset tag).

    pdfminer takes a font's descent from its descriptor (0 when it says none), as pdfium
    does, except that pdfium makes them up from the glyphs of "A" and "g" when the
    descriptor gives 0 for both ascent and descent (`CPDF_Font::CheckFontMetrics`:
    LibreOffice's subset fonts), and pdfium's glyph boxes would then reach up to 2 points
    lower than pdfminer's. A name two fonts with different descents share is left out,
    and so is a Type 3 font (pdfminer takes its font box)."""
    from pdfminer.pdftypes import resolve1

    found: dict[str, float | None] = {}
    try:
        fonts = resolve1(resolve1(page.page_obj.resources).get("Font")) or {}
    except Exception:  # a damaged resource dictionary: pdfium's values stay
        return {}
    if not isinstance(fonts, dict):
        return {}
    for ref in fonts.values():
        try:
            spec = resolve1(ref)
            if not isinstance(spec, dict) or _literal(spec.get("Subtype")) == "Type3":
                continue
            holder = spec
            if _literal(spec.get("Subtype")) == "Type0":
                descendants = resolve1(spec.get("DescendantFonts"))
                holder = resolve1(descendants[0]) if descendants else {}
            descriptor = resolve1(holder.get("FontDescriptor")) if isinstance(
                holder, dict) else None
            if not isinstance(descriptor, dict):
                continue
            descent = -abs(float(resolve1(descriptor.get("Descent", 0)) or 0)) / 1000
            name = str(_literal(spec.get("BaseFont")) or "").split("+", 1)[-1]
        except Exception:  # one damaged font: pdfium's value for it stays
            continue
        if name:
            found[name] = descent if found.get(name, descent) == descent else None
    return {name: value for name, value in found.items() if value is not None}


def _literal(value: Any) -> Any:
    from pdfminer.psparser import PSLiteral, literal_name

    return literal_name(value) if isinstance(value, PSLiteral) else value


def _descent(font: Any) -> float:
    value = ctypes.c_float()
    if font and raw.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(value)):
        return float(value.value)
    return 0.0


def _address(obj: Any) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _glyphs(text_page: Any, space: PageSpace, marks: _MarkReader, order: dict[int, int],
            drawn: set[int]) -> Iterator[tuple[int, int, Glyph]]:
    """Each drawn character with its place in the content stream: (index of its text
    object, index on the text page). pdfium's text page may emit an ActualText span after
    the glyphs that follow it; pdfminer's order is the content's. The address of every
    text object the text page reads from is added to `drawn`."""
    n = raw.FPDFText_CountChars(text_page)
    loose = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    # one pointer of each kind for the whole page: building them per call costs as much as
    # the calls themselves
    p_ox, p_oy, p_loose, p_matrix = (ctypes.byref(ox), ctypes.byref(oy), ctypes.byref(loose),
                                     ctypes.byref(matrix))
    is_generated, unicode, text_object = (raw.FPDFText_IsGenerated, raw.FPDFText_GetUnicode,
                                          raw.FPDFText_GetTextObject)
    for i in range(n):
        obj = text_object(text_page, i)
        if not obj:  # generated: a break or a space the content never drew
            continue
        code = unicode(text_page, i)
        text = chr(code) if 0 < code < 0x110000 else ""
        generated = is_generated(text_page, i) == 1
        if not text or text in _GENERATED_BREAKS or (generated and text != " "):
            continue
        key = _address(obj)
        drawn.add(key)
        info = marks.info(obj, key, space)
        place = order.get(key, len(order))
        raw.FPDFText_GetCharOrigin(text_page, i, p_ox, p_oy)
        raw.FPDFText_GetLooseCharBox(text_page, i, p_loose)
        raw.FPDFText_GetMatrix(text_page, i, p_matrix)
        size = float(raw.FPDFText_GetFontSize(text_page, i))
        box: Any = loose
        if generated:
            box = _drawn_space(text_page, i, n, (ox.value, oy.value), size)
            if box is None:
                continue
        yield place, i, _glyph(text, (ox.value, oy.value), box, matrix, size, info, space)


def _drawn_space(text_page: Any, i: int, n: int, origin: Point, size: float) -> _Box | None:
    """The box of a space pdfium flags as generated although it belongs to a text object;
    None when the content drew no space there.

    pdfium flags some real space glyphs (after a Thai upper vowel, "ปี ๒๕๖3") as generated,
    with their text object and an empty box, and also puts a space of its own, flagged
    alike, between two glyphs of one object where there is no gap ("...ีง"). A drawn space
    moves the next glyph on by its width; an invented one does not. The box runs from the
    space's origin to the next glyph's (pdfminer's space ends within 0.05 pt of it)."""
    if i + 1 >= n:
        return None
    nx, ny = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(text_page, i + 1, ctypes.byref(nx), ctypes.byref(ny))
    ox, oy = origin
    if abs(ny.value - oy) >= SAME_LINE or nx.value - ox < SPACE_GAP_EM * size:
        return None
    return _Box(ox, nx.value, oy, oy + size)


def _glyph(text: str, origin: Point, loose: Any, matrix: Any, font_size: float,
           info: _ObjectInfo, space: PageSpace) -> Glyph:
    """pdfminer's LTChar box: the advance along the writing direction from the origin, one
    font size across it from the font's descent."""
    a, b, c, d = (float(matrix.a), float(matrix.b), float(matrix.c), float(matrix.d))
    scale = (a * a + b * b) ** 0.5 or 1.0
    ux, uy = a / scale, b / scale  # unit vector along the baseline (user space)
    vx, vy = c, d
    vscale = (vx * vx + vy * vy) ** 0.5 or 1.0
    vx, vy = vx / vscale, vy / vscale  # unit vector up the glyph
    if info.span is None:
        advance = _advance(origin, loose, ux, uy,
                           is_thai_mark(text) or unicodedata.combining(text) > 0)
    else:
        advance = _span_advance(origin, loose, ux, uy)
    size = font_size
    ox, oy = origin
    low, high = info.descent * size, info.descent * size + size
    corners = [(ox + ux * s + vx * t, oy + uy * s + vy * t)
               for s in (0.0, advance) for t in (low, high)]
    points = [space.point(x, y) for x, y in corners]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    # the glyph matrix in layout space decides the direction, as pdfminer's `upright`
    ma, mb, mc, md, me, mf = compose((ux, uy, vx, vy, ox, oy), space.ctm)
    upright = ma * md > 0 and mb * mc <= 0
    direction = 0 if upright else (1 if mb > 0 else -1)
    if direction != 0 and abs(ma) >= 1e-6:
        direction = 0
    height, x_off, y_off = space.height, space.mb_x0, space.mb_top
    return Glyph(
        text=text,
        x0=min(xs) + x_off,
        x1=max(xs) + x_off,
        top=height - max(ys) + y_off,
        bottom=height - min(ys) + y_off,
        baseline=height - mf + y_off if direction == 0 else me + x_off,
        size=max(ys) - min(ys),  # pdfminer's `size`: the box's height, whatever the turn
        font=info.font,
        direction=direction,
        span=info.span,
        clip=info.clip,
        mcid=info.mcid,
        artifact=info.artifact,
    )


@dataclass(frozen=True)
class _Box:
    """A loose char box (`FS_RECTF`'s fields) made here."""

    left: float
    right: float
    bottom: float
    top: float


@dataclass(frozen=True)
class _Turn:
    """A glyph matrix's linear part (`FS_MATRIX`'s fields) made here."""

    a: float
    b: float
    c: float
    d: float


def dropped_spaces(objects: list[tuple[Any, Matrix]], drawn: set[int], space: PageSpace,
                   marks: _MarkReader, order: dict[int, int]
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
    """
    for obj, form in objects:
        key = _address(obj)
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
        loose = _Box(ox, ox + width.value * a, oy, oy + size.value)
        glyph = _glyph(" ", (ox, oy), loose, _Turn(a, b, c, d), float(size.value),
                       marks.info(obj, key, space), space)
        yield order.get(key, len(order)), -1, glyph


def trailing_spaces(found: list[tuple[int, int, Glyph]], objects: list[tuple[Any, Matrix]],
                    space: PageSpace) -> Iterator[tuple[int, int, Glyph]]:
    """The spaces after the first at the end of a text object, which pdfium's text page
    leaves out where the line ends.

    A line typed "จำนวน    " ends, on pdfium's text page, with one space and the generated
    line break: of the spaces that end a text object before a line break it keeps the
    first. `restore_spaces` cannot see them (no glyph follows on the line), but the text
    object's bounds still reach the last space's origin: the object's last space is
    followed by as many copies of itself as fit between its start and that origin (in the
    gaps of other objects' glyphs, when some lie there: `_Lines`).
    """
    last: dict[int, tuple[int, Glyph]] = {}
    for place, index, glyph in found:
        if place < len(objects) and (place not in last or index > last[place][0]):
            last[place] = (index, glyph)
    lines = _Lines([(place, glyph) for place, _, glyph in found])
    for place, (index, glyph) in last.items():
        width = glyph.x1 - glyph.x0
        if glyph.text != " " or glyph.direction != 0 or glyph.span is not None or width <= 0:
            continue
        extent = _object_extent(objects, place, space)
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


class _Lines:
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

    def __init__(self, placed: list[tuple[int, Glyph]]) -> None:
        self._by_line: dict[int, list[tuple[int, Glyph]]] = {}
        for place, glyph in placed:
            if glyph.direction == 0 and glyph.x1 > glyph.x0 and glyph.text != " ":
                self._by_line.setdefault(round(glyph.baseline), []).append((place, glyph))

    def spaces_between(self, place: int, space: Glyph, end: float) -> list[float] | None:
        """The left edges of the spaces like `space` (of text object `place`) that fill
        the gaps other objects' glyphs leave between `space` and `end`; None when no such
        glyph lies there (the stretch is blank: the spaces, if any, were drawn in a row)."""
        width = space.x1 - space.x0
        key = round(space.baseline)
        inside = sorted(
            (g for k in (key - 1, key, key + 1) for p, g in self._by_line.get(k, ())
             if p != place and abs(g.baseline - space.baseline) < SAME_LINE
             and g.x1 > space.x1 + WHOLE_SPACE * width and g.x0 < end - WHOLE_SPACE * width),
            key=lambda g: g.x0)
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


def _object_extent(objects: list[tuple[Any, Matrix]], place: int, space: PageSpace
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


def restore_spaces(placed: list[tuple[int, Glyph]],
                   extent: Callable[[int], tuple[float, float] | None]) -> list[Glyph]:
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
    (`_Lines.spaces_between`) instead.

    The spaces ending a text object are `trailing_spaces`' (its bounds end at the last
    one's origin).
    """
    out: list[Glyph] = []
    previous_place = -1
    lines = _Lines(placed)
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
    if 0.0 <= glyph.x0 - span.x1 <= SPACE_GAP_EM * span.size:
        return span._replace(x1=glyph.x0)
    return span


def _span_advance(origin: Point, loose: Any, ux: float, uy: float) -> float:
    """An ActualText character's extent: pdfium places it at the span's first origin with
    the ink box of the span's glyphs; it runs from the origin to the ink's far end."""
    ox, oy = origin
    if abs(uy) < 1e-6:
        return max((float(loose.right) - ox) if ux > 0 else (ox - float(loose.left)), 0.0)
    if abs(ux) < 1e-6:
        return max((float(loose.top) - oy) if uy > 0 else (oy - float(loose.bottom)), 0.0)
    return 0.0

