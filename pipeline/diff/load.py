"""Read the contract's datasets from an extraction folder, and pick one plan out of it.

The diff reads nothing but the Parquet datasets of DATA_CONTRACT.md, so any extraction
(DOCX, PDF, another office, another pipeline version) can be compared. Files are read one
by one rather than through a dataset scanner, so two files written by different pipeline
versions (an added column) still concatenate; `fiscal_year` comes from the hive path
`DIR/<table>/fiscal_year=<BE>/<doc_id>.parquet`, as the contract says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.diff.names import normalize_name

PLAN_TABLES: Final = ("documents", "summary", "projects", "budget_lines", "schedule")
ALL_TABLES: Final = (
    "documents", "summary", "projects", "budget_lines", "schedule", "indicators",
    "findings", "errors", "budget_amounts", "summary_amounts",
)
PARTITION: Final = "fiscal_year"
_PARTITION_DIR: Final = re.compile(rf"^{PARTITION}=(-?\d+)$")
# Documents whose year could not be read are stored under fiscal_year=0.
UNKNOWN_YEAR: Final = 0


class DiffInputError(ValueError):
    """An input the diff cannot use: a missing folder, no datasets, an absent year."""


@dataclass(frozen=True)
class PlanSnapshot:
    """One organisation's plan for one fiscal year: the rows the diff compares."""

    fiscal_year: int
    organization: str | None
    source: Path
    documents: pd.DataFrame
    summary: pd.DataFrame
    projects: pd.DataFrame
    budget_lines: pd.DataFrame
    schedule: pd.DataFrame
    doc_ids: tuple[str, ...] = field(default=())


def check_dataset_folder(root: Path) -> None:
    """Raise DiffInputError unless `root` is a folder holding at least a documents table."""
    if not root.exists():
        raise DiffInputError(f"{root}: no such folder")
    if not root.is_dir():
        raise DiffInputError(f"{root}: not a folder")
    if not (root / "documents").is_dir():
        raise DiffInputError(
            f"{root}: not an extracted dataset folder (no documents/ table inside;"
            " run `python -m pipeline extract ... --out DIR` first)"
        )


def read_table(root: Path, table: str) -> pd.DataFrame:
    """Every row of `table` under `root`, with `fiscal_year` (int) from the partition path.

    A missing table is an empty frame (a failed batch may write documents only). Raises
    DiffInputError for a file that is not readable Parquet, naming the file.
    """
    frames: list[pd.DataFrame] = []
    table_dir = root / table
    if table_dir.is_dir():
        for part in sorted(table_dir.iterdir()):
            match = _PARTITION_DIR.match(part.name)
            if not (part.is_dir() and match):
                continue
            for path in sorted(part.glob("*.parquet")):
                frames.append(_read_file(path).assign(**{PARTITION: int(match.group(1))}))
    non_empty = [f for f in frames if len(f)]
    if non_empty:
        frame = pd.concat(non_empty, ignore_index=True)
    elif frames:
        frame = frames[0]
    else:
        frame = pd.DataFrame({PARTITION: pd.Series([], dtype="int64")})
    frame[PARTITION] = frame[PARTITION].astype("int64")
    return frame


def _read_file(path: Path) -> pd.DataFrame:
    try:
        table: pa.Table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise DiffInputError(f"{path}: unreadable Parquet file ({exc})") from exc
    if PARTITION in table.column_names:  # written by a tool that also kept the key inside
        table = table.drop_columns([PARTITION])
    # Plain Python objects in object columns: Decimal money, datetime.date dates, lists,
    # None for null; comparisons are then exact and need no dtype juggling.
    return pd.DataFrame({
        name: pd.Series(table.column(name).to_pylist(), dtype=object)
        for name in table.column_names
    })


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), dtype=object)


def available_years(documents: pd.DataFrame) -> list[int]:
    """Fiscal years present among the documents, the unknown year 0 left out."""
    return sorted({int(y) for y in documents[PARTITION] if int(y) != UNKNOWN_YEAR})


def organizations(documents: pd.DataFrame) -> list[str]:
    """Organisations named by the documents, as written (first spelling of each)."""
    seen: dict[str, str] = {}
    for org in _column(documents, "organization"):
        if isinstance(org, str) and org.strip():
            seen.setdefault(normalize_name(org), org)
    return sorted(seen.values())


def _org_mask(documents: pd.DataFrame, organization: str) -> pd.Series:
    """Documents whose organisation contains `organization` once both are normalised, so
    "สพป.ยโสธร เขต 2" selects "สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต ๒"."""
    wanted = normalize_name(organization)
    return _column(documents, "organization").map(
        lambda org: isinstance(org, str) and bool(wanted) and wanted in normalize_name(org)
    ).astype(bool)


def select_documents(
    documents: pd.DataFrame, root: Path, fiscal_year: int | None, organization: str | None,
    *, role: str = "",
) -> tuple[int, pd.DataFrame]:
    """The documents of one year and one organisation, and that year.

    Without `fiscal_year` the folder must hold exactly one year; without `organization`
    the year must hold exactly one organisation. Otherwise a DiffInputError says which
    option to add and what the choices are.
    """
    label = f"{role} folder {root}" if role else str(root)
    years = available_years(documents)
    if not years:
        raise DiffInputError(f"{label}: holds no documents with a fiscal year")
    if fiscal_year is None:
        if len(years) > 1:
            raise DiffInputError(
                f"{label}: holds fiscal years {', '.join(map(str, years))};"
                " choose with --from-year/--to-year"
            )
        fiscal_year = years[0]
    elif fiscal_year not in years:
        raise DiffInputError(
            f"{label}: no plan for fiscal year {fiscal_year}"
            f" (years present: {', '.join(map(str, years))})"
        )
    docs = documents[documents[PARTITION] == fiscal_year]
    if organization is not None:
        docs = docs[_org_mask(docs, organization)]
        if docs.empty:
            raise DiffInputError(
                f"{label}: no organisation matching {organization!r} in fiscal year"
                f" {fiscal_year} (present: {'; '.join(organizations(documents))})"
            )
    orgs = organizations(docs)
    if len(orgs) > 1:
        raise DiffInputError(
            f"{label}: fiscal year {fiscal_year} holds several organisations"
            f" ({'; '.join(orgs)}); choose one with --org"
        )
    return fiscal_year, docs


def load_plan(
    root: Path | str, fiscal_year: int | None = None, organization: str | None = None,
    *, role: str = "",
) -> PlanSnapshot:
    """One organisation's plan for one fiscal year from an extraction folder.

    `organization` matches by normalised substring ("ยโสธร เขต 2" is enough). Several
    documents of the same office and year (a plan split in volumes) are read together.
    """
    root = Path(root)
    check_dataset_folder(root)
    documents = read_table(root, "documents")
    year, docs = select_documents(documents, root, fiscal_year, organization, role=role)
    doc_ids = tuple(str(d) for d in docs["doc_id"])
    tables = {name: _rows_of(read_table(root, name), doc_ids, year) for name in PLAN_TABLES[1:]}
    orgs = organizations(docs)
    return PlanSnapshot(
        fiscal_year=year,
        organization=orgs[0] if orgs else None,
        source=root,
        documents=docs.reset_index(drop=True),
        summary=tables["summary"],
        projects=tables["projects"],
        budget_lines=tables["budget_lines"],
        schedule=tables["schedule"],
        doc_ids=doc_ids,
    )


def _rows_of(frame: pd.DataFrame, doc_ids: tuple[str, ...], year: int) -> pd.DataFrame:
    if "doc_id" not in frame.columns:
        return frame.iloc[0:0].copy()
    keep = frame["doc_id"].isin(doc_ids) & (frame[PARTITION] == year)
    return frame[keep].reset_index(drop=True)
