"""Write the diff's outputs into REPORT_DIR, and the short summary for the terminal.

Files are written under a temporary name and renamed, like the extractor's datasets, so a
reader never sees a half-written report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.diff.extraction import CELL_CHANGES_SCHEMA
from pipeline.diff.model import ADDED, CHANGES_SCHEMA, MATCHES_SCHEMA, REMOVED, RENAMED, PlanDiff
from pipeline.diff.report_html import render_extraction_report, render_plan_report

CHANGES_FILE: Final = "changes.parquet"
MATCHES_FILE: Final = "matches.parquet"
CELL_CHANGES_FILE: Final = "cell_changes.parquet"
REPORT_FILE: Final = "report.html"


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call `write(tmp_path)`, then move the finished file to `path`.

    mkstemp creates its file private (mode 600); the report gets the mode any new file
    gets under the umask, like the datasets, so whoever may read the datasets may read it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, _default_file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _default_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_parquet(frame: pd.DataFrame, schema: pa.Schema, path: Path) -> None:
    """`frame` with exactly `schema`'s columns and types (an empty frame too)."""
    columns = {
        f.name: pa.array(
            [None if v is None or (isinstance(v, float) and v != v) else v
             for v in (frame[f.name] if f.name in frame.columns else [None] * len(frame))],
            type=f.type,
        )
        for f in schema
    }
    table = pa.table(columns, schema=schema)
    _atomic_write(path, lambda tmp: pq.write_table(table, tmp))


def write_text(text: str, path: Path) -> None:
    _atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_plan_report(diff: PlanDiff, out_dir: Path | str) -> dict[str, Path]:
    """changes.parquet, matches.parquet and report.html of a year-over-year diff."""
    out = Path(out_dir)
    paths = {"changes": out / CHANGES_FILE, "matches": out / MATCHES_FILE,
             "report": out / REPORT_FILE}
    write_parquet(diff.changes_frame(), CHANGES_SCHEMA, paths["changes"])
    write_parquet(diff.matches, MATCHES_SCHEMA, paths["matches"])
    write_text(render_plan_report(diff), paths["report"])
    return paths


def write_extraction_report(cells: pd.DataFrame, out_dir: Path | str, old_source: str,
                            new_source: str) -> dict[str, Path]:
    """cell_changes.parquet and report.html of a version diff."""
    out = Path(out_dir)
    paths = {"cell_changes": out / CELL_CHANGES_FILE, "report": out / REPORT_FILE}
    write_parquet(cells, CELL_CHANGES_SCHEMA, paths["cell_changes"])
    write_text(render_extraction_report(cells, old_source, new_source), paths["report"])
    return paths


def plan_summary(diff: PlanDiff) -> str:
    """A few lines for the terminal: what was compared, the counts, and one line per
    project that changed (its name and which fields), so a glance tells what to open."""
    counts = diff.counts()
    org = diff.new_organization or diff.old_organization or "(organisation unknown)"
    lines = [
        f"{org}: fiscal year {diff.old_fiscal_year} -> {diff.new_fiscal_year}",
        f"projects: {counts['added']} added, {counts['removed']} removed,"
        f" {counts['renamed']} renamed, {counts['changed']} changed,"
        f" {counts['unchanged']} unchanged ({counts['rows']} change rows)",
    ]
    fields: dict[tuple[str | None, str | None], list[str]] = {}
    for change in diff.changes:
        if change.change == RENAMED:
            lines.append(f"  renamed: {change.old_name} -> {change.new_name}"
                         f" (confidence {change.confidence or 0:.2f})")
        elif change.change in (ADDED, REMOVED):
            lines.append(f"  {change.change}: {change.new_name or change.old_name}")
        else:
            names = fields.setdefault((change.new_project_id, change.new_name), [])
            if change.field and change.field not in names:
                names.append(change.field)
    for (project_id, name), changed in fields.items():
        label = name if project_id is not None else "(whole plan)"
        lines.append(f"  changed: {label}: {', '.join(changed)}")
    return "\n".join(lines)


def extraction_summary(cells: pd.DataFrame) -> str:
    if cells.empty:
        return "no differences between the two extractions"
    counts: dict[tuple[str, str], int] = {}
    for table, change in zip(cells["table"], cells["change"], strict=True):
        counts[(str(table), str(change))] = counts.get((str(table), str(change)), 0) + 1
    lines = [f"{len(cells)} differences:"]
    lines += [f"  {table}: {n} {change}" for (table, change), n in counts.items()]
    return "\n".join(lines)
