"""Small contract datasets built in code, for diff tests that need exact control."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.load.schema import SCHEMAS, TABLES

ORG = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต ๒"
Row = dict[str, Any]


def baht(value: int | str | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def write_table(root: Path, table: str, rows: Iterable[Mapping[str, Any]], fiscal_year: int,
                doc_id: str) -> Path:
    """One file of the contract layout: DIR/<table>/fiscal_year=<BE>/<doc_id>.parquet."""
    schema = SCHEMAS[table]
    rows = list(rows)
    arrays = [pa.array([r.get(f.name) for r in rows], type=f.type) for f in schema]
    path = root / table / f"fiscal_year={fiscal_year}" / f"{doc_id}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), path)
    return path


def project(doc_id: str, seq: int, name: str, **fields: Any) -> Row:
    """A projects row with the usual columns filled; money given as int is baht."""
    row: Row = {"doc_id": doc_id, "project_id": f"{doc_id}-{seq:03d}", "strategy_no": 6,
                "priority": seq, "name": name, "responsible_persons": [],
                "objectives": [], "expected_results": []}
    for key, value in fields.items():
        row[key] = baht(value) if key.startswith("budget_") and isinstance(value, int) else value
    return row


def line(doc_id: str, seq: int, line_no: int, item: str, **amounts: Any) -> Row:
    row: Row = {"doc_id": doc_id, "project_id": f"{doc_id}-{seq:03d}", "line_no": line_no,
                "item": item}
    for key, value in amounts.items():
        row[key] = baht(value) if isinstance(value, int) else value
    return row


def activity(doc_id: str, seq: int, text: str, months: Iterable[dt.date]) -> list[Row]:
    return [{"doc_id": doc_id, "project_id": f"{doc_id}-{seq:03d}", "activity": text,
             "month": m, "source": "gantt", "mark": "shaded"} for m in months]


def write_plan(root: Path, fiscal_year: int, doc_id: str, projects: list[Row],
               lines: Iterable[Row] = (), schedule: Iterable[Row] = (),
               organization: str = ORG) -> Path:
    """A whole extraction of one document: every contract table, most of them empty."""
    document = {
        "doc_id": doc_id, "source_path": f"plans/{doc_id}.docx", "source_format": "docx",
        "sha256": doc_id * 4, "organization": organization,
        "title": f"แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. {fiscal_year}", "status": "ok",
        "contract_version": "1", "pipeline_version": "test",
        "extracted_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    }
    content = {"documents": [document], "projects": projects, "budget_lines": list(lines),
               "schedule": list(schedule)}
    for table in TABLES:
        write_table(root, table, content.get(table, []), fiscal_year, doc_id)
    return root


def months(*pairs: tuple[int, int]) -> list[dt.date]:
    return [dt.date(y, m, 1) for y, m in pairs]
