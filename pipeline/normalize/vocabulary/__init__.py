"""The Thai vocabulary of the pipeline: every word it recognises, with the variants real
plans use, in this one package.

- this module: the words of values (months, eras, money, units of cost formulas, person
  titles, page words), which the normalizers parse;
- `plan`: the words of a plan's structure (project header labels, section headings,
  organization names, table column roots, total rows, categories and funding sources);
- `office`: an office's own words, added from a TOML file (`--vocabulary FILE`).

Plans are typed by hand in many offices, so the same month or unit appears spelled several
ways ("กรกฏาคม" with ฏ, "ต.ค" without its last dot, "ตค" without any). Every variant we
accept lives here as data; the parsers only build their patterns from these constants, so
adding a spelling found in a new document is a one-line change here.

It sits under `normalize`, the lowest layer: readers (`pipeline.read`) and the extractor
(`pipeline.extract`) both import it, and it imports neither (tests/test_import_graph.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

# -- Buddhist era and the Thai fiscal year ---------------------------------------------

# BE = CE + 543.
BE_OFFSET: Final = 543
# A two-digit year ("ต.ค.62") is the last two digits of a BE year in the 2500s.
TWO_DIGIT_BE_CENTURY: Final = 2500
# Four-digit numbers in these ranges are read as years of that era; anything else is not
# a year, so "งบประมาณ 2563" is a year while "งบประมาณ 25630" is money.
BE_YEAR_MIN: Final = 2400
BE_YEAR_MAX: Final = 2700
CE_YEAR_MIN: Final = 1900
CE_YEAR_MAX: Final = 2100
# The fiscal year named BE N starts on 1 October of CE N-544 (the previous calendar year).
FISCAL_YEAR_FIRST_MONTH: Final = 10
MONTHS_PER_QUARTER: Final = 3

# -- month names ------------------------------------------------------------------------

# Index + 1 is the month number. The same spellings as pythainlp's thai_full_months and
# thai_abbr_months (a test keeps them in step).
THAI_MONTH_NAMES: Final = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTH_ABBREVIATIONS: Final = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
# Spoken short forms written in tables ("ตุลา 62").
THAI_MONTH_SHORT_NAMES: Final = (
    "มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา",
    "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา",
)
# Misspellings seen in plans or usual in Thai typing (wrong final consonant, ฏ for ฎ,
# ษ for ศ, a dropped karan, an extra syllable).
THAI_MONTH_MISSPELLINGS: Final[Mapping[int, tuple[str, ...]]] = {
    1: ("มกรคม", "มกาคม", "มกราคาม"),
    2: ("กุมภาพันธ", "กุมภาพันธุ์", "กุมภาพันธุ", "กุมภาพัน", "กุมพาพันธ์"),
    3: ("มีนาคาม", "มีนคม", "มินาคม"),
    4: ("เมษายม", "เมษยน", "เมษาายน", "เมศายน"),
    5: ("พฤษภาคาม", "พฤษภคม", "พฤกษภาคม", "พฤษาคม", "พึษภาคม"),
    6: ("มิถุนายม", "มิถุยายน", "มิถุนยน", "มิถนายน"),
    7: ("กรกฏาคม", "กรกฎคม", "กรกฏคม", "กรกฎาคาม", "กรกฏาคาม"),
    8: ("สิงหาคาม", "สิงหคม", "สิงหาาคม"),
    9: ("กันยายม", "กันยยน", "กันยาบน", "กันายน"),
    10: ("ตุลาคาม", "ตุลคม", "ตุลาคมม"),
    11: ("พฤศจิกายม", "พฤศจิกยน", "พฤษจิกายน", "พฤศจิการยน", "พฤศจิกาย", "พฤสจิกายน"),
    12: ("ธันวาคาม", "ธันวคม", "ธันวาม"),
}
ENGLISH_MONTH_NAMES: Final = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)
ENGLISH_MONTH_ABBREVIATIONS: Final[Mapping[int, tuple[str, ...]]] = {
    1: ("jan",), 2: ("feb",), 3: ("mar",), 4: ("apr",), 5: ("may",), 6: ("jun",),
    7: ("jul",), 8: ("aug",), 9: ("sep", "sept"), 10: ("oct",), 11: ("nov",), 12: ("dec",),
}

# -- words around dates -------------------------------------------------------------------

# Joins the two ends of a period. Longest first: "ถึงวันที่" before "ถึง".
RANGE_WORDS: Final = ("จนถึงวันที่", "ถึงวันที่", "จนถึง", "ถึงเดือน", "ถึง")
RANGE_DASHES: Final = ("-", "–", "—", "−", "~")
# Introduce or decorate a date without changing it.
DATE_FILLER_WORDS: Final = (
    "ตั้งแต่วันที่", "ตั้งแต่เดือน", "ตั้งแต่", "ระหว่างวันที่", "ระหว่างเดือน", "ระหว่าง",
    "วันที่", "เดือน", "พ.ศ.", "พ.ศ", "พศ.", "พศ", "ค.ศ.", "ปี", "ที่", "ประมาณ",
)
ERA_MARKERS: Final = ("พ.ศ.", "พ.ศ", "พศ.", "พศ")
FISCAL_YEAR_WORDS: Final = ("ปีงบประมาณ", "ปี งบประมาณ", "ปีงบฯ", "ปีงบ")
# The whole fiscal year of the plan.
WHOLE_FISCAL_YEAR_PHRASES: Final = (
    "ตลอดปีงบประมาณ", "ตลอดทั้งปีงบประมาณ", "ทั้งปีงบประมาณ", "ตลอดทั้งปี", "ตลอดปี",
)
QUARTER_WORDS: Final = ("ไตรมาสที่", "ไตรมาส")

# -- money -----------------------------------------------------------------------------------

BAHT_WORDS: Final = ("บาทถ้วน", "บาท", "บ.")
BAHT_SIGN: Final = "฿"
MILLION_WORD: Final = "ล้าน"
# ".-" after an amount ("50,000.-") means "no satang"; it is not a decimal point.
NO_SATANG_MARKS: Final = (".-", ".=", ".–")
DASHES_MEANING_ZERO: Final = ("-", "–", "—", "−")
# Words right before the amount a budget sentence states.
AMOUNT_LEAD_WORDS: Final = (
    "จำนวนทั้งสิ้น", "จำนวนเงิน", "รวมเป็นเงิน", "รวมทั้งสิ้น", "เป็นเงิน", "วงเงิน", "จำนวน",
)
BUDGET_WORD: Final = "งบประมาณ"
# A four-digit BE number right after one of these is a year, not money.
YEAR_LEAD_WORDS: Final = ("ปีงบประมาณ", "งบประมาณ", "ประจำปี", "ปี", *ERA_MARKERS)

# -- units in cost formulas ("220 คน x 30 บาท x 6 ครั้ง") ---------------------------------

FORMULA_OPERATOR_SIGNS: Final = ("x", "X", "×", "*", "✕", "✖")
FORMULA_OPERATOR_WORDS: Final = ("คูณ",)
MONEY_UNITS: Final = ("บาท",)
# What gets counted and multiplied: people, days, meals, batches, copies, trips.
COUNT_UNITS: Final = (
    "คน", "ท่าน", "วัน", "คืน", "ครั้ง", "มื้อ", "รุ่น", "เล่ม", "ชุด", "เดือน", "ชั่วโมง", "ชม.",
    "ชม", "หน้า", "แผ่น", "ป้าย", "โรงเรียน", "โรง", "แห่ง", "ห้อง", "กล่อง", "รีม", "ด้าม",
    "อัน", "ชิ้น", "ผืน", "ขวด", "คัน", "เที่ยว", "กิโลเมตร", "กม.", "ลิตร", "อัตรา", "กลุ่ม",
    "ทีม", "เครื่อง", "ตัว", "ใบ", "แพ็ค", "ม้วน", "หลัง", "จุด", "รายการ", "ภาพ", "ฉบับ",
    "หน่วย", "ราย", "ห่อ", "แก้ว", "ถุง",
)
# Sizes are written like products ("ขนาด 1.00x 1.12 เมตร") but are not costs.
DIMENSION_UNITS: Final = (
    "ตารางเมตร", "ตร.ม.", "เซนติเมตร", "มิลลิเมตร", "เมตร", "ซม.", "ซ.ม.", "ซม", "มม.", "มม",
    "ม.", "นิ้ว", "ฟุต", "cm.", "cm", "mm.", "mm", "m.", "m", "inch",
)
DIMENSION_CUE_WORDS: Final = ("ขนาด",)


# Abbreviations in project and office names, expanded before two names are compared
# (the summary writes "สพป.ยโสธร เขต 2" where the section title spells the office out).
NAME_ABBREVIATIONS: Final[dict[str, str]] = {
    "สพป.": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา",
    "สพม.": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา",
    "สพฐ.": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน",
    "ศธ.": "กระทรวงศึกษาธิการ",
    "ผอ.": "ผู้อำนวยการ",
    "ร.ร.": "โรงเรียน",
    "รร.": "โรงเรียน",
}

# Words and quotes left out when two project names are compared ("โครงการ ...",
# "... ประจำปีงบประมาณ 2566").
NAME_NOISE_WORDS: Final = ("โครงการ", "ประจำปีงบประมาณ", "ปีงบประมาณ", "\"", "“", "”", "'")
# The unit of money, the word after an amount.
BAHT: Final = "บาท"


# Personal titles, longest first: each starts one person's name ("น.ส.ประยูร เรืองศรี").
PERSON_TITLES: Final = (
    "ว่าที่ร้อยตรีหญิง", "ว่าที่ร้อยตรี", "ว่าที่ร.ต.หญิง", "ว่าที่ ร.ต.", "ว่าที่ร.ต.",
    "ดร.", "ผศ.", "รศ.", "ศ.", "นางสาว", "น.ส.", "นส.", "นาง", "นาย",
)
# The word before a printed page number in a page header or footer ("หน้า ๑๙๖").
PAGE_WORDS: Final = ("หน้า", "page")
# "30 คน 3 วันๆละ 180 บาท": ละ ("each") turns counts and a price into a product.
RATE_WORD: Final = "ละ"
# "2 รุ่นๆ ละ 105 คน/รุ่น": a per-batch head count, not a price.
BATCH_UNIT: Final = "รุ่น"
