"""Version diff: a run against itself is empty; a changed run lists exactly its changes."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import datetime as dt
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.diff.extraction import diff_extractions, diff_table, row_keys
from pipeline.diff.load import DiffInputError

Rows = list[dict[str, Any]]


def edit(root: Path, table: str, change: Callable[[Rows], Rows],
         schema: Callable[[pa.Schema], pa.Schema] | None = None) -> None:
    """Rewrite every file of `table` through `change`, keeping its schema and metadata."""
    for path in sorted((root / table).glob("fiscal_year=*/*.parquet")):
        original = pq.read_table(path)
        target = schema(original.schema) if schema else original.schema
        pq.write_table(pa.Table.from_pylist(change(original.to_pylist()), schema=target), path)


@pytest.fixture
def copy(fy2563: Path, tmp_path: Path) -> Path:
    target = tmp_path / "new"
    shutil.copytree(fy2563, target)
    return target


def test_a_run_against_itself_is_empty(fy2563: Path) -> None:
    assert diff_extractions(fy2563, fy2563).empty


def test_run_dependent_columns_are_ignored(fy2563: Path, copy: Path) -> None:
    def restamp(rows: Rows) -> Rows:
        return [r | {"pipeline_version": "9.9.9",
                     "extracted_at": dt.datetime(2030, 1, 1, tzinfo=dt.UTC)} for r in rows]

    edit(copy, "documents", restamp)
    assert diff_extractions(fy2563, copy).empty


def test_a_changed_extraction_lists_exactly_the_changed_cells(fy2563: Path, copy: Path) -> None:
    projects = pd.read_parquet(fy2563 / "projects")
    doc_id = str(projects["doc_id"].iloc[0])
    p3, p1 = f"{doc_id}-003", f"{doc_id}-001"
    old_name = str(projects.set_index("project_id").loc[p3, "name"])

    def rename(rows: Rows) -> Rows:
        return [r | {"name": "ชื่อใหม่"} if r["project_id"] == p3 else r for r in rows]

    def reprice(rows: Rows) -> Rows:
        return [r | {"operating": Decimal("1.00")}
                if (r["project_id"], r["line_no"]) == (p1, 2) else r for r in rows]

    def drop_first(rows: Rows) -> Rows:
        return rows[1:]

    def add_indicator(rows: Rows) -> Rows:
        return [*rows, {"doc_id": doc_id, "project_id": p1, "indicator": "ตัวชี้วัดใหม่",
                        "method": None, "tool": None, "source_page": None}]

    edit(copy, "projects", rename)
    edit(copy, "budget_lines", reprice)
    findings = pd.read_parquet(fy2563 / "findings")
    first = findings.iloc[0]
    edit(copy, "findings", drop_first)
    edit(copy, "indicators", add_indicator)
    n_indicators = int((pd.read_parquet(fy2563 / "indicators")["project_id"] == p1).sum())

    cells = diff_extractions(fy2563, copy)
    got = {(r.table, r.row_key, r.column, r.change) for r in cells.itertuples()}
    assert got == {
        ("projects", p3, "name", "changed"),
        ("budget_lines", f"{p1} | 2", "operating", "changed"),
        ("findings", f"{doc_id} | {first.project_id} | {first.kind} | 1", "*", "row_removed"),
        ("indicators", f"{p1} | {n_indicators + 1}", "*", "row_added"),
    }
    renamed = cells[cells["column"] == "name"].iloc[0]
    assert (renamed.old_value, renamed.new_value, renamed.doc_id) == (old_name, "ชื่อใหม่", doc_id)
    line = cells[cells["table"] == "budget_lines"].iloc[0]
    assert (line.old_value, line.new_value) == ("150000.00", "1.00")
    added = cells[cells["change"] == "row_added"].iloc[0]
    assert "ตัวชี้วัดใหม่" in added.new_value and added.old_value is None


def test_a_new_column_is_one_entry_not_one_per_row(fy2563: Path, copy: Path) -> None:
    def add_column(rows: Rows) -> Rows:
        return [r | {"confidence": 1.0} for r in rows]

    edit(copy, "projects", add_column,
         schema=lambda s: s.append(pa.field("confidence", pa.float64())))
    cells = diff_extractions(fy2563, copy)
    assert [(r.table, r.row_key, r.column, r.change) for r in cells.itertuples()] == [
        ("projects", "*", "confidence", "column_added")]


def test_a_document_only_in_one_run_is_all_rows_added() -> None:
    old = pd.DataFrame({"doc_id": ["a"], "project_id": ["a-001"], "name": ["x"]})
    new = pd.concat([old, pd.DataFrame({"doc_id": ["b"], "project_id": ["b-001"],
                                        "name": ["y"]})], ignore_index=True)
    out = diff_table("projects", old, new)
    assert [(r["doc_id"], r["row_key"], r["change"]) for r in out] == [
        ("b", "b-001", "row_added")]


def test_repeated_keys_stay_distinct() -> None:
    frame = pd.DataFrame({"project_id": ["p", "p", "p"], "activity": ["a", "a", "b"],
                          "month": [dt.date(2020, 1, 1)] * 3})
    assert row_keys(frame, ("project_id", "activity", "month")) == [
        "p | a | 2020-01-01", "p | a | 2020-01-01#2", "p | b | 2020-01-01"]
    assert row_keys(frame, ("project_id", "#")) == ["p | 1", "p | 2", "p | 3"]


def test_missing_folder_is_an_input_error(fy2563: Path, tmp_path: Path) -> None:
    with pytest.raises(DiffInputError, match="no such folder"):
        diff_extractions(fy2563, tmp_path / "missing")
