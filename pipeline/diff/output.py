"""Write the diff's outputs into REPORT_DIR, and the short summary for the terminal.

Files are written under a temporary name and renamed, like the extractor's datasets, so a
reader never sees a half-written report.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Final

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.diff.extraction import CELL_CHANGES_SCHEMA
from pipeline.diff.model import (
    ADDED,
    CHANGE_KINDS,
    CHANGES_SCHEMA,
    FIELD_CHANGED,
    MATCHES_SCHEMA,
    REMOVED,
    RENAMED,
    PlanDiff,
)
from pipeline.diff.report_html import render_extraction_report, render_plan_report
from pipeline.diff.totals import PROJECT_AMOUNT_FIELDS, PlanTotals

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
    lines.append(changes_by_kind_line(diff))
    if diff.totals is not None:
        lines += totals_lines(diff.totals, diff.old_fiscal_year, diff.new_fiscal_year)
    return "\n".join(lines)


def signed(amount: Decimal) -> str:
    """Baht with sign and thousands separators, as the terminal shows a change."""
    return f"{amount:+,.2f}"


def changes_by_kind_line(diff: PlanDiff) -> str:
    """Change rows counted by kind, with the money each kind moved: the amounts of added
    and removed projects, and for field changes the moves of the matched projects' amounts
    (the same sums the totals reconcile, so one budget change is not counted once per
    budget column it shows in)."""
    kinds = [c.change for c in diff.changes]
    totals = diff.totals
    money: dict[str, Decimal] = {} if totals is None else {
        ADDED: totals.added, REMOVED: totals.removed, FIELD_CHANGED: totals.changed}
    parts = []
    for kind in CHANGE_KINDS:
        part = f"{kinds.count(kind)} {kind}"
        if kind in money:
            part += f" ({signed(money[kind])} baht)"
        parts.append(part)
    return "change rows by kind: " + ", ".join(parts)


TOTALS_LABEL_WIDTH: Final = 28


def _total_line(label: str, amount: str) -> str:
    return f"  {label:<{TOTALS_LABEL_WIDTH}}{amount:>16}"


def totals_lines(totals: PlanTotals, old_year: int, new_year: int) -> list[str]:
    """The reconciliation of the report's totals section, as aligned terminal lines:
    old total, the changes by kind, their sum, the new total, then the gap and its causes
    when the changes do not account for all the money."""
    expected = totals.old_total + totals.changed + totals.added + totals.removed
    lines = [
        f"plan totals in baht (each project's {', else '.join(PROJECT_AMOUNT_FIELDS)}):",
        _total_line(f"old total ({old_year})", f"{totals.old_total:,.2f}"),
        _total_line("+ changed (matched projects)", signed(totals.changed)),
        _total_line("+ added projects", signed(totals.added)),
        _total_line("+ removed projects", signed(totals.removed)),
        _total_line("= old total + changes", f"{expected:,.2f}"),
        _total_line(f"new total ({new_year})", f"{totals.new_total:,.2f}"),
    ]
    if totals.reconciles:
        lines.append("  reconciled: old total + changes = new total")
    else:
        lines.append(f"  GAP: {signed(totals.gap)} baht the changes do not explain")
    for pair in totals.unreconciled:
        old = "no amount" if pair.old_field is None else (
            f"{pair.old_field} {pair.old_amount:,.2f}")
        new = "no amount" if pair.new_field is None else (
            f"{pair.new_field} {pair.new_amount:,.2f}")
        lines.append(f"    {pair.new_name or pair.old_name}: old {old}, new {new}")
    for count, side in ((totals.old_without_amount, "old"), (totals.new_without_amount, "new")):
        if count:
            lines.append(f"  {side} plan: {count} projects without an amount (counted as 0)")
    return lines


def extraction_summary(cells: pd.DataFrame) -> str:
    if cells.empty:
        return "no differences between the two extractions"
    counts: dict[tuple[str, str], int] = {}
    for table, change in zip(cells["table"], cells["change"], strict=True):
        counts[(str(table), str(change))] = counts.get((str(table), str(change)), 0) + 1
    lines = [f"{len(cells)} differences:"]
    lines += [f"  {table}: {n} {change}" for (table, change), n in counts.items()]
    return "\n".join(lines)
