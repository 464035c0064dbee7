"""Datasets from a whole scanned plan against those of its text PDF (issue 13's yardstick).

What holds today on the 150-dpi scan of secondary-fy2567 (9 pages): every summary row with
its strategy and amounts, and the first project's budget lines (amounts) and Gantt months.
Later projects are not yet all found (a misread project heading), so they are not asserted.
The same amounts come from the scan turned 1.5 degrees with grey noise (one plan only: a
whole plan's OCR is the slow part of the suite).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.process import process_file
from pipeline.read.ocr.reader import ocr_available
from pipeline.records import PlanData
from tests.fixtures.scans import ScanSettings, scan

pytestmark = pytest.mark.skipif(not ocr_available(),
                                reason="tesseract-ocr-tha or the ocr extra not installed")

PDF_DIR = Path(__file__).parents[2] / "fixtures" / "pdf"
PLAN = "secondary-fy2567"
N_MONTHS = 12  # the first project's four Gantt activities over their quarters, by month


@pytest.fixture(scope="module")
def both() -> tuple[PlanData, PlanData]:
    return process_file(PDF_DIR / f"{PLAN}-untagged.pdf"), process_file(scan(PLAN))


def test_summary_rows_have_the_text_pdfs_strategies_and_amounts(
        both: tuple[PlanData, PlanData]) -> None:
    text, scanned = both
    def rows(data: PlanData) -> list[tuple[object, ...]]:
        return [(r.strategy_no, r.budget_esa, r.budget_obec, r.budget_other, r.unit)
                for r in data.summary]
    assert len(text.summary) == 3
    assert rows(scanned) == rows(text)


def test_first_projects_budget_lines_and_gantt_months_are_the_text_pdfs(
        both: tuple[PlanData, PlanData]) -> None:
    text, scanned = both
    def lines(data: PlanData) -> list[tuple[object, ...]]:
        first = data.projects[0].project_id
        return [(b.compensation, b.operating, b.materials, b.total)
                for b in data.budget_lines if b.project_id == first]
    def months(data: PlanData) -> list[tuple[object, ...]]:
        first = data.projects[0].project_id
        return [(s.activity, s.month) for s in data.schedule if s.project_id == first]
    assert len(lines(text)) == 5 and len(months(text)) == N_MONTHS
    assert lines(scanned) == lines(text)
    assert months(scanned) == months(text)
    assert scanned.projects[0].name == text.projects[0].name


def test_every_number_read_two_ways_is_an_ocr_uncertain_finding_the_sums_confirm(
        both: tuple[PlanData, PlanData]) -> None:
    text, scanned = both
    assert not [f for f in text.findings if f.kind == "ocr_uncertain"]
    uncertain = [f for f in scanned.findings if f.kind == "ocr_uncertain"]
    total = next(f for f in uncertain if f.expected == Decimal(75000))
    assert (total.actual, total.source_page, total.project_id) == (Decimal(15000), 2, None)
    assert total.message == ("page 2: a number read '15,000' by tesseract and '75,000' by"
                             " the digit classifier; '75,000' kept: the only reading with"
                             " which the sums close (column 3 total in row 5)")
    assert total.severity == "high"  # 60,000 baht at stake



@pytest.fixture(scope="module")
def rough() -> PlanData:
    return process_file(scan(PLAN, ScanSettings(rotate=1.5, noise=8.0)))


def test_rotated_noisy_scan_gives_the_text_pdfs_summary_amounts(
        both: tuple[PlanData, PlanData], rough: PlanData) -> None:
    text, _ = both
    def amounts(data: PlanData) -> list[tuple[object, ...]]:
        return [(r.budget_esa, r.budget_obec, r.budget_other) for r in data.summary]
    assert amounts(text) == [(Decimal(45000), None, None), (Decimal(30000), None, None),
                             (Decimal(120000), None, None)]
    assert amounts(rough) == amounts(text)


@pytest.mark.xfail(strict=True, reason=(
    "finding, not yet fixed: on the 1.5-degree noisy scan the 12,600 of"
    " 'ค่าจ้างเหมารถโดยสาร' is not read, and the total row reads 'รวมทั้งสิน' (tone mark"
    " lost, not restored in that cell), so the next project's lines join the first's"))
def test_rotated_noisy_scan_gives_the_text_pdfs_budget_lines(
        both: tuple[PlanData, PlanData], rough: PlanData) -> None:
    text, _ = both
    def lines(data: PlanData) -> list[tuple[object, ...]]:
        first = data.projects[0].project_id
        return [(b.compensation, b.operating, b.materials, b.total)
                for b in data.budget_lines if b.project_id == first]
    assert len(lines(text)) == 5
    assert lines(rough) == lines(text)
