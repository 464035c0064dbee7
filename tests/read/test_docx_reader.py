"""DOCX reader: cell geometry from gridSpan/vMerge, shading, numbering, breaks, bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from pipeline.errors import ReadError
from pipeline.model import PageBreak, Paragraph, Table
from pipeline.read import detect_format
from pipeline.read.docx_reader import read_docx


def _shade(cell: docx.table._Cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _budget_header_docx(path: Path) -> None:
    """The sample's budget header: "งบประมาณ" over three categories, "ที่" over two rows."""
    document = docx.Document()
    document.add_paragraph("๕. รายละเอียดการใช้งบประมาณ")
    table = document.add_table(rows=3, cols=5)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "ที่"
    table.cell(0, 1).merge(table.cell(0, 3)).text = "งบประมาณ"
    table.cell(0, 4).merge(table.cell(1, 4)).text = "รวม"
    for col, label in enumerate(("ค่าตอบแทน", "ค่าใช้สอย", "ค่าวัสดุ"), start=1):
        table.cell(1, col).text = label
    row = table.rows[2].cells
    row[0].text = "๑\n๒"
    row[1].text = ""
    row[1].add_paragraph("")
    row[2].text = "39,๖๐๐"
    row[2].add_paragraph("52,8๐๐")
    _shade(row[3], "BFBFBF")
    row[4].text = "92,4๐๐"
    document.add_paragraph("หลังตาราง")
    document.save(str(path))


def test_merged_header_cells_keep_their_spans(tmp_path: Path) -> None:
    path = tmp_path / "budget.docx"
    _budget_header_docx(path)
    blocks = read_docx(path).blocks
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "๕. รายละเอียดการใช้งบประมาณ"
    table = blocks[1]
    assert isinstance(table, Table)
    assert (table.n_rows, table.n_cols) == (3, 5)
    spans = {(c.row, c.col): (c.row_span, c.col_span, c.text) for c in table.cells}
    assert spans[(0, 0)] == (2, 1, "ที่")
    assert spans[(0, 1)] == (1, 3, "งบประมาณ")
    assert spans[(0, 4)] == (2, 1, "รวม")
    assert spans[(1, 1)] == (1, 1, "ค่าตอบแทน")
    assert (1, 0) not in spans and (0, 2) not in spans  # covered, not separate cells
    assert isinstance(blocks[2], Paragraph) and blocks[2].text == "หลังตาราง"


def test_cell_lines_keep_empty_paragraphs_and_breaks(tmp_path: Path) -> None:
    path = tmp_path / "budget.docx"
    _budget_header_docx(path)
    table = read_docx(path).blocks[1]
    assert isinstance(table, Table)
    cells = {(c.row, c.col): c for c in table.cells}
    assert cells[(2, 0)].lines == ("๑", "๒")  # a line break inside one paragraph
    assert cells[(2, 1)].lines == ("", "")  # two empty paragraphs
    assert cells[(2, 2)].lines == ("39,๖๐๐", "52,8๐๐")


def test_cell_shading_is_kept_as_fill(tmp_path: Path) -> None:
    path = tmp_path / "budget.docx"
    _budget_header_docx(path)
    table = read_docx(path).blocks[1]
    assert isinstance(table, Table)
    fills = {(c.row, c.col): c.fill for c in table.cells}
    assert fills[(2, 3)] == "BFBFBF"
    assert fills[(2, 2)] is None


def test_page_breaks_nested_tables_and_furniture(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. ๒๕๖3"
    run = document.add_paragraph("หน้าแรก").add_run()
    run.add_break(WD_BREAK.PAGE)
    document.add_paragraph("โครงการ")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "นอก"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "ใน"
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    result = read_docx(path)
    kinds = [type(b).__name__ for b in result.blocks]
    assert kinds == ["Paragraph", "PageBreak", "Paragraph", "Table"]
    assert isinstance(result.blocks[1], PageBreak)
    table = result.blocks[3]
    assert isinstance(table, Table)
    nested = next(c for c in table.cells if c.col == 1).tables
    assert len(nested) == 1 and nested[0].cells[0].text == "ใน"
    assert result.furniture == ["แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. ๒๕๖3"]


def test_automatic_numbering_is_rendered(tmp_path: Path) -> None:
    document = docx.Document()
    for text in ("หลักการและเหตุผล", "วัตถุประสงค์", "เป้าหมาย"):
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    paragraphs = [b for b in read_docx(path).blocks if isinstance(b, Paragraph)]
    assert [p.full_text for p in paragraphs] == [
        "1. หลักการและเหตุผล", "2. วัตถุประสงค์", "3. เป้าหมาย"]
    assert paragraphs[0].style == "List Number"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.docx", "empty file"),
        (b"this is text, not a Word file", "notes.docx", "not a Word .docx file"),
        (b"PK\x03\x04broken zip", "broken.docx", "not a Word .docx file"),
    ],
)
def test_bad_files_raise_a_clear_read_error(
    tmp_path: Path, content: bytes, name: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_docx(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_zip_that_is_not_a_word_package(tmp_path: Path) -> None:
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "สวัสดี")
    with pytest.raises(ReadError, match=r"not a Word \.docx package"):
        read_docx(path)


def test_pdf_content_with_docx_name_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(b"%PDF-1.7\n%...")
    with pytest.raises(ReadError, match="its content is PDF"):
        detect_format(path)


def test_docx_that_unpacks_to_gigabytes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/media/filler.bin", "w", force_zip64=True) as filler:
            chunk = b"\0" * (1 << 24)
            for _ in range(64):  # 1 GiB of zeros, a few MB on disk
                filler.write(chunk)
    with pytest.raises(ReadError, match=r"refused: the \.docx unpacks to"):
        read_docx(path)
