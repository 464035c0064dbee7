"""report.html: self-contained, Thai, escaped, counts with stable ids, amounts in baht."""

from __future__ import annotations

import os

os.environ["PYTHAINLP_OFFLINE"] = "1"

import re
from typing import Any

import pandas as pd
import pytest

from pipeline.diff.extraction import diff_table
from pipeline.diff.labels import amounts, baht, display_value, thai_date, thai_months
from pipeline.diff.model import Change, PlanDiff
from pipeline.diff.report_html import render_extraction_report, render_plan_report

EVIL = 'สภากาแฟ <script>alert("x")</script> & ๒๕๖๔'


def sample_diff() -> PlanDiff:
    common: dict[str, Any] = {"old_fiscal_year": 2563, "new_fiscal_year": 2564}
    changes = [
        Change("field_changed", "a-001", "b-001", EVIL, EVIL, "budget_summary", "58800.00",
               "60000.00", 1.0, **common),
        Change("field_changed", "a-001", "b-001", EVIL, EVIL, "budget_lines",
               "operating 150000.00, total 150000.00", "operating 130000.00, total 130000.00",
               1.0, item="กิจกรรม <b>นิเทศ</b>", aspect="amounts", **common),
        Change("renamed", "a-002", "b-002", "จัดระบบข้อมูล สพป.ยโสธร เขต ๒",
               "พัฒนาระบบข้อมูล สพป.ยโสธร เขต 2", "name", None, None, 0.93, **common),
        Change("removed", "a-003", None, "บูรณาการเครือข่าย", None, **common),
        Change("added", None, "b-004", None, "ป้องกัน COVID-19", **common),
        Change("field_changed", None, None, None, None, "summary_total", "763800.00",
               "753800.00", None, item="ยุทธศาสตร์ที่ 6", **common),
    ]
    matches = pd.DataFrame({"status": ["changed", "renamed", "unchanged"],
                            "new_name": [EVIL, "พัฒนาระบบข้อมูล", "สพป.ยโสธร เขต 2 เข้มแข็ง"]})
    return PlanDiff(2563, 2564, "สพป.ยโสธร เขต ๒", "สพป.ยโสธร เขต ๒", "old/", "new/",
                    changes, matches)


@pytest.fixture(scope="module")
def html() -> str:
    return render_plan_report(sample_diff())


def test_page_is_thai_utf8_and_self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="th">' in html
    assert '<meta charset="utf-8">' in html
    assert "<style>" in html
    for external in ("http://", "https://", "src=", "<link", "<script", "@import", "url("):
        assert external not in html


def test_counts_have_stable_ids(html: str) -> None:
    counts = dict(re.findall(r'id="count-([a-z]+)">(\d+)<', html))
    assert counts == {"added": "1", "removed": "1", "renamed": "1", "changed": "1",
                      "unchanged": "1", "rows": "6"}


def test_every_text_is_escaped(html: str) -> None:
    assert "<script>alert" not in html and "<b>นิเทศ" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ๒๕๖๔" in html
    assert "&lt;b&gt;นิเทศ&lt;/b&gt;" in html


def test_names_as_written_and_amounts_in_baht(html: str) -> None:
    assert "จัดระบบข้อมูล สพป.ยโสธร เขต ๒" in html
    assert "พัฒนาระบบข้อมูล สพป.ยโสธร เขต 2" in html
    assert "58,800.00 บาท" in html and "60,000.00 บาท" in html
    assert "ค่าใช้สอย 150,000.00 บาท; รวม 150,000.00 บาท" in html
    assert "763,800.00 บาท" in html
    assert 'data-change="renamed"' in html and 'data-change="document"' in html


def test_no_changes_says_so() -> None:
    empty = render_plan_report(PlanDiff(2563, 2564, None, None, "a", "b"))
    assert 'id="no-changes"' in empty
    assert 'id="count-rows">0<' in empty


def test_extraction_report() -> None:
    old = pd.DataFrame({"doc_id": ["d"], "project_id": ["d-001"], "name": ["<เดิม>"]})
    new = pd.DataFrame({"doc_id": ["d"], "project_id": ["d-001"], "name": ["ใหม่"]})
    cells = pd.DataFrame(diff_table("projects", old, new))
    page = render_extraction_report(cells, "v1/", "v2/")
    assert 'id="count-changed">1<' in page and 'id="count-row-added">0<' in page
    assert "&lt;เดิม&gt;" in page
    assert 'id="no-changes"' in render_extraction_report(cells.iloc[0:0], "a", "b")


@pytest.mark.parametrize(("value", "shown"), [
    ("58800.00", "58,800.00 บาท"), ("0.50", "0.50 บาท"), (None, "-"), ("abc", "abc"),
])
def test_baht(value: str | None, shown: str) -> None:
    assert baht(value) == shown


def test_thai_dates_and_months() -> None:
    assert thai_date("2019-10-01") == "1 ต.ค. 2562"
    assert thai_months("2019-10, 2020-09") == "ต.ค. 2562, ก.ย. 2563"
    assert amounts("compensation 1.00, budget_subtotal null") == (
        "ค่าตอบแทน 1.00 บาท; เงินงบประมาณ -")
    assert display_value("start_date", None, "2020-10-01") == "1 ต.ค. 2563"
    assert display_value("schedule", "months", "2020-10") == "ต.ค. 2563"
    assert display_value("priority", None, "9") == "9"
