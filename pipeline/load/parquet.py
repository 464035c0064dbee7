"""Write one document's rows as Parquet files, one per contract table, atomically.

Layout: DIR/<table>/fiscal_year=<BE>/<doc_id>.parquet. Each file is written under a
hidden temporary name in its final folder and renamed into place, so readers (which
skip names starting with ".") never see a half-written file and a killed run leaves
only temporaries that the next run removes.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.load.fit import fit_to_schema
from pipeline.load.schema import TABLES, schema_with_metadata
from pipeline.records import PlanData

UNKNOWN_FISCAL_YEAR = 0  # partition of documents whose year could not be read (failed ones)
TEMP_SUFFIX = ".tmp"
CENT = Decimal("0.01")
MONEY_DIGITS = 18  # of decimal(18, 2); larger values are nulled by `fit_to_schema` first


def partition_dir(out_dir: Path, table: str, fiscal_year: int | None) -> Path:
    year = fiscal_year if fiscal_year is not None else UNKNOWN_FISCAL_YEAR
    return out_dir / table / f"fiscal_year={year}"


def rows_of(data: PlanData, table: str) -> Sequence[Any]:
    if table == "documents":
        return [data.document]
    rows: Sequence[Any] = getattr(data, table)
    return rows


def arrow_table(rows: Sequence[Any], table: str, pipeline_version: str) -> pa.Table:
    schema = schema_with_metadata(table, pipeline_version)
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for row in rows:
        values = dataclasses.asdict(row)
        for name in schema.names:
            columns[name].append(_arrow_value(values.get(name)))
    return pa.Table.from_pydict(columns, schema=schema)


def _arrow_value(value: Any) -> Any:
    if isinstance(value, Decimal) and value.is_finite() and value.adjusted() < MONEY_DIGITS:
        return value.quantize(CENT)
    return value


def write_document(out_dir: Path, data: PlanData, pipeline_version: str) -> list[Path]:
    """Write every table of one document; return the final paths (relative to out_dir).

    All files are first written as temporaries, then renamed: a failure while writing
    leaves the previous version of the document in place.
    """
    data = fit_to_schema(data)
    doc_id = data.document.doc_id
    staged: list[tuple[Path, Path]] = []
    try:
        for table in TABLES:
            folder = partition_dir(out_dir, table, data.document.fiscal_year)
            folder.mkdir(parents=True, exist_ok=True)
            final = folder / f"{doc_id}.parquet"
            temp = folder / f".{doc_id}.{os.getpid()}.parquet{TEMP_SUFFIX}"
            pq.write_table(arrow_table(rows_of(data, table), table, pipeline_version), temp)
            staged.append((temp, final))
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, final in staged:
        os.replace(temp, final)
    return [final.relative_to(out_dir) for _, final in staged]


def remove_files(out_dir: Path, relative_paths: Iterable[str | Path]) -> None:
    for rel in relative_paths:
        (out_dir / rel).unlink(missing_ok=True)


def remove_temporaries(out_dir: Path) -> int:
    """Delete temporaries left by a killed run; return how many there were."""
    count = 0
    for temp in out_dir.glob(f"*/fiscal_year=*/.*{TEMP_SUFFIX}"):
        temp.unlink(missing_ok=True)
        count += 1
    return count


def dataset_files(out_dir: Path) -> set[str]:
    """Relative paths of every dataset file in the output folder."""
    return {
        str(path.relative_to(out_dir))
        for table in TABLES
        for path in (out_dir / table).glob("fiscal_year=*/*.parquet")
    }


def remove_empty_partitions(out_dir: Path) -> None:
    for table in TABLES:
        for folder in (out_dir / table).glob("fiscal_year=*"):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
