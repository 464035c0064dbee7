"""The README's PDF benchmark table states the figures of the last `make bench` run
(bench/results/pdf_bench.json, written by bench/pdf_bench.py), row for row, so neither can
change without the other. Nothing is timed here: the bench measures, this only reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PDF_RESULTS = ROOT / "bench" / "results" / "pdf_bench.json"


def speed(run: dict[str, Any]) -> str:
    return f"{run['pages_per_s']} pages/s, {run['cpu_seconds']} CPU s, {run['peak_rss_mb']} MB"


def expected_row(row: dict[str, Any]) -> list[str]:
    """One table row as README.md writes it, from one result of pdf_bench.json."""
    return [row["document"], str(row["pages"]), speed(row["pdfplumber_extract_text"]),
            speed(row["pypdfium2_get_text_range"]), speed(row["read_pdf_extract_plan"]),
            str(row["ratio"]), speed(row["read_pdf_extract_plan_pdfium"]),
            str(row["pdfium_ratio"]), str(row["pdfium_cpu_ratio"]),
            str(row["pdfium_vs_pdfium_text"])]


def readme_pdf_rows() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    start = text.index("**PDF** (`bench/pdf_bench.py`)")
    section = text[start:text.index("\n**", start + 1)]
    lines = [line for line in section.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[1:]]


def test_the_readme_pdf_table_is_the_last_bench_run() -> None:
    results = json.loads(PDF_RESULTS.read_text(encoding="utf-8"))["results"]
    assert readme_pdf_rows() == [expected_row(row) for row in results]
