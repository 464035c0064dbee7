"""What the extractors report for an auditor, before document and project ids are known."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class FindingKind(StrEnum):
    """Finding kinds of the data contract, plus a few the extractor needs to report."""

    SUMMARY_TOTAL = "summary_total"
    SUMMARY_VS_PROJECT = "summary_vs_project"
    STATED_VS_TABLE = "stated_vs_table"
    LINE_SUM = "line_sum"
    ROW_SUM = "row_sum"
    FORMULA = "formula"
    MISSING_SECTION = "missing_section"
    UNMATCHED_SUMMARY = "unmatched_summary"
    UNMATCHED_PROJECT = "unmatched_project"
    PACKED_ROW = "packed_row"


@dataclass(frozen=True)
class Issue:
    kind: FindingKind
    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    source_page: int | None = None


def baht(value: Decimal | None) -> str:
    """Amount as a planner writes it: 21,600 or 1,234.50."""
    if value is None:
        return "(ว่าง)"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"
