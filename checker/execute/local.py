"""One machine: this process (workers=1), or a process pool started with `spawn` (polars may hang in a
forked child). Batches go out as Arrow tables and results come back in input order."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator

import pyarrow as pa

from checker.execute.base import WorkerLost

RETRIES = 3  # times a batch is resubmitted after its worker died (killed, out of memory) before giving up
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_ORPHAN_CHECK_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """A worker's initializer: the worker ends when the process that started it does (killed, out of
    memory), instead of living on as an orphan holding its memory. Linux delivers SIGKILL at the parent's
    death (prctl PR_SET_PDEATHSIG); elsewhere a thread notices the worker has been handed to another parent."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the request was made
            os._exit(1)
        return
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_ORPHAN_CHECK_SECONDS)
    os._exit(1)


class LocalExecutor:
    def __init__(self, workers: int | None = None, *, retries: int = RETRIES):
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.retries = retries
        self._pool: ProcessPoolExecutor | None = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=die_with_parent, initargs=(os.getpid(),)
            )
        return self._pool

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def map_batches(
        self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any, on_lost: Callable[[Any], Any] | None = None
    ) -> Iterator[Any]:
        source = iter(batches)
        first = next(source, None)
        second = next(source, None) if first is not None else None
        if first is None:
            return
        source = _chain(first, second, source)
        if self.workers == 1 or second is None:
            # One worker, or a single batch: starting processes would cost more than it saves.
            for batch in source:
                yield fn(batch, *args)
            return
        yield from self._map_in_pool(fn, source, args, on_lost)

    def _map_in_pool(
        self, fn: Callable[..., Any], source: Iterator[Any], args: tuple, on_lost: Callable[[Any], Any] | None
    ) -> Iterator[Any]:
        # Two batches per worker in flight: workers never wait for the reader, memory stays bounded.
        limit = 2 * self.workers
        pending: deque[list[Any]] = deque()  # [batch, future (None: given up), attempts], in input order
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                pending.append([batch, self._submit(fn, batch, args), 0])
            if not pending:
                return
            entry = pending[0]
            if entry[1] is None:  # given up on: what the caller makes of it
                pending.popleft()
                yield on_lost(entry[0])  # type: ignore[misc]  # only None when on_lost was given
                continue
            try:
                result = entry[1].result()
            except BrokenProcessPool:
                self._resubmit(pending, fn, args, on_lost)
                continue
            pending.popleft()
            yield result

    def _resubmit(self, pending: deque[list[Any]], fn: Callable[..., Any], args: tuple, on_lost: Callable[[Any], Any] | None) -> None:
        """A worker died and took the pool with it. Which batch killed it is unknown when several were in
        flight, so every unfinished one is rerun alone in a new pool, one after another: only a batch that
        kills its worker while alone is blamed, and given up on after `retries` such deaths. A batch that
        was merely beside the killer is never lost with it, whatever the scheduling (a gate that flaps on
        timing is worse than none). Results already finished are kept, so no fact is lost or doubled."""
        self._restart()
        for item in pending:
            if item[1] is None or (item[1].done() and not item[1].cancelled() and item[1].exception() is None):
                continue  # given up on, or finished before the crash: keep its result
            item[1] = self._run_alone(fn, item[0], args, on_lost)

    def _run_alone(self, fn: Callable[..., Any], batch: Any, args: tuple, on_lost: Callable[[Any], Any] | None) -> Future | None:
        """The batch's finished future (its result, or the exception fn raised), or None once it has killed
        its worker alone `retries` times (at least once: with retries=0 it still gets one run alone, so that
        the innocent are told from the guilty)."""
        deaths = 0
        while deaths < max(1, self.retries):
            future = self._submit(fn, batch, args)
            if not isinstance(future.exception(), BrokenProcessPool):  # waits for it
                return future
            self._restart()
            deaths += 1
        if on_lost is None:
            raise WorkerLost(f"a worker died {deaths} times on one batch run alone; giving up") from None
        return None

    def _submit(self, fn: Callable[..., Any], batch: Any, args: tuple) -> Future:
        try:
            return self._ensure_pool().submit(fn, batch, *args)
        except BrokenProcessPool:
            self._restart()
            return self._ensure_pool().submit(fn, batch, *args)

    def apply_groups(self, fn: Callable[..., Any], blocks: Iterable[pa.Table], *args: Any) -> Iterator[Any]:
        return self.map_batches(fn, blocks, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        self._pool = None

    def __enter__(self) -> "LocalExecutor":
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    def abort(self) -> None:
        """Stop at once (an error, Ctrl-C, SIGTERM): the batches in flight are not waited for, and the
        workers are ended rather than left to finish them."""
        if self._pool is None:
            return
        # No public way to end a pool's workers before Python 3.14 (ProcessPoolExecutor.terminate_workers).
        workers = list(self._pool._processes.values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            worker.terminate()
        self._pool = None


def _chain(first: Any, second: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    if second is not None:
        yield second
        yield from rest
