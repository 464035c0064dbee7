"""The PDF reader on the committed fixture PDFs (made by tests/fixtures/build_pdf.py).

Exact cells, spans and shading of specific tables, the joins across page breaks, page
furniture and printed page numbers, scanned pages and bad files. The table and text tests
read the *untagged* fixtures (`*-untagged.pdf`): they pin the layout reading that untagged
PDFs fall back to (tagged PDFs are read by their structure tree, `test_pdf_tagged.py`). None
of it needs LibreOffice except the tests marked `soffice`.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.errors import ReadError, ScannedDocumentError
from pipeline.model import Cell, Document, Paragraph, Table
from pipeline.process import process_file
from pipeline.read import read_document
from pipeline.read.docx_reader import read_docx
from pipeline.read.ocr import OCR_ENV
from pipeline.read.pdf_join import repeated_header_rows, same_grid
from pipeline.read.pdf_reader import read_pdf
from tests.fixtures.hostile.containers import pdf_file

os.environ["PYTHAINLP_OFFLINE"] = "1"

PDF_DIR = Path(__file__).parent.parent / "fixtures" / "pdf"
SAMPLE = PDF_DIR / "yasothon2-fy2563-untagged.pdf"
SPLIT = PDF_DIR / "split-budget-table-untagged.pdf"
TAGGED_SAMPLE = PDF_DIR / "yasothon2-fy2563.pdf"
TAGGED_SPLIT = PDF_DIR / "split-budget-table.pdf"
FOOTER = "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. ๒๕๖3"
_CACHE: dict[Path, Document] = {}


def read(path: Path) -> Document:
    if not path.exists():
        pytest.skip(f"{path} not built (run: .venv/bin/python -m tests.fixtures.build_pdf)")
    if path not in _CACHE:
        _CACHE[path] = read_pdf(path)
    return _CACHE[path]


def cells_of(table: Table) -> dict[tuple[int, int], Cell]:
    return {(c.row, c.col): c for c in table.cells}


# -- tables ----------------------------------------------------------------------------


def test_summary_table_has_merged_header_cells() -> None:
    table = next(read(SAMPLE).tables())
    cells = cells_of(table)
    header = [(c.row, c.col, c.row_span, c.col_span, c.lines) for c in table.cells if c.row < 2]
    assert header == [
        (0, 0, 2, 1, ("ลำดับความสำคัญ",)),
        (0, 1, 2, 1, ("โครงการ",)),
        (0, 2, 1, 3, ("งบประมาณ",)),
        (0, 5, 2, 1, ("ผู้รับผิดชอบ",)),
        (1, 2, 1, 1, ("สพป.",)),
        (1, 3, 1, 1, ("สพฐ.",)),
        (1, 4, 1, 1, ("หน่วยงานอื่น",)),
    ]
    assert table.n_cols == 6
    row = [cells[(2, c)].lines for c in range(6)]
    assert row == [
        ("๑",),
        ("นิเทศติดตามการบริหารจัดการและการจัดการเรียนรู้สู่การพัฒนาศักยภาพผู้เรียน ศตวรรษที่ 21",),
        ("200,000",), ("-",), ("-",),
        ("กลุ่มนิเทศ ติดตามและประเมินผลการจัดการศึกษา",),
    ]
    assert all(c.fill is None for c in table.cells)


def test_table_over_three_pages_is_one_table_without_repeated_headers() -> None:
    table = next(read(SAMPLE).tables())
    assert table.row_pages == [3, 3, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5]
    assert [c.text for c in table.cells if c.col == 0] == [
        "ลำดับความสำคัญ", "๑", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", ""]
    # row 4 was cut by the page break ("พ.ศ.2563" on page 4): joined back into one row
    assert cells_of(table)[(5, 1)].lines == ("ติดตาม ประเมินผลและรายงาน ประจำปีงบประมาณ พ.ศ.2563",)
    assert table.page_of_row(5) == 3


def test_budget_table_running_over_seven_pages_equals_its_docx_table() -> None:
    """No repeated header row, rows cut by the page breaks: the same grid as the DOCX."""
    pdf_tables = list(read(SPLIT).tables())
    docx_tables = list(read_docx(TAGGED_SPLIT.with_suffix(".docx")).tables())
    budget, want = pdf_tables[2], docx_tables[2]
    assert (budget.n_rows, budget.n_cols) == (want.n_rows, want.n_cols) == (24, 6)
    assert budget.row_pages[0] == 7 and budget.row_pages[-1] == 13
    for cell, expected in zip(sorted(budget.cells, key=lambda c: (c.row, c.col)),
                              sorted(want.cells, key=lambda c: (c.row, c.col)), strict=True):
        assert (cell.row, cell.col, cell.row_span, cell.col_span) == (
            expected.row, expected.col, expected.row_span, expected.col_span)
        # a PDF does not show where a cell's paragraphs break: compare the words
        assert " ".join(cell.lines) == " ".join(line for line in expected.lines if line)
    assert cells_of(budget)[(1, 1)].lines == (
        "ค่าอาหารกลางวันผู้เข้าร่วมประชุมเชิงปฏิบัติการครั้งที่ 1 (20 คน x 120 บาท x 1 วัน)",)


def test_gantt_over_five_pages_keeps_every_shaded_month() -> None:
    gantt = list(read(SPLIT).tables())[1]
    want = list(read_docx(TAGGED_SPLIT.with_suffix(".docx")).tables())[1]
    got = sorted((c.row, c.col, c.row_span, c.col_span, c.lines, c.fill) for c in gantt.cells)
    expected = sorted((c.row, c.col, c.row_span, c.col_span, tuple(x for x in c.lines if x),
                       c.fill) for c in want.cells)
    assert got == expected
    shaded = sorted((c.row, c.col) for c in gantt.cells if c.fill)
    assert shaded[:6] == [(3, 1), (4, 2), (4, 3), (5, 3), (5, 4), (5, 5)]
    assert {c.fill for c in gantt.cells if c.fill} == {"BFBFBF"}
    assert gantt.row_pages[0] == 3 and gantt.row_pages[-1] == 7


def test_header_row_cut_by_the_page_break_is_joined() -> None:
    """The second project's Gantt starts at a page bottom: "ก.พ." is cut after "ก.พ"."""
    gantt = list(read(SPLIT).tables())[4]
    assert gantt.n_rows == 6
    assert [c.text for c in gantt.cells if c.row == 2][4] == "ก.พ."


@pytest.mark.parametrize("name", ["school-fy2566-untagged.pdf", "school-fy2566.pdf"])
def test_turned_month_names_read_up_the_page(name: str) -> None:
    school = read(PDF_DIR / name)
    gantt = next(t for t in school.tables() if t.n_cols == 14)
    months = [c.text for c in gantt.cells if c.row == 1]
    # LibreOffice itself cuts the longest names at the row's height: it does not even
    # write the rest into the page ("พฤศจิกาย"), so the tagged PDF has no more of them
    assert months[0] == "ตุลาคม" and months[2] == "ธันวาคม" and months[-1] == "กันยายน"
    assert months[1] == "พฤศจิกาย" and months[4] == "กุมภาพัน"


def test_amounts_listed_line_by_line_in_a_narrow_cell_stay_apart() -> None:
    """"39" / ",๖๐๐" / "52," / "8๐๐": two amounts, each broken once by a cell too narrow
    for it (right-aligned): the breaks inside each are joined, the two stay apart."""
    table = next(t for t in read(SAMPLE).tables()
                 if any("จำนวน ๒๒๐ คน x 30" in c.text for c in t.cells))
    assert cells_of(table)[(2, 4)].lines == ("39,๖๐๐", "52,8๐๐")
    assert cells_of(table)[(2, 2)].lines == ("39,๖๐๐", "52,8๐๐", "27,6๐๐")


# -- running text ------------------------------------------------------------------------


def test_paragraphs_in_reading_order_with_wrapped_lines_joined() -> None:
    texts = [p.text for p in read(SPLIT).paragraphs() if p.page == 2]
    assert texts[:11] == [
        "โครงการ", "พัฒนาระบบนิเทศภายในสถานศึกษาด้วยเทคโนโลยีดิจิทัล", "แผนงาน",
        "พื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพคน", "ผู้รับผิดชอบ", "นางสาวสมใจ  ใจดี และคณะ",
        "กลุ่มนิเทศ ติดตามและประเมินผล", "ลักษณะโครงการ", "โครงการต่อเนื่อง",
        "ระยะเวลาดำเนินการ", "๑ ตุลาคม ๒๕๖๕ ถึง ๓๐ กันยายน ๒๕๖๖",
    ]
    rationale = texts[13]
    sentence = "การนิเทศภายในเป็นกระบวนการสำคัญที่ช่วยให้ครูพัฒนาการจัดการเรียนรู้อย่างต่อเนื่อง"
    assert rationale == " ".join([sentence] * 6)  # six visual lines, one paragraph


def test_borderless_label_value_rows_become_one_line_each() -> None:
    texts = [p.text for p in read(PDF_DIR / "secondary-fy2567-untagged.pdf").paragraphs()
             if p.page == 5]
    assert "ผู้รับผิดชอบโครงการ ว่าที่ร้อยตรีสมศักดิ์ ใจกล้า" in texts
    assert "กลุ่มงานที่รับผิดชอบ กลุ่มส่งเสริมการจัดการศึกษา" in texts
    assert "ระยะเวลาดำเนินการ ตลอดปีงบประมาณ 2567" in texts


@pytest.mark.parametrize("path", [SAMPLE, TAGGED_SAMPLE])
def test_page_furniture_is_removed_and_page_numbers_kept(path: Path) -> None:
    document = read(path)
    assert document.n_pages == len(document.pages) == 100
    assert document.furniture == [FOOTER]
    assert [p.printed_number for p in document.pages] == [str(n) for n in range(1, 101)]
    assert document.pages[9].furniture == (FOOTER, "หน้า 10")
    texts = [p.text for p in document.paragraphs()]
    assert not any(t == FOOTER or t.startswith("หน้า ") for t in texts)
    assert all(p.has_text for p in document.pages) and document.warnings == []


@pytest.mark.parametrize("path", [SAMPLE, TAGGED_SAMPLE])
def test_every_block_has_its_physical_page(path: Path) -> None:
    document = read(path)
    pages = [b.page for b in document.blocks if isinstance(b, Paragraph | Table)]
    assert None not in pages and pages == sorted(pages)
    assert all(len(t.row_pages) == t.n_rows for t in document.tables())


# -- join rules ------------------------------------------------------------------------------


def test_column_edges_match_within_pdfplumbers_snap_distance() -> None:
    assert same_grid([79.7, 103.7, 274.3, 340.4, 532.8], [79.7, 105.1, 276.7, 340.4, 533.2])
    assert same_grid([10.0, 50.0, 90.0], [10.0, 90.0])  # one lacks an inner edge
    assert not same_grid([10.0, 50.0, 90.0], [10.0, 60.0, 90.0])
    assert not same_grid([10.0, 50.0, 90.0], [30.0, 50.0, 90.0])


def test_repeated_header_may_be_clipped_short() -> None:
    first = [Cell(0, 0, lines=("ลำดับความสำคัญ",)), Cell(0, 1, lines=("โครงการ",)),
             Cell(1, 0, lines=("1",)), Cell(1, 1, lines=("ก",))]
    piece = [Cell(0, 0, lines=("ลำดับความ",)), Cell(0, 1, lines=("โครงการ",)),
             Cell(1, 0, lines=("2",)), Cell(1, 1, lines=("ข",))]
    assert repeated_header_rows(first, piece, 2) == 1
    assert repeated_header_rows(first, piece[2:], 2) == 0


def test_repeated_header_read_twice_by_ocr_may_differ_by_a_few_letters() -> None:
    """Project 2's Gantt header of the secondary-fy2567 scan, as OCR read it on pages 5
    and 6 (a lone "." of each stacked month lost, 7 read ร and ธี / ซี)."""
    months = ["ต.ค", "พ.ย", "ธ.ค", "ม.ค", "ก พ", 'ม "ค', "เม.ย.", "พ.ค่", "ม้ย", "ก.ค", "ส.ค",
              "ก.ย"]
    years = ["6 6"] * 3 + ["6 7"] * 9
    again = [*months[:2], "ญิ.ค", *months[3:]]
    first = [Cell(0, 0, lines=("กิจกรรม",))] + [
        Cell(0, c + 1, lines=(months[c], *years[c].split())) for c in range(12)]
    first[11] = Cell(0, 11, lines=("ส.ค", "6", "ธี"))
    piece = [Cell(0, 0, lines=("กิจกรรม",))] + [
        Cell(0, c + 1, lines=(again[c], *years[c].split())) for c in range(12)]
    piece[11] = Cell(0, 11, lines=("ส.ค", "6", "ซี"))
    body = [Cell(1, 0, lines=("2. จัดค่ายเยาวชน",))] + [
        Cell(1, c + 1, lines=("✓",) if c == 3 else ()) for c in range(12)]
    assert repeated_header_rows(first, [*piece, *body], 1) == 0  # a text PDF's rows: exact
    assert repeated_header_rows(first, [*piece, *body], 1, read_twice=True) == 1
    below = [replace(c, row=0) for c in body]
    assert repeated_header_rows(first, below, 1, read_twice=True) == 0

# -- scanned pages ---------------------------------------------------------------------------


def test_scanned_pdf_is_an_error_naming_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OCR_ENV, "never")  # OCR itself is tested in tests/read/ocr
    path = PDF_DIR / "scanned-plan.pdf"
    if not path.exists():
        pytest.skip("scanned fixture not built")
    with pytest.raises(ScannedDocumentError, match=r"scanned-plan\.pdf: scanned PDF.*OCR"):
        read_pdf(path)
    data = process_file(path)
    assert data.document.status == "failed" and data.projects == [] and data.summary == []
    assert data.errors[0].error_type == "ScannedDocumentError"


def test_scanned_page_in_a_text_pdf_is_reported_and_skipped() -> None:
    document = read_pdf(PDF_DIR / "mixed-scan.pdf", ocr="never")
    assert [p.has_text for p in document.pages] == [True, False, True]
    assert document.warnings == ["page 2 has no text layer (scanned?): needs OCR"]
    assert [(b.page, b.text) for b in document.paragraphs()] == [
        (1, "หน้าที่หนึ่งมีข้อความ"), (3, "หน้าที่สามมีข้อความ")]


# -- bad input ---------------------------------------------------------------------------------


def encrypted_pdf() -> bytes:
    """A one-page PDF behind the standard security handler, with an unknown user password."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
        + b"> >>",
    ]
    file_id = b"<" + b"ab" * 16 + b">"
    return pdf_file(objects, trailer=b"/Encrypt 4 0 R /ID [" + file_id + b" " + file_id + b"] ")


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty file (0 bytes)"),
    (b"Dear colleagues, the plan is attached.", "not a PDF file"),
    (b"%PDF-1.4\n" + bytes(range(256)) * 20, "damaged PDF"),
    (None, "damaged PDF"),  # a real PDF cut short
    (encrypted_pdf(), "password-protected (encrypted) PDF"),
])
def test_bad_files_are_one_line_read_errors(tmp_path: Path, content: bytes | None,
                                            message: str) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(content if content is not None else SPLIT.read_bytes()[:3000])
    with pytest.raises(ReadError) as info:
        read_pdf(path)
    assert str(path) in str(info.value) and message in str(info.value)
    assert "\n" not in str(info.value)
    data = process_file(path)  # in a batch: an errors row, not a crash
    assert data.document.status == "failed" and data.errors[0].stage == "read"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="file not found"):
        read_pdf(tmp_path / "nowhere.pdf")


def test_dispatcher_reads_pdfs_with_this_reader() -> None:
    document = read_document(SPLIT) if SPLIT.exists() else pytest.skip("not built")
    assert document.source_format == "pdf" and document.n_pages == 18


# -- fixture builder -----------------------------------------------------------------------


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_fixtures_are_deterministic(tmp_path: Path) -> None:
    from tests.fixtures.build_pdf import to_pdf

    source = TAGGED_SPLIT.with_suffix(".docx")
    for committed_pdf, tagged in ((TAGGED_SPLIT, True), (SPLIT, False)):
        first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
        to_pdf(source, first, tagged=tagged)
        to_pdf(source, second, tagged=tagged)
        assert first.read_bytes() == second.read_bytes()
        fresh = [b.text if isinstance(b, Paragraph) else None for b in read_pdf(first).blocks]
        committed = [b.text if isinstance(b, Paragraph) else None
                     for b in read(committed_pdf).blocks]
        assert fresh == committed


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_table_ending_mid_page_is_not_continued_by_the_next_pages_table(tmp_path: Path) -> None:
    """A short summary table, a page break, then a project's two-column header form: in a
    short document no page is full, and the form's column edge falls on one of the
    summary's (equal widths), yet it is another table (it was once joined to the summary,
    its labels read as summary projects)."""
    from docx import Document as new_docx

    from tests.fixtures.build_pdf import to_pdf

    doc = new_docx()
    summary = doc.add_table(rows=3, cols=6)
    summary.style = "Table Grid"
    for r, row in enumerate([["ที่", "โครงการ", "สพฐ.", "สพม.", "ระยะเวลา", "ผู้รับผิดชอบ"],
                             ["1", "โครงการลูกเสือ", "30,000", "-", "ธ.ค. 65", "กลุ่มส่งเสริม"],
                             ["", "รวม", "30,000", "-", "", ""]]):
        for c, text in enumerate(row):
            summary.cell(r, c).text = text
    doc.add_page_break()
    form = doc.add_table(rows=2, cols=2)
    form.style = "Table Grid"
    for r, (label, value) in enumerate([("ชื่อโครงการ", "ลูกเสือต้านภัย"),
                                        ("ผู้รับผิดชอบ", "นายวิชัย ศรีสุข")]):
        form.cell(r, 0).text, form.cell(r, 1).text = label, value
    doc.save(tmp_path / "plan.docx")
    to_pdf(tmp_path / "plan.docx", tmp_path / "plan.pdf", tagged=False)
    tables = [b for b in read_pdf(tmp_path / "plan.pdf").blocks if isinstance(b, Table)]
    assert [(t.n_rows, t.n_cols) for t in tables] == [(3, 6), (2, 2)]


SCHOOL_FOOTER = "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2566 โรงเรียนบ้านดอนแก้ววิทยา"


@pytest.mark.parametrize("name", ["school-fy2566.pdf", "school-fy2566-untagged.pdf"])
def test_footer_wrapped_over_two_lines_is_one_text_as_in_the_docx(name: str) -> None:
    """school-fy2566's footer is too long for one line: the PDF sets "...บ้านดอนแก้ว" /
    "วิทยา", the DOCX holds one footer paragraph; both give the same text."""
    document = read(PDF_DIR / name)
    docx = read_docx(Path(__file__).parent.parent / "fixtures" / "docx" / "school-fy2566.docx")
    assert document.furniture == [SCHOOL_FOOTER] == docx.furniture[:1]
    assert document.pages[1].furniture == (SCHOOL_FOOTER, "- 2 -")


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_body_line_repeated_on_every_project_page_is_not_furniture(tmp_path: Path) -> None:
    """Project pages laid out alike: the second line ("สนองยุทธศาสตร์โรงเรียน ข้อ 1") recurs
    at the same height on every page, under a name that differs; it is body, while the
    real footer (the same on every page, with nothing below it) is furniture."""
    from docx import Document as new_docx

    from tests.fixtures.build_pdf import to_pdf

    doc = new_docx()
    doc.sections[0].footer.paragraphs[0].text = "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2567"
    names = ["พัฒนาการอ่าน", "คณิตคิดเร็ว", "อบรมครู"]
    for n, name in enumerate(names):
        doc.add_paragraph(f"ชื่อโครงการ  {name}")
        doc.add_paragraph("สนองยุทธศาสตร์โรงเรียน ข้อ 1")
        doc.add_paragraph(f"ระยะเวลาดำเนินการ  ๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖{7 + n}")
        if n < len(names) - 1:
            doc.add_page_break()
    doc.save(tmp_path / "plan.docx")
    to_pdf(tmp_path / "plan.docx", tmp_path / "plan.pdf", tagged=False)
    document = read_pdf(tmp_path / "plan.pdf")
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert texts.count("สนองยุทธศาสตร์โรงเรียน ข้อ 1") == 3
    assert "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2567" not in texts
    assert [p.furniture for p in document.pages] == [
        ("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2567",)] * 3
