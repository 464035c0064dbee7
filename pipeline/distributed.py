"""Run the per-document tasks on a Dask cluster (`--executor dask [--scheduler ADDRESS]`).

The task is the same `convert_one` the local workers run; each Dask worker writes its
document's files straight into the shared output folder, so the folder must be visible
at the same path on every worker (a network file system on a real cluster). Only small
`DocResult`s travel back to this process, which alone updates the manifest.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.batch import BatchOptions, DocResult, convert_one, failed_result

if TYPE_CHECKING:
    from distributed import Client


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
        processes=True,
        dashboard_address=None,
        silence_logs=DASK_LOG_LEVEL,
    )
    return Client(cluster), cluster


def run_on_dask(
    todo: Sequence[tuple[str, str]], out_dir: Path, options: BatchOptions
) -> Iterator[DocResult]:
    from distributed import as_completed

    client, cluster = _client(options)
    try:
        futures = {
            client.submit(convert_one, source, str(out_dir.resolve()), sha, options.timeout,
                          options.vocabulary, options.pdf_engine,
                          key=f"convert-{sha[:16]}-{index}",
                          pure=False): (source, sha)
            for index, (source, sha) in enumerate(todo)
        }
        for future in as_completed(futures):
            source, sha = futures[future]
            try:
                yield future.result()
            except OSError:
                raise  # the output folder cannot be written: the batch stops
            except Exception as exc:  # a worker died or the task raised: record, go on
                yield failed_result(source, sha, out_dir, f"Dask task failed: {exc}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()  # type: ignore[attr-defined]
