"""Plans missing a part: what can be read is read, and a finding says what is missing."""

from __future__ import annotations

import copy
from pathlib import Path

from pipeline.process import process_file
from tests.fixtures.build import render
from tests.fixtures.spec import SPECS_DIR, load_spec
from tests.fixtures.spec_edit import section_bounds


def _sample_without(tmp_path: Path, drop_summary: bool, drop_projects: bool) -> Path:
    spec = copy.deepcopy(load_spec(SPECS_DIR / "yasothon2-fy2563.json"))
    bounds = section_bounds(spec)
    first, end = bounds[0][0], bounds[-1][1]
    blocks = spec["blocks"]
    if drop_projects:
        blocks = blocks[:first] + blocks[end:]
    if drop_summary:
        blocks = [b for i, b in enumerate(blocks) if i >= first or b["type"] != "table"]
    spec["blocks"] = blocks
    path = tmp_path / "plan.docx"
    path.write_bytes(render(spec))
    return path


def test_plan_without_summary_table_keeps_its_projects(tmp_path: Path) -> None:
    data = process_file(_sample_without(tmp_path, drop_summary=True, drop_projects=False))
    assert data.document.status == "partial"
    assert len(data.projects) == 11 and data.summary == []
    assert all(p.priority is None and p.budget_summary is None for p in data.projects)
    missing = [f for f in data.findings if f.kind == "missing_section"]
    assert any(f.project_id is None and "ตารางสรุปโครงการ" in f.message for f in missing)
    # the project-level checks still run
    assert {f.kind for f in data.findings} >= {"formula", "stated_vs_table", "row_sum"}


def test_summary_without_project_sections(tmp_path: Path) -> None:
    data = process_file(_sample_without(tmp_path, drop_summary=False, drop_projects=True))
    assert data.document.status == "partial"
    assert len(data.summary) == 11 and data.projects == []
    assert [f.kind for f in data.findings] == ["missing_section"]
