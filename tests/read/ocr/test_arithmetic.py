"""The table's arithmetic choosing among confusable OCR readings of Thai digits.

Synthetic budget tables in the layout of the fixture plans' budget lines (categories, then
a "รวม" column; a "รวม" total row): a ๔ that tesseract read as ๕ while the classifier was
not sure (the issue's ๔9,๐๐๐ -> 59,000), two doubtful cells that close either way, and a
row that no reading closes.
"""

from __future__ import annotations

from decimal import Decimal

from pipeline.model import Cell, Document, Table, UncertainReading
from pipeline.process import ocr_findings
from pipeline.read.ocr.arithmetic import (
    Product,
    Stated,
    Sum,
    candidates,
    settle_document,
    stated_amounts,
    table_sums,
    unit_price_products,
)

HEADER = ("รายการ", "ค่าตอบแทน", "ค่าใช้สอย", "ค่าวัสดุ", "รวม")


def budget_table(*lines: tuple[str, ...]) -> Table:
    rows = [HEADER, *lines]
    cells = [Cell(r, c, lines=(text,)) for r, row in enumerate(rows)
             for c, text in enumerate(row)]
    return Table(cells, n_rows=len(rows), n_cols=len(HEADER), row_pages=[3] * len(rows))


def document_of(table: Table) -> Document:
    return Document("plan.pdf", "pdf", [table])


def text_at(table: Table, row: int, col: int) -> str:
    return next(c.text for c in table.cells if (c.row, c.col) == (row, col))


def test_candidates_swap_only_the_glyphs_the_two_readings_disagree_on() -> None:
    assert candidates("๕๙,๐๐๐", "๔๙,๐๐๐") == ["๕๙,๐๐๐", "๔๙,๐๐๐", "๘๙,๐๐๐"]
    # "m" is a misread ๓: the reading with it is no number, so it is no candidate.
    assert candidates("๑๓,๕๐๐", "๑m,๕๐๐") == ["๑๓,๕๐๐", "๑๗,๕๐๐"]


def test_sums_come_from_the_total_column_and_the_total_row() -> None:
    table = budget_table(("อบรม", "๕,๐๐๐", "๔,๐๐๐", "-", "๙,๐๐๐"),
                         ("รวม", "๕,๐๐๐", "๔,๐๐๐", "-", "๙,๐๐๐"))
    assert table_sums(table) == [
        Sum(((1, 1),), (2, 1), "column 2 total in row 3"),
        Sum(((1, 2),), (2, 2), "column 3 total in row 3"),
        Sum(((1, 3),), (2, 3), "column 4 total in row 3"),
        Sum(((1, 4),), (2, 4), "column 5 total in row 3"),
        Sum(((1, 1), (1, 2), (1, 3)), (1, 4), "row 2 total in column 5"),
        Sum(((2, 1), (2, 2), (2, 3)), (2, 4), "row 3 total in column 5"),
    ]


def test_a_thai_four_read_as_five_is_restored_by_the_row_sum_with_a_finding() -> None:
    table = budget_table(("อบรมครู", "๕๙,๐๐๐", "๑๐,๐๐๐", "๑,๐๐๐", "๖๐,๐๐๐"))
    doubt = UncertainReading(3, ocr="๕๙,๐๐๐", classified="๔๙,๐๐๐", kept="๕๙,๐๐๐")
    document = document_of(table)
    settled = settle_document(document, [doubt])
    assert text_at(table, 1, 1) == "๔๙,๐๐๐"
    assert [(r.kept, r.reason) for r in settled] == [(
        "๔๙,๐๐๐",
        "'๔๙,๐๐๐' chosen: the only reading with which the sums close"
        " (row 2 total in column 5)")]
    document.uncertain = settled
    [finding] = ocr_findings("doc", document)
    assert finding.kind == "ocr_uncertain"
    assert finding.message == (
        "page 3: a number read '๕๙,๐๐๐' by tesseract and '๔๙,๐๐๐' by the digit"
        " classifier; '๔๙,๐๐๐' kept: '๔๙,๐๐๐' chosen: the only reading with which the"
        " sums close (row 2 total in column 5)")
    assert (finding.expected, finding.actual, finding.source_page) == (
        Decimal(49000), Decimal(59000), 3)


def test_two_readings_that_both_close_leave_the_cells_as_read() -> None:
    table = budget_table(("อบรมครู", "๕,๐๐๐", "๔,๐๐๐", "-", "๙,๐๐๐"))
    first = UncertainReading(3, ocr="๕,๐๐๐", classified="๔,๐๐๐", kept="๕,๐๐๐")
    second = UncertainReading(3, ocr="๕,๐๐๐", classified="๔,๐๐๐", kept="๔,๐๐๐")
    settled = settle_document(document_of(table), [first, second])
    assert (text_at(table, 1, 1), text_at(table, 1, 2)) == ("๕,๐๐๐", "๔,๐๐๐")
    assert [(r.kept, r.reason) for r in settled] == [
        ("๕,๐๐๐", "2 readings close the sums ('๔,๐๐๐' or '๕,๐๐๐'): none chosen, kept as"
                   " read (row 2 total in column 5)"),
        ("๔,๐๐๐", "2 readings close the sums ('๔,๐๐๐' or '๕,๐๐๐'): none chosen, kept as"
                   " read (row 2 total in column 5)"),
    ]


def test_a_row_no_reading_closes_is_kept_as_read_and_said() -> None:
    table = budget_table(("อบรมครู", "๕๙,๐๐๐", "๑๐,๐๐๐", "๑,๐๐๐", "๘๐,๐๐๐"))
    doubt = UncertainReading(3, ocr="๕๙,๐๐๐", classified="๔๙,๐๐๐", kept="๕๙,๐๐๐")
    settled = settle_document(document_of(table), [doubt])
    assert text_at(table, 1, 1) == "๕๙,๐๐๐"
    assert [(r.kept, r.reason) for r in settled] == [
        ("๕๙,๐๐๐", "no reading closes the sums; kept as read (row 2 total in column 5)")]


def test_a_reading_on_another_page_is_left_to_its_own_finding() -> None:
    table = budget_table(("อบรมครู", "๕๙,๐๐๐", "๑๐,๐๐๐", "๑,๐๐๐", "๖๐,๐๐๐"))
    doubt = UncertainReading(4, ocr="๕๙,๐๐๐", classified="๔๙,๐๐๐", kept="๕๙,๐๐๐")
    assert settle_document(document_of(table), [doubt]) == [doubt]
    assert text_at(table, 1, 1) == "๕๙,๐๐๐"


def test_a_reading_two_cells_hold_is_not_settled_which_cell_was_doubtful_is_unknown() -> None:
    # secondary-fy2567 rotated scan, page 4: '7,200' kept in a line and in its total.
    table = budget_table(("อบรมครู", "๗,๒๐๐", "-", "-", "๗,๒๐๐"))
    doubt = UncertainReading(3, ocr="๑,๒๐๐", classified="๗,๒๐๐", kept="๗,๒๐๐")
    assert settle_document(document_of(table), [doubt]) == [doubt]


LINE_HEADER = ("ที่", "รายการ", "จำนวนเงิน (บาท)")


def lines_table(*lines: tuple[str, str, str]) -> Table:
    """A budget table in the layout of the fixture plans' project budgets: category rows
    carrying their subtotal, item rows under them, a grand total."""
    rows = [LINE_HEADER, *lines]
    cells = [Cell(r, c, lines=(text,)) for r, row in enumerate(rows)
             for c, text in enumerate(row)]
    return Table(cells, n_rows=len(rows), n_cols=len(LINE_HEADER), row_pages=[4] * len(rows))


# As read: the ๔ of ๔,๖๐๐ (ค่าอาหารว่าง) read as ๕, so ค่าใช้สอย's items do not add up.
SUBTOTALLED = (
    ("๑.", "ค่าตอบแทน", "๗,๒๐๐"),
    ("", "- ค่าตอบแทนวิทยากร ๒ คน x ๖ ชั่วโมง", "๗,๒๐๐"),
    ("๒.", "ค่าใช้สอย", "๒๖,๘๐๐"),
    ("", "- ค่าอาหารกลางวัน", "๙,๖๐๐"),
    ("", "- ค่าอาหารว่าง", "๕,๖๐๐"),
    ("", "- ค่าจ้างเหมารถโดยสาร", "๑๒,๖๐๐"),
    ("๓.", "ค่าวัสดุ", "๑๐,๐๐๐"),
    ("", "- วัสดุอุปกรณ์ฝึกซ้อม", ""),
    ("รวมทั้งสิ้น", "", "๔๔,๐๐๐"),
)


def test_category_rows_are_subtotals_of_their_items_and_the_total_counts_the_items() -> None:
    # ค่าวัสดุ has no item amount under it: there it is itself a line of the total.
    assert table_sums(lines_table(*SUBTOTALLED)) == [
        Sum(((2, 2), (4, 2), (5, 2), (6, 2), (7, 2)), (9, 2), "column 3 total in row 10"),
        Sum(((2, 2),), (1, 2), "column 3 subtotal in row 2"),
        Sum(((4, 2), (5, 2), (6, 2)), (3, 2), "column 3 subtotal in row 4"),
    ]


def test_a_four_read_as_five_under_a_subtotal_is_restored_by_subtotal_and_total() -> None:
    # ๙,๖๐๐ + ๔,๖๐๐ + ๑๒,๖๐๐ = ๒๖,๘๐๐, and the item rows add up to ๔๔,๐๐๐
    table = lines_table(*SUBTOTALLED)
    doubt = UncertainReading(4, ocr="๕,๖๐๐", classified="๔,๖๐๐", kept="๕,๖๐๐")
    settled = settle_document(document_of(table), [doubt])
    assert text_at(table, 5, 2) == "๔,๖๐๐"
    assert [(r.kept, r.reason) for r in settled] == [(
        "๔,๖๐๐",
        "'๔,๖๐๐' chosen: the only reading with which the sums close"
        " (column 3 total in row 10; column 3 subtotal in row 4)")]


def test_a_subtotal_that_does_not_close_is_said() -> None:
    rows = [row if row[2] != "๒๖,๘๐๐" else (*row[:2], "๒๘,๘๐๐") for row in SUBTOTALLED]
    table = lines_table(*rows)
    doubt = UncertainReading(4, ocr="๕,๖๐๐", classified="๔,๖๐๐", kept="๕,๖๐๐")
    settled = settle_document(document_of(table), [doubt])
    assert text_at(table, 5, 2) == "๕,๖๐๐"
    assert [(r.kept, r.reason) for r in settled] == [(
        "๕,๖๐๐", "no reading closes the sums; kept as read"
                 " (column 3 total in row 10; column 3 subtotal in row 4)")]


# -- a row's cost formula as weaker evidence ------------------------------------------------

MEALS = "- ค่าอาหาร ๘๐ คน x ๕๐ บาท"  # ๔,๐๐๐ baht


def test_a_rows_cost_formula_states_its_only_amount_and_a_row_costed_in_parts_states_none(
        ) -> None:
    table = lines_table(("๑", MEALS, "๕,๐๐๐"),
                        ("๒", "- ค่าวิทยากร ๒ คน x ๖๐๐ บาท และ ๑ คน x ๑,๒๐๐ บาท", "๒,๔๐๐"),
                        ("๓", "- ค่าวัสดุอุปกรณ์", "๑,๐๐๐"))
    assert stated_amounts(table) == [
        Stated((1, 2), Decimal(4000), "the cost formula '๘๐ คน x ๕๐ บาท' in row 2")]
    # with category columns and a total column, the formula states the total cell
    wide = budget_table(("อบรมครู ๕๐ คน x ๑๘๐ บาท", "-", "๙,๐๐๐", "-", "๙,๐๐๐"))
    assert stated_amounts(wide) == [
        Stated((1, 4), Decimal(9000), "the cost formula '๕๐ คน x ๑๘๐ บาท' in row 2")]


def test_where_no_sum_checks_a_cell_its_rows_formula_alone_chooses() -> None:
    table = lines_table(("๑", MEALS, "๕,๐๐๐"))
    doubt = UncertainReading(4, ocr="๕,๐๐๐", classified="๔,๐๐๐", kept="๕,๐๐๐")
    settled = settle_document(document_of(table), [doubt])
    assert text_at(table, 1, 2) == "๔,๐๐๐"
    assert [(r.kept, r.reason) for r in settled] == [(
        "๔,๐๐๐", "'๔,๐๐๐' chosen: the only reading that agrees with the cost formula"
                 " '๘๐ คน x ๕๐ บาท' in row 2 (no sum of the table checks it)")]


def test_a_formula_no_reading_agrees_with_keeps_the_cell_as_read() -> None:
    table = lines_table(("๑", "- ค่าอาหาร ๘๐ คน x ๖๐ บาท", "๕,๐๐๐"))
    doubt = UncertainReading(4, ocr="๕,๐๐๐", classified="๔,๐๐๐", kept="๕,๐๐๐")
    settled = settle_document(document_of(table), [doubt])
    assert text_at(table, 1, 2) == "๕,๐๐๐"
    assert [(r.kept, r.reason) for r in settled] == [(
        "๕,๐๐๐", "no sum of the table checks it and no reading agrees with the cost"
                 " formula '๘๐ คน x ๖๐ บาท' in row 2; kept as read")]


def test_of_two_readings_that_close_the_total_the_formula_chooses_one() -> None:
    # ๕,๐๐๐ + ๔,๐๐๐ and ๔,๐๐๐ + ๕,๐๐๐ both make ๙,๐๐๐; the meals cost ๔,๐๐๐
    table = lines_table(("๑", MEALS, "๕,๐๐๐"), ("๒", "- วัสดุอุปกรณ์", "๔,๐๐๐"),
                        ("รวมทั้งสิ้น", "", "๙,๐๐๐"))
    first = UncertainReading(4, ocr="๕,๐๐๐", classified="๔,๐๐๐", kept="๕,๐๐๐")
    second = UncertainReading(4, ocr="๕,๐๐๐", classified="๔,๐๐๐", kept="๔,๐๐๐")
    settled = settle_document(document_of(table), [first, second])
    assert (text_at(table, 1, 2), text_at(table, 2, 2)) == ("๔,๐๐๐", "๕,๐๐๐")
    why = ("2 readings close the sums (column 3 total in row 4); of them only this one"
           " agrees with the cost formula '๘๐ คน x ๕๐ บาท' in row 2")
    assert [(r.kept, r.reason) for r in settled] == [
        ("๔,๐๐๐", f"'๔,๐๐๐' chosen: {why}"), ("๕,๐๐๐", f"'๕,๐๐๐' chosen: {why}")]


def test_a_formula_never_overrules_the_sums() -> None:
    # the formula says ๔,๐๐๐ but only ๕,๐๐๐ closes the total: the sums win
    table = lines_table(("๑", MEALS, "๕,๐๐๐"), ("๒", "- วัสดุอุปกรณ์", "๑,๐๐๐"),
                        ("รวมทั้งสิ้น", "", "๖,๐๐๐"))
    doubt = UncertainReading(4, ocr="๕,๐๐๐", classified="๔,๐๐๐", kept="๕,๐๐๐")
    settled = settle_document(document_of(table), [doubt])
    assert text_at(table, 1, 2) == "๕,๐๐๐"
    assert [(r.kept, r.reason) for r in settled] == [(
        "๕,๐๐๐", "the only reading with which the sums close (column 3 total in row 4)")]


PRICED_HEADER = ("ที่", "รายการ", "จำนวน", "ราคาต่อหน่วย (บาท)", "จำนวนเงิน (บาท)")


def priced_table(*lines: tuple[str, ...]) -> Table:
    rows = [PRICED_HEADER, *lines]
    cells = [Cell(r, c, lines=(text,)) for r, row in enumerate(rows)
             for c, text in enumerate(row)]
    return Table(cells, n_rows=len(rows), n_cols=len(PRICED_HEADER), row_pages=[5] * len(rows))


def test_quantity_and_unit_price_columns_state_each_rows_amount() -> None:
    table = priced_table(("๑", "เสื้อทีม", "๒๐ ตัว", "๕๕๐", "๙,๐๐๐"),
                         ("๒", "ค่าจ้างเหมาเวที", "", "", "๓,๐๐๐"))
    assert unit_price_products(table) == [
        Product((((1, 2), Decimal(20)), ((1, 3), Decimal(550))), ((1, 4), Decimal(9000)),
                "quantity x unit price in row 2")]


def test_where_no_sum_checks_a_unit_price_quantity_x_price_alone_chooses() -> None:
    # ๒๐ x ๔๕๐ = ๙,๐๐๐: the ๔ of the price was read as ๕
    table = priced_table(("๑", "เสื้อทีม", "๒๐ ตัว", "๕๕๐", "๙,๐๐๐"))
    doubt = UncertainReading(5, ocr="๕๕๐", classified="๔๕๐", kept="๕๕๐")
    settled = settle_document(document_of(table), [doubt])
    assert text_at(table, 1, 3) == "๔๕๐"
    assert [(r.kept, r.reason) for r in settled] == [(
        "๔๕๐", "'๔๕๐' chosen: the only reading that agrees with quantity x unit price in"
               " row 2 (no sum of the table checks it)")]
