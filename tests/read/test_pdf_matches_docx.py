"""Acceptance: the datasets extracted from a fixture's PDF equal those from its DOCX.

Both go through `process_file`; every contract table is compared row by row, field by field
(summary, projects, budget_lines, schedule, indicators, findings, and the documents row's
organization / fiscal_year / title / status). Ignored: what differs by construction —
`source_format`, `doc_id` (and the doc id prefix of `project_id`), `sha256`, `source_path`,
`source_page`, `n_pages`, `extracted_at`, `pipeline_version`.

`split-budget-table` (tables cut by page breaks, no repeated header, rows cut in two) must
match exactly. The LibreOffice renderings of the other fixtures hold cases a PDF cannot
tell apart; their remaining differences are counted and may only go down (a ratchet):

* a space at a line break that LibreOffice did not draw because it did not fit
  ("ประถมศึกษายโสธร" / "เขต 2" reads "ยโสธรเขต 2"), and a centred title likewise;
* two paragraphs of a cell set exactly like one wrapped paragraph ("แบบสอบถาม" /
  "วิธีการสังเกตุ", "1 พ.ย.62" / "มีนาคม 63"): joined, they shift packed rows;
* "900" centred in a cell too narrow for it, broken as "90" / "0", read as two amounts;
* (school) LibreOffice cuts turned month names at the header row's height ("พฤศจิกาย",
  "กุมภาพัน"), so the extractor does not see a Gantt; a label and its value that wrap at
  the same line of a borderless table ("สนองกลยุทธ์" / "โรงเรียน");
* (secondary) a borderless label wrapped next to a value that did not wrap.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest

from pipeline.process import process_file
from pipeline.records import PlanData

os.environ["PYTHAINLP_OFFLINE"] = "1"

FIXTURES = Path(__file__).parent.parent / "fixtures"
TABLES = ("summary", "projects", "budget_lines", "schedule", "indicators", "findings")
DOCUMENT_FIELDS = ("organization", "fiscal_year", "title", "status")
IGNORED = {"doc_id", "source_format", "sha256", "source_path", "source_page", "n_pages",
           "extracted_at", "pipeline_version"}
# fixture -> (its DOCX, differing fields now); exact fixtures have 0
CASES: dict[str, tuple[Path, int]] = {
    "split-budget-table": (FIXTURES / "pdf" / "split-budget-table.docx", 0),
    "secondary-fy2567": (FIXTURES / "docx" / "secondary-fy2567.docx", 1),
    "school-fy2566": (FIXTURES / "docx" / "school-fy2566.docx", 234),
    "yasothon2-fy2563": (FIXTURES / "docx" / "yasothon2-fy2563.docx", 192),
    "yasothon2-fy2564": (FIXTURES / "docx" / "yasothon2-fy2564.docx", 189),
}


def rows(data: PlanData, table: str) -> list[dict[str, Any]]:
    out = []
    for row in getattr(data, table):
        fields = {}
        for key, value in dataclasses.asdict(row).items():
            if key in IGNORED:
                continue
            if isinstance(value, str):
                value = value.replace(data.document.doc_id, "<doc>")
            fields[key] = value
        out.append(fields)
    return out


def differences(docx: PlanData, pdf: PlanData) -> list[str]:
    """Every differing field, as "table[row].field: docx != pdf"; a missing row counts
    each of its fields."""
    found = [f"documents.{f}: {getattr(docx.document, f)!r} != {getattr(pdf.document, f)!r}"
             for f in DOCUMENT_FIELDS if getattr(docx.document, f) != getattr(pdf.document, f)]
    for table in TABLES:
        want, got = rows(docx, table), rows(pdf, table)
        for i in range(max(len(want), len(got))):
            a = want[i] if i < len(want) else {}
            b = got[i] if i < len(got) else {}
            for key in sorted(set(a) | set(b)):
                if a.get(key, "<no row>") != b.get(key, "<no row>"):
                    found.append(f"{table}[{i}].{key}: {a.get(key, '<no row>')!r} != "
                                 f"{b.get(key, '<no row>')!r}")
    return found


@pytest.mark.parametrize("name", sorted(CASES))
def test_pdf_gives_the_rows_of_its_docx(name: str) -> None:
    docx_path, known = CASES[name]
    pdf_path = FIXTURES / "pdf" / f"{name}.pdf"
    if not docx_path.exists() or not pdf_path.exists():
        pytest.skip(f"{name}: not built (python -m tests.fixtures.build_pdf)")
    docx, pdf = process_file(docx_path), process_file(pdf_path)
    assert pdf.document.source_format == "pdf" and pdf.document.status == "ok"
    assert [e.message for e in pdf.errors] == []
    assert len(pdf.projects) == len(docx.projects)
    assert len(pdf.summary) == len(docx.summary)
    found = differences(docx, pdf)
    if known == 0:
        assert found == []
    else:
        assert len(found) <= known, "\n".join(found[:40])
