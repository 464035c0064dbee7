"""Turn a `PlanExtract` into the contract's rows, assigning project ids and pages."""

from __future__ import annotations

from pipeline.audit.issues import Issue, severity
from pipeline.extract.budget import CATEGORIES
from pipeline.extract.plan import PlanExtract, ProjectExtract
from pipeline.extract.vocab import Column, HeaderField
from pipeline.model import Bbox
from pipeline.normalize.text import clean_text
from pipeline.provenance import Place
from pipeline.records import (
    BudgetLineRow,
    DocumentRow,
    FindingRow,
    IndicatorRow,
    PlanData,
    ProjectRow,
    ScheduleRow,
    SummaryRow,
)


def project_id(doc_id: str, seq: int) -> str:
    return f"{doc_id}-{seq:03d}"


def plan_rows(plan: PlanExtract, document: DocumentRow) -> PlanData:
    data = PlanData(document=document)
    doc_id = document.doc_id
    data.summary = _summary_rows(plan, doc_id)
    for seq, project in enumerate(plan.projects, start=1):
        pid = project_id(doc_id, seq)
        data.projects.append(_project_row(plan, project, doc_id, pid))
        data.budget_lines.extend(_budget_rows(project, doc_id, pid))
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
                         bbox=_bbox(i.place))
            for i in project.indicators
        )
        data.findings.extend(_finding(doc_id, pid, issue, project.place)
                             for issue in project.issues)
    for table in plan.summaries:
        data.findings.extend(_finding(doc_id, None, issue) for issue in table.issues)
    data.findings.extend(_finding(doc_id, None, issue) for issue in plan.issues)
    return data


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
        budget_compensation=budget.category_total(Column.COMPENSATION) if budget else None,
        budget_operating=budget.category_total(Column.OPERATING) if budget else None,
        budget_materials=budget.category_total(Column.MATERIALS) if budget else None,
        budget_summary=summary_line.total_budget() if summary_line else None,
        objectives=project.objectives,
        rationale=project.rationale,
        expected_results=project.expected_results,
        source_page=project.part.page,
        summary_match_score=project.summary_score,
        source_block=project.part.block,
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
            compensation=entry.get(CATEGORIES[0]),
            operating=entry.get(CATEGORIES[1]),
            materials=entry.get(CATEGORIES[2]),
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
        ))
    return rows


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
