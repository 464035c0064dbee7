"""Budget header roles (pipeline/extract/roles.py): typed variants and typos of the
category words, and a generic root that must not pre-empt a more specific word.

Real typed plans write "ค่าตอบเเทน" with two sara e (เ เ) for แ, drop a tone mark
("ค่าใชสอย") or slip a letter ("ค่าใช้สอบ"); "ค่า" alone (any expense) used to win first.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.extract.roles import match_header
from pipeline.normalize.vocabulary.plan import BUDGET_RULES, Column
from pipeline.process import process_file
from tests.fixtures.small_plans import plan

D = Decimal


@pytest.mark.parametrize(("header", "role"), [
    ("ค่าตอบเเทน", Column.COMPENSATION),  # two sara e
    ("ค่าตอบเเทน (บาท)", Column.COMPENSATION),
    ("ค่าตอบเทน", Column.COMPENSATION),  # แ left out
    ("ค่าใชสอย", Column.OPERATING),  # mai tho left out
    ("ค่าใช้สอบ", Column.OPERATING),  # ย typed as บ
    ("ค่าวัสดุอุปกรณ์", Column.MATERIALS),
    ("ค่าครุภัณท์", Column.EQUIPMENT),
    ("ค่าสาธารณูปโภด", Column.UTILITIES),
    ("ค่าเช่า", Column.OTHER_EXPENSE),  # a real other expense stays one
    ("ค่าอาหารว่าง", Column.OTHER_EXPENSE),
    ("ค่าเดินทาง", Column.OTHER_EXPENSE),
    ("งบประมาณ", Column.AMOUNT),
])
def test_header_role_of_typed_category_words(header: str, role: Column) -> None:
    assert match_header(header, BUDGET_RULES).role is role


def test_generic_root_keeps_the_match_when_no_specific_word_fits() -> None:
    match = match_header("ค่าเช่า", BUDGET_RULES)
    assert (match.role, match.score, match.word) == (Column.OTHER_EXPENSE, 100.0, "ค่า")


def test_typo_match_records_the_specific_word_and_its_score() -> None:
    match = match_header("ค่าใชสอย", BUDGET_RULES)
    assert (match.role, match.word, round(match.score, 1)) == (Column.OPERATING, "ใช้สอย", 90.9)


def test_budget_table_with_two_sara_e_header_gives_compensation(tmp_path: Path) -> None:
    """A python-docx budget table headed "ค่าตอบเเทน": its amounts are compensation."""
    data = process_file(plan(tmp_path / "plan.docx", budget=[
        ["ที่", "รายการ", "ค่าตอบเเทน", "ค่าใชสอย", "ค่าวัสดุอุปกรณ์", "รวม"],
        ["1", "วิทยากรอบรมครู", "3,600", "-", "-", "3,600"],
        ["2", "อาหารกลางวันผู้เข้าอบรม", "-", "4,500", "-", "4,500"],
        ["3", "กระดาษและปากกา", "-", "-", "1,250", "1,250"],
        ["", "รวมทั้งสิ้น", "3,600", "4,500", "1,250", "9,350"]]))
    lines = [(r.item, r.compensation, r.operating, r.materials, r.total)
             for r in data.budget_lines]
    assert lines == [
        ("วิทยากรอบรมครู", D("3600.00"), D("0.00"), D("0.00"), D("3600.00")),
        ("อาหารกลางวันผู้เข้าอบรม", D("0.00"), D("4500.00"), D("0.00"), D("4500.00")),
        ("กระดาษและปากกา", D("0.00"), D("0.00"), D("1250.00"), D("1250.00"))]
    project = data.projects[0]
    assert (project.budget_compensation, project.budget_operating, project.budget_materials,
            project.budget_table_total) == (D("3600.00"), D("4500.00"), D("1250.00"),
                                            D("9350.00"))
    headers = {(a.header, a.key) for a in data.budget_amounts if a.row_kind == "total"}
    assert headers == {("ค่าตอบเเทน", "compensation"), ("ค่าใชสอย", "operating"),
                       ("ค่าวัสดุอุปกรณ์", "materials"), ("รวม", "total")}
    assert data.document.money_coverage == 1.0
    assert not [f for f in data.findings if f.kind == "unmapped_column"]


@pytest.mark.parametrize("scrap", ["ที่ได", "ที่ ได", "ที่ 1.", "ค่าที่"])
def test_a_short_scrap_is_no_fuzzy_fit_of_a_long_root(scrap: str) -> None:
    """A scan read an activity table's "ที่" over "1." as "ที่ ได": as a fuzzy fit of
    "ที่ดินและสิ่งก่อสร้าง" (5 of its 21 letters, score 88.9) the number column became money
    and the activity table a budget. A header shorter than a root must hold most of it."""
    assert match_header(scrap, BUDGET_RULES).role not in (Column.CONSTRUCTION, Column.FUNDING)


def test_a_header_holding_most_of_a_root_still_fits_it() -> None:
    """"ตอบแทน" is ค่าตอบแทน (6 of 9 letters), "อุดหนุน" is เงินอุดหนุน (7 of 11)."""
    assert match_header("ตอบแทน", BUDGET_RULES).role is Column.COMPENSATION
    assert match_header("ที่ดินสิ่งก่อสร้าง", BUDGET_RULES).role is Column.CONSTRUCTION
