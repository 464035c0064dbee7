"""Issue 9's small documents: layouts never seen before keep every amount, by meaning.

Each plan is built by tests/fixtures/small_plans.py; expectations are the exact rows.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pipeline.process import process_file
from pipeline.records import FindingRow, PlanData
from tests.fixtures.small_plans import plan

D = Decimal
SUMMARY_HEAD = ["ที่", "โครงการ"]


def _run(tmp_path: Path, **parts: object) -> PlanData:
    return process_file(plan(tmp_path / "plan.docx", **parts))  # type: ignore[arg-type]


def test_equipment_and_utilities_columns_keep_their_amounts(tmp_path: Path) -> None:
    data = _run(tmp_path, budget=[
        ["ที่", "รายการ", "ค่าวัสดุ", "ค่าครุภัณฑ์", "ค่าสาธารณูปโภค", "รวม"],
        ["1", "จัดซื้อหนังสือ", "5,000", "-", "-", "5,000"],
        ["2", "ตู้หนังสือ", "-", "12,500", "-", "12,500"],
        ["3", "ค่าไฟฟ้าห้องสมุด", "-", "-", "3,000", "3,000"],
        ["", "รวมทั้งสิ้น", "5,000", "12,500", "3,000", "20,500"]])
    lines = [(r.item, r.materials, r.equipment, r.utilities, r.total) for r in data.budget_lines]
    assert lines == [("จัดซื้อหนังสือ", D("5000.00"), D("0.00"), D("0.00"), D("5000.00")),
                     ("ตู้หนังสือ", D("0.00"), D("12500.00"), D("0.00"), D("12500.00")),
                     ("ค่าไฟฟ้าห้องสมุด", D("0.00"), D("0.00"), D("3000.00"), D("3000.00"))]
    project = data.projects[0]
    assert (project.budget_materials, project.budget_equipment, project.budget_utilities,
            project.budget_table_total) == (D("5000.00"), D("12500.00"), D("3000.00"),
                                            D("20500.00"))
    totals = {(a.key, a.amount) for a in data.budget_amounts if a.row_kind == "total"}
    assert totals == {("materials", D("5000.00")), ("equipment", D("12500.00")),
                      ("utilities", D("3000.00")), ("total", D("20500.00"))}
    assert data.document.money_coverage == 1.0
    assert not [f for f in data.findings if f.kind in ("line_sum", "row_sum")]


def test_quantity_unit_and_unit_price_columns(tmp_path: Path) -> None:
    data = _run(tmp_path, budget=[
        ["ที่", "รายการ", "จำนวน", "หน่วย", "ราคาต่อหน่วย", "จำนวนเงิน"],
        ["1", "หนังสือนิทาน", "20", "เล่ม", "150", "3,000"],
        ["2", "กระดาษ A4", "10", "รีม", "120", "1,500"],
        ["", "รวม", "", "", "", "4,500"]])
    lines = [(r.item, r.quantity, r.unit, r.unit_price, r.total) for r in data.budget_lines]
    assert lines == [("หนังสือนิทาน", D(20), "เล่ม", D(150), D("3000.00")),
                     ("กระดาษ A4", D(10), "รีม", D(120), D("1500.00"))]
    formula = [(f.expected, f.actual) for f in data.findings if f.kind == "formula"]
    assert formula == [(D(1200), D("1500.00"))]  # 10 x 120 is not 1,500
    assert data.document.money_coverage == 1.0


def test_quarter_columns_are_money_by_quarter_not_a_gantt_chart(tmp_path: Path) -> None:
    data = _run(tmp_path, budget=[
        ["ที่", "กิจกรรม", "ไตรมาส 1", "ไตรมาส 2", "ไตรมาส 3", "ไตรมาส 4", "รวม"],
        ["1", "จัดซื้อหนังสือ", "2,000", "1,000", "1,000", "1,000", "5,000"],
        ["2", "ค่ายการอ่าน", "-", "-", "6,000", "-", "6,000"],
        ["", "รวม", "2,000", "1,000", "7,000", "1,000", "11,000"]])
    assert [(r.item, r.total) for r in data.budget_lines] == [
        ("จัดซื้อหนังสือ", D("5000.00")), ("ค่ายการอ่าน", D("6000.00"))]
    assert data.schedule == []
    quarters = [(a.line_no, a.key, a.amount) for a in data.budget_amounts
                if a.dimension == "quarter" and a.row_kind == "line" and a.amount]
    assert quarters == [(1, "q1", D("2000.00")), (1, "q2", D("1000.00")),
                        (1, "q3", D("1000.00")), (1, "q4", D("1000.00")),
                        (2, "q3", D("6000.00"))]


def test_summary_with_funding_source_columns_adds_them_all(tmp_path: Path) -> None:
    data = _run(tmp_path, summary=[
        [*SUMMARY_HEAD, "เงินอุดหนุนรายหัว", "เรียนฟรี 15 ปี", "เงินรายได้สถานศึกษา", "ผู้รับผิดชอบ"],
        ["1", "ส่งเสริมการอ่าน", "5,000", "3,000", "1,000", "กลุ่มบริหารวิชาการ"],
        ["2", "พัฒนาครู", "10,000", "-", "2,000", "กลุ่มบริหารบุคคล"],
        ["", "รวม", "15,000", "3,000", "3,000", ""]])
    assert [(s.project_name, s.budget_esa, s.unit) for s in data.summary] == [
        ("ส่งเสริมการอ่าน", D("9000.00"), "กลุ่มบริหารวิชาการ"),
        ("พัฒนาครู", D("12000.00"), "กลุ่มบริหารบุคคล")]
    first_row = [(a.key, a.amount) for a in data.summary_amounts if a.row_no == 1]
    assert first_row == [("per_head_subsidy", D("5000.00")), ("free_education", D("3000.00")),
                         ("school_income", D("1000.00"))]
    assert not [f for f in data.findings if f.kind == "summary_total"]
    assert data.document.money_coverage == 1.0


def test_summary_naming_the_source_in_a_column(tmp_path: Path) -> None:
    data = _run(tmp_path, summary=[
        [*SUMMARY_HEAD, "งบประมาณ", "แหล่งงบประมาณ", "ผู้รับผิดชอบ"],
        ["1", "ส่งเสริมการอ่าน", "9,000", "เงินอุดหนุนรายหัว", "กลุ่มบริหารวิชาการ"],
        ["2", "พัฒนาครู", "12,000", "อบต.หนองบัว", "กลุ่มบริหารบุคคล"]])
    assert [(s.budget_esa, s.budget_other) for s in data.summary] == [
        (D("9000.00"), None), (None, D("12000.00"))]
    assert [(a.row_no, a.dimension, a.key) for a in data.summary_amounts] == [
        (1, "funding_source", "per_head_subsidy"), (2, "funding_source", "local_government")]


def test_summary_with_a_period_column_is_still_the_summary(tmp_path: Path) -> None:
    data = _run(tmp_path, summary=[
        [*SUMMARY_HEAD, "งบประมาณ", "ระยะเวลา", "ผู้รับผิดชอบ"],
        ["1", "ส่งเสริมการอ่าน", "9,000", "ต.ค. 66 - ก.ย. 67", "กลุ่มบริหารวิชาการ"],
        ["2", "พัฒนาครู", "12,000", "พ.ย. 66", "กลุ่มบริหารบุคคล"]])
    assert [(s.project_name, s.budget_esa) for s in data.summary] == [
        ("ส่งเสริมการอ่าน", D("9000.00")), ("พัฒนาครู", D("12000.00"))]
    assert data.projects[0].budget_summary == D("9000.00")


def test_unknown_money_column_of_a_summary_is_kept_and_flagged(tmp_path: Path) -> None:
    data = _run(tmp_path, summary=[
        [*SUMMARY_HEAD, "งบประมาณ", "งบกลางพิเศษ", "ผู้รับผิดชอบ"],
        ["1", "ส่งเสริมการอ่าน", "9,000", "1,500", "กลุ่มบริหารวิชาการ"]])
    assert [(a.header, a.dimension, a.amount) for a in data.summary_amounts] == [
        ("งบประมาณ", "funding_source", D("9000.00")), ("งบกลางพิเศษ", "other", D("1500.00"))]
    unmapped = [f for f in data.findings if f.kind == "unmapped_column"]
    assert [f.actual for f in unmapped] == [D("1500.00")]
    assert data.document.status == "partial"


def test_evaluation_table_with_target_column(tmp_path: Path) -> None:
    data = _run(tmp_path, evaluation=[
        ["ตัวชี้วัดความสำเร็จ", "ค่าเป้าหมาย", "วิธีการวัดและประเมินผล", "เครื่องมือที่ใช้"],
        ["นักเรียนอ่านหนังสือเดือนละ 2 เล่ม", "ร้อยละ 80", "สำรวจ", "แบบสำรวจ"]])
    assert [(i.indicator, i.target, i.method, i.tool) for i in data.indicators] == [
        ("นักเรียนอ่านหนังสือเดือนละ 2 เล่ม", "ร้อยละ 80", "สำรวจ", "แบบสำรวจ")]


def test_header_naming_the_proposer(tmp_path: Path) -> None:
    data = _run(tmp_path, header=["โครงการ ส่งเสริมการอ่าน", "แผนงาน บริหารวิชาการ",
                                  "ผู้เสนอโครงการ นางสาวสมใจ ใจดี",
                                  "ระยะเวลาดำเนินการ ตุลาคม 2566 - กันยายน 2567"])
    assert data.projects[0].responsible_persons == ["นางสาวสมใจ ใจดี"]


def test_table_of_money_no_reader_takes_is_an_unclassified_table(tmp_path: Path) -> None:
    data = _run(tmp_path, evaluation=[
        ["ข้อมูล", "ปี 2565", "ปี 2566"],
        ["เงินสะสม", "12,000", "15,500"], ["เงินคงเหลือ", "3,000", "1,250"]])
    unclassified = [f for f in data.findings if f.kind == "unclassified_table"]
    assert [f.actual for f in unclassified] == [D("31750.00")]
    assert data.document.money_coverage == 0.0
    assert data.document.status == "partial"


def _money_findings(data: PlanData) -> list[FindingRow]:
    """Findings about amounts (these one-project plans have no summary table, by design)."""
    return [f for f in data.findings if f.kind != "missing_section"]


SCHOOL_HEADER = ["งาน/โครงการ วันสำคัญ", "แผนงาน คุณภาพของผู้เรียน",
                 "สนองกลยุทธ์ข้อที่ สพฐ. กลยุทธ์ ข้อ 1 สพป.พล.3 ข้อ 1 โรงเรียน ข้อ 1,2,3",
                 "หน่วยงานที่รับผิดชอบ กลุ่มงานบริหารวิชาการ",
                 "ผู้รับผิดชอบ นางสาวนฏวรรณ หาญทองช่วง",
                 "ระยะเวลาดำเนินการ ปีงบประมาณ 2567"]
ACTIVITIES = [["กิจกรรม", "ระยะเวลา", "งบประมาณ", "ผู้รับผิดชอบ"],
              ["กิจกรรมวันไหว้ครู", "มิ.ย. 67", "5,000", "ครูทุกคน"],
              ["กิจกรรมวันแม่", "ส.ค. 67", "7,500", "ครูทุกคน"]]


def test_school_section_titled_work_or_project(tmp_path: Path) -> None:
    """A school plan's sections open with "งาน/โครงการ ..." (a work item or a project)."""
    data = _run(tmp_path, header=SCHOOL_HEADER, budget=ACTIVITIES)
    [project] = data.projects
    assert (project.name, project.plan, project.unit, project.responsible_persons) == (
        "วันสำคัญ", "คุณภาพของผู้เรียน", "กลุ่มงานบริหารวิชาการ", ["นางสาวนฏวรรณ หาญทองช่วง"])
    assert (str(project.start_date), str(project.end_date)) == ("2023-10-01", "2024-09-30")
    assert [(r.item, r.total) for r in data.budget_lines] == [
        ("กิจกรรมวันไหว้ครู", D("5000.00")), ("กิจกรรมวันแม่", D("7500.00"))]
    assert data.document.money_coverage == 1.0


def test_category_split_written_in_the_text_beside_an_activity_table(tmp_path: Path) -> None:
    """ "งบประมาณ 12,500 บาท แยกเป็น - ค่าวัสดุ ... - ค่าใช้สอย ...": the table gives the
    lines, the text gives the categories, and the two add up."""
    data = _run(tmp_path, header=SCHOOL_HEADER, budget=ACTIVITIES, budget_text=[
        "5. งบประมาณ จำนวน 12,500 บาท แยกเป็น", "- ค่าวัสดุ 7,500 บาท", "- ค่าใช้สอย 5,000 บาท"])
    [project] = data.projects
    assert (project.budget_stated, project.budget_table_total, project.budget_materials,
            project.budget_operating, project.budget_compensation) == (
        D("12500.00"), D("12500.00"), D("7500.00"), D("5000.00"), None)
    assert [(r.item, r.total, r.category) for r in data.budget_lines] == [
        ("กิจกรรมวันไหว้ครู", D("5000.00"), None), ("กิจกรรมวันแม่", D("7500.00"), None)]
    split = [(a.row_kind, a.item, a.dimension, a.key, a.amount) for a in data.budget_amounts
             if a.row_kind == "category_split"]
    assert split == [("category_split", "- ค่าวัสดุ 7,500 บาท", "category", "materials",
                      D("7500.00")),
                     ("category_split", "- ค่าใช้สอย 5,000 บาท", "category", "operating",
                      D("5000.00"))]
    assert _money_findings(data) == []


def test_category_split_that_does_not_add_up_is_a_finding(tmp_path: Path) -> None:
    data = _run(tmp_path, header=SCHOOL_HEADER, budget=ACTIVITIES, budget_text=[
        "5. งบประมาณ จำนวน 12,500 บาท แยกเป็น", "- ค่าวัสดุ 7,000 บาท", "- ค่าใช้สอย 5,000 บาท"])
    assert data.projects[0].budget_materials == D("7000.00")  # as written, never "fixed"
    found = [(f.kind, f.expected, f.actual, f.message) for f in _money_findings(data)]
    assert found == [("stated_vs_table", D("12500.00"), D("12000.00"),
                      "งบประมาณแยกตามหมวดในหัวข้องบประมาณ รวม 12,000"
                      " แต่ตารางงบประมาณรวม 12,500")]


def test_budget_written_only_as_category_lines(tmp_path: Path) -> None:
    """Categories with amounts and no item under them are the lines themselves; the
    numbered heading's stated amount is no line, and no category sum is missing."""
    data = _run(tmp_path, header=SCHOOL_HEADER, budget_text=[
        "5. งบประมาณ จำนวน 12,500 บาท แยกเป็น", "- ค่าวัสดุ 7,500 บาท", "- ค่าใช้สอย 5,000 บาท"])
    assert [(r.item, r.materials, r.operating, r.total, r.category)
            for r in data.budget_lines] == [
        ("- ค่าวัสดุ 7,500 บาท", D("7500.00"), None, D("7500.00"), "materials"),
        ("- ค่าใช้สอย 5,000 บาท", None, D("5000.00"), D("5000.00"), "operating")]
    project = data.projects[0]
    assert (project.budget_stated, project.budget_table_total, project.budget_materials,
            project.budget_operating) == (D("12500.00"), D("12500.00"), D("7500.00"),
                                          D("5000.00"))
    assert _money_findings(data) == []


def test_paragraph_budget_amounts_are_counted_once(tmp_path: Path) -> None:
    """Each printed amount of a budget written as text is one budget_amounts row, so the
    long table adds up to the budget (a line's category amount restates its total)."""
    data = _run(tmp_path, header=SCHOOL_HEADER, budget_text=[
        "5. งบประมาณ", "1. ค่าตอบแทน", "- ค่าวิทยากร 3 ชม. x 600 บาท = 1,800 บาท",
        "2. ค่าวัสดุ 2,000 บาท", "รวมทั้งสิ้น 3,800 บาท"])
    rows = [(a.row_kind, a.line_no, a.dimension, a.key, a.amount) for a in data.budget_amounts]
    assert rows == [("line", 1, "category", "compensation", D("1800.00")),
                    ("line", 2, "category", "materials", D("2000.00")),
                    ("total", None, "total", "total", D("3800.00"))]
    assert [(r.item, r.compensation, r.materials, r.total, r.formula_value)
            for r in data.budget_lines] == [
        ("- ค่าวิทยากร 3 ชม. x 600 บาท = 1,800 บาท", D("1800.00"), None, D("1800.00"),
         D("1800")),
        ("2. ค่าวัสดุ 2,000 บาท", None, D("2000.00"), D("2000.00"), None)]
    # The stated budget is the line that speaks of the whole ("รวมทั้งสิ้น"), never the
    # item line's unit price (600 บาท, read as the stated budget before).
    assert data.projects[0].budget_stated == D("3800.00")
    assert _money_findings(data) == []


def test_costing_rows_under_a_line_are_part_of_it_when_they_add_up(tmp_path: Path) -> None:
    """An item costed out in the rows below it ("- ค่าอาหาร 50 คน x 50 บาท", no amount of
    its own) is one line, as other plans write it in one cell; no false formula finding."""
    data = _run(tmp_path, budget=[
        ["กิจกรรม/รายการ", "ค่าตอบแทน", "ค่าใช้สอย", "ค่าวัสดุ", "รวม"],
        ["1. ประชุมคณะทำงาน", "", "3,500", "", "3,500"],
        ["   - ค่าอาหารกลางวัน 50 คน x 50 บาท", "", "", "", ""],
        ["   - ค่าอาหารว่าง 50 คน x 20 บาท", "", "", "", ""],
        ["2. อบรมแกนนำ", "6,000", "", "", "6,000"],
        ["   - ค่าวิทยากร 6 ชม. x 600 บาท", "", "", "", ""],
        ["รวม", "6,000", "3,500", "", "9,500"]])
    lines = [(r.item, r.operating, r.compensation, r.total, r.formula_text, r.formula_value)
             for r in data.budget_lines]
    assert lines == [
        ("1. ประชุมคณะทำงาน - ค่าอาหารกลางวัน 50 คน x 50 บาท - ค่าอาหารว่าง 50 คน x 20 บาท",
         D("3500.00"), None, D("3500.00"), "50 คน x 50 บาท + 50 คน x 20 บาท", D("3500")),
        ("2. อบรมแกนนำ", None, D("6000.00"), D("6000.00"), None, None),
        # 6 x 600 = 3,600 is not 6,000: not joined, so the costed row without an amount
        # is reported (the table's total may have left it out)
        ("- ค่าวิทยากร 6 ชม. x 600 บาท", None, None, None, "6 ชม. x 600 บาท", D("3600"))]
    assert [(f.kind, f.expected) for f in _money_findings(data)] == [("formula", D("3600"))]


def test_summary_naming_each_strategy_in_a_column_of_its_own(tmp_path: Path) -> None:
    """A school's project list with a ยุทธศาสตร์ column (its cell merged down over the
    strategy's projects) and the total row labelled in that column."""
    path = plan(tmp_path / "plan.docx", summary=[
        ["ยุทธศาสตร์", "ที่", "โครงการ/กิจกรรม", "จำนวนเงิน (บาท)", "กลุ่มงานที่รับผิดชอบ"],
        ["ยุทธศาสตร์ที่ 1 ยกระดับคุณภาพผู้เรียน", "1", "ส่งเสริมการอ่าน", "๙,๐๐๐",
         "กลุ่มบริหารวิชาการ"],
        ["", "2", "คณิตคิดเร็ว", "๘,๕๐๐", "กลุ่มบริหารวิชาการ"],
        ["ยุทธศาสตร์ที่ 2 พัฒนาครู", "3", "อบรมครู", "๒๐,๐๐๐", "กลุ่มบริหารงานบุคคล"],
        ["รวม", "", "", "๓๗,๕๐๐", ""]], merge_down=[(1, 0, 2)])
    data = process_file(path)
    assert [(s.strategy_no, s.strategy_name, s.priority, s.project_name, s.budget_esa)
            for s in data.summary] == [
        (1, "ยกระดับคุณภาพผู้เรียน", 1, "ส่งเสริมการอ่าน", D("9000.00")),
        (1, "ยกระดับคุณภาพผู้เรียน", 2, "คณิตคิดเร็ว", D("8500.00")),
        (2, "พัฒนาครู", 3, "อบรมครู", D("20000.00"))]
    totals = [(a.row_kind, a.project_name, a.amount) for a in data.summary_amounts
              if a.row_kind == "total"]
    assert totals == [("total", "รวม", D("37500.00"))]
    assert data.projects[0].strategy_no == 1
    assert not [f for f in data.findings if f.kind in ("unmapped_column", "summary_total")]
    assert data.document.money_coverage == 1.0


def test_quantity_with_a_unit_no_list_names(tmp_path: Path) -> None:
    data = _run(tmp_path, budget=[
        ["รายการ", "จำนวน", "ราคา/หน่วย", "รวมเงิน"],
        ["รางวัลการประกวด", "๑๐ รางวัล", "๕๐๐", "๕,๐๐๐"],
        ["1. อบรม", "", "", "๒,๐๐๐"],
        ["รวม", "", "", "๗,๐๐๐"]])
    assert [(r.item, r.quantity, r.unit, r.unit_price, r.total) for r in data.budget_lines] == [
        ("รางวัลการประกวด", D(10), "รางวัล", D(500), D("5000.00")),
        ("1. อบรม", None, None, None, D("2000.00"))]
    assert _money_findings(data) == []
