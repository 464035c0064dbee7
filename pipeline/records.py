"""Rows of the contract's datasets (see DATA_CONTRACT.md), as typed dataclasses.

The plan extractor fills these; the loader turns them into Arrow tables with the
contract's schema. Money is `Decimal` (baht, 2 places), dates are `datetime.date`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

CONTRACT_VERSION = "1.2"


@dataclass
class DocumentRow:
    doc_id: str
    source_path: str
    source_format: str
    sha256: str
    organization: str | None
    fiscal_year: int | None
    title: str | None
    n_pages: int | None
    status: str  # ok | partial | failed
    contract_version: str
    pipeline_version: str
    extracted_at: dt.datetime
    # share of the document's money cells that landed in a dataset (None: it has none)
    money_coverage: float | None = None


@dataclass
class SummaryRow:
    doc_id: str
    strategy_no: int | None
    strategy_name: str | None
    priority: int | None
    project_name: str
    budget_esa: Decimal | None
    budget_obec: Decimal | None
    budget_other: Decimal | None
    unit: str | None
    source_page: int | None
    row_no: int = 0  # position in the document's summary tables, for stable order
    source_block: str | None = None  # "table 3 row 5 col 2": the project name's cell
    bbox: list[float] | None = None  # that cell's box on source_page (PDF): x0, top, x1, bottom
    unit_key: str | None = None  # one key per unit however spelled (normalize.units)


@dataclass
class ProjectRow:
    doc_id: str
    project_id: str
    strategy_no: int | None
    priority: int | None
    name: str
    plan: str | None = None
    strategy_ref: str | None = None
    responsible_persons: list[str] = field(default_factory=list)
    unit: str | None = None
    project_type: str | None = None
    period_text: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    budget_stated: Decimal | None = None
    budget_table_total: Decimal | None = None
    budget_compensation: Decimal | None = None
    budget_operating: Decimal | None = None
    budget_materials: Decimal | None = None
    budget_summary: Decimal | None = None
    objectives: list[str] = field(default_factory=list)
    rationale: str | None = None
    expected_results: list[str] = field(default_factory=list)
    source_page: int | None = None
    summary_match_score: float | None = None  # how sure the link to the summary row is
    source_block: str | None = None  # where the project's header starts
    budget_utilities: Decimal | None = None
    budget_equipment: Decimal | None = None
    budget_construction: Decimal | None = None
    budget_other_expense: Decimal | None = None
    unit_key: str | None = None  # one key per unit however spelled (normalize.units)


@dataclass
class BudgetLineRow:
    doc_id: str
    project_id: str
    line_no: int
    item: str
    compensation: Decimal | None = None
    operating: Decimal | None = None
    materials: Decimal | None = None
    off_budget: Decimal | None = None
    total: Decimal | None = None
    formula_text: str | None = None
    formula_value: Decimal | None = None
    source_page: int | None = None
    item_group: str | None = None  # heading the item sits under ("๑.๑ ประชุม...")
    item_no: str | None = None  # the item's number as written in the table ("๑", "1.")
    budget_subtotal: Decimal | None = None  # "เงินงบประมาณ" column where the table has one
    source_block: str | None = None  # the item's cell ("table 7 row 4 col 2")
    bbox: list[float] | None = None  # that cell's box on source_page (PDF)
    utilities: Decimal | None = None
    equipment: Decimal | None = None
    construction: Decimal | None = None
    other_expense: Decimal | None = None
    quantity: Decimal | None = None
    unit: str | None = None  # the quantity's unit ("คน", "เล่ม")
    unit_price: Decimal | None = None
    category: str | None = None  # the line's category where a row gives it (heading, cell)
    funding_source: str | None = None  # canonical key of a source the row names


@dataclass
class ScheduleRow:
    doc_id: str
    project_id: str
    activity: str
    month: dt.date
    source: str  # gantt | period
    mark: str
    source_page: int | None = None
    activity_group: str | None = None  # heading of a packed row ("๔. ดำเนินการ")
    source_block: str | None = None  # the month's (or the period's) cell
    bbox: list[float] | None = None


@dataclass
class IndicatorRow:
    doc_id: str
    project_id: str
    indicator: str
    method: str | None
    tool: str | None
    source_page: int | None = None
    source_block: str | None = None
    bbox: list[float] | None = None
    target: str | None = None  # ค่าเป้าหมาย as written ("ร้อยละ 80")


@dataclass
class BudgetAmountRow:
    """One money cell of a project's budget (long form: nothing a column held is lost)."""

    doc_id: str
    project_id: str
    line_no: int | None  # the budget_lines row; None for total and heading rows
    row_kind: str  # line | total | heading | activity | category_split
    item: str
    header: str  # the column's header as written
    dimension: str  # category | funding_source | quarter | total | other
    key: str | None  # canonical key (compensation, per_head_subsidy, q1, total...) or None
    amount: Decimal | None
    source_page: int | None = None
    source_block: str | None = None
    bbox: list[float] | None = None


@dataclass
class SummaryAmountRow:
    """One money cell of a summary table (long form of the summary's budget columns)."""

    doc_id: str
    row_no: int | None  # the summary row; None for total rows
    row_kind: str  # line | total
    project_name: str
    header: str
    dimension: str  # funding_source | total | other
    key: str | None  # canonical funding key, "total", or None
    amount: Decimal | None
    source_page: int | None = None
    source_block: str | None = None
    bbox: list[float] | None = None


@dataclass
class FindingRow:
    """A finding; `expected_*` / `actual_*` say where each compared amount is printed and
    what it says (a computed sum has a place but no quote)."""

    doc_id: str
    project_id: str | None
    kind: str
    message: str
    expected: Decimal | None = None
    actual: Decimal | None = None
    source_page: int | None = None
    source_block: str | None = None
    bbox: list[float] | None = None
    severity: str = "low"  # high | medium | low (audit.issues.severity)
    expected_page: int | None = None
    expected_block: str | None = None
    expected_bbox: list[float] | None = None
    expected_quote: str | None = None
    actual_page: int | None = None
    actual_block: str | None = None
    actual_bbox: list[float] | None = None
    actual_quote: str | None = None
    finding_id: str | None = None  # "<doc_id>-f<seq:03d>", in the findings' order
    root_finding_id: str | None = None  # the root cause this finding restates; None: a root


@dataclass
class ErrorRow:
    source_path: str
    doc_id: str | None
    stage: str
    error_type: str
    message: str


@dataclass
class PlanData:
    """Everything extracted from one document: one value per contract table."""

    document: DocumentRow
    summary: list[SummaryRow] = field(default_factory=list)
    projects: list[ProjectRow] = field(default_factory=list)
    budget_lines: list[BudgetLineRow] = field(default_factory=list)
    schedule: list[ScheduleRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    errors: list[ErrorRow] = field(default_factory=list)
    budget_amounts: list[BudgetAmountRow] = field(default_factory=list)
    summary_amounts: list[SummaryAmountRow] = field(default_factory=list)
