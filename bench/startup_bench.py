"""Start-up benchmark: `python -m pipeline --help` and a one-document job, fresh processes.

    .venv/bin/python -m bench.startup_bench        (also run by `make bench`)

Each figure is the median of RUNS fresh subprocesses (wall time, measured outside):

* `python -c pass`: the interpreter alone, the floor of any command;
* `python -m pipeline --help`: parser with every subcommand (the issue asks < 0.3 s);
* a one-document job: `python -m pipeline extract <school-fy2566.docx> --out <tmp>
  --force --quiet`, run as a `-c` snippet that also times `run_batch` inside the process,
  so the job splits into start-up (interpreter, imports, parser) and work (read, extract,
  write Parquet, with the first-use costs such as pyarrow loading pandas).

Results go to bench/results/startup_bench.json.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS: Final = Path(__file__).parent / "results"
DOCUMENT: Final = ROOT / "tests" / "fixtures" / "docx" / "school-fy2566.docx"
RUNS: Final = 7
TIMEOUT_S: Final = 300

# The CLI's own main(), with run_batch timed: prints the seconds spent inside it.
_JOB = """
import sys, time
import pipeline.batch as batch
spent = []
run_batch = batch.run_batch
def timed(*args, **kwargs):
    start = time.perf_counter()
    try:
        return run_batch(*args, **kwargs)
    finally:
        spent.append(time.perf_counter() - start)
batch.run_batch = timed
from pipeline.cli import main
code = main(sys.argv[1:])
print("WORK", spent[0], file=sys.stderr)
raise SystemExit(code)
"""


def _wall(argv: list[str]) -> tuple[float, str]:
    env = {**os.environ, "PYTHAINLP_OFFLINE": "1"}
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=TIMEOUT_S, check=True)
    return time.perf_counter() - start, done.stderr


def _median(argv: list[str]) -> float:
    return statistics.median(_wall(argv)[0] for _ in range(RUNS))


def _job() -> dict[str, float]:
    walls, works = [], []
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        argv = [sys.executable, "-c", _JOB, "extract", str(DOCUMENT), "--out", tmp,
                "--force", "--quiet"]
        for _ in range(RUNS):
            wall, stderr = _wall(argv)
            work = float(next(line.split()[1] for line in stderr.splitlines()
                              if line.startswith("WORK ")))
            walls.append(wall)
            works.append(work)
    wall, work = statistics.median(walls), statistics.median(works)
    return {"seconds": round(wall, 3), "work_seconds": round(work, 3),
            "startup_seconds": round(wall - work, 3),
            "startup_share": round((wall - work) / wall, 3)}


def run() -> dict[str, Any]:
    interpreter = _median([sys.executable, "-c", "pass"])
    help_seconds = _median([sys.executable, "-m", "pipeline", "--help"])
    return {
        "python": sys.version.split()[0],
        "runs": RUNS,
        "interpreter_seconds": round(interpreter, 3),
        "help_seconds": round(help_seconds, 3),
        "one_document_job": {"document": str(DOCUMENT.relative_to(ROOT)), **_job()},
    }


def main() -> None:
    result = run()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "startup_bench.json").write_text(json.dumps(result, indent=1) + "\n")
    job = result["one_document_job"]
    print(f"python -c pass:            {result['interpreter_seconds']:.3f} s")
    print(f"python -m pipeline --help: {result['help_seconds']:.3f} s (the issue asks < 0.3 s)")
    print(f"one-document job:          {job['seconds']:.3f} s = start-up"
          f" {job['startup_seconds']:.3f} s ({job['startup_share']:.0%}) + work"
          f" {job['work_seconds']:.3f} s  (median of {result['runs']})"
          f" -> {RESULTS / 'startup_bench.json'}")


if __name__ == "__main__":
    main()
