"""Every fixture against its hand-curated truth file (tests/fixtures/truth/<fixture>.json).

The truth files were written from the plans' text by a person, not by this extractor.
Where the extractor reads a cell differently on purpose, the difference is listed in
`ACCEPTED` with the reason; any other difference, or an accepted one that disappears,
fails the test.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from pipeline.records import PlanData
from tests.helpers import DOCX, FIXTURES, extracted

TRUTHS = sorted((FIXTURES / "truth").glob("*.json"))
PROJECT_FIELDS = (
    "name", "priority", "strategy_no", "plan", "strategy_ref", "responsible_persons", "unit",
    "project_type", "period_text", "start_date", "end_date", "budget_stated",
    "budget_table_total", "budget_compensation", "budget_operating", "budget_materials",
    "budget_summary",
)
LINE_FIELDS = ("item", "compensation", "operating", "materials", "off_budget", "total",
               "formula_text", "formula_value")
MONEY = {"budget_esa", "budget_obec", "budget_other", "compensation", "operating",
         "materials", "off_budget", "total", "formula_value", "expected", "actual"}

# What differs -> why the extractor's reading is kept. The FY2564 plan is the sample one
# year on, so it carries the sample's cells at the same project positions.
SAMPLE_READINGS: dict[str, str] = {
    **{f"line 4.{n} total": (
        "the table has category columns but no total column: the line total is derived"
        " as the sum of its categories so every line carries one") for n in range(1, 8)},
    "schedule 6": (
        "activity ๓ lists two audits and two periods line by line: each audit gets its"
        " own period instead of one activity over both"),
    "line 7.4 formula_text": (
        "'120 คน 2 รุ่นๆ ละ 105 คน/รุ่น วันละ 180 บาท' restates its head count; not guessed"),
    "line 7.4 formula_value": "same line as above",
    "finding missing_section 11": (
        "an extra finding kind: project 11 states 50,000 but has no budget table"),
}
# The numbered activities a row lists under one period are each an activity of the
# row's heading (issue 9, PDCA tables): the project of the three ประชุม/กิจกรรม items.
NUMBERED_UNDER_ONE_PERIOD = (
    "'ดำเนินการ ๔.๑ ประชุม ... ๔.๒ ประชุม ... ๔.3 กิจกรรมสัมพันธ์' over one period: each"
    " numbered item is its own activity with that period, group 'ดำเนินการ'")
ACCEPTED: dict[str, dict[str, str]] = {
    "yasothon2-fy2563": {**SAMPLE_READINGS, "schedule 10": NUMBERED_UNDER_ONE_PERIOD},
    "yasothon2-fy2564": {**SAMPLE_READINGS, "schedule 9": NUMBERED_UNDER_ONE_PERIOD},
    "school-fy2566": {
        "finding missing_section 5": "an extra finding kind: project 5 has no budget table",
    },
}


def _money(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _value(field: str, value: Any) -> Any:
    if field in MONEY or field.startswith("budget_"):
        return _money(value)
    return value


def _summary_rows(truth: dict[str, Any]) -> list[dict[str, Any]]:
    tables = truth["summary"] if isinstance(truth["summary"], list) else [truth["summary"]]
    return [row | {"strategy_no": t.get("strategy_no")} for t in tables for row in t["rows"]]


def differences(data: PlanData, truth: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for field in ("organization", "fiscal_year", "title"):
        if getattr(data.document, field) != truth["documents"][field]:
            found.add(f"document {field}")
    rows = _summary_rows(truth)
    if len(rows) != len(data.summary):
        found.add(f"summary count {len(data.summary)} != {len(rows)}")
    for row, expected in zip(data.summary, rows, strict=False):
        for field in ("priority", "project_name", "budget_esa", "budget_obec", "budget_other",
                      "unit"):
            if getattr(row, field) != _value(field, expected.get(field)):
                found.add(f"summary {expected.get('priority')} {field}")
    if len(truth["projects"]) != len(data.projects):
        found.add(f"project count {len(data.projects)} != {len(truth['projects'])}")
    for project, expected in zip(data.projects, truth["projects"], strict=False):
        found |= _project_differences(data, project, expected)
    found |= _finding_differences(data, truth)
    return found


def _project_differences(data: PlanData, project: Any, expected: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    seq = expected["seq"]
    for field in PROJECT_FIELDS:
        got = getattr(project, field)
        if field.endswith("_date"):
            got = got.isoformat() if got else None
        want = _value(field, expected.get(field))
        if got != want and not (field == "name" and got in expected.get("name_alternatives", [])):
            found.add(f"project {seq} {field}")
    lines = [b for b in data.budget_lines if b.project_id == project.project_id]
    want_lines = expected.get("budget_lines") or []
    if len(lines) != len(want_lines):
        found.add(f"line count {seq}: {len(lines)} != {len(want_lines)}")
    for line, want_line in zip(lines, want_lines, strict=False):
        for field in LINE_FIELDS:
            if getattr(line, field) != _value(field, want_line.get(field)):
                found.add(f"line {seq}.{want_line['line_no']} {field}")
        if line.budget_subtotal != _money(want_line.get("in_budget")):
            found.add(f"line {seq}.{want_line['line_no']} in_budget")
    got_schedule: dict[str, list[str]] = {}
    for row in data.schedule:
        if row.project_id == project.project_id:
            got_schedule.setdefault(row.activity, []).append(row.month.isoformat())
    want_schedule = {e["activity"]: e["months"] for e in expected.get("schedule") or []}
    if got_schedule != want_schedule:
        found.add(f"schedule {seq}")
    return found


def _finding_differences(data: PlanData, truth: dict[str, Any]) -> set[str]:
    seq = {p.project_id: n for n, p in enumerate(data.projects, start=1)}
    got = {(f.kind, seq.get(f.project_id or ""), f.expected, f.actual) for f in data.findings}
    want = {(f["kind"], f.get("project_seq"), _money(f["expected"]), _money(f["actual"]))
            for f in truth["findings"]}
    return {f"finding {kind} {n}" for kind, n, _, _ in got ^ want}


@pytest.mark.parametrize("truth_path", TRUTHS, ids=[p.stem for p in TRUTHS])
def test_extraction_matches_hand_curated_truth(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    path = DOCX / f"{truth_path.stem}.docx"
    assert path.exists(), f"no fixture for truth file {truth_path.name}"
    found = differences(extracted(path), truth)
    accepted = set(ACCEPTED.get(truth_path.stem, {}))
    assert sorted(found - accepted) == [], "unexpected differences from the truth file"
    assert sorted(accepted - found) == [], "accepted differences no longer occur: update ACCEPTED"
