"""Audit what changed: one plan against the next year's, or two pipeline versions.

Library first, CLI second (`python -m pipeline diff`): everything the command does is a
call a notebook can make::

    from pipeline.diff import diff_years, write_plan_report
    diff = diff_years("extracted", from_year=2563, to_year=2564, organization="ยโสธร เขต 2")
    diff.changes_frame()          # changes.parquet as a DataFrame
    write_plan_report(diff, "report/")

It reads only the contract's datasets (DATA_CONTRACT.md), so any extraction compares.
"""

from pipeline.diff.compare import YearShift, compare_fields
from pipeline.diff.extraction import diff_extractions
from pipeline.diff.lines import compare_budget_lines, compare_schedule
from pipeline.diff.load import DiffInputError, PlanSnapshot, load_plan, read_table
from pipeline.diff.match import MatchResult, MatchSettings, ProjectMatch, match_projects
from pipeline.diff.model import Change, PlanDiff
from pipeline.diff.names import normalize_name, normalize_person
from pipeline.diff.output import (
    extraction_summary,
    plan_summary,
    write_extraction_report,
    write_plan_report,
)
from pipeline.diff.plans import diff_plans, diff_years
from pipeline.diff.report_html import render_extraction_report, render_plan_report

__all__ = [
    "Change",
    "DiffInputError",
    "MatchResult",
    "MatchSettings",
    "PlanDiff",
    "PlanSnapshot",
    "ProjectMatch",
    "YearShift",
    "compare_budget_lines",
    "compare_fields",
    "compare_schedule",
    "diff_extractions",
    "diff_plans",
    "diff_years",
    "extraction_summary",
    "load_plan",
    "match_projects",
    "normalize_name",
    "normalize_person",
    "plan_summary",
    "read_table",
    "render_extraction_report",
    "render_plan_report",
    "write_extraction_report",
    "write_plan_report",
]
