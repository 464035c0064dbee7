"""Checks across the parts of one plan: summary row vs project section vs budget table.

These are the mismatches an auditor looks for first: a summary that promises one amount
while the project's own section states or itemises another.

The checks read `ProjectAmounts`, the plain facts the extractor gathers for each project,
so the audit layer never imports the extractor (pipeline.extract.plan builds the facts and
calls in: the dependency goes one way).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pipeline.audit.issues import FindingKind, Issue, baht
from pipeline.provenance import Place


@dataclass(frozen=True)
class ProjectAmounts:
    """One project's amounts as each part of the plan gives them, and where."""

    name: str
    page: int | None
    place: Place  # where the project's header starts
    stated: Decimal | None  # the budget its section states
    stated_at: Place | None
    has_budget_table: bool
    table_total: Decimal | None  # its budget table's total
    table_total_at: Place | None
    in_summary: bool  # linked to a summary table row
    summary: Decimal | None  # that row's budget
    summary_at: Place | None
    plan_has_summaries: bool


def project_issues(project: ProjectAmounts) -> list[Issue]:
    issues: list[Issue] = []
    stated, table_total = project.stated, project.table_total
    if stated is not None and table_total is not None and stated != table_total:
        issues.append(Issue(
            FindingKind.STATED_VS_TABLE,
            f"โครงการ '{project.name}': งบประมาณที่ระบุ {baht(stated)} บาท"
            f" แต่ตารางรายละเอียดรวม {baht(table_total)} บาท",
            expected=stated,
            actual=table_total,
            source_page=project.page,
            expected_at=project.stated_at,
            actual_at=project.table_total_at,
        ))
    issues.extend(_summary_issues(project))
    if not project.has_budget_table and (stated or project.summary):
        issues.append(Issue(
            FindingKind.MISSING_SECTION,
            f"โครงการ '{project.name}': ไม่มีตารางรายละเอียดการใช้งบประมาณ",
            expected=stated or project.summary,
            source_page=project.page,
            expected_at=project.stated_at if stated else project.summary_at,
            at=project.place,
        ))
    if not project.in_summary and project.plan_has_summaries:
        issues.append(Issue(
            FindingKind.UNMATCHED_PROJECT,
            f"โครงการ '{project.name}' ไม่พบในตารางสรุปโครงการ",
            source_page=project.page,
            at=project.place,
        ))
    return issues


def _summary_issues(project: ProjectAmounts) -> list[Issue]:
    summary = project.summary
    if summary is None:
        return []
    issues = []
    compared: dict[str, tuple[Decimal | None, Place | None]] = {
        "ตารางรายละเอียด": (project.table_total, project.table_total_at),
        "ที่ระบุในโครงการ": (project.stated, project.stated_at),
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
            source_page=project.page,
            expected_at=project.summary_at,
            actual_at=place,
        ))
    return issues
