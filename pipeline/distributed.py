"""Run the per-document tasks on a Dask cluster (`--executor dask [--scheduler ADDRESS]`).

The task is the same `convert_one` the local workers run; each Dask worker writes its
document's files straight into the shared output folder, so the folder must be visible
at the same path on every worker (a network file system on a real cluster). Only small
`DocResult`s travel back to this process, which alone updates the manifest.

The batch passes the task and its failure record in (`convert`, `failed`): this module
imports nothing of pipeline.batch at run time, so the two do not import each other.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from distributed import Client

    from pipeline.batch import BatchOptions, DocResult, Task
    from pipeline.pool import ConvertTask, FailedResult


DASK_LOG_LEVEL = logging.WARNING  # its INFO lines (scheduler, workers) would bury the summary


def _quiet_dask_logs() -> None:
    """distributed configures its own INFO handlers on import; keep only warnings."""
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(DASK_LOG_LEVEL)


def _client(options: BatchOptions) -> tuple[Client, object | None]:
    from distributed import Client, LocalCluster

    _quiet_dask_logs()

    if options.scheduler:
        return Client(options.scheduler), None
    cluster = LocalCluster(
        n_workers=max(1, options.workers),
        threads_per_worker=1,  # one document in memory per worker process
        # the memory ceiling: the nanny restarts a worker past it, its task becomes a row
        memory_limit=options.limits.worker_memory_bytes,
        processes=True,
        dashboard_address=None,
        silence_logs=DASK_LOG_LEVEL,
    )
    return Client(cluster), cluster


def run_on_dask(
    todo: Sequence[Task], out_dir: Path, options: BatchOptions,
    convert: ConvertTask, failed: FailedResult,
) -> Iterator[DocResult]:
    from distributed import as_completed

    client, cluster = _client(options)
    try:
        futures = {
            client.submit(convert, source, str(out_dir.resolve()), sha, options.timeout,
                          options.vocabulary, copies, options.limits, options.pdf_engine,
                          key=f"convert-{sha[:16]}-{index}", pure=False): (source, sha, copies)
            for index, (source, sha, copies) in enumerate(todo)
        }
        for future in as_completed(futures):
            source, sha, copies = futures[future]
            try:
                yield future.result()
            except OSError:
                raise  # the output folder cannot be written: the batch stops
            except Exception as exc:  # a worker died or the task raised: record, go on
                yield failed(source, sha, out_dir, f"Dask task failed: {exc}", copies)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()  # type: ignore[attr-defined]
