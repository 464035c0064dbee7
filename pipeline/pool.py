"""The local worker pool of a batch (`--workers N`): documents on worker processes that
survive the death of one, each worker under the memory ceiling, ignoring Ctrl-C (the
coordinator stops the pool and tidies the folder) and ending itself when the coordinator
is gone.

Like pipeline.distributed, the batch passes its task and its failure record in
(`convert`, `failed`), so this module imports nothing of pipeline.batch at run time.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from pipeline.batch import BatchOptions, DocResult, Task
    from pipeline.limits import Limits
    from pipeline.normalize.vocabulary.office import OfficeVocabulary
    from pipeline.read.engines import PdfEngine

    # convert_one(source, out_dir, sha256, timeout, vocabulary, duplicates, limits,
    # pdf_engine)
    ConvertTask = Callable[
        [str, str, str, float, OfficeVocabulary, Sequence[str], Limits, PdfEngine],
        DocResult]

WATCHDOG_SECONDS = 1.0


class FailedResult(Protocol):
    """failed_result of pipeline.batch: the record of a document its worker could not give."""

    def __call__(self, source: str, sha256: str, out_dir: Path, message: str,
                 duplicates: Sequence[str] = (), *, stage: str = "worker",
                 error_type: str = "WorkerDied") -> DocResult: ...


def run_in_processes(
    todo: Sequence[Task], out_dir: Path, options: BatchOptions, workers: int,
    convert: ConvertTask, failed: FailedResult,
) -> Iterator[DocResult]:
    """Documents on a pool of worker processes, surviving the death of a worker.

    When a worker dies (killed, out of memory) every unfinished task of the pool fails;
    those are retried on a fresh pool, and a document that still kills its worker when
    run alone is recorded as failed so the batch completes.
    """
    broken: list[Task] = []
    for item, result in _pool_results(todo, out_dir, options, workers, convert, failed):
        if result is None:
            broken.append(item)
        else:
            yield result
    for task in broken:
        retry = next(iter(_pool_results([task], out_dir, options, 1, convert, failed)))[1]
        source, sha, copies = task
        yield retry or failed(source, sha, out_dir, "worker process died", copies)


def _start_worker(coordinator_pid: int, memory_bytes: int) -> None:
    """Pool initializer: a worker leaves Ctrl-C to the coordinator (which stops the pool
    and tidies the folder; a terminal sends it to the whole process group), takes the
    memory ceiling, then watches the coordinator."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_memory(memory_bytes)
    _watch_coordinator(coordinator_pid)


def limit_memory(memory_bytes: int) -> None:
    """Cap this process's address space (RLIMIT_AS), so a runaway document meets a
    MemoryError (an error row for that document) instead of the kernel's OOM killer
    ending the worker, or the machine. Only lowered: a stricter outer limit stays."""
    try:
        import resource
    except ImportError:  # not on Windows: the other limits still apply
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
    if soft == resource.RLIM_INFINITY or cap < soft:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def _watch_coordinator(coordinator_pid: int) -> None:
    """End this worker when the process that started the batch is gone (killed with
    SIGKILL, it cannot tell its workers), instead of leaving it waiting for work."""
    import threading
    import time

    def watch() -> None:
        while True:
            time.sleep(WATCHDOG_SECONDS)
            try:
                os.kill(coordinator_pid, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, name="coordinator-watchdog", daemon=True).start()


def _pool_results(
    todo: Sequence[Task], out_dir: Path, options: BatchOptions, workers: int,
    convert: ConvertTask, failed: FailedResult,
) -> Iterator[tuple[Task, DocResult | None]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    # No max_tasks_per_child: a pool that recycles its workers deadlocks once they have all
    # retired (CPython gh-115634, Python 3.11 to 3.15b3; seen here after workers x limit).
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=_start_worker,
                             initargs=(os.getpid(), options.limits.worker_memory_bytes)) as pool:
        futures = {pool.submit(convert, source, str(out_dir), sha, options.timeout,
                               options.vocabulary, copies, options.limits,
                               options.pdf_engine): (source, sha, copies)
                   for source, sha, copies in todo}
        try:
            for future in as_completed(futures):
                try:
                    yield futures[future], future.result()
                except BrokenProcessPool:
                    yield futures[future], None
                except MemoryError:  # past the ceiling outside process_file (writing)
                    source, sha, copies = futures[future]
                    yield futures[future], failed(
                        source, sha, out_dir, "ran out of memory under the limit"
                        " worker_memory_bytes", copies, stage="load",
                        error_type="LimitExceededError")
        except BaseException:  # an output error, Ctrl-C: do not convert what is left
            pool.shutdown(wait=True, cancel_futures=True)
            raise
