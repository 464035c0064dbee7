"""Year over year: match two plans' projects and list every change, as change rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.diff.compare import YearShift, all_changes
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
    PlanDiff,
)
from pipeline.diff.names import normalize_name
from pipeline.diff.summary_totals import compare_summary_totals
from pipeline.diff.values import is_missing

# A matched pair's status in matches.parquet, by (renamed, has field changes).
STATUS = {(False, False): "unchanged", (True, False): "renamed",
          (False, True): "changed", (True, True): "renamed_changed"}


def _text(value: object) -> str | None:
    return None if is_missing(value) else str(value)


@dataclass(frozen=True)
class _Rows:
    """Builds the change rows of one diff: the columns every row shares filled in once."""

    old_fiscal_year: int
    new_fiscal_year: int
    organization: str | None

    def project(self, kind: str, old: pd.Series | None, new: pd.Series | None,
                confidence: float | None = None, found: FieldChange | None = None) -> Change:
        return Change(
            change=kind,
            old_project_id=None if old is None else _text(old.get("project_id")),
            new_project_id=None if new is None else _text(new.get("project_id")),
            old_name=None if old is None else _text(old.get("name")),
            new_name=None if new is None else _text(new.get("name")),
            field=None if found is None else found.field,
            old_value=None if found is None else found.old_value,
            new_value=None if found is None else found.new_value,
            confidence=confidence,
            old_fiscal_year=self.old_fiscal_year,
            new_fiscal_year=self.new_fiscal_year,
            organization=self.organization,
            item=None if found is None else found.item,
            aspect=None if found is None else found.aspect,
        )


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
    rows = _Rows(old.fiscal_year, new.fiscal_year, new.organization or old.organization)
    by_old: dict[int, list[Change]] = {}
    match_rows = []
    for match in result.matches:
        a, b = old_projects.iloc[match.old_index], new_projects.iloc[match.new_index]
        changes, status = _pair_changes(match, a, b, old, new, shift, rows)
        by_old[match.old_index] = changes
        match_rows.append(_match_row(match, a, b, status))
    for i in result.removed:
        by_old[i] = [rows.project(REMOVED, old_projects.iloc[i], None)]
    changes = [c for i in sorted(by_old) for c in by_old[i]]
    changes += [rows.project(ADDED, None, new_projects.iloc[j]) for j in result.added]
    changes += [rows.project(FIELD_CHANGED, None, None, found=f)
                for f in compare_summary_totals(old.summary, new.summary)]
    return PlanDiff(
        old_fiscal_year=old.fiscal_year, new_fiscal_year=new.fiscal_year,
        old_organization=old.organization, new_organization=new.organization,
        old_source=str(old.source), new_source=str(new.source), changes=changes,
        matches=pd.DataFrame(match_rows, columns=MATCHES_SCHEMA.names),
    )


def _pair_changes(match: ProjectMatch, a: pd.Series, b: pd.Series, old: PlanSnapshot,
                  new: PlanSnapshot, shift: YearShift, rows: _Rows
                  ) -> tuple[list[Change], str]:
    out: list[Change] = []
    renamed = shift.old_key(a.get("name")) != shift.new_key(b.get("name"))
    if renamed:
        name_change = FieldChange(NAME, _text(a.get("name")), _text(b.get("name")))
        out.append(rows.project(RENAMED, a, b, match.confidence, name_change))
    found = all_changes(a, b, old.budget_lines, new.budget_lines, old.schedule,
                        new.schedule, shift)
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
