"""End to end on the two fixture years: the diff reports exactly the known changes.

tests/fixtures/truth/yasothon2-fy2564.json lists, by hand, what changed from the FY2563
plan to the FY2564 plan (a project added, one removed, one renamed, a budget cut, a
responsible person replaced, two priorities swapped) and what is routine (the year
roll-over in dates and names, a budget table with reordered columns). The diff of the two
extracted fixtures must give those changes and nothing else.
"""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline.diff import diff_years, write_plan_report
from pipeline.diff.model import CHANGE_COLUMNS, PlanDiff
from pipeline.diff.values import parse_amounts

TRUTH = Path(__file__).parents[1] / "fixtures" / "truth" / "yasothon2-fy2564.json"
MONEY = {"budget_summary", "budget_stated", "budget_table_total", "budget_compensation",
         "budget_operating", "budget_materials", "summary_total"}
# The truth file's names for budget-line columns, where they differ from the datasets'.
TRUTH_LINE_COLUMNS = {"in_budget": "budget_subtotal"}

Key = tuple[str, str | None, str | None, str | None, Any, Any]


def truth() -> dict[str, Any]:
    if not TRUTH.exists():
        pytest.skip(f"{TRUTH} not built yet")
    data: dict[str, Any] = json.loads(TRUTH.read_text(encoding="utf-8"))
    return data


def canonical(field: str | None, value: str | None) -> Any:
    """A value in a form both the truth file and the diff can be compared in."""
    if value is None:
        return None
    if field in MONEY:
        return Decimal(value)
    if field == "budget_lines":
        amounts = {}
        for part in value.split(","):
            name, _, amount = part.strip().partition(" ")
            amounts[TRUTH_LINE_COLUMNS.get(name, name)] = Decimal(amount)
        return frozenset(amounts.items())
    if field == "responsible_persons":
        return frozenset(p.strip() for p in value.split(";"))
    return value


def expected_changes(data: dict[str, Any]) -> Counter[Key]:
    out: Counter[Key] = Counter()
    for change in data["changes"]:
        kind, field = change["change"], change.get("field")
        if kind != "field_changed":
            out[(kind, change["old_name"], change["new_name"], None, None, None)] += 1
            continue
        if field == "summary_total":
            # "document level: the summary's total row, not a project field": no project.
            names: tuple[str | None, str | None] = (None, None)
        else:
            names = (change["name"], change.get("new_name", change["name"]))
        out[("field_changed", *names, field, canonical(field, change["old_value"]),
             canonical(field, change["new_value"]))] += 1
    return out


def actual_changes(diff: PlanDiff) -> Counter[Key]:
    out: Counter[Key] = Counter()
    for c in diff.changes:
        if c.change != "field_changed":
            out[(c.change, c.old_name, c.new_name, None, None, None)] += 1
            continue
        if c.field == "budget_lines":
            old: Any = frozenset((k, v) for k, v in parse_amounts(c.old_value).items())
            new: Any = frozenset((k, v) for k, v in parse_amounts(c.new_value).items())
        else:
            old, new = canonical(c.field, c.old_value), canonical(c.field, c.new_value)
        out[("field_changed", c.old_name, c.new_name, c.field, old, new)] += 1
    return out


@pytest.fixture(scope="module")
def fixture_diff(both_years: Path) -> PlanDiff:
    truth()
    return diff_years(both_years, from_year=2563, to_year=2564,
                      organization="สพป.ยโสธร เขต 2")


def test_exactly_the_known_changes(fixture_diff: PlanDiff) -> None:
    expected, actual = expected_changes(truth()), actual_changes(fixture_diff)
    assert actual - expected == Counter(), "reported but not in the truth file"
    assert expected - actual == Counter(), "in the truth file but not reported"


def test_counts(fixture_diff: PlanDiff) -> None:
    assert fixture_diff.counts() == {"added": 1, "removed": 1, "renamed": 1, "changed": 4,
                                     "unchanged": 5, "rows": 12}


def test_year_only_renames_and_the_reordered_table_are_unchanged(fixture_diff: PlanDiff
                                                                  ) -> None:
    routine = truth()["routine_changes"]
    matches = fixture_diff.matches.set_index("new_name")
    for old_name, new_name in routine["year_only_name_changes"]:
        row = matches.loc[new_name]
        assert row["old_name"] == old_name
        assert row["status"] in ("unchanged", "changed")  # never renamed
        assert row["confidence"] == 1.0
    reordered = matches.loc["สพป.ยโสธร เขต 2 เข้มแข็ง"]
    assert not any(c.field in ("budget_lines", "budget_operating", "budget_table_total")
                   for c in fixture_diff.changes if c.new_name == reordered.name)


def test_the_rename_is_a_confident_match(fixture_diff: PlanDiff) -> None:
    renamed = [c for c in fixture_diff.changes if c.change == "renamed"]
    assert len(renamed) == 1
    assert renamed[0].confidence is not None and renamed[0].confidence >= 0.9
    assert 0.0 <= fixture_diff.matches["confidence"].min() <= 1.0


def test_changes_parquet_has_the_contract_columns(fixture_diff: PlanDiff,
                                                   tmp_path: Path) -> None:
    paths = write_plan_report(fixture_diff, tmp_path)
    changes = pd.read_parquet(paths["changes"])
    assert tuple(changes.columns[:9]) == (
        "change", "old_project_id", "new_project_id", "old_name", "new_name", "field",
        "old_value", "new_value", "confidence")
    assert tuple(changes.columns) == CHANGE_COLUMNS
    assert len(changes) == 12
    assert set(changes["change"]) == {"added", "removed", "renamed", "field_changed"}
    matched = changes[changes["old_project_id"].notna() & changes["new_project_id"].notna()]
    assert matched["confidence"].between(0, 1).all()


def test_two_extractions_of_the_same_plan_have_no_change(fy2563: Path, both_years: Path
                                                         ) -> None:
    diff = diff_years(fy2563, both_years, from_year=2563, to_year=2563)
    assert diff.changes == []
    assert set(diff.matches["status"]) == {"unchanged"}
    assert (diff.matches["confidence"] == 1.0).all()
