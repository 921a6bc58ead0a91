"""The engine the front ends call: ingest -> normalise -> extract -> align -> compare.

Results are polars DataFrames with the schemas below; front ends only format them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterable, Mapping, Sequence

import polars as pl

from checker.extract.document import extract_document
from checker.ingest.document import Document, Rejected

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
    from checker.align import align
    from checker.compare import compare

    if progress is not None:
        progress("align", 0, None)
    stories, aligned = align(extraction.documents, extraction.facts)
    documents = extraction.documents.join(stories.rename({"doc": "id"}), on="id", how="left", maintain_order="left")
    if progress is not None:
        progress("compare", 0, None)
    return Result(documents, aligned, compare(aligned), extraction.rejected, extraction.texts)


def check(
    sources: Sequence[str],
    *,
    texts: bool = False,
    lang: str | None = None,
    published: dt.date | None = None,
    stdin: BinaryIO | None = None,
    keep_texts: bool = False,
    progress: Progress | None = None,
) -> Result:
    """Check PATHs (files, folders, globs, -), or with `texts=True` the given article texts themselves
    (ids text1, text2, ...): extract, align across sources, compare. `keep_texts` keeps each document's
    text in `Result.texts` (for reports that quote in context); `progress` is told how far the run is."""
    if texts:
        documents = [Document(id=f"text{i}", path=f"text{i}", text=text) for i, text in enumerate(sources, 1)]
        extraction = extract_documents(
            documents, lang=lang, published=published, keep_texts=keep_texts, progress=progress, total=len(documents)
        )
        return check_extraction(extraction, progress=progress)
    extraction = extract(sources, lang=lang, published=published, stdin=stdin, keep_texts=keep_texts, progress=progress)
    return check_extraction(extraction, progress=progress)
