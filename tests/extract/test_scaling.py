"""Extraction work grows linearly with the plan (issue 12 item 2).

One run builds the sample plan with its 11 project sections written 3 times (33 projects,
~290 printed pages) and 12 times (132 projects, ~1,100 pages: a 1,000-page plan), reads and
extracts both, and compares the two sizes: operations counted (text cleaning calls, name
normalisations) and, with a generous bound, wall time. Never a fixed time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pytest

import pipeline.extract.linking as linking
import pipeline.extract.plan as plan_module
from pipeline.normalize import text
from pipeline.read.docx_reader import read_docx
from tests.fixtures.build import render
from tests.fixtures.spec import SPECS_DIR, load_spec
from tests.fixtures.spec_edit import repeat_projects

BASE = "yasothon2-fy2563"
SMALL, LARGE = 3, 12  # copies of the project sections: N and 4N projects
# Linear work: 4x the projects may cost at most this much more than 4x the operations
# (the cover, the summary and the strategy text do not grow with the copies).
COUNT_SLACK = 1.1
# 4x the projects in at most 6x the time (linear with room for a loaded machine; work
# that grew with the square of the projects would take ~16x).
TIME_RATIO_BOUND = 6.0


@dataclass
class Run:
    projects: int
    seconds: float
    clean_calls: int  # clean_text/compact calls on cacheable strings (hits + misses)
    normalised_names: int  # normalise_name calls
    linked_names: int  # names handed to link_names (projects + summary rows, every call)


def _extract(path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    names = {"normalised": 0, "linked": 0}
    normalise, link = linking.normalise_name, plan_module.link_names

    def counting_normalise(name: str) -> str:
        names["normalised"] += 1
        return normalise(name)

    def counting_link(projects: list[str], summaries: list[str]) -> object:
        names["linked"] += len(projects) + len(summaries)
        return link(projects, summaries)

    with monkeypatch.context() as patch:
        patch.setattr(linking, "normalise_name", counting_normalise)
        patch.setattr(plan_module, "link_names", counting_link)
        text._clean_cached.cache_clear()
        text._compact_cached.cache_clear()
        started = time.perf_counter()
        plan = plan_module.extract_plan(read_docx(path))
        seconds = time.perf_counter() - started
    info, compact_info = text._clean_cached.cache_info(), text._compact_cached.cache_info()
    return Run(len(plan.projects), seconds,
               info.hits + info.misses + compact_info.hits + compact_info.misses,
               names["normalised"], names["linked"])


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, Run]:
    folder = tmp_path_factory.mktemp("scaling")
    paths = []
    for copies in (SMALL, LARGE):
        path = folder / f"{BASE}-x{copies}.docx"
        path.write_bytes(render(repeat_projects(load_spec(SPECS_DIR / f"{BASE}.json"), copies)))
        paths.append(path)
    with pytest.MonkeyPatch.context() as monkeypatch:
        small, large = (_extract(path, monkeypatch) for path in paths)
    return small, large


def test_generated_sizes(runs: tuple[Run, Run]) -> None:
    small, large = runs
    assert large.projects == 4 * small.projects == 4 * 3 * 11


def test_text_cleaning_calls_grow_linearly(runs: tuple[Run, Run]) -> None:
    small, large = runs
    assert large.clean_calls / large.projects <= COUNT_SLACK * small.clean_calls / small.projects


def test_each_name_normalised_at_most_once_per_link(runs: tuple[Run, Run]) -> None:
    for run in runs:  # (a call with no summary names, or no project names, normalises none)
        assert 0 < run.normalised_names <= run.linked_names
    small, large = runs
    assert large.linked_names / large.projects <= COUNT_SLACK * small.linked_names / small.projects


def test_time_per_project_does_not_grow(runs: tuple[Run, Run]) -> None:
    small, large = runs
    ratio = large.seconds / small.seconds
    assert ratio < TIME_RATIO_BOUND, f"4x the projects took {ratio:.1f}x the time"
