"""Format-neutral document model.

Every reader (DOCX, PDF, later OCR) produces this model and nothing after the reader
touches python-docx or pdfplumber objects. It keeps exactly what plan extraction needs:
paragraphs in reading order, tables with real cell geometry (spans, multi-line text,
shading, nested tables) and the physical page of every block where the source has pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Literal

SourceFormat = Literal["docx", "pdf", "doc"]
# A box on a page in PDF points, origin top left: x0, top, x1, bottom (pdfplumber's order).
Bbox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Cell:
    """One origin cell of a table grid.

    `lines` holds the cell's text one paragraph (DOCX) or visual line (PDF) per entry,
    empty paragraphs included as "", because plans align amounts line by line inside
    a cell and blank lines carry that alignment. `bbox` is the cell's box on its page
    where the source has geometry (PDF), so a value can be shown where it is printed.
    """

    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    lines: tuple[str, ...] = ()
    fill: str | None = None
    tables: tuple[Table, ...] = ()
    bbox: Bbox | None = None
    # Structure the source states about the cell: its row repeats as the table's header
    # on every page (DOCX w:tblHeader, a tagged PDF's TH), or all its text is bold. Header
    # rows are found from these first and from words only where the source says nothing.
    header: bool = False
    bold: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def is_empty(self) -> bool:
        return not any(line.strip() for line in self.lines)

    @property
    def is_shaded(self) -> bool:
        return self.fill is not None

    def covers(self, row: int, col: int) -> bool:
        return (
            self.row <= row < self.row + self.row_span
            and self.col <= col < self.col + self.col_span
        )


_BY_COLUMN = attrgetter("col")


@dataclass
class Table:
    """A table as a grid of origin cells with spans.

    `row_pages[r]` is the physical page (1-based) of grid row r, or None when the
    source has no pages (a DOCX that records no rendered page breaks). Tables continued
    across pages are joined by the readers or by the plan extractor; joined tables keep
    each row's own page. `read_by_ocr` says the table was read from a scan, where a header
    repeated on the next page reads a little differently each time.
    """

    cells: list[Cell]
    n_rows: int
    n_cols: int
    row_pages: list[int | None] = field(default_factory=list)
    # read from a scan by OCR: a header may be misread ("มี.ค." as "ม.ค.")
    read_by_ocr: bool = False

    def __post_init__(self) -> None:
        if not self.row_pages:
            self.row_pages = [None] * self.n_rows

    @property
    def page(self) -> int | None:
        return next((p for p in self.row_pages if p is not None), None)

    def grid(self) -> list[list[Cell | None]]:
        """Every grid position mapped to the origin cell covering it (None for holes)."""
        grid: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                    grid[r][c] = cell
        return grid

    def origin_cells(self, row: int) -> list[Cell]:
        """Cells whose top-left corner is in `row`, left to right."""
        cells = [c for c in self.cells if c.row == row]
        cells.sort(key=_BY_COLUMN)
        return cells

    def row_texts(self, row: int) -> list[str]:
        """Text of each grid column in `row`; a spanned position repeats its cell only once."""
        out: list[str] = []
        seen: set[int] = set()
        for cell in self.grid()[row]:
            if cell is None or id(cell) in seen:
                out.append("")
                continue
            seen.add(id(cell))
            out.append(cell.text if cell.row == row else "")
        return out

    def page_of_row(self, row: int) -> int | None:
        return self.row_pages[row] if 0 <= row < len(self.row_pages) else None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text.

    `numbering` is the rendered list label of automatic numbering ("1.", "๑.๑"), kept
    apart from `text` because Word stores it outside the text runs.
    """

    text: str
    style: str | None = None
    numbering: str | None = None
    page: int | None = None

    @property
    def full_text(self) -> str:
        if self.numbering:
            return f"{self.numbering} {self.text}".strip()
        return self.text


@dataclass(frozen=True)
class PageBreak:
    """An explicit page break; `page` is the page that starts after it, when known."""

    page: int | None = None


Block = Paragraph | Table | PageBreak


@dataclass
class PageInfo:
    """What a reader learned about one physical page."""

    number: int
    printed_number: str | None = None
    has_text: bool = True
    furniture: tuple[str, ...] = ()


@dataclass(frozen=True)
class UncertainReading:
    """A value OCR read two ways (tesseract and the digit classifier): both, and the one
    kept in the document. Reported as an `ocr_uncertain` finding, never changed silently.
    `reason` says why `kept` was kept when the table's arithmetic weighed the readings."""

    page: int
    ocr: str
    classified: str
    kept: str
    reason: str | None = None


@dataclass(frozen=True)
class RepairedWord:
    """A word of the pipeline's vocabulary OCR read with one slip ("วัตผุประสงค์") and put
    back (`ocr.repair.restore_vocabulary`): what was read and what was put, reported as an
    `ocr_uncertain` finding, so that no text is changed silently."""

    page: int
    read: str
    put: str


@dataclass
class Document:
    """A whole source document in reading order.

    `furniture` holds page headers and footers removed from the flow (they often carry
    the plan title and fiscal year); `warnings` holds reader problems that are not fatal,
    e.g. pages without a text layer; `uncertain` the values OCR read two ways.
    """

    source_path: str
    source_format: SourceFormat
    blocks: list[Block]
    n_pages: int | None = None
    pages: list[PageInfo] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    uncertain: list[UncertainReading] = field(default_factory=list)
    repaired: list[RepairedWord] = field(default_factory=list)

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))
