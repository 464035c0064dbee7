"""Provenance: every row names its block; PDF rows and findings carry the printed box."""

from __future__ import annotations

from decimal import Decimal

import pdfplumber

from pipeline.audit.issues import FindingKind, Issue, Severity, severity
from pipeline.normalize.numbers import parse_amount
from pipeline.provenance import Place
from tests.helpers import FIXTURES, extracted, fixture_docx

PDF = FIXTURES / "pdf" / "yasothon2-fy2563.pdf"


def test_every_row_of_a_docx_names_its_block() -> None:
    data = extracted(fixture_docx("yasothon2-fy2563"))
    for table in ("summary", "projects", "budget_lines", "schedule", "indicators", "findings"):
        rows = getattr(data, table)
        assert rows and all(r.source_block for r in rows), table
    formula = next(f for f in data.findings if f.kind == "formula"
                   and f.expected == Decimal("21600") and f.actual == Decimal("20000"))
    # the written formula is quoted from the item cell, the amount from its own cell
    assert formula.expected_quote == "๖0 คน x 18๐ x ๒ วัน"
    assert formula.actual_quote == "๒0,00๐"
    item_table, item_row = formula.expected_block.split(" col ")[0], formula.actual_block
    assert item_row.startswith(item_table + " col ")
    # the fixture records no rendered page breaks: no page, and a DOCX has no boxes
    assert formula.bbox is None and formula.source_page is None


def test_a_pdf_finding_names_page_and_box_of_each_amount() -> None:
    data = extracted(PDF)
    compared = [f for f in data.findings if f.actual_quote and f.actual_bbox]
    assert {f.kind for f in compared} >= {"formula", "stated_vs_table", "summary_vs_project"}
    with pdfplumber.open(PDF) as pdf:
        for finding in compared:
            page = pdf.pages[finding.actual_page - 1]
            x0, top, x1, bottom = finding.actual_bbox
            printed = page.crop((x0, top, x1, bottom)).extract_text()
            # the box holds the amount the finding quotes (PDF glyphs may differ in digits)
            assert parse_amount(printed.split()[-1]) is not None, finding.message
    summary_vs = next(f for f in data.findings if f.kind == "summary_vs_project")
    assert summary_vs.expected_page != summary_vs.actual_page
    assert all(len(line.bbox) == 4 for line in data.budget_lines if line.bbox is not None)
    assert sum(line.bbox is not None for line in data.budget_lines) == len(data.budget_lines)


def test_severity_follows_money_at_stake_and_kind() -> None:
    def issue(kind: FindingKind, expected: str | None, actual: str | None) -> Issue:
        return Issue(kind, "", Decimal(expected) if expected else None,
                     Decimal(actual) if actual else None, at=Place())

    assert severity(issue(FindingKind.FORMULA, "21600", "20000")) == Severity.MEDIUM
    assert severity(issue(FindingKind.LINE_SUM, "49100", "36000")) == Severity.HIGH
    assert severity(issue(FindingKind.ROW_SUM, "1000.50", "1000")) == Severity.LOW
    assert severity(issue(FindingKind.UNMATCHED_PROJECT, None, None)) == Severity.MEDIUM
    assert severity(issue(FindingKind.MISSING_SECTION, "50000", None)) == Severity.HIGH
    assert severity(issue(FindingKind.PACKED_ROW, None, None)) == Severity.LOW
