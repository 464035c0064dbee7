"""Version diff: the same documents extracted by two pipeline versions, cell by cell.

Before a new pipeline version republishes a dataset, a maintainer reviews exactly which
extracted values it changes. Rows are paired by stable keys (a document and what the row
is within it, never a row position across the whole table), so one added budget line shows
as one added row, not as every later row shifted.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import pandas as pd
import pyarrow as pa

from pipeline.diff.load import ALL_TABLES, check_dataset_folder, read_table
from pipeline.diff.values import cell_text

# Stable row keys per table. "#" is the row's ordinal within the rest of the key, in file
# order: indicators and findings have no natural key of their own.
ORDINAL: Final = "#"
ROW_KEYS: Final[dict[str, tuple[str, ...]]] = {
    "documents": ("doc_id",),
    "summary": ("doc_id", "row_no"),
    "projects": ("project_id",),
    "budget_lines": ("project_id", "line_no"),
    "schedule": ("project_id", "activity", "month"),
    "indicators": ("project_id", ORDINAL),
    "findings": ("doc_id", "project_id", "kind", ORDINAL),
    "errors": ("source_path", "stage"),
    "budget_amounts": ("project_id", "row_kind", "line_no", ORDINAL),
    "summary_amounts": ("doc_id", "row_kind", "row_no", ORDINAL),
}
# A table the contract does not list yet: rows by their order within each document.
FALLBACK_KEY: Final = ("doc_id", ORDINAL)
# Differ on every run, whatever the parser does.
RUN_DEPENDENT_COLUMNS: Final = frozenset({"extracted_at", "pipeline_version"})
KEY_SEPARATOR: Final = " | "
WHOLE_ROW: Final = "*"
# The `change` column (an addition after the contract's columns).
CELL: Final = "changed"
ROW_ADDED: Final = "row_added"
ROW_REMOVED: Final = "row_removed"
COLUMN_ADDED: Final = "column_added"
COLUMN_REMOVED: Final = "column_removed"

CELL_CHANGES_SCHEMA: Final = pa.schema([
    pa.field(name, pa.string())
    for name in ("table", "doc_id", "row_key", "column", "old_value", "new_value", "change")
])
CELL_CHANGE_COLUMNS: Final = tuple(CELL_CHANGES_SCHEMA.names)


def row_keys(frame: pd.DataFrame, key: Sequence[str]) -> list[str]:
    """The row key of every row, as text; a key that repeats gets "#2", "#3" appended so
    that every row still has a key of its own."""
    named = [k for k in key if k != ORDINAL]
    columns = [[cell_text(v) or "" for v in frame[k]] if k in frame.columns
               else [""] * len(frame) for k in named]
    ordinals: Counter[tuple[str, ...]] = Counter()
    repeats: Counter[str] = Counter()
    keys = []
    for values in zip(*columns, strict=True) if columns else [()] * len(frame):
        texts = list(values)
        if ORDINAL in key:
            ordinals[values] += 1
            texts.append(str(ordinals[values]))
        text = KEY_SEPARATOR.join(texts)
        repeats[text] += 1
        keys.append(text if repeats[text] == 1 else f"{text}#{repeats[text]}")
    return keys


def _row_json(frame: pd.DataFrame, index: int, columns: Sequence[str]) -> str:
    """A whole row, compact, for an added or removed row."""
    return json.dumps({c: cell_text(frame.iloc[index][c]) for c in columns},
                      ensure_ascii=False)


def _doc_id(frame: pd.DataFrame, index: int) -> str | None:
    return cell_text(frame.iloc[index]["doc_id"]) if "doc_id" in frame.columns else None


def diff_table(table: str, old: pd.DataFrame, new: pd.DataFrame) -> list[dict[str, object]]:
    """Every difference in one table: changed cells, added/removed rows and columns."""
    key = ROW_KEYS.get(table, FALLBACK_KEY)
    old_columns = [c for c in old.columns if c not in RUN_DEPENDENT_COLUMNS]
    new_columns = [c for c in new.columns if c not in RUN_DEPENDENT_COLUMNS]
    out: list[dict[str, object]] = []

    def emit(doc_id: str | None, row_key: str, column: str, a: str | None, b: str | None,
             change: str) -> None:
        out.append({"table": table, "doc_id": doc_id, "row_key": row_key, "column": column,
                    "old_value": a, "new_value": b, "change": change})

    # A column present on one side only is one entry, not one per row: a new pipeline
    # version that adds a column would otherwise bury every real change.
    for column in old_columns:
        if column not in new_columns and len(old):
            emit(None, WHOLE_ROW, column, None, None, COLUMN_REMOVED)
    for column in new_columns:
        if column not in old_columns and len(new):
            emit(None, WHOLE_ROW, column, None, None, COLUMN_ADDED)
    common = [c for c in old_columns if c in new_columns]
    old_index = {k: i for i, k in enumerate(row_keys(old, key))} if len(old) else {}
    new_index = {k: i for i, k in enumerate(row_keys(new, key))} if len(new) else {}
    old_texts = {c: [cell_text(v) for v in old[c]] for c in common}
    new_texts = {c: [cell_text(v) for v in new[c]] for c in common}
    for row_key, i in old_index.items():
        j = new_index.get(row_key)
        if j is None:
            emit(_doc_id(old, i), row_key, WHOLE_ROW, _row_json(old, i, old_columns), None,
                 ROW_REMOVED)
            continue
        for column in common:
            a, b = old_texts[column][i], new_texts[column][j]
            if a != b:
                emit(_doc_id(new, j), row_key, column, a, b, CELL)
    for row_key, j in new_index.items():
        if row_key not in old_index:
            emit(_doc_id(new, j), row_key, WHOLE_ROW, None, _row_json(new, j, new_columns),
                 ROW_ADDED)
    return out


def _tables_in(root: Path) -> list[str]:
    extra = sorted(p.name for p in root.iterdir()
                   if p.is_dir() and p.name not in ALL_TABLES and not p.name.startswith(("_", ".")))
    return [*ALL_TABLES, *extra]


def diff_extractions(old_dir: Path | str, new_dir: Path | str) -> pd.DataFrame:
    """cell_changes: every cell, row and column that differs between two extractions.

    Columns: table, doc_id, row_key, column ("*" for a whole row), old_value, new_value
    (text), then change (changed | row_added | row_removed | column_added |
    column_removed). Run-dependent columns (extracted_at, pipeline_version) are ignored, so
    an extraction compared with itself gives no rows.
    """
    old_root, new_root = Path(old_dir), Path(new_dir)
    check_dataset_folder(old_root)
    check_dataset_folder(new_root)
    rows: list[dict[str, object]] = []
    tables = dict.fromkeys([*_tables_in(old_root), *_tables_in(new_root)])
    for table in tables:
        if not ((old_root / table).is_dir() or (new_root / table).is_dir()):
            continue
        rows += diff_table(table, read_table(old_root, table), read_table(new_root, table))
    # object columns keep None for null (pandas 3 would turn it into NaN in str columns)
    return pd.DataFrame(rows, columns=list(CELL_CHANGE_COLUMNS), dtype=object)
