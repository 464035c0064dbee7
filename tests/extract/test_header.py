"""Project header fields in the layouts plans use, and the responsible-person split."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipeline.extract.header import match_label, parse_header, split_persons, split_responsible
from pipeline.extract.plan import extract_plan
from pipeline.model import Document, Paragraph
from pipeline.normalize.vocabulary.plan import Column, HeaderField


def _plan(*lines: str) -> Document:
    blocks = [Paragraph(text=line) for line in lines]
    return Document(source_path="plan.docx", source_format="docx", blocks=blocks)


def test_numbered_header_fields_of_a_school_plan() -> None:
    # a common school layout: every header field numbered like the sections below it
    plan = extract_plan(_plan(
        "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2567",
        "1. ชื่อโครงการ : ส่งเสริมนิสัยรักการอ่าน",
        "2. สนองกลยุทธ์โรงเรียน : กลยุทธ์ที่ 1 พัฒนาผู้เรียน",
        "3. ลักษณะโครงการ : โครงการใหม่",
        "4. ผู้รับผิดชอบโครงการ : นางสาวมาลี ดีใจ และนายสมปอง รักเรียน",
        "5. ระยะเวลาดำเนินการ : 1 พฤศจิกายน 2566 – 31 มีนาคม 2567",
        "6. งบประมาณ 12,000 บาท",
        "7. หลักการและเหตุผล",
        "การอ่านเป็นพื้นฐานของการเรียนรู้ทุกวิชา",
        "8. วัตถุประสงค์",
        "8.1 เพื่อให้นักเรียนอ่านหนังสือนอกเวลาอย่างน้อยเดือนละ 1 เล่ม",
        "8.2 เพื่อจัดมุมหนังสือในทุกห้องเรียน",
    ))
    (project,) = plan.projects
    assert project.name == "ส่งเสริมนิสัยรักการอ่าน"
    assert project.header[HeaderField.PROJECT_TYPE] == "โครงการใหม่"
    assert project.header[HeaderField.STRATEGY_REF] == "กลยุทธ์ที่ 1 พัฒนาผู้เรียน"
    assert project.persons == ["นางสาวมาลี ดีใจ", "นายสมปอง รักเรียน"]
    assert project.period is not None
    assert (project.period.start, project.period.end) == (dt.date(2023, 11, 1),
                                                           dt.date(2024, 3, 31))
    assert project.budget_stated == Decimal("12000")
    assert project.rationale == "การอ่านเป็นพื้นฐานของการเรียนรู้ทุกวิชา"
    assert project.objectives == [
        "เพื่อให้นักเรียนอ่านหนังสือนอกเวลาอย่างน้อยเดือนละ 1 เล่ม",
        "เพื่อจัดมุมหนังสือในทุกห้องเรียน",
    ]


def test_label_glued_to_the_end_of_the_name() -> None:
    # the real sample: "(Big Data System) สำนักงานเขต... เขต 2แผนงาน"
    fields = parse_header([
        "โครงการ",
        "จัดระบบข้อมูลสารสนเทศ (Big Data System) สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต 2แผนงาน",
        "พื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพคน",
        "ลักษณะโครงการ",
        "โครงการต่อเนื่อง",
    ])
    assert fields.text(HeaderField.NAME) == (
        "จัดระบบข้อมูลสารสนเทศ (Big Data System) สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต 2")
    assert fields.text(HeaderField.PLAN) == "พื้นฐานด้านการพัฒนาและเสริมสร้างศักยภาพคน"
    # the value "โครงการต่อเนื่อง" is not read as a new project title
    assert fields.text(HeaderField.PROJECT_TYPE) == "โครงการต่อเนื่อง"


def test_project_type_read_by_ocr_with_its_tone_mark_lost_is_not_a_new_title() -> None:
    # a scan's "โครงการต่อเนือง" (the mark of เนื่อง lost) read as the label โครงการ glued
    # "ต่อเนือง" to the name before it
    fields = parse_header([
        "โครงการ",
        "บูรณาการเครือข่ายประชาสัมพันธ์",
        "ลักษณะโครงการ",
        "โครงการต่อเนือง",
        "ระยะเวลาดำเนินการ",
    ])
    assert fields.text(HeaderField.NAME) == "บูรณาการเครือข่ายประชาสัมพันธ์"
    assert fields.text(HeaderField.PROJECT_TYPE) == "โครงการต่อเนือง"


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("น.ส.ประยูร เรืองศรี ,นางวราภรณ์  สิงห์คิบุตร และน.ส.พัชริตา อุ่มแก้ว",
         ["น.ส.ประยูร เรืองศรี", "นางวราภรณ์ สิงห์คิบุตร", "น.ส.พัชริตา อุ่มแก้ว"]),
        ("นางสาวเพ็ญประภา  มีเพียร และคณะ", ["นางสาวเพ็ญประภา มีเพียร"]),
        ("น.ส.ประยูร เรืองศรี  และเจ้าหน้าที่ในกลุ่มอำนวยการ", ["น.ส.ประยูร เรืองศรี"]),
        # glued names, as in the sample's activity table
        ("นางสาวจริยา  กรุณานางสาวบุษกร ศรีชนะ", ["นางสาวจริยา กรุณา", "นางสาวบุษกร ศรีชนะ"]),
        ("ว่าที่ร้อยตรีสมศักดิ์ ใจกล้า / ดร.สมชาย ใจดี", ["ว่าที่ร้อยตรีสมศักดิ์ ใจกล้า",
                                                       "ดร.สมชาย ใจดี"]),
        ("คณะกรรมการ", []),
    ],
)
def test_one_name_per_person_titles_kept(text: str, persons: list[str]) -> None:
    assert split_persons(text) == persons


def test_responsible_field_gives_persons_and_unit() -> None:
    persons, unit = split_responsible(["นายพิษณุ  มูลสาร  และนายผดุงสิทธิ์   ลาวรรณ",
                                       "กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร"])
    assert persons == ["นายพิษณุ มูลสาร", "นายผดุงสิทธิ์ ลาวรรณ"]
    assert unit == "กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร"


def test_budget_itemised_as_a_list_instead_of_a_table() -> None:
    plan = extract_plan(_plan(
        "โครงการ : ห้องสมุดมีชีวิต",
        "ผู้รับผิดชอบ : นางกาญจนา ศรีสุข",
        "ระยะเวลาดำเนินการ : ตลอดปีงบประมาณ 2567",
        "1. หลักการและเหตุผล",
        "ห้องสมุดเป็นแหล่งเรียนรู้ของโรงเรียน",
        "5. งบประมาณ 13,600 บาท รายละเอียดดังนี้",
        "5.1 ค่าตอบแทน",
        "- ค่าตอบแทนวิทยากร 2 คน x 3 ชั่วโมง x 600 บาท เป็นเงิน 3,600 บาท",
        "5.2 ค่าวัสดุ",
        "- ค่าหนังสือ 50 เล่ม x 200 บาท",
        "  เป็นเงิน 9,000 บาท",
        "- ค่าป้ายนิเทศ 1,000 บาท",
        "รวมเป็นเงินทั้งสิ้น 13,600 บาท",
    ))
    (project,) = plan.projects
    assert project.budget_stated == Decimal("13600")
    budget = project.budget
    assert budget is not None
    assert [(e.item, e.get(Column.TOTAL), e.formula_value) for e in budget.lines] == [
        ("- ค่าตอบแทนวิทยากร 2 คน x 3 ชั่วโมง x 600 บาท เป็นเงิน 3,600 บาท", Decimal("3600"),
         Decimal("3600")),
        ("- ค่าหนังสือ 50 เล่ม x 200 บาท เป็นเงิน 9,000 บาท", Decimal("9000"), Decimal("10000")),
        ("- ค่าป้ายนิเทศ 1,000 บาท", Decimal("1000"), None),
    ]
    assert budget.table_total() == Decimal("13600")
    assert budget.category_total(Column.COMPENSATION) == Decimal("3600")
    assert budget.category_total(Column.MATERIALS) == Decimal("10000")  # 9,000 + 1,000
    # 50 x 200 = 10,000 written as 9,000; the lines do add up to the stated total
    assert [(i.kind.value, i.expected, i.actual) for i in project.issues] == [
        ("formula", Decimal("10000"), Decimal("9000"))]


def test_plan_without_a_fiscal_year_takes_it_from_its_periods() -> None:
    # school plans are often titled by academic year ("ประจำปีการศึกษา 2566")
    plan = extract_plan(_plan(
        "แผนปฏิบัติการประจำปีการศึกษา 2566",
        "ชื่อโครงการ : ทัศนศึกษา",
        "ผู้รับผิดชอบ : นายสมปอง รักเรียน",
        "ระยะเวลาดำเนินการ : 1 พฤศจิกายน 2566 – 31 มกราคม 2567",
        "1. หลักการและเหตุผล",
        "การเรียนรู้นอกห้องเรียน",
    ))
    assert plan.meta.fiscal_year == 2567  # Nov 2023 - Jan 2024 lies in FY2567


@pytest.mark.parametrize(("line", "field", "value"), [
    # School plans: a numbered project, an activity or a work item where offices write โครงการ
    ("โครงการที่ 3 พัฒนาครู", HeaderField.NAME, "พัฒนาครู"),
    ("โครงการที่๑๒. พัฒนาครู", HeaderField.NAME, "พัฒนาครู"),
    ("ชื่อกิจกรรม ส่งเสริมการอ่าน", HeaderField.NAME, "ส่งเสริมการอ่าน"),
    ("งาน/โครงการ วันสำคัญ", HeaderField.NAME, "วันสำคัญ"),
    ("ชื่อโครงการ/กิจกรรม : วันสำคัญ", HeaderField.NAME, "วันสำคัญ"),
    ("โครงการที่พึงประสงค์", HeaderField.NAME, "ที่พึงประสงค์"),  # no number: kept
    # One label for persons and unit
    ("หน่วยงาน/ผู้รับผิดชอบ นายสมชาย ใจดี", HeaderField.RESPONSIBLE, "นายสมชาย ใจดี"),
    ("ผู้รับผิดชอบ/หน่วยงาน กลุ่มบริหารวิชาการ", HeaderField.RESPONSIBLE,
     "กลุ่มบริหารวิชาการ"),
    ("ฝ่าย/งานที่รับผิดชอบ ฝ่ายวิชาการ", HeaderField.UNIT, "ฝ่ายวิชาการ"),
    ("ลักษณะกิจกรรม ต่อเนื่อง", HeaderField.PROJECT_TYPE, "ต่อเนื่อง"),
    # A label the contract does not keep still ends the field above it
    ("สถานที่ : โรงเรียนบ้านหนองบัว", HeaderField.OTHER, "โรงเรียนบ้านหนองบัว"),
])
def test_header_labels_of_school_plans(line: str, field: HeaderField, value: str) -> None:
    assert match_label(line) == (field, value)
