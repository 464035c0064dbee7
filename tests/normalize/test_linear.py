"""The normalizers and text scanners are linear in their input (issue 10 item 6).

A fuzz of 1 MB strings found calls that took seconds or never returned (a regex retried
from every position of a long run, a slice of the rest of the text per number). Each
scanner here runs on one adversarial unit repeated to two sizes, in one run, and the work
at the larger size may grow at most a bound times that at the smaller (tests/normalize/
growth.py says how each is measured and why the bounds are what they are):

* steps (function calls, exact): 16 kB and 64 kB, at most 5x (linear 4x, quadratic 16x),
  for every scanner; a deterministic count, so it cannot flake on a loaded machine;
* CPU time (the least of several repeats, which sees work inside one regex call too):
  64 kB and 1 MB, at most 48x (linear 16x, quadratic 256x), for the scanners the fuzz
  found slow.

Never a fixed time limit: a busy CI machine slows both sizes alike.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.audit.issues import baht
from pipeline.extract.budget_text import line_amount
from pipeline.extract.meta import strip_page_furniture
from pipeline.normalize import formulas, glyphs, numbers
from pipeline.normalize.formulas import Formula, find_formulas, find_rate_formulas
from pipeline.normalize.numbers import find_stated_budget
from pipeline.normalize.vocabulary import plan
from pipeline.normalize.vocabulary.plan import SIGNATURE_RE, YEAR_CONTINUATION_RE
from pipeline.read import pdf_layout, pdf_paragraphs
from pipeline.read.ocr import latin, repair
from tests.normalize.adversarial import ADVERSARIAL_UNITS, SCANNERS, repeated
from tests.normalize.growth import NOISE_FLOOR, least_cpu_seconds, step_bound, steps, time_bound

STEP_SIZES = (16 * 1024, 64 * 1024)
TIME_SIZES = (64 * 1024, 1024 * 1024)
# Repeats of the small call (cheap); the large one is repeated only while it is over the
# bound, up to LARGE_REPEATS in all: the least of them is its time.
SMALL_REPEATS, LARGE_REPEATS = 3, 3
# The scanners a fuzz of 1 MB strings found slow, and the units that made them so.
FOUND_SLOW = ("find_stated_budget", "parse_period", "parse_periods", "parse_thai_date",
              "find_rate_formulas", "line_amount", "paragraph_budget", "strip_page_furniture",
              "plan_title", "tokenize", "find_formulas")


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SCANNERS)), st.sampled_from(ADVERSARIAL_UNITS))
def test_steps_grow_linearly_with_the_input(name: str, unit: str) -> None:
    function = SCANNERS[name]
    small, large = STEP_SIZES
    function(repeated(unit, small))  # compiles the regexes the re module caches
    counted = steps(function, repeated(unit, small)), steps(function, repeated(unit, large))
    assert counted[1] <= step_bound(large / small) * counted[0], (name, unit, counted)


@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FOUND_SLOW), st.sampled_from(ADVERSARIAL_UNITS))
def test_cpu_time_grows_linearly_on_1_mb_strings(name: str, unit: str) -> None:
    function = SCANNERS[name]
    small_size, large_size = TIME_SIZES
    small_text, large_text = repeated(unit, small_size), repeated(unit, large_size)
    function(small_text)  # warm-up
    allowed = time_bound(large_size / small_size) * max(
        least_cpu_seconds(function, small_text, SMALL_REPEATS), NOISE_FLOOR)
    large = least_cpu_seconds(function, large_text, 1)
    for _ in range(LARGE_REPEATS - 1):
        if large <= allowed:
            break
        large = min(large, least_cpu_seconds(function, large_text, 1))
    assert large <= allowed, (name, unit, large, allowed)


def test_a_run_of_numbers_states_no_budget_but_the_one_with_baht() -> None:
    """The in-place matching reads the same amount as before: the one followed by บาท."""
    assert find_stated_budget("1x" * 5000 + " จำนวน 20,0๐๐ บาท") == Decimal("20000.00")


def test_counts_without_a_rate_are_skipped_and_a_rate_after_them_is_read() -> None:
    assert find_rate_formulas("1 คน " * 3000) == []
    [formula] = find_rate_formulas("1 คน " * 3000 + "30 คน 3 วันๆละ 180 บาท")
    assert formula.factors == (Decimal(1),) * 3000 + (Decimal(30), Decimal(3), Decimal(180))


def test_every_product_of_a_long_list_is_a_formula_and_a_cued_size_is_not() -> None:
    found = find_formulas("1x2 คน " * 2000 + "ขนาด 2 x 3 ชิ้น")
    assert len(found) == 2000
    assert found[-1] == Formula("1x2 คน", (Decimal(1), Decimal(2)), Decimal("2.00"))


def test_line_amount_takes_the_last_amount_in_baht_of_a_long_line() -> None:
    assert line_amount("1 " * 5000 + "ค่าวัสดุ 2,500 บาท") == Decimal(2500)


def test_page_furniture_is_stripped_from_a_line_of_dashes() -> None:
    assert strip_page_furniture("-" * 10_001 + " ค่าวัสดุ - 12 -") == "- ค่าวัสดุ"


def test_an_amount_of_thousands_of_digits_is_written_in_scientific_form() -> None:
    assert baht(Decimal("1" * 5000)) == "1.111111E+4999"
    assert baht(Decimal("1234567890123456789012345678901")) == "1.234568E+30"
    assert baht(Decimal("123456789012345678901234567890")) == \
        "123,456,789,012,345,678,901,234,567,890"


@pytest.mark.parametrize("pattern", [SIGNATURE_RE, YEAR_CONTINUATION_RE])
def test_line_patterns_fail_on_a_run_of_spaces_in_linear_time(pattern: re.Pattern[str]) -> None:
    """Two \\s* around an optional bracket or พ.ศ. split a run of n spaces n**2 ways before
    the match failed (64 kB of spaces took 11 s in SIGNATURE_RE); one call is one C call,
    so only the time ratio sees it."""
    small, large = " " * 4096, " " * (64 * 1024)
    assert pattern.match(large) is None
    allowed = time_bound(16) * max(least_cpu_seconds(pattern.match, small, 3), NOISE_FLOOR)
    assert least_cpu_seconds(pattern.match, large, 3) <= allowed


# Patterns with two whitespace runs around an optional word, each after the word that
# leads it: a run of spaces after that word and then no match was split n**2 ways (n**3 for
# three runs). Found by a fuzz of every compiled pattern of the package with "<its word> +
# 16,000 spaces + x": "หน้า" + spaces made plan_title and strip_page_furniture quadratic,
# "พ.ศ." + spaces split_persons.
PADDED_PATTERNS = [
    (plan.PAGE_FURNITURE_RE, "หน้า", "search"),
    (plan.PERSON_CUT_RE, "นาย", "search"),
    (plan.PLAN_TITLE_WITH_YEAR_RE, "แผนปฏิบัติการ ประจำ", "search"),
    (plan.FISCAL_YEAR_RE, "ปีงบประมาณ", "search"),
    (plan.STRATEGY_CELL_RE, "กลยุทธ์", "match"),
    (plan.PDCA_PHASE_RE, "ขั้นที่1", "match"),
    (pdf_layout.PAGE_NUMBER_ONLY_RE, "", "match"),
    (pdf_layout.PRINTED_NUMBER_RE, "หน้า", "search"),
    (numbers._LEAD_WORD_BEFORE, "จำนวน", "search"),
    (numbers._TRAILING_WORDS_IN_PARENS, "1", "search"),
    (numbers._AMOUNT_CELL, "1", "fullmatch"),
    (numbers._BAHT_AFTER, "", "match"),
    (formulas._RATE_AFTER_COUNTS, "", "match"),
    (formulas._JUXTAPOSED_FACTOR, "", "match"),
]


@pytest.mark.parametrize(("pattern", "lead", "how"), PADDED_PATTERNS,
                         ids=[f"{p[1] or 'start'}-{i}" for i, p in enumerate(PADDED_PATTERNS)])
def test_a_word_then_a_run_of_spaces_fails_in_linear_time(
        pattern: re.Pattern[str], lead: str, how: str) -> None:
    method = getattr(pattern, how)
    small, large = (lead + " " * n + "x" for n in (4096, 64 * 1024))
    method(large)
    allowed = time_bound(16) * max(least_cpu_seconds(method, small, 3), NOISE_FLOOR)
    assert least_cpu_seconds(method, large, 3) <= allowed


# Patterns bench/regex_fuzz.py found superlinear in the way the package calls them: a
# searched pattern retried from every position of a long run of its own characters, and a
# dot between two runs of a class that holds the dot (every split of a run of dots tried).
RUN_PATTERNS = [
    (plan.DISTRICT_RE, "เขต", " ", "search"),
    (pdf_paragraphs.NUMBER_TAIL_RE, "", "1", "search"),
    (latin.MIXED_RE, "", "ก", "search"),
    (repair._ABBREVIATION_RE, "", ".", "match"),
    (latin.LATIN_EDGES_RE, "", ",", "search"),
]


@pytest.mark.parametrize(("pattern", "lead", "filler", "how"), RUN_PATTERNS,
                         ids=[f"{p[0].pattern[:12]}-{i}" for i, p in enumerate(RUN_PATTERNS)])
def test_a_long_run_of_the_pattern_s_own_characters_fails_in_linear_time(
        pattern: re.Pattern[str], lead: str, filler: str, how: str) -> None:
    method = getattr(pattern, how)
    small, large = (lead + filler * n + "x" for n in (4096, 64 * 1024))
    method(large)
    allowed = time_bound(16) * max(least_cpu_seconds(method, small, 3), NOISE_FLOOR)
    assert least_cpu_seconds(method, large, 3) <= allowed


def test_run_patterns_still_read_what_they_read_before() -> None:
    """Each starts only where its run starts (or scans a segment once): the leftmost match
    and its groups are the ones the old patterns gave."""
    assert plan.DISTRICT_RE.search("สพป.ยโสธรเขต2").span() == (9, 13)
    assert plan.DISTRICT_RE.search("สพป.ยโสธร  2").group(1) == "2"
    assert plan.DISTRICT_RE.search("สพป.ยโสธร  2").start() == 9
    assert pdf_paragraphs.NUMBER_TAIL_RE.search("รวม 12,500").group() == "12,500"
    assert pdf_paragraphs.NUMBER_TAIL_RE.search("รวม 12,500 บาท") is None
    assert latin.MIXED_RE.search("0-ผ57") and latin.MIXED_RE.search("ง7")
    assert latin.MIXED_RE.search("ป.6") is None and latin.MIXED_RE.search("ป.ง6") is not None
    assert repair._ABBREVIATION_RE.match("มี.ค.67").groups() == ("มี.ค.", "67")
    assert repair._ABBREVIATION_RE.match("ม\".ค.").groups() == ("ม\".ค.", "")
    assert repair._ABBREVIATION_RE.match("มีนาคม67") is None
    assert latin.LATIN_EDGES_RE.sub("", "(O-NET),.") == "O-NET"


def test_padded_patterns_still_read_what_they_read_before() -> None:
    """The runs are possessive, and the words after them never start with a space, so
    every match is the one the greedy runs gave."""
    assert plan.PAGE_FURNITURE_RE.search("ชื่อ หน้า  - ๑๒").group() == "หน้า  - ๑๒"
    assert plan.PERSON_CUT_RE.search("นายก ข   และคณะ").start() == 6
    assert plan.PERSON_CUT_RE.search("นายก ข, นางค").start() == 6
    assert plan.PLAN_TITLE_WITH_YEAR_RE.search(
        "แผนปฏิบัติการ  ประจำปี งบประมาณ พ.ศ. ๒๕๖๖").group().endswith("๒๕๖๖")
    assert plan.FISCAL_YEAR_RE.search("ปีงบประมาณ   พ.ศ.  2567").group(1) == "2567"
    assert plan.STRATEGY_CELL_RE.match("กลยุทธ์ ที่  2 .  พัฒนาครู").groups() == ("2", "พัฒนาครู")
    assert plan.PDCA_PHASE_RE.match("ขั้นที่1  วางแผน") is not None
    assert pdf_layout.PAGE_NUMBER_ONLY_RE.match("  หน้า - 12 -  ").group(1) == "12"
    assert pdf_layout.PRINTED_NUMBER_RE.search("ชื่อ หน้า  ๗").group(1) == "๗"
    assert numbers.parse_amount("50,000 .- บาท (ห้าหมื่นบาทถ้วน)  ") == Decimal(50000)
    assert numbers.parse_amount("1.5  ล้าน บาท") == Decimal(1500000)
    assert numbers.find_stated_budget("งบประมาณ จำนวน :  20,0๐๐ บาท") == Decimal(20000)
    [formula] = find_rate_formulas("30 คน 3 วัน  ๆ  ละ 180 บาท")
    assert formula.factors == (Decimal(30), Decimal(3), Decimal(180))


def test_signature_and_year_lines_still_match_after_leading_spaces() -> None:
    assert SIGNATURE_RE.match("   ( ลงชื่อ ) ........").group() == "   ( ลงชื่อ )"
    assert SIGNATURE_RE.match("  ..........  ผู้อนุมัติโครงการ") is not None
    assert SIGNATURE_RE.match("  ลงชื่อเข้าร่วม") is None
    assert YEAR_CONTINUATION_RE.match("   พ.ศ. 2567").group() == "   พ.ศ. 2567"
    assert YEAR_CONTINUATION_RE.match("  2567").group() == "  2567"


def test_a_long_run_of_marks_is_sorted_like_a_short_one_and_not_memoised() -> None:
    """Runs longer than MEMO_MAX_MARKS bypass the memo: a hostile run of 100,000 marks
    would otherwise stay in the worker's cache as a key."""
    before = glyphs._marks_in_order.cache_info().currsize
    assert glyphs.repair_thai_glyphs("ก" + "่ั" * 10) == "ก" + "ั" * 10 + "่" * 10
    assert glyphs._marks_in_order.cache_info().currsize == before
    assert glyphs.repair_thai_glyphs("ก่ั") == "กั่"
