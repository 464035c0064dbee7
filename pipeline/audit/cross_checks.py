"""Checks across the parts of one plan: summary row vs project section vs budget table.

These are the mismatches an auditor looks for first: a summary that promises one amount
while the project's own section states or itemises another.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.provenance import Place

if TYPE_CHECKING:
    from pipeline.extract.plan import PlanExtract, ProjectExtract


def project_issues(project: ProjectExtract, plan: PlanExtract) -> list[Issue]:
    issues: list[Issue] = []
    page = project.part.page
    table_total = project.budget.table_total() if project.budget else None
    stated = project.budget_stated
    if stated is not None and table_total is not None and stated != table_total:
        issues.append(Issue(
            FindingKind.STATED_VS_TABLE,
            f"โครงการ '{project.name}': งบประมาณที่ระบุ {baht(stated)} บาท"
            f" แต่ตารางรายละเอียดรวม {baht(table_total)} บาท",
            expected=stated,
            actual=table_total,
            source_page=page,
            expected_at=project.budget_stated_at,
            actual_at=project.budget.table_total_place() if project.budget else None,
        ))
    issues.extend(_summary_issues(project, plan, table_total))
    if project.budget is None and (stated or _summary_amount(project, plan)):
        issues.append(Issue(
            FindingKind.MISSING_SECTION,
            f"โครงการ '{project.name}': ไม่มีตารางรายละเอียดการใช้งบประมาณ",
            expected=stated or _summary_amount(project, plan),
            source_page=page,
            expected_at=project.budget_stated_at if stated else _summary_place(project, plan),
            at=project.place,
        ))
    if project.summary_index is None and plan.summaries:
        issues.append(Issue(
            FindingKind.UNMATCHED_PROJECT,
            f"โครงการ '{project.name}' ไม่พบในตารางสรุปโครงการ",
            source_page=page,
            at=project.place,
        ))
    return issues


def _summary_amount(project: ProjectExtract, plan: PlanExtract) -> Decimal | None:
    line = plan.summary_line(project)
    return line.total_budget() if line is not None else None


def _summary_place(project: ProjectExtract, plan: PlanExtract) -> Place | None:
    line = plan.summary_line(project)
    return line.budget_place() if line is not None else None


def _summary_issues(
    project: ProjectExtract, plan: PlanExtract, table_total: Decimal | None
) -> list[Issue]:
    summary = _summary_amount(project, plan)
    if summary is None:
        return []
    issues = []
    compared: dict[str, tuple[Decimal | None, Place | None]] = {
        "ตารางรายละเอียด": (table_total,
                            project.budget.table_total_place() if project.budget else None),
        "ที่ระบุในโครงการ": (project.budget_stated, project.budget_stated_at),
    }
    for what, (amount, place) in compared.items():
        if amount is None or amount == summary:
            continue
        issues.append(Issue(
            FindingKind.SUMMARY_VS_PROJECT,
            f"โครงการ '{project.name}': ตารางสรุปโครงการ {baht(summary)} บาท"
            f" แต่งบประมาณ{what} {baht(amount)} บาท",
            expected=summary,
            actual=amount,
            source_page=project.part.page,
            expected_at=_summary_place(project, plan),
            actual_at=place,
        ))
    return issues
