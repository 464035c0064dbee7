"""A scanned table continued after a page break, its header read a little differently
the second time (issue 13, yasothon2-fy2563's scan: 'ค่าวัสดุ' then 'ค่าวัสดุ / จ'), is one
table: read as two, each with its grand total, the project's budget came out double."""

from __future__ import annotations

from pipeline.extract.tables import same_columns, view_table
from pipeline.model import Cell, Table

HEADER = ["กิจกรรม", "ค่าตอบแทน", "ค่าใช้สอย", "ค่าวัสดุ", "รวม"]


def table(header: list[str], body: list[str], *, read_by_ocr: bool) -> Table:
    cells = [Cell(row=r, col=c, lines=(text,)) for r, row in enumerate([header, body])
             for c, text in enumerate(row)]
    return Table(cells=cells, n_rows=2, n_cols=len(header), read_by_ocr=read_by_ocr)


def test_a_scanned_header_read_a_little_differently_continues_its_table() -> None:
    first = view_table(table(HEADER, ["๑. ประชุม", "-", "1,080", "-", "1,080"],
                             read_by_ocr=True))
    again = ["กิจกรรม", "คาตอบแทน", "ค่าใช้สอย", "ค่าวัสดุ / จ", "รวม"]  # a mark lost, a speck
    assert same_columns(first, view_table(table(again, ["๒. สรุป", "-", "-", "-", "-"],
                                                read_by_ocr=True)))


def test_a_text_pdfs_tables_continue_only_under_the_same_header() -> None:
    first = view_table(table(HEADER, ["๑. ประชุม", "-", "1,080", "-", "1,080"],
                             read_by_ocr=False))
    again = ["กิจกรรม", "คาตอบแทน", "ค่าใช้สอย", "ค่าวัสดุ / จ", "รวม"]
    assert not same_columns(first, view_table(table(again, ["๒. สรุป", "-", "-", "-", "-"],
                                                    read_by_ocr=False)))
    assert same_columns(first, view_table(table(HEADER, ["๒. สรุป", "-", "-", "-", "-"],
                                                read_by_ocr=False)))


def test_scanned_tables_under_different_headers_stay_apart() -> None:
    budget = view_table(table(HEADER, ["๑. ประชุม", "-", "1,080", "-", "1,080"],
                              read_by_ocr=True))
    other = ["ตัวชี้วัด", "วิธีวัด", "เครื่องมือ", "ค่าเป้าหมาย", "หมายเหตุ"]
    assert not same_columns(budget, view_table(table(other, ["ร้อยละ 80", "สอบถาม",
                                                             "แบบสอบถาม", "80", ""],
                                                     read_by_ocr=True)))
