"""A budget section written as sentences, with no table, no list marker and no total line
(issue 9: no money left silent).

"จัดซื้อวัสดุ เป็นเงิน 5,000 บาท" / "ค่าอาหารว่าง เป็นเงิน 1,500 บาท" under the budget heading
reached no dataset and no finding, and the heading was read with the first line as the
project's stated budget (5,000). Lines that name an item and end with its amount in baht
are budget lines where the stated budget is their sum or none is stated; any amount of
the text no reading takes counts in money_coverage and is quoted in an
`unclassified_text` finding.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.extract.budget_text import amount_clauses, is_item_line, stated_item_lines
from pipeline.extract.sections import section_heading
from pipeline.normalize.vocabulary.plan import Section
from pipeline.process import process_file
from pipeline.records import PlanData
from tests.fixtures.small_plans import plan

D = Decimal
MATERIALS = "จัดซื้อวัสดุ เป็นเงิน 5,000 บาท"
SNACKS = "ค่าอาหารว่าง เป็นเงิน 1,500 บาท"


def _run(tmp_path: Path, budget_text: list[str]) -> PlanData:
    return process_file(plan(tmp_path / "plan.docx", budget_text=budget_text))


def _lines(data: PlanData) -> list[tuple[int, str, Decimal | None]]:
    return [(b.line_no, b.item, b.total) for b in data.budget_lines]


def _text_findings(data: PlanData) -> list[tuple[Decimal | None, str]]:
    return [(f.actual, f.message) for f in data.findings if f.kind == "unclassified_text"]


def test_item_sentences_without_a_stated_budget_are_budget_lines(tmp_path: Path) -> None:
    data = _run(tmp_path, ["5. งบประมาณ", MATERIALS, SNACKS])
    assert _lines(data) == [(1, MATERIALS, D("5000")), (2, SNACKS, D("1500"))]
    assert data.projects[0].budget_stated is None  # not the first item's 5,000
    assert data.projects[0].budget_table_total == D("6500")
    assert _text_findings(data) == []
    assert data.document.money_coverage == 1.0


def test_item_sentences_adding_up_to_the_stated_budget_are_budget_lines(tmp_path: Path) -> None:
    data = _run(tmp_path, ["5. งบประมาณ จำนวน 6,500 บาท", MATERIALS, SNACKS])
    assert _lines(data) == [(1, MATERIALS, D("5000")), (2, SNACKS, D("1500"))]
    assert data.projects[0].budget_stated == D("6500.00")
    assert _text_findings(data) == []
    assert data.document.money_coverage == 1.0  # the stated 6,500 and both items


def test_item_sentences_the_stated_budget_contradicts_are_reported(tmp_path: Path) -> None:
    """5,000 + 1,500 is not 7,000: perhaps not items at all; kept out of budget_lines, but
    counted and quoted."""
    data = _run(tmp_path, ["5. งบประมาณ จำนวน 7,000 บาท", MATERIALS, SNACKS])
    assert _lines(data) == []
    assert data.projects[0].budget_stated == D("7000.00")
    assert _text_findings(data) == [(
        D("6500.00"),
        "โครงการ 'ส่งเสริมการอ่าน': ข้อความหัวข้องบประมาณมีจำนวนเงิน 2 จำนวน (ผลรวม 6,500 บาท)"
        f" ที่ไม่ได้อ่านเข้าชุดข้อมูลใด: '{MATERIALS}'; '{SNACKS}'")]
    assert data.document.money_coverage == 0.3333  # of 3 amounts, the stated one landed
    assert data.document.status == "partial"


SENTENCE = ("ได้รับจัดสรรงบประมาณ {} บาท ใช้จัดซื้อวัสดุ เป็นเงิน 5,000 บาท"
            " และค่าอาหารว่าง เป็นเงิน 1,500 บาท")


def test_a_sentence_spending_its_stated_budget_gives_its_clauses(tmp_path: Path) -> None:
    """The clauses after the stated 6,500 add up to it: they are the items."""
    data = _run(tmp_path, ["5. งบประมาณ", SENTENCE.format("6,500")])
    assert _lines(data) == [(1, "ใช้จัดซื้อวัสดุ เป็นเงิน 5,000 บาท", D("5000")),
                            (2, "และค่าอาหารว่าง เป็นเงิน 1,500 บาท", D("1500"))]
    assert data.projects[0].budget_stated == D("6500.00")
    assert _text_findings(data) == []
    assert data.document.money_coverage == 1.0


def test_amounts_of_a_sentence_that_do_not_close_are_counted(tmp_path: Path) -> None:
    data = _run(tmp_path, ["5. งบประมาณ", SENTENCE.format("7,000")])
    assert _lines(data) == []
    assert data.projects[0].budget_stated == D("7000.00")
    assert [actual for actual, _ in _text_findings(data)] == [D("6500.00")]
    assert data.document.money_coverage == 0.3333


def test_amount_clauses() -> None:
    assert amount_clauses("งบประมาณ 6,500 บาท ใช้ซื้อวัสดุ 5,000 บาท (ห้าพันบาท) และค่าอาหาร"
                          " 1,500 บาท ตามรายการ") == [
        "งบประมาณ 6,500 บาท", "ใช้ซื้อวัสดุ 5,000 บาท (ห้าพันบาท)",
        "และค่าอาหาร 1,500 บาท ตามรายการ"]
    # a cost formula's operand is no clause's end
    formula = "ค่าอาหาร 30 คน x 50 บาท = 1,500 บาท"
    assert amount_clauses(formula) == [formula]


def test_unmarked_item_under_a_marked_one_is_its_own_line(tmp_path: Path) -> None:
    """It was read as the marked item's continuation: its 1,500 replaced the 5,000."""
    data = _run(tmp_path, ["5. งบประมาณ", "- จัดซื้อหนังสือ 5,000 บาท", "ค่าอาหารว่าง 1,500 บาท"])
    assert _lines(data) == [(1, "- จัดซื้อหนังสือ 5,000 บาท", D("5000")),
                            (2, "ค่าอาหารว่าง 1,500 บาท", D("1500"))]
    assert data.projects[0].budget_stated is None
    assert data.document.money_coverage == 1.0


def test_what_is_an_item_line() -> None:
    assert is_item_line(MATERIALS)
    assert is_item_line("- ค่าอาหาร 50 คน x 30 บาท = 1,500 บาท")
    # the stated budget wrapped onto its own line, a bare amount, a formula's first half
    assert not is_item_line("จำนวน 8,000 บาท (เงินอุดหนุนรายหัว)")
    assert not is_item_line("200,000 บาท")
    assert not is_item_line("- ค่าอาหาร 50 คน x 30 บาท")
    # the budget as a whole, a total line
    assert not is_item_line("ได้รับจัดสรรงบประมาณ 6,500 บาท")
    assert not is_item_line("รวมเป็นเงิน 6,500 บาท")


def test_stated_budget_confirms_or_contradicts_item_lines() -> None:
    lines = ["5. งบประมาณ", MATERIALS, "ผู้รับผิดชอบจัดซื้อ ฝ่ายพัสดุ", SNACKS]
    assert stated_item_lines(lines, D("6500")) == [MATERIALS, SNACKS]
    assert stated_item_lines(lines, None) == [MATERIALS, SNACKS]
    assert stated_item_lines(lines, D("6000")) == []


# A budget typed with tabs, as its PDF reads when a substitute font runs the cells together.
RUN_TOGETHER = ["4. งบประมาณ", "งบประมาณ จำนวน 20,625 บาท", "ที่ รายการ หมวดรายจ่ายจำนวนเงิน",
                "1 ค่าตอบแทนกรรมการตัดสินค่าตอบแทน 12,000", "2 ค่าวัสดุจัดกิจกรรม ค่าวัสดุ 6,500",
                "3 ค่าอาหารกลางวันผู้เข้าร่วมกิจกรรมค่าใช้สอย 1,450",
                "4 ค่าอาหารว่างและเครื่องดื่มค่าใช้สอย675", "รวมเป็นเงิน 20,625"]


def test_lines_ending_in_bare_amounts_that_close_on_the_total_are_budget_lines(
        tmp_path: Path) -> None:
    """No บาท anywhere, but 12,000 + 6,500 + 1,450 + 675 is the 20,625 of the total line
    under them (the stated line's "จำนวน 20,625 บาท" names nothing: not an item)."""
    data = _run(tmp_path, RUN_TOGETHER)
    assert _lines(data) == [(1, RUN_TOGETHER[3], D("12000")), (2, RUN_TOGETHER[4], D("6500")),
                            (3, RUN_TOGETHER[5], D("1450")), (4, RUN_TOGETHER[6], D("675"))]
    assert data.projects[0].budget_stated == D("20625.00")
    assert _text_findings(data) == []


def test_bare_amounts_that_close_on_nothing_are_reported(tmp_path: Path) -> None:
    """Without the total line nothing says they are items; the amounts written like money
    (1,450 yes, 675 and the row numbers no) are counted and quoted."""
    data = _run(tmp_path, RUN_TOGETHER[:-1])
    assert _lines(data) == []
    assert [actual for actual, _ in _text_findings(data)] == [D("19950.00")]
    assert data.document.money_coverage == 0.25  # of 4 amounts, the stated 20,625 landed


def test_budget_written_by_activity_stays_in_the_budget_section(tmp_path: Path) -> None:
    """"กิจกรรมที่ 1 ..." under the budget heading opened an activities section (the keyword
    กิจกรรม, digits after it): the amounts left the budget section and no reading counted
    them. An unnumbered keyword followed by "ที่ N" is one of several, not a heading."""
    data = _run(tmp_path, ["8. งบประมาณ จำนวน 15,000 บาท", "กิจกรรมที่ 1 อบรมครู",
                           "ค่าตอบแทนวิทยากร เป็นเงิน 3,000 บาท", "ค่าอาหาร เป็นเงิน 7,000 บาท",
                           "กิจกรรมที่ 2 ทัศนศึกษา", "ค่าเช่ารถ เป็นเงิน 5,000 บาท"])
    assert [(b.line_no, b.item, b.compensation, b.total) for b in data.budget_lines] == [
        (1, "ค่าตอบแทนวิทยากร เป็นเงิน 3,000 บาท", D("3000"), D("3000")),
        (2, "ค่าอาหาร เป็นเงิน 7,000 บาท", None, D("7000")),
        (3, "ค่าเช่ารถ เป็นเงิน 5,000 บาท", None, D("5000"))]
    assert data.projects[0].budget_stated == D("15000.00")
    assert data.document.money_coverage == 1.0


def test_activity_lines_with_their_amounts_are_budget_lines(tmp_path: Path) -> None:
    data = _run(tmp_path, ["8. งบประมาณ", "งบประมาณที่ใช้ทั้งสิ้น 15,000 บาท จำแนกเป็น",
                           "กิจกรรมที่ 1 อบรมครู เป็นเงิน 10,000 บาท",
                           "กิจกรรมที่ 2 ทัศนศึกษา เป็นเงิน 5,000 บาท"])
    assert _lines(data) == [(1, "กิจกรรมที่ 1 อบรมครู เป็นเงิน 10,000 บาท", D("10000")),
                            (2, "กิจกรรมที่ 2 ทัศนศึกษา เป็นเงิน 5,000 บาท", D("5000"))]
    assert data.projects[0].budget_stated == D("15000.00")


def test_an_ordinal_after_an_unnumbered_keyword_opens_no_section() -> None:
    assert section_heading("กิจกรรมที่ 1 อบรมครู เป็นเงิน 10,000 บาท") is None
    assert section_heading("5. กิจกรรมที่ 1 อบรมครู") == (Section.ACTIVITIES, "ที่ 1 อบรมครู")
    assert section_heading("งบประมาณ 12,500 บาท") == (Section.BUDGET, "12,500 บาท")


def test_items_with_dot_leaders_are_budget_lines(tmp_path: Path) -> None:
    """"ค่าวัสดุ.........5,000 บาท": the number after the leader dots was not read at all."""
    data = _run(tmp_path, ["8. งบประมาณ", "ค่าวัสดุ................5,000 บาท (ห้าพันบาทถ้วน)",
                           "ค่าอาหารว่าง...........1,500 บาท"])
    assert _lines(data) == [(1, "ค่าวัสดุ................5,000 บาท (ห้าพันบาทถ้วน)", D("5000")),
                            (2, "ค่าอาหารว่าง...........1,500 บาท", D("1500"))]


NESTED = ["8. งบประมาณ จำนวน 10,000 บาท", "1. กิจกรรมอบรม 6,000 บาท", "- ค่าวิทยากร 3,000 บาท",
          "- ค่าอาหาร 3,000 บาท", "2. กิจกรรมทัศนศึกษา 4,000 บาท", "- ค่าเช่ารถ 4,000 บาท"]


def test_budget_by_activity_with_subtotals_gives_each_item_once(tmp_path: Path) -> None:
    """"1. กิจกรรมอบรม" under "8. งบประมาณ" opened a section (its number counts back), so all
    of it vanished with no finding; read as items, each activity's subtotal would count its
    money twice. Its amount is the sum of the items marked "-" under it: their group."""
    data = _run(tmp_path, NESTED)
    assert [(b.line_no, b.item, b.item_group, b.total) for b in data.budget_lines] == [
        (1, "- ค่าวิทยากร 3,000 บาท", NESTED[1], D("3000")),
        (2, "- ค่าอาหาร 3,000 บาท", NESTED[1], D("3000")),
        (3, "- ค่าเช่ารถ 4,000 บาท", NESTED[4], D("4000"))]
    assert data.projects[0].budget_table_total == D("10000")
    assert [f.kind for f in data.findings if f.kind != "missing_section"] == []
    assert data.document.money_coverage == 1.0


def test_a_subtotal_the_items_under_it_do_not_make_stays_a_line(tmp_path: Path) -> None:
    lines = [*NESTED[:3], "- ค่าอาหาร 2,000 บาท"]  # 3,000 + 2,000 is not 6,000
    data = _run(tmp_path, lines)
    assert [(b.item, b.item_group) for b in data.budget_lines] == [
        (NESTED[1], None), ("- ค่าวิทยากร 3,000 บาท", None), ("- ค่าอาหาร 2,000 บาท", None)]


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("lines", [["5. งบประมาณ", MATERIALS, SNACKS],
                                   ["5. งบประมาณ", SENTENCE.format("6,500")], NESTED],
                         ids=["item-lines", "sentence", "by-activity"])
def test_budget_text_from_untagged_pdf_as_from_docx(lines: list[str], tmp_path: Path) -> None:
    from tests.fixtures.build_pdf import to_pdf

    docx = plan(tmp_path / "plan.docx", budget_text=lines)
    to_pdf(docx, tmp_path / "plan.pdf", tagged=False)
    want, got = process_file(docx), process_file(tmp_path / "plan.pdf")
    rows = [(b.line_no, b.item, b.item_group, b.total) for b in want.budget_lines]
    assert rows and rows == [(b.line_no, b.item, b.item_group, b.total) for b in got.budget_lines]
    assert got.document.money_coverage == want.document.money_coverage == 1.0


def test_an_item_named_by_its_category_heads_nothing_among_plain_lines(tmp_path: Path) -> None:
    """"ค่าวัสดุ<tab>5,000<tab>บาท" among lines kept as items was read as a heading over the
    next line (a line_sum finding, 5,000 missing from the lines): it is the materials line."""
    data = _run(tmp_path, ["8. งบประมาณ จำนวน 6,500 บาท", "ค่าวัสดุ\t5,000\tบาท",
                           "ค่าอาหารว่าง\t1,500\tบาท"])
    assert [(b.item, b.materials, b.total) for b in data.budget_lines] == [
        ("ค่าวัสดุ 5,000 บาท", D("5000.00"), D("5000")),
        ("ค่าอาหารว่าง 1,500 บาท", None, D("1500"))]
    assert [f.kind for f in data.findings if f.kind != "missing_section"] == []
