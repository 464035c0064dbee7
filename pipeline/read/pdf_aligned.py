"""Tables drawn without rulings, found from the alignment of their text (untagged PDFs).

A budget table set without borders leaves no lines for pdfplumber's `find_tables`, so its
cells used to come out as loose text lines ("1 จัดซื้อหนังสือ 12,500 12,500") that no
table reading takes: the money vanished. Here such a table is rebuilt from the geometry
alone, the way a reader sees it:

* each line is cut into segments at glyph-free gaps wider than `SEGMENT_GAP_EM` font sizes
  (spaces are drawn as space glyphs, so words set with spaces stay one segment);
* a run of consecutive lines, each cut into at least two segments, is a table when at
  least `MIN_AMOUNT_ROWS` of its lines hold an amount (a segment that is money alone) in
  at least `MIN_COLUMNS` segments, and its segments line up into at least `MIN_COLUMNS`
  columns (label | value lines of a project header, "งบประมาณ | 18,500 บาท", are two);
* columns are the x ranges that the segments of the rows from the first amount row on
  cover, with an empty gutter between them, plus a header word above no value (a column
  left empty in every row); a segment belongs to the column its centre falls in;
* lines above the first amount row are the header (one row per line, marked `header`);
  a line with one segment that lies within one column continues the row above (an item
  name that wraps); anything else ends the table.
* a table that opens a page right under a borderless table ending the previous one takes
  that table's grid when its columns fit it (so `pdf_join` joins the pieces as it joins
  ruled ones), with any lines above it that fit one column as its first row: the rest of
  the row the page break cut, which the join merges back.

Only the structure is read here (no header word is looked up), so a table with unknown
headers is still a table; what its columns mean is the extractor's business (money in a
table no reading takes is an `unclassified_table` finding). A line that sets two or more
amounts apart like cells but forms no table with the lines around it (a budget typed with
tabs or spaces, "ก้อนแรก   4,000   1,000") is a one-row table of its own
(`loose_amount_tables`): as text its amounts reached no dataset and only a reader warning
said so; as a table the extractors may read it, and if none does its money counts in
`documents.money_coverage` and is quoted in an `unclassified_table` finding.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from pipeline.model import Cell
from pipeline.normalize.numbers import MIN_AMOUNT_CELLS, is_figures_amount
from pipeline.read.pdf_paragraphs import Column, join_wrapped
from pipeline.read.pdf_tables import PageTable
from pipeline.read.pdf_text import Cluster, TextLine, line_text

# A glyph-free gap this wide (in font sizes) separates two cells of a line.
SEGMENT_GAP_EM: Final = 1.0
MIN_AMOUNT_ROWS: Final = 2
MIN_COLUMNS: Final = 3
# Lines further apart than this many line heights are not one table.
MAX_ROW_GAP_LINES: Final = 2.5
# A wrapped line of a cell starts at most this many font sizes below the line above.
WRAP_GAP_EM: Final = 0.5


@dataclass(frozen=True)
class Segment:
    """A run of a line's clusters with no wide gap inside: one cell's text on that line."""

    text: str
    x0: float
    x1: float
    clusters: tuple[Cluster, ...]

    def line(self) -> TextLine:
        return TextLine(text=self.text, clusters=self.clusters)

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def is_amount(self) -> bool:
        return is_figures_amount(self.text)


@dataclass(frozen=True)
class _Line:
    line: TextLine
    segments: tuple[Segment, ...]

    @property
    def has_amount(self) -> bool:
        return any(s.is_amount for s in self.segments)


def segments(line: TextLine) -> tuple[Segment, ...]:
    """The line cut at every glyph-free gap wider than SEGMENT_GAP_EM font sizes (a gap
    holding a space cluster's start is no cut). Linear in the line's clusters: the font
    size is taken once and the spaces' starts are looked up by bisection, since every
    line of every page is cut (twice: tables, then the loose-amount lines)."""
    visible = [c for c in line.clusters if not c.text.isspace()]
    if not visible or line.turned:
        return ()
    space_starts = sorted(c.x0 for c in line.clusters if c.text.isspace())
    min_gap = SEGMENT_GAP_EM * line.size
    parts: list[list[Cluster]] = [[visible[0]]]
    for before, cluster in itertools.pairwise(visible):
        gap = cluster.x0 - before.x1
        at = bisect.bisect_left(space_starts, before.x1)
        spaced = at < len(space_starts) and space_starts[at] < cluster.x0
        if gap >= min_gap and not spaced:
            parts.append([])
        parts[-1].append(cluster)
    texts = [line_text(p) for p in parts]
    return tuple(Segment(text, p[0].x0, p[-1].x1, tuple(p))
                 for text, p in zip(texts, parts, strict=True) if text)


def aligned_tables(lines: Sequence[TextLine], page_number: int,
                   continues: PageTable | None = None) -> tuple[list[PageTable], list[TextLine]]:
    """The borderless tables among a page's text lines (top to bottom), and the lines left.

    `continues` is the borderless table that ended the previous page: a table opening this
    page whose columns fit its grid takes that grid, so `pdf_join` sees the same column
    edges and joins the two (a continuation has other widths of text, hence other gutters).
    """
    cut = [_Line(line, segments(line)) for line in sorted(lines, key=lambda ln: ln.top)]
    tables: list[PageTable] = []
    rest: list[TextLine] = []
    i = 0
    lead = _orphans(cut, continues.xs) if continues is not None else 0
    while i < len(cut):
        grid = continues.xs if continues is not None and i == 0 else None
        end = _run_end(cut, lead if grid is not None else i)
        if end == lead and grid is not None:
            end = 0
        table = _table(cut[i:end], page_number, grid) if end > i else None
        if table is None:
            rest.append(cut[i].line)
            i += 1
            continue
        tables.append(table)
        i = end
    return tables, rest


def _run_end(cut: Sequence[_Line], start: int) -> int:
    """The end of the run of multi-segment lines (and wrapped single ones) from `start`."""
    if len(cut[start].segments) < 2:
        return start
    end = start + 1
    while end < len(cut):
        line, above = cut[end], cut[end - 1].line
        if line.line.top - above.bottom > MAX_ROW_GAP_LINES * above.size:
            break
        if len(line.segments) < 2 and not _continues(cut, start, end):
            break
        end += 1
    while end > start and len(cut[end - 1].segments) < 2 and not _tight(cut, end - 1):
        end -= 1  # a table does not end on a line set apart: it is the text below
    return end


def _orphans(cut: Sequence[_Line], grid: Sequence[float]) -> int:
    """How many one-segment lines open the page inside one column of the grid continued
    from the previous page: the rest of a row the page break cut ("ธุรการ" of an item)."""
    k = 0
    while k < len(cut) and len(cut[k].segments) == 1 and _fits(
            [(cut[k].segments[0].x0, cut[k].segments[0].x1)], grid):
        k += 1
    return k


def _tight(cut: Sequence[_Line], at: int) -> bool:
    """The line follows the one above as a wrapped line of the same cell does: with no
    more than WRAP_GAP_EM font sizes between them (rows and paragraphs are set further)."""
    above = cut[at - 1].line
    return cut[at].line.top - above.bottom <= WRAP_GAP_EM * above.size


def _continues(cut: Sequence[_Line], start: int, at: int) -> bool:
    """A one-segment line that wraps a cell: it lies within one column of the rows above
    (a heading or a paragraph after the table reaches across several)."""
    [segment] = cut[at].segments or (None,)
    if segment is None:
        return False
    spans = columns([c.segments for c in cut[start:at] if len(c.segments) >= 2])
    return sum(segment.x0 <= x1 and x0 <= segment.x1 for x0, x1 in spans) == 1


def columns(rows: Sequence[Sequence[Segment]]) -> list[tuple[float, float]]:
    """The x ranges the segments cover, overlapping ranges merged: one per column."""
    spans = sorted((s.x0, s.x1) for row in rows for s in row)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def _table(run: Sequence[_Line], page_number: int, grid: Sequence[float] | None = None
           ) -> PageTable | None:
    amount_rows = [k for k, c in enumerate(run)
                   if c.has_amount and len(c.segments) >= MIN_COLUMNS]
    if len(amount_rows) < MIN_AMOUNT_ROWS:
        return None
    first_amount = amount_rows[0]
    body = [c for c in run[first_amount:] if len(c.segments) >= 2]
    spans = _with_header_columns(columns([c.segments for c in body]), run[:first_amount])
    extents = spans  # where each column's text lies: what wrapped lines are judged by
    if grid is not None and _fits(spans, grid):
        spans = list(itertools.pairwise(grid))
        extents = [_extent(extents, span) for span in spans]
    else:
        grid = None
    if len(spans) < MIN_COLUMNS:
        return None
    rows: list[dict[int, list[TextLine]]] = []
    headers: list[bool] = []
    heights: list[tuple[float, float]] = []  # each row's top and bottom
    for k, c in enumerate(run):
        placed = _place(c.segments, spans)
        if len(c.segments) < 2 and rows:
            for col, texts in placed.items():
                rows[-1].setdefault(col, []).extend(texts)
            heights[-1] = (heights[-1][0], c.line.bottom)
            continue
        rows.append(placed)
        headers.append(k < first_amount and len(c.segments) >= 2)
        heights.append((c.line.top, c.line.bottom))
    return _page_table(run, rows, headers, heights, extents, page_number, grid)


def _extent(own: Sequence[tuple[float, float]], span: tuple[float, float]
            ) -> tuple[float, float]:
    """The x range of this page's text inside one column of a continued grid."""
    inside = [(x0, x1) for x0, x1 in own if span[0] <= (x0 + x1) / 2 <= span[1]]
    if not inside:
        return span
    return min(x0 for x0, _ in inside), max(x1 for _, x1 in inside)


def _fits(spans: Sequence[tuple[float, float]], grid: Sequence[float]) -> bool:
    """No column crosses an inner edge of the grid (the outer ones may be passed: a wider
    total on the last page)."""
    return not any(x0 < edge < x1 for x0, x1 in spans for edge in grid[1:-1])


def _with_header_columns(spans: list[tuple[float, float]], header: Sequence[_Line]
                         ) -> list[tuple[float, float]]:
    """The body's columns, plus one for each header segment above no body value (a
    category column no row of this table uses, "ค่าตอบแทน" over empty cells)."""
    alone = [(s.x0, s.x1) for line in header for s in line.segments
             if not any(s.x0 <= x1 and x0 <= s.x1 for x0, x1 in spans)]
    return sorted([*spans, *columns([[Segment("", x0, x1, ())] for x0, x1 in alone])])


def _place(line: Sequence[Segment], spans: Sequence[tuple[float, float]]
           ) -> dict[int, list[TextLine]]:
    """Each segment in the column its centre falls in, else the nearest column (a header
    wider than its column's values)."""
    placed: dict[int, list[TextLine]] = {}
    for segment in line:
        col = min(range(len(spans)), key=lambda c: _distance(segment.centre, spans[c]))
        placed.setdefault(col, []).append(segment.line())
    return placed


def _distance(x: float, span: tuple[float, float]) -> float:
    return 0.0 if span[0] <= x <= span[1] else min(abs(x - span[0]), abs(x - span[1]))


def _page_table(run: Sequence[_Line], rows: Sequence[dict[int, list[TextLine]]],
                headers: Sequence[bool], heights: Sequence[tuple[float, float]],
                spans: Sequence[tuple[float, float]], page_number: int,
                grid: Sequence[float] | None) -> PageTable:
    left = min(min(c.line.x0 for c in run), spans[0][0])
    right = max(max(c.line.x1 for c in run), spans[-1][1])
    xs = list(grid) if grid is not None else [
        left, *((a[1] + b[0]) / 2 for a, b in itertools.pairwise(spans)), right]
    top, bottom = run[0].line.top, run[-1].line.bottom
    cells = [Cell(row=r, col=c, header=headers[r],
                  bbox=(xs[c], heights[r][0], xs[c + 1], heights[r][1]),
                  lines=tuple(b.text for b in join_wrapped(row.get(c, []), Column(*spans[c]))))
             for r, row in enumerate(rows) for c in range(len(spans))]
    return PageTable(page=page_number, bbox=(left, top, right, bottom), xs=xs,
                     n_rows=len(rows), cells=cells, row_pages=[page_number] * len(rows))


def loose_amount_tables(lines: Sequence[TextLine], page_number: int
                        ) -> tuple[list[PageTable], list[TextLine]]:
    """Each line left outside every table that holds two or more amounts set apart like
    cells, as a one-row table (one column per segment), and the lines left. A label with
    one amount ("งบประมาณ   18,500 บาท") stays text: a project header's field."""
    tables: list[PageTable] = []
    rest: list[TextLine] = []
    for line in lines:
        cut = _Line(line, segments(line))
        if sum(s.is_amount for s in cut.segments) < MIN_AMOUNT_CELLS:
            rest.append(line)
            continue
        spans = [(s.x0, s.x1) for s in cut.segments]
        row = {col: [s.line()] for col, s in enumerate(cut.segments)}
        tables.append(_page_table([cut], [row], [False], [(line.top, line.bottom)], spans,
                                  page_number, None))
    return tables, rest
