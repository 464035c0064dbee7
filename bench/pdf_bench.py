"""PDF benchmark: full extraction against pdfplumber's own `extract_text`, same pages.

    .venv/bin/python -m bench.pdf_bench            (also run by `make bench`)

For the sample plan's PDF (tests/fixtures/pdf/yasothon2-fy2563.pdf, 100 pages, tagged as Word
and LibreOffice export it: read by its structure tree), the same plan exported untagged
(read by its layout), and a larger tagged one (the sample's projects three times over, made
once with LibreOffice into bench/out/), each measurement runs in a fresh subprocess, so the
figures do not share caches or memory:

* `pdfplumber.extract_text`: open, `page.extract_text()` on every page, close each page;
* `pypdfium2 get_text_range`: open, each page's text page and its whole text, close;
* `read_pdf + extract_plan`: our reader (text, tables, furniture, joins) and the plan
  extractor, i.e. everything `process_file` does short of writing Parquet, once with
  each PDF engine (`pdfium`, the default, and `--pdf-engine pdfplumber`).

Time is wall time of the work in the subprocess (imports excluded, first-use costs such as
loading the Thai word list included), best of `REPEATS`, the four measurements of a
document taking turns (`measure_together`), and the CPU time of the same work (the least
of the runs: on a shared machine wall time counts the other processes' turns, CPU time
much less); memory is the subprocess's peak resident set size (VmHWM: `_PEAK`). Issue 12
asks for full extraction at >= 2x the speed of pdfplumber's `extract_text`; `ratio` and
`pdfium_ratio` are our pages/s (pdfplumber engine, pdfium engine) over `extract_text`'s,
`pdfium_cpu_ratio` `extract_text`'s CPU time over ours with pdfium, `pdfium_vs_pdfium_text`
ours with pdfium over pypdfium2's plain text, all measured in one run. Results go to
bench/results/pdf_bench.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = Path(__file__).parent / "results"
OUT: Final = Path(__file__).parent / "out"
SAMPLE: Final = ROOT / "tests" / "fixtures" / "pdf" / "yasothon2-fy2563.pdf"
SAMPLE_UNTAGGED: Final = ROOT / "tests" / "fixtures" / "pdf" / "yasothon2-fy2563-untagged.pdf"
SAMPLE_SPEC: Final = "yasothon2-fy2563"
LARGE_NAME: Final = "yasothon2-fy2563-x3-tagged"
COPIES: Final = 3
REPEATS: Final = 3
TIMEOUT_S: Final = 900

# The process's own peak resident set (VmHWM). Linux carries `ru_maxrss` over `exec`, so a
# subprocess forked from this (larger) process would report this process's peak instead.
_PEAK = """
def PEAK_RSS_MB():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""
# Each snippet prints one JSON line: pages, seconds (wall), CPU seconds, peak RSS in MB.
_PLUMBER = """
import json, resource, sys, time
import pdfplumber
start, cpu = time.perf_counter(), time.process_time()
with pdfplumber.open(sys.argv[1]) as pdf:
    pages = len(pdf.pages)
    for page in pdf.pages:
        page.extract_text()
        page.close()
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"pages": pages, "seconds": seconds, "cpu_seconds": cpu_seconds,
                  "peak_rss_mb": PEAK_RSS_MB()}))
"""
_PDFIUM_TEXT = """
import json, resource, sys, time
import pypdfium2
start, cpu = time.perf_counter(), time.process_time()
pdf = pypdfium2.PdfDocument(sys.argv[1])
pages = len(pdf)
for index in range(pages):
    page = pdf[index]
    text_page = page.get_textpage()
    text_page.get_text_range()
    text_page.close()
    page.close()
pdf.close()
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"pages": pages, "seconds": seconds, "cpu_seconds": cpu_seconds,
                  "peak_rss_mb": PEAK_RSS_MB()}))
"""
_OURS = """
import json, os, resource, sys, time
from pathlib import Path
os.environ["PYTHAINLP_OFFLINE"] = "1"
from pipeline.read.pdf_reader import read_pdf
from pipeline.extract.plan import extract_plan
start, cpu = time.perf_counter(), time.process_time()
document = read_pdf(Path(sys.argv[1]), engine=sys.argv[2])
plan = extract_plan(document)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"pages": document.n_pages, "seconds": seconds, "cpu_seconds": cpu_seconds,
                  "projects": len(plan.projects),
                  "peak_rss_mb": PEAK_RSS_MB()}))
"""


def run_once(snippet: str, pdf: Path, *args: str) -> dict[str, Any]:
    """One fresh-subprocess run of `snippet` on `pdf`."""
    done = subprocess.run([sys.executable, "-c", _PEAK + snippet, str(pdf), *args],
                          capture_output=True, text=True, check=True, timeout=TIMEOUT_S,
                          cwd=ROOT)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def best_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    best = dict(min(runs, key=lambda r: r["seconds"]))
    best["pages_per_s"] = round(best["pages"] / best["seconds"], 1)
    best["seconds"] = round(best["seconds"], 2)
    # the least CPU time of the runs: what the work costs, whatever else the machine ran
    best["cpu_seconds"] = round(min(r["cpu_seconds"] for r in runs), 2)
    best["peak_rss_mb"] = round(max(r["peak_rss_mb"] for r in runs), 1)
    return best


def measure_together(jobs: list[tuple[str, tuple[str, ...]]], pdf: Path
                     ) -> list[dict[str, Any]]:
    """Best of REPEATS runs of each (snippet, args) job on `pdf`, the jobs taking turns
    (one run of each per round), so that a change in the shared machine's load falls on
    all of them alike and the ratios between them hold."""
    runs: list[list[dict[str, Any]]] = [[] for _ in jobs]
    for _ in range(REPEATS):
        for found, (snippet, args) in zip(runs, jobs, strict=True):
            found.append(run_once(snippet, pdf, *args))
    return [best_of(found) for found in runs]


def large_pdf() -> Path | None:
    """The sample's projects COPIES times in one plan, rendered once (needs LibreOffice)."""
    target = OUT / f"{LARGE_NAME}.pdf"
    if target.exists():
        return target
    from tests.fixtures.build import render
    from tests.fixtures.build_pdf import soffice, to_pdf
    from tests.fixtures.spec import load_all_specs

    try:
        soffice()
    except SystemExit:
        return None
    spec = next(s for s in load_all_specs() if s["name"] == SAMPLE_SPEC)
    blocks = spec["blocks"]
    first_project = next(i for i, b in enumerate(blocks)
                         if b["type"] == "paragraph" and b.get("text") == "โครงการ")
    projects = blocks[first_project:]
    spec = {**spec, "name": LARGE_NAME, "blocks": blocks + projects * (COPIES - 1)}
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pdf-bench-") as tmp:
        source = Path(tmp) / f"{LARGE_NAME}.docx"
        source.write_bytes(render(spec))
        to_pdf(source, target)
    return target


def run() -> dict[str, Any]:
    documents = [("sample", SAMPLE), ("untagged", SAMPLE_UNTAGGED)]
    large = large_pdf()
    if large is not None:
        documents.append((f"sample x{COPIES}", large))
    rows = []
    for label, pdf in documents:
        plumber, text, ours, pdfium = measure_together(
            [(_PLUMBER, ()), (_PDFIUM_TEXT, ()), (_OURS, ("pdfplumber",)),
             (_OURS, ("pdfium",))], pdf)
        rows.append({
            "document": label,
            "path": str(pdf.relative_to(ROOT)),
            "pages": ours["pages"],
            "pdfplumber_extract_text": plumber,
            "pypdfium2_get_text_range": text,
            "read_pdf_extract_plan": ours,
            "read_pdf_extract_plan_pdfium": pdfium,
            "ratio": round(ours["pages_per_s"] / plumber["pages_per_s"], 2),
            "pdfium_ratio": round(pdfium["pages_per_s"] / plumber["pages_per_s"], 2),
            "pdfium_cpu_ratio": round(plumber["cpu_seconds"] / pdfium["cpu_seconds"], 2),
            "pdfium_vs_pdfium_text": round(pdfium["pages_per_s"] / text["pages_per_s"], 3),
        })
    return {"python": sys.version.split()[0], "repeats": REPEATS, "results": rows}


def report(result: dict[str, Any]) -> str:
    lines = [f"{'document':<12} {'pages':>5}  {'extract_text p/s':>16} {'CPU s':>6} {'MB':>6}  "
             f"{'read+extract p/s':>16} {'CPU s':>6} {'ratio':>5}  {'pdfium p/s':>10} "
             f"{'CPU s':>6} {'MB':>6}  {'ratio':>5} {'CPU':>5}  {'pdfium text p/s':>15} "
             f"{'vs it':>5}"]
    for row in result["results"]:
        a, b = row["pdfplumber_extract_text"], row["read_pdf_extract_plan"]
        c, t = row["read_pdf_extract_plan_pdfium"], row["pypdfium2_get_text_range"]
        lines.append(f"{row['document']:<12} {row['pages']:>5}  {a['pages_per_s']:>16} "
                     f"{a['cpu_seconds']:>6} {a['peak_rss_mb']:>6}  {b['pages_per_s']:>16} "
                     f"{b['cpu_seconds']:>6} {row['ratio']:>5}  {c['pages_per_s']:>10} "
                     f"{c['cpu_seconds']:>6} {c['peak_rss_mb']:>6}  {row['pdfium_ratio']:>5} "
                     f"{row['pdfium_cpu_ratio']:>5}  {t['pages_per_s']:>15} "
                     f"{row['pdfium_vs_pdfium_text']:>5}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    # No options: parsing still answers --help instead of running (and overwriting) the bench.
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    result = run()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "pdf_bench.json").write_text(json.dumps(result, indent=1) + "\n")
    print(report(result))
    print(f"(ratio = our pages/s over pdfplumber extract_text's, with each engine; the"
          f" issue asks for >= 2 with pdfium; CPU = extract_text's CPU time over ours with"
          f" pdfium; 'vs it' = ours with pdfium over pypdfium2's get_text_range) -> "
          f"{RESULTS / 'pdf_bench.json'}")


if __name__ == "__main__":
    main()
