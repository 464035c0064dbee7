"""Project matching: one-to-one, roll-over aware, tie-breakers, threshold, confidence."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

from decimal import Decimal

import pandas as pd
import pytest

from pipeline.diff.match import (
    MatchSettings,
    budget_closeness,
    match_projects,
    match_texts,
    name_similarity,
    similarity_matrix,
)


def frame(*rows: tuple[str, str | None, int | None]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"name": n, "unit": u, "budget_summary": None if b is None else Decimal(b)}
         for n, u, b in rows]
    )


def pairs(result: object) -> list[tuple[int, int]]:
    return [(m.old_index, m.new_index) for m in result.matches]  # type: ignore[attr-defined]


def test_identical_plans_match_in_place_with_full_confidence() -> None:
    old = frame(("สภากาแฟ คุยกันเช้าวันพุธ", "กลุ่มอำนวยการ", 58800),
                ("บูรณาการเครือข่ายประชาสัมพันธ์", "กลุ่มอำนวยการ", 20000))
    result = match_projects(old, old, 2563, 2563)
    assert pairs(result) == [(0, 0), (1, 1)]
    assert [m.confidence for m in result.matches] == [1.0, 1.0]
    assert result.added == [] and result.removed == []


def test_order_does_not_matter_and_roll_over_is_the_same_name() -> None:
    old = frame(("ติดตาม ประเมินผล และรายงาน ประจำปีงบประมาณ พ.ศ.2563", "กลุ่มนโยบายและแผน", 50000),
                ("สภากาแฟ คุยกันเช้าวันพุธ", "กลุ่มอำนวยการ", 58800))
    new = frame(("สภากาแฟ คุยกันเช้าวันพุธ", "กลุ่มอำนวยการ", 58800),
                ("ติดตาม ประเมินผล และรายงาน ประจำปีงบประมาณ พ.ศ.2564", "กลุ่มนโยบายและแผน", 50000))
    result = match_projects(old, new, 2563, 2564)
    assert pairs(result) == [(0, 1), (1, 0)]
    assert all(m.name_score == 1.0 for m in result.matches)


def test_added_and_removed_projects_are_not_forced_into_a_pair() -> None:
    old = frame(("บูรณาการเครือข่ายประชาสัมพันธ์", "กลุ่มอำนวยการ", 20000),
                ("สภากาแฟ คุยกันเช้าวันพุธ", "กลุ่มอำนวยการ", 58800))
    new = frame(("สภากาแฟ คุยกันเช้าวันพุธ", "กลุ่มอำนวยการ", 58800),
                ("ป้องกันและเฝ้าระวังการแพร่ระบาดของโรคติดเชื้อไวรัสโคโรนา 2019", "กลุ่มอำนวยการ",
                 20000))
    result = match_projects(old, new, 2563, 2564)
    assert pairs(result) == [(1, 0)]
    assert result.removed == [0]
    assert result.added == [1]


def test_a_reworded_project_is_matched_with_lower_confidence() -> None:
    old = frame(("จัดระบบข้อมูลสารสนเทศเพื่อการบริหาร และบริการข้อมูลสารสนเทศ (Big Data System)",
                 "กลุ่มส่งเสริมการศึกษาทางไกล", 100000))
    new = frame(("พัฒนาระบบข้อมูลสารสนเทศเพื่อการบริหารและการบริการ (Big Data System)",
                 "กลุ่มส่งเสริมการศึกษาทางไกล", 100000))
    result = match_projects(old, new, 2563, 2564)
    assert pairs(result) == [(0, 0)]
    match = result.matches[0]
    assert 0.6 < match.name_score < 1.0
    # Agreeing unit and budget raise the confidence, but never to that of an identical name.
    assert match.name_score < match.confidence < 1.0


def test_unit_and_budget_break_a_tie_between_equal_names() -> None:
    # Two projects with the same title in different groups: unit decides.
    old = frame(("อบรมพัฒนาครู", "กลุ่มนิเทศ", 10000), ("อบรมพัฒนาครู", "กลุ่มบุคคล", 10000))
    new = frame(("อบรมพัฒนาครู", "กลุ่มบุคคล", 10000), ("อบรมพัฒนาครู", "กลุ่มนิเทศ", 10000))
    assert pairs(match_projects(old, new, 2563, 2564)) == [(0, 1), (1, 0)]
    # Same unit: the budget decides.
    old = frame(("อบรมพัฒนาครู", "กลุ่มนิเทศ", 10000), ("อบรมพัฒนาครู", "กลุ่มนิเทศ", 90000))
    new = frame(("อบรมพัฒนาครู", "กลุ่มนิเทศ", 88000), ("อบรมพัฒนาครู", "กลุ่มนิเทศ", 11000))
    assert pairs(match_projects(old, new, 2563, 2564)) == [(0, 1), (1, 0)]


def test_tie_breakers_never_beat_a_clearly_better_name() -> None:
    old = frame(("สภากาแฟ คุยกันเช้าวันพุธ", "กลุ่มอำนวยการ", 58800))
    new = frame(("บูรณาการเครือข่ายประชาสัมพันธ์", "กลุ่มอำนวยการ", 58800),
                ("สภากาแฟ คุยกันเช้าวันพุธ", "กลุ่มนโยบายและแผน", 10000))
    assert pairs(match_projects(old, new, 2563, 2564)) == [(0, 1)]


def test_one_to_one_even_when_two_old_projects_resemble_one_new() -> None:
    result = match_texts(["อบรมพัฒนาครูภาษาไทย", "อบรมพัฒนาครูภาษาอังกฤษ"],
                         ["อบรมพัฒนาครูภาษาไทย"])
    assert pairs(result) == [(0, 0)]
    assert result.removed == [1]


def test_threshold_decides_what_is_a_match() -> None:
    old, new = ["พัฒนาระบบประกันคุณภาพการศึกษา"], ["พัฒนาระบบประกันคุณภาพภายใน"]
    score = name_similarity(old[0], new[0])
    assert pairs(match_texts(old, new, MatchSettings(threshold=score - 0.01))) == [(0, 0)]
    assert pairs(match_texts(old, new, MatchSettings(threshold=score + 0.01))) == []


def test_ambiguous_matches_get_lower_confidence() -> None:
    clear = match_texts(["อบรมพัฒนาครูภาษาไทย"], ["อบรมพัฒนาครูภาษาไทย"]).matches[0]
    ambiguous = match_texts(["อบรมพัฒนาครู", "อบรมพัฒนาครู"],
                            ["อบรมพัฒนาครู", "อบรมพัฒนาครู"]).matches[0]
    assert clear.confidence == 1.0
    assert ambiguous.confidence == 0.5


def test_empty_sides() -> None:
    result = match_texts([], ["ก"])
    assert result.matches == [] and result.added == [0] and result.removed == []
    result = match_projects(frame(("ก", None, None)), frame(), 2563, 2564)
    assert result.removed == [0]


def test_partial_containment_counts_only_for_comparable_lengths() -> None:
    long = "สภากาแฟคุยกันเช้าวันพุธของสำนักงาน"
    assert name_similarity("สภากาแฟคุยกันเช้าวันพุธ", long) > 0.8
    assert name_similarity("สภากาแฟ", long) < 0.5


def test_budget_closeness() -> None:
    assert budget_closeness(Decimal(100), Decimal(100)) == 1.0
    assert budget_closeness(Decimal(100), Decimal(50)) == 0.5
    assert budget_closeness(Decimal(0), Decimal(0)) == 1.0
    assert budget_closeness(None, Decimal(5)) == 0.0


@pytest.mark.parametrize("field", ["threshold", "unit_bonus", "ambiguity_margin"])
def test_settings_are_validated(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        MatchSettings(**{field: 1.5})


def test_bulk_scores_agree_with_the_pairwise_score() -> None:
    names = ["สภากาแฟคุยกันเช้าวันพุธ", "สภากาแฟ", "", "อบรมพัฒนาครูภาษาไทย",
             "สภากาแฟคุยกันเช้าวันพุธของสำนักงาน"]
    settings = MatchSettings()
    bulk = similarity_matrix(names, names, settings)
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            assert bulk[i, j] == pytest.approx(name_similarity(a, b, settings))
