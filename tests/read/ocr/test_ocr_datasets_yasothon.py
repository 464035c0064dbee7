"""Issue 13's Done-when yardstick on the 150-dpi scans of the yasothon2 plans.

Each scan's datasets are compared field by field with those of its text PDF (the untagged
one where there is one), as tests/read/ocr/test_ocr_datasets.py does for secondary-fy2567:
every amount (summary, projects, budget lines) exact, every Gantt month exact, at least 98%
of names, units and dates exact. yasothon2-fy2563 (100 pages) is compared whole; of
yasothon2-fy2564 (98 pages, the next year's plan in the same layout) pages 1-19 (the
summary tables and the first two projects) against the same pages of its text PDF, so the
file's OCR stays within a few minutes. Each plan is OCRed once (module fixtures).

What holds is asserted plainly: the same rows (summary rows, projects on their pages), the
summary's ESA and other-source amounts, and every amount and Gantt month of fy2564's
pages. The rest of the yardstick does not hold yet on these scans: those tests are strict
xfails whose reasons say what is still missed, and they print every miss.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from pipeline.process import process_file
from pipeline.read.ocr.reader import ocr_available
from pipeline.records import PlanData
from tests.fixtures.scans import ScanSettings, scan
from tests.read.ocr.test_ocr_datasets import (
    AMOUNT_FIELDS,
    MIN_NAME_SHARE,
    NAME_FIELDS,
    fields,
    gantt_months,
    misses,
)

pytestmark = pytest.mark.skipif(not ocr_available(),
                                reason="tesseract-ocr-tha or the ocr extra not installed")

PDF_DIR = Path(__file__).parents[2] / "fixtures" / "pdf"
WHOLE = "yasothon2-fy2563"
PART = "yasothon2-fy2564"
PART_PAGES = (1, 19)
Pair = tuple[PlanData, PlanData]


def text_pdf(plan: str) -> Path:
    """The plan's text PDF: the untagged one (read by layout, as a scan is) if any."""
    untagged = PDF_DIR / f"{plan}-untagged.pdf"
    return untagged if untagged.exists() else PDF_DIR / f"{plan}.pdf"


def page_range(source: Path, first: int, last: int, target: Path) -> Path:
    """Pages `first`..`last` (1-based, inclusive) of `source` as their own PDF."""
    document = pdfium.PdfDocument(str(source))
    part = pdfium.PdfDocument.new()
    try:
        part.import_pages(document, list(range(first - 1, last)))
        part.save(str(target))
    finally:
        part.close()
        document.close()
    return target


@pytest.fixture(scope="module")
def fy2563() -> Pair:
    return process_file(text_pdf(WHOLE)), process_file(scan(WHOLE))


@pytest.fixture(scope="module")
def fy2564(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    first, last = PART_PAGES
    text = page_range(text_pdf(PART), first, last,
                      tmp_path_factory.mktemp("fy2564") / f"{PART}-{first}-{last}.pdf")
    return (process_file(text),
            process_file(scan(PART, ScanSettings(first_page=first, last_page=last))))


@pytest.fixture(params=["fy2563", "fy2564"])
def plan(request: pytest.FixtureRequest) -> Pair:
    pair: Pair = request.getfixturevalue(request.param)
    return pair


# -- what holds ---------------------------------------------------------------------------

def test_the_scans_give_the_text_pdfs_summary_rows_and_projects(fy2563: Pair, fy2564: Pair
                                                                ) -> None:
    for (text, scanned), n_projects in ((fy2563, 11), (fy2564, 2)):
        assert len(text.summary) == 11 and len(text.projects) == n_projects
        assert [r.strategy_no for r in scanned.summary] == [r.strategy_no for r in text.summary]
        assert [p.source_page for p in scanned.projects] == [
            p.source_page for p in text.projects]


def test_the_summaries_esa_and_other_source_amounts_are_the_text_pdfs(plan: Pair) -> None:
    text, scanned = plan
    def amounts(data: PlanData) -> list[tuple[object, ...]]:
        return [(r.budget_esa, r.budget_other) for r in data.summary]
    assert all(esa is not None for esa, _ in amounts(text))
    assert amounts(scanned) == amounts(text)


# -- the yardstick, not met yet -----------------------------------------------------------

AMOUNTS_MISSED = (
    "two formula values of fy2563: '๓5 คน*๓๕ บาท*๔๐ ครั้ง' read *๕๐ (61,250 for 49,000: a"
    " Thai digit in a text cell the table's arithmetic does not weigh), and"
    " '(๖ 0 คน x 18 ๐ x ๒ วัน)' read '(๒0 คน%18๐»%๒วัน)' (a bracket glued to the number"
    " keeps it from the classifier; debris between the x's): fy2563 2 of 459 amounts missed")
GANTT_MISSED = (
    "project 10's chart: the marks of activity 4's sub-activities ('---' / '-' / '---' / '-'"
    " beside '๔ ดำเนินการ' / '๔.๑ ...') go to the heading line '๔ ดำเนินการ', and activity 5's"
    " second name line 'การดำเนินงาน' takes marks of its own: fy2563 244 of 246 months read"
    " and 7 added")
NAMES_MISSED = (
    "one project's start and end dates (fy2563's project 11); a cell's wrapped lines joined"
    " with a space the text PDF does not have or without one it has ('ประเมินผล"
    " การจัดการศึกษา', 'ประจำปีงบประมาณพ.ศ.'); ถ read for ผ ('ประผมศึกษา'); Latin words"
    " in Thai text ('online' read '๐ทยท6'); lost tone marks in dictionary words"
    " ('จัดซือ'): fy2563 40 of 167 fields missed (76.0% exact), fy2564 15 of 55 (72.7%)")


def assert_every_amount_is_the_text_pdfs(text: PlanData, scanned: PlanData) -> None:
    expected = fields(text, AMOUNT_FIELDS)
    missed = misses(expected, fields(scanned, AMOUNT_FIELDS))
    print(f"amounts: {len(missed)} of {len(expected)} missed:", *missed, sep="\n  ")
    assert missed == []


def test_every_amount_of_the_fy2564_scan_is_the_text_pdfs(fy2564: Pair) -> None:
    text, scanned = fy2564
    assert len(fields(text, AMOUNT_FIELDS)) == 101
    assert_every_amount_is_the_text_pdfs(text, scanned)


@pytest.mark.xfail(strict=True, reason=AMOUNTS_MISSED)
def test_every_amount_of_the_fy2563_scan_is_the_text_pdfs(fy2563: Pair) -> None:
    assert_every_amount_is_the_text_pdfs(*fy2563)


def assert_every_gantt_month_is_the_text_pdfs(text: PlanData, scanned: PlanData) -> None:
    expected, read = gantt_months(text), gantt_months(scanned)
    print(f"gantt months: {len(set(expected) & set(read))} of {len(expected)} read,"
          f" {len(set(read) - set(expected))} added")
    assert read == expected


def test_every_gantt_month_of_the_fy2564_scan_is_the_text_pdfs(fy2564: Pair) -> None:
    text, scanned = fy2564
    assert len(gantt_months(text)) == 22
    assert_every_gantt_month_is_the_text_pdfs(text, scanned)


@pytest.mark.xfail(strict=True, reason=GANTT_MISSED)
def test_every_gantt_month_of_the_fy2563_scan_is_the_text_pdfs(fy2563: Pair) -> None:
    assert_every_gantt_month_is_the_text_pdfs(*fy2563)


@pytest.mark.xfail(strict=True, reason=NAMES_MISSED)
def test_names_units_and_dates_of_the_scan_are_the_text_pdfs_at_98_percent(plan: Pair
                                                                          ) -> None:
    text, scanned = plan
    expected = fields(text, NAME_FIELDS)
    missed = misses(expected, fields(scanned, NAME_FIELDS))
    share = 1 - len([m for m in missed if "not in the text PDF" not in m]) / len(expected)
    print(f"names, units and dates: {share:.1%} of {len(expected)} exact; missed:",
          *missed, sep="\n  ")
    assert share >= MIN_NAME_SHARE
