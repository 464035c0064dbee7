"""Money in the diff: differences, amounts and units of added/removed projects, places,
and the plan totals reconciled (pipeline/diff/totals.py), on builders' known plans."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.diff import diff_years
from pipeline.diff.model import PlanDiff
from pipeline.diff.report_html import render_plan_report
from tests.diff.builders import CUT, KEPT, NEW, write_money_pair


@pytest.fixture(scope="module")
def money_diff(tmp_path_factory: pytest.TempPathFactory) -> PlanDiff:
    old, new = write_money_pair(tmp_path_factory.mktemp("money"))
    return diff_years(old, new)


def test_money_changes_carry_their_difference_and_places(money_diff: PlanDiff) -> None:
    rows = {(c.change, c.field, c.new_name or c.old_name): c for c in money_diff.changes}
    summary = rows[("field_changed", "budget_summary", KEPT)]
    assert summary.difference == Decimal("5000.00")
    assert (summary.old_source_path, summary.old_source_page, summary.old_source_block) == (
        "plans/a1a1a1a1a1a1a1a1.docx", 2, "table 1 row 2 col 2")
    assert (summary.new_source_path, summary.new_source_page) == (
        "plans/b2b2b2b2b2b2b2b2.docx", 3)
    budget_line = rows[("field_changed", "budget_lines", KEPT)]
    assert budget_line.difference == Decimal("5000.00")
    assert (budget_line.old_source_page, budget_line.new_source_page) == (6, 7)


def test_added_and_removed_projects_have_amount_and_unit(money_diff: PlanDiff) -> None:
    added = next(c for c in money_diff.changes if c.change == "added")
    removed = next(c for c in money_diff.changes if c.change == "removed")
    assert (added.new_name, added.field, added.new_value, added.difference, added.unit) == (
        NEW, "budget_summary", "15000.00", Decimal("15000.00"), "กลุ่มส่งเสริมการจัดการศึกษา")
    assert (removed.old_name, removed.old_value, removed.difference, removed.unit) == (
        CUT, "8000.00", Decimal("-8000.00"), "กลุ่มอำนวยการ")
    assert (removed.old_source_page, removed.new_source_page) == (2, None)


def test_totals_reconcile_exactly(money_diff: PlanDiff) -> None:
    totals = money_diff.totals
    assert totals is not None
    assert (totals.old_total, totals.changed, totals.added, totals.removed,
            totals.new_total) == tuple(Decimal(v) for v in (
                "28000.00", "5000.00", "15000.00", "-8000.00", "40000.00"))
    assert totals.gap == 0 and totals.reconciles


def test_report_shows_differences_totals_files_and_pages(money_diff: PlanDiff) -> None:
    html = render_plan_report(money_diff)
    assert '<td class="diff num">+5,000.00 บาท</td>' in html
    assert "ค่าใช้สอย +5,000.00 บาท; รวม +5,000.00 บาท" in html
    assert 'id="total-old">28,000.00 บาท<' in html
    assert 'id="total-changed">+5,000.00 บาท<' in html
    assert 'id="total-added">+15,000.00 บาท<' in html
    assert 'id="total-removed">-8,000.00 บาท<' in html
    assert 'id="total-new">40,000.00 บาท<' in html
    assert 'data-reconciles="true"' in html
    assert "a1a1a1a1a1a1a1a1.docx</span> หน้า 6 · table 4 row 3 col 1" in html
    assert "b2b2b2b2b2b2b2b2.docx</span> หน้า 7 · table 4 row 3 col 1" in html
    assert "15,000.00 บาท (งบประมาณตามตารางสรุปโครงการ)" in html
    assert "กลุ่มอำนวยการ" in html


def test_a_gap_is_reported_never_hidden(tmp_path: Path) -> None:
    from tests.diff.builders import NEW_DOC, project, write_plan
    old, new = write_money_pair(tmp_path)
    # KEPT loses its summary row in the new plan: its amount is its table total now, so
    # no change row explains its 20,000 -> 25,000: the gap is 5,000.
    write_plan(new, 2564, NEW_DOC, [project(NEW_DOC, 1, KEPT, budget_table_total=25000),
                                    project(NEW_DOC, 2, NEW, budget_summary=15000)])
    diff = diff_years(old, new)
    assert diff.totals is not None and diff.totals.gap == Decimal("5000.00")
    html = render_plan_report(diff)
    assert 'data-reconciles="false"' in html and 'id="total-gap">+5,000.00 บาท<' in html


def test_terminal_summary_reconciles_the_totals_line_by_line(money_diff: PlanDiff) -> None:
    from pipeline.diff.output import plan_summary

    lines = plan_summary(money_diff).splitlines()
    start = lines.index("change rows by kind: 1 added (+15,000.00 baht), 1 removed"
                        " (-8,000.00 baht), 0 renamed, 4 field_changed (+5,000.00 baht)")
    assert lines[start + 1:] == [
        "plan totals in baht (each project's budget_summary, else budget_table_total,"
        " else budget_stated):",
        "  old total (2563)                   28,000.00",
        "  + changed (matched projects)       +5,000.00",
        "  + added projects                  +15,000.00",
        "  + removed projects                 -8,000.00",
        "  = old total + changes              40,000.00",
        "  new total (2564)                   40,000.00",
        "  reconciled: old total + changes = new total",
    ]


def test_terminal_summary_states_the_gap_and_its_cause(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main
    from tests.diff.builders import NEW_DOC, project, write_plan
    old, new = write_money_pair(tmp_path)
    write_plan(new, 2564, NEW_DOC, [project(NEW_DOC, 1, KEPT, budget_table_total=25000),
                                    project(NEW_DOC, 2, NEW),
                                    project(NEW_DOC, 3, "โครงการไม่มีงบ")])
    assert main(["diff", str(old), str(new), "--out", str(tmp_path / "r")]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("  = old total + changes              20,000.00")
    assert lines[start + 1:start + 6] == [
        "  new total (2564)                   25,000.00",
        "  GAP: +5,000.00 baht the changes do not explain",
        f"    {KEPT}: old budget_summary 20,000.00, new budget_table_total 25,000.00",
        "  new plan: 2 projects without an amount (counted as 0)",
        f"report: {tmp_path / 'r' / 'report.html'}  changes: {tmp_path / 'r' / 'changes.parquet'}",
    ]
