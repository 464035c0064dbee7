"""pdfminer, run for text that is actually shown and actually meant.

Two PDF features that pdfminer ignores change what a page says:

* **ActualText.** LibreOffice (and Word) give a glyph only one ToUnicode entry; when HarfBuzz
  reuses a glyph for other text (sara am drawn as nikhahit + sara aa, a lowered sara u, a
  shifted tone mark) they wrap it in ``/Span <</ActualText (...)>> BDC ... EMC`` saying what
  the glyphs mean. Without it "ลำดับ" reads "ลำาดับ", "ผู้" reads "ผ้้" and some glyphs
  "(cid:3)". Every char inside such a span is tagged with the span's number so
  `pdf_text.clusters` can replace the span's glyphs by its text.
* **Clipping.** A repeated table header is drawn at its first-page height and clipped to
  the row's height on the next pages, and a turned month name in a low header row is
  clipped at the row's edge; the clipped-away glyphs are still in the content stream and
  would land in the row below. Each glyph keeps the clipping rectangle it was drawn in,
  so `pdf_tables` places it in the cell it belongs to (the author's text, which the DOCX
  has in full) and drops clipped-away text outside tables.

* **Marked content.** In a tagged PDF (Word's "Save as PDF" default, LibreOffice's
  "UseTaggedPDF") every piece of content sits in a ``BDC``/``EMC`` section: either one with
  an ``/MCID`` linking it to an element of the structure tree (`pdf_structure`), or an
  ``/Artifact`` (page headers and footers, rulings, repeated table headers). Sections nest
  (an ActualText span inside an MCID section), so each glyph gets the MCID of its nearest
  enclosing section and whether any enclosing section is an artifact; pdfplumber's own
  tracking forgets the MCID after a nested section ends.

`parse_page` parses a pdfplumber page this way, once. Chars become light `Glyph` records
straight from pdfminer's objects (pdfplumber's per-object dicts cost more than the parse
itself on text-heavy pages); only the few graphic objects (rulings, fills, images) go
through pdfplumber, which then finds tables on them as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final, NamedTuple

from pdfminer.layout import LTChar, LTContainer, LTItem
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import apply_matrix_pt, decode_text
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import LimitExceededError
from pipeline.limits import DEFAULT_LIMITS

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF device space (y up)

# The attribute set on chars inside an ActualText span: the span's number.
SPAN_ATTRIBUTE: Final = "actual_text_span"
# The attribute set on chars drawn under a clipping path: its bounding box.
CLIP_ATTRIBUTE: Final = "clip_rect"
# The attribute set on chars inside marked content: (MCID or None, inside an artifact).
MARK_ATTRIBUTE: Final = "marked_content"
ARTIFACT_TAG: Final = "Artifact"


class _ShownTextAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's marked-content device, plus ActualText spans and clipping."""

    def __init__(self, *args: Any, max_glyphs: int = DEFAULT_LIMITS.page_glyphs,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_glyphs = max_glyphs
        self.n_glyphs = 0
        self.actual_texts: dict[int, str] = {}
        self.clip: Rect | None = None
        self._open_spans: list[int | None] = []
        # enclosing marked-content sections, innermost last: (MCID or None, is artifact)
        self._marks: list[tuple[int | None, bool]] = []
        self._mark: tuple[int | None, bool] = (None, False)

    def begin_tag(self, tag: Any, props: Any = None) -> None:
        super().begin_tag(tag, props)
        mcid = props.get("MCID") if isinstance(props, dict) else None
        outer_mcid, outer_artifact = self._mark
        self._marks.append(self._mark)
        self._mark = (
            mcid if isinstance(mcid, int) else outer_mcid,
            outer_artifact or getattr(tag, "name", None) == ARTIFACT_TAG,
        )
        actual = props.get("ActualText") if isinstance(props, dict) else None
        if isinstance(actual, bytes | str):
            span = len(self.actual_texts) + 1
            self.actual_texts[span] = decode_text(actual) if isinstance(actual, bytes) else actual
            self._open_spans.append(span)
        else:
            self._open_spans.append(None)

    def end_tag(self) -> None:
        super().end_tag()
        if self._open_spans:
            self._open_spans.pop()
        self._mark = self._marks.pop() if self._marks else (None, False)

    def tag_cur_item(self) -> None:
        super().tag_cur_item()
        if not self.cur_item._objs:
            return
        item = self.cur_item._objs[-1]
        span = next((s for s in reversed(self._open_spans) if s is not None), None)
        if span is not None:
            setattr(item, SPAN_ATTRIBUTE, span)
        if self._mark != (None, False):
            setattr(item, MARK_ATTRIBUTE, self._mark)

    def render_char(self, *args: Any, **kwargs: Any) -> float:
        # counted before pdfminer builds the glyph: a page of millions stops at the limit
        self.n_glyphs += 1
        if self.n_glyphs > self.max_glyphs:
            raise LimitExceededError("page_glyphs",
                                     f"a page drawing more than {self.max_glyphs:,} glyphs",
                                     f"{self.max_glyphs:,}")
        advance = float(super().render_char(*args, **kwargs))
        if self.clip is not None and self.cur_item._objs:
            setattr(self.cur_item._objs[-1], CLIP_ATTRIBUTE, self.clip)
        return advance


class _ClippingInterpreter(PDFPageInterpreter):
    """Keeps the bounding box of the clipping path in the graphics state (q/Q)."""

    inherited_clip: Rect | None = None

    def dup(self) -> PDFPageInterpreter:
        child = _ClippingInterpreter(self.rsrcmgr, self.device)
        child.inherited_clip = self._clip
        return child

    def init_state(self, ctm: Any) -> None:
        super().init_state(ctm)
        self._set_clip(self.inherited_clip)

    def get_current_state(self) -> Any:
        return (*super().get_current_state(), self._clip)

    def set_current_state(self, state: Any) -> None:
        super().set_current_state(state[:3])
        self._set_clip(state[3] if len(state) > 3 else None)

    def do_W(self) -> None:
        self._clip_to_path()

    def do_W_a(self) -> None:
        self._clip_to_path()

    def _set_clip(self, clip: Rect | None) -> None:
        self._clip = clip
        if isinstance(self.device, _ShownTextAggregator):
            self.device.clip = clip

    def _clip_to_path(self) -> None:
        points = [
            apply_matrix_pt(self.ctm, (float(seg[i]), float(seg[i + 1])))
            for seg in self.curpath
            for i in range(1, len(seg) - 1, 2)
        ]
        if not points:
            return
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        box = (min(xs), min(ys), max(xs), max(ys))
        if self._clip is not None:
            c = self._clip
            box = (max(box[0], c[0]), max(box[1], c[1]), min(box[2], c[2]), min(box[3], c[3]))
        self._set_clip(box)


_UNMARKED: Final = (None, False)


class Glyph(NamedTuple):
    """One drawn character, in pdfplumber's page coordinates (top-left origin)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    font: str
    # 0 for upright text, 1 for text running up the page (a Gantt header turned 90° to the
    # left, Word's "btLr"), -1 for text running down; `baseline` is then its x
    direction: int
    span: int | None  # the ActualText span it belongs to
    clip: tuple[float, float, float, float] | None  # clipping box, page coordinates
    mcid: int | None = None  # marked-content id: its element in the structure tree
    artifact: bool = False  # drawn as an artifact (page furniture) in a tagged PDF


class ParsedPage(NamedTuple):
    glyphs: list[Glyph]
    actual_texts: dict[int, str]
    has_images: bool


def parse_page(page: Page, *, max_glyphs: int = DEFAULT_LIMITS.page_glyphs) -> ParsedPage:
    """Parse `page` once with the ActualText- and clip-aware device.

    pdfplumber builds a page's layout lazily in `Page.layout` and its object dicts in
    `Page.objects`; filling both caches here (chars left out) makes `page.rects`,
    `page.edges` and `page.find_tables` work on this parse.
    """
    device = _ShownTextAggregator(
        page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams,
        max_glyphs=max_glyphs,
    )
    interpreter = _ClippingInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except (LimitExceededError, MemoryError):  # the document's limits, not page damage
        raise
    except Exception as exc:
        raise PdfminerException(exc) from exc
    layout = device.get_result()
    page._layout = layout
    height = float(page.height)
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    glyphs: list[Glyph] = []
    objects: dict[str, list[dict[str, Any]]] = {}
    boxes: dict[Rect | None, tuple[float, float, float, float] | None] = {None: None}
    for item in _leaves(layout._objs):
        if isinstance(item, LTChar):
            a, b, _, _, e, f = item.matrix
            mcid, artifact = getattr(item, MARK_ATTRIBUTE, _UNMARKED)
            direction = 0 if item.upright else (1 if b > 0 else -1)
            glyphs.append(Glyph(
                text=item.get_text(),
                x0=item.x0 + mb_x0,
                x1=item.x1 + mb_x0,
                top=height - item.y1 + mb_top,
                bottom=height - item.y0 + mb_top,
                baseline=height - f + mb_top if direction == 0 else e + mb_x0,
                size=float(item.size),
                font=str(item.fontname),
                direction=direction if abs(a) < 1e-6 or direction == 0 else 0,
                span=getattr(item, SPAN_ATTRIBUTE, None),
                clip=_clip_box(getattr(item, CLIP_ATTRIBUTE, None), boxes, height, mb_x0,
                               mb_top),
                mcid=mcid,
                artifact=artifact,
            ))
        else:
            obj = page.process_object(item)
            objects.setdefault(str(obj["object_type"]), []).append(obj)
    page._objects = objects
    return ParsedPage(glyphs, device.actual_texts, bool(objects.get("image")))


def _clip_box(
    rect: Rect | None,
    boxes: dict[Rect | None, tuple[float, float, float, float] | None],
    height: float,
    mb_x0: float,
    mb_top: float,
) -> tuple[float, float, float, float] | None:
    """A device-space clipping rectangle in pdfplumber's coordinates (x0, top, x1, bottom),
    one shared tuple per rectangle (a page has a handful, and thousands of glyphs)."""
    if rect is not None and rect not in boxes:
        x0, y0, x1, y1 = rect
        boxes[rect] = (x0 + mb_x0, height - y1 + mb_top, x1 + mb_x0, height - y0 + mb_top)
    return boxes[rect]


def _leaves(items: list[Any]) -> Iterator[LTItem]:
    for item in items:
        if isinstance(item, LTContainer):
            yield from _leaves(item._objs)
        else:
            yield item
