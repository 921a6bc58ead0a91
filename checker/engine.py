"""The engine the front ends call: ingest -> normalise -> extract -> align -> compare.

Results are polars DataFrames with the schemas of checker/schema.py; front ends only format them.
"""

from __future__ import annotations

import datetime as dt
import itertools
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, Callable, ContextManager, Iterable, Iterator, Mapping, Sequence

import polars as pl
import pyarrow as pa

from checker.align import align, align_facts, group_stories, story_references
from checker.align.summary import NAME_ROWS_SCHEMA, NAMELESS_SUMMARY_SCHEMA, VOCABULARY_SCHEMA, split_names
from checker.calendars.date_value import reference_day
from checker.compare import compare
from checker.config import Config
from checker.execute import Executor, executor_for
from checker.execute.local import LocalExecutor
from checker.execute.spill import Spill, SpilledFacts, read
from checker.execute.tasks import (
    SEQUENCED_REJECTED_SCHEMA,
    TIME_LIMIT,
    compare_block,
    document_batch,
    extract_batch,
    extract_each,
    lost_batch,
)
from checker.ingest import read_documents
from checker.ingest.document import Document, Rejected
from checker.ingest.paths import Source, expand_paths, walk_order
from checker.schema import DOCUMENT_SCHEMA, FACT_SCHEMA, FINDING_SCHEMA, RESULT_DOCUMENT_SCHEMA, Extraction, Result, severity_rank

# Called as progress(stage, done, total): stage "extract" once per document (total None when unknown, e.g.
# rows of tables), then "align" and "compare" once each. Front ends draw bars; the engine draws nothing.
Progress = Callable[[str, int, "int | None"], None]

BATCH_SIZE = 100  # documents per batch: with two batches in flight per worker, this bounds the texts held
# Characters of text below which the local engine extracts in this process whatever --workers says: a spawn
# worker costs its start (a fresh interpreter importing polars and the engine, the cached tables loaded, its
# regexes compiled) and leaves the driver fewer cycles, which only pays once there is enough text to share.
# Measured with the story articles repeated (2 cores shared with other jobs, load ~10, tables cached, pool
# forced, best of 2 `checker facts` wall seconds, 1 worker vs 2): 437 kchar 37.7 vs 43.9, 585k 35.6 vs
# 42.8, 1,020k 53.2 vs 48.2; the crossing is near 900k (slow machine, long times: the crossing is the point).
POOL_MIN_CHARS = 1_000_000
BLOCK_FACTS = 5000  # aligned facts per comparison block, at least; fewer blocks than this would only add overhead


@dataclass(frozen=True)
class RunOptions:
    """How a run reads its documents and where it works: one object from the front end (command line,
    editor mode, library call) down to the executors. Every entry point below takes one, or its fields as
    keywords (`check(paths, workers=4)`), or both (the keywords win)."""

    lang: str | None = None  # the sources' language; None: detected per paragraph
    published: dt.date | None = None  # the reference day of a source whose date is unknown
    config: Config | None = None  # the user's [tool.checker]: event words and name aliases (checker.config)
    engine: str | Executor = "local"  # "local" processes, "dask", or an Executor already running (the caller's to close)
    workers: int | None = 1  # local processes or Dask workers; None: all cores; 1: this process
    scheduler: str | None = None  # a Dask scheduler's address; None: a LocalCluster
    batch_size: int = BATCH_SIZE
    time_limit: float | None = TIME_LIMIT  # seconds per document's extraction before it is rejected; None: no limit
    block_facts: int = BLOCK_FACTS
    keep_texts: bool = False  # each document's text in the result, for reports that quote in context
    progress: Progress | None = None

    def __post_init__(self) -> None:
        # Library callers write published="2024-05-15" as the command line does; a string left in place
        # would fail deep inside extraction, one document at a time.
        object.__setattr__(self, "published", reference_day(self.published))


def run_options(options: RunOptions | None, fields: Mapping[str, Any]) -> RunOptions:
    """`options` (default: RunOptions()) with `fields` given as keywords; an unknown one is a TypeError."""
    return replace(options or RunOptions(), **fields)


def extract_documents(
    items: Iterable[Document | Rejected], options: RunOptions | None = None, *, total: int | None = None, **fields: Any
) -> Extraction:
    """Facts of every document, in this process; rejected inputs, and documents whose extraction fails,
    are listed with the reason, never dropped. Reads lang, published, config, keep_texts and progress of
    the options; `total`: how many inputs there are, for progress."""
    run = run_options(options, fields)
    texts: dict[str, str] | None = {} if run.keep_texts else None
    unread: list[dict] = []

    def documents() -> Iterator[tuple[int, Document]]:
        for seq, item in _numbered(items):
            if run.progress is not None:
                run.progress("extract", seq + 1, total)
            if isinstance(item, Rejected):
                unread.append(_unread_row(item, seq))
                continue
            if texts is not None:
                texts[item.id] = item.text
            yield seq, item

    document_rows, fact_rows, failed = extract_each(documents(), run.lang, run.published, run.config, run.time_limit)
    rejected = pl.DataFrame(failed + unread, schema=SEQUENCED_REJECTED_SCHEMA).sort("seq").drop("seq")
    return Extraction(pl.DataFrame(document_rows, schema=DOCUMENT_SCHEMA), pl.DataFrame(fact_rows, schema=FACT_SCHEMA), rejected, texts)


def _numbered(items: Iterable[Document | Rejected]) -> Iterator[tuple[int, Document | Rejected]]:
    """Each input with its place in the input; a document whose id an earlier one has is renamed id~2, id~3,
    ...: two files named alike in different folders must not share fact ids."""
    seen: dict[str, int] = {}
    for seq, item in enumerate(items):
        if isinstance(item, Document):
            count = seen.get(item.id, 0)
            seen[item.id] = count + 1
            if count:
                item = Document(**{**item.__dict__, "id": f"{item.id}~{count + 1}"})
        yield seq, item


def _unread_row(item: Rejected, seq: int) -> dict:
    return {"path": item.path, "row": item.row, "reason": item.reason, "seq": seq}


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many documents PATHs hold, for a progress bar: the article files, or None when a table (rows
    unknown until read) is among them. Walks the paths once more; listing is cheap next to extraction."""
    count = 0
    for source in expand_paths(paths):  # a Rejected path is one item too
        if isinstance(source, Source) and source.kind not in ("text", "html", "stdin"):
            return None
        count += 1
    return count


def extract(paths: Sequence[str], options: RunOptions | None = None, *, stdin: BinaryIO | None = None, **fields: Any) -> Extraction:
    """Read PATHs (files, folders, globs, -) and extract every document's facts, in this process."""
    run = run_options(options, fields)
    total = count_inputs(paths) if run.progress is not None else None
    return extract_documents(read_documents(paths, stdin=stdin), run, total=total)


def extract_text(text: str, options: RunOptions | None = None, *, doc_id: str = "text", **fields: Any) -> Extraction:
    """Facts of one text given directly (tests, benchmarks, the library API)."""
    return extract_documents([Document(id=doc_id, path=doc_id, text=text)], options, **fields)


def check_extraction(extraction: Extraction, *, progress: Progress | None = None) -> Result:
    """Align the facts of an extraction across its documents and compare them."""
    _report_stage(progress, "align")
    stories, aligned = align(extraction.documents, extraction.facts)
    _report_stage(progress, "compare")
    documents = _with_stories(extraction.documents.drop("names"), stories)
    return Result(documents, aligned, compare(aligned), extraction.rejected, extraction.texts)


def _report_stage(progress: Progress | None, stage: str) -> None:
    if progress is not None:
        progress(stage, 0, None)


def _with_stories(documents: pl.DataFrame, stories: pl.DataFrame) -> pl.DataFrame:
    return documents.join(stories.rename({"doc": "id"}), on="id", how="left", maintain_order="left")


MAX_BLOCK_FACTS = 50_000  # and at most, unless one story is larger: a few blocks per worker are in flight
MAX_BLOCKS = 512  # open files during the shuffle
COMPACT_EVERY = 64  # batches whose rows the driver merges into one table: see _Streamed.compact
SPILL_FACTS = 50_000  # extracted facts per file on disk: enough rows for the align step to be vectorised
SPILL_NAME_ROWS = 1_000_000  # (document, name) rows per file on disk: 12 MB


@dataclass
class _Streamed:
    """What the driver keeps of a streamed extraction: per document a row and a summary, never its facts."""

    documents: list[pa.Table] = field(default_factory=list)
    summaries: list[pl.DataFrame] = field(default_factory=list)  # without their names (summary.split_names)
    vocabulary: list[pl.DataFrame] = field(default_factory=list)  # (hash, name), each name about once
    name_rows: list[pl.DataFrame] = field(default_factory=list)  # (i, hash) of the documents, until on disk
    name_files: list[Path] = field(default_factory=list)
    failed: list[pa.Table] = field(default_factory=list)
    unread: list[dict] = field(default_factory=list)  # inputs ingest could not read, with their place
    texts: dict[str, str] | None = None
    extracted: int = 0  # documents extracted so far (the rows of `documents`, however merged)
    keep_names: bool = False  # the documents' names as written (an Extraction's)
    keep_summaries: bool = True  # for stories (check_streamed); `facts` has none to find

    def add(self, documents: pa.Table, failed: pa.Table, summaries: pa.Table) -> None:
        """A batch's rows as extract_batch returns them: its documents (with their names only when kept),
        their summaries apart from their names, and its rejected documents."""
        self.documents.append(documents if self.keep_names else documents.drop_columns(["names"]))
        if self.keep_summaries:
            nameless, rows, vocabulary = split_names(pl.from_arrow(summaries), first=self.extracted)
            self.summaries.append(nameless)
            self.name_rows.append(rows)
            self.vocabulary.append(vocabulary)
        self.failed.append(failed)
        self.extracted += documents.num_rows
        if len(self.documents) >= COMPACT_EVERY:
            self.compact()

    def compact(self) -> None:
        """The rows kept so far as one table each, and the vocabulary without repeats, so that it holds each
        distinct name about once however many batches have used it."""
        self.documents[:] = [pa.concat_tables(self.documents).combine_chunks()]
        if self.summaries:
            self.summaries[:] = [pl.concat(self.summaries, rechunk=True)]
            self.vocabulary[:] = [pl.concat(self.vocabulary).unique("hash").rechunk()]
        self.failed[:] = [pa.concat_tables(self.failed).combine_chunks()]


def _extract_stream(
    items: Iterable[Document | Rejected], executor: Executor, streamed: _Streamed, run: RunOptions, total: int | None
) -> Iterator[pa.Table]:
    """The facts of each batch, in input order, as `executor` returns them (checker.execute.tasks
    .extract_batch); the batch's documents, summaries and rejections go to `streamed`. Only the batches in
    flight hold texts (and `streamed.texts` when kept)."""
    step = (run.lang, run.published, run.config, run.time_limit)  # extract_batch's arguments after the batch
    if isinstance(executor, LocalExecutor) and executor.workers > 1:
        small, items = _below(items, POOL_MIN_CHARS)
        if small:
            executor = LocalExecutor(1)  # this process: no pool is started

    def isolate(batch: pa.Table) -> tuple[pa.Table, ...]:
        """A batch that killed its worker every time: each document alone, and the one that still kills
        its worker rejected, so one poisonous article costs itself, not its batch or the run."""
        if batch.num_rows == 1:
            return lost_batch(batch)
        singles = (batch.slice(i, 1) for i in range(batch.num_rows))
        parts = list(executor.map_batches(extract_batch, singles, *step, on_lost=isolate))
        return tuple(pa.concat_tables([part[k] for part in parts]) for k in range(len(parts[0])))

    done = 0
    for documents, facts, failed, summaries in executor.map_batches(
        extract_batch, _batches(items, streamed, run.batch_size), *step, on_lost=isolate
    ):
        streamed.add(documents, failed, summaries)
        done += documents.num_rows + failed.num_rows
        if run.progress is not None:
            run.progress("extract", done + len(streamed.unread), total)
        yield facts


def _below(items: Iterable[Document | Rejected], chars: int) -> tuple[bool, Iterator[Document | Rejected]]:
    """Whether the documents of `items` hold fewer than `chars` characters in all, and `items` again. Reads
    ahead only until that many characters are seen, so memory stays bounded."""
    head: list[Document | Rejected] = []
    seen = 0
    source = iter(items)
    for item in source:
        head.append(item)
        if isinstance(item, Document):
            seen += len(item.text)
            if seen >= chars:
                return False, itertools.chain(head, source)
    return True, iter(head)


def _batches(items: Iterable[Document | Rejected], streamed: _Streamed, batch_size: int) -> Iterator[pa.Table]:
    """The documents of `items` in Arrow batches of `batch_size` (checker.execute.tasks.document_batch); the
    inputs ingest could not read go to `streamed.unread`, and each text to `streamed.texts` when kept."""
    batch: list[tuple[int, Document]] = []
    for seq, item in _numbered(items):
        if isinstance(item, Rejected):
            streamed.unread.append(_unread_row(item, seq))
            continue
        if streamed.texts is not None:
            streamed.texts[item.id] = item.text
        batch.append((seq, item))
        if len(batch) >= batch_size:
            yield document_batch(batch)
            batch = []
    if batch:
        yield document_batch(batch)


def _frame(tables: list[pa.Table], schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    if not tables:
        return pl.DataFrame(schema=dict(schema))
    return pl.from_arrow(pa.concat_tables(tables)).select(list(schema)).cast(dict(schema))


def _rejected(streamed: _Streamed) -> pl.DataFrame:
    failed = _frame(streamed.failed, SEQUENCED_REJECTED_SCHEMA)
    return pl.concat([failed, pl.DataFrame(streamed.unread, schema=SEQUENCED_REJECTED_SCHEMA)]).sort("seq").drop("seq")


def extract_batches(items: Iterable[Document | Rejected], executor: Executor, run: RunOptions, *, total: int | None = None) -> Extraction:
    """extract_documents, on `executor`: documents go out in batches of `run.batch_size` as Arrow tables and
    come back in input order, so the result is the same row for row on any executor. Holds every fact in
    memory; check_streamed does not."""
    streamed = _Streamed(texts={} if run.keep_texts else None, keep_names=True, keep_summaries=False)
    facts = _frame(list(_extract_stream(items, executor, streamed, run, total)), FACT_SCHEMA)
    documents = _frame(streamed.documents, DOCUMENT_SCHEMA)
    return Extraction(documents, facts, _rejected(streamed), streamed.texts)


def _blocks_for(facts: int, workers: int, block_facts: int) -> int:
    """How many comparison blocks: a few per worker for small runs, enough to keep each under
    MAX_BLOCK_FACTS for large ones (a single story larger than that stays one block)."""
    few = min(facts // max(1, block_facts), 4 * workers)
    return max(1, min(MAX_BLOCKS, max(few, -(-facts // MAX_BLOCK_FACTS))))


def compare_blocks(blocks: Iterable[pa.Table], executor: Executor, *, progress: Progress | None = None, total: int | None = None) -> pl.DataFrame:
    """Findings of blocks of whole stories (every rule is story-local), each compared on `executor`, merged
    in the order checker.compare.finding.findings_frame gives."""
    found: list[pl.DataFrame] = []
    for done, table in enumerate(executor.apply_groups(compare_block, blocks), 1):
        found.append(pl.from_arrow(table))
        if progress is not None:
            progress("compare", done, total)
    if not found:
        return pl.DataFrame(schema=FINDING_SCHEMA)
    merged = pl.concat([f.select(list(FINDING_SCHEMA)).cast(dict(FINDING_SCHEMA)) for f in found])
    return merged.unique("id", keep="first", maintain_order=True).sort(severity_rank(), "story", "rule", "id", nulls_last=True)


def _spill_facts(
    items: Iterable[Document | Rejected], executor: Executor, streamed: _Streamed, spill: Spill, run: RunOptions, total: int | None
) -> tuple[list[tuple[Path, int, int]], int]:
    """Extract `items` on `executor` (_extract_stream) and write their facts to `spill` in
    files of about SPILL_FACTS rows: ([(file, the first row of its documents in streamed.documents, past
    their last row)], facts written). At least one file, so an empty run still has the columns."""
    extracted: list[tuple[Path, int, int]] = []
    pending: list[pa.Table] = []
    first = docs = count = 0
    for facts in _extract_stream(items, executor, streamed, run, total):
        pending.append(facts)
        docs = streamed.extracted
        count += facts.num_rows
        if sum(t.num_rows for t in pending) >= SPILL_FACTS:
            extracted.append((spill.write(_frame(pending, FACT_SCHEMA)), first, docs))
            pending.clear()
            first = docs
        if sum(f.height for f in streamed.name_rows) >= SPILL_NAME_ROWS:
            streamed.name_files.append(spill.write(pl.concat(streamed.name_rows)))
            streamed.name_rows.clear()
    if pending or not extracted:
        extracted.append((spill.write(_frame(pending, FACT_SCHEMA)), first, docs))
    rows = pl.concat(streamed.name_rows) if streamed.name_rows else pl.DataFrame(schema=NAME_ROWS_SCHEMA)
    streamed.name_files.append(spill.write(rows))
    streamed.name_rows.clear()
    return extracted, count


def run_executor(run: RunOptions) -> ContextManager[Executor]:
    """The executor `run.engine` names, closed at the end of the block; an Executor given as the engine is
    the caller's to close (a test's cluster, a notebook's client)."""
    if isinstance(run.engine, str):
        return executor_for(run.engine, workers=run.workers, scheduler=run.scheduler)
    return nullcontext(run.engine)


def extract_streamed(
    items: Iterable[Document | Rejected], options: RunOptions | None = None, *, total: int | None = None, **fields: Any
) -> Extraction:
    """extract_documents on an executor (see check_streamed), with the facts on disk: memory follows the
    batch size, not the corpus. The documents come without their names (RESULT_DOCUMENT_SCHEMA)."""
    run = run_options(options, fields)
    spill, streamed = Spill(), _Streamed(texts={} if run.keep_texts else None, keep_summaries=False)
    with run_executor(run) as executor:
        extracted, count = _spill_facts(items, executor, streamed, spill, run, total)
    facts = SpilledFacts(spill, [path for path, _, _ in extracted], count, dict(FACT_SCHEMA))
    return Extraction(_frame(streamed.documents, RESULT_DOCUMENT_SCHEMA), facts, _rejected(streamed), streamed.texts)


def check_streamed(
    items: Iterable[Document | Rejected], options: RunOptions | None = None, *, total: int | None = None, **fields: Any
) -> Result:
    """Check documents on an executor (checker/execute/): "local" with `workers` processes (None: all cores;
    1: this process), "dask" (a LocalCluster of `workers`, or the scheduler at `scheduler`), or an Executor
    already running. The result is the same row for row on every executor.

    Memory follows the batch size and a small row per document, not the documents' text, facts or names:
    1. batches are extracted on the executor; their facts and (document, name) rows go to disk
       (checker/execute/spill.py), and the driver keeps a row and a summary per document
       (checker/align/summary.py) and the vocabulary of names;
    2. stories are grouped from the summaries and the name rows;
    3. the facts are read back a file at a time, aligned (years and slots are local to a document once its
       story is known), written again in input order (the result's facts) and dealt into blocks of whole
       stories;
    4. each block is compared on the executor."""
    run = run_options(options, fields)
    spill, streamed = Spill(), _Streamed(texts={} if run.keep_texts else None)
    with run_executor(run) as executor:
        extracted, count = _spill_facts(items, executor, streamed, spill, run, total)

        _report_stage(run.progress, "align")
        summaries = pl.concat(streamed.summaries) if streamed.summaries else pl.DataFrame(schema=NAMELESS_SUMMARY_SCHEMA)
        vocabulary = pl.concat(streamed.vocabulary).unique("hash") if streamed.vocabulary else pl.DataFrame(schema=VOCABULARY_SCHEMA)
        names = pl.scan_ipc([str(path) for path in streamed.name_files])
        stories = group_stories(summaries, names, vocabulary)
        references = story_references(summaries, stories)
        documents = _with_stories(_frame(streamed.documents, RESULT_DOCUMENT_SCHEMA), stories)
        del summaries, vocabulary, names, streamed.summaries[:], streamed.vocabulary[:]
        for path in streamed.name_files:
            path.unlink()

        aligned_files: list[Path] = []
        blocks = _blocks_for(count, executor.workers, run.block_facts)
        with spill.shuffle(blocks, "story") as shuffle:
            for path, first, last in extracted:
                part = documents.slice(first, last - first)
                aligned = align_facts(
                    read(path),
                    part.select(doc="id", story="story"),
                    references,
                    part.select(doc="id", published="published", published_time="published_time", outlet="outlet"),
                )
                path.unlink()
                aligned_files.append(spill.write(aligned))
                shuffle.add(aligned)
            _report_stage(run.progress, "compare")
            findings = compare_blocks(shuffle.blocks(), executor, progress=run.progress, total=shuffle.count)
    facts = SpilledFacts(spill, aligned_files, count, dict(pl.read_ipc_schema(aligned_files[0])))
    return Result(documents, facts, findings, _rejected(streamed), streamed.texts)


def check(
    sources: Sequence[str], options: RunOptions | None = None, *, texts: bool = False, stdin: BinaryIO | None = None, **fields: Any
) -> Result:
    """Check PATHs (files, folders, globs, -), or with `texts=True` the given article texts themselves
    (ids text1, text2, ...): extract, align across sources, compare, as the options say (RunOptions, or
    its fields as keywords: `keep_texts`, `progress`, where the work runs). Every engine gives the same
    result, and so does every order of the same PATHs (read in walk_order)."""
    run = run_options(options, fields)
    if texts:
        documents = [Document(id=f"text{i}", path=f"text{i}", text=text) for i, text in enumerate(sources, 1)]
        return check_streamed(documents, run, total=len(documents))
    total = count_inputs(sources) if run.progress is not None else None
    return check_streamed(read_documents(walk_order(sources), stdin=stdin), run, total=total)
