"""Excel and CSV copies of an `extract` output folder, for planning and audit staff.

Staff live in Excel: Parquet does not open there, and pandas' own `to_csv` writes list
columns as "['a' 'b']" and UTF-8 without a BOM (Excel then shows Thai as mojibake). This
module writes what a spreadsheet user expects:

- `export_xlsx`: one sheet per contract table (XlsxWriter), after a first sheet listing the
  documents with their status, money coverage and number of findings by kind. Money cells
  are numbers with a baht format, dates are Excel dates, lists are joined with "; ", the
  header row (Thai label and contract name, "งบประมาณ (budget_summary)") is frozen and has
  filters. Text is always written as text, never as a formula, so a cell printed "=1+1"
  in a plan cannot run in Excel.
- `export_csv`: one `<table>.csv` per table in UTF-8 with a BOM, money as the exact decimal
  amounts of the Parquet files (never floats), dates as ISO dates, lists joined with "; ".
  A text cell starting with "=", "+", "@" or a tab gets a leading "'" (the usual guard
  against formula injection in CSV opened by Excel); numbers and "-" are left alone.

Limits are explicit: a sheet holds at most `EXCEL_MAX_ROWS` rows and a cell at most
`EXCEL_MAX_CELL_CHARS` characters (Excel's own limits). A table larger than a sheet is
continued on further sheets ("budget_lines (2)"); a longer text is cut and listed on a
`notes` sheet naming the table, row and column, so nothing is lost silently.
Every file is written under a temporary name and renamed into place.
"""

from __future__ import annotations

import csv
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import pandas as pd

from pipeline.api import Datasets, load
from pipeline.load.schema import MONEY, SCHEMAS, TABLES

EXCEL_MAX_ROWS: Final = 1_048_575  # data rows per sheet: Excel's 1,048,576 minus the header
EXCEL_MAX_CELL_CHARS: Final = 32_767
LIST_SEPARATOR: Final = "; "
BAHT_FORMAT: Final = '#,##0.00 "บาท"'
DATE_FORMAT: Final = "yyyy-mm-dd"
CSV_GUARDED_STARTS: Final = ("=", "+", "@", "\t", "\r")

# Thai labels of the columns staff look at most; any other column keeps its contract name.
THAI_LABELS: Final[dict[str, str]] = {
    "doc_id": "รหัสเอกสาร", "source_path": "ไฟล์", "source_format": "ชนิดไฟล์",
    "organization": "หน่วยงาน", "title": "ชื่อเอกสาร", "n_pages": "จำนวนหน้า",
    "status": "สถานะ", "fiscal_year": "ปีงบประมาณ", "money_coverage": "สัดส่วนเงินที่อ่านได้",
    "strategy_no": "ยุทธศาสตร์ที่", "strategy": "ยุทธศาสตร์", "priority": "ลำดับ",
    "project_id": "รหัสโครงการ", "project_name": "ชื่อโครงการ", "name": "ชื่อโครงการ",
    "plan": "แผนงาน", "responsible_persons": "ผู้รับผิดชอบ", "unit": "หน่วย/กลุ่ม",
    "unit_key": "รหัสกลุ่ม", "start_date": "วันเริ่ม", "end_date": "วันสิ้นสุด",
    "budget_esa": "งบ สพท.", "budget_obec": "งบ สพฐ.", "budget_other": "งบอื่น",
    "budget_stated": "งบประมาณที่ระบุ", "budget_table_total": "รวมตารางงบประมาณ",
    "budget_summary": "งบประมาณในตารางสรุป", "objectives": "วัตถุประสงค์",
    "line_no": "ลำดับรายการ", "item": "รายการ", "compensation": "ค่าตอบแทน",
    "operating": "ค่าใช้สอย", "materials": "ค่าวัสดุ", "utilities": "ค่าสาธารณูปโภค",
    "equipment": "ค่าครุภัณฑ์", "construction": "ค่าที่ดินและสิ่งก่อสร้าง",
    "off_budget": "เงินนอกงบประมาณ", "total": "รวม", "formula_text": "สูตรคำนวณ",
    "formula_value": "ผลสูตร", "quantity": "จำนวน", "unit_price": "ราคาต่อหน่วย",
    "activity": "กิจกรรม", "month": "เดือน", "source": "ที่มา", "mark": "เครื่องหมาย",
    "indicator": "ตัวชี้วัด", "method": "วิธีการประเมิน", "tool": "เครื่องมือ",
    "target": "ค่าเป้าหมาย", "kind": "ชนิด", "message": "ข้อความ", "expected": "ค่าที่ควรเป็น",
    "actual": "ค่าที่พบ", "severity": "ความรุนแรง", "source_page": "หน้า",
    "source_block": "ตำแหน่ง", "stage": "ขั้นตอน", "error_type": "ชนิดข้อผิดพลาด",
    "header": "หัวคอลัมน์", "dimension": "มิติ", "key": "รหัส", "amount": "จำนวนเงิน",
}
THAI_TABLE_NAMES: Final[dict[str, str]] = {
    "documents": "เอกสาร", "summary": "สรุปโครงการ", "projects": "โครงการ",
    "budget_lines": "รายการงบประมาณ", "schedule": "ระยะเวลา", "indicators": "ตัวชี้วัด",
    "findings": "ข้อตรวจพบ", "errors": "ข้อผิดพลาด", "budget_amounts": "จำนวนเงินรายการ",
    "summary_amounts": "จำนวนเงินสรุป",
}
OVERVIEW_SHEET: Final = "ภาพรวม overview"


class ExportError(Exception):
    """The export could not be written (named output path, reason)."""


@dataclass
class ExportResult:
    """What an export wrote: files, rows per table and every cut cell."""

    files: list[Path] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def column_header(name: str) -> str:
    """Thai label with the contract name, so both staff and analysts know the column."""
    thai = THAI_LABELS.get(name)
    return f"{thai} ({name})" if thai else name


def money_columns(table: str) -> set[str]:
    return {f.name for f in SCHEMAS[table] if f.type == MONEY}


def export_xlsx(extracted: Path, target: Path) -> ExportResult:
    """Write `target` (.xlsx): an overview sheet, then one sheet per contract table."""
    import xlsxwriter

    data = load(extracted)
    result = ExportResult()
    with _written_atomically(target) as temp:
        book = xlsxwriter.Workbook(str(temp), {"strings_to_formulas": False,
                                               "strings_to_urls": False,
                                               "nan_inf_to_errors": False,
                                               "remove_timezone": True})
        formats = {
            "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top",
                                       "bg_color": "#DDEBF7", "border": 1}),
            "money": book.add_format({"num_format": BAHT_FORMAT}),
            "date": book.add_format({"num_format": DATE_FORMAT}),
            "share": book.add_format({"num_format": "0.0%"}),
        }
        overview = overview_frame(data)
        _write_sheet(book, formats, OVERVIEW_SHEET, overview, set(), result, "overview",
                     share_columns={"money_coverage"})
        for table in TABLES:
            frame: pd.DataFrame = getattr(data, table)
            result.rows[table] = len(frame)
            for part, chunk in enumerate(_chunks(frame, EXCEL_MAX_ROWS), start=1):
                name = _sheet_name(table, part)
                _write_sheet(book, formats, name, chunk, money_columns(table), result, table)
        if result.notes:
            notes = book.add_worksheet("notes")
            notes.write_string(0, 0, "ข้อความที่ถูกตัด (cut cells)", formats["header"])
            for row, note in enumerate(result.notes, start=1):
                notes.write_string(row, 0, note)
        book.close()
    result.files.append(target)
    return result


def overview_frame(data: Datasets) -> pd.DataFrame:
    """One row per document: what it is, how it read, how many findings of each kind."""
    documents = data.documents
    columns = [c for c in ("fiscal_year", "organization", "title", "source_path",
                           "source_format", "status", "money_coverage", "n_pages", "doc_id")
               if c in documents.columns]
    overview = documents[columns].copy()
    findings = data.findings
    counts = findings.groupby("doc_id", observed=True).size() if len(findings) else None
    overview["findings"] = (overview["doc_id"].map(counts).fillna(0).astype("int64")
                            if counts is not None else 0)
    if len(findings):
        kinds = (findings.assign(kind=findings["kind"].astype(str))
                 .groupby("doc_id", observed=True)["kind"]
                 .agg(lambda ks: LIST_SEPARATOR.join(
                     f"{k} {n}" for k, n in sorted(pd.Series(ks).value_counts().items()))))
        overview["finding_kinds"] = overview["doc_id"].map(kinds).fillna("")
    else:
        overview["finding_kinds"] = ""
    errors = data.errors
    if len(errors):
        messages = errors.groupby("source_path")["message"].agg(LIST_SEPARATOR.join)
        overview["errors"] = overview["source_path"].map(messages).fillna("")
    else:
        overview["errors"] = ""
    return overview


def export_csv(extracted: Path, folder: Path) -> ExportResult:
    """Write `folder/<table>.csv` for every contract table (UTF-8 with BOM, exact money)."""
    data = load(extracted, exact=True)
    result = ExportResult()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder}: cannot create the folder ({exc.strerror or exc})") from exc
    for table in TABLES:
        frame: pd.DataFrame = getattr(data, table)
        target = folder / f"{table}.csv"
        with (_written_atomically(target) as temp,
              temp.open("w", encoding="utf-8-sig", newline="") as handle):
            writer = csv.writer(handle)
            writer.writerow([column_header(c) for c in frame.columns])
            for values in frame.itertuples(index=False, name=None):
                writer.writerow([csv_value(v) for v in values])
        result.rows[table] = len(frame)
        result.files.append(target)
    return result


def csv_value(value: Any) -> str:
    """One cell as CSV text: exact decimals, ISO dates, joined lists, guarded formulas."""
    if _is_missing(value):
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, pd.Timestamp | datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(csv_value(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if text.startswith(CSV_GUARDED_STARTS):
        return "'" + text
    return text


def _write_sheet(book: Any, formats: dict[str, Any], name: str, frame: pd.DataFrame,
                 money: set[str], result: ExportResult, table: str,
                 share_columns: set[str] | None = None) -> None:
    sheet = book.add_worksheet(name)
    share_columns = share_columns or set()
    columns = list(frame.columns)
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column_header(column), formats["header"])
        sheet.set_column(col, col, _width(column, money))
    for row, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        for col, value in enumerate(values):
            column = columns[col]
            if _is_missing(value):
                continue
            if column in money:
                sheet.write_number(row, col, float(value), formats["money"])
            elif column in share_columns:
                sheet.write_number(row, col, float(value), formats["share"])
            elif isinstance(value, pd.Timestamp | datetime | date):
                moment = value.to_pydatetime() if isinstance(value, pd.Timestamp) else value
                sheet.write_datetime(row, col, moment, formats["date"])
            elif isinstance(value, bool):
                sheet.write_boolean(row, col, value)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(row, col, value)
            else:
                text = (LIST_SEPARATOR.join(str(v) for v in value)
                        if isinstance(value, list | tuple) else str(value))
                if len(text) > EXCEL_MAX_CELL_CHARS:
                    result.notes.append(f"{table} row {row} column {column}: {len(text)}"
                                        f" characters cut to {EXCEL_MAX_CELL_CHARS}")
                    text = text[:EXCEL_MAX_CELL_CHARS]
                sheet.write_string(row, col, text)
    sheet.freeze_panes(1, 0)
    if columns:
        sheet.autofilter(0, 0, max(len(frame), 1), len(columns) - 1)


def _width(column: str, money: set[str]) -> int:
    if column in money:
        return 16
    if column in {"name", "project_name", "item", "message", "title", "activity",
                  "indicator", "objectives", "source_path", "finding_kinds", "errors"}:
        return 48
    return max(12, min(30, len(column_header(column)) // 2 + 4))


def _chunks(frame: pd.DataFrame, size: int) -> Iterator[pd.DataFrame]:
    if len(frame) <= size:
        yield frame
        return
    for start in range(0, len(frame), size):
        yield frame.iloc[start:start + size]


def _sheet_name(table: str, part: int) -> str:
    base = f"{THAI_TABLE_NAMES.get(table, '')} {table}".strip()
    name = base if part == 1 else f"{table} ({part})"
    return name[:31]  # Excel's sheet-name limit


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


@contextmanager
def _written_atomically(target: Path) -> Iterator[Path]:
    """A temporary to write `target` through: renamed into place on success, removed on any
    failure (an OSError becomes an ExportError naming the target)."""
    temp = _temporary_beside(target)
    try:
        yield temp
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExportError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _temporary_beside(target: Path) -> Path:
    """A hidden temporary in the target's folder, so the final rename is atomic."""
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"{target}: folder {folder} does not exist")
    if target.is_dir():
        raise ExportError(f"{target}: is a folder, not a file")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write in {folder} ({exc.strerror or exc})") from exc
    os.close(handle)
    os.chmod(name, 0o644)
    return Path(name)
