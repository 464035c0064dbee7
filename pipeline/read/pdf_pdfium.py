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

Where pdfium reads a page differently from pdfminer, and how it is repaired (the glyph
boxes in `pdf_pdfium_glyph`, the spaces in `pdf_pdfium_spaces`, page geometry and paths
in `pdf_pdfium_paths`):

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
  glyphs leave (`pdf_pdfium_spaces.Lines`), not in a row over the words ("ข้   อ  1").
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
import operator
from collections.abc import Iterator
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
from pipeline.read.pdf_device import Glyph, ParsedPage
from pipeline.read.pdf_pdfium_glyph import (
    Box,
    Frame,
    Frames,
    ObjectInfo,
    address,
    by_address,
    place_glyph,
)
from pipeline.read.pdf_pdfium_paths import (
    PageSpace,
    Point,
    clip_box,
    page_objects,
    page_space,
    path_objects,
)
from pipeline.read.pdf_pdfium_spaces import (
    SAME_LINE,
    Lines,
    dropped_spaces,
    object_extent,
    restore_spaces,
    trailing_spaces,
)
from pipeline.read.pdf_text import SPACE_GAP_EM

ARTIFACT: Final = "Artifact"
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
    addresses = [address(obj) for obj, _ in objects]
    order = {key: i for i, key in enumerate(addresses)}
    drawn: set[int] = set()
    found = list(_glyphs(text_page.raw, space, marks, order, drawn))
    found += dropped_spaces(objects, addresses, drawn, space, marks, order)
    # the inked glyphs by line, indexed once for both repairs (spaces are not in it)
    lines = Lines(list(found))
    found += trailing_spaces(found, objects, space, lines)
    found.sort(key=_content_order)
    glyphs = restore_spaces([(place, g) for place, _, g in found],
                            lambda place: object_extent(objects, place, space), lines)
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


# (text object's place, index on the text page): the content's order of `_parse`'s glyphs
_content_order: Final = operator.itemgetter(0, 1)


# -- text -------------------------------------------------------------------------------


class _MarkReader:
    """Marks, font and clip of each text object, read once per object."""

    def __init__(self, descents: dict[str, float] | None = None) -> None:
        self._descents = descents or {}
        self.actual_texts: dict[int, str] = {}
        self._spans: dict[int, int] = {}  # mark address -> span number
        self._objects: dict[int, ObjectInfo] = {}
        self._marks: dict[int, tuple[str, int | None, str | None]] = {}
        self._strings = _MarkStrings()
        self._fonts: dict[int, tuple[str, float]] = {}
        self._clips: dict[tuple[float, float, float, float], tuple[float, float, float,
                                                                    float]] = {}

    def info(self, key: int, space: PageSpace) -> ObjectInfo:
        """The marks, font and clip of the text object at address `key`."""
        found = self._objects.get(key)
        if found is None:
            found = self._objects[key] = self._read(key, space)
        return found

    def _read(self, address: int, space: PageSpace) -> ObjectInfo:
        span: int | None = None
        mcid: int | None = None
        artifact = False
        for index in range(max(_count_marks(address), 0)):
            key = _mark_address(address, index)
            if not key:
                continue
            name, found_mcid, actual = self._mark(key)
            artifact = artifact or name == ARTIFACT
            if found_mcid is not None:
                mcid = found_mcid
            if actual is not None:
                if key not in self._spans:
                    self._spans[key] = len(self.actual_texts) + 1
                    self.actual_texts[self._spans[key]] = actual
                span = self._spans[key]
        name, descent = self._font(_font_address(address) or 0)
        return ObjectInfo(name, descent, span, mcid, artifact, self._clip(address, space))

    def _mark(self, key: int) -> tuple[str, int | None, str | None]:
        """A mark's name, MCID and ActualText, read once per mark: the objects of one
        marked-content section share its mark (`key`, its address), and a page's thousands
        of text objects lie in a few hundred sections."""
        found = self._marks.get(key)
        if found is None:
            strings = self._strings
            found = self._marks[key] = (strings.name(key), strings.number(key, b"MCID"),
                                        strings.string(key, b"ActualText"))
        return found

    def _font(self, key: int) -> tuple[str, float]:
        """A font's name and descent, read once per font (a page's thousands of text
        objects share a few fonts); `key` is its address (0: none)."""
        found = self._fonts.get(key)
        if found is None:
            font = ctypes.cast(key, raw.FPDF_FONT) if key else None
            name = _font_name(font)
            descent = self._descents.get(name)
            found = self._fonts[key] = (name, _descent(font) if descent is None else descent)
        return found

    def _clip(self, address: int, space: PageSpace
              ) -> tuple[float, float, float, float] | None:
        """The clipping box of the object at `address`; None when it has no clipping path
        (asked by address first: LibreOffice gives every object a clip path of no paths)."""
        clip = _clip_address(address)
        if not clip or _count_clip_paths(clip) <= 0:
            return None
        box = clip_box(ctypes.cast(address, raw.FPDF_PAGEOBJECT))
        if box is None:
            return None
        if box not in self._clips:
            self._clips[box] = space.box(*box)
        return self._clips[box]


# The calls made per text object and per mark, on handles as numbers (`by_address`).
_count_marks: Final = by_address(raw.FPDFPageObj_CountMarks)
_mark_address: Final = by_address(raw.FPDFPageObj_GetMark, answers_address=True)
_font_address: Final = by_address(raw.FPDFTextObj_GetFont, answers_address=True)
_clip_address: Final = by_address(raw.FPDFPageObj_GetClipPath, answers_address=True)
_count_clip_paths: Final = by_address(raw.FPDFClipPath_CountPaths)
_mark_name: Final = by_address(raw.FPDFPageObjMark_GetName)
_mark_number: Final = by_address(raw.FPDFPageObjMark_GetParamIntValue)
_mark_string: Final = by_address(raw.FPDFPageObjMark_GetParamStringValue)


class _MarkStrings:
    """A mark's name and parameters (the mark given by its address), read into buffers
    made once per page: a tagged page has thousands of marked-content sections, and
    pdfium's answer fits the buffer at the first call (asking the length first, then
    allocating, took three times as long)."""

    SIZE: Final = 1024  # bytes: a UTF-16 name or ActualText of up to 511 units at once

    def __init__(self) -> None:
        self._length = ctypes.c_ulong()
        self._p_length = ctypes.byref(self._length)
        self._value = ctypes.c_int()
        self._p_value = ctypes.byref(self._value)
        self._buffer = ctypes.create_string_buffer(self.SIZE)
        self._p_buffer = ctypes.cast(self._buffer, ctypes.POINTER(ctypes.c_ushort))

    def number(self, mark: int, key: bytes) -> int | None:
        """The mark's integer parameter `key`; None when it has none."""
        if _mark_number(mark, key, self._p_value):
            return self._value.value
        return None

    def name(self, mark: int) -> str:
        self._length.value = 0
        _mark_name(mark, self._p_buffer, self.SIZE, self._p_length)
        length = self._length.value
        if length <= 2:
            return ""
        if length > self.SIZE:
            buffer = ctypes.create_string_buffer(length)
            _mark_name(mark, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), length,
                       self._p_length)
            return buffer.raw[:length - 2].decode("utf-16-le", "replace")
        return ctypes.string_at(self._buffer, length - 2).decode("utf-16-le", "replace")

    def string(self, mark: int, key: bytes) -> str | None:
        """The mark's string parameter `key` as text (`pdf_string`); None when it has none."""
        self._length.value = 0
        if not _mark_string(mark, key, self._p_buffer, self.SIZE, self._p_length):
            return None
        length = self._length.value
        if length > self.SIZE:
            buffer = ctypes.create_string_buffer(length)
            _mark_string(mark, key, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), length,
                         self._p_length)
            data = buffer.raw[:max(self._length.value - 2, 0)]
        else:
            data = ctypes.string_at(self._buffer, max(length - 2, 0))
        return pdf_string(data.decode("utf-16-le", "replace"))


def pdf_string(value: str) -> str:
    """A mark's string parameter as text.

    pdfium hands it over byte for byte (each byte one UTF-16 unit) and without the UTF-16
    byte-order mark, so the UTF-16BE of Thai (0E xx) and Latin (00 xx) text arrives as
    pairs whose first byte is a control character, which text in PDFDocEncoding never
    has; anything else is PDFDocEncoding, as pdfminer reads it.
    """
    try:
        data = value.encode("latin-1")
    except UnicodeEncodeError:  # a unit above 0xFF: already text
        return value
    if data[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return decode_text(data)
    if data and len(data) % 2 == 0 and max(data[0::2]) < 0x20:
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


# FPDFText_GetTextObject answering the object's address as a number (pypdfium2's binding
# answers a pointer object, which costs a `ctypes` conversion per character to key on).
_text_object_address: Final = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(raw.FPDFText_GetTextObject, ctypes.c_void_p).value or 0)


# The four calls made per character, taking the text page and the answers' buffers as
# numbers (addresses): pypdfium2's bindings check and convert a pointer object per
# argument, which cost more than the calls themselves (the same C functions, same answers).
def _on_addresses(function: Any, *argtypes: Any) -> Any:
    prototype = ctypes.CFUNCTYPE(function.restype, *argtypes)
    return prototype(ctypes.cast(function, ctypes.c_void_p).value or 0)


_unicode: Final = _on_addresses(raw.FPDFText_GetUnicode, ctypes.c_void_p, ctypes.c_int)
_is_generated: Final = _on_addresses(raw.FPDFText_IsGenerated, ctypes.c_void_p, ctypes.c_int)
_char_origin: Final = _on_addresses(raw.FPDFText_GetCharOrigin, ctypes.c_void_p, ctypes.c_int,
                                    ctypes.c_void_p, ctypes.c_void_p)
_loose_box: Final = _on_addresses(raw.FPDFText_GetLooseCharBox, ctypes.c_void_p, ctypes.c_int,
                                  ctypes.c_void_p)


def _glyphs(text_page: Any, space: PageSpace, marks: _MarkReader, order: dict[int, int],
            drawn: set[int]) -> Iterator[tuple[int, int, Glyph]]:
    """Each drawn character with its place in the content stream: (index of its text
    object, index on the text page). pdfium's text page may emit an ActualText span after
    the glyphs that follow it; pdfminer's order is the content's. The address of every
    text object the text page reads from is added to `drawn`.

    pdfium gives every character of a text object the object's font size and matrix (the
    matrix without its translation for a character it flags as generated), so those, the
    object's marks and its `Frame` are read once per (object, generated): five pdfium calls
    per character instead of seven, and the per-matrix arithmetic once per object."""
    n = raw.FPDFText_CountChars(text_page)
    loose = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    # one buffer of each kind for the whole page, passed by address (`_on_addresses`)
    p_ox, p_oy = ctypes.addressof(ox), ctypes.addressof(oy)
    p_loose = ctypes.addressof(loose)
    page_address = address(text_page)
    is_generated, unicode = _is_generated, _unicode
    char_origin, loose_box = _char_origin, _loose_box
    # the frames of drawn characters and of generated ones, by text object
    frames: tuple[dict[int, tuple[int, float, Frame]], dict[int, tuple[int, float, Frame]]]
    frames = ({}, {})
    shapes = Frames()
    for i in range(n):
        key = _text_object_address(page_address, i)
        if not key:  # generated: a break or a space the content never drew
            continue
        code = unicode(page_address, i)
        text = chr(code) if 0 < code < 0x110000 else ""
        generated = is_generated(page_address, i) == 1
        if not text or text in _GENERATED_BREAKS or (generated and text != " "):
            continue
        known = frames[generated].get(key)
        if known is None:
            drawn.add(key)
            raw.FPDFText_GetMatrix(text_page, i, ctypes.byref(matrix))
            size = float(raw.FPDFText_GetFontSize(text_page, i))
            known = frames[generated][key] = (
                order.get(key, len(order)), size,
                shapes.frame(matrix, size, marks.info(key, space), space))
        place, size, frame = known
        char_origin(page_address, i, p_ox, p_oy)
        loose_box(page_address, i, p_loose)
        box: Any = loose
        if generated:
            box = _drawn_space(text_page, i, n, (ox.value, oy.value), size)
            if box is None:
                continue
        yield place, i, place_glyph(text, ox.value, oy.value, box, frame, space)


def _drawn_space(text_page: Any, i: int, n: int, origin: Point, size: float) -> Box | None:
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
    return Box(ox, nx.value, oy, oy + size)


