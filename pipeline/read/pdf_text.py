"""Characters of a PDF page as Thai-safe text: glyph clusters, visual lines, spacing.

* **Marks sort before their base.** Thai marks are zero-width glyphs drawn at the end of their
  base character, so their x0 equals the *next* character's x0 and sorting by x (as
  `extract_text` does) scrambles "ยุทธ" into "ยทุธ". A mark is kept with the character it
  follows in the content stream, whatever its position; an ActualText span (see
  `pdf_device`) counts as one unit carrying the span's text.
* **Lines by baseline.** Thai and Latin runs of one line have different ascents, so their
  tops differ; lines are grouped by baseline.
* **Spaces.** LibreOffice writes spaces as glyphs, but other producers only leave a gap; a
  gap wider than `SPACE_GAP_EM` of the font size is read as a space.
"""

from __future__ import annotations

import functools
import itertools
import operator
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from pipeline.normalize.glyphs import is_thai_mark, repair_thai_glyphs
from pipeline.read.pdf_device import Glyph

# Two chars whose baselines differ by less than this fraction of the font size share a line.
LINE_TOLERANCE_EM: Final = 0.3
# A horizontal gap wider than this fraction of the font size is a word space.
SPACE_GAP_EM: Final = 0.25
# Lines with fewer cluster gaps than this are too short to tell their usual spacing.
MIN_GAPS_FOR_SPACING: Final = 4
# A glyph this far (points) outside its clipping box still counts as shown.
CLIP_TOLERANCE: Final = 1.0
# Glyphs narrower than this (in points) are marks drawn over their base character.
ZERO_WIDTH: Final = 0.01
# A NamedTuple made from all its fields at once, as its own `__new__` makes it without the
# Python call around it (once per glyph).
_new_tuple: Final[Any] = tuple.__new__
# Sort keys of clusters (C getters: sorting calls them once per cluster)
_LEFT: Final = operator.attrgetter("x0")
_BASELINE: Final = operator.attrgetter("baseline")


class Cluster(NamedTuple):
    """A base character with its marks (or one ActualText span): the unit of placement.

    `baseline` is the distance of the baseline below the page top: glyphs of one line
    share it even when fonts differ (Thai and Latin runs have different ascents, hence
    different tops).
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    baseline: float
    font: str = ""
    direction: int = 0  # see `pdf_device.Glyph`
    clip: tuple[float, float, float, float] | None = None  # of its base glyph
    mcid: int | None = None  # see `pdf_device.Glyph`
    artifact: bool = False

    @property
    def placement(self) -> tuple[float, float] | None:
        """Where the cluster belongs: its centre, moved into its clipping box when it was
        clipped away (the cell it was drawn for); None when clipped off entirely."""
        x, y = (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2  # x_mid, y_mid
        if self.clip is None:
            return x, y
        x0, top, x1, bottom = self.clip
        if x0 - CLIP_TOLERANCE <= x <= x1 + CLIP_TOLERANCE and (
            top - CLIP_TOLERANCE <= y <= bottom + CLIP_TOLERANCE
        ):
            return x, y
        if x1 <= x0 or bottom <= top:
            return None
        return min(max(x, x0), x1), min(max(y, top), bottom)

    @property
    def clipped(self) -> bool:
        return self.placement != (self.x_mid, self.y_mid)

    @property
    def advance(self) -> tuple[float, float]:
        """Extent along the writing direction: x for upright text, y for turned text."""
        return (self.x0, self.x1) if self.direction == 0 else (self.top, self.bottom)

    @property
    def x_mid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_mid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class TextLine:
    """One visual line: its clusters left to right and its repaired text (stripped).

    `trailing_space` tells a line wrapped at a space (LibreOffice keeps the space glyph at
    the end of the line) from one wrapped inside a run of Thai, which has none.
    """

    text: str
    clusters: tuple[Cluster, ...]

    @property
    def x0(self) -> float:
        return self.clusters[0].x0

    @property
    def x1(self) -> float:
        """Right end of the last visible (non-space) cluster."""
        return next((c.x1 for c in reversed(self.clusters) if not c.text.isspace()),
                    self.clusters[-1].x1)

    @property
    def end(self) -> float:
        """Right end of the last cluster, trailing spaces included (they used the room)."""
        return self.clusters[-1].x1

    @property
    def top(self) -> float:
        return min(c.top for c in self.clusters)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.clusters)

    @property
    def baseline(self) -> float:
        return self.clusters[0].baseline

    @property
    def size(self) -> float:
        return max(c.size for c in self.clusters)

    @property
    def trailing_space(self) -> bool:
        return self.clusters[-1].text.isspace()

    @property
    def leading_space(self) -> bool:
        return self.clusters[0].text.isspace()

    @property
    def turned(self) -> bool:
        return self.clusters[0].direction != 0


def clusters(glyphs: Sequence[Glyph], actual_texts: dict[int, str]) -> list[Cluster]:
    """Glyphs in content-stream order -> clusters, marks glued to the glyph they follow."""
    out: list[Cluster] = []
    n = len(glyphs)
    i = 0
    while i < n:
        glyph = glyphs[i]
        j = i + 1
        if glyph.span is not None and glyph.span in actual_texts:
            while j < n and glyphs[j].span == glyph.span:
                j += 1
            text = actual_texts[glyph.span]
            x0 = min(g.x0 for g in glyphs[i:j])
            x1 = max(g.x1 for g in glyphs[i:j])
        else:
            text, x0, x1 = glyph.text, glyph.x0, glyph.x1
        i = j
        if not text:
            continue
        extent = x1 - x0 if glyph.direction == 0 else glyph.bottom - glyph.top
        is_mark = _is_mark(text[0]) or (extent < ZERO_WIDTH and not text.isspace())
        if is_mark and out and out[-1].direction == glyph.direction and abs(
            out[-1].baseline - glyph.baseline
        ) <= _tolerance(out[-1].size):
            prev = out[-1]  # `_replace` by hand: it runs for every Thai mark
            out[-1] = Cluster(prev.text + text, prev.x0, max(prev.x1, x1),
                              min(prev.top, glyph.top), max(prev.bottom, glyph.bottom),
                              prev.size, prev.baseline, prev.font, prev.direction, prev.clip,
                              prev.mcid, prev.artifact)
            continue
        out.append(_new_tuple(Cluster, (text, x0, x1, glyph.top, glyph.bottom,
                                        glyph.size or 1.0, glyph.baseline, glyph.font,
                                        glyph.direction, glyph.clip, glyph.mcid,
                                        glyph.artifact)))
    return out


@functools.cache
def _is_mark(char: str) -> bool:
    """A Thai mark or a combining character (a page's few dozen distinct characters, asked
    once per glyph)."""
    return is_thai_mark(char) or unicodedata.combining(char) > 0


def _tolerance(size: float) -> float:
    return max(size * LINE_TOLERANCE_EM, 1.0)


def group_lines(items: Iterable[Cluster]) -> list[list[Cluster]]:
    """Clusters grouped into visual lines, top to bottom, each line left to right.

    Turned text (all clusters of one direction) is grouped the same way on its own axis:
    lines left to right, each read up (or down) the page.
    """
    items = list(items)
    if items and items[0].direction != 0:
        direction = items[0].direction
        lines = _group_by_baseline(items)
        for line in lines:
            line.sort(key=lambda c: -c.bottom if direction > 0 else c.top)
        return lines if direction > 0 else lines[::-1]
    lines = _group_by_baseline(items)
    for line in lines:
        line.sort(key=_LEFT)
    return lines


def _group_by_baseline(items: Iterable[Cluster]) -> list[list[Cluster]]:
    ordered = sorted(items, key=_BASELINE)
    lines: list[list[Cluster]] = []
    line_base = 0.0
    for cluster in ordered:
        if lines and cluster.baseline - line_base <= _tolerance(cluster.size):
            lines[-1].append(cluster)
        else:
            lines.append([cluster])
            line_base = cluster.baseline
    return lines


def line_text(line: Sequence[Cluster]) -> str:
    """A line's text: clusters joined, a space where a gap (not a space glyph) separates them.

    Thai "distributed" justification spreads every cluster apart by the same amount, so a
    gap is a space only when it exceeds the line's usual gap by `SPACE_GAP_EM`. The usual
    gap is the lower quartile, not the median: in a spread line every gap is at least the
    spread, while a line of short words (an OCR'd "40 คน x 80 บาท", whose pieces touch)
    has word gaps in most places, which the median would take for the spread.
    """
    if line and line[0].direction != 0:
        return repair_thai_glyphs("".join(c.text for c in line)).strip()
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(line)
            if not a.text.isspace() and not b.text.isspace()]
    usual = max(_lower_quartile(gaps), 0.0) if len(gaps) >= MIN_GAPS_FOR_SPACING else 0.0
    parts: list[str] = []
    previous: Cluster | None = None
    for cluster in line:
        if previous is not None and not cluster.text.isspace() and not previous.text.isspace():
            gap = cluster.x0 - previous.x1 - usual
            if gap > SPACE_GAP_EM * max(cluster.size, previous.size):
                parts.append(" ")
        parts.append(cluster.text)
        previous = cluster
    return repair_thai_glyphs("".join(parts)).strip()


def _lower_quartile(values: Sequence[float]) -> float:
    return sorted(values)[len(values) // 4]


def text_lines(items: Iterable[Cluster]) -> list[TextLine]:
    """Visual lines with text (blank lines dropped): upright ones top to bottom, then any
    turned ones (a cell or page holds one or the other in practice)."""
    out: list[TextLine] = []
    by_direction: dict[int, list[Cluster]] = {}
    for cluster in items:
        by_direction.setdefault(cluster.direction, []).append(cluster)
    for direction in sorted(by_direction, key=abs):
        for line in group_lines(by_direction[direction]):
            text = line_text(line)
            if text:
                out.append(TextLine(text=text, clusters=tuple(line)))
    return out
