"""Values the schema cannot hold: null plus a finding quoting them, on every write path."""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from pipeline.batch import failed_result, run_batch
from pipeline.load.fit import VALUE_OUT_OF_RANGE, fit_to_schema
from pipeline.load.parquet import write_document
from pipeline.load.schema import TABLES
from pipeline.normalize.numbers import find_stated_budget, parse_amount
from pipeline.process import document_row
from pipeline.records import (
    BudgetAmountRow,
    BudgetLineRow,
    ErrorRow,
    FindingRow,
    IndicatorRow,
    PlanData,
    ProjectRow,
    ScheduleRow,
    SummaryAmountRow,
    SummaryRow,
)
from tests.helpers import fixture_docx

TWENTY_DIGITS = Decimal("12345678901234567890")
THIRTY_DIGITS = Decimal("1" * 30)


def _plan(tmp_path: Path) -> PlanData:
    row = document_row(tmp_path / "plan.docx", "ab" * 32, "docx")
    row.fiscal_year, row.status, row.n_pages = 2563, "ok", 2**40
    doc = row.doc_id
    return PlanData(
        document=row,
        summary=[SummaryRow(doc, 1, "s", 1, "p", TWENTY_DIGITS, Decimal(5), None, None, 1)],
        projects=[ProjectRow(doc, "P1", 1, 1, "p", budget_stated=THIRTY_DIGITS,
                             budget_summary=Decimal("9999999999999999.995"), source_page=3)],
        budget_lines=[BudgetLineRow(doc, "P1", 1, "x", total=Decimal("Infinity"),
                                    operating=Decimal("100.50"), source_page=4)],
        schedule=[ScheduleRow(doc, "P1", "a", dt.date(2020, 1, 1), "gantt", "x",
                              source_page=2**33)],
        indicators=[IndicatorRow(doc, "P1", "ตัวชี้วัด", None, None)],
        findings=[FindingRow(doc, "P1", "formula", "m", expected=THIRTY_DIGITS)],
        errors=[ErrorRow("a\udca1.docx", doc, "read", "X", "a\udca1.docx: bad")],
    )


def test_oversized_values_become_null_with_a_finding_each(tmp_path: Path) -> None:
    fitted = fit_to_schema(_plan(tmp_path))
    assert fitted.summary[0].budget_esa is None and fitted.summary[0].budget_obec == 5
    assert fitted.projects[0].budget_stated is None
    assert fitted.projects[0].budget_summary is None  # rounds up to 17 digits
    assert fitted.budget_lines[0].total is None
    assert fitted.budget_lines[0].operating == Decimal("100.50")
    assert fitted.schedule[0].source_page is None
    assert fitted.document.n_pages is None
    assert fitted.errors[0].source_path == "a\\xa1.docx"
    new = [f for f in fitted.findings if f.kind == VALUE_OUT_OF_RANGE]
    assert [f.message for f in new] == [
        'documents.n_pages: value "1099511627776" does not fit a 32-bit integer;'
        " stored as null",
        'summary.budget_esa: value "12345678901234567890" has more than 16 digits before'
        " the decimal point (does not fit decimal(18, 2)); stored as null",
        f'projects.budget_stated: value "{THIRTY_DIGITS}" has more than 16 digits before'
        " the decimal point (does not fit decimal(18, 2)); stored as null",
        'projects.budget_summary: value "9999999999999999.995" has more than 16 digits'
        " before the decimal point (does not fit decimal(18, 2)); stored as null",
        'budget_lines.total: value "Infinity" is not a number decimal(18, 2) can hold;'
        " stored as null",
        'schedule.source_page: value "8589934592" does not fit a 32-bit integer;'
        " stored as null",
        f'findings.expected: value "{THIRTY_DIGITS}" has more than 16 digits before the'
        " decimal point (does not fit decimal(18, 2)); stored as null",
    ]
    assert [(f.project_id, f.source_page) for f in new] == [
        (None, None), (None, 1), ("P1", 3), ("P1", 3), ("P1", 4), ("P1", None), ("P1", None)]


def test_write_document_writes_every_table_with_oversized_values(tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = write_document(out, _plan(tmp_path), "test")
    assert len(files) == len(TABLES)  # every table of the contract, 1.1 has ten
    assert len(TABLES) == 10
    summary = pd.read_parquet(out / "summary")
    assert summary.budget_esa.isna().all() and list(summary.budget_obec) == [Decimal(5)]
    findings = pd.read_parquet(out / "findings")
    assert (findings.kind == VALUE_OUT_OF_RANGE).sum() == 7
    assert list(pd.read_parquet(out / "errors").message) == ["a\\xa1.docx: bad"]


def test_huge_amounts_parse_without_raising() -> None:
    assert parse_amount("1" * 27) == Decimal("1" * 27)
    assert parse_amount("9" * 80) == Decimal("9" * 80)  # kept as is, nulled by the loader
    assert parse_amount("12,345,678,901,234,567,890") == TWENTY_DIGITS
    assert find_stated_budget(f"งบประมาณ จำนวน {'1' * 40} บาท") == Decimal("1" * 40)


def _with_amount(source: Path, target: Path, old: str, new: str) -> None:
    """A copy of a .docx with one amount's text replaced everywhere."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(f">{old}<".encode(), f">{new}<".encode())
            zout.writestr(item, data)


@pytest.mark.parametrize("amount", ["12,345,678,901,234,567,890", "1" * 27, "9" * 40])
def test_a_plan_with_an_absurd_amount_is_extracted_with_a_finding(
    amount: str, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _with_amount(fixture_docx("yasothon2-fy2563"), inputs / "typo.docx", "120,000", amount)
    out = tmp_path / "out"
    summary = run_batch([inputs], out)
    assert (summary.converted, summary.failed) == (1, 0)
    findings = pd.read_parquet(out / "findings")
    quoted = findings[findings.kind == VALUE_OUT_OF_RANGE].message
    digits = amount.replace(",", "")
    assert all(m.endswith("; stored as null") for m in quoted)
    assert f'summary.budget_esa: value "{digits}.00" has more than 16 digits' in set(
        m.split(" before")[0] for m in quoted)
    assert (out / "_manifest.json").exists() and not (out / "_manifest.journal").exists()
    projects = pd.read_parquet(out / "projects")
    assert len(projects) == 11  # the rest of the plan is all there


def test_failed_result_path_writes_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    name = os.fsdecode(b"\xbc\xb9.docx")  # TIS-620 "ผน", not UTF-8
    result = failed_result(str(tmp_path / name), "cd" * 32, tmp_path / "out", "died")
    assert result.status == "failed"
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert list(errors.source_path) == [f"{tmp_path}/\\xbc\\xb9.docx"]


def test_rows_the_writer_still_refuses_cost_only_their_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow as pa

    import pipeline.load.parquet as parquet

    real = parquet.arrow_table

    def refuse_projects(rows: list[object], table: str, version: str) -> pa.Table:
        if table == "projects" and rows:
            raise pa.ArrowInvalid("unforeseen value")
        return real(rows, table, version)

    monkeypatch.setattr(parquet, "arrow_table", refuse_projects)
    plan = fixture_docx("yasothon2-fy2563")
    summary = run_batch([plan], tmp_path / "out")
    assert (summary.converted, summary.failed) == (1, 1)
    errors = pd.read_parquet(tmp_path / "out" / "errors")
    assert list(errors.message) == [f"{plan}: cannot write its rows (unforeseen value)"]
    assert list(errors.stage) == ["load"]


TWENTY_SEVEN_DIGITS = Decimal("1" * 27)


@pytest.mark.parametrize("amount", [TWENTY_DIGITS, TWENTY_SEVEN_DIGITS])
def test_amount_tables_null_a_20_and_27_digit_amount_with_a_finding(
    amount: Decimal, tmp_path: Path
) -> None:
    """budget_amounts and summary_amounts (contract 1.1) are write paths too."""
    data = _plan(tmp_path)
    doc = data.document.doc_id
    data.budget_amounts = [BudgetAmountRow(doc, "P1", 1, "line", "x", "ค่าตอบแทน", "category",
                                           "compensation", amount, source_page=7)]
    data.summary_amounts = [SummaryAmountRow(doc, 1, "line", "p", "งบ สพฐ.", "funding_source",
                                             "obec", amount, source_page=2)]
    out = tmp_path / "out"
    write_document(out, data, "test")
    assert pd.read_parquet(out / "budget_amounts").amount.isna().all()
    assert pd.read_parquet(out / "summary_amounts").amount.isna().all()
    findings = pd.read_parquet(out / "findings")
    quoted = set(findings[findings.kind == VALUE_OUT_OF_RANGE].message)
    for table, page in (("budget_amounts", 7), ("summary_amounts", 2)):
        message = (f'{table}.amount: value "{amount}" has more than 16 digits before the'
                   " decimal point (does not fit decimal(18, 2)); stored as null")
        assert message in quoted
        assert findings[findings.message == message].source_page.tolist() == [page]
