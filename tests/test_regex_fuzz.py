"""bench/regex_fuzz.py finds every pattern of the package and probes it the way the package
calls it (issue 10 item 6). Nothing is timed here: the bench measures, this checks what it
collects, the words it probes with and the modes it reads from the source.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from bench import regex_fuzz
from pipeline.normalize.vocabulary import plan
from pipeline.read import pdf_paragraphs

RESULTS = Path(__file__).resolve().parents[1] / "bench" / "results" / "regex_fuzz.json"


def test_the_collector_finds_module_patterns_and_patterns_inside_tuples() -> None:
    patterns = regex_fuzz.package_patterns()
    assert patterns["pipeline.normalize.vocabulary.plan.DISTRICT_RE"] is plan.DISTRICT_RE
    assert patterns["pipeline.read.pdf_paragraphs.NUMBER_TAIL_RE"] is pdf_paragraphs.NUMBER_TAIL_RE
    in_tuples = [name for name in patterns if name.startswith(
        "pipeline.normalize.vocabulary.plan.BUDGET_COLUMN_PATTERNS[")]
    assert len(in_tuples) >= 5
    assert not any(name.startswith("pipeline.__main__") for name in patterns)


def test_probe_words_are_the_literal_runs_of_every_branch_longest_first() -> None:
    pattern = re.compile(r"(?:ยุทธศาสตร์|กลยุทธ์)\s*ที่\s*+(\d+)|ข้อ(?=\s)")
    assert regex_fuzz.probe_words(pattern) == ["", "ยุทธศาสตร์", "กลยุทธ์", "ข้อ", "ที่"]


def test_call_modes_are_read_from_how_the_source_calls_the_pattern() -> None:
    sources = {"a.py": "X_RE.match(text, end)\nY_RE.finditer(line)\nZ_RE.fullmatch(s)\n"
                       "X_RE.fullmatch(t)\n"}
    assert regex_fuzz.call_modes("m.X_RE", sources) == {"match", "fullmatch"}
    assert regex_fuzz.call_modes("m.Y_RE", sources) == {"search"}
    assert regex_fuzz.call_modes("m.W_RE", sources) == {"search"}  # called nowhere by name
    assert regex_fuzz.call_modes("m.TABLE[3]", sources) == {"search"}


def test_a_probe_is_superlinear_only_past_the_growth_bound_and_the_noise_floor() -> None:
    quadratic = regex_fuzz.Probe("p", "search", "", " ", 0.001, 0.064)
    linear = regex_fuzz.Probe("p", "search", "", " ", 0.001, 0.008)
    tiny = regex_fuzz.Probe("p", "search", "", " ", 0.00001, 0.001)
    assert [p.superlinear for p in (quadratic, linear, tiny)] == [True, False, False]
    assert regex_fuzz.probe_text("หน้า", " ", 3) == "หน้า   x"


def test_the_last_fuzz_run_found_no_superlinear_pattern() -> None:
    """The README states it; the JSON is the last full run's record, and it must have seen
    every pattern there is now (a new pattern: run `python -m bench.regex_fuzz`)."""
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    assert results["superlinear"] == [] and results["not_returning"] == []
    assert results["patterns"] == len(regex_fuzz.package_patterns())
    readme = " ".join((RESULTS.parents[2] / "README.md").read_text(encoding="utf-8").split())
    section = readme[readme.index("**Patterns** (`bench/regex_fuzz.py`)"):]
    assert f"({results['patterns']}, with those inside tables" in section
    assert f"{results['probes']:,} probes, 0 superlinear, 0 not returning" in section
    assert f"{results['sizes'][0]} and {results['sizes'][1]:,} copies" in section
