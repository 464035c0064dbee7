"""Normalization of Thai plan text: digits, amounts, dates and periods, cost formulas.

Every function here is pure and works on plain strings, so extractors, the audit and
notebooks share one reading of "20,0๐๐", "1 พ.ย. -30 ก.ย.63" or "๒๒๐ คน X ๑2๐ บาท ๒ ครั้ง".
"""

from pipeline.normalize.dates import (
    Period,
    be_to_ce,
    ce_to_be,
    fiscal_months,
    fiscal_quarter_months,
    fiscal_year_bounds,
    fiscal_year_of,
    month_in_fiscal_year,
    month_number,
    parse_period,
    parse_periods,
    parse_thai_date,
)
from pipeline.normalize.formulas import Formula, find_formula, find_formulas
from pipeline.normalize.numbers import (
    AmountMatch,
    find_amounts,
    find_stated_budget,
    parse_amount,
    parse_int,
    to_baht,
)
from pipeline.normalize.text import (
    clean_lines,
    clean_text,
    compact,
    repair_thai_glyphs,
    to_arabic_digits,
    to_thai_digits,
)

__all__ = [
    "AmountMatch",
    "Formula",
    "Period",
    "be_to_ce",
    "ce_to_be",
    "clean_lines",
    "clean_text",
    "compact",
    "find_amounts",
    "find_formula",
    "find_formulas",
    "find_stated_budget",
    "fiscal_months",
    "fiscal_quarter_months",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "month_in_fiscal_year",
    "month_number",
    "parse_amount",
    "parse_int",
    "parse_period",
    "parse_periods",
    "parse_thai_date",
    "repair_thai_glyphs",
    "to_arabic_digits",
    "to_baht",
    "to_thai_digits",
]
