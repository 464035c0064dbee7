"""DOCX benchmark: full extraction against a naive python-docx walk of the same files.

    .venv/bin/python -m bench.docx_bench           (also run by `make bench`)

For each fixture plan (tests/fixtures/docx/) and the sample's projects written 3 times
over (bench/out/, built once by the fixture code), each measurement runs in a fresh
subprocess, so the figures do not share caches (the text-cleaning cache starts empty), the
two sides taking turns:

* naive walk: `docx.Document(path)`, then the text of every body paragraph and of every
  cell of every table (`row.cells`, nested tables included);
* `read_docx + extract_plan`: our reader (paragraphs, tables with spans and shading, page
  breaks, numbering) and the plan extractor, i.e. everything `process_file` does short of
  writing Parquet.

Time is wall time of the work in the subprocess (imports excluded, first-use costs
included), best of REPEATS. The issue asks for our side to take at most 2x the walk's
time; `ratio` is our seconds over the walk's. `cpu_ratio` is the same for the processes'
CPU time (best of REPEATS too), which other work on a shared machine disturbs less: wall
time also counts the waits for a core. Results go to bench/results/docx_bench.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = Path(__file__).parent / "results"
OUT: Final = Path(__file__).parent / "out"
FIXTURES: Final = ROOT / "tests" / "fixtures" / "docx"
DOCUMENTS: Final = ("yasothon2-fy2563", "yasothon2-fy2564", "school-fy2566", "secondary-fy2567")
LARGE_BASE: Final = "yasothon2-fy2563"
COPIES: Final = 3
REPEATS: Final = 9
TIMEOUT_S: Final = 900

# Each snippet prints one JSON line: seconds (and what it found).
_WALK = """
import json, sys, time
import docx
def walk(tables):
    cells = 0
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                cell.text
                cells += 1
                cells += walk(cell.tables)
    return cells
start, cpu = time.perf_counter(), time.process_time()
document = docx.Document(sys.argv[1])
paragraphs = [p.text for p in document.paragraphs]
cells = walk(document.tables)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "paragraphs": len(paragraphs),
                  "cells": cells}))
"""
_OURS = """
import json, os, sys, time
from pathlib import Path
os.environ["PYTHAINLP_OFFLINE"] = "1"
import docx  # imported by the reader on first use; imported before the clock, as the walk's
from pipeline.read.docx_reader import read_docx
from pipeline.extract.plan import extract_plan
start, cpu = time.perf_counter(), time.process_time()
document = read_docx(Path(sys.argv[1]))
read = time.perf_counter() - start
plan = extract_plan(document)
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "read_seconds": read,
                  "projects": len(plan.projects)}))
"""


def run_once(snippet: str, path: Path) -> dict[str, Any]:
    """One fresh-subprocess run of `snippet` on `path`: its JSON line."""
    done = subprocess.run([sys.executable, "-c", snippet, str(path)], capture_output=True,
                          text=True, check=True, timeout=TIMEOUT_S, cwd=ROOT)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def best_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest run (wall time), with the least CPU time of all runs."""
    best = dict(min(runs, key=lambda r: r["seconds"]))
    best["cpu_seconds"] = min(r["cpu_seconds"] for r in runs)
    return {key: round(value, 3) if isinstance(value, float) else value
            for key, value in best.items()}


def measure_pair(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Best of REPEATS runs of the walk and of ours, taken in turns (walk, ours, walk, ...)
    so that both sides meet the same moments of a shared machine's load."""
    walks, ours = [], []
    for _ in range(REPEATS):
        walks.append(run_once(_WALK, path))
        ours.append(run_once(_OURS, path))
    return best_of(walks), best_of(ours)


def large_docx() -> Path:
    """The sample's project sections COPIES times in one plan (built once)."""
    target = OUT / f"{LARGE_BASE}-x{COPIES}.docx"
    if not target.exists():
        from tests.fixtures.build import render
        from tests.fixtures.spec import SPECS_DIR, load_spec
        from tests.fixtures.spec_edit import repeat_projects

        OUT.mkdir(exist_ok=True)
        spec = repeat_projects(load_spec(SPECS_DIR / f"{LARGE_BASE}.json"), COPIES)
        target.write_bytes(render(spec))
    return target


def run() -> dict[str, Any]:
    documents = [(name, FIXTURES / f"{name}.docx") for name in DOCUMENTS]
    documents.append((f"sample x{COPIES}", large_docx()))
    rows = []
    for label, path in documents:
        walk, ours = measure_pair(path)
        rows.append({
            "document": label,
            "path": str(path.relative_to(ROOT)),
            "naive_walk": walk,
            "read_docx_extract_plan": ours,
            "ratio": round(ours["seconds"] / walk["seconds"], 2),
            "cpu_ratio": round(ours["cpu_seconds"] / walk["cpu_seconds"], 2),
        })
    return {"python": sys.version.split()[0], "repeats": REPEATS, "results": rows}


def report(result: dict[str, Any]) -> str:
    lines = [f"{'document':<18} {'cells':>6} {'walk s':>7} {'read s':>7} {'read+extract s':>15}"
             f" {'ratio':>6} {'cpu ratio':>9}"]
    for row in result["results"]:
        walk, ours = row["naive_walk"], row["read_docx_extract_plan"]
        lines.append(f"{row['document']:<18} {walk['cells']:>6} {walk['seconds']:>7} "
                     f"{ours['read_seconds']:>7} {ours['seconds']:>15} {row['ratio']:>6}"
                     f" {row['cpu_ratio']:>9}")
    return "\n".join(lines)


def main() -> None:
    result = run()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "docx_bench.json").write_text(json.dumps(result, indent=1) + "\n")
    print(report(result))
    print(f"(ratio = our seconds over the naive walk's, cpu ratio = the same in CPU seconds;"
          f" the issue asks for <= 2) -> {RESULTS / 'docx_bench.json'}")


if __name__ == "__main__":
    main()
