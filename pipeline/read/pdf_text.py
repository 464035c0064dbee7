"""Characters of a PDF page as Thai-safe text: glyph clusters, visual lines, spacing.

Three things make plain pdfplumber text wrong for Thai plans, and this module fixes each:

* **ActualText is ignored by pdfminer.** LibreOffice (and Word) give a glyph only one
  ToUnicode entry; when HarfBuzz reuses a glyph for other text (sara am drawn as nikhahit +
  sara aa, a lowered sara u, a shifted tone mark) they wrap it in a marked-content span
  ``/Span <</ActualText (...)>> BDC ... EMC`` that says what the glyphs mean. pdfminer drops
  that, so "ลำดับ" comes out "ลำาดับ", "ผู้" as "ผ้้" and some glyphs as "(cid:3)".
  `install_layout` runs pdfminer with a device that tags every char inside such a span, and
  `clusters` replaces the span's glyphs by its ActualText.
* **Marks sort before their base.** Thai marks are zero-width glyphs drawn at the end of their
  base character, so their x0 equals the *next* character's x0 and sorting by x (as
  `extract_text` does) scrambles "ยุทธ" into "ยทุธ". A mark is kept with the character it
  follows in the content stream, whatever its position.
* **Spaces.** LibreOffice writes spaces as glyphs, but other producers only leave a gap; a
  gap wider than `SPACE_GAP_EM` of the font size is read as a space.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import decode_text
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.normalize.glyphs import is_thai_mark, repair_thai_glyphs

PdfObject = dict[str, Any]

# pdfplumber copies a char's `tag` attribute into its dict; chars inside an ActualText span
# get this prefix plus the span's number, so they can be found again after parsing.
ACTUAL_TEXT_TAG: Final = "ActualText#"
# Two chars whose baselines differ by less than this fraction of the font size share a line.
LINE_TOLERANCE_EM: Final = 0.3
# A horizontal gap wider than this fraction of the font size is a word space.
SPACE_GAP_EM: Final = 0.25
# Glyphs narrower than this (in points) are marks drawn over their base character.
ZERO_WIDTH: Final = 0.01


class _ActualTextAggregator(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's marked-content device, also remembering ActualText spans (nested ok)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actual_texts: dict[int, str] = {}
        self._open_spans: list[int | None] = []

    def begin_tag(self, tag: Any, props: Any = None) -> None:
        super().begin_tag(tag, props)
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

    def tag_cur_item(self) -> None:
        super().tag_cur_item()
        span = next((s for s in reversed(self._open_spans) if s is not None), None)
        if span is not None and self.cur_item._objs:
            self.cur_item._objs[-1].tag = f"{ACTUAL_TEXT_TAG}{span}"


def install_layout(page: Page) -> dict[int, str]:
    """Parse `page` with the ActualText-aware device; return the span texts by number.

    pdfplumber builds a page's layout lazily in `Page.layout` and caches it in `_layout`;
    setting that cache first makes every later `page.chars`/`page.edges` use our parse.
    """
    device = _ActualTextAggregator(
        page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams
    )
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as exc:
        raise PdfminerException(exc) from exc
    page._layout = device.get_result()
    return device.actual_texts


@dataclass(frozen=True)
class Cluster:
    """A base character with its marks (or one ActualText span): the unit of placement."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # Distance of the baseline below the page top: chars of one line share it even when
    # fonts differ (Thai and Latin runs have different ascents, hence different tops).
    baseline: float

    @property
    def x_mid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class TextLine:
    """One visual line: its clusters left to right and its repaired text."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def clusters(chars: Sequence[PdfObject], actual_texts: dict[int, str]) -> list[Cluster]:
    """Chars in content-stream order -> clusters, marks glued to the char they follow."""
    out: list[Cluster] = []
    n = len(chars)
    i = 0
    while i < n:
        char = chars[i]
        tag = char.get("tag")
        span = _span_number(tag)
        j = i + 1
        if span is not None and span in actual_texts:
            while j < n and chars[j].get("tag") == tag:
                j += 1
            text = actual_texts[span]
        else:
            text = str(char["text"])
        group = chars[i:j]
        i = j
        if not text:
            continue
        x0 = min(float(c["x0"]) for c in group)
        x1 = max(float(c["x1"]) for c in group)
        is_mark = is_thai_mark(text[0]) or unicodedata.combining(text[0]) > 0 or (
            x1 - x0 < ZERO_WIDTH and not text.isspace()
        )
        baseline = _baseline(char)
        if is_mark and out and abs(out[-1].baseline - baseline) <= _tolerance(out[-1].size):
            prev = out[-1]
            out[-1] = Cluster(prev.text + text, prev.x0, max(prev.x1, x1), prev.top,
                              prev.bottom, prev.size, prev.baseline)
            continue
        out.append(Cluster(
            text=text,
            x0=x0,
            x1=x1,
            top=min(float(c["top"]) for c in group),
            bottom=max(float(c["bottom"]) for c in group),
            size=float(char.get("size") or (char["bottom"] - char["top"]) or 1.0),
            baseline=baseline,
        ))
    return out


def _baseline(char: PdfObject) -> float:
    """The baseline as a distance from the page top (upright text), from the text matrix."""
    matrix = char.get("matrix")
    if matrix and char.get("upright", True):
        return float(char["bottom"]) - (float(matrix[5]) - float(char["y0"]))
    return float(char["bottom"])


def _tolerance(size: float) -> float:
    return max(size * LINE_TOLERANCE_EM, 1.0)


def _span_number(tag: object) -> int | None:
    if isinstance(tag, str) and tag.startswith(ACTUAL_TEXT_TAG):
        number = tag[len(ACTUAL_TEXT_TAG):]
        return int(number) if number.isdigit() else None
    return None


def group_lines(items: Iterable[Cluster]) -> list[list[Cluster]]:
    """Clusters grouped into visual lines, top to bottom, each line left to right."""
    ordered = sorted(items, key=lambda c: c.baseline)
    lines: list[list[Cluster]] = []
    line_base = 0.0
    for cluster in ordered:
        if lines and cluster.baseline - line_base <= _tolerance(cluster.size):
            lines[-1].append(cluster)
        else:
            lines.append([cluster])
            line_base = cluster.baseline
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def line_text(line: Sequence[Cluster]) -> str:
    """A line's text: clusters joined, a space where a gap (not a space glyph) separates them."""
    parts: list[str] = []
    previous: Cluster | None = None
    for cluster in line:
        if previous is not None and not cluster.text.isspace() and not previous.text.isspace():
            gap = cluster.x0 - previous.x1
            if gap > SPACE_GAP_EM * max(cluster.size, previous.size):
                parts.append(" ")
        parts.append(cluster.text)
        previous = cluster
    return repair_thai_glyphs("".join(parts)).strip()


def text_lines(items: Iterable[Cluster]) -> list[TextLine]:
    """Visual lines with text (blank lines dropped), top to bottom."""
    out: list[TextLine] = []
    for line in group_lines(items):
        text = line_text(line)
        if not text:
            continue
        out.append(TextLine(
            text=text,
            x0=min(c.x0 for c in line),
            x1=max(c.x1 for c in line),
            top=min(c.top for c in line),
            bottom=max(c.bottom for c in line),
        ))
    return out
