"""Thai words of an action plan's structure: header labels, sections, table columns.

Every label the readers and the extractor recognise lives here with its variants (the
words of values, months and units, are in the package's `__init__`). Matching is done on
`compact` text (no whitespace), so "ค่าตอบ\\nแทน" and "ค่าตอบแทน" are the same label.
Column meaning always comes from these words in a table's header, never from position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from pipeline.normalize.glyphs import upper_marks_optional
from pipeline.normalize.vocabulary import COUNT_UNITS

# -- project header fields ------------------------------------------------------------


class HeaderField(StrEnum):
    NAME = "name"
    PLAN = "plan"
    STRATEGY_REF = "strategy_ref"
    RESPONSIBLE = "responsible"
    UNIT = "unit"
    PROJECT_TYPE = "project_type"
    PERIOD = "period"
    BUDGET = "budget"
    OTHER = "other"  # a label the contract does not keep; it still ends the field above


HEADER_LABELS: list[tuple[str, HeaderField]] = [
    ("ชื่อโครงการ", HeaderField.NAME),
    ("โครงการ", HeaderField.NAME),
    # School plans title a section "งาน/โครงการ ..." or "โครงการ/กิจกรรม ..." (a work item
    # or an activity stands where an office writes a project).
    ("ชื่องาน/โครงการ", HeaderField.NAME),
    ("งาน/โครงการ", HeaderField.NAME),
    ("ชื่อโครงการ/กิจกรรม", HeaderField.NAME),
    ("โครงการ/กิจกรรม", HeaderField.NAME),
    ("ชื่องาน/โครงการ/กิจกรรม", HeaderField.NAME),
    ("งาน/โครงการ/กิจกรรม", HeaderField.NAME),
    ("ชื่อกิจกรรม", HeaderField.NAME),
    ("งาน/กิจกรรม", HeaderField.NAME),
    ("ชื่องาน/กิจกรรม", HeaderField.NAME),
    ("แผนงาน", HeaderField.PLAN),
    ("สนองยุทธศาสตร์สพป.", HeaderField.STRATEGY_REF),
    ("สนองยุทธศาสตร์สพม.", HeaderField.STRATEGY_REF),
    ("ยุทธศาสตร์สพป.", HeaderField.STRATEGY_REF),
    ("ยุทธศาสตร์สพม.", HeaderField.STRATEGY_REF),
    ("ยุทธศาสตร์สถานศึกษา", HeaderField.STRATEGY_REF),
    ("สนองกลยุทธ์โรงเรียน", HeaderField.STRATEGY_REF),
    ("สนองกลยุทธ์สถานศึกษา", HeaderField.STRATEGY_REF),
    ("สนองยุทธศาสตร์โรงเรียน", HeaderField.STRATEGY_REF),
    ("สนองยุทธศาสตร์สถานศึกษา", HeaderField.STRATEGY_REF),
    ("กลยุทธ์โรงเรียน", HeaderField.STRATEGY_REF),
    ("กลยุทธ์สถานศึกษา", HeaderField.STRATEGY_REF),
    ("ยุทธศาสตร์โรงเรียน", HeaderField.STRATEGY_REF),
    ("สนองกลยุทธ์สพฐ.", HeaderField.STRATEGY_REF),
    ("สนองนโยบาย", HeaderField.OTHER),
    ("สนองจุดเน้น", HeaderField.OTHER),
    ("สนองมาตรฐาน", HeaderField.OTHER),
    ("สอดคล้องกับ", HeaderField.OTHER),
    ("ความสอดคล้อง", HeaderField.OTHER),
    ("มาตรฐานการศึกษา", HeaderField.OTHER),
    ("สถานที่ดำเนินการ", HeaderField.OTHER),
    ("กลุ่มเป้าหมาย", HeaderField.OTHER),
    ("ที่ปรึกษาโครงการ", HeaderField.OTHER),
    ("สถานที่", HeaderField.OTHER),
    ("สนองยุทธศาสตร์", HeaderField.STRATEGY_REF),
    ("สนองกลยุทธ์", HeaderField.STRATEGY_REF),
    ("ยุทธศาสตร์", HeaderField.STRATEGY_REF),
    ("กลยุทธ์", HeaderField.STRATEGY_REF),
    ("ผู้รับผิดชอบโครงการ", HeaderField.RESPONSIBLE),
    ("ผู้เสนอโครงการ", HeaderField.RESPONSIBLE),
    ("ผู้ดำเนินโครงการ", HeaderField.RESPONSIBLE),
    ("ผู้จัดทำโครงการ", HeaderField.RESPONSIBLE),
    ("ผู้รับผิดชอบ", HeaderField.RESPONSIBLE),
    # A label naming both: the value holds persons and the unit, split like any other.
    ("ผู้รับผิดชอบ/หน่วยงาน", HeaderField.RESPONSIBLE),
    ("หน่วยงาน/ผู้รับผิดชอบ", HeaderField.RESPONSIBLE),
    ("หน่วยงานและผู้รับผิดชอบ", HeaderField.RESPONSIBLE),
    ("กลุ่มงานที่รับผิดชอบ", HeaderField.UNIT),
    ("หน่วยงานที่รับผิดชอบ", HeaderField.UNIT),
    ("กลุ่มที่รับผิดชอบ", HeaderField.UNIT),
    ("หน่วยงานรับผิดชอบ", HeaderField.UNIT),
    ("กลุ่มงาน", HeaderField.UNIT),
    ("ฝ่ายที่รับผิดชอบ", HeaderField.UNIT),
    ("ฝ่าย/งานที่รับผิดชอบ", HeaderField.UNIT),
    ("งานที่รับผิดชอบ", HeaderField.UNIT),
    ("ลักษณะโครงการ", HeaderField.PROJECT_TYPE),
    ("ลักษณะของโครงการ", HeaderField.PROJECT_TYPE),
    ("ประเภทของโครงการ", HeaderField.PROJECT_TYPE),
    ("ลักษณะกิจกรรม", HeaderField.PROJECT_TYPE),
    ("ลักษณะงาน/โครงการ", HeaderField.PROJECT_TYPE),
    ("ประเภทโครงการ", HeaderField.PROJECT_TYPE),
    ("ระยะเวลาดำเนินการ", HeaderField.PERIOD),
    ("ระยะเวลาดำเนินงาน", HeaderField.PERIOD),
    ("ระยะเวลาการดำเนินงาน", HeaderField.PERIOD),
    ("ระยะเวลาการดำเนินการ", HeaderField.PERIOD),
    ("ระยะเวลา", HeaderField.PERIOD),
    ("งบประมาณ", HeaderField.BUDGET),
]

# The longest label that fits wins ("สนองกลยุทธ์โรงเรียน" before "กลยุทธ์").
HEADER_LABELS.sort(key=lambda entry: -len(entry[0]))

# Labels that may be glued to the end of the previous field's text ("...เขต 2แผนงาน").
GLUABLE_LABELS = [
    label for label, f in HEADER_LABELS
    if f in (HeaderField.PLAN, HeaderField.RESPONSIBLE, HeaderField.PROJECT_TYPE,
             HeaderField.PERIOD)
    or label.startswith("ยุทธศาสตร์สพ")
]

# "โครงการที่ 3 พัฒนาครู": the project's number between the label and its name.
PROJECT_NUMBER_RE = re.compile(r"^\s*ที่\s*[0-9๐-๙]{1,3}(?![0-9๐-๙,])")

# Tick boxes before the options of a field ("☑ โครงการต่อเนื่อง ☐ โครงการใหม่",
# "( / ) ใหม่ (  ) ต่อเนื่อง", "[x] ...", "■ ... □ ..."): ticked and empty ones.
CHECKED_BOX_RE = re.compile(r"[☑☒⊠■▣◼⬛✓✔✗✘]|[\[(]\s*[/✓✔xX×✗✘\\]\s*[\])]")
UNCHECKED_BOX_RE = re.compile(r"[☐□◻❑❒⬜]|[\[(]\s*[\])]")
# Values of ลักษณะโครงการ that start with "โครงการ" but are not a project title.
PROJECT_TYPE_VALUES = ("โครงการต่อเนื่อง", "โครงการใหม่", "โครงการพิเศษ", "โครงการตามนโยบาย",
                       "โครงการประจำ")
# Lines under the header that end it ("------").
SEPARATOR_RE = re.compile(r"^\s*(?:[-_=─—–.·*]\s*){5,}$")
# The signature block that closes a project form ("ลงชื่อ ............ ผู้เสนอโครงการ",
# "(ลงชื่อ) ....", "............ ผู้อนุมัติโครงการ"): a line that starts with ลงชื่อ/ลงนาม
# (not "ลงชื่อเข้าร่วม"), or with a dotted line to sign on. What follows it (the signer's
# name in brackets, the position) is not the section it ends.
# The leading spaces are taken possessively (\s*+): with two \s* around the optional
# bracket, a line of n spaces was tried n**2 ways before failing (issue 10 item 6).
SIGNATURE_RE = re.compile(
    r"^\s*+[(\[]?\s*ลง(?:ชื่อ|นาม)\s*[)\]]?(?=[\s.…_]|$)|^\s*+[.…_]{6}")

# Where one person's name ends in a list ("นาย ก ข และนาง ค ง", "น.ส. จ ฉ, นาย ...").
PERSON_CUT_RE = re.compile(r"(?<!\s)\s*+(?:,|，|/|;|\(|และ|กับ)")
UNIT_PREFIXES = ("กลุ่ม", "หน่วย", "งาน", "ฝ่าย", "สำนัก", "ศูนย์")
# A unit written after the names on the same line ("นาย ก ข กลุ่มอำนวยการ").
UNIT_AT_END_RE = re.compile(r"(?:^|\s)((?:กลุ่ม|หน่วย)\S+(?:\s\S+)*)$")
# Words after a person's name that do not name another person.
NOT_A_PERSON_RE = re.compile(r"(และ)?(คณะ|เจ้าหน้าที่|บุคลากร|ครู|ผู้เกี่ยวข้อง|ทีมงาน)")

# -- project body sections ------------------------------------------------------------


class Section(StrEnum):
    RATIONALE = "rationale"
    OBJECTIVES = "objectives"
    TARGETS = "targets"
    ACTIVITIES = "activities"
    SCHEDULE = "schedule"
    BUDGET = "budget"
    EVALUATION = "evaluation"
    EXPECTED = "expected"
    SIGNATURES = "signatures"
    OTHER = "other"


# Words with which a line of the budget section states the project's whole budget
# ("งบประมาณ จำนวน 58,800 บาท", "รวมทั้งสิ้น 20,000 บาท"), unlike an item line's amounts.
STATED_BUDGET_WORDS: tuple[str, ...] = ("งบประมาณ", "ทั้งสิ้น", "ทั้งหมด")

SECTION_KEYWORDS: list[tuple[str, Section]] = [
    ("หลักการและเหตุผล", Section.RATIONALE),
    ("ความเป็นมา", Section.RATIONALE),
    ("วัตถุประสงค์", Section.OBJECTIVES),
    ("เป้าหมาย", Section.TARGETS),
    ("ปฏิทิน", Section.SCHEDULE),
    ("กิจกรรม", Section.ACTIVITIES),
    ("วิธีดำเนินการ", Section.ACTIVITIES),
    ("ขั้นตอนการดำเนินงาน", Section.ACTIVITIES),
    ("ขั้นตอนการดำเนินการ", Section.ACTIVITIES),
    ("การดำเนินงาน", Section.ACTIVITIES),
    ("ระยะเวลา", Section.SCHEDULE),
    ("รายละเอียดการใช้งบประมาณ", Section.BUDGET),
    ("รายละเอียดการใช้จ่ายงบประมาณ", Section.BUDGET),
    ("งบประมาณ", Section.BUDGET),
    ("การวัดและประเมินผล", Section.EVALUATION),
    ("การประเมินผล", Section.EVALUATION),
    ("ตัวชี้วัด", Section.EVALUATION),
    ("ผลที่คาดว่าจะได้รับ", Section.EXPECTED),
    ("ผลที่คาดว่าจะเกิด", Section.EXPECTED),
    ("ผลที่จะได้รับ", Section.EXPECTED),
    ("ผลผลิตผลลัพธ์", Section.EXPECTED),
]

# Top-level heading number: "1.", "๑.", "๑ ." but not "2.1" (a sub-item).
HEADING_NUMBER_RE = re.compile(r"^\s*([0-9๐-๙]{1,2})\s*\.(?![0-9๐-๙])\s*")
CONTINUED_RE = re.compile(r"\(\s*ต่อ\s*\)")
# The mark a continued table or heading carries on its next page ("(ต่อ)").
CONTINUED_MARK = "(ต่อ)"

# List markers at the start of a line inside a cell or a list paragraph.
LIST_MARKER_RE = re.compile(
    r"^\s*(?:"
    r"[-–—•·●▪○◦➢✓*]"
    r"|\(?[0-9๐-๙]{1,3}\)"
    r"|[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})+\.?"
    r"|[0-9๐-๙]{1,3}\."
    r"|[ก-ฮ][.)]"
    r")\s*"
)

# -- document level -------------------------------------------------------------------

PLAN_TITLE_WORD = "แผนปฏิบัติการ"
PLAN_TITLE_RE = re.compile(r"แผนปฏิบัติการ(?:ประจำปี)?(?:งบประมาณ)?")
# A line that starts with the plan title, perhaps after a page number.
PLAN_TITLE_START_RE = re.compile(r"^\s*(?:[0-9๐-๙]{1,4}\s+)?(แผนปฏิบัติการ)")
# The title and its year: "แผนปฏิบัติการ ประจำปีงบประมาณ พ.ศ. 2566", "... ประจำปีการศึกษา 2566"
PLAN_TITLE_WITH_YEAR_RE = re.compile(
    r"แผนปฏิบัติการ\s*+(?:(?:ประจำ)?\s*+ปี\s*+(?:งบประมาณ|การศึกษา)?\s*+(?:พ\s*\.\s*ศ\s*\.?)?"
    r"\s*+[0-9๐-๙]{4})?"
)
# The year a title's next line carries ("พ.ศ. 2566").
# Leading spaces possessive: two \s* around the optional พ.ศ. split a run of spaces n**2 ways.
YEAR_CONTINUATION_RE = re.compile(r"^\s*+(?:พ\s*\.\s*ศ\s*\.?)?\s*+[0-9๐-๙]{4}")
FISCAL_YEAR_RE = re.compile(
    r"(?:ประจำปีงบประมาณ|ปีงบประมาณ|ประจำปี)\s*+(?:พ\s*\.\s*ศ\s*\.?)?\s*+([0-9๐-๙]{4})"
)
# Full-form prefixes of the bodies that issue plans, most specific first (a primary
# office's name also starts with the area office's prefix). The name follows the prefix:
# a province (and "เขต N") for an office, the school's own name for a school.
ORGANIZATION_FULL_PREFIXES: tuple[str, ...] = (
    "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
    "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
    "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "สำนักงานส่งเสริมการศึกษานอกระบบและการศึกษาตามอัธยาศัย",
    "สำนักงานเขตพื้นที่การศึกษา",
    "สำนักงานการศึกษา",  # สำนักงานการศึกษาเอกชนจังหวัด..., สำนักงานการศึกษาเทศบาล...
    "ศูนย์การศึกษานอกระบบและการศึกษาตามอัธยาศัย",
    "ศูนย์การศึกษา",  # ศูนย์การศึกษาพิเศษ...
    "ศูนย์ส่งเสริมการเรียนรู้",
    "วิทยาลัย",
    "โรงเรียน",
)
# "มหาวิทยาลัย" is a university, not a "วิทยาลัย": a prefix right after this is no prefix.
NOT_A_PREFIX_AFTER = "มหา"
# An area office's number: "เขต 2", "สพป.ยส.2" (DISTRICT_RE reads it at a name's end).
DISTRICT_WORD = "เขต"
# (searched: the spaces are taken from a run's first one only, so a long run of spaces is
# not scanned again from each of its positions, tests/normalize/test_linear.py)
DISTRICT_RE = re.compile(r"\.?(?:เขต)?\.?(?<!\s)\s*+([0-9]{1,3})\.?$")
# A body that is complete without a name after its prefix (there is only one of it).
ORGANIZATION_SINGLETONS: frozenset[str] = frozenset(
    {"สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"})
# Abbreviations printed in footers, tables and project fields ("สพป.ยส.2", "รร.บ้านนา"),
# each with the full prefix it stands for. The dot may be left out ("สพม ๒๘").
ORGANIZATION_ABBREVIATIONS: dict[str, str] = {
    "สพป": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
    "สพม": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
    "สพท": "สำนักงานเขตพื้นที่การศึกษา",
    "สพฐ": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "รร": "โรงเรียน",
    "ร.ร": "โรงเรียน",
    "วท": "วิทยาลัยเทคนิค",
    "วก": "วิทยาลัยการอาชีพ",
    "วษท": "วิทยาลัยเกษตรและเทคโนโลยี",
    "วอศ": "วิทยาลัยอาชีวศึกษา",
}
# Every way an organization name can start, full or abbreviated.
ORGANIZATION_PREFIXES: tuple[str, ...] = (
    *ORGANIZATION_FULL_PREFIXES, *(a + "." for a in ORGANIZATION_ABBREVIATIONS))
# Words that make "โรงเรียน..." / "สำนักงานเขตพื้นที่การศึกษา..." a common noun, not a name:
# "โรงเรียนขนาดเล็ก", "โรงเรียนในสังกัด", "โรงเรียนทุกแห่ง", "สำนักงานเขตพื้นที่การศึกษามี...".
# Compared with the first word of what follows the prefix (pythainlp's tokenizer), so
# "โรงเรียนมีนประสาทวิทยา" (first word มีน) stays a name; words of three letters or more
# also reject a compound they start ("ขนาดเล็ก", "ทุกแห่ง", "รวมทั้ง").
ORGANIZATION_GENERIC_WORDS: frozenset[str] = frozenset({
    "และ", "ใน", "ในสังกัด", "ที่", "ทุก", "ขนาด", "ของ", "ให้", "สังกัด", "ต้นแบบ", "ต้นสังกัด",
    "มี", "ได้", "เป็น", "กับ", "เพื่อ", "โดย", "ซึ่ง", "ต่าง", "อื่น", "รวม", "นำร่อง",
    "เครือข่าย", "แกนนำ", "คุณภาพ", "ประจำ", "ทั้ง", "จึง", "ต้อง", "ยัง", "หรือ", "แห่ง", "ฯ",
    "เอง", "ดังกล่าว", "เป้าหมาย", "กลุ่ม", "จำนวน", "ระดับ", "พื้นที่", "จัด", "นั้น", "นี้",
    "เหล่านี้", "แต่ละ", "ใด", "ไหน",
})
# Words that end a name glued to running text ("โรงเรียนบ้านเขาจีนเล่มนี้",
# "โรงเรียนบ้านหยงสตาร์ได้จัด"): compared with whole words of pythainlp's tokenizer.
ORGANIZATION_NAME_END_WORDS: frozenset[str] = ORGANIZATION_GENERIC_WORDS | {
    "เล่ม", "ได้", "จัดทำ", "ดำเนินการ", "ร่วมกับ", "ประกอบด้วย", "จึง", "นั้น", "นี้", "เพื่อ",
    "โดย", "ซึ่ง", "มี", "ได้จัด", "กำหนด", "ตาม", "ทั้งหมด", "จำนวน",
}
# A name mentioned after these is the body's parent, not the body issuing the plan.
PARENT_MARKERS: tuple[str, ...] = ("สังกัด", "ต้นสังกัด")
# Words that end an organization's name on a cover or footer line ("... เขต 1 กระทรวง
# ศึกษาธิการ", "โรงเรียนบ้านนา อำเภอเมือง", "... เขต 1 เอกสารลำดับที่ 1/2566").
ORGANIZATION_STOP_WORDS: tuple[str, ...] = (
    "กระทรวง", "สังกัด", "อำเภอ", "ตำบล", "เอกสาร", "หน้า", "page", "กลุ่ม", "ปีงบประมาณ",
    "ประจำปี", "แผนปฏิบัติการ", "และ", "โทร", "ที่ตั้ง", "เลขที่", "หมู่",
)
# "of" before the issuer's name: "แผนปฏิบัติการประจำปี 2566 ของโรงเรียนบ้านเขาจีน".
OF_WORD = "ของ"
# Page furniture printed with a title in a header or footer: "หน้า ๑๙๖", "- 12 -", "page 3".
PAGE_FURNITURE_RE = re.compile(
    r"(?:(?:หน้า|page)\s*+[-–—]?\s*+[0-9๐-๙]{1,4}|[-–—]\s*[0-9๐-๙]{1,4}\s*[-–—]|[-–—]\s*[-–—])",
    re.IGNORECASE,
)
# The value of a strategy field that itself starts like its label: "ยุทธศาสตร์ที่ 2 ..."
STRATEGY_NUMBER_RE = re.compile(r"\s*ที่\s*[0-9๐-๙]")
# "ยุทธศาสตร์ที่ 6 ด้าน...", "สรุปโครงการตามกลยุทธ์ที่ 2 พัฒนา..." (searched, not matched)
# A strategy named in a summary's strategy column: "กลยุทธ์ที่ 1 ...", "ข้อ 2", "1", "๑. ...".
STRATEGY_CELL_RE = re.compile(
    r"^(?:(?:กลยุทธ์|ยุทธศาสตร์)\s*+(?:ที่)?|ข้อ(?:ที่)?|ที่)?\s*+([0-9๐-๙]{1,2})(?![0-9๐-๙,])"
    r"\s*+[.)]?\s*+(.*)$")
STRATEGY_RE = re.compile(r"(?:ยุทธศาสตร์|กลยุทธ์)\s*ที่\s*([0-9๐-๙]{1,2})\s*(.*)$")
# The words that name a strategy ("ยุทธศาสตร์ที่ 2", "กลยุทธ์ที่ 1").
STRATEGY_WORDS: tuple[str, ...] = ("ยุทธศาสตร์", "กลยุทธ์")


# -- table vocabulary -----------------------------------------------------------------


class Column(StrEnum):
    ITEM_NO = "item_no"
    ITEM = "item"
    COMPENSATION = "compensation"
    OPERATING = "operating"
    MATERIALS = "materials"
    OFF_BUDGET = "off_budget"
    TOTAL = "total"
    AMOUNT = "amount"  # "งบประมาณ"/"เงินงบประมาณ": a total or an in-budget subtotal
    NOTE = "note"
    PERIOD = "period"
    RESPONSIBLE = "responsible"
    PLACE = "place"
    PROJECT = "project"
    PRIORITY = "priority"
    BUDGET_ESA = "budget_esa"
    BUDGET_OBEC = "budget_obec"
    BUDGET_OTHER = "budget_other"
    INDICATOR = "indicator"
    METHOD = "method"
    TOOL = "tool"
    MONTH = "month"
    # expense categories of Thai budgeting beyond the contract's three
    UTILITIES = "utilities"  # ค่าสาธารณูปโภค
    EQUIPMENT = "equipment"  # ค่าครุภัณฑ์
    CONSTRUCTION = "construction"  # ค่าที่ดินและสิ่งก่อสร้าง
    OTHER_EXPENSE = "other_expense"  # a "ค่า..." column no list names
    FUNDING = "funding"  # a funding-source column (key: FUNDING_SOURCE_ROOTS)
    QUARTER = "quarter"  # money per fiscal quarter
    QUANTITY = "quantity"
    UNIT_WORD = "unit_word"
    UNIT_PRICE = "unit_price"
    CATEGORY_NAME = "category_name"  # cells name each row's expense category
    SOURCE_NAME = "source_name"  # cells name each row's funding source
    MONEY = "money"  # holds money, but no evidence says which
    TARGET = "target"  # ค่าเป้าหมาย of an evaluation table
    STRATEGY = "strategy"  # a summary column naming each row's strategy ("กลยุทธ์ที่ 1", "1")
    UNKNOWN = "unknown"


# Year labels of Gantt group headers: "ปี ๒๕๖2", "2562", "พ.ศ. 2563", "62".
YEAR_LABEL_RE = re.compile(r"^(?:ปี|พ\.?ศ\.?|ปีงบประมาณ|ปีงบ)?\s*([0-9๐-๙]{4}|[0-9๐-๙]{2})$")
# A calendar year inside a longer header ("ปี 2563"), not a fiscal year ("ปีงบประมาณ 2563").
YEAR_IN_TEXT_RE = re.compile(r"(?:ปี|พ\.ศ\.)\s*([0-9๐-๙]{4})")

# Headers of the column that names a row (its item, activity or project).
ITEM_HEADER_RE = re.compile(r"กิจกรรม|รายการ|รายละเอียด|โครงการ|ตัวชี้วัด|ตัวบ่งชี้")

# Ordered: the first pattern found in a column's compact header text decides its meaning.
BUDGET_COLUMN_PATTERNS: list[tuple[re.Pattern[str], Column]] = [
    (re.compile(r"นอกงบ"), Column.OFF_BUDGET),
    (re.compile(r"ตอบแทน"), Column.COMPENSATION),
    (re.compile(r"ใช้สอย"), Column.OPERATING),
    (re.compile(r"วัสดุ"), Column.MATERIALS),
    (re.compile(r"หมายเหตุ"), Column.NOTE),
    (re.compile(r"รวม"), Column.TOTAL),
    (re.compile(r"กิจกรรม|รายการ|รายละเอียด|โครงการ"), Column.ITEM),
    (re.compile(r"งบประมาณ|จำนวนเงิน|^เงิน|ค่าใช้จ่าย|บาท"), Column.AMOUNT),
    (re.compile(r"^(ที่|ลำดับ(ที่)?|ข้อ|no\.?)$", re.I), Column.ITEM_NO),
]

# The word in a header that makes a column list projects.
PROJECT_WORD = "โครงการ"
# Header roots of a summary column naming each row's funding source ("แหล่งงบประมาณ").
SOURCE_NAME_ROOTS: tuple[str, ...] = ("แหล่งงบประมาณ", "แหล่งเงิน", "ประเภทเงิน", "แหล่งที่มา",
                                      "ประเภทงบ")
# Words that make a table an expense breakdown, never a list of projects.
BREAKDOWN_WORDS: tuple[str, ...] = ("ตอบแทน", "ใช้สอย")
# A project's own table with a ระยะเวลา column is its activity plan, not a summary.
PERIOD_HEADER_WORD = "ระยะเวลา"
# A summary row that starts with this is a subtotal ("รวมยุทธศาสตร์ที่ 1").
TOTAL_WORD = "รวม"

# A summary column that lists a school's activities as its projects ("ชื่อกิจกรรม").
ACTIVITY_NAME_HEADER_RE = re.compile(r"^(?:ชื่อ)?(?:งาน/)?กิจกรรม(?:/งาน)?$")

SUMMARY_COLUMN_PATTERNS: list[tuple[re.Pattern[str], Column]] = [
    (re.compile(r"ลำดับความสำคัญ|ความสำคัญ"), Column.PRIORITY),
    (re.compile(r"โครงการ|กิจกรรม"), Column.PROJECT),
    # "กลยุทธ์", "สนองกลยุทธ์ที่", "ยุทธศาสตร์ สพป.": the strategy, never a budget source
    (re.compile(r"^(?:สนอง|สอดคล้อง(?:กับ)?)?(?:กลยุทธ์|ยุทธศาสตร์)"), Column.STRATEGY),
    (re.compile(r"สพฐ"), Column.BUDGET_OBEC),
    (re.compile(r"หน่วยงานอื่น|อื่นๆ|นอกงบ"), Column.BUDGET_OTHER),
    (re.compile(r"สพป|สพม|สถานศึกษา|เงินอุดหนุน"), Column.BUDGET_ESA),
    (re.compile(r"ผู้รับผิดชอบ|กลุ่มงาน|หน่วยงาน"), Column.RESPONSIBLE),
    (re.compile(r"งบประมาณ|จำนวนเงิน|บาท"), Column.AMOUNT),
    (re.compile(r"^(ที่|ลำดับ(ที่)?)$"), Column.PRIORITY),
]

# The abbreviations naming a summary column's source of money, by role: short roots an OCR
# slip of one letter ("สพธ์." for สพฐ.) leaves unmatched by the patterns above, so they are
# also matched within one edit (`summary.slipped_source_roles`).
SUMMARY_SOURCE_ABBREVIATIONS: dict[str, Column] = {
    "สพฐ": Column.BUDGET_OBEC, "สพป": Column.BUDGET_ESA, "สพม": Column.BUDGET_ESA,
}

EVALUATION_COLUMN_PATTERNS: list[tuple[re.Pattern[str], Column]] = [
    (re.compile(r"ตัวชี้วัด|ตัวบ่งชี้|ผลสำเร็จ|ความสำเร็จ"), Column.INDICATOR),
    (re.compile(r"เครื่องมือ"), Column.TOOL),
    (re.compile(r"เป้าหมาย|เกณฑ์"), Column.TARGET),
    (re.compile(r"วิธี"), Column.METHOD),
]

ACTIVITY_COLUMN_PATTERNS: list[tuple[re.Pattern[str], Column]] = [
    (re.compile(r"ระยะเวลา|ช่วงเวลา|วันเวลา|เดือน|ห้วงเวลา|^เวลา"), Column.PERIOD),
    (re.compile(r"ผู้รับผิดชอบ"), Column.RESPONSIBLE),
    (re.compile(r"สถานที่"), Column.PLACE),
    (re.compile(r"งบประมาณ|จำนวนเงิน"), Column.AMOUNT),
    (re.compile(r"กิจกรรม|รายการ|ขั้นตอน|วิธีดำเนินการ|การดำเนินงาน"), Column.ITEM),
    (re.compile(r"^(ที่|ลำดับ(ที่)?|ข้อ)$"), Column.ITEM_NO),
]

# The step of a PDCA cycle that heads a group of activities ("ขั้นวางแผน (P)", "ขั้นดำเนินการ
# (D)", "Plan", "ขั้นตรวจสอบ/ประเมินผล"), in a column of its own or a row above them.
PDCA_PHASE_RE = re.compile(
    r"^ขั้น(?:ตอน)?(?:การ|ที่[0-9๐-๙]\s*+)?\s*+(?:วางแผน|เตรียม|ดำเนิน|ปฏิบัติ|ตรวจสอบ|ประเมิน|"
    r"ปรับปรุง|นำผล|สรุป|รายงาน|พัฒนา)|^\(?[PDCA]\)?$|\((?:P|D|C|A)\)|"
    r"^(?:Plan|Do|Check|Act(?:ion)?)\b", re.I)
# Headers of a column that names each row's PDCA step rather than its activity.
PHASE_HEADER_RE = re.compile(r"^(?:ขั้นตอน|ขั้น|ขั้นตอนPDCA|PDCA|วงจรPDCA|กระบวนการ(?:PDCA)?)$",
                             re.I)

# Budget tables without category columns name the category in a heading row
# ("2. ค่าใช้สอย") or at the start of the item ("ค่าตอบแทนวิทยากร ...").
CATEGORY_PREFIXES = {
    Column.COMPENSATION: "ค่าตอบแทน",
    Column.OPERATING: "ค่าใช้สอย",
    Column.MATERIALS: "ค่าวัสดุ",
    Column.UTILITIES: "ค่าสาธารณูปโภค",
    Column.EQUIPMENT: "ค่าครุภัณฑ์",
    Column.CONSTRUCTION: "ค่าที่ดินและสิ่งก่อสร้าง",
}
CATEGORY_HEADINGS = {
    role: re.compile(re.escape(word) + r"(\(บาท\))?[:.]?")
    for role, word in CATEGORY_PREFIXES.items()
}

# Funding sources, by the root that names them in a header or a cell; longest first so
# "เงินอุดหนุนรายหัว" is per-head subsidy before "เงินอุดหนุน" is a subsidy.
FUNDING_SOURCE_ROOTS: dict[str, str] = {
    "เงินอุดหนุนรายหัว": "per_head_subsidy", "อุดหนุนรายหัว": "per_head_subsidy",
    "รายหัว": "per_head_subsidy", "เรียนฟรี": "free_education",
    "15ปี": "free_education", "๑๕ปี": "free_education",
    "กิจกรรมพัฒนาผู้เรียน": "student_activities", "ปัจจัยพื้นฐาน": "basic_needs",
    "รายได้สถานศึกษา": "school_income", "เงินรายได้": "school_income",
    "บำรุงการศึกษา": "school_income", "เงินบริจาค": "donation", "บริจาค": "donation",
    "องค์การบริหารส่วน": "local_government", "อปท": "local_government",
    "เทศบาล": "local_government", "ท้องถิ่น": "local_government",
    "อบต": "local_government", "อบจ": "local_government",
    "สพฐ": "budget_obec", "สพป": "budget_esa", "สพม": "budget_esa",
    "เขตพื้นที่": "budget_esa", "หน่วยงานอื่น": "budget_other", "อื่นๆ": "budget_other",
    "เงินอุดหนุน": "subsidy", "สถานศึกษา": "school",
}
# Each funding source in the contract's three summary columns (documented in
# DATA_CONTRACT.md): the body's own money, the OBEC's, everybody else's.
FUNDING_CONTRACT_COLUMN: dict[str, Column] = {
    "per_head_subsidy": Column.BUDGET_ESA, "free_education": Column.BUDGET_ESA,
    "student_activities": Column.BUDGET_ESA, "basic_needs": Column.BUDGET_ESA,
    "school_income": Column.BUDGET_ESA, "subsidy": Column.BUDGET_ESA,
    "school": Column.BUDGET_ESA, "budget_esa": Column.BUDGET_ESA,
    "budget_obec": Column.BUDGET_OBEC, "local_government": Column.BUDGET_OTHER,
    "donation": Column.BUDGET_OTHER, "budget_other": Column.BUDGET_OTHER,
    "off_budget": Column.BUDGET_OTHER,
}
# Expense categories named in a cell or a heading row, with and without "ค่า".
CATEGORY_NAME_KEYS: dict[str, Column] = {
    "ค่าตอบแทน": Column.COMPENSATION, "ค่าใช้สอย": Column.OPERATING,
    "ค่าวัสดุ": Column.MATERIALS, "ค่าสาธารณูปโภค": Column.UTILITIES,
    "ค่าครุภัณฑ์": Column.EQUIPMENT, "ค่าที่ดินและสิ่งก่อสร้าง": Column.CONSTRUCTION,
    "ค่าสิ่งก่อสร้าง": Column.CONSTRUCTION, "ตอบแทน": Column.COMPENSATION,
    "ใช้สอย": Column.OPERATING, "วัสดุ": Column.MATERIALS,
    "สาธารณูปโภค": Column.UTILITIES, "ครุภัณฑ์": Column.EQUIPMENT,
    "ที่ดินและสิ่งก่อสร้าง": Column.CONSTRUCTION,
}
# A category may be named after "หมวด" or "งบ" ("หมวดค่าวัสดุ", "งบค่าใช้สอย").
CATEGORY_LEAD_WORDS: tuple[str, ...] = ("หมวด", "งบ")


def without_category_lead(value: str) -> str:
    """A compact category name without the "หมวด" / "งบ" written before it."""
    for word in CATEGORY_LEAD_WORDS:
        value = value.removeprefix(word)
    return value


# What may follow a category heading's word ("ค่าเบี้ยประชุม (บาท):").
HEADING_DECORATION_RE = re.compile(r"(\(บาท\))?[:.]?$")
# A quarter's number in a money column's header ("ไตรมาสที่ 2", "ไตรมาส 4").
QUARTER_RE = re.compile(r"ไตรมาส(?:ที่)?([1-4])")
# "บาท" or ".-" right after an amount in a budget line ("1,200 บาท", "500.-").
BAHT_AFTER_RE = re.compile(r"\s*(?:บาท|\.-)")
# Words that introduce a category heading's subtotal ("2. ค่าใช้สอย เป็นเงิน 27,800 บาท").
SUBTOTAL_LEAD_WORDS: tuple[str, ...] = ("เป็นเงิน", "จำนวน", "รวม")


@dataclass(frozen=True)
class Rule:
    """A header reading: any of `roots` in the compact header gives `role` (and `key`)."""

    role: Column
    roots: tuple[str, ...]
    key: str | None = None
    exact: bool = False  # the whole header must be one of the roots
    # a catch-all root ("ค่า" of any expense): found exactly, it still yields to a close
    # fuzzy match of a longer, specific root ("ค่าใชสอย" is ค่าใช้สอย, not other_expense)
    generic: bool = False


def rule(role: Column, *roots: str, key: str | None = None, exact: bool = False,
         generic: bool = False) -> Rule:
    return Rule(role, roots, key, exact, generic)


# Ordered: the first rule that fits decides (a group header "งบประมาณ" above "ค่าวัสดุ"
# gives the compact header "งบประมาณค่าวัสดุ", which is materials, not a plain amount).
BUDGET_RULES: tuple[Rule, ...] = (
    rule(Column.NOTE, "หมายเหตุ"),
    rule(Column.OFF_BUDGET, "นอกงบ", key="off_budget"),
    rule(Column.UNIT_PRICE, "ราคาต่อหน่วย", "ราคา/หน่วย", "หน่วยละ", "ราคาหน่วย", "ราคาละ",
         "อัตรา"),
    # the whole "ค่า..." word is a root too: a longer root absorbs one typo ("ค่าใช้สอบ")
    rule(Column.COMPENSATION, "ตอบแทน", "ค่าตอบแทน"),
    rule(Column.OPERATING, "ใช้สอย", "ค่าใช้สอย"),
    rule(Column.MATERIALS, "วัสดุ", "ค่าวัสดุ"),
    rule(Column.UTILITIES, "สาธารณูปโภค"),
    rule(Column.EQUIPMENT, "ครุภัณฑ์", "ค่าครุภัณฑ์"),
    rule(Column.CONSTRUCTION, "ที่ดินและสิ่งก่อสร้าง", "สิ่งก่อสร้าง"),
    rule(Column.CATEGORY_NAME, "หมวดรายจ่าย", "ประเภทรายจ่าย", "หมวดเงิน", "หมวด"),
    rule(Column.SOURCE_NAME, "แหล่งงบประมาณ", "แหล่งเงิน", "ประเภทเงิน", "แหล่งที่มา"),
    rule(Column.QUARTER, "ไตรมาส"),
    rule(Column.TOTAL, "รวม"),
    rule(Column.ITEM, "กิจกรรม", "รายการ", "รายละเอียด", "โครงการ"),
    rule(Column.QUANTITY, "จำนวน", "จำนวนหน่วย", "ปริมาณ", exact=True),
    rule(Column.UNIT_WORD, "หน่วย", "หน่วยนับ", exact=True),
    rule(Column.FUNDING, *FUNDING_SOURCE_ROOTS),
    rule(Column.AMOUNT, "งบประมาณ", "จำนวนเงิน", "เงิน", "ค่าใช้จ่าย", "บาท", "ยอด"),
    rule(Column.OTHER_EXPENSE, "ค่า", generic=True),
    rule(Column.ITEM_NO, "ที่", "ลำดับ", "ลำดับที่", "ข้อ", "no", "no.", exact=True),
    rule(Column.PERIOD, "ระยะเวลา", "ช่วงเวลา", "วันเวลา", "เดือน"),
    rule(Column.RESPONSIBLE, "ผู้รับผิดชอบ"),
)

# Words of a quantity's unit column ("คน", "ชุด"), longest first for suffix stripping.
UNIT_WORDS: tuple[str, ...] = tuple(sorted(set(COUNT_UNITS), key=len, reverse=True))
# What a Gantt cell holds when an activity is planned in its month.
MARK_TEXTS = frozenset({"/", "//", "✓", "✔", "√", "x", "X", "*", "●", "•", "■", "◆", "-", "--",
                        "—", "–", "→", "←", "↔", "<->", "<-->", "<--->", "ü", "P"})

# A row whose first text starts with one of these is a total row, not an item.
TOTAL_ROW_RE = re.compile(r"^(รวม|ยอดรวม|total)", re.I)
# The whole (compact) label of a total row: "รวม", "รวมทั้งสิ้น", "รวมงบประมาณทั้งสิ้น",
# "รวมเป็นเงิน (บาท)", "รวมกิจกรรมที่ 1"; not an item that merely starts with รวม.
# Both match with upper marks lost (a scan's "รวมทั้งสิน"): `upper_marks_optional`.
TOTAL_LABEL_RE = re.compile(upper_marks_optional(
    r"^(?:รวม|ยอดรวม|total)"
    r"(?:ทั้งสิ้น|งบประมาณ|เงิน|เป็นเงิน|ทั้งหมด|ค่าใช้จ่าย|จำนวนเงิน|ยอด|ทุกรายการ|"
    r"กิจกรรมที่[0-9๐-๙]+|\(?บาท\)?|[.:])*$"),
    re.I,
)
GRAND_TOTAL_RE = re.compile(upper_marks_optional(r"ทั้งสิ้น|รวมงบประมาณ|ทั้งหมด|ยอดรวม"))

# Words that make up table header cells; a row made only of these is a header row.
HEADER_WORDS = sorted(
    {
        "ที่", "ลำดับ", "ความสำคัญ", "โครงการ", "กิจกรรม", "รายการ", "รายละเอียด", "งบประมาณ",
        "เงิน", "นอก", "ตอบแทน", "ค่า", "ใช้สอย", "วัสดุ", "รวม", "ทั้งสิ้น", "บาท", "หมวด",
        "รายจ่าย", "ใช้จ่าย", "จำแนก", "ตาม", "ใช้", "แยก", "หมายเหตุ", "ผู้รับผิดชอบ",
        "ระยะเวลา", "ดำเนินการ", "ดำเนินงาน", "การ", "ปี", "สถานที่", "ตัวชี้วัด",
        "ความสำเร็จ", "ตัวบ่งชี้", "วิธี", "วัด", "ประเมิน", "ผล", "เครื่องมือ", "ใน", "และ",
        "สพป", "สพม", "สพฐ", "หน่วยงาน", "อื่น", "อื่นๆ", "จำนวน", "พ.ศ", "กลุ่ม", "งาน",
        "ข้อ", "เดือน", "ช่วง", "เวลา", "ปฏิทิน", "แหล่ง", "อุดหนุน", "สถานศึกษา", "ที่ใช้",
        "ประมาณ", "งบ", "ขั้นตอน", "รับผิดชอบ", "ลำดับที่", "ห้วง", "ผลสำเร็จ", "ชี้วัด", "no", "ไตรมาส",
        "เป้าหมาย", "ค่าเป้าหมาย", "หน่วย", "ราคา", "ต่อ", "pdca", "วงจร", "กระบวนการ", "ขั้น",
    },
    key=len,
    reverse=True,
)
