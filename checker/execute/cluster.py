"""Dask: the same two steps as dask.distributed futures (the task API; dask.dataframe would force
pandas). Without a scheduler address a LocalCluster of worker processes is started and stopped with the
run; with one (tcp://host:8786, from the Kubernetes operator, dask-jobqueue or Coiled) the run uses it.

The scheduler reschedules the tasks of a worker that disappears (distributed.scheduler.allowed-failures),
and `retries` resubmits a task that failed; results are taken in submission order, each once, so a lost
worker neither loses nor doubles facts."""

from __future__ import annotations

import os
from collections import deque
from typing import Any, Callable, Iterable, Iterator

import pyarrow as pa

from checker.errors import CheckerError
from checker.execute.base import WorkerLost

RETRIES = 3


class DaskExecutor:
    def __init__(self, *, workers: int | None = None, scheduler: str | None = None, retries: int = RETRIES):
        try:
            from distributed import Client, LocalCluster  # lazy: dask is an optional extra (checker[dask])
        except ImportError:
            raise CheckerError("--engine dask needs dask.distributed: pip install 'checker[dask]'") from None
        self.retries = retries
        self._cluster = None
        if scheduler:
            try:
                self._client = Client(scheduler, timeout="30s")
            except OSError as err:
                raise CheckerError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from None
        else:
            # One thread per worker process: extraction is pure Python and holds the GIL.
            self._cluster = LocalCluster(
                n_workers=max(1, workers or os.cpu_count() or 1),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self._client = Client(self._cluster)
        self.workers = max(1, sum(self._client.nthreads().values()))

    def map_batches(
        self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any, on_lost: Callable[[Any], Any] | None = None
    ) -> Iterator[Any]:
        # A bounded window of futures, collected in order: the driver never holds more than a few batches
        # per worker, and the output order is the input order whatever finished first.
        limit = 2 * self.workers
        pending: deque[Any] = deque()
        for batch in batches:
            pending.append((batch, self._client.submit(fn, batch, *args, retries=self.retries, pure=False)))
            if len(pending) >= limit:
                yield self._take(*pending.popleft(), on_lost)
        while pending:
            yield self._take(*pending.popleft(), on_lost)

    def _take(self, batch: Any, future: Any, on_lost: Callable[[Any], Any] | None) -> Any:
        from distributed import KilledWorker  # lazy: dask is an optional extra (checker[dask])

        try:
            result = future.result()
        except KilledWorker as err:  # the scheduler gave up after allowed-failures lost workers
            if on_lost is not None:
                return on_lost(batch)
            raise WorkerLost(f"Dask workers died repeatedly on one batch; giving up ({err})") from None
        future.release()
        return result

    def apply_groups(self, fn: Callable[..., Any], blocks: Iterable[pa.Table], *args: Any) -> Iterator[Any]:
        return self.map_batches(fn, blocks, *args)

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> "DaskExecutor":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
