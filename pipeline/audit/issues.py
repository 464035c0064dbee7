"""What the extractors report for an auditor, before document and project ids are known."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from pipeline.provenance import Place


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
    UNMAPPED_COLUMN = "unmapped_column"
    UNCLASSIFIED_TABLE = "unclassified_table"
    UNCLASSIFIED_TEXT = "unclassified_text"
    OCR_UNCERTAIN = "ocr_uncertain"
    UNDATED_SCHEDULE = "undated_schedule"
    NO_OPTION_CHECKED = "no_option_checked"


@dataclass(frozen=True)
class Issue:
    """A finding before ids are known. `expected_at` / `actual_at` say where each compared
    amount is printed (a computed sum: the cells it adds up, without a quote); `at` is where
    the finding is when it compares no amount (a packed row, a project)."""

    kind: FindingKind
    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    source_page: int | None = None
    expected_at: Place | None = None
    actual_at: Place | None = None
    at: Place | None = None

    @property
    def place(self) -> Place | None:
        """Where the finding's evidence is: the printed amount first, else its sum."""
        return self.actual_at or self.expected_at or self.at


# Amounts with more integer digits than this are typos or garbage (a cell of thousands of
# digits): shown in scientific form, since writing them out would flood the message (and
# int() refuses more than 4,300 digits).
MAX_WRITTEN_DIGITS = 30


def baht(value: Decimal | None) -> str:
    """Amount as a planner writes it: 21,600 or 1,234.50 (an absurd one as 1.111111E+99)."""
    if value is None:
        return "(ว่าง)"
    if not value.is_finite() or value.adjusted() >= MAX_WRITTEN_DIGITS:
        return f"{value:.6E}"
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,.2f}"


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


# Baht at stake from which a finding is of high / medium severity.
HIGH_AT_STAKE = Decimal(10_000)
MEDIUM_AT_STAKE = Decimal(1_000)
# Kinds that leave money untraceable between the plan's parts, whatever the amount.
TRACE_KINDS = frozenset({FindingKind.MISSING_SECTION, FindingKind.UNMATCHED_SUMMARY,
                         FindingKind.UNMATCHED_PROJECT})


def at_stake(issue: Issue) -> Decimal:
    """Baht a finding puts in doubt: the difference of the two amounts, else the one given."""
    if issue.expected is not None and issue.actual is not None:
        return abs(issue.expected - issue.actual)
    return abs(issue.expected or issue.actual or Decimal(0))


def severity(issue: Issue) -> Severity:
    """high: 10,000 baht or more at stake; medium: 1,000 or more, or money that cannot be
    traced between the summary, the project and its budget table (missing_section,
    unmatched_*); low: the rest (smaller differences, a packed row read as one line)."""
    stake = at_stake(issue)
    if stake >= HIGH_AT_STAKE:
        return Severity.HIGH
    if stake >= MEDIUM_AT_STAKE or issue.kind in TRACE_KINDS:
        return Severity.MEDIUM
    return Severity.LOW
