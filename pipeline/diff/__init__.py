"""Audit what changed: one plan against the next year's, or two pipeline versions.

Library first, CLI second (`python -m pipeline diff`): everything the command does is a
call a notebook can make::

    from pipeline.diff import diff_years, write_plan_report
    diff = diff_years("extracted", from_year=2563, to_year=2564, organization="ยโสธร เขต 2")
    diff.changes_frame()          # changes.parquet as a DataFrame
    write_plan_report(diff, "report/")

It reads only the contract's datasets (DATA_CONTRACT.md), so any extraction compares.

The names below are imported on first use (PEP 562), so importing `pipeline.diff.cli` to
register the subcommand does not load pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.diff.compare import compare_fields
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
    from pipeline.diff.shift import YearShift

# public name -> the module defining it
_MODULES = {
    "Change": "pipeline.diff.model",
    "DiffInputError": "pipeline.diff.load",
    "MatchResult": "pipeline.diff.match",
    "MatchSettings": "pipeline.diff.match",
    "PlanDiff": "pipeline.diff.model",
    "PlanSnapshot": "pipeline.diff.load",
    "ProjectMatch": "pipeline.diff.match",
    "YearShift": "pipeline.diff.shift",
    "compare_budget_lines": "pipeline.diff.lines",
    "compare_fields": "pipeline.diff.compare",
    "compare_schedule": "pipeline.diff.lines",
    "diff_extractions": "pipeline.diff.extraction",
    "diff_plans": "pipeline.diff.plans",
    "diff_years": "pipeline.diff.plans",
    "extraction_summary": "pipeline.diff.output",
    "load_plan": "pipeline.diff.load",
    "match_projects": "pipeline.diff.match",
    "normalize_name": "pipeline.diff.names",
    "normalize_person": "pipeline.diff.names",
    "plan_summary": "pipeline.diff.output",
    "read_table": "pipeline.diff.load",
    "render_extraction_report": "pipeline.diff.report_html",
    "render_plan_report": "pipeline.diff.report_html",
    "write_extraction_report": "pipeline.diff.output",
    "write_plan_report": "pipeline.diff.output",
}

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


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'pipeline.diff' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
