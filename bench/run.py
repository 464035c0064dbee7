"""`make bench`: every benchmark, each writing its figures to bench/results/.

Each benchmark runs in a fresh interpreter: Linux keeps a process's peak resident set size
across fork and exec, so a benchmark that grew this process (the batch run in process, a
document rendered for the corpus) would otherwise raise every later subprocess's memory
figure.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

BENCHMARKS = ("bench.startup_bench", "bench.docx_bench", "bench.pdf_bench",
              "bench.batch_bench", "bench.ocr_bench", "bench.regex_fuzz")
ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    failed = []
    for name in BENCHMARKS:
        if importlib.util.find_spec(name) is None:
            print(f"{name}: not available")
            continue
        print(f"== {name}", flush=True)
        if subprocess.run([sys.executable, "-m", name], cwd=ROOT, check=False).returncode:
            failed.append(name)
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
