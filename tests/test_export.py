"""`pipeline export`: the FY2563 fixture plan (yasothon2-fy2563) as Excel and CSV for staff.

Amounts and names are the plan's own (tests/fixtures/truth/yasothon2-fy2563.json); row
counts are compared with what `pipeline.api.load` reads from the same Parquet files.
"""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import csv
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from pipeline import export
from pipeline.api import Datasets, load
from pipeline.cli import main
from pipeline.load.schema import TABLES
from tests.helpers import fixture_docx

ORGANIZATION = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต ๒"
FIRST_PROJECT = ("นิเทศติดตามการบริหารจัดการและการจัดการเรียนรู้ สู่การพัฒนาศักยภาพผู้เรียน"
                 " ศตวรรษที่ 21")
SECOND_PROJECT_PERSONS = "น.ส.ประยูร เรืองศรี; นางวราภรณ์ สิงห์คิบุตร; น.ส.พัชริตา อุ่มแก้ว"
BUDGET_LINES_TOTAL = 704_000


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fy2563")
    assert main(["extract", str(fixture_docx("yasothon2-fy2563")), "--out", str(out),
                 "--workers", "1", "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def data(extracted: Path) -> Datasets:
    return load(extracted)


@pytest.fixture(scope="module")
def workbook(extracted: Path, tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    target = tmp_path_factory.mktemp("xlsx") / "plans.xlsx"
    assert main(["export", str(extracted), "--xlsx", str(target)]) == 0
    return openpyxl.load_workbook(target)


def _sheet_rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[dict[str, object]]:
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_overview_sheet_first_then_one_sheet_per_table(workbook: openpyxl.Workbook,
                                                       data: Datasets) -> None:
    names = workbook.sheetnames
    assert names[0] == export.OVERVIEW_SHEET
    assert names[1:] == [f"{export.THAI_TABLE_NAMES[t]} {t}"[:31] for t in TABLES]
    for table in TABLES:
        sheet = workbook[f"{export.THAI_TABLE_NAMES[table]} {table}"[:31]]
        assert sheet.max_row - 1 == len(getattr(data, table)) or len(getattr(data, table)) == 0
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None


def test_overview_lists_the_document_and_its_findings(workbook: openpyxl.Workbook,
                                                      data: Datasets) -> None:
    (row,) = _sheet_rows(workbook[export.OVERVIEW_SHEET])
    assert row["หน่วยงาน (organization)"] == ORGANIZATION
    assert row["ปีงบประมาณ (fiscal_year)"] == 2563
    assert row["findings"] == len(data.findings)
    kinds = data.findings["kind"].astype(str).value_counts()
    assert row["finding_kinds"] == "; ".join(f"{k} {n}" for k, n in sorted(kinds.items()))


def test_money_is_numeric_in_baht_dates_are_dates_lists_joined(
        workbook: openpyxl.Workbook) -> None:
    sheet = workbook["โครงการ projects"]
    header = [c.value for c in sheet[1]]
    assert "ชื่อโครงการ (name)" in header and "งบประมาณในตารางสรุป (budget_summary)" in header
    first = {h: c for h, c in zip(header, sheet[2], strict=True)}
    second = {h: c for h, c in zip(header, sheet[3], strict=True)}
    assert first["ชื่อโครงการ (name)"].value == FIRST_PROJECT
    money = first["งบประมาณในตารางสรุป (budget_summary)"]
    assert money.value == 200_000 and money.data_type == "n"
    assert money.number_format == export.BAHT_FORMAT
    start = first["วันเริ่ม (start_date)"]
    assert start.value == datetime(2019, 10, 1) and start.is_date
    assert second["ผู้รับผิดชอบ (responsible_persons)"].value == SECOND_PROJECT_PERSONS


def test_budget_line_amounts_add_up_in_the_sheet(workbook: openpyxl.Workbook) -> None:
    rows = _sheet_rows(workbook["รายการงบประมาณ budget_lines"])
    assert len(rows) == 45
    assert sum(r["รวม (total)"] or 0 for r in rows) == BUDGET_LINES_TOTAL  # type: ignore[misc]


def test_a_table_longer_than_a_sheet_continues_on_the_next(
        extracted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "EXCEL_MAX_ROWS", 100)
    target = tmp_path / "small.xlsx"
    export.export_xlsx(extracted, target)
    book = openpyxl.load_workbook(target)
    parts = ["ระยะเวลา schedule", "schedule (2)", "schedule (3)"]
    assert [n for n in book.sheetnames if "schedule" in n] == parts
    # 249 schedule rows: the PDCA row "ดำเนินการ ๔.๑ … ๔.๒ … ๔.3" is three activities of two months
    assert [book[n].max_row - 1 for n in parts] == [100, 100, 49]


def test_csv_has_a_bom_exact_amounts_and_joined_lists(extracted: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    assert main(["export", str(extracted), "--csv", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    raw = (folder / "projects.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with (folder / "projects.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["ชื่อโครงการ (name)"] == FIRST_PROJECT
    assert rows[0]["งบประมาณในตารางสรุป (budget_summary)"] == "200000.00"
    assert rows[0]["วันเริ่ม (start_date)"] == "2019-10-01"
    assert rows[1]["ผู้รับผิดชอบ (responsible_persons)"] == SECOND_PROJECT_PERSONS


def test_csv_cells_cannot_become_formulas_but_dashes_stay() -> None:
    assert export.csv_value("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert export.csv_value("+66 81") == "'+66 81"
    assert export.csv_value("-") == "-"
    assert export.csv_value(None) == ""
    assert export.csv_value(["ก", "ข"]) == "ก; ข"


def test_bad_arguments_exit_2_naming_the_path(extracted: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing-here"
    assert main(["export", str(missing), "--xlsx", str(tmp_path / "a.xlsx")]) == 2
    assert f"{missing}: no such folder" in capsys.readouterr().err
    assert main(["export", str(extracted)]) == 2
    assert "--xlsx FILE and/or --csv FOLDER" in capsys.readouterr().err
    target = tmp_path / "no-folder" / "a.xlsx"
    assert main(["export", str(extracted), "--xlsx", str(target)]) == 2
    assert f"{target}: folder {target.parent} does not exist" in capsys.readouterr().err
    assert main(["export", str(extracted), "--xlsx", str(tmp_path)]) == 2
    assert "is a folder, not a file" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing half-written left

