"""pdfium's page geometry and vector paths, made into what pdfminer gives.

Kept apart from the glyph reading of `pdf_pdfium`: a page's transform into pdfplumber's
coordinates (`PageSpace`, `page_space`), its objects with their matrices through nested
form XObjects (`page_objects`), clipping boxes (`clip_box`), and its paths as pdfplumber's
line, rect and curve dicts (`path_objects`): rectangles drawn with ``re`` come back from
pdfium as five points and Bézier curves as three segments, turned back into pdfminer's
shapes before they are classified the way pdfminer does.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

import pypdfium2.raw as raw
from pdfplumber.page import Page

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

# The deepest nesting of form XObjects followed (real files nest two or three).
MAX_FORM_DEPTH: Final = 32


@dataclass(frozen=True)
class PageSpace:
    """pdfplumber's page geometry: pdfminer's rotation matrix and the MediaBox offsets."""

    ctm: Matrix
    height: float
    mb_x0: float
    mb_top: float

    def point(self, x: float, y: float) -> Point:
        """PDF user space -> pdfminer's layout space (y up, rotation applied)."""
        a, b, c, d, e, f = self.ctm
        return a * x + c * y + e, b * x + d * y + f

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float,
                                                                         float]:
        """A user-space rectangle -> pdfplumber's (x0, top, x1, bottom)."""
        xs, ys = zip(*(self.point(x, y) for x in (x0, x1) for y in (y0, y1)), strict=True)
        return (min(xs) + self.mb_x0, self.height - max(ys) + self.mb_top,
                max(xs) + self.mb_x0, self.height - min(ys) + self.mb_top)


def page_space(page: Page) -> PageSpace:
    """The transform pdfminer applies to `page` (`PDFPageInterpreter.process_page`)."""
    x0, y0, x1, y1 = (float(v) for v in page.page_obj.mediabox)
    rotation = page.rotation
    ctm: Matrix
    if rotation == 90:
        ctm = (0, -1, 1, 0, -y0, x1)
    elif rotation == 180:
        ctm = (-1, 0, 0, -1, x1, y1)
    elif rotation == 270:
        ctm = (0, 1, -1, 0, y1, -x0)
    else:
        ctm = (1, 0, 0, 1, -x0, -y0)
    return PageSpace(ctm, float(page.height), float(page.mediabox[0]), float(page.mediabox[1]))


def compose(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def clip_box(obj: Any) -> tuple[float, float, float, float] | None:
    """The bounding box of the intersection of the object's clipping paths (user space);
    None when it is not clipped."""
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    box: tuple[float, float, float, float] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for p in range(max(raw.FPDFClipPath_CountPaths(clip), 0)):
        xs: list[float] = []
        ys: list[float] = []
        for s in range(max(raw.FPDFClipPath_CountPathSegments(clip, p), 0)):
            segment = raw.FPDFClipPath_GetPathSegment(clip, p, s)
            if segment and raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x),
                                                         ctypes.byref(y)):
                xs.append(float(x.value))
                ys.append(float(y.value))
        if not xs:
            continue
        this = (min(xs), min(ys), max(xs), max(ys))
        box = this if box is None else (max(box[0], this[0]), max(box[1], this[1]),
                                        min(box[2], this[2]), min(box[3], this[3]))
    return box


# -- paths ------------------------------------------------------------------------------


def page_objects(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every page object, form XObjects' contents included, with the matrix that maps its
    form's space to the page (identity for top-level objects)."""
    identity: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    count = raw.FPDFPage_CountObjects(page)
    for i in range(max(count, 0)):
        obj = raw.FPDFPage_GetObject(page, i)
        if obj:
            yield from _with_forms(obj, identity, 0)


def _with_forms(obj: Any, matrix: Matrix, depth: int) -> Iterator[tuple[Any, Matrix]]:
    if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_FORM:
        yield obj, matrix
        return
    if depth >= MAX_FORM_DEPTH:
        return
    inner = compose(object_matrix(obj), matrix)
    for i in range(max(raw.FPDFFormObj_CountObjects(obj), 0)):
        child = raw.FPDFFormObj_GetObject(obj, i)
        if child:
            yield from _with_forms(child, inner, depth + 1)


def object_matrix(obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (float(m.a), float(m.b), float(m.c), float(m.d), float(m.e), float(m.f))


def _path_segments(obj: Any, matrix: Matrix) -> list[tuple[str, Point]]:
    """The path as pdfminer's operators with their end points in user space: "m", "l",
    "c" (one per Bézier, its end point), "h" after a closed subpath."""
    full = compose(object_matrix(obj), matrix)
    a, b, c, d, e, f = full
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[str, Point]] = []
    bezier = 0
    for i in range(max(raw.FPDFPath_CountSegments(obj), 0)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        if not segment or not raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x),
                                                            ctypes.byref(y)):
            continue
        px, py = float(x.value), float(y.value)
        point = (a * px + c * py + e, b * px + d * py + f)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            out.append(("m", point))
            bezier = 0
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point: pdfminer keeps only the curve's end point
            out.append(("c", point))
        else:
            out.append(("l", point))
            bezier = 0
        if raw.FPDFPathSegment_GetClose(segment):
            out.append(("h", out[_subpath_start(out)][1]))
    return out


def _subpath_start(segments: list[tuple[str, Point]]) -> int:
    return max(i for i, (op, _) in enumerate(segments) if op == "m")


def _draw_mode(obj: Any) -> tuple[bool, bool]:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill_mode), ctypes.byref(stroke)):
        return False, False
    return fill_mode.value != 0, bool(stroke.value)


def _colour(getter: Any, obj: Any) -> tuple[float, ...]:
    r, g, b, alpha = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(alpha)):
        return ()
    return (r.value / 255, g.value / 255, b.value / 255)


def path_objects(obj: Any, matrix: Matrix, space: PageSpace, page_number: int
                  ) -> Iterator[dict[str, Any]]:
    """The path as pdfplumber's line / rect / curve dicts, classified as pdfminer does
    (`PDFLayoutAnalyzer.paint_path`), one per subpath."""
    fill, stroke = _draw_mode(obj)
    if not fill and not stroke:
        return
    width = ctypes.c_float()
    linewidth = (float(width.value) if raw.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
                 else 0.0)
    style = {
        "stroke": stroke,
        "fill": fill,
        "linewidth": linewidth,
        "stroking_color": _colour(raw.FPDFPageObj_GetStrokeColor, obj),
        "non_stroking_color": _colour(raw.FPDFPageObj_GetFillColor, obj),
        "page_number": page_number,
    }
    segments = [(op, space.point(*pt)) for op, pt in _path_segments(obj, matrix)]
    shape = "".join(op for op, _ in segments)
    for found in re.finditer(r"m[^m]+", shape):
        sub = segments[found.start():found.end()]
        item = _classify(sub, space)
        if item is not None:
            item.update(style)
            yield item


def _classify(sub: list[tuple[str, Point]], space: PageSpace) -> dict[str, Any] | None:
    shape = "".join(op for op, _ in sub)
    pts = [pt for _, pt in sub]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in {"mlh", "ml"}:
        return _object("line", pts[:2], space)
    if shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            return _object("rect", pts, space)
    return _object("curve", pts, space)


def _object(kind: str, pts: list[Point], space: PageSpace) -> dict[str, Any]:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = space.height - y1 + space.mb_top
    bottom = space.height - y0 + space.mb_top
    item: dict[str, Any] = {
        "object_type": kind,
        "x0": x0 + space.mb_x0, "x1": x1 + space.mb_x0, "y0": y0, "y1": y1,
        "top": top, "bottom": bottom, "doctop": top,
        "width": x1 - x0, "height": y1 - y0,
    }
    if kind == "curve":
        item["pts"] = [(x + space.mb_x0, space.height - y + space.mb_top) for x, y in pts]
    return item
