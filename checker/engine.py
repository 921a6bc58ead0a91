"""The engine the front ends call: ingest -> normalise -> extract -> align -> compare.

Results are polars DataFrames with the schemas below; front ends only format them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Callable, Iterable, Mapping, Sequence

import polars as pl

from checker.extract.document import extract_document
from checker.ingest.document import Document, Rejected

if TYPE_CHECKING:
    from checker.execute import Executor

DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Utf8,
    "path": pl.Utf8,
    "outlet": pl.Utf8,
    "url": pl.Utf8,
    "title": pl.Utf8,
    "lang": pl.Utf8,
    "published": pl.Date,
    "published_from": pl.Utf8,
    "row": pl.Int64,
    "dropped": pl.Int64,  # facts found but left out: a count on the article's own publication line
    "names": pl.List(pl.Utf8),  # consonant skeletons of the article's words (checker/align/names.py), for stories
    "events": pl.List(pl.Utf8),  # the events the article is mostly about, most frequent first
}

# One row per fact; the contract's FACT fields plus a few that explain a value (relative, weekday, notes).
FACT_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Utf8,
    "doc": pl.Utf8,
    "kind": pl.Utf8,  # date | count | change | duration
    "zone": pl.Utf8,  # body | meta | chrome
    "text": pl.Utf8,  # == document text[start:end]
    "start": pl.Int64,
    "end": pl.Int64,
    "line": pl.Int64,
    "col": pl.Int64,
    "lang": pl.Utf8,  # language of the paragraph the fact is in
    "calendar": pl.Utf8,
    "value": pl.Utf8,  # EDTF date, ISO 8601 duration, or the number as text (see `number`)
    "number": pl.Float64,  # counts and changes: the value as a number
    "date_start": pl.Date,
    "date_end": pl.Date,
    "grain": pl.Utf8,
    "year_from": pl.Utf8,  # text | published | context
    "relative": pl.Utf8,  # how a relative date was written: "-1 day", "previous Monday"
    "weekday": pl.Utf8,  # the weekday written with a date
    "tolerance": pl.Int64,  # days two honest reports of this date may differ by (Hijri moon sighting, Afghan months)
    "approx": pl.Utf8,  # counts: about | more | less
    "from": pl.Float64,
    "to": pl.Float64,
    "ratio": pl.Float64,
    "by": pl.Float64,  # a change stated as units added (+) or removed (-)
    "event": pl.Utf8,
    "subject": pl.Utf8,
    "paired_with": pl.Utf8,  # the same day written in another calendar
    "anchor": pl.Utf8,  # counts, changes, durations: the date of the article in the same sentence
    "notes": pl.Utf8,
}

REJECTED_SCHEMA: dict[str, pl.DataType] = {"path": pl.Utf8, "row": pl.Int64, "reason": pl.Utf8}

# Called as progress(stage, done, total): stage "extract" once per document (total None when unknown, e.g.
# rows of tables), then "align" and "compare" once each. Front ends draw bars; the engine draws nothing.
Progress = Callable[[str, int, "int | None"], None]


@dataclass(frozen=True)
class Extraction:
    documents: pl.DataFrame
    facts: pl.DataFrame
    rejected: pl.DataFrame
    # Document id -> the text fact offsets index. Kept only on request (keep_texts=True): reports that quote
    # sources in context need them; a streaming run over millions of documents must not hold them.
    texts: Mapping[str, str] | None = None


def _fact_row(row: dict) -> dict:
    out = {name: row.get(name) for name in FACT_SCHEMA}
    value = row.get("value")
    if isinstance(value, (int, float)):
        out["number"] = float(value)
        out["value"] = str(value)
    return out


def extract_documents(
    items: Iterable[Document | Rejected],
    *,
    lang: str | None = None,
    published: dt.date | None = None,
    keep_texts: bool = False,
    progress: Progress | None = None,
    total: int | None = None,
) -> Extraction:
    """Facts of every document; rejected inputs are listed, never dropped."""
    documents: list[dict] = []
    facts: list[dict] = []
    rejected: list[dict] = []
    texts: dict[str, str] | None = {} if keep_texts else None
    seen: dict[str, int] = {}
    for done, item in enumerate(items, 1):
        if progress is not None:
            progress("extract", done, total)
        if isinstance(item, Rejected):
            rejected.append({"path": item.path, "row": item.row, "reason": item.reason})
            continue
        # Two files named alike in different folders must not share fact ids.
        count = seen.get(item.id, 0)
        seen[item.id] = count + 1
        doc = item if not count else Document(**{**item.__dict__, "id": f"{item.id}~{count + 1}"})
        document_row, fact_rows = extract_document(doc, lang=lang, published=published)
        documents.append(document_row)
        facts.extend(_fact_row(r) for r in fact_rows)
        if texts is not None:
            texts[doc.id] = doc.text
    return Extraction(
        pl.DataFrame(documents, schema=DOCUMENT_SCHEMA),
        pl.DataFrame(facts, schema=FACT_SCHEMA),
        pl.DataFrame(rejected, schema=REJECTED_SCHEMA),
        texts,
    )


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many documents PATHs hold, for a progress bar: the article files, or None when a table (rows
    unknown until read) is among them. Walks the paths once more; listing is cheap next to extraction."""
    from checker.ingest.paths import Source, expand_paths

    count = 0
    for source in expand_paths(paths):  # a Rejected path is one item too
        if isinstance(source, Source) and source.kind not in ("text", "html", "stdin"):
            return None
        count += 1
    return count


def extract(
    paths: Sequence[str],
    *,
    lang: str | None = None,
    published: dt.date | None = None,
    stdin: BinaryIO | None = None,
    keep_texts: bool = False,
    progress: Progress | None = None,
) -> Extraction:
    """Read PATHs (files, folders, globs, -) and extract every document's facts."""
    from checker.ingest import read_documents

    total = count_inputs(paths) if progress is not None else None
    return extract_documents(
        read_documents(paths, stdin=stdin), lang=lang, published=published, keep_texts=keep_texts, progress=progress, total=total
    )


def extract_text(
    text: str, *, lang: str | None = None, published: dt.date | None = None, doc_id: str = "text"
) -> Extraction:
    """Facts of one text given directly (tests, benchmarks, the library API)."""
    return extract_documents([Document(id=doc_id, path=doc_id, text=text)], lang=lang, published=published)


@dataclass(frozen=True)
class Result:
    """What `check` found: the documents (with their story), their facts (with story and slot), and the
    findings (checker.compare.FINDING_SCHEMA)."""

    documents: pl.DataFrame
    facts: pl.DataFrame
    findings: pl.DataFrame
    rejected: pl.DataFrame
    texts: Mapping[str, str] | None = None  # document id -> text, when asked for (keep_texts=True)

    def to_json(self) -> str:
        from checker.report.json_reporter import JsonReporter

        return JsonReporter().render(self)


def check_extraction(extraction: Extraction, *, progress: Progress | None = None) -> Result:
    """Align the facts of an extraction across its documents and compare them."""
    from checker.compare import compare

    documents, aligned = _aligned(extraction, progress)
    return Result(documents, aligned, compare(aligned), extraction.rejected, extraction.texts)


def _aligned(extraction: Extraction, progress: Progress | None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(documents with their story, aligned facts), reporting the align and compare stages as they start."""
    from checker.align import align

    if progress is not None:
        progress("align", 0, None)
    stories, aligned = align(extraction.documents, extraction.facts)
    documents = extraction.documents.join(stories.rename({"doc": "id"}), on="id", how="left", maintain_order="left")
    if progress is not None:
        progress("compare", 0, None)
    return documents, aligned


BATCH_SIZE = 100  # documents per batch: with two batches in flight per worker, this bounds the texts held
BLOCK_FACTS = 5000  # aligned facts per comparison block, at least; fewer blocks than this would only add overhead


def extract_batches(
    items: Iterable[Document | Rejected],
    executor: "Executor",
    *,
    lang: str | None = None,
    published: dt.date | None = None,
    keep_texts: bool = False,
    progress: Progress | None = None,
    total: int | None = None,
    batch_size: int = BATCH_SIZE,
) -> Extraction:
    """extract_documents, streamed: documents go to `executor` in batches of `batch_size` as Arrow tables
    (checker.execute.tasks.extract_batch) and come back in input order, so the result is the same row for
    row on any executor. Only the batches in flight hold texts (and `Result.texts` when keep_texts)."""
    import pyarrow as pa

    from checker.config import active_config
    from checker.execute.tasks import document_batch, extract_batch

    unread: list[dict] = []  # inputs ingest could not read, with their place in the input
    texts: dict[str, str] | None = {} if keep_texts else None
    seen: dict[str, int] = {}

    def batches():
        batch: list[tuple[int, Document]] = []
        for seq, item in enumerate(items):
            if isinstance(item, Rejected):
                unread.append({"path": item.path, "row": item.row, "reason": item.reason, "seq": seq})
                continue
            count = seen.get(item.id, 0)  # two files named alike in different folders must not share fact ids
            seen[item.id] = count + 1
            doc = item if not count else Document(**{**item.__dict__, "id": f"{item.id}~{count + 1}"})
            if texts is not None:
                texts[doc.id] = doc.text
            batch.append((seq, doc))
            if len(batch) >= batch_size:
                yield document_batch(batch)
                batch = []
        if batch:
            yield document_batch(batch)

    parts: tuple[list, list, list] = ([], [], [])
    done = 0
    for tables in executor.map_batches(extract_batch, batches(), lang, published, active_config()):
        for part, table in zip(parts, tables):
            part.append(table)
        done += tables[0].num_rows + tables[2].num_rows
        if progress is not None:
            progress("extract", done + len(unread), total)

    def frame(tables: list, schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
        if not tables:
            return pl.DataFrame(schema=dict(schema))
        return pl.from_arrow(pa.concat_tables(tables)).select(list(schema)).cast(dict(schema))

    failed = frame(parts[2], {**REJECTED_SCHEMA, "seq": pl.Int64})
    rejected = pl.concat([failed, pl.DataFrame(unread, schema={**REJECTED_SCHEMA, "seq": pl.Int64})])
    return Extraction(
        frame(parts[0], DOCUMENT_SCHEMA),
        frame(parts[1], FACT_SCHEMA),
        rejected.sort("seq").drop("seq"),
        texts,
    )


def compare_stories(facts: pl.DataFrame, executor: "Executor", *, progress: Progress | None = None, block_facts: int = BLOCK_FACTS) -> pl.DataFrame:
    """compare(facts), per story: the aligned facts are hashed by story id into blocks of whole stories
    (every rule is story-local), each block compared on `executor`, and the findings merged in the order
    checker.compare.finding.findings_frame gives."""
    from checker.compare import FINDING_SCHEMA
    from checker.compare.finding import SEVERITIES
    from checker.config import active_config
    from checker.execute import partition_by_key
    from checker.execute.tasks import compare_block

    partitions = max(1, min(facts.height // max(1, block_facts), 4 * executor.workers))
    blocks = partition_by_key(facts.to_arrow(), "story", partitions)
    found: list[pl.DataFrame] = []
    for done, table in enumerate(executor.apply_groups(compare_block, blocks, active_config()), 1):
        found.append(pl.from_arrow(table))
        if progress is not None:
            progress("compare", done, len(blocks))
    if not found:
        return pl.DataFrame(schema=FINDING_SCHEMA)
    merged = pl.concat([f.select(list(FINDING_SCHEMA)).cast(dict(FINDING_SCHEMA)) for f in found])
    order = pl.col("severity").replace_strict({s: i for i, s in enumerate(SEVERITIES)}, return_dtype=pl.Int8)
    return merged.unique("id", keep="first", maintain_order=True).sort(order, "story", "rule", "id", nulls_last=True)


def check_streamed(
    items: Iterable[Document | Rejected],
    *,
    engine: "str | Executor" = "local",
    workers: int | None = 1,
    scheduler: str | None = None,
    lang: str | None = None,
    published: dt.date | None = None,
    keep_texts: bool = False,
    progress: Progress | None = None,
    total: int | None = None,
    batch_size: int = BATCH_SIZE,
    block_facts: int = BLOCK_FACTS,
) -> Result:
    """Extract in batches and compare per story on an executor (checker/execute/): "local" with `workers`
    processes (None: all cores; 1: this process), "dask" (a LocalCluster of `workers`, or the
    scheduler at `scheduler`), or an Executor already running. Alignment runs here, on the compact per-document data."""
    from checker.execute import executor_for

    from contextlib import nullcontext

    # An Executor given as the engine is the caller's to close (a test's cluster, a notebook's client).
    own = isinstance(engine, str)
    with executor_for(engine, workers=workers, scheduler=scheduler) if own else nullcontext(engine) as executor:
        extraction = extract_batches(
            items, executor, lang=lang, published=published, keep_texts=keep_texts, progress=progress, total=total, batch_size=batch_size
        )
        documents, aligned = _aligned(extraction, progress)
        findings = compare_stories(aligned, executor, progress=progress, block_facts=block_facts)
    return Result(documents, aligned, findings, extraction.rejected, extraction.texts)


def check(
    sources: Sequence[str],
    *,
    texts: bool = False,
    lang: str | None = None,
    published: dt.date | None = None,
    stdin: BinaryIO | None = None,
    keep_texts: bool = False,
    progress: Progress | None = None,
    engine: str = "local",
    workers: int | None = 1,
    scheduler: str | None = None,
    batch_size: int = BATCH_SIZE,
) -> Result:
    """Check PATHs (files, folders, globs, -), or with `texts=True` the given article texts themselves
    (ids text1, text2, ...): extract, align across sources, compare. `keep_texts` keeps each document's
    text in `Result.texts` (for reports that quote in context); `progress` is told how far the run is.
    `engine`, `workers`, `scheduler`, `batch_size`: where the work runs (see check_streamed); every engine
    gives the same result."""
    options = dict(engine=engine, workers=workers, scheduler=scheduler, batch_size=batch_size)
    if texts:
        documents = [Document(id=f"text{i}", path=f"text{i}", text=text) for i, text in enumerate(sources, 1)]
        return check_streamed(
            documents, lang=lang, published=published, keep_texts=keep_texts, progress=progress, total=len(documents), **options
        )
    from checker.ingest import read_documents

    total = count_inputs(sources) if progress is not None else None
    return check_streamed(
        read_documents(sources, stdin=stdin), lang=lang, published=published, keep_texts=keep_texts, progress=progress, total=total, **options
    )
