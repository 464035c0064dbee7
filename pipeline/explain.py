"""`pipeline explain DOC`: how the extractor read each table of one document.

The debugging view pdfplumber users get from `debug_tablefinder`, for meaning instead of
lines: for every table, where it is, what it was read as and why, which rows are its
header and how they were found, each column's role with the evidence that chose it
(header word and match score, cell content, arithmetic), which sums closed, and how many
of its money cells landed in a dataset. Nothing is computed again: the explanation is
what the extraction itself kept (`TableView.kinds`, `ColumnSpec.evidence`, the checks'
findings, `Coverage.tables`).

    from pipeline.explain import explain_document, render_text
    print(render_text(explain_document(Path("plan.docx"))))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.extract.budget import budget_specs
from pipeline.extract.budget_model import BudgetTable
from pipeline.extract.coverage import ColumnMoney, TableMoney
from pipeline.extract.plan import PlanExtract, extract_plan
from pipeline.extract.roles import ColumnSpec
from pipeline.extract.summary_model import SummaryTable
from pipeline.extract.tables import TableView, header_row_readings
from pipeline.normalize.numbers import sum_amounts
from pipeline.normalize.vocabulary.office import BUILT_IN, OfficeVocabulary
from pipeline.normalize.vocabulary.plan import (
    ACTIVITY_COLUMN_PATTERNS,
    EVALUATION_COLUMN_PATTERNS,
    Column,
)
from pipeline.provenance import table_block
from pipeline.read import read_document
from pipeline.read.engines import PdfEngine

UNREAD = "unclassified"  # a table holding money that no extractor read
TEXT = "text"  # a table without money that no extractor read (a header, a list...)
CHECKED_KINDS = (FindingKind.ROW_SUM, FindingKind.LINE_SUM, FindingKind.SUMMARY_TOTAL)


@dataclass
class ColumnExplanation:
    col: int  # 1-based, as in source_block "table T row R col C"
    header: str
    role: str
    key: str | None = None  # the canonical key (budget_amounts.key) of a money column
    dimension: str | None = None  # budget_amounts.dimension of a money column
    score: float | None = None  # the header match score (100: the word is in the header)
    word: str | None = None  # the vocabulary word the header matched
    content: str | None = None  # what the cells hold: money, count, unit, text, ...
    evidence: list[str] = field(default_factory=list)
    money_cells: int = 0
    money_used: int = 0  # of them, cells that landed in a dataset
    lines_sum: Decimal | None = None  # the column's amounts over the lines (totals left out)


@dataclass
class TableExplanation:
    table_no: int
    source_page: int | None
    source_block: str
    n_rows: int
    n_cols: int
    kind: str  # summary, budget, gantt, period, evaluation, project_header, unclassified...
    why: str
    continues: int | None  # the table this one continues (its rows are read with it)
    header_rows: int
    header_found_by: list[str]
    columns: list[ColumnExplanation]
    money_cells: int
    money_used: int
    arithmetic: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)

    @property
    def coverage(self) -> float | None:
        return round(self.money_used / self.money_cells, 4) if self.money_cells else None


@dataclass
class DocumentExplanation:
    source_path: str
    n_pages: int | None
    organization: str | None
    fiscal_year: int | None
    vocabulary: str | None  # the --vocabulary file whose words were added
    money_cells: int
    money_used: int
    tables: list[TableExplanation]
    text_amounts: int = 0  # of money_cells, amounts in budget sections' text
    text_used: int = 0

    @property
    def money_coverage(self) -> float | None:
        return round(self.money_used / self.money_cells, 4) if self.money_cells else None

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values: amounts as exact strings ("2400.00")."""
        data = asdict(self)
        data["money_coverage"] = self.money_coverage
        for table, explained in zip(data["tables"], self.tables, strict=True):
            table["coverage"] = explained.coverage
        return _jsonable(data)  # type: ignore[no-any-return]


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def explain_document(path: Path, vocabulary: OfficeVocabulary = BUILT_IN, *,
                     pdf_engine: PdfEngine | None = None) -> DocumentExplanation:
    """Read and extract `path` and explain every table (raises the reader's and extractor's
    `PipelineError`s: a file that cannot be explained is not a plan to debug)."""
    document = read_document(path, pdf_engine=pdf_engine)
    plan = extract_plan(document, vocabulary)
    return explain_plan(plan, str(path), document.n_pages, vocabulary)


def explain_plan(plan: PlanExtract, source_path: str, n_pages: int | None = None,
                 vocabulary: OfficeVocabulary = BUILT_IN) -> DocumentExplanation:
    money = {id(m.view): m for m in plan.coverage.tables}
    budgets = [t for p in plan.projects if p.budget is not None for t in p.budget.tables]
    numbered = {view.table_no: view for view in plan.views}
    tables = [_explain_table(view, money.get(id(view)), budgets, plan,
                             numbered.get(view.continues))
              for view in plan.views if view.table_no is not None]
    return DocumentExplanation(
        source_path=source_path, n_pages=n_pages, organization=plan.meta.organization,
        fiscal_year=plan.meta.fiscal_year, vocabulary=vocabulary.source,
        money_cells=plan.coverage.cells, money_used=plan.coverage.covered, tables=tables,
        text_amounts=plan.coverage.text_cells, text_used=plan.coverage.text_covered)


def _explain_table(view: TableView, money: TableMoney | None, budgets: Sequence[BudgetTable],
                   plan: PlanExtract, continued: TableView | None) -> TableExplanation:
    """`continued`: the table this one continues, whose column reading its rows share."""
    assert view.table_no is not None
    kind = _kind(view, money)
    budget = next((t for t in budgets if t.specs is view.specs.get("budget")), None)
    summary = next((t for t in plan.summaries if t.specs is view.specs.get("summary")), None)
    issues = [*(budget.issues if budget else ()), *(summary.issues if summary else ()),
              *_issues_in(plan.coverage.issues, view.table_no)]
    columns = _columns(view, kind, money, budget, summary, continued)
    return TableExplanation(
        table_no=view.table_no, source_page=view.table.page,
        source_block=table_block(view.table_no) or "", n_rows=view.table.n_rows,
        n_cols=view.table.n_cols, kind=kind, why=_why(view, kind, columns, money),
        continues=view.continues, header_rows=view.n_header_rows,
        header_found_by=_header_found_by(view), columns=columns,
        money_cells=money.cells if money else 0,
        money_used=money.cells - money.left if money else 0,
        arithmetic=_arithmetic(budget, summary, issues),
        findings=[{"kind": i.kind.value, "message": i.message,
                   "actual": i.actual, "expected": i.expected} for i in issues])


def _kind(view: TableView, money: TableMoney | None) -> str:
    if view.continues is not None:
        return "continuation"
    if view.kinds:
        return "+".join(dict.fromkeys(view.kinds))
    return UNREAD if money is not None and money.cells else TEXT


def _issues_in(issues: Iterable[Issue], table_no: int) -> list[Issue]:
    """Findings placed in the table (coverage's unmapped_column, unclassified_table)."""
    prefix = f"table {table_no}"
    out = []
    for issue in issues:
        block = issue.place.block if issue.place is not None else None
        if block is not None and (block == prefix or block.startswith(prefix + " ")):
            out.append(issue)
    return out


# -- header rows ------------------------------------------------------------------------


def _header_found_by(view: TableView) -> list[str]:
    n = view.n_header_rows
    if n == 0:
        return ["no header row: the first row already holds data"]
    readings = header_row_readings(view.table)
    found = []
    if readings["flagged"] == n:
        cells = [c for c in view.table.cells if c.row < n and not c.is_empty]
        found.append("repeated-header flag (w:tblHeader)" if all(c.header for c in cells)
                     else "bold labels without numbers")
    if readings["vocabulary"] == n:
        found.append("made only of header words")
    if readings["above_amounts"] == n:
        found.append("labels above the first row holding amounts")
    return found


# -- columns ----------------------------------------------------------------------------


def _specs(view: TableView, kind: str) -> list[ColumnSpec] | None:
    """The column specs the extractor chose for the kind it read the table as; for a
    table no extractor read, the budget reading (what a budget table would have meant)."""
    if "budget" in kind or kind == UNREAD:
        specs = view.specs.get("budget")
        if specs is None and kind == UNREAD:
            specs = budget_specs(view)
        if specs is not None:
            return list(specs)
    if "summary" in kind:
        return list(view.specs["summary"])
    return None


def _columns(view: TableView, kind: str, money: TableMoney | None, budget: BudgetTable | None,
             summary: SummaryTable | None, continued: TableView | None = None
             ) -> list[ColumnExplanation]:
    by_col: dict[int, ColumnMoney] = {m.index: m for m in money.columns} if money else {}
    reading, reading_kind = view, kind
    if continued is not None:  # its rows were read with the columns of the table it continues
        reading, reading_kind = continued, _kind(continued, None)
    specs = _specs(reading, reading_kind)
    columns = []
    for c, header in enumerate(view.headers):
        spec = specs[c] if specs is not None and c < len(specs) else None
        column = _column(reading, reading_kind, c, header, spec)
        cells = by_col.get(c)
        if cells is not None:
            column.money_cells, column.money_used = cells.cells, cells.cells - cells.left
        column.lines_sum = _lines_sum(c, budget, summary)
        columns.append(column)
    return columns


def _column(view: TableView, kind: str, c: int, header: str, spec: ColumnSpec | None
            ) -> ColumnExplanation:
    if c in view.month_columns:
        time = view.month_columns[c]
        year = f", year {time.year_be}" if time.year_be else ""
        return ColumnExplanation(c + 1, header, Column.MONTH.value, content="mark",
                                 evidence=[f"header '{time.text}' names a month or quarter"
                                           f"{year}"])
    if spec is not None:
        return ColumnExplanation(
            c + 1, header, spec.role.value,
            key=spec.canonical_key if spec.is_money else spec.key,
            dimension=spec.dimension.value if spec.dimension is not None else None,
            score=spec.score or None, word=spec.word, content=spec.content,
            evidence=list(spec.evidence))
    if not any(k in kind for k in ("gantt", "period", "evaluation")):
        return ColumnExplanation(c + 1, header, "-")  # a table no column reading applies to
    patterns = EVALUATION_COLUMN_PATTERNS if "evaluation" in kind else ACTIVITY_COLUMN_PATTERNS
    role = view.columns(patterns)[c]
    evidence = [f"header '{header}' ~ {role.value}"] if role is not Column.UNKNOWN else []
    return ColumnExplanation(c + 1, header, role.value, evidence=evidence)


def _lines_sum(c: int, budget: BudgetTable | None, summary: SummaryTable | None
               ) -> Decimal | None:
    if budget is not None:
        return sum_amounts(e.by_column.get(c) for e in budget.entries if not e.is_total)
    if summary is not None:
        return sum_amounts(line.by_column.get(c) for line in summary.lines)
    return None


# -- why this kind, and the arithmetic -------------------------------------------------


def _why(view: TableView, kind: str, columns: Sequence[ColumnExplanation],
         money: TableMoney | None) -> str:
    def named(roles: Iterable[str]) -> str:
        wanted = set(roles)
        return ", ".join(f"{c.col} '{c.header}'" for c in columns if c.role in wanted) or "-"

    money_roles = [c.role for c in columns if c.dimension is not None]
    if kind == "continuation":
        return (f"continues table {view.continues} (same columns, nothing but page breaks,"
                " blank lines or '(ต่อ)' between): its rows are read with that table")
    reasons = []
    for part in kind.split("+"):
        if part == "summary":
            reasons.append(f"lists projects (column {named(['project'])}) with amounts"
                           f" ({named(money_roles)}) and a priority or unit column")
        elif part == "budget":
            reasons.append(f"an item column ({named(['item'])}) beside money columns"
                           f" ({named(money_roles)})")
        elif part == "gantt":
            reasons.append(f"{len(view.month_columns)} month or quarter columns beside an"
                           f" activity column ({named(['item'])})")
        elif part == "period":
            reasons.append(f"a period column ({named(['period'])}) beside an activity column")
        elif part == "evaluation":
            reasons.append(f"an indicator column ({named(['indicator'])}) with a method or"
                           " tool column")
        elif part == "project_header":
            reasons.append("its first column holds project header labels (โครงการ, ...)")
        elif part == UNREAD:
            cells = money.cells if money else 0
            reasons.append(f"{cells} money cells, but no extractor's layout fits"
                           " (finding unclassified_table)")
        else:
            reasons.append("no money and no layout an extractor reads")
    return "; ".join(reasons)


def _arithmetic(budget: BudgetTable | None, summary: SummaryTable | None,
                issues: Sequence[Issue]) -> list[str]:
    """Which sums the checks ran and how many closed (a failing sum is a finding)."""
    failed = {kind: sum(i.kind is kind for i in issues) for kind in CHECKED_KINDS}
    out = []
    if budget is not None:
        rows = [e for e in budget.entries if Column.TOTAL in e.amounts
                and e.get(Column.TOTAL) is not None
                and (e.categories_sum() is not None or Column.AMOUNT in e.amounts
                     or Column.OFF_BUDGET in e.amounts or e.funding or e.quarters)]
        if rows:
            out.append(_closed("row sums (parts = the row's total)", len(rows),
                               failed[FindingKind.ROW_SUM]))
        if budget.totals:
            out.append(_stated(f"column sums vs {len(budget.totals)} total row(s)",
                               failed[FindingKind.LINE_SUM]))
        priced = [e for e in budget.lines if e.quantity is not None and e.unit_price is not None
                  and e.formula_value is None]
        if priced:
            closed = sum(e.quantity * e.unit_price == e.line_total() for e in priced
                         if e.quantity is not None and e.unit_price is not None)
            out.append(f"quantity x unit price = amount: {closed} of {len(priced)} close")
        written = [e for e in budget.lines if e.formula_value is not None]
        if written:
            closed = sum(e.formula_value == e.line_total() for e in written)
            out.append(f"written formulas = amount: {closed} of {len(written)} close")
    if summary is not None:
        totals = [r for r in summary.rows if r.is_total]
        if totals:
            out.append(_stated(f"column sums vs {len(totals)} total row(s)",
                               failed[FindingKind.SUMMARY_TOTAL]))
        if any(s.role is Column.AMOUNT for s in summary.specs) and not summary.by_named_source:
            out.append(_stated("sources add up to the row's budget column",
                               failed[FindingKind.ROW_SUM]))
    return out


def _closed(what: str, checked: int, failed: int) -> str:
    closed = max(checked - failed, 0)
    return f"{what}: {closed} of {checked} close"


def _stated(what: str, failed: int) -> str:
    return f"{what}: all close" if not failed else f"{what}: {failed} do not close (findings)"


# -- text -------------------------------------------------------------------------------


def _text_part(explained: DocumentExplanation) -> str:
    """The budget sections' text amounts among the money cells (not in any table below)."""
    if not explained.text_amounts:
        return ""
    return (f"; of them {explained.text_amounts} amounts in budget sections' text,"
            f" {explained.text_used} in a dataset")


def render_text(explained: DocumentExplanation) -> str:
    """The explanation as readable text, one block per table."""
    head = [f"{explained.source_path}: {explained.n_pages or '?'} pages,"
            f" {len(explained.tables)} tables; organization {explained.organization or '-'},"
            f" fiscal year {explained.fiscal_year or '-'}",
            f"money coverage {_share(explained.money_coverage)}"
            f" ({explained.money_used} of {explained.money_cells} money cells in a dataset"
            f"{_text_part(explained)})"]
    if explained.vocabulary:
        head.append(f"vocabulary: {explained.vocabulary}")
    blocks = ["\n".join(head)]
    blocks.extend(_render_table(t) for t in explained.tables)
    return "\n\n".join(blocks) + "\n"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _render_table(table: TableExplanation) -> str:
    page = f"page {table.source_page}" if table.source_page is not None else "page -"
    lines = [f"{table.source_block} ({page}, {table.n_rows} rows x {table.n_cols} cols):"
             f" {table.kind}",
             f"  why: {table.why}",
             f"  header rows: {table.header_rows} ({'; '.join(table.header_found_by)})"]
    for column in table.columns:
        lines.append("  " + _render_column(column))
        lines.extend(f"      - {e}" for e in column.evidence)
    if table.continues is not None:
        lines.append(f"  money: counted with table {table.continues}")
    elif table.money_cells:
        lines.append(f"  money: {table.money_used} of {table.money_cells} cells in a dataset"
                     f" (coverage {_share(table.coverage)})")
    lines.extend(f"  arithmetic: {a}" for a in table.arithmetic)
    lines.extend(f"  finding {f['kind']}: {f['message']}" for f in table.findings)
    return "\n".join(lines)


def _render_column(column: ColumnExplanation) -> str:
    text = f"col {column.col} '{column.header}' -> {column.role}"
    if column.key and column.key != column.role:
        text += f" ({column.key})"
    details = []
    if column.score is not None:
        details.append(f"header score {column.score:.0f}"
                       + (f" on '{column.word}'" if column.word else ""))
    if column.content:
        details.append(f"cells: {column.content}")
    if column.money_cells:
        details.append(f"money cells {column.money_used}/{column.money_cells}")
    if column.lines_sum is not None and column.dimension is not None:
        details.append(f"sum {baht(column.lines_sum)}")
    return text + (f" [{'; '.join(details)}]" if details else "")
