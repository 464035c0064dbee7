"""unit_key: one key per responsible unit however a plan spells it (pipeline/normalize/units)."""

from __future__ import annotations

from pipeline.normalize.units import STANDARD_UNITS, standard_unit, unit_key, unit_keys


def test_three_spellings_of_the_supervision_group_are_one_key() -> None:
    spellings = ["กลุ่มนิเทศติดตามและประเมินผลการจัดการศึกษา",
                 "กลุ่มนิเทศติดตามประเมินผลการจัดการศึกษา",
                 "กลุ่มนิเทศ ติดตาม และประเมินผล"]
    assert unit_keys(spellings) == dict.fromkeys(spellings, "supervision")


def test_summary_table_line_breaks_and_abbreviation_give_the_same_key() -> None:
    assert unit_key("กลุ่มนิเทศ ติดตามและประเมินผล การจัดการศึกษา") == "supervision"
    assert unit_key("กลุ่มนิเทศฯ") == "supervision"
    assert unit_key("กลุ่มนโยบาย และแผน") == "policy_and_planning"


def test_every_standard_group_keys_to_its_code() -> None:
    assert {unit_key(name): code for code, name in STANDARD_UNITS.items()} == {
        code: code for code in STANDARD_UNITS}


def test_near_spellings_of_standard_groups_found_in_plans() -> None:
    assert unit_key("กลุ่มส่งเสริมการจัดการศึกษาทางไกลเทคโนโลยีสารสนเทศและการสื่อสาร") \
        == "distance_education_ict"
    assert unit_key("กลุ่มงานบริหารการเงินและสินทรัพย์") == "finance_and_assets"
    # a standard name that starts another one is still its own group
    assert unit_key("กลุ่มส่งเสริมการจัดการศึกษา") == "educational_promotion"


def test_a_school_unit_gets_its_own_key() -> None:
    assert standard_unit("ฝ่ายบริหารงานวิชาการ") is None
    assert unit_key("ฝ่ายบริหารงานวิชาการ") == "ฝ่ายบริหารงานวิชาการ"
    assert unit_key("กลุ่มบริหารวิชาการ") == "กลุ่มบริหารวิชาการ"


def test_an_unknown_unit_keeps_a_stable_key_of_its_normalised_text() -> None:
    assert unit_key("งานอาคารสถานที่ และ สิ่งแวดล้อม ๒") == "งานอาคารสถานที่สิ่งแวดล้อม2"
    assert unit_key("งานอาคารสถานที่ และ สิ่งแวดล้อม ๒") == unit_key(
        "งานอาคารสถานที่และสิ่งแวดล้อม 2")
    # too short a prefix of several groups is not guessed
    assert unit_key("กลุ่มบริหารงาน") == "กลุ่มบริหารงาน"


def test_spellings_of_one_unknown_unit_in_one_document_share_the_first_key() -> None:
    keys = unit_keys(["งานอาคารสถานที่และสิ่งแวดล้อม", "งานอาคารสถานทีและสิ่งแวดล้อม",
                      "งานโภชนาการ", None])
    assert keys == {"งานอาคารสถานที่และสิ่งแวดล้อม": "งานอาคารสถานที่สิ่งแวดล้อม",
                    "งานอาคารสถานทีและสิ่งแวดล้อม": "งานอาคารสถานที่สิ่งแวดล้อม",
                    "งานโภชนาการ": "งานโภชนาการ"}


def test_no_unit_has_no_key() -> None:
    assert unit_key(None) is None
    assert unit_key("  ") is None
