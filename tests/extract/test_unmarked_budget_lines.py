"""Budget items written one a line with no list marker, closed by a total line (issue 9:
nothing dropped).

"ค่าตอบแทนวิทยากร<tab>4,000 บาท" / "ค่าอาหารว่าง<tab>1,500 บาท" / "รวม<tab>5,500 บาท" under the
budget heading: the text budget reader took only marked list items, so these amounts
reached no dataset and the only finding blamed the document (no budget table). The
arithmetic says they are items: they add up to the total line under them.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.extract.budget_text import closing_unmarked_lines
from pipeline.process import process_file
from tests.fixtures.small_plans import plan

D = Decimal
LINES = ["5. งบประมาณ", "ค่าตอบแทนวิทยากร\t4,000 บาท", "ค่าอาหารว่าง\t1,500 บาท", "รวม\t5,500 บาท"]


def _read(path: Path) -> tuple[list[tuple[object, ...]], list[str]]:
    data = process_file(path)
    return ([(b.line_no, b.item, b.compensation, b.total) for b in data.budget_lines],
            sorted(f.kind for f in data.findings))


EXPECTED = ([(1, "ค่าตอบแทนวิทยากร 4,000 บาท", D("4000.00"), D("4000.00")),
             (2, "ค่าอาหารว่าง 1,500 บาท", None, D("1500.00"))], ["missing_section"])


def test_unmarked_lines_closing_on_a_total_are_budget_lines(tmp_path: Path) -> None:
    """Read as items (the first one's category from its name), and the heading is not
    taken to state the first item's 4,000 as the project's budget."""
    assert _read(plan(tmp_path / "plan.docx", budget_text=LINES)) == EXPECTED


def test_only_lines_whose_amounts_close_on_the_total_are_items() -> None:
    assert closing_unmarked_lines(LINES) == [line.replace("\t", " ") for line in LINES[1:]]
    # 4,000 + 1,500 is not 6,000: prose with amounts, not items
    assert closing_unmarked_lines([*LINES[:3], "รวม 6,000 บาท"]) == []
    # no total line under them: nothing says they are items
    assert closing_unmarked_lines(LINES[:3]) == []


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_unmarked_budget_lines_from_untagged_pdf_as_from_docx(tmp_path: Path) -> None:
    from tests.fixtures.build_pdf import to_pdf

    docx = plan(tmp_path / "plan.docx", budget_text=LINES)
    to_pdf(docx, tmp_path / "plan.pdf", tagged=False)
    assert _read(tmp_path / "plan.pdf") == EXPECTED
