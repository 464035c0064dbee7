"""Batch benchmark: 1 vs 2 workers and an unchanged re-run over the generated corpus.

Reports documents/s, pages/s and the peak memory of a worker for each run (after the first
quarter of the documents and at the end: the same figure when memory stays flat across the
batch), and writes bench/results/batch_bench.json (quoted in the README).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import CORPUS_DIR, build_corpus
from pipeline.batch import BatchOptions, DocResult, run_batch

RESULTS = Path(__file__).parent / "results"


def _timed_run(inputs: Path, out: Path, workers: int, pages: dict[str, int | None],
               executor: str = "process") -> dict[str, Any]:
    peaks: list[float] = []
    done_pages = 0

    def progress(result: DocResult | None, total: int) -> None:
        nonlocal done_pages
        if result is not None:
            peaks.append(result.peak_rss_mb or 0.0)
            done_pages += pages.get(Path(result.source_path).name) or 0

    started = time.perf_counter()
    options = BatchOptions(workers=workers, executor=executor)
    summary = run_batch([inputs], out, options, progress=progress)
    seconds = time.perf_counter() - started
    return {
        "workers": workers,
        "executor": executor,
        "documents": summary.documents,
        "converted": summary.converted,
        "skipped_unchanged": summary.skipped_unchanged,
        "failed": summary.failed,
        "pages": done_pages,
        "seconds": round(seconds, 2),
        "documents_per_s": round(summary.converted / seconds, 2) if summary.converted else None,
        "pages_per_s": round(done_pages / seconds, 1) if done_pages else None,
        "peak_worker_rss_mb": round(max(peaks), 1) if peaks else None,
        # a worker's peak is its whole life's (ru_maxrss): flat memory means the peak after
        # the first quarter of the documents is the peak at the end
        "peak_worker_rss_mb_first_quarter": (round(max(peaks[:max(1, len(peaks) // 4)]), 1)
                                             if peaks else None),
    }


def run(n: int = 200) -> dict[str, Any]:
    pages = build_corpus(n)
    inputs = CORPUS_DIR / "plans"
    with tempfile.TemporaryDirectory(prefix="plan-bench-") as tmp:
        one_out, two_out = Path(tmp) / "one", Path(tmp) / "two"
        one = _timed_run(inputs, one_out, 1, pages)
        two = _timed_run(inputs, two_out, 2, pages)
        rerun = _timed_run(inputs, two_out, 2, pages)
        dask = _timed_run(inputs, Path(tmp) / "dask", 2, pages, executor="dask")
        shutil.rmtree(one_out)
    result = {
        "corpus": {"documents": len(pages), "pages": sum(p or 0 for p in pages.values()),
                   "pdf": sum(1 for name in pages if name.endswith(".pdf")),
                   "largest_pages": max((p or 0 for p in pages.values()), default=0)},
        "cpu_count": os.cpu_count(),
        "one_worker": one,
        "two_workers": two,
        "unchanged_rerun": rerun,
        "dask_local_two_workers": dask,
        "speedup_two_vs_one": round(one["seconds"] / two["seconds"], 2),
        "rerun_fraction_of_full": round(rerun["seconds"] / two["seconds"], 4),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "batch_bench.json").write_text(json.dumps(result, indent=1) + "\n")
    return result


def main() -> None:
    result = run()
    corpus = result["corpus"]
    print(f"corpus: {corpus['documents']} plans ({corpus['pdf']} PDF), {corpus['pages']} pages,"
          f" largest {corpus['largest_pages']} pages; {result['cpu_count']} cores")
    print(f"{'run':<24}{'seconds':>9}{'docs/s':>9}{'pages/s':>9}{'peak MB/worker':>16}"
          f"{'at 1/4':>8}")
    for label in ("one_worker", "two_workers", "unchanged_rerun", "dask_local_two_workers"):
        row = result[label]
        print(f"{label:<24}{row['seconds']:>9}{row['documents_per_s'] or 0:>9}"
              f"{row['pages_per_s'] or 0:>9}{row['peak_worker_rss_mb'] or 0:>16}"
              f"{row['peak_worker_rss_mb_first_quarter'] or 0:>8}")
    print(f"2 workers vs 1: {result['speedup_two_vs_one']}x;"
          f" unchanged re-run: {result['rerun_fraction_of_full']:.1%} of the full run")


if __name__ == "__main__":
    main()
