"""The engine's two pure steps, as any executor runs them: Arrow tables in, Arrow tables out.

A step may run in another process or on another machine, so it takes everything it needs as arguments
(including the user's [tool.checker] configuration) and touches no state of the caller.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import signal
import threading
from contextlib import contextmanager
from typing import Iterable, Iterator

import polars as pl
import pyarrow as pa

from checker.align.summary import summarise
from checker.cache import save as save_built_tables
from checker.compare import compare
from checker.config import Config
from checker.extract.document import extract_document
from checker.ingest.document import Document
from checker.schema import DOCUMENT_SCHEMA, FACT_SCHEMA, REJECTED_SCHEMA, fact_row

# A batch of documents on its way to a worker: the fields of checker.ingest.document.Document.
DOCUMENT_BATCH_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("path", pa.string()),
        ("text", pa.large_string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("lang", pa.string()),
        ("published", pa.date32()),
        ("published_from", pa.string()),
        ("published_time", pa.string()),
        ("row", pa.int64()),
        ("title", pa.string()),
        ("seq", pa.int64()),  # the document's place in the input, to merge rejected inputs in order
    ]
)
# Seconds one document's extraction may take before it is rejected: a last guard against a document that
# hangs extraction (generated news text runs at ~2 s per MB; a 5 MiB article file is the largest read).
TIME_LIMIT = 60.0

# Rejected rows on their way back, with the place in the input that puts them in order among unread inputs.
SEQUENCED_REJECTED_SCHEMA = {**REJECTED_SCHEMA, "seq": pl.Int64}


def document_batch(documents: Iterable[tuple[int, Document]]) -> pa.Table:
    """(input position, document) pairs as one Arrow table."""
    rows = [{**doc.__dict__, "seq": seq} for seq, doc in documents]
    return pa.Table.from_pylist(rows, schema=DOCUMENT_BATCH_SCHEMA)


def extract_batch(
    batch: pa.Table,
    lang: str | None = None,
    published: dt.date | None = None,
    config: Config | None = None,
    time_limit: float | None = TIME_LIMIT,
) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    """(documents, facts, rejected, summaries) of a batch (extract_each's rows), in the engine's schemas
    (summaries: checker/align/summary.py)."""
    numbered = ((row.pop("seq"), Document(**row)) for row in batch.to_pylist())
    tables = _batch_tables(*extract_each(numbered, lang, published, config, time_limit))
    save_built_tables()  # a worker may end without running exit handlers: what it built is kept now
    return tables


def extract_each(
    numbered: Iterable[tuple[int, Document]],
    lang: str | None,
    published: dt.date | None,
    config: Config | None,
    time_limit: float | None = TIME_LIMIT,
) -> tuple[list[dict], list[dict], list[dict]]:
    """(document rows, fact rows, rejected rows with their `seq`) of (input position, document) pairs. A
    document whose extraction raises, or takes longer than `time_limit` seconds (None or 0: no limit), is
    rejected with the reason, and the others are kept: one bad article must not stop an archive run."""
    documents: list[dict] = []
    facts: list[dict] = []
    rejected: list[dict] = []
    for seq, doc in numbered:
        try:
            with deadline(time_limit):
                document_row, fact_rows = extract_document(doc, lang=lang, published=published, config=config)
        except TimeLimitExceeded:
            reason = f"extraction took longer than the time limit of {time_limit:g} s per document (--time-limit)"
            rejected.append({"path": doc.path, "row": doc.row, "reason": reason, "seq": seq})
            continue
        except Exception as err:  # noqa: BLE001 - any bug in extraction is one rejected document, named
            reason = f"extraction failed: {type(err).__name__}: {err}"
            rejected.append({"path": doc.path, "row": doc.row, "reason": " ".join(reason.split()), "seq": seq})
            continue
        documents.append(document_row)
        facts.extend(fact_row(r) for r in fact_rows)
    return documents, facts, rejected


class TimeLimitExceeded(BaseException):
    """Raised into a document's extraction when its time is up. A BaseException, so that no `except
    Exception` inside extraction can swallow it."""


def _time_is_up(signum: int, frame: object) -> None:
    raise TimeLimitExceeded


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block once `seconds` of wall-clock time have passed (None or 0: no
    limit). In the main thread (checker's own process, its spawn workers) by SIGALRM, which interrupts pure
    Python and the `re` engine alike. A signal handler runs only in the main thread, so in another thread
    (a Dask worker's task thread, a caller's thread) a timer thread raises the exception into the block's
    thread (PyThreadState_SetAsyncExc): it lands at the next Python instruction, so a single native call
    (one regex match) is interrupted only when it returns."""
    if not seconds:
        yield
        return
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _thread_deadline(seconds):
            yield
        return
    previous = signal.signal(signal.SIGALRM, _time_is_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_deadline(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    running = [True]

    def time_is_up() -> None:
        with lock:
            if running[0]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(TimeLimitExceeded))

    timer = threading.Timer(seconds, time_is_up)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            running[0] = False
            # An exception set just as the block ended and not yet raised would surface in the caller's
            # next line: withdrawn here (NULL clears what is pending for the thread).
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
        timer.cancel()


def lost_batch(batch: pa.Table) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    """extract_batch's tables for a batch whose worker died on every attempt: all its documents rejected."""
    reason = "extraction killed its worker process on every attempt (a crash, or out of memory)"
    rejected = [{"path": row["path"], "row": row["row"], "reason": reason, "seq": row["seq"]} for row in batch.to_pylist()]
    return _batch_tables([], [], rejected)


def _batch_tables(documents: list[dict], facts: list[dict], rejected: list[dict]) -> tuple[pa.Table, pa.Table, pa.Table, pa.Table]:
    document_frame = pl.DataFrame(documents, schema=DOCUMENT_SCHEMA)
    fact_frame = pl.DataFrame(facts, schema=FACT_SCHEMA)
    return (
        document_frame.to_arrow(),
        fact_frame.to_arrow(),
        pl.DataFrame(rejected, schema=SEQUENCED_REJECTED_SCHEMA).to_arrow(),
        summarise(document_frame, fact_frame).to_arrow(),
    )


def compare_block(block: pa.Table) -> pa.Table:
    """Findings of a block of aligned facts holding whole stories (every rule is story-local)."""
    return compare(pl.from_arrow(block)).to_arrow()
