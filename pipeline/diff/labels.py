"""Thai labels and value formats for people reading the diff (HTML and terminal).

Kept apart from the comparison code: the Parquet outputs carry the contract's column
names, and only the human reports translate them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Final

from pipeline.diff.compare import DATE_FIELDS, MONEY_FIELDS
from pipeline.diff.model import (
    ASPECT_ADDED,
    ASPECT_AMOUNTS,
    ASPECT_MONTHS,
    ASPECT_REMOVED,
    ASPECT_TEXT,
    BUDGET_LINES,
    SCHEDULE,
    SUMMARY_TOTAL,
)
from pipeline.diff.values import parse_amounts
from pipeline.normalize.vocabulary import THAI_MONTH_ABBREVIATIONS

FIELD_LABELS: Final[dict[str, str]] = {
    "name": "ชื่อโครงการ",
    "budget_summary": "งบประมาณตามตารางสรุปโครงการ",
    "budget_stated": "งบประมาณที่ระบุในโครงการ",
    "budget_table_total": "รวมตามตารางรายละเอียดงบประมาณ",
    "budget_compensation": "ค่าตอบแทน",
    "budget_operating": "ค่าใช้สอย",
    "budget_materials": "ค่าวัสดุ",
    "unit": "กลุ่มงานที่รับผิดชอบ",
    "responsible_persons": "ผู้รับผิดชอบ",
    "start_date": "วันเริ่มต้น",
    "end_date": "วันสิ้นสุด",
    "priority": "ลำดับความสำคัญ",
    "plan": "แผนงาน",
    "project_type": "ลักษณะโครงการ",
    BUDGET_LINES: "รายการงบประมาณ",
    SCHEDULE: "ปฏิทินการดำเนินงาน",
    SUMMARY_TOTAL: "รวมงบประมาณตามตารางสรุป",
}
ASPECT_LABELS: Final[dict[str, str]] = {
    "compensation": "ค่าตอบแทน",
    "operating": "ค่าใช้สอย",
    "materials": "ค่าวัสดุ",
    "off_budget": "เงินนอกงบประมาณ",
    "budget_subtotal": "เงินงบประมาณ",
    "total": "รวม",
    ASPECT_AMOUNTS: "จำนวนเงิน",
    ASPECT_ADDED: "เพิ่มใหม่",
    ASPECT_REMOVED: "ตัดออก",
    ASPECT_TEXT: "ข้อความเปลี่ยน",
    ASPECT_MONTHS: "เดือนที่ดำเนินการ",
}
CHANGE_LABELS: Final[dict[str, str]] = {
    "added": "โครงการใหม่",
    "removed": "โครงการที่ตัดออก",
    "renamed": "เปลี่ยนชื่อ",
    "changed": "มีการเปลี่ยนแปลง",
    "unchanged": "ไม่เปลี่ยนแปลง",
    "document": "ทั้งแผน",
}
BE_OFFSET: Final = 543
BAHT: Final = "บาท"


def baht(value: str | None) -> str:
    """"58800.00" as "58,800.00 บาท"; anything unreadable as written, null as "-"."""
    if value is None:
        return "-"
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return value
    return f"{amount:,.2f} {BAHT}"


def signed_baht(amount: Decimal) -> str:
    """A difference with its sign: "+5,000.00 บาท", "-8,000.00 บาท", "0.00 บาท"."""
    sign = "+" if amount > 0 else ""
    return f"{sign}{amount:,.2f} {BAHT}"


def amount_differences(old: str | None, new: str | None) -> str:
    """Per-column differences of a budget line ("operating 150000.00" -> "operating
    130000.00" gives "ค่าใช้สอย -20,000.00 บาท"); a column on one side only counts as 0
    on the other, as the comparison does."""
    before, after = parse_amounts(old), parse_amounts(new)
    columns = list(before) + [c for c in after if c not in before]
    return "; ".join(
        f"{ASPECT_LABELS.get(c, c)} "
        f"{signed_baht((after.get(c) or Decimal(0)) - (before.get(c) or Decimal(0)))}"
        for c in columns)


def thai_date(value: str | None) -> str:
    """"2019-10-01" as "1 ต.ค. 2562"."""
    if value is None:
        return "-"
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {THAI_MONTH_ABBREVIATIONS[day.month - 1]} {day.year + BE_OFFSET}"


def thai_months(value: str | None) -> str:
    """"2019-10, 2019-11" as "ต.ค. 2562, พ.ย. 2562"."""
    if not value:
        return "-"
    out = []
    for part in value.split(", "):
        try:
            year, month = (int(x) for x in part.split("-"))
            out.append(f"{THAI_MONTH_ABBREVIATIONS[month - 1]} {year + BE_OFFSET}")
        except (ValueError, IndexError):
            out.append(part)
    return ", ".join(out)


def amounts(value: str | None) -> str:
    """"operating 150000.00, total 150000.00" as "ค่าใช้สอย 150,000.00 บาท; รวม ..."."""
    if value is None:
        return "-"
    return "; ".join(f"{ASPECT_LABELS.get(name, name)} {baht(None if v is None else str(v))}"
                     for name, v in parse_amounts(value).items())


def display_value(field: str | None, aspect: str | None, value: str | None) -> str:
    """A change's value as a Thai reader expects it: baht, Thai dates, Thai months."""
    if field in MONEY_FIELDS or field == SUMMARY_TOTAL:
        return baht(value)
    if field == BUDGET_LINES and aspect != ASPECT_TEXT:
        return amounts(value)
    if field in DATE_FIELDS:
        return thai_date(value)
    if field == SCHEDULE and aspect != ASPECT_TEXT:
        return thai_months(value)
    return "-" if value is None else value


def field_label(field: str | None, aspect: str | None) -> str:
    label = FIELD_LABELS.get(field or "", field or "")
    if aspect:
        label += f" · {ASPECT_LABELS.get(aspect, aspect)}"
    return label
