"""The data that flows between the stages: the frames' schemas, an extraction and a check result, and the
contract's JSON of them (version, documents, facts, findings, summary).

Every stage imports this module and it imports no other checker module: it is the floor the pipeline
stands on (ingest -> normalise -> extract -> align -> compare -> report).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Iterator, Mapping, Protocol

import polars as pl

DOCUMENT_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Utf8,
    "path": pl.Utf8,
    "outlet": pl.Utf8,
    "url": pl.Utf8,
    "title": pl.Utf8,
    "lang": pl.Utf8,
    "published": pl.Date,
    "published_from": pl.Utf8,
    "published_time": pl.Utf8,  # the hour of publication, "HH:MM" as the source gives it (table cell, dateline), where given
    "row": pl.Int64,
    "dropped": pl.Int64,  # facts found but left out: a count on the article's own publication line
    "names": pl.List(pl.Utf8),  # consonant skeletons of the article's words (checker/align/names.py), for stories
    "events": pl.List(pl.Utf8),  # the events the article is mostly about, most frequent first
}
# A result's documents: their names stay with the extraction (they only serve to group stories).
RESULT_DOCUMENT_SCHEMA = {name: dtype for name, dtype in DOCUMENT_SCHEMA.items() if name != "names"}

# One row per fact; the contract's FACT fields plus a few that explain a value (relative, weekday, notes).
FACT_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Utf8,
    "doc": pl.Utf8,
    "kind": pl.Utf8,  # date | count | change | duration | quantity
    "zone": pl.Utf8,  # body | meta | chrome
    "text": pl.Utf8,  # == document text[start:end]
    "start": pl.Int64,
    "end": pl.Int64,
    "line": pl.Int64,
    "col": pl.Int64,
    "lang": pl.Utf8,  # language of the paragraph the fact is in
    "calendar": pl.Utf8,
    "value": pl.Utf8,  # EDTF date, ISO 8601 duration, or the number as text (see `number`)
    "number": pl.Float64,  # counts, changes and quantities: the value as a number
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
    "measure": pl.Utf8,  # what a count or change counts, or a quantity measures (depth): an id of checker/measures.toml
    "unit": pl.Utf8,  # quantities: the unit of the measurement (checker/measures.toml)
    "timeline": pl.Utf8,  # counts: "later" (rose to 95, revised down to 84) or "earlier" (an earlier toll of 103), else null
    "paired_with": pl.Utf8,  # the same day written in another calendar
    "anchor": pl.Utf8,  # counts, changes, durations: the date of the article in the same sentence
    "notes": pl.Utf8,
    # Office facts (kind office; `value` is the term's length as ISO 8601, `grain` the unit it was written in).
    "holder": pl.Utf8,  # the person as written
    "office": pl.Utf8,  # canonical office id with its country or body: president, nato_secretary_general
    "ordinal": pl.Int64,  # the Nth holder
    "acting": pl.Boolean,
    # The term's ends, flat here (CSV and Arrow carry them as they are); the JSON nests each as one object.
    **{f"{side}_{name}": dtype for side in ("term_start", "term_end") for name, dtype in (
        ("value", pl.Utf8), ("date_start", pl.Date), ("date_end", pl.Date), ("grain", pl.Utf8), ("calendar", pl.Utf8))},
}

REJECTED_SCHEMA: dict[str, pl.DataType] = {"path": pl.Utf8, "row": pl.Int64, "reason": pl.Utf8}

FINDING_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.Utf8,  # fingerprint: the same finding on the same inputs has the same id (baselines use it)
    "type": pl.Utf8,  # conflict | internal | related | agree
    "severity": pl.Utf8,  # error | warning | info
    "rule": pl.Utf8,
    "facts": pl.List(pl.Utf8),
    "docs": pl.List(pl.Utf8),
    "message": pl.Utf8,
    "story": pl.Utf8,
    "slot": pl.Utf8,
}

SEVERITIES = ("error", "warning", "info")  # worst first: every listing of findings shows errors first
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


def severity_rank() -> pl.Expr:
    """A finding's severity as its rank, to sort a findings frame worst first."""
    return pl.col("severity").replace_strict(SEVERITY_RANK, return_dtype=pl.Int8)


def fact_row(row: dict) -> dict:
    """An extractor's fact as a row of FACT_SCHEMA: a count or change's number goes to `number` too, so that
    `value` stays one type (text) across kinds."""
    out = {name: row.get(name) for name in FACT_SCHEMA}
    value = row.get("value")
    if isinstance(value, (int, float)):
        out["number"] = float(value)
        out["value"] = str(value)
    return out


class FactFiles(Protocol):
    """Facts on disk (checker.execute.spill.SpilledFacts), read whole or a file at a time."""

    count: int

    def frame(self) -> pl.DataFrame: ...

    def batches(self) -> Iterator[pl.DataFrame]: ...


class _HoldsFacts:
    """Facts held in memory (a DataFrame) or on disk (FactFiles, a streamed run): `facts` reads them
    all, `fact_batches()` a stretch at a time (reporters that write as they go), `fact_count` none."""

    fact_table: pl.DataFrame | FactFiles

    @cached_property
    def facts(self) -> pl.DataFrame:
        table = self.fact_table
        return table if isinstance(table, pl.DataFrame) else table.frame()

    @property
    def fact_count(self) -> int:
        table = self.fact_table
        return table.height if isinstance(table, pl.DataFrame) else table.count

    def fact_batches(self) -> Iterator[pl.DataFrame]:
        table = self.fact_table
        if isinstance(table, pl.DataFrame):
            yield table
        else:
            yield from table.batches()


@dataclass(frozen=True)
class Extraction(_HoldsFacts):
    documents: pl.DataFrame
    fact_table: pl.DataFrame | FactFiles
    rejected: pl.DataFrame
    # Document id -> the text fact offsets index. Kept only on request (keep_texts=True): reports that quote
    # sources in context need them; a streaming run over millions of documents must not hold them.
    texts: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Result(_HoldsFacts):
    """What `check` found: the documents (with their story), their facts (with story and slot), and the
    findings (FINDING_SCHEMA). A streamed run keeps its facts on disk until asked."""

    documents: pl.DataFrame
    fact_table: pl.DataFrame | FactFiles
    findings: pl.DataFrame
    rejected: pl.DataFrame
    texts: Mapping[str, str] | None = None  # document id -> text, when asked for (keep_texts=True)

    def to_json(self) -> str:
        return "".join(json_chunks(self))


# --- the contract's JSON ------------------------------------------------------------------------------

JSON_VERSION = 1
DOCUMENT_FIELDS = ("id", "path", "outlet", "lang", "published", "published_from", "url", "title", "row", "dropped", "published_time")
DATE_ONLY = ("calendar", "date_start", "date_end", "grain", "year_from", "relative", "weekday", "paired_with", "tolerance")
CHANGE_ONLY = ("from", "to", "ratio", "by")
NUMERIC_KINDS = ("count", "change", "quantity")  # facts whose value is a number
TERM_SIDES = ("term_start", "term_end")
TERM_FIELDS = ("value", "date_start", "date_end", "grain", "calendar")
# path/line/col: only where a finding carries its own position (editor mode: the draft's fact or comment).
FINDING_FIELDS = (
    "id", "type", "severity", "rule", "facts", "docs", "message", "story", "slot", "accepted", "accepted_reason", "path", "line", "col",
)  # fmt: skip


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def fact_json(row: dict[str, Any]) -> dict[str, Any]:
    """One fact as the contract writes it: a count's or a quantity's value is a number, a date's an EDTF
    string."""
    out = {key: _plain(value) for key, value in row.items() if key != "number"}
    if row["kind"] in NUMERIC_KINDS:
        out["value"] = _plain(row["number"])
    if row["kind"] != "date":
        out.update({key: None for key in DATE_ONLY})
    if row["kind"] != "change":
        out.update({key: None for key in CHANGE_ONLY})
    _office_json(row, out)
    return out


def _office_json(row: dict[str, Any], out: dict[str, Any]) -> None:
    """An office fact's term ends as the contract writes them: one object each, {"value", "date_start",
    "date_end", "grain", "calendar"}, or null."""
    for side in TERM_SIDES:
        parts = {name: out.pop(f"{side}_{name}", None) for name in TERM_FIELDS}
        out[side] = parts if row["kind"] == "office" and parts["value"] is not None else None


def _findings_json(frame: pl.DataFrame, fields: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    for row in frame.iter_rows(named=True):
        yield {key: row[key] for key in fields if key in row}


class _Streamed(list):
    """A list the JSON encoder walks by iterating: the facts of a streamed run, read a stretch at a time,
    and the findings a row at a time, so writing a report never holds them all as Python objects (json
    encodes lists by iteration)."""

    def __init__(self, rows: Callable[[], Iterator[dict[str, Any]]], count: int) -> None:
        super().__init__()
        self._rows, self._count = rows, count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self._rows()

    def __bool__(self) -> bool:
        return self._count > 0


def _facts_json(result: Extraction) -> Iterator[dict[str, Any]]:
    for batch in result.fact_batches():
        fields = [c for c in batch.columns if c not in ("published", "published_time", "outlet", "era")]
        for row in batch.select(fields).iter_rows(named=True):
            yield fact_json(row)


def json_document(result: Extraction, finding_fields: tuple[str, ...] = FINDING_FIELDS) -> dict[str, Any]:
    """The contract's JSON document of an extraction or a result (facts and findings read as encoded); a
    front end may list more of its findings' columns (`finding_fields`), each where the frame has it."""
    frame = getattr(result, "findings", None)
    severities = {"error": 0, "warning": 0, "info": 0}
    findings: list[dict[str, Any]] = []
    if frame is not None:
        severities.update(dict(frame["severity"].value_counts().iter_rows()))
        findings = _Streamed(lambda: _findings_json(frame, finding_fields), frame.height)
    count = result.fact_count
    return {
        "version": JSON_VERSION,
        "documents": [
            {key: _plain(row.get(key)) for key in (*DOCUMENT_FIELDS, "story") if key in row} for row in result.documents.iter_rows(named=True)
        ],
        "facts": _Streamed(lambda: _facts_json(result), count),
        "findings": findings,
        "summary": {
            "documents": result.documents.height,
            "facts": count,
            "findings": severities,
            "rejected": [{key: row[key] for key in ("path", "row", "reason")} for row in result.rejected.iter_rows(named=True)],
            "tables": tables_summary(result),
        },
    }


def json_chunks(result: Extraction) -> Iterator[str]:
    """The JSON text of an extraction or a result, a piece at a time."""
    return json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(json_document(result))


def tables_summary(result: Extraction) -> list[dict[str, Any]]:
    """Per table input (a path whose documents or rejections carry row numbers): rows read = rows checked +
    rows rejected, so a row never goes missing without a line in the summary. A file rejected whole (no
    text column, not a table) has no row numbers and is only in `rejected`; one that stops being readable
    part way counts the row it stopped at as rejected, and that row's reason says reading stopped there."""
    checked: dict[str, int] = {}
    rejected: dict[str, int] = {}
    for frame, counts in ((result.documents, checked), (result.rejected, rejected)):
        if "path" not in frame.columns or "row" not in frame.columns:  # a frame from elsewhere (gate rows)
            continue
        for path, row in frame.select("path", "row").iter_rows():
            if row is not None:
                counts[path] = counts.get(path, 0) + 1
    return [
        {"path": path, "rows": checked.get(path, 0) + rejected.get(path, 0), "checked": checked.get(path, 0), "rejected": rejected.get(path, 0)}
        for path in sorted(checked.keys() | rejected.keys())
    ]
