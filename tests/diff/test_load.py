"""Reading the contract's datasets and choosing one office's plan for one year."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

from pathlib import Path

import pytest

from pipeline.diff.load import DiffInputError, load_plan, read_table
from tests.diff.builders import ORG, project, write_plan

SCHOOL = "โรงเรียนบ้านหนองแคน"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "ds"
    write_plan(root, 2563, "a" * 16, [project("a" * 16, 1, "สภากาแฟ", budget_summary=58800)])
    write_plan(root, 2564, "b" * 16, [project("b" * 16, 1, "สภากาแฟ", budget_summary=60000)])
    write_plan(root, 2564, "c" * 16, [project("c" * 16, 1, "ห้องสมุด")], organization=SCHOOL)
    return root


def test_fiscal_year_comes_from_the_partition_path(folder: Path) -> None:
    projects = read_table(folder, "projects")
    assert sorted(set(projects["fiscal_year"])) == [2563, 2564]
    assert projects["fiscal_year"].dtype == "int64"


def test_one_year_and_office(folder: Path) -> None:
    plan = load_plan(folder, 2563)
    assert (plan.fiscal_year, plan.organization, plan.doc_ids) == (2563, ORG, ("a" * 16,))
    assert list(plan.projects["name"]) == ["สภากาแฟ"]


def test_org_selects_by_any_part_of_the_name(folder: Path) -> None:
    assert load_plan(folder, 2564, "สพป.ยโสธร เขต 2").doc_ids == ("b" * 16,)
    assert load_plan(folder, 2564, "หนองแคน").doc_ids == ("c" * 16,)


@pytest.mark.parametrize(("year", "org", "message"), [
    (None, None, "holds fiscal years 2563, 2564; choose with --from-year/--to-year"),
    (2565, None, "no plan for fiscal year 2565 (years present: 2563, 2564)"),
    (2564, None, "holds several organisations"),
    (2564, "เชียงใหม่", "no organisation matching 'เชียงใหม่'"),
])
def test_unclear_choices_are_one_clear_error(folder: Path, year: int | None, org: str | None,
                                             message: str) -> None:
    with pytest.raises(DiffInputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_plan(folder, year, org)


def test_missing_and_non_dataset_folders(tmp_path: Path) -> None:
    with pytest.raises(DiffInputError, match="no such folder"):
        load_plan(tmp_path / "nope")
    with pytest.raises(DiffInputError, match="not an extracted dataset folder"):
        load_plan(tmp_path)


def test_unreadable_file_is_named(folder: Path) -> None:
    bad = folder / "projects" / "fiscal_year=2563" / f"{'a' * 16}.parquet"
    bad.write_bytes(b"not parquet")
    with pytest.raises(DiffInputError, match="unreadable Parquet file"):
        load_plan(folder, 2563)
