"""Arrow schemas of the contract's tables (DATA_CONTRACT.md, version 1.2).

`fiscal_year` is the hive partition key: it is in the path, never inside the files.
Extra columns beyond the contract are allowed and listed after the contract's own.
"""

from __future__ import annotations

import pyarrow as pa

from pipeline.records import CONTRACT_VERSION

MONEY: pa.DataType = pa.decimal128(18, 2)
TEXT: pa.DataType = pa.string()
INT: pa.DataType = pa.int32()
PAGE: pa.DataType = pa.int32()
BBOX: pa.DataType = pa.list_(pa.float64())  # x0, top, x1, bottom in PDF points

def _schema(fields: list[tuple[str, pa.DataType]]) -> pa.Schema:
    return pa.schema([pa.field(name, kind) for name, kind in fields])


SCHEMAS: dict[str, pa.Schema] = {
    "documents": _schema([
        ("doc_id", TEXT), ("source_path", TEXT), ("source_format", TEXT), ("sha256", TEXT),
        ("organization", TEXT), ("title", TEXT), ("n_pages", INT), ("status", TEXT),
        ("contract_version", TEXT), ("pipeline_version", TEXT),
        ("extracted_at", pa.timestamp("us", tz="UTC")), ("money_coverage", pa.float64()),
    ]),
    "summary": _schema([
        ("doc_id", TEXT), ("strategy_no", INT), ("strategy_name", TEXT), ("priority", INT),
        ("project_name", TEXT), ("budget_esa", MONEY), ("budget_obec", MONEY),
        ("budget_other", MONEY), ("unit", TEXT), ("source_page", PAGE), ("row_no", INT),
        ("source_block", TEXT), ("bbox", BBOX), ("unit_key", TEXT),
    ]),
    "projects": _schema([
        ("doc_id", TEXT), ("project_id", TEXT), ("strategy_no", INT), ("priority", INT),
        ("name", TEXT), ("plan", TEXT), ("strategy_ref", TEXT),
        ("responsible_persons", pa.list_(TEXT)), ("unit", TEXT), ("project_type", TEXT),
        ("period_text", TEXT), ("start_date", pa.date32()), ("end_date", pa.date32()),
        ("budget_stated", MONEY), ("budget_table_total", MONEY),
        ("budget_compensation", MONEY), ("budget_operating", MONEY),
        ("budget_materials", MONEY), ("budget_summary", MONEY),
        ("objectives", pa.list_(TEXT)), ("rationale", TEXT),
        ("expected_results", pa.list_(TEXT)), ("source_page", PAGE),
        ("summary_match_score", pa.float64()), ("source_block", TEXT),
        ("budget_utilities", MONEY), ("budget_equipment", MONEY),
        ("budget_construction", MONEY), ("budget_other_expense", MONEY),
        ("unit_key", TEXT),
    ]),
    "budget_lines": _schema([
        ("doc_id", TEXT), ("project_id", TEXT), ("line_no", INT), ("item", TEXT),
        ("compensation", MONEY), ("operating", MONEY), ("materials", MONEY),
        ("off_budget", MONEY), ("total", MONEY), ("formula_text", TEXT),
        ("formula_value", MONEY), ("source_page", PAGE), ("item_group", TEXT),
        ("budget_subtotal", MONEY), ("item_no", TEXT), ("source_block", TEXT), ("bbox", BBOX),
        ("utilities", MONEY), ("equipment", MONEY), ("construction", MONEY),
        ("other_expense", MONEY), ("quantity", MONEY), ("unit", TEXT), ("unit_price", MONEY),
        ("category", TEXT), ("funding_source", TEXT),
    ]),
    "schedule": _schema([
        ("doc_id", TEXT), ("project_id", TEXT), ("activity", TEXT), ("month", pa.date32()),
        ("source", TEXT), ("mark", TEXT), ("source_page", PAGE), ("activity_group", TEXT),
        ("source_block", TEXT), ("bbox", BBOX),
    ]),
    "indicators": _schema([
        ("doc_id", TEXT), ("project_id", TEXT), ("indicator", TEXT), ("method", TEXT),
        ("tool", TEXT), ("source_page", PAGE), ("source_block", TEXT), ("bbox", BBOX),
        ("target", TEXT),
    ]),
    "findings": _schema([
        ("doc_id", TEXT), ("project_id", TEXT), ("kind", TEXT), ("message", TEXT),
        ("expected", MONEY), ("actual", MONEY), ("source_page", PAGE),
        ("source_block", TEXT), ("bbox", BBOX), ("severity", TEXT),
        ("expected_page", PAGE), ("expected_block", TEXT), ("expected_bbox", BBOX),
        ("expected_quote", TEXT), ("actual_page", PAGE), ("actual_block", TEXT),
        ("actual_bbox", BBOX), ("actual_quote", TEXT), ("finding_id", TEXT),
        ("root_finding_id", TEXT),
    ]),
    "errors": _schema([
        ("source_path", TEXT), ("doc_id", TEXT), ("stage", TEXT), ("error_type", TEXT),
        ("message", TEXT),
    ]),
    "budget_amounts": _schema([
        ("doc_id", TEXT), ("project_id", TEXT), ("line_no", INT), ("row_kind", TEXT),
        ("item", TEXT), ("header", TEXT), ("dimension", TEXT), ("key", TEXT),
        ("amount", MONEY), ("source_page", PAGE), ("source_block", TEXT), ("bbox", BBOX),
    ]),
    "summary_amounts": _schema([
        ("doc_id", TEXT), ("row_no", INT), ("row_kind", TEXT), ("project_name", TEXT),
        ("header", TEXT), ("dimension", TEXT), ("key", TEXT), ("amount", MONEY),
        ("source_page", PAGE), ("source_block", TEXT), ("bbox", BBOX),
    ]),
}

TABLES = tuple(SCHEMAS)


def schema_with_metadata(table: str, pipeline_version: str) -> pa.Schema:
    return SCHEMAS[table].with_metadata({
        "contract_version": CONTRACT_VERSION,
        "pipeline_version": pipeline_version,
        "table": table,
    })
