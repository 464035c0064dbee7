"""Year over year: match two plans' projects and list every change, as change rows."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

import pandas as pd

from pipeline.diff.compare import all_changes
from pipeline.diff.load import DiffInputError, PlanSnapshot, check_dataset_folder, load_plan
from pipeline.diff.match import MatchSettings, ProjectMatch, match_projects
from pipeline.diff.model import (
    ADDED,
    FIELD_CHANGED,
    MATCHES_SCHEMA,
    NAME,
    REMOVED,
    RENAMED,
    Change,
    FieldChange,
    Place,
    PlanDiff,
    place_of,
)
from pipeline.diff.names import normalize_name
from pipeline.diff.shift import YearShift
from pipeline.diff.summary_totals import compare_summary_totals
from pipeline.diff.totals import project_amount, reconcile_totals
from pipeline.diff.values import is_missing, money_text

SUMMARY_AMOUNT: Final = "budget_summary"

# A matched pair's status in matches.parquet, by (renamed, has field changes).
STATUS = {(False, False): "unchanged", (True, False): "renamed",
          (False, True): "changed", (True, True): "renamed_changed"}


def _text(value: object) -> str | None:
    return None if is_missing(value) else str(value)


def _source_paths(*snapshots: PlanSnapshot) -> dict[str, str]:
    """doc_id -> the document's source_path, as the documents table gives it."""
    paths: dict[str, str] = {}
    for snapshot in snapshots:
        docs = snapshot.documents
        if "source_path" not in docs.columns:
            continue
        for doc_id, path in zip(docs["doc_id"], docs["source_path"], strict=True):
            if not is_missing(path):
                paths[str(doc_id)] = str(path)
    return paths


def summary_place(summary: pd.DataFrame, project: pd.Series) -> Place | None:
    """The place of the summary row a project's budget_summary comes from: the row of its
    document with its strategy and priority (projects.priority is read from that row)."""
    if summary.empty or not {"doc_id", "strategy_no", "priority"} <= set(summary.columns):
        return None
    key = tuple(_text(project.get(c)) for c in ("doc_id", "strategy_no", "priority"))
    if None in key:
        return None
    same = summary[(summary["doc_id"].map(_text) == key[0])
                   & (summary["strategy_no"].map(_text) == key[1])
                   & (summary["priority"].map(_text) == key[2])]
    return place_of(same.iloc[0]) if len(same) == 1 else None


def _with_summary_place(found: FieldChange, old_place: Place | None,
                        new_place: Place | None) -> FieldChange:
    """A budget_summary change placed at the summary rows instead of the project rows."""
    if found.field != SUMMARY_AMOUNT:
        return found
    return replace(found, old_place=old_place or found.old_place,
                   new_place=new_place or found.new_place)


@dataclass(frozen=True)
class _Rows:
    """Builds the change rows of one diff: the columns every row shares filled in once,
    file paths looked up by doc_id."""

    old_fiscal_year: int
    new_fiscal_year: int
    organization: str | None
    paths: dict[str, str] = field(default_factory=dict)

    def _where(self, place: Place | None) -> tuple[str | None, int | None, str | None]:
        """(file path, page, block) of a place."""
        if place is None:
            return None, None, None
        return self.paths.get(place.doc_id or ""), place.page, place.block

    def project(self, kind: str, old: pd.Series | None, new: pd.Series | None,
                confidence: float | None = None, found: FieldChange | None = None) -> Change:
        """One change row; without `found`, the places are the project rows'."""
        if found is None:
            found = FieldChange("", None, None,
                                old_place=None if old is None else place_of(old),
                                new_place=None if new is None else place_of(new))
        unit = _text(new.get("unit")) if new is not None else None
        if unit is None and old is not None:
            unit = _text(old.get("unit"))
        old_path, old_page, old_block = self._where(found.old_place)
        new_path, new_page, new_block = self._where(found.new_place)
        return Change(
            change=kind,
            old_project_id=None if old is None else _text(old.get("project_id")),
            new_project_id=None if new is None else _text(new.get("project_id")),
            old_name=None if old is None else _text(old.get("name")),
            new_name=None if new is None else _text(new.get("name")),
            field=found.field or None,
            old_value=found.old_value,
            new_value=found.new_value,
            confidence=confidence,
            old_fiscal_year=self.old_fiscal_year,
            new_fiscal_year=self.new_fiscal_year,
            organization=self.organization,
            item=found.item,
            aspect=found.aspect,
            difference=found.difference,
            unit=unit,
            old_source_path=old_path, old_source_page=old_page, old_source_block=old_block,
            new_source_path=new_path, new_source_page=new_page, new_source_block=new_block,
        )

    def whole_project(self, kind: str, row: pd.Series, summary: pd.DataFrame) -> Change:
        """An added or removed project with its amount (field: the column it comes from,
        difference: +amount or -amount) placed where that amount is printed."""
        place = place_of(row)
        found = project_amount(row)
        if found is None:
            amount_change = FieldChange("", None, None, old_place=place, new_place=place)
        else:
            column, amount = found
            if column == SUMMARY_AMOUNT:
                place = summary_place(summary, row) or place
            text = money_text(amount)
            amount_change = FieldChange(
                column, text if kind == REMOVED else None, text if kind == ADDED else None,
                difference=amount if kind == ADDED else -amount,
                old_place=place, new_place=place)
        if kind == ADDED:
            return self.project(kind, None, row,
                                found=replace(amount_change, old_place=None))
        return self.project(kind, row, None, found=replace(amount_change, new_place=None))


def diff_plans(old: PlanSnapshot, new: PlanSnapshot,
               settings: MatchSettings | None = None) -> PlanDiff:
    """Every change from the `old` plan to the `new` one.

    Rows come in the old plan's project order (removed projects where they were), then the
    added projects in the new plan's order, then document-level changes (summary totals,
    with no project ids); a matched pair gives its `renamed` row first, then its field
    changes. Unchanged projects give no row but appear in `matches`.
    """
    shift = YearShift(old.fiscal_year, new.fiscal_year)
    old_projects = old.projects.reset_index(drop=True)
    new_projects = new.projects.reset_index(drop=True)
    result = match_projects(old_projects, new_projects, old.fiscal_year, new.fiscal_year,
                            settings)
    rows = _Rows(old.fiscal_year, new.fiscal_year, new.organization or old.organization,
                 _source_paths(old, new))
    by_old: dict[int, list[Change]] = {}
    match_rows = []
    pairs = []
    for match in result.matches:
        a, b = old_projects.iloc[match.old_index], new_projects.iloc[match.new_index]
        changes, status = _pair_changes(match, a, b, old, new, shift, rows)
        by_old[match.old_index] = changes
        pairs.append((a, b, changes))
        match_rows.append(_match_row(match, a, b, status))
    for i in result.removed:
        by_old[i] = [rows.whole_project(REMOVED, old_projects.iloc[i], old.summary)]
    changes = [c for i in sorted(by_old) for c in by_old[i]]
    changes += [rows.whole_project(ADDED, new_projects.iloc[j], new.summary)
                for j in result.added]
    changes += [rows.project(FIELD_CHANGED, None, None, found=f)
                for f in compare_summary_totals(old.summary, new.summary)]
    return PlanDiff(
        old_fiscal_year=old.fiscal_year, new_fiscal_year=new.fiscal_year,
        old_organization=old.organization, new_organization=new.organization,
        old_source=str(old.source), new_source=str(new.source), changes=changes,
        matches=pd.DataFrame(match_rows, columns=MATCHES_SCHEMA.names),
        totals=reconcile_totals(old_projects, new_projects, pairs, changes),
    )


def _pair_changes(match: ProjectMatch, a: pd.Series, b: pd.Series, old: PlanSnapshot,
                  new: PlanSnapshot, shift: YearShift, rows: _Rows
                  ) -> tuple[list[Change], str]:
    out: list[Change] = []
    renamed = shift.old_key(a.get("name")) != shift.new_key(b.get("name"))
    if renamed:
        name_change = FieldChange(NAME, _text(a.get("name")), _text(b.get("name")),
                                  old_place=place_of(a), new_place=place_of(b))
        out.append(rows.project(RENAMED, a, b, match.confidence, name_change))
    old_summary, new_summary = summary_place(old.summary, a), summary_place(new.summary, b)
    found = [_with_summary_place(f, old_summary, new_summary)
             for f in all_changes(a, b, old.budget_lines, new.budget_lines, old.schedule,
                                  new.schedule, shift)]
    out += [rows.project(FIELD_CHANGED, a, b, match.confidence, f) for f in found]
    return out, STATUS[(renamed, bool(found))]


def _match_row(match: ProjectMatch, a: pd.Series, b: pd.Series, status: str
               ) -> dict[str, object]:
    return {
        "old_project_id": _text(a.get("project_id")), "new_project_id": _text(b.get("project_id")),
        "old_name": _text(a.get("name")), "new_name": _text(b.get("name")), "status": status,
        "name_score": match.name_score, "score": match.score, "confidence": match.confidence,
    }


def diff_years(
    old_dir: Path | str, new_dir: Path | str | None = None, *,
    from_year: int | None = None, to_year: int | None = None,
    organization: str | None = None, settings: MatchSettings | None = None,
) -> PlanDiff:
    """Load and diff two plans: two folders, or one folder and two years.

    With one folder, `from_year` and `to_year` are required and must differ. Raises
    DiffInputError (one clear sentence) for anything that cannot be compared.
    """
    check_dataset_folder(Path(old_dir))
    if new_dir is not None:
        check_dataset_folder(Path(new_dir))
    if new_dir is None:
        if from_year is None or to_year is None:
            raise DiffInputError(
                "one folder given: say which years to compare with --from-year and --to-year"
                " (or give two folders, OLD and NEW)")
        if from_year == to_year:
            raise DiffInputError(f"--from-year and --to-year are both {from_year}")
        new_dir = old_dir
    old = load_plan(old_dir, from_year, organization, role="OLD")
    new = load_plan(new_dir, to_year, organization, role="NEW")
    return diff_plans(old, new, settings)


def same_organization(diff: PlanDiff) -> bool:
    """False when the two plans name different offices (a legitimate but unusual diff)."""
    a, b = diff.old_organization, diff.new_organization
    return not (a and b) or normalize_name(a) == normalize_name(b)
