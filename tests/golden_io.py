"""Golden files: every extracted row of a fixture as stable, reviewable JSON.

Regenerate with `make golden` (UPDATE_GOLDEN=1) and review the diff before committing.
Run-dependent values (extraction time, pipeline version, the path) are left out.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from pipeline.records import PlanData

GOLDEN = Path(__file__).parent / "golden"
RUN_DEPENDENT = {"extracted_at", "pipeline_version", "source_path"}
# Where a value is printed differs between a plan's formats (paragraph and table numbers,
# boxes, pages): left out when one plan is compared across formats.
PROVENANCE = {"source_page", "source_block", "bbox", *(
    f"{side}_{part}" for side in ("expected", "actual") for part in ("page", "block", "bbox",
                                                                    "quote"))}
TABLES = ("documents", "summary", "projects", "budget_lines", "schedule", "indicators",
          "findings", "errors", "budget_amounts", "summary_amounts")


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def golden_tables(
    data: PlanData, ignore: set[str] = RUN_DEPENDENT
) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        rows = [data.document] if table == "documents" else getattr(data, table)
        out[table] = [
            {k: _plain(v) for k, v in dataclasses.asdict(row).items() if k not in ignore}
            for row in rows
        ]
    return out


def golden_text(data: PlanData) -> str:
    return json.dumps(golden_tables(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
