"""Adversarial strings and the text-scanning functions they are fed to (issue 10 item 6).

Shared by the scaling bench (bench/normalizer_scaling.py, which times every pair) and the
hypothesis test (tests/normalize/test_linear.py, which compares two sizes in one run).
The units are the ones a fuzz of 1 MB strings found slow (runs of "1x", "1.1.", NUL,
"-", "(", "บาท/คน"), the vocabulary the scanners look for (Thai digits, "ต.ค.",
"ไตรมาส", "ปีงบประมาณ", "ภาคเรียนที่"), the separators they match around (",", ".",
spaces, "/") and mixtures of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from pipeline.errors import NotAPlanError
from pipeline.extract import (
    budget,
    budget_text,
    coverage,
    header,
    indicators,
    linking,
    lists,
    meta,
    roles,
    sections,
    summary,
    tables,
)
from pipeline.extract.plan import extract_plan
from pipeline.model import Cell, Document, Paragraph, Table
from pipeline.normalize import (
    academic_year,
    date_tokens,
    dates,
    formulas,
    glyphs,
    months,
    numbers,
    text,
    units,
)
from pipeline.normalize.vocabulary.plan import BUDGET_COLUMN_PATTERNS, BUDGET_RULES

ADVERSARIAL_UNITS: Final = (
    "1x", "1.", "1.1 ", "\0", "-", "(", ")", "บาท/คน", "1,", ",", ".", " ", "๑", "๑,๐๐",
    "ต.ค.", "ต.ค", "ไตรมาส", "ปีงบประมาณ", "ภาคเรียนที่", "ปีการศึกษา", "1 คน x ",
    "1/", "/1", "ำา", "่", " ่", "ฯ", "x1 ", "1 บาท", "จำนวน ", "งบประมาณ 2563 ", "ค่า",
    "รวม", "- 1 -", "หน้า 1 ", "โครงการ", "ๆละ", "1 คน ", "1 - ", "ต.ค. - ", "2563",
    "1.1.1x", "(1)", "1(", "ก", "ลงชื่อ", "\n", "1\n", "ต.ค.\n", ": ", "ผู้รับผิดชอบ",
    "1x1x1 คน ", "1 คน 1 วัน ", "ส.ค. – ", "ภาคเรียนที่ 1/", "ตลอดปี", "ตลอดปีงบประมาณ 1",
    "โรงเรียน", "สพป.", "สำนักงานเขตพื้นที่การศึกษา", "แผนปฏิบัติการ", "เขต 1 ", "นาย",
    "ค่าตอบแทน", "(ต่อ)", "1 บาท x ", "๑๒๓,", "1,000 ", "1.-", "ล้านบาท", "\u200b", "\uf70a",
    "ํ", "ก ่", "ก ำ", "ก า", " า",
)


def repeated(unit: str, size: int) -> str:
    """`unit` repeated to exactly `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def _plan_with(value: str) -> object:
    """A small plan-like document with `value` as a paragraph, a header value and a budget
    cell: extract_plan scans it as it would a real plan's."""
    cells = [Cell(0, 0, lines=("รายการ",)), Cell(0, 1, lines=("จำนวนเงิน",)),
             Cell(1, 0, lines=(value,)), Cell(1, 1, lines=(value,)),
             Cell(2, 0, lines=("รวม",)), Cell(2, 1, lines=("1,000",))]
    blocks = [Paragraph("แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2567"), Paragraph(value),
              Paragraph("โครงการ " + value), Paragraph("ผู้รับผิดชอบ " + value),
              Paragraph("ระยะเวลาดำเนินการ " + value), Paragraph("งบประมาณ " + value),
              Paragraph("1. หลักการและเหตุผล"), Paragraph(value),
              Paragraph("5. งบประมาณ"), Paragraph(value), Table(cells, 3, 2)]
    document = Document(source_path="adversarial.docx", source_format="docx", blocks=blocks)
    try:
        return extract_plan(document)
    except NotAPlanError:
        return None


def _lines(function: Callable[[list[str]], object]) -> Callable[[str], object]:
    return lambda value: function([value, value])


SCANNERS: Final[dict[str, Callable[[str], object]]] = {
    # pipeline.normalize
    "clean_text": text.clean_text,
    "compact": text.compact,
    "repair_thai_glyphs": text.repair_thai_glyphs,
    "glyphs.repair_thai_glyphs": glyphs.repair_thai_glyphs,
    "to_arabic_digits": text.to_arabic_digits,
    "parse_amount": numbers.parse_amount,
    "find_amounts": numbers.find_amounts,
    "parse_int": numbers.parse_int,
    "find_stated_budget": numbers.find_stated_budget,
    "parse_period": lambda value: dates.parse_period(value, 2567),
    "parse_periods": lambda value: dates.parse_periods(value, 2567),
    "parse_thai_date": lambda value: dates.parse_thai_date(value, 2567),
    "tokenize": date_tokens.tokenize,
    "academic_spans": lambda value: academic_year.academic_spans(value, 2567),
    "month_number": months.month_number,
    "find_formulas": formulas.find_formulas,
    "find_rate_formulas": formulas.find_rate_formulas,
    "find_formula": formulas.find_formula,
    "unit_key": units.unit_key,
    # pipeline.extract: functions that scan one text
    "line_amount": budget_text.line_amount,
    "paragraph_budget": lambda value: budget_text.paragraph_budget([value, value], 1),
    "cell_amount": _lines(coverage.cell_amount),
    "match_label": header.match_label,
    "split_glued_label": header.split_glued_label,
    "split_persons": header.split_persons,
    "split_responsible": _lines(header.split_responsible),
    "parse_header": _lines(header.parse_header),
    "paragraph_indicators": lambda value: indicators.paragraph_indicators([value], 1),
    "normalise_name": linking.normalise_name,
    "list_items": _lines(lists.list_items),
    "marker_entries": _lines(lists.marker_entries),
    "values_by_line": _lines(lists.values_by_line),
    "strip_marker": lists.strip_marker,
    "plan_title": _lines(meta.plan_title),
    "strip_page_furniture": meta.strip_page_furniture,
    "cover_page": _lines(meta.cover_page),
    "read_meta": lambda value: meta.read_meta([value, value], [value], [value]),
    "match_header": lambda value: roles.match_header(value, BUDGET_RULES),
    "funding_key": roles.funding_key,
    "category_key": roles.category_key,
    "split_quantity": roles.split_quantity,
    "section_heading": sections.section_heading,
    "named_source": summary.named_source,
    "category_heading": budget.category_heading,
    "category_of_item": budget.category_of_item,
    "is_header_text": tables.is_header_text,
    "is_time_label": tables.is_time_label,
    "classify": lambda value: tables.classify(value, BUDGET_COLUMN_PATTERNS),
    # the whole extractor on a plan holding the text
    "extract_plan": _plan_with,
}
