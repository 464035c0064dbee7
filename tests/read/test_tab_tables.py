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
from pipeline.read.tab_tables import skipped_stops_filled, tab_set_tables
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


# A long item runs past the first tab stop: typed with one tab fewer, it has one cell fewer.
SKIPPING = ["5. งบประมาณ", "รายการ\t\tค่าตอบแทน\tค่าใช้สอย\tรวม", "อบรมครู\t\t1,000\t2,000\t3,000",
            "ทัศนศึกษาแหล่งเรียนรู้นอกสถานที่\t-\t4,000\t4,000",
            "ประชุมผู้ปกครอง\t\t500\t1,000\t1,500", "รวม\t\t1,500\t7,000\t8,500"]


def test_a_row_whose_long_cell_skips_a_tab_stop_stays_in_its_table() -> None:
    """It split the table in three (the row alone, money counted but columns unmapped);
    the stop it skipped is put back after its long cell, where its amounts fall in the
    table's amount columns."""
    [heading, table] = tab_set_tables([Paragraph(text) for text in SKIPPING])
    assert heading == Paragraph("5. งบประมาณ")
    assert [[text for text, _ in row] for row in _rows(table)] == [
        ["รายการ", "", "ค่าตอบแทน", "ค่าใช้สอย", "รวม"], ["อบรมครู", "", "1,000", "2,000", "3,000"],
        ["ทัศนศึกษาแหล่งเรียนรู้นอกสถานที่", "", "-", "4,000", "4,000"],
        ["ประชุมผู้ปกครอง", "", "500", "1,000", "1,500"], ["รวม", "", "1,500", "7,000", "8,500"]]
    assert [header for header, in [{h for _, h in row} for row in _rows(table)]] == [
        True, False, False, False, False]


def test_a_row_that_skipped_a_stop_gives_its_budget_line(tmp_path: Path) -> None:
    data = process_file(plan(tmp_path / "plan.docx", budget_text=SKIPPING))
    D = Decimal
    lines = [(b.line_no, b.item, b.compensation, b.operating, b.total) for b in data.budget_lines]
    assert lines == [
        (1, "อบรมครู", D("1000.00"), D("2000.00"), D("3000.00")),
        (2, "ทัศนศึกษาแหล่งเรียนรู้นอกสถานที่", D("0.00"), D("4000.00"), D("4000.00")),
        (3, "ประชุมผู้ปกครอง", D("500.00"), D("1000.00"), D("1500.00"))]
    assert [f.kind for f in data.findings if f.kind != "missing_section"] == []
    assert data.document.money_coverage == 1.0


def test_a_shorter_row_joins_only_where_its_cells_align() -> None:
    table = [["รายการ", "", "ค่าใช้สอย", "รวม"], ["อบรมครู", "", "1,000", "1,000"]]
    assert skipped_stops_filled(["ทัศนศึกษาแหล่งเรียนรู้", "6,000", "6,000"], table) == [
        "ทัศนศึกษาแหล่งเรียนรู้", "", "6,000", "6,000"]
    # words would fall in an amount column wherever the stop is put back
    assert skipped_stops_filled(["หมายเหตุ", "ถัวจ่าย", "6,000"], table) is None
    # no amount: a line of text spaced with tabs, not a row of the table
    assert skipped_stops_filled(["หมายเหตุ", "ถัวจ่ายทุกรายการ"], table) is None
    # as many cells as the table: nothing was skipped
    assert skipped_stops_filled(["ก", "", "1,000", "1,000"], table) is None


def test_a_row_with_fewer_cells_that_does_not_align_stays_apart() -> None:
    lines = [Paragraph("รายการ\t\tค่าใช้สอย\tรวม"), Paragraph("อบรมครู\t\t1,000\t1,000"),
             Paragraph("หมายเหตุ\tถัวจ่าย\t6,000")]
    out = tab_set_tables(lines)
    assert [type(b).__name__ for b in out] == ["Table", "Paragraph"]
    assert out[1] == lines[2]


def test_a_row_starting_with_a_tab_keeps_its_empty_first_cell() -> None:
    """"<tab>ค่าเดินทาง<tab>500<tab>500" (no row number) lost its first cell, fell out of its
    table, and with one amount left stayed a paragraph: its money in no dataset."""
    lines = [Paragraph("ที่\tรายการ\tค่าใช้สอย\tรวม"), Paragraph("1\tอบรมครู\t1,000\t1,000"),
             Paragraph("\tค่าเดินทาง\t500\t500"), Paragraph("\tรวม\t1,500\t1,500")]
    [table] = tab_set_tables(lines)
    assert [[text for text, _ in row] for row in _rows(table)] == [
        ["ที่", "รายการ", "ค่าใช้สอย", "รวม"], ["1", "อบรมครู", "1,000", "1,000"],
        ["", "ค่าเดินทาง", "500", "500"], ["", "รวม", "1,500", "1,500"]]
