"""The executor interface and the shuffle both executors share."""

from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator, Protocol

import pyarrow as pa
import pyarrow.compute as pc

from checker.errors import CheckerError
from checker.execute.spill import block_of


class WorkerLost(CheckerError):
    """A batch whose worker died more often than the executor retries."""


class Executor(Protocol):
    """Runs pure functions over Arrow tables. Results come back in input order, whatever order the work
    finished in, so every executor gives the same rows in the same order."""

    workers: int  # how many batches run at once

    def map_batches(
        self, fn: Callable[..., Any], batches: Iterable[Any], *args: Any, on_lost: Callable[[Any], Any] | None = None
    ) -> Iterator[Any]:
        """fn(batch, *args) for each batch, streamed: only a few batches per worker are in flight, so memory
        follows the batch size, not the length of `batches`. A batch whose worker died more often than the
        executor retries (a document that crashes extraction, or runs it out of memory, every time) gives
        on_lost(batch) in its place, or raises WorkerLost without `on_lost`."""
        ...

    def apply_groups(self, fn: Callable[..., Any], blocks: Iterable[pa.Table], *args: Any) -> Iterator[Any]:
        """fn(block, *args) for each block of whole groups (see partition_by_key), in block order."""
        ...

    def close(self) -> None: ...


def partition_by_key(table: pa.Table, key: str, partitions: int) -> list[pa.Table]:
    """The shuffle: rows hashed by `key` into at most `partitions` blocks, so every group (a story) lies in
    exactly one block, rows keeping their order within a block. Empty blocks are dropped."""
    if partitions <= 1 or table.num_rows == 0:
        return [table] if table.num_rows else []
    column = block_of(table.column(key), partitions)
    blocks = []
    for part in range(partitions):
        block = table.filter(pc.equal(column, part))
        if block.num_rows:
            blocks.append(block)
    return blocks
