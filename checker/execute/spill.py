"""Facts on disk: what keeps a streamed run's memory to its batches, whatever the size of the corpus.

A streamed run (checker/engine.py check_streamed) writes each stretch of extracted facts to an Arrow IPC
file as it comes back from the workers, reads them back one file at a time to align them, writes the
aligned facts again (in input order: they are the run's `facts`), and deals the same rows into blocks of
whole stories for comparison (the shuffle). The folder lives in the system's temporary directory ($TMPDIR)
and is removed when the run's result is released, or at exit. A run that was killed cannot remove its
own: its folder is named after its process (checker-run-PID-...), and the next run removes the folders of
processes that no longer exist, its own user's only.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zlib
from pathlib import Path
from typing import Iterator

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc


PREFIX = "checker-run-"
_OWNED = re.compile(re.escape(PREFIX) + r"(\d+)-")


def sweep(folder: str | None = None) -> list[str]:
    """Remove the spill folders in `folder` (default: $TMPDIR) that runs now dead left behind (killed, out
    of memory, the machine reset): those named after a process that no longer exists and owned by this
    user. The names of the folders removed."""
    folder = folder or tempfile.gettempdir()
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        owner = _OWNED.match(entry.name)
        if owner is None or _alive(int(owner.group(1))):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
        except OSError:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


class Spill:
    """A temporary folder of Arrow IPC files, removed when the last object holding it is released."""

    def __init__(self) -> None:
        sweep()
        self._folder = tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-")
        self.path = Path(self._folder.name)
        self._written = 0

    def write(self, frame: pl.DataFrame) -> Path:
        """`frame` as a new file; its path."""
        path = self.path / f"{self._written:06d}.arrow"
        self._written += 1
        # LZ4: fact rows repeat much (kinds, zones, calendars, document ids) and it costs little CPU.
        frame.write_ipc(path, compression="lz4")
        return path

    def shuffle(self, partitions: int, key: str) -> "Shuffle":
        return Shuffle(self.path / f"blocks-{self._written:06d}", partitions, key)

    def close(self) -> None:
        self._folder.cleanup()


def read(path: Path) -> pl.DataFrame:
    # Read, not memory-mapped: mapped pages count as resident, and a file is read once and dropped.
    with pa.OSFile(str(path), "rb") as source:
        return pl.from_arrow(pa.ipc.open_file(source).read_all())


class Shuffle:
    """Rows dealt into `partitions` files by a hash of `key` (crc32: the same story lands in the same block
    in every process and run), so each block holds whole stories, rows in the order they were added.
    Only one batch of rows is in memory at a time; the files are Arrow IPC streams appended to as rows come."""

    def __init__(self, folder: Path, partitions: int, key: str) -> None:
        folder.mkdir()
        self.folder, self.partitions, self.key = folder, max(1, partitions), key
        self._writers: dict[int, pa.ipc.RecordBatchStreamWriter] = {}
        self._sinks: dict[int, pa.NativeFile] = {}

    def add(self, frame: pl.DataFrame) -> None:
        if frame.is_empty():
            return
        table = frame.to_arrow()
        buckets = block_of(table.column(self.key), self.partitions)
        for part in sorted(set(buckets.to_pylist())):
            block = table.filter(pc.equal(buckets, part))
            if part not in self._writers:
                self._sinks[part] = pa.OSFile(str(self.folder / f"{part:05d}.arrows"), "wb")
                options = pa.ipc.IpcWriteOptions(compression="lz4")
                self._writers[part] = pa.ipc.new_stream(self._sinks[part], block.schema, options=options)
            self._writers[part].write_table(block)

    def blocks(self) -> Iterator[pa.Table]:
        """The blocks, in block order, one at a time (files closed for writing first)."""
        self.close()
        for part in sorted(self._writers):
            with pa.OSFile(str(self.folder / f"{part:05d}.arrows"), "rb") as source:
                yield pa.ipc.open_stream(source).read_all()

    @property
    def count(self) -> int:
        return len(self._writers)

    def close(self) -> None:
        for part, writer in self._writers.items():
            if not self._sinks[part].closed:
                writer.close()
                self._sinks[part].close()

    def __enter__(self) -> "Shuffle":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def block_of(keys: pa.ChunkedArray | pa.Array, partitions: int) -> pa.Array:
    """The block of each key: crc32 of its UTF-8 text modulo `partitions` (a null key is the text "None")."""
    if partitions <= 1:
        return pa.array([0] * len(keys), pa.int32())
    values = keys.to_pylist()
    bucket_of = {k: zlib.crc32(str(k).encode("utf-8")) % partitions for k in set(values)}
    return pa.array([bucket_of[k] for k in values], pa.int32())


class SpilledFacts:
    """The facts of a streamed run: Arrow files in input order, read one at a time (reporters that stream)
    or all at once (Result.facts). Holds the run's Spill, so its folder lives as long as these facts."""

    def __init__(self, spill: Spill, files: list[Path], count: int, schema: dict[str, pl.DataType]) -> None:
        self.spill, self.files, self.count, self.schema = spill, files, count, schema

    def batches(self) -> Iterator[pl.DataFrame]:
        for path in self.files:
            yield read(path)

    def frame(self) -> pl.DataFrame:
        frames = list(self.batches())
        return pl.concat(frames) if frames else pl.DataFrame(schema=self.schema)
