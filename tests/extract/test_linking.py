"""Project sections linked to summary rows (pipeline/extract/linking.py).

The scores are computed in bulk (rapidfuzz's cdist) from names normalised once; they must
be exactly the per-pair scores, and the pairs exactly the optimal one-to-one assignment.
"""

from __future__ import annotations

import itertools

import pytest

import pipeline.extract.linking as linking
from pipeline.extract.linking import (
    MIN_LINK_SCORE,
    link_names,
    name_similarity,
    normalise_name,
    similarity_matrix,
)
from tests.helpers import extracted, fixture_docx

EXTRA_NAMES = [
    "", "โครงการ", "ประชุม", "อบรม ผอ.", "โครงการพัฒนา ร.ร. ในสังกัด สพป.ยโสธร เขต ๒",
    "โครงการพัฒนาโรงเรียนในสังกัดสำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต 2",
    "“นิเทศ ติดตาม” ประจำปีงบประมาณ ๒๕๖๓", "นิเทศติดตาม",
]


def _fixture_names() -> list[str]:
    names: list[str] = []
    for name in ("yasothon2-fy2563", "school-fy2566", "secondary-fy2567"):
        data = extracted(fixture_docx(name))
        names += [p.name or "" for p in data.projects]
        names += [s.project_name or "" for s in data.summary]
    return names


def test_bulk_scores_equal_pair_by_pair_scores() -> None:
    names = _fixture_names() + EXTRA_NAMES
    keys = [normalise_name(n) for n in names]
    matrix = similarity_matrix(keys, keys)
    for (i, a), (j, b) in itertools.product(enumerate(names), repeat=2):
        assert matrix[i, j] == name_similarity(a, b), (a, b)


def test_each_name_normalised_once(monkeypatch: pytest.MonkeyPatch) -> None:
    names = _fixture_names()
    calls: list[str] = []

    def counting(name: str) -> str:
        calls.append(name)
        return normalise_name(name)

    monkeypatch.setattr(linking, "normalise_name", counting)
    projects, summaries = names[::2], names[1::2]
    assert projects and summaries
    link_names(projects, summaries)
    assert len(calls) == len(projects) + len(summaries)


def test_abbreviated_summary_names_link_one_to_one() -> None:
    projects = ["โครงการพัฒนาโรงเรียนในสังกัดสำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต 2",
                "โครงการนิเทศ ติดตาม และประเมินผลการจัดการศึกษา",
                "โครงการอบรมผู้อำนวยการโรงเรียน"]
    summaries = ["อบรม ผอ.โรงเรียน", "พัฒนา ร.ร. ในสังกัด สพป.ยโสธร เขต ๒",
                 "นิเทศ ติดตามและประเมินผลการจัดการศึกษา", "จัดซื้อวัสดุสำนักงาน"]
    links = link_names(projects, summaries)
    assert {i: j for i, (j, _) in links.items()} == {0: 1, 1: 2, 2: 0}
    assert all(score * 100 >= MIN_LINK_SCORE for _, score in links.values())


def test_nothing_to_link() -> None:
    assert link_names([], ["ก"]) == {}
    assert link_names(["ก"], []) == {}
    assert link_names(["ประชุมครู"], ["จัดซื้อครุภัณฑ์คอมพิวเตอร์"]) == {}
