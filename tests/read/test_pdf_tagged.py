"""Tagged PDFs read by their structure tree (`pdf_structure`, `pdf_tagged`).

The committed fixture PDFs are tagged, as Word's "Save as PDF" makes them by default; the
reader must give the very document model the DOCX reader gives for the same plan: the same
tables cell by cell (spans, paragraphs, empty paragraphs, shading), the same paragraphs.
What LibreOffice's PDF itself lacks is named where it is asserted.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pdfplumber
import pytest

from pipeline.model import Document, Paragraph, Table
from pipeline.read import pdf_reader, pdf_tagged
from pipeline.read.docx_reader import read_docx
from pipeline.read.pdf_reader import read_pdf
from pipeline.read.pdf_structure import Element, read_structure

os.environ["PYTHAINLP_OFFLINE"] = "1"

FIXTURES = Path(__file__).parent.parent / "fixtures"
PDF_DIR = FIXTURES / "pdf"
SAMPLE = PDF_DIR / "yasothon2-fy2563.pdf"
_CACHE: dict[Path, Document] = {}


def read(path: Path) -> Document:
    if not path.exists():
        pytest.skip(f"{path} not built (run: .venv/bin/python -m tests.fixtures.build_pdf)")
    if path not in _CACHE:
        _CACHE[path] = read_pdf(path)
    return _CACHE[path]


def structure(path: Path) -> Element | None:
    with pdfplumber.open(path) as pdf:
        return read_structure(pdf.doc, {p.page_obj.pageid: p.page_number for p in pdf.pages})


def _text(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip()


def model_differences(docx: Document, pdf: Document) -> list[str]:
    """How two documents' blocks differ: tables cell by cell, then the paragraphs (texts
    compared with runs of whitespace as one space, as the extractor reads them)."""
    found: list[str] = []
    docx_tables, pdf_tables = list(docx.tables()), list(pdf.tables())
    if len(docx_tables) != len(pdf_tables):
        found.append(f"tables: {len(docx_tables)} != {len(pdf_tables)}")
    for n, (want, got) in enumerate(zip(docx_tables, pdf_tables, strict=False)):
        if (want.n_rows, want.n_cols) != (got.n_rows, got.n_cols):
            found.append(f"table {n}: {want.n_rows}x{want.n_cols} != {got.n_rows}x{got.n_cols}")
            continue
        cells = {(c.row, c.col): c for c in want.cells}
        others = {(c.row, c.col): c for c in got.cells}
        for key in sorted(set(cells) | set(others)):
            a, b = cells.get(key), others.get(key)
            if a is None or b is None:
                found.append(f"table {n} cell {key}: only in the {'pdf' if a is None else 'docx'}")
                continue
            shape = (a.row_span, a.col_span, tuple(map(_text, a.lines)), a.fill, len(a.tables))
            other = (b.row_span, b.col_span, tuple(map(_text, b.lines)), b.fill, len(b.tables))
            if shape != other:
                found.append(f"table {n} cell {key}: {shape} != {other}")
    want_texts = [_text(p.full_text) for p in docx.paragraphs()]
    got_texts = [_text(p.full_text) for p in pdf.paragraphs()]
    if want_texts != got_texts:
        extra = [t for t in got_texts if t not in want_texts]
        missing = [t for t in want_texts if t not in got_texts]
        found.append(f"paragraphs: {len(want_texts)} != {len(got_texts)}, only in the pdf"
                     f" {extra[:3]}, only in the docx {missing[:3]}")
    return found


# -- the structure tree ---------------------------------------------------------------------


def test_structure_tree_has_paragraphs_tables_and_cell_spans() -> None:
    tree = structure(SAMPLE) if SAMPLE.exists() else pytest.skip("not built")
    assert tree is not None
    kinds = {e.kind for e in tree.walk()}
    assert {"Document", "P", "H1", "Table", "TR", "TH", "TD"} <= kinds  # through the RoleMap
    table = next(e for e in tree.walk() if e.kind == "Table")
    header = [c for c in next(table.elements()).elements()]
    assert [(c.kind, c.attributes) for c in header] == [
        ("TH", {"RowSpan": 2}), ("TH", {"RowSpan": 2}), ("TH", {"ColSpan": 3}),
        ("TH", {"RowSpan": 2})]
    # a row cut by the page break: its content items keep each its own page
    pages = [{page for page, _ in row.content()} for row in table.elements()]
    assert {3, 4} in pages


def test_structure_tree_reader_on_hand_made_objects() -> None:
    """Role maps chained, content on another page than its element's (an MCR with its own
    /Pg), spans in an attribute array with a revision number, content in a form XObject
    (/Stm: not this page's marked content) and object references left out."""
    from types import SimpleNamespace

    from pdfminer.pdftypes import PDFObjRef
    from pdfminer.psparser import LIT

    page_3, page_4 = PDFObjRef(None, 103), PDFObjRef(None, 104)
    cell = {"S": LIT("Cell"), "Pg": page_3,
            "A": [{"O": LIT("Table"), "RowSpan": 2}, 0, {"ColSpan": 3}],
            "K": [{"S": LIT("Standard"), "K": [0, {"Type": LIT("MCR"), "MCID": 0, "Pg": page_4},
                                               {"MCID": 5, "Stm": 1}, {"Obj": page_4}]}]}
    root = {"Type": LIT("StructTreeRoot"),
            "RoleMap": {"Standard": LIT("Para"), "Para": LIT("P"), "Cell": LIT("TD")},
            "K": {"S": LIT("Document"), "K": [{"S": LIT("TR"), "K": cell}]}}
    document = SimpleNamespace(catalog={"StructTreeRoot": root})
    tree = read_structure(document, {103: 3, 104: 4})  # type: ignore[arg-type]
    assert tree is not None
    td = next(e for e in tree.walk() if e.kind == "TD")
    assert td.attributes == {"RowSpan": 2, "ColSpan": 3}
    assert [e.kind for e in td.walk()] == ["TD", "P"]
    assert list(td.content()) == [(3, 0), (4, 0)]
    assert read_structure(SimpleNamespace(catalog={}), {}) is None  # type: ignore[arg-type]


def test_untagged_pdf_has_no_structure_tree() -> None:
    path = PDF_DIR / "yasothon2-fy2563-untagged.pdf"
    assert (structure(path) if path.exists() else pytest.skip("not built")) is None


# -- the document model --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["split-budget-table", "secondary-fy2567", "yasothon2-fy2564"])
def test_tagged_pdf_gives_the_document_model_of_its_docx(name: str) -> None:
    source = PDF_DIR / f"{name}.docx"
    source = source if source.exists() else FIXTURES / "docx" / f"{name}.docx"
    found = model_differences(read_docx(source), read(PDF_DIR / f"{name}.pdf"))
    # the only differences LibreOffice's PDF makes (none in the extracted rows):
    if name == "yasothon2-fy2564":
        assert found == [
            # rows that stop short of the table's grid (Word's gridAfter): LibreOffice tags
            # empty cells for the grid columns they miss
            "table 25 cell (0, 14): only in the pdf", "table 25 cell (0, 15): only in the pdf",
            "table 25 cell (1, 14): only in the pdf", "table 25 cell (1, 15): only in the pdf",
            "table 25 cell (2, 14): only in the pdf", "table 25 cell (2, 15): only in the pdf",
            "table 25 cell (3, 14): only in the pdf", "table 25 cell (3, 15): only in the pdf",
            # the empty paragraph holding a page break is an empty paragraph in the PDF
            "paragraphs: 1069 != 1070, only in the pdf [], only in the docx []",
        ]
    else:
        assert found == []


def test_wrapped_lines_keep_their_spaces_and_cell_paragraphs_stay_apart() -> None:
    """LibreOffice draws the space where a tagged line wraps ("ยโสธร" / "เขต 2"); two
    paragraphs of a cell set like one wrapped paragraph are two ("1 พ.ย.62" / "มีนาคม 63")."""
    tables = list(read(SAMPLE).tables())
    summary = next(tables[i] for i in range(len(tables)) if tables[i].page == 3)
    names = [c.text for c in summary.cells if c.col == 1]
    assert ("ตรวจสอบการใช้จ่ายเงินงบประมาณของสำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต 2"
            " และสถานศึกษาในสังกัด") in names
    period = next(t for t in tables if any("1 พ.ย. -30 ก.ย.63" in c.text for c in t.cells))
    cell = next(c for c in period.cells if "1 พ.ย. -30 ก.ย.63" in c.text)
    assert cell.lines == ("1 - 30 ต.ค.62", "1 พ.ย.62", "มีนาคม 63", "มีนาคม 63",
                          "1 พ.ย. -30 ก.ย.63")


def test_table_over_pages_is_one_table_with_rows_cut_by_the_break_whole() -> None:
    summary = next(read(SAMPLE).tables())
    assert summary.row_pages == [3, 3, 3, 3, 3, 3, 3, 4, 4, 4]
    cells = {(c.row, c.col): c for c in summary.cells}
    assert cells[(0, 0)].lines == ("ลำดับ", "ความสำคัญ")  # two paragraphs, as typed
    assert cells[(5, 1)].lines == ("ติดตาม ประเมินผลและรายงาน ประจำปีงบประมาณ พ.ศ.2563",)
    assert summary.page_of_row(5) == 3
    # the next page repeats the header row as an artifact: it is not a row
    assert sum(1 for c in summary.cells if c.text == "โครงการ") == 1


def test_shaded_gantt_months_come_from_the_ruled_cells() -> None:
    split = list(read(PDF_DIR / "split-budget-table.pdf").tables())
    gantt = split[1]
    shaded = sorted((c.row, c.col) for c in gantt.cells if c.fill)
    assert shaded[:6] == [(3, 1), (4, 2), (4, 3), (5, 3), (5, 4), (5, 5)]
    assert {c.fill for c in gantt.cells if c.fill} == {"BFBFBF"}
    assert gantt.row_pages[0] == 3 and gantt.row_pages[-1] == 7


def test_merged_cells_without_span_attributes_take_their_ruled_cells(tmp_path: Path) -> None:
    """A producer that writes no RowSpan/ColSpan: the grid comes from the ruled cells the
    text is drawn in, and the merge's placeholder cells are left out, as in the DOCX."""
    source = PDF_DIR / "split-budget-table.pdf"
    if not source.exists():
        pytest.skip("not built")
    data = source.read_bytes()
    assert b"/RowSpan" in data and b"/ColSpan" in data
    # the same PDF without the attributes (names of the same length keep the xref valid)
    stripped = tmp_path / "no-spans.pdf"
    stripped.write_bytes(data.replace(b"/RowSpan", b"/RowSpaX").replace(b"/ColSpan", b"/ColSpaX"))
    found = model_differences(read_docx(source.with_suffix(".docx")), read_pdf(stripped))
    assert found == []


# -- what the tree does not reach ----------------------------------------------------------


def test_text_outside_the_tree_is_read_on_its_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph left out of the tree (a producer's bug) is not lost: it is read from the
    layout, after the other blocks of its page."""
    if not SAMPLE.exists():
        pytest.skip("not built")
    original = pdf_reader.read_structure

    def without_one_paragraph(*args: object) -> Element | None:
        tree = original(*args)  # type: ignore[arg-type]
        assert tree is not None
        document = next(tree.elements())
        heading = next(e for e in document.elements() if e.kind == "H1")
        document.children.remove(heading)
        return tree

    monkeypatch.setattr(pdf_reader, "read_structure", without_one_paragraph)
    blocks = read_pdf(SAMPLE).blocks
    on_page_2 = [b.text for b in blocks if isinstance(b, Paragraph) and b.page == 2]
    assert on_page_2[-1] == "ยุทธศาสตร์ที่ 6"
    assert "ยุทธศาสตร์ที่ 6" not in on_page_2[:-1]


def test_pdf_whose_tree_reaches_too_little_is_read_by_its_layout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if not SAMPLE.exists():
        pytest.skip("not built")
    monkeypatch.setattr(pdf_tagged, "MIN_TAGGED_SHARE", 1.01)
    summary = next(read_pdf(SAMPLE).tables())
    assert isinstance(summary, Table)
    # the layout reading joins the header's two paragraphs and the three pages' tables
    assert {(c.row, c.col): c for c in summary.cells}[(0, 0)].lines == ("ลำดับความสำคัญ",)
    assert summary.row_pages[-1] == 5


def test_tree_that_leaves_the_ruled_tables_out_is_not_trusted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A tree that reaches all the text but marks no table (every table element turned into
    a plain grouping element): reading by it would lose the tables, so the layout is read."""
    if not SAMPLE.exists():
        pytest.skip("not built")
    original = pdf_reader.read_structure

    def without_tables(*args: object) -> Element | None:
        tree = original(*args)  # type: ignore[arg-type]
        assert tree is not None
        for element in tree.walk():
            if element.kind == "Table":
                element.kind = "Div"
        return tree

    monkeypatch.setattr(pdf_reader, "read_structure", without_tables)
    document = read_pdf(SAMPLE)
    assert next(document.tables()).row_pages[-1] == 5  # the layout reading's joined table


# -- typed line breaks (needs LibreOffice) --------------------------------------------------


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_typed_line_break_in_a_cell_is_a_line_of_its_own(tmp_path: Path) -> None:
    """Shift+Enter inside a cell's paragraph: the DOCX reader gives two lines, so must the
    PDF; a long paragraph wrapped by the line breaker stays one line."""
    import docx
    from docx.shared import Cm

    from tests.fixtures.build_pdf import to_pdf

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for column in table.columns:
        column.width = Cm(6)
    first = table.cell(0, 0).paragraphs[0]
    first.add_run("แบบสอบถาม")
    first.add_run().add_break()
    first.add_run("วิธีการสังเกต")
    table.cell(0, 0).add_paragraph("ย่อหน้าที่สอง")
    table.cell(0, 1).paragraphs[0].add_run(
        "ประชุมคณะกรรมการพิจารณา ตรวจสอบ แผนงานและโครงการ เพื่อชี้แจงทิศทางการพัฒนาการศึกษา")
    source = tmp_path / "breaks.docx"
    document.save(str(source))
    with tempfile.TemporaryDirectory() as out:
        target = Path(out) / "breaks.pdf"
        to_pdf(source, target)
        got = next(read_pdf(target).tables())
    want = next(read_docx(source).tables())
    assert [c.lines for c in got.cells] == [c.lines for c in want.cells] == [
        ("แบบสอบถาม", "วิธีการสังเกต", "ย่อหน้าที่สอง"),
        ("ประชุมคณะกรรมการพิจารณา ตรวจสอบ แผนงานและโครงการ เพื่อชี้แจงทิศทางการพัฒนาการศึกษา",),
    ]
