"""Read a .docx into the format-neutral document model.

python-docx opens the package; the body is walked at the XML level because the
high-level API hides what plans depend on: merged cells (`gridSpan`, `vMerge`), empty
paragraphs inside cells, shading, text boxes, automatic numbering and page breaks.
Table cells are placed on an explicit grid column, as Docling's Word backend does.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from pipeline.errors import LimitExceededError, ReadError
from pipeline.limits import DEFAULT_LIMITS, Limits
from pipeline.model import Block, Cell, Document, PageBreak, Paragraph, Table
from pipeline.read.docx_numbering import NumberingRenderer
from pipeline.read.docx_pages import PageCounter, PageState
from pipeline.read.tab_tables import tab_set_tables
from pipeline.read.zip_guard import check_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@cache
def q(tag: str) -> str:
    """Qualified WordprocessingML tag name (cached: asked for on every element read)."""
    return f"{{{W}}}{tag}"


def w_attr(el: Any, name: str) -> str | None:
    value = el.get(q(name))
    return None if value is None else str(value)


# Fills that mean "no colour": Word writes them for unshaded cells.
NO_FILL = {None, "", "auto", "FFFFFF", "ffffff"}
# Containers whose children are body-level content (content controls, custom XML).
TRANSPARENT_CONTAINERS = {q("sdt"), q("sdtContent"), q("customXml"), q("smartTag")}
# Tag names compared on every element read, qualified once.
P, TBL, TR, TC, R, T = q("p"), q("tbl"), q("tr"), q("tc"), q("r"), q("t")
PPR, TCPR, RPR, SHD = q("pPr"), q("tcPr"), q("rPr"), q("shd")
BOLD, BOLD_COMPLEX, HIGHLIGHT = q("b"), q("bCs"), q("highlight")
TAB, BR, CR, NO_BREAK_HYPHEN, SYM = q("tab"), q("br"), q("cr"), q("noBreakHyphen"), q("sym")
ALTERNATE_CONTENT, CHOICE = f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"
DRAWINGS = frozenset({q("drawing"), q("pict"), ALTERNATE_CONTENT})
# Containers of runs inside a paragraph (links, tracked insertions, fields, controls).
RUN_CONTAINERS = frozenset({q("hyperlink"), q("ins"), q("smartTag"), q("fldSimple"),
                            q("customXml"), q("sdt"), q("sdtContent"), q("bdo"), q("dir")})


def read_docx(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a Word 2007+ document; raise ReadError with a clear message when it is not one
    (LimitExceededError when it is larger than `limits` allow)."""
    docx_document = _open_package(path, limits)
    body = docx_document.element.body
    walker = _BodyWalker(
        numbering=NumberingRenderer.from_document(docx_document),
        style_names=_style_names(docx_document),
        pager=PageCounter.for_body(body),
        limits=limits,
    )
    try:
        blocks = tab_set_tables(walker.walk(body))
    except LimitExceededError as exc:
        raise exc.for_file(path) from None
    return Document(
        source_path=str(path),
        source_format="docx",
        blocks=blocks,
        n_pages=None,
        pages=walker.pager.page_infos(),
        furniture=_header_footer_texts(docx_document),
    )


def _open_package(path: Path, limits: Limits) -> Any:
    """python-docx's package, opened from the one handle whose sizes were checked."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not path.exists():
        raise ReadError(f"{path}: file not found")
    if path.stat().st_size == 0:
        raise ReadError(f"{path}: empty file (0 bytes)")
    if not zipfile.is_zipfile(path):
        raise ReadError(f"{path}: not a Word .docx file (it is not a ZIP package)")
    with path.open("rb") as handle:
        try:
            names = {member.name for member in check_package(handle, limits)}
        except LimitExceededError as exc:
            raise exc.for_file(path) from None
        except ReadError as exc:
            raise ReadError(f"{path}: {exc.message}") from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
            raise ReadError(f"{path}: not a Word .docx file (damaged ZIP: {exc})") from exc
        if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
            raise ReadError(f"{path}: not a Word .docx package"
                            " (the ZIP holds no word/ document)")
        handle.seek(0)
        try:
            return docx.Document(handle)
        except PackageNotFoundError as exc:
            raise ReadError(f"{path}: not a Word .docx package ({exc})") from exc
        except (KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise ReadError(f"{path}: damaged .docx package ({type(exc).__name__}: {exc})"
                            ) from exc
        except MemoryError:
            raise  # the worker's memory ceiling: reported as such by process_file
        except Exception as exc:  # lxml syntax errors and other damage inside the package
            raise ReadError(f"{path}: {_xml_refusal(exc) or 'cannot open .docx'}"
                            f" ({type(exc).__name__}: {exc})") from exc


def _xml_refusal(exc: Exception) -> str | None:
    """libxml2's fixed limits (python-docx parses without huge_tree and never expands
    entities into the tree), said as the refusal they are, not as damage."""
    text = str(exc)
    if "amplification" in text or "entity reference loop" in text:
        return "refused: its XML defines entities that expand (a 'billion laughs' attack?)"
    if "Excessive depth" in text:
        return "refused: its XML nests deeper than the XML parser's limit of 256 elements"
    if "Huge input lookup" in text or "xmlSAX2Characters: huge text node" in text:
        return "refused: its XML holds a text over the XML parser's limit of 10 MB"
    return None


def _style_names(docx_document: Any) -> dict[str, str]:
    """Style id -> UI name ("heading 1" -> "Heading 1"), as python-docx's `styles` give
    them, read from the styles XML directly (python-docx builds an object per style)."""
    from docx.styles import BabelFish

    try:
        styles = docx_document.styles.element
    except Exception:
        return {}
    names: dict[str, str] = {}
    for style in styles.iterchildren(q("style")):
        style_id = style.get(q("styleId"))
        name = style.find(q("name"))
        if style_id is None or name is None:
            continue
        value = name.get(q("val"))
        if value is None:
            return {}  # python-docx refuses a w:name without w:val: no names, as before
        names[str(style_id)] = BabelFish.internal2ui(str(value))
    return names


def _header_footer_texts(docx_document: Any) -> list[str]:
    """Texts of page headers and footers: plans print the title and fiscal year there."""
    texts: list[str] = []
    for section in docx_document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer):
            try:
                if part.is_linked_to_previous:
                    continue
                for paragraph in part.paragraphs:
                    text = paragraph.text.strip()
                    if text and text not in texts:
                        texts.append(text)
            except Exception:
                continue
    return texts


@dataclass
class _BodyWalker:
    numbering: NumberingRenderer
    style_names: dict[str, str]
    pager: PageCounter = field(default_factory=lambda: PageCounter(enabled=False))
    limits: Limits = DEFAULT_LIMITS
    _pending_textboxes: list[Paragraph] = field(default_factory=list)
    _depth: int = 0  # tables open around the one being read (tables in cells)

    def walk(self, container: Any) -> Iterator[Block]:
        for child in container.iterchildren():
            tag = child.tag
            if tag == P:
                yield from self._paragraph_blocks(child)
            elif tag == TBL:
                yield self.table(child)
            elif tag in TRANSPARENT_CONTAINERS:
                yield from self.walk(child)
            elif tag == ALTERNATE_CONTENT:
                choice = child.find(CHOICE)
                if choice is not None:
                    yield from self.walk(choice)

    # -- paragraphs -------------------------------------------------------------------

    def _paragraph_blocks(self, p: Any) -> Iterator[Block]:
        ppr = p.find(PPR)  # found once: its style, numbering, breaks and section end
        if self._has_page_break_before(ppr):
            self.pager.hard_break()
            yield PageBreak(page=self.pager.page)
        self._pending_textboxes = []
        pages = self.pager.paragraph(p)
        segments = self._numbered_segments(p)
        style_id = self._style_id(ppr)
        style = None if style_id is None else self.style_names.get(style_id, style_id)
        numbering = self.numbering.label_for(ppr, style_id=style_id)
        for i, (segment, n) in enumerate(segments):
            if segment is None:
                yield PageBreak(page=pages[n + 1] if n + 1 < len(pages) else None)
                continue
            yield Paragraph(text=segment, style=style, numbering=numbering if i == 0 else None,
                            page=pages[n] if n < len(pages) else None)
        yield from self._pending_textboxes
        section = self._section_end(ppr)
        if section is not None:
            self.pager.end_section(new_page=section)
            if section:
                yield PageBreak(page=self.pager.page)

    def paragraph_segments(self, p: Any) -> list[str | None]:
        """Text of a paragraph split at explicit page breaks (None marks the break)."""
        return [segment for segment, _ in self._numbered_segments(p)]

    def _numbered_segments(self, p: Any) -> list[tuple[str | None, int]]:
        """`paragraph_segments`, each with the number of hard breaks before it."""
        pieces: list[str | None] = []
        self._runs_text(p, pieces)
        if None not in pieces:  # the common case: no page break inside the paragraph
            return [("".join(pieces), 0)]  # type: ignore[arg-type]
        segments: list[tuple[str | None, int]] = []
        current: list[str] = []
        n = 0
        for piece in pieces:
            if piece is None:
                segments.append(("".join(current), n))
                segments.append((None, n))
                current = []
                n += 1
            else:
                current.append(piece)
        segments.append(("".join(current), n))
        # An empty text segment next to a page break is not a paragraph of its own.
        return [(s, k) for s, k in segments if s is None or s.strip()]

    def _runs_text(self, element: Any, pieces: list[str | None]) -> None:
        """Append the text pieces of `element`'s runs in document order (None for a page
        break) to `pieces`: lists, not generators, as this runs for every run read."""
        for el in element.iterchildren():
            tag = el.tag
            if tag == R:
                self._run_text(el, pieces)
            elif tag in RUN_CONTAINERS:
                self._runs_text(el, pieces)
            elif tag == ALTERNATE_CONTENT:
                choice = el.find(CHOICE)
                if choice is not None:
                    self._runs_text(choice, pieces)

    def _run_text(self, run: Any, pieces: list[str | None]) -> None:
        for el in run.iterchildren():
            tag = el.tag
            if tag == T:
                pieces.append(el.text or "")
            elif tag == TAB:
                pieces.append("\t")
            elif tag == BR:
                pieces.append(None if w_attr(el, "type") == "page" else "\n")
            elif tag == CR:
                pieces.append("\n")
            elif tag == NO_BREAK_HYPHEN:
                pieces.append("-")
            elif tag == SYM:
                char = w_attr(el, "char")
                if char:
                    pieces.append(_symbol_char(char, w_attr(el, "font") or ""))
            elif tag in DRAWINGS:
                self._collect_textboxes(el)

    def _collect_textboxes(self, el: Any) -> None:
        """Text boxes hold real content in many plans (headers, side notes); they sit on
        the page of the paragraph that anchors them."""
        fallback = f"{{{MC}}}Fallback"
        state = self.pager.state
        for box in el.iter(q("txbxContent")):
            if any(anc.tag == fallback for anc in box.iterancestors()):
                continue  # the same box again, in the legacy VML fallback
            for block in self.walk(box):
                if isinstance(block, Paragraph):
                    self._pending_textboxes.append(block)
        self.pager.state = state

    @staticmethod
    def _style_id(ppr: Any) -> str | None:
        """The paragraph's style id, from its properties `ppr` (None: no w:pPr)."""
        style = ppr.find(q("pStyle")) if ppr is not None else None
        return w_attr(style, "val") if style is not None else None

    @staticmethod
    def _has_page_break_before(ppr: Any) -> bool:
        if ppr is None:
            return False
        flag = ppr.find(q("pageBreakBefore"))
        return flag is not None and w_attr(flag, "val") not in ("0", "false", "off")

    @staticmethod
    def _section_end(ppr: Any) -> bool | None:
        """None when the paragraph (properties `ppr`) does not end a section; else whether
        the next one starts a page."""
        sect = ppr.find(q("sectPr")) if ppr is not None else None
        if sect is None:
            return None
        kind = sect.find(q("type"))
        return kind is None or w_attr(kind, "val") in (None, "nextPage", "oddPage", "evenPage")

    # -- tables -----------------------------------------------------------------------

    def table(self, tbl: Any) -> Table:
        """Place every `tc` on the grid, turning gridSpan/vMerge into spans (within the
        limits on rows, cells and nesting, checked before any cell is read)."""
        self._depth += 1
        try:
            return self._table(tbl)
        finally:
            self._depth -= 1

    def _check_table_size(self, rows: list[Any]) -> None:
        limits = self.limits
        if self._depth > limits.table_nesting:
            raise LimitExceededError("table_nesting", f"a table nested {self._depth} deep",
                                     f"{limits.table_nesting:,}")
        if len(rows) > limits.table_rows:
            raise LimitExceededError("table_rows", f"a table of {len(rows):,} rows",
                                     f"{limits.table_rows:,}")

    def _cells_by_row(self, rows: list[Any]) -> list[list[Any]]:
        """The `tc` elements of each row, checked against the cell limit as they are
        listed (a table over it is then only counted, for the message)."""
        limit = self.limits.table_cells
        by_row: list[list[Any]] = []
        n_cells = 0
        for i, tr in enumerate(rows):
            cells = self._row_cells(tr)
            n_cells += len(cells)
            if n_cells > limit:
                n_cells += sum(len(self._row_cells(later)) for later in rows[i + 1:])
                raise LimitExceededError("table_cells", f"a table of {n_cells:,} cells",
                                         f"{limit:,}")
            by_row.append(cells)
        return by_row

    def _table(self, tbl: Any) -> Table:
        cells: list[Cell] = []
        # open vertical merges: grid column -> index in `cells` of the cell being extended
        open_merges: dict[int, int] = {}
        rows = [tr for tr in self._table_rows(tbl)]
        self._check_table_size(rows)
        cells_by_row = self._cells_by_row(rows)
        n_cols = len(tbl.findall(f"{q('tblGrid')}/{q('gridCol')}"))
        row_pages: list[int | None] = []
        for r, tr in enumerate(rows):
            col = self._grid_before(tr)
            row_start = self.pager.state
            ends: list[PageState] = []
            firsts: list[int] = []
            repeats = _repeats_as_header(tr)
            for tc in cells_by_row[r]:
                self.pager.state = row_start
                tcpr = tc.find(TCPR)  # found once: span, merge and shading
                span = self._grid_span(tcpr)
                merge = self._vmerge(tcpr)
                if merge == "continue" and col in open_merges:
                    index = open_merges[col]
                    above = cells[index]
                    cells[index] = _replace_span(above, row_span=r - above.row + 1)
                else:
                    cell, first_page = self._cell(tc, tcpr, r, col, span, header=repeats)
                    if first_page is not None:
                        firsts.append(first_page)
                    cells.append(cell)
                    for c in range(col, col + span):
                        open_merges.pop(c, None)
                    if merge == "restart":
                        open_merges[col] = len(cells) - 1
                col += span
                ends.append(self.pager.state)
            # a row is as far down as its furthest cell: each cell may record the break
            self.pager.state = max(ends, key=lambda s: s.page, default=row_start)
            row_pages.append(max(firsts) if firsts else
                             row_start.page if self.pager.enabled else None)
            n_cols = max(n_cols, col)
            # a merge only continues through rows that carry a continue marker
            continued = {c for c, i in open_merges.items() if cells[i].row + cells[i].row_span > r}
            open_merges = {c: i for c, i in open_merges.items() if c in continued}
        return Table(cells=cells, n_rows=len(rows), n_cols=n_cols, row_pages=row_pages)

    def _table_rows(self, tbl: Any) -> Iterator[Any]:
        for child in tbl.iterchildren():
            if child.tag == TR:
                yield child
            elif child.tag in TRANSPARENT_CONTAINERS:
                yield from self._table_rows(child)

    def _row_cells(self, tr: Any, cells: list[Any] | None = None) -> list[Any]:
        """The row's `tc` elements, those inside content controls included."""
        cells = [] if cells is None else cells
        for child in tr.iterchildren():
            if child.tag == TC:
                cells.append(child)
            elif child.tag in TRANSPARENT_CONTAINERS:
                self._row_cells(child, cells)
        return cells

    @staticmethod
    def _grid_before(tr: Any) -> int:
        trpr = tr.find(q("trPr"))
        before = trpr.find(q("gridBefore")) if trpr is not None else None
        value = w_attr(before, "val") if before is not None else None
        return int(value) if value and value.isdigit() else 0

    @staticmethod
    def _grid_span(tcpr: Any) -> int:
        span = tcpr.find(q("gridSpan")) if tcpr is not None else None
        value = w_attr(span, "val") if span is not None else None
        return max(1, int(value)) if value and value.isdigit() else 1

    @staticmethod
    def _vmerge(tcpr: Any) -> str | None:
        merge = tcpr.find(q("vMerge")) if tcpr is not None else None
        if merge is None:
            return None
        return "restart" if w_attr(merge, "val") == "restart" else "continue"

    def _cell(
        self, tc: Any, tcpr: Any, row: int, col: int, span: int, *, header: bool = False
    ) -> tuple[Cell, int | None]:
        """The cell `tc` (its properties `tcpr`), and the page its first text is on (None
        without text or pages)."""
        lines: list[str] = []
        nested: list[Table] = []
        first_page: int | None = None
        for block in self.walk(tc):
            if isinstance(block, Paragraph):
                lines.extend(block.full_text.split("\n"))
                if first_page is None and block.text.strip():
                    first_page = block.page
            elif isinstance(block, Table):
                nested.append(block)
                first_page = block.page if first_page is None else first_page
        return Cell(
            row=row,
            col=col,
            col_span=span,
            lines=tuple(lines),
            fill=_cell_fill(tc, tcpr),
            tables=tuple(nested),
            header=header,
            bold=_all_text_bold(tc),
        ), first_page


def _replace_span(cell: Cell, row_span: int) -> Cell:
    return Cell(
        row=cell.row,
        col=cell.col,
        row_span=row_span,
        col_span=cell.col_span,
        lines=cell.lines,
        fill=cell.fill,
        tables=cell.tables,
        header=cell.header,
        bold=cell.bold,
    )


def _is_on(el: Any) -> bool:
    """An OOXML on/off property: present and not val="0"/"false"/"off"."""
    return el is not None and (w_attr(el, "val") or "true").lower() not in ("0", "false", "off")


def _repeats_as_header(tr: Any) -> bool:
    """The row is marked to repeat at the top of every page (w:trPr/w:tblHeader)."""
    trpr = tr.find(q("trPr"))
    return trpr is not None and _is_on(trpr.find(q("tblHeader")))


def _all_text_bold(tc: Any) -> bool:
    """Every run that carries text in the cell is bold (direct formatting only), and
    there is one (read up to the first run that is not)."""
    if next(tc.iter(BOLD, BOLD_COMPLEX), None) is None:
        return False  # no bold mark anywhere: no run is bold (one C-level search)
    bold_text = False
    for run in tc.iter(R):
        if not any((t.text or "").strip() for t in run.iter(T)):
            continue
        rpr = run.find(RPR)
        if rpr is None or not (_is_on(rpr.find(BOLD)) or _is_on(rpr.find(BOLD_COMPLEX))):
            return False
        bold_text = True
    return bold_text


def _cell_fill(tc: Any, tcpr: Any) -> str | None:
    """Background colour of a cell: cell shading, else the one colour all its paragraphs
    with content share (read up to the first that has none or differs).

    Gantt charts mark planned months by colouring cells; some authors colour the
    paragraph or highlight the text instead, which looks the same on paper.
    """
    shd = tcpr.find(SHD) if tcpr is not None else None
    fill = _shading_colour(shd)
    if fill:
        return fill
    if all(mark is shd for mark in tc.iter(SHD, HIGHLIGHT)):
        return None  # no shading or highlight but the cell's own: no paragraph colour
    shared: str | None = None
    for p in tc.iterchildren(P):
        if not _paragraph_has_content(p):
            continue
        colour = _paragraph_colour(p)
        if colour is None or (shared is not None and colour != shared):
            return None
        shared = colour
    return shared


def _shading_colour(shd: Any) -> str | None:
    if shd is None:
        return None
    fill = w_attr(shd, "fill")
    if fill not in NO_FILL:
        return fill.upper() if fill else None
    pattern = w_attr(shd, "val") or ""
    colour = w_attr(shd, "color")
    if pattern not in ("", "clear", "nil") and colour not in NO_FILL:
        return colour.upper() if colour else None
    if pattern == "solid":
        return "000000"
    return None


def _paragraph_colour(p: Any) -> str | None:
    """The paragraph's shading, else the one colour all its runs are highlighted or
    shaded with (read up to the first run without one or with another)."""
    ppr = p.find(PPR)
    shd = ppr.find(SHD) if ppr is not None else None
    colour = _shading_colour(shd)
    if colour:
        return colour
    shared: str | None = None
    for run in p.iter(R):
        rpr = run.find(RPR)
        if rpr is None:
            return None
        highlight = rpr.find(HIGHLIGHT)
        value = w_attr(highlight, "val") if highlight is not None else None
        colour = value.upper() if value and value != "none" else \
            _shading_colour(rpr.find(SHD))
        if colour is None or (shared is not None and colour != shared):
            return None
        shared = colour
    return shared


def _paragraph_has_content(p: Any) -> bool:
    return p.find(PPR) is not None or p.find(R) is not None


# Tick marks and boxes of the symbol fonts forms use, by code point (low byte).
WINGDINGS_MARKS = {0xFC: "✓", 0xFB: "✗", 0xA8: "□", 0xFE: "☑", 0xFD: "☒", 0x6F: "□",
                   0x6E: "■", 0x71: "❑", 0x72: "❒", 0x78: "☒", 0x9F: "•", 0xB7: "•"}
WINGDINGS_2_MARKS = {0x50: "✓", 0x4F: "✗", 0x51: "☒", 0x52: "☑", 0x53: "☒", 0x54: "☒",
                     0x55: "☒", 0xA3: "□", 0x2A: "□", 0x99: "•"}


def _symbol_char(code: str, font: str = "") -> str:
    """w:sym characters: symbol-font code points (F0xx) map to their low byte; the tick
    boxes of Wingdings and Wingdings 2 (a form's "ลักษณะโครงการ ☑ ใหม่ □ ต่อเนื่อง") to
    the Unicode boxes they draw."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= value <= 0xF0FF:
        value -= 0xF000
    marks = WINGDINGS_2_MARKS if font.replace(" ", "").lower() == "wingdings2" else \
        WINGDINGS_MARKS
    return marks.get(value, chr(value))
