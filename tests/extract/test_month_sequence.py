"""A scan's month header that breaks its run of months (extract/tables.months_in_sequence).

split-budget-table's 150-dpi scan read the Gantt header "มี.ค." as "ม.ค." (the mark of
sara ii lost): a month of its own, so every mark under it moved two months back (five
months of the plan's schedule). Month columns side by side name consecutive months: a
header the columns on both sides contradict is read as the run's month, and said so
(an ocr_uncertain finding). A typed header is left as written.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.table_kinds import month_header_issues
from pipeline.extract.tables import TimeHeader, _month_columns, months_in_sequence, view_table
from pipeline.model import Cell, Table

FISCAL = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.",
          "ส.ค.", "ก.ย."]


def gantt(month_cells: list[str], *, read_by_ocr: bool) -> Table:
    cells = [Cell(0, 0, lines=("กิจกรรม",))]
    cells += [Cell(0, 1 + i, lines=(text,)) for i, text in enumerate(month_cells)]
    cells += [Cell(1, 0, lines=("ประชุม",))]
    cells += [Cell(1, 1 + i, lines=("✓",) if i == 5 else ()) for i in range(len(month_cells))]
    return Table(cells=cells, n_rows=2, n_cols=1 + len(month_cells), read_by_ocr=read_by_ocr)


def month_numbers(table: Table) -> list[int | None]:
    return [h.month for _, h in sorted(_month_columns(table, 1).items())]


def test_a_scanned_header_between_two_months_is_the_month_between_them() -> None:
    misread = [*FISCAL[:5], "ม.ค.", *FISCAL[6:]]
    assert month_numbers(gantt(misread, read_by_ocr=True)) == [10, 11, 12, 1, 2, 3, 4, 5, 6,
                                                               7, 8, 9]
    assert month_numbers(gantt(misread, read_by_ocr=False)) == [10, 11, 12, 1, 2, 1, 4, 5, 6,
                                                                7, 8, 9]


def test_the_first_and_last_headers_follow_the_next_two() -> None:
    first = ["ม.ค.", *FISCAL[1:]]  # ต.ค. misread
    last = [*FISCAL[:11], "ก.พ."]  # ก.ย. misread
    assert month_numbers(gantt(first, read_by_ocr=True))[0] == 10
    assert month_numbers(gantt(last, read_by_ocr=True))[-1] == 9


def test_two_neighbours_that_disagree_leave_the_header_as_read() -> None:
    """ก.พ. between ธ.ค. and เม.ย. (two misreads side by side): no run says which."""
    headers = {0: TimeHeader("ธ.ค.", 12, None), 1: TimeHeader("ก.พ.", 2, None),
               2: TimeHeader("ม.ค.", 1, None), 3: TimeHeader("เม.ย.", 4, None)}
    assert months_in_sequence(headers) == headers


def test_the_corrected_header_is_an_ocr_uncertain_finding(tmp_path: Path) -> None:
    view = view_table(gantt([*FISCAL[:5], "ม.ค.", *FISCAL[6:]], read_by_ocr=True), table_no=4)
    [issue] = month_header_issues(view)
    assert issue.kind.value == "ocr_uncertain"
    assert issue.message == (
        "page None: a Gantt month header read 'ม.ค.' (month 1) between the months of the"
        " columns beside it; taken as มี.ค. (month 3), the month its place in the run of"
        " months says")
