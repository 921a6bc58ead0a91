"""Executors: where the engine's two pure steps run.

    tasks.py    the steps themselves: extract_batch (a batch of documents -> documents, facts,
                rejected, summaries) and compare_block (the facts of whole stories -> findings), Arrow tables in and out
    base.py     the Executor interface (map over batches, apply per group) and the shuffle by story id
    local.py    this process (workers=1) or a spawn process pool, with a dead worker's batch resubmitted
    spill.py    facts on disk between the steps, and the shuffle into blocks of whole stories
    cluster.py  dask.distributed futures, on a LocalCluster or a scheduler address (pip install checker[dask])

Only Arrow tables (and the small arguments of a step) cross a process boundary, never polars frames.
"""

from __future__ import annotations

from checker.errors import CheckerError
from checker.execute.base import Executor, WorkerLost, partition_by_key
from checker.execute.cluster import DaskExecutor
from checker.execute.local import LocalExecutor


def executor_for(engine: str = "local", *, workers: int | None = 1, scheduler: str | None = None) -> Executor:
    """The executor named by `--engine`: "local" (workers=None: all cores) or "dask"."""
    if engine == "local":
        return LocalExecutor(workers)
    if engine == "dask":
        return DaskExecutor(workers=workers, scheduler=scheduler)
    raise CheckerError(f"unknown engine {engine!r}: use local or dask")


__all__ = ["Executor", "WorkerLost", "executor_for", "partition_by_key"]
