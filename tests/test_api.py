"""`pipeline.api`: the analyst view of an extraction, checked on the FY2563 fixture plan.

Amounts below are the plan's own (its summary table and budget tables, also in
tests/fixtures/truth/yasothon2-fy2563.json); counts that depend on how many findings the
checks raise are compared with the Parquet files instead of pinned, so improving a check
does not break these tests.
"""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pipeline.api import BUDGET_CATEGORIES, Datasets, connect, load, organization_key
from pipeline.cli import main
from pipeline.load.schema import MONEY, SCHEMAS, TABLES
from tests.helpers import DOCX, fixture_docx

ORGANIZATION = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต ๒"
SUMMARY_TOTAL = 763_800.0
BUDGET_BY_UNIT = {
    "กลุ่มอำนวยการ": 238_800.0,
    "กลุ่มนิเทศติดตามและประเมินผลการจัดการศึกษา": 200_000.0,
    "กลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร": 100_000.0,
    "กลุ่มนโยบายและแผน": 75_000.0,
    # project 11 spells its unit without "และ": kept as written, so it is its own bar
    "กลุ่มนิเทศติดตามประเมินผลการจัดการศึกษา": 50_000.0,
    "กลุ่มบริหารงานบุคคล": 50_000.0,
    "หน่วยตรวจสอบภายใน": 50_000.0,
}
BUDGET_BY_CATEGORY = {"ค่าใช้สอย": 530_400.0, "ค่าตอบแทน": 89_100.0, "ค่าวัสดุ": 84_500.0,
                      "เงินนอกงบประมาณ": 0.0}
MONEY_COLUMNS = {t: [f.name for f in SCHEMAS[t] if f.type == MONEY] for t in TABLES}


def _extract(paths: list[Path], out: Path) -> Path:
    assert main(["extract", *map(str, paths), "--out", str(out), "--workers", "1",
                 "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def fy2563_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The FY2563 fixture alone, so exact expectations do not depend on other fixtures."""
    return _extract([fixture_docx("yasothon2-fy2563")], tmp_path_factory.mktemp("fy2563"))


@pytest.fixture(scope="module")
def data(fy2563_dir: Path) -> Datasets:
    return load(fy2563_dir)


def test_every_contract_table_with_its_columns(data: Datasets) -> None:
    for table in TABLES:
        frame = getattr(data, table)
        assert list(frame.columns) == [*SCHEMAS[table].names, "fiscal_year"], table


def test_fixture_facts(data: Datasets) -> None:
    assert data.fiscal_years == [2563]
    assert data.documents[["organization", "status", "fiscal_year"]].to_dict("records") == [
        {"organization": ORGANIZATION, "status": "ok", "fiscal_year": 2563}]
    doc_id = data.documents["doc_id"].iloc[0]
    projects = data.projects[data.projects["fiscal_year"] == 2563]
    assert list(projects["project_id"]) == [f"{doc_id}-{n:03d}" for n in range(1, 12)]
    assert list(projects["priority"]) == list(range(1, 12))
    summary = data.summary
    assert (summary["budget_esa"] + summary["budget_obec"] + summary["budget_other"]).sum() \
        == SUMMARY_TOTAL
    assert projects["budget_summary"].sum() == SUMMARY_TOTAL
    assert len(data.errors) == 0


def test_dtypes(data: Datasets) -> None:
    for table in TABLES:
        frame = getattr(data, table)
        assert frame["fiscal_year"].dtype == "int64", table
        for column in MONEY_COLUMNS[table]:
            assert frame[column].dtype == "float64", (table, column)
        if "source_page" in frame:
            assert frame["source_page"].dtype == "Int32", table
    projects = data.projects
    for column in ("start_date", "end_date"):
        assert projects[column].dtype == "datetime64[ns]"
    assert projects["start_date"].min() == pd.Timestamp("2019-10-01")
    assert data.schedule["month"].dtype == "datetime64[ns]"
    assert data.documents["extracted_at"].dt.tz is not None
    for frame, column in [(projects, "unit"), (data.summary, "unit"), (data.findings, "kind"),
                          (data.documents, "status"), (data.schedule, "source"),
                          (data.errors, "stage")]:
        assert isinstance(frame[column].dtype, pd.CategoricalDtype), column
    for column in ("strategy_no", "priority"):
        assert projects[column].dtype == "Int32"
    assert data.documents["n_pages"].dtype == "Int32"
    assert data.documents["n_pages"].isna().all()  # docx has no pages: <NA>, not NaN
    assert all(isinstance(v, list) for v in projects["responsible_persons"])
    persons = projects["responsible_persons"].iloc[1]
    assert persons[0] == "น.ส.ประยูร เรืองศรี"
    assert len(persons) > 1 and all(isinstance(p, str) for p in persons)


def test_rows_match_the_parquet_files(fy2563_dir: Path, data: Datasets) -> None:
    for table in TABLES:
        raw = pq.read_table(fy2563_dir / table).to_pandas()
        frame = getattr(data, table)
        assert len(frame) == len(raw), table
        for column in MONEY_COLUMNS[table]:
            assert frame[column].sum() == raw[column].astype("float64").sum(), column
    raw_schedule = pq.read_table(fy2563_dir / "schedule").to_pandas()
    assert list(data.schedule["activity"]) == list(raw_schedule["activity"])  # document order


def test_exact_keeps_the_decimals(fy2563_dir: Path) -> None:
    exact = load(fy2563_dir, exact=True)
    amounts = exact.summary["budget_esa"]
    assert all(isinstance(v, Decimal) for v in amounts)
    assert sum(amounts) == Decimal("763800.00")
    assert exact.projects["start_date"].dtype == "datetime64[ns]"
    assert exact.budget_by("unit")["budget"].sum() == SUMMARY_TOTAL


def test_project_budget(data: Datasets) -> None:
    budget = data.project_budget()
    assert len(budget) == 11
    assert budget["budget"].sum() == SUMMARY_TOTAL
    assert set(budget["budget_source"]) == {"summary"}
    assert set(budget["organization"]) == {ORGANIZATION}
    assert budget["budget_esa"].sum() == SUMMARY_TOTAL
    coffee = budget.set_index("priority").loc[8]  # สภากาแฟ: states 58,800, its table 49,000
    assert coffee["name"] == "สภากาแฟ คุยกันเช้าวันพุธ"
    assert (coffee["budget"], coffee["budget_stated"], coffee["budget_table_total"]) == (
        58_800.0, 58_800.0, 49_000.0)
    kinds = set(data.findings.loc[data.findings["project_id"] == coffee["project_id"], "kind"])
    assert {"stated_vs_table", "summary_vs_project"} <= kinds
    assert budget["n_findings"].sum() == data.findings["project_id"].notna().sum()
    assert budget["n_budget_lines"].sum() == len(data.budget_lines)


def test_budget_by(data: Datasets) -> None:
    by_unit = data.budget_by("unit")
    assert list(by_unit.columns) == ["fiscal_year", "organization", "unit", "budget"]
    assert set(by_unit["organization"]) == {organization for _, organization in data.plans}
    assert dict(zip(by_unit["unit"], by_unit["budget"], strict=True)) == BUDGET_BY_UNIT
    assert list(by_unit["budget"]) == sorted(by_unit["budget"], reverse=True)
    by_category = data.budget_by("category")
    assert dict(zip(by_category["category"], by_category["budget"], strict=True)) \
        == BUDGET_BY_CATEGORY
    assert list(by_category["category"].cat.categories) == list(BUDGET_CATEGORIES.values())
    by_strategy = data.budget_by("strategy")
    assert by_strategy[["strategy_no", "budget"]].to_dict("records") == [
        {"strategy_no": 6, "budget": SUMMARY_TOTAL}]
    with pytest.raises(ValueError, match="must be one of"):
        data.budget_by("month")  # type: ignore[arg-type]


def test_schedule_matrix(data: Datasets) -> None:
    project_id = data.projects["project_id"].iloc[2]  # การพัฒนาเพื่อเพิ่มประสิทธิภาพ...
    grid = data.schedule_matrix(project_id)
    assert list(grid.columns) == list(pd.date_range("2019-10-01", "2020-09-01", freq="MS"))
    assert grid.index[0] == "ขออนุมัติโครงการ"
    assert list(grid.iloc[0]) == [1] + [0] * 11
    rows = data.schedule[data.schedule["project_id"] == project_id]
    assert list(grid.index) == list(dict.fromkeys(rows["activity"]))
    assert grid.to_numpy().sum() == len(rows.drop_duplicates(["activity", "month"]))


def test_monthly_workload(data: Datasets) -> None:
    workload = data.monthly_workload()
    assert list(workload["month"]) == list(pd.date_range("2019-10-01", "2020-09-01",
                                                         freq="MS"))
    assert set(workload["fiscal_year"]) == {2563}
    assert list(workload.columns) == ["fiscal_year", "organization", "month", "activities",
                                      "projects"]
    assert set(zip(workload["fiscal_year"], workload["organization"], strict=True)) \
        == set(data.plans)
    assert len(data.plans) == 1
    planned = data.schedule.drop_duplicates(["project_id", "activity", "month"])
    assert workload["activities"].sum() == len(planned)
    assert workload["projects"].max() <= 11
    assert workload["projects"].tolist() == [
        planned.loc[planned["month"] == m, "project_id"].nunique() for m in workload["month"]]


def test_latest_year_pair_needs_two_years(data: Datasets) -> None:
    with pytest.raises(ValueError, match="two fiscal years"):
        data.latest_year_pair()


def test_organization_key_ignores_spaces_and_digit_script() -> None:
    assert organization_key("สพป.ยโสธร เขต ๒") == organization_key("สพป.ยโสธร  เขต2")


def test_connect_views(fy2563_dir: Path, data: Datasets) -> None:
    con = connect(fy2563_dir)
    assert isinstance(con, duckdb.DuckDBPyConnection)
    views = {row[0] for row in con.execute(
        "select table_name from information_schema.tables").fetchall()}
    assert views == set(TABLES)
    total = con.execute("select sum(budget_esa + budget_obec + budget_other) from summary"
                    " where fiscal_year = 2563").fetchone()
    assert total == (Decimal("763800.00"),)
    types = dict(con.execute("select column_name, column_type from (describe projects)").fetchall())
    assert types["fiscal_year"] == "INTEGER"
    assert types["budget_summary"] == "DECIMAL(18,2)"
    assert types["start_date"] == "DATE"
    joined = con.execute("""
        select p.priority, sum(b.total) from budget_lines b join projects p
        using (fiscal_year, doc_id, project_id) group by p.priority order by 1
    """).fetchall()
    assert joined[0] == (1, Decimal("200000.00"))
    for table in TABLES:
        count = con.execute(f"select count(*) from {table}").fetchone()
        assert count == (len(getattr(data, table)),), table


def test_missing_table_folders_give_empty_tables(fy2563_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "extracted"
    shutil.copytree(fy2563_dir, copy)
    shutil.rmtree(copy / "findings")
    shutil.rmtree(copy / "errors")
    data = load(copy)
    assert data.findings.empty
    assert list(data.findings.columns) == [*SCHEMAS["findings"].names, "fiscal_year"]
    assert data.findings["expected"].dtype == "float64"
    assert isinstance(data.findings["kind"].dtype, pd.CategoricalDtype)
    assert data.project_budget()["n_findings"].sum() == 0
    con = connect(copy)
    assert con.execute("select count(*) from findings").fetchone() == (0,)
    assert con.sql("select fiscal_year, kind, expected from findings").columns == [
        "fiscal_year", "kind", "expected"]


def test_files_of_an_older_pipeline_without_extra_columns(
    fy2563_dir: Path, tmp_path: Path
) -> None:
    """Columns added after a file was written read as nulls, in pandas and in DuckDB."""
    copy = tmp_path / "extracted"
    shutil.copytree(fy2563_dir, copy)
    [path] = (copy / "projects").glob("*/*.parquet")
    pq.write_table(pq.read_table(path).drop_columns(["summary_match_score"]), path)
    data = load(copy)
    assert data.projects["summary_match_score"].isna().all()
    assert len(data.projects) == 11
    con = connect(copy)
    assert con.execute("select count(*) from projects").fetchone() == (11,)


def test_missing_folder_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make extract"):
        load(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="make extract"):
        connect(tmp_path / "nowhere")


def test_two_years_of_one_office(tmp_path: Path) -> None:
    """All fixture plans: the office's FY2563 and FY2564 plus a school's FY2566 plan."""
    fixture_docx("yasothon2-fy2564")
    data = load(_extract([DOCX], tmp_path / "extracted"))
    assert {2563, 2564} <= set(data.fiscal_years)
    organization, old, new = data.latest_year_pair()
    assert (organization_key(organization), old, new) == (
        organization_key(ORGANIZATION), 2563, 2564)
    per_year = data.projects.groupby("fiscal_year").size()
    assert per_year[2563] == 11
    con = connect(tmp_path / "extracted")
    counts = dict(con.execute("select fiscal_year, count(*) from projects group by 1").fetchall())
    assert counts == per_year.to_dict()
