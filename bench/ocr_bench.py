"""OCR benchmark: scanned pages through the whole extraction, 1 and 2 worker processes.

    .venv/bin/python -m bench.ocr_bench            (also run by `make bench`)

The scan is the 150-dpi image-only PDF of tests/fixtures/pdf/secondary-fy2567.pdf (9 pages,
made by `tests.fixtures.scans`). Each worker is a fresh subprocess that runs `process_file`
on its own copy of the scan (one tesseract engine per process, the pages of a document in
the same worker); with 2 workers the two run at once. Time is wall time from start to end
(imports included: a worker is a whole `process_file` run, engine and Thai word list
loaded); memory is each worker's peak resident set size. Results go to bench/results/ocr_bench.json.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

from tests.fixtures.scans import ScanSettings, scan

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = Path(__file__).parent / "results"
PLAN: Final = "secondary-fy2567"
TIMEOUT_S: Final = 900

_WORKER = """
import json, os, resource, sys, time
from pathlib import Path
os.environ["PYTHAINLP_OFFLINE"] = "1"
from pipeline.process import process_file
start = time.perf_counter()
data = process_file(Path(sys.argv[1]))
seconds = time.perf_counter() - start
print(json.dumps({"pages": data.document.n_pages, "seconds": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_workers(paths: list[Path]) -> dict[str, Any]:
    """`paths` extracted at once, one subprocess each."""
    started = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", _WORKER, str(p)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True) for p in paths]
    outputs = [json.loads(p.communicate(timeout=TIMEOUT_S)[0].strip().splitlines()[-1])
               for p in procs]
    wall = time.perf_counter() - started
    pages = sum(o["pages"] for o in outputs)
    return {"workers": len(paths), "pages": pages, "wall_s": round(wall, 2),
            "s_per_page": round(wall / pages * len(paths), 3),
            "pages_per_s": round(pages / wall, 2),
            "peak_rss_mb_per_worker": round(max(o["peak_rss_mb"] for o in outputs), 1)}


def main() -> None:
    source = scan(PLAN, ScanSettings(dpi=150))
    results = []
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        copies = [Path(tmp) / f"scan-{i}.pdf" for i in range(2)]
        for copy in copies:
            shutil.copyfile(source, copy)
        for workers in (1, 2):
            result = run_workers(copies[:workers])
            results.append(result)
            print(f"{workers} worker(s): {result['pages']} pages in {result['wall_s']} s,"
                  f" {result['s_per_page']} s/page per worker, {result['pages_per_s']} pages/s,"
                  f" peak {result['peak_rss_mb_per_worker']} MB per worker")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ocr_bench.json").write_text(
        json.dumps({"scan": f"{PLAN} 150 dpi", "runs": results}, indent=2) + "\n")


if __name__ == "__main__":
    main()
