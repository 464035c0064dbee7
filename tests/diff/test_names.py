"""Name keys: what a Thai reader considers the same name must give the same key."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import pytest

from pipeline.diff.names import clean, neutralize_years, normalize_name, normalize_person


@pytest.mark.parametrize(("old", "new"), [
    # Thai and Arabic digits, spaces and line breaks.
    ("สพป.ยโสธร เขต ๒ เข้มแข็ง", "สพป.ยโสธร เขต 2  เข้มแข็ง"),
    ("ติดตาม ประเมินผล\nและรายงาน", "ติดตามประเมินผลและรายงาน"),
    # Abbreviation on one side, the full office name on the other.
    ("จัดระบบข้อมูล สพป.ยโสธร เขต 2", "จัดระบบข้อมูล สำนักงานเขตพื้นที่การศึกษาประถมศึกษายโสธร เขต 2"),
    ("ฟังข่าวสารจาก สพฐ.", "ฟังข่าวสารจาก สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"),
    # The leading word โครงการ, quotes, brackets and Latin case.
    ("โครงการสภากาแฟ “คุยกันเช้าวันพุธ”", "สภากาแฟ คุยกันเช้าวันพุธ"),
    ("ระบบ (Big Data System)", "ระบบ big data system"),
    # A list number that shifts when an item is inserted above.
    ("2. จัดทำเอกสาร", "3. จัดทำเอกสาร"),
    ("๑) ประชุมวางแผน", "- ประชุมวางแผน"),
])
def test_same_name_same_key(old: str, new: str) -> None:
    assert normalize_name(old, 2563) == normalize_name(new, 2563)


@pytest.mark.parametrize(("old", "new"), [
    ("ติดตาม ประเมินผล และรายงาน ประจำปีงบประมาณ พ.ศ.2563",
     "ติดตาม ประเมินผล และรายงาน ประจำปีงบประมาณ พ.ศ.2564"),
    ("จัดทำรายงานผลการศึกษาประจำปีงบประมาณ ๒๕๖2", "จัดทำรายงานผลการศึกษาประจำปีงบประมาณ ๒๕๖๓"),
    ("แผนปฏิบัติการ พ.ศ. ๒๕๖๓", "แผนปฏิบัติการ พ.ศ. 2564"),
    ("1 - 30 ต.ค.62", "1 - 30 ต.ค.63"),
    ("ตุลาคม 2562 - กันยายน 2563", "ตุลาคม ๒๕๖๓ - กันยายน ๒๕๖๔"),
    ("เตรียมแผนปี 2564", "เตรียมแผนปี 2565"),  # the next year's plan
])
def test_fiscal_year_roll_over_is_not_a_rename(old: str, new: str) -> None:
    assert normalize_name(old, 2563) == normalize_name(new, 2564)


@pytest.mark.parametrize(("old", "new"), [
    # The same absolute year is a different place in the two plans.
    ("รายงานประจำปีงบประมาณ พ.ศ.2563", "รายงานประจำปีงบประมาณ พ.ศ.2563"),
    # A year far from the plan (a law of 2542) is compared as written.
    ("ตาม พ.ร.บ.การศึกษาแห่งชาติ พ.ศ. 2542", "ตาม พ.ร.บ.การศึกษาแห่งชาติ พ.ศ. 2543"),
    ("สภากาแฟ คุยกันเช้าวันพุธ", "สภากาแฟ คุยกันเช้าวันศุกร์"),
])
def test_real_differences_stay(old: str, new: str) -> None:
    assert normalize_name(old, 2563) != normalize_name(new, 2564)


def test_years_are_untouched_without_a_fiscal_year() -> None:
    assert normalize_name("พ.ศ.2563") == "พศ2563"
    assert neutralize_years("2563", None) == "2563"


def test_two_digit_numbers_are_years_only_after_a_month_or_era_word() -> None:
    assert neutralize_years("จำนวน 63 คน", 2563) == "จำนวน 63 คน"
    assert neutralize_years("ม.ค. 63", 2563) != "ม.ค. 63"


def test_numbers_that_are_not_years_are_kept() -> None:
    assert normalize_name("ผู้เรียน ศตวรรษที่ 21", 2563).endswith("21")
    assert normalize_name("งบ 25630 บาท", 2563) == "งบ25630บาท"


def test_empty_and_none() -> None:
    assert normalize_name(None, 2563) == ""
    assert normalize_name("  ", 2563) == ""
    assert clean(None) == ""
    assert normalize_person(None) == ""


def test_clean_keeps_words_apart_for_display() -> None:
    assert clean("สพป.ยโสธร  เขต\n๒") == "สพป.ยโสธร เขต 2"


@pytest.mark.parametrize(("a", "b"), [
    ("น.ส.ประยูร เรืองศรี", "นางสาวประยูร  เรืองศรี"),
    ("นส. ประยูร เรืองศรี", "นางสาวประยูร เรืองศรี"),
])
def test_person_titles_written_either_way(a: str, b: str) -> None:
    assert normalize_person(a) == normalize_person(b)


def test_different_people_differ() -> None:
    assert normalize_person("นายสมัย พรสินธุเศรษฐ์") != normalize_person("นางสาวโสภิตวลัย เบ้าทอง")
