"""The normalizers and text scanners are linear in their input (issue 10 item 6).

A fuzz of 1 MB strings found calls that took seconds or never returned (a regex retried
from every position of a long run, a slice of the rest of the text per number). Each call
here runs on the same adversarial unit repeated to 256 kB and to 1 MB, in one run, and the
CPU time of the larger may be at most RATIO_BOUND times that of the smaller: linear work is
4x, quadratic 16x. A ratio measured in one run, never a fixed time limit.
"""

from __future__ import annotations

import time
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.audit.issues import baht
from pipeline.extract.budget_text import line_amount
from pipeline.extract.meta import strip_page_furniture
from pipeline.normalize.formulas import Formula, find_formulas, find_rate_formulas
from pipeline.normalize.numbers import find_stated_budget
from tests.normalize.adversarial import ADVERSARIAL_UNITS, SCANNERS, repeated

SMALL, LARGE = 256 * 1024, 1024 * 1024
RATIO_BOUND = 8.0
# Below this the CPU time is the allocator's noise, not the algorithm's growth.
NOISE_FLOOR = 0.02
# The scanners a fuzz of 1 MB strings found slow, and the units that made them so.
FOUND_SLOW = ("find_stated_budget", "parse_period", "parse_periods", "parse_thai_date",
              "find_rate_formulas", "line_amount", "paragraph_budget", "strip_page_furniture",
              "plan_title", "tokenize", "find_formulas")


def cpu_seconds(name: str, text: str) -> float:
    started = time.process_time()
    SCANNERS[name](text)
    return time.process_time() - started


@settings(max_examples=3, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FOUND_SLOW), st.sampled_from(ADVERSARIAL_UNITS))
def test_work_grows_linearly_with_the_input(name: str, unit: str) -> None:
    small = cpu_seconds(name, repeated(unit, SMALL))
    large = cpu_seconds(name, repeated(unit, LARGE))
    assert large <= RATIO_BOUND * max(small, NOISE_FLOOR), (name, unit, small, large)


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
