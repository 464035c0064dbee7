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
               organization: str = ORG, summary: Iterable[Row] = ()) -> Path:
    """A whole extraction of one document: every contract table, most of them empty."""
    document = {
        "doc_id": doc_id, "source_path": f"plans/{doc_id}.docx", "source_format": "docx",
        "sha256": doc_id * 4, "organization": organization,
        "title": f"แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. {fiscal_year}", "status": "ok",
        "contract_version": "1", "pipeline_version": "test",
        "extracted_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    }
    content = {"documents": [document], "projects": projects, "budget_lines": list(lines),
               "schedule": list(schedule), "summary": list(summary)}
    for table in TABLES:
        write_table(root, table, content.get(table, []), fiscal_year, doc_id)
    return root


def months(*pairs: tuple[int, int]) -> list[dt.date]:
    return [dt.date(y, m, 1) for y, m in pairs]


def summary_row(doc_id: str, priority: int, name: str, amount: int, page: int) -> Row:
    """A summary line of strategy 6 giving a project its budget_summary, printed on `page`."""
    return {"doc_id": doc_id, "strategy_no": 6, "priority": priority, "project_name": name,
            "budget_esa": baht(amount), "source_page": page, "row_no": priority,
            "source_block": f"table 1 row {priority + 1} col 2"}


OLD_DOC = "a1a1a1a1a1a1a1a1"
NEW_DOC = "b2b2b2b2b2b2b2b2"
KEPT = "โครงการพัฒนาครูและบุคลากรทางการศึกษา"
CUT = "โครงการสภากาแฟยามเช้า"
NEW = "โครงการป้องกันโรคติดต่อในสถานศึกษา"


def write_money_pair(root: Path) -> tuple[Path, Path]:
    """Two plans whose money is known: KEPT goes 20,000 -> 25,000 (one budget line, on
    pages 6 -> 7), CUT (8,000) is removed and NEW (15,000) added. Totals: 28,000 ->
    40,000 = 28,000 + 5,000 + 15,000 - 8,000."""
    old = write_plan(
        root / "old", 2563, OLD_DOC,
        [project(OLD_DOC, 1, KEPT, budget_summary=20000, budget_table_total=20000,
                 unit="กลุ่มพัฒนาครูและบุคลากรทางการศึกษา", source_page=5,
                 source_block="paragraph 40"),
         project(OLD_DOC, 2, CUT, budget_summary=8000, budget_table_total=8000,
                 unit="กลุ่มอำนวยการ", source_page=9, source_block="paragraph 88")],
        lines=[line(OLD_DOC, 1, 1, "ค่าอาหารว่าง", operating=20000, total=20000,
                    source_page=6, source_block="table 4 row 3 col 1"),
               line(OLD_DOC, 2, 1, "ค่าเอกสาร", operating=8000, total=8000,
                    source_page=10, source_block="table 7 row 3 col 1")],
        summary=[summary_row(OLD_DOC, 1, KEPT, 20000, 2), summary_row(OLD_DOC, 2, CUT, 8000, 2)])
    new = write_plan(
        root / "new", 2564, NEW_DOC,
        [project(NEW_DOC, 1, KEPT, budget_summary=25000, budget_table_total=25000,
                 unit="กลุ่มพัฒนาครูและบุคลากรทางการศึกษา", source_page=6,
                 source_block="paragraph 41"),
         project(NEW_DOC, 2, NEW, budget_summary=15000, budget_table_total=15000,
                 unit="กลุ่มส่งเสริมการจัดการศึกษา", source_page=12,
                 source_block="paragraph 97")],
        lines=[line(NEW_DOC, 1, 1, "ค่าอาหารว่าง", operating=25000, total=25000,
                    source_page=7, source_block="table 4 row 3 col 1"),
               line(NEW_DOC, 2, 1, "ค่าวัสดุป้องกัน", materials=15000, total=15000,
                    source_page=13, source_block="table 8 row 3 col 1")],
        summary=[summary_row(NEW_DOC, 1, KEPT, 25000, 3), summary_row(NEW_DOC, 2, NEW, 15000, 3)])
    return old, new
