"""Tables typed with tabs in a DOCX's paragraphs (`read.tab_tables`, issue 9: nothing dropped).

The untagged PDF of such a budget gives a table by alignment (tests/read/test_pdf_aligned.py,
where both formats go through LibreOffice); here the paragraphs themselves, built by hand,
and a small plan read end to end without LibreOffice.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from docx import Document

from pipeline.model import Block, Paragraph, Table
from pipeline.process import process_file
from pipeline.read.tab_tables import tab_set_tables
from tests.fixtures.small_plans import plan


def _rows(block: Block) -> list[list[tuple[str, bool]]]:
    assert isinstance(block, Table)
    return [[(c.text, c.header) for c in block.origin_cells(r)] for r in range(block.n_rows)]


def test_tab_set_paragraphs_with_money_rows_are_one_table() -> None:
    blocks: list[Block] = [
        Paragraph("5. งบประมาณ"),
        Paragraph("รายการ\tค่าใช้สอย\tรวม", page=3),
        Paragraph("อบรมครู\t1,000\t1,000", page=3),
        Paragraph("ทัศนศึกษา\t6,000\t6,000", page=4),
        Paragraph("หมายเหตุ\tถัวจ่าย\tทุกรายการ", page=4),  # after the last money row
        Paragraph("6. การประเมินผล")]
    out = tab_set_tables(blocks)
    assert [type(b).__name__ for b in out] == ["Paragraph", "Table", "Paragraph", "Paragraph"]
    assert _rows(out[1]) == [
        [("รายการ", True), ("ค่าใช้สอย", True), ("รวม", True)],
        [("อบรมครู", False), ("1,000", False), ("1,000", False)],
        [("ทัศนศึกษา", False), ("6,000", False), ("6,000", False)]]
    assert isinstance(out[1], Table) and out[1].row_pages == [3, 3, 4]
    assert out[2] == blocks[4]


def test_a_lone_money_row_is_a_one_row_table_of_its_cells() -> None:
    [table] = tab_set_tables([Paragraph("ก้อนแรก\t\t4,000\t\t1,000")])
    assert _rows(table) == [[("ก้อนแรก", False), ("4,000", False), ("1,000", False)]]


def test_tabs_without_two_amounts_stay_paragraphs() -> None:
    blocks: list[Block] = [Paragraph("งบประมาณ\t18,500 บาท"),  # a header field: one amount
                           Paragraph("ผู้รับผิดชอบ\tนางสาวสมใจ ใจดี"),
                           Paragraph("ค่าวัสดุ 1,000 บาท ค่าใช้สอย 2,000 บาท")]  # no tabs
    assert tab_set_tables(blocks) == blocks


def test_lone_tab_set_amounts_in_a_docx_are_an_unclassified_table(tmp_path: Path) -> None:
    """As paragraphs their money reached no dataset with nothing said; as a table it counts
    in money_coverage and is quoted in an `unclassified_table` finding."""
    docx = plan(tmp_path / "plan.docx",
                budget_text=["5. งบประมาณ", "ใช้เงินสองก้อน", "ก้อนแรก\t4,000\t1,000"])
    assert "ก้อนแรก\t4,000\t1,000" in [p.text for p in Document(str(docx)).paragraphs]
    data = process_file(docx)
    [finding] = [f for f in data.findings if f.kind == "unclassified_table"]
    assert (finding.actual, finding.message) == (
        Decimal("5000.00"), "table 1 มีจำนวนเงิน 2 ช่อง (ผลรวม 5,000 บาท)"
        " แต่ไม่ได้อ่านเข้าชุดข้อมูลใด: 'คอลัมน์ที่ 2' 4,000; 'คอลัมน์ที่ 3' 1,000")
    assert (data.budget_lines, data.document.money_coverage) == ([], 0.0)
