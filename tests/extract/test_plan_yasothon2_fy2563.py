"""The real plan: strategy 6 of สพป.ยโสธร เขต 2, FY2563 (tests/fixtures/sources/).

Exact rows and amounts read by hand from the sample text; each test names the quirk of
the real document it covers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pipeline.records import PlanData

D = Decimal


def test_document_row_reads_title_organization_and_fiscal_year(yasothon: PlanData) -> None:
    doc = yasothon.document
    assert doc.status == "ok"
    assert doc.fiscal_year == 2563
    assert doc.organization == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต ๒"
    assert doc.title == "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. ๒๕๖๓"
    assert doc.source_format == "docx"
    assert doc.n_pages is None
    assert len(doc.doc_id) == 16 and doc.sha256.startswith(doc.doc_id)
    assert yasothon.errors == []


def test_summary_has_11_rows_across_the_continued_table(yasothon: PlanData) -> None:
    # The summary table breaks after priority 8 and resumes under "ยุทธศาสตร์ที่ 6 ... (ต่อ)"
    rows = yasothon.summary
    assert [r.priority for r in rows] == list(range(1, 12))
    assert {r.strategy_no for r in rows} == {6}
    assert rows[0].strategy_name == "ด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการศึกษา"
    assert sum(r.budget_esa for r in rows if r.budget_esa) == D("763800")
    assert [r.budget_esa for r in rows] == [D(x) for x in (
        "200000", "20000", "120000", "50000", "25000", "50000", "100000", "58800", "50000",
        "40000", "50000")]
    # "-" in the สพฐ. and หน่วยงานอื่น columns is zero, not empty
    assert {r.budget_obec for r in rows} == {D(0)}
    assert {r.budget_other for r in rows} == {D(0)}
    # multi-line unit cell joined with one space
    assert rows[0].unit == "กลุ่มนิเทศ ติดตามและประเมินผล การจัดการศึกษา"
    assert rows[7].project_name == "สภากาแฟ คุยกันเช้าวันพุธ"


def test_summary_total_row_is_checked_not_loaded(yasothon: PlanData) -> None:
    assert all("รวม" not in r.project_name for r in yasothon.summary)
    assert not [f for f in yasothon.findings if f.kind == "summary_total"]


def test_projects_link_to_summary_priorities_despite_different_wording(
    yasothon: PlanData,
) -> None:
    projects = yasothon.projects
    assert len(projects) == 11
    assert [p.priority for p in projects] == list(range(1, 12))
    assert [p.project_id for p in projects] == [
        f"{yasothon.document.doc_id}-{n:03d}" for n in range(1, 12)]
    # the Big Data project's title reads "สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต 2"
    # where the summary abbreviates "สพป.ยโสธร เขต 2"; the title is glued to "แผนงาน"
    big_data = projects[6]
    assert big_data.name == (
        "จัดระบบข้อมูลสารสนเทศเพื่อการบริหาร และบริการข้อมูลสารสนเทศ (Big Data System)"
        " สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต 2")
    assert big_data.plan == "พื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพคน"
    assert big_data.budget_summary == D("100000")


def test_project_header_fields(yasothon: PlanData) -> None:
    first = yasothon.projects[0]
    assert first.name == ("นิเทศติดตามการบริหารจัดการและการจัดการเรียนรู้"
                          " สู่การพัฒนาศักยภาพผู้เรียน ศตวรรษที่ 21")
    assert first.strategy_no == 6
    assert first.strategy_ref == "ข้อที่ (6) ด้านการปรับสมดุลและพัฒนาระบบการบริหารจัดการศึกษา"
    assert first.project_type == "โครงการต่อเนื่อง"
    assert first.period_text == "๑ ตุลาคม ๒๕๖2 ถึง ๓๐ กันยายน ๒๕๖3"
    assert first.unit == "กลุ่มนิเทศติดตามและประเมินผลการจัดการศึกษา"


def test_responsible_persons_one_name_each_titles_kept(yasothon: PlanData) -> None:
    persons = [p.responsible_persons for p in yasothon.projects]
    assert persons[0] == ["นางสาวเพ็ญประภา มีเพียร"]  # "และคณะ" is not a person
    assert persons[1] == ["น.ส.ประยูร เรืองศรี", "นางวราภรณ์ สิงห์คิบุตร", "น.ส.พัชริตา อุ่มแก้ว"]
    assert persons[2] == ["น.ส.ประยูร เรืองศรี"]  # "และเจ้าหน้าที่ในกลุ่มอำนวยการ" dropped
    assert persons[5] == ["นางอนุชิตา ภาระเวช", "นายบรรชา เพชรโพธิ"]
    assert persons[8] == ["นายจีระศักดิ์ ภาระเวช", "นางยุภาพรรณ ศรีบุระ", "น.ส.สุอังวศรี ทองทิพย์"]
    assert persons[10] == ["นางสาวบุษกร ศรีชนะ", "นางสาวจริยา กรุณา"]


def test_units_of_every_project(yasothon: PlanData) -> None:
    assert [p.unit for p in yasothon.projects] == [
        "กลุ่มนิเทศติดตามและประเมินผลการจัดการศึกษา", "กลุ่มอำนวยการ", "กลุ่มอำนวยการ",
        "กลุ่มนโยบายและแผน", "กลุ่มนโยบายและแผน", "หน่วยตรวจสอบภายใน",
        "กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร", "กลุ่มอำนวยการ",
        "กลุ่มบริหารงานบุคคล", "กลุ่มอำนวยการ", "กลุ่มนิเทศติดตามประเมินผลการจัดการศึกษา",
    ]


def test_periods_become_ce_dates(yasothon: PlanData) -> None:
    full_year = (dt.date(2019, 10, 1), dt.date(2020, 9, 30))
    periods = [(p.start_date, p.end_date) for p in yasothon.projects]
    assert periods[:10] == [full_year] * 10
    # "มิถุนายน   ถึง  กันยายน  ๒๕๖3": the year written once applies to both months
    assert periods[10] == (dt.date(2020, 6, 1), dt.date(2020, 9, 30))


def test_stated_budgets_ignore_the_year_in_the_sentence(yasothon: PlanData) -> None:
    # "5.1 งบประมาณ 2563  จำนวนทั้งสิ้น 200,000" -> 200,000, not 2,563; the Big Data
    # project states no amount ("5.  งบประมาณ  (ถั่วจ่ายทุกรายการ)")
    assert [p.budget_stated for p in yasothon.projects] == [
        D("200000"), D("20000"), D("120000"), D("50000"), D("25000"), D("50000"), None,
        D("58800"), D("50000"), D("40000"), D("50000")]


def test_budget_category_totals_from_each_table_layout(yasothon: PlanData) -> None:
    # (table total, ค่าตอบแทน, ค่าใช้สอย, ค่าวัสดุ): "-" is 0, an empty cell is None
    got = [(p.budget_table_total, p.budget_compensation, p.budget_operating, p.budget_materials)
           for p in yasothon.projects]
    n = None
    assert got == [
        (D("200000"), n, D("200000"), n),
        (D("20000"), D(0), D(0), D("20000")),
        (D("120000"), n, D("92400"), D("27600")),
        (D("50000"), n, D("50000"), D(0)),  # table without a total column
        (D("25000"), D(0), D("9900"), D("15100")),  # continued table, subtotals + grand total
        (D("50000"), D(0), D("49100"), D("900")),
        (D("100000"), D("89100"), n, D("10900")),
        (D("49000"), n, D("49000"), n),
        (D("50000"), D(0), D("40000"), D("10000")),
        (D("40000"), n, D("40000"), n),
        (n, n, n, n),  # no budget table at all
    ]


def _lines(data: PlanData, project: int) -> list[tuple[str, Decimal | None, Decimal | None]]:
    pid = data.projects[project - 1].project_id
    return [(b.item, b.operating, b.total) for b in data.budget_lines if b.project_id == pid]


def test_packed_row_with_amounts_line_by_line_becomes_three_lines(yasothon: PlanData) -> None:
    # project 3 packs ๑ ๒ ๓ in one row; the lone 27,6๐๐ in ค่าวัสดุ belongs to item ๓
    pid = yasothon.projects[2].project_id
    lines = [b for b in yasothon.budget_lines if b.project_id == pid]
    assert [(b.item_no, b.operating, b.materials, b.total) for b in lines] == [
        ("๑", D("39600"), None, D("39600")),
        ("๒", D("52800"), None, D("52800")),
        ("๓", None, D("27600"), D("27600")),
    ]
    assert lines[0].formula_text == "๒๒๐ คน x 30บาท x 6 ครั้ง"
    assert lines[0].formula_value == D("39600")
    # "๒๒๐ คน X ๑2๐ บาท  ๒ ครั้ง": the last factor has no operator
    assert lines[1].formula_value == D("52800")


def test_sub_items_under_headings_are_their_own_lines(yasothon: PlanData) -> None:
    pid = yasothon.projects[4].project_id
    lines = [b for b in yasothon.budget_lines if b.project_id == pid]
    assert len(lines) == 12
    assert [(b.item, b.operating) for b in lines[:2]] == [
        ("- ค่าอาหารว่างและเครื่องดื่ม (18คน X ๓3 บาท X๒มื้อ )", D("1080")),
        ("- ค่าอาหารกลางวัน ( 18คน X ๑๒๐ บาท )", D("2160")),
    ]
    group = lines[0].item_group or ""
    assert group.startswith("๑. จัดทำแผนปฏิบัติการประจำปี ๑.๑ ประชุมคณะกรรมการพิจารณา")
    assert group.endswith("เสนอขอบรรจุไว้ในแผนปฏิบัติการประจำ ปีงบประมาณ พ.ศ. ๒๕๖3")
    # the continued table ("งบประมาณ (ต่อ)") adds its rows to the same project
    assert lines[6].item.startswith("๒.๑ บันทึกแจ้งเวียน")
    assert lines[6].item_group is not None and lines[6].item_group.startswith("๒. เพิ่มประสิทธิภาพ")
    assert sum(b.total for b in lines if b.total is not None) == D("25000")


def test_personnel_project_sub_items_with_blank_lines_in_cells(yasothon: PlanData) -> None:
    pid = yasothon.projects[8].project_id
    lines = [b for b in yasothon.budget_lines if b.project_id == pid]
    assert [(b.item, b.operating, b.materials, b.total) for b in lines] == [
        ("การจัดทำสัญญาจ้างพนักงานราชการและลูกจ้างชั่วคราว", D(0), D(0), D(0)),
        ("- ประชุมคณะกรรมการ", D("10000"), D(0), D("10000")),
        ("- ค่าพาหนะ", D("15000"), D(0), D("15000")),
        ("- ค่าเบี้ยเลี้ยง", D("15000"), D(0), D("15000")),
        ("- ค่าวัสดุ/อุปกรณ์ดำเนินการ", D(0), D("10000"), D("10000")),
        ("นิเทศ ติดตาม กำกับ สรุป รายงาน", D(0), D(0), D(0)),
    ]


def test_total_rows_are_not_budget_lines(yasothon: PlanData) -> None:
    assert not [b for b in yasothon.budget_lines if b.item.startswith("รวม")]
    assert len(yasothon.budget_lines) == 45


def _findings(data: PlanData) -> set[tuple[int | None, str, Decimal | None, Decimal | None]]:
    seq = {p.project_id: n for n, p in enumerate(data.projects, start=1)}
    return {(seq.get(f.project_id or ""), f.kind, f.expected, f.actual) for f in data.findings}


def test_findings_an_auditor_must_see(yasothon: PlanData) -> None:
    assert _findings(yasothon) == {
        # สภากาแฟ: the summary and the section state 58,8๐๐, its table adds up to 49,000
        (8, "stated_vs_table", D("58800"), D("49000")),
        (8, "summary_vs_project", D("58800"), D("49000")),
        # "( ๖0 คน x 18๐ x ๒ วัน)" = 21,600 against 20,000, in both activities
        (10, "formula", D("21600"), D("20000")),
        # "(18คน X ๓3 บาท X๒มื้อ )" = 1,188 against 1,080
        (5, "formula", D("1188"), D("1080")),
        # the audit project's "เงินงบประมาณ" column shows "-" beside 36,000 / 14,000 / 50,000
        (6, "row_sum", D("36000"), D(0)),
        (6, "row_sum", D("14000"), D(0)),
        (6, "row_sum", D("50000"), D(0)),
        # Big Data item 1 is costed in words, "30 คน 3 วันๆละ 180 บาท", but has no amount
        (7, "formula", D("16200"), None),
        # project 11 states 50,000 but has no budget table
        (11, "missing_section", D("50000"), None),
    }
    formulas = [f for f in yasothon.findings if f.kind == "formula"]
    assert len(formulas) == 4


def test_gantt_shaded_cells_and_marks(yasothon: PlanData) -> None:
    def months(project: int, source: str) -> dict[str, list[dt.date]]:
        pid = yasothon.projects[project - 1].project_id
        out: dict[str, list[dt.date]] = {}
        for s in yasothon.schedule:
            if s.project_id == pid and s.source == source:
                out.setdefault(s.activity, []).append(s.month)
        return out

    big_data = months(7, "gantt")
    assert big_data["ประชุมวางแผนแยกวางประเภทข้อมูล /จัดระบบข้อมูล"] == [
        dt.date(2019, 10, 1), dt.date(2019, 11, 1)]
    assert len(big_data["ประชุมปฏิบัติการจัดทำโปรแกรมระบบข้อมูล (คณะทำงาน/คณะทำงานโปรแกรม)"]) == 12
    # สภากาแฟ packs two activities in one row with "-" marks line by line
    coffee = months(8, "gantt")
    assert coffee["ขออนุมัติโครงการ"] == [dt.date(2019, 10, 1), dt.date(2019, 11, 1),
                                          dt.date(2019, 12, 1)]
    assert len(coffee["ผอ.สพป.และคณะ ประชุมเพื่อพัฒนาคุณภาพการศึกษา"]) == 12
    shaded = [s for s in yasothon.schedule if s.mark == "shaded"]
    assert shaded and {s.project_id for s in shaded} == {
        yasothon.projects[1].project_id, yasothon.projects[3].project_id}


def test_activity_periods_give_months(yasothon: PlanData) -> None:
    pid = yasothon.projects[4].project_id
    rows = [s for s in yasothon.schedule if s.project_id == pid]
    by_mark: dict[str, set[dt.date]] = {}
    for s in rows:
        by_mark.setdefault(s.mark, set()).add(s.month)
    assert by_mark["พ.ย. ๒๕๖2"] == {dt.date(2019, 11, 1)}
    # "ไตรมาส\n\n๓ - ๔" of FY2563: April to September 2020
    assert by_mark["ไตรมาส ๓ - ๔"] == {dt.date(2020, m, 1) for m in range(4, 10)}
    assert by_mark["ส.ค. – ก.ย. ๒๕๖3"] == {dt.date(2020, 8, 1), dt.date(2020, 9, 1)}
    # project 11 packs five activities with five periods line by line
    pid = yasothon.projects[10].project_id
    first = {s.month for s in yasothon.schedule
             if s.project_id == pid and s.mark == "1 - 30 ต.ค.62"}
    assert first == {dt.date(2019, 10, 1)}
    last = {s.month for s in yasothon.schedule
            if s.project_id == pid and s.mark == "1 พ.ย. -30 ก.ย.63"}
    assert last == {dt.date(2019, 11, 1)} | {dt.date(2020, m, 1) for m in range(1, 10)} | {
        dt.date(2019, 12, 1)}


def test_indicators_split_when_columns_list_in_step(yasothon: PlanData) -> None:
    pid = yasothon.projects[0].project_id
    rows = [(i.indicator, i.method, i.tool) for i in yasothon.indicators if i.project_id == pid]
    assert rows == [
        ("สถานศึกษาในสังกัดมีการนิเทศภายใน ทุกโรงเรียน", "การนิเทศติดตาม",
         "แบบนิเทศติดตามการนิเทศภายใน"),
        ("การดำเนินงานพัฒนาคุณภาพการศึกษาของสถานศึกษาทุกโรงเรียนอยู่ในระดับดี", "การนิเทศติดตาม",
         "แบบนิเทศติดตามการดำเนินโครงการ"),
        ("สถานศึกษาทุกโรงเรียนในสังกัดมีการนิเทศระบบ online", "การนิเทศติดตาม",
         "แบบนิเทศติดตาม online"),
    ]


def test_objectives_and_expected_results_are_lists(yasothon: PlanData) -> None:
    first = yasothon.projects[0]
    assert first.objectives[0] == (
        "เพื่อส่งเสริมสนับสนุนให้สถานศึกษาดำเนินการนิเทศภายในได้อย่างมีคุณภาพและประสิทธิภาพ")
    assert len(first.objectives) == 3
    assert len(first.expected_results) == 3
    assert first.rationale is not None and first.rationale.startswith("การศึกษาขั้นพื้นฐาน")
