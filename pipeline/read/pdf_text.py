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

import itertools
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from pipeline.normalize.glyphs import is_thai_mark, repair_thai_glyphs
from pipeline.read.pdf_device import ACTUAL_TEXT_TAG

PdfObject = dict[str, Any]

# Two chars whose baselines differ by less than this fraction of the font size share a line.
LINE_TOLERANCE_EM: Final = 0.3
# A horizontal gap wider than this fraction of the font size is a word space.
SPACE_GAP_EM: Final = 0.25
# Lines with fewer cluster gaps than this are too short to tell their usual spacing.
MIN_GAPS_FOR_SPACING: Final = 4
# Glyphs narrower than this (in points) are marks drawn over their base character.
ZERO_WIDTH: Final = 0.01


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
    font: str = ""

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
                              prev.bottom, prev.size, prev.baseline, prev.font)
            continue
        out.append(Cluster(
            text=text,
            x0=x0,
            x1=x1,
            top=min(float(c["top"]) for c in group),
            bottom=max(float(c["bottom"]) for c in group),
            size=float(char.get("size") or (char["bottom"] - char["top"]) or 1.0),
            baseline=baseline,
            font=str(char.get("fontname", "")),
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
    """A line's text: clusters joined, a space where a gap (not a space glyph) separates them.

    Thai "distributed" justification spreads every cluster apart by the same amount, so a
    gap is a space only when it exceeds the line's usual gap by `SPACE_GAP_EM`.
    """
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(line)
            if not a.text.isspace() and not b.text.isspace()]
    usual = max(statistics.median(gaps), 0.0) if len(gaps) >= MIN_GAPS_FOR_SPACING else 0.0
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


def text_lines(items: Iterable[Cluster]) -> list[TextLine]:
    """Visual lines with text (blank lines dropped), top to bottom."""
    out: list[TextLine] = []
    for line in group_lines(items):
        text = line_text(line)
        if text:
            out.append(TextLine(text=text, clusters=tuple(line)))
    return out
