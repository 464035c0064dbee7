"""Read a text PDF into the format-neutral document model.

Per page, pdfminer runs once with a device that keeps ActualText, clipping and marked
content (`pdf_device`); the glyphs become Thai-safe clusters, marks glued to their base
(`pdf_text`); pdfplumber finds the ruled tables on the page's rulings once, and the
clusters are dropped into cells by position (`pdf_tables`) or left as running text. The
page's pdfminer objects are then freed (`page.close()`).

**Tagged PDFs** (Word's "Save as PDF" default; LibreOffice with "UseTaggedPDF") carry a
structure tree saying which paragraph and table cell every glyph belongs to
(`pdf_structure`). When the tree reaches the text (`pdf_tagged.trust_structure`), the
document is read by it (`pdf_tagged`): exact paragraphs in running text and in cells,
tables with their spans and no page breaks, artifacts as page furniture. The rulings still
give shading, and spans where the producer wrote none.

**Untagged PDFs** are read by their layout. What is kept per page is its text lines with
their geometry (a few hundred kB), needed by the steps across pages:

* running headers and footers move out of the flow into `furniture`, printed page numbers
  into `PageInfo` (`pdf_layout`);
* visual lines become the paragraphs the author typed (`pdf_paragraphs`, `pdf_columns`
  for borderless label/value tables): the extractor joins a field's lines with a space,
  and a Thai paragraph wrapped inside a word would otherwise differ from its DOCX. Lines
  that cannot be shown to belong together stay apart, one per visual line;
* tables and paragraphs continued on the next page are joined (`pdf_join`).

**Engines.** The pages' content is parsed by pdfium by default (`pdf_pdfium`, faster, the
same glyphs and rulings; `pdf_engine`) except for every page pdfium cannot give (`_parse`),
by pdfminer with `--pdf-engine pdfplumber`; the document
is opened, and a tagged PDF's structure tree read, by pdfplumber either way.

Problems with the file itself (not a PDF, empty, damaged, encrypted) raise `ReadError` with
one line naming the file; a PDF whose pages are only images raises `ScannedDocumentError`,
and image-only pages inside a text PDF become warnings, never empty rows. Errors in this
code itself are not disguised as damaged files: only opening and parsing are guarded.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.page import Page
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import (
    EncryptedDocumentError,
    LimitExceededError,
    ReadError,
    ScannedDocumentError,
)
from pipeline.limits import DEFAULT_LIMITS, Limits
from pipeline.model import (
    Block,
    Document,
    PageInfo,
    Paragraph,
    RepairedWord,
    Table,
    UncertainReading,
)
from pipeline.read.collections_pause import fewer_collections
from pipeline.read.engines import PdfEngine, pdf_engine
from pipeline.read.ocr import INSTALL_HINT, OcrMode, ocr_mode
from pipeline.read.ocr.arithmetic import settle_document
from pipeline.read.ocr.reader import ocr_available, ocr_page_of
from pipeline.read.pdf_aligned import aligned_tables, loose_amount_tables
from pipeline.read.pdf_columns import paragraphs
from pipeline.read.pdf_device import ParsedPage, parse_page
from pipeline.read.pdf_guard import StreamGuard, stream_limit
from pipeline.read.pdf_join import FlowItem, join_across_pages
from pipeline.read.pdf_layout import (
    PageContent,
    document_furniture,
    find_furniture,
    furniture_texts,
)
from pipeline.read.pdf_paragraphs import Column
from pipeline.read.pdf_structure import Element, read_structure
from pipeline.read.pdf_tables import PageTable, TablePage, page_tables
from pipeline.read.pdf_tagged import tagged_blocks, trust_structure
from pipeline.read.pdf_text import TextLine, clusters, text_lines

if TYPE_CHECKING:
    from pipeline.read.pdf_pdfium import PdfiumDocument

PDF_MAGIC: Final = b"%PDF-"
ENCRYPTED_PDF: Final = ("password-protected (encrypted) PDF: save it without a password (or"
                        " print it to a new PDF) and extract that copy")
# PDF readers accept the header anywhere in the first kilobyte.
MAGIC_WINDOW: Final = 1024
# Content bytes per allowed glyph past which a page is read by pdfminer instead of pdfium
# (`_parse`); real pages take 1-10 bytes a glyph, text and drawing included.
PDFIUM_CONTENT_PER_GLYPH: Final = 8
# The widest bottom margin (points) a plan's pages are taken to have: 2 inches (Word's
# default is 1 inch, Thai government documents use 2-2.5 cm).
MAX_BOTTOM_MARGIN: Final = 144.0


def read_pdf(path: Path, *, ocr: OcrMode | None = None,
             limits: Limits = DEFAULT_LIMITS, engine: PdfEngine | None = None) -> Document:
    """Read a PDF; ReadError (one line, naming the file) when it cannot be read.

    `ocr` (default: $THAI_PLAN_OCR, else "auto") says which pages are read by OCR: "auto"
    those without a text layer, "always" every page, "never" none. A PDF larger than
    `limits` allow (pages, decoded stream bytes, glyphs on a page) is LimitExceededError.
    `engine` says which parser reads the pages' content (`pdf_engine`); with "pdfium", the
    document is still opened by pdfplumber (same errors, same structure tree) and a page
    pdfium cannot load is parsed by pdfminer, with a warning.
    """
    try:
        with stream_limit(limits.pdf_stream_bytes), fewer_collections():
            return _read_pdf(path, ocr, limits, pdf_engine(engine))
    except LimitExceededError as exc:
        raise exc.for_file(path) from None


def _read_pdf(path: Path, ocr: OcrMode | None, limits: Limits, engine: PdfEngine
              ) -> Document:
    mode = ocr_mode(ocr)
    _check_file(path)
    try:
        pdf = pdfplumber.open(path)
    except (LimitExceededError, MemoryError):
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors on damaged files
        raise _open_error(path, exc) from exc
    try:
        page_list = list(pdf.pages)
    except (LimitExceededError, MemoryError):
        pdf.close()
        raise
    except Exception as exc:
        pdf.close()
        raise _open_error(path, exc) from exc
    if len(page_list) > limits.pdf_pages:
        pdf.close()
        raise LimitExceededError("pdf_pages", f"a PDF of {len(page_list):,} pages",
                                 f"{limits.pdf_pages:,}")
    pages: list[PageContent] = []
    warnings: list[str] = []
    with pdf:
        structure = _structure(pdf, page_list, path)
        pdfium_doc = _open_pdfium(path, len(page_list), warnings) if engine == "pdfium" else None
        guard = StreamGuard(limits.pdf_stream_bytes)
        try:
            for number, page in enumerate(page_list, start=1):
                try:
                    parsed, graphics = _parse(page, number, pdfium_doc, warnings, limits,
                                              guard)
                except PdfminerException as exc:
                    warnings.append(f"page {number} could not be read ({_cause(exc)})")
                    pages.append(PageContent(number, float(page.width), float(page.height),
                                             unreadable=True))
                else:
                    pages.append(read_page(graphics, number, parsed,
                                           keep_clusters=structure is not None))
                finally:
                    page.close()
        finally:
            if pdfium_doc is not None:
                pdfium_doc.close()
    scans = [p.number for p in pages if not p.unreadable and _wants_ocr(p, mode)]
    uncertain: list[UncertainReading] = []
    repaired: list[RepairedWord] = []
    if scans and ocr_available():
        structure = None if mode == "always" else structure
        for number in scans:
            pages[number - 1], notes, words = ocr_page_of(path, number)
            warnings.append(f"page {number} read by OCR")
            uncertain.extend(notes)
            repaired.extend(words)
    if pages and all(p.unreadable for p in pages):
        raise ReadError(f"{path}: damaged PDF, no page can be read ({warnings[0]})")
    document = assemble(path, pages, warnings, structure)
    check_tables(document.blocks, limits)
    document.uncertain = settle_document(document, uncertain) if uncertain else []
    document.repaired = repaired
    return document


def _open_pdfium(path: Path, n_pages: int, warnings: list[str]) -> PdfiumDocument | None:
    """The PDF opened by pdfium; None (pdfminer reads every page, with a warning) when
    pdfium cannot open it or counts other pages than pdfplumber."""
    from pipeline.read.pdf_pdfium import PdfiumDocument, PdfiumUnavailable

    try:
        document = PdfiumDocument(path)
    except PdfiumUnavailable as exc:
        warnings.append(f"read by pdfminer: pdfium cannot open the file ({exc})")
        return None
    if len(document) != n_pages:
        warnings.append(f"read by pdfminer: pdfium counts {len(document)} pages,"
                        f" pdfminer {n_pages}")
        document.close()
        return None
    return document


def _parse(page: Page, number: int, pdfium_doc: PdfiumDocument | None,
           warnings: list[str], limits: Limits, guard: StreamGuard
           ) -> tuple[ParsedPage, TablePage]:
    """The page's glyphs and graphics, by pdfium when it is open and can load the page.

    Every stream the page's resources reach (fonts, images, forms) is first held to
    `pdf_stream_bytes`, counted without being kept (`StreamGuard.check_resources`): pdfium
    inflates font files itself and images when the OCR reader renders a page, so the same
    file is refused alike with either engine. pdfium decodes and parses in C, out of reach
    of the limits pdfminer's reading keeps: each content stream is held to the limit too
    (`StreamGuard.content_bytes`), and a page whose content is larger than
    `PDFIUM_CONTENT_PER_GLYPH` bytes per glyph allowed goes to pdfminer, which counts its
    glyphs as it draws them (a glyph takes at least a byte of content, so pdfium never
    builds a text page of far more than `page_glyphs` characters; it then counts exactly).
    """
    guard.check_resources(page.page_obj)
    if pdfium_doc is not None and guard.content_bytes(page.page_obj) <= (
        PDFIUM_CONTENT_PER_GLYPH * limits.page_glyphs
    ):
        from pipeline.read.pdf_pdfium import PdfiumUnavailable

        try:
            return pdfium_doc.parse(number - 1, page, max_glyphs=limits.page_glyphs)
        except PdfiumUnavailable as exc:
            warnings.append(f"page {number} read by pdfminer: pdfium cannot load it ({exc})")
    return parse_page(page, max_glyphs=limits.page_glyphs), page


def check_tables(blocks: list[Block], limits: Limits) -> None:
    """Tables joined across pages within `table_rows` and `table_cells` (each page's part is
    already bounded by its glyphs)."""
    for table in (b for b in blocks if isinstance(b, Table)):
        if table.n_rows > limits.table_rows:
            raise LimitExceededError("table_rows", f"a table of {table.n_rows:,} rows",
                                     f"{limits.table_rows:,}")
        if len(table.cells) > limits.table_cells:
            raise LimitExceededError("table_cells", f"a table of {len(table.cells):,} cells",
                                     f"{limits.table_cells:,}")


def _wants_ocr(page: PageContent, mode: OcrMode) -> bool:
    if mode == "never":
        return False
    return mode == "always" or (not page.has_chars and page.has_images)


def _structure(pdf: PDF, page_list: list[Page], path: Path) -> Element | None:
    """The structure tree of a tagged PDF; None when untagged or when the tree is too
    damaged to read (the layout reading needs no tree). The tree's objects are read from
    the file's bytes where they are plain (`pdf_objects`)."""
    page_numbers = {p.page_obj.pageid: p.page_number for p in page_list
                    if isinstance(p.page_obj.pageid, int)}
    try:
        data = path.read_bytes() if "StructTreeRoot" in pdf.doc.catalog else None
    except OSError:
        data = None  # pdfminer reads the tree from its own open file
    try:
        return read_structure(pdf.doc, page_numbers, data)
    except (LimitExceededError, MemoryError):
        raise
    except Exception:  # a damaged tree must not stop the reading of the pages
        return None


def _check_file(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            head = handle.read(MAGIC_WINDOW)
    except FileNotFoundError as exc:
        raise ReadError(f"{path}: file not found") from exc
    except OSError as exc:
        raise ReadError(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if not head:
        raise ReadError(f"{path}: empty file (0 bytes)")
    if PDF_MAGIC not in head:
        raise ReadError(f"{path}: not a PDF file (no %PDF- header)")


def _cause(exc: BaseException) -> str:
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, BaseException):
        return f"{type(inner).__name__}: {inner}".rstrip(": ")
    return str(inner)


def _open_error(path: Path, exc: Exception) -> ReadError:
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return EncryptedDocumentError(f"{path}: {ENCRYPTED_PDF}")
    return ReadError(f"{path}: damaged PDF, cannot be parsed ({_cause(exc)})")


def read_page(page: TablePage, number: int, parsed: ParsedPage | None = None, *,
              keep_clusters: bool = False) -> PageContent:
    """One page's text lines (outside tables) and tables; with `keep_clusters`, all of its
    glyph clusters too (for the structure tree). `page` is a pdfplumber page, or pdfium's
    `GraphicsPage` with `parsed` given."""
    if parsed is None:
        assert isinstance(page, Page), "a GraphicsPage comes with its parsed glyphs"
        parsed = parse_page(page)
    content = PageContent(number=number, width=float(page.width), height=float(page.height),
                          has_chars=bool(parsed.glyphs), has_images=parsed.has_images)
    if not parsed.glyphs:
        return content
    glyphs = clusters(parsed.glyphs, parsed.actual_texts)
    if keep_clusters:
        content.clusters = glyphs
    content.tables, outside = page_tables(page, number, glyphs)
    # running text is upright; turned text outside tables (a stamp, a margin note) is left out
    content.lines = text_lines(c for c in outside if c.direction == 0)
    return content


def assemble(path: Path, pages: list[PageContent], warnings: list[str],
             structure: Element | None = None) -> Document:
    """Furniture out, pages in reading order, continued tables joined, blocks built: by the
    structure tree when the PDF is tagged, by the layout otherwise."""
    for page in pages:
        if not page.has_chars and page.has_images:
            warnings.append(f"page {page.number} has no text layer (scanned?): needs OCR")
    if pages and not any(p.has_chars for p in pages) and any(p.has_images for p in pages):
        raise ScannedDocumentError(
            f"{path}: scanned PDF: none of its {len(pages)} pages has a text layer;"
            " run OCR on it (e.g. ocrmypdf) and extract the result, or install"
            f" the built-in OCR ({INSTALL_HINT})"
        )
    if structure is not None and trust_structure(structure, pages):
        blocks = tagged_blocks(structure, pages, text_columns(pages, content_only=True))
    else:
        blocks = layout_blocks(pages)
    columns = text_columns(pages, content_only=True)
    return Document(
        source_path=str(path),
        source_format="pdf",
        blocks=blocks,
        n_pages=len(pages),
        pages=[
            PageInfo(
                number=p.number,
                printed_number=p.printed_number,
                has_text=p.has_chars or not p.has_images,
                furniture=furniture_texts(p, columns[p.number]),
            )
            for p in pages
        ],
        furniture=document_furniture(pages, columns),
        warnings=warnings,
    )


def layout_blocks(pages: list[PageContent]) -> list[Block]:
    """An untagged PDF's blocks, from the layout alone; a line that sets amounts apart like
    table cells is a table even when no other line forms one with it."""
    find_furniture(pages)
    columns = text_columns(pages)
    last: PageTable | None = None  # a borderless table that ended the previous page
    for page in pages:  # tables drawn without rulings, from the alignment of their text
        found, page.lines = aligned_tables(page.lines, page.number, last)
        loose, page.lines = loose_amount_tables(page.lines, page.number)
        page.tables = sorted([*page.tables, *found, *loose], key=lambda table: table.top)
        last = page.tables[-1] if found and page.tables[-1] is found[-1] else None
    flow = join_across_pages(list(_flow(pages, columns)), body_bottom(pages), columns)
    blocks: list[Block] = []
    for page_number, item in flow:
        if isinstance(item, PageTable):
            blocks.append(item.to_table())
        else:
            blocks.append(Paragraph(text=item.text, page=page_number))
    return blocks


def _flow(pages: list[PageContent], columns: dict[int, Column]) -> Iterator[FlowItem]:
    """Every page's paragraphs and tables, top to bottom, pages in order."""
    for page in pages:
        items: list[TextLine | PageTable] = [*page.lines, *page.tables]
        items.sort(key=lambda item: item.top)
        run: list[TextLine] = []
        for item in [*items, None]:
            if isinstance(item, TextLine):
                run.append(item)
                continue
            for paragraph in paragraphs(run, columns[page.number]):
                yield page.number, paragraph
            run = []
            if item is not None:
                yield page.number, item


def text_columns(pages: list[PageContent], *, content_only: bool = False
                 ) -> dict[int, Column]:
    """Each page's running-text column: the extent of all text on pages of its width.

    Taken over the whole document because one page alone may hold only short lines;
    portrait and landscape pages are measured apart. With `content_only`, lines drawn as
    artifacts (a tagged PDF's headers and footers) are left out.
    """
    extents: dict[int, tuple[float, float]] = {}
    for page in pages:
        lines = [line for line in page.lines
                 if not (content_only and line.clusters[0].artifact)]
        if not lines:
            continue
        key = round(page.width)
        left = min(line.x0 for line in lines)
        right = max(line.x1 for line in lines)
        old = extents.get(key, (left, right))
        extents[key] = (min(old[0], left), max(old[1], right))
    return {p.number: Column(*extents.get(round(p.width), (0.0, p.width))) for p in pages}


def body_bottom(pages: list[PageContent]) -> float:
    """Where the page body ends: the lowest content (furniture excluded) on any page.

    In a short document no page may be full, and its lowest content is only where the
    fullest page stopped; the body still reaches at least MAX_BOTTOM_MARGIN above the
    page's foot, so a table that ends mid-page is not taken for one the page cut short.
    """
    bottoms = [line.bottom for p in pages for line in p.lines]
    bottoms += [t.bbox[3] for p in pages for t in p.tables]
    lowest = max(bottoms, default=0.0)
    heights = [p.height for p in pages if p.height > 0]
    return max(lowest, min(heights) - MAX_BOTTOM_MARGIN) if heights else lowest
