"""Turn a `PlanExtract` into the contract's rows, assigning project ids and pages."""

from __future__ import annotations

from dataclasses import replace

from pipeline.audit.issues import Issue, severity
from pipeline.extract.budget_model import CATEGORY_NAMES, BudgetEntry, BudgetTable
from pipeline.extract.plan import PlanExtract, ProjectExtract
from pipeline.extract.roles import ColumnSpec, Dimension, funding_key
from pipeline.extract.summary_model import SummaryLine, SummaryTable, is_summary_money
from pipeline.extract.tables import CellText
from pipeline.model import Bbox
from pipeline.normalize.text import clean_text
from pipeline.normalize.units import unit_keys
from pipeline.normalize.vocabulary.plan import Column, HeaderField
from pipeline.provenance import Place
from pipeline.records import (
    BudgetAmountRow,
    BudgetLineRow,
    DocumentRow,
    FindingRow,
    IndicatorRow,
    PlanData,
    ProjectRow,
    ScheduleRow,
    SummaryAmountRow,
    SummaryRow,
)


def project_id(doc_id: str, seq: int) -> str:
    return f"{doc_id}-{seq:03d}"


def plan_rows(plan: PlanExtract, document: DocumentRow) -> PlanData:
    data = PlanData(document=document)
    doc_id = document.doc_id
    data.summary = _summary_rows(plan, doc_id)
    data.summary_amounts = _summary_amount_rows(plan, doc_id)
    for seq, project in enumerate(plan.projects, start=1):
        pid = project_id(doc_id, seq)
        data.projects.append(_project_row(plan, project, doc_id, pid))
        data.budget_lines.extend(_budget_rows(project, doc_id, pid))
        data.budget_amounts.extend(_budget_amount_rows(project, doc_id, pid))
        data.schedule.extend(
            ScheduleRow(doc_id=doc_id, project_id=pid, activity=m.activity, month=m.month,
                        source=m.source, mark=m.mark, source_page=m.page,
                        activity_group=m.group, source_block=_block(m.place),
                        bbox=_bbox(m.place))
            for m in project.schedule
        )
        data.indicators.extend(
            IndicatorRow(doc_id=doc_id, project_id=pid, indicator=i.indicator, method=i.method,
                         tool=i.tool, source_page=i.page, source_block=_block(i.place),
                         bbox=_bbox(i.place), target=i.target)
            for i in project.indicators
        )
        data.findings.extend(_finding(doc_id, pid, issue, project.place)
                             for issue in project.issues)
    for table in plan.summaries:
        data.findings.extend(_finding(doc_id, None, issue) for issue in table.issues)
    data.findings.extend(_finding(doc_id, None, issue) for issue in plan.issues)
    _key_units(data)
    return data


def _key_units(data: PlanData) -> None:
    """`unit_key` of the summary and project rows, the document's spellings clustered
    together (summary rows first: they come first in the plan)."""
    keys = unit_keys([*(r.unit for r in data.summary), *(r.unit for r in data.projects)])
    for row in data.summary:
        row.unit_key = keys.get(row.unit) if row.unit is not None else None
    for project in data.projects:
        project.unit_key = keys.get(project.unit) if project.unit is not None else None


def _summary_rows(plan: PlanExtract, doc_id: str) -> list[SummaryRow]:
    rows = []
    for n, line in enumerate(plan.all_summary_lines):
        rows.append(SummaryRow(
            doc_id=doc_id,
            strategy_no=line.strategy[0],
            strategy_name=line.strategy[1],
            priority=line.priority,
            project_name=line.project_name,
            budget_esa=line.budgets.get(Column.BUDGET_ESA),
            budget_obec=line.budgets.get(Column.BUDGET_OBEC),
            budget_other=line.budgets.get(Column.BUDGET_OTHER),
            unit=line.unit,
            source_page=line.page,
            row_no=n + 1,
            source_block=_block(line.place),
            bbox=_bbox(line.place),
        ))
    return rows


def _project_row(
    plan: PlanExtract, project: ProjectExtract, doc_id: str, pid: str
) -> ProjectRow:
    summary_line = plan.summary_line(project)
    budget = project.budget
    return ProjectRow(
        doc_id=doc_id,
        project_id=pid,
        strategy_no=project.strategy_no,
        priority=summary_line.priority if summary_line else None,
        name=project.name,
        plan=project.header.get(HeaderField.PLAN),
        strategy_ref=project.header.get(HeaderField.STRATEGY_REF),
        responsible_persons=project.persons,
        unit=project.unit or (summary_line.unit if summary_line else None),
        project_type=project.header.get(HeaderField.PROJECT_TYPE),
        period_text=project.header.get(HeaderField.PERIOD),
        start_date=project.period.start if project.period else None,
        end_date=project.period.end if project.period else None,
        budget_stated=project.budget_stated,
        budget_table_total=budget.table_total() if budget else None,
        budget_compensation=project.category_total(Column.COMPENSATION),
        budget_operating=project.category_total(Column.OPERATING),
        budget_materials=project.category_total(Column.MATERIALS),
        budget_summary=summary_line.total_budget() if summary_line else None,
        objectives=project.objectives,
        rationale=project.rationale,
        expected_results=project.expected_results,
        source_page=project.part.page,
        summary_match_score=project.summary_score,
        source_block=project.part.block,
        budget_utilities=project.category_total(Column.UTILITIES),
        budget_equipment=project.category_total(Column.EQUIPMENT),
        budget_construction=project.category_total(Column.CONSTRUCTION),
        budget_other_expense=project.category_total(Column.OTHER_EXPENSE),
    )


def _budget_rows(project: ProjectExtract, doc_id: str, pid: str) -> list[BudgetLineRow]:
    if project.budget is None:
        return []
    rows = []
    roles = project.budget.roles
    for n, entry in enumerate(project.budget.lines, start=1):
        rows.append(BudgetLineRow(
            doc_id=doc_id,
            project_id=pid,
            line_no=n,
            item=clean_text(entry.item),
            compensation=entry.get(Column.COMPENSATION),
            operating=entry.get(Column.OPERATING),
            materials=entry.get(Column.MATERIALS),
            off_budget=entry.get(Column.OFF_BUDGET),
            total=entry.line_total(),
            formula_text=entry.formula_text,
            formula_value=entry.formula_value,
            source_page=entry.page,
            item_group=entry.group,
            budget_subtotal=entry.get(Column.AMOUNT) if Column.AMOUNT in roles else None,
            item_no=entry.item_no,
            source_block=_block(entry.place) or project.part.block,
            bbox=_bbox(entry.place),
            utilities=entry.get(Column.UTILITIES),
            equipment=entry.get(Column.EQUIPMENT),
            construction=entry.get(Column.CONSTRUCTION),
            other_expense=entry.get(Column.OTHER_EXPENSE),
            quantity=entry.quantity,
            unit=entry.unit,
            unit_price=entry.unit_price,
            category=entry.category.value if entry.category is not None else None,
            funding_source=entry.source_key,
        ))
    return rows


# -- long tables: every money cell --------------------------------------------------------


def _budget_amount_rows(project: ProjectExtract, doc_id: str, pid: str) -> list[BudgetAmountRow]:
    """Every money cell of the project's budget tables, one row each, by the column's
    meaning (a line whose category a heading or cell gives has its amount as that
    category); activity-table amounts follow with row_kind "activity"."""
    rows: list[BudgetAmountRow] = []
    budget = project.budget
    if budget is not None:
        numbers = {id(e): n for n, e in enumerate(budget.lines, start=1)}
        for table in budget.tables:
            for entry in table.entries:
                rows.extend(_entry_amounts(table, entry, numbers.get(id(entry)), doc_id, pid,
                                           project.place))
    split = project.category_split
    if split is not None:  # the text's category amounts, read like a text budget's lines
        for entry in split.lines:
            rows.extend(replace(row, row_kind="category_split") for row in _entry_amounts(
                split, entry, None, doc_id, pid, project.place))
    for amount in project.activity_amounts:
        rows.append(BudgetAmountRow(
            doc_id=doc_id, project_id=pid, line_no=None, row_kind="activity",
            item=clean_text(amount.activity), header=amount.header,
            dimension=Dimension.OTHER.value, key=None, amount=amount.amount,
            source_page=amount.place.page, source_block=_block(amount.place),
            bbox=_bbox(amount.place)))
    return rows


def _entry_amounts(table: BudgetTable, entry: BudgetEntry, line_no: int | None, doc_id: str,
                   pid: str, fallback: Place) -> list[BudgetAmountRow]:
    kind = "total" if entry.is_total else "heading" if entry.heads_category else "line"
    money = [s for s in table.specs if s.is_money]
    if money:
        cells = [(s, entry.by_column.get(s.index), entry.column_cells.get(s.index))
                 for s in money]
    else:  # a budget written as paragraphs: amounts by role, placed at the entry
        # A line's category amount is its total restated: one printed amount, one row.
        restated = entry.category is not None and entry.category in entry.amounts
        cells = [(ColumnSpec(-1, CATEGORY_NAMES.get(role, role.value), role), value, None)
                 for role, value in entry.amounts.items()
                 if not (restated and role is Column.TOTAL)]
    line_column = Column.TOTAL if Column.TOTAL in table.roles else Column.AMOUNT
    rows = []
    for spec, value, cell in cells:
        if value is None:
            continue
        dimension, key = spec.dimension, spec.canonical_key
        if kind == "line" and entry.category is not None and spec.role is line_column \
                and table.categories_by_row:
            dimension, key = Dimension.CATEGORY, entry.category.value
        place = _cell_place(cell) or entry.place or fallback
        rows.append(BudgetAmountRow(
            doc_id=doc_id, project_id=pid, line_no=line_no if kind == "line" else None,
            row_kind=kind, item=clean_text(entry.item), header=spec.header,
            dimension=(dimension or Dimension.OTHER).value, key=key, amount=value,
            source_page=place.page if place.page is not None else entry.page,
            source_block=_block(place), bbox=_bbox(place)))
    return rows


def _cell_place(cell: CellText | None) -> Place | None:
    return cell.place if cell is not None and cell.row is not None else None


def _summary_amount_rows(plan: PlanExtract, doc_id: str) -> list[SummaryAmountRow]:
    """Every money cell of the summary tables, one row each."""
    numbers = {id(line): n for n, line in enumerate(plan.all_summary_lines, start=1)}
    rows: list[SummaryAmountRow] = []
    for table in plan.summaries:
        money = [s for s in table.specs if is_summary_money(s)]
        for line in table.rows:
            for spec in money:
                value = line.by_column.get(spec.index)
                if value is None:
                    continue
                dimension, key = _summary_dimension(table, spec, line)
                place = _cell_place(line.column_cells.get(spec.index)) or line.place
                rows.append(SummaryAmountRow(
                    doc_id=doc_id, row_no=numbers.get(id(line)),
                    row_kind="total" if line.is_total else "line",
                    project_name=line.project_name, header=spec.header,
                    dimension=dimension.value, key=key, amount=value,
                    source_page=place.page if place is not None and place.page is not None
                    else line.page,
                    source_block=_block(place), bbox=_bbox(place)))
    return rows


def _summary_dimension(table: SummaryTable, spec: ColumnSpec, line: SummaryLine
                       ) -> tuple[Dimension, str | None]:
    if spec.role is Column.AMOUNT:
        if table.by_named_source:
            return Dimension.FUNDING_SOURCE, funding_key(line.source_text or "", table.vocabulary)
        return Dimension.TOTAL, "total"
    if spec.role is Column.MONEY:
        return Dimension.OTHER, None
    return Dimension.FUNDING_SOURCE, spec.canonical_key


def _finding(doc_id: str, pid: str | None, issue: Issue,
             fallback: Place | None = None) -> FindingRow:
    """A finding row; one without a place of its own is placed at its project."""
    place = issue.place or fallback
    expected, actual = issue.expected_at, issue.actual_at
    return FindingRow(
        doc_id=doc_id,
        project_id=pid,
        kind=issue.kind.value,
        message=issue.message,
        expected=issue.expected,
        actual=issue.actual,
        source_page=issue.source_page,
        source_block=_block(place),
        bbox=_bbox(place),
        severity=severity(issue).value,
        expected_page=expected.page if expected else None,
        expected_block=_block(expected),
        expected_bbox=_bbox(expected),
        expected_quote=expected.quote if expected else None,
        actual_page=actual.page if actual else None,
        actual_block=_block(actual),
        actual_bbox=_bbox(actual),
        actual_quote=actual.quote if actual else None,
    )


def _block(place: Place | None) -> str | None:
    return place.block if place is not None else None


def _bbox(place: Place | None) -> list[float] | None:
    box: Bbox | None = place.bbox if place is not None else None
    return [round(v, 2) for v in box] if box is not None else None
