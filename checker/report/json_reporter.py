"""`--format json`: the contract's document (version, documents, facts, findings, summary)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, BinaryIO, Callable, Iterator

from checker.engine import Extraction
from checker.report.base import Reporter

JSON_VERSION = 1
DOCUMENT_FIELDS = ("id", "path", "outlet", "lang", "published", "published_from", "url", "title", "row", "dropped")
DATE_ONLY = ("calendar", "date_start", "date_end", "grain", "year_from", "relative", "weekday", "paired_with", "tolerance")
CHANGE_ONLY = ("from", "to", "ratio", "by")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def fact_json(row: dict[str, Any]) -> dict[str, Any]:
    """One fact as the contract writes it: a count's value is a number, a date's an EDTF string."""
    out = {key: _plain(value) for key, value in row.items() if key != "number"}
    if row["kind"] in ("count", "change"):
        out["value"] = _plain(row["number"])
    if row["kind"] != "date":
        out.update({key: None for key in DATE_ONLY})
    if row["kind"] != "change":
        out.update({key: None for key in CHANGE_ONLY})
    return out


# path/line/col: only where a finding carries its own position (editor mode: the draft's fact or comment).
FINDING_FIELDS = (
    "id", "type", "severity", "rule", "facts", "docs", "message", "story", "slot", "accepted", "accepted_reason", "path", "line", "col",
)  # fmt: skip


def _findings_json(frame: Any) -> Iterator[dict[str, Any]]:
    for row in frame.iter_rows(named=True):
        yield {key: row[key] for key in FINDING_FIELDS if key in row}


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
        fields = [c for c in batch.columns if c not in ("published", "outlet", "era")]
        for row in batch.select(fields).iter_rows(named=True):
            yield fact_json(row)


def document(result: Extraction) -> dict[str, Any]:
    frame = getattr(result, "findings", None)
    severities = {"error": 0, "warning": 0, "info": 0}
    findings: list[dict[str, Any]] = []
    if frame is not None:
        severities.update(dict(frame["severity"].value_counts().iter_rows()))
        findings = _Streamed(lambda: _findings_json(frame), frame.height)
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


class JsonReporter(Reporter):
    name = "json"

    def chunks(self, result: Extraction) -> Iterator[str]:
        return json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(document(result))

    def render(self, result: Extraction) -> str:
        return "".join(self.chunks(result))

    def write(self, result: Extraction, out: BinaryIO) -> None:
        for chunk in self.chunks(result):
            out.write(chunk.encode("utf-8"))
        out.write(b"\n")
