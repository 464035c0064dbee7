"""The extracted datasets for analysts: pandas DataFrames and a DuckDB connection.

`load()` reads every contract table (DATA_CONTRACT.md) of an `extract` output folder into
a `Datasets` of pandas DataFrames with dtypes chosen for notebooks rather than for storage:

- `fiscal_year` (the hive partition key, stored only in the folder names) is a plain int;
- dates (`start_date`, `end_date`, `month`) are `datetime64[ns]`, so they sort, resample and
  plot as dates;
- money is float64 baht, so sums and charts just work. The Parquet files keep the exact
  `decimal128(18, 2)` amounts: `load(path, exact=True)` returns them as `Decimal` objects
  (object columns) for audit work where a cent matters, and DuckDB (`connect()`) sums them
  as exact DECIMALs;
- integer columns that may be null (`source_page`, `priority`, `n_pages`, ...) are nullable
  `Int32`, never floats;
- units, finding kinds and other short code lists are pandas categoricals;
- list columns (`responsible_persons`, `objectives`, `expected_results`) hold Python lists.

A table folder that does not exist yet (say, no document produced `errors`) gives an empty
DataFrame with the same columns and dtypes, so notebook code never needs a special case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds

from pipeline.load.parquet import UNKNOWN_FISCAL_YEAR
from pipeline.load.schema import MONEY, SCHEMAS, TABLES
from pipeline.normalize.fiscal_year import fiscal_months
from pipeline.normalize.text import compact, to_arabic_digits

PARTITION: Final = "fiscal_year"
ORGANIZATION: Final = "organization"

# Short code lists analysts group by: categoricals make that cheap and keep the codes visible.
CATEGORICAL_COLUMNS: Final = frozenset({
    "unit", "unit_key", "kind", "status", "source_format", "source", "project_type", "stage",
    "error_type",
})

# Display labels of the budget categories (chart axes), in the order plans print them.
BUDGET_CATEGORIES: Final[dict[str, str]] = {
    "compensation": "ค่าตอบแทน",
    "operating": "ค่าใช้สอย",
    "materials": "ค่าวัสดุ",
    "off_budget": "เงินนอกงบประมาณ",
}
UNSPECIFIED: Final = "ไม่ระบุ"  # label of rows without a unit, so they still show in a chart

BudgetKey = Literal["unit", "category", "strategy"]
_BUDGET_KEY_COLUMN: Final[dict[str, str]] = {
    "unit": "unit", "category": "category", "strategy": "strategy_no",
}


@dataclass(frozen=True)
class Datasets:
    """One DataFrame per contract table, across every fiscal year of the output folder."""

    documents: pd.DataFrame
    summary: pd.DataFrame
    projects: pd.DataFrame
    budget_lines: pd.DataFrame
    schedule: pd.DataFrame
    indicators: pd.DataFrame
    findings: pd.DataFrame
    errors: pd.DataFrame
    budget_amounts: pd.DataFrame
    summary_amounts: pd.DataFrame

    @property
    def fiscal_years(self) -> list[int]:
        """Fiscal years (BE) with at least one readable document, oldest first.

        Failed documents sit in the `fiscal_year=0` partition; they are not a year to chart.
        """
        readable = self.documents[self.documents["status"] != "failed"]
        years = {int(y) for y in readable[PARTITION]} - {UNKNOWN_FISCAL_YEAR}
        return sorted(years)

    @property
    def plans(self) -> list[tuple[int, str]]:
        """(fiscal year, organization) of every readable plan, oldest first: the groups
        charts are drawn per, so two bodies or two years never share one chart.
        A plan whose organization could not be read is under "ไม่ระบุ" (unspecified)."""
        readable = self.documents[(self.documents["status"] != "failed")
                                  & (self.documents[PARTITION] != UNKNOWN_FISCAL_YEAR)]
        names = readable["organization"].astype("object").fillna(UNSPECIFIED)
        return sorted({(int(y), str(o)) for y, o in zip(readable[PARTITION], names,
                                                        strict=True)})

    def latest_year_pair(self) -> tuple[str, int, int]:
        """The organization and the two fiscal years a year-over-year comparison should use.

        Among organizations with plans for at least two fiscal years, the one whose
        latest plan is the most recent; returns (organization, older year, newer year),
        its two latest years. Only one organization's years are compared because another
        office's or a school's plan of a later year is not "next year" of this one.
        Names are matched ignoring spaces and Thai versus Arabic digits ("เขต ๒" is
        "เขต 2"), as plans of two years rarely spell them the same way.
        Raises ValueError if no organization has two years.
        """
        documents = self.documents[(self.documents["status"] != "failed")
                                   & (self.documents[PARTITION] != UNKNOWN_FISCAL_YEAR)
                                   & self.documents["organization"].notna()]
        years: dict[str, set[int]] = {}
        names: dict[tuple[str, int], str] = {}
        for name, year in zip(documents["organization"], documents[PARTITION], strict=True):
            key = organization_key(str(name))
            years.setdefault(key, set()).add(int(year))
            names[key, int(year)] = str(name)
        pairs = [(sorted(ys)[-1], sorted(ys)[-2], key) for key, ys in years.items()
                 if len(ys) >= 2]
        if not pairs:
            found = "; ".join(f"{names[key, max(ys)]}: {sorted(ys)}"
                              for key, ys in years.items()) or "no readable documents"
            raise ValueError("no organization has plans for two fiscal years to compare"
                             f" ({found})")
        newer, older, key = max(pairs)
        return names[key, newer], older, newer

    def project_budget(self) -> pd.DataFrame:
        """One row per project: its amounts, organization and summary-table allocation.

        A plan states a project's money in up to three places that do not always agree
        (the findings table lists where they differ). `budget` is the one analysts usually
        mean: the summary table's allocation (`budget_summary`, what the plan approves),
        else the grand total of the project's budget table, else the amount its text
        states; `budget_source` names which. Summary columns (`strategy_name`,
        `budget_esa`, `budget_obec`, `budget_other`) come from the matching summary row.
        `n_budget_lines` and `n_findings` count the project's rows in those tables.
        Amounts are float64 baht even after `load(exact=True)`: this table is for charts.
        """
        keys = [PARTITION, "doc_id", "project_id", "strategy_no", "priority", "name", "unit"]
        amounts = ["budget_summary", "budget_table_total", "budget_stated",
                   "budget_compensation", "budget_operating", "budget_materials"]
        frame = self.projects[keys + amounts].copy()
        for column in amounts:
            frame[column] = _as_float(frame[column])
        candidates = [
            ("summary", frame["budget_summary"]),
            ("table", frame["budget_table_total"]),
            ("stated", frame["budget_stated"]),
        ]
        frame["budget"] = float("nan")
        frame["budget_source"] = pd.Series(pd.NA, index=frame.index, dtype="object")
        for label, values in candidates:
            take = frame["budget_source"].isna() & values.notna()
            frame.loc[take, "budget"] = values[take]
            frame.loc[take, "budget_source"] = label
        frame["budget_source"] = pd.Categorical(
            frame["budget_source"], categories=[label for label, _ in candidates])

        # The summary row a project was linked to: same document, strategy and priority.
        link = [PARTITION, "doc_id", "strategy_no", "priority"]
        summary = self.summary[[*link, "strategy_name", "budget_esa", "budget_obec",
                                "budget_other"]].drop_duplicates(link)
        summary = summary[summary["priority"].notna()]
        for column in ("budget_esa", "budget_obec", "budget_other"):
            summary[column] = _as_float(summary[column])
        frame = frame.merge(summary, on=link, how="left")

        organizations = self.documents[[PARTITION, "doc_id", "organization"]]
        frame = frame.merge(organizations, on=[PARTITION, "doc_id"], how="left")
        frame["n_budget_lines"] = _count_per_project(self.budget_lines, frame)
        frame["n_findings"] = _count_per_project(self.findings, frame)
        order = [PARTITION, "doc_id", "organization", "project_id", "strategy_no",
                 "strategy_name", "priority", "name", "unit", "budget", "budget_source"]
        rest = [c for c in frame.columns if c not in order]
        return frame[order + rest]

    def budget_by(self, by: BudgetKey) -> pd.DataFrame:
        """Budget per fiscal year, organization and unit, strategy or expense category,
        largest first within each plan.

        Columns: `fiscal_year`, `organization` (as `plans` names it), the key (`unit`,
        `strategy_no` or `category`), `budget`. Units and strategies add up
        `project_budget().budget`, so the totals match the plans' summary tables; a group
        without any amount is 0, never NaN. Categories add up the budget lines (ค่าตอบแทน,
        ค่าใช้สอย, ค่าวัสดุ, เงินนอกงบประมาณ), because only the budget tables split money
        by category; projects without a budget table are therefore missing from them.
        """
        if by not in _BUDGET_KEY_COLUMN:
            raise ValueError(f"budget_by: by must be one of {sorted(_BUDGET_KEY_COLUMN)}")
        key = _BUDGET_KEY_COLUMN[by]
        if by == "category":
            lines = self._with_organization(self.budget_lines)
            parts = [
                pd.DataFrame({PARTITION: lines[PARTITION], ORGANIZATION: lines[ORGANIZATION],
                              key: label, "budget": _as_float(lines[column])})
                for column, label in BUDGET_CATEGORIES.items()
            ]
            long = pd.concat(parts, ignore_index=True)
            long[key] = pd.Categorical(long[key], categories=list(BUDGET_CATEGORIES.values()))
        else:
            long = self._with_organization(
                self.project_budget().drop(columns=ORGANIZATION))[[PARTITION, ORGANIZATION,
                                                                   key, "budget"]]
            if key == "unit":
                long = long.assign(unit=long["unit"].astype("object").fillna(UNSPECIFIED))
        totals = (long.groupby([PARTITION, ORGANIZATION, key], observed=True, dropna=False)
                  ["budget"].sum(min_count=1).fillna(0.0).reset_index())
        return totals.sort_values([PARTITION, ORGANIZATION, "budget"],
                                  ascending=[True, True, False],
                                  kind="stable").reset_index(drop=True)

    def _with_organization(self, frame: pd.DataFrame) -> pd.DataFrame:
        """`frame` with its document's organization (UNSPECIFIED when not read)."""
        documents = self.documents[[PARTITION, "doc_id", ORGANIZATION]].drop_duplicates(
            [PARTITION, "doc_id"])
        merged = frame.merge(documents, on=[PARTITION, "doc_id"], how="left")
        merged[ORGANIZATION] = merged[ORGANIZATION].astype("object").fillna(UNSPECIFIED)
        return merged

    def schedule_matrix(self, project_id: str) -> pd.DataFrame:
        """Activity x month grid of one project (1 = planned that month): a Gantt chart's data.

        Rows are the activities in document order, columns the months of the project's
        fiscal year (October first) plus any month it plans outside it, so a heatmap shows
        the whole year even where the plan leaves months empty.
        """
        rows = self.schedule[self.schedule["project_id"] == project_id]
        years = self.projects.loc[self.projects["project_id"] == project_id, PARTITION]
        months = set(rows["month"])
        for year in years:
            months |= set(_fiscal_month_stamps(int(year)))
        activities = list(dict.fromkeys(rows["activity"]))
        grid = pd.DataFrame(0, index=pd.Index(activities, name="activity"),
                            columns=pd.DatetimeIndex(sorted(months), name="month"))
        for activity, month in zip(rows["activity"], rows["month"], strict=True):
            grid.loc[activity, month] = 1
        return grid

    def monthly_workload(self) -> pd.DataFrame:
        """How busy each month is: planned activities and active projects per month.

        One row per plan (fiscal year and organization, as `plans`) and month: all twelve
        months of the year, quiet ones as 0, plus any month a plan schedules outside its
        year. Columns: `fiscal_year`, `organization`, `month`, `activities` (distinct
        project activities planned that month), `projects` (integers).
        """
        planned = self._with_organization(self.schedule.drop_duplicates(
            [PARTITION, "doc_id", "month", "project_id", "activity"]))
        keys = [PARTITION, ORGANIZATION, "month"]
        grouped = planned.groupby(keys)
        counts = pd.DataFrame({"activities": grouped.size(),
                               "projects": grouped["project_id"].nunique()})
        full = [(year, organization, month) for year, organization in self.plans
                for month in _fiscal_month_stamps(year)]
        index = pd.MultiIndex.from_tuples(sorted(set(full) | set(counts.index)), names=keys)
        counts = counts.reindex(index, fill_value=0).astype("int64")
        return counts.reset_index()


def load(path: str | Path = "extracted", *, exact: bool = False) -> Datasets:
    """Read every contract table under `path` (an `extract --out` folder) as DataFrames.

    Money is float64 unless `exact=True`, which keeps the Parquet's exact amounts as
    `Decimal` objects. Raises FileNotFoundError if `path` is not a folder, with the command
    that creates it, since that is almost always the reason.
    """
    root = _dataset_root(path)
    frames = {table: _read_frame(root, table, exact) for table in TABLES}
    return Datasets(**frames)


def connect(path: str | Path = "extracted") -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per contract table over `path`.

    Views read the Parquet files at query time (new extractions show up without
    reconnecting), keep money as exact DECIMAL(18,2) and expose `fiscal_year` as an
    INTEGER column from the folder names. A table without any file yet is an empty table
    with the contract's columns, so queries joining it still run.
    """
    root = _dataset_root(path)
    connection = duckdb.connect()
    for table in TABLES:
        folder = root / table
        if any(folder.glob("*/*.parquet")):
            pattern = (folder / "*" / "*.parquet").as_posix().replace("'", "''")
            connection.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{pattern}',"
                f" hive_partitioning = true, hive_types = {{'{PARTITION}': INTEGER}},"
                " union_by_name = true)"
            )
        else:
            connection.from_arrow(_dataset_schema(table).empty_table()).create(table)
    return connection


def organization_key(name: str) -> str:
    """An organization name for matching: no spaces, Arabic digits ("เขต ๒" = "เขต2")."""
    return to_arabic_digits(compact(name))


def _dataset_root(path: str | Path) -> Path:
    root = Path(path).expanduser().resolve()
    if not root.is_dir():
        raise FileNotFoundError(
            f"{root}: no extracted datasets here (create them with `make extract` or"
            " `python -m pipeline extract PLANS --out DIR`)")
    return root


def _dataset_schema(table: str) -> pa.Schema:
    """The table's contract schema plus the partition column readers get back."""
    return SCHEMAS[table].append(pa.field(PARTITION, pa.int32()))


def _read_arrow(root: Path, table: str) -> pa.Table:
    """All files of a table; the explicit schema fills columns older files lack with nulls."""
    schema = _dataset_schema(table)
    folder = root / table
    if not folder.is_dir():
        return schema.empty_table()
    partitioning = ds.partitioning(pa.schema([pa.field(PARTITION, pa.int32())]),
                                   flavor="hive")
    dataset = ds.dataset(folder, schema=schema, format="parquet", partitioning=partitioning)
    return dataset.to_table()


def _read_frame(root: Path, table: str, exact: bool) -> pd.DataFrame:
    arrow = _read_arrow(root, table)
    if not exact:
        for index, field in enumerate(arrow.schema):
            if field.type == MONEY:
                arrow = arrow.set_column(index, field.name,
                                         pc.cast(arrow.column(index), pa.float64()))
    frame = arrow.to_pandas(types_mapper=_nullable_ints, date_as_object=False)
    for field in arrow.schema:
        name = field.name
        if pa.types.is_date(field.type):
            frame[name] = frame[name].astype("datetime64[ns]")
        elif pa.types.is_list(field.type):
            frame[name] = frame[name].map(lambda v: None if v is None else list(v))
        elif name in CATEGORICAL_COLUMNS:
            frame[name] = frame[name].astype("category")
    frame[PARTITION] = frame[PARTITION].astype("int64")
    sort_key = "source_path" if table == "errors" else "doc_id"
    # Stable: within one document the rows keep the document's order (activities, lines).
    frame = frame.sort_values([PARTITION, sort_key], kind="stable", na_position="last")
    return frame.reset_index(drop=True)


def _nullable_ints(arrow_type: pa.DataType) -> pd.api.extensions.ExtensionDtype | None:
    """Int32 columns as pandas' nullable Int32, so a missing page is <NA>, not a float NaN."""
    if arrow_type == pa.int32():
        return pd.Int32Dtype()
    return None


def _as_float(values: pd.Series) -> pd.Series:
    """Money as float64 whether it was loaded as floats or exact Decimals."""
    return values.astype("float64")


def _count_per_project(table: pd.DataFrame, projects: pd.DataFrame) -> pd.Series:
    counts = table.groupby("project_id").size()
    return projects["project_id"].map(counts).fillna(0).astype("int64")


def _fiscal_month_stamps(fiscal_year: int) -> list[pd.Timestamp]:
    if fiscal_year == UNKNOWN_FISCAL_YEAR:
        return []
    return [pd.Timestamp(month) for month in fiscal_months(fiscal_year)]


__all__ = ["BUDGET_CATEGORIES", "Datasets", "connect", "load", "organization_key"]
