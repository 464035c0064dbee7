"""A tagged PDF read by its structure tree: the author's own paragraphs and tables.

Where the layout reading (`pdf_paragraphs`, `pdf_columns`, `pdf_join`) has to guess from
the geometry which visual lines make a paragraph, whether two lines of a cell are one
paragraph or two, and which rows of a table go on after a page break, a tagged PDF says it
(`pdf_structure`). Its content is read here element by element, in the tree's order (the
reading order):

* a paragraph (``P``, ``H1``.., a list item's label and body) is the text of its content
  items, laid out as visual lines (marks glued to their base, clusters left to right,
  `pdf_text`). Its lines are joined without a space where the line breaker broke a run of
  Thai, with one where it broke at a space (LibreOffice and Word draw that space in a tagged
  PDF), and with a line break where the line ended with room for the next word (a break
  the author typed, `pdf_paragraphs.typed_break`); a paragraph running over a page break
  is one paragraph, and so is a number wrapped in a narrow cell ("90" / "0");
* a table is its rows (``TR``, also inside ``THead``/``TBody``/``TFoot``) of cells (``TD``,
  ``TH``), each cell one line per paragraph, empty paragraphs kept as "" (as the DOCX
  reader keeps them), nested tables as the cell's tables, placed on the grid by their
  ``RowSpan``/``ColSpan`` or, where the producer wrote none, by the ruled cells their text
  is drawn in, and shaded as those ruled cells are (`pdf_tagged_grid`). One table element
  running over several pages is one table, with no repeated header rows (those are
  artifacts) and no row cut in two;
* artifacts (what the producer marks as not being content) are left out of the flow; those
  at the top or bottom edge are the page's furniture (`pdf_layout.artifact_furniture`).

Text the tree does not reach is read as a paragraph of its page, after the page's
last block, so nothing is lost; a PDF whose tree reaches too little of its text, or leaves
the text of its ruled tables outside table elements, is read by its layout instead
(`trust_structure`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from pipeline.model import Block, Paragraph, Table
from pipeline.read.pdf_aligned import aligned_tables, loose_amount_tables, segments
from pipeline.read.pdf_layout import PageContent, artifact_furniture
from pipeline.read.pdf_paragraphs import Column, separator, typed_break
from pipeline.read.pdf_structure import ContentKey, Element
from pipeline.read.pdf_tables import MAX_CELL_PADDING, Bbox
from pipeline.read.pdf_tagged_grid import Anchor, RuledCell, TaggedCell, place_cells
from pipeline.read.pdf_text import Cluster, TextLine, text_lines

# Read by its tree when the tree reaches at least this share of the text (glyphs), and puts
# at least this share of the text drawn in ruled tables into table elements.
MIN_TAGGED_SHARE: Final = 0.9
MIN_TABLE_SHARE: Final = 0.9
# Paragraph-level elements (PDF 1.7 block-level structure elements; Title from PDF 2.0).
PARAGRAPH_KINDS: Final = frozenset(
    {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Caption", "TOCI", "Title"})
TABLE_KINDS: Final = frozenset({"Table", "TR", "TH", "TD", "THead", "TBody", "TFoot"})
ROW_GROUP_KINDS: Final = frozenset({"THead", "TBody", "TFoot"})
CELL_KINDS: Final = frozenset({"TD", "TH"})
LIST_KINDS: Final = frozenset({"L", "LI"})
# Grouping elements: their content is never part of a paragraph around them.
GROUPING_KINDS: Final = frozenset({
    "Document", "DocumentFragment", "Part", "Art", "Sect", "Div", "Aside", "BlockQuote",
    "TOC", "Index", "Figure", "Form", "Formula", "LBody",
})
BLOCK_KINDS: Final = PARAGRAPH_KINDS | TABLE_KINDS | LIST_KINDS | GROUPING_KINDS


@dataclass(frozen=True)
class _Run:
    """The content of one paragraph: a paragraph element, or inline items side by side."""

    items: tuple[Element | ContentKey, ...]
    page: int | None
    # an explicit paragraph element: an empty one is an empty paragraph, not nothing
    explicit: bool = False

    def content_keys(self) -> list[ContentKey]:
        keys: list[ContentKey] = []
        for item in self.items:
            if isinstance(item, Element):
                keys.extend(item.content())
            else:
                keys.append(item)
        return sorted(set(keys))


def trust_structure(tree: Element, pages: Sequence[PageContent]) -> bool:
    """Whether to read the document by its tree: it reaches at least `MIN_TAGGED_SHARE` of
    the pages' visible, non-artifact glyphs, and puts at least `MIN_TABLE_SHARE` of those
    drawn inside ruled tables in a table element. A tree that reaches the text but does not
    say which of it is a table (a flat list of spans, say) would lose the tables that the
    layout reading finds."""
    text, tables = tagged_shares(tree, pages)
    return text >= MIN_TAGGED_SHARE and tables >= MIN_TABLE_SHARE


def tagged_shares(tree: Element, pages: Sequence[PageContent]) -> tuple[float, float]:
    """The share of the text the tree reaches, and of the text in ruled tables that it puts
    in table elements (1.0 when no text is in ruled tables)."""
    keys = set(tree.content())
    in_tables = {key for e in tree.walk() if e.kind == "Table" for key in e.content()}
    total = covered = ruled = tabled = 0
    for page in pages:
        boxes = [t.bbox for t in page.tables]
        for cluster in page.clusters:
            if cluster.artifact or cluster.text.isspace():
                continue
            key = (page.number, cluster.mcid)
            total += 1
            covered += cluster.mcid is not None and key in keys
            if any(_inside(cluster.placement, box) for box in boxes):
                ruled += 1
                tabled += cluster.mcid is not None and key in in_tables
    return (covered / total if total else 0.0), (tabled / ruled if ruled else 1.0)


def tagged_blocks(tree: Element, pages: Sequence[PageContent],
                  columns: dict[int, Column]) -> list[Block]:
    """The document's blocks in the tree's order; sets each page's furniture. `columns`
    gives each page's running-text column (by page number)."""
    for page in pages:
        artifact_furniture(page, _artifact_lines(page))
    return _Reader(tree, pages, columns).blocks()


def _artifact_lines(page: PageContent) -> list[TextLine]:
    """Artifact text outside ruled tables (inside them: a repeated header row)."""
    boxes = [t.bbox for t in page.tables]
    shown = [c for c in page.clusters if c.artifact and c.placement is not None]
    return text_lines(c for c in shown if not any(_inside(c.placement, b) for b in boxes))


def _inside(point: tuple[float, float] | None, box: Bbox) -> bool:
    return point is not None and box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


class _Reader:
    def __init__(self, tree: Element, pages: Sequence[PageContent],
                 columns: dict[int, Column]) -> None:
        self.tree = tree
        self.columns = columns
        self.clusters: dict[ContentKey, list[Cluster]] = defaultdict(list)
        self.boxes: dict[int, list[tuple[Bbox, str | None]]] = {}
        keys = set(tree.content())
        self.untagged: dict[int, list[Cluster]] = {}
        for page in pages:
            self.boxes[page.number] = [box for t in page.tables for box in t.boxes]
            for cluster in page.clusters:
                if cluster.artifact:
                    continue
                key = (page.number, cluster.mcid) if cluster.mcid is not None else None
                if key is not None and key in keys:
                    self.clusters[key].append(cluster)
                else:
                    self.untagged.setdefault(page.number, []).append(cluster)
        self._blocky: dict[int, bool] = {}

    def blocks(self) -> list[Block]:
        blocks: list[Block] = []
        lone: dict[int, TextLine] = {}  # the visual line of each one-line paragraph
        page: int | None = None
        for unit in self._units(self.tree):
            if isinstance(unit, Element):
                table = self._table(unit)
                blocks.append(table)
                page = table.page or page
                continue
            text, first_page, lines = self._text(unit)
            if text is not None:
                page = first_page or unit.page or page
                if len(lines) == 1:
                    lone[len(blocks)] = lines[0]
                blocks.append(Paragraph(text=text, page=page))
        return _with_untagged(_aligned_runs(blocks, lone), self.untagged)

    # -- units: paragraphs and tables ---------------------------------------------------

    def _has_blocks(self, element: Element) -> bool:
        known = self._blocky.get(id(element))
        if known is None:
            known = element.kind in BLOCK_KINDS or any(
                self._has_blocks(child) for child in element.elements())
            self._blocky[id(element)] = known
        return known

    def _is_paragraph(self, element: Element) -> bool:
        if element.kind in PARAGRAPH_KINDS:
            return not any(self._has_blocks(child) for child in element.elements())
        if element.kind == "LI":  # label and body, unless the body holds more than a paragraph
            inner = [e for e in element.walk() if e is not element and e.kind in BLOCK_KINDS]
            paragraphs = [e for e in inner if e.kind in PARAGRAPH_KINDS]
            return len(paragraphs) <= 1 and all(
                e.kind in PARAGRAPH_KINDS or e.kind == "LBody" for e in inner)
        return False

    def _units(self, element: Element) -> Iterator[_Run | Element]:
        """Paragraph runs and tables below `element`, in reading order."""
        run: list[Element | ContentKey] = []
        for child in element.children:
            if isinstance(child, tuple) or not self._has_blocks(child):
                run.append(child)
                continue
            if run:
                yield _Run(tuple(run), element.page)
                run = []
            if child.kind == "Table" and any(
                    e.kind in CELL_KINDS for row in _rows(child) for e in row.elements()):
                yield child
            elif self._is_paragraph(child):
                yield _Run((child,), child.page, explicit=True)
            else:
                yield from self._units(child)
        if run:
            yield _Run(tuple(run), element.page)

    # -- paragraph text -----------------------------------------------------------------

    def _text(self, run: _Run) -> tuple[str | None, int | None, list[TextLine]]:
        """The run's text, first page and visual lines; None for a run without text that
        is not an explicit (empty) paragraph."""
        by_page: dict[int, list[Cluster]] = {}
        for key in run.content_keys():
            found = self.clusters.get(key)
            if found:
                by_page.setdefault(key[0], []).extend(found)
        pieces = [text_lines(by_page[page]) for page in sorted(by_page)]
        if len(pieces) > 1 and all(_same_text(piece, pieces[0]) for piece in pieces[1:]):
            pieces = pieces[:1]  # a header row drawn again on each page, not an artifact
        lines = [line for piece in pieces for line in piece]
        if not lines:
            return ("" if run.explicit else None), None, []
        column, in_cell = self._column(lines, min(by_page))
        return join_lines(pieces, column, in_cell=in_cell), min(by_page), lines

    def _column(self, lines: Sequence[TextLine], page: int) -> tuple[Column, bool]:
        """What the lines were set in: their ruled cell's inside (and True), else the page's
        running-text column. A cell's padding is taken as the lines' least distance from its
        left edge, on both sides: never more room on the right than the cell had."""
        left = min(line.x0 for line in lines)
        right = max(line.end for line in lines)
        place = lines[0].clusters[0].placement
        found = self._box_at(page, *place) if place is not None else None
        if found is not None:
            box = found[0]
            padding = min(max(left - box[0], 0.0), MAX_CELL_PADDING)
            return Column(box[0] + padding, max(box[2] - padding, right)), True
        column = self.columns.get(page)
        if column is None:
            return Column(left, right), False
        return Column(min(column.left, left), max(column.right, right)), False

    # -- tables -------------------------------------------------------------------------

    def _table(self, element: Element) -> Table:
        rows = _rows(element)
        cells: list[TaggedCell] = []
        for r, row in enumerate(rows):
            for cell in (e for e in row.elements() if e.kind in CELL_KINDS):
                lines, tables = self._cell_content(cell)
                keys = tuple(sorted(cell.content()))
                anchor = self._anchor(keys)
                cells.append(TaggedCell(
                    row=r, row_span=cell.span("RowSpan"), col_span=cell.span("ColSpan"),
                    has_spans=bool(cell.attributes), lines=lines, tables=tables, keys=keys,
                    anchor=anchor, ruled=self._box_at(*anchor) if anchor is not None else None,
                ))
        placed, n_cols = place_cells(cells, len(rows), self._box_at)
        return Table(cells=placed, n_rows=len(rows), n_cols=n_cols,
                     row_pages=_row_pages(rows, cells))

    def _cell_content(self, cell: Element) -> tuple[tuple[str, ...], tuple[Table, ...]]:
        lines: list[str] = []
        tables: list[Table] = []
        for unit in self._units(cell):
            if isinstance(unit, Element):
                tables.append(self._table(unit))
                continue
            text, _, _ = self._text(unit)
            if text is not None:
                lines.extend(text.split("\n"))
        return tuple(lines), tuple(tables)

    def _anchor(self, keys: Sequence[ContentKey]) -> Anchor | None:
        """Where the first visible glyph of `keys` is drawn (in its clipping box)."""
        for key in keys:
            for cluster in self.clusters.get(key, ()):
                if not cluster.text.isspace() and cluster.placement is not None:
                    x, y = cluster.placement
                    return key[0], x, y
        return None

    def _box_at(self, page: int, x: float, y: float) -> RuledCell | None:
        """The ruled cell drawn at (x, y) on `page` (the innermost one), with its fill."""
        found = [(box, fill) for box, fill in self.boxes.get(page, ()) if _inside((x, y), box)]
        if not found:
            return None
        return min(found, key=lambda f: (f[0][2] - f[0][0]) * (f[0][3] - f[0][1]))


def join_lines(pieces: Sequence[Sequence[TextLine]], column: Column | None = None, *,
               in_cell: bool = False) -> str:
    """One paragraph's visual lines, one piece per page, as its text (see the module
    docstring); `column` is where they were set, to tell a word broken because it is wider
    than that. A line ended early (a typed break) is measured against the paragraph's
    longest line on its page, and against the column when that is a ruled cell's inside
    (running text may be indented on the right: its column is no measure)."""
    rights: list[float] = []
    lines: list[TextLine] = []
    floor = column.right if column is not None and in_cell else 0.0
    for piece in pieces:
        right = max([line.end for line in piece if not line.turned] + [floor])
        rights.extend(right for _ in piece)
        lines.extend(piece)
    parts = [lines[0].text]
    for i in range(1, len(lines)):
        previous, line = lines[i - 1], lines[i]
        parts.append("\n" if typed_break(previous, line, rights[i - 1])
                     else separator(previous, line, column))
        parts.append(line.text)
    return "".join(parts)


def _same_text(a: Sequence[TextLine], b: Sequence[TextLine]) -> bool:
    return [line.text for line in a] == [line.text for line in b]


def _rows(table: Element) -> list[Element]:
    rows: list[Element] = []
    for child in table.elements():
        if child.kind == "TR":
            rows.append(child)
        elif child.kind in ROW_GROUP_KINDS:
            rows.extend(e for e in child.elements() if e.kind == "TR")
    return rows


def _row_pages(rows: Sequence[Element], cells: Sequence[TaggedCell]) -> list[int | None]:
    """The page each row starts on: its first text's, else the row element's own."""
    first: dict[int, int] = {}
    for cell in cells:
        if cell.keys:
            first[cell.row] = min(first.get(cell.row, cell.keys[0][0]), cell.keys[0][0])
    pages: list[int | None] = []
    for r, row in enumerate(rows):
        pages.append(first.get(r, row.page if row.page is not None else (
            pages[-1] if pages else None)))
    return pages


def _aligned_runs(blocks: list[Block], lone: dict[int, TextLine]) -> list[Block]:
    """Paragraphs that are rows of a table set out without one (a budget typed with tabs:
    the tree has only paragraphs) read as an untagged page's lines are (`pdf_aligned`): a
    table where their cells line up, a one-row table for a lone line of amounts. Only runs
    of consecutive one-line paragraphs of one page, cut at wide gaps, that hold such a
    line of amounts are looked at."""
    out: list[Block] = []
    run: list[int] = []
    for i, block in enumerate([*blocks, None]):
        line = lone.get(i)
        cut = line is not None and len(segments(line)) >= 2
        if cut and run and block is not None and block.page == blocks[run[-1]].page:
            run.append(i)
            continue
        out.extend(_run_tables([blocks[k] for k in run], [lone[k] for k in run]))
        run = [i] if cut else []
        if block is not None and not cut:
            out.append(block)
    return out


def _run_tables(paragraphs: Sequence[Block], lines: Sequence[TextLine]) -> list[Block]:
    if not any(len(loose_amount_tables([line], 0)[0]) for line in lines):
        return list(paragraphs)
    page = paragraphs[0].page or 0
    tables, rest = aligned_tables(lines, page)
    loose, rest = loose_amount_tables(rest, page)
    kept = {id(line) for line in rest}
    items: list[tuple[float, Block]] = [(t.top, t.to_table()) for t in [*tables, *loose]]
    items += [(line.top, p) for p, line in zip(paragraphs, lines, strict=True)
              if id(line) in kept]
    return [block for _, block in sorted(items, key=lambda item: item[0])]


def _with_untagged(blocks: list[Block], untagged: dict[int, list[Cluster]]) -> list[Block]:
    """Text the tree does not reach (and that is shown), as paragraphs after the last block
    of its page."""
    if not any(any(not c.text.isspace() for c in found) for found in untagged.values()):
        return blocks
    out = list(blocks)
    for page in sorted(untagged):
        shown = (c for c in untagged[page] if c.placement is not None and not c.clipped)
        paragraphs = [Paragraph(text=line.text, page=page) for line in text_lines(shown)]
        if not paragraphs:
            continue
        at = len(out)
        while at and (_block_page(out[at - 1]) or 0) > page:
            at -= 1
        out[at:at] = paragraphs
    return out


def _block_page(block: Block) -> int | None:
    return block.page
